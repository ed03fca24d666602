//! The entity stage: the trained recogniser (`models/ner.bin` with `models/gazetteer.bin`,
//! embedded in the binary) finds names, then [`super::cluster`] groups them.

use super::clusters::{cluster, NameMention};
use crate::document::Document;
use presslens_ner::{EntityType, Recognizer};
use std::sync::OnceLock;

static NER_MODEL: &[u8] = include_bytes!("../../../../models/ner.bin");
static GAZETTEER: &[u8] = include_bytes!("../../../../models/gazetteer.bin");

/// The embedded recogniser, loaded on first use. `None` (with a message on standard error, once)
/// if the embedded files are damaged, so analysis goes on without entities rather than failing.
pub fn recognizer() -> Option<&'static Recognizer> {
    static R: OnceLock<Option<Recognizer>> = OnceLock::new();
    crate::embedded_model(&R, "entity", &[NER_MODEL, GAZETTEER], || {
        Recognizer::from_bytes(NER_MODEL, GAZETTEER)
    })
}

fn type_name(t: EntityType) -> &'static str {
    t.as_str()
}

/// Finds and clusters the entities of a document (tokens and sentences must be there).
pub fn run(doc: &mut Document) {
    let names = names(doc);
    if names.is_empty() && recognizer().is_none() {
        return;
    }
    doc.entities = cluster(doc, &names);
}

/// The recogniser's name mentions in a document (tokens and sentences must be there), in
/// document order; empty when the embedded model cannot be loaded. [`run`] clusters them.
pub fn names(doc: &Document) -> Vec<NameMention> {
    let Some(r) = recognizer() else {
        return Vec::new();
    };
    let mut sentences: Vec<Vec<&str>> = Vec::with_capacity(doc.sentences.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(doc.sentences.len());
    let mut lo = 0;
    for i in 0..doc.sentences.len() {
        let toks = doc.sentence_tokens(i);
        offsets.push(lo);
        lo += toks.len();
        sentences.push(toks.iter().map(|t| doc.slice(t.span)).collect());
    }
    let found = r.recognize(&sentences);
    let mut names = Vec::new();
    for (si, spans) in found.iter().enumerate() {
        for s in spans {
            if s.start < s.end && s.end <= sentences[si].len() {
                names.push(NameMention {
                    tok_start: offsets[si] + s.start,
                    tok_end: offsets[si] + s.end,
                    etype: type_name(s.label),
                });
            }
        }
    }
    names
}
