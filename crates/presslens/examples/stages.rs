//! Times each pipeline stage over a directory of plain-text articles (one thread).
//!
//! `cargo run --release -p presslens --example stages -- DIR [N] [REPEATS]`
//!
//! Every article goes through all stages `REPEATS` times (default 1); each stage's figure is
//! its best repeat. Besides wall-clock time it reports this thread's CPU time (Linux
//! `CLOCK_THREAD_CPUTIME_ID`), which a machine shared with other jobs inflates less.

/// The same allocator as the `presslens` command (mimalloc), so that stage times match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use presslens::document::Document;
use presslens::entities::NameMention;
use presslens::intake::{self, RawArticle};
use presslens::pipeline::{
    Attributor, FramingStage, PosStage, QuantityStage, Segmenter, Stage, TimexStage,
};
use std::cell::RefCell;
use std::time::{Duration, Instant};

thread_local! {
    /// The recogniser's names, handed from [`Ner`] to [`Clusters`].
    static NAMES: RefCell<Vec<NameMention>> = const { RefCell::new(Vec::new()) };
}

/// The entity stage's first half: the recogniser alone (what spaCy's `ner` does).
struct Ner;

impl Stage for Ner {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn run(&self, doc: &mut Document) {
        let names = presslens::entities::recognize::names(doc);
        NAMES.with(|n| *n.borrow_mut() = names);
    }
}

/// The entity stage's second half: clustering names, titles, nominals and pronouns.
struct Clusters;

impl Stage for Clusters {
    fn name(&self) -> &'static str {
        "clusters"
    }
    fn run(&self, doc: &mut Document) {
        let names = NAMES.with(|n| std::mem::take(&mut *n.borrow_mut()));
        doc.entities = presslens::entities::cluster(doc, &names);
    }
}

/// This thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`); `None` where unavailable.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn cpu_now() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    (rc == 0).then(|| Duration::new(t.sec as u64, t.nsec as u32))
}

/// CPU time is not measured on this platform.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn cpu_now() -> Option<Duration> {
    None
}

/// An article's document after intake.
fn document(text: &str) -> Document {
    intake::build(
        RawArticle {
            text: text.to_string(),
            ..RawArticle::default()
        },
        None,
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stages DIR [N]");
        std::process::exit(2);
    };
    if std::env::var_os("PRESSLENS_NO_ROW_CACHE").is_some() {
        presslens_tagging::set_row_cache(false);
    }
    // `TPN_ONLY=1`: run only tokenise, POS and NER (and clustering), as spaCy's tok2vec+ner.
    let tpn_only = std::env::var_os("TPN_ONLY").is_some();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(300);
    let repeats: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    // `WARM=K`: first run the K articles after the N timed ones, untimed (a long batch's
    // steady state: caches warmed on other articles, not on the ones timed).
    let warm_n: usize = std::env::var("WARM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let warm_texts: Vec<String> = files
        .iter()
        .skip(n)
        .take(warm_n)
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    files.truncate(n);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let mut stages: Vec<Box<dyn Stage>> = vec![
        Box::new(Segmenter),
        Box::new(PosStage),
        Box::new(Ner),
        Box::new(Clusters),
        Box::new(Attributor),
        Box::new(TimexStage),
        Box::new(QuantityStage),
        Box::new(FramingStage),
    ];
    if tpn_only {
        stages.truncate(4);
    }
    let k = stages.len() + 2;
    let mut best = vec![Duration::MAX; k];
    let mut best_cpu = vec![Duration::MAX; k];
    // Load models outside the timing.
    let _ = presslens::analyze_text("Warm up. Putin said so.", &Default::default());
    for t in &warm_texts {
        let mut doc = document(t);
        for s in &stages {
            s.run(&mut doc);
        }
    }
    for _ in 0..repeats {
        let mut times = vec![Duration::ZERO; k];
        let mut cpu = vec![Duration::ZERO; k];
        let mut lap = |slot: usize, t0: Instant, c0: Option<Duration>| {
            times[slot] += t0.elapsed();
            if let (Some(a), Some(b)) = (c0, cpu_now()) {
                cpu[slot] += b.saturating_sub(a);
            }
        };
        for t in &texts {
            let (t0, c0) = (Instant::now(), cpu_now());
            let mut doc = document(t);
            lap(0, t0, c0);
            for (i, s) in stages.iter().enumerate() {
                let (t1, c1) = (Instant::now(), cpu_now());
                s.run(&mut doc);
                lap(i + 1, t1, c1);
            }
            let (t2, c2) = (Instant::now(), cpu_now());
            let v = presslens::output::json::to_value(&doc, Default::default());
            let _ = serde_json::to_string(&v);
            lap(k - 1, t2, c2);
        }
        for i in 0..k {
            best[i] = best[i].min(times[i]);
            best_cpu[i] = best_cpu[i].min(cpu[i]);
        }
    }
    let times = best;
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
    let rate = |d: Duration| words as f64 / d.as_secs_f64().max(1e-9);
    println!("  stage            wall       words/s      CPU       words/s (CPU)");
    for (i, name) in names.iter().enumerate() {
        println!(
            "  {name:<12} {:>8.3}s  {:>10.0}  {:>8.3}s  {:>10.0}",
            times[i].as_secs_f64(),
            rate(times[i]),
            best_cpu[i].as_secs_f64(),
            rate(best_cpu[i])
        );
    }
    // Tokenise + POS + NER: intake, segmenting (sentences and tokens), POS and the recogniser;
    // then the same with entity clustering.
    for (label, sel) in [
        (
            "tokenise+POS+NER (intake, segment, pos, ner)",
            &[0usize, 1, 2, 3][..],
        ),
        (
            "tokenise+POS+NER+clusters (… and clusters)",
            &[0usize, 1, 2, 3, 4][..],
        ),
    ] {
        let tw: Duration = sel.iter().map(|&i| times[i]).sum();
        let tc: Duration = sel.iter().map(|&i| best_cpu[i]).sum();
        println!(
            "  {label}: {:.0} words/s wall, {:.0} words/s CPU",
            rate(tw),
            rate(tc)
        );
    }
}
