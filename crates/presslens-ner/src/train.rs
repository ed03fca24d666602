//! Training the two-stage recogniser.
//!
//! Stage 1 is trained on all documents with local and gazetteer features. Stage 2 needs stage-1
//! labels that look like test-time output, so they come from `folds` stage-1 models, each
//! trained without one fold of documents and tagging that fold (jackknifing). Everything is
//! deterministic: same documents, gazetteer and configuration give the same model bytes.

use std::sync::Arc;
use std::time::Instant;

use presslens_tagging::{
    train_sequences, Constraints, FeatureSet, Model, TrainConfig, TrainError, TrainSentence,
    WordClusters,
};

use crate::data::Document;
use crate::features::{bio_index, document_features, gazetteer_features, has_upper};
use crate::gazetteer::Gazetteer;
use crate::{pack_model, Recognizer};

/// Extra features of one document: per sentence, per token.
type DocFeats = Vec<Vec<Vec<&'static str>>>;
/// Stage-1 label indices of some documents, by document index.
type FoldPred = Vec<(usize, Vec<Vec<u16>>)>;

/// Settings for [`train_ner`].
#[derive(Debug, Clone, PartialEq)]
pub struct NerTrainConfig {
    /// Perceptron epochs per stage.
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Jackknife folds for the stage-2 training features (0 or 1: no stage 2).
    pub folds: usize,
    /// Domain adaptation over the corpora (domain 0 = CoNLL newswire is the target).
    pub domain_adaptation: bool,
    /// Train the fold models and the final models two at a time on two threads.
    pub parallel: bool,
    /// Features seen fewer times than this in training are dropped.
    pub min_feature_count: u32,
    /// Quantised weights with magnitude at most this are dropped from the model.
    pub prune: u16,
    /// Feature templates of the document stage (the local stage always uses
    /// [`FeatureSet::Ner`]); the smaller [`FeatureSet::Pos`] set makes stage 2 faster.
    pub stage2_features: FeatureSet,
    /// Brown word clusters for cluster features (stored in the model).
    pub clusters: Option<Arc<WordClusters>>,
    /// Use the clusters in the document stage too (otherwise only in the local stage).
    pub stage2_clusters: bool,
    /// Progress on stderr.
    pub verbose: bool,
    /// Word forms seen at least this often in training, and outside names in at least
    /// [`NerTrainConfig::o_dict_min_share`] of their occurrences, are stored as a tag
    /// dictionary: at run time they get `O` without being scored (see [`o_dictionary`]).
    /// 0: no dictionary. Default 10 (with share 1.0: words never seen inside a name).
    pub o_dict_min_count: u32,
    /// See [`NerTrainConfig::o_dict_min_count`].
    pub o_dict_min_share: f32,
}

impl Default for NerTrainConfig {
    fn default() -> Self {
        NerTrainConfig {
            epochs: 10,
            seed: 1,
            folds: 2,
            domain_adaptation: true,
            parallel: true,
            min_feature_count: 2,
            prune: 100,
            stage2_features: FeatureSet::Ner,
            clusters: None,
            stage2_clusters: false,
            verbose: false,
            o_dict_min_count: 10,
            o_dict_min_share: 1.0,
        }
    }
}

/// What training did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NerTrainReport {
    /// Training documents, sentences and tokens.
    pub documents: usize,
    /// Training sentences.
    pub sentences: usize,
    /// Training tokens.
    pub tokens: usize,
    /// Wall-clock seconds for the whole run.
    pub secs: f64,
    /// Non-zero weights in stage 1 and stage 2.
    pub weights: (usize, usize),
}

