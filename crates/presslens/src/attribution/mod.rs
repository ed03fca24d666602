//! Attribution: who said what, according to whom.
//!
//! - [`quotes`]: quotation marks as they really occur (curly, straight, single, guillemets,
//!   low-9, misdirected, multi-paragraph, unbalanced, apostrophes).
//! - [`cues`]: the reporting-cue inventory (learned from PolNeAR plus seed verbs).
//! - [`rules`]: direct and partial quotations with their speakers, reported speech, "according
//!   to", colon attributions, nesting (`via`) and distancing.
//! - [`learned`]: what the trained tagger (PolNeAR) finds beyond the rules, mostly reported
//!   speech without quotation marks.
//! - [`sources`]: one summary per source entity.

pub mod cues;
pub mod learned;
pub mod quotes;
pub mod rules;
pub mod sources;

use crate::document::Span;

/// The kind of an attributed statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A full quotation.
    Direct,
    /// A quoted fragment inside the narrator's sentence.
    Partial,
    /// Reported speech ("X said that …").
    Indirect,
    /// "According to X, …".
    AccordingTo,
    /// "X: …" or "X — …" (headline style).
    Colon,
}

impl Kind {
    /// The name used in `presslens/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Indirect => "indirect",
            Kind::AccordingTo => "according_to",
            Kind::Colon => "colon",
        }
    }
}

/// One attributed statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// `a1`, `a2`, … in text order of content.
    pub id: String,
    /// Direct, partial, indirect, according to, colon.
    pub kind: Kind,
    /// What was said.
    pub content: Span,
    /// The reporting expression.
    pub cue: Option<Span>,
    /// Who said it, as written.
    pub source: Option<Span>,
    /// The entity cluster the source resolves to.
    pub entity: Option<String>,
    /// The attribution this one is relayed through (its index in the layer).
    pub via: Option<usize>,
}

/// Why quoted words are set apart without being anybody's speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistancingKind {
    /// Quotation marks around words nobody is reported as saying.
    ScareQuote,
    /// "so-called X".
    SoCalled,
}

impl DistancingKind {
    /// The name used in `presslens/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            DistancingKind::ScareQuote => "scare_quote",
            DistancingKind::SoCalled => "so_called",
        }
    }
}

/// Quoted or "so-called" words kept apart from speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distancing {
    /// The words (without quotation marks).
    pub span: Span,
    /// Scare quote or so-called.
    pub kind: DistancingKind,
    /// Whose usage the words are, when the text says ("whom it called …"), as an entity id.
    pub attributed_to: Option<String>,
}

pub use rules::attribute;
pub use sources::{balance, summarize, Balance, SourceSummary};
