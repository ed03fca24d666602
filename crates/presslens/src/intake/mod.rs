//! Intake: raw input in, a [`Document`] with its text, metadata, paragraphs and related links out.
//!
//! Every kind of input (plain text, HTML, a JSON Lines record) is first turned into a
//! [`RawArticle`]; [`build`] then makes the one normalised text that all later layers point into,
//! and [`plain::structure`] finds the title, dateline, byline, body paragraphs and "READ MORE" lines.

pub mod dateline;
pub mod encoding;
pub mod jsonl;
pub mod plain;

use crate::document::Document;
use crate::error::Error;

/// An article as it arrives, before structure is found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawArticle {
    /// Caller's identifier.
    pub id: Option<String>,
    /// The headline, when the input gives it separately from the text.
    pub title: Option<String>,
    /// The article text (for HTML: the extracted main-text blocks joined by blank lines).
    pub text: String,
    /// Publication time given by the input's metadata.
    pub published: Option<String>,
    /// Authors given by the input's metadata.
    pub authors: Vec<String>,
    /// The page's address.
    pub url: Option<String>,
    /// The outlet or site name.
    pub outlet: Option<String>,
}

/// How to read an input's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    /// Decide from the name and the first bytes.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
}

/// The largest input accepted by default (bytes): generous for any real article.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Decodes one input (a file's bytes) into a raw article. `name` is used in errors and as the id.
pub fn read_bytes(bytes: &[u8], name: &str, kind: InputKind) -> Result<RawArticle, Error> {
    if bytes.len() > DEFAULT_MAX_BYTES {
        return Err(Error::TooLarge {
            input: name.to_string(),
            size: bytes.len(),
            limit: DEFAULT_MAX_BYTES,
        });
    }
    let kind = match kind {
        InputKind::Auto if looks_like_html(name, bytes) => InputKind::Html,
        InputKind::Auto => InputKind::Text,
        k => k,
    };
    match kind {
        InputKind::Html => read_html(bytes, name),
        _ => {
            let text = encoding::decode(bytes, name)?;
            Ok(RawArticle {
                text,
                ..RawArticle::default()
            })
        }
    }
}

fn looks_like_html(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<?xml")
}

fn read_html(bytes: &[u8], name: &str) -> Result<RawArticle, Error> {
    let html = presslens_html::decode_html(bytes);
    if html.trim().is_empty() {
        return Err(Error::Empty {
            input: name.to_string(),
        });
    }
    let art = presslens_html::extract(&html).map_err(|e| Error::Html {
        input: name.to_string(),
        message: e.to_string(),
    })?;
    if art.paragraphs.is_empty() {
        return Err(Error::Html {
            input: name.to_string(),
            message: "no main text found".to_string(),
        });
    }
    Ok(RawArticle {
        id: None,
        title: art.title,
        text: art.paragraphs.join("\n\n"),
        published: art.published,
        authors: art.authors,
        url: art.url,
        outlet: art.site,
    })
}

/// Builds the analysed document from a raw article: normalises the text, puts a separately given
/// title in front of it (unless the text already starts with it), and finds the structure.
/// `published` (e.g. from `--published`) overrides every date the input carries.
pub fn build(raw: RawArticle, published: Option<&str>) -> Document {
    let body = encoding::normalize(&raw.text);
    let title = raw
        .title
        .as_deref()
        .map(|t| {
            encoding::normalize(t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty());
    let (text, title_known) = match &title {
        Some(t) => {
            let first = body.trim_start().lines().next().unwrap_or("").trim();
            if first.eq_ignore_ascii_case(t) {
                (body, true)
            } else {
                (format!("{t}\n\n{body}"), true)
            }
        }
        None => (body, false),
    };
    let mut doc = Document::new(text);
    doc.meta.id = raw.id;
    doc.meta.url = raw.url;
    doc.meta.outlet = raw.outlet;
    doc.meta.authors = raw.authors;
    plain::structure(&mut doc, title_known);
    if let Some(p) = raw.published {
        doc.meta.published = Some(p);
    }
    if let Some(p) = published {
        doc.meta.published = Some(p.to_string());
    }
    doc
}

/// Checks and normalises a caller-given date (`--published`): ISO date or date-time, or any shape
/// a dateline may take.
pub fn parse_published(value: &str) -> Result<String, Error> {
    dateline::parse_datetime(value)
        .map(|s| s.iso())
        .ok_or_else(|| Error::BadDate {
            value: value.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separate_title_is_prepended_once() {
        let raw = RawArticle {
            title: Some("Talks resume".into()),
            text: "Negotiators met on Monday.".into(),
            ..RawArticle::default()
        };
        let d = build(raw, None);
        assert_eq!(d.text(), "Talks resume\n\nNegotiators met on Monday.");
        assert_eq!(d.slice(d.meta.title.unwrap()), "Talks resume");
        let raw = RawArticle {
            title: Some("Talks resume".into()),
            text: "Talks resume\n\nNegotiators met on Monday.".into(),
            ..RawArticle::default()
        };
        let d = build(raw, None);
        assert_eq!(d.text(), "Talks resume\n\nNegotiators met on Monday.");
    }

    #[test]
    fn published_override_wins() {
        let raw = RawArticle {
            text: "Headline\n\n24 Dec, 2016 00:10\n\nBody text here.".into(),
            ..RawArticle::default()
        };
        let d = build(raw.clone(), None);
        assert_eq!(d.meta.published.as_deref(), Some("2016-12-24T00:10"));
        let d = build(raw, Some("2017-01-01"));
        assert_eq!(d.meta.published.as_deref(), Some("2017-01-01"));
    }

    #[test]
    fn parse_published_accepts_iso_and_refuses_junk() {
        assert_eq!(parse_published("2016-12-24").unwrap(), "2016-12-24");
        assert_eq!(
            parse_published("2016-12-24T00:10").unwrap(),
            "2016-12-24T00:10"
        );
        assert!(parse_published("yesterday-ish").is_err());
    }

    #[test]
    fn html_is_detected() {
        assert!(looks_like_html("a.txt", b"<!DOCTYPE html><html>"));
        assert!(looks_like_html("a.HTM", b"hello"));
        assert!(!looks_like_html("a.txt", b"Title\n\nBody"));
    }
}
