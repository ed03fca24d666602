//! The PTC span tagger (Loaded_Language and Name_Calling,Labeling), its training, evaluation
//! and cross-validation, and [`Framer`], which joins it with the lexicon.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use presslens_tagging::{
    train_sequences, Constraints, FeatureSet, Model, ModelError, Scratch, TrainConfig,
    TrainSentence, WordClusters, XorShift,
};

use crate::lexicon::{normalize_word, Category, Hit, Lexicon, Source, Tok};
use crate::ptc::{byte_to_char, char_to_byte, PtcArticle, TECHNIQUES};
use crate::score::{si_score, SiScore, SpanMap};
use crate::tokenize::tokenize;
use crate::tone::ToneLexicon;

/// The shipped model (`models/framing.bin`).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/framing.bin");

/// How gold techniques become tagger labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelMode {
    /// One label `P` for both techniques (overlapping spans merged).
    Merged,
    /// `LL` (Loaded_Language) and `NC` (Name_Calling,Labeling).
    Split,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct FramingTrainConfig {
    /// Perceptron epochs.
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Feature count cut-off.
    pub min_feature_count: u32,
    /// Loss-augmented margin (0: plain perceptron).
    pub margin: i32,
    /// Quantised weights with `|q| <= prune` are dropped.
    pub prune: u16,
    /// Label scheme.
    pub labels: LabelMode,
    /// Brown clusters (stored in the model).
    pub clusters: Option<Arc<WordClusters>>,
    /// Averaged runs with different shuffles.
    pub ensemble: usize,
    /// Penalty on the outside label `O` per token, in perceptron update units (see
    /// [`crate::bias::with_o_penalty`]); higher finds more spans.
    pub o_penalty: f32,
    /// Decoding only (used by [`cross_validate`]; the shipped framer uses [`DENSITY_SHIFT`]):
    /// the extra `O` penalty for lexicon-dense texts and the bonus for lexicon-sparse ones
    /// (see [`Framer::model_hits`]); 0 decodes every text alike.
    pub density_shift: f32,
    /// Print progress.
    pub verbose: bool,
}

/// The defaults are the recipe of the shipped model (`models/framing.md`): 10 epochs, seed 1,
/// feature count cut-off 3, split labels, an ensemble of 4 differently shuffled runs averaged,
/// O penalty 80, density shift 16 (Brown clusters must be set by the caller).
impl Default for FramingTrainConfig {
    fn default() -> Self {
        FramingTrainConfig {
            epochs: 10,
            seed: 1,
            min_feature_count: 3,
            margin: 0,
            prune: 0,
            labels: LabelMode::Split,
            clusters: None,
            ensemble: 4,
            o_penalty: 80.0,
            density_shift: DENSITY_SHIFT,
            verbose: false,
        }
    }
}

/// Training or evaluation failed.
#[derive(Debug)]
pub enum FramingError {
    /// The perceptron trainer refused the data.
    Train(String),
    /// A model did not load.
    Model(ModelError),
    /// Not enough articles for the requested folds.
    TooFewArticles,
}

impl fmt::Display for FramingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FramingError::Train(m) => write!(f, "training failed: {m}"),
            FramingError::Model(e) => write!(f, "model: {e}"),
            FramingError::TooFewArticles => f.write_str("fewer articles than folds"),
        }
    }
}

impl std::error::Error for FramingError {}

// ---------------------------------------------------------------------------------------------
// Segmentation and features

