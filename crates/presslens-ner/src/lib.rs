//! Named-entity recognition for presslens: who and what a news article talks about.
//!
//! [`Recognizer`] tags a whole document in two stages with the shared sequence labeller
//! (`presslens-tagging`, an averaged structured perceptron with BIO-constrained Viterbi):
//!
//! 1. **Local stage**: word, shape, affix and context templates plus gazetteer match features
//!    (countries, cities, US states and counties, regions, nationalities, organisation suffixes
//!    and keywords, person titles; B/I/L/U position of the match, by list).
//! 2. **Document stage** (Ratinov & Roth 2009, "extended prediction history"): the same features
//!    plus the stage-1 labels of the token and its neighbours and how the same word was labelled
//!    elsewhere in the document. Trained on cross-validated (jackknifed) stage-1 output.
//!
//! The tagger works with the CoNLL types `PER`, `ORG`, `LOC`, `MISC`. After decoding, a
//! **document-consistency** rule gives every repeated name its majority type (and a surname
//! the type of the full name), and rules with the gazetteers refine the types into
//! [`EntityType`]: `LOC` becomes GPE, LOC or FAC; `MISC` becomes NORP, EVENT or MISC.

#![warn(missing_docs)]

mod data;
pub mod eval;
mod features;
pub mod gazetteer;
pub mod train;

use std::collections::HashMap;
use std::fmt;

use presslens_tagging::{with_scratch, Model, ModelError, Scratch, TokenKeys};
use std::cell::RefCell;

pub use data::{
    entity_counts, parse_conll, parse_gum, parse_uner, read_any, read_gum_train, Document,
    LabeledSentence,
};
pub use gazetteer::{country_of, GazMatch, Gazetteer, GazetteerError};

use features::{
    coarse_of, document_feature_ids, feature_name, gazetteer_feature_ids, has_upper, DocInput,
    FeatIds, BIO_LABELS, N_FEATURE_IDS,
};
use gazetteer::{
    CAT_ADMIN, CAT_CITY, CAT_CITY_BIG, CAT_COUNTRY, CAT_DEMONYM, CAT_EVENT_KEYWORD,
    CAT_FAC_KEYWORD, CAT_LOC_KEYWORD, CAT_REGION,
};

/// Entity types (OntoNotes-style names for the ones news analysis needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// People, including fictional ones.
    Person,
    /// Companies, agencies, institutions, teams, parties.
    Org,
    /// Geo-political entities: countries, cities, states.
    Gpe,
    /// Non-GPE locations: regions, mountains, bodies of water.
    Loc,
    /// Nationalities, religious or political groups.
    Norp,
    /// Facilities: buildings, airports, roads, bridges.
    Fac,
    /// Named events: wars, tournaments, summits.
    Event,
    /// Other names (works, products, laws, …).
    Misc,
}

impl EntityType {
    /// All types, in declaration order.
    pub const ALL: [EntityType; 8] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Fac,
        EntityType::Event,
        EntityType::Misc,
    ];

    /// The type's name: `"PERSON"`, `"ORG"`, `"GPE"`, `"LOC"`, `"NORP"`, `"FAC"`, `"EVENT"`,
    /// `"MISC"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Fac => "FAC",
            EntityType::Event => "EVENT",
            EntityType::Misc => "MISC",
        }
    }

    /// The CoNLL-2003 type this type maps to: PERSON → `PER`, ORG → `ORG`, GPE/LOC/FAC →
    /// `LOC`, the rest → `MISC`.
    pub fn conll(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Org => "ORG",
            EntityType::Gpe | EntityType::Loc | EntityType::Fac => "LOC",
            EntityType::Norp | EntityType::Event | EntityType::Misc => "MISC",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity mention: tokens `[start, end)` of a sentence, with its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntitySpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The entity type.
    pub label: EntityType,
}

