//! Quantities in news text: who counted what, with which numbers.
//!
//! [`find`] scans a text once and returns every quantity expression with byte
//! offsets: numbers in digits or words ("78,000", "1.5m", "thirty-five",
//! "two-thirds", "a dozen"), bounds ("more than", "at least", "up to",
//! "about"), ranges ("between 20 and 30", "20-30"), units and currencies
//! ("$2bn", "30 per cent", "12 km", "40 degrees Celsius", "28-year-old"), the
//! counted noun phrase ("78,000 civilians") and a GDELT-GKG-like count type
//! from the clause ("killed" → `KILL`).
//!
//! Things that look like numbers but are not quantities in news are skipped:
//! years ("in 2012"), dates ("Dec 24"), times ("00:10", "5 p.m."), ordinals
//! ("3rd"), page and section numbers ("p. 5"), phone numbers, IP and version
//! numbers ("10.0.0.12"), list numbering and identifiers ("Boeing 777").
//!
//! Conventions (documented decisions):
//! - Vague plurals are lower estimates with [`Bound::Approx`]: "dozens" = 24,
//!   "hundreds" = 200, "thousands" = 2,000, "millions" = 2,000,000,
//!   "tens of thousands" = 20,000, "hundreds of thousands" = 200,000.
//! - "nearly", "almost", "about", "around", "roughly", "some", "an estimated"
//!   give [`Bound::Approx`]; "as many as" and "up to" give [`Bound::AtMost`].
//! - "$" and "dollars" without a qualifier are `USD`; "C$" is `CAD`, "HK$" `HKD`.
//!   "pence" is `GBX` (value in pence); "cents" is `cent`. "pounds" is `GBP`
//!   after "million"/"billion" (or with "sterling"), otherwise the weight `lb`.
//! - Ages use "year", "month", "week", "day"; durations use "duration:year",
//!   "duration:day", ... so "a 28-year-old" and "28 years in prison" differ.
//! - A lowercase glued "m" ("1.5m") is a million, except before a word of
//!   size ("1.8m tall", "high", "long", "wide", "deep", "away") where it is metres.
//! - "3,5" (one comma, one or two digits after) is the decimal 3.5; "3,500" is 3500.
//! - Ratios "one in three", "two out of five" give the fraction (0.333, 0.4).
//! - Spelled fractions may have compound ordinal denominators: "one twenty-fifth" = 1/25,
//!   "one hundred thirty-fifths" = 100/35 (a tens word without "and" joins the ordinal),
//!   "one hundred and thirty fifths" = 130/5, "a hundred trillionths" = 1e-10. Compound
//!   ordinals alone ("twenty-first", "one hundred and fifth") are not quantities, nor is a
//!   spaced singular fraction word used as an ordinal ("one third party").
//! - Scale words stack when written together: "three lakh crore" = 3e12, "two thousand
//!   million" = 2e9; "three hundred and two dozen" = 300 + 24.
//! - A glued "m" is also metres next to another metric measure on the same line ("100t
//!   and 48m") unless a noun follows ("the 5m budget" stays a million).
//! - Speeds combine a length with "per"/"/" and a time unit: "50 meters per second" is
//!   `m/s`, "20 km/ms" `km/ms`; `"` and `'` right after digits before a size word are inches
//!   and feet ("48\" wide").
//! - "MUSD 60" / "MAUD 60" are millions; "kuai … mao …" is yuan and tenths.
//! - A bare 4-digit number from 1000 to 2100 is a year unless a counted plural noun
//!   follows and no year-like word precedes ("2,012 people" and "2012 people" are counts,
//!   "in 2012 people" is not).
//! - Count types come from the nearest cue word in the same clause (verbs before or after,
//!   passive forms, "lost their lives", "were moved from", "bussed out"); the counted noun
//!   itself ("protesters", "hostages", "refugees") is only a fallback. Only plain counts
//!   (no unit) get a count type, except `SEIZE` which also applies to weights and money.
//!
//! Besides the fields asked for, [`Quantity::number`] and [`Quantity::measure`] give the
//! spans of the numeral alone and of the numeral with its unit, and [`numerals`] lists
//! every numeral (both ends of a range).
//!
//! The spec scorer ([`evaluate_specs`], module [`specs`]) runs over the English
//! Recognizers-Text Number and NumberWithUnit specs:
//! `cargo run --release -p presslens-quantities --example specs -- <Specs dir> [--failures]`.

#![warn(missing_docs)]

mod lex;
mod num;
pub mod specs;
mod token;

use std::collections::HashSet;
use std::sync::OnceLock;

use lex::Cat;
use num::{parse_at, Numeral, Parse};
use token::Toks;

pub use specs::{evaluate_specs, Error, FileScore, SpecScore};

/// How a quantity is bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    /// The number as written ("12 people").
    Exact,
    /// Approximate ("about 12", "nearly 12", "some 12", "dozens").
    Approx,
    /// Strict lower bound ("more than 12", "over 12").
    MoreThan,
    /// Inclusive lower bound ("at least 12", "12 or more").
    AtLeast,
    /// Strict upper bound ("fewer than 12", "under 12").
    LessThan,
    /// Inclusive upper bound ("up to 12", "no more than 12", "as many as 12").
    AtMost,
    /// A range from `value` to `high` ("between 20 and 30", "20-30").
    Range,
}

impl Bound {
    /// Stable lowercase name: "exact", "approx", "more_than", "at_least",
    /// "less_than", "at_most", "range".
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approx => "approx",
            Bound::MoreThan => "more_than",
            Bound::AtLeast => "at_least",
            Bound::LessThan => "less_than",
            Bound::AtMost => "at_most",
            Bound::Range => "range",
        }
    }
}

/// One quantity expression found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte offset where the whole expression starts (bound words, currency included).
    pub start: usize,
    /// Byte offset where the whole expression ends (exclusive; unit and "or more" included).
    pub end: usize,
    /// The value (the low end for ranges), with multipliers applied ("$2bn" → 2e9).
    pub value: f64,
    /// How the value is bounded.
    pub bound: Bound,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Normalised unit: "percent", "USD", "EUR", "GBP", "RUB", "km", "kg", "tonne",
    /// "celsius", "year" (age), "duration:day", ...; `None` for plain counts.
    pub unit: Option<String>,
    /// Byte span of the counted noun phrase ("civilians", "Syrian soldiers").
    pub object: Option<(usize, usize)>,
    /// GDELT-GKG-like count type from the clause: "KILL", "WOUND", "ARREST",
    /// "KIDNAP", "AFFECT", "PROTEST", "SEIZE", "DISPLACED/REFUGEES", "EVACUATED", "SICKENED".
    pub count_type: Option<&'static str>,
    /// Byte span of the numeral(s) alone ("78,000"; "20 and 30" in a range; "2bn" in "$2bn").
    pub number: (usize, usize),
    /// Byte span of the numeral(s) with currency and unit but without bound words ("$2bn").
    pub measure: (usize, usize),
}

/// One numeral that is part of a quantity (a range has two).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumeralSpan {
    /// Byte offset of the numeral.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Its value with its own multiplier ("1.5 million" → 1.5e6).
    pub value: f64,
}

/// Finds every quantity expression in `text`, in text order. Never panics;
/// all offsets are on char boundaries.
///
/// ```
/// let text = "At least 12 people were killed and $2bn was seized.";
/// let qs = presslens_quantities::find(text);
/// assert_eq!(qs[0].value, 12.0);
/// assert_eq!(qs[0].bound.as_str(), "at_least");
/// assert_eq!(qs[0].count_type, Some("KILL"));
/// assert_eq!(&text[qs[0].start..qs[0].end], "At least 12");
/// assert_eq!(qs[1].value, 2e9);
/// assert_eq!(qs[1].unit.as_deref(), Some("USD"));
/// ```
pub fn find(text: &str) -> Vec<Quantity> {
    scan(text).into_iter().map(|it| it.q).collect()
}

/// Every numeral that is part of a quantity found by [`find`], in text order.
pub fn numerals(text: &str) -> Vec<NumeralSpan> {
    scan(text).into_iter().flat_map(|it| it.nums).collect()
}

pub(crate) struct Item {
    pub(crate) q: Quantity,
    pub(crate) nums: Vec<NumeralSpan>,
}

