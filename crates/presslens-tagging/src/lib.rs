//! The sequence labeller shared by part-of-speech, entity, attribution and framing taggers.
//!
//! One core serves every tagging task: a **structured averaged perceptron** over **hashed
//! features**, decoded with first-order **Viterbi** over learned label transitions (optionally
//! restricted, e.g. to valid BIO sequences).
//!
//! - [`Model`]: a trained labeller; [`Model::tag`] gives one label index per word,
//!   [`Model::tag_with_extra`] also takes caller-supplied feature strings per word (gazetteer
//!   flags and the like), [`Model::tag_into`] tags without allocating.
//! - [`train_sequences`]: trains a model on [`TrainSentence`]s with a [`TrainConfig`]
//!   (deterministic; options: loss-augmented margin, domain adaptation for auxiliary data,
//!   Brown [`WordClusters`], ambiguity-class lexicon, ensembles, BIO [`Constraints`]).
//! - [`PosTagger`], [`train_pos`], [`eval_pos`]: part of speech (UPOS and Penn XPOS from one model
//!   over combined `UPOS|XPOS` labels).
//! - [`readers`]: CoNLL-U and CoNLL-2003-style column files (IOB1/IOB2/BIOES → BIO).
//!
//! # Decoding
//!
//! Viterbi runs only over the labels that survive an *exact* pruning test: label `b` is dropped
//! at a position when the position's best-scoring label `a` beats it by more than any
//! transition can make up (a bound precomputed per label pair at load time). The result is the
//! same as full Viterbi, at a fraction of the `L²` cost per word.
//!
//! # Features
//!
//! Feature templates ([`FeatureSet`]) never build strings: each word's attributes (normalised
//! lowercase form, exact form, shapes, prefixes and suffixes of 1–4 characters, flags, and an
//! ambiguity class when the model has a lexicon) are hashed once per sentence, and each template
//! folds a template id and attribute hashes into a 64-bit key with an FxHash step and a SplitMix64
//! finaliser (fixed seed stored in the model; no `RandomState`).
//!
//! # Model file (format version 2, little-endian; version 1 files, without dense rows, load too)
//!
//! ```text
//! "PLTAGGER"  u32 version  u8 feature_set  u8 tables (bit 0 lexicon, bit 1 clusters)  u16 0
//! u64 hash_seed  f32 scale  u32 L  L × (u32 len, UTF-8 label)
//! u32 n_features  u32 n_slots  n_slots × u64 slot      (key high half << 32 | entry offset + 1)
//! u32 n_entries   n_entries × u32 entry                (per feature: count, then label<<16 | i16;
//!                                                       or 1<<31 and a start into the dense rows)
//! u32 n_dense     n_dense × i16                        (dense rows, L weights each)
//! L × i32 start  L × i32 end  L×L × i32 transitions ([prev][cur])
//! [lexicon]  u32 n  n × u64 slot      (word-hash fingerprint << 32 | ambiguity class)
//! [clusters] u32 n  n × u64 slot      (word-hash fingerprint << 32 | Brown path code)
//! u64 checksum of everything before it
//! ```
//!
//! Weights are quantised to `i16` with one scale (`q / scale` is the weight); only non-zero
//! quantised weights are stored. [`Model::from_bytes`] checks the magic, version, checksum and
//! every offset in one pass, so a model that loads cannot make tagging panic.

#![warn(missing_docs)]

mod embedded;
mod features;
mod hash;
mod model;
pub mod pos;
pub mod readers;
mod rowcache;
mod table;
mod train;

pub use embedded::release_embedded;
pub use features::FeatureSet;
pub use hash::{hash_str, XorShift};
pub use model::{
    with_scratch, AllowedTransitions, Model, ModelError, Scratch, TokenKeys, FORMAT_VERSION, MAGIC,
};
pub use pos::{
    eval_pos, train_pos, train_pos_model, PosScore, PosTagger, PosTrainConfig, GUM_NC_GENRES,
};
pub use rowcache::{row_cache_enabled, set_row_cache};
pub use table::WordClusters;
pub use train::{
    accuracy, train_sequences, Constraints, EpochStats, TrainConfig, TrainError, TrainReport,
    TrainSentence,
};
