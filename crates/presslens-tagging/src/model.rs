//! The trained sequence labeller: hashed feature weights, label transitions, Viterbi decoding and
//! the binary model format.

use std::cell::RefCell;
use std::fmt;

use crate::features::{extract_skipping, Extra, FeatBuf, FeatureSet, Lookups};
use crate::hash::{add, finish, hash_str};
use crate::rowcache::{self, ModelUid};
use crate::table::WordTable;

/// The first 8 bytes of every model file.
pub const MAGIC: &[u8; 8] = b"PLTAGGER";
/// The model-file format version this crate writes and reads.
pub const FORMAT_VERSION: u32 = 2;

/// Marks a dense row: the count word of a row with this bit set is followed by one word, the
/// start of the row's `L` weights in the dense array.
const DENSE: u32 = 1 << 31;

/// Row stride of dense weights and emission scores in memory: `L` rounded up to a multiple of 8
/// (for `L >= 8`), so that a dense row is a whole number of 8-lane vector steps. The file stores
/// rows unpadded (stride `L`); padding lanes hold 0 and are never read as labels.
#[inline]
fn padded(l: usize) -> usize {
    if l >= 8 {
        l.div_ceil(8) * 8
    } else {
        l
    }
}

/// A transition score low enough that a path through it is never chosen while any other exists.
pub(crate) const NEG: i32 = -(1 << 29);

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with [`MAGIC`].
    BadMagic,
    /// The file was written in a format version this crate does not read.
    UnsupportedVersion(u32),
    /// The bytes end before the model does.
    Truncated,
    /// The checksum does not match the content.
    Checksum,
    /// The content is inconsistent (the message says how).
    Corrupt(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a presslens tagger model (bad magic)"),
            ModelError::UnsupportedVersion(v) => {
                write!(
                    f,
                    "unsupported model format version {v} (this build reads {FORMAT_VERSION})"
                )
            }
            ModelError::Truncated => write!(f, "model file is truncated"),
            ModelError::Checksum => write!(f, "model file checksum mismatch"),
            ModelError::Corrupt(m) => write!(f, "corrupt model file: {m}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Which label transitions are allowed (e.g. no `I-X` after `O` in BIO tagging).
///
/// Disallowed transitions get a score so low that Viterbi never takes them while another path
/// exists; this is applied during training too, so the model does not waste weight on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedTransitions {
    /// `start[y]`: may a sentence start with label `y`?
    pub start: Vec<bool>,
    /// `pairs[prev * L + cur]`: may label `cur` follow label `prev`?
    pub pairs: Vec<bool>,
}

impl AllowedTransitions {
    /// Every transition allowed.
    pub fn all(n_labels: usize) -> Self {
        AllowedTransitions {
            start: vec![true; n_labels],
            pairs: vec![true; n_labels * n_labels],
        }
    }

    /// BIO constraints: `I-X` only after `B-X` or `I-X`, and never at the start of a sentence.
    /// Labels that are not `B-…`/`I-…` (e.g. `O`) are unconstrained.
    pub fn bio<S: AsRef<str>>(labels: &[S]) -> Self {
        let l = labels.len();
        let mut t = AllowedTransitions::all(l);
        for (cur, lc) in labels.iter().enumerate() {
            if let Some(ty) = lc.as_ref().strip_prefix("I-") {
                t.start[cur] = false;
                for (prev, lp) in labels.iter().enumerate() {
                    let lp = lp.as_ref();
                    let ok = lp.strip_prefix("B-") == Some(ty) || lp.strip_prefix("I-") == Some(ty);
                    t.pairs[prev * l + cur] = ok;
                }
            }
        }
        t
    }
}

/// One feature's weights, as handed from the trainer to [`Model::build`].
pub(crate) struct FeatureRow {
    pub key: u64,
    pub weights: Vec<(u16, i16)>,
}

/// A trained sequence labeller.
///
/// Weights are quantised to `i16` with one global scale and kept only where non-zero, per
/// feature, in a flat array; features are found by their 64-bit hash in an open-addressing table
/// whose slots hold a 32-bit fingerprint (the hash's high half) and the offset of the feature's
/// weights. Decoding is first-order Viterbi over the label-transition weights, optionally
/// restricted by [`AllowedTransitions`].
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    labels: Vec<String>,
    feature_set: FeatureSet,
    seed: u64,
    scale: f32,
    n_features: u32,
    /// `fingerprint << 32 | (entry offset + 1)`, 0 = empty.
    slots: Vec<u64>,
    /// Per feature: a count, then that many `label << 16 | (weight as u16)`; or, for a dense
    /// row, `DENSE` and the row's start in `dense` (in memory a multiple of the padded stride;
    /// converted to and from the file's unpadded starts on write and read).
    entries: Vec<u32>,
    /// Dense rows of features with many non-zero weights: `L` weights each, padded with zeros
    /// to the stride [`padded`]`(L)`.
    dense: Vec<i16>,
    start: Vec<i32>,
    end: Vec<i32>,
    /// `trans[prev * L + cur]`.
    trans: Vec<i32>,
    lexicon: Option<WordTable>,
    clusters: Option<WordTable>,
    /// Tag dictionary: frequent words that (almost) always carry one label map to that label
    /// plus one; [`Model::tag`] gives them that label without scoring them (see
    /// [`Model::set_tag_dictionary`]).
    tagdict: Option<WordTable>,
    /// Dominance bounds for exact label pruning (derived, not stored; see [`dominance`]).
    dom: Vec<i32>,
    /// `trans` transposed, `[cur][prev]` (derived, not stored).
    trans_t: Vec<i32>,
    /// Identity for the per-thread word-sum caches (see [`crate::rowcache`]); new on every
    /// build, read and clone, and ignored by `==`.
    uid: ModelUid,
}

/// Seed salt of the tag dictionary's word hashes.
const TAGDICT_SALT: u64 = 0x7461_6764_6963_7400;

/// Emission score of the labels a tag-dictionary word does not get: far below any real score,
/// and small enough that sums of it with transition weights cannot overflow.
const FIXED_OFF: i32 = -(1 << 28);

/// Reusable buffers for tagging; keep one per thread to tag without allocating.
#[derive(Debug, Default)]
pub struct Scratch {
    feats: FeatBuf,
    scores: Vec<i32>,
    pruned: PrunedBuf,
    emit: EmitBufs,
    /// Per token: the tag dictionary's label, or `u16::MAX` (empty: no dictionary in use).
    fixed: Vec<u16>,
    /// While set (by [`Model::tag_into_penalized`], for one call): a label and an amount
    /// subtracted from its emission score at every token.
    penalty: Option<(usize, i32)>,
}

/// Buffers of the emission pass.
#[derive(Debug, Default)]
struct EmitBufs {
    tmp: Vec<u64>,
    rows: Vec<u32>,
    /// Per output row: the range of keys added to it.
    segs: Vec<(u32, u32)>,
    /// Word-only key ranges of tokens whose word sum is not cached yet.
    miss_segs: Vec<(u32, u32)>,
    /// Those tokens.
    miss_tok: Vec<u32>,
    /// Their word sums.
    miss_scores: Vec<i32>,
}

impl Scratch {
    /// Empty buffers (they grow on first use).
    pub fn new() -> Self {
        Self::default()
    }
}

/// Per-token feature keys of one sentence, flat: token `i` has
/// `keys[offsets[i]..offsets[i + 1]]`. Filled by [`Model::base_features`] (a model's own
/// templates) or by the caller with [`TokenKeys::push`] / [`TokenKeys::end_token`] (extra
/// features hashed with [`Model::extra_key`]); tagged with [`Model::tag_keys`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenKeys {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    /// From [`Model::base_features`]: per token, how many leading keys depend on the word
    /// alone, and the word's hash (empty otherwise).
    intr: Vec<u16>,
    forms: Vec<u64>,
}

impl TokenKeys {
    /// Empty (no tokens).
    pub fn new() -> Self {
        TokenKeys {
            keys: Vec::new(),
            offsets: vec![0],
            intr: Vec::new(),
            forms: Vec::new(),
        }
    }

    /// Removes every token (keeps the buffers).
    pub fn clear(&mut self) {
        self.keys.clear();
        self.offsets.clear();
        self.offsets.push(0);
        self.intr.clear();
        self.forms.clear();
    }

    /// Adds a key to the current (last, unfinished) token.
    pub fn push(&mut self, key: u64) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.keys.push(key);
    }

    /// Finishes the current token: keys pushed from now on belong to the next one.
    pub fn end_token(&mut self) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.offsets.push(self.keys.len() as u32);
    }

    /// Number of finished tokens.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when no token is finished.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys of token `i` (empty when out of range).
    pub fn token(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.keys.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

/// Runs `f` with this thread's reusable tagging buffers (a fresh set when they are already in
/// use further up the stack), so that a caller tagging document after document does not grow
/// new buffers for each one.
pub fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::new()),
    })
}