pub(crate) fn scan(text: &str) -> Vec<Item> {
    let t = Toks::new(text);
    let mut out: Vec<Item> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !could_start(&t, i) {
            i += 1;
            continue;
        }
        match parse_at(&t, i) {
            Parse::Skip(k) => i = k.max(i + 1),
            Parse::None => i += 1,
            Parse::Num(n) => match build(&t, ratio(&t, n), &out) {
                Built::Item(item, next) => {
                    out.push(*item);
                    i = next.max(i + 1);
                }
                Built::Reject(next) => i = next.max(i + 1),
            },
        }
    }
    merge_bounds(&t, &mut out);
    for k in 0..out.len() {
        let ct = count_type(&t, &out, k);
        if let Some(it) = out.get_mut(k) {
            it.q.count_type = ct;
        }
    }
    out
}

/// "one in three", "two out of five hundred", "1 over 3": a ratio when the first number is smaller.
fn ratio(t: &Toks, n: Numeral) -> Numeral {
    if n.vague
        || n.value == 0.0
        || n.value.fract() != 0.0
        || n.t1 <= n.t0
        || currency_before(t, n.t0).is_some()
    {
        return n;
    }
    let (k, kind) = match t.w(n.t1) {
        "in" => (n.t1 + 1, 0),
        "over" => (n.t1 + 1, 1),
        "out" if t.w(n.t1 + 1) == "of" => (n.t1 + 2, 0),
        _ => return n,
    };
    if t.line_start(k) {
        return n;
    }
    let Parse::Num(m) = parse_at(t, k) else {
        return n;
    };
    if m.vague
        || m.plain_year()
        || m.value <= n.value.abs()
        || m.value.fract() != 0.0
        || m.t0 != k
        || unit_after(t, m.t1, &m).is_some()
        || is_time_after(t, m.t1)
    {
        return n;
    }
    if t.is_p(m.t1, '/') || t.is_p(m.t1, '-') && t.adj(m.t1) {
        return n;
    }
    // "over" only in a bare mathematical reading ("one over three", "1 over 3")
    if kind == 1 && (t.is_word(m.t1) || t.is_num(m.t1)) {
        return n;
    }
    let mut r = n;
    r.t1 = m.t1;
    r.value = n.value / m.value;
    r.base = r.value;
    r.mult = 1.0;
    r.plain = false;
    r.bare_one = false;
    r
}

/// "more than 10 and less than 20" → one range; "at most 100 and at least 20" too.
fn merge_bounds(t: &Toks, out: &mut Vec<Item>) {
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k].q, &out[k + 1].q);
        let lower = |q: &Quantity| matches!(q.bound, Bound::MoreThan | Bound::AtLeast);
        let upper = |q: &Quantity| matches!(q.bound, Bound::LessThan | Bound::AtMost);
        let gap = t
            .text
            .get(a.end..b.start)
            .unwrap_or("x")
            .trim()
            .trim_start_matches(',')
            .trim();
        let joinable = matches!(
            gap.to_ascii_lowercase().as_str(),
            "and" | "but" | "" | ", and" | "and yet"
        );
        let (lo, hi) = if lower(a) && upper(b) {
            (a.value, b.value)
        } else if upper(a) && lower(b) {
            (b.value, a.value)
        } else {
            k += 1;
            continue;
        };
        if !joinable || lo >= hi || a.unit != b.unit || b.object.is_some() && a.object.is_some() {
            k += 1;
            continue;
        }
        let second = out.remove(k + 1);
        let first = &mut out[k];
        first.q.end = second.q.end;
        first.q.value = lo;
        first.q.high = Some(hi);
        first.q.bound = Bound::Range;
        first.q.number = (first.q.number.0, second.q.number.1);
        first.q.measure = (first.q.measure.0, second.q.measure.1);
        if first.q.object.is_none() {
            first.q.object = second.q.object;
        }
        first.nums.extend(second.nums);
        k += 1;
    }
}

fn could_start(t: &Toks, i: usize) -> bool {
    if t.is_num(i) {
        return true;
    }
    if let Some(c) = t.p(i) {
        return (matches!(c, '-' | '\u{2212}' | '.') && t.is_num(i + 1))
            || num::vulgar(c).is_some();
    }
    let w = t.w(i);
    !w.is_empty()
        && (num::small_word(w).is_some()
            || matches!(
                w,
                "a" | "an"
                    | "half"
                    | "quarter"
                    | "minus"
                    | "negative"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "millions"
                    | "billions"
                    | "tens"
            ))
}

enum Built {
    Item(Box<Item>, usize),
    Reject(usize),
}

/// Matches a token phrase ending just before token `end` (exclusive); returns its first token.
fn match_back(t: &Toks, end: usize, phrase: &[&str]) -> Option<usize> {
    if phrase.len() > end {
        return None;
    }
    let st = end - phrase.len();
    for (k, p) in phrase.iter().enumerate() {
        if !tok_is(t, st + k, p) {
            return None;
        }
    }
    Some(st)
}

/// Matches a token phrase starting at token `st`; returns the end token (exclusive).
fn match_fwd(t: &Toks, st: usize, phrase: &[&str]) -> Option<usize> {
    for (k, p) in phrase.iter().enumerate() {
        if !tok_is(t, st + k, p) {
            return None;
        }
        // multi-token phrases must not contain line breaks
        if k > 0 && t.line_start(st + k) {
            return None;
        }
    }
    Some(st + phrase.len())
}

fn tok_is(t: &Toks, i: usize, p: &str) -> bool {
    if t.is_word(i) {
        t.w(i) == p
    } else {
        t.raw(i) == p
    }
}

struct Unit {
    end: usize,
    unit: String,
    cat: Cat,
    /// Value multiplier carried by the unit ("MUSD" → 1e6).
    scale: f64,
}

/// A currency written before the numeral at `i`: returns (first token, code).
fn currency_before(t: &Toks, i: usize) -> Option<(usize, &'static str)> {
    if i == 0 {
        return None;
    }
    let p = i - 1;
    if let Some(c) = t.p(p) {
        let code = lex::cur_symbol(c)?;
        if c == '$' && p > 0 {
            // "U.S. $" / "u.s $"
            let mut k = p;
            if k >= 1 && t.is_p(k - 1, '.') {
                k -= 1;
            }
            if k >= 3 && t.w(k - 1) == "s" && t.is_p(k - 2, '.') && t.w(k - 3) == "u" {
                return Some((k - 3, "USD"));
            }
            // "US$", "C $", "HK$", "usd$"
            let w = t.w(p - 1);
            if let Some(q) = lex::dollar_prefix(w) {
                let raw = t.raw(p - 1);
                let ok = if w.len() == 1 {
                    // single letters: "C$"/"A$"/"S$"/"R$" glued and capital, or "c $"
                    (t.adj(p) && raw.chars().all(|c| c.is_ascii_uppercase())) || w == "c"
                } else {
                    t.adj(p) || w.len() == 2
                };
                if !t.line_start(p) && ok && !t.is_p(p.wrapping_sub(2), '\'') {
                    return Some((p - 1, q));
                }
            }
        }
        return Some((p, code));
    }
    let w = t.w(p);
    if w.is_empty() {
        return None;
    }
    if let Some(code) = lex::iso_norm(w) {
        // ISO codes must be written in capitals or glued to the number
        if (t.raw(p).chars().all(|c| c.is_ascii_uppercase()) || t.adj(i) || w != "try")
            && !t.line_start(i)
        {
            return Some((p, code));
        }
        return None;
    }
    // "MUSD 60", "MAUD 60": millions of the currency (finance tables)
    if m_prefixed_iso(t, p).is_some() && !t.line_start(i) {
        return m_prefixed_iso(t, p).map(|c| (p, c));
    }
    // "sen 100,000" (the hundredth of the yen, ringgit or rupiah), lowercase only: "Sen." is a title
    if t.raw(p) == "sen" && t.is_num(i) {
        return Some((p, "sen"));
    }
    if w == "rs" && t.raw(p).starts_with('R') {
        return Some((p, "INR"));
    }
    if t.is_p(p, '.') && p > 0 && t.w(p - 1) == "rs" {
        return Some((p - 1, "INR"));
    }
    None
}

