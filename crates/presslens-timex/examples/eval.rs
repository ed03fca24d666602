//! Score `presslens_timex::find` on inline-TimeML directories (TempEval-3 formulas).
//!
//! ```text
//! cargo run --release -p presslens-timex --example eval -- [--errors] [--speed] DIR...
//! ```
//! `--errors` prints missed, extra and wrong-span/type/value expressions; `--values`
//! prints only the aligned pairs whose values differ (whatever their spans);
//! `--speed` also times `find` over the texts.

use std::path::PathBuf;
use std::time::Instant;

use presslens_timex::{find, load_dir, score_docs, TimexScore};

fn print(label: &str, s: &TimexScore) {
    println!(
        "{label}: docs {} gold {} predicted {}\n  strict  P {:.2} R {:.2} F1 {:.2}\n  relaxed P {:.2} R {:.2} F1 {:.2}\n  value F1 {:.2} (acc {:.2})  type F1 {:.2} (acc {:.2})",
        s.docs,
        s.gold,
        s.predicted,
        s.strict_p * 100.0,
        s.strict_r * 100.0,
        s.strict_f1 * 100.0,
        s.relaxed_p * 100.0,
        s.relaxed_r * 100.0,
        s.relaxed_f1 * 100.0,
        s.value_f1 * 100.0,
        s.value_accuracy * 100.0,
        s.type_f1 * 100.0,
        s.type_accuracy * 100.0
    );
}

fn main() {
    let mut errors = false;
    let mut speed = false;
    let mut values = false;
    let mut dirs = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--errors" => errors = true,
            "--speed" => speed = true,
            "--values" => values = true,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: eval [--errors] [--values] [--speed] DIR...");
        std::process::exit(2);
    }
    let mut all = Vec::new();
    for d in &dirs {
        let docs = match load_dir(d) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let rep = score_docs(&docs);
        if errors {
            for e in &rep.errors {
                println!("{e}");
            }
        }
        if values {
            for e in rep.errors.iter().filter(|e| e.contains("\n")) {
                let mut lines = e.lines();
                let (Some(g), Some(s)) = (lines.next(), lines.next()) else {
                    continue;
                };
                let val = |l: &str| {
                    l.split_once("] ")
                        .map(|(_, r)| r.split_whitespace().nth(1).unwrap_or("").to_string())
                };
                if val(g) != val(s) {
                    println!("{g}\n{s}");
                }
            }
        }
        print(&d.display().to_string(), &rep.score);
        all.extend(docs);
    }
    if dirs.len() > 1 {
        print("ALL", &score_docs(&all).score);
    }
    if speed {
        let bytes: usize = all.iter().map(|d| d.text.len()).sum();
        let rounds = 20;
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..rounds {
            for d in &all {
                n += find(&d.text, d.dct).len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "speed: {:.1} MB/s, {:.0} docs/s ({n} timexes in {rounds} rounds)",
            (bytes * rounds) as f64 / secs / 1e6,
            (all.len() * rounds) as f64 / secs
        );
    }
}
