//! `presslens batch`, `ingest`, `search` and `stories` end to end.

mod common;

use common::{presslens, sample};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("presslens-corpus-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn lines(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .expect("output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// The small corpus: every kind of input, and every kind of trouble.
fn corpus(dir: &Path) {
    let d = dir.join("in");
    std::fs::create_dir_all(d.join("sub")).expect("dirs");
    std::fs::copy(sample(), d.join("rt.txt")).expect("copy sample");
    std::fs::write(
        d.join("sub/page.html"),
        "<html><head><title>Flood toll rises</title></head><body><article><p>Officials said on \
         Monday that 300 people were displaced by the floods.</p><p>The mayor said more help was \
         coming.</p></article></body></html>",
    )
    .expect("html");
    // JSON Lines: a good record, a bad line, invalid UTF-8 inside a record, an escaped NUL.
    let mut jl = Vec::new();
    jl.extend_from_slice(
        b"{\"id\":\"j1\",\"text\":\"The minister said: \\\"We will rebuild.\\\"\"}\n",
    );
    jl.extend_from_slice(b"this is not json\n");
    jl.extend_from_slice(b"{\"id\":\"j3\",\"text\":\"Caf\xe9 owners \xff said prices rose.\"}\n");
    jl.extend_from_slice(b"{\"id\":\"j4\",\"text\":\"A NUL \\u0000 here. And more text.\"}\n");
    std::fs::write(d.join("a.jsonl"), jl).expect("jsonl");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"{\"id\":\"g1\",\"text\":\"Gzipped record. It has two sentences.\"}\n\n{\"id\":\"g2\",\"text\":\"Another one.\"}\n")
        .expect("gz");
    std::fs::write(d.join("b.jsonl.gz"), gz.finish().expect("gz")).expect("gz file");
    let zst =
        zstd::encode_all(&b"{\"id\":\"z1\",\"text\":\"Zstandard record.\"}\n"[..], 3).expect("zst");
    std::fs::write(d.join("c.ndjson.zst"), zst).expect("zst file");
    // Raw NUL bytes and invalid UTF-8 in a text file.
    std::fs::write(
        d.join("nul.txt"),
        b"Title\x00 here\n\nSome \xff\xfe body\x00 text. Said he.",
    )
    .expect("nul");
    // 10,000 quotation marks.
    let quotes: String = (0..5000)
        .map(|i| format!("\u{201c}q{i}\u{201d} "))
        .collect();
    std::fs::write(d.join("quotes.txt"), format!("Quotes\n\n{quotes}")).expect("quotes");
    // A 5 MB article: over the --max-bytes used below.
    let big = "The council said the budget would rise. ".repeat(5 * 1024 * 1024 / 40 + 1);
    std::fs::write(d.join("big.txt"), big).expect("big");
    // Not an article by name: skipped by the directory walk.
    std::fs::write(d.join("notes.md"), "ignored").expect("md");
}

