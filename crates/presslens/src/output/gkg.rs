//! GDELT Global Knowledge Graph 2.1 export: one tab-separated row per article, in the 27
//! columns of the GKG 2.1 codebook, so GDELT tooling can read presslens output.
//!
//! The row is built from a `presslens/1` result (see [`super::json::to_value`]), so it can be
//! written from stored results too. Columns presslens cannot fill (themes, GCAM, images,
//! embeds, translation info) are left empty, as the codebook allows. Character offsets are
//! Unicode code point offsets into the result's `text`, as everywhere in presslens.
//!
//! | # | column | filled from |
//! |---|---|---|
//! | 1 | GKGRECORDID | `DATE-N` (N: the row's number in the run) |
//! | 2 | V2.1DATE | `document.published` as `YYYYMMDDHHMMSS` |
//! | 3 | V2SOURCECOLLECTIONIDENTIFIER | `1` (web) |
//! | 4 | V2SOURCECOMMONNAME | `document.outlet`, else the URL's host |
//! | 5 | V2DOCUMENTIDENTIFIER | `document.url`, else the result `id` |
//! | 6, 7 | V1COUNTS, V2.1COUNTS | `quantities` with a `count_type` (V2.1 adds the offset) |
//! | 8, 9 | V1THEMES, V2ENHANCEDTHEMES | empty |
//! | 10, 11 | V1LOCATIONS, V2ENHANCEDLOCATIONS | GPE/LOC/FAC entities (FIPS country codes) |
//! | 12, 13 | V1PERSONS, V2ENHANCEDPERSONS | PERSON entities' name mentions |
//! | 14, 15 | V1ORGANIZATIONS, V2ENHANCEDORGANIZATIONS | ORG entities' name mentions |
//! | 16 | V1.5TONE | the `tone` block, when the result has one |
//! | 17 | V2.1ENHANCEDDATES | DATE `timexes` resolved to a year, month or day |
//! | 18–22 | V2GCAM … V2.1SOCIALVIDEOEMBEDS | empty |
//! | 23 | V2.1QUOTATIONS | direct attributions: offset, length, cue, quotation |
//! | 24 | V2.1ALLNAMES | every entity name mention |
//! | 25 | V2.1AMOUNTS | every quantity: amount, object, offset |
//! | 26 | V2.1TRANSLATIONINFO | empty |
//! | 27 | V2EXTRASXML | `<PAGE_TITLE>` and `<PAGE_AUTHORS>` |

use crate::entities::countries;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// The GKG 2.1 column names, in file order.
pub const COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

const FIPS: &str = include_str!("../../../../resources/fips_codes.tsv");

/// FIPS 10-4 country code (what GDELT uses) of an ISO 3166-1 alpha-2 code.
pub fn fips_of(iso: &str) -> Option<&'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        FIPS.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(_, f)| !f.trim().is_empty())
            .map(|(i, f)| (i.trim(), f.trim()))
            .collect()
    })
    .get(iso)
    .copied()
}

