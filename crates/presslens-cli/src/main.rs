//! The `presslens` command: analyse articles, train models, score against gold data.

mod analyze;
mod eval;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code for input errors (some input could not be analysed).
pub const EXIT_INPUT: u8 = 1;
/// Exit code for usage errors (clap also uses 2).
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "presslens",
    version,
    about = "Reads news articles and reports, with evidence, who said what, according to whom, when, with which numbers and in which words.",
    after_help = "Examples:\n  presslens analyze examples/rt-2016-12-24-assad-thanks-putin-aleppo.txt\n  presslens analyze --format json article.txt > article.json\n  presslens analyze --format jsonl articles.jsonl > results.jsonl\n  cat page.html | presslens analyze --format json -\n  presslens eval sentences --gold ../shared/data/ud-ewt/en_ewt-ud-test.conllu\n\nExit codes: 0 success, 1 some input could not be analysed, 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (plain text, HTML, or JSON Lines) and print the result.
    Analyze(analyze::AnalyzeArgs),
    /// Score presslens against gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Eval(e) => eval::run(e),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("presslens: {e:#}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}
