//! Inputs as they really come: standard input, JSON Lines with bad lines, encodings, bad files.

mod common;
use common::*;

#[test]
fn stdin_plain_text() {
    let out = presslens(
        &["analyze", "--format", "json", "-"],
        "Talks resume\n\nThey met. They spoke.".as_bytes(),
    );
    assert!(out.status.success());
    let v = json(&out);
    assert_eq!(v["id"], serde_json::Value::Null);
    assert_eq!(v["document"]["title"]["text"], "Talks resume");
    assert_eq!(v["sentences"].as_array().unwrap().len(), 3);
}

#[test]
fn jsonl_keeps_order_and_ids_and_accounts_for_bad_lines() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"First article. It is short.\", \"published\": \"2016-12-24\"}\n",
        "{not json\n",
        "\n",
        "{\"id\": \"c\", \"title\": \"Third\", \"text\": \"Body of the third.\", \"outlet\": \"RT\"}\n",
        "{\"id\": \"d\"}\n",
        "{\"id\": 5, \"text\": \"Fifth.\"}\n",
    );
    let out = presslens(
        &[
            "analyze",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "bad records set the exit code");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "one output line per non-blank input line");
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["document"]["published"], "2016-12-24");
    assert_eq!(lines[1]["error"]["line"], 2);
    assert_eq!(lines[2]["id"], "c");
    assert_eq!(lines[2]["document"]["title"]["text"], "Third");
    assert_eq!(lines[2]["document"]["outlet"], "RT");
    assert_eq!(lines[3]["id"], "d");
    assert!(lines[3]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("missing \"text\""));
    assert_eq!(lines[4]["id"], "5");
    for l in &lines {
        if l.get("text").is_some() {
            assert_spans_slice(l);
        }
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("-:2:"), "{err}");
    assert!(err.contains("2 of 5 inputs failed"), "{err}");
}

#[test]
fn encodings() {
    // UTF-16 LE with BOM.
    let mut le = vec![0xff, 0xfe];
    for u in "Talks\r\n\r\nRussia’s envoy said “yes”.".encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let out = presslens(&["analyze", "--format", "json", "-"], &le);
    assert!(out.status.success());
    let v = json(&out);
    assert_eq!(v["text"], "Talks\n\nRussia’s envoy said “yes”.");
    // Windows-1252 with NBSP and a zero-width space (as UTF-8).
    let out = presslens(
        &["analyze", "--format", "json", "-"],
        b"Caf\xe9 owners\xa0protest.",
    );
    assert!(out.status.success());
    assert_eq!(json(&out)["text"], "Café owners protest.");
    let out = presslens(
        &["analyze", "--format", "json", "-"],
        "a\u{200b}b\u{a0}c.".as_bytes(),
    );
    assert_eq!(json(&out)["text"], "ab c.");
}

#[test]
fn bad_inputs_get_clear_errors_naming_the_input() {
    let dir = std::env::temp_dir().join(format!("presslens-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.join("blob.bin");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00\x00\x00\x00").unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, b"A fine article. With two sentences.").unwrap();
    let missing = dir.join("missing.txt");
    let out = presslens(
        &[
            "analyze",
            "--format",
            "jsonl",
            empty.to_str().unwrap(),
            binary.to_str().unwrap(),
            good.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("empty.txt: input is empty"), "{err}");
    assert!(err.contains("blob.bin: input looks binary"), "{err}");
    assert!(err.contains("missing.txt: cannot read"), "{err}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "every input accounted for");
    assert_eq!(lines[2]["id"], "good.txt");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2() {
    let out = presslens(&["analyze", "--format", "yaml", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = presslens(&["frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn html_page_main_text_and_metadata() {
    let page = r#"<!DOCTYPE html><html><head><title>Talks resume | Example News</title>
<meta property="og:title" content="Talks resume in Geneva">
<meta property="article:published_time" content="2019-03-04T10:00:00Z">
<meta name="author" content="Jane Doe">
<script>alert('x')</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators from both sides met in Geneva on Monday for the first time in months, officials said.</p>
<p>“We are close to an agreement,” the mediator told reporters after the meeting ended late in the evening.</p>
<p>The next round is planned for April, according to the foreign ministry of the host country.</p>
</article><footer>Copyright Example News</footer><script>document.write('bad')</script></body></html>"#;
    let out = presslens(
        &["analyze", "--format", "json", "--input-format", "html", "-"],
        page.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_spans_slice(&v);
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Negotiators from both sides"), "{text}");
    assert!(
        !text.contains("alert(") && !text.contains("document.write"),
        "{text}"
    );
    assert!(v["document"]["title"]["text"]
        .as_str()
        .unwrap()
        .contains("Talks resume"));
    assert!(v["document"]["paragraphs"].as_array().unwrap().len() >= 3);
    assert!(v["document"]["published"]
        .as_str()
        .unwrap()
        .starts_with("2019-03-04"));
}
