//! The SemEval-2020 Task 11 span-identification (SI) scorer, re-implemented.
//!
//! It follows `ptc/tools/task-SI_scorer.py` (Da San Martino et al.) run with `-m`: all spans are
//! one class; overlapping spans of the same side and article are merged (gold always, the
//! submission with `-m`); then for every submitted span `s` and every gold span `t` of the same
//! article
//!
//! ```text
//! precision numerator += |s ∩ t| / |s|        recall numerator += |s ∩ t| / |t|
//! P = Σ / (number of submitted spans)         R = Σ / (number of gold spans, all articles)
//! F1 = 2PR / (P + R) (0 when P or R is 0; 1 when there are no spans at all)
//! ```
//!
//! Offsets are characters, end-exclusive. One deliberate difference: a submitted article with
//! no gold spans counts its spans as false positives (the Python script stops with an error on
//! such articles instead).

use std::collections::BTreeMap;

/// Spans per article id: `(start, end)` character offsets, end-exclusive.
pub type SpanMap = BTreeMap<String, Vec<(usize, usize)>>;

/// SI precision, recall and F1 with their parts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SiScore {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Σ |s ∩ t| / |s|.
    pub precision_sum: f64,
    /// Σ |s ∩ t| / |t|.
    pub recall_sum: f64,
    /// Submitted spans (after merging).
    pub predicted: usize,
    /// Gold spans (after merging).
    pub gold: usize,
}

/// Merges overlapping spans (a non-empty intersection; touching spans stay apart), dropping
/// empty ones; the result is sorted.
pub fn merge_overlapping(spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = spans.iter().copied().filter(|(s, e)| s < e).collect();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The SemEval P/R/F1 combination (`compute_prec_rec_f1`).
pub fn prec_rec_f1(pn: f64, pd: usize, rn: f64, rd: usize) -> (f64, f64, f64) {
    let p = if pd > 0 { pn / pd as f64 } else { 0.0 };
    let r = if rd > 0 { rn / rd as f64 } else { 0.0 };
    let f1 = if p > 0.0 && r > 0.0 {
        2.0 * p * r / (p + r)
    } else if pd == 0 && rd == 0 {
        1.0
    } else {
        0.0
    };
    (p, r, f1)
}

/// Scores submitted spans against gold spans (see the module docs).
pub fn si_score(pred: &SpanMap, gold: &SpanMap) -> SiScore {
    let gold_m: BTreeMap<&str, Vec<(usize, usize)>> = gold
        .iter()
        .map(|(k, v)| (k.as_str(), merge_overlapping(v)))
        .collect();
    let n_gold: usize = gold_m.values().map(Vec::len).sum();
    let mut n_pred = 0usize;
    let (mut pn, mut rn) = (0.0f64, 0.0f64);
    for (id, spans) in pred {
        let p = merge_overlapping(spans);
        n_pred += p.len();
        let Some(g) = gold_m.get(id.as_str()) else {
            continue;
        };
        for &(ps, pe) in &p {
            for &(gs, ge) in g {
                let inter = pe.min(ge).saturating_sub(ps.max(gs));
                if inter == 0 {
                    continue;
                }
                pn += inter as f64 / (pe - ps) as f64;
                rn += inter as f64 / (ge - gs) as f64;
            }
        }
    }
    let (precision, recall, f1) = prec_rec_f1(pn, n_pred, rn, n_gold);
    SiScore {
        precision,
        recall,
        f1,
        precision_sum: pn,
        recall_sum: rn,
        predicted: n_pred,
        gold: n_gold,
    }
}

/// Writes spans in the SI submission format (`id TAB start TAB end` per line), sorted.
pub fn to_si_tsv(spans: &SpanMap) -> String {
    let mut s = String::new();
    for (id, v) in spans {
        for &(a, b) in &merge_overlapping(v) {
            s.push_str(&format!("{id}\t{a}\t{b}\n"));
        }
    }
    s
}

/// Reads an SI file (`id TAB start TAB end`, or the TC format `id TAB technique TAB start TAB
/// end`, keeping only rows whose technique is in `techniques` when that is not empty).
/// Malformed lines are skipped.
pub fn parse_labels(text: &str, techniques: &[&str]) -> SpanMap {
    let mut m = SpanMap::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.trim_end().split('\t').collect();
        let (id, tech, s, e) = match cols.as_slice() {
            [id, s, e] => (*id, None, *s, *e),
            [id, t, s, e] => (*id, Some(*t), *s, *e),
            _ => continue,
        };
        if let Some(t) = tech {
            if !techniques.is_empty() && !techniques.contains(&t) {
                continue;
            }
        }
        if let (Ok(s), Ok(e)) = (s.parse::<usize>(), e.parse::<usize>()) {
            m.entry(id.to_string()).or_default().push((s, e));
        }
    }
    m
}
