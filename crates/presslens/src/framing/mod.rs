//! Framing: which words frame the story, whose words they are, and whom they are applied to.
//!
//! The stage joins three sources into one layer of [`Framing`] items:
//!
//! - the framing lexicon of `presslens-framing` (`resources/framing/lexicon.tsv`: labels, loaded
//!   and evaluative words, boosters, hedges; lemmatised, multiword);
//! - the span tagger trained on the Propaganda Techniques Corpus (`models/framing.bin`), whose
//!   spans are kept where the lexicon found nothing;
//! - the attribution stage's distancing layer (scare quotes, "so-called"), mirrored as
//!   `distancing` items.
//!
//! Every item gets a [`Voice`] — `quoted` when it is someone else's wording (inside a full
//! quotation, or inside quotation marks within a statement's content), `narrator` otherwise
//! (the outlet's own words, including its paraphrase in reported speech) — and,
//! where the syntax shows it, the entity cluster it is applied to ([`targets`]). The stage also
//! computes the document's lexicon [`Tone`] over the title and body.

pub mod targets;

use crate::attribution::Kind;
use crate::document::{Document, Span, Zone};
use presslens_framing::{Category, Framer, Source};

pub use presslens_framing::{Tone, ToneWord};

/// How many positive and negative tone words are kept.
pub const TONE_TOP_WORDS: usize = 8;

/// The sentence shown with every tone figure: what it is and what it is not.
pub const TONE_CAVEAT: &str = "Lexicon tone (VADER word list, GDELT-style percentages) is a \
reading aid, not a judgement: word-counting tone is known to be unreliable on news.";

/// What kind of framing an item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FramingCategory {
    /// A label for a person or group (`terrorists`, `regime`, `freedom fighters`).
    Labeling,
    /// An emotionally charged or euphemistic word for an act or event (`liberate`, `massacre`).
    Loaded,
    /// The writer's evaluation (`brutal`, `heroic`, `indiscriminately`).
    Evaluative,
    /// A certainty booster (`clearly`, `undoubtedly`).
    Booster,
    /// A hedge (`reportedly`, `allegedly`).
    Hedge,
    /// Words set apart with scare quotes or "so-called" (mirrors the distancing layer).
    Distancing,
}

impl FramingCategory {
    /// All categories, in report order.
    pub const ALL: [FramingCategory; 6] = [
        FramingCategory::Labeling,
        FramingCategory::Loaded,
        FramingCategory::Evaluative,
        FramingCategory::Distancing,
        FramingCategory::Booster,
        FramingCategory::Hedge,
    ];

    /// The name used in `presslens/1` (`labeling`, `loaded`, `evaluative`, `booster`, `hedge`,
    /// `distancing`).
    pub fn as_str(self) -> &'static str {
        match self {
            FramingCategory::Labeling => "labeling",
            FramingCategory::Loaded => "loaded",
            FramingCategory::Evaluative => "evaluative",
            FramingCategory::Booster => "booster",
            FramingCategory::Hedge => "hedge",
            FramingCategory::Distancing => "distancing",
        }
    }

    /// The category with this `presslens/1` name.
    pub fn parse(s: &str) -> Option<FramingCategory> {
        FramingCategory::ALL.into_iter().find(|c| c.as_str() == s)
    }

    fn from_lexicon(c: Category) -> FramingCategory {
        match c {
            Category::Labeling => FramingCategory::Labeling,
            Category::Loaded => FramingCategory::Loaded,
            Category::Evaluative => FramingCategory::Evaluative,
            Category::Booster => FramingCategory::Booster,
            Category::Hedge => FramingCategory::Hedge,
        }
    }
}

/// Whose words a framing item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Voice {
    /// The outlet's own words.
    Narrator,
    /// Words inside an attribution's content: the article reports them.
    Quoted,
}

impl Voice {
    /// `narrator` or `quoted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Narrator => "narrator",
            Voice::Quoted => "quoted",
        }
    }
}