#[test]
fn batch_accounts_for_every_input_in_order() {
    let dir = scratch("batch");
    corpus(&dir);
    let out = dir.join("out.jsonl");
    let o = presslens(
        &[
            "batch",
            dir.join("in").to_str().expect("utf-8 path"),
            "--out",
            out.to_str().expect("utf-8 path"),
            "--threads",
            "2",
            "--max-bytes",
            "4000000",
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let recs = lines(&out);
    let ids: Vec<&str> = recs
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("?"))
        .collect();
    // Sorted walk: a.jsonl, b.jsonl.gz, big.txt, c.ndjson.zst, nul.txt, quotes.txt, rt.txt, sub/page.html
    assert_eq!(
        ids,
        [
            "j1",
            "a.jsonl:2",
            "j3",
            "j4",
            "g1",
            "g2",
            "big.txt",
            "z1",
            "nul.txt",
            "quotes.txt",
            "rt.txt",
            "sub/page.html"
        ]
    );
    let errors: Vec<&serde_json::Value> =
        recs.iter().filter(|r| r.get("error").is_some()).collect();
    // The bad line, the NUL record and NUL file (intake refuses binary input), the 5 MB file.
    let err_ids: Vec<&str> = errors
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        err_ids,
        ["a.jsonl:2", "j4", "big.txt", "nul.txt"],
        "{stderr}"
    );
    assert_eq!(errors[0]["error"]["line"], 2);
    assert!(errors[2]["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("over the limit")));
    assert!(stderr.contains("8 ok, 4 errors"), "{stderr}");
    for r in recs.iter().filter(|r| r.get("error").is_none()) {
        assert_eq!(r["schema"], "presslens/1");
        assert!(!r["text"].as_str().unwrap_or("").contains('\0'));
    }
    let rt = &recs[10];
    assert!(rt["attributions"].as_array().is_some_and(|a| !a.is_empty()));
    // Without --resume an existing output is not overwritten.
    let again = presslens(
        &[
            "batch",
            dir.join("in").to_str().unwrap_or(""),
            "--out",
            out.to_str().unwrap_or(""),
        ],
        b"",
    );
    assert_eq!(again.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn resume_after_a_torn_write_has_no_duplicates_or_gaps() {
    let dir = scratch("resume");
    let input = dir.join("in.jsonl");
    let recs: String = (0..40)
        .map(|i| {
            format!("{{\"id\":\"r{i}\",\"text\":\"Record {i} said the mayor. It is short.\"}}\n")
        })
        .collect();
    std::fs::write(&input, recs).expect("input");
    let full = dir.join("full.jsonl");
    let args = |out: &Path| {
        vec![
            "batch".to_string(),
            input.to_string_lossy().into_owned(),
            "--out".into(),
            out.to_string_lossy().into_owned(),
            "--threads".into(),
            "2".into(),
        ]
    };
    let run = |a: &[String]| presslens(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    assert_eq!(run(&args(&full)).status.code(), Some(0));
    let want = std::fs::read(&full).expect("full output");
    // A crashed run: 17 complete lines and half of the 18th.
    let cut: usize = want
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(16)
        .map(|(i, _)| i + 1)
        .expect("17 lines");
    let torn = dir.join("torn.jsonl");
    std::fs::write(&torn, &want[..cut + 25]).expect("torn");
    let mut a = args(&torn);
    a.push("--resume".into());
    let o = run(&a);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("23 ok, 0 errors") && stderr.contains("17 already done"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&torn).expect("resumed"), want);
    // Resuming a finished run does nothing.
    let o = run(&a);
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 ok, 0 errors"));
    assert_eq!(std::fs::read(&torn).expect("resumed"), want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ingest_is_idempotent_and_search_finds_evidence() {
    let dir = scratch("store");
    let db = dir.join("db");
    let db_s = db.to_string_lossy().into_owned();
    let snippets = dir.join("s.jsonl");
    std::fs::write(
        &snippets,
        "{\"id\":\"s1\",\"outlet\":\"Daily\",\"published\":\"2016-12-20\",\"text\":\"Aid groups said 2,000 people were displaced from the eastern districts. Officials said more buses would come.\"}\n\
         {\"id\":\"s2\",\"outlet\":\"Weekly\",\"published\":\"2017-02-01\",\"text\":\"Markets rallied on Tuesday, traders said.\"}\n",
    )
    .expect("snippets");
    let sample_s = sample().to_string_lossy().into_owned();
    let snip_s = snippets.to_string_lossy().into_owned();
    let o = presslens(&["ingest", &sample_s, &snip_s, "--db", &db_s], b"");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("3 new, 0 already stored"), "{stderr}");
    let o = presslens(&["ingest", &sample_s, "--db", &db_s], b"");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("0 new, 1 already stored, 0 errors; 3 articles"),
        "{stderr}"
    );

    // Every statement attributed to Shoigu, with its evidence.
    let o = presslens(
        &["search", "--db", &db_s, "--source", "shoigu", "--json"],
        b"",
    );
    let hits: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(!hits.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    let article = presslens(&["analyze", "--format", "json", &sample_s], b"");
    let text: Vec<char> = common::json(&article)["text"]
        .as_str()
        .expect("text")
        .chars()
        .collect();
    for h in &hits {
        assert_eq!(h["kind"], "statement");
        assert!(h["who"]
            .as_str()
            .is_some_and(|w| w.to_lowercase().contains("shoigu")));
        let (s, e) = (
            h["evidence"]["start"].as_u64().unwrap_or(0) as usize,
            h["evidence"]["end"].as_u64().unwrap_or(0) as usize,
        );
        let slice: String = text[s..e].iter().collect();
        assert_eq!(slice, h["evidence"]["text"].as_str().unwrap_or(""));
    }

    // Figures about displaced people in December 2016.
    let o = presslens(
        &[
            "search",
            "--db",
            &db_s,
            "--count-type",
            "displaced",
            "--from",
            "2016-12",
            "--to",
            "2016-12",
        ],
        b"",
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("2,000 people") && out.contains("Daily"),
        "{out}"
    );

    // Full text, with a filter that excludes everything, and one that keeps it.
    let o = presslens(&["search", "--db", &db_s, "al-Assad"], b"");
    assert!(String::from_utf8_lossy(&o.stdout).contains("President al-Assad thanking"));
    let o = presslens(
        &["search", "--db", &db_s, "rallied", "--outlet", "Daily"],
        b"",
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 hits"));
    let o = presslens(
        &["search", "--db", &db_s, "rallied", "--outlet", "weekly"],
        b"",
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 hits"));

    // Articles whose framing layer has labels: the sample ("terrorists"), not the market note.
    let o = presslens(&["search", "--db", &db_s, "--framing", "labeling"], b"");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Assad thanks"), "{out}");
    assert!(!out.contains("Weekly"), "{out}");
    let o = presslens(&["search", "--db", &db_s, "--framing", "nonsense"], b"");
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 hits"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stories_group_near_duplicates_and_compare_outlets() {
    let dir = scratch("stories");
    let db = dir.join("db");
    let db_s = db.to_string_lossy().into_owned();
    let base = std::fs::read_to_string(sample()).expect("sample");
    // The same story re-published by another outlet with a new headline and one sentence fewer.
    let mut body: Vec<&str> = base.lines().collect();
    body[0] = "Syria's Assad calls Putin to thank him for Aleppo";
    body.retain(|l| !l.starts_with("Details of the phone conversation"));
    let copy = body.join("\n");
    let recs = [
        serde_json::json!({"id": "rt", "outlet": "RT", "published": "2016-12-24", "text": base}),
        serde_json::json!({"id": "copy", "outlet": "Other", "published": "2016-12-25", "text": copy}),
        serde_json::json!({"id": "far", "outlet": "Other", "published": "2017-05-01",
            "text": "Shares in European banks fell on Monday as investors worried about interest rates."}),
    ];
    let input = dir.join("s.jsonl");
    let text: String = recs.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(&input, text).expect("input");
    let o = presslens(
        &["ingest", input.to_str().unwrap_or(""), "--db", &db_s],
        b"",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = presslens(&["stories", "--db", &db_s], b"");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("story 1 (2 articles)"), "{out}");
    assert!(out.contains("[near-duplicate of 1]"), "{out}");
    assert!(out.contains("  RT:") && out.contains("  Other:"), "{out}");
    assert!(!out.contains("European banks"), "{out}");
    // Each outlet's own framing words, side by side.
    assert!(
        out.contains("    framing: ") && out.contains("liberate (loaded)"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 stories"));
    let _ = std::fs::remove_dir_all(&dir);
}
