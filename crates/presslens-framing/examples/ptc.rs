//! Train, evaluate and cross-validate the framing tagger on the Propaganda Techniques Corpus.
//!
//! ```sh
//! cargo run --release -p presslens-framing --example ptc -- cv    --ptc ../shared/data/ptc --clusters models/en-brown-clusters.tsv
//! cargo run --release -p presslens-framing --example ptc -- train --ptc ../shared/data/ptc --clusters models/en-brown-clusters.tsv --out models/framing.bin
//! cargo run --release -p presslens-framing --example ptc -- eval  --ptc ../shared/data/ptc [--model models/framing.bin]
//! cargo run --release -p presslens-framing --example ptc -- speed --ptc ../shared/data/ptc [--model models/framing.bin]
//! cargo run --release -p presslens-framing --example ptc -- dens  --ptc ../shared/data/ptc   # lexicon-density terciles
//! ```
//!
//! Options: `--folds N` (5), `--seed N` (20261125, fold split), `--epochs N`, `--margin N`,
//! `--min-count N`, `--prune N`, `--ensemble N`, `--penalty X` (O penalty), `--penalties X,Y,…`
//! (cv: score several O penalties), `--density-shift X` (cv: the O-penalty shift of the density
//! tiers, 0 for none), `--merged` (one label for both techniques),
//! `--pred-out FILE` and `--gold-out FILE` (SI files for `tools/task-SI_scorer.py`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use presslens_framing::ptc::read_ptc;
use presslens_framing::ptc::TECHNIQUES;
use presslens_framing::score::{parse_labels, si_score, to_si_tsv, SiScore};
use presslens_framing::{
    cross_validate, evaluate, gold_map, predict_all, tokenize, train, Framer, FramingTrainConfig,
    LabelMode, Predictor, PtcReport,
};
use presslens_tagging::WordClusters;