impl Model {
    /// Assembles a model from trained parts. `trans` is indexed `prev * L + cur`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn build(
        labels: Vec<String>,
        feature_set: FeatureSet,
        seed: u64,
        scale: f32,
        rows: &[FeatureRow],
        start: Vec<i32>,
        end: Vec<i32>,
        trans: &[i32],
        lexicon: Option<WordTable>,
        clusters: Option<WordTable>,
    ) -> Model {
        let l = labels.len();
        let kept: Vec<&FeatureRow> = rows.iter().filter(|r| !r.weights.is_empty()).collect();
        let cap = ((kept.len() * 4 / 3) + 1).next_power_of_two().max(8);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        let mut entries = Vec::with_capacity(kept.len() * 4);
        let mut dense = Vec::new();
        for r in &kept {
            let off = push_row(&mut entries, &mut dense, &r.weights, l, padded(l));
            let fp = r.key >> 32;
            let mut i = (r.key as usize) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (fp << 32) | u64::from(off + 1);
        }
        Model {
            labels,
            feature_set,
            seed,
            scale,
            n_features: kept.len() as u32,
            slots,
            entries,
            dense,
            start,
            end,
            trans: trans.to_vec(),
            lexicon,
            clusters,
            tagdict: None,
            dom: Vec::new(),
            trans_t: Vec::new(),
            uid: ModelUid::fresh(),
        }
        .with_dominance()
    }

    fn with_dominance(mut self) -> Model {
        self.dom = dominance(self.labels.len(), &self.start, &self.end, &self.trans);
        self.trans_t = transpose(&self.trans, self.labels.len());
        self
    }

    /// The label set; the tags returned by [`Model::tag`] index into it.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The index of a label, if the model has it.
    pub fn label_index(&self, label: &str) -> Option<u16> {
        self.labels
            .iter()
            .position(|l| l == label)
            .map(|i| i as u16)
    }

    /// The feature templates this model uses.
    pub fn feature_set(&self) -> FeatureSet {
        self.feature_set
    }

    /// How many features the model's table holds.
    pub fn n_features(&self) -> usize {
        self.n_features as usize
    }

    /// How many non-zero feature weights the model stores.
    pub fn n_weights(&self) -> usize {
        let l = self.labels.len();
        self.slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|&s| {
                let off = (s as u32 - 1) as usize;
                let c = self.entries[off];
                if c & DENSE != 0 {
                    let st = self.entries[off + 1] as usize;
                    self.dense[st..st + l].iter().filter(|&&w| w != 0).count()
                } else {
                    c as usize
                }
            })
            .sum()
    }

    /// The non-zero weights of the row at entry offset `off`.
    fn row(&self, off: usize) -> Vec<(u16, i16)> {
        let c = self.entries[off];
        if c & DENSE != 0 {
            let st = self.entries[off + 1] as usize;
            self.dense[st..st + self.labels.len()]
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .map(|(y, &w)| (y as u16, w))
                .collect()
        } else {
            self.entries[off + 1..off + 1 + c as usize]
                .iter()
                .map(|&e| ((e >> 16) as u16, e as u16 as i16))
                .collect()
        }
    }

    /// How many words the ambiguity-class lexicon holds (0 when the model has none).
    pub fn lexicon_len(&self) -> usize {
        self.lexicon.as_ref().map_or(0, WordTable::len)
    }

    /// How many word-cluster entries the model holds (0 when it has none).
    pub fn clusters_len(&self) -> usize {
        self.clusters.as_ref().map_or(0, WordTable::len)
    }

    /// The quantisation scale: a stored weight `q` stands for `q / scale`.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// A copy without the feature weights whose magnitude is at most `max_abs` (in stored units;
    /// see [`Model::scale`]). The feature table keeps its size (features left without weights
    /// share one empty row); to shrink it too, train with [`crate::TrainConfig::prune`].
    pub fn pruned(&self, max_abs: u16) -> Model {
        let mut m = self.clone();
        let mut entries = vec![0u32]; // the shared empty row
        let mut dense = Vec::new();
        let l = self.labels.len();
        for slot in m.slots.iter_mut() {
            if *slot == 0 {
                continue;
            }
            let mut kept = self.row((*slot as u32 - 1) as usize);
            kept.retain(|&(_, w)| w.unsigned_abs() > max_abs);
            let new_off = if kept.is_empty() {
                0
            } else {
                push_row(&mut entries, &mut dense, &kept, l, padded(l))
            };
            *slot = (*slot & !0xffff_ffff) | u64::from(new_off + 1);
        }
        m.entries = entries;
        m.dense = dense;
        m
    }

    /// Restricts decoding to `allowed` transitions (replacing the learned score of every
    /// disallowed transition). Sizes must match the label set; mismatched input is ignored.
    pub fn restrict_transitions(&mut self, allowed: &AllowedTransitions) {
        let l = self.labels.len();
        if allowed.start.len() != l || allowed.pairs.len() != l * l {
            return;
        }
        for (y, &ok) in allowed.start.iter().enumerate() {
            if !ok {
                self.start[y] = NEG;
            }
        }
        for p in 0..l {
            for c in 0..l {
                if !allowed.pairs[p * l + c] {
                    self.trans[p * l + c] = NEG;
                }
            }
        }
        self.dom = dominance(l, &self.start, &self.end, &self.trans);
        self.trans_t = transpose(&self.trans, l);
    }

    /// Tags a sentence: one label index (into [`Model::labels`]) per word.
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        let mut out = Vec::with_capacity(words.len());
        with_scratch(|s| self.tag_core(words, Extra::<&str>::None, s, &mut out));
        out
    }

    /// Tags a sentence with caller-supplied extra features: `extra[i]` are feature strings of
    /// word `i` (e.g. `"gaz=city"`); they are hashed like the built-in ones and must be the same
    /// kind of strings the model was trained with. `extra` may be shorter than `words`.
    pub fn tag_with_extra<S: AsRef<str>>(&self, words: &[&str], extra: &[Vec<S>]) -> Vec<u16> {
        let mut out = Vec::with_capacity(words.len());
        with_scratch(|s| self.tag_core(words, Extra::Strings(extra), s, &mut out));
        out
    }

    /// The key of a caller-supplied extra feature string, as [`Model::tag_with_extra`] hashes
    /// it (the key depends on the model's hash seed). Precompute these once for a fixed set of
    /// feature strings and tag with [`Model::tag_keys`].
    pub fn extra_key(&self, feature: &str) -> u64 {
        crate::features::extra_key(self.seed, feature)
    }

    /// True when `other` computes the same [`Model::base_features`] for every sentence (same
    /// templates, hash seed and word tables), so one extraction can serve both models.
    pub fn same_base_features(&self, other: &Model) -> bool {
        self.feature_set == other.feature_set
            && self.seed == other.seed
            && self.lexicon == other.lexicon
            && self.clusters == other.clusters
    }

    /// The keys of this model's own feature templates for a sentence, into `out` (cleared
    /// first): one token per word.
    pub fn base_features(&self, words: &[&str], scratch: &mut Scratch, out: &mut TokenKeys) {
        self.base_features_skipping(words, &[], scratch, out)
    }

    /// [`Model::base_features`], except that tokens whose `skip` entry is not `u16::MAX` (see
    /// [`Model::dictionary_labels`]) get no keys; `skip` may be shorter than `words`.
    pub fn base_features_skipping(
        &self,
        words: &[&str],
        skip: &[u16],
        scratch: &mut Scratch,
        out: &mut TokenKeys,
    ) {
        self.features(words, Extra::<&str>::None, skip, None, &mut scratch.feats);
        Self::copy_keys(&scratch.feats, out);
    }

    /// [`Model::base_features_skipping`], except that a word whose sum of word-only weights
    /// this model has cached on this thread gets none of its word-only keys (which saves
    /// computing them). [`Model::tag_keys_fixed`] with this model then gives the same labels;
    /// another model (with the [same base features](Model::same_base_features)) may lack some
    /// of those sums, and its `tag_keys_fixed` then returns false: the caller extracts full
    /// keys with [`Model::base_features_skipping`] and tags again.
    pub fn base_features_summed(
        &self,
        words: &[&str],
        skip: &[u16],
        scratch: &mut Scratch,
        out: &mut TokenKeys,
    ) {
        self.features_summed(words, Extra::<&str>::None, skip, &mut scratch.feats);
        Self::copy_keys(&scratch.feats, out);
    }

    /// Copies extracted keys into `out`.
    fn copy_keys(scratch: &FeatBuf, out: &mut TokenKeys) {
        out.keys.clear();
        out.keys.extend_from_slice(&scratch.keys);
        out.offsets.clear();
        out.offsets.extend_from_slice(&scratch.offsets);
        out.intr.clear();
        out.intr.extend_from_slice(&scratch.intr);
        out.forms.clear();
        out.forms.extend_from_slice(&scratch.forms);
    }

    /// Tags a sentence from pre-computed keys: token `i` has the keys `base.token(i)` (from
    /// [`Model::base_features`] of this model or of one with the [same base
    /// features](Model::same_base_features)) plus `extra.token(i)` (keys from
    /// [`Model::extra_key`]; `extra` may have fewer tokens). Gives the same labels as
    /// [`Model::tag_with_extra`] with the corresponding strings. `out` is cleared first.
    /// Returns false as [`Model::tag_keys_fixed`] does.
    #[must_use]
    pub fn tag_keys(
        &self,
        base: &TokenKeys,
        extra: &TokenKeys,
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) -> bool {
        self.tag_keys_fixed(base, extra, &[], scratch, out)
    }

    /// [`Model::tag_keys`] with some labels known in advance: a token whose `fixed` entry is
    /// not `u16::MAX` gets that label (an index into this model's labels) without being scored,
    /// and its keys are not looked up. `fixed` is empty or has one entry per token (see
    /// [`Model::dictionary_labels`]). The other tokens are decoded as usual, the transitions
    /// into and out of the fixed labels included.
    ///
    /// Returns false, with `out` empty, when `base` comes from [`Model::base_features_summed`]
    /// and this model lacks the word sum of a token without word-only keys; always true for
    /// keys from [`Model::base_features_skipping`].
    #[must_use]
    pub fn tag_keys_fixed(
        &self,
        base: &TokenKeys,
        extra: &TokenKeys,
        fixed: &[u16],
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) -> bool {
        out.clear();
        scratch.fixed.clear();
        let l = self.labels.len();
        if fixed.len() == base.len() && fixed.iter().any(|&f| usize::from(f) < l) {
            scratch.fixed.extend(
                fixed
                    .iter()
                    .map(|&f| if usize::from(f) < l { f } else { u16::MAX }),
            );
        }
        let is_fixed = |i: usize| scratch.fixed.get(i).is_some_and(|&f| f != u16::MAX);
        let f = &mut scratch.feats;
        f.keys.clear();
        f.offsets.clear();
        f.offsets.push(0);
        for i in 0..base.len() {
            if !is_fixed(i) {
                f.keys.extend_from_slice(base.token(i));
                f.keys.extend_from_slice(extra.token(i));
            }
            f.offsets.push(f.keys.len() as u32);
        }
        // The word-only keys stay at the start of each token's list.
        f.intr.clear();
        f.forms.clear();
        if base.intr.len() == base.len() && base.forms.len() == base.len() {
            for i in 0..base.len() {
                let (ni, w) = if is_fixed(i) {
                    (0, 0)
                } else {
                    (base.intr[i], base.forms[i])
                };
                f.intr.push(ni);
                f.forms.push(w);
            }
        }
        self.decode(scratch, out)
    }

    /// The tag-dictionary label of each word (exact form) into `out` (cleared first;
    /// `u16::MAX` where the word has none, or for every word when the model has no
    /// dictionary). Returns whether any word has one.
    pub fn dictionary_labels(&self, words: &[&str], out: &mut Vec<u16>) -> bool {
        out.clear();
        let Some(td) = &self.tagdict else {
            out.resize(words.len(), u16::MAX);
            return false;
        };
        let seed = self.seed ^ TAGDICT_SALT;
        // In chunks: every word's hash first, starting the loads of their slots, then the
        // look-ups (so that the loads overlap).
        const CHUNK: usize = 16;
        let mut keys = [0u64; CHUNK];
        for ws in words.chunks(CHUNK) {
            for (k, w) in keys.iter_mut().zip(ws) {
                *k = hash_str(seed, w);
                td.prefetch(*k);
            }
            out.extend(
                keys[..ws.len()]
                    .iter()
                    .map(|&k| (td.get(k) as u16).wrapping_sub(1)),
            );
        }
        out.iter().any(|&f| f != u16::MAX)
    }

    /// Tags into `out` (cleared first) using caller-owned buffers: no allocation once the
    /// buffers have grown. `extra` is as in [`Model::tag_with_extra`] (pass `&[]` for none).
    pub fn tag_into<S: AsRef<str>>(
        &self,
        words: &[&str],
        extra: &[Vec<S>],
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        out.clear();
        if extra.is_empty() {
            self.tag_core(words, Extra::<&str>::None, scratch, out);
        } else {
            self.tag_core(words, Extra::Strings(extra), scratch, out);
        }
    }

    fn tag_core<S: AsRef<str>>(
        &self,
        words: &[&str],
        extra: Extra<'_, S>,
        s: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        if words.is_empty() {
            return;
        }
        if !self.dictionary_labels(words, &mut s.fixed) {
            s.fixed.clear();
        }
        // Words whose sums are cached get no word-only keys; should a sum be gone by the time
        // the scores are added (it cannot be, as nothing is cached in between), the keys are
        // extracted again in full.
        self.features_summed(words, extra, &s.fixed, &mut s.feats);
        if !self.decode(s, out) {
            self.features(words, extra, &s.fixed, None, &mut s.feats);
            self.decode(s, out);
        }
    }

    /// Emission scores and Viterbi for the features in `s.feats`; compiled twice, and the AVX2
    /// copy used when the processor has it (same results: integer arithmetic either way).
    /// Returns false, with `out` empty, when a word whose word-only keys were left out (see
    /// [`Lookups::cached`]) has no cached sum.
    fn decode(&self, s: &mut Scratch, out: &mut Vec<u16>) -> bool {
        out.clear();
        let n = s.feats.offsets.len().saturating_sub(1);
        if n == 0 {
            return true;
        }
        // (Read, not taken: a decode that returns false is followed by another.)
        let penalty = s.penalty;
        let apply = |scores: &mut [i32]| {
            if let Some((y, d)) = penalty {
                let l = padded(self.labels.len());
                for row in scores.chunks_exact_mut(l) {
                    row[y] = row[y].saturating_sub(d);
                }
            }
        };
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor supports AVX2 (checked just above).
                unsafe {
                    if !self.emissions_avx2(&s.feats, &s.fixed, &mut s.emit, &mut s.scores) {
                        return false;
                    }
                    apply(&mut s.scores);
                    self.viterbi_avx2(n, &s.scores, &mut s.pruned, out);
                }
                return true;
            }
        }
        if !self.emissions(&s.feats, &s.fixed, &mut s.emit, &mut s.scores, false) {
            return false;
        }
        apply(&mut s.scores);
        self.viterbi(n, &s.scores, &mut s.pruned, out, false);
        true
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn emissions_avx2(
        &self,
        feats: &FeatBuf,
        fixed: &[u16],
        bufs: &mut EmitBufs,
        scores: &mut Vec<i32>,
    ) -> bool {
        self.emissions(feats, fixed, bufs, scores, true)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn viterbi_avx2(&self, n: usize, scores: &[i32], buf: &mut PrunedBuf, out: &mut Vec<u16>) {
        self.viterbi(n, scores, buf, out, true);
    }

    /// `avx2` must only be true when the processor has AVX2.
    #[inline(always)]
    fn viterbi(
        &self,
        n: usize,
        scores: &[i32],
        buf: &mut PrunedBuf,
        out: &mut Vec<u16>,
        avx2: bool,
    ) {
        let l = self.labels.len();
        if l <= SMALL_LABEL_SET {
            viterbi_small(
                n,
                l,
                padded(l),
                scores,
                &self.start,
                &self.end,
                &self.trans,
                buf,
                out,
            );
            return;
        }
        viterbi_pruned(
            n,
            self.labels.len(),
            padded(self.labels.len()),
            scores,
            &self.start,
            &self.end,
            &self.trans,
            &self.trans_t,
            &self.dom,
            buf,
            out,
            avx2,
        );
    }

    /// [`Model::features`] without the word-only keys of words whose sums this model has
    /// cached on this thread (all keys when the row cache is off).
    fn features_summed<S: AsRef<str>>(
        &self,
        words: &[&str],
        extra: Extra<'_, S>,
        skip: &[u16],
        buf: &mut FeatBuf,
    ) {
        if rowcache::row_cache_enabled() {
            let l = padded(self.labels.len());
            rowcache::with_cache(self.uid.0, l, |cache| {
                self.features(words, extra, skip, Some(cache), buf)
            });
        } else {
            self.features(words, extra, skip, None, buf);
        }
    }

    /// This model's feature keys for a sentence, word-only keys first (see
    /// [`extract_skipping`]); tokens with a `skip` label get none.
    pub(crate) fn features<S: AsRef<str>>(
        &self,
        words: &[&str],
        extra: Extra<'_, S>,
        skip: &[u16],
        cached: Option<&rowcache::RowCache>,
        buf: &mut FeatBuf,
    ) {
        let look = Lookups {
            lex: self.lexicon.as_ref(),
            clusters: self.clusters.as_ref(),
            slots: Some(&self.slots),
            cached,
        };
        extract_skipping(
            self.feature_set,
            self.seed,
            words,
            look,
            extra,
            skip,
            true,
            buf,
        )
    }

    /// Emission scores from extracted features: `n` rows of stride [`padded`]`(L)`. `avx2`
    /// must only be true when the processor has AVX2.
    ///
    /// When the features carry word-only prefixes (`feats.intr`) and the row cache is on, each
    /// word's sum over those keys comes from this thread's cache (computed and stored on its
    /// first occurrence) and only the context keys are looked up; the scores are the same.
    ///
    /// Tokens with a `fixed` label (tag dictionary; `fixed` is empty or one entry per token,
    /// `u16::MAX` for none) are not scored: their row is 0 for that label and [`FIXED_OFF`]
    /// for every other, which the exact pruning in Viterbi then removes.
    ///
    /// Returns false when a token without word-only keys (see [`Lookups::cached`]) finds no
    /// cached word sum; the scores are then incomplete.
    #[inline(always)]
    fn emissions(
        &self,
        feats: &FeatBuf,
        fixed: &[u16],
        bufs: &mut EmitBufs,
        scores: &mut Vec<i32>,
        avx2: bool,
    ) -> bool {
        let l = padded(self.labels.len());
        let n = feats.offsets.len() - 1;
        scores.clear();
        scores.resize(n * l, 0);
        let span = |i: usize| (feats.offsets[i], feats.offsets[i + 1]);
        let cached =
            rowcache::row_cache_enabled() && feats.intr.len() == n && feats.forms.len() == n;
        bufs.segs.clear();
        // A token with a word (form) but no word-only keys relies on its cached word sum.
        let without_word_keys = |i: usize| feats.intr[i] == 0 && feats.forms[i] != 0;
        if !cached {
            if feats.intr.len() == n && feats.forms.len() == n && (0..n).any(without_word_keys) {
                return false;
            }
            bufs.segs.extend((0..n).map(span));
        } else {
            let complete = rowcache::with_cache(self.uid.0, l, |cache| {
                bufs.miss_segs.clear();
                bufs.miss_tok.clear();
                for i in 0..n {
                    let (a, b) = span(i);
                    let ni = u32::from(feats.intr[i]);
                    let word = feats.forms[i];
                    if word == 0 {
                        bufs.segs.push((a, b));
                        continue;
                    }
                    match cache.get(word) {
                        Some(row) => scores[i * l..(i + 1) * l].copy_from_slice(row),
                        None if ni == 0 => return false,
                        None => {
                            bufs.miss_segs.push((a, a + ni));
                            bufs.miss_tok.push(i as u32);
                        }
                    }
                    bufs.segs.push((a + ni, b));
                }
                if !bufs.miss_tok.is_empty() {
                    let ms = &mut bufs.miss_scores;
                    ms.clear();
                    ms.resize(bufs.miss_tok.len() * l, 0);
                    self.accumulate(
                        &feats.keys,
                        &bufs.miss_segs,
                        ms,
                        &mut bufs.tmp,
                        &mut bufs.rows,
                        avx2,
                    );
                    for (row, &i) in ms.chunks_exact(l).zip(&bufs.miss_tok) {
                        let i = i as usize;
                        scores[i * l..(i + 1) * l].copy_from_slice(row);
                        cache.insert(feats.forms[i], row);
                    }
                }
                true
            });
            if !complete {
                return false;
            }
        }
        // Every key (uncached) or the context keys on top of the cached word sums.
        self.accumulate(
            &feats.keys,
            &bufs.segs,
            scores,
            &mut bufs.tmp,
            &mut bufs.rows,
            avx2,
        );
        for (i, &f) in fixed.iter().enumerate().take(n) {
            if f != u16::MAX {
                let row = &mut scores[i * l..(i + 1) * l];
                row.fill(FIXED_OFF);
                row[f as usize] = 0;
            }
        }
        true
    }

    /// Adds to row `r` of `scores` (stride [`padded`]`(L)`) the weights of the keys
    /// `keys[segs[r].0..segs[r].1]`.
    ///
    /// Done in passes over all rows so that the (cache-missing) table loads are independent of
    /// each other and the processor can overlap them: first every key's home slot is loaded,
    /// then probes are resolved to weight offsets, then weights are added.
    #[inline(always)]
    fn accumulate(
        &self,
        keys: &[u64],
        segs: &[(u32, u32)],
        scores: &mut [i32],
        tmp: &mut Vec<u64>,
        rows: &mut Vec<u32>,
        avx2: bool,
    ) {
        let l = padded(self.labels.len());
        let n = segs.len();
        if n == 0 {
            return;
        }
        let mask = self.slots.len() - 1;
        let slots = &self.slots[..];
        tmp.clear();
        for &(a, b) in segs {
            tmp.extend(
                keys[a as usize..b as usize]
                    .iter()
                    .map(|&h| slots[(h as usize) & mask]),
            );
        }
        rows.clear();
        let mut t = 0usize;
        for &(a, b) in segs {
            for &h in &keys[a as usize..b as usize] {
                let first = tmp[t];
                t += 1;
                let fp = h >> 32;
                let mut j = (h as usize) & mask;
                let mut slot = first;
                while slot != 0 {
                    if slot >> 32 == fp {
                        let off = slot as u32 - 1;
                        // The row's count is read in the next pass: start loading it now.
                        if let Some(e) = self.entries.get(off as usize) {
                            prefetch(e);
                        }
                        rows.push(off);
                        break;
                    }
                    j = (j + 1) & mask;
                    slot = slots[j];
                }
            }
            rows.push(u32::MAX);
        }
        // Load every row's count first (independent loads, overlapped), then add the rows.
        let entries = &self.entries[..];
        tmp.clear();
        tmp.extend(rows.iter().map(|&off| {
            if off == u32::MAX {
                u64::MAX
            } else {
                (u64::from(entries[off as usize]) << 32) | u64::from(off)
            }
        }));
        let mut i = 0usize;
        let mut sc = &mut scores[..l];
        for &x in tmp.iter() {
            if x == u64::MAX {
                i += 1;
                if i < n {
                    sc = &mut scores[i * l..(i + 1) * l];
                }
                continue;
            }
            let off = (x as u32) as usize;
            let cnt = (x >> 32) as u32;
            if cnt & DENSE != 0 {
                let st = entries[off + 1] as usize;
                add_row(sc, &self.dense[st..st + l], avx2);
            } else {
                for &e in &entries[off + 1..off + 1 + cnt as usize] {
                    sc[(e >> 16) as usize] += i32::from(e as u16 as i16);
                }
            }
        }
    }

    /// Installs a tag dictionary: each `(word, label)` pair makes [`Model::tag`] give `word`
    /// (exact form) that label without scoring it. Meant for frequent words that carry one
    /// label almost always (see [`crate::pos::tag_dictionary`]); it trades a little accuracy
    /// for speed. Stored in the model file. Pairs with an unknown label index are skipped; an
    /// empty list removes the dictionary.
    pub fn set_tag_dictionary(&mut self, entries: &[(&str, u16)]) {
        let seed = self.seed ^ TAGDICT_SALT;
        let l = self.labels.len();
        let pairs: Vec<(u64, u32)> = entries
            .iter()
            .filter(|(_, y)| usize::from(*y) < l)
            .map(|(w, y)| (hash_str(seed, w), u32::from(*y) + 1))
            .collect();
        self.tagdict = (!pairs.is_empty()).then(|| WordTable::from_pairs(&pairs));
    }

    /// Words in the tag dictionary (0 when the model has none).
    pub fn tag_dictionary_len(&self) -> usize {
        self.tagdict.as_ref().map_or(0, WordTable::len)
    }

    /// [`Model::tag_into`] as if [`Model::penalize_label`]`(label, penalty)` had been applied to
    /// this model, without copying it: the penalty is taken off `label`'s emission score at
    /// every token, which adds the same amount to every path through it, so the labels are the
    /// same (Viterbi with exact pruning either way). An unknown label tags without a penalty.
    #[allow(clippy::too_many_arguments)]
    pub fn tag_into_penalized<S: AsRef<str>>(
        &self,
        words: &[&str],
        extra: &[Vec<S>],
        label: &str,
        penalty: f32,
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        scratch.penalty = self
            .labels
            .iter()
            .position(|l| l == label)
            .map(|y| (y, (penalty * self.scale).round() as i32));
        self.tag_into(words, extra, scratch, out);
        scratch.penalty = None;
    }

    /// Lowers the score of `label` by `penalty` (in weight units) at every position. Each token
    /// has exactly one incoming transition (from the start or from the previous label), so
    /// subtracting it from the start weight of `label` and from every transition into it is a
    /// per-token penalty; a negative penalty is a bonus. Forbidden transitions stay forbidden.
    /// Returns false when the model has no such label.
    pub fn penalize_label(&mut self, label: &str, penalty: f32) -> bool {
        let Some(o) = self.labels.iter().position(|l| l == label) else {
            return false;
        };
        let l = self.labels.len();
        let delta = (penalty * self.scale).round() as i32;
        let bump = |v: &mut i32| {
            if *v > i32::MIN / 4 {
                *v = v.saturating_sub(delta);
            }
        };
        bump(&mut self.start[o]);
        for p in 0..l {
            bump(&mut self.trans[p * l + o]);
        }
        self.dom = dominance(l, &self.start, &self.end, &self.trans);
        self.trans_t = transpose(&self.trans, l);
        true
    }

    /// Serialises the model (see the crate docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.write(FORMAT_VERSION)
    }

    /// Writes format `version` (1 only for models without dense rows: used by tests).
    fn write(&self, version: u32) -> Vec<u8> {
        let mut w = Vec::with_capacity(64 + self.slots.len() * 8 + self.entries.len() * 4);
        w.extend_from_slice(MAGIC);
        put_u32(&mut w, version);
        w.push(self.feature_set.code());
        w.push(
            u8::from(self.lexicon.is_some())
                | (u8::from(self.clusters.is_some()) << 1)
                | (u8::from(self.tagdict.is_some()) << 2),
        );
        w.extend_from_slice(&[0, 0]);
        put_u64(&mut w, self.seed);
        w.extend_from_slice(&self.scale.to_le_bytes());
        put_u32(&mut w, self.labels.len() as u32);
        for l in &self.labels {
            put_u32(&mut w, l.len() as u32);
            w.extend_from_slice(l.as_bytes());
        }
        put_u32(&mut w, self.n_features);
        put_u32(&mut w, self.slots.len() as u32);
        for &s in &self.slots {
            put_u64(&mut w, s);
        }
        // The file keeps dense rows unpadded: row `r` starts at `r * L`.
        let l = self.labels.len();
        let lp = padded(l);
        put_u32(&mut w, self.entries.len() as u32);
        let mut off = 0usize;
        while off < self.entries.len() {
            let c = self.entries[off];
            put_u32(&mut w, c);
            if c & DENSE != 0 {
                if let Some(&st) = self.entries.get(off + 1) {
                    put_u32(&mut w, (st as usize / lp * l) as u32);
                }
                off += 2;
            } else {
                let end = (off + 1 + c as usize).min(self.entries.len());
                for &e in &self.entries[off + 1..end] {
                    put_u32(&mut w, e);
                }
                off = end;
            }
        }
        if version >= 2 {
            let rows = self.dense.len() / lp.max(1);
            put_u32(&mut w, (rows * l) as u32);
            for row in self.dense.chunks_exact(lp.max(1)) {
                for &x in &row[..l] {
                    w.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        for v in [&self.start, &self.end, &self.trans] {
            for &x in v.iter() {
                w.extend_from_slice(&x.to_le_bytes());
            }
        }
        for t in [&self.lexicon, &self.clusters, &self.tagdict]
            .into_iter()
            .flatten()
        {
            put_u32(&mut w, t.slots.len() as u32);
            for &k in &t.slots {
                put_u64(&mut w, k);
            }
        }
        let c = if version == 1 {
            checksum_v1(&w)
        } else {
            checksum(&w)
        };
        put_u64(&mut w, c);
        w
    }

    /// Reads a model written by [`Model::to_bytes`], in one pass over the bytes, checking the
    /// magic, version, checksum and every offset (a model that loads never panics when tagging).
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        if b.len() < 8 || &b[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        if b.len() < 20 {
            return Err(ModelError::Truncated);
        }
        let (body, tail) = b.split_at(b.len() - 8);
        let mut r = Reader { b: body, pos: 8 };
        // Version 1 is version 2 without dense rows.
        let version = r.u32()?;
        if version != FORMAT_VERSION && version != 1 {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let mut c = [0u8; 8];
        c.copy_from_slice(tail);
        let sum = if version == 1 {
            checksum_v1(body)
        } else {
            checksum(body)
        };
        if u64::from_le_bytes(c) != sum {
            return Err(ModelError::Checksum);
        }
        let fs_code = r.take(4)?;
        let feature_set = FeatureSet::from_code(fs_code[0])
            .ok_or_else(|| ModelError::Corrupt(format!("unknown feature set {}", fs_code[0])))?;
        let has_lex = fs_code[1] & 1 != 0;
        let has_clusters = fs_code[1] & 2 != 0;
        let has_tagdict = fs_code[1] & 4 != 0;
        let seed = r.u64()?;
        let scale = f32::from_le_bytes(r.arr4()?);
        let l = r.u32()? as usize;
        if l == 0 || l > u16::MAX as usize {
            return Err(ModelError::Corrupt(format!("label count {l}")));
        }
        let mut labels = Vec::with_capacity(l);
        for _ in 0..l {
            let n = r.u32()? as usize;
            let s = std::str::from_utf8(r.take(n)?)
                .map_err(|_| ModelError::Corrupt("label is not UTF-8".into()))?;
            labels.push(s.to_string());
        }
        let n_features = r.u32()?;
        let n_slots = r.u32()? as usize;
        if !n_slots.is_power_of_two() {
            return Err(ModelError::Corrupt(
                "slot count is not a power of two".into(),
            ));
        }
        let slots = r.u64s(n_slots)?;
        let n_entries = r.u32()? as usize;
        let entries = r.u32s(n_entries)?;
        let dense = if version >= 2 {
            let n = r.u32()? as usize;
            r.i16s(n)?
        } else {
            Vec::new()
        };
        let start = r.i32s(l)?;
        let end = r.i32s(l)?;
        let trans = r.i32s(l * l)?;
        let mut table = |present: bool| -> Result<Option<WordTable>, ModelError> {
            if !present {
                return Ok(None);
            }
            let n = r.u32()? as usize;
            let t = WordTable { slots: r.u64s(n)? };
            if !t.valid() {
                return Err(ModelError::Corrupt("word table has no empty slot".into()));
            }
            Ok(Some(t))
        };
        let lexicon = table(has_lex)?;
        let clusters = table(has_clusters)?;
        let tagdict = table(has_tagdict)?;
        if let Some(t) = &tagdict {
            if t.slots
                .iter()
                .any(|&x| x != 0 && (x as u32 == 0 || x as u32 > l as u32))
            {
                return Err(ModelError::Corrupt(
                    "tag dictionary label out of range".into(),
                ));
            }
        }
        if r.pos != body.len() {
            return Err(ModelError::Corrupt("trailing bytes".into()));
        }
        // Validate the feature table in one sequential walk over the rows (marking where each
        // row starts), then check that every slot points at a row start.
        // Dense rows are re-laid out with the padded stride (see [`padded`]); the file's rows
        // must therefore start at multiples of `L`, as [`Model::to_bytes`] writes them.
        if !dense.len().is_multiple_of(l) {
            return Err(ModelError::Corrupt("dense rows are not whole rows".into()));
        }
        let lp = padded(l);
        let mut entries = entries;
        let mut row_start = vec![0u64; entries.len() / 64 + 1];
        let mut off = 0usize;
        while off < entries.len() {
            row_start[off / 64] |= 1 << (off % 64);
            let cnt = entries[off];
            if cnt & DENSE != 0 {
                let st = *entries
                    .get(off + 1)
                    .ok_or_else(|| ModelError::Corrupt("feature row out of range".into()))?
                    as usize;
                if st.checked_add(l).is_none_or(|e| e > dense.len()) || !st.is_multiple_of(l) {
                    return Err(ModelError::Corrupt("dense row out of range".into()));
                }
                entries[off + 1] = (st / l * lp) as u32;
                off += 2;
            } else {
                let row = entries
                    .get(off + 1..off + 1 + cnt as usize)
                    .ok_or_else(|| ModelError::Corrupt("feature row out of range".into()))?;
                if row.iter().any(|&e| (e >> 16) as usize >= l) {
                    return Err(ModelError::Corrupt("label index out of range".into()));
                }
                off += 1 + cnt as usize;
            }
        }
        let mut used = 0usize;
        for &s in &slots {
            if s == 0 {
                continue;
            }
            used += 1;
            let off = (s as u32).wrapping_sub(1) as usize;
            if off >= entries.len() || row_start[off / 64] & (1 << (off % 64)) == 0 {
                return Err(ModelError::Corrupt("feature offset is not a row".into()));
            }
        }
        if used >= n_slots || used != n_features as usize {
            return Err(ModelError::Corrupt("feature table inconsistent".into()));
        }
        let dense = if lp == l {
            dense
        } else {
            let mut p = vec![0i16; dense.len() / l * lp];
            for (dst, src) in p.chunks_exact_mut(lp).zip(dense.chunks_exact(l)) {
                dst[..l].copy_from_slice(src);
            }
            p
        };
        Ok(Model {
            labels,
            feature_set,
            seed,
            scale,
            n_features,
            slots,
            entries,
            dense,
            start,
            end,
            trans,
            lexicon,
            clusters,
            tagdict,
            dom: Vec::new(),
            trans_t: Vec::new(),
            uid: ModelUid::fresh(),
        }
        .with_dominance())
    }
}

/// Asks the processor to start loading the cache line of `x` (a hint: nothing is read, and
/// it does nothing on other architectures).
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch never faults and `x` is a valid reference.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// `sc[k] += row[k]`, 8 lanes at a time when the stride allows (it does for dense rows), with
/// AVX2 when `avx2` (which callers set only when the processor has it).
#[inline(always)]
fn add_row(sc: &mut [i32], row: &[i16], avx2: bool) {
    #[cfg(target_arch = "x86_64")]
    {
        if avx2 {
            // SAFETY: `avx2` is only true when the processor supports AVX2.
            unsafe { add_row_avx2(sc, row) };
            return;
        }
    }
    let _ = avx2;
    if sc.len().is_multiple_of(8) && row.len() == sc.len() {
        // Fixed-size chunks: no bounds checks, so the compiler emits vector code.
        let (s8, _) = sc.as_chunks_mut::<8>();
        let (w8, _) = row.as_chunks::<8>();
        for (a, b) in s8.iter_mut().zip(w8) {
            for k in 0..8 {
                a[k] += i32::from(b[k]);
            }
        }
    } else {
        for (s, &w) in sc.iter_mut().zip(row) {
            *s += i32::from(w);
        }
    }
}

/// [`add_row`] with AVX2: 8 weights widened and added per step, the tail one by one.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_row_avx2(sc: &mut [i32], row: &[i16]) {
    use std::arch::x86_64::{
        __m128i, __m256i, _mm256_add_epi32, _mm256_cvtepi16_epi32, _mm256_loadu_si256,
        _mm256_storeu_si256, _mm_loadu_si128,
    };
    let m = sc.len().min(row.len());
    let whole = m / 8 * 8;
    let mut k = 0;
    while k < whole {
        // SAFETY: `k + 8 <= m`, so both 8-lane accesses are inside their slices; unaligned
        // loads and stores are used.
        unsafe {
            let w = _mm_loadu_si128(row.as_ptr().add(k).cast::<__m128i>());
            let p = sc.as_mut_ptr().add(k).cast::<__m256i>();
            let v = _mm256_add_epi32(_mm256_loadu_si256(p), _mm256_cvtepi16_epi32(w));
            _mm256_storeu_si256(p, v);
        }
        k += 8;
    }
    for (s, &w) in sc[whole..m].iter_mut().zip(&row[whole..m]) {
        *s += i32::from(w);
    }
}

/// Appends a feature row to `entries` (sparse) or `dense` (when it has at least `L / 4`
/// weights: a vectorised add then beats one scattered add per weight) and returns its offset.
/// Dense rows take `stride` (≥ `L`) slots of `dense`.
fn push_row(
    entries: &mut Vec<u32>,
    dense: &mut Vec<i16>,
    weights: &[(u16, i16)],
    l: usize,
    stride: usize,
) -> u32 {
    let off = entries.len() as u32;
    if weights.len() * 4 >= l && l >= 8 {
        entries.push(DENSE);
        entries.push(dense.len() as u32);
        let st = dense.len();
        dense.resize(st + stride, 0);
        for &(y, w) in weights {
            dense[st + y as usize] = w;
        }
    } else {
        entries.push(weights.len() as u32);
        for &(lab, w) in weights {
            entries.push((u32::from(lab) << 16) | u32::from(w as u16));
        }
    }
    off
}

fn put_u32(w: &mut Vec<u8>, x: u32) {
    w.extend_from_slice(&x.to_le_bytes());
}
fn put_u64(w: &mut Vec<u8>, x: u64) {
    w.extend_from_slice(&x.to_le_bytes());
}

/// FxHash over 8-byte words (plus the tail and the length): cheap enough to check at every load.
fn checksum(b: &[u8]) -> u64 {
    // Four interleaved lanes (32 bytes a step) so the multiplies overlap; the tail goes
    // through one lane 8 bytes, then 1 byte, at a time.
    let mut lanes = [0x4d4f_4445_4c21u64, 1, 2, 3];
    let mut it32 = b.chunks_exact(32);
    for c in &mut it32 {
        for (k, lane) in lanes.iter_mut().enumerate() {
            let mut a = [0u8; 8];
            a.copy_from_slice(&c[k * 8..k * 8 + 8]);
            *lane = add(*lane, u64::from_le_bytes(a));
        }
    }
    let mut h = add(add(add(lanes[0], lanes[1]), lanes[2]), lanes[3]);
    let total = b.len();
    let mut it = it32.remainder().chunks_exact(8);
    for c in &mut it {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = add(h, u64::from_le_bytes(a));
    }
    for &x in it.remainder() {
        h = add(h, u64::from(x));
    }
    finish(add(h, total as u64))
}

/// The version-1 checksum: FxHash over 8-byte words (plus the tail and the length).
fn checksum_v1(b: &[u8]) -> u64 {
    let mut h = 0x4d4f_4445_4c21u64;
    let mut it = b.chunks_exact(8);
    for c in &mut it {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = add(h, u64::from_le_bytes(a));
    }
    for &x in it.remainder() {
        h = add(h, u64::from(x));
    }
    finish(add(h, b.len() as u64))
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.b.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn arr4(&mut self) -> Result<[u8; 4], ModelError> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.arr4()?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    fn u64s(&mut self, n: usize) -> Result<Vec<u64>, ModelError> {
        let s = self.take(n.checked_mul(8).ok_or(ModelError::Truncated)?)?;
        Ok(s.chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect())
    }
    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, ModelError> {
        let s = self.take(n.checked_mul(4).ok_or(ModelError::Truncated)?)?;
        Ok(s.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn i16s(&mut self, n: usize) -> Result<Vec<i16>, ModelError> {
        let s = self.take(n.checked_mul(2).ok_or(ModelError::Truncated)?)?;
        Ok(s.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
    fn i32s(&mut self, n: usize) -> Result<Vec<i32>, ModelError> {
        let s = self.take(n.checked_mul(4).ok_or(ModelError::Truncated)?)?;
        Ok(s.chunks_exact(4)
            .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}

/// A score type for Viterbi: `i32` for quantised models, `i64` for training-time checks.
pub(crate) trait Score:
    Copy + PartialOrd + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self>
{
    /// Below any real path score.
    const MIN: Self;
    /// Zero.
    const ZERO: Self;

    /// One Viterbi step: `best[c] = max_p delta[p] + trans[p][c]`, `arg[c]` the first such `p`.
    fn step(delta: &[Self], trans: &[Self], best: &mut [Self], arg: &mut [i32]) {
        let l = best.len();
        best.fill(Self::MIN);
        arg.fill(0);
        for (p, &d) in delta.iter().enumerate() {
            let row = &trans[p * l..(p + 1) * l];
            for ((b, a), &t) in best.iter_mut().zip(arg.iter_mut()).zip(row) {
                let v = d + t;
                if v > *b {
                    *b = v;
                    *a = p as i32;
                }
            }
        }
    }
}

impl Score for i32 {
    const MIN: i32 = i32::MIN / 2;
    const ZERO: i32 = 0;

    /// Branch-free masks over contiguous rows, so that the inner loop vectorises.
    #[inline]
    fn step(delta: &[i32], trans: &[i32], best: &mut [i32], arg: &mut [i32]) {
        let l = best.len();
        best.fill(i32::MIN / 2);
        arg.fill(0);
        for (p, &d) in delta.iter().enumerate() {
            let row = &trans[p * l..(p + 1) * l];
            let p = p as i32;
            for ((b, a), &t) in best.iter_mut().zip(arg.iter_mut()).zip(row) {
                let v = d + t;
                let m = i32::from(v > *b).wrapping_neg();
                *b = (v & m) | (*b & !m);
                *a = (p & m) | (*a & !m);
            }
        }
    }
}

impl Score for i64 {
    const MIN: i64 = i64::MIN / 2;
    const ZERO: i64 = 0;
}

/// Reusable Viterbi buffers.
#[derive(Debug, Default, Clone)]
pub(crate) struct ViterbiBuf<T> {
    delta: Vec<T>,
    best: Vec<T>,
    arg: Vec<i32>,
    bp: Vec<u16>,
}

/// First-order Viterbi. `emis` is `n × L`, `trans[prev * L + cur]`. Appends the best label
/// sequence to `out`; ties go to the lowest label index.
#[allow(clippy::too_many_arguments)]
pub(crate) fn viterbi<T: Score>(
    n: usize,
    l: usize,
    emis: &[T],
    start: &[T],
    end: &[T],
    trans: &[T],
    buf: &mut ViterbiBuf<T>,
    out: &mut Vec<u16>,
) {
    if n == 0 {
        return;
    }
    let ViterbiBuf {
        delta,
        best,
        arg,
        bp,
    } = buf;
    delta.clear();
    delta.extend(start.iter().zip(&emis[..l]).map(|(&a, &b)| a + b));
    best.clear();
    best.resize(l, T::ZERO);
    arg.clear();
    arg.resize(l, 0);
    bp.clear();
    bp.resize(n * l, 0);
    for i in 1..n {
        T::step(delta, trans, best, arg);
        let e = &emis[i * l..(i + 1) * l];
        let mut top = T::MIN;
        for (b, &x) in best.iter_mut().zip(e) {
            *b = *b + x;
            if *b > top {
                top = *b;
            }
        }
        // Keep scores near zero so long sentences cannot overflow.
        for (d, &x) in delta.iter_mut().zip(best.iter()) {
            *d = x - top;
        }
        for (b, &a) in bp[i * l..(i + 1) * l].iter_mut().zip(arg.iter()) {
            *b = a as u16;
        }
    }
    backtrack(delta, end, bp, l, n, out);
}

/// The last step of Viterbi: the best final label (`delta[y] + end[y]`, the first on ties) and
/// the path back to the start through `bp` (row `i`, `l` wide: the best previous label of each
/// label at position `i`), appended to `out`.
fn backtrack<T: Score>(delta: &[T], end: &[T], bp: &[u16], l: usize, n: usize, out: &mut Vec<u16>) {
    let mut top = T::MIN;
    let mut y = 0usize;
    for (c, (&d, &e)) in delta.iter().zip(end).take(l).enumerate() {
        let v = d + e;
        if v > top {
            top = v;
            y = c;
        }
    }
    let base = out.len();
    out.resize(base + n, 0);
    out[base + n - 1] = y as u16;
    for i in (1..n).rev() {
        y = bp[i * l + y] as usize;
        out[base + i - 1] = y as u16;
    }
}

/// An `L × L` matrix transposed (empty when the size does not match).
fn transpose(m: &[i32], l: usize) -> Vec<i32> {
    if m.len() != l * l {
        return Vec::new();
    }
    let mut t = vec![0; l * l];
    for p in 0..l {
        for c in 0..l {
            t[c * l + p] = m[p * l + c];
        }
    }
    t
}

/// `dom[a * L + b]`: a lower bound on how much a path gains when label `b` at some position is
/// replaced by `a`, apart from the emission difference: the least, over every predecessor
/// (sentence start included), of `T(prev, a) − T(prev, b)`, plus the least, over every successor
/// (sentence end included), of `T(a, next) − T(b, next)`. If `e(a) − e(b) + dom[a][b] > 0`, no
/// best path goes through `b` there, so `b` can be dropped without changing the result.
pub(crate) fn dominance(l: usize, start: &[i32], end: &[i32], trans: &[i32]) -> Vec<i32> {
    // Work in i32 on inputs clamped to ±2^28 (so no difference or sum overflows). Clamping only
    // touches forbidden transitions (`NEG`); their bounds stay far below any emission
    // difference, so they never allow pruning, exactly as without clamping.
    let lim = 1i32 << 28;
    let c = |x: &i32| (*x).clamp(-lim, lim);
    let start: Vec<i32> = start.iter().map(c).collect();
    let end: Vec<i32> = end.iter().map(c).collect();
    let trans: Vec<i32> = trans.iter().map(c).collect();
    let mut dom = vec![0i32; l * l];
    let mut min_in = vec![0i32; l];
    for a in 0..l {
        // min over prev of T(prev, a) - T(prev, b), for every b at once.
        let sa = start[a];
        for (m, &sb) in min_in.iter_mut().zip(&start) {
            *m = sa - sb;
        }
        for p in 0..l {
            let row = &trans[p * l..(p + 1) * l];
            let ta = row[a];
            for (m, &tb) in min_in.iter_mut().zip(row) {
                *m = (*m).min(ta - tb);
            }
        }
        let ra = &trans[a * l..(a + 1) * l];
        for b in 0..l {
            let rb = &trans[b * l..(b + 1) * l];
            let out = ra
                .iter()
                .zip(rb)
                .map(|(&x, &y)| x - y)
                .fold(end[a] - end[b], i32::min);
            // |min_in|, |out| <= 2^29, so the sum fits.
            dom[a * l + b] = min_in[b] + out;
        }
    }
    dom
}

/// Buffers for [`viterbi_pruned`].
#[derive(Debug, Default, Clone)]
pub(crate) struct PrunedBuf {
    cands: Vec<u16>,
    coff: Vec<u32>,
    delta: Vec<i32>,
    next: Vec<i32>,
    bp: Vec<u16>,
    best_row: Vec<i32>,
    arg_row: Vec<i32>,
}

/// Bit `k` set when label `k` of an 8-label chunk survives pruning against the best label `a`:
/// `ea - e[k] + dom[a][k] <= 0` (see [`viterbi_pruned`]). `avx2` must only be true when the
/// processor has AVX2; both paths give the same mask (no sum here can overflow: scores and
/// bounds stay within ±2^29).
#[inline(always)]
fn keep_mask8(ea: i32, e: &[i32; 8], d: &[i32; 8], avx2: bool) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        if avx2 {
            // SAFETY: the caller only passes `avx2` when the processor has AVX2.
            return unsafe { keep_mask8_avx2(ea, e, d) };
        }
    }
    let _ = avx2;
    let mut m = 0u32;
    for k in 0..8 {
        m |= u32::from(ea - e[k] + d[k] <= 0) << k;
    }
    m
}

/// [`keep_mask8`] with AVX2: one subtract, add, compare and move-mask.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn keep_mask8_avx2(ea: i32, e: &[i32; 8], d: &[i32; 8]) -> u32 {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi32, _mm256_castsi256_ps, _mm256_cmpgt_epi32, _mm256_loadu_si256,
        _mm256_movemask_ps, _mm256_set1_epi32, _mm256_setzero_si256, _mm256_sub_epi32,
    };
    // SAFETY: both arrays hold exactly 8 `i32`s; unaligned loads are used.
    let (ev, dv) = unsafe {
        (
            _mm256_loadu_si256(e.as_ptr().cast::<__m256i>()),
            _mm256_loadu_si256(d.as_ptr().cast::<__m256i>()),
        )
    };
    let v = _mm256_add_epi32(_mm256_sub_epi32(_mm256_set1_epi32(ea), ev), dv);
    let gt = _mm256_cmpgt_epi32(v, _mm256_setzero_si256());
    !(_mm256_movemask_ps(_mm256_castsi256_ps(gt)) as u32) & 0xff
}

/// The index of the first element of `e` equal to `x`, its maximum (0 when none): compared 8
/// at a time.
#[inline(always)]
fn first_equal(e: &[i32], x: i32, avx2: bool) -> usize {
    let (e8, et) = e.as_chunks::<8>();
    for (c, ec) in e8.iter().enumerate() {
        // Equal is "not (x - e > 0)" here: `x` is the maximum of `e`, so `x - e >= 0`.
        let m = keep_mask8(x, ec, &[0; 8], avx2);
        if m != 0 {
            return c * 8 + m.trailing_zeros() as usize;
        }
    }
    et.iter()
        .position(|&v| v == x)
        .map_or(0, |k| e8.len() * 8 + k)
}

/// Label sets up to this size are decoded by [`viterbi_small`] (every label at every
/// position) instead of [`viterbi_pruned`]: with few labels (BIO over 4 types: 9) pruning keeps
/// most of them anyway, and the branch-free full step is cheaper than the pruned loops.
const SMALL_LABEL_SET: usize = 16;

/// First-order Viterbi over every label at every position, for small label sets (`l` ≤
/// [`SMALL_LABEL_SET`]; otherwise nothing is appended); the same result as [`viterbi`] (ties go
/// to the lowest label index). `emis` has `n` rows of `stride` scores, `trans[prev * L + cur]`.
/// Path scores are shifted down by their maximum at every position (which changes no
/// comparison), so sums stay in range.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn viterbi_small(
    n: usize,
    l: usize,
    stride: usize,
    emis: &[i32],
    start: &[i32],
    end: &[i32],
    trans: &[i32],
    buf: &mut PrunedBuf,
    out: &mut Vec<u16>,
) {
    const W: usize = SMALL_LABEL_SET;
    if n == 0 || l > W || trans.len() < l * l {
        return;
    }
    // Fixed-width rows (lanes past `l` are computed and ignored), so the step vectorises.
    let mut tr = [[0i32; W]; W];
    for (p, row) in tr.iter_mut().enumerate().take(l) {
        row[..l].copy_from_slice(&trans[p * l..(p + 1) * l]);
    }
    let PrunedBuf { bp, .. } = buf;
    let mut delta = [0i32; W];
    for y in 0..l {
        delta[y] = start[y] + emis[y];
    }
    bp.clear();
    bp.resize(n * l, 0);
    for i in 1..n {
        let e = &emis[i * stride..i * stride + l];
        let mut best = [i32::MIN / 2; W];
        let mut arg = [0i32; W];
        for (p, row) in tr.iter().enumerate().take(l) {
            let d = delta[p];
            let p = p as i32;
            for c in 0..W {
                let v = d + row[c];
                let m = i32::from(v > best[c]).wrapping_neg();
                best[c] = (v & m) | (best[c] & !m);
                arg[c] = (p & m) | (arg[c] & !m);
            }
        }
        let mut top = i32::MIN;
        let bpi = &mut bp[i * l..(i + 1) * l];
        for c in 0..l {
            let v = best[c] + e[c];
            delta[c] = v;
            bpi[c] = arg[c] as u16;
            top = top.max(v);
        }
        for d in delta.iter_mut().take(l) {
            *d -= top;
        }
    }
    backtrack(&delta, end, bp, l, n, out);
}

/// Viterbi over the labels that survive exact pruning (see [`dominance`]): at each position,
/// label `b` is dropped when the position's best-scoring label `a` satisfies
/// `e(a) − e(b) + dom[a][b] > 0`. Gives the same sequence as full Viterbi (ties included: the
/// candidates are visited in label order).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn viterbi_pruned(
    n: usize,
    l: usize,
    stride: usize,
    emis: &[i32],
    start: &[i32],
    end: &[i32],
    trans: &[i32],
    trans_t: &[i32],
    dom: &[i32],
    buf: &mut PrunedBuf,
    out: &mut Vec<u16>,
    avx2: bool,
) {
    if n == 0 {
        return;
    }
    let PrunedBuf {
        cands,
        coff,
        delta,
        next,
        bp,
        best_row,
        arg_row,
    } = buf;
    best_row.resize(l, 0);
    arg_row.resize(l, 0);
    cands.clear();
    coff.clear();
    coff.push(0);
    for i in 0..n {
        let e = &emis[i * stride..i * stride + l];
        // The best label (the first one on ties): the maximum (a vectorisable reduction), then
        // its first position.
        let ea = e.iter().copied().fold(i32::MIN, i32::max);
        let a = first_equal(e, ea, avx2);
        let row = &dom[a * l..(a + 1) * l];
        // Keep `y` when `ea - e[y] + dom[a][y] <= 0`: a bit mask per 8 labels (vectorisable),
        // then the few set bits.
        let (e8, et) = e.as_chunks::<8>();
        let (d8, dt) = row.as_chunks::<8>();
        for (c, (ec, dc)) in e8.iter().zip(d8).enumerate() {
            let mut m = keep_mask8(ea, ec, dc, avx2);
            while m != 0 {
                cands.push((c * 8 + m.trailing_zeros() as usize) as u16);
                m &= m - 1;
            }
        }
        let t0 = e8.len() * 8;
        for (y, (&v, &d)) in et.iter().zip(dt).enumerate() {
            if ea - v + d <= 0 {
                cands.push((t0 + y) as u16);
            }
        }
        coff.push(cands.len() as u32);
    }
    bp.clear();
    bp.resize(cands.len(), 0);
    delta.clear();
    for &y in &cands[..coff[1] as usize] {
        delta.push(start[y as usize] + emis[y as usize]);
    }
    for i in 1..n {
        let prev = &cands[coff[i - 1] as usize..coff[i] as usize];
        let cur = &cands[coff[i] as usize..coff[i + 1] as usize];
        let e = &emis[i * stride..i * stride + l];
        next.clear();
        let mut top = i32::MIN;
        // Every label a candidate at the previous position (no pruning there, as always with
        // BIO constraints): read the transposed transitions contiguously.
        let all_prev = prev.len() == l && trans_t.len() == l * l;
        if all_prev && cur.len() == l {
            // Every label at both positions (small BIO label sets): one branch-free pass per
            // previous label over all current labels (vectorises); ties keep the first
            // previous label, as below.
            i32::step(delta, trans, best_row, arg_row);
            for (c, (&b, &a)) in best_row.iter().zip(arg_row.iter()).enumerate() {
                let v = b + e[c];
                next.push(v);
                bp[coff[i] as usize + c] = a as u16;
                top = top.max(v);
            }
            delta.clear();
            delta.extend(next.iter().map(|&x| x - top));
            continue;
        }
        for (j, &c) in cur.iter().enumerate() {
            let c = c as usize;
            let mut best = i32::MIN;
            let mut arg = 0usize;
            if all_prev {
                let tc = &trans_t[c * l..(c + 1) * l];
                for (k, (&t, &d)) in tc.iter().zip(delta.iter()).enumerate() {
                    let v = d + t;
                    if v > best {
                        best = v;
                        arg = k;
                    }
                }
            } else if trans_t.len() == l * l {
                // The transposed row of `c`: the previous candidates' weights lie close together.
                let tc = &trans_t[c * l..(c + 1) * l];
                for (k, (&p, &d)) in prev.iter().zip(delta.iter()).enumerate() {
                    let v = d + tc[p as usize];
                    if v > best {
                        best = v;
                        arg = k;
                    }
                }
            } else {
                for (k, (&p, &d)) in prev.iter().zip(delta.iter()).enumerate() {
                    let v = d + trans[p as usize * l + c];
                    if v > best {
                        best = v;
                        arg = k;
                    }
                }
            }
            let v = best + e[c];
            next.push(v);
            bp[coff[i] as usize + j] = arg as u16;
            top = top.max(v);
        }
        delta.clear();
        delta.extend(next.iter().map(|&x| x - top));
    }
    let last = &cands[coff[n - 1] as usize..coff[n] as usize];
    let mut best = i32::MIN;
    let mut k = 0usize;
    for (j, (&y, &d)) in last.iter().zip(delta.iter()).enumerate() {
        let v = d + end[y as usize];
        if v > best {
            best = v;
            k = j;
        }
    }
    let base = out.len();
    out.resize(base + n, 0);
    for i in (0..n).rev() {
        let idx = coff[i] as usize + k;
        out[base + i] = cands[idx];
        k = bp[idx] as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::extract;
    use crate::hash::XorShift;

    #[test]
    fn pruned_viterbi_equals_full_viterbi() {
        let mut r = XorShift::new(3);
        for case in 0..300 {
            let l = 1 + r.below(12);
            let n = 1 + r.below(15);
            let spread = [3, 50, 5000][case % 3];
            let mut v = |k: usize| -> Vec<i32> {
                (0..k)
                    .map(|_| r.below(2 * spread + 1) as i32 - spread as i32)
                    .collect()
            };
            let emis = v(n * l);
            let mut start = v(l);
            let end = v(l);
            let mut trans = v(l * l);
            if case % 4 == 0 {
                // Some forbidden transitions, as with BIO constraints.
                for (i, t) in trans.iter_mut().enumerate() {
                    if i % 5 == 1 {
                        *t = NEG;
                    }
                }
                start[0] = NEG;
            }
            let mut full = Vec::new();
            viterbi(
                n,
                l,
                &emis,
                &start,
                &end,
                &trans,
                &mut ViterbiBuf::default(),
                &mut full,
            );
            let dom = dominance(l, &start, &end, &trans);
            // The portable masks, and the AVX2 ones where the processor has them.
            #[cfg(target_arch = "x86_64")]
            let has_avx2 = std::arch::is_x86_feature_detected!("avx2");
            #[cfg(not(target_arch = "x86_64"))]
            let has_avx2 = false;
            for avx2 in [false, true] {
                if avx2 && !has_avx2 {
                    continue;
                }
                let mut pruned = Vec::new();
                viterbi_pruned(
                    n,
                    l,
                    l,
                    &emis,
                    &start,
                    &end,
                    &trans,
                    &transpose(&trans, l),
                    &dom,
                    &mut PrunedBuf::default(),
                    &mut pruned,
                    avx2,
                );
                assert_eq!(full, pruned, "case {case} (AVX2 {avx2}): l={l} n={n}");
            }
            // The full-step decoder for small label sets, on rows with padding after `l`.
            let stride = l + 3;
            let mut padded_emis = vec![i32::MIN; n * stride];
            for i in 0..n {
                padded_emis[i * stride..i * stride + l].copy_from_slice(&emis[i * l..(i + 1) * l]);
            }
            let mut small = vec![7];
            viterbi_small(
                n,
                l,
                stride,
                &padded_emis,
                &start,
                &end,
                &trans,
                &mut PrunedBuf::default(),
                &mut small,
            );
            assert_eq!(small[0], 7, "appends");
            assert_eq!(full, small[1..], "case {case} (small): l={l} n={n}");
        }
    }

    #[test]
    fn tag_dictionary_fixes_labels_and_round_trips() {
        let labels: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
        let mut m = Model::build(
            labels,
            FeatureSet::Pos,
            7,
            1.0,
            &[],
            vec![0, 0, 5],
            vec![0, 0, 0],
            &[0, 0, 5, 0, 0, 5, 0, 0, 5],
            None,
            None,
        );
        // No features: start and transition weights make every word "C".
        assert_eq!(m.tag(&["x", "y", "z"]), vec![2, 2, 2]);
        m.set_tag_dictionary(&[("y", 0), ("z", 1), ("bad", 9)]);
        assert_eq!(m.tag_dictionary_len(), 2);
        assert_eq!(m.tag(&["x", "y", "z"]), vec![2, 0, 1]);
        let back = Model::from_bytes(&m.to_bytes()).expect("loads");
        assert_eq!(back.tag_dictionary_len(), 2);
        assert_eq!(back.tag(&["z", "y", "x"]), vec![1, 0, 2]);
        // An empty list removes the dictionary.
        m.set_tag_dictionary(&[]);
        assert_eq!(m.tag(&["y"]), vec![2]);
    }

    #[test]
    fn version_1_files_still_load() {
        let rows: Vec<FeatureRow> = (0..50u64)
            .map(|k| FeatureRow {
                key: crate::hash::finish(k),
                weights: vec![((k % 3) as u16, k as i16 - 25)],
            })
            .collect();
        let labels: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
        let m = Model::build(
            labels,
            FeatureSet::Pos,
            7,
            1.0,
            &rows,
            vec![1, 2, 3],
            vec![0, 0, 1],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8],
            None,
            None,
        );
        assert!(m.dense.is_empty());
        let v1 = m.write(1);
        let back = Model::from_bytes(&v1).expect("v1 loads");
        assert_eq!(back, m);
        assert_eq!(Model::from_bytes(&m.to_bytes()).expect("v2 loads"), m);
        // A model with dense rows round-trips too.
        let wide: Vec<String> = (0..16).map(|i| format!("L{i}")).collect();
        let rows = vec![FeatureRow {
            key: 42,
            weights: (0..16).map(|y| (y, y as i16 - 8)).collect(),
        }];
        let d = Model::build(
            wide,
            FeatureSet::Pos,
            7,
            1.0,
            &rows,
            vec![0; 16],
            vec![0; 16],
            &[0; 256],
            None,
            None,
        );
        assert!(!d.dense.is_empty());
        assert_eq!(d.n_weights(), 15);
        assert_eq!(Model::from_bytes(&d.to_bytes()).expect("dense loads"), d);
    }

    #[test]
    fn padded_rows_round_trip_and_keys_tag_like_strings() {
        // 9 labels: dense rows are padded to 16 in memory, unpadded in the file.
        let labels: Vec<String> = (0..9).map(|i| format!("L{i}")).collect();
        let seed = 11;
        let words = ["The", "cat", "sat", "on", "Mats", "."];
        let mut buf = FeatBuf::default();
        let extra: Vec<Vec<&str>> = vec![vec!["g:a"], vec![], vec!["g:b", "g:a"]];
        extract(
            FeatureSet::Ner,
            seed,
            &words,
            Lookups::default(),
            Extra::Strings(&extra),
            &mut buf,
        );
        let rows: Vec<FeatureRow> = buf
            .keys
            .iter()
            .enumerate()
            .map(|(k, &key)| FeatureRow {
                key,
                weights: (0..9u16)
                    .filter(|y| !(k + *y as usize).is_multiple_of(3))
                    .map(|y| (y, ((k * 7 + y as usize * 13) % 41) as i16 - 20))
                    .collect(),
            })
            .collect();
        let mut rows = rows;
        rows.sort_by_key(|r| r.key);
        rows.dedup_by_key(|r| r.key);
        let m = Model::build(
            labels,
            FeatureSet::Ner,
            seed,
            1.0,
            &rows,
            vec![0; 9],
            vec![0; 9],
            &[1; 81],
            None,
            None,
        );
        assert!(!m.dense.is_empty());
        assert_eq!(m.dense.len() % 16, 0);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("loads");
        assert_eq!(back, m);
        assert_eq!(back.to_bytes(), bytes);
        let by_strings = m.tag_with_extra(&words, &extra);
        let mut scratch = Scratch::new();
        let mut base = TokenKeys::new();
        m.base_features(&words, &mut scratch, &mut base);
        let mut ek = TokenKeys::new();
        for i in 0..words.len() {
            for e in extra.get(i).map(Vec::as_slice).unwrap_or(&[]) {
                ek.push(m.extra_key(e));
            }
            ek.end_token();
        }
        let mut by_keys = Vec::new();
        assert!(m.tag_keys(&base, &ek, &mut scratch, &mut by_keys));
        assert_eq!(by_keys, by_strings);
        assert!(m.same_base_features(&back));

        // With a dictionary: `tag_keys_fixed` on skipped base features gives what `tag` gives.
        let mut md = m.clone();
        md.set_tag_dictionary(&[("on", 4), (".", 8)]);
        let mut fixed = Vec::new();
        assert!(md.dictionary_labels(&words, &mut fixed));
        let mx = u16::MAX;
        assert_eq!(fixed, vec![mx, mx, mx, 4, mx, 8]);
        let mut skipped = TokenKeys::new();
        md.base_features_skipping(&words, &fixed, &mut scratch, &mut skipped);
        assert!(skipped.token(3).is_empty() && skipped.token(5).is_empty());
        assert_eq!(skipped.token(2), base.token(2));
        let mut with_fixed = Vec::new();
        assert!(md.tag_keys_fixed(
            &skipped,
            &TokenKeys::new(),
            &fixed,
            &mut scratch,
            &mut with_fixed,
        ));
        assert_eq!(with_fixed, md.tag(&words));
        assert_eq!((with_fixed[3], with_fixed[5]), (4, 8));
        // No dictionary: nothing is fixed.
        assert!(!m.dictionary_labels(&words, &mut fixed));
        assert!(fixed.iter().all(|&f| f == mx));
    }

    /// Emission scores and labels of each sentence, tagged one after another on this thread.
    fn scores_and_labels(m: &Model, sents: &[Vec<&str>]) -> Vec<(Vec<i32>, Vec<u16>)> {
        let mut s = Scratch::new();
        sents
            .iter()
            .map(|w| {
                let mut out = Vec::new();
                m.tag_core(w, Extra::<&str>::None, &mut s, &mut out);
                (s.scores.clone(), out)
            })
            .collect()
    }

    /// Held by the tests that switch the process-wide row cache off, or need it on.
    static ROW_CACHE_FLAG: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// The shipped POS model, read from `models/` (a new model each call: an empty cache).
    fn shipped_pos() -> Model {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/pos.bin");
        let b = std::fs::read(path).expect("models/pos.bin is committed");
        Model::from_bytes(&b).expect("pos.bin loads")
    }

    #[test]
    fn word_sum_cache_gives_the_same_scores_as_summing_every_key() {
        let _flag = ROW_CACHE_FLAG.lock().unwrap_or_else(|e| e.into_inner());
        let m = shipped_pos();
        // Its word-only keys include the cluster group, moved up from behind context keys.
        assert!(m.clusters.is_some());
        let text = [
            "The minister said on Monday that 34,000 people had left .",
            "The minister , who said little , left the city on Monday .",
            "Fighters left ; the city 's people said the fighters had left .",
            "Unseenwordxyz met the minister in Qwertyville in 2016 .",
        ];
        let sents: Vec<Vec<&str>> = text.iter().map(|t| t.split(' ').collect()).collect();
        // Without the cache, then twice with it (the second pass hits for every word).
        crate::set_row_cache(false);
        let plain = scores_and_labels(&m, &sents);
        crate::set_row_cache(true);
        let first = scores_and_labels(&m, &sents);
        let again = scores_and_labels(&m, &sents);
        assert_eq!(first, plain);
        // The second time, every word's sum is cached, and its word-only keys are not made.
        assert_eq!(again, plain);
        // (Tag-dictionary words are never scored, so never cached: they get no keys at all.)
        let mut s = Scratch::new();
        let mut fixed = Vec::new();
        assert!(m.dictionary_labels(&sents[0], &mut fixed));
        rowcache::with_cache(m.uid.0, padded(m.labels.len()), |cache| {
            m.features(
                &sents[0],
                Extra::<&str>::None,
                &fixed,
                Some(cache),
                &mut s.feats,
            )
        });
        assert!(s.feats.intr.iter().all(|&n| n == 0));
        let scored = fixed.iter().filter(|&&f| f == u16::MAX).count();
        assert!(scored >= 5, "{scored} words scored");
        for (&f, &form) in fixed.iter().zip(&s.feats.forms) {
            assert_eq!(f == u16::MAX, form != 0);
        }
        // The word-only keys really were moved to the front, and the key sets are unchanged.
        let look = Lookups {
            lex: m.lexicon.as_ref(),
            clusters: m.clusters.as_ref(),
            slots: None,
            cached: None,
        };
        let (mut a, mut b) = (FeatBuf::default(), FeatBuf::default());
        let w = &sents[0];
        extract(m.feature_set, m.seed, w, look, Extra::<&str>::None, &mut a);
        extract_skipping(
            m.feature_set,
            m.seed,
            w,
            look,
            Extra::<&str>::None,
            &[],
            true,
            &mut b,
        );
        assert!(a.intr.is_empty());
        assert_eq!(b.intr.len(), w.len());
        for i in 0..w.len() {
            let r = |f: &FeatBuf| f.offsets[i] as usize..f.offsets[i + 1] as usize;
            let (mut ka, mut kb) = (a.keys[r(&a)].to_vec(), b.keys[r(&b)].to_vec());
            assert!(b.intr[i] >= 10, "{} word-only keys", b.intr[i]);
            ka.sort_unstable();
            kb.sort_unstable();
            assert_eq!(ka, kb);
        }
        // The same word in another sentence has the same word-only keys.
        extract_skipping(
            m.feature_set,
            m.seed,
            &sents[1],
            look,
            Extra::<&str>::None,
            &[],
            true,
            &mut a,
        );
        let n0 = b.intr[1] as usize; // "minister" in sentence 0
        let n1 = a.intr[1] as usize; // and in sentence 1
        assert_eq!(b.forms[1], a.forms[1]);
        assert_eq!(
            b.keys[b.offsets[1] as usize..][..n0],
            a.keys[a.offsets[1] as usize..][..n1]
        );
    }

    #[test]
    fn summed_base_features_tag_alike_and_other_models_fall_back() {
        let _flag = ROW_CACHE_FLAG.lock().unwrap_or_else(|e| e.into_inner());
        let m = shipped_pos();
        let words: Vec<&str> = "The minister said on Monday that the city had fallen ."
            .split(' ')
            .collect();
        let (mut s, none) = (Scratch::new(), TokenKeys::new());
        let mut full = TokenKeys::new();
        m.base_features(&words, &mut s, &mut full);
        let mut expect = Vec::new();
        // Tagging caches every word's sum on this thread.
        assert!(m.tag_keys(&full, &none, &mut s, &mut expect));
        let mut summed = TokenKeys::new();
        m.base_features_summed(&words, &[], &mut s, &mut summed);
        assert_eq!(summed.len(), words.len());
        assert_eq!(summed.forms, full.forms);
        for i in 0..words.len() {
            // No word-only keys; the context keys are the same.
            assert_eq!(summed.intr[i], 0);
            assert!(full.intr[i] >= 10);
            assert_eq!(summed.token(i), &full.token(i)[usize::from(full.intr[i])..]);
        }
        let mut got = Vec::new();
        assert!(m.tag_keys(&summed, &none, &mut s, &mut got));
        assert_eq!(got, expect);
        // A copy has a cache of its own, still empty: it cannot tag the summed keys, and says
        // so; it tags the full keys alike.
        let other = m.clone();
        assert!(!other.tag_keys(&summed, &none, &mut s, &mut got));
        assert!(got.is_empty());
        assert!(other.tag_keys(&full, &none, &mut s, &mut got));
        assert_eq!(got, expect);
        // Its own summed keys are full while its cache lacks the words.
        let mut own = TokenKeys::new();
        let fresh = m.clone();
        fresh.base_features_summed(&words, &[], &mut s, &mut own);
        assert_eq!(own, full);
    }

    #[test]
    fn penalized_tagging_equals_a_penalized_copy() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.bin");
        let b = std::fs::read(path).expect("models/ner.bin is committed");
        // ner.bin is a container; its first model starts at the first MAGIC.
        let i = b
            .windows(8)
            .position(|w| w == MAGIC)
            .expect("ner.bin holds a model");
        let len = u32::from_le_bytes([b[i - 4], b[i - 3], b[i - 2], b[i - 1]]) as usize;
        let m = Model::from_bytes(&b[i..i + len]).expect("stage-1 model loads");
        let text = [
            "Officials in Moscow said Vladimir Putin met Bashar Assad on Friday .",
            "the United Nations and Human Rights Watch criticised the strikes in Aleppo .",
            "No names here at all .",
        ];
        let mut s = Scratch::new();
        let mut changed = false;
        for penalty in [-400.0f32, -40.0, 40.0, 400.0] {
            let mut copy = m.clone();
            assert!(copy.penalize_label("O", penalty));
            for t in text {
                let w: Vec<&str> = t.split(' ').collect();
                let (mut a, mut b) = (Vec::new(), Vec::new());
                copy.tag_into::<&str>(&w, &[], &mut s, &mut a);
                m.tag_into_penalized::<&str>(&w, &[], "O", penalty, &mut s, &mut b);
                assert_eq!(a, b, "penalty {penalty}: {t}");
                let mut plain = Vec::new();
                m.tag_into::<&str>(&w, &[], &mut s, &mut plain);
                changed |= plain != b;
            }
        }
        // The penalties are large enough to change some labels (so the test compares something).
        assert!(changed);
    }

    #[test]
    fn shipped_pos_model_writes_back_identically() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/pos.bin");
        let Ok(b) = std::fs::read(path) else { return };
        let m = Model::from_bytes(&b).expect("pos.bin loads");
        assert!(
            m.to_bytes() == b,
            "pos.bin does not write back byte-identically"
        );
    }

    #[test]
    fn other_shipped_models_load_and_write_back() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/");
        // framing.bin is one model; attribution.bin holds models each preceded by a u32 length.
        for name in ["framing.bin", "attribution.bin"] {
            let Ok(b) = std::fs::read(format!("{dir}{name}")) else {
                continue;
            };
            let mut at = 0;
            while let Some(i) = b[at..].windows(8).position(|w| w == MAGIC).map(|i| i + at) {
                let part = if i == 0 {
                    &b[..]
                } else {
                    let len = u32::from_le_bytes([b[i - 4], b[i - 3], b[i - 2], b[i - 1]]);
                    &b[i..(i + len as usize).min(b.len())]
                };
                let m = Model::from_bytes(part).expect("shipped model loads");
                assert!(
                    m.to_bytes() == part,
                    "{name} does not write back identically"
                );
                at = i + 8;
            }
        }
    }

    #[test]
    fn bio_transitions() {
        let labels = ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"];
        let a = AllowedTransitions::bio(&labels);
        let l = labels.len();
        assert!(!a.start[1] && a.start[0] && a.start[2]);
        let ok = |p: usize, c: usize| a.pairs[p * l + c];
        assert!(ok(0, 1) && ok(1, 1));
        assert!(!ok(2, 1) && !ok(3, 1) && !ok(0, 4));
        assert!(ok(2, 3));
    }
}
