//! Framing for presslens: which words frame the story.
//!
//! - [`Lexicon`]: our framing lexicon (`resources/framing/lexicon.tsv`) with five
//!   [`Category`]s — labeling, loaded, evaluative, booster, hedge — matched on lemmas
//!   ([`lemma::lemma`]) with multiword entries; [`Lexicon::find`] gives [`Hit`]s with byte spans.
//! - [`Framer`]: the lexicon plus a span tagger trained on the Propaganda Techniques Corpus for
//!   Loaded_Language and Name_Calling,Labeling ([`Framer::embedded`] loads `models/framing.bin`);
//!   [`train`], [`evaluate`] and [`cross_validate`] reproduce the figures in
//!   `models/framing.md`.
//! - [`tone()`]: a GDELT-V2Tone-like block (tone, positive %, negative %, polarity, densities,
//!   word count, top words with spans) from the VADER lexicon (MIT).
//! - [`score`]: the SemEval-2020 Task 11 span-identification scorer.
//!
//! All functions take the text and its tokens' byte spans (from any tokenizer; [`tokenize()`] is
//! provided), so hits point at the exact evidence.

#![warn(missing_docs)]

pub mod bias;
pub mod lemma;
pub mod lexicon;
pub mod ptc;
pub mod score;
mod tagger;
pub mod tokenize;
pub mod tone;

pub use lexicon::{Category, Entry, Hit, Lexicon, LexiconError, Source};
pub use tagger::{
    cross_validate, evaluate, fold_assignment, gold_map, predict, predict_all, segments,
    text_lexicon_density, train, Framer, FramingError, FramingTrainConfig, LabelMode, Predictor,
    PtcReport, DENSITY_SHIFT, DENSITY_TIERS, EMBEDDED_MODEL,
};
pub use tokenize::tokenize;
pub use tone::{tone, Tone, ToneLexicon, ToneWord};

#[cfg(test)]
mod tests;
