//! Times each pipeline stage over a directory of plain-text articles (one thread).
//!
//! `cargo run --release -p presslens --example stages -- DIR [N]`

use presslens::intake::{self, RawArticle};
use presslens::pipeline::{
    Attributor, EntityStage, PosStage, QuantityStage, Segmenter, Stage, TimexStage,
};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stages DIR [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(300);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.truncate(n);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(Segmenter),
        Box::new(PosStage),
        Box::new(EntityStage),
        Box::new(Attributor),
        Box::new(TimexStage),
        Box::new(QuantityStage),
    ];
    let mut times = vec![Duration::ZERO; stages.len() + 2];
    // Load models outside the timing.
    let _ = presslens::analyze_text("Warm up. Putin said so.", &Default::default());
    for t in &texts {
        let t0 = Instant::now();
        let mut doc = intake::build(
            RawArticle {
                text: t.clone(),
                ..RawArticle::default()
            },
            None,
        );
        times[0] += t0.elapsed();
        for (i, s) in stages.iter().enumerate() {
            let t1 = Instant::now();
            s.run(&mut doc);
            times[i + 1] += t1.elapsed();
        }
        let t2 = Instant::now();
        let v = presslens::output::json::to_value(&doc, Default::default());
        let _ = serde_json::to_string(&v);
        times[stages.len() + 1] += t2.elapsed();
    }
    let total: Duration = times.iter().sum();
    println!(
        "{} articles, {} words, {:.0} words/s overall",
        texts.len(),
        words,
        words as f64 / total.as_secs_f64()
    );
    let names: Vec<&str> = std::iter::once("intake")
        .chain(stages.iter().map(|s| s.name()))
        .chain(std::iter::once("json"))
        .collect();
    for (name, t) in names.iter().zip(&times) {
        println!(
            "  {name:<12} {:>8.3}s  {:>10.0} words/s",
            t.as_secs_f64(),
            words as f64 / t.as_secs_f64()
        );
    }
}
