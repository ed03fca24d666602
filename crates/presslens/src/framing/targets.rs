//! Targets: the entity cluster a framing word is applied to, where the syntax shows it.
//!
//! Only short, clear patterns over tokens, part-of-speech tags and entity mentions are used;
//! anything else gets no target (null beats a guess):
//!
//! - the words are (part of) an entity mention: `the regime` clustered with Assad;
//! - labels: a name right before the label (`Nusra militants`; not a nationality or place:
//!   `Syrian rebels` names rebels, not Syria), after it as an apposition (`the militant group,
//!   Jaish al-Islam,`, `terrorists (ISIS)`), after `from`/`of`/`such as`/`like`/`including`,
//!   or before it with a copula, `as` or an indefinite apposition (`Hamas is a terrorist
//!   group`, `branded Hamas as terrorists`, `Hamas, a terrorist group`);
//! - loaded words: the object right after a verb (`liberate Aleppo`, `liberating eastern
//!   Aleppo from terrorists`), `of` after a noun (`the occupation of Crimea`), or the subject of
//!   a passive (`Aleppo was liberated`);
//! - evaluative adjectives: the name they modify (`the brutal Assad government`);
//! - distancing: a name inside the quoted words, or the noun phrase before `whom it called`,
//!   `dubbed`, `so-called`.

use super::{FramingCategory, StoryTokens};
use crate::document::{Document, Span};
use crate::entities::MentionKind;

/// Entity mentions (not pronouns) sorted by start: `(start, end, entity index)`.
pub(crate) struct EntityIndex {
    m: Vec<(usize, usize, usize)>,
}

impl EntityIndex {
    pub(crate) fn new(doc: &Document) -> EntityIndex {
        let mut m: Vec<(usize, usize, usize)> = doc
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.mentions
                    .iter()
                    .filter(|x| x.kind != MentionKind::Pronoun)
                    .map(move |x| (x.span.start, x.span.end, i))
            })
            .collect();
        m.sort_unstable();
        EntityIndex { m }
    }

    /// The entity of the longest mention starting at byte `b`.
    fn starting_at(&self, b: usize) -> Option<usize> {
        let lo = self.m.partition_point(|x| x.0 < b);
        self.m[lo..]
            .iter()
            .take_while(|x| x.0 == b)
            .max_by_key(|x| x.1)
            .map(|x| x.2)
    }

    /// The entity of a mention ending at byte `b`.
    fn ending_at(&self, b: usize) -> Option<usize> {
        let hi = self.m.partition_point(|x| x.0 < b);
        self.m[..hi].iter().rev().find(|x| x.1 == b).map(|x| x.2)
    }

    /// The entity of the first mention overlapping `s`.
    fn overlapping(&self, s: Span) -> Option<usize> {
        let hi = self.m.partition_point(|x| x.0 < s.end);
        self.m[..hi].iter().find(|x| x.1 > s.start).map(|x| x.2)
    }
}

/// Token access for the patterns.
struct Toks<'a> {
    text: &'a str,
    st: &'a StoryTokens,
}

impl Toks<'_> {
    fn len(&self) -> usize {
        self.st.spans.len()
    }
    fn word(&self, i: usize) -> &str {
        self.st
            .spans
            .get(i)
            .and_then(|&(s, e)| self.text.get(s..e))
            .unwrap_or("")
    }
    fn is(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        words.iter().any(|x| w.eq_ignore_ascii_case(x))
    }
    fn upos(&self, i: usize) -> &str {
        self.st.upos.get(i).copied().unwrap_or("")
    }
    fn start(&self, i: usize) -> Option<usize> {
        self.st.spans.get(i).map(|s| s.0)
    }
    fn end(&self, i: usize) -> Option<usize> {
        self.st.spans.get(i).map(|s| s.1)
    }
    /// Whether tokens `i` and `i + 1` are on the same line.
    fn joined(&self, i: usize) -> bool {
        match (self.end(i), self.start(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a..b).is_some_and(|g| !g.contains('\n')),
            _ => false,
        }
    }
}

