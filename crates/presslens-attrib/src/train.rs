//! Training the attribution tagger on PolNeAR documents.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use presslens_tagging::{
    train_sequences, Constraints, FeatureSet, Model, TrainConfig, TrainSentence, WordClusters,
};

use crate::corpus::Document;
use crate::features::{extras, CueLexicon};
use crate::tagger::{lower_word, AttribTagger};
use crate::tokenize::{paragraphs, segment};
use crate::{AttribError, Role, Tag};

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct AttribTrainConfig {
    /// Perceptron epochs of the first pass.
    pub epochs1: usize,
    /// Perceptron epochs of the second pass (0: single-pass model).
    pub epochs2: usize,
    /// Jack-knife folds used to produce first-pass tags for training the second pass.
    pub folds: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Feature count cut-off.
    pub min_feature_count: u32,
    /// Forms must occur at least this often inside cues to enter the cue lexicon.
    pub lexicon_min_cue: u32,
    /// Quantised weights with `|q| <= prune` are dropped from the models (smaller files).
    pub prune: u16,
    /// Loss-augmented perceptron margin (0: plain perceptron); see
    /// `presslens_tagging::TrainConfig::margin`.
    pub margin: i32,
    /// Brown word clusters for cluster features (stored in every pass's model).
    pub clusters: Option<Arc<WordClusters>>,
    /// Print progress.
    pub verbose: bool,
}

impl Default for AttribTrainConfig {
    fn default() -> Self {
        AttribTrainConfig {
            epochs1: 8,
            epochs2: 8,
            folds: 4,
            seed: 1,
            min_feature_count: 2,
            lexicon_min_cue: 3,
            prune: 0,
            margin: 0,
            clusters: None,
            verbose: false,
        }
    }
}

/// `(lower-cased form, occurrences inside cue spans, all occurrences)` over the documents,
/// sorted by descending cue count, then form.
pub fn cue_counts(docs: &[Document]) -> Vec<(String, u32, u32)> {
    let mut m: HashMap<String, (u32, u32)> = HashMap::new();
    for d in docs {
        for (t, g) in d.tokens.iter().zip(&d.gold) {
            let w = lower_word(d.text.get(t.0..t.1).unwrap_or(""));
            let e = m.entry(w).or_insert((0, 0));
            e.1 += 1;
            if g.role() == Some(Role::Cue) {
                e.0 += 1;
            }
        }
    }
    let mut v: Vec<(String, u32, u32)> = m.into_iter().map(|(w, (c, t))| (w, c, t)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Builds the cue lexicon from training documents.
pub fn build_lexicon(docs: &[Document], min_cue: u32) -> CueLexicon {
    let counts = cue_counts(docs);
    CueLexicon::from_counts(counts.iter().map(|(w, c, t)| (w.as_str(), *c, *t)), min_cue)
}

/// One training window: a paragraph of a document.
struct Window<'a> {
    doc: &'a Document,
    a: usize,
    b: usize,
}

fn windows(docs: &[Document]) -> Vec<Window<'_>> {
    let mut out = Vec::new();
    for d in docs {
        for (a, b) in paragraphs(&d.text, &d.tokens) {
            out.push(Window { doc: d, a, b });
        }
    }
    out
}

fn sentence(w: &Window<'_>, lex: &CueLexicon, prev: Option<&[Tag]>) -> TrainSentence {
    let toks = &w.doc.tokens[w.a..w.b];
    let words: Vec<&str> = toks
        .iter()
        .map(|&(a, b)| w.doc.text.get(a..b).unwrap_or(""))
        .collect();
    let lower: Vec<String> = words.iter().map(|x| lower_word(x)).collect();
    let seg = segment(&w.doc.text, toks);
    let ex = extras(&words, &lower, &seg, lex, prev);
    TrainSentence {
        words: words.iter().map(|s| s.to_string()).collect(),
        labels: w.doc.gold[w.a..w.b]
            .iter()
            .map(|t| t.as_str().to_string())
            .collect(),
        extra: Some(
            ex.into_iter()
                .map(|v| v.into_iter().map(|c| c.into_owned()).collect())
                .collect(),
        ),
        domain: 0,
    }
}

