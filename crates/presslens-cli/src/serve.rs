//! `presslens serve`: the web viewer (crate `presslens-web`) with a paste box that runs the
//! standard pipeline, over a store (`--db`) or a presslens/1 JSON Lines file (`--results`).

use anyhow::{Context, Result};
use clap::Args;
use presslens::intake::{self, InputKind};
use presslens::output::json::{error_record, to_value, JsonOptions};
use presslens::{Options, Pipeline};
use presslens_web::{
    serve_blocking, Analyzer, JsonlLibrary, Library, ServeConfig, StoreLibrary, DEFAULT_BODY_LIMIT,
};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Arguments of `presslens serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// A store made by `presslens ingest --db DIR`: article, search and story pages.
    #[arg(long, value_name = "DIR", conflicts_with = "results")]
    pub db: Option<PathBuf>,
    /// presslens/1 JSON Lines (`presslens analyze --format jsonl`): article and search pages.
    #[arg(long, value_name = "FILE")]
    pub results: Option<PathBuf>,
    /// Port to listen on (0 picks a free one; the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on. The default is loopback only; anything else exposes the server.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Largest request body in bytes (larger pastes get 413).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_BODY_LIMIT)]
    pub max_body: usize,
}

/// Runs `presslens serve` until interrupted; returns the exit code.
pub fn run(args: ServeArgs) -> Result<u8> {
    let library: Option<Arc<dyn Library>> = match (&args.db, &args.results) {
        (Some(db), _) => Some(Arc::new(StoreLibrary::open(db)?)),
        (None, Some(file)) => Some(Arc::new(
            JsonlLibrary::open(file).with_context(|| format!("--results {}", file.display()))?,
        )),
        (None, None) => None,
    };
    let pipeline = Arc::new(Pipeline::standard());
    let analyzer: Analyzer = Arc::new(move |text: &str, published: Option<&str>| {
        let published = match published.map(intake::parse_published) {
            None => None,
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                return error_record(None, "paste", None, &format!("published: {e}"));
            }
        };
        match intake::read_bytes(text.as_bytes(), "paste", InputKind::Auto) {
            Ok(raw) => {
                let doc = pipeline.run(raw, &Options { published });
                to_value(&doc, JsonOptions { tokens: false })
            }
            Err(e) => error_record(None, "paste", None, &e.to_string()),
        }
    });
    serve_blocking(ServeConfig {
        bind: args.bind,
        port: args.port,
        body_limit: args.max_body,
        analyzer: Some(analyzer),
        library,
    })?;
    Ok(0)
}
