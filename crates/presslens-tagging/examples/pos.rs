//! Train and evaluate the part-of-speech model (`models/pos.bin`; recipe in `models/pos.md`).
//!
//! ```text
//! cargo run --release -p presslens-tagging --example pos -- train \
//!     --train /work/shared/data/ud-ewt/en_ewt-ud-train.conllu --gum /work/shared/data/gum \
//!     --clusters models/en-brown-clusters.tsv \
//!     --dev /work/shared/data/ud-ewt/en_ewt-ud-dev.conllu --out models/pos.bin
//! cargo run --release -p presslens-tagging --example pos -- eval \
//!     --model models/pos.bin --gold /work/shared/data/ud-ewt/en_ewt-ud-test.conllu --repeat 20
//! ```
//!
//! `train` starts from [`TrainConfig::pos`] (12 epochs, margin 20, domain adaptation). Options:
//! `--train FILE` (repeatable; target domain), `--gum DIR` (adds GUM's train split, from
//! `DIR/splits.md` and `DIR/dep/`, as auxiliary data), `--gum-exclude-nc` (leave out GUM's
//! non-commercial genres), `--clusters FILE` (Brown clusters, `bits TAB word` lines), `--dev FILE`,
//! `--out FILE`, `--epochs N`, `--seed N`, `--margin N`, `--adapt` / `--no-adapt`,
//! `--min-count N`, `--lexicon N` (ambiguity-class lexicon of words seen at least N times),
//! `--prune N`, `--ensemble N`, `--threads N`, `--every-epoch` (dev accuracy after each epoch),
//! `--tag-dictionary N,SHARE` (default 20,1.0; `0,1` for none).
//!
//! `eval` options: `--gold FILE` (repeatable), `--model FILE`, `--repeat N` (speed: tag the file
//! N times), `--prune N` (drop stored weights with |w| <= N first), `--resave FILE`,
//! `--confusions` (most frequent UPOS errors), `--predictions FILE` (gold and predicted tags).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use presslens_tagging::pos::{eval_pos, gum_split_files, train_pos, PosTagger};
use presslens_tagging::{TrainConfig, WordClusters};
use std::sync::Arc;

/// GUM genres whose texts are licensed for non-commercial use only.
const GUM_NC: &[&str] = &["_essay_", "_fiction_", "_letter_", "_podcast_", "_whow_"];

fn usage() -> ExitCode {
    eprintln!(
        "usage: pos train [--train FILE]... [--gum DIR] [--gum-exclude-nc] [--clusters FILE] [--dev FILE]\n\
         \x20                 [--out FILE] [--epochs N] [--seed N] [--margin N] [--adapt|--no-adapt] [--min-count N]\n\
         \x20                 [--lexicon N] [--prune N] [--ensemble N] [--threads N] [--every-epoch]\n\
         \x20      pos eval --gold FILE [--model FILE] [--repeat N] [--prune N] [--resave FILE]\n\
         \x20                 [--confusions] [--predictions FILE]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("train") => run(train(&args[1..])),
        Some("eval") => run(eval(&args[1..])),
        _ => usage(),
    }
}

fn run(r: Result<(), String>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn value<'a>(args: &'a [String], i: &mut usize) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{} needs a value", args[*i - 1]))
}

fn num<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a number: {s}"))
}

