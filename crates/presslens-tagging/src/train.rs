//! Training: a structured averaged perceptron (Collins 2002) over hashed features, decoded with
//! the same Viterbi as tagging, with lazily averaged weights (each weight keeps the time it last
//! changed and the running sum of its past values).
//!
//! Training is deterministic: the same sentences, configuration and seed give a byte-identical
//! model. Weights are integers during training (perceptron updates are ±1), sentences are
//! shuffled with a seeded xorshift generator, features get ids in order of first occurrence,
//! and the model is assembled in id order.

use std::fmt;
use std::time::Instant;

use std::sync::Arc;

use crate::features::{extract, word_attr, Extra, FeatBuf, FeatureSet, Lookups};
use crate::hash::{add, finish, FxHashMap, XorShift};
use crate::model::{viterbi, AllowedTransitions, FeatureRow, Model, ViterbiBuf, NEG};
use crate::table::{WordClusters, WordTable};

/// Decoding constraints applied while training and stored in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraints {
    /// Any label may follow any label.
    None,
    /// BIO: `I-X` only after `B-X` or `I-X` (see [`AllowedTransitions::bio`]).
    Bio,
}

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling generator.
    pub seed: u64,
    /// Feature templates.
    pub feature_set: FeatureSet,
    /// Seed of the feature hash (stored in the model).
    pub hash_seed: u64,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_feature_count: u32,
    /// Build an ambiguity-class lexicon from words seen at least this often (0: no lexicon).
    pub lexicon_min_count: u32,
    /// A label joins a word's ambiguity class when it has at least this share of the word's
    /// occurrences.
    pub lexicon_min_share: f32,
    /// "Frustratingly easy" domain adaptation (Daumé III, 2007): during training every feature
    /// also fires in a copy specific to the sentence's [`TrainSentence::domain`]; the model keeps
    /// the shared weights plus the target domain's (domain 0) copies, summed, so tagging costs
    /// nothing extra.
    pub domain_adaptation: bool,
    /// Independent training runs (differently shuffled) whose averaged weights are averaged
    /// into the model; 1 (or 0) is a single run.
    pub ensemble: usize,
    /// Ensemble runs trained at the same time (threads); does not change the model.
    pub threads: usize,
    /// Loss-augmented training: while training, the gold label of every token must beat the
    /// others by this much (in perceptron-update units) to count as right (0: plain perceptron).
    pub margin: i32,
    /// Brown word clusters to add cluster features (stored in the model).
    pub clusters: Option<Arc<WordClusters>>,
    /// Quantised weights with `|q| <= prune` are dropped from the model (0: drop zeros only).
    pub prune: u16,
    /// Quantisation range: the largest absolute weight maps to this value (≤ 32767).
    pub quant_max: i16,
    /// Transition constraints.
    pub constraints: Constraints,
    /// Evaluate the dev set after every epoch (otherwise only at the end).
    pub eval_every_epoch: bool,
    /// Tag dictionary (POS): words seen at least this often whose most frequent label has at
    /// least [`TrainConfig::tagdict_min_share`] of their occurrences get that label without
    /// being scored (0: no dictionary). See [`crate::pos::tag_dictionary`].
    pub tagdict_min_count: u32,
    /// See [`TrainConfig::tagdict_min_count`].
    pub tagdict_min_share: f32,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl TrainConfig {
    /// The recipe of the shipped POS model (`models/pos.md`): 12 epochs, margin 20, domain
    /// adaptation for auxiliary data, and a tag dictionary of the words seen at least 20 times
    /// that never had another label (863 words; one token fewer right on EWT test, POS stage
    /// ~9 % faster; see `models/pos.md`). Word clusters, if wanted, must be set by the caller
    /// ([`TrainConfig::clusters`]).
    pub fn pos() -> TrainConfig {
        TrainConfig {
            epochs: 12,
            margin: 20,
            domain_adaptation: true,
            tagdict_min_count: 20,
            tagdict_min_share: 1.0,
            ..TrainConfig::default()
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 1,
            feature_set: FeatureSet::Pos,
            hash_seed: 0x7072_6573_736c_656e,
            min_feature_count: 1,
            lexicon_min_count: 0,
            lexicon_min_share: 0.01,
            domain_adaptation: false,
            margin: 0,
            ensemble: 1,
            threads: 1,
            clusters: None,
            prune: 0,
            quant_max: i16::MAX,
            constraints: Constraints::None,
            eval_every_epoch: false,
            tagdict_min_count: 0,
            tagdict_min_share: 1.0,
            verbose: false,
        }
    }
}