const DETS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "remains", "remain",
];

fn etype(doc: &Document, e: usize) -> &str {
    doc.entities.get(e).map_or("", |x| x.etype)
}

fn id(doc: &Document, e: usize) -> Option<String> {
    doc.entities.get(e).map(|x| x.id.clone())
}

/// The entity a framing item of `category` at `span` is applied to, if the syntax shows it.
pub(crate) fn target(
    doc: &Document,
    st: &StoryTokens,
    ents: &EntityIndex,
    span: Span,
    category: FramingCategory,
) -> Option<String> {
    let t = Toks {
        text: doc.text(),
        st,
    };
    let a = st.spans.partition_point(|x| x.0 < span.start);
    let b = st.spans.partition_point(|x| x.0 < span.end);
    if a >= b {
        return None;
    }
    if matches!(
        category,
        FramingCategory::Labeling | FramingCategory::Loaded | FramingCategory::Evaluative
    ) {
        if let Some(e) = ents.overlapping(span) {
            return id(doc, e);
        }
    }
    let e = match category {
        FramingCategory::Labeling => label_target(doc, &t, ents, a, b),
        FramingCategory::Loaded => loaded_target(&t, ents, a, b),
        FramingCategory::Evaluative => evaluative_target(&t, ents, a, b),
        _ => None,
    };
    e.and_then(|e| id(doc, e))
}

/// The entity of a mention starting at token `j`, after optional determiners.
fn mention_after(t: &Toks<'_>, ents: &EntityIndex, mut j: usize, skip_adj: usize) -> Option<usize> {
    let mut adj = 0;
    while j < t.len() {
        if let Some(e) = t.start(j).and_then(|s| ents.starting_at(s)) {
            return Some(e);
        }
        if t.is(j, DETS) {
            j += 1;
        } else if adj < skip_adj && t.upos(j) == "ADJ" {
            adj += 1;
            j += 1;
        } else {
            return None;
        }
    }
    None
}

fn label_target(
    doc: &Document,
    t: &Toks<'_>,
    ents: &EntityIndex,
    a: usize,
    b: usize,
) -> Option<usize> {
    let not_place = |e: usize| !matches!(etype(doc, e), "GPE" | "LOC" | "NORP" | "FAC");
    // A name right before the label: "Nusra militants".
    if a > 0 && t.joined(a - 1) {
        if let Some(e) = t.end(a - 1).and_then(|x| ents.ending_at(x)) {
            if not_place(e) {
                return Some(e);
            }
        }
    }
    // An apposition after it: "the militant group, Jaish al-Islam," or "terrorists (ISIS)".
    if t.is(b, &[",", "(", "-", "–", "—"]) && t.joined(b - 1) {
        let mut j = b + 1;
        if t.is(j, &["the"]) {
            j += 1;
        }
        if let Some(s) = t.start(j) {
            if let Some(e) = ents.starting_at(s) {
                let k = t.st.spans.partition_point(|x| x.0 < ents_end(ents, s));
                let closed = k >= t.len() || t.is(k, &[",", ")", "-", "–", "—", ".", ";", "and"]);
                if closed && matches!(etype(doc, e), "ORG" | "MISC" | "NORP") {
                    return Some(e);
                }
            }
        }
    }
    // "from / of / such as / like / including" and a group: "militants of the Nusra Front".
    let mut j = b;
    if t.is(j, &["such"]) && t.is(j + 1, &["as"]) {
        j += 2;
    } else if t.is(j, &["from", "of", "like", "including"]) {
        j += 1;
    } else {
        j = usize::MAX;
    }
    if j != usize::MAX {
        if let Some(e) = mention_after(t, ents, j, 0) {
            if not_place(e) || etype(doc, e) == "NORP" {
                return Some(e);
            }
        }
    }
    // Before it with a copula, "as" or an indefinite apposition: "Hamas is a terrorist group".
    let mut k = a;
    let mut skipped = 0;
    let mut indefinite = false;
    while k > 0 && skipped < 4 {
        let p = k - 1;
        if t.is(p, &["a", "an"]) {
            indefinite = true;
        } else if !(t.is(p, DETS) || matches!(t.upos(p), "ADJ" | "ADV" | "NOUN")) {
            break;
        }
        k = p;
        skipped += 1;
    }
    if k >= 2 {
        let link = k - 1;
        let ok = t.is(link, BE) || t.is(link, &["as"]) || (t.is(link, &[","]) && indefinite);
        if ok && !t.is(link.saturating_sub(1), &["such"]) {
            return t.end(link - 1).and_then(|x| ents.ending_at(x));
        }
    }
    None
}