/// A capitalised ISO code with an "M" (million) prefix: "MUSD", "MAUD".
fn m_prefixed_iso(t: &Toks, k: usize) -> Option<&'static str> {
    let raw = t.raw(k);
    if t.is_word(k)
        && raw.len() == 4
        && raw.starts_with('M')
        && raw.chars().all(|c| c.is_ascii_uppercase())
    {
        return lex::iso_norm(raw.get(1..)?);
    }
    None
}

/// Words before a glued "m" that make it metres ("a wave height of 8m").
fn size_context_before(t: &Toks, t0: usize) -> bool {
    let lo = t0.saturating_sub(5);
    (lo..t0).any(|k| {
        matches!(
            t.w(k),
            "height"
                | "high"
                | "tall"
                | "long"
                | "length"
                | "deep"
                | "depth"
                | "wide"
                | "width"
                | "jump"
                | "jumped"
                | "throw"
                | "threw"
                | "distance"
                | "radius"
                | "diameter"
                | "elevation"
                | "altitude"
                | "wave"
                | "waves"
                | "wall"
                | "tower"
                | "span"
                | "metres"
                | "meters"
                | "sprint"
                | "race"
                | "hurdles"
                | "rose"
                | "level"
        )
    })
}

/// Another metric measurement near a glued "m" ("1m is equal to 10 dm", "capacity 100t
/// and outreach 48m"): a number followed by a metric symbol or unit word within a few
/// tokens on the same line.
fn metric_context(t: &Toks, t0: usize, t1: usize) -> bool {
    let lo = t0.saturating_sub(10);
    let hi = (t1 + 10).min(t.len());
    let same_line = |a: usize, b: usize| !(a + 1..=b).any(|k| t.line_start(k));
    (lo..hi).any(|k| {
        if (t0..=t1).contains(&k) || !t.is_num(k) {
            return false;
        }
        let u = k + 1;
        let w = t.w(u);
        let glued_sym = t.adj(u) && matches!(w, "t" | "kg" | "km" | "cm" | "mm" | "dm" | "ha");
        let spaced = matches!(
            w,
            "dm" | "cm"
                | "mm"
                | "km"
                | "kg"
                | "metres"
                | "meters"
                | "centimetres"
                | "centimeters"
                | "kilometres"
                | "kilometers"
                | "tonnes"
        ) && t.raw(u).chars().all(|c| c.is_ascii_lowercase());
        (glued_sym || spaced) && same_line(k.min(t0), k.max(t1))
    })
}

fn is_size_word(w: &str) -> bool {
    matches!(
        w,
        "tall"
            | "high"
            | "long"
            | "wide"
            | "deep"
            | "away"
            | "thick"
            | "across"
            | "long,"
            | "in"
            | "above"
            | "below"
            | "underground"
            | "offshore"
    )
}

/// A unit or currency written after token `e` (the end of the numeral).
/// First tokens of every unit and currency phrase (built once).
fn unit_first_tokens() -> &'static HashSet<&'static str> {
    static FIRST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    FIRST.get_or_init(|| {
        let mut h: HashSet<&'static str> = HashSet::new();
        for (ph, _) in lex::CUR_SUFFIX {
            if let Some(f) = ph.first() {
                h.insert(*f);
            }
        }
        for (ph, _, _, _) in lex::UNITS {
            if let Some(f) = ph.first() {
                h.insert(*f);
            }
        }
        for (sym, _) in lex::GLUED_SYMBOL_UNITS {
            h.insert(*sym);
        }
        h
    })
}

/// A word that begins a unit or currency phrase ("turn", "mile", "dollars").
pub(crate) fn starts_unit(w: &str) -> bool {
    unit_first_tokens().contains(w)
}

/// Length units that combine with "per <time>" into a speed.
fn is_length_unit(u: &str) -> bool {
    matches!(
        u,
        "km" | "m" | "cm" | "mm" | "dm" | "um" | "nm" | "mile" | "ft" | "inch" | "yard"
    )
}

/// A time unit after "per", "/" or "an": "millisecond" → "ms", "hour" → "h".
fn per_time_unit(t: &Toks, k: usize, words_only: bool) -> Option<&'static str> {
    let w = t.w(k);
    let full = match w {
        "millisecond" | "milliseconds" => Some("ms"),
        "second" | "seconds" => Some("s"),
        "minute" | "minutes" => Some("min"),
        "hour" | "hours" => Some("h"),
        _ => None,
    };
    if full.is_some() || words_only {
        return full;
    }
    match w {
        "ms" | "msec" => Some("ms"),
        "s" | "sec" => Some("s"),
        "min" => Some("min"),
        "h" | "hr" => Some("h"),
        _ => None,
    }
}

/// A straight double quote or double prime right after digits and before a size word:
/// "a pen 10\" long", "a 55″ wide screen" (inches); the single forms are feet.
fn prime_unit(t: &Toks, e: usize) -> Option<Unit> {
    // straight quotes and primes only (a curly quote closes a quotation), right after digits
    let unit = match t.p(e)? {
        '"' | '″' => "inch",
        '\'' | '′' => "ft",
        _ => return None,
    };
    if e == 0 || !t.is_num(e - 1) {
        return None;
    }
    if !matches!(
        t.w(e + 1),
        "long" | "tall" | "wide" | "high" | "deep" | "thick" | "across"
    ) || t.line_start(e + 1)
    {
        return None;
    }
    Some(Unit {
        end: e + 1,
        unit: unit.to_string(),
        cat: Cat::Dimension,
        scale: 1.0,
    })
}

fn unit_after(t: &Toks, e: usize, n: &Numeral) -> Option<Unit> {
    let mut u = unit_after_simple(t, e, n)?;
    // speeds: "50 meters per millisecond", "50 km/ms", "12 feet a second"
    if u.cat == Cat::Dimension && is_length_unit(&u.unit) && !t.line_start(u.end + 1) {
        let k = u.end;
        let tu = match t.w(k) {
            "per" => per_time_unit(t, k + 1, false),
            "a" | "an" => per_time_unit(t, k + 1, true),
            _ if t.is_p(k, '/') => per_time_unit(t, k + 1, false),
            _ => None,
        };
        if let Some(tu) = tu {
            let adj_ok = !t.is_p(k, '/') || (t.adj(k) && t.adj(k + 1));
            if adj_ok && !(t.adj(k + 2) && (t.is_word(k + 2) || t.is_num(k + 2))) {
                u.unit = match (u.unit.as_str(), tu) {
                    ("km", "h") => "km/h".to_string(),
                    ("mile", "h") => "mph".to_string(),
                    (l, tu) => format!("{l}/{tu}"),
                };
                u.end = k + 2;
            }
        }
    }
    Some(u)
}

