//! The span scorer: exact-span and token-overlap precision, recall and F1 per role.
//!
//! # Convention
//!
//! Gold and predicted spans are token spans. Gold spans come from the BIO conversion of each
//! annotation file ([`crate::corpus::spans_to_tags`]): every contiguous fragment of a `T`
//! annotation is one span (the two halves of a discontinuous content around `he said` are two
//! spans, as in CofeNet's BIO data). Predicted spans are the tagger's BIO spans; the tagger runs
//! paragraph by paragraph.
//!
//! - **Exact** (CofeNet's `exact_match`, Citron's exact metric for spans): a predicted span is a
//!   true positive when a gold span of the same role covers exactly the same tokens.
//!   P = TP / predicted spans, R = TP / gold spans, F1 = 2PR / (P + R); counts are summed over
//!   all documents (micro average).
//! - **Overlap** (Citron's overlap metric): with `overlap` the number of tokens that are inside a
//!   predicted span and a gold span of the same role, P = overlap / tokens in predicted spans and
//!   R = overlap / tokens in gold spans, summed over all documents; F1 from P and R. (PolNeAR is
//!   univocal, so spans of one role never overlap and this equals per-role token P/R.)
//!
//! # Checked against CofeNet's scorer
//!
//! CofeNet (`exe/eval/evaluation.py`, `evaluate_extraction`, `exact_match`) decodes each
//! instance's BIO labels into `[start, end)` spans per role (an `I-` that does not continue a
//! span of its role is dropped), counts a gold span as found when the identical span is among
//! the predicted ones and a predicted span as a false positive otherwise, pools those counts over
//! all instances and reports binary precision / recall / F1 per role: the micro exact-span
//! figure computed here. Its PolNeAR data (`res/polnear/*.txt`) has one instance per CoreNLP
//! sentence, with sentences merged so that no attribution is cut; spans are therefore whole,
//! a discontinuous content around `he said` is two `B-content` spans, and two adjacent spans
//! of different attributions are `B … B` — exactly the gold spans built here. Every
//! article–annotator pair is an instance set (ids end in the annotator). Differences: CofeNet
//! tags instances whose boundaries come from the gold attributions; presslens tags whole
//! paragraphs, which is harder. Orphan `I-` tags cannot occur here (gold from
//! [`crate::corpus::spans_to_tags`], predictions from BIO-constrained Viterbi), so the two
//! decoders agree.
//!
//! Articles with several annotators: with [`AnnotatorPolicy::All`] (the default, used for the
//! reported numbers) every `.ann` file is a document of its own and the tagger's output is
//! scored against each, which is how CofeNet's PolNeAR data is built (one instance set per
//! article–annotator pair). [`AnnotatorPolicy::First`] keeps only the alphabetically first
//! annotator.

use std::fmt;
use std::path::Path;

use crate::corpus::{load_dir, AnnotatorPolicy, Document};
use crate::tokenize::paragraphs;
use crate::{tags_to_spans, AttribError, AttribTagger, Role, Tag};

/// Counts behind a precision / recall / F1 triple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Prf {
    /// Matches (exact: matched spans; overlap: overlapping tokens).
    pub tp: u64,
    /// Predicted spans (exact) or tokens in predicted spans (overlap).
    pub pred: u64,
    /// Gold spans (exact) or tokens in gold spans (overlap).
    pub gold: u64,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn p(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    /// Recall (0 when there is no gold).
    pub fn r(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Prf) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// Scores of one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoleScore {
    /// Exact-span counts.
    pub exact: Prf,
    /// Token-overlap counts.
    pub overlap: Prf,
}

/// Scores per role ([`Role::index`] order: source, cue, content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AttribScore {
    /// Per-role scores.
    pub roles: [RoleScore; 3],
    /// Documents scored.
    pub docs: usize,
    /// Tokens scored.
    pub tokens: usize,
}

