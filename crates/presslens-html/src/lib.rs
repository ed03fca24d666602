//! HTML intake: main text and metadata of a news page.
//!
//! [`extract`] runs the [`trafilatura`] crate (a Rust port of Python trafilatura) on one
//! page and returns an [`HtmlArticle`]: title, publication date, authors, site name,
//! canonical URL and the main text as paragraph-level blocks. Metadata that trafilatura
//! does not find is read from the page's own `<title>`, Open Graph / `article:` meta tags,
//! JSON-LD and `<time datetime>` elements.
//!
//! Hostile input is contained: input is size-checked, pathologically deep nesting is
//! flattened before parsing (see the `depth` module), and extraction runs on its own thread
//! with a large stack under [`std::panic::catch_unwind`], so a panic inside the extractor
//! becomes an [`HtmlError`].
//!
//! [`evaluate_dir`] scores [`extract`] on trafilatura's evaluation set the way upstream's
//! `tests/eval_common.py` does.

#![warn(missing_docs)]

mod blocks;
mod depth;
mod eval;
mod meta;

use std::borrow::Cow;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};

use scraper::Html;

pub use eval::{decode_html, evaluate_dir, ExtractionScore};

/// What was extracted from one HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// Headline: trafilatura's title, else `og:title` / `twitter:title`, else `<title>`.
    pub title: Option<String>,
    /// Publication date/time normalised to "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (or with
    /// "+HH:MM"/"Z" offset when the page states one), else None.
    pub published: Option<String>,
    /// Author names, in page order, without duplicates.
    pub authors: Vec<String>,
    /// Site / outlet name.
    pub site: Option<String>,
    /// Canonical URL when the page states one (`<link rel=canonical>` or `og:url`).
    pub url: Option<String>,
    /// Main-text blocks in page order, one per paragraph-level block (p, li, h2..,
    /// blockquote...), whitespace-collapsed, no empty strings, no newlines inside. Table
    /// rows are one block each, their cells separated by `" | "`; `<br>` splits a block.
    pub paragraphs: Vec<String>,
}

/// Why a page could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlError {
    /// Human-readable reason.
    pub message: String,
}

impl HtmlError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for HtmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HtmlError {}

/// Inputs larger than this are refused rather than parsed.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Element nesting kept by the pre-parse scan; deeper tags are dropped (their text is kept).
/// Real pages stay far below it (the deepest of the 470 evaluation pages is 41 levels), and
/// trafilatura's cost grows with elements × depth.
const PRESCAN_DEPTH: usize = 128;

/// Maximum element depth handed to trafilatura (whose own walks stop at 500).
const MAX_DOM_DEPTH: usize = 256;

/// Stack size of the extraction thread.
const EXTRACT_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Extracts the main text and metadata of one HTML page.
///
/// # Errors
///
/// Returns [`HtmlError`] when the input is empty, larger than [`MAX_INPUT_BYTES`], looks
/// like binary data rather than text, yields neither text nor a title, or when the
/// extractor panicked (the panic is caught; the default panic hook still reports it on
/// stderr).
pub fn extract(html: &str) -> Result<HtmlArticle, HtmlError> {
    if html.len() > MAX_INPUT_BYTES {
        return Err(HtmlError::new(format!(
            "input too large: {} bytes (limit {MAX_INPUT_BYTES})",
            html.len()
        )));
    }
    if html.chars().all(blocks::is_space) {
        return Err(HtmlError::new("empty input"));
    }
    if looks_binary(html) {
        return Err(HtmlError::new("input looks like binary data, not HTML"));
    }
    let owned = html.to_string();
    let spawned = std::thread::Builder::new()
        .name("presslens-html-extract".into())
        .stack_size(EXTRACT_STACK_BYTES)
        .spawn(move || extract_guarded(&owned));
    match spawned {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|p| Err(HtmlError::new(panic_message(p.as_ref())))),
        // No thread available: run here, still under catch_unwind.
        Err(_) => extract_guarded(html),
    }
}

fn extract_guarded(html: &str) -> Result<HtmlArticle, HtmlError> {
    panic::catch_unwind(AssertUnwindSafe(|| extract_inner(html)))
        .unwrap_or_else(|p| Err(HtmlError::new(panic_message(p.as_ref()))))
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    let detail = p
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("extractor panicked: {detail}")
}

/// More than 10% control characters / U+FFFD / NUL in the first 64 KiB.
fn looks_binary(html: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in html.chars().take(65_536) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) {
            bad += 1;
        }
    }
    total > 0 && bad * 10 > total
}

fn extract_options() -> trafilatura::Options {
    // The evaluation's settings: include_comments=False, include_tables=True, fast=False.
    trafilatura::Options::default()
        .with_fallback(true)
        .with_exclude_comments(true)
        .with_exclude_tables(false)
}

fn non_empty(s: &str) -> Option<String> {
    let s = blocks::clean_text(s);
    (!s.is_empty()).then_some(s)
}

fn extract_inner(html: &str) -> Result<HtmlArticle, HtmlError> {
    let limited = depth::limit_depth(html, PRESCAN_DEPTH);
    let doc = Html::parse_document(&limited);
    let input: Cow<'_, str> = if depth::dom_depth(&doc) > MAX_DOM_DEPTH {
        Cow::Owned(depth::serialize_capped(&doc, MAX_DOM_DEPTH))
    } else {
        limited
    };
    let page = meta::page_meta(&doc);
    drop(doc);

    let opts = extract_options();
    let (paragraphs, tmeta) = match trafilatura::extract(&input, &opts) {
        Ok(result) => {
            let mut paragraphs = blocks::paragraphs_from_html(&result.content_html);
            if paragraphs.is_empty() {
                paragraphs = result.content_text.lines().filter_map(non_empty).collect();
            }
            (paragraphs, result.metadata)
        }
        Err(_) => {
            let tdoc = trafilatura::dom::Document::parse(&input);
            (
                Vec::new(),
                trafilatura::metadata::extract_metadata(&tdoc, &opts),
            )
        }
    };

    let title = non_empty(&tmeta.title).or_else(|| page.title.clone());
    if paragraphs.is_empty() && title.is_none() {
        return Err(HtmlError::new("no main text or title found"));
    }

    let published = choose_date(tmeta.date, &page);

    let mut authors: Vec<String> = Vec::new();
    for a in tmeta.author.split(';').filter_map(non_empty) {
        if !authors.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
            authors.push(a);
        }
    }
    if authors.is_empty() {
        authors = page.authors;
    }

    Ok(HtmlArticle {
        title,
        published,
        authors,
        site: non_empty(&tmeta.sitename).or(page.site),
        url: page.url.or_else(|| non_empty(&tmeta.url)),
        paragraphs,
    })
}

/// Publication date policy: a date the page states as its publication date (meta tags,
/// JSON-LD) wins; else trafilatura's date (its htmldate port also guesses from the URL and
/// the text), with the time of day taken from a `<time>` element of the same day; else the
/// first `<time datetime>`.
fn choose_date(tdate: Option<chrono::NaiveDate>, page: &meta::PageMeta) -> Option<String> {
    if let Some(d) = page.dates.first() {
        return Some(d.clone());
    }
    match tdate {
        Some(d) => {
            let day = d.format("%Y-%m-%d").to_string();
            Some(
                page.dates
                    .iter()
                    .chain(&page.time_dates)
                    .find(|c| c.len() > day.len() && c.starts_with(&day))
                    .cloned()
                    .unwrap_or(day),
            )
        }
        None => page.time_dates.first().cloned(),
    }
}

#[cfg(test)]
mod tests;