fn train(args: &[String]) -> Result<(), String> {
    let mut cfg = TrainConfig {
        verbose: true,
        ..TrainConfig::pos()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    let mut aux: Vec<PathBuf> = Vec::new();
    let mut gum: Option<PathBuf> = None;
    let mut gum_nc = true;
    let mut dev: Option<PathBuf> = None;
    let mut out = PathBuf::from("models/pos.bin");
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--train" => files.push(value(args, &mut i)?.into()),
            "--gum" => gum = Some(value(args, &mut i)?.into()),
            "--gum-exclude-nc" => gum_nc = false,
            "--dev" => dev = Some(value(args, &mut i)?.into()),
            "--out" => out = value(args, &mut i)?.into(),
            "--epochs" => cfg.epochs = num(value(args, &mut i)?)?,
            "--seed" => cfg.seed = num(value(args, &mut i)?)?,
            "--min-count" => cfg.min_feature_count = num(value(args, &mut i)?)?,
            "--lexicon" => cfg.lexicon_min_count = num(value(args, &mut i)?)?,
            "--prune" => cfg.prune = num(value(args, &mut i)?)?,
            "--clusters" => {
                let p = PathBuf::from(value(args, &mut i)?);
                let c = WordClusters::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                cfg.clusters = Some(Arc::new(c));
            }
            "--every-epoch" => cfg.eval_every_epoch = true,
            "--adapt" => cfg.domain_adaptation = true,
            "--no-adapt" => cfg.domain_adaptation = false,
            "--margin" => cfg.margin = num(value(args, &mut i)?)?,
            "--ensemble" => cfg.ensemble = num(value(args, &mut i)?)?,
            "--threads" => cfg.threads = num(value(args, &mut i)?)?,
            "--tag-dictionary" => {
                let v = value(args, &mut i)?;
                let (c, sh) = v.split_once(',').ok_or("--tag-dictionary N,SHARE")?;
                cfg.tagdict_min_count = num(c)?;
                cfg.tagdict_min_share = num(sh)?;
            }
            a => return Err(format!("unknown option {a}")),
        }
        i += 1;
    }
    if let Some(g) = &gum {
        let excl: &[&str] = if gum_nc { &[] } else { GUM_NC };
        let extra = gum_split_files(&g.join("splits.md"), &g.join("dep"), "train", excl)
            .map_err(|e| e.to_string())?;
        eprintln!("GUM train documents: {}", extra.len());
        aux.extend(extra);
    }
    if files.is_empty() {
        return Err("no --train files".into());
    }
    let (tagger, report) =
        train_pos(&files, &aux, dev.as_deref(), &cfg).map_err(|e| e.to_string())?;
    let bytes = tagger.to_bytes();
    if let Some(parent) = out.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
    }
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes): {} labels, {} features, {} weights, lexicon {} words, {} cluster entries; trained in {:.1}s",
        out.display(),
        bytes.len(),
        report.n_labels,
        report.features_in_model,
        report.weights_in_model,
        report.lexicon_words,
        report.cluster_entries,
        report.secs
    );
    if let (Some(q), Some(f)) = (report.dev_acc, report.dev_acc_float) {
        eprintln!(
            "dev (combined label) accuracy: {:.2}% quantised, {:.2}% unquantised",
            100.0 * q,
            100.0 * f
        );
    }
    if let Some(d) = &dev {
        print_eval(&tagger, d)?;
    }
    Ok(())
}

fn print_eval(tagger: &PosTagger, gold: &Path) -> Result<(), String> {
    let score = eval_pos(tagger, gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    println!("{}: {score}", gold.display());
    Ok(())
}

fn eval(args: &[String]) -> Result<(), String> {
    let mut model = PathBuf::from("models/pos.bin");
    let mut gold: Vec<PathBuf> = Vec::new();
    let mut repeat = 1usize;
    let mut confusions = false;
    let mut prune = 0u16;
    let mut resave: Option<PathBuf> = None;
    let mut predictions: Option<PathBuf> = None;
    let mut tagdict: Option<(u32, f32)> = None;
    let mut dict_train: Vec<PathBuf> = Vec::new();
    let mut dict_gum: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--model" => model = value(args, &mut i)?.into(),
            "--repeat" => repeat = num(value(args, &mut i)?)?,
            "--prune" => prune = num(value(args, &mut i)?)?,
            "--resave" => resave = Some(PathBuf::from(value(args, &mut i)?)),
            "--confusions" => confusions = true,
            "--predictions" => predictions = Some(PathBuf::from(value(args, &mut i)?)),
            "--gold" => gold.push(value(args, &mut i)?.into()),
            "--tagdict" => {
                let v = value(args, &mut i)?;
                let (c, sh) = v.split_once(',').ok_or("--tagdict N,SHARE")?;
                tagdict = Some((num(c)?, num(sh)?));
            }
            "--dict-train" => dict_train.push(value(args, &mut i)?.into()),
            "--dict-gum" => dict_gum = Some(value(args, &mut i)?.into()),
            a => return Err(format!("unknown option {a}")),
        }
        i += 1;
    }
    if gold.is_empty() {
        return Err("no --gold file".into());
    }
    let bytes = std::fs::read(&model).map_err(|e| format!("{}: {e}", model.display()))?;
    // Loading time: the fastest of up to 10 loads from memory (file reading excluded).
    let mut load = std::time::Duration::MAX;
    let mut loaded = None;
    for _ in 0..repeat.clamp(1, 10) {
        let t0 = Instant::now();
        let t = PosTagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
        load = load.min(t0.elapsed());
        loaded = Some(t);
    }
    let mut tagger = loaded.ok_or("no model")?;
    if prune > 0 {
        let m = tagger.model().pruned(prune);
        eprintln!("pruned |w| <= {prune}: {} weights left", m.n_weights());
        tagger = PosTagger::from_model(m).map_err(|e| e.to_string())?;
    }
    if let Some((c, sh)) = tagdict {
        // Rebuild the tag dictionary from the training data (as `train` does) and install it.
        let mut files = dict_train.clone();
        if let Some(g) = &dict_gum {
            files.extend(
                gum_split_files(&g.join("splits.md"), &g.join("dep"), "train", &[])
                    .map_err(|e| e.to_string())?,
            );
        }
        let sents =
            presslens_tagging::pos::read_pos_sentences(&files, 0).map_err(|e| e.to_string())?;
        let mut m = tagger.model().clone();
        let dict = presslens_tagging::pos::tag_dictionary(&sents, m.labels(), c, sh);
        let pairs: Vec<(&str, u16)> = dict.iter().map(|(w, y)| (w.as_str(), *y)).collect();
        m.set_tag_dictionary(&pairs);
        eprintln!(
            "tag dictionary: {} words (min count {c}, min share {sh})",
            m.tag_dictionary_len()
        );
        tagger = PosTagger::from_model(m).map_err(|e| e.to_string())?;
    }
    if let Some(p) = &resave {
        std::fs::write(p, tagger.to_bytes()).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    eprintln!(
        "loaded {} ({} bytes, {} features, {} weights) in {:.1} ms",
        model.display(),
        bytes.len(),
        tagger.model().n_features(),
        tagger.model().n_weights(),
        load.as_secs_f64() * 1000.0
    );
    for g in &gold {
        let score = eval_pos(&tagger, g).map_err(|e| format!("{}: {e}", g.display()))?;
        println!("{}: {score}", g.display());
        if repeat > 1 {
            bench(&tagger, g, repeat)?;
        }
        if confusions {
            print_confusions(&tagger, g)?;
        }
        if let Some(p) = &predictions {
            write_predictions(&tagger, g, p)?;
        }
    }
    Ok(())
}

