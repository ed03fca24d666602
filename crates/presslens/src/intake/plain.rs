//! Structure of a plain-text article: title, header lines (dateline, byline), body paragraphs and
//! "READ MORE"-style related links.
//!
//! The text is read as lines. Blank lines separate blocks; a block of several lines is one
//! hard-wrapped paragraph when its lines are short, otherwise one paragraph per line. The first
//! non-blank line is the title when it reads like a headline (short, no closing full stop) and
//! more text follows. Header lines right after it — dates and bylines — fill the metadata and are
//! not body. A wire dateline ("WASHINGTON (Reuters) -") opening the first paragraph is metadata
//! too, and the paragraph starts after it.

use super::dateline;
use crate::document::{Document, Span};

/// A non-blank line: its trimmed span and the block (blank-line-separated run) it belongs to.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
    block: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut block = 0usize;
    let mut prev_blank = false;
    let mut start = 0usize;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let span = Span::new(start, end).trim(text);
        if span.is_empty() {
            prev_blank = true;
        } else {
            if prev_blank && !out.is_empty() {
                block += 1;
            }
            prev_blank = false;
            out.push(Line { span, block });
        }
        start = end;
    }
    out
}

/// Prefixes that mark a line as a link to another article.
const RELATED_PREFIXES: [&str; 8] = [
    "read more",
    "related:",
    "related coverage",
    "see also:",
    "also read:",
    "read also:",
    "recommended:",
    "more from",
];

/// True for "READ MORE: …" and similar lines.
pub fn is_related_line(line: &str) -> bool {
    let head: String = line.chars().take(20).collect::<String>().to_lowercase();
    RELATED_PREFIXES.iter().any(|p| head.starts_with(p))
}

/// True when a line reads like a headline.
fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let chars = line.chars().count();
    let last = line.chars().last().unwrap_or('.');
    (1..=40).contains(&words) && chars <= 300 && !matches!(last, '.' | ':' | ';' | ',')
        || line.ends_with("...") && words <= 25
}

/// Finds title, header, paragraphs and related lines in `doc`'s text and fills its metadata.
/// `title_known` says the first line is the title (the input gave it separately).
pub fn structure(doc: &mut Document, title_known: bool) {
    let text = doc.text().to_string();
    let ls = lines(&text);
    let mut i = 0;
    // Header: title, then date and byline lines, in the first few lines.
    while i < ls.len() && i < 8 {
        let line = ls[i].span.slice(&text);
        if is_related_line(line) {
            break;
        }
        if let Some(h) = dateline::parse_header_line(line) {
            doc.header.push(ls[i].span);
            if h.has_date() && doc.meta.dateline.is_none() {
                doc.meta.dateline = Some(ls[i].span);
            }
            if !h.authors.is_empty() && doc.meta.byline.is_none() {
                doc.meta.byline = Some(ls[i].span);
                if doc.meta.authors.is_empty() {
                    doc.meta.authors = h.authors;
                }
            }
            if doc.meta.outlet.is_none() {
                doc.meta.outlet = h.outlet;
            }
            if doc.meta.published.is_none() {
                doc.meta.published = h.published.map(|w| w.render());
            }
            if doc.meta.updated.is_none() {
                doc.meta.updated = h.updated.map(|w| w.render());
            }
            i += 1;
            continue;
        }
        if i == 0 && ls.len() > 1 && (title_known || looks_like_title(line)) {
            doc.meta.title = Some(ls[i].span);
            i += 1;
            continue;
        }
        break;
    }
    // Body.
    let mut first_body = true;
    let mut j = i;
    while j < ls.len() {
        let block = ls[j].block;
        let mut k = j;
        while k < ls.len() && ls[k].block == block {
            k += 1;
        }
        let block_lines = &ls[j..k];
        for para in paragraphs_of_block(&text, block_lines) {
            let s = para.slice(&text);
            if is_related_line(s) {
                doc.related.push(para);
                continue;
            }
            let mut para = para;
            if first_body {
                first_body = false;
                if let Some(w) = dateline::wire_dateline(s) {
                    let prefix = Span::new(para.start, para.start + w.len).trim(&text);
                    if doc.meta.dateline.is_none() {
                        doc.meta.dateline = Some(prefix);
                    }
                    doc.meta.place = Some(w.place);
                    if doc.meta.outlet.is_none() {
                        doc.meta.outlet = w.outlet;
                    }
                    para = Span::new(para.start + w.len, para.end);
                }
            }
            doc.paragraphs.push(para);
        }
        j = k;
    }
}

