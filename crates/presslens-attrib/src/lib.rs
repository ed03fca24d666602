//! Attribution for presslens: **who said what, according to whom**.
//!
//! Attribution relations (PolNeAR / PARC style) have three parts: the **source** (who), the
//! **cue** (the reporting verb or phrase: *said*, *according to*, *believes*) and the
//! **content** (what was said or thought, often a whole clause or a multi-sentence quotation).
//!
//! - [`AttribTagger::attributions`]: the entry point for a whole article: source, cue and
//!   content spans grouped per [`Attribution`], with byte and character offsets ([`TextSpan`]).
//! - [`AttribTagger`]: tags source, cue and content spans in a paragraph of tokens
//!   ([`AttribTagger::tag`]); [`group`] links spans into [`Relation`]s.
//! - [`brat`], [`corpus`]: reading PolNeAR (BRAT standoff, discontinuous spans, several
//!   annotators) into tokens with BIO tags.
//! - [`tokenize`]: a Penn-Treebank-like tokenizer with byte offsets, and sentence and paragraph
//!   boundaries over tokens.
//! - [`train`]: training the tagger; [`score`]: the span scorer ([`evaluate`]).
//!
//! # Model
//!
//! Two stacked passes of the shared sequence labeller (`presslens-tagging`: averaged structured
//! perceptron over hashed features, Viterbi with BIO constraints), tagging one paragraph at a
//! time so that content can run across sentence boundaries. Both passes get context features
//! (see [`features`]); the second pass also sees the first pass's tags (trained on jack-knifed
//! first-pass output, so it learns how reliable they are). A learned cue lexicon (word forms
//! with their cue rate in training) is stored in the model file.
//!
//! # Evaluation convention
//!
//! See [`score`]: exact-span P/R/F1 (a predicted span counts when a gold span of the same role
//! has exactly the same tokens, as in CofeNet and Citron) and token-overlap P/R/F1 (Citron's
//! overlap metric: overlapping tokens over predicted tokens, and over gold tokens).

mod article;
pub mod brat;
pub mod corpus;
pub mod features;
mod group;
pub mod score;
mod tagger;
pub mod tokenize;
pub mod train;

#[cfg(test)]
mod tests;

pub use article::{Attribution, TextSpan};
pub use group::{group, Relation};
pub use score::{evaluate, AttribScore, EvalOptions, Prf, RoleScore};
pub use tagger::AttribTagger;

use std::fmt;

/// The role of a span in an attribution relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Who is attributed (a person, group, document…).
    Source,
    /// The reporting verb or phrase.
    Cue,
    /// What is attributed.
    Content,
}

impl Role {
    /// All roles, in reporting order.
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    /// Upper-case name used in tag labels (`SOURCE`, `CUE`, `CONTENT`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "SOURCE",
            Role::Cue => "CUE",
            Role::Content => "CONTENT",
        }
    }

    /// Index in [`Role::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A BIO tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any span.
    O,
    /// First token of a span.
    B(Role),
    /// Continuation of a span.
    I(Role),
}

impl Tag {
    /// The role, if inside a span.
    pub fn role(self) -> Option<Role> {
        match self {
            Tag::O => None,
            Tag::B(r) | Tag::I(r) => Some(r),
        }
    }

    /// Label string: `O`, `B-SOURCE`, `I-CUE`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::O => "O",
            Tag::B(Role::Source) => "B-SOURCE",
            Tag::B(Role::Cue) => "B-CUE",
            Tag::B(Role::Content) => "B-CONTENT",
            Tag::I(Role::Source) => "I-SOURCE",
            Tag::I(Role::Cue) => "I-CUE",
            Tag::I(Role::Content) => "I-CONTENT",
        }
    }

    /// Parses a label string (unknown labels are `O`).
    pub fn parse(s: &str) -> Tag {
        match s {
            "B-SOURCE" => Tag::B(Role::Source),
            "B-CUE" => Tag::B(Role::Cue),
            "B-CONTENT" => Tag::B(Role::Content),
            "I-SOURCE" => Tag::I(Role::Source),
            "I-CUE" => Tag::I(Role::Cue),
            "I-CONTENT" => Tag::I(Role::Content),
            _ => Tag::O,
        }
    }
}

/// A labelled span of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttribSpan {
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
    /// Role of the span.
    pub role: Role,
}

/// Decodes BIO tags into spans (an `I` without a preceding span of its role starts one).
pub fn tags_to_spans(tags: &[Tag]) -> Vec<AttribSpan> {
    let mut out: Vec<AttribSpan> = Vec::new();
    let mut cur: Option<AttribSpan> = None;
    for (i, &t) in tags.iter().enumerate() {
        match t {
            Tag::O => {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
            }
            Tag::B(r) => {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
                cur = Some(AttribSpan {
                    start: i,
                    end: i + 1,
                    role: r,
                });
            }
            Tag::I(r) => match &mut cur {
                Some(c) if c.role == r => c.end = i + 1,
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(AttribSpan {
                        start: i,
                        end: i + 1,
                        role: r,
                    });
                }
            },
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

/// Errors of this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttribError {
    /// A model file is malformed.
    Model(String),
    /// An input file could not be read.
    Io(String),
    /// An input file is malformed.
    Format(String),
    /// Training failed.
    Train(String),
}

impl fmt::Display for AttribError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttribError::Model(m) => write!(f, "attribution model: {m}"),
            AttribError::Io(m) => write!(f, "i/o: {m}"),
            AttribError::Format(m) => write!(f, "format: {m}"),
            AttribError::Train(m) => write!(f, "training: {m}"),
        }
    }
}

impl std::error::Error for AttribError {}
