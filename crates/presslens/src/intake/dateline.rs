//! Datelines, publication lines and bylines as outlets print them.
//!
//! Recognises, among others:
//! - `24 Dec, 2016 00:10 / Updated 8 years ago` (RT)
//! - `Published: March 3, 2019 5:42 PM EST`, `Updated 2:15 p.m. ET, Mon March 4, 2019` (US sites)
//! - `Mon 4 Mar 2019 10.15 GMT` (The Guardian), `2019-03-04T10:00:00Z`, `2019-03-04`
//! - `By Jane Doe`, `By Jane Doe and John Smith, Reuters`
//! - wire datelines opening the first paragraph: `WASHINGTON (Reuters) -`, `MOSCOW, Dec 23 (AP) —`
//!
//! Dates come out as `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DDTHH:MM±HH:MM` when the line
//! names a time zone. A relative time ("8 years ago") is kept as written, since it is relative to a
//! moment nobody recorded.

use chrono::{Datelike, NaiveDate};

/// A point in time read from a header line, with the precision the line gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Calendar date.
    pub date: NaiveDate,
    /// Hour and minute, when given.
    pub time: Option<(u32, u32)>,
    /// Offset from UTC in minutes, when a zone was named.
    pub offset: Option<i32>,
}

impl Stamp {
    /// ISO 8601 form: `2016-12-24`, `2016-12-24T00:10`, `2019-03-03T17:42-05:00`.
    pub fn iso(&self) -> String {
        let mut s = self.date.format("%Y-%m-%d").to_string();
        if let Some((h, m)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}"));
            if let Some(off) = self.offset {
                if off == 0 {
                    s.push('Z');
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.abs();
                    s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
                }
            }
        }
        s
    }
}

/// A value read from a header line: an absolute stamp, or a relative phrase kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// An absolute date or date-time.
    At(Stamp),
    /// A relative phrase such as "8 years ago".
    Relative(String),
}

impl When {
    /// The form used in `presslens/1`: ISO for absolute values, the phrase for relative ones.
    pub fn render(&self) -> String {
        match self {
            When::At(s) => s.iso(),
            When::Relative(r) => r.clone(),
        }
    }
}

/// What one header line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderLine {
    /// Publication time.
    pub published: Option<When>,
    /// Update time.
    pub updated: Option<When>,
    /// Author names from a byline.
    pub authors: Vec<String>,
    /// An outlet named in a byline ("By Jane Doe, Reuters").
    pub outlet: Option<String>,
}

impl HeaderLine {
    /// True when the line carried a date.
    pub fn has_date(&self) -> bool {
        self.published.is_some() || self.updated.is_some()
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1–12) a word names: full names, three-letter forms, "Sept", with or without a dot.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    w.len() >= 3
        && WEEKDAYS.iter().any(|d| {
            *d == w
                || d.starts_with(&w) && (w.len() == 3 || w == "tues" || w == "thur" || w == "thurs")
        })
}

/// UTC offset in minutes for a zone abbreviation; `month` resolves US "ET"/"PT"-style zones.
fn zone_offset(word: &str, month: Option<u32>) -> Option<i32> {
    let summer = matches!(month, Some(4..=10));
    let us = |std: i32| Some(if summer { std + 60 } else { std });
    match word.trim_end_matches('.').to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" => Some(0),
        "BST" => Some(60),
        "CET" => Some(60),
        "CEST" => Some(120),
        "EET" => Some(120),
        "EEST" => Some(180),
        "MSK" => Some(180),
        "EST" => Some(-300),
        "EDT" => Some(-240),
        "CST" => Some(-360),
        "CDT" => Some(-300),
        "MST" => Some(-420),
        "MDT" => Some(-360),
        "PST" => Some(-480),
        "PDT" => Some(-420),
        "ET" => us(-300),
        "CT" => us(-360),
        "MT" => us(-420),
        "PT" => us(-480),
        "JST" => Some(540),
        "AEST" => Some(600),
        "AEDT" => Some(660),
        _ => None,
    }
}

