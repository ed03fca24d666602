//! Escaping for HTML text, attribute values and JSON embedded in a `<script>` element.

/// Escapes `s` for use as HTML text or inside a double- or single-quoted attribute value.
///
/// Replaces `&`, `<`, `>`, `"` and `'`, so neither markup nor an attribute break-out can be
/// formed from the result.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_html(&mut out, s);
    out
}

/// Appends `s`, escaped as by [`html`], to `out`.
pub fn push_html(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Serialises `v` as JSON that is safe inside `<script type="application/json">`.
///
/// `<`, `>`, `&` and the line separators U+2028/U+2029 are written as `\uXXXX` escapes, which
/// `JSON.parse` reads back unchanged, so no `</script>` or `<!--` can appear in the element.
pub fn script_json(v: &serde_json::Value) -> String {
    let raw = v.to_string();
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let v = serde_json::json!({"t": "</script><script>alert(1)</script>\u{2028}"});
        let s = script_json(&v);
        assert!(!s.contains('<'));
        assert!(!s.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(back, v);
    }
}