impl AttribScore {
    /// Scores of one role.
    pub fn role(&self, r: Role) -> &RoleScore {
        &self.roles[r.index()]
    }

    /// Adds one document's gold and predicted tags (same length).
    pub fn add_doc(&mut self, gold: &[Tag], pred: &[Tag]) {
        let gs = tags_to_spans(gold);
        let ps = tags_to_spans(pred);
        let mut per = [RoleScore::default(); 3];
        for s in &gs {
            per[s.role.index()].exact.gold += 1;
        }
        for s in &ps {
            let e = &mut per[s.role.index()].exact;
            e.pred += 1;
            if gs.binary_search(s).is_ok() || gs.contains(s) {
                e.tp += 1;
            }
        }
        for (g, p) in gold.iter().zip(pred) {
            if let Some(r) = g.role() {
                per[r.index()].overlap.gold += 1;
            }
            if let Some(r) = p.role() {
                per[r.index()].overlap.pred += 1;
                if g.role() == Some(r) {
                    per[r.index()].overlap.tp += 1;
                }
            }
        }
        for (a, b) in self.roles.iter_mut().zip(&per) {
            a.exact.add(&b.exact);
            a.overlap.add(&b.overlap);
        }
        self.docs += 1;
        self.tokens += gold.len();
    }

    /// Mean exact F1 over the three roles.
    pub fn mean_exact_f1(&self) -> f64 {
        self.roles.iter().map(|r| r.exact.f1()).sum::<f64>() / 3.0
    }
}

impl fmt::Display for AttribScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} documents, {} tokens", self.docs, self.tokens)?;
        writeln!(
            f,
            "{:<8} {:>6} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
            "role", "exP", "exR", "exF1", "n_gold", "ovP", "ovR", "ovF1"
        )?;
        for r in Role::ALL {
            let s = self.role(r);
            writeln!(
                f,
                "{:<8} {:>6.1} {:>6.1} {:>6.1} {:>6} | {:>6.1} {:>6.1} {:>6.1}",
                r.as_str().to_lowercase(),
                100.0 * s.exact.p(),
                100.0 * s.exact.r(),
                100.0 * s.exact.f1(),
                s.exact.gold,
                100.0 * s.overlap.p(),
                100.0 * s.overlap.r(),
                100.0 * s.overlap.f1()
            )?;
        }
        Ok(())
    }
}

/// Evaluation settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalOptions {
    /// Which annotation files to score against.
    pub policy: AnnotatorPolicy,
    /// Use only the first this many passes of the tagger (`usize::MAX`: all).
    pub passes: usize,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            policy: AnnotatorPolicy::All,
            passes: usize::MAX,
        }
    }
}

/// Tags a whole document paragraph by paragraph.
pub fn tag_document(tagger: &AttribTagger, doc: &Document, passes: usize) -> Vec<Tag> {
    let mut out = Vec::with_capacity(doc.tokens.len());
    for (a, b) in paragraphs(&doc.text, &doc.tokens) {
        out.extend(tagger.tag_passes(&doc.text, &doc.tokens[a..b], passes));
    }
    out
}

/// Scores already loaded documents.
pub fn evaluate_docs(tagger: &AttribTagger, docs: &[Document], passes: usize) -> AttribScore {
    let mut score = AttribScore::default();
    for d in docs {
        let pred = tag_document(tagger, d, passes);
        score.add_doc(&d.gold, &pred);
    }
    score
}

/// Evaluates `tagger` on a PolNeAR split directory (`text/` and `attributions/`); see the module
/// docs for the convention. The result's `Display` prints the table.
pub fn evaluate(
    gold_dir: &Path,
    tagger: &AttribTagger,
    opts: &EvalOptions,
) -> Result<AttribScore, AttribError> {
    let docs = load_dir(gold_dir, opts.policy)?;
    Ok(evaluate_docs(tagger, &docs, opts.passes))
}
