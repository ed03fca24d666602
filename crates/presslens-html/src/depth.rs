//! Guards against pathologically deep HTML.
//!
//! html5ever builds arbitrarily deep trees, and several of its tree-construction steps scan
//! the whole stack of open elements per token, so 100,000 nested `<div>` take minutes to
//! parse; trafilatura's own passes are worse than quadratic in depth. Two guards keep the
//! cost bounded:
//!
//! 1. [`limit_depth`] is a linear pre-scan over the markup that models the parser's stack of
//!    open elements (conservatively: it may over-count, it is built not to under-count the
//!    common cases) and drops start/end tags nested deeper than a limit, keeping their text.
//! 2. [`dom_depth`] measures the real depth after parsing; when it is still too deep,
//!    [`serialize_capped`] re-serialises the parsed tree with deep elements flattened.

use std::borrow::Cow;
use std::collections::HashMap;

use scraper::{Html, Node};

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "image",
];

/// Elements whose content the tokenizer reads as raw text up to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Elements that delimit "scope" in the HTML tree-construction algorithm.
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// The HTML "special" category (simplified): an end tag of a non-special element does not
/// pop through these.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Start tags that implicitly close an open `<p>` (when one is in button scope).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "hr",
    "xmp",
    "table",
    "li",
    "dd",
    "dt",
];

/// The HTML "formatting" elements, which the parser re-opens ("reconstructs") after they
/// were closed implicitly.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Start tags that make the parser reconstruct the active formatting elements (besides
/// non-special elements, which all do).
const RECONSTRUCTING_SPECIAL: &[&str] = &[
    "img", "br", "input", "embed", "wbr", "area", "keygen", "select", "applet", "marquee", "object",
];

/// Estimated elements the parser may clone while reconstructing formatting elements before
/// the scan strips formatting tags instead. Misnested formatting tags (`<div><b id=1></div>`
/// repeated with distinct attributes) otherwise make html5ever build a quadratic number of
/// elements and exhaust memory.
const RECONSTRUCT_BUDGET: usize = 50_000;

/// An entry of the modelled list of active formatting elements.
struct Active {
    name: String,
    /// Raw attribute text: the parser's "Noah's Ark" rule keeps at most three entries with
    /// the same name and attributes.
    attrs: String,
    on_stack: bool,
}

/// A model of the parser's stack of open elements and list of active formatting elements.
struct Stack {
    names: Vec<String>,
    foreign: usize,
    active: Vec<Active>,
    /// Elements the parser is estimated to have re-created by reconstruction so far.
    reconstructed: usize,
}

impl Stack {
    fn position_in_scope(&self, name: &str, extra_boundary: &[&str]) -> Option<usize> {
        for (i, open) in self.names.iter().enumerate().rev() {
            if open == name {
                return Some(i);
            }
            if SCOPE_BOUNDARY.contains(&open.as_str()) || extra_boundary.contains(&open.as_str()) {
                return None;
            }
        }
        None
    }

    fn truncate(&mut self, len: usize) {
        while self.names.len() > len {
            if let Some(name) = self.names.pop() {
                if name == "svg" || name == "math" {
                    self.foreign = self.foreign.saturating_sub(1);
                }
                if FORMATTING.contains(&name.as_str()) {
                    if let Some(a) = self
                        .active
                        .iter_mut()
                        .rev()
                        .find(|a| a.on_stack && a.name == name)
                    {
                        a.on_stack = false;
                    }
                }
            }
        }
    }

    fn push(&mut self, name: &str, attrs: &str) {
        if name == "svg" || name == "math" {
            self.foreign += 1;
        }
        if FORMATTING.contains(&name) {
            // A new `<a>` first closes an active one (adoption agency).
            if name == "a" {
                if let Some(pos) = self.active.iter().rposition(|a| a.name == "a") {
                    self.active.remove(pos);
                }
            }
            let same: Vec<usize> = self
                .active
                .iter()
                .enumerate()
                .filter(|(_, a)| a.name == name && a.attrs == attrs)
                .map(|(i, _)| i)
                .collect();
            if same.len() >= 3 {
                self.active.remove(same[0]);
            }
            self.active.push(Active {
                name: name.to_string(),
                attrs: attrs.to_string(),
                on_stack: true,
            });
        }
        self.names.push(name.to_string());
    }

