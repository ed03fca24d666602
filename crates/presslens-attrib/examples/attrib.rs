//! Train and evaluate the attribution tagger on PolNeAR.
//!
//! ```text
//! cargo run --release -p presslens-attrib --example attrib -- train \
//!     --train /work/shared/data/polnear/data/train [--dev /work/shared/data/polnear/data/dev] \
//!     [--out models/attribution.bin] [--cues resources/cues.tsv] [--epochs1 8] [--epochs2 8] \
//!     [--folds 4] [--seed 1] [--annotators first|all] [--min-count 2] [--prune 0] \
//!     [--margin 0] [--clusters models/en-brown-clusters.tsv] [--lex-min 3] [--verbose]
//! cargo run --release -p presslens-attrib --example attrib -- eval \
//!     --gold /work/shared/data/polnear/data/dev [--model models/attribution.bin] \
//!     [--annotators all|first] [--passes N]
//! cargo run --release -p presslens-attrib --example attrib -- errors \
//!     --gold /work/shared/data/polnear/data/dev [--model models/attribution.bin]
//! cargo run --release -p presslens-attrib --example attrib -- article FILE \
//!     [--model models/attribution.bin]
//! cargo run --release -p presslens-attrib --example attrib -- prune \
//!     --model IN --out OUT [--max-abs 3]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use presslens_attrib::corpus::{load_dir, AnnotatorPolicy};
use presslens_attrib::score::{evaluate_docs, tag_document};
use presslens_attrib::train::{cue_counts, train, AttribTrainConfig};
use presslens_attrib::AttribTagger;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn num<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T, String> {
    match arg(args, name) {
        Some(v) => v.parse().map_err(|_| format!("bad value for {name}: {v}")),
        None => Ok(default),
    }
}