/// Splits tokens into sentence-like segments: at line breaks, after `.`, `!` or `?` followed
/// by an uppercase or quote-initial token, and every 120 tokens.
pub fn segments(text: &str, tokens: &[(usize, usize)]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        if i > start {
            let gap = text.get(tokens[i - 1].1..tokens[i].0).unwrap_or("");
            let prev = text.get(tokens[i - 1].0..tokens[i - 1].1).unwrap_or("");
            let cur = text.get(tokens[i].0..tokens[i].1).unwrap_or("");
            let first = cur.chars().next().unwrap_or(' ');
            let brk = gap.contains('\n')
                || (matches!(prev, "." | "!" | "?")
                    && !gap.is_empty()
                    && (first.is_uppercase() || matches!(first, '"' | '\u{201c}')))
                || i - start >= 120;
            if brk {
                out.push(start..i);
                start = i;
            }
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

const CAT_FEATS: [[&str; 5]; 5] = [
    ["lx=lab", "lx=load", "lx=eval", "lx=boost", "lx=hedge"],
    [
        "lx-1=lab",
        "lx-1=load",
        "lx-1=eval",
        "lx-1=boost",
        "lx-1=hedge",
    ],
    [
        "lx+1=lab",
        "lx+1=load",
        "lx+1=eval",
        "lx+1=boost",
        "lx+1=hedge",
    ],
    [
        "lx-2=lab",
        "lx-2=load",
        "lx-2=eval",
        "lx-2=boost",
        "lx-2=hedge",
    ],
    [
        "lx+2=lab",
        "lx+2=load",
        "lx+2=eval",
        "lx+2=boost",
        "lx+2=hedge",
    ],
];

const VAD_FEATS: [[&str; 4]; 3] = [
    ["vd=n2", "vd=n1", "vd=p1", "vd=p2"],
    ["vd-1=n2", "vd-1=n1", "vd-1=p1", "vd-1=p2"],
    ["vd+1=n2", "vd+1=n1", "vd+1=p1", "vd+1=p2"],
];

fn cat_idx(c: Category) -> usize {
    match c {
        Category::Labeling => 0,
        Category::Loaded => 1,
        Category::Evaluative => 2,
        Category::Booster => 3,
        Category::Hedge => 4,
    }
}

fn vad_bucket(v: f32) -> Option<usize> {
    if v <= -1.5 {
        Some(0)
    } else if v < 0.0 {
        Some(1)
    } else if v > 0.0 && v < 1.5 {
        Some(2)
    } else if v >= 1.5 {
        Some(3)
    } else {
        None
    }
}

/// Per-token document-level information used by the features.
struct DocInfo {
    lemma_feat: Vec<String>,
    cat: Vec<Option<Category>>,
    vad: Vec<Option<usize>>,
    quoted: Vec<bool>,
}

fn doc_info(text: &str, tokens: &[(usize, usize)]) -> DocInfo {
    let lex = Lexicon::embedded();
    let tone = ToneLexicon::embedded();
    let mut cat = vec![None; tokens.len()];
    let toks: Vec<Tok> = tokens
        .iter()
        .map(|&(s, e)| Tok::new(text.get(s..e).unwrap_or("")))
        .collect();
    // Lexicon hits are contiguous token runs; map them back to token indices.
    let hits = lex.find_toks(text, tokens, &toks, None);
    let mut ti = 0;
    for h in &hits {
        while ti < tokens.len() && tokens[ti].1 <= h.start {
            ti += 1;
        }
        let mut k = ti;
        while k < tokens.len() && tokens[k].0 < h.end {
            cat[k] = Some(h.category);
            k += 1;
        }
    }
    let mut vad = Vec::with_capacity(tokens.len());
    let mut quoted = Vec::with_capacity(tokens.len());
    let mut inq = false;
    for (&(s, e), t) in tokens.iter().zip(&toks) {
        let w = text.get(s..e).unwrap_or("");
        match w {
            "\u{201c}" => {
                inq = true;
                quoted.push(true);
            }
            "\u{201d}" => {
                quoted.push(true);
                inq = false;
            }
            "\"" => {
                inq = !inq;
                quoted.push(true);
            }
            _ => quoted.push(inq),
        }
        if text.get(e..).is_some_and(|r| r.starts_with('\n')) {
            inq = false;
        }
        vad.push(tone.valence_of(&t.lower, t.lemma()).and_then(vad_bucket));
    }
    // The lemma is a feature only where it differs from the word (the tagging core already has
    // the lowercased word).
    let lemma_feat = toks
        .into_iter()
        .map(|t| match t.lemma_diff() {
            Some(l) => {
                let mut f = String::with_capacity(l.len() + 3);
                f.push_str("lm=");
                f.push_str(l);
                f
            }
            None => String::new(),
        })
        .collect();
    DocInfo {
        lemma_feat,
        cat,
        vad,
        quoted,
    }
}

/// Share of tokens matched by a labeling, loaded or evaluative lexicon entry.
fn lexicon_density(info: &DocInfo) -> f64 {
    let n = info
        .cat
        .iter()
        .filter(|c| {
            matches!(
                c,
                Some(Category::Labeling | Category::Loaded | Category::Evaluative)
            )
        })
        .count();
    n as f64 / info.cat.len().max(1) as f64
}

/// The share of a text's tokens matched by a labeling, loaded or evaluative lexicon entry: what
/// [`Framer::model_hits`] uses to pick the text's density tier ([`DENSITY_TIERS`]).
pub fn text_lexicon_density(text: &str, tokens: &[(usize, usize)]) -> f64 {
    lexicon_density(&doc_info(text, tokens))
}

fn seg_features(
    text: &str,
    tokens: &[(usize, usize)],
    seg: &Range<usize>,
    info: &mut DocInfo,
) -> Vec<Vec<Cow<'static, str>>> {
    let mut out = Vec::new();
    seg_features_into(text, tokens, seg, info, &mut out);
    out
}

/// Writes the extra features of a segment into `out`, reusing its vectors (one per token).
fn seg_features_into(
    text: &str,
    tokens: &[(usize, usize)],
    seg: &Range<usize>,
    info: &mut DocInfo,
    out: &mut Vec<Vec<Cow<'static, str>>>,
) {
    if out.len() < seg.len() {
        out.resize_with(seg.len(), Vec::new);
    }
    out.truncate(seg.len());
    let any_lex = (seg.start..seg.end).any(|i| {
        matches!(
            info.cat[i],
            Some(Category::Labeling | Category::Loaded | Category::Evaluative)
        )
    });
    let strong_neg = (seg.start..seg.end).any(|i| info.vad[i] == Some(0));
    let excl = (seg.start..seg.end).any(|i| text.get(tokens[i].0..tokens[i].1) == Some("!"));
    for (i, f) in seg.clone().zip(out.iter_mut()) {
        f.clear();
        let lf = std::mem::take(&mut info.lemma_feat[i]);
        if !lf.is_empty() {
            f.push(Cow::Owned(lf));
        }
        let at = |j: isize| -> Option<usize> {
            let k = i as isize + j;
            (k >= seg.start as isize && k < seg.end as isize).then_some(k as usize)
        };
        for (slot, off) in [(0usize, 0isize), (1, -1), (2, 1), (3, -2), (4, 2)] {
            if let Some(c) = at(off).and_then(|k| info.cat[k]) {
                f.push(Cow::Borrowed(CAT_FEATS[slot][cat_idx(c)]));
            }
        }
        for (slot, off) in [(0usize, 0isize), (1, -1), (2, 1)] {
            if let Some(b) = at(off).and_then(|k| info.vad[k]) {
                f.push(Cow::Borrowed(VAD_FEATS[slot][b]));
            }
        }
        if info.quoted[i] {
            f.push(Cow::Borrowed("q"));
        }
        if any_lex {
            f.push(Cow::Borrowed("s:lex"));
        }
        if strong_neg {
            f.push(Cow::Borrowed("s:neg"));
        }
        if excl {
            f.push(Cow::Borrowed("s:excl"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Training data

fn label_names(mode: LabelMode, technique: &str) -> (&'static str, &'static str) {
    match mode {
        LabelMode::Merged => ("B-P", "I-P"),
        LabelMode::Split => {
            if technique == TECHNIQUES[1] {
                ("B-NC", "I-NC")
            } else {
                ("B-LL", "I-LL")
            }
        }
    }
}

/// Token labels of an article from its gold spans of the two techniques.
fn gold_labels(
    a: &PtcArticle,
    tokens: &[(usize, usize)],
    mode: LabelMode,
    c2b: &[usize],
) -> Vec<&'static str> {
    let mut lab = vec!["O"; tokens.len()];
    let mut spans: Vec<(usize, usize, &str)> = a
        .spans
        .iter()
        .filter(|s| TECHNIQUES.contains(&s.technique.as_str()))
        .map(|s| {
            let b = |c: usize| c2b.get(c).copied().unwrap_or(a.text.len());
            (b(s.start), b(s.end), s.technique.as_str())
        })
        .collect();
    if mode == LabelMode::Merged {
        let merged = crate::score::merge_overlapping(
            &spans.iter().map(|&(s, e, _)| (s, e)).collect::<Vec<_>>(),
        );
        spans = merged.into_iter().map(|(s, e)| (s, e, "")).collect();
    } else {
        // Shorter spans first: they are the more specific annotation.
        spans.sort_by_key(|&(s, e, _)| (e - s, s));
    }
    for (s, e, t) in spans {
        let (b, inside) = label_names(mode, t);
        let mut first = true;
        for (k, &(ts, te)) in tokens.iter().enumerate() {
            if te <= s || ts >= e {
                continue;
            }
            if lab[k] != "O" {
                first = false;
                continue;
            }
            lab[k] = if first { b } else { inside };
            first = false;
        }
    }
    // Repair: an I- label must follow a B-/I- label of the same type.
    for k in 0..lab.len() {
        if let Some(t) = lab[k].strip_prefix("I-") {
            let ok = k > 0 && lab[k - 1].len() > 2 && &lab[k - 1][2..] == t;
            if !ok {
                lab[k] = match t {
                    "NC" => "B-NC",
                    "LL" => "B-LL",
                    _ => "B-P",
                };
            }
        }
    }
    lab
}

fn article_sentences(a: &PtcArticle, mode: LabelMode) -> Vec<TrainSentence> {
    let tokens = tokenize(&a.text);
    let c2b = char_to_byte(&a.text);
    let labels = gold_labels(a, &tokens, mode, &c2b);
    let mut info = doc_info(&a.text, &tokens);
    segments(&a.text, &tokens)
        .into_iter()
        .map(|seg| {
            let words = seg
                .clone()
                .map(|i| {
                    a.text
                        .get(tokens[i].0..tokens[i].1)
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            let extra = seg_features(&a.text, &tokens, &seg, &mut info)
                .into_iter()
                .map(|v| v.into_iter().map(Cow::into_owned).collect())
                .collect();
            TrainSentence {
                words,
                labels: seg.clone().map(|i| labels[i].to_string()).collect(),
                extra: Some(extra),
                domain: 0,
            }
        })
        .collect()
}

/// Trains the span tagger on PTC articles and returns the model file bytes.
pub fn train(articles: &[PtcArticle], cfg: &FramingTrainConfig) -> Result<Vec<u8>, FramingError> {
    let data: Vec<TrainSentence> = articles
        .iter()
        .flat_map(|a| article_sentences(a, cfg.labels))
        .collect();
    let tc = TrainConfig {
        epochs: cfg.epochs,
        seed: cfg.seed,
        feature_set: FeatureSet::Ner,
        min_feature_count: cfg.min_feature_count,
        constraints: Constraints::Bio,
        prune: cfg.prune,
        margin: cfg.margin,
        clusters: cfg.clusters.clone(),
        ensemble: cfg.ensemble.max(1),
        verbose: cfg.verbose,
        ..TrainConfig::default()
    };
    let (m, _) =
        train_sequences(&data, None, &tc).map_err(|e| FramingError::Train(e.to_string()))?;
    if cfg.verbose {
        eprintln!(
            "model: scale {} (largest |weight| {:.2} perceptron units)",
            m.scale(),
            f32::from(i16::MAX) / m.scale()
        );
    }
    let bytes = m.to_bytes();
    if cfg.o_penalty == 0.0 {
        return Ok(bytes);
    }
    crate::bias::with_o_penalty(&bytes, cfg.o_penalty)
        .ok_or_else(|| FramingError::Train("model has no O label".into()))
}

// ---------------------------------------------------------------------------------------------
// The framer

/// Lexicon-density tiers: texts whose [`text_lexicon_density`] is below the first bound are
/// *sparse*, at or above the second *dense*, others *middle*. The bounds are the terciles of the
/// density over the 301 public PTC articles (0.0071 and 0.0163; no labels involved).
pub const DENSITY_TIERS: [f64; 2] = [0.007, 0.016];

/// The shipped decoding shift, in perceptron units: sparse texts are decoded with this much
/// more `O` score (fewer spans), dense texts with this much less (more spans); chosen by
/// cross-validation (`models/framing.md`).
pub const DENSITY_SHIFT: f32 = 16.0;

/// Framing analysis: lexicon matching plus the trained span tagger.
#[derive(Debug)]
pub struct Framer {
    model: Option<Model>,
    /// The `O` shift of the density tiers (0: every text decoded alike; see
    /// [`Framer::model_hits`]).
    shift: f32,
    lexicon: &'static Lexicon,
}

impl Framer {
    /// A framer with only the lexicon (no model).
    pub fn lexicon_only() -> Framer {
        Framer {
            model: None,
            shift: 0.0,
            lexicon: Lexicon::embedded(),
        }
    }

    /// Loads a framer from model bytes (an empty slice gives a lexicon-only framer), decoding
    /// with the shipped density shift [`DENSITY_SHIFT`].
    pub fn from_bytes(b: &[u8]) -> Result<Framer, FramingError> {
        Framer::with_density_shift(b, DENSITY_SHIFT)
    }

    /// [`Framer::from_bytes`] with another density shift (0: every text decoded alike).
    pub fn with_density_shift(b: &[u8], shift: f32) -> Result<Framer, FramingError> {
        if b.is_empty() {
            return Ok(Framer::lexicon_only());
        }
        let model = Model::from_bytes(b).map_err(FramingError::Model)?;
        Ok(Framer {
            model: Some(model),
            shift,
            lexicon: Lexicon::embedded(),
        })
    }

    /// The framer with the shipped model (`models/framing.bin`), loaded once. If the embedded
    /// model cannot be read, the framer works with the lexicon only.
    pub fn embedded() -> &'static Framer {
        static F: OnceLock<Framer> = OnceLock::new();
        F.get_or_init(|| {
            let f = Framer::from_bytes(EMBEDDED_MODEL).unwrap_or_else(|_| Framer::lexicon_only());
            // The framer keeps its own copy of the weights.
            presslens_tagging::release_embedded(EMBEDDED_MODEL);
            f
        })
    }

    /// Whether a span tagger is loaded.
    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon
    }

    /// Lexicon hits (see [`Lexicon::find`]).
    pub fn lexicon_hits(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        upos: Option<&[&str]>,
    ) -> Vec<Hit> {
        self.lexicon.find(text, tokens, upos)
    }

    /// Spans found by the tagger: `loaded` for Loaded_Language (and for the merged label),
    /// `labeling` for Name_Calling,Labeling. Empty without a model.
    ///
    /// The whole text is one document: its share of lexicon-matched tokens
    /// ([`text_lexicon_density`]) picks the decoding tier ([`DENSITY_TIERS`]), so texts dense in
    /// framing words get more spans and sparse ones fewer ([`DENSITY_SHIFT`]).
    pub fn model_hits(&self, text: &str, tokens: &[(usize, usize)]) -> Vec<Hit> {
        let Some(m) = &self.model else {
            return Vec::new();
        };
        let mut info = doc_info(text, tokens);
        // Sparse tier: more `O` score (fewer spans); dense tier: less (more spans). The model
        // is not copied: the shift is applied while decoding (`tag_into_penalized`).
        let o_penalty = if self.shift == 0.0 {
            0.0
        } else {
            let d = lexicon_density(&info);
            if d < DENSITY_TIERS[0] {
                -self.shift
            } else if d >= DENSITY_TIERS[1] {
                self.shift
            } else {
                0.0
            }
        };
        let mut scratch = Scratch::new();
        let mut ids = Vec::new();
        let mut out = Vec::new();
        let mut extra = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let labels = m.labels();
        for seg in segments(text, tokens) {
            words.clear();
            words.extend(
                seg.clone()
                    .map(|i| text.get(tokens[i].0..tokens[i].1).unwrap_or("")),
            );
            seg_features_into(text, tokens, &seg, &mut info, &mut extra);
            m.tag_into_penalized(&words, &extra, "O", o_penalty, &mut scratch, &mut ids);
            let mut cur: Option<(usize, usize, Category)> = None;
            for (k, &id) in ids.iter().enumerate() {
                let lab = labels.get(id as usize).map_or("O", String::as_str);
                let tok = tokens[seg.start + k];
                let cat = if lab.ends_with("NC") {
                    Category::Labeling
                } else {
                    Category::Loaded
                };
                if lab.starts_with("B-") || (lab.starts_with("I-") && cur.is_none()) {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some((tok.0, tok.1, cat));
                } else if lab.starts_with("I-") {
                    if let Some(c) = cur.as_mut() {
                        c.1 = tok.1;
                    }
                } else if let Some(c) = cur.take() {
                    out.push(c);
                }
            }
            if let Some(c) = cur.take() {
                out.push(c);
            }
        }
        out.into_iter()
            .map(|(s, e, category)| Hit {
                start: s,
                end: e,
                category,
                lemma: normalize_word(text.get(s..e).unwrap_or("")),
                source: Source::Model,
            })
            .collect()
    }

    /// Runs only the sequence model over the segments, without the extra features (for timing
    /// the tagging core); returns the number of tokens tagged.
    pub fn core_only(&self, text: &str, tokens: &[(usize, usize)]) -> usize {
        let Some(m) = &self.model else {
            return 0;
        };
        let mut scratch = Scratch::new();
        let mut ids = Vec::new();
        let mut n = 0;
        for seg in segments(text, tokens) {
            let words: Vec<&str> = seg
                .clone()
                .map(|i| text.get(tokens[i].0..tokens[i].1).unwrap_or(""))
                .collect();
            m.tag_into::<&str>(&words, &[], &mut scratch, &mut ids);
            n += ids.len();
        }
        n
    }

    /// All hits: lexicon and model, sorted by start (model and lexicon hits may overlap).
    pub fn find(&self, text: &str, tokens: &[(usize, usize)], upos: Option<&[&str]>) -> Vec<Hit> {
        let mut v = self.lexicon_hits(text, tokens, upos);
        v.extend(self.model_hits(text, tokens));
        v.sort_by_key(|h| (h.start, h.end));
        v
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/// Which predictions to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predictor {
    /// Lexicon hits of categories labeling, loaded and evaluative.
    Lexicon,
    /// The tagger.
    Model,
    /// Both.
    Union,
}

/// Predicted spans of an article, in character offsets.
pub fn predict(framer: &Framer, a: &PtcArticle, which: Predictor) -> Vec<(usize, usize)> {
    let tokens = tokenize(&a.text);
    let c2b = char_to_byte(&a.text);
    let mut hits = Vec::new();
    if which != Predictor::Model {
        hits.extend(
            framer
                .lexicon_hits(&a.text, &tokens, None)
                .into_iter()
                .filter(|h| {
                    matches!(
                        h.category,
                        Category::Labeling | Category::Loaded | Category::Evaluative
                    )
                }),
        );
    }
    if which != Predictor::Lexicon {
        hits.extend(framer.model_hits(&a.text, &tokens));
    }
    hits.iter()
        .map(|h| (byte_to_char(&c2b, h.start), byte_to_char(&c2b, h.end)))
        .collect()
}

/// Scores of one evaluation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PtcReport {
    /// Articles scored.
    pub articles: usize,
    /// Tokens in them.
    pub tokens: usize,
    /// Lexicon-only baseline.
    pub lexicon: SiScore,
    /// The tagger.
    pub model: SiScore,
    /// Lexicon ∪ tagger.
    pub union: SiScore,
    /// Per-fold tagger F1 (cross-validation only).
    pub fold_f1: Vec<f64>,
    /// Tagger speed: tokens per second (features, tagging and decoding, one thread).
    pub tokens_per_sec: f64,
}

/// Gold spans of the two techniques, per article (articles with none are left out, as in the
/// SemEval gold files).
pub fn gold_map(articles: &[PtcArticle]) -> SpanMap {
    articles
        .iter()
        .filter_map(|a| {
            let v = a.spans_of(&TECHNIQUES);
            (!v.is_empty()).then(|| (a.id.clone(), v))
        })
        .collect()
}

/// Predictions of one kind for all articles.
pub fn predict_all(framer: &Framer, articles: &[PtcArticle], which: Predictor) -> SpanMap {
    articles
        .iter()
        .map(|a| (a.id.clone(), predict(framer, a, which)))
        .collect()
}

/// Scores the lexicon baseline, the tagger and their union on articles with gold labels.
pub fn evaluate(articles: &[PtcArticle], framer: &Framer) -> PtcReport {
    let gold = gold_map(articles);
    let tokens: usize = articles.iter().map(|a| tokenize(&a.text).len()).sum();
    let t0 = Instant::now();
    let model = predict_all(framer, articles, Predictor::Model);
    let secs = t0.elapsed().as_secs_f64();
    PtcReport {
        articles: articles.len(),
        tokens,
        lexicon: si_score(&predict_all(framer, articles, Predictor::Lexicon), &gold),
        model: si_score(&model, &gold),
        union: si_score(&predict_all(framer, articles, Predictor::Union), &gold),
        fold_f1: Vec::new(),
        tokens_per_sec: if secs > 0.0 {
            tokens as f64 / secs
        } else {
            0.0
        },
    }
}

/// The fold (0..folds) of every article: articles are shuffled with `seed` and dealt out.
pub fn fold_assignment(n: usize, folds: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    XorShift::new(seed).shuffle(&mut idx);
    let mut f = vec![0; n];
    for (k, &i) in idx.iter().enumerate() {
        f[i] = k % folds.max(1);
    }
    f
}

/// k-fold cross-validation over articles: trains on k−1 folds (with `cfg.o_penalty` ignored),
/// then for every penalty in `penalties` predicts the held-out fold and scores the pooled
/// predictions of all folds. Returns, per penalty, the report and the pooled tagger predictions.
pub fn cross_validate(
    articles: &[PtcArticle],
    cfg: &FramingTrainConfig,
    folds: usize,
    seed: u64,
    penalties: &[f32],
) -> Result<Vec<(f32, PtcReport, SpanMap)>, FramingError> {
    if folds < 2 || articles.len() < folds {
        return Err(FramingError::TooFewArticles);
    }
    let assign = fold_assignment(articles.len(), folds, seed);
    let gold = gold_map(articles);
    let np = penalties.len();
    let mut lex = SpanMap::new();
    let mut model = vec![SpanMap::new(); np];
    let mut union = vec![SpanMap::new(); np];
    let mut fold_f1 = vec![Vec::new(); np];
    let mut secs = vec![0.0; np];
    let base = FramingTrainConfig {
        o_penalty: 0.0,
        ..cfg.clone()
    };
    for f in 0..folds {
        let split = |want: bool| -> Vec<PtcArticle> {
            articles
                .iter()
                .zip(&assign)
                .filter(|(_, &k)| (k == f) == want)
                .map(|(a, _)| a.clone())
                .collect()
        };
        let (train_set, test) = (split(false), split(true));
        let bytes = train(&train_set, &base)?;
        let test_gold = gold_map(&test);
        lex.extend(predict_all(
            &Framer::lexicon_only(),
            &test,
            Predictor::Lexicon,
        ));
        for (k, &p) in penalties.iter().enumerate() {
            let b = if p == 0.0 {
                bytes.clone()
            } else {
                crate::bias::with_o_penalty(&bytes, p)
                    .ok_or_else(|| FramingError::Train("model has no O label".into()))?
            };
            let framer = Framer::with_density_shift(&b, cfg.density_shift)?;
            let t0 = Instant::now();
            let m = predict_all(&framer, &test, Predictor::Model);
            secs[k] += t0.elapsed().as_secs_f64();
            fold_f1[k].push(si_score(&m, &test_gold).f1);
            if cfg.verbose {
                eprintln!("fold {}: penalty {p}: model F1 {:.4}", f + 1, fold_f1[k][f]);
            }
            model[k].extend(m);
            union[k].extend(predict_all(&framer, &test, Predictor::Union));
        }
    }
    let tokens: usize = articles.iter().map(|a| tokenize(&a.text).len()).sum();
    let lex_score = si_score(&lex, &gold);
    let mut out = Vec::with_capacity(np);
    for (k, &p) in penalties.iter().enumerate() {
        let report = PtcReport {
            articles: articles.len(),
            tokens,
            lexicon: lex_score,
            model: si_score(&model[k], &gold),
            union: si_score(&union[k], &gold),
            fold_f1: std::mem::take(&mut fold_f1[k]),
            tokens_per_sec: if secs[k] > 0.0 {
                tokens as f64 / secs[k]
            } else {
                0.0
            },
        };
        out.push((p, report, std::mem::take(&mut model[k])));
    }
    Ok(out)
}