/// Why a recogniser could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum NerError {
    /// The NER model file is malformed.
    Model(String),
    /// A tagger inside the model file failed to load.
    Tagger(ModelError),
    /// The gazetteer file is malformed.
    Gazetteer(GazetteerError),
}

impl fmt::Display for NerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NerError::Model(m) => write!(f, "NER model: {m}"),
            NerError::Tagger(e) => write!(f, "NER tagger: {e}"),
            NerError::Gazetteer(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for NerError {}

/// Magic bytes of a NER model file.
pub const NER_MAGIC: &[u8; 8] = b"PLNER001";

/// Packs the stage models into one NER model file: `"PLNER001"`, then for each stage
/// `u32 length` and the tagger model bytes (a stage-2 length of 0 means one stage).
pub fn pack_model(stage1: &Model, stage2: Option<&Model>) -> Vec<u8> {
    let mut w = Vec::new();
    w.extend_from_slice(NER_MAGIC);
    for m in [Some(stage1), stage2] {
        let b = m.map(Model::to_bytes).unwrap_or_default();
        w.extend_from_slice(&(b.len() as u32).to_le_bytes());
        w.extend_from_slice(&b);
    }
    w
}

pub(crate) fn unpack_model(b: &[u8]) -> Result<(Model, Option<Model>), NerError> {
    if b.len() < 16 || &b[..8] != NER_MAGIC {
        return Err(NerError::Model("bad magic or too short".into()));
    }
    let mut pos = 8usize;
    let mut parts = Vec::new();
    for _ in 0..2 {
        let lb = b
            .get(pos..pos + 4)
            .ok_or_else(|| NerError::Model("truncated".into()))?;
        let len = u32::from_le_bytes([lb[0], lb[1], lb[2], lb[3]]) as usize;
        pos += 4;
        let end = pos
            .checked_add(len)
            .filter(|&e| e <= b.len())
            .ok_or_else(|| NerError::Model("truncated".into()))?;
        parts.push(&b[pos..end]);
        pos = end;
    }
    let m1 = Model::from_bytes(parts[0]).map_err(NerError::Tagger)?;
    check_labels(&m1)?;
    let m2 = if parts[1].is_empty() {
        None
    } else {
        let m = Model::from_bytes(parts[1]).map_err(NerError::Tagger)?;
        check_labels(&m)?;
        Some(m)
    };
    Ok((m1, m2))
}

fn check_labels(m: &Model) -> Result<(), NerError> {
    if m.labels().iter().all(|l| BIO_LABELS.contains(&l.as_str())) {
        Ok(())
    } else {
        Err(NerError::Model(format!(
            "unexpected labels {:?}",
            m.labels()
        )))
    }
}

/// A loaded recogniser: the stage models and the gazetteer.
#[derive(Debug, Clone)]
pub struct Recognizer {
    stage1: Model,
    stage2: Option<Model>,
    /// Model label index → index in [`BIO_LABELS`].
    map1: Vec<u16>,
    map2: Vec<u16>,
    gaz: Gazetteer,
    stage2_mode: Stage2Mode,
    /// Feature id → the stage models' key for that extra feature (hashed once at load).
    keys1: Vec<u64>,
    keys2: Vec<u64>,
    /// Stage 2 computes the same base features as stage 1 (they are extracted once).
    share_base: bool,
    /// Stage-1 label index → the stage-2 index of the same label (`u16::MAX`: none); used for
    /// the words stage 1's tag dictionary fixes (see [`train::o_dictionary`]).
    fix12: Vec<u16>,
    /// The stage-2 model's index of `O` (`u16::MAX` without stage 2).
    o2: u16,
    /// Index in [`BIO_LABELS`] → the stage-2 model's index of that label (`u16::MAX`: none).
    bio2: Vec<u16>,
    /// The stage-1 model's index of `O` (`u16::MAX`: none).
    o1: u16,
}

/// How many tokens on either side of a token with document evidence (and of the stage-1 name
/// around it) stage 2 may relabel; outside these windows a re-tagged sentence keeps its
/// stage-1 labels. Measured with `ner eval` (eng.testa micro F1 / UNER EWT test micro F1):
/// the whole sentence 92.81 / 56.56; windows of 0, 1, 2, 3 tokens 92.80 / 56.30, 92.80 / 56.57,
/// 92.83 / 56.59, 92.80 / 56.55.
pub const STAGE2_WINDOW: usize = 2;

/// Each model's key for every extra feature id.
fn extra_keys(m: &Model) -> Vec<u64> {
    (0..N_FEATURE_IDS)
        .map(|id| m.extra_key(feature_name(id)))
        .collect()
}

/// Appends, per token of a sentence, the keys of its feature ids in `lists` (in order) to
/// `out` (cleared first).
fn keys_of(n: usize, lists: &[&FeatIds], table: &[u64], out: &mut TokenKeys) {
    out.clear();
    for i in 0..n {
        for l in lists {
            for &id in l.token(i) {
                out.push(table.get(id as usize).copied().unwrap_or(0));
            }
        }
        out.end_token();
    }
}

/// Buffers of [`Recognizer::tag_document`], per thread and kept between documents: entry `k`
/// of each pool serves sentence `k`.
#[derive(Default)]
struct DocBufs {
    hashes: Vec<Vec<u64>>,
    gaz_ids: Vec<FeatIds>,
    base: Vec<TokenKeys>,
    fixed: Vec<Vec<u16>>,
    doc_ids: Vec<FeatIds>,
    extra: TokenKeys,
    b: TokenKeys,
    out: Vec<u16>,
    fx: Vec<u16>,
    /// Tokens with document evidence, `(sentence, token)` in document order.
    marks: Vec<(u32, u32)>,
    /// Per token of a re-tagged sentence: inside a window around the evidence.
    window: Vec<bool>,
    /// Per sentence and token: has a capital letter.
    upper: Vec<Vec<bool>>,
}

thread_local! {
    static DOC_BUFS: RefCell<DocBufs> = RefCell::new(DocBufs::default());
}

/// When the document stage runs (see [`Recognizer::set_stage2_mode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage2Mode {
    /// Only on sentences where the document disagrees with a stage-1 label: a capitalised
    /// word got another type (or none) elsewhere in the document, or is an entity here and
    /// also occurs in lower case. Elsewhere stage 2 has nothing to correct and stage 1's labels
    /// are kept, and within such a sentence only the tokens near the evidence (see
    /// [`STAGE2_WINDOW`]) are relabelled. The default: about as accurate as `Always` and faster.
    #[default]
    Selective,
    /// On every sentence.
    Always,
    /// Never (stage-1 labels only; for ablations).
    Never,
}