/// Splits a block of lines into paragraphs: one when the block is hard-wrapped, else one per line.
fn paragraphs_of_block(text: &str, block: &[Line]) -> Vec<Span> {
    if block.len() == 1 {
        return vec![block[0].span];
    }
    let wrapped = block[..block.len() - 1].iter().all(|l| {
        let s = l.span.slice(text);
        let n = s.chars().count();
        (25..=110).contains(&n) && !starts_with_bullet(s)
    }) && !starts_with_bullet(block[block.len() - 1].span.slice(text));
    let any_related = block.iter().any(|l| is_related_line(l.span.slice(text)));
    if wrapped && !any_related {
        vec![Span::new(
            block[0].span.start,
            block[block.len() - 1].span.end,
        )]
    } else {
        block.iter().map(|l| l.span).collect()
    }
}

fn starts_with_bullet(s: &str) -> bool {
    s.starts_with("- ") || s.starts_with("* ") || s.starts_with("• ") || s.starts_with("– ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let mut d = Document::new(text.to_string());
        structure(&mut d, false);
        d
    }

    fn paras(d: &Document) -> Vec<&str> {
        d.paragraphs.iter().map(|p| d.slice(*p)).collect()
    }

    #[test]
    fn rt_shape() {
        let d = doc("Leaders talk peace\n\n24 Dec, 2016 00:10 / Updated 8 years ago\n\nFirst paragraph.\n\nREAD MORE: Another story\n\nSecond paragraph.");
        assert_eq!(d.slice(d.meta.title.unwrap()), "Leaders talk peace");
        assert_eq!(d.meta.published.as_deref(), Some("2016-12-24T00:10"));
        assert_eq!(d.meta.updated.as_deref(), Some("8 years ago"));
        assert_eq!(
            d.slice(d.meta.dateline.unwrap()),
            "24 Dec, 2016 00:10 / Updated 8 years ago"
        );
        assert_eq!(paras(&d), vec!["First paragraph.", "Second paragraph."]);
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.slice(d.related[0]), "READ MORE: Another story");
    }

    #[test]
    fn wire_shape_with_byline() {
        let d = doc("Senate passes the bill\nBy Jane Doe\nPublished: March 3, 2019 5:42 PM EST\n\nWASHINGTON (Reuters) - The Senate voted on Sunday.\n\nIt was close.");
        assert_eq!(d.slice(d.meta.title.unwrap()), "Senate passes the bill");
        assert_eq!(d.meta.authors, vec!["Jane Doe"]);
        assert_eq!(d.meta.published.as_deref(), Some("2019-03-03T17:42-05:00"));
        assert_eq!(d.meta.place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(
            paras(&d),
            vec!["The Senate voted on Sunday.", "It was close."]
        );
    }

    #[test]
    fn no_header_at_all() {
        let d = doc("The talks collapsed on Monday. Both sides blamed each other.\n\nA second paragraph follows.");
        assert!(d.meta.title.is_none());
        assert!(d.meta.published.is_none());
        assert_eq!(d.paragraphs.len(), 2);
        let d = doc("Just one line without a full stop");
        assert!(d.meta.title.is_none());
        assert_eq!(d.paragraphs.len(), 1);
    }

    #[test]
    fn wrapped_and_line_per_paragraph_blocks() {
        let d = doc("Title here\n\nThis paragraph was hard wrapped by an old mail\nprogram at a fixed width, so its lines are short\nand belong together.\n\nNext.");
        assert_eq!(d.paragraphs.len(), 2);
        assert!(paras(&d)[0].ends_with("belong together."));
        let long = "x ".repeat(80);
        let text = format!("Title here\n{long}one.\n{long}two.\n{long}three.");
        let d = doc(&text);
        assert_eq!(d.paragraphs.len(), 3);
    }
}