fn unit_after_simple(t: &Toks, e: usize, n: &Numeral) -> Option<Unit> {
    if let Some(u) = prime_unit(t, e) {
        return Some(u);
    }
    let glued = t.adj(e);
    let first = if t.is_word(e) { t.w(e) } else { t.raw(e) };
    if first.is_empty() || t.is_num(e) {
        return None;
    }
    let maybe_iso = t.is_word(e) && (3..=4).contains(&first.len());
    if !maybe_iso && !unit_first_tokens().contains(first) {
        return None;
    }
    // "50 cents" etc. and symbols after the number
    let mut best: Option<Unit> = None;
    let mut best_len = 0;
    for (ph, code) in lex::CUR_SUFFIX {
        if (*ph == ["p"] || *ph == ["c"]) && (!glued || t.raw(e) == "C") {
            continue; // "47C" is a temperature, "17c" cents
        }
        if let Some(end) = match_fwd(t, e, ph) {
            if ph.first().is_some_and(|f| *f == "-") && !glued {
                continue;
            }
            if ph.len() == 1
                && matches!(ph[0], "$" | "€" | "£")
                && !glued
                && t.is_num(end)
                && t.adj(end)
            {
                continue; // "1 $10": the symbol belongs to the next number
            }
            if ph.len() > best_len {
                best_len = ph.len();
                best = Some(Unit {
                    end,
                    unit: (*code).to_string(),
                    cat: Cat::Currency,
                    scale: 1.0,
                });
            }
        }
    }
    // ISO codes after the number: "200 USD", "115USD", "30 MUSD"
    let w = t.w(e);
    if !w.is_empty() {
        if let Some(code) = lex::iso_norm(w) {
            if (t.raw(e).chars().all(|c| c.is_ascii_uppercase()) || glued || w != "try")
                && best_len < 1
            {
                best_len = 1;
                best = Some(Unit {
                    end: e + 1,
                    unit: code.to_string(),
                    cat: Cat::Currency,
                    scale: 1.0,
                });
                // "75 USD million"
                if let Some(m) = num::mult_word(t.w(e + 1)).filter(|m| *m >= 1e6) {
                    best = Some(Unit {
                        end: e + 2,
                        unit: code.to_string(),
                        cat: Cat::Currency,
                        scale: m,
                    });
                    best_len = 2;
                }
            }
        } else if w.len() == 4
            && w.starts_with('m')
            && t.raw(e).chars().all(|c| c.is_ascii_uppercase())
        {
            if let Some(code) = lex::iso_norm(&w[1..]) {
                best = Some(Unit {
                    end: e + 1,
                    unit: code.to_string(),
                    cat: Cat::Currency,
                    scale: 1e6,
                });
                best_len = 1;
            }
        }
    }
    for (ph, unit, cat, glued_only) in lex::UNITS {
        if *glued_only && !glued {
            continue;
        }
        if *ph == ["c"] && (t.raw(e) != "C" || (t.adj(e + 1) && t.get(e + 1).is_some())) {
            continue; // "47C" but not "14.7C/"
        }
        if ph.len() <= best_len {
            continue;
        }
        if let Some(end) = match_fwd(t, e, ph) {
            let mut unit = (*unit).to_string();
            let mut cat = *cat;
            if (ph.first() == Some(&"pounds") || ph.first() == Some(&"pound")) && n.mult >= 1e6 {
                unit = "GBP".to_string();
                cat = Cat::Currency;
            }
            if unit == "degree" && is_angle_context(t, e, end) {
                unit = "degree_angle".to_string();
                cat = Cat::Dimension;
            }
            best_len = ph.len();
            best = Some(Unit {
                end,
                unit,
                cat,
                scale: 1.0,
            });
        }
    }
    if let Some(u) = &best {
        // "24703L202", "m212": a code, not a unit
        if t.adj(u.end)
            && (t.is_num(u.end) || t.is_word(u.end))
            && u.end > 0
            && t.is_word(u.end - 1)
        {
            return None;
        }
    }
    if best_len == 0 {
        let raw = t.raw(e);
        let lw = t.w(e);
        for (sym, unit) in lex::GLUED_SYMBOL_UNITS {
            if lw == *sym {
                // case matters for data units
                let nxt_word =
                    t.is_word(e + 1) && !t.line_start(e + 1) && !matches!(t.w(e + 1), "x" | "by");
                // a lowercase "dm" is a decimetre even before a word ("2 dm more")
                if glued || !nxt_word || (*sym == "dm" && raw == "dm") {
                    if *sym == "pm" && !glued {
                        continue;
                    }
                    if t.adj(e + 1) && (t.is_num(e + 1) || t.is_word(e + 1)) {
                        return None;
                    }
                    let u = if *sym == "mb" && raw == "mb" {
                        "Mb"
                    } else {
                        unit
                    };
                    return Some(Unit {
                        end: e + 1,
                        unit: u.to_string(),
                        cat: Cat::Dimension,
                        scale: 1.0,
                    });
                }
            }
        }
    }
    best
}

fn is_angle_context(t: &Toks, e: usize, end: usize) -> bool {
    let lo = e.saturating_sub(4);
    (lo..e).any(|k| {
        matches!(
            t.w(k),
            "rotate"
                | "rotated"
                | "rotates"
                | "turn"
                | "turned"
                | "turns"
                | "tilt"
                | "tilted"
                | "angle"
                | "bank"
                | "banked"
                | "veer"
                | "veered"
                | "swivel"
        )
    }) || matches!(
        t.w(end),
        "angle"
            | "angles"
            | "turn"
            | "rotation"
            | "north"
            | "south"
            | "east"
            | "west"
            | "latitude"
            | "longitude"
    )
}

fn is_time_after(t: &Toks, e: usize) -> bool {
    let w = t.w(e);
    if matches!(
        w,
        "am" | "pm" | "gmt" | "utc" | "hrs" | "bst" | "cet" | "est" | "edt" | "pst" | "local"
    ) {
        return !(w == "am" && !t.adj(e) && t.cap(e));
    }
    if (w == "a" || w == "p") && t.is_p(e + 1, '.') && t.w(e + 2) == "m" {
        return true;
    }
    if w == "o" && (t.is_p(e + 1, '\'') || t.is_p(e + 1, '\u{2019}')) {
        return t.w(e + 2) == "clock";
    }
    false
}