fn label_map(m: &Model) -> Vec<u16> {
    m.labels()
        .iter()
        .map(|l| features::bio_index(l) as u16)
        .collect()
}

impl Recognizer {
    /// Loads a recogniser from a NER model file (see [`pack_model`]) and a gazetteer file (see
    /// [`Gazetteer::to_bytes`]).
    pub fn from_bytes(model: &[u8], gazetteer: &[u8]) -> Result<Recognizer, NerError> {
        let (stage1, stage2) = unpack_model(model)?;
        let gaz = Gazetteer::from_bytes(gazetteer).map_err(NerError::Gazetteer)?;
        Ok(Self::from_parts(stage1, stage2, gaz))
    }

    /// Builds a recogniser from loaded parts.
    pub fn from_parts(stage1: Model, stage2: Option<Model>, gaz: Gazetteer) -> Recognizer {
        // The stage-2 model's index of a label (`u16::MAX`: none, or no stage 2).
        let index2 = |l: &str| {
            stage2
                .as_ref()
                .and_then(|m2| m2.label_index(l))
                .unwrap_or(u16::MAX)
        };
        Recognizer {
            map1: label_map(&stage1),
            map2: stage2.as_ref().map(label_map).unwrap_or_default(),
            keys1: extra_keys(&stage1),
            keys2: stage2.as_ref().map(extra_keys).unwrap_or_default(),
            share_base: stage2
                .as_ref()
                .is_some_and(|m2| stage1.same_base_features(m2)),
            fix12: stage1.labels().iter().map(|l| index2(l)).collect(),
            o2: index2("O"),
            o1: stage1.label_index("O").unwrap_or(u16::MAX),
            bio2: BIO_LABELS.iter().map(|l| index2(l)).collect(),
            stage1,
            stage2,
            gaz,
            stage2_mode: Stage2Mode::default(),
        }
    }

