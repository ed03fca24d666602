//! Scorer reproducing trafilatura's evaluation (`tests/eval_common.py`, `tests/evaluate.py`).
//!
//! Each annotated page has "with" segments (must appear in the output) and "without"
//! segments (must not). Output and segments are whitespace-normalised like Python's
//! `re.sub(r"\s+", " ", text).strip()` and matched as substrings; counts are pooled over all
//! pages. A page whose extraction fails scores as empty output.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use encoding_rs::Encoding;
use serde_json::Value;

use crate::blocks::collapse_ws;
use crate::{extract, HtmlError};

/// Pooled confusion counts and scores of [`extract`] over an evaluation set.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExtractionScore {
    /// Pages scored.
    pub pages: usize,
    /// Pages where [`extract`] returned an error (scored as empty output).
    pub failed: usize,
    /// "with" segments found in the output.
    pub tp: usize,
    /// "without" segments found in the output.
    pub fp: usize,
    /// "without" segments absent from the output.
    pub tn: usize,
    /// "with" segments absent from the output.
    pub fn_: usize,
    /// tp / (tp + fp), 0 when empty.
    pub precision: f64,
    /// tp / (tp + fn), 0 when empty.
    pub recall: f64,
    /// 2·tp / (2·tp + fp + fn), 0 when empty.
    pub f1: f64,
    /// (tp + tn) / all segments, 0 when empty.
    pub accuracy: f64,
}

impl ExtractionScore {
    fn finish(mut self) -> Self {
        let (tp, fp, tn, fn_) = (
            self.tp as f64,
            self.fp as f64,
            self.tn as f64,
            self.fn_ as f64,
        );
        let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
        self.precision = ratio(tp, tp + fp);
        self.recall = ratio(tp, tp + fn_);
        self.f1 = ratio(2.0 * tp, 2.0 * tp + fp + fn_);
        self.accuracy = ratio(tp + tn, tp + tn + fp + fn_);
        self
    }
}

/// One annotated page of the evaluation set.
struct Item {
    path: PathBuf,
    with: Vec<String>,
    without: Vec<String>,
}

/// Per-page (tp, fp, fn, tn), as `count_item` in `eval_common.py`.
fn count_item(item: &Item, result: Option<&str>) -> (usize, usize, usize, usize) {
    let (tp, fp) = match result {
        Some(text) => {
            let resn = collapse_ws(text);
            let found = |segs: &[String]| {
                segs.iter()
                    .filter(|s| resn.contains(collapse_ws(s).as_str()))
                    .count()
            };
            (found(&item.with), found(&item.without))
        }
        None => (0, 0),
    };
    (tp, fp, item.with.len() - tp, item.without.len() - fp)
}

/// Looks for a `charset=` declaration inside a `<meta>` tag in the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(pos) = find(&head, from, b"<meta") {
        let end = find(&head, pos, b">").unwrap_or(head.len());
        let tag = &head[pos..end];
        if let Some(c) = find(tag, 0, b"charset") {
            let mut i = c + 7;
            while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'=') {
                i += 1;
            }
            while i < tag.len() && (tag[i] == b'"' || tag[i] == b'\'') {
                i += 1;
            }
            let start = i;
            while i < tag.len()
                && (tag[i].is_ascii_alphanumeric() || matches!(tag[i], b'-' | b'_' | b'.' | b':'))
            {
                i += 1;
            }
            if let Some(enc) = Encoding::for_label(&tag[start..i]) {
                // Per the HTML spec a UTF-16 declaration in ASCII-compatible bytes means UTF-8,
                // and x-user-defined means windows-1252.
                return Some(
                    if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
                        encoding_rs::UTF_8
                    } else if enc == encoding_rs::X_USER_DEFINED {
                        encoding_rs::WINDOWS_1252
                    } else {
                        enc
                    },
                );
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Decodes an HTML file's bytes: a byte-order mark wins, then a `<meta charset>` /
/// `http-equiv` declaration in the first 4 KiB, then UTF-8 when the bytes are valid UTF-8,
/// else Windows-1252. Never fails (undecodable bytes become U+FFFD).
pub fn decode_html(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return enc.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Some(enc) = meta_charset(bytes) {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn err(message: String) -> HtmlError {
    HtmlError { message }
}

fn read_json(path: &Path) -> Result<Value, HtmlError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| err(format!("cannot parse {}: {e}", path.display())))
}

fn string_list(v: Option<&Value>, what: &str) -> Result<Vec<String>, HtmlError> {
    v.and_then(Value::as_array)
        .ok_or_else(|| err(format!("{what} is not a list")))?
        .iter()
        .map(|s| {
            s.as_str()
                .map(str::to_string)
                .ok_or_else(|| err(format!("{what} holds a non-string")))
        })
        .collect()
}