/// One training (or evaluation) sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrainSentence {
    /// The words.
    pub words: Vec<String>,
    /// One gold label per word.
    pub labels: Vec<String>,
    /// Optional extra feature strings per word (see [`Model::tag_with_extra`]).
    pub extra: Option<Vec<Vec<String>>>,
    /// Domain of the sentence: 0 is the target domain; with
    /// [`TrainConfig::domain_adaptation`], other values mark auxiliary data whose conventions
    /// may differ (ignored otherwise).
    pub domain: u16,
}

/// What happened in one epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct EpochStats {
    /// Training run (see [`TrainConfig::ensemble`]), from 1.
    pub run: usize,
    /// Epoch number, from 1.
    pub epoch: usize,
    /// Token accuracy on the training data while training (current, not averaged, weights).
    pub train_acc: f64,
    /// Token accuracy of the averaged, quantised model on the dev data, if evaluated.
    pub dev_acc: Option<f64>,
    /// Seconds since training started.
    pub secs: f64,
}

/// A summary of a training run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainReport {
    /// Per-epoch statistics.
    pub epochs: Vec<EpochStats>,
    /// Training sentences and tokens.
    pub train_sentences: usize,
    /// Training tokens.
    pub train_tokens: usize,
    /// Labels in the model.
    pub n_labels: usize,
    /// Distinct features seen in training.
    pub features_seen: usize,
    /// Features kept after the count cut-off.
    pub features_used: usize,
    /// Features with a non-zero weight in the final model.
    pub features_in_model: usize,
    /// Non-zero weights in the final model.
    pub weights_in_model: usize,
    /// Words in the ambiguity-class lexicon.
    pub lexicon_words: usize,
    /// Entries in the word-cluster table.
    pub cluster_entries: usize,
    /// Dev token accuracy of the final model before quantisation (if a dev set was given).
    pub dev_acc_float: Option<f64>,
    /// Dev token accuracy of the final, quantised model (if a dev set was given).
    pub dev_acc: Option<f64>,
    /// Training time in seconds (feature extraction included).
    pub secs: f64,
}

