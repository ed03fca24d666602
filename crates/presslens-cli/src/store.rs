//! `presslens ingest`, `presslens search` and `presslens stories`: the embedded corpus store.

use crate::batch::{progress, RunArgs};
use anyhow::{Context, Result};
use clap::Args;
use presslens_corpus::batch;
use presslens_corpus::store::{ClusterOptions, Filters, HitKind, Ingested, Store};
use presslens_corpus::Items;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `presslens ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Directories, files and JSON Lines (as for `presslens batch`), or `presslens batch`
    /// output files with --analysed.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    /// The store directory (created if needed).
    #[arg(long, value_name = "DIR")]
    pub db: PathBuf,
    /// The inputs are presslens/1 JSON Lines already (e.g. `presslens batch` output): store them
    /// without analysing again.
    #[arg(long)]
    pub analysed: bool,
    /// Threads, per-article limits and reference date (as for `presslens batch`).
    #[command(flatten)]
    pub run: RunArgs,
}

/// Arguments of `presslens search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find in sentences (FTS5 syntax allowed: "exact phrase", OR, NOT, prefix*).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    pub db: PathBuf,
    /// Only this outlet.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before (a prefix: 2016-12 is all of December).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Statements by this source (substring of the name, any case).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Statements by sources of this type.
    #[arg(long = "source-type", value_name = "T")]
    pub source_type: Option<String>,
    /// Only articles mentioning this entity.
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Figures of this count type (e.g. displaced, KILL).
    #[arg(long = "count-type", value_name = "T")]
    pub count_type: Option<String>,
    /// Statements of this kind: direct, partial, indirect, according_to, colon.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Articles with framing words of this category: labeling, loaded, evaluative, booster,
    /// hedge, distancing.
    #[arg(long, value_name = "CATEGORY")]
    pub framing: Option<String>,
    /// Most hits.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print hits as JSON Lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `presslens stories`.
#[derive(Args, Debug)]
pub struct StoriesArgs {
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    pub db: PathBuf,
    /// List the stories of the last clustering without clustering again.
    #[arg(long)]
    pub no_cluster: bool,
    /// Near-duplicate threshold (estimated Jaccard of word 4-gram sets).
    #[arg(long, default_value_t = 0.5)]
    pub duplicate: f64,
    /// Story link threshold (half content-word, half entity-name Jaccard).
    #[arg(long, default_value_t = 0.3)]
    pub story: f64,
    /// Most days between articles of one story.
    #[arg(long, default_value_t = 3)]
    pub max_days: i64,
}