fn build(t: &Toks, n: Numeral, prev_items: &[Item]) -> Built {
    let reject = Built::Reject(n.t1);
    let first_is_digit = t.is_num(n.t0) || (t.p(n.t0).is_some() && t.is_num(n.t0 + 1));
    // ---- identifiers glued to letters or codes
    let mut cur_pre = currency_before(t, n.t0);
    if let Some((ct, _)) = cur_pre {
        if prev_items.last().is_some_and(|p| p.q.end > t.start(ct)) {
            cur_pre = None;
        }
    }
    if first_is_digit && n.t0 > 0 && cur_pre.is_none() {
        let p = n.t0 - 1;
        if t.adj(n.t0) && t.is_word(p) {
            return reject; // "G20", "A4", "v2"
        }
        let glued_sym = t.adj(n.t0)
            && matches!(
                t.p(p),
                Some('-' | '#' | '+' | '/' | '_' | '@' | '&' | '=' | '\\')
            );
        if glued_sym
            && ((t.is_word(p.wrapping_sub(1)) || t.is_num(p.wrapping_sub(1))) && t.adj(p)
                || matches!(t.p(p), Some('#' | '+' | '/' | '_' | '@' | '&' | '\\')))
        {
            // "SCP-173", "COVID-19", "#5", "+1"
            return Built::Reject(skip_chain(t, n.t1));
        }
    }
    // URL percent-encoding "%28", query strings "q=30"
    if first_is_digit
        && n.t0 > 0
        && t.adj(n.t0)
        && matches!(t.p(n.t0 - 1), Some('%' | '=' | '?' | '&'))
        && t.is_word(n.t0.wrapping_sub(2))
    {
        return Built::Reject(skip_chain(t, n.t1));
    }
    if t.is_p(n.t1, '%')
        && t.adj(n.t1)
        && t.adj(n.t1 + 1)
        && (t.is_word(n.t1 + 1) || t.is_num(n.t1 + 1))
    {
        return Built::Reject(n.t1 + 2);
    }
    // "0800 123 4567": leading zeros and bare digit groups after a number are codes
    if first_is_digit && n.plain && cur_pre.is_none() {
        let leading_zero =
            (t.raw(n.t0).len() >= 2 && t.raw(n.t0).starts_with('0')) || n.ndigits >= 10;
        let after_num = n.t0 > 0 && t.is_num(n.t0 - 1) && t.nlen(n.t0 - 1) >= 3 && n.ndigits >= 3;
        if leading_zero || after_num {
            let mut k = n.t1;
            while t.is_num(k) || (t.is_p(k, '-') && t.adj(k) && t.is_num(k + 1)) {
                k += 1;
            }
            return Built::Reject(k);
        }
    }
    // phone numbers: three or more hyphenated digit groups
    if first_is_digit && n.plain {
        let mut k = n.t1;
        let mut groups = 1;
        while (t.is_p(k, '-') || t.is_p(k, '.') || t.is_p(k, '/'))
            && t.adj(k)
            && t.is_num(k + 1)
            && t.adj(k + 1)
        {
            groups += 1;
            k += 2;
        }
        if groups >= 3 {
            return Built::Reject(k);
        }
        // "(555) 123-4567" or "123-4567"
        if groups == 2 && n.ndigits == 3 && t.nlen(n.t1 + 1) == 4 {
            return Built::Reject(k);
        }
    }
    // ---- currency before
    let mut unit: Option<Unit> = None;
    let mut measure_t0 = n.t0;
    if let Some((ct, code)) = cur_pre {
        measure_t0 = ct;
        let scale = if ct + 1 == n.t0 && m_prefixed_iso(t, ct).is_some() {
            1e6
        } else {
            1.0
        };
        unit = Some(Unit {
            end: n.t1,
            unit: code.to_string(),
            cat: Cat::Currency,
            scale,
        });
    }
    // age prefix
    let mut age_prefix = false;
    if unit.is_none() && n.t0 > 0 && matches!(t.w(n.t0 - 1), "aged" | "age" | "ages") {
        age_prefix = true;
        measure_t0 = n.t0 - 1;
    }
    // ---- bound before
    let mut bound = if n.vague { Bound::Approx } else { Bound::Exact };
    let mut start_t = measure_t0;
    let mut best = 0;
    let mut between = false;
    let mut from = false;
    for (ph, b) in lex::PRE_BOUNDS {
        if ph.len() > best {
            if let Some(s) = match_back(t, measure_t0, ph) {
                // the phrase must not straddle a line break
                if (s + 1..measure_t0).any(|k| t.line_start(k)) {
                    continue;
                }
                // "over" after verbs of motion is still "more than"; "some" as a determiner of a
                // vague plural is fine. Symbols need adjacency.
                if ph.len() == 1
                    && matches!(ph[0], ">" | "<")
                    && s > 0
                    && matches!(t.p(s - 1), Some('<' | '>' | '='))
                    && t.adj(s)
                {
                    return Built::Reject(n.t1);
                }
                best = ph.len();
                bound = *b;
                start_t = s;
            }
        }
    }
    if best == 0 && measure_t0 > 0 {
        match t.w(measure_t0 - 1) {
            "between" => {
                between = true;
            }
            "from" => {
                from = true;
            }
            _ => {}
        }
    }
    // ---- unit right after the numeral (before a range connector)
    let mut e = n.t1;
    #[allow(clippy::type_complexity)]
    let mut small_m_metres: Option<(&'static str, usize)> = None;
    if n.small_m && unit.is_none() {
        if t.adj(n.t1) && (t.is_word(n.t1) || (t.is_num(n.t1) && !matches!(t.raw(n.t1), "2" | "3")))
        {
            return Built::Reject(n.t1 + 1);
        }
        if t.is_num(n.t1) && t.adj(n.t1) && matches!(t.raw(n.t1), "2" | "3") {
            small_m_metres = Some((if t.raw(n.t1) == "2" { "m2" } else { "m3" }, n.t1 + 1));
        } else if is_size_word(t.w(n.t1))
            || (!t.is_word(n.t1) && size_context_before(t, n.t0))
            || (metric_context(t, n.t0, n.t1)
                && (!t.is_word(n.t1)
                    || matches!(t.w(n.t1), "is" | "was" | "are" | "were" | "and" | "or")))
        {
            small_m_metres = Some(("m", n.t1));
        }
        if let Some((_, me)) = small_m_metres {
            e = me;
        }
    }
    if unit.is_none() && is_time_after(t, e) {
        return Built::Reject(e);
    }
    let mut unit1: Option<Unit> = None;
    if unit.is_none() && small_m_metres.is_none() {
        unit1 = unit_after(t, e, &n);
        if let Some(u) = &unit1 {
            e = u.end;
        }
    }
    let n_e = e;
    // ---- range
    let mut high: Option<Numeral> = None;
    let mut unit2: Option<Unit> = None;
    {
        let k = e;
        let conn_w = t.w(k);
        let is_dash = matches!(t.p(k), Some('-' | '\u{2013}' | '\u{2014}' | '~'));
        let ok_conn = is_dash
            || (conn_w == "to" && !from_change(t, start_t))
            || conn_w == "through"
            || conn_w == "and" && between
            || (conn_w == "or" && !n.plain_year());
        if ok_conn && !t.line_start(k + 1) {
            let mut j = k + 1;
            let mut cur2 = None;
            if let Some(c) = t.p(j) {
                if let Some(code) = lex::cur_symbol(c) {
                    cur2 = Some(code);
                    j += 1;
                }
            }
            if let Parse::Num(m) = parse_at(t, j) {
                let hyphen_adj = is_dash && t.adj(k) && t.adj(k + 1);
                let mut lo = n;
                let mut hi = m;
                if hi.mult > 1.0
                    && lo.mult <= 1.0
                    && lo.value < hi.base
                    && lo.value > 0.0
                    && unit1.is_none()
                {
                    lo.value *= hi.mult;
                }
                let years = n.plain_year() && (m.plain_year() || (m.plain && m.ndigits == 2));
                if years {
                    return Built::Reject(m.t1);
                }
                if is_dash && m.value < 0.0 {
                    // "20 -30" with a glued minus on the second number
                    hi.value = -hi.value;
                }
                if (conn_w == "or") && (m.value - lo.value).abs() > lo.value.abs().max(1.0) * 10.0 {
                    // "5 or 600" is not a range
                } else if lo.value < hi.value && !(conn_w == "or" && (n.small_m || m.small_m)) {
                    if lex::POST_BOUNDS
                        .iter()
                        .any(|(ph, _)| match_fwd(t, k, ph).is_some())
                    {
                        // "200 or more": handled as a post bound
                    } else {
                        let mut hj = hi.t1;
                        if unit.is_none()
                            && unit1.is_none()
                            && cur2.is_none()
                            && is_time_after(t, hj)
                        {
                            return Built::Reject(hj);
                        }
                        if let Some(u) = unit_after(t, hj, &hi) {
                            hj = u.end;
                            unit2 = Some(u);
                        }
                        let u1 = unit.as_ref().or(unit1.as_ref()).map(|u| u.unit.as_str());
                        let u2 = unit2.as_ref().map(|u| u.unit.as_str()).or(cur2);
                        if u1.is_some() && u2.is_some() && u1 != u2 {
                            // "6.2% to $1.45 billion": two quantities, not a range
                            return finish(
                                t,
                                n,
                                None,
                                bound,
                                start_t,
                                measure_t0,
                                n_e,
                                unit,
                                unit1,
                                None,
                                age_prefix,
                                small_m_metres,
                                prev_items,
                            );
                        }
                        let range_start =
                            if (between || from) && start_t == measure_t0 && measure_t0 > 0 {
                                measure_t0 - 1
                            } else {
                                start_t
                            };
                        if cur2.is_some() && unit.is_none() {
                            unit = Some(Unit {
                                end: hj,
                                unit: cur2.unwrap_or("USD").to_string(),
                                cat: Cat::Currency,
                                scale: 1.0,
                            });
                        }
                        high = Some(hi);
                        e = hj;
                        let mut lo2 = lo;
                        lo2.t1 = n.t1;
                        return finish(
                            t,
                            lo2,
                            high,
                            Bound::Range,
                            range_start,
                            measure_t0,
                            e,
                            unit,
                            unit1,
                            unit2,
                            age_prefix,
                            None,
                            prev_items,
                        );
                    }
                } else if hyphen_adj && n.plain && m.plain {
                    // score "3-1" or an identifier
                    return Built::Reject(m.t1);
                }
            }
        }
    }
    finish(
        t,
        n,
        high,
        bound,
        start_t,
        measure_t0,
        e,
        unit,
        unit1,
        unit2,
        age_prefix,
        small_m_metres,
        prev_items,
    )
}

/// "rose from 20 to 30": a change, not a range.
fn from_change(t: &Toks, start_t: usize) -> bool {
    // look back for "from" right before the number and a change verb before that
    let mut k = start_t;
    let mut seen_from = false;
    for _ in 0..4 {
        if k == 0 {
            break;
        }
        k -= 1;
        let w = t.w(k);
        if w == "from" {
            seen_from = true;
            continue;
        }
        if seen_from || w == "from" {
            return is_change_verb(w) || is_change_verb(t.w(k.saturating_sub(1)));
        }
        if !t.is_p(k, '$') && !t.is_p(k, '£') && !t.is_p(k, '€') {
            break;
        }
    }
    // "up 5 to 30" / "rose 5 to 30" (no from)
    let w = t.w(start_t.wrapping_sub(1));
    is_change_verb(w)
}

fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "rise"
            | "rises"
            | "rising"
            | "risen"
            | "fell"
            | "fall"
            | "falls"
            | "falling"
            | "fallen"
            | "increased"
            | "increase"
            | "increases"
            | "decreased"
            | "decrease"
            | "climbed"
            | "climb"
            | "dropped"
            | "drop"
            | "jumped"
            | "jump"
            | "grew"
            | "grow"
            | "grown"
            | "declined"
            | "decline"
            | "slipped"
            | "slid"
            | "raised"
            | "cut"
            | "lowered"
            | "up"
            | "down"
            | "soared"
            | "plunged"
            | "plummeted"
            | "surged"
            | "tumbled"
            | "reduced"
            | "boosted"
            | "doubled"
            | "tripled"
            | "shrank"
            | "expanded"
            | "changed"
            | "went"
            | "moved"
            | "revised"
            | "upgraded"
            | "downgraded"
            | "widened"
            | "narrowed"
            | "eased"
            | "gained"
            | "lost"
    )
}

