//! Inline TimeML reader and a TempEval-3 style scorer.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::{dateline_date, find, Timex, TimexType};

/// Errors of the TimeML reader and the scorer.
#[derive(Debug, thiserror::Error)]
pub enum TimexError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A `.tml` file is not the inline TimeML this reader understands.
    #[error("bad TimeML in {path}: {msg}")]
    Parse {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        msg: String,
    },
    /// No `.tml` file was found in the given directories.
    #[error("no .tml files found")]
    NoDocs,
}

/// One gold document: raw text, publication date and gold TIMEX3s (byte offsets into `text`).
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// File name.
    pub name: String,
    /// Content of the `TEXT` element, tags removed and entities decoded.
    pub text: String,
    /// Value of the TIMEX3 with `functionInDocument="CREATION_TIME"`.
    pub dct: Option<NaiveDate>,
    /// Gold TIMEX3s inside `TEXT`.
    pub timexes: Vec<Timex>,
    /// Byte span of the creation-time expression when it is part of `text` (MEANTIME puts
    /// the dateline in the text); predictions overlapping it are not scored.
    pub dct_span: Option<(usize, usize)>,
}

/// TempEval-3 timex scores (all figures are fractions in `0..=1`).
///
/// Computed as `TE3-evaluation.py` / `evaluate_entities.py` do, summed over all
/// documents:
/// - gold and predicted timexes are aligned one to one, as TE3's TimeML-Normalizer does
///   by giving a system timex the id of at most one gold timex: first the pairs with
///   exactly the same span, then, for each remaining gold timex in text order, the
///   unused prediction that overlaps it most. An aligned pair is a *relaxed* match, and a
///   *strict* match when the spans are equal;
/// - recall = matched gold / all gold, precision = matched predicted / all predicted,
///   F1 = 2PR/(P+R);
/// - type and value are compared on the aligned pairs: `type_accuracy` = type matches /
///   relaxed matches, and `type_f1` = `type_accuracy × relaxed_f1` (likewise for value),
///   which is TE3's "Attribute F1".
/// - values are compared as exact strings; `mod` is not scored (TE3 does not).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimexScore {
    /// Documents scored.
    pub docs: usize,
    /// Gold timexes (excluding the creation time).
    pub gold: usize,
    /// Predicted timexes.
    pub predicted: usize,
    /// Strict (exact span) precision.
    pub strict_p: f64,
    /// Strict recall.
    pub strict_r: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Relaxed (overlap) precision.
    pub relaxed_p: f64,
    /// Relaxed recall.
    pub relaxed_r: f64,
    /// Relaxed F1.
    pub relaxed_f1: f64,
    /// TE3 value F1 = value accuracy × relaxed F1.
    pub value_f1: f64,
    /// TE3 type F1 = type accuracy × relaxed F1.
    pub type_f1: f64,
    /// Type matches over relaxed-matched gold timexes.
    pub type_accuracy: f64,
    /// Value matches over relaxed-matched gold timexes.
    pub value_accuracy: f64,
}

/// Scores plus human-readable error lines (missed, extra, wrong span/type/value).
#[derive(Clone, Debug, Default)]
pub struct ScoreReport {
    /// The scores.
    pub score: TimexScore,
    /// One line per error, for development.
    pub errors: Vec<String>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(p) = tag[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = &tag[at + name.len()..];
        if before_ok {
            if let Some(r) = rest.strip_prefix("=\"") {
                let end = r.find('"')?;
                return Some(&r[..end]);
            }
        }
        from = at + name.len();
    }
    None
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    // `s` starts after '&'; returns the char and the length consumed including ';'.
    let semi = s.find(';').filter(|&p| p <= 10)?;
    let name = &s[..semi];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let v = if let Some(h) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                u32::from_str_radix(h, 16).ok()?
            } else {
                num.parse().ok()?
            };
            char::from_u32(v)?
        }
    };
    Some((c, semi + 1))
}

fn parse_date(v: &str) -> Option<NaiveDate> {
    let d = v.get(..10)?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(v.get(..8)?, "%Y%m%d").ok())
        // MEANTIME has one "03-02-2009" (day first).
        .or_else(|| NaiveDate::parse_from_str(d, "%d-%m-%Y").ok())
}

