//! `presslens batch --format parquet` end to end, against `--format jsonl` on the same inputs.

mod common;

use common::{presslens, sample};
use presslens_corpus::parquet::{read_table, table_path, TABLES};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("presslens-parquet-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn parquet_tables_agree_with_json_lines_and_resume_is_refused() {
    let dir = scratch("batch");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("in");
    std::fs::copy(sample(), input.join("rt.txt")).expect("copy sample");
    std::fs::write(
        input.join("more.jsonl"),
        "{\"id\":\"m1\",\"text\":\"Officials said 300 people were displaced on Monday.\"}\n{broken\n",
    )
    .expect("jsonl");
    let jl = dir.join("out.jsonl");
    let pq = dir.join("pq");
    let a = presslens(&["batch", s(&input), "--out", s(&jl)], b"");
    assert_eq!(
        a.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let b = presslens(
        &["batch", s(&input), "--out", s(&pq), "--format", "parquet"],
        b"",
    );
    let stderr = String::from_utf8_lossy(&b.stderr);
    assert_eq!(b.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("2 ok, 1 errors"), "{stderr}");
    assert!(stderr.contains("3 articles"), "{stderr}");

    let recs: Vec<serde_json::Value> = std::fs::read_to_string(&jl)
        .expect("jsonl out")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    for t in TABLES {
        assert!(table_path(&pq, t).is_file(), "{t}");
    }
    let arts = read_table(&table_path(&pq, "articles")).expect("articles");
    let ids: Vec<&serde_json::Value> = arts.iter().map(|r| &r["article"]).collect();
    let want: Vec<&serde_json::Value> = recs.iter().map(|r| &r["id"]).collect();
    assert_eq!(ids, want);
    assert!(!arts[1]["error"].is_null());
    let attrs = read_table(&table_path(&pq, "attributions")).expect("attributions");
    let n: usize = recs
        .iter()
        .map(|r| r["attributions"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(attrs.len(), n);
    assert!(n >= 5, "{n}");
    // Offsets are the JSON ones: the first statement of the example, both ways.
    let rt = recs.iter().position(|r| r["id"] == "rt.txt").expect("rt");
    let first = attrs
        .iter()
        .find(|r| r["article"] == "rt.txt")
        .expect("rt statements");
    assert_eq!(first["seq"], rt as i64);
    assert_eq!(
        first["start"],
        recs[rt]["attributions"][0]["content"]["start"]
    );
    assert_eq!(first["end"], recs[rt]["attributions"][0]["content"]["end"]);
    assert_eq!(
        first["text"],
        recs[rt]["attributions"][0]["content"]["text"]
    );

    // Parquet is not appended to: --resume is refused, and so is an existing output.
    let again = presslens(
        &["batch", s(&input), "--out", s(&pq), "--format", "parquet"],
        b"",
    );
    assert_eq!(again.status.code(), Some(2));
    let resume = presslens(
        &[
            "batch",
            s(&input),
            "--out",
            s(&dir.join("pq2")),
            "--format",
            "parquet",
            "--resume",
        ],
        b"",
    );
    assert_eq!(resume.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&resume.stderr).contains("--resume works only with --format jsonl")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
