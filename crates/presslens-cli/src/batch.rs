//! `presslens batch`: a whole corpus in parallel into one JSON Lines file, or into Parquet tables.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use presslens::intake;
use presslens_corpus::batch::{self, BatchOptions};
use presslens_corpus::{parquet, resume, Items};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Output formats of `presslens batch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One compact presslens/1 object (or error record) per line, in input order.
    Jsonl,
    /// A directory of Parquet tables: articles.parquet (one row per article, errors included)
    /// and entities, attributions, quantities, timexes and framing (one row per item).
    Parquet,
}

/// Arguments of `presslens batch`.
#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Directories (walked recursively for .txt/.html/.htm/.jsonl/.ndjson/.jsonl.gz/.jsonl.zst)
    /// and files.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    /// Output file (append-only JSON Lines, one line per article in input order), or the
    /// output directory with --format parquet.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: BatchFormat,
    /// Continue an interrupted run: keep the complete records of --out, skip their articles
    /// (JSON Lines only).
    #[arg(long)]
    pub resume: bool,
    /// Threads, per-article limits and reference date.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Options shared by every command that analyses many articles (`batch`, `ingest`).
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Largest article (file or JSON Lines record) in bytes; larger ones get an error record.
    #[arg(long, value_name = "N", default_value_t = 8 * 1024 * 1024)]
    pub max_bytes: usize,
    /// Time limit per article in seconds (0: none); slower ones get an error record.
    #[arg(long, value_name = "N", default_value_t = 60)]
    pub timeout_secs: u64,
    /// Reference date for all articles (overrides their own dates).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
}

/// A progress spinner on standard error, only when it is a terminal.
pub fn progress() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {pos} articles, {per_sec}, {elapsed} {msg}",
    ) {
        pb.set_style(style);
    }
    pb.enable_steady_tick(Duration::from_millis(200));
    Some(pb)
}

impl RunArgs {
    /// The analysis options and the batch options these arguments give (threads resolved,
    /// time limit, in-flight window); `Err(code)` on a usage error, already reported.
    pub fn resolve(&self) -> Result<(presslens::Options, BatchOptions), u8> {
        let published = match &self.published {
            Some(p) => match intake::parse_published(p) {
                Ok(v) => Some(v),
                Err(e) => {
                    eprintln!("presslens: --published: {e}");
                    return Err(crate::EXIT_USAGE);
                }
            },
            None => None,
        };
        let threads = if self.threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            self.threads
        };
        let batch = BatchOptions {
            threads,
            timeout: (self.timeout_secs > 0).then(|| Duration::from_secs(self.timeout_secs)),
            window: threads * 16,
            ..BatchOptions::default()
        };
        Ok((presslens::Options { published }, batch))
    }
}

/// mimalloc's `mi_option_purge_delay` (the same index in its v2 and v3 headers).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes the allocator hand memory freed by the workers back to the system at once instead of
/// 10 ms later. On a machine whose allocator uses transparent huge pages, memory freed and not
/// yet returned is a large part of a parallel batch's peak resident set: 10,000 articles on 2
/// threads peaked at 218 MB with the default and 195 MB with this (`python3 bench/batch.py --n
/// 10000`, docs/measurements.md, "session 10"). Single-article analysis keeps the default.
fn return_freed_memory_at_once() {
    // SAFETY: sets an allocator option by its documented index; mimalloc reads it whenever it
    // decides to return memory, so setting it while running is allowed.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

/// Runs `presslens batch`; returns the exit code.
pub fn run(args: BatchArgs) -> Result<u8> {
    return_freed_memory_at_once();
    let (opts, base) = match args.run.resolve() {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    if args.format == BatchFormat::Parquet {
        return run_parquet(args, opts, base);
    }
    let threads = base.threads;
    let progress_before = if args.resume {
        resume::prepare(&args.out).with_context(|| format!("{}", args.out.display()))?
    } else {
        if std::fs::metadata(&args.out).is_ok_and(|m| m.len() > 0) {
            eprintln!(
                "presslens: {} exists; pass --resume to continue it, or remove it",
                args.out.display()
            );
            return Ok(crate::EXIT_USAGE);
        }
        resume::Progress::default()
    };
    if progress_before.truncated > 0 {
        eprintln!(
            "presslens: {}: cut a torn last line ({} bytes)",
            args.out.display(),
            progress_before.truncated
        );
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&args.out)
        .with_context(|| format!("cannot open {}", args.out.display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    let batch_opts = BatchOptions {
        skip: progress_before.done,
        last_done_id: progress_before.last_id.clone(),
        ..base
    };
    let items = Items::new(&args.inputs, args.run.max_bytes);
    let analyzer = batch::standard_analyzer(opts);
    let pb = progress();
    let started = Instant::now();
    let summary = batch::run(items, analyzer, &batch_opts, |rec| {
        match (&rec.result, rec.error_value()) {
            (Ok(v), _) => serde_json::to_writer(&mut out, v)?,
            (Err(msg), Some(e)) => {
                report(pb.as_ref(), msg);
                serde_json::to_writer(&mut out, &e)?;
            }
            (Err(_), None) => {}
        }
        out.write_all(b"\n")?;
        if let Some(pb) = &pb {
            pb.inc(1);
        }
        Ok(())
    });
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    out.flush()?;
    let summary = match summary {
        Ok(s) => s,
        Err(e) => {
            eprintln!("presslens: {e}");
            return Ok(crate::EXIT_INPUT);
        }
    };
    Ok(finish(&summary, started, threads))
}

/// Prints the summary line; returns the exit code.
fn finish(summary: &batch::Summary, started: Instant, threads: usize) -> u8 {
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "presslens: batch: {} ok, {} errors ({} timed out), {} already done; {} articles in {:.1} s ({:.1}/s) with {} threads",
        summary.ok,
        summary.errors,
        summary.timeouts,
        summary.skipped,
        summary.ok + summary.errors,
        secs,
        (summary.ok + summary.errors) as f64 / secs.max(1e-9),
        threads
    );
    if summary.errors > 0 {
        crate::EXIT_INPUT
    } else {
        0
    }
}

/// Reports a failed item on standard error, above the progress bar if there is one.
fn report(pb: Option<&indicatif::ProgressBar>, msg: &str) {
    match pb {
        Some(pb) => pb.suspend(|| eprintln!("presslens: {msg}")),
        None => eprintln!("presslens: {msg}"),
    }
}

/// `presslens batch --format parquet`: the same records into the tables of
/// [`presslens_corpus::parquet`], written in bounded row groups.
fn run_parquet(args: BatchArgs, opts: presslens::Options, base: BatchOptions) -> Result<u8> {
    if args.resume {
        eprintln!(
            "presslens: --resume works only with --format jsonl (Parquet files cannot be appended \
             to); write JSON Lines with --resume, or rerun the Parquet output from the start"
        );
        return Ok(crate::EXIT_USAGE);
    }
    if args.out.is_file() {
        eprintln!(
            "presslens: {}: with --format parquet, --out names a directory",
            args.out.display()
        );
        return Ok(crate::EXIT_USAGE);
    }
    if let Some(existing) = parquet::existing_tables(&args.out).first() {
        eprintln!(
            "presslens: {} exists; remove it or choose another --out directory",
            existing.display()
        );
        return Ok(crate::EXIT_USAGE);
    }
    let threads = base.threads;
    let mut writer = parquet::ParquetWriter::create(&args.out, parquet::ParquetOptions::default())
        .with_context(|| format!("{}", args.out.display()))?;
    let items = Items::new(&args.inputs, args.run.max_bytes);
    let analyzer = batch::standard_analyzer(opts);
    let pb = progress();
    let started = Instant::now();
    let summary = batch::run(items, analyzer, &base, |rec| {
        if let Err(msg) = &rec.result {
            report(pb.as_ref(), msg);
        }
        writer.push(&rec)?;
        if let Some(pb) = &pb {
            pb.inc(1);
        }
        Ok(())
    });
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    let summary = match summary {
        Ok(s) => s,
        Err(e) => {
            eprintln!("presslens: {e}");
            return Ok(crate::EXIT_INPUT);
        }
    };
    let tables = writer
        .finish()
        .with_context(|| format!("{}", args.out.display()))?;
    let rows: Vec<String> = tables
        .rows
        .iter()
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    eprintln!(
        "presslens: batch: wrote {} in {}",
        rows.join(", "),
        args.out.display()
    );
    Ok(finish(&summary, started, threads))
}
