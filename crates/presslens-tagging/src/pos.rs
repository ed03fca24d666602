//! Part-of-speech tagging: one model over combined `UPOS|XPOS` labels, so each word gets a
//! Universal POS tag and a Penn Treebank tag that agree with each other.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::model::{Model, ModelError, Scratch};
use crate::readers::read_conllu;
use crate::train::{train_sequences, TrainConfig, TrainError, TrainReport, TrainSentence};

/// The separator between UPOS and XPOS in the combined labels of a POS model.
pub const POS_SEP: char = '|';

/// A part-of-speech tagger: a [`Model`] whose labels are `UPOS|XPOS` pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct PosTagger {
    model: Model,
    upos: Vec<String>,
    xpos: Vec<String>,
}

impl PosTagger {
    /// Wraps a model whose labels are all `UPOS|XPOS`.
    pub fn from_model(model: Model) -> Result<PosTagger, ModelError> {
        let mut upos = Vec::with_capacity(model.labels().len());
        let mut xpos = Vec::with_capacity(model.labels().len());
        for l in model.labels() {
            let (u, x) = l
                .split_once(POS_SEP)
                .ok_or_else(|| ModelError::Corrupt(format!("label {l:?} is not UPOS|XPOS")))?;
            upos.push(u.to_string());
            xpos.push(x.to_string());
        }
        Ok(PosTagger { model, upos, xpos })
    }

    /// Reads a POS model file (a [`Model`] file with `UPOS|XPOS` labels).
    pub fn from_bytes(b: &[u8]) -> Result<PosTagger, ModelError> {
        PosTagger::from_model(Model::from_bytes(b)?)
    }

    /// Serialises the tagger (the same bytes as its model's [`Model::to_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// The underlying model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags a sentence: `(UPOS, XPOS)` per word, borrowed from the tagger's label tables.
    pub fn tag(&self, words: &[&str]) -> Vec<(&str, &str)> {
        self.model
            .tag(words)
            .into_iter()
            .map(|t| (self.upos(t), self.xpos(t)))
            .collect()
    }

    /// Tags into `out` as label ids (see [`PosTagger::upos`] / [`PosTagger::xpos`]), without
    /// allocating once `scratch` and `out` have grown.
    pub fn tag_ids(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<u16>) {
        self.model.tag_into::<&str>(words, &[], scratch, out);
    }

    /// The UPOS of a label id (`""` for an id out of range).
    pub fn upos(&self, id: u16) -> &str {
        self.upos.get(id as usize).map_or("", String::as_str)
    }

    /// The XPOS of a label id (`""` for an id out of range).
    pub fn xpos(&self, id: u16) -> &str {
        self.xpos.get(id as usize).map_or("", String::as_str)
    }
}

/// Accuracy of a POS tagger against gold CoNLL-U.
#[derive(Debug, Clone, PartialEq)]
pub struct PosScore {
    /// Sentences tagged.
    pub sentences: usize,
    /// Words scored.
    pub tokens: usize,
    /// UPOS accuracy (0–1).
    pub upos_acc: f64,
    /// XPOS accuracy (0–1).
    pub xpos_acc: f64,
    /// Both right (0–1).
    pub both_acc: f64,
    /// Tagging time in seconds (one thread; reading the file excluded).
    pub secs: f64,
}

impl PosScore {
    /// Tagging speed in words per second.
    pub fn tokens_per_sec(&self) -> f64 {
        if self.secs > 0.0 {
            self.tokens as f64 / self.secs
        } else {
            0.0
        }
    }
}

impl fmt::Display for PosScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sentences, {} tokens: UPOS {:.2}%, XPOS {:.2}%, both {:.2}%; {:.0} tokens/s",
            self.sentences,
            self.tokens,
            100.0 * self.upos_acc,
            100.0 * self.xpos_acc,
            100.0 * self.both_acc,
            self.tokens_per_sec()
        )
    }
}