    /// Chooses when the document stage runs (default [`Stage2Mode::Selective`]).
    pub fn set_stage2_mode(&mut self, mode: Stage2Mode) {
        self.stage2_mode = mode;
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// BIO label indices (into the fixed coarse label list) per sentence, before the
    /// document-consistency and fine-typing rules, and the gazetteer matches per sentence.
    fn tag_document(&self, sentences: &[Vec<&str>]) -> (Vec<Vec<u16>>, Vec<Vec<GazMatch>>) {
        DOC_BUFS.with(|bufs| match bufs.try_borrow_mut() {
            Ok(mut bufs) => {
                with_scratch(|scratch| self.tag_document_with(sentences, &mut bufs, scratch))
            }
            Err(_) => {
                self.tag_document_with(sentences, &mut DocBufs::default(), &mut Scratch::new())
            }
        })
    }

    /// [`Recognizer::tag_document`] with caller-owned buffers (kept between documents).
    fn tag_document_with(
        &self,
        sentences: &[Vec<&str>],
        bufs: &mut DocBufs,
        scratch: &mut Scratch,
    ) -> (Vec<Vec<u16>>, Vec<Vec<GazMatch>>) {
        let n = sentences.len();
        let DocBufs {
            hashes,
            gaz_ids,
            base,
            fixed,
            doc_ids,
            extra,
            b,
            out,
            fx,
            marks,
            window,
            upper,
        } = bufs;
        // The pools only grow: entry `k` serves sentence `k` of every document.
        if hashes.len() < n {
            hashes.resize_with(n, Vec::new);
            gaz_ids.resize_with(n, FeatIds::default);
            base.resize_with(n, TokenKeys::new);
            fixed.resize_with(n, Vec::new);
            upper.resize_with(n, Vec::new);
        }
        let mut matches: Vec<Vec<GazMatch>> = Vec::with_capacity(n);
        let mut pred: Vec<Vec<u16>> = Vec::with_capacity(n);
        let keep_base = self.share_base && self.stage2_mode != Stage2Mode::Never;
        for (k, s) in sentences.iter().enumerate() {
            let mut m = Vec::new();
            let g = &mut gaz_ids[k];
            gazetteer_feature_ids(&self.gaz, s, &mut hashes[k], &mut m, g);
            // Words the tag dictionary fixes (frequent words that are never part of a name),
            // and words with no capital letter whose neighbours have none either, are
            // neither featurised nor scored, in either stage.
            let fk = &mut fixed[k];
            if !self.stage1.dictionary_labels(s, fk) {
                fk.clear();
            }
            let uk = &mut upper[k];
            uk.clear();
            uk.extend(s.iter().map(|w| has_upper(w)));
            fix_plain_words(uk, self.o1, fk);
            let bk = if keep_base { &mut base[k] } else { &mut *b };
            // Words whose sums stage 1 has cached get no word-only keys (see
            // `base_features_summed`); should a sum be missing, the keys are extracted in full.
            self.stage1.base_features_summed(s, fk, scratch, bk);
            keys_of(s.len(), &[g], &self.keys1, extra);
            if !self.stage1.tag_keys_fixed(bk, extra, fk, scratch, out) {
                self.stage1.base_features_skipping(s, fk, scratch, bk);
                let full = self.stage1.tag_keys_fixed(bk, extra, fk, scratch, out);
                debug_assert!(full, "full keys always tag");
            }
            pred.push(out.iter().map(|&y| self.map1[y as usize]).collect());
            matches.push(m);
        }
        let Some(m2) = &self.stage2 else {
            return (pred, matches);
        };
        if self.stage2_mode == Stage2Mode::Never {
            return (pred, matches);
        }
        let selective = self.stage2_mode == Stage2Mode::Selective;
        let input = DocInput {
            doc: sentences,
            hashes: &hashes[..n],
            upper: &upper[..n],
            pred: &pred,
        };
        // Selective: only sentences with evidence are re-tagged, and need document features.
        let evidence = document_feature_ids(&input, !selective, doc_ids, marks);
        let mut next_mark = 0usize;
        for (k, s) in sentences.iter().enumerate() {
            // This sentence's evidence tokens: `marks[m0..next_mark]`.
            let m0 = next_mark;
            while marks
                .get(next_mark)
                .is_some_and(|&(ms, _)| ms as usize == k)
            {
                next_mark += 1;
            }
            if selective && !evidence[k] {
                continue;
            }
            let f1 = &fixed[k][..];
            let bk = if keep_base {
                &base[k]
            } else {
                m2.base_features_skipping(s, f1, scratch, b);
                &*b
            };
            let (Some(g), Some(d)) = (gaz_ids.get(k), doc_ids.get(k)) else {
                continue;
            };
            keys_of(s.len(), &[g, d], &self.keys2, extra);
            fx.clear();
            fx.extend(
                f1.iter()
                    .map(|&y| self.fix12.get(usize::from(y)).copied().unwrap_or(u16::MAX)),
            );
            // Stage 2 revises names: a lower-case word that stage 1 left outside any name,
            // with no name next to it, keeps `O` unscored (eng.testa −0.02 F1, the
            // recogniser ~1.6× faster; see models/ner.md).
            fx.resize(s.len(), u16::MAX);
            let p1 = &pred[k];
            let outside = |j: usize| p1.get(j).is_none_or(|&y| y == 0);
            for (i, &up) in upper[k].iter().enumerate() {
                if fx[i] == u16::MAX
                    && outside(i)
                    && outside(i.wrapping_sub(1))
                    && outside(i + 1)
                    && !up
                {
                    fx[i] = self.o2;
                }
            }
            if selective {
                let p1 = &pred[k];
                stage2_windows(p1, &marks[m0..next_mark], window);
                for ((f, &y), &inside) in fx.iter_mut().zip(p1).zip(window.iter()) {
                    let y2 = self.bio2.get(usize::from(y)).copied().unwrap_or(u16::MAX);
                    if !inside && y2 != u16::MAX {
                        *f = y2;
                    }
                }
            }
            if !m2.tag_keys_fixed(bk, extra, fx, scratch, out) {
                // A word without word-only keys (stage 1 had its sum) that stage 2 has no sum
                // for: this sentence's keys in full.
                #[cfg(test)]
                tests::STAGE2_FULL_KEYS.with(|c| c.set(c.get() + 1));
                m2.base_features_skipping(s, f1, scratch, b);
                let full = m2.tag_keys_fixed(b, extra, fx, scratch, out);
                debug_assert!(full, "full keys always tag");
            }
            pred[k] = out.iter().map(|&y| self.map2[y as usize]).collect();
        }
        (pred, matches)
    }

    /// Tags a whole document: `sentences` are token strings per sentence (document order);
    /// returns spans per sentence (token indices within that sentence).
    pub fn recognize(&self, sentences: &[Vec<&str>]) -> Vec<Vec<EntitySpan>> {
        let (tags, matches) = self.tag_document(sentences);
        let mut spans: Vec<Vec<(usize, usize, usize)>> =
            tags.iter().map(|t| bio_to_spans(t)).collect();
        document_consistency(sentences, &mut spans);
        spans
            .iter()
            .zip(sentences)
            .zip(&matches)
            .map(|((sp, toks), m)| {
                sp.iter()
                    .map(|&(s, e, t)| EntitySpan {
                        start: s,
                        end: e,
                        label: fine_type(toks, s, e, t, m),
                    })
                    .collect()
            })
            .collect()
    }
}

/// Fixes to `O` (label `o`, into `fixed`: one label per word or `u16::MAX`, or empty for
/// none) every word that has no capital letter and whose neighbours have none either (`upper`:
/// one entry per word, whether it has a capital letter): no name runs through such a word, and
/// the recogniser's best path already puts it outside any name (the 840 PolNeAR train and 84
/// dev articles give byte-identical output with and without this rule; eng.testa and UNER EWT
/// test keep their scores), so it is not scored.
fn fix_plain_words(upper: &[bool], o: u16, fixed: &mut Vec<u16>) {
    if o == u16::MAX {
        return;
    }
    if fixed.len() != upper.len() {
        fixed.clear();
        fixed.resize(upper.len(), u16::MAX);
    }
    let n = upper.len();
    for i in 0..n {
        let capital_near = upper[i] || (i > 0 && upper[i - 1]) || (i + 1 < n && upper[i + 1]);
        if fixed[i] == u16::MAX && !capital_near {
            fixed[i] = o;
        }
    }
}

/// Marks in `window` (resized to the sentence) the tokens stage 2 may relabel: each evidence
/// token of `marks` (`(sentence, token)`), widened to the stage-1 name around it (`p1`: stage-1
/// labels as [`BIO_LABELS`] indices, 0 = `O`), plus [`STAGE2_WINDOW`] tokens on either side.
fn stage2_windows(p1: &[u16], marks: &[(u32, u32)], window: &mut Vec<bool>) {
    let n = p1.len();
    window.clear();
    window.resize(n, false);
    for &(_, i) in marks {
        let i = i as usize;
        if i >= n {
            continue;
        }
        let (mut a, mut b) = (i, i);
        while a > 0 && p1[a] != 0 && p1[a - 1] != 0 {
            a -= 1;
        }
        while b + 1 < n && p1[b] != 0 && p1[b + 1] != 0 {
            b += 1;
        }
        let hi = (b + STAGE2_WINDOW).min(n - 1);
        for w in &mut window[a.saturating_sub(STAGE2_WINDOW)..=hi] {
            *w = true;
        }
    }
}

/// Spans `(start, end, coarse type 1–4)` from BIO label indices (into the fixed label list).
/// An `I-X` that does not continue an `X` span starts a new one.
pub fn bio_to_spans(tags: &[u16]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &y) in tags.iter().enumerate() {
        let y = y as usize;
        let ty = coarse_of(y);
        let is_b = y % 2 == 1;
        match cur {
            Some((s, t)) if ty == t && !is_b && y != 0 => {
                let _ = s;
            }
            _ => {
                if let Some((s, t)) = cur.take() {
                    out.push((s, i, t));
                }
                if y != 0 && ty <= 4 {
                    cur = Some((i, ty));
                }
            }
        }
    }
    if let Some((s, t)) = cur {
        out.push((s, tags.len(), t));
    }
    out
}

