//! Scores `presslens_html::extract` on trafilatura's evaluation set.
//!
//! Usage: `cargo run --release -p presslens-html --example score -- /work/shared/data/html-extraction`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use presslens_html::{evaluate_dir, ExtractionScore};

fn print(label: &str, s: &ExtractionScore, secs: f64) {
    println!(
        "{label:<8} pages={} failed={} tp={} fp={} tn={} fn={} precision={:.3} recall={:.3} f1={:.3} accuracy={:.3} time={secs:.1}s",
        s.pages, s.failed, s.tp, s.fp, s.tn, s.fn_, s.precision, s.recall, s.f1, s.accuracy
    );
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: score <dir holding tests/evaldata.available.json and selection.json>");
        return ExitCode::from(2);
    };
    for (label, english_only) in [("all", false), ("english", true)] {
        let start = Instant::now();
        match evaluate_dir(&dir, english_only) {
            Ok(s) => print(label, &s, start.elapsed().as_secs_f64()),
            Err(e) => {
                eprintln!("{label}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
