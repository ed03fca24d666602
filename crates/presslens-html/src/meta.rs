//! Metadata read directly from the page, used where trafilatura found nothing (and to recover
//! the time of day, which trafilatura's date does not carry).

use chrono::{Datelike, NaiveDate, Timelike};
use ego_tree::NodeRef;
use scraper::{Html, Node};
use serde_json::Value;

use crate::blocks::clean_text;

/// Metadata candidates found in the page's own markup.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    /// Normalised publication dates stated as such (meta tags, JSON-LD), best source first.
    pub dates: Vec<String>,
    /// Normalised dates of `<time datetime>` elements, publication-marked ones first.
    pub time_dates: Vec<String>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

fn element_text(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    clean_text(&s)
}

fn non_empty(s: &str) -> Option<String> {
    let s = clean_text(s);
    (!s.is_empty()).then_some(s)
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.iter().any(|x| x.eq_ignore_ascii_case(&s)) {
        v.push(s);
    }
}

/// Meta `name`/`property`/`itemprop` keys that carry a publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
];

/// Reads title, dates, authors, site name and canonical URL from `<head>` tags, JSON-LD and
/// `<time>` elements.
pub(crate) fn page_meta(doc: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut og_title = None;
    let mut title_tag = None;
    let mut meta_dates: Vec<(usize, String)> = Vec::new();
    let mut ld_dates = Vec::new();
    let mut time_dates = Vec::new();
    let mut og_url = None;
    let mut canonical = None;
    let mut ld_site = None;
    let mut og_site = None;
    let mut ld_authors = Vec::new();
    let mut meta_authors = Vec::new();

    for node in doc.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        match el.name() {
            "title" if title_tag.is_none() => title_tag = non_empty(&element_text(node)),
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                let Some(content) = el.attr("content").and_then(non_empty) else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(content),
                    "og:url" if og_url.is_none() => og_url = Some(content),
                    "og:site_name" if og_site.is_none() => og_site = Some(content),
                    "author" | "article:author" | "dc.creator" | "byl" | "parsely-author"
                    | "sailthru.author" => {
                        if !content.contains("://") {
                            let name = content.trim_start_matches("By ").trim().to_string();
                            if !name.is_empty() {
                                push_unique(&mut meta_authors, name);
                            }
                        }
                    }
                    k => {
                        if let Some(rank) = DATE_META.iter().position(|d| *d == k) {
                            if let Some(d) = normalize_date(&content) {
                                meta_dates.push((rank, d));
                            }
                        }
                    }
                }
            }
            "link" if canonical.is_none() => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "canonical") {
                    canonical = el.attr("href").and_then(non_empty);
                }
            }
            "script" => {
                let ty = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
                if ty == "application/ld+json" {
                    let raw = element_text(node);
                    if let Ok(v) = serde_json::from_str::<Value>(&raw) {
                        read_json_ld(&v, &mut ld_dates, &mut ld_authors, &mut ld_site);
                    }
                }
            }
            "time" => {
                if let Some(d) = el.attr("datetime").and_then(normalize_date) {
                    let preferred = el.attr("pubdate").is_some()
                        || el
                            .attr("itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                        || el
                            .attr("class")
                            .is_some_and(|c| c.to_ascii_lowercase().contains("publish"));
                    if preferred {
                        time_dates.insert(0, d);
                    } else {
                        time_dates.push(d);
                    }
                }
            }
            _ => {}
        }
    }

    meta_dates.sort_by_key(|(rank, _)| *rank);
    let mut dates = Vec::new();
    for d in meta_dates.into_iter().map(|(_, d)| d).chain(ld_dates) {
        push_unique(&mut dates, d);
    }
    meta.dates = dates;
    meta.time_dates = time_dates;
    meta.title = og_title.or(title_tag);
    meta.url = canonical.or(og_url);
    meta.site = og_site.or(ld_site);
    meta.authors = if ld_authors.is_empty() {
        meta_authors
    } else {
        ld_authors
    };
    meta
}

