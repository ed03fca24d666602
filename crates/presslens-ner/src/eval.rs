//! Span-level scoring in the conlleval convention: a predicted entity counts only when its
//! tokens and its (CoNLL-mapped) type both match a gold entity exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use crate::data::Document;
use crate::features::bio_index;
use crate::{bio_to_spans, Recognizer};

/// Counts for one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Correct predicted entities.
    pub tp: usize,
    /// Predicted entities that are not gold.
    pub fp: usize,
    /// Gold entities not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 (harmonic mean of precision and recall).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per CoNLL type and overall.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvalReport {
    /// Per type (`PER`, `ORG`, `LOC`, `MISC`).
    pub per_type: BTreeMap<String, Counts>,
    /// Micro-averaged over the scored types.
    pub micro: Counts,
    /// Tokens tagged.
    pub tokens: usize,
    /// Seconds spent in [`Recognizer::recognize`].
    pub secs: f64,
}

const CONLL: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];

/// Scores a recogniser on gold documents. Predicted types are mapped to CoNLL types (see
/// [`crate::EntityType::conll`]). Only the types that occur in the gold data are scored (a
/// corpus without `MISC`, such as Universal NER, does not count `MISC` predictions as errors).
pub fn evaluate(rec: &Recognizer, gold: &[Document]) -> EvalReport {
    let mut types: BTreeSet<&str> = BTreeSet::new();
    for d in gold {
        for s in &d.sentences {
            for l in &s.labels {
                if let Some(t) = l.strip_prefix("B-") {
                    if let Some(&c) = CONLL.iter().find(|c| **c == t) {
                        types.insert(c);
                    }
                }
            }
        }
    }
    let mut rep = EvalReport::default();
    for t in &types {
        rep.per_type.insert((*t).to_string(), Counts::default());
    }
    for d in gold {
        let toks: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let t0 = Instant::now();
        let pred = rec.recognize(&toks);
        rep.secs += t0.elapsed().as_secs_f64();
        for (s, p) in d.sentences.iter().zip(&pred) {
            rep.tokens += s.words.len();
            let tags: Vec<u16> = s.labels.iter().map(|l| bio_index(l) as u16).collect();
            let g: BTreeSet<(usize, usize, &str)> = bio_to_spans(&tags)
                .into_iter()
                .map(|(a, b, t)| (a, b, CONLL[t.min(4)]))
                .collect();
            let p: BTreeSet<(usize, usize, &str)> = p
                .iter()
                .map(|e| (e.start, e.end, e.label.conll()))
                .filter(|(_, _, t)| types.contains(t))
                .collect();
            for x in &p {
                let c = rep.per_type.entry(x.2.to_string()).or_default();
                if g.contains(x) {
                    c.tp += 1;
                } else {
                    c.fp += 1;
                }
            }
            for x in g.difference(&p) {
                rep.per_type.entry(x.2.to_string()).or_default().fn_ += 1;
            }
        }
    }
    for c in rep.per_type.values() {
        rep.micro.tp += c.tp;
        rep.micro.fp += c.fp;
        rep.micro.fn_ += c.fn_;
    }
    rep
}

/// Lists the errors of a recogniser on gold documents, one line each: `FP` (predicted, not
/// gold) or `FN` (gold, not predicted), the CoNLL type, the span text and the sentence.
pub fn errors(rec: &Recognizer, gold: &[Document]) -> Vec<String> {
    let mut out = Vec::new();
    for d in gold {
        let toks: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let pred = rec.recognize(&toks);
        for ((s, p), t) in d.sentences.iter().zip(&pred).zip(&toks) {
            let tags: Vec<u16> = s.labels.iter().map(|l| bio_index(l) as u16).collect();
            let g: BTreeSet<(usize, usize, &str)> = bio_to_spans(&tags)
                .into_iter()
                .map(|(a, b, t)| (a, b, CONLL[t.min(4)]))
                .collect();
            let p: BTreeSet<(usize, usize, &str)> = p
                .iter()
                .map(|e| (e.start, e.end, e.label.conll()))
                .collect();
            for (kind, set, other) in [("FP", &p, &g), ("FN", &g, &p)] {
                for x in set.difference(other) {
                    out.push(format!(
                        "{kind}\t{}\t{}\t{}",
                        x.2,
                        t[x.0..x.1].join(" "),
                        t.join(" ")
                    ));
                }
            }
        }
    }
    out
}

/// Formats a report as a table (precision, recall, F1 in percent, gold and predicted counts).
pub fn format_report(rep: &EvalReport) -> String {
    let mut s = format!(
        "{:<6} {:>7} {:>7} {:>7} {:>6} {:>6}\n",
        "type", "prec", "recall", "F1", "gold", "pred"
    );
    let row = |name: &str, c: &Counts| {
        format!(
            "{:<6} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6}\n",
            name,
            100.0 * c.precision(),
            100.0 * c.recall(),
            100.0 * c.f1(),
            c.tp + c.fn_,
            c.tp + c.fp
        )
    };
    for (t, c) in &rep.per_type {
        s.push_str(&row(t, c));
    }
    s.push_str(&row("micro", &rep.micro));
    if rep.secs > 0.0 {
        s.push_str(&format!(
            "{} tokens in {:.3} s: {:.0} words/s (one thread)\n",
            rep.tokens,
            rep.secs,
            rep.tokens as f64 / rep.secs
        ));
    }
    s
}