fn skip_chain(t: &Toks, mut k: usize) -> usize {
    while (t.is_p(k, '-') || t.is_p(k, '.') || t.is_p(k, '/'))
        && t.adj(k)
        && (t.is_num(k + 1) || t.is_word(k + 1))
        && t.adj(k + 1)
    {
        k += 2;
    }
    k
}

impl Numeral {
    fn plain_year(&self) -> bool {
        self.plain && self.ndigits == 4 && (1000.0..=2100.0).contains(&self.value)
    }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    t: &Toks,
    n: Numeral,
    high: Option<Numeral>,
    mut bound: Bound,
    mut start_t: usize,
    measure_t0: usize,
    mut e: usize,
    unit_pre: Option<Unit>,
    unit1: Option<Unit>,
    unit2: Option<Unit>,
    age_prefix: bool,
    small_m_metres: Option<(&'static str, usize)>,
    _prev: &[Item],
) -> Built {
    let num_end_t = high.map_or(n.t1, |h| h.t1);
    let unit_pre_was_none = unit_pre.is_none() && unit2.is_none() && unit1.is_some();
    let prefix_only = unit_pre.is_some() && unit2.is_none() && unit1.is_none();
    let mut unit = unit_pre.or(unit2).or(unit1);
    let mut value = n.value;
    let mut hv = high.map(|h| h.value);
    if let Some((u, ue)) = small_m_metres {
        value = n.base;
        unit = Some(Unit {
            end: ue,
            unit: u.into(),
            cat: Cat::Dimension,
            scale: 1.0,
        });
    }
    if let Some(u) = &unit {
        if u.scale != 1.0 {
            value *= u.scale;
            hv = hv.map(|h| h * u.scale);
        }
    }
    // currency prefix followed by a multiplier word after: "$ 75 million" is in the numeral already.
    if age_prefix && unit.is_none() {
        unit = Some(Unit {
            end: n.t1,
            unit: "year".into(),
            cat: Cat::Age,
            scale: 1.0,
        });
    }
    // compound amounts: "3 dollars 50 cents", "15 dollars and 50", "5 feet 2 inches"
    let suffix_unit = unit_pre_was_none && high.is_none() && n.mult <= 1.0;
    // "C$ 100 and fifty": a prefix currency takes cents only after "and" at the phrase end
    let prefix_and = prefix_only && high.is_none() && n.mult <= 1.0 && t.w(e) == "and";
    if let (true, Some(u)) = (suffix_unit || prefix_and, unit.as_ref()) {
        let sub: Option<(f64, &[&str])> = match u.unit.as_str() {
            "USD" | "EUR" | "GBP" | "CAD" | "AUD" | "NZD" | "HKD" | "SGD" => {
                Some((100.0, &["cents", "cent", "c", "pence", "p"]))
            }
            "ft" => Some((12.0, &["inches", "inch", "in", "\""])),
            // "one kuai and five mao (five)": yuan, jiao (tenths) and fen (hundredths)
            "CNY" => Some((10.0, &["mao", "jiao"])),
            _ => None,
        };
        if let Some((div, words)) = sub {
            let mut k = e;
            if t.w(k) == "and" {
                k += 1;
            }
            if let Parse::Num(m) = parse_at(t, k) {
                let whole = m.value.fract() == 0.0
                    && m.value > 0.0
                    && m.value < div
                    && m.t0 == k
                    && !t.line_start(k);
                let after = m.t1;
                let sub_word = words.iter().any(|w| tok_is(t, after, w));
                let bare_ok = div == 100.0
                    && !t.is_num(after)
                    && !t.is_p(after, '%')
                    && unit_after(t, after, &m).is_none()
                    && !(t.is_word(after) && is_plural_noun(t, after));
                let phrase_end = !t.is_word(after) && !t.is_num(after);
                if whole && (sub_word || bare_ok) && (suffix_unit || sub_word || phrase_end) {
                    value += m.value / div;
                    e = if sub_word { after + 1 } else { after };
                    // a bare digit after the tenth unit is hundredths ("five mao five")
                    if div == 10.0 && sub_word {
                        if let Parse::Num(f) = parse_at(t, e) {
                            let fen_end = !t.is_word(f.t1) && !t.is_num(f.t1);
                            if f.t0 == e
                                && f.value.fract() == 0.0
                                && f.value > 0.0
                                && f.value < 10.0
                                && fen_end
                            {
                                value += f.value / 100.0;
                                e = f.t1;
                            }
                        }
                    }
                }
            }
        }
    }
    let measure_end_t = e.max(num_end_t);
    let mut end_t = measure_end_t;
    // ---- post bound
    if high.is_none() {
        let mut best = 0;
        let mut new_end = end_t;
        let mut new_bound = bound;
        for (ph, b) in lex::POST_BOUNDS {
            if ph.len() <= best {
                continue;
            }
            let k = if t.is_p(end_t, '-') && t.adj(end_t) && matches!(*ph, ["plus"] | ["odd"]) {
                end_t + 1
            } else {
                end_t
            };
            if let Some(mut pe) = match_fwd(t, k, ph) {
                if *ph == ["plus"] && t.is_num(pe) {
                    continue; // "2 plus 2"
                }
                if matches!(t.w(pe), "than" | "to") {
                    // "or more than 40": a new bound, not a post bound; "or more than" at the end
                    if matches!(parse_at(t, pe + 1), Parse::Num(_)) || t.is_p(pe + 1, '$') {
                        continue;
                    }
                    pe += 1;
                }
                best = ph.len();
                new_bound = *b;
                new_end = pe;
            }
        }
        // "less than 5000 or equal (to)"
        if best == 0 && matches!(bound, Bound::MoreThan | Bound::LessThan) {
            if let Some(mut pe) = match_fwd(t, end_t, &["or", "equal"]) {
                let num_after = t.w(pe) == "to" && matches!(parse_at(t, pe + 1), Parse::Num(_));
                if !num_after {
                    if t.w(pe) == "to" {
                        pe += 1;
                    }
                    best = 2;
                    new_end = pe;
                    new_bound = if bound == Bound::MoreThan {
                        Bound::AtLeast
                    } else {
                        Bound::AtMost
                    };
                }
            }
        }
        if best > 0 {
            if new_bound != Bound::Approx && bound == Bound::Approx {
                // "about 500 or more": the post bound wins and the approximation word is dropped
                start_t = measure_t0;
            }
            if matches!(bound, Bound::Exact | Bound::Approx) || new_bound != Bound::Approx {
                bound = new_bound;
            }
            end_t = new_end;
        }
        if best == 0 && n.vague && bound == Bound::Exact {
            bound = Bound::Approx;
        }
    }
    let cat = unit.as_ref().map(|u| u.cat);
    let plain_count = unit.is_none();
    let prev_w = if measure_t0 > 0 {
        t.w(measure_t0 - 1)
    } else {
        ""
    };
    let has_bound = start_t < measure_t0;
    // ---- filters for plain numbers
    if plain_count && high.is_none() {
        let digit = t.is_num(n.t0);
        // list numbering "1. ", "2) "
        if digit
            && n.plain
            && t.line_start(n.t0)
            && (t.is_p(n.t1, '.') || t.is_p(n.t1, ')'))
            && t.adj(n.t1)
            && t.get(n.t1 + 1).is_some_and(|x| x.sp)
            && n.ndigits <= 3
        {
            return Built::Reject(n.t1 + 1);
        }
        if digit
            && n.plain
            && t.is_p(n.t0.wrapping_sub(1), '(')
            && t.is_p(n.t1, ')')
            && t.adj(n.t0)
            && t.adj(n.t1)
            && n.ndigits <= 2
        {
            return Built::Reject(n.t1 + 1);
        }
        // dates
        if n.plain && n.value >= 1.0 && n.value <= 31.0 && n.ndigits <= 2 {
            let pw = t.w(n.t0.wrapping_sub(1));
            let nw = t.w(n.t1);
            let nw2 = if t.is_p(n.t1, ',') { "" } else { nw };
            if (lex::is_month(pw)
                && (pw != "may" && pw != "march"
                    || t.cap(n.t0 - 1)
                    || !t.is_word(n.t1)
                    || t.is_p(n.t1, ',')))
                || lex::is_month(nw2) && (nw2 != "may" || t.cap(n.t1))
            {
                return Built::Reject(n.t1);
            }
            if t.is_p(n.t0.wrapping_sub(1), '.') && lex::is_month(t.w(n.t0.wrapping_sub(2))) {
                return Built::Reject(n.t1);
            }
        }
        // identifiers: "page 5", "No. 5", "Article 3", "Boeing 777"
        if n.plain && !has_bound {
            let p1 = n.t0.wrapping_sub(1);
            if lex::is_id_noun(t.w(p1)) {
                return Built::Reject(n.t1);
            }
            if t.is_p(p1, '.')
                && matches!(
                    t.w(p1.wrapping_sub(1)),
                    "p" | "pp"
                        | "no"
                        | "nos"
                        | "nr"
                        | "nrs"
                        | "vol"
                        | "fig"
                        | "op"
                        | "art"
                        | "sec"
                        | "ch"
                        | "para"
                        | "tel"
                        | "ext"
                        | "v"
                )
            {
                return Built::Reject(n.t1);
            }
            if t.is_p(p1, '#') || t.is_p(p1, '№') {
                return Built::Reject(n.t1);
            }
        }
    }
    // object (needed by year/identifier filters)
    let compound_modifier =
        t.is_p(end_t, '-') && t.adj(end_t) && t.is_word(end_t + 1) && t.adj(end_t + 1);
    let object = if compound_modifier {
        None
    } else if matches!(cat, None | Some(Cat::Percent)) {
        find_object(t, end_t, value, n.vague || cat == Some(Cat::Percent))
    } else {
        None
    };
    // "200 soldiers or more"
    if let Some((_, oe)) = object {
        if high.is_none() && matches!(bound, Bound::Exact | Bound::Approx) {
            let ot = t.v.partition_point(|x| x.s < oe);
            for (ph, b) in lex::POST_BOUNDS {
                if *b == Bound::Approx || ph.len() < 2 {
                    continue;
                }
                if let Some(pe) = match_fwd(t, ot, ph) {
                    if !matches!(t.w(pe), "than" | "to") {
                        bound = *b;
                        end_t = pe;
                        break;
                    }
                }
            }
        }
    }
    if plain_count && high.is_none() && !has_bound {
        let p1 = n.t0.wrapping_sub(1);
        // years
        if n.plain_year() {
            let yearish_prev = matches!(
                prev_w,
                "in" | "since"
                    | "by"
                    | "until"
                    | "till"
                    | "from"
                    | "of"
                    | "during"
                    | "before"
                    | "after"
                    | "through"
                    | "the"
                    | "early"
                    | "late"
                    | "mid"
                    | "circa"
                    | "year"
                    | "and"
                    | "to"
                    | "between"
                    | "for"
                    | "at"
                    | "summer"
                    | "winter"
                    | "spring"
                    | "autumn"
                    | "fall"
                    | "fiscal"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "this"
                    | "that"
                    | "last"
                    | "next"
            ) || lex::is_month(prev_w)
                || t.is_p(p1, ',') && lex::is_month(t.w(p1.wrapping_sub(2)))
                || t.is_p(p1, '-')
                || t.is_p(p1, '\'')
                || t.is_p(p1, '\u{2019}')
                || (prev_w == "s" && matches!(t.p(p1.wrapping_sub(1)), Some('\'' | '\u{2019}')));
            if object.is_none() || yearish_prev {
                return Built::Reject(n.t1);
            }
        }
        // camel-case product names: "iPhone 12", "eBay 3"
        if n.plain
            && t.is_word(p1)
            && t.raw(p1).chars().skip(1).any(|c| c.is_uppercase())
            && !lex::is_function_word(t.w(p1))
        {
            return Built::Reject(n.t1);
        }
        // capitalised name before a bare number: "Boeing 777", "Resolution 2254"
        if n.plain
            && t.cap(p1)
            && !t.line_start(n.t0)
            && !lex::is_function_word(t.w(p1))
            && !lex::is_month(t.w(p1))
            && object.is_none()
            && !t.get(p1).is_some_and(|x| x.nl)
        {
            return Built::Reject(n.t1);
        }
        if n.plain
            && t.cap(p1)
            && !lex::is_function_word(t.w(p1))
            && !lex::is_month(t.w(p1))
            && object.is_none()
            && t.get(p1).is_some_and(|x| x.nl)
            && t.w(p1) != "over"
        {
            // "Chapter 3" at line start
            return Built::Reject(n.t1);
        }
        // bare "one"
        if n.bare_one {
            let nw = t.w(n.t1);
            let det = matches!(
                prev_w,
                "the"
                    | "this"
                    | "that"
                    | "which"
                    | "each"
                    | "every"
                    | "any"
                    | "no"
                    | "another"
                    | "someone"
                    | "anyone"
                    | "everyone"
                    | "no-one"
                    | "only"
                    | "last"
                    | "first"
                    | "one"
                    | "little"
                    | "big"
                    | "new"
                    | "old"
                    | "right"
                    | "wrong"
            );
            // "one last time": "last" after "one" is an adjective of the counted noun
            let bad_next = nw.is_empty()
                || (lex::is_stop(nw) && nw != "last")
                || matches!(
                    nw,
                    "another"
                        | "other"
                        | "way"
                        | "thing"
                        | "hand"
                        | "side"
                        | "point"
                        | "day"
                        | "another's"
                        | "s"
                        | "ever"
                        | "more"
                        | "must"
                        | "can"
                        | "could"
                        | "would"
                        | "should"
                        | "might"
                        | "may"
                        | "will"
                        | "has"
                        | "had"
                        | "is"
                        | "was"
                );
            if det || bad_next {
                return Built::Reject(n.t1);
            }
        }
        if n.bare_half
            && matches!(
                prev_w,
                "first" | "second" | "the" | "latter" | "former" | "other" | "one" | "each" | "in"
            )
        {
            return Built::Reject(n.t1);
        }
    }
    let start = t.start(start_t.min(measure_t0));
    let end = t.end_before(end_t);
    let number = (t.start(n.t0), t.end_before(num_end_t));
    let measure = (t.start(measure_t0), t.end_before(measure_end_t));
    let mut nums = vec![NumeralSpan {
        start: t.start(n.t0),
        end: t.end_before(n.t1),
        value: n.value,
    }];
    if let Some(h) = high {
        nums.push(NumeralSpan {
            start: t.start(h.t0),
            end: t.end_before(h.t1),
            value: h.value,
        });
    }
    if small_m_metres.is_some() {
        if let Some(x) = nums.first_mut() {
            x.value = n.base;
        }
    }
    e = end_t;
    let q = Quantity {
        start,
        end: end.max(start),
        value,
        bound: if high.is_some() { Bound::Range } else { bound },
        high: hv,
        unit: unit.map(|u| u.unit),
        object,
        count_type: None,
        number,
        measure,
    };
    Built::Item(Box::new(Item { q, nums }), e)
}

/// Adjectives often found between "one" and its noun.
fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "top"
            | "senior"
            | "former"
            | "single"
            | "young"
            | "old"
            | "new"
            | "local"
            | "key"
            | "major"
            | "armed"
            | "unidentified"
            | "unnamed"
            | "unarmed"
            | "foreign"
            | "american"
            | "british"
            | "russian"
            | "syrian"
            | "iraqi"
            | "afghan"
            | "palestinian"
            | "israeli"
            | "female"
            | "male"
            | "elderly"
            | "small"
            | "large"
            | "big"
            | "additional"
            | "further"
            | "more"
            | "lone"
            | "wounded"
            | "injured"
            | "dead"
    ) || w.ends_with("ly")
}