/// Reads CoNLL-U files as POS training sentences with `UPOS|XPOS` labels, all in `domain`.
pub fn read_pos_sentences(files: &[PathBuf], domain: u16) -> io::Result<Vec<TrainSentence>> {
    let mut out = Vec::new();
    for f in files {
        let sents = read_conllu(f)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", f.display())))?;
        for s in sents {
            let words = s.words.iter().map(|w| w.form.clone()).collect();
            let labels = s
                .words
                .iter()
                .map(|w| format!("{}{POS_SEP}{}", w.upos, w.xpos))
                .collect();
            out.push(TrainSentence {
                words,
                labels,
                extra: None,
                domain,
            });
        }
    }
    Ok(out)
}

/// Trains a POS tagger on CoNLL-U files: `train_files` are the target domain (domain 0),
/// `aux_files` auxiliary data (domain 1; see [`TrainConfig::domain_adaptation`]). `dev`
/// (optional, target domain) is evaluated for the report only.
pub fn train_pos(
    train_files: &[PathBuf],
    aux_files: &[PathBuf],
    dev: Option<&Path>,
    cfg: &TrainConfig,
) -> Result<(PosTagger, TrainReport), TrainError> {
    let io = |e: io::Error| TrainError::Io(e.to_string());
    let mut train = read_pos_sentences(train_files, 0).map_err(io)?;
    train.extend(read_pos_sentences(aux_files, 1).map_err(io)?);
    let dev = match dev {
        Some(d) => Some(read_pos_sentences(&[d.to_path_buf()], 0).map_err(io)?),
        None => None,
    };
    let (mut model, report) = train_sequences(&train, dev.as_deref(), cfg)?;
    if cfg.tagdict_min_count > 0 {
        let dict = tag_dictionary(
            &train,
            model.labels(),
            cfg.tagdict_min_count,
            cfg.tagdict_min_share,
        );
        let pairs: Vec<(&str, u16)> = dict.iter().map(|(w, y)| (w.as_str(), *y)).collect();
        model.set_tag_dictionary(&pairs);
    }
    let tagger = PosTagger::from_model(model).map_err(|e| TrainError::Io(e.to_string()))?;
    Ok((tagger, report))
}

