//! Python bindings of presslens: the module `presslens` (built by maturin into an abi3 wheel for
//! CPython ≥ 3.9; see `docs/python.md`).
//!
//! The crate has two parts:
//!
//! - this plain-Rust core, always compiled and tested by `cargo test`: one article or many in,
//!   `presslens/1` values out, with the same pipeline, JSON writer and batch engine as the
//!   `presslens` command (`analyze --format json` and `batch`);
//! - the extension module `presslens._native` (feature `python`, on only in maturin builds), a thin
//!   PyO3 layer over the core that releases the GIL while the core runs. The Python package
//!   (`python/presslens/__init__.py`) wraps it with `analyze`, `analyze_many` and `to_pandas`.
//!
//! ```
//! use presslens_py::{analyze_many, Input, Settings};
//! let out = analyze_many(
//!     vec![
//!         Input::Text("Title\n\nPutin said the war was over.".into()),
//!         Input::Record(r#"{"id": "a2"}"#.into()),
//!     ],
//!     &Settings::default(),
//! );
//! assert_eq!(out[0]["schema"], "presslens/1");
//! assert_eq!(out[1]["id"], "a2");
//! assert!(out[1]["error"]["message"].as_str().unwrap_or("").contains("missing \"text\""));
//! ```

#[cfg(feature = "python")]
mod python;

use presslens::intake::{self, jsonl, InputKind, RawArticle};
use presslens::output::json::{error_record, to_value, JsonOptions};
use presslens::{Options, Pipeline};
use presslens_corpus::batch::{self, Analyzer, BatchOptions};
use presslens_corpus::input::{Item, Payload};
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The input name that error records of [`analyze_many`] carry (with the item's 1-based position
/// as their `line`).
pub const MANY_INPUT: &str = "items";

/// The largest article accepted by default, in bytes: the same limit as `presslens batch`.
pub const DEFAULT_MAX_BYTES: usize = 8 * 1024 * 1024;

/// The default time limit per article in [`analyze_many`]: the same as `presslens batch`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// One article to analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An article as text (plain text, or an HTML page, told apart by its first bytes); its
    /// result's `id` is null.
    Text(String),
    /// One JSON Lines record, `{"id", "text", "title"?, "published"?, "url"?, "outlet"?,
    /// "authors"?}`, read exactly as `presslens batch` reads a line of a `.jsonl` file.
    Record(String),
    /// An item that cannot be analysed (e.g. of a type the caller does not accept): it becomes an
    /// error record with this message and the given id.
    Invalid {
        /// The id for the error record, if known.
        id: Option<String>,
        /// Why the item is invalid.
        message: String,
    },
}

/// How articles are analysed.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Reference date for every article (overrides their own dates), already checked with
    /// [`check_published`].
    pub published: Option<String>,
    /// Include the `tokens` layer.
    pub tokens: bool,
    /// Worker threads for [`analyze_many`] (0: one per core).
    pub threads: usize,
    /// Per-article time limit in [`analyze_many`]; slower articles become error records.
    pub timeout: Option<Duration>,
    /// Largest article in bytes; larger ones become error records.
    pub max_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            published: None,
            tokens: false,
            threads: 0,
            timeout: Some(DEFAULT_TIMEOUT),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Checks a reference date as `--published` does and returns its normal form
/// (`2016-12-24`, `2016-12-24T00:10`, …).
pub fn check_published(value: &str) -> Result<String, String> {
    intake::parse_published(value).map_err(|e| e.to_string())
}

/// The standard pipeline, built once per process and shared by every call and thread.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::standard)
}

/// Reads one input into a raw article. `input` and `line` name it in error messages.
fn read(input: &Input, name: &str, line: usize, max_bytes: usize) -> Result<RawArticle, String> {
    let here = format!("{name}:{line}");
    match input {
        Input::Text(text) => {
            if text.len() > max_bytes {
                return Err(format!(
                    "{here}: input is {} bytes, over the limit of {max_bytes}",
                    text.len()
                ));
            }
            intake::read_bytes(text.as_bytes(), &here, InputKind::Auto).map_err(|e| e.to_string())
        }
        Input::Record(rec) => {
            if rec.len() > max_bytes {
                return Err(format!(
                    "{here}: record of {} bytes is over the limit of {max_bytes} bytes",
                    rec.len()
                ));
            }
            jsonl::parse_record(rec, name, line).map_err(|e| e.to_string())
        }
        Input::Invalid { message, .. } => Err(format!("{here}: {message}")),
    }
}

