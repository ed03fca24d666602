//! Prints the Recognizers-Text spec table for presslens-quantities.
//!
//! Usage: `cargo run --release -p presslens-quantities --example specs -- <Specs dir> [--failures]`

use std::path::PathBuf;

fn main() {
    let mut dir: Option<PathBuf> = None;
    let mut failures = false;
    for a in std::env::args().skip(1) {
        if a == "--failures" || a == "-f" {
            failures = true;
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("/work/shared/data/recognizers-text/Specs"));
    let score = match presslens_quantities::evaluate_specs(&dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    if failures {
        for f in &score.failures {
            println!("{f}");
        }
        println!();
    }
    println!("{:<24} {:>5} {:>4} {:>4} | {:>5} {:>5} {:>6} {:>6} {:>6} {:>7} | {:>5} {:>6} {:>6} {:>6} {:>7}", "file", "cases", "skip", "excl", "gold", "pred", "P", "R", "F1", "value", "gold", "P", "R", "F1", "value");
    println!(
        "{:<24} {:>5} {:>4} {:>4} | {:^47} | {:^37}",
        "", "", "", "", "raw", "conventions excluded"
    );
    let row = |name: &str,
               cases: usize,
               skip: usize,
               excl: usize,
               r: presslens_quantities::specs::Counts,
               a: presslens_quantities::specs::Counts| {
        println!(
            "{:<24} {:>5} {:>4} {:>4} | {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>7.3} | {:>5} {:>6.3} {:>6.3} {:>6.3} {:>7.3}",
            name,
            cases,
            skip,
            excl,
            r.gold,
            r.pred,
            r.precision(),
            r.recall(),
            r.f1(),
            r.value_accuracy(),
            a.gold,
            a.precision(),
            a.recall(),
            a.f1(),
            a.value_accuracy()
        );
    };
    let (mut c, mut s, mut x) = (0, 0, 0);
    for f in &score.files {
        row(
            &f.file,
            f.cases,
            f.skipped,
            f.excluded_cases,
            f.raw,
            f.adjusted,
        );
        c += f.cases;
        s += f.skipped;
        x += f.excluded_cases;
    }
    row("OVERALL", c, s, x, score.raw(), score.adjusted());
    println!();
    println!("{}", score.breakdown());
    println!("(skip = cases marked NotSupported/NotSupportedByDesign for dotnet; excl = cases excluded whole by specs::CONVENTIONS)");
    if failures {
        println!();
        for c in presslens_quantities::specs::CONVENTIONS {
            println!(
                "convention {} {:#018x} {} {}: {}",
                c.file,
                c.input,
                c.result.map_or("all".to_string(), |r| format!("#{r}")),
                c.category,
                c.reason
            );
        }
    }
}