/// A tag dictionary from training sentences: every word form (exact) seen at least
/// `min_count` times whose most frequent label (one of `labels`) has at least `min_share` of
/// its occurrences, with that label's index; sorted by word (deterministic). Ties between
/// labels go to the label listed first in `labels`.
pub fn tag_dictionary(
    sentences: &[TrainSentence],
    labels: &[String],
    min_count: u32,
    min_share: f32,
) -> Vec<(String, u16)> {
    use std::collections::{BTreeMap, HashMap};
    let index: HashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    let mut counts: BTreeMap<&str, BTreeMap<u16, u32>> = BTreeMap::new();
    for s in sentences {
        for (w, l) in s.words.iter().zip(&s.labels) {
            if let Some(&y) = index.get(l.as_str()) {
                *counts.entry(w.as_str()).or_default().entry(y).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (w, by) in counts {
        let total: u32 = by.values().sum();
        let Some((&y, &c)) = by.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
            continue;
        };
        if total >= min_count && f64::from(c) >= f64::from(min_share) * f64::from(total) {
            out.push((w.to_string(), y));
        }
    }
    out
}

/// Tags the words of a gold CoNLL-U file and scores UPOS and XPOS.
pub fn eval_pos(tagger: &PosTagger, gold: &Path) -> io::Result<PosScore> {
    let sents = read_conllu(gold)?;
    let mut scratch = Scratch::new();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let (mut n, mut u, mut x, mut b) = (0usize, 0usize, 0usize, 0usize);
    let t0 = Instant::now();
    for s in &sents {
        words.clear();
        words.extend(s.words.iter().map(|w| w.form.as_str()));
        tagger.tag_ids(&words, &mut scratch, &mut out);
        for (t, g) in out.iter().zip(&s.words) {
            n += 1;
            let uo = tagger.upos(*t) == g.upos;
            let xo = tagger.xpos(*t) == g.xpos;
            u += usize::from(uo);
            x += usize::from(xo);
            b += usize::from(uo && xo);
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let d = n.max(1) as f64;
    Ok(PosScore {
        sentences: sents.len(),
        tokens: n,
        upos_acc: u as f64 / d,
        xpos_acc: x as f64 / d,
        both_acc: b as f64 / d,
        secs,
    })
}

/// The CoNLL-U files of one GUM split (`"train"`, `"dev"`, `"test"`, `"test2"`), as listed in
/// GUM's `splits.md`, that exist in `dep_dir`. Documents whose name contains one of
/// `exclude_genres` (e.g. `"_fiction_"`) are left out.
pub fn gum_split_files(
    splits_md: &Path,
    dep_dir: &Path,
    split: &str,
    exclude_genres: &[&str],
) -> io::Result<Vec<PathBuf>> {
    let text = std::fs::read_to_string(splits_md)?;
    let mut in_split = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ") {
            in_split = h.trim() == split;
            continue;
        }
        if !in_split {
            continue;
        }
        if let Some(name) = t.strip_prefix("* ") {
            let name = name.trim();
            if exclude_genres.iter().any(|g| name.contains(g)) {
                continue;
            }
            let p = dep_dir.join(format!("{name}.conllu"));
            if p.is_file() {
                out.push(p);
            }
        }
    }
    Ok(out)
}

/// GUM genres whose texts are licensed NC (left out by [`PosTrainConfig::gum_exclude_nc`]).
pub const GUM_NC_GENRES: &[&str] = &["_essay_", "_fiction_", "_letter_", "_podcast_", "_whow_"];

/// Everything [`train_pos_model`] needs: where the data is and the trainer settings.
#[derive(Debug, Clone)]
pub struct PosTrainConfig {
    /// Target-domain CoNLL-U files (domain 0), e.g. UD EWT train.
    pub train: Vec<PathBuf>,
    /// A GUM checkout (`splits.md` and `dep/`): its train split is auxiliary data (domain 1).
    pub gum: Option<PathBuf>,
    /// Leave out the NC-licensed GUM genres ([`GUM_NC_GENRES`]).
    pub gum_exclude_nc: bool,
    /// A target-domain dev file, scored in the report only.
    pub dev: Option<PathBuf>,
    /// Trainer settings; [`PosTrainConfig::new`] starts from [`TrainConfig::pos`].
    pub trainer: TrainConfig,
}

impl PosTrainConfig {
    /// The shipped model's settings (`TrainConfig::pos()`) on `train` files, without GUM,
    /// dev file or clusters (set those fields, e.g. `trainer.clusters`, as needed).
    pub fn new(train: Vec<PathBuf>) -> Self {
        PosTrainConfig {
            train,
            gum: None,
            gum_exclude_nc: false,
            dev: None,
            trainer: TrainConfig::pos(),
        }
    }
}

/// Trains a POS model from a [`PosTrainConfig`] and returns the model file bytes (what
/// `models/pos.bin` holds) with the training report. Deterministic: the same data and
/// configuration give the same bytes.
pub fn train_pos_model(cfg: &PosTrainConfig) -> Result<(Vec<u8>, TrainReport), TrainError> {
    let mut aux = Vec::new();
    if let Some(g) = &cfg.gum {
        let excl: &[&str] = if cfg.gum_exclude_nc {
            GUM_NC_GENRES
        } else {
            &[]
        };
        aux = gum_split_files(&g.join("splits.md"), &g.join("dep"), "train", excl)
            .map_err(|e| TrainError::Io(format!("{}: {e}", g.display())))?;
    }
    let (tagger, report) = train_pos(&cfg.train, &aux, cfg.dev.as_deref(), &cfg.trainer)?;
    Ok((tagger.to_bytes(), report))
}