/// The document-consistency rule: every repeated name (same token sequence) takes the type it
/// was given most often in the document (ties: the first occurrence's type), and a one-token
/// name that is the last token of a multi-token person name elsewhere becomes a person.
pub fn document_consistency(doc: &[Vec<&str>], spans: &mut [Vec<(usize, usize, usize)>]) {
    let mut votes: HashMap<Vec<&str>, ([u32; 5], usize)> = HashMap::new();
    let mut surnames: HashMap<&str, u32> = HashMap::new();
    let mut order = 0usize;
    for (toks, sp) in doc.iter().zip(spans.iter()) {
        for &(s, e, t) in sp {
            let Some(key) = toks.get(s..e) else { continue };
            let v = votes.entry(key.to_vec()).or_insert(([0; 5], order));
            v.0[t.min(4)] += 1;
            order += 1;
            if t == 1 && e - s >= 2 {
                *surnames.entry(toks[e - 1]).or_insert(0) += 1;
            }
        }
    }
    for (toks, sp) in doc.iter().zip(spans.iter_mut()) {
        for span in sp.iter_mut() {
            let (s, e, t) = *span;
            let Some(key) = toks.get(s..e) else { continue };
            if e - s == 1 && t != 1 && surnames.contains_key(toks[s]) {
                span.2 = 1;
                continue;
            }
            if let Some((c, _)) = votes.get(key) {
                let mut best = t;
                for k in 1..5 {
                    if c[k] > c[best] {
                        best = k;
                    }
                }
                span.2 = best;
            }
        }
    }
}