/// Parses `+03:00`, `+0300`, `-05`.
fn numeric_offset(word: &str) -> Option<i32> {
    let (sign, rest) = match word.as_bytes().first()? {
        b'+' => (1, &word[1..]),
        b'-' => (-1, &word[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(digits.len() == 2 || digits.len() == 4) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Parses an ISO 8601 date or date-time at the start of `s` (`2019-03-04`, `2019-03-04T10:00:00Z`,
/// `2019-03-04 10:00`, `2019-03-04T10:00:00.000+03:00`). Returns the stamp and the bytes used.
pub fn parse_iso(s: &str) -> Option<(Stamp, usize)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let mo: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let mut used = 10;
    let mut time = None;
    let mut offset = None;
    if b.len() >= 16 && (b[10] == b'T' || b[10] == b' ') && b[13] == b':' {
        if let (Some(h), Some(m)) = (
            s.get(11..13).and_then(|x| x.parse::<u32>().ok()),
            s.get(14..16).and_then(|x| x.parse::<u32>().ok()),
        ) {
            if h < 24 && m < 60 {
                time = Some((h, m));
                used = 16;
                // seconds and fraction
                let rest = &s[used..];
                let skip = rest
                    .char_indices()
                    .take_while(|(_, c)| c.is_ascii_digit() || *c == ':' || *c == '.')
                    .map(|(i, c)| i + c.len_utf8())
                    .last()
                    .unwrap_or(0);
                used += skip;
                let rest = &s[used..];
                if let Some(r) = rest.strip_prefix('Z') {
                    offset = Some(0);
                    used = s.len() - r.len();
                } else if rest.starts_with('+') || rest.starts_with('-') {
                    let tok: String = rest
                        .chars()
                        .enumerate()
                        .take_while(|(i, c)| *i == 0 || c.is_ascii_digit() || *c == ':')
                        .map(|(_, c)| c)
                        .collect();
                    if let Some(o) = numeric_offset(&tok) {
                        offset = Some(o);
                        used += tok.len();
                    }
                }
            }
        }
    }
    Some((Stamp { date, time, offset }, used))
}

/// Parses a relative phrase like "8 years ago", "an hour ago", "yesterday".
fn parse_relative(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches('.');
    let lower = t.to_ascii_lowercase();
    if matches!(lower.as_str(), "yesterday" | "today" | "just now") {
        return Some(t.to_string());
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() == 3 && words[2] == "ago" {
        let n_ok = words[0].chars().all(|c| c.is_ascii_digit())
            || matches!(words[0], "a" | "an" | "one" | "two" | "few");
        let unit = words[1].trim_end_matches('s');
        let unit_ok = matches!(
            unit,
            "second" | "sec" | "minute" | "min" | "hour" | "hr" | "day" | "week" | "month" | "year"
        );
        if n_ok && unit_ok {
            return Some(t.to_string());
        }
    }
    None
}

/// Words that may surround a date on a header line without making it prose.
fn is_header_filler(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().trim_end_matches([':', '.']),
        "published"
            | "updated"
            | "posted"
            | "last"
            | "first"
            | "modified"
            | "on"
            | "at"
            | "date"
            | "time"
            | "created"
            | "|"
            | "/"
            | "-"
            | "–"
            | "—"
            | "•"
            | "·"
    )
}

/// Parses a free-form date/time such as `March 3, 2019 5:42 PM EST`, `24 Dec, 2016 00:10`,
/// `2:15 p.m. ET, Mon March 4, 2019` or `Mon 4 Mar 2019 10.15 GMT`. Returns `None` when the text
/// holds words that are neither date parts nor header filler: then it is prose, not a dateline.
pub fn parse_datetime(s: &str) -> Option<Stamp> {
    let s = s.trim();
    if let Some((mut st, used)) = parse_iso(s) {
        let mut ok = true;
        for w in s[used..].split_whitespace() {
            if let Some(o) = numeric_offset(w).or_else(|| zone_offset(w, Some(st.date.month()))) {
                if st.time.is_some() && st.offset.is_none() {
                    st.offset = Some(o);
                }
            } else if !is_header_filler(w) {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(st);
        }
    }
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time: Option<(u32, u32)> = None;
    let mut zone_word: Option<String> = None;
    let mut offset = None;
    let mut pm: Option<bool> = None;
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let lw = w.to_ascii_lowercase();
        if let Some(m) = month_number(w) {
            if month.is_none()
                && (w.len() >= 3)
                && w.chars().next().is_some_and(char::is_alphabetic)
            {
                month = Some(m);
                i += 1;
                continue;
            }
        }
        if is_weekday(w) || is_header_filler(w) {
            i += 1;
            continue;
        }
        if matches!(lw.as_str(), "am" | "a.m." | "a.m" | "pm" | "p.m." | "p.m") {
            pm = Some(lw.starts_with('p'));
            i += 1;
            continue;
        }
        if zone_offset(w, None).is_some() {
            zone_word = Some(w.to_string());
            i += 1;
            continue;
        }
        if let Some(o) = numeric_offset(w) {
            offset = Some(o);
            i += 1;
            continue;
        }
        // time: 5:42, 05:42:10, 10.15 (only with a zone or am/pm after it), 5:42pm
        let (core, suffix_pm) = split_ampm(w);
        if let Some(t) = parse_clock(core, words.get(i + 1).map(String::as_str)) {
            if time.is_none() {
                time = Some(t);
                if suffix_pm.is_some() {
                    pm = suffix_pm;
                }
                i += 1;
                continue;
            }
        }
        let digits = w.trim_end_matches(['.', ',']);
        let ordinal = digits
            .strip_suffix("st")
            .or_else(|| digits.strip_suffix("nd"))
            .or_else(|| digits.strip_suffix("rd"))
            .or_else(|| digits.strip_suffix("th"))
            .unwrap_or(digits);
        if !ordinal.is_empty() && ordinal.chars().all(|c| c.is_ascii_digit()) {
            let n: u32 = ordinal.parse().ok()?;
            if ordinal.len() == 4 && (1800..=2200).contains(&n) && year.is_none() {
                year = Some(n as i32);
            } else if ordinal.len() <= 2 && (1..=31).contains(&n) && day.is_none() {
                day = Some(n);
            } else {
                return None;
            }
            i += 1;
            continue;
        }
        // Numeric dates: 12/24/2016 is ambiguous in general, so only when one reading is possible.
        if let Some(st) = parse_slashed(w) {
            year = Some(st.0);
            month = Some(st.1);
            day = Some(st.2);
            i += 1;
            continue;
        }
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let time = time.map(|(h, m)| match pm {
        Some(true) if h < 12 => (h + 12, m),
        Some(false) if h == 12 => (0, m),
        _ => (h, m),
    });
    if offset.is_none() {
        offset = zone_word.and_then(|z| zone_offset(&z, month));
    }
    Some(Stamp {
        date,
        time,
        offset: if time.is_some() { offset } else { None },
    })
}

fn split_ampm(w: &str) -> (&str, Option<bool>) {
    let lw = w.to_ascii_lowercase();
    for (suf, pm) in [("p.m.", true), ("a.m.", false), ("pm", true), ("am", false)] {
        if lw.ends_with(suf) && w.len() > suf.len() {
            return (&w[..w.len() - suf.len()], Some(pm));
        }
    }
    (w, None)
}

fn parse_clock(w: &str, next: Option<&str>) -> Option<(u32, u32)> {
    let sep = if w.contains(':') {
        ':'
    } else if w.contains('.') {
        // "10.15" is a time only when a zone or am/pm follows.
        let next_ok = next.is_some_and(|n| {
            zone_offset(n, None).is_some()
                || matches!(
                    n.to_ascii_lowercase().as_str(),
                    "am" | "pm" | "a.m." | "p.m."
                )
        });
        if !next_ok {
            return None;
        }
        '.'
    } else {
        return None;
    };
    let mut parts = w.split(sep);
    let h: u32 = parts.next()?.parse().ok()?;
    let m_str = parts.next()?;
    if m_str.len() != 2 {
        return None;
    }
    let m: u32 = m_str.parse().ok()?;
    if let Some(sec) = parts.next() {
        if sec.parse::<u32>().is_err() {
            return None;
        }
    }
    (h < 24 && m < 60).then_some((h, m))
}

/// `2016/12/24`, `24/12/2016` or `12/24/2016` when only one reading is a valid date.
fn parse_slashed(w: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = w.split(['/', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if n.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]).map(|_| (n[0] as i32, n[1], n[2]));
    }
    if parts[2].len() != 4 {
        return None;
    }
    let y = n[2] as i32;
    let dmy = NaiveDate::from_ymd_opt(y, n[1], n[0]).is_some();
    let mdy = NaiveDate::from_ymd_opt(y, n[0], n[1]).is_some();
    match (dmy, mdy) {
        (true, false) => Some((y, n[1], n[0])),
        (false, true) => Some((y, n[0], n[1])),
        (true, true) if n[0] == n[1] => Some((y, n[0], n[1])),
        _ => None,
    }
}

/// Reads one header line: publication/update stamps (several parts may be joined by `/`, `|` or
/// `•`) or a byline. Returns `None` for prose.
pub fn parse_header_line(line: &str) -> Option<HeaderLine> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 160 {
        return None;
    }
    if let Some(b) = parse_byline(line) {
        return Some(b);
    }
    let mut out = HeaderLine::default();
    for part in line
        .split([' ', '\t'])
        .collect::<Vec<_>>()
        .join(" ")
        .split(['|', '•', '·'])
    {
        for part in split_slash(part) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let lower = part.to_ascii_lowercase();
            let is_update = lower.starts_with("updated")
                || lower.starts_with("last updated")
                || lower.starts_with("last modified")
                || lower.starts_with("modified");
            let body = strip_lead(part);
            let when = if let Some(st) = parse_datetime(body) {
                When::At(st)
            } else if let Some(r) = parse_relative(body) {
                When::Relative(r)
            } else {
                return None;
            };
            if is_update {
                out.updated.get_or_insert(when);
            } else if out.published.is_none() {
                out.published = Some(when);
            } else {
                out.updated.get_or_insert(when);
            }
        }
    }
    out.has_date().then_some(out)
}

/// Splits on " / " (with spaces), so that numeric dates with slashes stay whole.
fn split_slash(s: &str) -> Vec<&str> {
    s.split(" / ").collect()
}

/// Drops "Published:", "Updated", "Last updated on" and the like from the front.
fn strip_lead(part: &str) -> &str {
    let mut p = part.trim();
    loop {
        let lower = p.to_ascii_lowercase();
        let mut changed = false;
        for lead in [
            "published",
            "updated",
            "last updated",
            "last modified",
            "modified",
            "posted",
            "first published",
            "created",
            "date",
            "on",
            "at",
        ] {
            if lower.starts_with(lead)
                && p[lead.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ':' || c.is_whitespace())
            {
                p = p[lead.len()..].trim_start_matches(':').trim_start();
                changed = true;
                break;
            }
        }
        if !changed {
            return p;
        }
    }
}

/// "By Jane Doe", "By Jane Doe and John Smith, Reuters", "BY JANE DOE | CNN".
pub fn parse_byline(line: &str) -> Option<HeaderLine> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?;
    if rest.split_whitespace().count() > 14 || rest.ends_with('.') && !rest.ends_with("Jr.") {
        return None;
    }
    let mut out = HeaderLine::default();
    let normalized = rest
        .replace(" and ", ",")
        .replace(" & ", ",")
        .replace('|', ",");
    let parts: Vec<&str> = normalized
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for (i, part) in parts.iter().enumerate() {
        if let Some(st) = parse_datetime(part) {
            out.published.get_or_insert(When::At(st));
            continue;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        let capitalised = words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(
                    *w,
                    "de" | "van" | "von" | "al" | "bin" | "da" | "del" | "la" | "le"
                )
        });
        if !capitalised {
            return None;
        }
        if words.len() >= 2 && words.len() <= 4 {
            out.authors.push(title_case_if_shouting(part));
        } else if words.len() == 1 && i > 0 {
            out.outlet = Some(part.to_string());
        } else if words.len() == 1 {
            out.authors.push(title_case_if_shouting(part));
        } else {
            return None;
        }
    }
    (!out.authors.is_empty()).then_some(out)
}