/// Why training failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainError {
    /// No training sentence had any token.
    Empty,
    /// A sentence's label (or extra-feature) count differs from its word count.
    LengthMismatch {
        /// Index of the sentence.
        sentence: usize,
    },
    /// More labels than the model format holds (65,535).
    TooManyLabels(usize),
    /// Reading training data failed.
    Io(String),
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::Empty => write!(f, "no training tokens"),
            TrainError::LengthMismatch { sentence } => {
                write!(f, "sentence {sentence}: words and labels differ in length")
            }
            TrainError::TooManyLabels(n) => write!(f, "{n} labels (at most 65535)"),
            TrainError::Io(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for TrainError {}

/// A weight with lazy averaging state.
#[derive(Debug, Clone, Copy)]
struct Avg {
    /// Sum of the weight's value over all instances up to `ts`.
    total: i64,
    /// Current value.
    w: i32,
    /// Instance counter at the last change.
    ts: u32,
}

impl Avg {
    const ZERO: Avg = Avg {
        total: 0,
        w: 0,
        ts: 0,
    };

    #[inline]
    fn update(&mut self, now: u32, d: i32) {
        self.total += i64::from(now - self.ts) * i64::from(self.w);
        self.ts = now;
        self.w += d;
    }

    #[inline]
    fn average(&self, now: u32) -> f64 {
        if now == 0 {
            return 0.0;
        }
        (self.total + i64::from(now - self.ts) * i64::from(self.w)) as f64 / f64::from(now)
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    a: Avg,
    label: u16,
}

/// Sentences as feature-id lists.
struct Encoded {
    /// Feature ids, all tokens of all sentences.
    ids: Vec<u32>,
    /// Per token: start into `ids` (one extra at the end).
    tok_off: Vec<u32>,
    /// Per sentence: first token index (one extra at the end).
    sent_off: Vec<u32>,
    /// Gold label per token.
    gold: Vec<u16>,
}

struct Trainer {
    l: usize,
    rows: Vec<Vec<Entry>>,
    start: Vec<Avg>,
    end: Vec<Avg>,
    /// `trans[prev * L + cur]`.
    trans: Vec<Avg>,
    allowed: Option<AllowedTransitions>,
    now: u32,
}

impl Trainer {
    fn emissions(&self, enc: &Encoded, s: usize, scores: &mut Vec<i32>) {
        let l = self.l;
        let (t0, t1) = (enc.sent_off[s] as usize, enc.sent_off[s + 1] as usize);
        scores.clear();
        scores.resize((t1 - t0) * l, 0);
        for t in t0..t1 {
            let sc = &mut scores[(t - t0) * l..(t - t0 + 1) * l];
            for &id in &enc.ids[enc.tok_off[t] as usize..enc.tok_off[t + 1] as usize] {
                for e in &self.rows[id as usize] {
                    sc[e.label as usize] += e.a.w;
                }
            }
        }
    }

    /// Current transition weights for Viterbi (constraints applied).
    fn current_trans(&self, start: &mut [i32], end: &mut [i32], trans: &mut [i32]) {
        let l = self.l;
        for y in 0..l {
            start[y] = self.start[y].w;
            end[y] = self.end[y].w;
        }
        for (t, a) in trans.iter_mut().zip(&self.trans) {
            *t = a.w;
        }
        if let Some(a) = &self.allowed {
            apply_allowed(a, start, trans, NEG);
        }
    }

    /// One pass over the data in a shuffled order; returns the tokens tagged right.
    fn epoch(&mut self, enc: &Encoded, seed: u64, epoch: usize, margin: i32) -> usize {
        let l = self.l;
        let n_sent = enc.sent_off.len() - 1;
        // Each epoch's order depends only on the seed and the epoch number.
        let mut order: Vec<usize> = (0..n_sent).collect();
        XorShift::new(seed.wrapping_add(epoch as u64)).shuffle(&mut order);
        let (mut scores, mut vit, mut pred) = (Vec::new(), ViterbiBuf::default(), Vec::new());
        let mut start = vec![0i32; l];
        let mut end = vec![0i32; l];
        let mut trans = vec![0i32; l * l];
        let mut correct = 0usize;
        for &s in &order {
            let (t0, t1) = (enc.sent_off[s] as usize, enc.sent_off[s + 1] as usize);
            if t0 == t1 {
                continue;
            }
            self.now += 1;
            self.emissions(enc, s, &mut scores);
            if margin > 0 {
                // Loss-augmented decoding: the gold label must win by `margin` per token.
                for (t, &g) in enc.gold[t0..t1].iter().enumerate() {
                    scores[t * l + g as usize] -= margin;
                }
            }
            self.current_trans(&mut start, &mut end, &mut trans);
            pred.clear();
            viterbi(
                t1 - t0,
                l,
                &scores,
                &start,
                &end,
                &trans,
                &mut vit,
                &mut pred,
            );
            let gold = &enc.gold[t0..t1];
            let ok = pred.iter().zip(gold).filter(|(a, b)| a == b).count();
            correct += ok;
            if ok == gold.len() {
                continue;
            }
            let now = self.now;
            for t in t0..t1 {
                let (g, p) = (gold[t - t0], pred[t - t0]);
                if g != p {
                    for k in enc.tok_off[t]..enc.tok_off[t + 1] {
                        let id = enc.ids[k as usize];
                        self.row_update(id, g, 1);
                        self.row_update(id, p, -1);
                    }
                }
            }
            let n = t1 - t0;
            for i in 0..=n {
                let gp = if i == 0 { None } else { Some(gold[i - 1]) };
                let pp = if i == 0 { None } else { Some(pred[i - 1]) };
                let gc = gold.get(i).copied();
                let pc = pred.get(i).copied();
                if gp == pp && gc == pc {
                    continue;
                }
                let mut bump = |prev: Option<u16>, cur: Option<u16>, d: i32| match (prev, cur) {
                    (None, Some(c)) => self.start[c as usize].update(now, d),
                    (Some(p), None) => self.end[p as usize].update(now, d),
                    (Some(p), Some(c)) => self.trans[p as usize * l + c as usize].update(now, d),
                    (None, None) => {}
                };
                bump(gp, gc, 1);
                bump(pp, pc, -1);
            }
        }
        correct
    }

    fn row_update(&mut self, id: u32, label: u16, d: i32) {
        let now = self.now;
        let row = &mut self.rows[id as usize];
        if let Some(e) = row.iter_mut().find(|e| e.label == label) {
            e.a.update(now, d);
        } else {
            let mut a = Avg::ZERO;
            a.ts = now;
            a.update(now, d);
            row.push(Entry { a, label });
        }
    }
}

fn apply_allowed<T: Copy>(a: &AllowedTransitions, start: &mut [T], trans: &mut [T], neg: T) {
    for (s, &ok) in start.iter_mut().zip(&a.start) {
        if !ok {
            *s = neg;
        }
    }
    for (t, &ok) in trans.iter_mut().zip(&a.pairs) {
        if !ok {
            *t = neg;
        }
    }
}

/// The key of a feature's copy for one domain.
fn domain_key(seed: u64, k: u64, domain: u16) -> u64 {
    finish(add(add(seed ^ 0xD0_3A1D, k), u64::from(domain)))
}

/// Hash of a set of label indices (an ambiguity class).
fn class_hash(seed: u64, labels: &[u16]) -> u64 {
    let mut h = add(seed, 0xC1A5);
    for &l in labels {
        h = add(h, u64::from(l) + 1);
    }
    let v = finish(h);
    if v == 0 {
        1
    } else {
        v
    }
}

fn validate(data: &[TrainSentence]) -> Result<(), TrainError> {
    for (i, s) in data.iter().enumerate() {
        if s.words.len() != s.labels.len() {
            return Err(TrainError::LengthMismatch { sentence: i });
        }
        if let Some(x) = &s.extra {
            if x.len() > s.words.len() {
                return Err(TrainError::LengthMismatch { sentence: i });
            }
        }
    }
    Ok(())
}

/// The word tables a model is trained with.
#[derive(Debug, Clone, Default)]
struct Tables {
    lexicon: Option<WordTable>,
    clusters: Option<WordTable>,
}

impl Tables {
    fn look(&self) -> Lookups<'_> {
        Lookups {
            lex: self.lexicon.as_ref(),
            clusters: self.clusters.as_ref(),
            slots: None,
            cached: None,
        }
    }
}

/// The cluster table: normalised-word keys (the first, most frequent, casing wins), plus
/// exact-form keys for casings whose cluster differs from their normalised form's.
fn cluster_table(seed: u64, wc: &WordClusters) -> WordTable {
    let mut chars = Vec::new();
    let mut by_norm: FxHashMap<u64, u32> = FxHashMap::default();
    let mut pairs = Vec::new();
    let attrs: Vec<(u64, u64, u32)> = wc
        .words()
        .iter()
        .map(|(w, c)| {
            let a = word_attr(seed, w, &mut chars);
            (a.form, a.norm, *c)
        })
        .collect();
    for &(_, norm, c) in &attrs {
        if let std::collections::hash_map::Entry::Vacant(e) = by_norm.entry(norm) {
            e.insert(c);
            pairs.push((norm, c));
        }
    }
    for &(form, norm, c) in &attrs {
        if by_norm.get(&norm) != Some(&c) {
            pairs.push((form, c));
        }
    }
    WordTable::from_pairs(&pairs)
}

fn extract_sentence(cfg: &TrainConfig, look: Lookups<'_>, s: &TrainSentence, buf: &mut FeatBuf) {
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    match &s.extra {
        Some(x) => extract(
            cfg.feature_set,
            cfg.hash_seed,
            &words,
            look,
            Extra::Strings(x),
            buf,
        ),
        None => extract(
            cfg.feature_set,
            cfg.hash_seed,
            &words,
            look,
            Extra::<&str>::None,
            buf,
        ),
    }
}

/// Trains a sequence labeller on `train`; `dev` (optional) is only evaluated, for the report.
///
/// Labels are taken from the training data (sorted). With [`Constraints::Bio`] the labels must
/// be BIO tags (`O`, `B-X`, `I-X`).
pub fn train_sequences(
    train: &[TrainSentence],
    dev: Option<&[TrainSentence]>,
    cfg: &TrainConfig,
) -> Result<(Model, TrainReport), TrainError> {
    let t_start = Instant::now();
    validate(train)?;
    if let Some(d) = dev {
        validate(d)?;
    }
    let n_tokens: usize = train.iter().map(|s| s.words.len()).sum();
    if n_tokens == 0 {
        return Err(TrainError::Empty);
    }
    // Label set, sorted.
    let mut labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.labels.iter().cloned())
        .collect();
    labels.sort();
    labels.dedup();
    if labels.len() > u16::MAX as usize {
        return Err(TrainError::TooManyLabels(labels.len()));
    }
    let l = labels.len();
    let label_id: FxHashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u16))
        .collect();

    // Ambiguity-class lexicon.
    let lexicon = if cfg.lexicon_min_count > 0 {
        let mut counts: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut order: Vec<u64> = Vec::new();
        let mut chars = Vec::new();
        for s in train {
            for (w, lab) in s.words.iter().zip(&s.labels) {
                let h = crate::features::norm_hash(cfg.hash_seed, w, &mut chars);
                let c = counts.entry(h).or_insert_with(|| {
                    order.push(h);
                    vec![0; l]
                });
                c[label_id[lab.as_str()] as usize] += 1;
            }
        }
        let mut pairs = Vec::new();
        for h in order {
            let c = &counts[&h];
            let total: u32 = c.iter().sum();
            if total < cfg.lexicon_min_count {
                continue;
            }
            let min = (cfg.lexicon_min_share * total as f32).max(1.0);
            let set: Vec<u16> = (0..l)
                .filter(|&y| c[y] as f32 >= min)
                .map(|y| y as u16)
                .collect();
            pairs.push((h, class_hash(cfg.hash_seed, &set) as u32 | 1));
        }
        Some(WordTable::from_pairs(&pairs))
    } else {
        None
    };
    let tables = Tables {
        lexicon,
        clusters: cfg
            .clusters
            .as_ref()
            .map(|c| cluster_table(cfg.hash_seed, c)),
    };

    // Features: count, then give ids to those frequent enough, in order of first occurrence.
    let mut buf = FeatBuf::default();
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for s in train {
        extract_sentence(cfg, tables.look(), s, &mut buf);
        for &k in &buf.keys {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let features_seen = counts.len();
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut keys: Vec<u64> = Vec::new();
    let mut is_copy: Vec<bool> = Vec::new();
    let mut enc = Encoded {
        ids: Vec::with_capacity(n_tokens * 40),
        tok_off: vec![0],
        sent_off: vec![0],
        gold: Vec::with_capacity(n_tokens),
    };
    for s in train {
        extract_sentence(cfg, tables.look(), s, &mut buf);
        for t in 0..s.words.len() {
            for &k in &buf.keys[buf.offsets[t] as usize..buf.offsets[t + 1] as usize] {
                if counts[&k] < cfg.min_feature_count {
                    continue;
                }
                let id = *ids.entry(k).or_insert_with(|| {
                    keys.push(k);
                    is_copy.push(false);
                    (keys.len() - 1) as u32
                });
                enc.ids.push(id);
                if cfg.domain_adaptation {
                    let dk = domain_key(cfg.hash_seed, k, s.domain);
                    let id = *ids.entry(dk).or_insert_with(|| {
                        keys.push(dk);
                        is_copy.push(true);
                        (keys.len() - 1) as u32
                    });
                    enc.ids.push(id);
                }
            }
            enc.tok_off.push(enc.ids.len() as u32);
            enc.gold.push(label_id[s.labels[t].as_str()]);
        }
        enc.sent_off.push(enc.gold.len() as u32);
    }
    drop(counts);
    if cfg.verbose {
        eprintln!(
            "train: {} sentences, {} tokens, {} labels, {} features seen, {} used ({:.1}s)",
            train.len(),
            n_tokens,
            l,
            features_seen,
            keys.len(),
            t_start.elapsed().as_secs_f64()
        );
    }

    let allowed = match cfg.constraints {
        Constraints::None => None,
        Constraints::Bio => Some(AllowedTransitions::bio(&labels)),
    };
    let mut report = TrainReport {
        train_sentences: train.len(),
        train_tokens: n_tokens,
        n_labels: l,
        features_seen,
        features_used: keys.len(),
        lexicon_words: tables.lexicon.as_ref().map_or(0, WordTable::len),
        cluster_entries: tables.clusters.as_ref().map_or(0, WordTable::len),
        ..Default::default()
    };
    let fold = Fold {
        keys: &keys,
        is_copy: &is_copy,
        ids: &ids,
        cfg,
    };
    let runs = cfg.ensemble.max(1);
    // One independent run: its own shuffles, its trainer and its epoch statistics.
    let run_one = |run: usize| -> (Trainer, Vec<EpochStats>) {
        let mut tr = Trainer {
            l,
            rows: vec![Vec::new(); keys.len()],
            start: vec![Avg::ZERO; l],
            end: vec![Avg::ZERO; l],
            trans: vec![Avg::ZERO; l * l],
            allowed: allowed.clone(),
            now: 0,
        };
        let seed = cfg
            .seed
            .wrapping_add((run as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut stats_all = Vec::new();
        for epoch in 1..=cfg.epochs {
            let correct = tr.epoch(&enc, seed, epoch, cfg.margin);
            let mut stats = EpochStats {
                run: run + 1,
                epoch,
                train_acc: correct as f64 / n_tokens as f64,
                dev_acc: None,
                secs: 0.0,
            };
            if let (Some(d), true) = (dev, cfg.eval_every_epoch) {
                let mut one = Averaged::new(l, keys.len());
                one.add(&tr, 1.0, &fold);
                let m = finalize(
                    &one,
                    &keys,
                    &is_copy,
                    &labels,
                    tables.clone(),
                    cfg,
                    tr.allowed.as_ref(),
                );
                stats.dev_acc = Some(accuracy(&m, d));
            }
            stats.secs = t_start.elapsed().as_secs_f64();
            if cfg.verbose {
                eprintln!(
                    "run {} epoch {:>2}: train {:.4}{} ({:.1}s)",
                    run + 1,
                    epoch,
                    stats.train_acc,
                    stats
                        .dev_acc
                        .map_or(String::new(), |a| format!(", dev {:.4}", a)),
                    stats.secs
                );
            }
            stats_all.push(stats);
        }
        (tr, stats_all)
    };
    // Runs go `threads` at a time; they are folded in run order, so the model does not depend
    // on the number of threads.
    let threads = cfg.threads.max(1);
    let mut avg = Averaged::new(l, keys.len());
    let mut next = 0usize;
    while next < runs {
        let batch: Vec<usize> = (next..runs.min(next + threads)).collect();
        next += batch.len();
        let done: Vec<(Trainer, Vec<EpochStats>)> = if batch.len() == 1 {
            vec![run_one(batch[0])]
        } else {
            std::thread::scope(|sc| {
                let handles: Vec<_> = batch
                    .iter()
                    .map(|&r| {
                        let f = &run_one;
                        sc.spawn(move || f(r))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| match h.join() {
                        Ok(x) => x,
                        Err(e) => std::panic::resume_unwind(e),
                    })
                    .collect()
            })
        };
        for (tr, stats) in done {
            avg.add(&tr, 1.0 / runs as f64, &fold);
            report.epochs.extend(stats);
        }
    }
    let model = finalize(
        &avg,
        &keys,
        &is_copy,
        &labels,
        tables.clone(),
        cfg,
        allowed.as_ref(),
    );
    if let Some(d) = dev {
        report.dev_acc = Some(accuracy(&model, d));
        report.dev_acc_float = Some(float_accuracy(
            &avg,
            &ids,
            cfg,
            tables.look(),
            &labels,
            allowed.as_ref(),
            d,
        ));
    }
    report.features_in_model = model.n_features();
    report.weights_in_model = model.n_weights();
    report.secs = t_start.elapsed().as_secs_f64();
    Ok((model, report))
}

/// Token accuracy of `model` on labelled sentences (labels unknown to the model count as wrong).
pub fn accuracy(model: &Model, data: &[TrainSentence]) -> f64 {
    let mut ok = 0usize;
    let mut n = 0usize;
    for s in data {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let tags = match &s.extra {
            Some(x) => model.tag_with_extra(&words, x),
            None => model.tag(&words),
        };
        for (t, g) in tags.iter().zip(&s.labels) {
            n += 1;
            if model.labels()[*t as usize] == *g {
                ok += 1;
            }
        }
    }
    if n == 0 {
        0.0
    } else {
        ok as f64 / n as f64
    }
}

/// What [`Averaged::add`] needs to fold a trainer's weights.
struct Fold<'a> {
    keys: &'a [u64],
    is_copy: &'a [bool],
    ids: &'a FxHashMap<u64, u32>,
    cfg: &'a TrainConfig,
}

/// Averaged weights of one or more training runs, with target-domain copies folded into the
/// shared features (copies' own rows stay empty).
struct Averaged {
    l: usize,
    rows: Vec<Vec<(u16, f64)>>,
    start: Vec<f64>,
    end: Vec<f64>,
    trans: Vec<f64>,
}

impl Averaged {
    fn new(l: usize, n_features: usize) -> Averaged {
        Averaged {
            l,
            rows: vec![Vec::new(); n_features],
            start: vec![0.0; l],
            end: vec![0.0; l],
            trans: vec![0.0; l * l],
        }
    }

    /// Adds `weight` × the trainer's averaged weights.
    fn add(&mut self, tr: &Trainer, weight: f64, f: &Fold<'_>) {
        let now = tr.now;
        let mut acc = vec![0f64; self.l];
        let mut seen = vec![false; self.l];
        let mut touched: Vec<u16> = Vec::new();
        for (i, &key) in f.keys.iter().enumerate() {
            if f.is_copy[i] {
                continue;
            }
            touched.clear();
            let copy = if f.cfg.domain_adaptation {
                f.ids
                    .get(&domain_key(f.cfg.hash_seed, key, 0))
                    .map(|&c| &tr.rows[c as usize][..])
            } else {
                None
            };
            for e in tr.rows[i].iter().chain(copy.into_iter().flatten()) {
                let y = e.label as usize;
                if !seen[y] {
                    seen[y] = true;
                    touched.push(e.label);
                }
                acc[y] += e.a.average(now) * weight;
            }
            for &(y, w) in &self.rows[i] {
                let yy = y as usize;
                if !seen[yy] {
                    seen[yy] = true;
                    touched.push(y);
                }
                acc[yy] += w;
            }
            touched.sort_unstable();
            let row = &mut self.rows[i];
            row.clear();
            for &y in &touched {
                let yy = y as usize;
                if acc[yy] != 0.0 {
                    row.push((y, acc[yy]));
                }
                acc[yy] = 0.0;
                seen[yy] = false;
            }
        }
        for (dst, src) in [
            (&mut self.start, &tr.start),
            (&mut self.end, &tr.end),
            (&mut self.trans, &tr.trans),
        ] {
            for (d, a) in dst.iter_mut().zip(src.iter()) {
                *d += a.average(now) * weight;
            }
        }
    }
}

/// Accuracy with the averaged weights at (almost) full precision, to measure what quantisation
/// costs: weights in fixed point with 2^24 steps per unit, scored in `i64`.
fn float_accuracy(
    avg: &Averaged,
    ids: &FxHashMap<u64, u32>,
    cfg: &TrainConfig,
    look: Lookups<'_>,
    labels: &[String],
    allowed: Option<&AllowedTransitions>,
    data: &[TrainSentence],
) -> f64 {
    let l = avg.l;
    let fx = |w: &f64| (w * f64::from(1u32 << 24)).round() as i64;
    let mut start: Vec<i64> = avg.start.iter().map(fx).collect();
    let end: Vec<i64> = avg.end.iter().map(fx).collect();
    let mut trans: Vec<i64> = avg.trans.iter().map(fx).collect();
    if let Some(a) = allowed {
        apply_allowed(a, &mut start, &mut trans, i64::MIN / 8);
    }
    let mut buf = FeatBuf::default();
    let (mut scores, mut vit, mut pred) = (Vec::<i64>::new(), ViterbiBuf::default(), Vec::new());
    let (mut ok, mut n) = (0usize, 0usize);
    for s in data {
        if s.words.is_empty() {
            continue;
        }
        extract_sentence(cfg, look, s, &mut buf);
        let nt = s.words.len();
        scores.clear();
        scores.resize(nt * l, 0);
        for t in 0..nt {
            for k in &buf.keys[buf.offsets[t] as usize..buf.offsets[t + 1] as usize] {
                if let Some(&id) = ids.get(k) {
                    for (y, w) in &avg.rows[id as usize] {
                        scores[t * l + *y as usize] += fx(w);
                    }
                }
            }
        }
        pred.clear();
        viterbi(nt, l, &scores, &start, &end, &trans, &mut vit, &mut pred);
        for (p, g) in pred.iter().zip(&s.labels) {
            n += 1;
            if labels.get(*p as usize).is_some_and(|x| x == g) {
                ok += 1;
            }
        }
    }
    if n == 0 {
        0.0
    } else {
        ok as f64 / n as f64
    }
}

/// Quantises and prunes averaged weights into a [`Model`].
fn finalize(
    avg: &Averaged,
    keys: &[u64],
    is_copy: &[bool],
    labels: &[String],
    tables: Tables,
    cfg: &TrainConfig,
    allowed: Option<&AllowedTransitions>,
) -> Model {
    let mut max_abs = 0f64;
    for row in &avg.rows {
        for (_, w) in row {
            max_abs = max_abs.max(w.abs());
        }
    }
    for w in avg.start.iter().chain(&avg.end).chain(&avg.trans) {
        max_abs = max_abs.max(w.abs());
    }
    let qmax = f64::from(cfg.quant_max.max(1));
    let scale = if max_abs > 0.0 { qmax / max_abs } else { 1.0 };
    let q = |w: &f64| -> i32 { (w * scale).round().clamp(-qmax, qmax) as i32 };
    let rows: Vec<FeatureRow> = avg
        .rows
        .iter()
        .zip(keys)
        .zip(is_copy)
        .filter(|(_, &c)| !c)
        .map(|((row, &key), _)| FeatureRow {
            key,
            weights: row
                .iter()
                .map(|(y, w)| (*y, q(w) as i16))
                .filter(|&(_, w)| w.unsigned_abs() > cfg.prune)
                .collect(),
        })
        .collect();
    let start: Vec<i32> = avg.start.iter().map(q).collect();
    let end: Vec<i32> = avg.end.iter().map(q).collect();
    let trans: Vec<i32> = avg.trans.iter().map(q).collect();
    let mut m = Model::build(
        labels.to_vec(),
        cfg.feature_set,
        cfg.hash_seed,
        scale as f32,
        &rows,
        start,
        end,
        &trans,
        tables.lexicon,
        tables.clusters,
    );
    if let Some(a) = allowed {
        m.restrict_transitions(a);
    }
    m
}
