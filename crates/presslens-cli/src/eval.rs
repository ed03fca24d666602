//! `presslens eval …`: scorers against gold data.

use anyhow::{Context, Result};
use clap::Subcommand;
use presslens::eval::sentences;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to score.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Sentence-boundary precision, recall and F1 on CoNLL-U gold (e.g. UD EWT, GUM).
    Sentences {
        /// CoNLL-U files (all documents in them are scored together).
        #[arg(long = "gold", required = true, num_args = 1.., value_name = "FILE")]
        gold: Vec<PathBuf>,
        /// Also write the rebuilt gold texts as JSON Lines ({"id","text","ends"}, code point
        /// offsets), for scoring another system on the same texts (bench/sentences.py).
        #[arg(long, value_name = "FILE")]
        dump_docs: Option<PathBuf>,
    },
    /// Part of speech with the embedded model on CoNLL-U gold (UPOS and XPOS accuracy).
    Pos {
        /// A CoNLL-U file (e.g. UD EWT test).
        #[arg(long = "gold", value_name = "FILE")]
        gold: PathBuf,
    },
    /// Named entities with the embedded model (CoNLL span F1 per type and micro; CoNLL-2003,
    /// WikiGold, UNER or GUM files).
    Ner {
        /// The gold file.
        #[arg(long = "gold", value_name = "FILE")]
        gold: PathBuf,
    },
    /// HTML main-text extraction on trafilatura's evaluation set (precision, recall, F1 of
    /// the "with"/"without" segments).
    Html {
        /// The folder holding tests/evaldata.available.json, tests/eval and tests/cache.
        #[arg(long = "gold", value_name = "DIR")]
        gold: PathBuf,
        /// Only the English pages (selection.json "english").
        #[arg(long)]
        english: bool,
    },
    /// Temporal expressions on TimeML gold (TempEval-3 strict/relaxed span F1, value and type).
    Timex {
        /// Folders of .tml files (e.g. TimeBank and AQUAINT); all are scored together.
        #[arg(long = "gold", required = true, num_args = 1.., value_name = "DIR")]
        gold: Vec<PathBuf>,
    },
    /// Quantities on the English Number and NumberWithUnit specs of Microsoft Recognizers-Text
    /// (span P/R/F1 and the share of gold values reproduced).
    Quantity {
        /// The Specs folder (with Number/English and NumberWithUnit/English).
        #[arg(long = "gold", value_name = "DIR")]
        gold: PathBuf,
    },
    /// The trained attribution tagger on PolNeAR gold (exact and token-overlap P/R/F1 for
    /// source, cue and content); with `--pipeline`, the full pipeline's `attributions` layer.
    Attribution {
        /// PolNeAR split folder (with text/ and attributions/).
        #[arg(long = "gold", value_name = "DIR")]
        gold: PathBuf,
        /// The attribution model file.
        #[arg(long, value_name = "FILE", default_value = "models/attribution.bin")]
        model: PathBuf,
        /// Score the `attributions` layer of `presslens analyze` (every statement's source,
        /// cue and content span) instead of the tagger alone.
        #[arg(long)]
        pipeline: bool,
    },
    /// Loaded-language and name-calling spans on the Propaganda Techniques Corpus: the
    /// SemEval-2020 Task 11 span-identification P/R/F1 for Loaded_Language and
    /// Name_Calling,Labeling, for the lexicon, the tagger and both.
    Ptc {
        /// A PTC split folder (with `*-articles/` and
        /// `*-labels-task2-technique-classification/`), or one folder holding
        /// `article<id>.txt` and `article<id>.task2-TC.labels` files.
        #[arg(long = "gold", value_name = "DIR")]
        gold: PathBuf,
        /// A framing model file instead of the embedded `models/framing.bin`.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        /// Write the tagger's spans in the SI submission format (`id start end`, for
        /// `tools/task-SI_scorer.py`).
        #[arg(long, value_name = "FILE")]
        pred_out: Option<PathBuf>,
    },
}

