//! The sources layer: one summary per source, with its statements and how much it said.

use super::Attribution;
use crate::document::Document;

/// What one source contributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSummary {
    /// The entity id, when the source resolved to a cluster.
    pub entity: Option<String>,
    /// The source's name: the entity's name, or the source text as written.
    pub name: String,
    /// Entity type (PERSON, ORG, …), when known.
    pub etype: Option<&'static str>,
    /// Source type (head of state, state media, …), once typed; `None` until then.
    pub source_type: Option<&'static str>,
    /// ISO country code.
    pub affiliation: Option<&'static str>,
    /// Indices of its attributions in the layer.
    pub attributions: Vec<usize>,
    /// Words of content it contributed.
    pub words: usize,
}

/// Groups attributions by source entity (or by source text when unresolved).
pub fn summarize(doc: &Document, attrs: &[Attribution]) -> Vec<SourceSummary> {
    let mut out: Vec<SourceSummary> = Vec::new();
    for (i, a) in attrs.iter().enumerate() {
        let Some(src) = a.source else {
            continue;
        };
        let ent = a
            .entity
            .as_ref()
            .and_then(|id| doc.entities.iter().find(|e| &e.id == id));
        let name = ent.map_or_else(|| doc.slice(src).to_string(), |e| e.name.clone());
        let key_match = |s: &SourceSummary| match (&s.entity, &a.entity) {
            (Some(x), Some(y)) => x == y,
            (None, None) => s.name.eq_ignore_ascii_case(&name),
            _ => false,
        };
        let words = doc.slice(a.content).split_whitespace().count();
        match out.iter_mut().find(|s| key_match(s)) {
            Some(s) => {
                s.attributions.push(i);
                s.words += words;
            }
            None => out.push(SourceSummary {
                entity: a.entity.clone(),
                name,
                etype: ent.map(|e| e.etype),
                source_type: ent.and_then(|e| e.source_type),
                affiliation: ent.and_then(|e| e.affiliation),
                attributions: vec![i],
                words,
            }),
        }
    }
    out
}
