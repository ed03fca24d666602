//! NER tooling: compile the gazetteer, train the model, evaluate it, measure its speed.
//!
//! ```text
//! cargo run --release -p presslens-ner --example ner -- gazetteer --geonames ../shared/data/geonames
//! cargo run --release -p presslens-ner --example ner -- train [--data ../shared/data]
//!     [--epochs 10] [--seed 1] [--folds 2] [--min-count 2] [--prune 100]
//!     [--sources conll,wikigold,uner,gum] [--no-da] [--serial] [--stage2-pos] [--dev FILE]
//!     [--clusters models/en-brown-clusters.tsv [--stage2-clusters]] [--o-dict-count 10]
//!     [--o-dict-share 1.0]
//! cargo run --release -p presslens-ner --example ner -- odict [--o-dict-count 10] [--o-dict-share 1.0]
//!     [--model models/ner.bin] [--out FILE]
//! cargo run --release -p presslens-ner --example ner -- eval --gold FILE [--errors OUT]
//!     [--stage1-only | --full-stage2]
//! cargo run --release -p presslens-ner --example ner -- bench --gold FILE [--rounds 5]
//! ```
//! Model and gazetteer paths default to `models/ner.bin` and `models/gazetteer.bin`
//! (`--model`, `--gazetteer`); run from the workspace root.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use presslens_ner::eval::{evaluate, format_report};
use presslens_ner::train::{train_ner, NerTrainConfig};
use presslens_ner::{
    entity_counts, read_any, read_gum_train, Document, Gazetteer, Recognizer, Stage2Mode,
};

struct Args {
    rest: Vec<String>,
}

impl Args {
    fn opt(&self, name: &str) -> Option<String> {
        let i = self.rest.iter().position(|a| a == name)?;
        self.rest.get(i + 1).cloned()
    }
    fn flag(&self, name: &str) -> bool {
        self.rest.iter().any(|a| a == name)
    }
    fn num<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.opt(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("bad value for {name}: {v}")),
        }
    }
}