/// Where a framing item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A framing-lexicon entry matched.
    Lexicon,
    /// The PTC-trained span tagger found it.
    Model,
    /// The distancing layer (scare quotes, "so-called").
    Distancing,
}

impl Origin {
    /// `lexicon`, `model` or `distancing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Lexicon => "lexicon",
            Origin::Model => "model",
            Origin::Distancing => "distancing",
        }
    }
}

/// One framing item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framing {
    /// The words.
    pub span: Span,
    /// What kind of framing.
    pub category: FramingCategory,
    /// Narrator or quoted.
    pub voice: Voice,
    /// For quoted items, the index (in the attributions layer) of the innermost attribution
    /// whose content holds the words.
    pub attribution: Option<usize>,
    /// The entity cluster the words are applied to, where the syntax shows it.
    pub target: Option<String>,
    /// The lexicon entry (lemmas) or, for other origins, the lowercased words.
    pub lemma: String,
    /// Lexicon, tagger or distancing layer.
    pub origin: Origin,
    /// A short explanation (distancing kind and whose usage; tagger items).
    pub note: Option<String>,
}

/// Token spans (bytes) and UPOS tags of the story zones (title, body, related lines).
pub(crate) struct StoryTokens {
    /// Byte spans.
    pub spans: Vec<(usize, usize)>,
    /// UPOS tags (`""` when untagged).
    pub upos: Vec<&'static str>,
    /// Zone of each token.
    pub zones: Vec<Zone>,
}

pub(crate) fn story_tokens(doc: &Document) -> StoryTokens {
    let n = doc.tokens.len();
    let mut st = StoryTokens {
        spans: Vec::with_capacity(n),
        upos: Vec::with_capacity(n),
        zones: Vec::with_capacity(n),
    };
    for t in &doc.tokens {
        let Some(zone) = doc.sentences.get(t.sentence).map(|s| s.zone) else {
            continue;
        };
        if zone == Zone::Header {
            continue;
        }
        st.spans.push((t.span.start, t.span.end));
        st.upos.push(t.upos.unwrap_or(""));
        st.zones.push(zone);
    }
    st
}

