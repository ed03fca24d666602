//! The example article through the CLI: structure, metadata and span integrity.

mod common;
use common::*;

#[test]
fn sample_json_structure() {
    let path = sample();
    let out = presslens(
        &[
            "analyze",
            "--format",
            "json",
            "--tokens",
            path.to_str().unwrap(),
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let d = &v["document"];
    assert_eq!(
        d["title"]["text"],
        "Assad thanks Russia & Putin for helping to liberate Aleppo"
    );
    assert_eq!(d["published"], "2016-12-24T00:10");
    assert_eq!(d["updated"], "8 years ago");
    assert_eq!(d["paragraphs"].as_array().unwrap().len(), 16);
    let related = d["related"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert!(related[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("READ MORE: Syrian Army"));
    // No body paragraph is a READ MORE line or the dateline.
    for p in d["paragraphs"].as_array().unwrap() {
        let t = p["text"].as_str().unwrap();
        assert!(
            !t.starts_with("READ MORE") && !t.contains("Updated 8 years ago"),
            "{t}"
        );
    }
    // The first paragraph opens the story; the misdirected quotation mark paragraph is body.
    assert!(d["paragraphs"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("The Syrian President"));
    assert!(d["paragraphs"][3]["text"]
        .as_str()
        .unwrap()
        .starts_with("”President Assad said"));
    let n = assert_spans_slice(&v);
    assert!(n > 600, "only {n} spans checked");
    // Shoigu's three-sentence quotation is split inside; no sentence opens with a closing mark.
    let sents: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(sents.contains(&"Now the next stage is due to follow."));
    for s in &sents {
        assert!(!s.starts_with('”') || s.starts_with("”President"), "{s}");
    }
    assert_eq!(
        sents.iter().filter(|s| s.starts_with("READ MORE")).count(),
        2
    );
}

#[test]
fn sample_text_report() {
    let path = sample();
    let out = presslens(&["analyze", path.to_str().unwrap()], b"");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("Assad thanks Russia & Putin for helping to liberate Aleppo\n"));
    assert!(s.contains("published  2016-12-24T00:10"));
    assert!(s.contains("16 paragraphs"));
    assert!(s.contains("Related links (2)"));
}

#[test]
fn published_flag_overrides_and_is_checked() {
    let path = sample();
    let out = presslens(
        &[
            "analyze",
            "--format",
            "json",
            "--published",
            "2017-01-02",
            path.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success());
    assert_eq!(json(&out)["document"]["published"], "2017-01-02");
    let out = presslens(
        &["analyze", "--published", "someday", path.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("someday"));
}