/// One timed job: text and token spans in, a count out.
type Job<'a> = dyn Fn(&str, &[(usize, usize)]) -> usize + 'a;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn num<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    arg(args, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn line(name: &str, s: &SiScore) {
    println!(
        "{name:<8} P {:.4}  R {:.4}  F1 {:.4}  (pred {}, gold {})",
        s.precision, s.recall, s.f1, s.predicted, s.gold
    );
}

fn print_report(r: &PtcReport) {
    println!("articles {}  tokens {}", r.articles, r.tokens);
    line("lexicon", &r.lexicon);
    line("model", &r.model);
    line("union", &r.union);
    if !r.fold_f1.is_empty() {
        let f: Vec<String> = r.fold_f1.iter().map(|x| format!("{x:.4}")).collect();
        println!("folds    {}", f.join(" "));
    }
    println!("tagger   {:.0} tokens/s", r.tokens_per_sec);
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().cloned().unwrap_or_default();
    if cmd == "score" {
        return score_files(&args);
    }
    let ptc = PathBuf::from(arg(&args, "--ptc").unwrap_or_else(|| "../shared/data/ptc".into()));
    let articles = read_ptc(
        &ptc.join("train-articles"),
        &ptc.join("train-labels-task2-technique-classification"),
    )
    .map_err(|e| format!("{}: {e}", ptc.display()))?;
    let clusters = match arg(&args, "--clusters") {
        Some(p) => Some(Arc::new(
            WordClusters::read(Path::new(&p)).map_err(|e| format!("{p}: {e}"))?,
        )),
        None => None,
    };
    let d = FramingTrainConfig::default();
    let cfg = FramingTrainConfig {
        epochs: num(&args, "--epochs", d.epochs),
        margin: num(&args, "--margin", d.margin),
        min_feature_count: num(&args, "--min-count", d.min_feature_count),
        prune: num(&args, "--prune", d.prune),
        ensemble: num(&args, "--ensemble", d.ensemble),
        o_penalty: num(&args, "--penalty", d.o_penalty),
        density_shift: num(&args, "--density-shift", d.density_shift),
        labels: if args.iter().any(|a| a == "--merged") {
            LabelMode::Merged
        } else {
            LabelMode::Split
        },
        clusters,
        verbose: args.iter().any(|a| a == "--verbose"),
        ..d
    };
    let write = |flag: &str, text: String| -> Result<(), String> {
        if let Some(p) = arg(&args, flag) {
            std::fs::write(&p, text).map_err(|e| format!("{p}: {e}"))?;
        }
        Ok(())
    };
    write("--gold-out", to_si_tsv(&gold_map(&articles)))?;
    match cmd.as_str() {
        "cv" => {
            let folds = num(&args, "--folds", 5usize);
            let seed = num(&args, "--seed", 20261125u64);
            let penalties: Vec<f32> = arg(&args, "--penalties")
                .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
                .unwrap_or_else(|| vec![cfg.o_penalty]);
            let runs = cross_validate(&articles, &cfg, folds, seed, &penalties)
                .map_err(|e| e.to_string())?;
            let several = runs.len() > 1;
            for (p, r, pred) in runs {
                println!(
                    "{folds}-fold cross-validation, seed {seed}, {:?} labels, O penalty {p}",
                    cfg.labels
                );
                print_report(&r);
                if let Some(path) = arg(&args, "--pred-out") {
                    // With several penalties, one file each: PATH.PENALTY.
                    let path = if several { format!("{path}.{p}") } else { path };
                    std::fs::write(&path, to_si_tsv(&pred)).map_err(|e| format!("{path}: {e}"))?;
                }
            }
        }
        "dens" => {
            let mut d: Vec<f64> = articles
                .iter()
                .map(|a| presslens_framing::text_lexicon_density(&a.text, &tokenize(&a.text)))
                .collect();
            if d.is_empty() {
                return Err("no articles".into());
            }
            d.sort_by(|a, b| a.total_cmp(b));
            println!("terciles {:.4} {:.4}", d[d.len() / 3], d[2 * d.len() / 3]);
            let q: Vec<String> = (1..5)
                .map(|k| format!("{:.4}", d[k * d.len() / 5]))
                .collect();
            println!("quintiles {}", q.join(" "));
        }
        "train" => {
            let out = arg(&args, "--out").unwrap_or_else(|| "models/framing.bin".into());
            let bytes = train(&articles, &cfg).map_err(|e| e.to_string())?;
            std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
            println!("wrote {out} ({} bytes)", bytes.len());
        }
        "eval" => {
            let framer = match arg(&args, "--model") {
                Some(p) => {
                    let b = std::fs::read(&p).map_err(|e| format!("{p}: {e}"))?;
                    Framer::from_bytes(&b).map_err(|e| e.to_string())?
                }
                None => Framer::from_bytes(presslens_framing::EMBEDDED_MODEL)
                    .map_err(|e| e.to_string())?,
            };
            let r = evaluate(&articles, &framer);
            print_report(&r);
            let pred = predict_all(&framer, &articles, Predictor::Model);
            let check = si_score(&pred, &gold_map(&articles));
            debug_assert_eq!(check, r.model);
            write("--pred-out", to_si_tsv(&pred))?;
        }
        "speed" => {
            let framer = match arg(&args, "--model") {
                Some(p) => {
                    let b = std::fs::read(&p).map_err(|e| format!("{p}: {e}"))?;
                    Framer::from_bytes(&b).map_err(|e| e.to_string())?
                }
                None => Framer::from_bytes(presslens_framing::EMBEDDED_MODEL)
                    .map_err(|e| e.to_string())?,
            };
            let reps = num(&args, "--reps", 3usize);
            let toks: Vec<Vec<(usize, usize)>> =
                articles.iter().map(|a| tokenize(&a.text)).collect();
            let n: usize = toks.iter().map(Vec::len).sum::<usize>() * reps;
            let time = |f: &Job<'_>| {
                let (c0, w0) = (cpu_secs(), std::time::Instant::now());
                let mut k = 0;
                for _ in 0..reps {
                    for (a, t) in articles.iter().zip(&toks) {
                        k += f(&a.text, t);
                    }
                }
                let cpu = cpu_secs() - c0;
                let wall = w0.elapsed().as_secs_f64();
                (k, n as f64 / cpu.max(1e-9), n as f64 / wall.max(1e-9))
            };
            let (_, c, w) = time(&|t, k| framer.model_hits(t, k).len());
            println!("tagger   {c:.0} tokens/s CPU ({w:.0} wall), {n} tokens");
            let (_, c, w) = time(&|t, k| framer.core_only(t, k));
            println!("core     {c:.0} tokens/s CPU ({w:.0} wall) (model without extra features)");
            let (_, c, w) = time(&|t, k| framer.lexicon_hits(t, k, None).len());
            println!("lexicon  {c:.0} tokens/s CPU ({w:.0} wall)");
            let (_, c, w) = time(&|t, k| presslens_framing::tone(t, k, None, 10).word_count);
            println!("tone     {c:.0} tokens/s CPU ({w:.0} wall)");
        }
        _ => return Err("usage: ptc train|eval|cv|speed --ptc DIR [options]".into()),
    }
    Ok(())
}

/// `score --pred FILE --gold FILE`: the SI score of a submission file against a gold file (SI
/// format, or TC format restricted to the two techniques).
fn score_files(args: &[String]) -> Result<(), String> {
    let read = |flag: &str| -> Result<String, String> {
        let p = arg(args, flag).ok_or(format!("score needs {flag} FILE"))?;
        std::fs::read_to_string(&p).map_err(|e| format!("{p}: {e}"))
    };
    let pred = parse_labels(&read("--pred")?, &[]);
    let gold = parse_labels(&read("--gold")?, &TECHNIQUES);
    let s = si_score(&pred, &gold);
    line("score", &s);
    println!("F1 {:.6} P {:.6} R {:.6}", s.f1, s.precision, s.recall);
    Ok(())
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks a second);
/// 0 elsewhere.
fn cpu_secs() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ptc: {e}");
            ExitCode::FAILURE
        }
    }
}