/// Runs `eval ptc`.
fn eval_ptc(
    gold: &std::path::Path,
    model: Option<&std::path::Path>,
    pred_out: Option<&std::path::Path>,
) -> Result<u8> {
    use presslens_framing::score::{si_score, to_si_tsv, SiScore};
    use presslens_framing::{gold_map, predict_all, Framer, Predictor};
    let articles = presslens_framing::ptc::read_ptc_dir(gold)
        .with_context(|| format!("{}: cannot read PTC articles and labels", gold.display()))?;
    let owned;
    let framer: &Framer = match model {
        Some(p) => {
            let bytes = std::fs::read(p)
                .with_context(|| format!("{}: cannot read the framing model", p.display()))?;
            owned =
                Framer::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            &owned
        }
        None => Framer::embedded(),
    };
    let g = gold_map(&articles);
    let line = |name: &str, s: &SiScore| {
        println!(
            "{name:<8} P {:.4}  R {:.4}  F1 {:.4}  (spans predicted {}, gold {})",
            s.precision, s.recall, s.f1, s.predicted, s.gold
        );
    };
    println!(
        "ptc  articles {} ({} with gold spans)  techniques Loaded_Language + Name_Calling,Labeling  (SemEval-2020 Task 11 SI formula)",
        articles.len(),
        g.len()
    );
    let model_pred = predict_all(framer, &articles, Predictor::Model);
    line(
        "lexicon",
        &si_score(&predict_all(framer, &articles, Predictor::Lexicon), &g),
    );
    line("tagger", &si_score(&model_pred, &g));
    line(
        "union",
        &si_score(&predict_all(framer, &articles, Predictor::Union), &g),
    );
    if model.is_none() {
        println!("note: the embedded model was trained on the 301 public PTC train articles; scores on those articles are training-set scores (models/framing.md has the cross-validated figure)");
    }
    if let Some(p) = pred_out {
        std::fs::write(p, to_si_tsv(&model_pred))
            .with_context(|| format!("{}: cannot write", p.display()))?;
    }
    Ok(0)
}

/// Runs an eval subcommand; returns the exit code.
pub fn run(cmd: EvalCommand) -> Result<u8> {
    match cmd {
        EvalCommand::Sentences { gold, dump_docs } => {
            let texts = sentences::gold_texts(&gold)?;
            if let Some(path) = dump_docs {
                let f = std::fs::File::create(&path)
                    .with_context(|| format!("{}: cannot create", path.display()))?;
                let mut w = std::io::BufWriter::new(f);
                for g in &texts {
                    let idx = presslens::CharIndex::new(&g.text);
                    let ends: Vec<usize> = g.ends.iter().map(|&e| idx.char_offset(e)).collect();
                    let v = serde_json::json!({"id": g.id, "text": g.text, "ends": ends});
                    serde_json::to_writer(&mut w, &v)?;
                    writeln!(w)?;
                }
                w.flush()?;
            }
            let s = sentences::evaluate(&texts);
            println!(
                "sentences  docs {}  gold {}  predicted {}  correct {}",
                s.docs, s.gold, s.predicted, s.correct
            );
            println!(
                "precision {:.4}  recall {:.4}  F1 {:.4}",
                s.precision(),
                s.recall(),
                s.f1()
            );
            Ok(0)
        }
        EvalCommand::Pos { gold } => {
            let tagger = presslens::text::pos::tagger()
                .ok_or_else(|| anyhow::anyhow!("the embedded part-of-speech model is unusable"))?;
            let s = presslens_tagging::eval_pos(tagger, &gold)
                .with_context(|| format!("{}: cannot score", gold.display()))?;
            println!("pos  {s}");
            Ok(0)
        }
        EvalCommand::Ner { gold } => {
            let rec = presslens::entities::recognize::recognizer()
                .ok_or_else(|| anyhow::anyhow!("the embedded entity model is unusable"))?;
            let docs = presslens_ner::read_any(&gold, 0)
                .with_context(|| format!("{}: cannot read", gold.display()))?;
            let rep = presslens_ner::eval::evaluate(rec, &docs);
            print!("{}", presslens_ner::eval::format_report(&rep));
            Ok(0)
        }
        EvalCommand::Html { gold, english } => {
            let s = presslens_html::evaluate_dir(&gold, english)
                .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
            println!(
                "html  pages {}  failed {}  tp {}  fp {}  tn {}  fn {}",
                s.pages, s.failed, s.tp, s.fp, s.tn, s.fn_
            );
            println!(
                "precision {:.4}  recall {:.4}  F1 {:.4}  accuracy {:.4}",
                s.precision, s.recall, s.f1, s.accuracy
            );
            Ok(0)
        }
        EvalCommand::Timex { gold } => {
            let s = presslens_timex::evaluate_dir(&gold).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "timex  docs {}  gold {}  predicted {}",
                s.docs, s.gold, s.predicted
            );
            println!(
                "strict   P {:.2}  R {:.2}  F1 {:.2}",
                100.0 * s.strict_p,
                100.0 * s.strict_r,
                100.0 * s.strict_f1
            );
            println!(
                "relaxed  P {:.2}  R {:.2}  F1 {:.2}",
                100.0 * s.relaxed_p,
                100.0 * s.relaxed_r,
                100.0 * s.relaxed_f1
            );
            println!(
                "value F1 {:.2} (accuracy {:.2})  type F1 {:.2} (accuracy {:.2})",
                100.0 * s.value_f1,
                100.0 * s.value_accuracy,
                100.0 * s.type_f1,
                100.0 * s.type_accuracy
            );
            Ok(0)
        }
        EvalCommand::Quantity { gold } => {
            let s = presslens_quantities::evaluate_specs(&gold)
                .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
            println!(
                "{:<22} {:>6} {:>6} {:>7} {:>7} | {:>8} {:>8}",
                "file", "gold", "pred", "spanF1", "value", "adjF1", "adjValue"
            );
            let row = |name: &str,
                       r: presslens_quantities::specs::Counts,
                       a: presslens_quantities::specs::Counts| {
                println!(
                    "{:<22} {:>6} {:>6} {:>7.3} {:>7.3} | {:>8.3} {:>8.3}",
                    name,
                    r.gold,
                    r.pred,
                    r.f1(),
                    r.value_accuracy(),
                    a.f1(),
                    a.value_accuracy()
                );
            };
            for f in &s.files {
                row(&f.file, f.raw, f.adjusted);
            }
            row("overall", s.raw(), s.adjusted());
            println!("value = share of gold results whose value (and unit) is reproduced at the same span; adj* leave out the documented convention cases (presslens_quantities::specs::CONVENTIONS)");
            println!("{}", s.breakdown());
            Ok(0)
        }
        EvalCommand::Ptc {
            gold,
            model,
            pred_out,
        } => eval_ptc(&gold, model.as_deref(), pred_out.as_deref()),
        EvalCommand::Attribution {
            gold,
            pipeline: true,
            ..
        } => eval_attribution_pipeline(&gold),
        EvalCommand::Attribution { gold, model, .. } => {
            let bytes = std::fs::read(&model).with_context(|| {
                format!("{}: cannot read the attribution model", model.display())
            })?;
            let tagger = presslens_attrib::AttribTagger::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", model.display()))?;
            let score = presslens_attrib::evaluate(&gold, &tagger, &Default::default())
                .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
            println!("{score}");
            Ok(0)
        }
    }
}