fn read_file(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn load(args: &Args) -> Result<Recognizer, String> {
    let m = read_file(&PathBuf::from(
        args.opt("--model").unwrap_or("models/ner.bin".into()),
    ))?;
    let g = read_file(&PathBuf::from(
        args.opt("--gazetteer")
            .unwrap_or("models/gazetteer.bin".into()),
    ))?;
    let mut r = Recognizer::from_bytes(&m, &g).map_err(|e| e.to_string())?;
    if args.flag("--stage1-only") {
        r.set_stage2_mode(Stage2Mode::Never);
    } else if args.flag("--full-stage2") {
        r.set_stage2_mode(Stage2Mode::Always);
    }
    Ok(r)
}

fn load_training(data: &Path, sources: &str) -> Result<Vec<Document>, String> {
    let mut docs = Vec::new();
    let io = |e: std::io::Error| e.to_string();
    for src in sources.split(',').map(str::trim) {
        let before = docs.len();
        match src {
            "conll" => docs.extend(read_any(&data.join("conll2003/eng.train"), 0).map_err(io)?),
            "wikigold" => {
                docs.extend(read_any(&data.join("wikigold/wikigold.conll.txt"), 1).map_err(io)?)
            }
            "uner" => {
                docs.extend(read_any(&data.join("uner-ewt/en_ewt-ud-dev.iob2"), 2).map_err(io)?)
            }
            "gum" => docs.extend(read_gum_train(&data.join("gum"), 3).map_err(io)?),
            "" => {}
            other => return Err(format!("unknown source {other}")),
        }
        let added = &docs[before..];
        eprintln!(
            "{src}: {} documents, {} sentences, entities {:?}",
            added.len(),
            added.iter().map(|d| d.sentences.len()).sum::<usize>(),
            entity_counts(added)
        );
    }
    Ok(docs)
}

fn run() -> Result<(), String> {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.is_empty() {
        return Err("usage: ner (gazetteer|train|eval) [options]".into());
    }
    let cmd = argv.remove(0);
    let args = Args { rest: argv };
    let gaz_path = PathBuf::from(
        args.opt("--gazetteer")
            .unwrap_or("models/gazetteer.bin".into()),
    );
    match cmd.as_str() {
        "gazetteer" => {
            let dir = PathBuf::from(
                args.opt("--geonames")
                    .unwrap_or("../shared/data/geonames".into()),
            );
            let g = Gazetteer::compile_geonames(&dir).map_err(|e| e.to_string())?;
            let b = g.to_bytes();
            std::fs::write(&gaz_path, &b).map_err(|e| format!("{}: {e}", gaz_path.display()))?;
            println!(
                "wrote {} ({} phrases, {} bytes)",
                gaz_path.display(),
                g.len(),
                b.len()
            );
        }
        "train" => {
            let data = PathBuf::from(args.opt("--data").unwrap_or("../shared/data".into()));
            let sources = args
                .opt("--sources")
                .unwrap_or("conll,wikigold,uner,gum".into());
            let cfg = NerTrainConfig {
                epochs: args.num("--epochs", 10)?,
                seed: args.num("--seed", 1)?,
                folds: args.num("--folds", 2)?,
                domain_adaptation: !args.flag("--no-da"),
                parallel: !args.flag("--serial"),
                min_feature_count: args.num("--min-count", 2)?,
                prune: args.num("--prune", 100)?,
                stage2_features: if args.flag("--stage2-pos") {
                    presslens_tagging::FeatureSet::Pos
                } else {
                    presslens_tagging::FeatureSet::Ner
                },
                clusters: match args.opt("--clusters") {
                    Some(p) => Some(std::sync::Arc::new(
                        presslens_tagging::WordClusters::read(Path::new(&p))
                            .map_err(|e| format!("{p}: {e}"))?,
                    )),
                    None => None,
                },
                stage2_clusters: args.flag("--stage2-clusters"),
                verbose: args.flag("--verbose"),
                o_dict_min_count: args.num("--o-dict-count", 10)?,
                o_dict_min_share: args.num("--o-dict-share", 1.0)?,
            };
            let gaz = Gazetteer::from_bytes(&read_file(&gaz_path)?).map_err(|e| e.to_string())?;
            let docs = load_training(&data, &sources)?;
            let t0 = Instant::now();
            let (rec, bytes, rep) = train_ner(&docs, &gaz, &cfg).map_err(|e| e.to_string())?;
            let out = PathBuf::from(args.opt("--model").unwrap_or("models/ner.bin".into()));
            std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "trained on {} docs / {} sentences / {} tokens in {:.1} s (epochs {}, seed {}, folds {}, \
                 domain adaptation {}, min count {}, prune {}, clusters {} words{}); weights {:?}; \
                 wrote {} ({} bytes)",
                rep.documents,
                rep.sentences,
                rep.tokens,
                t0.elapsed().as_secs_f64(),
                cfg.epochs,
                cfg.seed,
                cfg.folds,
                cfg.domain_adaptation,
                cfg.min_feature_count,
                cfg.prune,
                cfg.clusters.as_ref().map_or(0, |c| c.len()),
                if cfg.stage2_clusters { " (both stages)" } else { "" },
                rep.weights,
                out.display(),
                bytes.len()
            );
            if let Some(dev) = args.opt("--dev") {
                let gold = read_any(Path::new(&dev), 0).map_err(|e| e.to_string())?;
                print!("{}", format_report(&evaluate(&rec, &gold)));
            }
        }
        "odict" => {
            // Attaches the O dictionary to a trained model (same bytes as training with it).
            let data = PathBuf::from(args.opt("--data").unwrap_or("../shared/data".into()));
            let sources = args
                .opt("--sources")
                .unwrap_or("conll,wikigold,uner,gum".into());
            let docs = load_training(&data, &sources)?;
            let model = PathBuf::from(args.opt("--model").unwrap_or("models/ner.bin".into()));
            let out = PathBuf::from(args.opt("--out").unwrap_or(model.display().to_string()));
            let (bytes, n) = presslens_ner::train::attach_o_dictionary_bytes(
                &read_file(&model)?,
                &docs,
                args.num("--o-dict-count", 10)?,
                args.num("--o-dict-share", 1.0)?,
            )
            .map_err(|e| e.to_string())?;
            std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "O dictionary: {n} words; wrote {} ({} bytes)",
                out.display(),
                bytes.len()
            );
        }
        "eval" => {
            let gold_path = args.opt("--gold").ok_or("eval needs --gold FILE")?;
            let rec = load(&args)?;
            let gold = read_any(Path::new(&gold_path), 0).map_err(|e| e.to_string())?;
            println!("{gold_path}");
            print!("{}", format_report(&evaluate(&rec, &gold)));
            if let Some(p) = args.opt("--errors") {
                let e = presslens_ner::eval::errors(&rec, &gold).join("\n");
                std::fs::write(&p, e).map_err(|e| format!("{p}: {e}"))?;
            }
        }
        "bench" => {
            let gold_path = args.opt("--gold").ok_or("bench needs --gold FILE")?;
            let rounds: usize = args.num("--rounds", 5)?;
            let rec = load(&args)?;
            let gold = read_any(Path::new(&gold_path), 0).map_err(|e| e.to_string())?;
            let docs: Vec<Vec<Vec<&str>>> = gold
                .iter()
                .map(|d| {
                    d.sentences
                        .iter()
                        .map(|s| s.words.iter().map(String::as_str).collect())
                        .collect()
                })
                .collect();
            let words: usize = docs.iter().flatten().map(Vec::len).sum();
            let mut best = f64::MAX;
            let cpu0 = cpu_secs();
            let mut n_spans = 0usize;
            for _ in 0..rounds {
                let t0 = Instant::now();
                for d in &docs {
                    n_spans += rec.recognize(d).iter().map(Vec::len).sum::<usize>();
                }
                best = best.min(t0.elapsed().as_secs_f64());
            }
            let cpu = (cpu_secs() - cpu0) / rounds as f64;
            println!(
                "CPU time per round {cpu:.3} s = {:.0} words/s",
                words as f64 / cpu
            );
            println!(
                "{words} words, best of {rounds}: {best:.3} s = {:.0} words/s ({n_spans} spans)",
                words as f64 / best
            );
        }
        other => return Err(format!("unknown command {other}")),
    }
    Ok(())
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks per second).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