    /// The parser re-opens every active formatting element that is no longer open.
    fn reconstruct(&mut self) {
        let mut reopened = Vec::new();
        for a in self.active.iter_mut().filter(|a| !a.on_stack) {
            a.on_stack = true;
            reopened.push(a.name.clone());
        }
        self.reconstructed += reopened.len();
        self.names.extend(reopened);
    }

    /// An end tag of a formatting element removes its entry from the active list.
    fn end_formatting(&mut self, name: &str) {
        if let Some(pos) = self.active.iter().rposition(|a| a.name == name) {
            let entry = self.active.remove(pos);
            if entry.on_stack {
                self.end(name);
            }
        } else {
            self.end(name);
        }
    }

    /// Implicit closes done by the tree builder before inserting `name`.
    fn before_start(&mut self, name: &str) {
        if CLOSES_P.contains(&name) {
            if let Some(i) = self.position_in_scope("p", &["button"]) {
                self.truncate(i);
            }
        }
        match name {
            "li" | "dd" | "dt" => {
                let same: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                let mut cut = None;
                for (i, open) in self.names.iter().enumerate().rev() {
                    if same.contains(&open.as_str()) {
                        cut = Some(i);
                        break;
                    }
                    if SPECIAL.contains(&open.as_str())
                        && !matches!(open.as_str(), "address" | "div" | "p")
                    {
                        break;
                    }
                }
                if let Some(i) = cut {
                    self.truncate(i);
                }
            }
            "td" | "th" => {
                let cell = ["td", "th"]
                    .iter()
                    .filter_map(|c| self.position_in_scope(c, &[]))
                    .max();
                if let Some(i) = cell {
                    self.truncate(i);
                }
            }
            "tr" => {
                if let Some(i) = self.position_in_scope("tr", &["td", "th"]) {
                    self.truncate(i);
                }
                // A `<tr>` inside a cell closes the cell and the row.
                if self.names.last().is_some_and(|n| n == "td" || n == "th") {
                    let cell = ["td", "th"]
                        .iter()
                        .filter_map(|c| self.names.iter().rposition(|n| n == c))
                        .max();
                    if let Some(i) = cell {
                        self.truncate(i);
                    }
                    if self.names.last().is_some_and(|n| n == "tr") {
                        self.names.pop();
                    }
                }
            }
            "option" | "optgroup" if self.names.last().is_some_and(|n| n == "option") => {
                self.names.pop();
            }
            _ => {}
        }
    }

    /// Effect of an end tag `name` on the stack.
    fn end(&mut self, name: &str) {
        let special = SPECIAL.contains(&name);
        for i in (0..self.names.len()).rev() {
            let open = self.names[i].as_str();
            if open == name {
                self.truncate(i);
                return;
            }
            if SCOPE_BOUNDARY.contains(&open) || (!special && SPECIAL.contains(&open)) {
                return;
            }
        }
    }
}

fn is_name_byte(b: u8) -> bool {
    !(b.is_ascii_whitespace() || b == b'/' || b == b'>')
}