/// Runs `presslens ingest`; returns the exit code.
pub fn ingest(args: IngestArgs) -> Result<u8> {
    let (opts, batch_opts) = match args.run.resolve() {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let mut store = Store::open(&args.db).with_context(|| format!("{}", args.db.display()))?;
    let analyzer: batch::Analyzer<serde_json::Value> = if args.analysed {
        std::sync::Arc::new(|item: &presslens_corpus::Item| match &item.payload {
            presslens_corpus::Payload::Record(line) => {
                let v: serde_json::Value = serde_json::from_str(line)
                    .map_err(|e| format!("{}:{}: {e}", item.input, item.line.unwrap_or(0)))?;
                if let Some(err) = v.get("error") {
                    return Err(format!("error record: {err}"));
                }
                Ok(v)
            }
            presslens_corpus::Payload::Failed(m) => Err(m.clone()),
            presslens_corpus::Payload::File(_) => {
                Err(format!("{}: --analysed takes JSON Lines", item.input))
            }
        })
    } else {
        batch::standard_analyzer(opts)
    };
    let (mut new, mut dup, mut failed) = (0u64, 0u64, 0u64);
    let pb = progress();
    let summary = batch::run(
        Items::new(&args.inputs, args.run.max_bytes),
        analyzer,
        &batch_opts,
        |rec| {
            if let Some(pb) = &pb {
                pb.inc(1);
            }
            let msg = match &rec.result {
                Ok(v) => match store.ingest(v, &rec.input) {
                    Ok(Ingested::New(_)) => {
                        new += 1;
                        return Ok(());
                    }
                    Ok(Ingested::Duplicate(_)) => {
                        dup += 1;
                        return Ok(());
                    }
                    Err(e) => format!("{}: {e}", rec.id),
                },
                Err(m) => m.clone(),
            };
            failed += 1;
            eprintln!("presslens: {msg}");
            Ok(())
        },
    );
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    if let Err(e) = summary {
        eprintln!("presslens: {e}");
        return Ok(crate::EXIT_INPUT);
    }
    eprintln!(
        "presslens: ingest: {new} new, {dup} already stored, {failed} errors; {} articles in {}",
        store.count().unwrap_or(0),
        args.db.display()
    );
    Ok(if failed > 0 { crate::EXIT_INPUT } else { 0 })
}

fn open_existing(db: &std::path::Path) -> Result<Store> {
    if !db.join("presslens.sqlite").exists() {
        anyhow::bail!(
            "{}: no presslens store here (run presslens ingest)",
            db.display()
        );
    }
    Store::open(db).with_context(|| format!("{}", db.display()))
}

/// Runs `presslens search`; returns the exit code.
pub fn search(args: SearchArgs) -> Result<u8> {
    let store = open_existing(&args.db)?;
    let query = args.query.join(" ");
    let f = Filters {
        query: (!query.trim().is_empty()).then_some(query),
        outlet: args.outlet,
        from: args.from,
        to: args.to,
        source: args.source,
        source_type: args.source_type,
        entity: args.entity,
        count_type: args.count_type,
        kind: args.kind,
        framing: args.framing,
        limit: args.limit,
    };
    let hits = store.search(&f)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for h in &hits {
        if args.json {
            let v = serde_json::json!({
                "kind": format!("{:?}", h.kind).to_lowercase(),
                "article": h.article, "id": h.ext_id, "title": h.title, "outlet": h.outlet,
                "published": h.published,
                "evidence": {"start": h.start, "end": h.end, "text": h.text},
                "who": h.who, "detail": h.detail,
            });
            writeln!(out, "{v}")?;
            continue;
        }
        writeln!(
            out,
            "[{}] {} | {} | {}",
            h.article,
            h.published.as_deref().unwrap_or("?"),
            h.outlet.as_deref().unwrap_or("?"),
            h.title
                .as_deref()
                .or(h.ext_id.as_deref())
                .unwrap_or("(untitled)")
        )?;
        match h.kind {
            HitKind::Statement => writeln!(
                out,
                "  {} ({}) @{}..{}: \u{201c}{}\u{201d}",
                h.who.as_deref().unwrap_or("?"),
                h.detail.as_deref().unwrap_or(""),
                h.start,
                h.end,
                h.text
            )?,
            HitKind::Figure => {
                writeln!(
                    out,
                    "  {} [{}] @{}..{}",
                    h.text,
                    h.who.as_deref().unwrap_or(""),
                    h.start,
                    h.end
                )?;
                if let Some(s) = &h.detail {
                    writeln!(out, "    in: {s}")?;
                }
            }
            HitKind::Sentence => writeln!(out, "  @{}..{}: {}", h.start, h.end, h.text)?,
            HitKind::Article => {}
        }
    }
    out.flush()?;
    eprintln!("presslens: {} hits", hits.len());
    Ok(0)
}

/// Runs `presslens stories`; returns the exit code.
pub fn stories(args: StoriesArgs) -> Result<u8> {
    let mut store = open_existing(&args.db)?;
    if !args.no_cluster {
        store.cluster(&ClusterOptions {
            duplicate: args.duplicate,
            story: args.story,
            max_days: args.max_days,
        })?;
    }
    let stories = store.list_stories()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in &stories {
        writeln!(out, "story {} ({} articles)", s.id, s.articles.len())?;
        for a in &s.articles {
            let dup = a
                .dup_of
                .map(|d| format!("  [near-duplicate of {d}]"))
                .unwrap_or_default();
            writeln!(
                out,
                "  [{}] {} | {} | {}{dup}",
                a.id,
                a.published.as_deref().unwrap_or("?"),
                a.outlet.as_deref().unwrap_or("?"),
                a.title
                    .as_deref()
                    .or(a.ext_id.as_deref())
                    .unwrap_or("(untitled)")
            )?;
        }
        for o in &s.outlets {
            writeln!(out, "  {}:", o.outlet)?;
            let quotes: Vec<String> = o
                .sources
                .iter()
                .map(|(n, c)| format!("{n} ({c})"))
                .collect();
            writeln!(out, "    quotes:  {}", quotes.join(", "))?;
            let figs: Vec<String> = o
                .figures
                .iter()
                .map(|(t, c)| match c {
                    Some(c) => format!("{t} [{c}]"),
                    None => t.clone(),
                })
                .collect();
            writeln!(out, "    figures: {}", figs.join(", "))?;
            if !o.framing.is_empty() {
                writeln!(out, "    framing: {}", o.framing.join(", "))?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    eprintln!("presslens: {} stories", stories.len());
    Ok(0)
}
