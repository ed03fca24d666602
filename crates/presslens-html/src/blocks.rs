//! Splits trafilatura's cleaned content HTML into paragraph-level text blocks.

use ego_tree::iter::Edge;
use scraper::{Html, Node};
use unicode_normalization::UnicodeNormalization;

/// Whitespace as Python's `str.isspace` sees it (the evaluation normalises with `\s`):
/// Unicode `White_Space` plus the information separators U+001C..U+001F.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Collapses whitespace like [`collapse_ws`] and applies Unicode NFC normalisation (as
/// trafilatura does to its text output), so decomposed accents compare equal to composed ones.
pub(crate) fn clean_text(text: &str) -> String {
    let collapsed = collapse_ws(text);
    if unicode_normalization::is_nfc_quick(collapsed.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        collapsed
    } else {
        collapsed.nfc().collect()
    }
}

/// Collapses every whitespace run to one space and trims (Python `re.sub(r"\s+", " ", t).strip()`).
pub(crate) fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Elements whose boundaries end a paragraph-level block.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "br",
    "head",
    "list",
    "item",
    "quote",
    "row",
    "lb",
];

/// Elements whose text is never content.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "textarea", "select", "button", "input",
];

/// Table cells: cells of one row stay in one block, separated by `" | "`.
const CELL: &[&str] = &["td", "th", "cell"];

struct Collector {
    blocks: Vec<String>,
    buf: String,
}

impl Collector {
    fn flush(&mut self) {
        let text = clean_text(&self.buf);
        self.buf.clear();
        if !text.is_empty() {
            self.blocks.push(text);
        }
    }
}

/// Walks `html` (a fragment or document) and returns its text, one string per paragraph-level
/// block, in document order, whitespace-collapsed, without empty strings.
pub(crate) fn paragraphs_from_html(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    paragraphs_from_tree(&doc)
}

/// As [`paragraphs_from_html`], on an already-parsed tree.
pub(crate) fn paragraphs_from_tree(doc: &Html) -> Vec<String> {
    let mut c = Collector {
        blocks: Vec::new(),
        buf: String::new(),
    };
    // Depth inside a skipped element (0 = not skipping).
    let mut skipping = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skipping > 0 || SKIP.contains(&name) {
                        skipping += 1;
                        continue;
                    }
                    if BLOCK.contains(&name) {
                        c.flush();
                    } else if CELL.contains(&name) && !collapse_ws(&c.buf).is_empty() {
                        c.buf.push_str(" | ");
                    }
                }
                Node::Text(t) if skipping == 0 => c.buf.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    if BLOCK.contains(&el.name()) {
                        c.flush();
                    }
                }
            }
        }
    }
    c.flush();
    c.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_applied() {
        assert_eq!(clean_text("gepru\u{308}ft  x"), "gepr\u{fc}ft x");
    }

    #[test]
    fn collapse_matches_python_norm() {
        assert_eq!(collapse_ws("  a\u{a0}\u{a0}b\n\tc \u{1f}d  "), "a b c d");
        assert_eq!(collapse_ws(" \n "), "");
    }

    #[test]
    fn blocks_follow_structure() {
        let html = "<h2>Head</h2><p>One <b>bold</b>, two.</p><ul><li>x</li><li>y<br>z</li></ul>\
                    <table><tr><td>a</td><td>b</td></tr></table><script>bad()</script>";
        assert_eq!(
            paragraphs_from_html(html),
            vec!["Head", "One bold, two.", "x", "y", "z", "a | b"]
        );
    }
}