fn policy(args: &[String], default: AnnotatorPolicy) -> Result<AnnotatorPolicy, String> {
    match arg(args, "--annotators").as_deref() {
        None => Ok(default),
        Some("first") => Ok(AnnotatorPolicy::First),
        Some("all") => Ok(AnnotatorPolicy::All),
        Some(x) => Err(format!("--annotators: expected first or all, got {x}")),
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().cloned().unwrap_or_default();
    match cmd.as_str() {
        "train" => {
            let train_dir = PathBuf::from(arg(&args, "--train").ok_or("--train DIR required")?);
            let out = PathBuf::from(arg(&args, "--out").unwrap_or_else(|| "models/attribution.bin".into()));
            let cfg = AttribTrainConfig {
                epochs1: num(&args, "--epochs1", 8)?,
                epochs2: num(&args, "--epochs2", 8)?,
                folds: num(&args, "--folds", 4)?,
                seed: num(&args, "--seed", 1)?,
                min_feature_count: num(&args, "--min-count", 2)?,
                lexicon_min_cue: num(&args, "--lex-min", 3)?,
                prune: num(&args, "--prune", 0)?,
                margin: num(&args, "--margin", 0)?,
                clusters: match arg(&args, "--clusters") {
                    Some(p) => Some(std::sync::Arc::new(
                        presslens_tagging::WordClusters::read(std::path::Path::new(&p)).map_err(|e| format!("{p}: {e}"))?,
                    )),
                    None => None,
                },
                verbose: args.iter().any(|a| a == "--verbose"),
            };
            let docs = load_dir(&train_dir, policy(&args, AnnotatorPolicy::First)?).map_err(|e| e.to_string())?;
            let conflicts: usize = docs.iter().map(|d| d.conflicts).sum();
            eprintln!("train: {} documents ({} conflicting tokens)", docs.len(), conflicts);
            let (tagger, summary) = train(&docs, &cfg).map_err(|e| e.to_string())?;
            let bytes = tagger.to_bytes();
            std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            eprintln!(
                "trained in {:.1}s: {} windows, {} tokens, lexicon {}; wrote {} ({} bytes)",
                summary.secs,
                summary.windows,
                summary.tokens,
                summary.lexicon,
                out.display(),
                bytes.len()
            );
            if let Some(cues) = arg(&args, "--cues") {
                let mut s = String::from(
                    "# presslens resource: reporting-cue word forms derived by presslens code (presslens-attrib `attrib train --cues`)\n\
                     # from the PolNeAR train annotations (Newell, Margolin & Ruths, LREC 2018): word forms and counts only, no text.\n\
                     # A form is listed when it occurs inside cue spans at least 3 times and in at least 20% of its occurrences.\n\
                     # Columns: lower-case cue form <TAB> count\n",
                );
                for (w, c, t) in cue_counts(&docs) {
                    if c >= 3 && f64::from(c) >= 0.2 * f64::from(t) && !w.contains(char::is_whitespace) {
                        s.push_str(&format!("{w}\t{c}\n"));
                    }
                }
                std::fs::write(&cues, s).map_err(|e| format!("{cues}: {e}"))?;
            }
            if let Some(dev) = arg(&args, "--dev") {
                let docs = load_dir(&PathBuf::from(dev), AnnotatorPolicy::All).map_err(|e| e.to_string())?;
                for p in 1..=tagger.passes() {
                    println!("dev, passes {p}:\n{}", evaluate_docs(&tagger, &docs, p));
                }
            }
            Ok(())
        }
        "eval" => {
            let gold = PathBuf::from(arg(&args, "--gold").ok_or("--gold DIR required")?);
            let model = PathBuf::from(arg(&args, "--model").unwrap_or_else(|| "models/attribution.bin".into()));
            let bytes = std::fs::read(&model).map_err(|e| format!("{}: {e}", model.display()))?;
            let tagger = AttribTagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
            let docs = load_dir(&gold, policy(&args, AnnotatorPolicy::All)?).map_err(|e| e.to_string())?;
            let passes = num(&args, "--passes", usize::MAX)?;
            let score = evaluate_docs(&tagger, &docs, passes);
            println!("{score}");
            // Speed: tag every document three more times (tokenization excluded). CPU time (from
            // /proc, Linux) is reported too, since wall time suffers on a shared machine.
            let t = Instant::now();
            let c0 = cpu_secs();
            let mut n = 0usize;
            for _ in 0..3 {
                for d in &docs {
                    n += tag_document(&tagger, d, passes).len();
                }
            }
            let secs = t.elapsed().as_secs_f64();
            print!("speed: {n} tokens in {secs:.3}s wall = {:.0} tokens/s (one thread)", n as f64 / secs);
            match (c0, cpu_secs()) {
                (Some(a), Some(b)) if b > a => println!("; {:.2}s CPU = {:.0} tokens/CPU-s", b - a, n as f64 / (b - a)),
                _ => println!(),
            }
            Ok(())
        }
        "article" => {
            // Attributions of one plain-text article: attrib article FILE [--model FILE]
            let file = PathBuf::from(args.get(1).ok_or("article FILE")?);
            let model = PathBuf::from(arg(&args, "--model").unwrap_or_else(|| "models/attribution.bin".into()));
            let bytes = std::fs::read(&model).map_err(|e| format!("{}: {e}", model.display()))?;
            let tagger = AttribTagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let show = |s: Option<&presslens_attrib::TextSpan>| {
                s.map_or("-".to_string(), |s| format!("{:?} {:?}", s.chars, &text[s.bytes.0..s.bytes.1]))
            };
            for a in tagger.attributions(&text) {
                println!("source  {}", show(a.source.as_ref()));
                println!("cue     {}", show(a.cue.as_ref()));
                for c in &a.contents {
                    println!("content {}", show(Some(c)));
                }
                println!();
            }
            Ok(())
        }
        "prune" => {
            // Drops small weights from a trained model: attrib prune --model IN --out OUT --max-abs N
            let model = PathBuf::from(arg(&args, "--model").ok_or("--model FILE required")?);
            let out = PathBuf::from(arg(&args, "--out").ok_or("--out FILE required")?);
            let bytes = std::fs::read(&model).map_err(|e| format!("{}: {e}", model.display()))?;
            let tagger = AttribTagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
            let pruned = tagger.pruned(num(&args, "--max-abs", 3)?).to_bytes();
            std::fs::write(&out, &pruned).map_err(|e| format!("{}: {e}", out.display()))?;
            eprintln!("{} bytes -> {} bytes", bytes.len(), pruned.len());
            Ok(())
        }
        "errors" => {
            // Error analysis on a dev split (prints counts only).
            let gold = PathBuf::from(arg(&args, "--gold").ok_or("--gold DIR required")?);
            let model = PathBuf::from(arg(&args, "--model").unwrap_or_else(|| "models/attribution.bin".into()));
            let bytes = std::fs::read(&model).map_err(|e| format!("{}: {e}", model.display()))?;
            let tagger = AttribTagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
            let docs = load_dir(&gold, AnnotatorPolicy::All).map_err(|e| e.to_string())?;
            use std::collections::HashMap;
            for role in presslens_attrib::Role::ALL {
                let mut cat: HashMap<&str, usize> = HashMap::new();
                let mut ends: HashMap<String, usize> = HashMap::new();
                for d in &docs {
                    let pred = tag_document(&tagger, d, usize::MAX);
                    let gs: Vec<_> = presslens_attrib::tags_to_spans(&d.gold).into_iter().filter(|s| s.role == role).collect();
                    let ps: Vec<_> = presslens_attrib::tags_to_spans(&pred).into_iter().filter(|s| s.role == role).collect();
                    let w = |i: usize| d.tokens.get(i).map_or("<END>", |&(a, b)| &d.text[a..b]).to_string();
                    for p in &ps {
                        if gs.contains(p) {
                            continue;
                        }
                        match gs.iter().find(|g| g.start < p.end && p.start < g.end) {
                            None => {
                                *cat.entry("fp_no_overlap").or_default() += 1;
                                if role == presslens_attrib::Role::Cue {
                                    let t: Vec<String> = (p.start..p.end).map(w).collect();
                                    *ends.entry(format!("FP {}", t.join(" ").to_lowercase())).or_default() += 1;
                                }
                            }
                            Some(g) if g.start == p.start => {
                                *cat.entry("same_start").or_default() += 1;
                                let dl = (p.end as i64 - g.end as i64).clamp(-5, 5);
                                *ends.entry(format!("dEnd {dl:+} last_pred={} last_gold={}", w(p.end - 1), w(g.end - 1))).or_default() += 1;
                                *ends.entry(format!("end g={} p={}", w(g.end - 1), w(p.end - 1))).or_default() += 1;
                            }
                            Some(g) if g.end == p.end => {
                                *cat.entry("same_end").or_default() += 1;
                                let dl = (p.start as i64 - g.start as i64).clamp(-5, 5);
                                *ends.entry(format!("dStart {dl:+} first_pred={} first_gold={}", w(p.start), w(g.start))).or_default() += 1;
                                *ends.entry(format!("start g={} p={}", w(g.start), w(p.start))).or_default() += 1;
                            }
                            Some(_) => *cat.entry("both_differ").or_default() += 1,
                        }
                    }
                    for g in &gs {
                        if !ps.iter().any(|p| g.start < p.end && p.start < g.end) {
                            *cat.entry("fn_no_overlap").or_default() += 1;
                            if role == presslens_attrib::Role::Cue {
                                let t: Vec<String> = (g.start..g.end).map(w).collect();
                                *ends.entry(format!("FN {}", t.join(" ").to_lowercase())).or_default() += 1;
                            }
                        }
                    }
                }
                let mut c: Vec<_> = cat.into_iter().collect();
                c.sort();
                println!("{role:?}: {c:?}");
                let mut e: Vec<_> = ends.into_iter().collect();
                e.sort_by_key(|b| std::cmp::Reverse(b.1));
                for (k, v) in e.iter().take(30) {
                    println!("   {v:>4} {k}");
                }
            }
            Ok(())
        }
        _ => Err("usage: attrib train --train DIR [--dev DIR] [--out FILE] | attrib eval --gold DIR [--model FILE]".into()),
    }
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks/s).
fn cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ut: f64 = f.get(11)?.parse().ok()?;
    let st: f64 = f.get(12)?.parse().ok()?;
    Some((ut + st) / 100.0)
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