/// Scores the pipeline's `attributions` layer on a PolNeAR split: each article is analysed as
/// plain text, and every attribution's source, cue and content span becomes BIO tags over the
/// gold tokens (the scorer and conventions of `presslens_attrib::score`).
fn eval_attribution_pipeline(gold: &Path) -> Result<u8> {
    use presslens_attrib::corpus::{load_dir, spans_to_tags, AnnotatorPolicy};
    use presslens_attrib::Role;
    let docs = load_dir(gold, AnnotatorPolicy::All)
        .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
    let mut score = presslens_attrib::AttribScore::default();
    let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    /// Role spans of one article, as `spans_to_tags` takes them.
    type RoleSpans = Vec<(Role, Vec<(usize, usize)>)>;
    let mut cache: Option<(String, RoleSpans)> = None;
    let mut skipped = 0usize;
    for d in &docs {
        // Several annotators share an article: analyse it once.
        let spans = match &cache {
            Some((name, spans)) if *name == d.name => spans.clone(),
            _ => {
                let doc = presslens::analyze_text(&d.text, &Default::default());
                // Intake normalises line ends and odd spaces: map spans back to the original.
                let (norm, map) = presslens::intake::encoding::normalize_with_map(&d.text);
                if doc.text() != norm {
                    skipped += 1;
                    cache = None;
                    continue;
                }
                let back = |s: presslens::document::Span| vec![(map[s.start], map[s.end])];
                let mut spans = Vec::new();
                for a in &doc.attributions {
                    *by_kind.entry(a.kind.as_str()).or_default() += 1;
                    if let Some(s) = a.source {
                        spans.push((Role::Source, back(s)));
                    }
                    if let Some(c) = a.cue {
                        spans.push((Role::Cue, back(c)));
                    }
                    spans.push((Role::Content, back(a.content)));
                }
                cache = Some((d.name.clone(), spans.clone()));
                spans
            }
        };
        let (pred, _) = spans_to_tags(&d.tokens, &spans);
        score.add_doc(&d.gold, &pred);
    }
    println!("pipeline attributions layer (presslens analyze), scored like the tagger");
    print!("{score}");
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!("attributions by kind (per article): {}", kinds.join(", "));
    if skipped > 0 {
        println!("{skipped} documents skipped: intake changed their text");
    }
    Ok(0)
}