/// Parse one inline-TimeML document (`name` is used in error messages only).
pub fn parse_timeml(name: &str, src: &str) -> Result<GoldDoc, TimexError> {
    let err = |msg: &str| TimexError::Parse {
        path: PathBuf::from(name),
        msg: msg.to_string(),
    };
    // DCT: any TIMEX3 with functionInDocument="CREATION_TIME".
    let mut dct = None;
    let mut from = 0;
    while let Some(p) = src[from..].find("<TIMEX3") {
        let at = from + p;
        let Some(q) = src[at..].find('>') else { break };
        let tag = &src[at + 1..at + q];
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            dct = attr(tag, "value").and_then(parse_date);
            break;
        }
        from = at + q;
    }
    let open = src.find("<TEXT>").ok_or_else(|| err("no <TEXT> element"))?;
    let body_start = open + "<TEXT>".len();
    let close = src[body_start..]
        .find("</TEXT>")
        .map(|p| body_start + p)
        .ok_or_else(|| err("no </TEXT>"))?;
    let body = &src[body_start..close];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut stack: Vec<(usize, TimexType, String, Option<String>)> = Vec::new();
    let mut i = 0;
    let bytes = body.as_bytes();
    while i < body.len() {
        match bytes[i] {
            b'<' => {
                let q = body[i..].find('>').ok_or_else(|| err("unclosed tag"))?;
                let tag = &body[i + 1..i + q];
                if tag.starts_with("TIMEX3") {
                    let kind = attr(tag, "type")
                        .and_then(TimexType::parse)
                        .unwrap_or(TimexType::Date);
                    let value = attr(tag, "value").unwrap_or("").to_string();
                    let m = attr(tag, "mod").map(str::to_string);
                    if tag.ends_with('/') {
                        // empty element: zero-length timex
                        timexes.push(Timex {
                            start: text.len(),
                            end: text.len(),
                            kind,
                            value,
                            mod_: m,
                        });
                    } else {
                        stack.push((text.len(), kind, value, m));
                    }
                } else if tag.starts_with("/TIMEX3") {
                    let (s, kind, value, m) =
                        stack.pop().ok_or_else(|| err("unbalanced </TIMEX3>"))?;
                    timexes.push(Timex {
                        start: s,
                        end: text.len(),
                        kind,
                        value,
                        mod_: m,
                    });
                }
                i += q + 1;
            }
            b'&' => match decode_entity(&body[i + 1..]) {
                Some((c, len)) => {
                    text.push(c);
                    i += 1 + len;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            },
            _ => {
                let c = body[i..].chars().next().ok_or_else(|| err("bad utf-8"))?;
                text.push(c);
                i += c.len_utf8();
            }
        }
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(GoldDoc {
        name: name.to_string(),
        text,
        dct,
        timexes,
        dct_span: None,
    })
}

/// Parse one MEANTIME (NewsReader CAT XML) document.
///
/// CAT files hold tokens and token-anchored markables, not running text: the text is
/// rebuilt by joining the tokens of a sentence with spaces and sentences with newlines.
/// TIMEX3 markables without token anchors are not textual and are skipped; the
/// `CREATION_TIME` one is the DCT. MEANTIME annotates only the title, the dateline and
/// the first four sentences (sentences 0 to 5), so only those are kept.
pub fn parse_cat(name: &str, src: &str) -> Result<GoldDoc, TimexError> {
    let err = |msg: &str| TimexError::Parse {
        path: PathBuf::from(name),
        msg: msg.to_string(),
    };
    // Tokens
    let mut text = String::new();
    let mut tok_span: std::collections::HashMap<String, (usize, usize)> =
        std::collections::HashMap::new();
    let mut last_sentence: Option<String> = None;
    let mut from = 0;
    while let Some(p) = src[from..].find("<token ") {
        let at = from + p;
        let gt = src[at..]
            .find('>')
            .map(|q| at + q)
            .ok_or_else(|| err("unclosed <token>"))?;
        let tag = &src[at + 1..gt];
        let close = src[gt..]
            .find("</token>")
            .map(|q| gt + q)
            .ok_or_else(|| err("no </token>"))?;
        let raw = &src[gt + 1..close];
        let id = attr(tag, "t_id").unwrap_or("").to_string();
        let sentence = attr(tag, "sentence").map(str::to_string);
        if sentence
            .as_deref()
            .and_then(|x| x.parse::<u32>().ok())
            .is_some_and(|n| n > 5)
        {
            from = close;
            continue;
        }
        if !text.is_empty() {
            text.push(if sentence != last_sentence { '\n' } else { ' ' });
        }
        last_sentence = sentence;
        let s = text.len();
        let mut i = 0;
        while i < raw.len() {
            if raw.as_bytes()[i] == b'&' {
                if let Some((c, len)) = decode_entity(&raw[i + 1..]) {
                    text.push(c);
                    i += 1 + len;
                    continue;
                }
            }
            let c = raw[i..].chars().next().ok_or_else(|| err("bad utf-8"))?;
            text.push(c);
            i += c.len_utf8();
        }
        tok_span.insert(id, (s, text.len()));
        from = close;
    }
    // TIMEX3 markables
    let mut timexes = Vec::new();
    let mut dct = None;
    let mut dct_span = None;
    let mut from = 0;
    while let Some(p) = src[from..].find("<TIMEX3 ") {
        let at = from + p;
        let gt = src[at..]
            .find('>')
            .map(|q| at + q)
            .ok_or_else(|| err("unclosed <TIMEX3>"))?;
        let tag = &src[at + 1..gt];
        from = gt;
        if tag.ends_with('/') {
            continue;
        }
        let end = src[gt..]
            .find("</TIMEX3>")
            .map(|q| gt + q)
            .ok_or_else(|| err("no </TIMEX3>"))?;
        let body = &src[gt..end];
        let mut span: Option<(usize, usize)> = None;
        let mut k = 0;
        while let Some(q) = body[k..].find("t_id=\"") {
            let st = k + q + 6;
            let Some(len) = body[st..].find('"') else {
                break;
            };
            if let Some(&(a, b)) = tok_span.get(&body[st..st + len]) {
                span = Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
            }
            k = st + len;
        }
        let Some((s, e)) = span else { continue };
        let value = attr(tag, "value").unwrap_or("").to_string();
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            dct = parse_date(&value);
            dct_span = Some((s, e));
            continue;
        }
        timexes.push(Timex {
            start: s,
            end: e,
            kind: attr(tag, "type")
                .and_then(TimexType::parse)
                .unwrap_or(TimexType::Date),
            value,
            mod_: attr(tag, "mod")
                .filter(|m| !m.is_empty())
                .map(str::to_string),
        });
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(GoldDoc {
        name: name.to_string(),
        text,
        dct,
        timexes,
        dct_span,
    })
}

/// Load every inline-TimeML `.tml` file and every MEANTIME CAT `.xml` file of `dir`
/// (not recursive; sorted by name).
pub fn load_dir(dir: &Path) -> Result<Vec<GoldDoc>, TimexError> {
    let io = |e| TimexError::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml" || x == "xml"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in paths {
        let src = std::fs::read_to_string(&p).map_err(|e| TimexError::Io {
            path: p.clone(),
            source: e,
        })?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.extension().is_some_and(|x| x == "xml") {
            if src.contains("<Document") && src.contains("<token ") {
                docs.push(parse_cat(&name, &src)?);
            }
        } else {
            docs.push(parse_timeml(&name, &src)?);
        }
    }
    Ok(docs)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn overlap(a: &Timex, b: &Timex) -> usize {
    let s = a.start.max(b.start);
    let e = a.end.min(b.end);
    e.saturating_sub(s)
}

fn show(doc: &GoldDoc, t: &Timex) -> String {
    let span = doc.text.get(t.start..t.end).unwrap_or("");
    let ctx_s = doc
        .text
        .floor_char_boundary_compat(t.start.saturating_sub(40));
    let ctx_e = doc
        .text
        .ceil_char_boundary_compat((t.end + 30).min(doc.text.len()));
    let before = doc
        .text
        .get(ctx_s..t.start)
        .unwrap_or("")
        .replace('\n', " ");
    let after = doc.text.get(t.end..ctx_e).unwrap_or("").replace('\n', " ");
    format!(
        "[{span}] {} {}{}  | {before}<<{span}>>{after}",
        t.kind.as_str(),
        t.value,
        t.mod_
            .as_deref()
            .map(|m| format!(" mod={m}"))
            .unwrap_or_default()
    )
}

trait CharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
    fn ceil_char_boundary_compat(&self, i: usize) -> usize;
}

