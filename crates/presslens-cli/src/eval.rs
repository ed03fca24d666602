//! `presslens eval …`: scorers against gold data.

use anyhow::{Context, Result};
use clap::Subcommand;
use presslens::eval::sentences;
use std::io::Write;
use std::path::PathBuf;

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
    }
}