/// Loads the annotations, resolving each file under `tests/cache` then `tests/eval` like
/// `eval_common.resolve`.
fn load_items(dir: &Path, english_only: bool) -> Result<Vec<Item>, HtmlError> {
    let tests = dir.join("tests");
    let data = read_json(&tests.join("evaldata.available.json"))?;
    let map = data
        .as_object()
        .ok_or_else(|| err("evaldata.available.json is not an object".into()))?;
    let english: Option<HashSet<String>> = if english_only {
        let sel = read_json(&dir.join("selection.json"))?;
        Some(
            string_list(sel.get("english"), "selection.json \"english\"")?
                .into_iter()
                .collect(),
        )
    } else {
        None
    };
    let mut items = Vec::new();
    for (url, item) in map {
        if english.as_ref().is_some_and(|e| !e.contains(url)) {
            continue;
        }
        let file = item
            .get("file")
            .and_then(Value::as_str)
            .filter(|f| !f.is_empty())
            .ok_or_else(|| err(format!("{url}: missing or empty 'file'")))?;
        let path = ["cache", "eval"]
            .iter()
            .map(|sub| tests.join(sub).join(file))
            .find(|p| p.is_file())
            .ok_or_else(|| err(format!("{url}: HTML file not found: {file}")))?;
        items.push(Item {
            path,
            with: string_list(item.get("with"), &format!("{url}: 'with'"))?,
            without: string_list(item.get("without"), &format!("{url}: 'without'"))?,
        });
    }
    Ok(items)
}

/// Scores `extract` on the trafilatura evaluation set at `dir` (the folder holding
/// tests/evaldata.available.json, tests/eval, tests/cache). `english_only` restricts to the
/// URLs in selection.json "english".
///
/// The scored text is the paragraphs joined with `"\n"` (the scorer collapses all
/// whitespace, so this matches scoring trafilatura's own text output). Pages are extracted
/// in parallel on all available cores; the result does not depend on the order.
///
/// # Errors
///
/// Returns [`HtmlError`] when the annotation files cannot be read or parsed, or when a
/// referenced HTML file is missing or unreadable (upstream's `read_corpus` fails the same way).
pub fn evaluate_dir(dir: &Path, english_only: bool) -> Result<ExtractionScore, HtmlError> {
    let items = load_items(dir, english_only)?;
    let next = AtomicUsize::new(0);
    let total = Mutex::new(ExtractionScore::default());
    let first_error: Mutex<Option<HtmlError>> = Mutex::new(None);
    let workers = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(items.len().max(1));

    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else {
                    break;
                };
                let bytes = match std::fs::read(&item.path) {
                    Ok(b) => b,
                    Err(e) => {
                        if let Ok(mut slot) = first_error.lock() {
                            slot.get_or_insert_with(|| {
                                err(format!("cannot read {}: {e}", item.path.display()))
                            });
                        }
                        continue;
                    }
                };
                let html = decode_html(&bytes);
                let result = extract(&html).map(|a| a.paragraphs.join("\n"));
                let (tp, fp, fn_, tn) = count_item(item, result.as_deref().ok());
                if let Ok(mut t) = total.lock() {
                    t.pages += 1;
                    t.failed += usize::from(result.is_err());
                    t.tp += tp;
                    t.fp += fp;
                    t.fn_ += fn_;
                    t.tn += tn;
                }
            });
        }
    });

    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e);
    }
    let total = total
        .into_inner()
        .map_err(|_| err("a scoring thread panicked".into()))?;
    Ok(total.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(with: &[&str], without: &[&str]) -> Item {
        Item {
            path: PathBuf::new(),
            with: with.iter().map(|s| s.to_string()).collect(),
            without: without.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn counting_matches_eval_common() {
        let it = item(&["alpha  beta", "gamma"], &["menu", "beta\ngamma"]);
        // whitespace in output and segments is normalised before matching
        assert_eq!(
            count_item(&it, Some("x alpha\nbeta\n\ngamma y")),
            (2, 1, 0, 1)
        );
        // failure: everything "with" is missed, everything "without" is a true negative
        assert_eq!(count_item(&it, None), (0, 0, 2, 2));
    }

    #[test]
    fn scores_follow_python_formulas() {
        let s = ExtractionScore {
            tp: 6,
            fp: 2,
            fn_: 4,
            tn: 8,
            ..Default::default()
        }
        .finish();
        assert!((s.precision - 0.75).abs() < 1e-12);
        assert!((s.recall - 0.6).abs() < 1e-12);
        assert!((s.f1 - 12.0 / 18.0).abs() < 1e-12);
        assert!((s.accuracy - 0.7).abs() < 1e-12);
        assert_eq!(ExtractionScore::default().finish().f1, 0.0);
    }

    #[test]
    fn decoding_uses_bom_meta_then_utf8_then_1252() {
        assert_eq!(decode_html("<p>é</p>".as_bytes()), "<p>é</p>");
        assert_eq!(decode_html(b"<p>\xe9</p>"), "<p>é</p>");
        let latin2 = b"<meta charset=\"iso-8859-2\"><p>\xb3</p>";
        assert!(decode_html(latin2).contains('ł'));
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xc4";
        assert!(decode_html(http_equiv).ends_with('Д'));
        assert_eq!(decode_html(b"\xef\xbb\xbfhi"), "hi");
    }
}