/// Text with the characters that delimit GKG fields (`forbidden`, plus tab and line breaks)
/// replaced by spaces, and runs of spaces collapsed.
fn clean(s: &str, forbidden: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || forbidden.contains(&c) {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.trim_end().to_string()
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn start(v: &Value) -> u64 {
    v.get("start").and_then(Value::as_u64).unwrap_or(0)
}

/// `2016-12-24T00:10…` → `20161224001000` (the zone, if any, is dropped); `None` without a
/// full date.
fn gkg_date(published: &str) -> Option<String> {
    let (d, t) = published.split_once('T').unwrap_or((published, ""));
    let t = t.split(['+', '-', 'Z']).next().unwrap_or("");
    let date: String = d.chars().filter(char::is_ascii_digit).collect();
    if date.len() != 8 {
        return None;
    }
    let mut time: String = t.chars().filter(char::is_ascii_digit).take(6).collect();
    while time.len() < 6 {
        time.push('0');
    }
    Some(date + &time)
}

/// `YYYY-MM-DD`, `XXXX-MM-DD`, `YYYY-MM` or `YYYY` → GKG date block
/// `resolution#month#day#year` (4: full date, 3: month and day, 2: month and year, 1: year).
fn date_block(value: &str) -> Option<String> {
    let p: Vec<&str> = value.split('-').collect();
    fn num(x: &str, n: usize) -> Option<&str> {
        (x.len() == n && x.chars().all(|c| c.is_ascii_digit())).then_some(x)
    }
    match p.as_slice() {
        [y, m, d] if num(m, 2).is_some() && num(d, 2).is_some() => {
            let (m, d) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
            if *y == "XXXX" {
                Some(format!("3#{m}#{d}#0"))
            } else {
                let y = num(y, 4)?.parse::<u32>().ok()?;
                Some(format!("4#{m}#{d}#{y}"))
            }
        }
        [y, m] if num(m, 2).is_some() => {
            let y = num(y, 4)?.parse::<u32>().ok()?;
            Some(format!("2#{}#0#{y}", m.parse::<u32>().ok()?))
        }
        [y] => Some(format!("1#0#0#{}", num(y, 4)?.parse::<u32>().ok()?)),
        _ => None,
    }
}

/// The host of a URL (`https://www.rt.com/news/…` → `rt.com`).
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next()?.split('@').next_back()?;
    let h = h.split(':').next()?.trim_start_matches("www.");
    (!h.is_empty()).then(|| h.to_lowercase())
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A location entity: GKG location type, full name, FIPS country code.
fn location(e: &Value) -> Option<(u8, String, String)> {
    let name = s(e, "name")?;
    let aff = s(e, "affiliation");
    if let Some(countries::CountryRef::Name(c)) = countries::lookup(name) {
        let fips = fips_of(c.code).unwrap_or("").to_string();
        return Some((1, clean(c.name, &[';', '#', ',']), fips));
    }
    let country = aff.and_then(countries::by_code);
    let full = match country {
        Some(c) => format!("{name}, {}", c.name),
        None => name.to_string(),
    };
    let fips = aff.and_then(fips_of).unwrap_or("").to_string();
    // 4: world city (GKG has no class for regions or facilities outside the US; 5 is a
    // world state or province, which presslens cannot tell apart).
    Some((4, clean(&full, &[';', '#']), fips))
}

/// One GKG 2.1 row (27 tab-separated columns, no line break) for a `presslens/1` result;
/// `seq` numbers the rows of a run (it makes the record id unique). Error records give `None`.
pub fn row(result: &Value, seq: usize) -> Option<String> {
    if result.get("error").is_some() {
        return None;
    }
    let doc = result.get("document").unwrap_or(&Value::Null);
    let mut col = vec![String::new(); 27];
    let date = s(doc, "published").and_then(gkg_date);
    col[0] = format!("{}-{seq}", date.as_deref().unwrap_or("00000000000000"));
    col[1] = date.unwrap_or_default();
    col[2] = "1".into();
    col[3] = clean(
        &s(doc, "outlet")
            .map(str::to_string)
            .or_else(|| s(doc, "url").and_then(host))
            .unwrap_or_default(),
        &[],
    );
    col[4] = clean(s(doc, "url").or_else(|| s(result, "id")).unwrap_or(""), &[]);

    // Counts.
    let mut v1 = Vec::new();
    let mut v2 = Vec::new();
    for q in arr(result, "quantities") {
        let (Some(ct), Some(val)) = (s(q, "count_type"), q.get("value").and_then(Value::as_f64))
        else {
            continue;
        };
        let obj = q
            .get("object")
            .and_then(|o| s(o, "text"))
            .map(|t| clean(t, &[';', '#']))
            .unwrap_or_default();
        // Type, number, object, then the six location fields, which presslens leaves empty.
        let block = format!("{}#{}#{obj}#######", clean(ct, &[';', '#']), number(val));
        v2.push(format!("{block}#{}", start(q)));
        v1.push(block);
    }
    col[5] = v1.join(";");
    col[6] = v2.join(";");

    // Entities.
    let mut locs_v1: BTreeSet<String> = BTreeSet::new();
    let mut locs_v2 = Vec::new();
    let (mut persons, mut persons_v2) = (BTreeSet::new(), Vec::new());
    let (mut orgs, mut orgs_v2) = (BTreeSet::new(), Vec::new());
    let mut all = Vec::new();
    for e in arr(result, "entities") {
        let ty = s(e, "type").unwrap_or("");
        let names: Vec<&Value> = arr(e, "mentions")
            .iter()
            .filter(|m| s(m, "kind") == Some("name"))
            .collect();
        let Some(name) = s(e, "name") else { continue };
        let cname = clean(name, &[';', ',', '#']);
        for m in &names {
            all.push((start(m), format!("{cname},{}", start(m))));
        }
        match ty {
            "PERSON" => {
                persons.insert(cname.clone());
                persons_v2.extend(
                    names
                        .iter()
                        .map(|m| (start(m), format!("{cname},{}", start(m)))),
                );
            }
            "ORG" => {
                orgs.insert(cname.clone());
                orgs_v2.extend(
                    names
                        .iter()
                        .map(|m| (start(m), format!("{cname},{}", start(m)))),
                );
            }
            "GPE" | "LOC" | "FAC" => {
                if let Some((t, full, fips)) = location(e) {
                    // A country's ADM1 code and feature id are its FIPS code, as in GDELT.
                    let adm1 = if t == 1 { fips.as_str() } else { "" };
                    locs_v1.insert(format!("{t}#{full}#{fips}#{adm1}###{adm1}"));
                    for m in &names {
                        let off = start(m);
                        locs_v2.push((off, format!("{t}#{full}#{fips}#{adm1}####{adm1}#{off}")));
                    }
                }
            }
            _ => {}
        }
    }
    let by_offset = |mut v: Vec<(u64, String)>| {
        v.sort();
        v.into_iter().map(|(_, b)| b).collect::<Vec<_>>().join(";")
    };
    col[9] = locs_v1.into_iter().collect::<Vec<_>>().join(";");
    col[10] = by_offset(locs_v2);
    col[11] = persons.into_iter().collect::<Vec<_>>().join(";");
    col[12] = by_offset(persons_v2);
    col[13] = orgs.into_iter().collect::<Vec<_>>().join(";");
    col[14] = by_offset(orgs_v2);
    col[23] = by_offset(all);

    // Tone: tone, positive, negative, polarity, activity density, self/group density, words.
    if let Some(t) = result.get("tone").filter(|t| t.is_object()) {
        let f = |k: &str| t.get(k).and_then(Value::as_f64).map(|x| format!("{x}"));
        let words = t
            .get("word_count")
            .and_then(Value::as_u64)
            .map(|w| w.to_string());
        col[15] = [
            f("tone"),
            f("positive"),
            f("negative"),
            f("polarity"),
            None,
            None,
            words,
        ]
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect::<Vec<_>>()
        .join(",");
    }

    // Dates.
    col[16] = arr(result, "timexes")
        .iter()
        .filter(|t| s(t, "type") == Some("DATE"))
        .filter_map(|t| Some(format!("{}#{}", date_block(s(t, "value")?)?, start(t))))
        .collect::<Vec<_>>()
        .join(";");

    // Quotations: direct statements, `offset|length|verb|quote`, `#` between blocks.
    col[22] = arr(result, "attributions")
        .iter()
        .filter(|a| matches!(s(a, "kind"), Some("direct")))
        .filter_map(|a| {
            let c = a.get("content")?;
            let full = s(c, "text")?;
            // GKG quotes are the words alone: drop the quotation marks (and the comma or
            // white space inside them) that `presslens/1` keeps in a direct content.
            const MARKS: &[char] = &['"', '“', '”', '‘', '’', '«', '»', '„', '\''];
            let lead = full.len() - full.trim_start_matches(MARKS).len();
            let text = full
                .trim_start_matches(MARKS)
                .trim_end_matches(MARKS)
                .trim_end_matches([',', ' '])
                .trim_start();
            let offset = start(c) + full[..lead].chars().count() as u64;
            let verb = a
                .get("cue")
                .and_then(|c| s(c, "text"))
                .map(|v| clean(v, &['|', '#']))
                .unwrap_or_default();
            Some(format!(
                "{}|{}|{verb}|{}",
                offset,
                text.chars().count(),
                clean(text, &['|', '#'])
            ))
        })
        .collect::<Vec<_>>()
        .join("#");

    // Amounts: `amount,object,offset`.
    col[24] = arr(result, "quantities")
        .iter()
        .filter_map(|q| {
            let v = q.get("value").and_then(Value::as_f64)?;
            let obj = q
                .get("object")
                .and_then(|o| s(o, "text"))
                .map(|t| clean(t, &[';', ',']))
                .unwrap_or_default();
            Some(format!("{},{obj},{}", number(v), start(q)))
        })
        .collect::<Vec<_>>()
        .join(";");

    // Extras.
    let mut xml = String::new();
    if let Some(t) = doc.get("title").and_then(|t| s(t, "text")) {
        xml.push_str(&format!(
            "<PAGE_TITLE>{}</PAGE_TITLE>",
            xml_escape(&clean(t, &[]))
        ));
    }
    let authors: Vec<&str> = arr(doc, "authors")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if !authors.is_empty() {
        xml.push_str(&format!(
            "<PAGE_AUTHORS>{}</PAGE_AUTHORS>",
            xml_escape(&clean(&authors.join(", "), &[]))
        ));
    }
    col[26] = xml;
    Some(col.join("\t"))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "schema": "presslens/1", "id": "a-1",
            "text": "x",
            "document": {"title": {"start": 0, "end": 5, "text": "Talks\tend <now>"},
                         "published": "2016-12-24T00:10", "url": "https://www.example.org/a?b=1",
                         "outlet": null, "authors": ["Jane Doe"]},
            "entities": [
                {"id": "e1", "type": "PERSON", "name": "Jane; Roe", "affiliation": "RU",
                 "mentions": [{"start": 10, "end": 14, "text": "Roe", "kind": "name"},
                              {"start": 30, "end": 32, "text": "she", "kind": "pronoun"}]},
                {"id": "e2", "type": "GPE", "name": "Russia", "affiliation": "RU",
                 "mentions": [{"start": 40, "end": 46, "text": "Russia", "kind": "name"}]},
                {"id": "e3", "type": "GPE", "name": "Aleppo", "affiliation": "SY",
                 "mentions": [{"start": 50, "end": 56, "text": "Aleppo", "kind": "name"}]},
                {"id": "e4", "type": "ORG", "name": "Red Cross", "affiliation": null,
                 "mentions": [{"start": 60, "end": 69, "text": "Red Cross", "kind": "name"}]}
            ],
            "attributions": [
                {"id": "a1", "kind": "direct", "content": {"start": 70, "end": 80, "text": "We|won #1"},
                 "cue": {"start": 82, "end": 86, "text": "said"}, "source": null, "via": null},
                {"id": "a2", "kind": "indirect", "content": {"start": 90, "end": 95, "text": "it"},
                 "cue": null, "source": null, "via": null}
            ],
            "timexes": [
                {"start": 100, "end": 108, "text": "Friday", "type": "DATE", "value": "2016-12-23", "mod": null},
                {"start": 110, "end": 114, "text": "June", "type": "DATE", "value": "2016-06", "mod": null},
                {"start": 120, "end": 124, "text": "week", "type": "DURATION", "value": "P1W", "mod": null}
            ],
            "quantities": [
                {"start": 130, "end": 136, "text": "34,000", "value": 34000.0, "object": {"start": 137, "end": 143, "text": "people"},
                 "count_type": "EVACUATED"},
                {"start": 150, "end": 153, "text": "1.5", "value": 1.5, "object": null, "count_type": null}
            ],
            "tone": {"tone": -2.5, "positive": 1.0, "negative": 3.5, "polarity": 4.5, "word_count": 200}
        })
    }

    #[test]
    fn fills_the_27_columns_in_codebook_order() {
        let r = row(&sample(), 7).expect("a row");
        let c: Vec<&str> = r.split('\t').collect();
        assert_eq!(c.len(), 27, "{r}");
        assert!(!r.contains('\n'));
        assert_eq!(c[0], "20161224001000-7");
        assert_eq!(c[1], "20161224001000");
        assert_eq!(c[2], "1");
        assert_eq!(c[3], "example.org");
        assert_eq!(c[4], "https://www.example.org/a?b=1");
        assert_eq!(c[5], "EVACUATED#34000#people#######");
        assert_eq!(c[5].split('#').count(), 10);
        assert_eq!(c[6], "EVACUATED#34000#people########130");
        assert_eq!(c[6].split('#').count(), 11);
        // Russia is a country (type 1, FIPS RS); Aleppo a city in Syria.
        assert_eq!(c[9], "1#Russia#RS#RS###RS;4#Aleppo, Syria#SY####");
        assert!(c[9].split(';').all(|b| b.split('#').count() == 7));
        assert_eq!(c[10], "1#Russia#RS#RS####RS#40;4#Aleppo, Syria#SY######50");
        assert!(c[10].split(';').all(|b| b.split('#').count() == 9));
        // Delimiters inside names are blanked; pronoun mentions are not names.
        assert_eq!(c[11], "Jane Roe");
        assert_eq!(c[12], "Jane Roe,10");
        assert_eq!(c[13], "Red Cross");
        assert_eq!(c[14], "Red Cross,60");
        assert_eq!(c[15], "-2.5,1,3.5,4.5,,,200");
        assert_eq!(c[16], "4#12#23#2016#100;2#6#0#2016#110");
        assert_eq!(c[22], "70|9|said|We won 1");
        assert_eq!(c[23], "Jane Roe,10;Russia,40;Aleppo,50;Red Cross,60");
        assert_eq!(c[24], "34000,people,130;1.5,,150");
        assert_eq!(
            c[26],
            "<PAGE_TITLE>Talks end &lt;now&gt;</PAGE_TITLE><PAGE_AUTHORS>Jane Doe</PAGE_AUTHORS>"
        );
        for i in [7, 8, 17, 18, 19, 20, 21, 25] {
            assert_eq!(c[i], "", "column {}", COLUMNS[i]);
        }
    }

    #[test]
    fn error_records_and_missing_layers() {
        assert!(row(
            &json!({"schema": "presslens/1", "error": {"message": "x"}}),
            0
        )
        .is_none());
        let r = row(&json!({"schema": "presslens/1", "id": "x"}), 3).expect("row");
        let c: Vec<&str> = r.split('\t').collect();
        assert_eq!(c.len(), 27);
        assert_eq!(c[0], "00000000000000-3");
        assert_eq!(c[4], "x");
    }

    #[test]
    fn dates_and_hosts() {
        assert_eq!(
            gkg_date("2019-03-03T17:42-05:00").as_deref(),
            Some("20190303174200")
        );
        assert_eq!(gkg_date("2016-12-24").as_deref(), Some("20161224000000"));
        assert_eq!(gkg_date("2016"), None);
        assert_eq!(date_block("XXXX-12-25").as_deref(), Some("3#12#25#0"));
        assert_eq!(date_block("2012").as_deref(), Some("1#0#0#2012"));
        assert_eq!(date_block("2016-W51"), None);
        assert_eq!(date_block("PRESENT_REF"), None);
        assert_eq!(
            host("http://user@News.example.com:8080/x").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(fips_of("DE"), Some("GM"));
    }
}