fn tagger_config(cfg: &NerTrainConfig, seed_offset: u64) -> TrainConfig {
    let stage2 = seed_offset == 200;
    TrainConfig {
        epochs: cfg.epochs,
        seed: cfg.seed.wrapping_add(seed_offset),
        feature_set: if stage2 {
            cfg.stage2_features
        } else {
            FeatureSet::Ner
        },
        domain_adaptation: cfg.domain_adaptation,
        constraints: Constraints::Bio,
        verbose: cfg.verbose,
        min_feature_count: cfg.min_feature_count,
        prune: cfg.prune,
        clusters: if stage2 && !cfg.stage2_clusters {
            None
        } else {
            cfg.clusters.clone()
        },
        ..TrainConfig::default()
    }
}

/// Gazetteer features of every sentence of a document.
fn doc_gaz_features(gaz: &Gazetteer, doc: &Document) -> DocFeats {
    let mut hashes = Vec::new();
    let mut matches = Vec::new();
    doc.sentences
        .iter()
        .map(|s| {
            let toks: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut f = Vec::new();
            gazetteer_features(gaz, &toks, &mut hashes, &mut matches, &mut f);
            f
        })
        .collect()
}

fn to_train(doc: &Document, feats: &[Vec<Vec<&'static str>>], out: &mut Vec<TrainSentence>) {
    for (s, f) in doc.sentences.iter().zip(feats) {
        out.push(TrainSentence {
            words: s.words.clone(),
            labels: s.labels.clone(),
            extra: Some(
                f.iter()
                    .map(|v| v.iter().map(|x| (*x).to_string()).collect())
                    .collect(),
            ),
            domain: doc.domain,
        });
    }
}

fn train_stage(
    docs: &[&Document],
    feats: &[&DocFeats],
    cfg: &NerTrainConfig,
    seed_offset: u64,
) -> Result<Model, TrainError> {
    let mut sents = Vec::new();
    for (d, f) in docs.iter().zip(feats) {
        to_train(d, f, &mut sents);
    }
    let (m, _) = train_sequences(&sents, None, &tagger_config(cfg, seed_offset))?;
    Ok(m)
}

/// Stage-1 label indices (fixed coarse label list) of a document.
fn predict_stage1(m: &Model, doc: &Document, gf: &[Vec<Vec<&'static str>>]) -> Vec<Vec<u16>> {
    let map: Vec<u16> = m.labels().iter().map(|l| bio_index(l) as u16).collect();
    doc.sentences
        .iter()
        .zip(gf)
        .map(|(s, f)| {
            let toks: Vec<&str> = s.words.iter().map(String::as_str).collect();
            m.tag_with_extra(&toks, f)
                .into_iter()
                .map(|y| map[y as usize])
                .collect()
        })
        .collect()
}

/// Runs two closures, on two threads when `parallel`.
fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel {
        std::thread::scope(|s| {
            let hb = s.spawn(b);
            let ra = a();
            let rb = match hb.join() {
                Ok(r) => r,
                Err(p) => std::panic::resume_unwind(p),
            };
            (ra, rb)
        })
    } else {
        (a(), b())
    }
}

/// Trains a recogniser; returns it, its model file bytes (see [`pack_model`]) and a report.
pub fn train_ner(
    docs: &[Document],
    gaz: &Gazetteer,
    cfg: &NerTrainConfig,
) -> Result<(Recognizer, Vec<u8>, NerTrainReport), TrainError> {
    let t0 = Instant::now();
    let gfeats: Vec<DocFeats> = docs.iter().map(|d| doc_gaz_features(gaz, d)).collect();
    let all_docs: Vec<&Document> = docs.iter().collect();
    let all_feats: Vec<&DocFeats> = gfeats.iter().collect();
    let folds = cfg.folds;
    let log = |m: &str| {
        if cfg.verbose {
            eprintln!("[{:7.1}s] {m}", t0.elapsed().as_secs_f64());
        }
    };
    // Jackknifed stage-1 predictions (two folds at a time).
    let mut pred: Vec<Vec<Vec<u16>>> = vec![Vec::new(); docs.len()];
    if folds >= 2 {
        let fold_of = |i: usize| i % folds;
        let run_fold = |k: usize| -> Result<FoldPred, TrainError> {
            let (tr_d, tr_f): (Vec<&Document>, Vec<&DocFeats>) = (0..docs.len())
                .filter(|&i| fold_of(i) != k)
                .map(|i| (&docs[i], &gfeats[i]))
                .unzip();
            let m = train_stage(&tr_d, &tr_f, cfg, 100 + k as u64)?;
            Ok((0..docs.len())
                .filter(|&i| fold_of(i) == k)
                .map(|i| (i, predict_stage1(&m, &docs[i], &gfeats[i])))
                .collect())
        };
        let mut k = 0;
        while k < folds {
            let (ra, rb) = if k + 1 < folds {
                let (a, b) = both(cfg.parallel, || run_fold(k), || run_fold(k + 1));
                (a?, Some(b?))
            } else {
                (run_fold(k)?, None)
            };
            for (i, p) in ra.into_iter().chain(rb.into_iter().flatten()) {
                pred[i] = p;
            }
            log(&format!("fold models {}..{} done", k, (k + 2).min(folds)));
            k += 2;
        }
    }
    let stage2_feats: Option<Vec<DocFeats>> = (folds >= 2).then(|| {
        docs.iter()
            .zip(&gfeats)
            .zip(&pred)
            .map(|((d, g), p)| {
                let toks: Vec<Vec<&str>> = d
                    .sentences
                    .iter()
                    .map(|s| s.words.iter().map(String::as_str).collect())
                    .collect();
                let mut f = g.clone();
                let _ = document_features(&toks, &[], p, &mut f);
                f
            })
            .collect()
    });
    let (m1, m2) = both(
        cfg.parallel,
        || train_stage(&all_docs, &all_feats, cfg, 0),
        || {
            stage2_feats.as_ref().map(|sf| {
                let f: Vec<&DocFeats> = sf.iter().collect();
                train_stage(&all_docs, &f, cfg, 200)
            })
        },
    );
    let mut m1 = m1?;
    let m2 = m2.transpose()?;
    log("final models done");
    if cfg.o_dict_min_count > 0 {
        attach_o_dictionary(&mut m1, docs, cfg.o_dict_min_count, cfg.o_dict_min_share);
    }
    let bytes = pack_model(&m1, m2.as_ref());
    let report = NerTrainReport {
        documents: docs.len(),
        sentences: docs.iter().map(|d| d.sentences.len()).sum(),
        tokens: docs
            .iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.words.len())
            .sum(),
        secs: t0.elapsed().as_secs_f64(),
        weights: (m1.n_weights(), m2.as_ref().map_or(0, Model::n_weights)),
    };
    Ok((Recognizer::from_parts(m1, m2, gaz.clone()), bytes, report))
}