/// The id an error record for `input` carries.
fn error_id(input: &Input) -> Option<String> {
    match input {
        Input::Text(_) => None,
        Input::Record(rec) => jsonl::salvage_id(rec),
        Input::Invalid { id, .. } => id.clone(),
    }
}

/// Runs the pipeline on a raw article and writes its `presslens/1` value; a panic in the pipeline
/// becomes an error message instead of unwinding into the caller.
fn run(raw: RawArticle, settings: &Settings, here: &str) -> Result<Value, String> {
    let opts = Options {
        published: settings.published.clone(),
    };
    let json = JsonOptions {
        tokens: settings.tokens,
    };
    catch_unwind(AssertUnwindSafe(|| {
        to_value(&pipeline().run(raw, &opts), json)
    }))
    .map_err(|_| format!("{here}: analysis failed (internal error)"))
}

/// Analyses one article; `Err` holds the message an error record would carry (naming the input
/// `text`, or `record` for a JSON Lines record).
pub fn analyze_one(input: &Input, settings: &Settings) -> Result<Value, String> {
    let name = match input {
        Input::Record(_) => "record",
        _ => "text",
    };
    let raw = read(input, name, 1, settings.max_bytes)?;
    run(raw, settings, name)
}

/// Analyses many articles in parallel with the batch engine of `presslens batch` (ordered output,
/// per-article time limit, a panic confined to its article) and returns one value per input, in
/// input order: the `presslens/1` result, or an error record
/// `{"schema", "id", "error": {"input": "items", "line": N, "message"}}` where `N` is the item's
/// 1-based position. Never fails as a whole.
pub fn analyze_many(inputs: Vec<Input>, settings: &Settings) -> Vec<Value> {
    let n = inputs.len();
    let ids: Vec<Option<String>> = inputs.iter().map(error_id).collect();
    let threads = if settings.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        settings.threads
    }
    .clamp(1, n.max(1));
    let opts = BatchOptions {
        threads,
        timeout: settings.timeout,
        window: threads * 16,
        ..BatchOptions::default()
    };
    // The batch engine moves items between threads; each carries its input, serialised.
    let items = inputs.into_iter().enumerate().map(|(i, input)| Item {
        seq: i as u64,
        id: String::new(),
        input: MANY_INPUT.to_string(),
        line: Some(i + 1),
        payload: match input {
            Input::Text(t) => Payload::File(t.into_bytes()),
            Input::Record(r) => Payload::Record(r),
            Input::Invalid { message, .. } => {
                Payload::Failed(format!("{MANY_INPUT}:{}: {message}", i + 1))
            }
        },
    });
    let items: Vec<Item> = items.collect();
    let s = settings.clone();
    let analyzer: Analyzer<Value> = Arc::new(move |item: &Item| {
        let line = item.line.unwrap_or(0);
        let input = match &item.payload {
            Payload::File(bytes) => Input::Text(String::from_utf8_lossy(bytes).into_owned()),
            Payload::Record(r) => Input::Record(r.clone()),
            Payload::Failed(msg) => return Err(msg.clone()),
        };
        let raw = read(&input, &item.input, line, s.max_bytes)?;
        run(raw, &s, &format!("{}:{line}", item.input))
    });
    let mut out: Vec<Value> = Vec::with_capacity(n);
    let res = batch::run(items.into_iter(), analyzer, &opts, |rec| {
        let i = rec.seq as usize;
        out.push(match rec.result {
            Ok(v) => v,
            Err(msg) => error_record(
                ids.get(i).and_then(|x| x.as_deref()),
                &rec.input,
                rec.line,
                &msg,
            ),
        });
        Ok(())
    });
    if let Err(e) = res {
        // Only a failing sink or resume stops a batch; neither can happen here. Account for every
        // input all the same.
        let msg = e.to_string();
        for i in out.len()..n {
            out.push(error_record(
                ids.get(i).and_then(|x| x.as_deref()),
                MANY_INPUT,
                Some(i + 1),
                &msg,
            ));
        }
    }
    out
}

