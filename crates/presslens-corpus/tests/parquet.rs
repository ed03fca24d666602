//! Parquet output against the JSON Lines output of the same batch run.

use presslens_corpus::batch::{self, BatchOptions};
use presslens_corpus::parquet::{read_table, table_path, ParquetOptions, ParquetWriter};
use presslens_corpus::Items;
use serde_json::{Map, Value};
use std::path::Path;

/// A small corpus of our own: text files, JSON Lines with a bad line, a non-ASCII article.
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(
        dir.join("a.txt"),
        "Minister says talks will resume\n\nMOSCOW, Dec. 23 - Foreign Minister Sergei Lavrov said \
         on Friday that talks on Syria would resume in January. \"We are ready,\" Lavrov told \
         reporters. More than 78,000 people have left eastern Aleppo since Thursday, the \
         Russian Defense Ministry said.\n",
    )
    .expect("a");
    std::fs::write(
        dir.join("b.txt"),
        "Café owners in Zürich fear a slump\n\nOwners of cafés said on Monday that sales fell by \
         12 percent in 2016, according to the city's statistics office. \u{201c}It is hard,\u{201d} \
         said Anna Müller, who runs a café near the lake.\n",
    )
    .expect("b");
    std::fs::write(
        dir.join("c.jsonl"),
        "{\"id\":\"j1\",\"title\":\"Flood toll rises\",\"outlet\":\"Wire\",\"published\":\"2017-03-02\",\
         \"text\":\"Officials said 300 people were displaced by the floods on Tuesday.\"}\n\
         not json at all\n\
         {\"id\":\"j3\",\"text\":\"The mayor said more help was coming.\"}\n",
    )
    .expect("c");
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn slice(text: &[char], row: &Map<String, Value>, s: &str, e: &str) -> Option<String> {
    let start = usize::try_from(row.get(s)?.as_i64()?).ok()?;
    let end = usize::try_from(row.get(e)?.as_i64()?).ok()?;
    Some(text.get(start..end)?.iter().collect())
}

#[test]
fn parquet_tables_match_the_json_lines_of_the_same_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    corpus(&input);
    let out = tmp.path().join("pq");
    // Tiny row groups, so several are written.
    let opts = ParquetOptions {
        max_rows: 3,
        max_bytes: 1 << 20,
    };
    let mut writer = ParquetWriter::create(&out, opts).expect("create");
    let mut jsonl: Vec<Value> = Vec::new();
    let items = Items::new(&[input.to_string_lossy().into_owned()], 1 << 20);
    let analyzer = batch::standard_analyzer(presslens::Options::default());
    let run_opts = BatchOptions {
        threads: 2,
        ..BatchOptions::default()
    };
    let summary = batch::run(items, analyzer, &run_opts, |rec| {
        let line = match (&rec.result, rec.error_value()) {
            (Ok(v), _) => v.clone(),
            (Err(_), Some(e)) => e,
            (Err(m), None) => panic!("error without a record: {m}"),
        };
        jsonl.push(line);
        writer.push(&rec)
    })
    .expect("batch");
    let tables = writer.finish().expect("finish");
    assert_eq!(summary.ok, 4);
    assert_eq!(summary.errors, 1);

    // One article row per JSON Lines record, same ids in the same order, errors included.
    let arts = read_table(&table_path(&out, "articles")).expect("articles");
    assert_eq!(arts.len(), jsonl.len());
    assert_eq!(tables.rows[0], ("articles", 5));
    for (i, (row, v)) in arts.iter().zip(&jsonl).enumerate() {
        assert_eq!(row["seq"], i as i64);
        assert_eq!(row["article"], v["id"], "row {i}");
        assert_eq!(row["error"].is_null(), v.get("error").is_none(), "row {i}");
        if v.get("error").is_none() {
            assert_eq!(row["text"], v["text"]);
            assert_eq!(row["title"], v["document"]["title"]["text"]);
            for layer in [
                "entities",
                "attributions",
                "timexes",
                "quantities",
                "framing",
            ] {
                let n = v[layer].as_array().map_or(0, Vec::len);
                assert_eq!(row[layer], n as i64, "{layer} of row {i}");
            }
        }
    }
    let bad = arts
        .iter()
        .find(|r| !r["error"].is_null())
        .expect("an error row");
    assert_eq!(bad["line"], 2);
    assert_eq!(
        bad["input"].as_str().map(|s| s.ends_with("c.jsonl")),
        Some(true)
    );
    let j1 = arts.iter().find(|r| r["article"] == "j1").expect("j1");
    assert_eq!(j1["outlet"], "Wire");
    assert_eq!(j1["published"], "2017-03-02");
    assert_eq!(j1["title"], "Flood toll rises");

    // Long tables: as many rows as items in the JSON, each keyed to its article and each span
    // slicing that article's text.
    let texts: Vec<Vec<char>> = jsonl
        .iter()
        .map(|v| chars(v["text"].as_str().unwrap_or("")))
        .collect();
    let count = |f: &dyn Fn(&Value) -> usize| jsonl.iter().map(f).sum::<usize>();
    let layer_len = |v: &Value, k: &str| v[k].as_array().map_or(0, Vec::len);
    let mentions = count(&|v| {
        v["entities"]
            .as_array()
            .map_or(0, |es| es.iter().map(|e| layer_len(e, "mentions")).sum())
    });
    for (name, expected, s, e, t) in [
        ("entities", mentions, "start", "end", "text"),
        (
            "attributions",
            count(&|v| layer_len(v, "attributions")),
            "start",
            "end",
            "text",
        ),
        (
            "quantities",
            count(&|v| layer_len(v, "quantities")),
            "start",
            "end",
            "text",
        ),
        (
            "timexes",
            count(&|v| layer_len(v, "timexes")),
            "start",
            "end",
            "text",
        ),
        (
            "framing",
            count(&|v| layer_len(v, "framing")),
            "start",
            "end",
            "text",
        ),
    ] {
        let rows = read_table(&table_path(&out, name)).expect(name);
        assert_eq!(rows.len(), expected, "{name}");
        for row in &rows {
            let seq = row["seq"].as_i64().expect("seq") as usize;
            assert_eq!(row["article"], jsonl[seq]["id"], "{name}");
            assert_eq!(
                slice(&texts[seq], row, s, e).as_deref(),
                row[t].as_str(),
                "{name} {row:?}"
            );
        }
    }
    // The pipeline found something to put in the long tables.
    assert!(mentions >= 5, "{mentions} mentions");
    let attrs = read_table(&table_path(&out, "attributions")).expect("attributions");
    assert!(!attrs.is_empty());
    // Sources and cues slice the text too, and sources carry their entity's name.
    for row in &attrs {
        let seq = row["seq"].as_i64().expect("seq") as usize;
        if !row["cue"].is_null() {
            assert_eq!(
                slice(&texts[seq], row, "cue_start", "cue_end").as_deref(),
                row["cue"].as_str()
            );
        }
        if !row["source"].is_null() {
            assert_eq!(
                slice(&texts[seq], row, "source_start", "source_end").as_deref(),
                row["source"].as_str()
            );
        }
    }
    assert!(
        attrs.iter().any(|r| r["source_name"]
            .as_str()
            .is_some_and(|n| n.contains("Lavrov"))),
        "{attrs:?}"
    );
    let qty = read_table(&table_path(&out, "quantities")).expect("quantities");
    assert!(qty.iter().any(|r| r["value"] == 78000.0), "{qty:?}");
}