fn is_plural_noun(t: &Toks, i: usize) -> bool {
    let w = t.w(i);
    if lex::is_irregular_plural(w) {
        return true;
    }
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("ous")
        && !lex::is_stop(w)
        && !matches!(
            w,
            "times"
                | "percent"
                | "points"
                | "years"
                | "months"
                | "weeks"
                | "days"
                | "hours"
                | "minutes"
                | "seconds"
                | "whereas"
                | "always"
                | "perhaps"
                | "towards"
                | "besides"
                | "thus"
                | "afterwards"
                | "news"
                | "series"
        )
}

/// Byte span of the counted noun phrase starting at token `k`.
fn find_object(t: &Toks, k: usize, value: f64, vague_or_pct: bool) -> Option<(usize, usize)> {
    let mut j = k;
    let mut via_of = false;
    if t.w(j) == "of" && !t.line_start(j) {
        via_of = true;
        j += 1;
        if matches!(
            t.w(j),
            "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "all"
        ) {
            j += 1;
        }
        if matches!(
            t.w(j),
            "them" | "us" | "it" | "which" | "whom" | "those" | "these"
        ) {
            return None;
        }
    } else if vague_or_pct {
        // "dozens" / "30%" need "of"
        return None;
    }
    let start = j;
    let mut head: Option<usize> = None;
    let mut steps = 0;
    while steps < 5 {
        if !t.is_word(j) || (j > start && t.line_start(j)) {
            break;
        }
        let w = t.w(j);
        if lex::is_stop(w) || num::small_word(w).is_some() || lex::is_month(w) {
            break;
        }
        // compound "pro-government"
        let mut last = j;
        while t.is_p(last + 1, '-') && t.adj(last + 1) && t.is_word(last + 2) && t.adj(last + 2) {
            last += 2;
        }
        let next_is_word =
            t.is_word(last + 1) && !lex::is_stop(t.w(last + 1)) && !t.line_start(last + 1);
        if (w.ends_with("ed") || w.ends_with("ing")) && !next_is_word && j == last {
            break; // a verb: "civilians managed", "killed"
        }
        if is_plural_noun(t, last) {
            // prefer a later plural in "Syrian refugee families"
            head = Some(last);
            if !(next_is_word && is_plural_noun(t, last + 1)) {
                break;
            }
        } else if (via_of || value == 1.0)
            && (!next_is_word || t.w(last + 1).ends_with("ed") || lex::cue(t.w(last + 1)).is_some())
        {
            head = Some(last);
            break;
        } else if value == 1.0 && !via_of && !is_modifier(w) {
            // "one soldier", "one employee told ...": a singular head right after "one"
            head = Some(last);
            break;
        }
        j = last + 1;
        steps += 1;
    }
    let h = head?;
    Some((t.start(start), t.end_before(h + 1)))
}