/// The version of presslens these bindings are built from.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Putin hails Aleppo victory\n\nMOSCOW, Dec 24 - Russian President Vladimir Putin said on Saturday that the army had done its work, the Kremlin said.\n\n\"We will continue,\" Putin told reporters.";

    #[test]
    fn one_text_gives_the_same_value_as_the_cli_writer() {
        let v = analyze_one(&Input::Text(ARTICLE.into()), &Settings::default()).unwrap();
        let raw = RawArticle {
            text: ARTICLE.into(),
            ..RawArticle::default()
        };
        let want = to_value(
            &Pipeline::standard().run(raw, &Options::default()),
            JsonOptions::default(),
        );
        assert_eq!(v, want);
        assert!(v["id"].is_null());
        assert!(v.get("tokens").is_none());
        let t = Settings {
            tokens: true,
            ..Settings::default()
        };
        let v = analyze_one(&Input::Text(ARTICLE.into()), &t).unwrap();
        assert!(v["tokens"].as_array().is_some_and(|a| a.len() > 20));
    }

    #[test]
    fn bad_single_inputs_are_errors_naming_them() {
        let e = analyze_one(&Input::Text("  ".into()), &Settings::default()).unwrap_err();
        assert!(e.starts_with("text:1:") && e.contains("empty"), "{e}");
        let e = analyze_one(&Input::Record("{nope".into()), &Settings::default()).unwrap_err();
        assert!(
            e.starts_with("record:1:") && e.contains("invalid JSON"),
            "{e}"
        );
    }

    #[test]
    fn many_keeps_order_ids_and_reports_errors() {
        let mut inputs = Vec::new();
        for i in 0..30 {
            if i % 7 == 3 {
                inputs.push(Input::Record(format!(r#"{{"id": "r{i}", "text": ""}}"#)));
            } else if i % 10 == 5 {
                inputs.push(Input::Invalid {
                    id: None,
                    message: "not a str or dict".into(),
                });
            } else {
                let text = format!("Report {i}\n\nThe minister said {i} people were hurt.");
                inputs.push(Input::Record(
                    serde_json::json!({"id": format!("r{i}"), "text": text}).to_string(),
                ));
            }
        }
        let s = Settings {
            threads: 3,
            ..Settings::default()
        };
        let out = analyze_many(inputs, &s);
        assert_eq!(out.len(), 30);
        for (i, v) in out.iter().enumerate() {
            if i % 10 == 5 {
                assert!(v["id"].is_null(), "{v}");
                assert_eq!(v["error"]["line"], i + 1);
                assert_eq!(v["error"]["input"], MANY_INPUT);
                continue;
            }
            assert_eq!(v["id"], format!("r{i}"));
            if i % 7 == 3 {
                let m = v["error"]["message"].as_str().unwrap_or("");
                assert!(m.starts_with(&format!("items:{}:", i + 1)), "{m}");
                assert!(m.contains("empty"), "{m}");
            } else {
                assert!(v.get("error").is_none(), "{v}");
                assert!(v["text"]
                    .as_str()
                    .unwrap_or("")
                    .contains(&format!("said {i} ")));
            }
        }
    }

    #[test]
    fn many_equals_batch_analyze_item_for_records() {
        // The same record through the batch command's analyser and through analyze_many.
        let line = serde_json::json!({"id": "x1", "title": "Kremlin: Putin thanks army", "text": ARTICLE, "published": "2016-12-24"}).to_string();
        let item = Item {
            seq: 0,
            id: "x1".into(),
            input: "in.jsonl".into(),
            line: Some(1),
            payload: Payload::Record(line.clone()),
        };
        let want = batch::analyze_item(&Pipeline::standard(), &Options::default(), &item).unwrap();
        let got = analyze_many(vec![Input::Record(line)], &Settings::default());
        assert_eq!(got, vec![want]);
        assert_eq!(got[0]["document"]["published"], "2016-12-24");
    }

    #[test]
    fn published_overrides_and_is_checked() {
        assert_eq!(check_published("2016-12-24").as_deref(), Ok("2016-12-24"));
        assert!(check_published("soon").is_err());
        let s = Settings {
            published: Some("2020-01-02".into()),
            ..Settings::default()
        };
        let out = analyze_many(vec![Input::Text(ARTICLE.into())], &s);
        assert_eq!(out[0]["document"]["published"], "2020-01-02");
    }

    #[test]
    fn limits_apply() {
        let s = Settings {
            max_bytes: 10,
            ..Settings::default()
        };
        let out = analyze_many(vec![Input::Text(ARTICLE.into())], &s);
        let m = out[0]["error"]["message"].as_str().unwrap_or("");
        assert!(m.contains("over the limit"), "{m}");
        assert!(analyze_many(Vec::new(), &Settings::default()).is_empty());
    }
}
