//! The `presslens` command: analyse articles, train models, score against gold data.

mod analyze;
mod batch;
mod eval;
mod serve;
mod store;
mod train;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: the pipeline allocates many small, short-lived
/// vectors per sentence, and glibc's malloc made tokenise+POS+NER about 12-30 % slower
/// (docs/measurements.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
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
    /// Analyse a corpus (directories, files, JSON Lines incl. .gz/.zst) in parallel into JSON Lines.
    Batch(batch::BatchArgs),
    /// Analyse articles into an embedded store (SQLite with full-text search) in --db DIR.
    Ingest(store::IngestArgs),
    /// Search a store: sentences, statements by source, figures by count type, with evidence.
    Search(store::SearchArgs),
    /// Group a store's articles into stories (near-duplicates included) and compare outlets.
    Stories(store::StoriesArgs),
    /// Train a model from the shared data (defaults: the shipped recipe; see models/*.md).
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `presslens man > presslens.1`.
    Man,
    /// Serve the article viewer on loopback: a paste box, and article, search and story pages.
    Serve(serve::ServeArgs),
}

/// Writes the man page of `presslens` (with its subcommands listed) to standard output.
fn man() -> anyhow::Result<u8> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    std::io::Write::write_all(&mut std::io::stdout(), &out)?;
    Ok(0)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Eval(e) => eval::run(e),
        Command::Batch(b) => batch::run(b),
        Command::Ingest(a) => store::ingest(a),
        Command::Search(a) => store::search(a),
        Command::Stories(a) => store::stories(a),
        Command::Serve(a) => serve::run(a),
        Command::Train(t) => train::run(t),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "presslens", &mut std::io::stdout());
            Ok(0)
        }
        Command::Man => man(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("presslens: {e:#}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}