/// End byte of the longest mention starting at `s`.
fn ents_end(ents: &EntityIndex, s: usize) -> usize {
    let lo = ents.m.partition_point(|x| x.0 < s);
    ents.m[lo..]
        .iter()
        .take_while(|x| x.0 == s)
        .map(|x| x.1)
        .max()
        .unwrap_or(s)
}

fn loaded_target(t: &Toks<'_>, ents: &EntityIndex, a: usize, b: usize) -> Option<usize> {
    let head = b - 1;
    match t.upos(head) {
        "VERB" | "ADJ" => {
            // Object: "liberate Aleppo", "liberating eastern Aleppo", "occupied Crimea".
            if let Some(e) = mention_after(t, ents, b, 1) {
                return Some(e);
            }
            // Passive subject: "Aleppo was (fully) liberated".
            if t.word(head).ends_with("ed") {
                let mut k = a;
                let mut adv = 0;
                while k > 0 && adv < 2 && t.upos(k - 1) == "ADV" {
                    k -= 1;
                    adv += 1;
                }
                if k >= 2 && t.is(k - 1, BE) {
                    let mut s = k - 1;
                    if s >= 1 && t.is(s - 1, &["has", "have", "had"]) {
                        s -= 1;
                    }
                    if s >= 1 {
                        return t.end(s - 1).and_then(|x| ents.ending_at(x));
                    }
                }
            }
            None
        }
        "NOUN" | "PROPN" => {
            // "the liberation of Aleppo".
            if t.is(b, &["of"]) {
                mention_after(t, ents, b + 1, 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn evaluative_target(t: &Toks<'_>, ents: &EntityIndex, _a: usize, b: usize) -> Option<usize> {
    if t.upos(b - 1) == "ADJ" {
        mention_after(t, ents, b, 1)
    } else {
        None
    }
}

/// The entity distanced words are applied to: a name inside them ("so-called Islamic State"),
/// or the noun phrase before "whom it called", "dubbed", "so-called".
pub(crate) fn distanced_target(
    doc: &Document,
    st: &StoryTokens,
    ents: &EntityIndex,
    span: Span,
) -> Option<String> {
    if let Some(e) = ents.overlapping(span) {
        return id(doc, e);
    }
    let t = Toks {
        text: doc.text(),
        st,
    };
    let a = st.spans.partition_point(|x| x.0 < span.start);
    let mut k = a;
    // Opening quotation marks.
    while k > 0 && t.is(k - 1, &["\"", "“", "‘", "'", "«", "``", "`"]) {
        k -= 1;
    }
    // "… whom it called", "… dubbed".
    let mut j = k;
    if j > 0
        && t.is(
            j - 1,
            &[
                "called", "dubbed", "labelled", "labeled", "termed", "branded",
            ],
        )
    {
        j -= 1;
        if j > 0 && matches!(t.upos(j - 1), "PRON" | "PROPN") && !t.is(j - 1, &["whom", "who"]) {
            j -= 1;
        }
        if j > 0 && t.is(j - 1, &["whom", "who", "which", "that"]) {
            j -= 1;
        }
        while j > 0 && t.is(j - 1, &[",", "-", "–", "—"]) {
            j -= 1;
        }
        if j > 0 {
            return t
                .end(j - 1)
                .and_then(|x| ents.ending_at(x))
                .and_then(|e| id(doc, e));
        }
    }
    None
}
