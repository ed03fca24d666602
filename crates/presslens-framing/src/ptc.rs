//! Reader for the Propaganda Techniques Corpus (SemEval-2020 Task 11) train folders.

use std::fs;
use std::io;
use std::path::Path;

/// The two techniques the framing tagger learns.
pub const TECHNIQUES: [&str; 2] = ["Loaded_Language", "Name_Calling,Labeling"];

/// One gold technique span, in **character** offsets (end-exclusive), as in PTC files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TechSpan {
    /// Technique name (`Loaded_Language`, …).
    pub technique: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// One article with its gold spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PtcArticle {
    /// Article id (the digits of `article<id>.txt`).
    pub id: String,
    /// The text as stored.
    pub text: String,
    /// Gold technique spans (all techniques).
    pub spans: Vec<TechSpan>,
}

impl PtcArticle {
    /// Gold spans of the given techniques, as character ranges.
    pub fn spans_of(&self, techniques: &[&str]) -> Vec<(usize, usize)> {
        self.spans
            .iter()
            .filter(|s| techniques.contains(&s.technique.as_str()))
            .map(|s| (s.start, s.end))
            .collect()
    }
}

/// Byte offset of every character boundary: `v[c]` is the byte offset of character `c`, and
/// `v[n_chars]` is the text length.
pub fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Character index of a byte offset (which must be a boundary; others round down).
pub fn byte_to_char(c2b: &[usize], byte: usize) -> usize {
    match c2b.binary_search(&byte) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

/// Reads `article<id>.txt` files from `articles` and their `article<id>.task2-TC.labels` from
/// `labels` (a missing label file means no spans), sorted by id.
pub fn read_ptc(articles: &Path, labels: &Path) -> io::Result<Vec<PtcArticle>> {
    let mut out = Vec::new();
    for ent in fs::read_dir(articles)? {
        let path = ent?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(id) = name
            .strip_prefix("article")
            .and_then(|r| r.strip_suffix(".txt"))
        else {
            continue;
        };
        let text = fs::read_to_string(&path)?;
        let lab = labels.join(format!("article{id}.task2-TC.labels"));
        let mut spans = Vec::new();
        if let Ok(l) = fs::read_to_string(&lab) {
            for line in l.lines() {
                let cols: Vec<&str> = line.trim_end().split('\t').collect();
                if let [_, t, s, e] = cols.as_slice() {
                    if let (Ok(s), Ok(e)) = (s.parse(), e.parse()) {
                        spans.push(TechSpan {
                            technique: t.to_string(),
                            start: s,
                            end: e,
                        });
                    }
                }
            }
        }
        out.push(PtcArticle {
            id: id.to_string(),
            text,
            spans,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Whether `dir` holds at least one file whose name starts with `prefix` and ends with `suffix`.
fn holds(dir: &Path, prefix: &str, suffix: &str) -> bool {
    fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(Result::ok).any(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
        })
    })
}

/// Finds the article and technique-label folders of a PTC split and reads it ([`read_ptc`]).
///
/// `dir` may be the split's root (the PTC layout: `*-articles/` with `article<id>.txt` and
/// `*-labels-task2-technique-classification/` with `article<id>.task2-TC.labels`), or one
/// folder holding both kinds of file. Technique labels are required: span-identification
/// (task 1) labels do not say which spans are loaded language or name calling.
pub fn read_ptc_dir(dir: &Path) -> io::Result<Vec<PtcArticle>> {
    let mut articles = None;
    let mut labels = None;
    if holds(dir, "article", ".txt") {
        articles = Some(dir.to_path_buf());
    }
    if holds(dir, "article", ".task2-TC.labels") {
        labels = Some(dir.to_path_buf());
    }
    let mut subdirs: Vec<_> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for p in subdirs {
        if articles.is_none() && holds(&p, "article", ".txt") {
            articles = Some(p.clone());
        }
        if labels.is_none() && holds(&p, "article", ".task2-TC.labels") {
            labels = Some(p);
        }
    }
    let not_found = |what: &str| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("{}: no {what} found", dir.display()),
        )
    };
    let articles = articles.ok_or_else(|| not_found("article<id>.txt files"))?;
    let labels = labels.ok_or_else(|| not_found("article<id>.task2-TC.labels files"))?;
    read_ptc(&articles, &labels)
}