/// Prints the most frequent UPOS confusions (gold -> predicted) and the words involved.
fn print_confusions(tagger: &PosTagger, gold: &Path) -> Result<(), String> {
    use std::collections::HashMap;
    let sents = presslens_tagging::readers::read_conllu(gold).map_err(|e| e.to_string())?;
    let mut pairs: HashMap<(String, String), (usize, HashMap<String, usize>)> = HashMap::new();
    for s in &sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for ((u, _), g) in tagger.tag(&words).iter().zip(&s.words) {
            if *u != g.upos {
                let e = pairs.entry((g.upos.clone(), u.to_string())).or_default();
                e.0 += 1;
                *e.1.entry(g.form.clone()).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = pairs.into_iter().collect();
    v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    for ((g, p), (n, words)) in v.iter().take(25) {
        let mut w: Vec<_> = words.iter().collect();
        w.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let ex: Vec<String> = w.iter().take(8).map(|(k, c)| format!("{k}:{c}")).collect();
        println!("{n:>5} {g:>6} -> {p:<6} {}", ex.join(" "));
    }
    Ok(())
}

/// Writes `form TAB gold-UPOS TAB UPOS TAB gold-XPOS TAB XPOS` lines, a blank line after each
/// sentence.
fn write_predictions(tagger: &PosTagger, gold: &Path, out: &Path) -> Result<(), String> {
    use std::fmt::Write as _;
    let sents = presslens_tagging::readers::read_conllu(gold).map_err(|e| e.to_string())?;
    let mut text = String::new();
    for s in &sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for ((u, x), g) in tagger.tag(&words).iter().zip(&s.words) {
            let _ = writeln!(text, "{}\t{}\t{u}\t{}\t{x}", g.form, g.upos, g.xpos);
        }
        text.push('\n');
    }
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))
}

/// Tags the sentences of `gold` `repeat` times on this thread; prints the best wall-clock
/// speed and the speed by CPU time (less sensitive to other processes on the machine).
fn bench(tagger: &PosTagger, gold: &Path, repeat: usize) -> Result<(), String> {
    let sents = presslens_tagging::readers::read_conllu(gold).map_err(|e| e.to_string())?;
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = words.iter().map(Vec::len).sum();
    let mut scratch = presslens_tagging::Scratch::new();
    let mut out = Vec::new();
    let mut best = f64::MAX;
    let mut check = 0usize;
    let cpu0 = cpu_secs();
    for _ in 0..repeat {
        let t0 = Instant::now();
        for w in &words {
            tagger.tag_ids(w, &mut scratch, &mut out);
            check += out.len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    let cpu = (cpu_secs() - cpu0) / repeat as f64;
    println!(
        "speed: {n} tokens, {} sentences; best of {repeat}: {:.0} tokens/s ({:.0} sentences/s); by CPU time: {:.0} tokens/s ({check} tags)",
        words.len(),
        n as f64 / best,
        words.len() as f64 / best,
        if cpu > 0.0 { n as f64 / cpu } else { 0.0 }
    );
    Ok(())
}

/// User + system CPU time of this process, in seconds (Linux `/proc/self/stat`; 0 elsewhere).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}