/// Count type from cue words in the clause around quantity `k`.
fn count_type(t: &Toks, items: &[Item], k: usize) -> Option<&'static str> {
    let it = items.get(k)?;
    let q = &it.q;
    let allowed_all = q.unit.is_none();
    if q.unit
        .as_deref()
        .is_some_and(|u| u == "year" || u.starts_with("duration:"))
    {
        return None;
    }
    // token range of the quantity
    let tq0 = t.v.partition_point(|x| x.s < q.start);
    let tq1 = t.v.partition_point(|x| x.s < q.end);
    let (obj_a, obj_end) = q.object.map_or((tq1, tq1), |(os, oe)| {
        (
            t.v.partition_point(|x| x.s < os),
            t.v.partition_point(|x| x.s < oe),
        )
    });
    // "7.8-magnitude": a compound modifier, not a count
    if t.is_p(tq1, '-') && t.adj(tq1) && t.is_word(tq1 + 1) && t.adj(tq1 + 1) {
        return None;
    }
    let is_boundary = |i: usize| -> bool {
        match t.p(i) {
            Some('.') => {
                // "U.S." style abbreviations are not boundaries
                let nxt_cap = t.cap(i + 1) || t.get(i + 1).is_none();
                let prev_short =
                    t.is_word(i.wrapping_sub(1)) && t.raw(i.wrapping_sub(1)).chars().count() <= 1;
                nxt_cap && !prev_short
            }
            Some('!' | '?' | ';') => true,
            _ => false,
        }
    };
    let mut best: Option<(usize, &'static str)> = None;
    let consider = |dist: usize, c: &'static str, best: &mut Option<(usize, &'static str)>| {
        if !allowed_all && c != "SEIZE" {
            return;
        }
        if best.is_none_or(|(d, _)| dist < d) {
            *best = Some((dist, c));
        }
    };
    // the object itself
    if let Some((os, oe)) = q.object {
        let a = t.v.partition_point(|x| x.s < os);
        let b = t.v.partition_point(|x| x.s < oe);
        for i in a..b {
            if let Some(c) = cue(t, i) {
                // the counted noun ("protesters", "hostages") is a fallback behind clause verbs
                consider(30, c, &mut best);
            }
        }
    }
    // forward, counting from the end of the number (object words add distance)
    let mut i = tq1;
    let mut d = 1;
    while i < t.len() && d <= 16 {
        if is_boundary(i) || (t.line_start(i) && i > tq1) {
            break;
        }
        // stop at another quantity's start
        if items.get(k + 1).is_some_and(|n| t.start(i) >= n.q.start) {
            break;
        }
        let in_object = i >= obj_a && i < obj_end;
        if let Some(c) = cue(t, i).filter(|_| !in_object) {
            consider(d, c, &mut best);
        }
        i += 1;
        d += 1;
    }
    // backward
    let mut d = 1;
    let mut i = tq0;
    while i > 0 && d <= 10 {
        i -= 1;
        if is_boundary(i) || t.line_start(i + 1) && i + 1 < tq0 && t.line_start(i + 1) {
            break;
        }
        if k > 0 && items.get(k - 1).is_some_and(|p| t.start(i) < p.q.end) {
            break;
        }
        if let Some(c) = cue(t, i) {
            consider(d + 1, c, &mut best);
        }
        d += 1;
    }
    best.map(|(_, c)| c)
}

fn cue(t: &Toks, i: usize) -> Option<&'static str> {
    let w = t.w(i);
    if w.is_empty() {
        return None;
    }
    match w {
        "moved" | "transferred" | "taken" => {
            let n = t.w(i + 1);
            if matches!(n, "from" | "out") {
                return Some("EVACUATED");
            }
            if w == "taken" && matches!(n, "hostage" | "captive") {
                return Some("KIDNAP");
            }
            if w == "taken" && n == "into" && t.w(i + 2) == "custody" {
                return Some("ARREST");
            }
            return None;
        }
        "streets" if t.w(i.wrapping_sub(1)) == "the" && t.w(i.wrapping_sub(2)) == "to" => {
            return Some("PROTEST")
        }
        "lives" => {
            if matches!(t.w(i.wrapping_sub(2)), "lost" | "lose" | "losing") {
                return Some("KILL");
            }
            return None;
        }
        "need" => {
            if t.w(i.wrapping_sub(1)) == "in"
                || matches!(t.w(i + 1), "of" | "aid" | "help" | "assistance")
            {
                return Some("AFFECT");
            }
            return None;
        }
        "toll" if t.w(i.wrapping_sub(1)) == "death" => return Some("KILL"),
        "rounded" => {
            return if t.w(i + 1) == "up" {
                Some("ARREST")
            } else {
                None
            };
        }
        _ => {}
    }
    lex::cue(w)
}

/// The family of a unit returned in [`Quantity::unit`]: "percent", "currency",
/// "dimension", "temperature", "age" or "duration"; `None` for unknown strings.
pub fn unit_category(unit: &str) -> Option<&'static str> {
    if unit == "percent" || unit == "percentage_point" {
        return Some("percent");
    }
    if unit == "year" || unit == "month" || unit == "week" || unit == "day" {
        return Some("age");
    }
    if unit.starts_with("duration:") {
        return Some("duration");
    }
    if matches!(unit, "celsius" | "fahrenheit" | "degree") {
        return Some("temperature");
    }
    if matches!(unit, "cent" | "franc" | "peso" | "satoshi" | "sen")
        || (unit.len() == 3
            && unit.chars().all(|c| c.is_ascii_uppercase())
            && !matches!(unit, "MWh"))
    {
        return Some("currency");
    }
    if unit == "degree_angle"
        || lex::UNITS
            .iter()
            .any(|(_, u, c, _)| *u == unit && *c == Cat::Dimension)
        || lex::GLUED_SYMBOL_UNITS.iter().any(|(_, u)| *u == unit)
        || matches!(unit, "Mb" | "m")
        || unit.split_once('/').is_some_and(|(l, _)| is_length_unit(l))
    {
        return Some("dimension");
    }
    None
}
