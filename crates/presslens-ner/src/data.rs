//! Readers for the entity corpora, as documents of BIO-labelled sentences with the coarse
//! CoNLL types `PER`, `ORG`, `LOC` and `MISC`.

use std::collections::HashMap;
use std::io;
use std::path::Path;

use presslens_tagging::readers::{parse_columns, ColumnFormat};

/// A labelled sentence: words and one BIO label per word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabeledSentence {
    /// Tokens.
    pub words: Vec<String>,
    /// BIO labels (`O`, `B-PER`, `I-ORG`, …).
    pub labels: Vec<String>,
}

/// A labelled document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Sentences in order.
    pub sentences: Vec<LabeledSentence>,
    /// Source domain (0 = CoNLL newswire, the target domain; see [`crate::train`]).
    pub domain: u16,
}

/// Maps a corpus type to the coarse set; `None` drops the entity.
fn coarse(ty: &str) -> Option<&'static str> {
    match ty {
        "PER" | "PERSON" | "person" => Some("PER"),
        "ORG" | "organization" => Some("ORG"),
        "LOC" | "GPE" | "FAC" | "place" => Some("LOC"),
        "MISC" | "NORP" | "EVENT" | "event" | "object" | "abstract" => Some("MISC"),
        _ => None,
    }
}

fn map_bio(tags: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev_ok = false;
    for t in tags {
        let mapped = match t.split_once('-') {
            Some((k @ ("B" | "I"), ty)) => coarse(ty).map(|c| (k, c)),
            _ => None,
        };
        match mapped {
            Some(("I", c)) if prev_ok => out.push(format!("I-{c}")),
            Some((_, c)) => out.push(format!("B-{c}")),
            None => {
                out.push("O".to_string());
                prev_ok = false;
                continue;
            }
        }
        prev_ok = true;
    }
    out
}

/// Parses a CoNLL-2003-style column text (IOB1 or BIO, `-DOCSTART-` lines) into documents.
pub fn parse_conll(text: &str, domain: u16) -> Vec<Document> {
    let sents = parse_columns(text, ColumnFormat::CONLL2003);
    let mut docs: Vec<Document> = Vec::new();
    let mut cur_doc = usize::MAX;
    for s in sents {
        if s.doc != cur_doc || docs.is_empty() {
            docs.push(Document {
                sentences: Vec::new(),
                domain,
            });
            cur_doc = s.doc;
        }
        if let Some(d) = docs.last_mut() {
            d.sentences.push(LabeledSentence {
                labels: map_bio(&s.tags),
                words: s.tokens,
            });
        }
    }
    docs
}

/// Parses a Universal NER (IOB2, tab-separated) text; `# newdoc` comments start documents.
pub fn parse_uner(text: &str, domain: u16) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut chunk = String::new();
    let flush = |chunk: &mut String, docs: &mut Vec<Document>| {
        let sents = parse_columns(chunk, ColumnFormat::UNER);
        if !sents.is_empty() {
            docs.push(Document {
                sentences: sents
                    .into_iter()
                    .map(|s| LabeledSentence {
                        labels: map_bio(&s.tags),
                        words: s.tokens,
                    })
                    .collect(),
                domain,
            });
        }
        chunk.clear();
    };
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            flush(&mut chunk, &mut docs);
        }
        chunk.push_str(line);
        chunk.push('\n');
    }
    flush(&mut chunk, &mut docs);
    docs
}

/// One GUM token: form, XPOS and the raw `Entity=` value.
struct GumTok {
    form: String,
    xpos: String,
    entity: String,
}

/// Connector words allowed inside a proper-name mention.
fn connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "and"
            | "&"
            | "-"
            | "the"
            | "for"
            | "de"
            | "la"
            | "du"
            | "von"
            | "van"
            | "der"
            | "'s"
            | "."
            | ","
            | "on"
            | "in"
            | "at"
    )
}

/// Mentions of one sentence from the `Entity=` brackets: `(start, end, type)`.
fn gum_mentions(toks: &[GumTok]) -> Vec<(usize, usize, String)> {
    let mut open: Vec<(String, usize, String)> = Vec::new();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let e = t.entity.as_bytes();
        let mut p = 0usize;
        while p < e.len() {
            if e[p] == b'(' {
                let q = e[p + 1..]
                    .iter()
                    .position(|&c| c == b'(' || c == b')')
                    .map_or(e.len(), |k| p + 1 + k);
                let body = &t.entity[p + 1..q];
                let mut f = body.split('-');
                let id = f.next().unwrap_or("").to_string();
                let ty = f.next().unwrap_or("").to_string();
                if q < e.len() && e[q] == b')' {
                    out.push((i, i + 1, ty));
                    p = q + 1;
                } else {
                    open.push((id, i, ty));
                    p = q;
                }
            } else if e[p].is_ascii_digit() {
                let q = e[p..]
                    .iter()
                    .position(|c| !c.is_ascii_digit())
                    .map_or(e.len(), |k| p + k);
                let id = &t.entity[p..q];
                if let Some(k) = open.iter().rposition(|(oid, _, _)| oid == id) {
                    let (_, s, ty) = open.remove(k);
                    out.push((s, i + 1, ty));
                }
                p = q + 1;
            } else {
                p += 1;
            }
        }
    }
    out
}

