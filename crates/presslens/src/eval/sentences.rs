//! Sentence-boundary scoring on CoNLL-U gold.
//!
//! Each gold document becomes running text: sentences joined by one space within a paragraph,
//! paragraphs separated by a blank line. A boundary is the offset just after a sentence's last
//! non-space character; precision, recall and F1 are computed over the boundaries of all
//! documents pooled. `bench/sentences.py` scores spaCy on exactly the same texts (it reads them
//! from [`GoldText`] dumps), so the two figures are comparable.

use super::conllu::{read_docs, GoldDoc};
use crate::error::Error;
use crate::intake::encoding::normalize;
use crate::intake::RawArticle;
use crate::pipeline::{Options, Pipeline};
use std::collections::HashSet;
use std::path::PathBuf;

/// A gold document as running text with its sentence end offsets (bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldText {
    /// Document id.
    pub id: String,
    /// The running text.
    pub text: String,
    /// Byte offsets just after each gold sentence.
    pub ends: Vec<usize>,
}

/// Joins a gold document into running text (normalised as intake would, so offsets agree).
pub fn gold_text(doc: &GoldDoc) -> GoldText {
    let mut text = String::new();
    let mut ends = Vec::new();
    for (pi, par) in doc.paragraphs.iter().enumerate() {
        if pi > 0 {
            text.push_str("\n\n");
        }
        for (si, s) in par.iter().enumerate() {
            if si > 0 {
                text.push(' ');
            }
            text.push_str(&normalize(s));
            ends.push(text.len());
        }
    }
    GoldText {
        id: doc.id.clone(),
        text,
        ends,
    }
}

/// Reads the gold texts of several CoNLL-U files.
pub fn gold_texts(files: &[PathBuf]) -> Result<Vec<GoldText>, Error> {
    let mut out = Vec::new();
    for f in files {
        for d in read_docs(f)? {
            let g = gold_text(&d);
            if !g.text.trim().is_empty() {
                out.push(g);
            }
        }
    }
    Ok(out)
}

/// Precision, recall and F1 over pooled boundaries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundaryScore {
    /// Documents scored.
    pub docs: usize,
    /// Gold boundaries.
    pub gold: usize,
    /// Predicted boundaries.
    pub predicted: usize,
    /// Predicted boundaries that are gold.
    pub correct: usize,
}

impl BoundaryScore {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// F1.
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

/// Runs the standard pipeline on each gold text and scores its sentence ends.
pub fn evaluate(texts: &[GoldText]) -> BoundaryScore {
    let pipeline = Pipeline::standard();
    let mut score = BoundaryScore {
        docs: texts.len(),
        gold: 0,
        predicted: 0,
        correct: 0,
    };
    for g in texts {
        let raw = RawArticle {
            text: g.text.clone(),
            ..RawArticle::default()
        };
        let doc = pipeline.run(raw, &Options::default());
        let gold: HashSet<usize> = g.ends.iter().copied().collect();
        let pred: HashSet<usize> = doc.sentences.iter().map(|s| s.span.end).collect();
        score.gold += gold.len();
        score.predicted += pred.len();
        score.correct += pred.intersection(&gold).count();
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_imperfect() {
        let d = GoldDoc {
            id: "d".into(),
            paragraphs: vec![
                vec!["It rained.".into(), "We left.".into()],
                vec!["Then sun.".into()],
            ],
        };
        let g = gold_text(&d);
        assert_eq!(g.text, "It rained. We left.\n\nThen sun.");
        let s = evaluate(&[g]);
        assert_eq!((s.gold, s.predicted, s.correct), (3, 3, 3));
        assert!((s.f1() - 1.0).abs() < 1e-9);
        let d = GoldDoc {
            id: "d".into(),
            paragraphs: vec![vec!["Mr".into(), "Smith left.".into()]],
        };
        let s = evaluate(&[gold_text(&d)]);
        assert_eq!((s.gold, s.predicted, s.correct), (2, 1, 1));
    }
}