/// The words that are (almost) never part of a name in `docs`: every exact form seen at least
/// `min_count` times with the label `O` in at least `min_share` of its occurrences, sorted.
/// Capitalised words are left out: a capital is what makes a word a name candidate, so such a
/// word always gets scored. Frequent lower-case words and punctuation are most of a news text,
/// so fixing them saves most of the tagger's work.
pub fn o_dictionary(docs: &[Document], min_count: u32, min_share: f32) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for s in docs.iter().flat_map(|d| &d.sentences) {
        for (w, l) in s.words.iter().zip(&s.labels) {
            let e = counts.entry(w.as_str()).or_default();
            e.0 += 1;
            if l == "O" {
                e.1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(w, (n, o))| {
            !has_upper(w)
                && *n >= min_count
                && f64::from(*o) >= f64::from(min_share) * f64::from(*n)
        })
        .map(|(w, _)| w.to_string())
        .collect()
}

/// Stores [`o_dictionary`]`(docs, min_count, min_share)` as `stage1`'s tag dictionary (label
/// `O`); the recogniser applies it to both stages. Returns the number of words.
pub fn attach_o_dictionary(
    stage1: &mut Model,
    docs: &[Document],
    min_count: u32,
    min_share: f32,
) -> usize {
    let Some(o) = stage1.label_index("O") else {
        return 0;
    };
    let words = o_dictionary(docs, min_count, min_share);
    let pairs: Vec<(&str, u16)> = words.iter().map(|w| (w.as_str(), o)).collect();
    stage1.set_tag_dictionary(&pairs);
    words.len()
}

/// [`attach_o_dictionary`] on a packed model file (see [`pack_model`]): returns the new file
/// bytes and the number of words. Gives the same bytes as training with the dictionary.
pub fn attach_o_dictionary_bytes(
    model: &[u8],
    docs: &[Document],
    min_count: u32,
    min_share: f32,
) -> Result<(Vec<u8>, usize), crate::NerError> {
    let (mut m1, m2) = crate::unpack_model(model)?;
    let n = attach_o_dictionary(&mut m1, docs, min_count, min_share);
    Ok((pack_model(&m1, m2.as_ref()), n))
}

/// Everything [`train_ner_model`] needs: where the data is, which corpora, the gazetteer and
/// the trainer settings.
#[derive(Debug, Clone)]
pub struct NerTrainSpec {
    /// The shared data directory (holding `conll2003/`, `wikigold/`, `uner-ewt/`, `gum/`).
    pub data: std::path::PathBuf,
    /// Corpora, in domain order: any of `"conll"` (domain 0, the target), `"wikigold"`,
    /// `"uner"`, `"gum"`.
    pub sources: Vec<String>,
    /// The compiled gazetteer (`models/gazetteer.bin` bytes).
    pub gazetteer: Vec<u8>,
    /// Trainer settings.
    pub config: NerTrainConfig,
}

impl NerTrainSpec {
    /// The shipped model's corpora (`conll,wikigold,uner,gum`) and default settings.
    pub fn new(data: std::path::PathBuf, gazetteer: Vec<u8>) -> Self {
        NerTrainSpec {
            data,
            sources: ["conll", "wikigold", "uner", "gum"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            gazetteer,
            config: NerTrainConfig::default(),
        }
    }
}

/// Reads the training documents of the named corpora under `data` (see
/// [`NerTrainSpec::sources`]).
pub fn read_sources(data: &std::path::Path, sources: &[String]) -> std::io::Result<Vec<Document>> {
    let mut docs = Vec::new();
    for src in sources.iter().map(|s| s.trim()) {
        match src {
            "conll" => docs.extend(crate::read_any(&data.join("conll2003/eng.train"), 0)?),
            "wikigold" => docs.extend(crate::read_any(
                &data.join("wikigold/wikigold.conll.txt"),
                1,
            )?),
            "uner" => docs.extend(crate::read_any(
                &data.join("uner-ewt/en_ewt-ud-dev.iob2"),
                2,
            )?),
            "gum" => docs.extend(crate::read_gum_train(&data.join("gum"), 3)?),
            "" => {}
            other => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("unknown source {other}"),
                ))
            }
        }
    }
    Ok(docs)
}

/// Trains the NER model from a [`NerTrainSpec`] and returns the model file bytes (what
/// `models/ner.bin` holds) with the report. Deterministic: same data, gazetteer and settings
/// give the same bytes.
pub fn train_ner_model(spec: &NerTrainSpec) -> Result<(Vec<u8>, NerTrainReport), TrainError> {
    let docs =
        read_sources(&spec.data, &spec.sources).map_err(|e| TrainError::Io(e.to_string()))?;
    let gaz = Gazetteer::from_bytes(&spec.gazetteer)
        .map_err(|e| TrainError::Io(format!("gazetteer: {e}")))?;
    let (_, bytes, report) = train_ner(&docs, &gaz, &spec.config)?;
    Ok((bytes, report))
}
