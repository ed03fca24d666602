//! The parallel batch engine: items in, one [`Record`] per item out, in input order.
//!
//! ```text
//!  reader thread ──(bounded)──> N worker threads ──> writer (the calling thread)
//!        ^                                               │ reorders by seq, writes, watches time
//!        └──────────── window of in-flight items ────────┘
//! ```
//!
//! - **Order.** Records reach the sink in input order (`seq` 0, 1, 2, …), so an output file is a
//!   deterministic function of the inputs and `--resume` can count lines.
//! - **Bounded memory.** The reader may run at most `window` items ahead of the writer, so at
//!   most `window` articles and results are held at once, whatever the corpus size.
//! - **Per-article deadline.** Workers are plain threads (not a rayon pool) because a worker stuck
//!   on one article must be *abandoned and replaced*: when an item has run longer than the
//!   timeout, the writer emits an error record for it, marks the worker abandoned and starts a
//!   fresh one. The abandoned thread's eventual result is dropped and it then exits. A panic in
//!   the analyser becomes an error record too.

use crate::input::{Item, Payload};
use crossbeam_channel::{bounded, unbounded, Receiver, RecvTimeoutError, Sender};
use presslens::intake::{self, jsonl, InputKind};
use presslens::output::json::{to_value, JsonOptions};
use presslens::{Options as PipelineOptions, Pipeline};
use serde_json::Value;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One item's outcome, as delivered to the sink.
#[derive(Debug)]
pub struct Record<T> {
    /// Position in the input sequence.
    pub seq: u64,
    /// The item's id.
    pub id: String,
    /// The input file it came from.
    pub input: String,
    /// Its line, for JSON Lines records.
    pub line: Option<usize>,
    /// The analyser's result, or the error message.
    pub result: Result<T, String>,
}

impl<T> Record<T> {
    /// The `presslens/1` error record for a failed item (`None` for a success).
    pub fn error_value(&self) -> Option<Value> {
        self.result.as_ref().err().map(|msg| {
            presslens::output::json::error_record(Some(&self.id), &self.input, self.line, msg)
        })
    }
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Per-article time limit; `None` for none.
    pub timeout: Option<Duration>,
    /// Most items in flight between reader and writer.
    pub window: usize,
    /// Items at the start of the sequence already done (resume): read but not analysed.
    pub skip: u64,
    /// When resuming, the id the item at `skip - 1` must have (guards against changed inputs).
    pub last_done_id: Option<String>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            threads: 1,
            timeout: None,
            window: 64,
            skip: 0,
            last_done_id: None,
        }
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Items analysed successfully in this run.
    pub ok: u64,
    /// Items that became error records in this run.
    pub errors: u64,
    /// Items skipped because an earlier run had done them.
    pub skipped: u64,
    /// Of the errors, those abandoned for taking too long.
    pub timeouts: u64,
}

/// Failures of the batch as a whole (not of one item).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The sink could not write.
    #[error("cannot write output: {0}")]
    Write(#[from] std::io::Error),
    /// Resuming found different inputs from the earlier run.
    #[error("cannot resume: {0}")]
    Resume(String),
}

/// The analyser a batch runs on every item.
pub type Analyzer<T> = Arc<dyn Fn(&Item) -> Result<T, String> + Send + Sync>;

enum Msg<T> {
    Done(Record<T>),
    End { total: u64 },
    Mismatch(String),
}

#[derive(Default)]
struct Slot {
    current: Option<(u64, Instant, String, String, Option<usize>)>,
    abandoned: bool,
}

fn spawn_worker<T: Send + 'static>(
    work: Receiver<Item>,
    out: Sender<Msg<T>>,
    analyze: Analyzer<T>,
) -> Arc<Mutex<Slot>> {
    let slot = Arc::new(Mutex::new(Slot::default()));
    let mine = Arc::clone(&slot);
    std::thread::spawn(move || {
        for item in work.iter() {
            if let Ok(mut s) = mine.lock() {
                s.current = Some((
                    item.seq,
                    Instant::now(),
                    item.id.clone(),
                    item.input.clone(),
                    item.line,
                ));
            }
            let result = match catch_unwind(AssertUnwindSafe(|| analyze(&item))) {
                Ok(r) => r,
                Err(_) => Err(format!(
                    "{}: analysis failed (internal error)",
                    where_(&item.input, item.line)
                )),
            };
            let Ok(mut s) = mine.lock() else { return };
            if s.abandoned {
                return; // the writer already reported this item; a fresh worker took our place
            }
            s.current = None;
            drop(s);
            let rec = Record {
                seq: item.seq,
                id: item.id,
                input: item.input,
                line: item.line,
                result,
            };
            if out.send(Msg::Done(rec)).is_err() {
                return;
            }
        }
    });
    slot
}

fn where_(input: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{input}:{l}"),
        None => input.to_string(),
    }
}