/// Whether tokens `[s, e)` form a proper name; returns the trimmed span.
fn proper_span(toks: &[GumTok], s: usize, e: usize) -> Option<(usize, usize)> {
    let mut s = s;
    let mut e = e;
    while s < e && (toks[s].form == "the" || toks[s].form == "The") {
        s += 1;
    }
    while e > s && (toks[e - 1].form == "'s" || toks[e - 1].form == "'") {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let is_prop = |t: &GumTok| t.xpos.starts_with("NNP");
    if !is_prop(&toks[s]) || !is_prop(&toks[e - 1]) {
        return None;
    }
    if !toks[s].form.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if toks[s..e].iter().all(|t| is_prop(t) || connector(&t.form)) {
        Some((s, e))
    } else {
        None
    }
}

/// Parses a GUM CoNLL-U file into one document: proper-name mentions of the types person,
/// organization, place, event, object and abstract become entities (outermost first).
pub fn parse_gum(text: &str, domain: u16) -> Document {
    let mut doc = Document {
        sentences: Vec::new(),
        domain,
    };
    let mut toks: Vec<GumTok> = Vec::new();
    let flush = |toks: &mut Vec<GumTok>, doc: &mut Document| {
        if toks.is_empty() {
            return;
        }
        let mut labels = vec!["O".to_string(); toks.len()];
        let mut cands: Vec<(usize, usize, &'static str)> = gum_mentions(toks)
            .into_iter()
            .filter_map(|(s, e, ty)| {
                let c = coarse(&ty)?;
                let (s, e) = proper_span(toks, s, e)?;
                Some((s, e, c))
            })
            .collect();
        cands.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
        let mut taken = vec![false; toks.len()];
        for (s, e, c) in cands {
            if taken[s..e].iter().any(|&x| x) {
                continue;
            }
            for (k, t) in taken.iter_mut().enumerate().take(e).skip(s) {
                *t = true;
                labels[k] = format!("{}-{c}", if k == s { "B" } else { "I" });
            }
        }
        doc.sentences.push(LabeledSentence {
            words: toks.drain(..).map(|t| t.form).collect(),
            labels,
        });
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut toks, &mut doc);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let entity = cols[9]
            .split('|')
            .find_map(|f| f.strip_prefix("Entity="))
            .unwrap_or("")
            .to_string();
        toks.push(GumTok {
            form: cols[1].to_string(),
            xpos: cols[4].to_string(),
            entity,
        });
    }
    flush(&mut toks, &mut doc);
    doc
}

/// Reads the GUM training documents listed under `## train` in `splits.md` from `gum_dir/dep`.
pub fn read_gum_train(gum_dir: &Path, domain: u16) -> io::Result<Vec<Document>> {
    let splits = std::fs::read_to_string(gum_dir.join("splits.md"))?;
    let mut in_train = false;
    let mut names = Vec::new();
    for l in splits.lines() {
        if let Some(h) = l.strip_prefix("## ") {
            in_train = h.trim() == "train";
            continue;
        }
        if in_train {
            if let Some(n) = l.trim().strip_prefix("* ") {
                names.push(n.trim().to_string());
            }
        }
    }
    let mut docs = Vec::new();
    for n in names {
        let p = gum_dir.join("dep").join(format!("{n}.conllu"));
        if let Ok(t) = std::fs::read_to_string(&p) {
            docs.push(parse_gum(&t, domain));
        }
    }
    Ok(docs)
}

/// Reads an evaluation or training file, guessing the format: UNER (`.iob2`, tab-separated with
/// an index column) or CoNLL-style columns.
pub fn read_any(path: &Path, domain: u16) -> io::Result<Vec<Document>> {
    let text = std::fs::read_to_string(path)?;
    let uner = path.extension().is_some_and(|e| e == "iob2") || text.contains("# sent_id");
    Ok(if uner {
        parse_uner(&text, domain)
    } else {
        parse_conll(&text, domain)
    })
}

/// Counts of entity labels per type (B- tags), for reports.
pub fn entity_counts(docs: &[Document]) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for d in docs {
        for s in &d.sentences {
            for l in &s.labels {
                if let Some(t) = l.strip_prefix("B-") {
                    *m.entry(t.to_string()).or_insert(0) += 1;
                }
            }
        }
    }
    m
}