/// Index just past the `>` that ends the tag whose name ends at `from`, honouring quoted
/// attribute values. Returns (end index, self-closing flag).
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut i = from;
    let mut last_non_space = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'>' => return (i + 1, last_non_space == b'/'),
            b'=' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    i += 1;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    // skip the closing quote
                    i += 1;
                    last_non_space = q;
                }
                continue;
            }
            _ => {
                if !b.is_ascii_whitespace() {
                    last_non_space = b;
                }
            }
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// Finds the case-insensitive end tag `</name` (followed by whitespace, `/` or `>`) at or
/// after `from`; returns its start index.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.as_bytes();
    let mut i = from;
    while i + 2 + n.len() <= bytes.len() {
        if bytes[i] == b'<'
            && bytes[i + 1] == b'/'
            && bytes[i + 2..i + 2 + n.len()].eq_ignore_ascii_case(n)
        {
            let after = bytes.get(i + 2 + n.len()).copied().unwrap_or(b'>');
            if after.is_ascii_whitespace() || after == b'/' || after == b'>' {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

fn find_bytes(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Drops tags nested deeper than `limit` in the modelled element stack, keeping their text.
///
/// Raw-text elements (`script`, `style`, …) that would be dropped are removed together with
/// their content, so script source can never leak into the text. Returns the input unchanged
/// (borrowed) when no tag had to be dropped.
///
/// When misnested formatting tags would make the parser re-create more than
/// `RECONSTRUCT_BUDGET` elements, the page is scanned again with every formatting tag
/// except `<a>` removed (formatting carries no text, and trafilatura drops it anyway).
pub(crate) fn limit_depth(html: &str, limit: usize) -> Cow<'_, str> {
    let (out, reconstructed) = scan(html, limit, false);
    if reconstructed <= RECONSTRUCT_BUDGET {
        return out;
    }
    scan(html, limit, true).0
}

/// One pass of [`limit_depth`]; returns the output and the estimated reconstruction count.
fn scan(html: &str, limit: usize, strip_formatting: bool) -> (Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Start of the not-yet-copied region of `html` (only meaningful once `out` exists).
    let mut copied = 0usize;
    let mut stack = Stack {
        names: Vec::new(),
        foreign: 0,
        active: Vec::new(),
        reconstructed: 0,
    };
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut i = 0usize;

    // Removes html[start..end] from the output.
    let drop_range = |out: &mut Option<String>, copied: &mut usize, start: usize, end: usize| {
        let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
        // `start` and `end` are always at ASCII `<` / just past ASCII `>`: char boundaries.
        buf.push_str(&html[*copied..start]);
        *copied = end;
    };

    while i < bytes.len() {
        if !strip_formatting && stack.reconstructed > RECONSTRUCT_BUDGET {
            // The caller rescans with formatting stripped; stop modelling now.
            return (Cow::Borrowed(html), stack.reconstructed);
        }
        let Some(lt) = find_bytes(bytes, i, b"<") else {
            break;
        };
        if lt > i {
            // Text makes the parser reconstruct the active formatting elements.
            stack.reconstruct();
        }
        i = lt;
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = find_bytes(bytes, i + 4, b"-->").map_or(bytes.len(), |p| p + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find_bytes(bytes, i + 2, b">").map_or(bytes.len(), |p| p + 1);
            continue;
        }
        let is_end = rest.len() > 1 && rest[1] == b'/';
        let name_start = if is_end { i + 2 } else { i + 1 };
        if name_start >= bytes.len() || !bytes[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let mut name_end = name_start;
        while name_end < bytes.len() && is_name_byte(bytes[name_end]) {
            name_end += 1;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (end, self_closing) = tag_end(bytes, name_end);
        if strip_formatting && name != "a" && FORMATTING.contains(&name.as_str()) {
            drop_range(&mut out, &mut copied, i, end);
            i = end;
            continue;
        }

        if is_end {
            if let Some(count) = dropped.get_mut(&name) {
                if *count > 0 {
                    *count -= 1;
                    drop_range(&mut out, &mut copied, i, end);
                    i = end;
                    continue;
                }
            }
            if FORMATTING.contains(&name.as_str()) {
                stack.end_formatting(&name);
            } else {
                stack.end(&name);
            }
            i = end;
            continue;
        }

        // Start tag.
        let raw = RAW_TEXT.contains(&name.as_str()) && stack.foreign == 0;
        let raw_end = if raw {
            find_end_tag(bytes, end, &name).map(|p| (p, tag_end(bytes, p + 2 + name.len()).0))
        } else {
            None
        };
        if name == "plaintext" {
            break;
        }
        if FORMATTING.contains(&name.as_str())
            || !SPECIAL.contains(&name.as_str())
            || RECONSTRUCTING_SPECIAL.contains(&name.as_str())
        {
            stack.reconstruct();
        }
        if VOID.contains(&name.as_str())
            || matches!(name.as_str(), "html" | "head" | "body")
            || (stack.foreign > 0 && self_closing)
        {
            i = end;
            continue;
        }
        // At the limit every further start tag is dropped, even one that would implicitly
        // close a sibling first: otherwise flat runs of `<li>`/`<tr>`/`<dd>` pile up at
        // the deepest level, and trafilatura's cost grows with elements × depth.
        if stack.names.len() >= limit {
            if raw {
                let stop = raw_end.map_or(bytes.len(), |(_, e)| e);
                drop_range(&mut out, &mut copied, i, stop);
                i = stop;
            } else {
                *dropped.entry(name).or_insert(0) += 1;
                drop_range(&mut out, &mut copied, i, end);
                i = end;
            }
            continue;
        }
        stack.before_start(&name);
        if raw {
            // The element opens and closes in one go; the stack is unchanged.
            i = raw_end.map_or(bytes.len(), |(_, e)| e);
            continue;
        }
        stack.push(&name, html[name_end..end].trim_end_matches('>').trim());
        i = end;
    }

    let reconstructed = stack.reconstructed;
    let out = match out {
        Some(mut buf) => {
            buf.push_str(&html[copied.min(html.len())..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(html),
    };
    (out, reconstructed)
}

/// Maximum element depth of a parsed document (iterative).
pub(crate) fn dom_depth(doc: &Html) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) if node.value().is_element() => {
                depth += 1;
                max = max.max(depth);
            }
            ego_tree::iter::Edge::Close(node) if node.value().is_element() => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    max
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Serialises a parsed document iteratively, flattening every element deeper than `limit`
/// (its tags are left out, its text kept). Raw-text elements deeper than the limit are left
/// out with their content; comments are dropped.
pub(crate) fn serialize_capped(doc: &Html, limit: usize) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>");
    let mut depth = 0usize;
    // Depth at which a skipped raw-text subtree started.
    let mut skip_from: Option<usize> = None;
    // Whether the nearest emitted ancestor is a raw-text element.
    let mut raw_parent: Vec<bool> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    depth += 1;
                    let name = el.name();
                    let raw = RAW_TEXT.contains(&name);
                    if skip_from.is_some() {
                        continue;
                    }
                    if depth > limit {
                        if raw {
                            skip_from = Some(depth);
                        }
                        continue;
                    }
                    out.push('<');
                    out.push_str(name);
                    for (k, v) in el.attrs() {
                        out.push(' ');
                        out.push_str(k);
                        out.push_str("=\"");
                        escape_attr(v, &mut out);
                        out.push('"');
                    }
                    out.push('>');
                    raw_parent.push(raw);
                }
                Node::Text(t) => {
                    if skip_from.is_some() {
                        continue;
                    }
                    if raw_parent.last().copied().unwrap_or(false) {
                        out.push_str(t);
                    } else {
                        escape_text(t, &mut out);
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let d = depth;
                    depth = depth.saturating_sub(1);
                    if let Some(from) = skip_from {
                        if d == from {
                            skip_from = None;
                        }
                        continue;
                    }
                    if d > limit {
                        continue;
                    }
                    raw_parent.pop();
                    if !VOID.contains(&el.name()) {
                        out.push_str("</");
                        out.push_str(el.name());
                        out.push('>');
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_input_is_borrowed() {
        let html = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul></div></body></html>";
        assert!(matches!(limit_depth(html, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_paragraphs_do_not_accumulate() {
        let html = "<body><div>".to_string() + &"<p>para".repeat(5000) + "</div>";
        assert!(matches!(limit_depth(&html, 50), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let html = format!("{}deep{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let out = limit_depth(&html, 100);
        assert_eq!(out.matches("<div>").count(), 100);
        assert_eq!(out.matches("</div>").count(), 100);
        assert!(out.contains("deep"));
    }

    #[test]
    fn deep_script_is_removed_with_content() {
        let html = format!("{}<script>var x = 1;</script>t", "<span>".repeat(20));
        let out = limit_depth(&html, 10);
        assert!(!out.contains("var x"));
        assert!(out.contains('t'));
    }

    #[test]
    fn misnested_formatting_flood_is_stripped() {
        // Each new <b> start tag makes the parser re-create all earlier ones.
        let html: String = (0..20_000)
            .map(|i| format!("<div><b id=\"n{i}\"></div>"))
            .collect::<String>()
            + "<p>text</p>";
        let out = limit_depth(&html, 100);
        assert!(!out.contains("<b"));
        assert!(out.contains("<p>text</p>"));
    }

    #[test]
    fn ordinary_formatting_is_kept() {
        let html = "<p><b>bold</p><p>more <i>it</i> <a href=\"/\">l</a></p>".repeat(100);
        assert!(matches!(limit_depth(&html, 100), Cow::Borrowed(_)));
    }

    #[test]
    fn serialize_capped_flattens() {
        let html = format!("<body>{}deep{}</body>", "<b>".repeat(50), "</b>".repeat(50));
        let doc = Html::parse_document(&html);
        assert!(dom_depth(&doc) > 50);
        let out = serialize_capped(&doc, 20);
        let again = Html::parse_document(&out);
        assert!(dom_depth(&again) <= 20);
        assert!(out.contains("deep"));
    }
}