/// Walks a JSON-LD value (iteratively) for `datePublished`, `author` and `publisher.name`.
fn read_json_ld(
    root: &Value,
    dates: &mut Vec<String>,
    authors: &mut Vec<String>,
    site: &mut Option<String>,
) {
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if let Some(d) = map
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .and_then(normalize_date)
                {
                    push_unique(dates, d);
                }
                if let Some(a) = map.get("author") {
                    let list: Vec<&Value> = match a {
                        Value::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for item in list {
                        let name = match item {
                            Value::String(s) => Some(s.as_str()),
                            Value::Object(o) => o.get("name").and_then(Value::as_str),
                            _ => None,
                        };
                        if let Some(n) = name.and_then(non_empty) {
                            if !n.contains("://") {
                                push_unique(authors, n);
                            }
                        }
                    }
                }
                if site.is_none() {
                    if let Some(n) = map
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(Value::as_str)
                        .and_then(non_empty)
                    {
                        *site = Some(n);
                    }
                }
                for (k, child) in map {
                    if k == "@graph" || child.is_array() || child.is_object() {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Parses up to `max` ASCII digits at the start of `s`; returns the value and digits used.
fn digits(s: &[u8], min: usize, max: usize) -> Option<(u32, usize)> {
    let n = s
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n < min {
        return None;
    }
    let mut v = 0u32;
    for b in &s[..n] {
        v = v * 10 + u32::from(b - b'0');
    }
    Some((v, n))
}

/// Normalises a date/time string to `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, or the latter with a
/// `Z` / `+HH:MM` offset when one is stated. Accepts ISO 8601-like forms (`-`, `/` or `.`
/// date separators, `T` or space before the time) and RFC 2822. A time of exactly
/// `00:00:00` is taken as a date-only placeholder and dropped.
pub(crate) fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        let off = dt.offset().local_minus_utc();
        let date = dt.date_naive();
        let time = dt.time();
        return Some(format_parts(
            date,
            Some((time.hour(), time.minute(), time.second())),
            Some(fmt_offset(off)),
        ));
    }
    let b = s.as_bytes();
    let (year, n) = digits(b, 4, 4)?;
    let mut i = n;
    let sep = *b.get(i)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    i += 1;
    let (month, n) = digits(&b[i..], 1, 2)?;
    i += n;
    if b.get(i) != Some(&sep) {
        return None;
    }
    i += 1;
    let (day, n) = digits(&b[i..], 1, 2)?;
    i += n;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if !(1900..=2200).contains(&date.year()) {
        return None;
    }
    let mut time = None;
    let mut offset = None;
    if matches!(b.get(i), Some(b'T') | Some(b't') | Some(b' ')) && b.len() > i + 1 {
        let j = i + 1;
        if let Some((h, n1)) = digits(&b[j..], 2, 2) {
            let mut k = j + n1;
            if b.get(k) == Some(&b':') {
                k += 1;
                if let Some((m, n2)) = digits(&b[k..], 2, 2) {
                    k += n2;
                    let mut sec = 0;
                    if b.get(k) == Some(&b':') {
                        if let Some((sv, n3)) = digits(&b[k + 1..], 2, 2) {
                            sec = sv;
                            k += 1 + n3;
                        }
                    }
                    if b.get(k) == Some(&b'.') || b.get(k) == Some(&b',') {
                        k += 1;
                        while b.get(k).is_some_and(u8::is_ascii_digit) {
                            k += 1;
                        }
                    }
                    if h < 24 && m < 60 && sec < 61 {
                        time = Some((h, m, sec));
                        offset = parse_offset(&s[k..]);
                    }
                }
            }
        }
    }
    Some(format_parts(date, time, offset))
}

fn fmt_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

fn parse_offset(rest: &str) -> Option<String> {
    let r = rest.trim();
    if r.eq_ignore_ascii_case("z") {
        return Some("Z".to_string());
    }
    let b = r.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, n) = digits(&b[1..], 2, 2)?;
    let mut k = 1 + n;
    if b.get(k) == Some(&b':') {
        k += 1;
    }
    let m = digits(&b[k..], 2, 2).map_or(0, |(m, _)| m);
    if h > 14 || m > 59 {
        return None;
    }
    let secs = i32::try_from(h * 3600 + m * 60).ok()? * sign;
    Some(fmt_offset(secs))
}

fn format_parts(date: NaiveDate, time: Option<(u32, u32, u32)>, offset: Option<String>) -> String {
    let d = date.format("%Y-%m-%d").to_string();
    match time {
        Some((0, 0, 0)) | None => d,
        Some((h, m, _)) => {
            let off = offset.unwrap_or_default();
            format!("{d}T{h:02}:{m:02}{off}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalise() {
        assert_eq!(normalize_date("2023-01-16"), Some("2023-01-16".into()));
        assert_eq!(
            normalize_date("2023-01-16T09:05:33+0100"),
            Some("2023-01-16T09:05+01:00".into())
        );
        assert_eq!(
            normalize_date("2023-01-16T09:05:33.123Z"),
            Some("2023-01-16T09:05Z".into())
        );
        assert_eq!(
            normalize_date("2023/1/6 14:30"),
            Some("2023-01-06T14:30".into())
        );
        assert_eq!(
            normalize_date("2023-01-16T00:00:00Z"),
            Some("2023-01-16".into())
        );
        assert_eq!(
            normalize_date("Mon, 16 Jan 2023 10:00:00 GMT"),
            Some("2023-01-16T10:00+00:00".into())
        );
        assert_eq!(normalize_date("2023-02-30"), None);
        assert_eq!(normalize_date("yesterday"), None);
    }
}