fn cats_of_span(matches: &[GazMatch], s: usize, e: usize) -> u16 {
    matches
        .iter()
        .filter(|m| m.start == s && m.end == e)
        .fold(0, |a, m| a | m.cats)
}

fn any_token_cat(matches: &[GazMatch], s: usize, e: usize, cat: u16) -> bool {
    matches
        .iter()
        .any(|m| m.start >= s && m.end <= e && m.cats & cat != 0)
}

/// Religious and ethnic group nouns with no country of their own: a one-word name that is one
/// of them is a group (NORP), whatever type the tagger gave it ("Muslims" is not a person).
const GROUP_WORDS: &[&str] = &[
    "alawite",
    "alawites",
    "amish",
    "anglican",
    "anglicans",
    "baptist",
    "baptists",
    "buddhist",
    "buddhists",
    "catholic",
    "catholics",
    "christian",
    "christians",
    "druze",
    "evangelical",
    "evangelicals",
    "hindu",
    "hindus",
    "jew",
    "jews",
    "jewish",
    "kurd",
    "kurds",
    "kurdish",
    "lutheran",
    "lutherans",
    "methodist",
    "methodists",
    "mormon",
    "mormons",
    "muslim",
    "muslims",
    "orthodox",
    "pashtun",
    "pashtuns",
    "protestant",
    "protestants",
    "rohingya",
    "shia",
    "shias",
    "shiite",
    "shiites",
    "sikh",
    "sikhs",
    "sunni",
    "sunnis",
    "tamil",
    "tamils",
    "uighur",
    "uighurs",
    "uyghur",
    "uyghurs",
    "yazidi",
    "yazidis",
];

