//! Reading PolNeAR's BRAT standoff annotations.
//!
//! `T` lines are text-bound spans: `T12<TAB>Content 120 211;215 230<TAB>text`, with
//! end-exclusive **character** (Unicode scalar) offsets and `;`-separated fragments for
//! discontinuous spans. `E` lines group them:
//! `E3<TAB>Attribution:T12 Content:T9 Cue:T11 Source:T10 Content2:T13`. Span text may contain
//! line breaks, so lines that start neither with `T<digits>` nor `E<digits>` are ignored, as are
//! annotator notes (`#`) and span types other than `Source`, `Cue` and `Content`.

use crate::{AttribError, Role};

/// One text-bound annotation of type `Source`, `Cue` or `Content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BratSpan {
    /// The `T` id, e.g. `"T12"`.
    pub id: String,
    /// The role.
    pub role: Role,
    /// Fragments as end-exclusive character offsets, in file order.
    pub fragments: Vec<(usize, usize)>,
}

/// One `E` line: an attribution relation linking span ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BratRelation {
    /// The `E` id.
    pub id: String,
    /// Source span ids.
    pub sources: Vec<String>,
    /// Cue span ids.
    pub cues: Vec<String>,
    /// Content span ids (`Content`, `Content2`, …).
    pub contents: Vec<String>,
}

/// A parsed `.ann` file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BratDoc {
    /// Source, cue and content spans.
    pub spans: Vec<BratSpan>,
    /// Attribution relations.
    pub relations: Vec<BratRelation>,
}

fn is_id(s: &str, prefix: char) -> bool {
    let mut c = s.chars();
    c.next() == Some(prefix) && {
        let rest = c.as_str();
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Parses the content of a `.ann` file. Malformed `T` lines of a relevant type are an error;
/// other lines are skipped.
pub fn parse_ann(src: &str) -> Result<BratDoc, AttribError> {
    let mut doc = BratDoc::default();
    for (lineno, line) in src.lines().enumerate() {
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if is_id(id, 'T') {
            let Some((ty, offs)) = body.split_once(' ') else {
                continue;
            };
            let role = match ty {
                "Source" => Role::Source,
                "Cue" => Role::Cue,
                "Content" => Role::Content,
                _ => continue,
            };
            let mut fragments = Vec::new();
            for frag in offs.split(';') {
                let bad =
                    || AttribError::Format(format!("line {}: bad offsets {:?}", lineno + 1, offs));
                let (a, b) = frag.trim().split_once(' ').ok_or_else(bad)?;
                let a: usize = a.parse().map_err(|_| bad())?;
                let b: usize = b.parse().map_err(|_| bad())?;
                if b < a {
                    return Err(bad());
                }
                fragments.push((a, b));
            }
            doc.spans.push(BratSpan {
                id: id.to_string(),
                role,
                fragments,
            });
        } else if is_id(id, 'E') {
            let mut rel = BratRelation {
                id: id.to_string(),
                ..Default::default()
            };
            for arg in body.split_whitespace() {
                let Some((k, v)) = arg.split_once(':') else {
                    continue;
                };
                let k = k.trim_end_matches(|c: char| c.is_ascii_digit());
                match k {
                    "Source" => rel.sources.push(v.to_string()),
                    "Cue" => rel.cues.push(v.to_string()),
                    "Content" => rel.contents.push(v.to_string()),
                    _ => {}
                }
            }
            doc.relations.push(rel);
        }
    }
    Ok(doc)
}

/// Byte offset of every character boundary of `text`: `map[k]` is the byte offset of character
/// `k` (and `map[n_chars] == text.len()`).
pub fn char_to_byte(text: &str) -> Vec<usize> {
    let mut m: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    m.push(text.len());
    m
}