fn title_case_if_shouting(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A wire dateline at the start of a paragraph: `WASHINGTON (Reuters) - `,
/// `MOSCOW, Dec 23 (AP) — `, `LONDON — `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireDateline {
    /// Bytes from the paragraph start to the first word of the story.
    pub len: usize,
    /// The place, as written ("WASHINGTON").
    pub place: String,
    /// The agency in brackets, when present.
    pub outlet: Option<String>,
}

/// Finds a wire dateline at the start of `para`.
pub fn wire_dateline(para: &str) -> Option<WireDateline> {
    // The place: upper-case words (with spaces, dots, commas, apostrophes, hyphens).
    let mut end_place = 0;
    for (i, c) in para.char_indices() {
        if c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-' | '’') {
            end_place = i + c.len_utf8();
        } else {
            break;
        }
    }
    let place_raw = para[..end_place].trim_end_matches([' ', '-']);
    let letters = place_raw.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return None;
    }
    let mut rest = &para[place_raw.len()..];
    let mut place = place_raw.trim().to_string();
    // Optional ", State" or ", Dec 23" after the place.
    if let Some(r) = rest.strip_prefix(", ") {
        let stop = r.find(['(', '—', '–']).or_else(|| r.find(" - "))?;
        let extra = r[..stop].trim();
        if extra.split_whitespace().count() > 4 || extra.is_empty() {
            return None;
        }
        let is_date = extra
            .split_whitespace()
            .next()
            .and_then(month_number)
            .is_some()
            || parse_datetime(extra).is_some();
        if !is_date {
            place = format!("{place}, {extra}");
        }
        rest = &r[stop..];
    }
    let rest_trim = rest.trim_start();
    let mut outlet = None;
    let mut after = rest_trim;
    if let Some(r) = rest_trim.strip_prefix('(') {
        let close = r.find(')')?;
        let name = r[..close].trim();
        if name.is_empty() || name.split_whitespace().count() > 4 {
            return None;
        }
        outlet = Some(name.to_string());
        after = r[close + 1..].trim_start();
    }
    // Without an agency in brackets only a long dash marks a dateline ("LONDON — ").
    let after_dash = after
        .strip_prefix("--")
        .or_else(|| after.strip_prefix('—'))
        .or_else(|| after.strip_prefix('–'))
        .or_else(|| outlet.as_ref().and_then(|_| after.strip_prefix('-')))?;
    // A dash alone after an all-caps word is common in prose headings; require a story after it.
    let story = after_dash.trim_start();
    if !story
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '“' || c == '"')
    {
        return None;
    }
    if outlet.is_none() && place.split_whitespace().count() > 3 {
        return None;
    }
    Some(WireDateline {
        len: para.len() - story.len(),
        place,
        outlet,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_datetime(s).map(|s| s.iso())
    }

    #[test]
    fn header_shapes() {
        let h = parse_header_line("24 Dec, 2016 00:10 / Updated 8 years ago").unwrap();
        assert_eq!(h.published.unwrap().render(), "2016-12-24T00:10");
        assert_eq!(h.updated.unwrap().render(), "8 years ago");
        let h = parse_header_line("Published: March 3, 2019 5:42 PM EST").unwrap();
        assert_eq!(h.published.unwrap().render(), "2019-03-03T17:42-05:00");
        let h = parse_header_line("Updated 2:15 p.m. ET, Mon March 4, 2019").unwrap();
        assert_eq!(h.updated.unwrap().render(), "2019-03-04T14:15-05:00");
        let h = parse_header_line("2019-03-04T10:00:00Z").unwrap();
        assert_eq!(h.published.unwrap().render(), "2019-03-04T10:00Z");
        let h = parse_header_line("Mon 4 Mar 2019 10.15 GMT").unwrap();
        assert_eq!(h.published.unwrap().render(), "2019-03-04T10:15Z");
        let h = parse_header_line("Last updated on July 9, 2020").unwrap();
        assert_eq!(h.updated.unwrap().render(), "2020-07-09");
    }

    #[test]
    fn prose_is_not_a_header() {
        assert!(parse_header_line("On March 3, 2019 the talks collapsed.").is_none());
        assert!(
            parse_header_line("Assad thanks Russia & Putin for helping to liberate Aleppo")
                .is_none()
        );
        assert!(
            parse_header_line("In June, Syrian government forces launched an offensive").is_none()
        );
    }

    #[test]
    fn dates() {
        assert_eq!(iso("July 4th, 2021").as_deref(), Some("2021-07-04"));
        assert_eq!(
            iso("12:30 am 1 Jan 2020").as_deref(),
            Some("2020-01-01T00:30")
        );
        assert_eq!(iso("24/12/2016").as_deref(), Some("2016-12-24"));
        assert_eq!(iso("03/04/2019"), None); // ambiguous
        assert_eq!(
            iso("2016-12-24 00:10 +0300").as_deref(),
            Some("2016-12-24T00:10+03:00")
        );
        assert_eq!(iso("Feb 30, 2019"), None);
    }

    #[test]
    fn bylines() {
        let b = parse_header_line("By Jane Doe").unwrap();
        assert_eq!(b.authors, vec!["Jane Doe"]);
        let b = parse_header_line("By Jane Doe and John Smith, Reuters").unwrap();
        assert_eq!(b.authors, vec!["Jane Doe", "John Smith"]);
        assert_eq!(b.outlet.as_deref(), Some("Reuters"));
        let b = parse_header_line("BY JANE DOE | CNN").unwrap();
        assert_eq!(b.authors, vec!["Jane Doe"]);
        assert!(parse_header_line("By the end of the year, prices had doubled.").is_none());
    }

    #[test]
    fn wire_datelines() {
        let w = wire_dateline("WASHINGTON (Reuters) - The U.S. Senate voted.").unwrap();
        assert_eq!(w.place, "WASHINGTON");
        assert_eq!(w.outlet.as_deref(), Some("Reuters"));
        assert_eq!(
            &"WASHINGTON (Reuters) - The U.S. Senate voted."[w.len..],
            "The U.S. Senate voted."
        );
        let w = wire_dateline("MOSCOW, Dec 23 (AP) — Officials said").unwrap();
        assert_eq!(w.place, "MOSCOW");
        let w = wire_dateline("NEW YORK, N.Y. — Officials said").unwrap();
        assert_eq!(w.place, "NEW YORK, N.Y.");
        assert!(wire_dateline("The Syrian President, Bashar Assad, has").is_none());
        assert!(wire_dateline("NATO - the alliance says").is_none());
        assert!(wire_dateline("LONDON — Officials said").is_some());
        assert!(wire_dateline("I - think").is_none());
    }
}