/// Refines a coarse type (1 PER, 2 ORG, 3 LOC, 4 MISC) with the gazetteers.
fn fine_type(toks: &[&str], s: usize, e: usize, coarse: usize, matches: &[GazMatch]) -> EntityType {
    const GEO: u16 = CAT_COUNTRY | CAT_CITY | CAT_CITY_BIG | CAT_ADMIN;
    if e == s + 1
        && toks
            .get(s)
            .is_some_and(|w| GROUP_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return EntityType::Norp;
    }
    let whole = cats_of_span(matches, s, e);
    match coarse {
        1 => EntityType::Person,
        2 => EntityType::Org,
        3 => {
            let last = e.saturating_sub(1);
            if whole & GEO != 0 {
                EntityType::Gpe
            } else if whole & CAT_REGION != 0 {
                EntityType::Loc
            } else if e > s + 1 && any_token_cat(matches, last, e, CAT_FAC_KEYWORD) {
                EntityType::Fac
            } else if any_token_cat(matches, s, e, CAT_LOC_KEYWORD) {
                EntityType::Loc
            } else {
                EntityType::Gpe
            }
        }
        _ => {
            if whole & CAT_DEMONYM != 0
                || (e > s + 1 && cats_of_span(matches, e - 1, e) & CAT_DEMONYM != 0)
            {
                EntityType::Norp
            } else if any_token_cat(matches, s, e, CAT_EVENT_KEYWORD) {
                EntityType::Event
            } else {
                EntityType::Misc
            }
        }
    }
}

#[cfg(test)]
mod tests;
