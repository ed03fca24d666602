//! Arbitrary input never panics, and every span slices back exactly.

use presslens::output::json::{to_value, JsonOptions};
use presslens::{analyze_text, Options};
use proptest::prelude::*;

fn pieces() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        "„",
        "—",
        "–",
        "-",
        ".",
        "...",
        "…",
        "?",
        "!",
        ",",
        ":",
        ";",
        "(",
        ")",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u{a0}",
        "\u{200b}",
        "Mr.",
        "U.S.",
        "Jan.",
        "3.5",
        "78,000",
        "Émile",
        "Müller",
        "José",
        "😀",
        "👩‍👩‍👧",
        "東京",
        "北京",
        "READ MORE: ",
        "By Jane Doe",
        "24 Dec, 2016 00:10",
        "WASHINGTON (Reuters) - ",
        "don't",
        "Russia’s",
        "said",
        "The",
        "a",
        "Putin",
        "https://x.org/a.b",
        "x@y.org",
        "%",
        "$",
    ]);
    prop::collection::vec(
        prop_oneof![atoms.prop_map(str::to_string), "\\PC{0,6}"],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn check(text: &str) {
    let doc = analyze_text(text, &Options::default());
    let v = to_value(&doc, JsonOptions { tokens: true });
    let chars: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    let mut spans = Vec::new();
    for layer in ["sentences", "tokens"] {
        spans.extend(v[layer].as_array().unwrap().iter().cloned());
    }
    for key in ["title", "dateline", "byline"] {
        if !v["document"][key].is_null() {
            spans.push(v["document"][key].clone());
        }
    }
    for key in ["header", "paragraphs", "related"] {
        spans.extend(v["document"][key].as_array().unwrap().iter().cloned());
    }
    spans.extend(v["distancing"].as_array().unwrap().iter().cloned());
    for a in v["attributions"].as_array().unwrap() {
        for key in ["content", "cue", "source"] {
            if !a[key].is_null() {
                spans.push(a[key].clone());
            }
        }
    }
    for e in v["entities"].as_array().unwrap() {
        spans.extend(e["mentions"].as_array().unwrap().iter().cloned());
    }
    for s in spans {
        let a = s["start"].as_u64().unwrap() as usize;
        let b = s["end"].as_u64().unwrap() as usize;
        assert!(a <= b && b <= chars.len());
        let sub: String = chars[a..b].iter().collect();
        assert_eq!(sub, s["text"].as_str().unwrap());
        assert!(!sub.is_empty(), "empty span");
    }
    // Tokens lie inside their sentence, in order, without overlap.
    let mut last_end = 0;
    for t in &doc.tokens {
        assert!(t.span.start >= last_end);
        last_end = t.span.end;
        assert!(doc.sentences[t.sentence].span.contains(t.span));
    }
}

/// Inputs proptest once shrank a failure to; kept as plain tests so they run on every build.
#[test]
fn known_hard_inputs() {
    for text in [
        // A name and a dash with only punctuation after it: a colon attribution with no content.
        "U.S.—,...“\n“",
        "Putin: ...",
        "“”",
        "\u{200b}“\n”",
    ] {
        check(text);
    }
}

proptest! {
    // 512 cases per build; `PROPTEST_CASES=50000` for a deeper local run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_is_safe(text in pieces()) {
        check(&text);
    }

    #[test]
    fn any_unicode_is_safe(text in "\\PC{0,300}") {
        check(&text);
    }
}

#[test]
fn edge_cases() {
    for t in [
        "",
        " ",
        "\n\n\n",
        "”",
        "“",
        "...",
        "—",
        "READ MORE:",
        "By",
        "Mr.",
        "a\u{200b}",
        "\u{feff}",
    ] {
        check(t);
    }
}
