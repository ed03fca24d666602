//! `--format gkg`: GDELT GKG 2.1 rows, checked against the codebook's column order and
//! delimiters on the example article and on JSON Lines input with a bad record.

mod common;
use common::*;

fn columns(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

#[test]
fn sample_article_as_a_gkg_row() {
    let path = sample();
    let out = presslens(&["analyze", "--format", "gkg", path.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one row per article");
    let c = columns(lines[0]);
    assert_eq!(c.len(), 27, "GKG 2.1 has 27 columns");
    assert_eq!(c[1], "20161224001000", "V2.1DATE from the dateline");
    // Counts: the evacuation figure, with the V2.1 character offset as the 11th field.
    let counts: Vec<&str> = c[6].split(';').collect();
    assert!(
        counts.iter().all(|b| b.split('#').count() == 11),
        "{}",
        c[6]
    );
    assert!(
        counts
            .iter()
            .any(|b| b.starts_with("EVACUATED#34000#people#")),
        "{}",
        c[6]
    );
    // Locations: Syria and Russia as countries with FIPS codes, Aleppo as a city.
    assert!(
        c[9].split(';').any(|b| b == "1#Syria#SY#SY###SY"),
        "{}",
        c[9]
    );
    assert!(
        c[9].split(';').any(|b| b == "1#Russia#RS#RS###RS"),
        "{}",
        c[9]
    );
    assert!(
        c[9].split(';').any(|b| b.starts_with("4#Aleppo")),
        "{}",
        c[9]
    );
    assert!(
        c[10].split(';').all(|b| b.split('#').count() == 9),
        "{}",
        c[10]
    );
    // Persons and organisations, V2 with offsets that point at the name in the text.
    for p in ["Bashar Assad", "Vladimir Putin", "Sergey Shoigu"] {
        assert!(c[11].split(';').any(|n| n == p), "{p} in {}", c[11]);
    }
    let v = json(&presslens(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        b"",
    ));
    let chars: Vec<char> = v["text"].as_str().expect("text").chars().collect();
    for block in c[12].split(';') {
        let (_, off) = block.rsplit_once(',').expect("name,offset");
        let off: usize = off.parse().expect("offset");
        assert!(off < chars.len());
    }
    assert!(c[13].split(';').any(|n| n == "SANA"), "{}", c[13]);
    // Dates: Friday 23 December 2016 resolved against the dateline.
    assert!(
        c[16].split(';').any(|b| b.starts_with("4#12#23#2016#")),
        "{}",
        c[16]
    );
    // Quotations: offset|length|verb|quote, and the offset and length slice the quote.
    let quotes: Vec<&str> = c[22].split('#').collect();
    assert!(quotes.len() >= 4, "{}", c[22]);
    for q in &quotes {
        let f: Vec<&str> = q.split('|').collect();
        assert_eq!(f.len(), 4, "{q}");
        let (off, len): (usize, usize) =
            (f[0].parse().expect("offset"), f[1].parse().expect("length"));
        let slice: String = chars[off..off + len].iter().collect();
        assert_eq!(
            slice.split_whitespace().collect::<Vec<_>>(),
            f[3].split_whitespace().collect::<Vec<_>>()
        );
    }
    assert!(
        c[22].contains("|quoted"),
        "the Kremlin quoted Putin: {}",
        c[22]
    );
    assert!(
        c[24].split(';').any(|b| b.starts_with("78000,civilians,")),
        "{}",
        c[24]
    );
    assert!(
        c[26].starts_with("<PAGE_TITLE>Assad thanks Russia &amp; Putin"),
        "{}",
        c[26]
    );
}

#[test]
fn jsonl_input_gives_one_row_per_good_record() {
    let input = b"{\"id\":\"a\",\"text\":\"Putin said the talks in Moscow would resume.\",\"published\":\"2020-01-02\"}\n\
not json\n\
{\"id\":\"b\",\"text\":\"\\u201cWe will win,\\u201d Merkel told reporters in Berlin.\",\"url\":\"https://news.example.com/x\"}\n";
    let out = presslens(
        &["analyze", "--format", "gkg", "--input-format", "jsonl", "-"],
        input,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad record sets the exit code"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(":2"),
        "the error names the line"
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<Vec<&str>> = text.lines().map(columns).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows.iter().all(|r| r.len() == 27));
    assert_eq!(rows[0][1], "20200102000000");
    assert_eq!(rows[0][4], "a");
    assert_eq!(rows[1][3], "news.example.com");
    assert_eq!(rows[1][4], "https://news.example.com/x");
    assert_ne!(rows[0][0], rows[1][0], "record ids are unique");
    assert!(
        rows[1][22].ends_with("|told|We will win"),
        "{}",
        rows[1][22]
    );
}