/// Runs `analyze` over `items` in parallel and hands every record to `sink` in input order.
/// Returns the counts; the sink's write errors stop the batch.
pub fn run<T, I, S>(
    items: I,
    analyze: Analyzer<T>,
    opts: &BatchOptions,
    mut sink: S,
) -> Result<Summary, BatchError>
where
    T: Send + 'static,
    I: Iterator<Item = Item> + Send + 'static,
    S: FnMut(Record<T>) -> std::io::Result<()>,
{
    let threads = opts.threads.max(1);
    let window = opts.window.max(threads * 2);
    let (work_tx, work_rx) = bounded::<Item>(threads * 2);
    let (out_tx, out_rx) = unbounded::<Msg<T>>();
    let (slot_tx, slot_rx) = bounded::<()>(window);
    let skip = opts.skip;
    let last_done = opts.last_done_id.clone();

    // Reader.
    {
        let out_tx = out_tx.clone();
        std::thread::spawn(move || {
            let mut total = 0u64;
            let res = catch_unwind(AssertUnwindSafe(|| {
                for item in items {
                    total = item.seq + 1;
                    if item.seq < skip {
                        if item.seq + 1 == skip {
                            if let Some(want) = &last_done {
                                if &item.id != want {
                                    let _ = out_tx.send(Msg::Mismatch(format!(
                                        "output record {skip} has id {want:?} but input item {skip} is {:?}; the inputs changed",
                                        item.id
                                    )));
                                    return false;
                                }
                            }
                        }
                        continue;
                    }
                    if slot_tx.send(()).is_err() || work_tx.send(item).is_err() {
                        return false;
                    }
                }
                true
            }));
            if matches!(res, Ok(true)) {
                if total < skip {
                    let _ = out_tx.send(Msg::Mismatch(format!(
                        "the output has {skip} records but the inputs have only {total} items"
                    )));
                } else {
                    let _ = out_tx.send(Msg::End { total });
                }
            } else if res.is_err() {
                let _ = out_tx.send(Msg::Mismatch("reading the inputs failed".into()));
            }
        });
    }

    let mut slots: Vec<Arc<Mutex<Slot>>> = (0..threads)
        .map(|_| spawn_worker(work_rx.clone(), out_tx.clone(), Arc::clone(&analyze)))
        .collect();

    let mut summary = Summary {
        skipped: skip,
        ..Summary::default()
    };
    let mut next = skip;
    let mut total: Option<u64> = None;
    let mut pending: BTreeMap<u64, Record<T>> = BTreeMap::new();
    let tick = opts
        .timeout
        .map(|t| (t / 4).clamp(Duration::from_millis(10), Duration::from_millis(250)))
        .unwrap_or(Duration::from_secs(3600));
    loop {
        if total == Some(next) {
            break;
        }
        match out_rx.recv_timeout(tick) {
            Ok(Msg::Done(rec)) => {
                if rec.seq >= next {
                    pending.entry(rec.seq).or_insert(rec);
                }
            }
            Ok(Msg::End { total: t }) => total = Some(t),
            Ok(Msg::Mismatch(m)) => return Err(BatchError::Resume(m)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if let Some(limit) = opts.timeout {
            let mut replace = 0;
            for slot in &slots {
                let Ok(mut s) = slot.lock() else { continue };
                if s.abandoned {
                    continue;
                }
                if let Some((seq, started, id, input, line)) = &s.current {
                    if started.elapsed() > limit {
                        let msg = format!(
                            "{}: analysis took longer than {} s; abandoned",
                            where_(input, *line),
                            limit.as_secs_f64()
                        );
                        pending.entry(*seq).or_insert(Record {
                            seq: *seq,
                            id: id.clone(),
                            input: input.clone(),
                            line: *line,
                            result: Err(msg),
                        });
                        summary.timeouts += 1;
                        s.abandoned = true;
                        replace += 1;
                    }
                }
            }
            slots.retain(|s| s.lock().map(|s| !s.abandoned).unwrap_or(false));
            for _ in 0..replace {
                slots.push(spawn_worker(
                    work_rx.clone(),
                    out_tx.clone(),
                    Arc::clone(&analyze),
                ));
            }
        }
        while let Some(rec) = pending.remove(&next) {
            if rec.result.is_ok() {
                summary.ok += 1;
            } else {
                summary.errors += 1;
            }
            sink(rec)?;
            next += 1;
            let _ = slot_rx.try_recv();
        }
    }
    Ok(summary)
}

/// Analyses one item with the standard pipeline and returns its `presslens/1` value.
pub fn analyze_item(
    pipeline: &Pipeline,
    opts: &PipelineOptions,
    item: &Item,
) -> Result<Value, String> {
    let raw = match &item.payload {
        Payload::Failed(msg) => return Err(msg.clone()),
        Payload::File(bytes) => {
            let mut raw = intake::read_bytes(bytes, &item.input, InputKind::Auto)
                .map_err(|e| e.to_string())?;
            raw.id = Some(item.id.clone());
            raw
        }
        Payload::Record(line) => {
            let line_no = item.line.unwrap_or(0);
            let mut raw =
                jsonl::parse_record(line, &item.input, line_no).map_err(|e| e.to_string())?;
            if raw.id.is_none() {
                raw.id = Some(item.id.clone());
            }
            raw
        }
    };
    let doc = pipeline.run(raw, opts);
    Ok(to_value(&doc, JsonOptions::default()))
}

/// The standard analyser: the standard pipeline, shared by every worker.
pub fn standard_analyzer(opts: PipelineOptions) -> Analyzer<Value> {
    let pipeline = Arc::new(Pipeline::standard());
    Arc::new(move |item: &Item| analyze_item(&pipeline, &opts, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: u64) -> impl Iterator<Item = Item> + Send + 'static {
        (0..n).map(|i| Item {
            seq: i,
            id: format!("a{i}"),
            input: "mem".into(),
            line: Some(i as usize + 1),
            payload: Payload::Record(format!("{i}")),
        })
    }

    #[test]
    fn order_is_kept_with_many_threads() {
        let analyze: Analyzer<u64> = Arc::new(|it: &Item| {
            // Later items finish first.
            let n: u64 = it.id[1..].parse().map_err(|_| "bad".to_string())?;
            std::thread::sleep(Duration::from_micros((50 - n % 50) * 20));
            if n % 7 == 3 {
                Err(format!("item {n} fails"))
            } else {
                Ok(n)
            }
        });
        let opts = BatchOptions {
            threads: 4,
            window: 8,
            ..Default::default()
        };
        let mut seen = Vec::new();
        let s = run(items(200), analyze, &opts, |r| {
            seen.push((r.seq, r.result.is_ok()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 200);
        assert!(seen.iter().enumerate().all(|(i, (s, _))| *s == i as u64));
        assert_eq!(s.errors, (0..200).filter(|n| n % 7 == 3).count() as u64);
        assert_eq!(s.ok + s.errors, 200);
    }

    #[test]
    fn a_stuck_item_becomes_an_error_and_the_batch_goes_on() {
        // Item 2 never finishes: it waits on a channel nobody sends to.
        let (_keep, never) = bounded::<()>(0);
        let analyze: Analyzer<u64> = Arc::new(move |it: &Item| {
            if it.id == "a2" {
                let _ = never.recv();
            }
            Ok(it.seq)
        });
        let opts = BatchOptions {
            threads: 2,
            timeout: Some(Duration::from_secs(1)),
            ..Default::default()
        };
        let mut recs = Vec::new();
        let s = run(items(10), analyze, &opts, |r| {
            recs.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(recs.len(), 10);
        assert_eq!((s.ok, s.errors, s.timeouts), (9, 1, 1));
        let e2 = recs[2].result.as_ref().unwrap_err();
        assert!(e2.contains("mem:3") && e2.contains("abandoned"), "{e2}");
        let v = recs[2].error_value().unwrap();
        assert_eq!(v["id"], "a2");
        assert_eq!(v["error"]["line"], 3);
        assert!(recs[3].error_value().is_none());
    }

    #[test]
    fn a_panicking_item_becomes_an_error() {
        let analyze: Analyzer<u64> = Arc::new(|it: &Item| {
            if it.id == "a4" {
                panic!("boom");
            }
            Ok(it.seq)
        });
        let mut recs = Vec::new();
        let s = run(items(10), analyze, &BatchOptions::default(), |r| {
            recs.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!((s.ok, s.errors), (9, 1));
        assert!(recs[4]
            .result
            .as_ref()
            .unwrap_err()
            .contains("internal error"));
    }

    #[test]
    fn skip_checks_the_last_done_id() {
        let analyze: Analyzer<u64> = Arc::new(|it: &Item| Ok(it.seq));
        let mut opts = BatchOptions {
            skip: 5,
            last_done_id: Some("a4".into()),
            ..Default::default()
        };
        let mut seqs = Vec::new();
        let s = run(items(8), Arc::clone(&analyze), &opts, |r| {
            seqs.push(r.seq);
            Ok(())
        })
        .unwrap();
        assert_eq!(seqs, vec![5, 6, 7]);
        assert_eq!(s.skipped, 5);
        opts.last_done_id = Some("zz".into());
        let err = run(items(8), Arc::clone(&analyze), &opts, |_| Ok(())).unwrap_err();
        assert!(matches!(err, BatchError::Resume(_)));
        opts.skip = 20;
        opts.last_done_id = None;
        assert!(run(items(8), analyze, &opts, |_| Ok(())).is_err());
    }
}