/// Whose words `span` is: quoted when it lies inside a full quotation's content (or a colon
/// attribution's), or inside quotation marks within any statement's content; the item then
/// points at the innermost such statement. Reported speech outside quotation marks ("Assad
/// thanked Putin for liberating Aleppo from terrorists", "…, officials said") is the outlet's
/// own wording of what was said, so its words stay in the narrator's voice. Statements in
/// related-link lines count too: they are someone's words as well.
fn voice_of(doc: &Document, span: Span, quoted_marks: &[Span]) -> (Voice, Option<usize>) {
    let in_marks = quoted_marks.iter().any(|q| q.contains(span));
    let mut best: Option<usize> = None;
    for (i, a) in doc.attributions.iter().enumerate() {
        let own_words = matches!(a.kind, Kind::Direct | Kind::Colon) || in_marks;
        if own_words
            && a.content.contains(span)
            && best.is_none_or(|b| doc.attributions[b].content.len() > a.content.len())
        {
            best = Some(i);
        }
    }
    match best {
        Some(i) => (Voice::Quoted, Some(i)),
        None => (Voice::Narrator, None),
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Lexicon hits that are not framing in context: a booster adjective used as a verb or noun
/// ("clearing the areas"), "so-called" before the words it distances (the distancing item
/// stands for it), and "according to" introducing an attribution (sourcing, not hedging).
fn keep_lexicon_hit(doc: &Document, st: &StoryTokens, h: &presslens_framing::Hit) -> bool {
    match h.category {
        Category::Booster => {
            let i = st.spans.partition_point(|x| x.0 < h.start);
            let single = st.spans.get(i).is_some_and(|x| x.1 == h.end);
            !(single && matches!(st.upos.get(i), Some(&("VERB" | "NOUN"))))
        }
        // "so-called X" is the distancing item on X.
        Category::Labeling if h.lemma == "so-called" => !doc.distancing.iter().any(|d| {
            d.kind == crate::attribution::DistancingKind::SoCalled
                && d.span.start >= h.end
                && d.span.start <= h.end + 4
        }),
        Category::Hedge => !doc.attributions.iter().any(|a| {
            a.kind == crate::attribution::Kind::AccordingTo
                && a.cue.is_some_and(|c| c.start <= h.start && h.end <= c.end)
        }),
        _ => true,
    }
}

/// Runs framing on a document: fills [`Document::framing`] and [`Document::tone`].
pub fn run(doc: &mut Document) {
    run_with(doc, Framer::embedded());
}

/// [`run`] with a given framer (for example a lexicon-only one).
pub fn run_with(doc: &mut Document, framer: &Framer) {
    let st = story_tokens(doc);
    let text = doc.text();
    let mut lex = framer.lexicon_hits(text, &st.spans, Some(&st.upos));
    lex.retain(|h| keep_lexicon_hit(doc, &st, h));
    let model = framer.model_hits(text, &st.spans);
    let ents = targets::EntityIndex::new(doc);
    let marks: Vec<Span> = crate::attribution::quotes::find(doc)
        .iter()
        .map(|q| q.inner)
        .collect();
    let mut items: Vec<Framing> = Vec::with_capacity(lex.len() + model.len());
    for h in lex.iter().chain(model.iter().filter(|m| {
        !lex.iter()
            .any(|l| overlaps((l.start, l.end), (m.start, m.end)))
    })) {
        let span = Span::new(h.start, h.end);
        let category = FramingCategory::from_lexicon(h.category);
        let (voice, attribution) = voice_of(doc, span, &marks);
        let target = targets::target(doc, &st, &ents, span, category);
        let (origin, note) = match h.source {
            Source::Lexicon => (Origin::Lexicon, None),
            Source::Model => (
                Origin::Model,
                Some("found by the tagger trained on propaganda-annotated news (PTC)".to_string()),
            ),
        };
        items.push(Framing {
            span,
            category,
            voice,
            attribution,
            target,
            lemma: h.lemma.clone(),
            origin,
            note,
        });
    }
    for d in &doc.distancing {
        let (voice, attribution) = voice_of(doc, d.span, &marks);
        let whose = d.attributed_to.as_ref().map(|id| {
            let name = doc
                .entities
                .iter()
                .find(|e| &e.id == id)
                .map_or(id.as_str(), |e| e.name.as_str());
            format!("; the usage of {name} ({id})")
        });
        let kind = match d.kind {
            crate::attribution::DistancingKind::ScareQuote => "scare quotes",
            crate::attribution::DistancingKind::SoCalled => "so-called",
        };
        items.push(Framing {
            span: d.span,
            category: FramingCategory::Distancing,
            voice,
            attribution,
            target: targets::distanced_target(doc, &st, &ents, d.span),
            lemma: presslens_framing::lexicon::normalize_word(doc.slice(d.span)),
            origin: Origin::Distancing,
            note: Some(format!("{kind}{}", whose.unwrap_or_default())),
        });
    }
    items.sort_by(|a, b| {
        (a.span.start, a.span.end, a.category).cmp(&(b.span.start, b.span.end, b.category))
    });
    items.dedup_by(|a, b| a.span == b.span && a.category == b.category);
    // Tone over the title and body (not header lines, not links to other articles).
    let (mut tspans, mut tupos) = (Vec::new(), Vec::new());
    for ((s, u), z) in st.spans.iter().zip(&st.upos).zip(&st.zones) {
        if matches!(z, Zone::Title | Zone::Body) {
            tspans.push(*s);
            tupos.push(*u);
        }
    }
    let tagged = tupos.iter().any(|u| !u.is_empty());
    let tone = presslens_framing::tone(
        text,
        &tspans,
        tagged.then_some(tupos.as_slice()),
        TONE_TOP_WORDS,
    );
    doc.framing = items;
    doc.tone = Some(tone);
}

#[cfg(test)]
mod tests;