fn tcfg(cfg: &AttribTrainConfig, epochs: usize, seed: u64) -> TrainConfig {
    TrainConfig {
        epochs,
        seed,
        feature_set: FeatureSet::Ner,
        min_feature_count: cfg.min_feature_count,
        constraints: Constraints::Bio,
        prune: cfg.prune,
        margin: cfg.margin,
        clusters: cfg.clusters.clone(),
        verbose: cfg.verbose,
        ..TrainConfig::default()
    }
}

fn train_one(data: &[TrainSentence], cfg: &TrainConfig) -> Result<Model, AttribError> {
    let (m, _) =
        train_sequences(data, None, cfg).map_err(|e| AttribError::Train(format!("{e}")))?;
    Ok(m)
}

fn decode(m: &Model, s: &TrainSentence) -> Vec<Tag> {
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let ex = s.extra.as_deref().unwrap_or(&[]);
    let ids = m.tag_with_extra(&words, ex);
    ids.iter()
        .map(|&i| m.labels().get(i as usize).map_or(Tag::O, |l| Tag::parse(l)))
        .collect()
}

/// What training did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainSummary {
    /// Training windows (paragraphs) and tokens.
    pub windows: usize,
    /// Training tokens.
    pub tokens: usize,
    /// Cue lexicon size.
    pub lexicon: usize,
    /// Seconds spent.
    pub secs: f64,
}

/// Trains a tagger on `docs`.
///
/// The first pass is trained on all documents. With `epochs2 > 0`, `folds` first-pass models
/// are also trained on all but one fold of the documents each, to tag the held-out fold; the
/// second pass is then trained on all documents with those (honest) first-pass tags as features.
pub fn train(
    docs: &[Document],
    cfg: &AttribTrainConfig,
) -> Result<(AttribTagger, TrainSummary), AttribError> {
    let t0 = Instant::now();
    let lex = build_lexicon(docs, cfg.lexicon_min_cue);
    let wins = windows(docs);
    let data1: Vec<TrainSentence> = wins.iter().map(|w| sentence(w, &lex, None)).collect();
    let tokens: usize = data1.iter().map(|s| s.words.len()).sum();
    if cfg.verbose {
        eprintln!(
            "lexicon {} forms; {} windows, {} tokens",
            lex.len(),
            data1.len(),
            tokens
        );
    }
    let m1 = train_one(&data1, &tcfg(cfg, cfg.epochs1, cfg.seed))?;
    let mut models = vec![m1];
    if cfg.epochs2 > 0 {
        let folds = cfg.folds.max(2);
        let mut prev: Vec<Vec<Tag>> = vec![Vec::new(); data1.len()];
        // Fold by article so an article's paragraphs (and its other annotators' versions)
        // stay together.
        let doc_index: Vec<usize> = {
            let mut ids: HashMap<&str, usize> = HashMap::new();
            wins.iter()
                .map(|w| {
                    let next = ids.len();
                    *ids.entry(w.doc.name.as_str()).or_insert(next)
                })
                .collect()
        };
        for f in 0..folds {
            let train_part: Vec<TrainSentence> = data1
                .iter()
                .zip(&doc_index)
                .filter(|(_, &d)| d % folds != f)
                .map(|(s, _)| s.clone())
                .collect();
            if !doc_index.iter().any(|&d| d % folds == f) {
                continue;
            }
            // With fewer articles than folds a fold may have no training part; the full
            // first-pass model tags it then.
            let fold_model;
            let m = if train_part.is_empty() {
                &models[0]
            } else {
                fold_model = train_one(
                    &train_part,
                    &tcfg(cfg, cfg.epochs1, cfg.seed + 1 + f as u64),
                )?;
                &fold_model
            };
            for (i, s) in data1.iter().enumerate() {
                if doc_index[i] % folds == f {
                    prev[i] = decode(m, s);
                }
            }
            if cfg.verbose {
                eprintln!("fold {} done ({:.1}s)", f + 1, t0.elapsed().as_secs_f64());
            }
        }
        let data2: Vec<TrainSentence> = wins
            .iter()
            .zip(&prev)
            .map(|(w, p)| sentence(w, &lex, Some(p)))
            .collect();
        drop(data1);
        let m2 = train_one(&data2, &tcfg(cfg, cfg.epochs2, cfg.seed + 100))?;
        models.push(m2);
    }
    let summary = TrainSummary {
        windows: wins.len(),
        tokens,
        lexicon: lex.len(),
        secs: t0.elapsed().as_secs_f64(),
    };
    Ok((AttribTagger::new(lex, models), summary))
}