impl CharBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
    fn ceil_char_boundary_compat(&self, mut i: usize) -> usize {
        while i < self.len() && !self.is_char_boundary(i) {
            i += 1;
        }
        i
    }
}

/// Run [`find`] on every document and score it (see [`TimexScore`]).
pub fn score_docs(docs: &[GoldDoc]) -> ScoreReport {
    let mut gold_n = 0;
    let mut pred_n = 0;
    let (mut strict_r, mut relaxed_r, mut strict_p, mut relaxed_p) = (0, 0, 0, 0);
    let (mut type_ok, mut value_ok) = (0, 0);
    let mut errors = Vec::new();
    for doc in docs {
        // Without a creation time, a dateline in the text stands in (as presslens's intake
        // does for articles).
        let mut pred = find(&doc.text, doc.dct.or_else(|| dateline_date(&doc.text)));
        if let Some((ds, de)) = doc.dct_span {
            pred.retain(|p| p.end <= ds || p.start >= de);
        }
        gold_n += doc.timexes.len();
        pred_n += pred.len();
        // One-to-one alignment, as TE3's TimeML-Normalizer gives a system timex the id of
        // at most one gold timex: exact spans first, then (gold in text order) the unused
        // prediction with the largest overlap.
        let scored: Vec<bool> = doc
            .timexes
            .iter()
            .map(|g| {
                doc.text
                    .get(g.start..g.end)
                    .is_some_and(|s| !s.trim().is_empty())
            })
            .collect();
        let mut used = vec![false; pred.len()];
        let mut link: Vec<Option<usize>> = vec![None; doc.timexes.len()];
        for (gi, g) in doc.timexes.iter().enumerate() {
            if !scored[gi] {
                continue;
            }
            if let Some(pi) = (0..pred.len())
                .find(|&pi| !used[pi] && pred[pi].start == g.start && pred[pi].end == g.end)
            {
                used[pi] = true;
                link[gi] = Some(pi);
            }
        }
        for (gi, g) in doc.timexes.iter().enumerate() {
            if !scored[gi] || link[gi].is_some() {
                continue;
            }
            let best = (0..pred.len())
                .filter(|&pi| !used[pi] && overlap(&pred[pi], g) > 0)
                .max_by_key(|&pi| (overlap(&pred[pi], g), std::cmp::Reverse(pi)));
            if let Some(pi) = best {
                used[pi] = true;
                link[gi] = Some(pi);
            }
        }
        for (gi, g) in doc.timexes.iter().enumerate() {
            if !scored[gi] {
                continue;
            }
            match link[gi].map(|pi| &pred[pi]) {
                None => errors.push(format!("{} MISSED {}", doc.name, show(doc, g))),
                Some(p) => {
                    let exact = p.start == g.start && p.end == g.end;
                    relaxed_r += 1;
                    relaxed_p += 1;
                    if exact {
                        strict_r += 1;
                        strict_p += 1;
                    }
                    let tok = p.kind == g.kind;
                    let vok = p.value == g.value;
                    type_ok += usize::from(tok);
                    value_ok += usize::from(vok);
                    if !exact || !vok || !tok {
                        let what = if !exact {
                            "SPAN"
                        } else if !vok {
                            "VALUE"
                        } else {
                            "TYPE"
                        };
                        errors.push(format!(
                            "{} {what} gold {}\n      sys  {}",
                            doc.name,
                            show(doc, g),
                            show(doc, p)
                        ));
                    }
                }
            }
        }
        for (pi, p) in pred.iter().enumerate() {
            if !used[pi] {
                errors.push(format!("{} EXTRA {}", doc.name, show(doc, p)));
            }
        }
    }
    let sp = ratio(strict_p, pred_n);
    let sr = ratio(strict_r, gold_n);
    let rp = ratio(relaxed_p, pred_n);
    let rr = ratio(relaxed_r, gold_n);
    let rf = f1(rp, rr);
    let ta = ratio(type_ok, relaxed_r);
    let va = ratio(value_ok, relaxed_r);
    ScoreReport {
        score: TimexScore {
            docs: docs.len(),
            gold: gold_n,
            predicted: pred_n,
            strict_p: sp,
            strict_r: sr,
            strict_f1: f1(sp, sr),
            relaxed_p: rp,
            relaxed_r: rr,
            relaxed_f1: rf,
            value_f1: va * rf,
            type_f1: ta * rf,
            type_accuracy: ta,
            value_accuracy: va,
        },
        errors,
    }
}

/// Score [`find`] on all `.tml` files in `dirs` (inline TimeML, e.g. TimeBank and AQUAINT).
pub fn evaluate_dir(dirs: &[PathBuf]) -> Result<TimexScore, TimexError> {
    let mut docs = Vec::new();
    for d in dirs {
        docs.extend(load_dir(d)?);
    }
    if docs.is_empty() {
        return Err(TimexError::NoDocs);
    }
    Ok(score_docs(&docs).score)
}
