//! presslens: reads news articles and reports, with evidence, who said what, according to whom,
//! about whom, when, with which numbers and in which words.
//!
//! The library is laid out by pipeline stage:
//!
//! - [`document`]: the stand-off document model ([`Document`], [`Span`]) every stage writes into;
//! - [`intake`]: plain text, HTML and JSON Lines in, decoded and normalised, with title, dateline and
//!   related-link lines recognised;
//! - [`text`]: paragraphs, sentences and tokens;
//! - [`entities`]: entity clusters with titles and affiliation;
//! - [`attribution`]: who said what, according to whom; distancing;
//! - [`claims`]: dates and times resolved against the dateline;
//! - [`framing`]: labels, loaded and evaluative words by voice and target; lexicon tone;
//! - [`pipeline`]: runs the stages in order;
//! - [`output`]: the `presslens/1` JSON contract and the text report;
//! - [`eval`]: scorers against gold data.
//!
//! ```
//! let doc = presslens::analyze_text("Title line\n\nThe first paragraph. It has two sentences.", &Default::default());
//! assert_eq!(doc.sentences.len(), 3);
//! ```

pub mod attribution;
pub mod claims;
pub mod document;
pub mod entities;
pub mod error;
pub mod eval;
pub mod framing;
pub mod intake;
pub mod output;
pub mod pipeline;
pub mod text;

pub use document::{CharIndex, Document, Sentence, Span, Token, Zone};
pub use error::Error;
pub use pipeline::{analyze_text, Options, Pipeline};
