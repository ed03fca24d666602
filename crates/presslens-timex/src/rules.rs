//! The recognizer and normaliser: a hand-written, greedy, longest-match grammar over tokens.

use std::cell::Cell;

use chrono::{Datelike, Duration, NaiveDate};

use crate::lex::{self, Unit};
use crate::tok::{tokenize, Tok};
use crate::{Timex, TimexType};

/// Tense of the clause around an expression (a light heuristic).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A quantity: a number or an unspecified amount ("several", "a few").
#[derive(Clone, Copy, PartialEq, Debug)]
enum Qty {
    N(f64),
    X,
}

/// A candidate expression over tokens `s..e`.
#[derive(Clone, Debug)]
struct Cand {
    s: usize,
    e: usize,
    kind: TimexType,
    value: String,
    mod_: Option<&'static str>,
    /// Came from an "N units ago" pattern (approximators may attach).
    ago: bool,
    /// An explicit quarter that later "the quarter" / "a year earlier" refer to.
    anchor_q: bool,
}

impl Cand {
    fn new(s: usize, e: usize, kind: TimexType, value: String) -> Self {
        Cand {
            s,
            e,
            kind,
            value,
            mod_: None,
            ago: false,
            anchor_q: false,
        }
    }
    fn with_mod(mut self, m: &'static str) -> Self {
        self.mod_ = Some(m);
        self
    }
    fn anchor(mut self) -> Self {
        self.anchor_q = true;
        self
    }
}

/// A date mentioned earlier in the text, for anaphoric expressions ("the next day").
#[derive(Clone, Copy, Debug)]
struct Anchor {
    y: i32,
    m: Option<u32>,
    d: Option<u32>,
    /// First token of the mention.
    tok: usize,
}

/// The anchor of a DATE/TIME value with a calendar year: `1998`, `1998-10`, `1998-10-23`,
/// `1998-10-23T10:35`.
fn parse_anchor(v: &str, tok: usize) -> Option<Anchor> {
    let y: i32 = v.get(..4)?.parse().ok()?;
    let mut a = Anchor {
        y,
        m: None,
        d: None,
        tok,
    };
    let rest = &v[4..];
    if rest.is_empty() {
        return Some(a);
    }
    let rest = rest.strip_prefix('-')?;
    let m: u32 = rest
        .get(..2)?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    a.m = Some(m);
    let rest = &rest[2..];
    if rest.is_empty() {
        return Some(a);
    }
    let rest = rest.strip_prefix('-')?;
    let d: u32 = rest.get(..2)?.parse().ok()?;
    let tail = &rest[2..];
    if !(tail.is_empty() || tail.starts_with('T')) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)?;
    a.d = Some(d);
    Some(a)
}

/// The value of `a` shifted by `n` units, at the granularity of the unit.
fn shift_anchor(a: Anchor, u: Unit, n: i64) -> Option<String> {
    match u {
        Unit::Year => Some(format!("{:04}", a.y as i64 + n)),
        Unit::Month => {
            let idx = a.y as i64 * 12 + a.m? as i64 - 1 + n;
            Some(format!(
                "{:04}-{:02}",
                idx.div_euclid(12),
                idx.rem_euclid(12) + 1
            ))
        }
        Unit::Day | Unit::Week => {
            let d = NaiveDate::from_ymd_opt(a.y, a.m?, a.d?)?;
            let days = if u == Unit::Week { 7 * n } else { n };
            let d = d.checked_add_signed(Duration::days(days))?;
            Some(if u == Unit::Week {
                fmt_week(d)
            } else {
                fmt_day(d)
            })
        }
        _ => None,
    }
}

pub(crate) struct Ctx {
    low: String,
    toks: Vec<Tok>,
    dct: Option<NaiveDate>,
    /// Last explicit quarter (year, quarter) mentioned: anchors "the quarter", "a year earlier".
    last_q: Cell<Option<(i32, u32)>>,
    /// Last date with a calendar year mentioned: anchors "the next day", "two days later".
    last_date: Cell<Option<Anchor>>,
    /// Last full date (with a day) mentioned: anchors "later in the day", "the previous
    /// Friday" even when a coarser date ("a year ago", "in March") came in between.
    last_day: Cell<Option<Anchor>>,
}

/// Run the recognizer.
pub(crate) fn run(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let ctx = Ctx {
        low: text.to_ascii_lowercase(),
        toks: tokenize(text),
        dct,
        last_q: Cell::new(None),
        last_date: Cell::new(None),
        last_day: Cell::new(None),
    };
    let mut out = Vec::new();
    let n = ctx.toks.len();
    // Every expression contains an "anchor" token (a digit, month, unit, "today"...) within
    // its first few tokens: `next_anchor[i]` is the first anchor at or after `i`.
    let mut next_anchor = vec![usize::MAX; n + 1];
    for k in (0..n).rev() {
        next_anchor[k] = if is_anchor(ctx.w(k)) {
            k
        } else {
            next_anchor[k + 1]
        };
    }
    let mut i = 0;
    while i < n {
        if next_anchor[i].saturating_sub(i) > 8 {
            // Jump to the first token that could reach an anchor.
            i = next_anchor[i].saturating_sub(8).max(i + 1);
            continue;
        }
        if let Some(c) = ctx.parse_at(i) {
            if c.e > c.s {
                let (s, e) = (ctx.toks[c.s].s, ctx.toks[c.e - 1].e);
                if c.anchor_q {
                    // The quarter an earnings report is about is the latest one that has
                    // ended: a look back ("after a flat second quarter") or a forecast ("into
                    // the fourth quarter") does not replace it.
                    if let Some(q) = parse_quarter_value(&c.value) {
                        let ended = ctx.is(c.e, "ended")
                            || dct.is_none_or(|d| (q.0, q.1) < (d.year(), d.month0() / 3 + 1));
                        let newer = ctx.last_q.get().is_none_or(|old| q >= old);
                        if ended && newer {
                            ctx.last_q.set(Some(q));
                        }
                    }
                }
                if matches!(c.kind, TimexType::Date | TimexType::Time) {
                    if let Some(a) = parse_anchor(&c.value, c.s) {
                        ctx.last_date.set(Some(a));
                        if a.d.is_some() {
                            ctx.last_day.set(Some(a));
                        }
                    }
                }
                out.push(Timex {
                    start: s,
                    end: e,
                    kind: c.kind,
                    value: c.value,
                    mod_: c.mod_.map(str::to_string),
                });
                i = c.e;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn parse_quarter_value(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    if y.len() != 4 || q.len() != 1 {
        return None;
    }
    Some((y.parse().ok()?, q.parse().ok()?))
}

fn fmt_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn fmt_dur(q: Qty, u: Unit) -> String {
    let (time, code, mult) = match u {
        Unit::Sec => (true, "S", 1.0),
        Unit::Min => (true, "M", 1.0),
        Unit::Hour => (true, "H", 1.0),
        Unit::Day => (false, "D", 1.0),
        Unit::Week => (false, "W", 1.0),
        Unit::Weekend => (false, "WE", 1.0),
        Unit::Month => (false, "M", 1.0),
        Unit::Quarter => (false, "Q", 1.0),
        Unit::Year => (false, "Y", 1.0),
        Unit::Decade => (false, "Y", 10.0),
        Unit::Century => (false, "Y", 100.0),
    };
    let t = if time { "T" } else { "" };
    match q {
        Qty::X => {
            // Vague decades are an unknown number of years ("decades-long" is `PXY` in
            // both TimeBank and MEANTIME), as numbered ones are (`P20Y`).
            // An unknown number of centuries is `PXC` (TimeML's century unit).
            let code = match u {
                Unit::Century => "C",
                _ => code,
            };
            format!("P{t}X{code}")
        }
        Qty::N(n) => {
            let n = n * mult;
            if (n - n.round()).abs() < 1e-9 {
                return format!("P{t}{}{code}", n.round() as i64);
            }
            // Fractions: express in the next smaller unit.
            let whole = n.trunc() as i64;
            let frac = n - n.trunc();
            let (sub, subcode, subt) = match u {
                Unit::Hour => (60.0, "M", true),
                Unit::Min => (60.0, "S", true),
                Unit::Day => (24.0, "H", true),
                Unit::Week => (7.0, "D", false),
                Unit::Month => (30.0, "D", false),
                Unit::Year | Unit::Decade | Unit::Century => (12.0, "M", false),
                _ => (0.0, "", false),
            };
            let subn = (frac * sub).round() as i64;
            if sub == 0.0 || subn == 0 {
                return format!("P{t}{whole}{code}");
            }
            let mut s = String::from("P");
            if subt && !time {
                // days -> hours
                if whole > 0 {
                    s.push_str(&format!("{whole}{code}"));
                }
                s.push_str(&format!("T{subn}{subcode}"));
            } else {
                s.push_str(t);
                if whole > 0 {
                    s.push_str(&format!("{whole}{code}"));
                }
                s.push_str(&format!("{subn}{subcode}"));
            }
            s
        }
    }
}

/// Day of November of Thanksgiving (the fourth Thursday) in year `y`.
fn thanksgiving(y: i32) -> u32 {
    let first = NaiveDate::from_ymd_opt(y, 11, 1).map_or(1, |d| d.weekday().number_from_monday());
    1 + (4 + 7 - first) % 7 + 21
}

/// Month and day of (Western) Easter Sunday in year `y` (the anonymous Gregorian
/// algorithm).
fn easter(y: i32) -> (u32, u32) {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    (month as u32, day as u32)
}

/// Decade digit of "twenties" ... "nineties".
fn decade_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// Tokens that every expression contains at least one of.
fn is_anchor(w: &str) -> bool {
    let Some(&b) = w.as_bytes().first() else {
        return false;
    };
    if b.is_ascii_digit() || w == "'" || w == "\u{2019}" {
        return true;
    }
    if w.starts_with("fy") || w == "h1" || w == "h2" {
        return true;
    }
    if !b.is_ascii_alphabetic() || w.len() < 3 {
        return false;
    }
    lex::month(w).is_some()
        || lex::weekday(w).is_some()
        || lex::unit(w).is_some()
        || lex::season(w).is_some()
        || decade_word(w).is_some()
        || matches!(
            w,
            "now"
                | "currently"
                | "nowadays"
                | "presently"
                | "current"
                | "recent"
                | "recently"
                | "lately"
                | "future"
                | "past"
                | "soon"
                | "later"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
                | "noon"
                | "midday"
                | "midnight"
                | "daily"
                | "weekly"
                | "monthly"
                | "yearly"
                | "hourly"
                | "nightly"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "half"
                | "period"
                | "christmas"
                | "halloween"
                | "valentine"
                | "independence"
                | "thanksgiving"
                | "easter"
                | "election"
                | "nineteen"
                | "eighteen"
                | "thousand"
                | "term"
                | "while"
                | "time"
        )
}

/// Can an expression start with this (lowercased) token? A cheap filter run on every token.
fn can_start(w: &str) -> bool {
    let Some(&b) = w.as_bytes().first() else {
        return false;
    };
    if b.is_ascii_digit() || w == "'" || w == "\u{2019}" {
        return true;
    }
    if !b.is_ascii_alphabetic() || w.len() < 2 && w != "a" {
        return false;
    }
    if w.starts_with("fy") || w == "h1" || w == "h2" {
        return true;
    }
    lex::month(w).is_some()
        || lex::weekday(w).is_some()
        || lex::unit(w).is_some()
        || lex::small_number(w).is_some()
        || lex::ordinal(w).is_some()
        || lex::season(w).is_some()
        || decade_word(w).is_some()
        || lex::part_of_day(w).is_some()
        || matches!(
            w,
            "pre"
                | "post"
                | "a"
                | "an"
                | "single"
                | "the"
                | "this"
                | "that"
                | "last"
                | "next"
                | "past"
                | "coming"
                | "previous"
                | "preceding"
                | "following"
                | "current"
                | "latest"
                | "final"
                | "initial"
                | "remaining"
                | "ensuing"
                | "same"
                | "recent"
                | "recently"
                | "lately"
                | "more"
                | "most"
                | "only"
                | "very"
                | "now"
                | "currently"
                | "nowadays"
                | "presently"
                | "future"
                | "then"
                | "these"
                | "as"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "early"
                | "earlier"
                | "late"
                | "later"
                | "mid"
                | "middle"
                | "end"
                | "close"
                | "beginning"
                | "start"
                | "about"
                | "around"
                | "approximately"
                | "roughly"
                | "some"
                | "nearly"
                | "almost"
                | "approx"
                | "longer"
                | "less"
                | "fewer"
                | "shorter"
                | "under"
                | "at"
                | "up"
                | "no"
                | "fiscal"
                | "noon"
                | "midday"
                | "midnight"
                | "daily"
                | "weekly"
                | "monthly"
                | "yearly"
                | "hourly"
                | "nightly"
                | "every"
                | "each"
                | "per"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "several"
                | "few"
                | "many"
                | "numerous"
                | "various"
                | "half"
                | "christmas"
                | "halloween"
                | "new"
                | "valentine"
                | "independence"
                | "thanksgiving"
                | "easter"
                | "black"
                | "election"
        )
}

fn is_function_word_s(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "is"
            | "has"
            | "as"
            | "its"
            | "this"
            | "his"
            | "says"
            | "does"
            | "thus"
            | "us"
            | "plus"
            | "hers"
            | "ours"
    )
}

impl Ctx {
    // ---------- token access ----------
    fn n(&self) -> usize {
        self.toks.len()
    }
    /// Lowercased text of token `i` ("" past the end).
    fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.low[t.s..t.e],
            None => "",
        }
    }
    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }
    /// Token `i` exists and is attached to the previous one (no space).
    fn adj(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.sp)
    }
    /// Token `i` is an acronym such as "USA" or "VOA".
    fn acronym(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.acronym)
    }
    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }
    fn is_digit(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.digit)
    }
    /// Token is plain ASCII digits only.
    fn int(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        if w.is_empty() || w.len() > 9 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    }
    /// "-" attached on both sides at `i`.
    fn hyphen(&self, i: usize) -> bool {
        self.is(i, "-") && self.adj(i) && self.adj(i + 1)
    }
    /// Skip an optional "." attached to the previous token.
    fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.adj(i) {
            i + 1
        } else {
            i
        }
    }
    /// Skip the possessive "'s" at `i`.
    fn poss(&self, i: usize) -> Option<usize> {
        if (self.is(i, "'") || self.is(i, "\u{2019}"))
            && self.adj(i)
            && self.is(i + 1, "s")
            && self.adj(i + 1)
        {
            Some(i + 2)
        } else {
            None
        }
    }

    // ---------- reference date ----------
    fn dct_ymd(&self) -> Option<(i32, u32, u32)> {
        self.dct.map(|d| (d.year(), d.month(), d.day()))
    }

    /// Value of the unit containing DCT shifted by `n` units.
    fn shift(&self, u: Unit, n: i64) -> String {
        let Some(d) = self.dct else {
            return match u {
                Unit::Sec | Unit::Min | Unit::Hour | Unit::Day => "XXXX-XX-XX".into(),
                Unit::Week => "XXXX-WXX".into(),
                Unit::Weekend => "XXXX-WXX-WE".into(),
                Unit::Month => "XXXX-XX".into(),
                Unit::Quarter => "XXXX-QX".into(),
                Unit::Year => "XXXX".into(),
                Unit::Decade => "XXX".into(),
                Unit::Century => "XX".into(),
            };
        };
        let y = d.year() as i64;
        match u {
            Unit::Sec | Unit::Min | Unit::Hour => fmt_day(d),
            Unit::Day => fmt_day(d.checked_add_signed(Duration::days(n)).unwrap_or(d)),
            Unit::Week => fmt_week(d.checked_add_signed(Duration::days(7 * n)).unwrap_or(d)),
            Unit::Weekend => format!(
                "{}-WE",
                fmt_week(d.checked_add_signed(Duration::days(7 * n)).unwrap_or(d))
            ),
            Unit::Month => {
                let idx = y * 12 + d.month0() as i64 + n;
                format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1)
            }
            Unit::Quarter => {
                let idx = y * 4 + (d.month0() / 3) as i64 + n;
                format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
            }
            Unit::Year => format!("{:04}", y + n),
            Unit::Decade => format!("{:03}", y.div_euclid(10) + n),
            Unit::Century => format!("{:02}", y.div_euclid(100) + n),
        }
    }

    /// Year of a (month, day) without explicit year, from DCT and tense.
    fn year_for(&self, m: u32, d: Option<u32>, tense: Tense) -> Option<i32> {
        let (dy, dm, dd) = self.dct_ymd()?;
        let key = |mm: u32, ddd: u32| mm * 40 + ddd;
        let target = key(m, d.unwrap_or(0));
        let now = key(dm, if d.is_some() { dd } else { 0 });
        if d.is_some() {
            // Days: the nearest occurrence, with dates on the wrong side of DCT (for the
            // tense) counted three times as far.
            let dn = dy as i64 * 480 + now as i64;
            let cands = [dy - 1, dy, dy + 1];
            // Without a tense cue, news dates lean to the past: a future reading must be
            // less than half as far away ("the Oct. 23 slaying" in May is last October).
            return cands.iter().copied().min_by_key(|&y| {
                let t = y as i64 * 480 + target as i64;
                let diff = t - dn;
                let wrong =
                    (tense == Tense::Past && diff > 0) || (tense == Tense::Future && diff < 0);
                let ahead = tense == Tense::Unknown && diff > 0;
                diff.abs()
                    * if wrong {
                        3
                    } else if ahead {
                        2
                    } else {
                        1
                    }
            });
        }
        Some(match tense {
            Tense::Future => {
                if target >= now {
                    dy
                } else {
                    dy + 1
                }
            }
            // A month one or two months ahead in a past-tense clause is mostly a reported
            // plan ("told of a cutback in September" in August), not eleven months back.
            Tense::Past => {
                if target <= now || target - now <= 2 * 40 {
                    dy
                } else {
                    dy - 1
                }
            }
            Tense::Unknown => {
                // Nearest occurrence, ties to the past.
                let cands = [dy - 1, dy, dy + 1];
                let dn = dy as i64 * 480 + now as i64;
                *cands
                    .iter()
                    .min_by_key(|&&y| {
                        let t = y as i64 * 480 + target as i64;
                        ((t - dn).abs(), t > dn)
                    })
                    .unwrap_or(&dy)
            }
        })
    }

    fn month_value(&self, m: u32, tense: Tense) -> String {
        match self.year_for(m, None, tense) {
            Some(y) => format!("{y:04}-{m:02}"),
            None => format!("XXXX-{m:02}"),
        }
    }

    fn day_value(&self, m: u32, d: u32, tense: Tense) -> String {
        match self.year_for(m, Some(d), tense) {
            Some(y) => format!("{y:04}-{m:02}-{d:02}"),
            None => format!("XXXX-{m:02}-{d:02}"),
        }
    }

    /// Weekday `wd` (1 = Monday): `rel` -1 last, +1 next, 0 this week, None from tense.
    fn weekday_date(&self, wd: u32, rel: Option<i64>, tense: Tense) -> Option<NaiveDate> {
        let d = self.dct?;
        let dwd = d.weekday().number_from_monday() as i64;
        let wd = wd as i64;
        let off = match rel {
            Some(0) => wd - dwd,
            Some(r) if r < 0 => {
                let back = (dwd - wd).rem_euclid(7);
                -(if back == 0 { 7 } else { back })
            }
            Some(_) => {
                let fwd = (wd - dwd).rem_euclid(7);
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            None => match tense {
                Tense::Future => (wd - dwd).rem_euclid(7),
                _ => -(dwd - wd).rem_euclid(7),
            },
        };
        d.checked_add_signed(Duration::days(off))
    }

    /// The weekday `wd` nearest to the publication date, ties going to `tie`.
    fn nearest_weekday(&self, wd: u32, tie: Tense) -> String {
        let Some(d) = self.dct else {
            return self.weekday_value(wd, None, tie);
        };
        let dwd = d.weekday().number_from_monday() as i64;
        let fwd = (wd as i64 - dwd).rem_euclid(7);
        let back = (dwd - wd as i64).rem_euclid(7);
        let t = if back < fwd || (back == fwd && tie == Tense::Past) {
            Tense::Past
        } else {
            Tense::Future
        };
        self.weekday_value(wd, None, t)
    }

    fn weekday_value(&self, wd: u32, rel: Option<i64>, tense: Tense) -> String {
        match self.weekday_date(wd, rel, tense) {
            Some(d) => fmt_day(d),
            None => format!("XXXX-WXX-{wd}"),
        }
    }

    // ---------- tense ----------
    fn is_abbrev(&self, i: usize) -> bool {
        let w = self.w(i);
        w.len() <= 2
            || lex::month(w).is_some_and(|(_, a)| a)
            || matches!(
                w,
                "mr" | "mrs"
                    | "ms"
                    | "dr"
                    | "st"
                    | "co"
                    | "corp"
                    | "inc"
                    | "ltd"
                    | "jr"
                    | "sr"
                    | "gov"
                    | "sen"
                    | "rep"
                    | "gen"
                    | "col"
                    | "lt"
                    | "capt"
                    | "prof"
                    | "vs"
                    | "no"
                    | "jan"
                    | "feb"
                    | "mar"
                    | "apr"
                    | "aug"
                    | "sep"
                    | "sept"
                    | "oct"
                    | "nov"
                    | "dec"
                    | "bros"
            )
    }

    /// A line break between token `k - 1` and token `k`.
    fn line_break_before(&self, k: usize) -> bool {
        match (
            k.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(k),
        ) {
            (Some(a), Some(b)) => self.low[a.e..b.s].contains('\n'),
            _ => false,
        }
    }

    fn sentence_bounds(&self, i: usize) -> (usize, usize) {
        let n = self.n();
        let mut s = i;
        let limit = i.saturating_sub(60);
        while s > limit {
            let w = self.w(s - 1);
            if self.toks[s].para
                || w == "?"
                || w == "!"
                || (w == "." && s >= 2 && !self.is_abbrev(s - 2))
            {
                break;
            }
            s -= 1;
        }
        let mut e = i;
        let limit = (i + 60).min(n);
        while e < limit {
            let w = self.w(e);
            if e > i && self.toks[e].para {
                break;
            }
            e += 1;
            if w == "?" || w == "!" || (w == "." && e >= 2 && !self.is_abbrev(e - 2)) {
                break;
            }
        }
        (s, e)
    }

    /// Tense cue at token `k`: (tense, strong). Strong cues are auxiliaries and common
    /// finite verbs; weak cues are other "-ed" forms. `Unknown` marks present tense.
    fn tense_cue(&self, k: usize) -> Option<(Tense, bool)> {
        let w = self.w(k);
        match w {
            "would" | "might" | "could" | "planning" => return Some((Tense::Future, false)),
            "should" if !self.is(k + 1, "have") => return Some((Tense::Future, false)),
            "supposed" if self.is(k + 1, "to") => return Some((Tense::Future, true)),
            "may" if !self.cap(k) => return Some((Tense::Future, false)),
            "soon" if k > 0 && self.is(k - 1, "as") => return Some((Tense::Future, true)),
            // "plans to" is a plan; "vacation plans for" mostly a noun.
            "plans" if !self.is(k + 1, "to") => return Some((Tense::Future, false)),
            "will" | "shall" | "tomorrow" | "scheduled" | "expected" | "plans" | "expects" => {
                return Some((Tense::Future, true))
            }
            "plan" if self.is(k + 1, "to") => return Some((Tense::Future, true)),
            // "the hastily planned trip" is an adjective, not a plan.
            "planned"
                if k > 0 && {
                    let p = self.w(k - 1);
                    p.ends_with("ly")
                        || matches!(p, "the" | "a" | "an" | "its" | "their" | "his" | "her")
                } =>
            {
                return None
            }
            "planned" => return Some((Tense::Future, true)),
            "set" | "going" if self.is(k + 1, "to") => return Some((Tense::Future, true)),
            "ll" if k > 0 && matches!(self.w(k - 1), "'" | "\u{2019}") => {
                return Some((Tense::Future, true))
            }
            // "were planning to", "was expected to": the plan is in the past, its object not.
            "was" | "were"
                if matches!(
                    self.w(k + 1),
                    "planning" | "going" | "scheduled" | "expected" | "due" | "about" | "set"
                ) =>
            {
                return None
            }
            "was" | "were" | "had" | "did" | "said" | "ago" | "came" | "went" | "began"
            | "took" | "gave" | "fell" | "rose" | "saw" | "yesterday" | "earlier" | "became"
            | "ran" | "knew" | "grew" | "drew" | "threw" | "flew" | "spoke" | "wrote" | "chose"
            | "drove" | "sat" => return Some((Tense::Past, true)),
            // Past forms that are also participles ("will be paid"): past only when not after be/have.
            "told" | "made" | "met" | "left" | "won" | "lost" | "got" | "held" | "paid"
            | "sold" | "bought" | "brought" | "found" | "kept" | "led" | "sent" | "spent"
            | "stood" | "struck" | "fought" | "thought" | "sought" | "taught" | "caught"
            | "felt" | "heard" | "meant" | "shot" | "ended" | "announced" | "reported" => {
                if self.participle_use(k) {
                    return None;
                }
                let prev = if k > 0 { self.w(k - 1) } else { "" };
                if matches!(
                    prev,
                    "be" | "been"
                        | "being"
                        | "is"
                        | "are"
                        | "to"
                        | "will"
                        | "has"
                        | "have"
                        | "had"
                        | "was"
                        | "were"
                ) {
                    return None;
                }
                return Some((Tense::Past, true));
            }
            _ => {}
        }
        if w.len() >= 5
            && w.ends_with("ed")
            && !matches!(
                w,
                "need"
                    | "indeed"
                    | "speed"
                    | "proceed"
                    | "exceed"
                    | "succeed"
                    | "seed"
                    | "feed"
                    | "breed"
            )
        {
            let prev = if k > 0 { self.w(k - 1) } else { "" };
            if matches!(
                prev,
                "be" | "been" | "being" | "is" | "are" | "to" | "will" | "has" | "have"
            ) {
                return None;
            }
            if self.toks.get(k).is_some_and(|t| t.cap) || self.participle_use(k) {
                return None;
            }
            return Some((Tense::Past, false));
        }
        None
    }

    /// The past form at `k` is a participle, not a finite verb: a reduced passive set off
    /// by a comma ("lenders, led by a bank,"; not "sales increased by 5%") or an
    /// adjective after a determiner ("a still unspecified date", "the revised plan").
    fn participle_use(&self, k: usize) -> bool {
        if k > 0 && self.is(k - 1, ",") && self.is(k + 1, "by") {
            return true;
        }
        let mut j = k;
        while j > 0 && j + 2 >= k && matches!(self.w(j - 1), "still" | "very" | "newly" | "so") {
            j -= 1;
        }
        j > 0
            && matches!(
                self.w(j - 1),
                "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "your" | "my"
            )
    }

    /// A deadline preposition governs the expression at `i`: "until Friday", "by early
    /// June", "until 9 a.m. Tuesday" (not sentence-initial "Until Thursday, they had...",
    /// nor in a past-perfect sentence).
    fn deadline_before(&self, i: usize) -> bool {
        let mut k = i;
        let mut skipped = 0;
        while k > 0 && skipped < 8 {
            let w = self.w(k - 1);
            // "by the Tuesday deadline" is a noun phrase, "by the end of June" a deadline.
            let skip = (w == "the" && k < i)
                || matches!(
                    w,
                    "early"
                        | "late"
                        | "mid"
                        | "-"
                        | "end"
                        | "beginning"
                        | "middle"
                        | "start"
                        | "of"
                        | ":"
                        | "."
                        | "a"
                        | "p"
                        | "m"
                        | "am"
                        | "pm"
                        | "noon"
                        | "midnight"
                )
                || lex::is_zone(w)
                || self.int(k - 1).is_some();
            if !skip {
                break;
            }
            k -= 1;
            skipped += 1;
        }
        if k == 0 || !matches!(self.w(k - 1), "until" | "till" | "by") || self.cap(k - 1) {
            return false;
        }
        let (s, e) = self.sentence_bounds(i);
        !(s..e).any(|j| self.is(j, "had"))
    }

    /// "since" governs the expression at `i` ("since March", "since early June"): it
    /// starts in the past whatever the clause's tense.
    fn since_before(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && matches!(self.w(k - 1), "early" | "late" | "mid" | "-" | "the") && i - k < 3
        {
            k -= 1;
        }
        k > 0 && self.is(k - 1, "since")
    }

    fn tense(&self, i: usize) -> Tense {
        self.tense_strength(i).0
    }

    /// Token `k` ends a clause for the tense search: quotation marks ("will leave
    /// Thursday,'' Castro said") and complementizers ("warnings on Thursday that strikes
    /// could...").
    fn clause_break(&self, k: usize) -> bool {
        match self.w(k) {
            "`" | "\"" | "\u{201c}" | "\u{201d}" | ";" | "that" | "which" | "who" => true,
            // A doubled apostrophe is a quotation mark; a single one an apostrophe.
            "'" => {
                (self.is(k + 1, "'") && self.adj(k + 1))
                    || (k > 0 && self.is(k - 1, "'") && self.adj(k))
            }
            _ => false,
        }
    }

    /// Tense of the clause around token `i` and whether it comes from a strong cue
    /// (auxiliary, common finite verb, deadline preposition). Cues in the expression's own
    /// clause (between quotation marks and complementizers) win over the rest of the
    /// sentence.
    fn tense_strength(&self, i: usize) -> (Tense, bool) {
        if self.deadline_before(i) {
            return (Tense::Future, true);
        }
        if self.since_before(i) {
            return (Tense::Past, true);
        }
        let (s, e) = self.sentence_bounds(i);
        let mut cs = i;
        while cs > s && !self.clause_break(cs - 1) {
            cs -= 1;
        }
        let mut ce = i + 1;
        while ce < e && !self.clause_break(ce) {
            ce += 1;
        }
        let best_in = |a: usize, b: usize| {
            let mut best: Option<(usize, Tense, bool)> = None;
            for k in a..b {
                if let Some((t, strong)) = self.tense_cue(k) {
                    let dist = k.abs_diff(i) * 4
                        + usize::from(t == Tense::Past)
                        + if strong { 0 } else { 6 };
                    if best.is_none_or(|(bd, _, _)| dist < bd) {
                        best = Some((dist, t, strong));
                    }
                }
            }
            best
        };
        best_in(cs, ce)
            .or_else(|| best_in(s, e))
            .map_or((Tense::Unknown, false), |(_, t, st)| (t, st))
    }

    /// Sentence compares a stretch longer than a quarter ("the first nine months", "the
    /// first half", "six months"): its "a year earlier" is last year, not a quarter.
    fn year_to_date_sentence(&self, i: usize) -> bool {
        let (s, e) = self.sentence_bounds(i);
        (s..e).any(|k| {
            (matches!(self.w(k), "nine" | "six") && self.is(k + 1, "months"))
                || (matches!(self.w(k), "first" | "second") && self.is(k + 1, "half"))
        })
    }

    /// Sentence looks like an earnings report (for "a year earlier" = year-ago quarter).
    fn financial_sentence(&self, i: usize) -> bool {
        let (s, e) = self.sentence_bounds(i);
        (s..e).any(|k| {
            matches!(
                self.w(k),
                "$" | "quarter" | "cents" | "share" | "period" | "%" | "net" | "profit" | "earned"
            )
        })
    }

    // ---------- numbers ----------
    /// A quantity at `i`: digits, fraction, number words, "a"/"an", "several"...
    fn qty(&self, i: usize) -> Option<(Qty, usize)> {
        let w = self.w(i);
        if self.is_digit(i) {
            if w.len() == 4 && self.int(i).is_some_and(|y| (1800..=2100).contains(&y)) {
                // A year, not a count ("the 1988 second quarter").
                return None;
            }
            let clean: String = w.chars().filter(|c| *c != ',').collect();
            let v: f64 = clean.parse().ok()?;
            let mut j = i + 1;
            let mut v = v;
            // "5 1/2"
            if let (Some(a), true, Some(b)) = (
                self.int(j),
                self.is(j + 1, "/") && self.adj(j + 1) && self.adj(j + 2),
                self.int(j + 2),
            ) {
                if b > 0 && a < b {
                    v += a as f64 / b as f64;
                    j += 3;
                }
            }
            return Some((Qty::N(v), j));
        }
        match w {
            "a" | "an" => {
                if self.is(i + 1, "few") {
                    return Some((Qty::X, i + 2));
                }
                if self.is(i + 1, "couple") {
                    let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                    return Some((Qty::N(2.0), j));
                }
                if self.is(i + 1, "dozen") {
                    return Some((Qty::N(12.0), i + 2));
                }
                if self.is(i + 1, "hundred") {
                    return Some((Qty::N(100.0), i + 2));
                }
                if self.is(i + 1, "half") {
                    return Some((Qty::N(0.5), i + 2));
                }
                return Some((Qty::N(1.0), i + 1));
            }
            "several" | "few" | "many" | "some" | "numerous" | "various" => {
                return Some((Qty::X, i + 1))
            }
            "couple" if self.is(i + 1, "of") => return Some((Qty::N(2.0), i + 2)),
            "half" => {
                let j = if matches!(self.w(i + 1), "a" | "an") {
                    i + 2
                } else {
                    i + 1
                };
                return Some((Qty::N(0.5), j));
            }
            _ => {}
        }
        let mut v = lex::small_number(w)? as f64;
        let mut j = i + 1;
        if (20.0..100.0).contains(&v) && self.hyphen(j) {
            if let Some(o) = lex::small_number(self.w(j + 1)) {
                if o < 10 {
                    v += o as f64;
                    j += 2;
                }
            }
        } else if (20.0..100.0).contains(&v) {
            if let Some(o) = lex::small_number(self.w(j)) {
                if o < 10 {
                    v += o as f64;
                    j += 1;
                }
            }
        }
        if self.is(j, "hundred") {
            v *= 100.0;
            j += 1;
        }
        if self.is(j, "thousand") {
            v *= 1000.0;
            j += 1;
        }
        if self.is(j, "and") && self.is(j + 1, "a") && self.is(j + 2, "half") {
            v += 0.5;
            j += 3;
        }
        Some((Qty::N(v), j))
    }

    // ---------- grammar ----------
    fn parse_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        // Quick reject: most tokens cannot start an expression.
        if !can_start(w) {
            return None;
        }
        let mut best: Option<Cand> = None;
        let mut consider = |c: Option<Cand>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.e > b.e) {
                    best = Some(c);
                }
            }
        };
        consider(self.p_modified(i));
        consider(self.p_core(i));
        best.map(|c| self.open_end(c))
    }

    /// Trailing vagueness markers belong to the expression: "the next year or so" (APPROX),
    /// "1994 or later", "1990 and beyond" (ON_OR_AFTER), "1988 or earlier" (ON_OR_BEFORE).
    fn open_end(&self, mut c: Cand) -> Cand {
        let (a, b) = (self.w(c.e), self.w(c.e + 1));
        let m = match (a, b) {
            ("or", "so") => "APPROX",
            ("or", "later") | ("and", "beyond") if c.kind == TimexType::Date => "ON_OR_AFTER",
            ("or", "earlier") if c.kind == TimexType::Date => "ON_OR_BEFORE",
            _ => return c,
        };
        // Not "a year or so ago" (handled by the "ago" rule) nor "or so-called".
        if self.hyphen(c.e + 2) {
            return c;
        }
        c.e += 2;
        if c.mod_.is_none() {
            c.mod_ = Some(m);
        }
        c
    }

    /// Approximators and position modifiers in front of a core expression.
    fn p_modified(&self, i: usize) -> Option<Cand> {
        // Approximators (durations and "ago" expressions).
        let (m, j): (&'static str, usize) = match (self.w(i), self.w(i + 1)) {
            (
                "about" | "around" | "approximately" | "roughly" | "some" | "nearly" | "almost"
                | "approx",
                _,
            ) => ("APPROX", i + 1),
            ("more" | "longer", "than") => ("MORE_THAN", i + 2),
            ("less" | "fewer" | "shorter", "than") => ("LESS_THAN", i + 2),
            ("under", _) => ("LESS_THAN", i + 1),
            ("at", "least") => ("EQUAL_OR_MORE", i + 2),
            ("at", "most") => ("EQUAL_OR_LESS", i + 2),
            ("up", "to") => ("EQUAL_OR_LESS", i + 2),
            ("no", "more") if self.is(i + 2, "than") => ("EQUAL_OR_LESS", i + 3),
            _ => ("", i),
        };
        if !m.is_empty() {
            // "over"/"some"/"around" only before a quantity.
            if matches!(self.w(i), "some" | "around" | "under")
                && self.qty(j).is_none_or(|(q, _)| q == Qty::X)
            {
                return None;
            }
            let c = self.p_core(j)?;
            if c.s != j {
                return None;
            }
            if c.kind == TimexType::Duration || c.ago {
                let mut c = c;
                c.s = i;
                c.mod_ = Some(m);
                return Some(c);
            }
            return None;
        }
        // Position modifiers.
        let the = usize::from(self.is(i, "the"));
        let k = i + the;
        let mut of_form = false;
        let (m, j): (&'static str, usize) = match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            ("early", "-", _) if self.hyphen(k + 1) => ("START", k + 2),
            ("late", "-", _) if self.hyphen(k + 1) => ("END", k + 2),
            ("mid", "-", _) if self.hyphen(k + 1) => ("MID", k + 2),
            ("early" | "earlier", _, _) => ("START", k + 1),
            ("late" | "later", _, _) => ("END", k + 1),
            ("mid" | "middle", _, _) if !self.is(k + 1, "of") => ("MID", k + 1),
            ("end" | "close", "of", _) => {
                of_form = true;
                ("END", k + 2)
            }
            ("beginning" | "start", "of", _) => {
                of_form = true;
                ("START", k + 2)
            }
            ("middle", "of", _) => {
                of_form = true;
                ("MID", k + 2)
            }
            _ => return None,
        };
        let in_the = self.is(j, "in") && self.is(j + 1, "the");
        let j2 = if in_the { j + 1 } else { j };
        let core = if matches!(self.w(j2), "the")
            && matches!(
                self.w(j2 + 1),
                "year" | "month" | "week" | "day" | "quarter" | "decade" | "century"
            ) {
            let u = lex::unit(self.w(j2 + 1)).map(|(u, _)| u)?;
            // "the end of the day" is the day just talked about, if a date was given.
            let v = match self.anchor_before(i, false).filter(|a| a.d.is_some()) {
                Some(a) if u == Unit::Day => shift_anchor(a, u, 0)?,
                _ => self.shift(u, 0),
            };
            Cand::new(j2, j2 + 2, TimexType::Date, v)
        } else {
            self.p_core(j2)?
        };
        if core.s != j2
            || core.kind == TimexType::Duration
            || core.kind == TimexType::Set
            || core.value.ends_with("_REF")
        {
            return None;
        }
        if in_the && !self.is(j2 + 1, "year") {
            return None;
        }
        // "the" only with the of-forms or decades ("the early 1990s").
        if the == 1 && !(of_form || core.value.len() == 3 || core.value.len() == 2) {
            return None;
        }
        let mut c = core;
        c.s = i;
        c.mod_ = Some(m);
        Some(c)
    }

    fn p_core(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut consider = |c: Option<Cand>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.e > b.e) {
                    best = Some(c);
                }
            }
        };
        consider(self.p_time(i));
        consider(self.p_date(i));
        consider(self.p_weekday(i));
        consider(self.p_year(i));
        consider(self.p_quarter(i));
        consider(self.p_set(i));
        consider(self.p_rel(i));
        consider(self.p_deictic(i));
        consider(self.p_dur(i));
        consider(self.p_ref(i));
        consider(self.p_season(i));
        consider(self.p_anaphoric(i));
        consider(self.p_coord_day(i));
        consider(self.p_long(i));
        consider(self.p_pod_mod(i));
        consider(self.p_vague_dur(i));
        consider(self.p_session(i));
        consider(self.p_numeric_date(i));
        consider(self.p_range_start(i));
        consider(self.p_units_ahead(i));
        consider(self.p_nth_day(i));
        consider(self.p_pre_post(i));
        best
    }

    /// "post-1959 politics", "pre-1990 rules": the year, with mod AFTER / BEFORE.
    fn p_pre_post(&self, i: usize) -> Option<Cand> {
        let m = match self.w(i) {
            "pre" => "BEFORE",
            "post" => "AFTER",
            _ => return None,
        };
        if !self.hyphen(i + 1) || self.w(i + 2).len() != 4 {
            return None;
        }
        let y = self.int(i + 2).filter(|y| (1800..=2100).contains(y))?;
        Some(Cand::new(i, i + 3, TimexType::Date, format!("{y:04}")).with_mod(m))
    }

    /// "the second day of an offensive", "a third straight day", "the eighth day": the
    /// running count of days names the day reported on.
    fn p_nth_day(&self, i: usize) -> Option<Cand> {
        let s = i;
        let mut j = i;
        if matches!(self.w(j), "the" | "a") {
            j += 1;
        }
        let w = self.w(j);
        let n = lex::ordinal(w).or(match w {
            "fifth" => Some(5),
            "sixth" => Some(6),
            "seventh" => Some(7),
            "eighth" => Some(8),
            "ninth" => Some(9),
            "tenth" => Some(10),
            _ => None,
        })?;
        if n < 2 || self.cap(j) && j > s {
            return None;
        }
        j += 1;
        if matches!(self.w(j), "straight" | "consecutive" | "successive") {
            j += 1;
        }
        if !self.is(j, "day") || self.hyphen(j + 1) {
            return None;
        }
        // The day given in the same sentence ("Stocks fell on Tuesday, the third straight
        // day"), else the publication day.
        let (sent, _) = self.sentence_bounds(s);
        let a = self
            .anchor_before(s, false)
            .filter(|a| a.d.is_some() && a.tok >= sent)
            .or_else(|| self.dct_anchor())?;
        let v = shift_anchor(a, Unit::Day, 0)?;
        Some(Cand::new(s, j + 1, TimexType::Date, v))
    }

    /// "the weeks ahead", "the months to come", "the years ahead": an open stretch of
    /// the future (DURATION `PXW`, `PXM`...), the article and the adverb included.
    fn p_units_ahead(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "the") {
            return None;
        }
        let (u, true) = lex::unit(self.w(i + 1))? else {
            return None;
        };
        if matches!(u, Unit::Weekend) {
            return None;
        }
        let e = match (self.w(i + 2), self.w(i + 3)) {
            ("ahead", _) => i + 3,
            ("to", "come") => i + 4,
            _ => return None,
        };
        Some(Cand::new(i, e, TimexType::Duration, fmt_dur(Qty::X, u)))
    }

    /// The first number of a range whose unit comes after the second: "between two to six
    /// days", "between 60 and 90 days". TimeML marks the bare number as a duration of its
    /// own, with the shared unit.
    fn p_range_start(&self, i: usize) -> Option<Cand> {
        let (Qty::N(n), j) = self.qty(i)? else {
            return None;
        };
        if j != i + 1 || (i > 0 && matches!(self.w(i - 1), "$" | "." | "-")) {
            return None;
        }
        // Only after "between", which makes the two ends separate expressions; "within
        // two to three weeks" is one vague duration.
        if !(i > 0 && self.is(i - 1, "between") && matches!(self.w(j), "to" | "and")) {
            return None;
        }
        let (Qty::N(m), k) = self.qty(j + 1)? else {
            return None;
        };
        let (u, true) = lex::unit(self.w(k))? else {
            return None;
        };
        if m <= n || matches!(u, Unit::Weekend) || self.is(k + 1, "ago") {
            return None;
        }
        Some(Cand::new(
            i,
            i + 1,
            TimexType::Duration,
            fmt_dur(Qty::N(n), u),
        ))
    }

    /// All-numeric dates written without spaces: "7/8/07", "12/31/1999" (month first,
    /// as in US news, unless the first number cannot be a month: "25/12/2016") and ISO
    /// "2016-12-25".
    fn p_numeric_date(&self, i: usize) -> Option<Cand> {
        let tight = |k: usize| self.adj(k) && self.adj(k + 1);
        let (a, sep) = (self.int(i)?, self.w(i + 1));
        if !matches!(sep, "/" | "-") || !tight(i + 1) || !tight(i + 3) || self.w(i + 3) != sep {
            return None;
        }
        let (b, c) = (self.int(i + 2)?, self.int(i + 4)?);
        // Not part of a longer run ("1/2/3/4", "555-12-34-56").
        if self.adj(i + 5) && matches!(self.w(i + 5), "/" | "-" | "." | ",") && self.is_digit(i + 6)
            || i > 0 && self.adj(i) && matches!(self.w(i - 1), "/" | "-" | "." | "$")
        {
            return None;
        }
        let (y, m, d) = if sep == "-" {
            // ISO only: "2016-12-25".
            if self.w(i).len() != 4 || self.w(i + 2).len() != 2 || self.w(i + 4).len() != 2 {
                return None;
            }
            (a as i32, b, c)
        } else {
            let yl = self.w(i + 4).len();
            if self.w(i).len() > 2 || self.w(i + 2).len() > 2 || !(yl == 2 || yl == 4) {
                return None;
            }
            let y = if yl == 4 {
                c as i32
            } else {
                // Two-digit years: the century that puts the year nearest the DCT.
                let base = self.dct_ymd().map_or(2000, |(y, _, _)| y);
                let mut best = 0;
                for cent in [1900, 2000, 2100] {
                    let cand = cent + c as i32;
                    if best == 0 || (cand - base).abs() < (best - base).abs() {
                        best = cand;
                    }
                }
                best
            };
            let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
            (y, m, d)
        };
        if !(1800..=2100).contains(&y) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        Some(Cand::new(i, i + 5, TimexType::Date, fmt_day(date)))
    }

    /// A trading session named by its part of the day: "rose in morning trading", "in
    /// afternoon dealings" (that part of the day talked about, else of the publication
    /// day; the noun stays outside, as in TimeML).
    fn p_session(&self, i: usize) -> Option<Cand> {
        let pod = lex::part_of_day(self.w(i)).filter(|p| *p != "NI")?;
        if i == 0 || !self.is(i - 1, "in") {
            return None;
        }
        if !matches!(self.w(i + 1), "trading" | "session" | "dealings" | "deals") {
            return None;
        }
        let a = self.day_before(i).or_else(|| self.dct_anchor())?;
        let v = shift_anchor(a, Unit::Day, 0)?;
        Some(Cand::new(i, i + 1, TimexType::Time, format!("{v}T{pod}")))
    }

    /// Vague lengths of time after "for" / "after" / "over": "for a while", "for some
    /// time", "for a long time", "over a fairly lengthy period" (DURATION `PXX`, as the
    /// TimeML guidelines value a duration whose size is not given).
    fn p_vague_dur(&self, i: usize) -> Option<Cand> {
        if i == 0 || !matches!(self.w(i - 1), "for" | "after" | "over") {
            return None;
        }
        let e = match (self.w(i), self.w(i + 1)) {
            ("a", "while") => i + 2,
            ("some", "time") if self.w(i - 1) == "for" => i + 2,
            ("a", _) => {
                let mut j = i + 1;
                if matches!(
                    self.w(j),
                    "fairly" | "very" | "relatively" | "rather" | "quite"
                ) {
                    j += 1;
                }
                if !matches!(self.w(j), "long" | "lengthy" | "extended" | "prolonged") {
                    return None;
                }
                j += 1;
                match self.w(j) {
                    "time" => j + 1,
                    "period" if self.is(j + 1, "of") && self.is(j + 2, "time") => j + 3,
                    "period" => j + 1,
                    _ => return None,
                }
            }
            _ => return None,
        };
        // "for some time to come" is still a duration; "some time ago" is not one.
        if matches!(self.w(e), "ago" | "earlier" | "later" | "before" | "after") {
            return None;
        }
        Some(Cand::new(i, e, TimexType::Duration, "PXX".to_string()))
    }

    /// A modified part of day: "mid-afternoon yesterday", "late evening Friday", "by mid
    /// afternoon" (the publication day).
    fn p_pod_mod(&self, i: usize) -> Option<Cand> {
        let m = match self.w(i) {
            "early" => "START",
            "late" => "END",
            "mid" => "MID",
            _ => return None,
        };
        let j = if self.hyphen(i + 1) { i + 2 } else { i + 1 };
        let pod = lex::part_of_day(self.w(j))?;
        // The day it belongs to: "yesterday", "Friday", "today".
        if let Some(c) = self
            .p_core(j + 1)
            .filter(|c| c.s == j + 1 && c.kind == TimexType::Date)
        {
            if NaiveDate::parse_from_str(&c.value, "%Y-%m-%d").is_ok() {
                return Some(
                    Cand::new(i, c.e, TimexType::Time, format!("{}T{pod}", c.value)).with_mod(m),
                );
            }
            return None;
        }
        // Bare: only as a time adverbial closing a phrase ("by mid afternoon,"), not a
        // noun modifier ("late-night shows", "early morning hours").
        let governed = i > 0
            && matches!(
                self.w(i - 1),
                "by" | "at" | "in" | "until" | "till" | "around" | "before" | "after" | "since"
            );
        let closes = matches!(self.w(j + 1), "," | "." | ";" | "" | "and" | "when");
        if pod == "NI" || !governed || !closes || self.dct.is_none() {
            return None;
        }
        Some(
            Cand::new(
                i,
                j + 1,
                TimexType::Time,
                format!("{}T{pod}", self.shift(Unit::Day, 0)),
            )
            .with_mod(m),
        )
    }

    /// Adjectival lengths: "a day-long meeting", "the decades-long dispute", "the worst
    /// single-day fall".
    fn p_long(&self, i: usize) -> Option<Cand> {
        let (single, j) = if self.is(i, "single") && self.hyphen(i + 1) {
            (true, i + 2)
        } else {
            (false, i)
        };
        let (u, plural) = lex::unit(self.w(j))?;
        if single {
            if plural {
                return None;
            }
            return Some(Cand::new(
                i,
                j + 1,
                TimexType::Duration,
                fmt_dur(Qty::N(1.0), u),
            ));
        }
        if !(self.hyphen(j + 1) && self.is(j + 2, "long")) {
            return None;
        }
        let q = if plural { Qty::X } else { Qty::N(1.0) };
        Some(Cand::new(i, j + 3, TimexType::Duration, fmt_dur(q, u)))
    }

    /// The second day of a coordination "April 24 and 25": the month and year of the
    /// date just before it.
    fn p_coord_day(&self, i: usize) -> Option<Cand> {
        let d = self.day_num(i)?;
        if i < 3 || !matches!(self.w(i - 1), "and" | "or") || self.day_num(i - 2).is_none() {
            return None;
        }
        // Not "April 24 and 25 percent", "24 and 25 years".
        let nx = self.w(i + 1);
        if lex::unit(nx).is_some() || matches!(nx, "%" | "percent" | "per" | "cents" | "points") {
            return None;
        }
        let a = self.last_date.get()?;
        if a.tok + 4 < i {
            return None;
        }
        let m = a.m?;
        a.d?;
        if !(lex::month(self.w(i - 3)).is_some() || self.is(i - 3, ".")) {
            return None;
        }
        NaiveDate::from_ymd_opt(a.y, m, d)?;
        Some(Cand::new(
            i,
            i + 1,
            TimexType::Date,
            format!("{:04}-{m:02}-{d:02}", a.y),
        ))
    }

    /// The last full date (with a day) mentioned in the 150 tokens before `i`.
    fn day_before(&self, i: usize) -> Option<Anchor> {
        self.last_day
            .get()
            .filter(|a| a.tok < i && i - a.tok <= 150)
    }

    /// The last date mentioned before token `i`, if it is in the same or the previous
    /// sentence (`far`: or anywhere in the last 150 tokens).
    fn anchor_before(&self, i: usize, far: bool) -> Option<Anchor> {
        let a = self.last_date.get().filter(|a| a.tok < i)?;
        if far && i - a.tok <= 150 {
            return Some(a);
        }
        let (s, _) = self.sentence_bounds(i);
        let ps = if s > 0 {
            self.sentence_bounds(s - 1).0
        } else {
            s
        };
        (a.tok >= ps).then_some(a)
    }

    /// The publication date as an anchor.
    fn dct_anchor(&self) -> Option<Anchor> {
        let (y, m, d) = self.dct_ymd()?;
        Some(Anchor {
            y,
            m: Some(m),
            d: Some(d),
            tok: 0,
        })
    }

    /// "the same period last year", "the corresponding quarter a year earlier", "the same
    /// month a year ago", "the quarter a year ago": the period talked about (the last
    /// month mentioned, else the reported quarter), a year back.
    fn p_same_period(&self, i: usize) -> Option<Cand> {
        let mut j = i + 1;
        if matches!(self.w(j), "same" | "corresponding" | "comparable") {
            j += 1;
        }
        let unit = self.w(j);
        if !matches!(unit, "period" | "quarter" | "month") {
            return None;
        }
        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
        let e = match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            ("last", "year", _) => k + 2,
            ("a" | "one", "year", "ago" | "earlier" | "before") => k + 3,
            ("the", "previous" | "prior" | "last", "year") => k + 3,
            ("the", "year", "before") => k + 3,
            _ => return None,
        };
        let anchor = self.anchor_before(i, false);
        let month = anchor.and_then(|a| Some((a.y, a.m?)));
        // "in February compared to the same period last year": a month talked about.
        let month_level = anchor.is_some_and(|a| a.m.is_some() && a.d.is_none());
        let quarter = self.last_q.get();
        let v = match (unit, month, quarter) {
            ("month", Some((y, m)), _) => format!("{:04}-{m:02}", y - 1),
            ("period", Some((y, m)), _) if month_level => format!("{:04}-{m:02}", y - 1),
            ("quarter" | "period", _, Some((y, q))) => format!("{:04}-Q{q}", y - 1),
            ("quarter", _, None) => self.shift(Unit::Quarter, -5),
            ("period", Some((y, m)), None) => format!("{:04}-{m:02}", y - 1),
            _ => self.shift(Unit::Year, -1),
        };
        Some(Cand::new(i, e, TimexType::Date, v))
    }

    /// Expressions anchored on the last date mentioned (TimeML resolves them against it,
    /// not against the publication date): "the next day", "the following month", "the
    /// previous year", "the day before", "two days later", "a week earlier". Without an
    /// earlier date, "the following/previous ..." count from the publication date and "N
    /// units later" is left to the duration rule.
    fn p_anaphoric(&self, i: usize) -> Option<Cand> {
        // "that year", "later that month", "earlier that day", "on that same day"
        let that = match self.w(i) {
            "later" | "earlier" if self.is(i + 1, "that") => Some(i + 1),
            "that" => Some(i),
            _ => None,
        };
        if let Some(k) = that {
            let j = if self.is(k + 1, "same") { k + 2 } else { k + 1 };
            let (u, false) = lex::unit(self.w(j))? else {
                return None;
            };
            if !matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return None;
            }
            // Not the pronoun or conjunction "that" ("a deal that day traders liked"); a
            // phrase closed by punctuation ("imports that year, an aide said") is temporal.
            let governed = k > i
                || k == 0
                || matches!(self.w(j + 1), "," | "." | ";" | ":")
                || self.sentence_bounds(k).0 == k
                || matches!(
                    self.w(k - 1),
                    "in" | "on"
                        | "of"
                        | "during"
                        | "for"
                        | "by"
                        | ","
                        | "until"
                        | "since"
                        | "from"
                        | "throughout"
                        | "at"
                );
            if !governed || self.is(j + 1, "-") {
                return None;
            }
            let a = self.anchor_before(i, matches!(u, Unit::Month | Unit::Year))?;
            let v = shift_anchor(a, u, 0)?;
            return Some(Cand::new(i, j + 1, TimexType::Date, v));
        }
        if self.is(i, "the") {
            let w1 = self.w(i + 1);
            if let Some(c) = self.p_same_period(i) {
                return Some(c);
            }
            // "the week of March 6"
            if w1 == "week" && self.is(i + 2, "of") {
                let c = self.p_date(i + 3).filter(|c| c.s == i + 3)?;
                let d = NaiveDate::parse_from_str(&c.value, "%Y-%m-%d").ok()?;
                return Some(Cand::new(i, c.e, TimexType::Date, fmt_week(d)));
            }
            // "the week before last", "the year after next": two units from now.
            if let Some((u, false)) = lex::unit(w1) {
                let n = match (self.w(i + 2), self.w(i + 3)) {
                    ("before", "last") => -2,
                    ("after", "next") => 2,
                    _ => 0,
                };
                if n != 0 && matches!(u, Unit::Week | Unit::Month | Unit::Year) {
                    return Some(Cand::new(i, i + 4, TimexType::Date, self.shift(u, n)));
                }
            }
            // "the first week of March", "the last week of March 2009": the ISO week
            // holding most of those seven days (the week of the 4th, or of the 4th-last).
            if let Some(nth) = match w1 {
                "first" => Some(1),
                "second" => Some(2),
                "third" => Some(3),
                "fourth" => Some(4),
                "last" | "final" => Some(0),
                _ => None,
            } {
                if self.is(i + 2, "week") && self.is(i + 3, "of") {
                    let c = self.p_date(i + 4).filter(|c| c.s == i + 4)?;
                    let (y, m) = c.value.split_once('-')?;
                    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
                    if c.value.len() != 7 {
                        return None;
                    }
                    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                    let d = if nth == 0 {
                        let next = if m == 12 {
                            NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                        } else {
                            NaiveDate::from_ymd_opt(y, m + 1, 1)?
                        };
                        next - Duration::days(4)
                    } else {
                        first + Duration::days(3 + 7 * (nth - 1))
                    };
                    return Some(Cand::new(i, c.e, TimexType::Date, fmt_week(d)));
                }
            }
            // "the day before last Tuesday", "the day after Christmas"; "the day before"
            // ending a clause counts from the last date mentioned.
            if w1 == "day" && matches!(self.w(i + 2), "before" | "after") {
                let n = if self.is(i + 2, "after") { 1 } else { -1 };
                if let Some(c) = self
                    .p_core(i + 3)
                    .filter(|c| c.s == i + 3 && c.kind == TimexType::Date)
                {
                    let a = parse_anchor(&c.value, i).filter(|a| a.d.is_some())?;
                    let v = shift_anchor(a, Unit::Day, n)?;
                    return Some(Cand::new(i, c.e, TimexType::Date, v));
                }
                if !matches!(self.w(i + 3), "." | "," | ";" | ":" | "" | "and" | "when") {
                    return None;
                }
                let a = self.anchor_before(i, false).or_else(|| self.dct_anchor())?;
                let v = shift_anchor(a, Unit::Day, n)?;
                return Some(Cand::new(i, i + 3, TimexType::Date, v));
            }
            // "the same day", "to end the day", "for the day", "later in the day": the day
            // talked about (the last date of the last 150 tokens, else the
            // publication date).
            let (same, k) = if w1 == "same" {
                (true, i + 2)
            } else {
                (false, i + 1)
            };
            if self.is(k, "day") {
                let before = if i > 0 { self.w(i - 1) } else { "" };
                let governed =
                    same || matches!(
                        before,
                        "end"
                            | "ending"
                            | "ended"
                            | "ends"
                            | "finish"
                            | "finished"
                            | "finishing"
                            | "for"
                    ) || (before == "in"
                        && i > 1
                        && matches!(self.w(i - 2), "later" | "earlier" | "late" | "early"));
                // Not "the day of the attack", "the day when...", "the day before".
                let closes = !matches!(
                    self.w(k + 1),
                    "of" | "when" | "that" | "before" | "after" | "-" | "'" | "\u{2019}"
                );
                if !governed || !closes {
                    return None;
                }
                let a = self.day_before(i).or_else(|| self.dct_anchor())?;
                let v = shift_anchor(a, Unit::Day, 0)?;
                return Some(Cand::new(i, k + 1, TimexType::Date, v));
            }
            // "in the morning", "during the afternoon": that part of the day talked about.
            if !same {
                if let Some(pod) = lex::part_of_day(w1).filter(|p| *p != "NI") {
                    let governed =
                        i > 0 && matches!(self.w(i - 1), "in" | "during" | "through" | "by");
                    // Closing the phrase, not modifying a noun ("the morning session") nor
                    // followed by "of".
                    let nx = self.w(i + 2);
                    let closes = matches!(nx, "," | "." | ";" | ":" | "" | ")" | "\"")
                        || matches!(
                            nx,
                            "and" | "but" | "to" | "as" | "while" | "on" | "at" | "with" | "in"
                        );
                    if !governed || !closes {
                        return None;
                    }
                    let a = self.day_before(i).or_else(|| self.dct_anchor())?;
                    let v = shift_anchor(a, Unit::Day, 0)?;
                    return Some(Cand::new(i, i + 2, TimexType::Time, format!("{v}T{pod}")));
                }
            }
            let n = match w1 {
                "next" | "following" => 1,
                "previous" | "preceding" | "prior" => -1,
                _ => return None,
            };
            // "the previous Friday": the last Friday before the date talked about (the
            // last day mentioned in the last 150 tokens, else the publication date).
            if let Some((wd, false)) = lex::weekday(self.w(i + 2)) {
                let a = self.day_before(i).or_else(|| self.dct_anchor())?;
                let d = NaiveDate::from_ymd_opt(a.y, a.m?, a.d?)?;
                let awd = i64::from(d.weekday().number_from_monday());
                let wd = i64::from(wd);
                let off = if n > 0 {
                    let f = (wd - awd).rem_euclid(7);
                    if f == 0 {
                        7
                    } else {
                        f
                    }
                } else {
                    let b = (awd - wd).rem_euclid(7);
                    -(if b == 0 { 7 } else { b })
                };
                let d = d.checked_add_signed(Duration::days(off))?;
                return Some(Cand::new(i, i + 3, TimexType::Date, fmt_day(d)));
            }
            // "the next morning"
            if let Some(pod) = lex::part_of_day(self.w(i + 2)) {
                let a = self.anchor_before(i, false).filter(|a| a.d.is_some())?;
                let v = shift_anchor(a, Unit::Day, n)?;
                return Some(Cand::new(i, i + 3, TimexType::Time, format!("{v}T{pod}")));
            }
            let (u, false) = lex::unit(self.w(i + 2))? else {
                return None;
            };
            if !matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return None;
            }
            // "in the next year" is usually a stretch of time ahead, not a calendar year.
            if w1 == "next" && u != Unit::Day {
                return None;
            }
            let a = self
                .anchor_before(i, w1 != "next")
                .filter(|a| shift_anchor(*a, u, n).is_some())
                .or_else(|| self.dct_anchor())?;
            let v = shift_anchor(a, u, n)?;
            return Some(Cand::new(i, i + 3, TimexType::Date, v));
        }
        // "two days later", "a week earlier"
        let (q, j) = self.qty(i)?;
        let Qty::N(n) = q else { return None };
        if n.fract() != 0.0 || !(1.0..=100.0).contains(&n) {
            return None;
        }
        let (u, _) = lex::unit(self.w(j))?;
        if !matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
            return None;
        }
        let sign = match self.w(j + 1) {
            "later" => 1,
            "earlier" => -1,
            _ => return None,
        };
        if self.is(j + 2, "than") {
            return None;
        }
        // "a year earlier" in earnings reports is the year-ago period (the duration rule).
        if u == Unit::Year
            && sign < 0
            && (self.financial_sentence(i) || self.last_q.get().is_some())
        {
            return None;
        }
        let a = self.anchor_before(i, false)?;
        let v = shift_anchor(a, u, sign * n as i64)?;
        Some(Cand::new(i, j + 2, TimexType::Date, v))
    }

    /// now, currently, recently, the past, the future, soon...
    fn p_ref(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let r = |e: usize, v: &str| Some(Cand::new(i, e, TimexType::Date, v.to_string()));
        match w {
            // Not the prefix of a compound adjective: "the now-cancelled deal".
            "now" if self.hyphen(i + 1) => None,
            "now" | "currently" | "nowadays" | "presently" => r(i + 1, "PRESENT_REF"),
            "more" | "most" | "only" | "very" if self.is(i + 1, "recently") => r(i + 2, "PAST_REF"),
            "current" => {
                if matches!(
                    self.w(i + 1),
                    "account" | "accounts" | "affairs" | "events" | "-" | "," | "."
                ) {
                    return None;
                }
                r(i + 1, "PRESENT_REF")
            }
            "recently" | "lately" => {
                if i > 0 && matches!(self.w(i - 1), "the" | "a" | "its" | "their") {
                    return None;
                }
                r(i + 1, "PAST_REF")
            }
            "recent" => {
                if i > 0
                    && matches!(
                        self.w(i - 1),
                        "the"
                            | "a"
                            | "an"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "our"
                            | "by"
                            | "most"
                    )
                {
                    return None;
                }
                if self.is(i + 1, "years") {
                    return r(i + 2, "PAST_REF");
                }
                if let Some((u, true)) = lex::unit(self.w(i + 1)) {
                    return Some(Cand::new(i, i + 2, TimexType::Duration, fmt_dur(Qty::X, u)));
                }
                r(i + 1, "PAST_REF")
            }
            "as" if self.is(i + 1, "soon")
                && self.is(i + 2, "as")
                && self.is(i + 3, "possible") =>
            {
                r(i + 4, "FUTURE_REF")
            }
            "future" => match lex::unit(self.w(i + 1)) {
                Some((_, true)) => r(i + 2, "FUTURE_REF"),
                _ => None,
            },
            "then" if self.is(i + 1, "current") => r(i + 2, "PAST_REF"),
            "these" if self.is(i + 1, "days") => r(i + 2, "PRESENT_REF"),
            "the" => match (self.w(i + 1), self.w(i + 2)) {
                ("past", nx) if self.qty(i + 2).is_none() && lex::unit(nx).is_none() => {
                    r(i + 2, "PAST_REF")
                }
                // "the future of the company" is its fate, not a time.
                ("future", _) if !self.is(i + 2, "of") => r(i + 2, "FUTURE_REF"),
                ("near" | "distant", "future") => r(i + 3, "FUTURE_REF"),
                // "in the near term", "for the long term" (not "the long-term outlook",
                // nor "the short term debt").
                ("near" | "short" | "long", "term")
                    if !self.adj(i + 2)
                        && (!self
                            .w(i + 3)
                            .starts_with(|c: char| c.is_ascii_alphanumeric())
                            || (i > 0
                                && matches!(self.w(i - 1), "in" | "for" | "over" | "during"))
                            || matches!(
                                self.w(i + 3),
                                "and"
                                    | "but"
                                    | "or"
                                    | "as"
                                    | "for"
                                    | "in"
                                    | "to"
                                    | "at"
                                    | "because"
                            )) =>
                {
                    r(i + 3, "FUTURE_REF")
                }
                _ => None,
            },
            "a" if self.is(i + 1, "later") && self.is(i + 2, "date") => r(i + 3, "FUTURE_REF"),
            _ => None,
        }
    }

    /// today, yesterday, tomorrow, tonight (+ part of day); this morning; last night.
    fn p_deictic(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let (off, j) = match w {
            "today" => (0, i + 1),
            "yesterday" => (-1, i + 1),
            "tomorrow" => (1, i + 1),
            "tonight" => {
                return Some(Cand::new(
                    i,
                    i + 1,
                    TimexType::Time,
                    format!("{}TNI", self.shift(Unit::Day, 0)),
                ));
            }
            "this" => {
                let pod = lex::part_of_day(self.w(i + 1))?;
                return Some(Cand::new(
                    i,
                    i + 2,
                    TimexType::Time,
                    format!("{}T{pod}", self.shift(Unit::Day, 0)),
                ));
            }
            "last" if self.is(i + 1, "night") => {
                return Some(Cand::new(
                    i,
                    i + 2,
                    TimexType::Time,
                    format!("{}TNI", self.shift(Unit::Day, -1)),
                ));
            }
            _ => return None,
        };
        if matches!(w, "today" | "tomorrow") && self.generic_now(i) {
            return None;
        }
        // A title after an acronym ("USA Today", "VOA Today") names a paper or programme.
        if w == "today" && self.cap(i) && i > 0 && self.acronym(i - 1) {
            return None;
        }
        // Possessive "today's" stays a date.
        if let Some(pod) = lex::part_of_day(self.w(j)) {
            return Some(Cand::new(
                i,
                j + 1,
                TimexType::Time,
                format!("{}T{pod}", self.shift(Unit::Day, off)),
            ));
        }
        Some(Cand::new(i, j, TimexType::Date, self.shift(Unit::Day, off)))
    }

    /// "today's world", "today's youth", "the cars of tomorrow": "today" / "tomorrow"
    /// standing for the present or future age in general, which TimeML leaves out.
    fn generic_now(&self, i: usize) -> bool {
        if self.is(i, "tomorrow")
            && i >= 2
            && self.is(i - 1, "of")
            && self.poss(i + 1).is_none()
            && !self.cap(i - 2)
            && self.w(i - 2).chars().all(|c| c.is_alphabetic())
            && !matches!(
                self.w(i - 2),
                "as" | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "end"
                    | "start"
                    | "beginning"
                    | "middle"
                    | "close"
                    | "rest"
            )
        {
            return true;
        }
        if !self.is(i, "today") {
            return false;
        }
        let Some(k) = self.poss(i + 1) else {
            return false;
        };
        let generic = |w: &str| {
            matches!(
                w,
                "world"
                    | "youth"
                    | "young"
                    | "society"
                    | "generation"
                    | "children"
                    | "kids"
                    | "teenagers"
                    | "culture"
                    | "economy"
                    | "technology"
                    | "standards"
                    | "terms"
                    | "dollars"
                    | "consumers"
                    | "families"
                    | "parents"
                    | "politics"
                    | "computers"
                    | "personal"
                    | "modern"
                    | "global"
                    | "increasingly"
            )
        };
        generic(self.w(k))
    }

    /// this/last/next/past/coming + unit, month, weekday or season.
    fn p_rel(&self, i: usize) -> Option<Cand> {
        let the = usize::from(self.is(i, "the"));
        let k = i + the;
        if the == 1 {
            if let Some(c) = self.p_the_unit(i) {
                return Some(c);
            }
        }
        let mut rel: i64 = match self.w(k) {
            "this" | "current" if the == 0 || self.is(k, "current") => 0,
            "last" | "past" | "previous" | "preceding" => -1,
            "next" | "coming" | "following" => 1,
            _ => return None,
        };
        let mut j = k + 1;
        if self.is(k, "this") {
            match self.w(j) {
                "past" => {
                    rel = -1;
                    j += 1;
                }
                "coming" => {
                    rel = 1;
                    j += 1;
                }
                _ => {}
            }
        }
        if self.is(j, "fiscal") && self.is(j + 1, "year") {
            j += 1;
        }
        let nw = self.w(j);
        let tense = Tense::Unknown;
        if let Some((u, false)) = lex::unit(nw) {
            if matches!(u, Unit::Sec | Unit::Min | Unit::Hour) {
                return None;
            }
            // A quoted title in title case: ABC's "This Week".
            if self.cap(k)
                && self.cap(j)
                && k > 0
                && matches!(self.w(k - 1), "\"" | "\u{201c}" | "`")
            {
                return None;
            }
            // "the following day" etc. are anchored to events, not DCT.
            if self.is(k, "following") || (the == 1 && self.is(k, "previous")) {
                return None;
            }
            // "the past decade" is the stretch of ten years up to now, not the 1990s.
            if self.is(k, "past") && matches!(u, Unit::Decade | Unit::Century) {
                return Some(Cand::new(
                    i,
                    j + 1,
                    TimexType::Duration,
                    fmt_dur(Qty::N(1.0), u),
                ));
            }
            // "this year's third quarter" is handled by the quarter rule.
            let v = self.shift(u, rel);
            if u == Unit::Day {
                return None;
            }
            return Some(Cand::new(i, j + 1, TimexType::Date, v));
        }
        if the == 1 {
            return None;
        }
        if let Some((m, abbr)) = lex::month(nw) {
            if abbr || !self.cap(j) {
                return None;
            }
            let v = match (self.dct_ymd(), rel) {
                (Some((dy, dm, _)), -1) => {
                    format!("{:04}-{m:02}", if m < dm { dy } else { dy - 1 })
                }
                (Some((dy, dm, _)), 1) => format!("{:04}-{m:02}", if m > dm { dy } else { dy + 1 }),
                (Some((dy, _, _)), _) => format!("{dy:04}-{m:02}"),
                (None, _) => format!("XXXX-{m:02}"),
            };
            return Some(Cand::new(i, j + 1, TimexType::Date, v));
        }
        if let Some((wd, false)) = lex::weekday(nw) {
            let v = self.weekday_value(wd, Some(rel), tense);
            if let Some(pod) = lex::part_of_day(self.w(j + 1)) {
                return Some(Cand::new(i, j + 2, TimexType::Time, format!("{v}T{pod}")));
            }
            return Some(Cand::new(i, j + 1, TimexType::Date, v));
        }
        if let Some((code, si)) = lex::season(nw) {
            let v = match self.dct_ymd() {
                Some((dy, dm, _)) => {
                    let (sy, cur) = match dm {
                        1 | 2 => (dy - 1, 4),
                        3..=5 => (dy, 1),
                        6..=8 => (dy, 2),
                        9..=11 => (dy, 3),
                        _ => (dy, 4),
                    };
                    let y = match rel {
                        -1 => {
                            if si < cur {
                                sy
                            } else {
                                sy - 1
                            }
                        }
                        1 => {
                            if si > cur {
                                sy
                            } else {
                                sy + 1
                            }
                        }
                        _ => sy,
                    };
                    format!("{y:04}-{code}")
                }
                None => format!("XXXX-{code}"),
            };
            return Some(Cand::new(i, j + 1, TimexType::Date, v));
        }
        None
    }

    /// Seasons: "the summer", "summer 1998", "the fall of 1998", "in winter";
    /// decade words: "the nineties".
    fn p_season(&self, i: usize) -> Option<Cand> {
        let the = self.is(i, "the");
        let j = i + usize::from(the);
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let after_mod = matches!(prev, "early" | "late" | "mid" | "-");
        if let Some(d) = decade_word(self.w(j)) {
            if the || after_mod {
                return Some(Cand::new(i, j + 1, TimexType::Date, format!("19{d}")));
            }
            return None;
        }
        let (code, si) = lex::season(self.w(j))?;
        // Explicit year: "summer 1998", "the fall of 1998", "the winter of nineteen
        // ninety-four"
        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
        if let Some((y, e)) = self.spoken_year(k) {
            return Some(Cand::new(i, e, TimexType::Date, format!("{y:04}-{code}")));
        }
        if let Some(y) = self
            .int(k)
            .filter(|y| self.w(k).len() == 4 && (1800..=2100).contains(y))
        {
            return Some(Cand::new(
                i,
                k + 1,
                TimexType::Date,
                format!("{y:04}-{code}"),
            ));
        }
        // Bare season words need a determiner or a temporal preposition ("fall" is a verb).
        let ok = if code == "FA" {
            the || after_mod
        } else {
            the || after_mod
                || matches!(
                    prev,
                    "in" | "during" | "over" | "through" | "since" | "until" | "by" | "this"
                )
        };
        if !ok || (the && matches!(self.w(j + 1), "of" | "'")) {
            return None;
        }
        let v = match self.dct_ymd() {
            Some((dy, dm, _)) => {
                let (sy, cur) = match dm {
                    1 | 2 => (dy - 1, 4),
                    3..=5 => (dy, 1),
                    6..=8 => (dy, 2),
                    9..=11 => (dy, 3),
                    _ => (dy, 4),
                };
                let y = if self.tense(i) == Tense::Future {
                    if si >= cur {
                        sy
                    } else {
                        sy + 1
                    }
                } else if si <= cur {
                    sy
                } else {
                    sy - 1
                };
                format!("{y:04}-{code}")
            }
            None => format!("XXXX-{code}"),
        };
        Some(Cand::new(i, j + 1, TimexType::Date, v))
    }

    /// "the year", "the fiscal year", "the full year", "the weekend", "year-end".
    fn p_the_unit(&self, i: usize) -> Option<Cand> {
        let mut j = i + 1;
        let mut rel = 0;
        match self.w(j) {
            "full" | "fiscal" | "current" => j += 1,
            "latest" => {
                j += 1;
                rel = -1;
            }
            _ => {}
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        match self.w(j) {
            "year" => {
                if self.hyphen(j + 1) || self.poss(j + 1).is_some() {
                    return None;
                }
                let prev = if i > 0 { self.w(i - 1) } else { "" };
                if j == i + 1
                    && !matches!(
                        prev,
                        "for" | "in" | "of" | "during" | "through" | "throughout"
                    )
                {
                    return None;
                }
                if matches!(self.w(j + 1), "ended" | "ending" | "ends") {
                    return Some(Cand::new(i, j + 1, TimexType::Duration, "P1Y".into()));
                }
                Some(Cand::new(
                    i,
                    j + 1,
                    TimexType::Date,
                    self.shift(Unit::Year, rel),
                ))
            }
            "weekend" if j == i + 1 => {
                let d = self.dct?;
                let wd = d.weekday().number_from_monday();
                let past = self.tense(i) != Tense::Future;
                let off = if wd >= 6 || !past { 0 } else { -1 };
                Some(Cand::new(
                    i,
                    j + 1,
                    TimexType::Date,
                    self.shift(Unit::Weekend, off),
                ))
            }
            _ => None,
        }
    }

    /// Durations: "three days", "the past two years", "two-year", "N units ago".
    fn p_dur(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let adjw = self.w(j);
        let has_adj = matches!(
            adjw,
            "past"
                | "last"
                | "next"
                | "first"
                | "coming"
                | "previous"
                | "latest"
                | "final"
                | "following"
                | "preceding"
                | "initial"
                | "remaining"
                | "ensuing"
                | "same"
        );
        if has_adj {
            j += 1;
        }
        let (q, j2) = match self.qty(j) {
            Some((q, j2)) => (Some(q), j2),
            None => (None, j),
        };
        // "a" without a following unit is not a quantity.
        let mut j = j2;
        // Adjectival "two-year" / "16-hour".
        let mut adjectival = false;
        if q.is_some() && self.hyphen(j) {
            j += 1;
            adjectival = true;
        }
        // "two more weeks", "an additional year"
        if q.is_some()
            && !adjectival
            && matches!(self.w(j), "more" | "additional" | "further" | "extra")
        {
            j += 1;
        }
        // "five trading days", "two straight weeks", "three consecutive quarters".
        if q.is_some()
            && !adjectival
            && matches!(
                self.w(j),
                "trading" | "business" | "working" | "straight" | "consecutive" | "successive"
            )
            && lex::unit(self.w(j + 1)).is_some_and(|(_, pl)| pl)
        {
            j += 1;
        }
        let (u, plural) = lex::unit(self.w(j))?;
        let mut e = j + 1;
        // "year-old" ages and "years-old".
        if adjectival && plural {
            return None;
        }
        if self.is(e, "old") {
            return None;
        }
        let mut q = q;
        if self.is(e, "and") && self.is(e + 1, "a") && self.is(e + 2, "half") {
            if let Some(Qty::N(n)) = q {
                q = Some(Qty::N(n + 0.5));
                e += 3;
            }
        }
        // Ages ("a 6-year-old boy") are not annotated.
        if adjectival && self.hyphen(e) && self.is(e + 1, "old") {
            return None;
        }
        // "60 Minutes" (a title), "a second time" (an ordinal).
        if self.cap(j) && !self.w(j).bytes().all(|b| b.is_ascii_uppercase()) && j > i {
            return None;
        }
        if u == Unit::Sec && matches!(self.w(i), "a" | "an" | "the") {
            return None;
        }
        let q = match q {
            Some(q) => q,
            None => {
                if !plural {
                    return None;
                }
                if !(has_adj || self.bare_plural_ok(i, e)) {
                    return None;
                }
                Qty::X
            }
        };
        if the && !has_adj && q == Qty::N(1.0) && matches!(self.w(i + 1), "a" | "an") {
            return None;
        }
        // "$500 million a year", "four flights a week", "24 hours a day": rates, not annotated.
        if matches!(self.w(i), "a" | "an")
            && !plural
            && i > 0
            && !matches!(
                self.w(e),
                "ago" | "earlier" | "later" | "before" | "after" | "from"
            )
        {
            let p = self.w(i - 1);
            if self.is_digit(i - 1)
                || matches!(
                    p,
                    "million"
                        | "billion"
                        | "thousand"
                        | "percent"
                        | "%"
                        | "times"
                        | "once"
                        | "twice"
                )
                || (p.len() > 3
                    && p.ends_with('s')
                    && !p.ends_with("ss")
                    && !is_function_word_s(p)
                    && lex::unit(p).is_none_or(|(_, pl)| pl))
            {
                return None;
            }
        }
        if u == Unit::Quarter && !plural && !has_adj {
            // "a quarter" of something, "the quarter" handled elsewhere.
            if !matches!(q, Qty::N(_)) || matches!(self.w(i), "a" | "the") {
                return None;
            }
        }
        if u == Unit::Weekend {
            return None;
        }
        // Anchored: "ago", "earlier", "later", "from now".
        if !adjectival && !has_adj && !the {
            // "a week or so ago"
            let e = if self.is(e, "or") && self.is(e + 1, "so") && self.is(e + 2, "ago") {
                e + 2
            } else {
                e
            };
            let nw = self.w(e);
            if nw == "ago"
                || (nw == "earlier" && u == Unit::Year)
                || (self.is(e, "from") && self.is(e + 1, "now"))
            {
                let sign: i64 = if nw == "from" { 1 } else { -1 };
                let end = if nw == "from" { e + 2 } else { e + 1 };
                let mut c = match q {
                    Qty::X => Cand::new(
                        i,
                        end,
                        TimexType::Date,
                        if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
                    ),
                    Qty::N(n) => {
                        let n = n.round() as i64;
                        let v = if u == Unit::Year
                            && n == 1
                            && (nw == "earlier" || self.financial_sentence(i))
                        {
                            match self.last_q.get() {
                                Some((y, qq))
                                    if self.financial_sentence(i)
                                        && !self.year_to_date_sentence(i) =>
                                {
                                    format!("{:04}-Q{qq}", y - 1)
                                }
                                _ => self.shift(u, sign * n),
                            }
                        } else if matches!(u, Unit::Sec | Unit::Min | Unit::Hour) {
                            self.shift(Unit::Day, 0)
                        } else if u == Unit::Week && n <= 2 {
                            // "a week ago" is the day a week back; "six weeks ago" a week.
                            self.shift(Unit::Day, sign * 7 * n)
                        } else {
                            self.shift(u, sign * n)
                        };
                        Cand::new(i, end, TimexType::Date, v)
                    }
                };
                c.ago = true;
                return Some(c);
            }
        }
        // "will one day be": an unspecified future day, not a stretch of one day.
        if self.is(i, "one")
            && u == Unit::Day
            && !plural
            && i > 0
            && matches!(
                self.w(i - 1),
                "will" | "would" | "could" | "may" | "might" | "can" | "shall" | "should"
            )
        {
            return Some(Cand::new(i, e, TimexType::Date, "FUTURE_REF".into()));
        }
        // "in past years" is a vague past, as "in recent years" is.
        if has_adj
            && q == Qty::X
            && adjw == "past"
            && plural
            && !the
            && matches!(u, Unit::Year | Unit::Decade)
            && i > 0
            && self.is(i - 1, "in")
        {
            return Some(Cand::new(i, e, TimexType::Date, "PAST_REF".into()));
        }
        if has_adj && q == Qty::X && matches!(adjw, "coming" | "next") && plural && !the {
            return Some(Cand::new(i, e, TimexType::Date, "FUTURE_REF".into()));
        }
        // Determiners stay outside adjectival and plain counted durations ("the two-week crisis",
        // "the two days of talks"), but inside "the past three years" and "the nine months".
        let s = if adjectival || (the && !has_adj && u != Unit::Month) {
            i + usize::from(the)
        } else {
            i
        };
        Some(Cand::new(s, e, TimexType::Duration, fmt_dur(q, u)))
    }

    fn bare_plural_ok(&self, i: usize, _e: usize) -> bool {
        // "in just minutes", "within only weeks".
        let i = if i > 1 && matches!(self.w(i - 1), "just" | "only" | "mere") {
            i - 1
        } else {
            i
        };
        i > 0
            && matches!(
                self.w(i - 1),
                "for"
                    | "in"
                    | "over"
                    | "within"
                    | "than"
                    | "took"
                    | "take"
                    | "takes"
                    | "spent"
                    | "lasted"
            )
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "fiscal 1990's first half", "the year-ago period".
    fn p_quarter(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut year: Option<i32> = None;
        let the = self.is(j, "the") || self.is(j, "a");
        if the {
            j += 1;
        }
        // "the comparable year-ago quarter"
        if the
            && matches!(self.w(j), "comparable" | "corresponding" | "same")
            && self.is(j + 1, "year")
            && self.hyphen(j + 2)
        {
            j += 1;
        }
        // "this year's", "last year's", "fiscal 1990's", "1989's"
        let mut year_shift: Option<i64> = None;
        if matches!(self.w(j), "this" | "last" | "next") && self.is(j + 1, "year") {
            if let Some(k) = self.poss(j + 2) {
                year_shift = Some(match self.w(j) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                });
                j = k;
            }
        }
        if self.is(j, "fiscal") {
            j += 1;
            if let Some(y) = self.int(j).filter(|y| (1800..=2100).contains(y)) {
                if let Some(k) = self.poss(j + 1) {
                    year = Some(y as i32);
                    j = k;
                }
            }
        } else if let Some(y) = self.int(j).filter(|y| (1800..=2100).contains(y)) {
            if let Some(k) = self.poss(j + 1) {
                year = Some(y as i32);
                j = k;
            }
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        // "the fiscal-first quarter"
        if j > i && self.is(j - 1, "fiscal") && self.hyphen(j) {
            j += 1;
        }
        // "the 1988 second quarter", "the 1988 quarter", "the 1989 period"
        if the && year.is_none() && year_shift.is_none() {
            if let Some(y) = self
                .int(j)
                .filter(|y| (1800..=2100).contains(y) && self.w(j).len() == 4)
            {
                if let Some(o) = lex::ordinal(self.w(j + 1)).filter(|_| self.is(j + 2, "quarter")) {
                    return Some(
                        Cand::new(i, j + 3, TimexType::Date, format!("{y:04}-Q{o}")).anchor(),
                    );
                }
                if matches!(self.w(j + 1), "quarter" | "period") {
                    let v = match self.last_q.get() {
                        Some((_, q)) => format!("{y:04}-Q{q}"),
                        None => format!("{y:04}"),
                    };
                    return Some(Cand::new(i, j + 2, TimexType::Date, v));
                }
            }
        }
        let w = self.w(j);
        // "last year's quarter", "this year's period": the quarter reported on, in that year.
        if let (Some(sh), Some((dy, dm, _))) = (year_shift, self.dct_ymd()) {
            if matches!(w, "quarter" | "period") {
                let q = self.last_q.get().map_or((dm - 1) / 3, |(_, q)| q);
                if q >= 1 {
                    let y = dy + sh as i32;
                    return Some(Cand::new(i, j + 1, TimexType::Date, format!("{y:04}-Q{q}")));
                }
            }
        }
        // year-ago / year-earlier quarter
        if w == "year" && self.hyphen(j + 1) && matches!(self.w(j + 2), "ago" | "earlier") {
            let mut e = j + 3;
            if let Some(o) = lex::ordinal(self.w(e)).filter(|_| self.is(e + 1, "quarter")) {
                let y = self
                    .last_q
                    .get()
                    .map(|(y, _)| y)
                    .or_else(|| self.dct_ymd().map(|d| d.0));
                let v = y.map_or(format!("XXXX-Q{o}"), |y| format!("{:04}-Q{o}", y - 1));
                return Some(Cand::new(i, e + 2, TimexType::Date, v));
            }
            let word_follows = matches!(self.w(e), "quarter" | "period");
            if word_follows {
                e += 1;
            } else if matches!(self.w(e), "nine" | "six" | "first" | "second") || self.is(e, "year")
            {
                return None;
            }
            let v = match self.last_q.get() {
                Some((y, q))
                    if word_follows
                        || (self.financial_sentence(i) && !self.year_to_date_sentence(i)) =>
                {
                    format!("{:04}-Q{q}", y - 1)
                }
                _ => self.shift(Unit::Year, -1),
            };
            let s = if word_follows || j == i { i } else { j };
            return Some(Cand::new(s, e, TimexType::Date, v));
        }
        let mut hyph_adj = false;
        let (q, half, mut e) = if let Some(o) = lex::ordinal(w) {
            let mut k = j + 1;
            if self.hyphen(k) {
                k += 1;
                hyph_adj = true;
            }
            // "the fourth fiscal quarter"
            if !hyph_adj && self.is(k, "fiscal") && self.is(k + 1, "quarter") {
                k += 1;
            }
            match self.w(k) {
                "quarter" => (Some(o), false, k + 1),
                "half" if o <= 2 => (Some(o), true, k + 1),
                _ => return None,
            }
        } else if matches!(w, "final" | "fourth") && self.is(j + 1, "quarter") {
            (Some(4), false, j + 2)
        } else if matches!(w, "last" | "latter")
            && self.is(j + 1, "half")
            && self.is(j + 2, "of")
            && self.int(j + 3).is_some_and(|y| (1800..=2100).contains(&y))
        {
            // "the last half of 1989"
            (Some(2), true, j + 2)
        } else if w == "q1" || w == "q2" || w == "q3" || w == "q4" {
            (w[1..].parse().ok(), false, j + 1)
        } else if (w == "h1" || w == "h2") && self.cap(j) && self.year_after(j + 1).is_some() {
            // "H1 2017" (only with a year: "H1" alone is also a visa, a heading...)
            (w[1..].parse().ok(), true, j + 1)
        } else if matches!(w, "latest" | "current" | "recent" | "same")
            && matches!(self.w(j + 1), "quarter" | "period")
            && the
        {
            let v = if w == "current" {
                self.shift(Unit::Quarter, 0)
            } else if w == "latest" {
                self.shift(Unit::Quarter, -1)
            } else {
                match self.last_q.get() {
                    Some((y, q)) => format!("{y:04}-Q{q}"),
                    None => self.shift(Unit::Quarter, -1),
                }
            };
            return Some(Cand::new(i, j + 2, TimexType::Date, v));
        } else if w == "quarter" && the && self.is(i, "the") && j == i + 1 && !self.hyphen(j + 1) {
            // The quarter reported on (a fiscal one named earlier wins), else the one its
            // end date gives, else the last one before the publication date.
            let v = match (self.last_q.get(), self.quarter_ended(j + 1)) {
                (Some((y, q)), _) | (None, Some((y, q))) => format!("{y:04}-Q{q}"),
                (None, None) => self.shift(Unit::Quarter, -1),
            };
            return Some(Cand::new(i, j + 1, TimexType::Date, v));
        } else {
            return None;
        };
        let q = q?;
        // "Q3 2016", "Q3 FY2017", "H1 2017"
        if year.is_none() && year_shift.is_none() && w.len() == 2 {
            if let Some((y, e2)) = self.fy_year(e).or_else(|| {
                self.int(e)
                    .filter(|y| (1800..=2100).contains(y) && self.w(e).len() == 4)
                    .map(|y| (y as i32, e + 1))
            }) {
                year = Some(y);
                e = e2;
            }
        }
        // "... of 1989" / "of fiscal 1989" / "of this year"
        if year.is_none() && year_shift.is_none() && self.is(e, "of") {
            let mut k = e + 1;
            if self.is(k, "fiscal") {
                k += 1;
            }
            if let Some(y) = self.int(k).filter(|y| (1800..=2100).contains(y)) {
                year = Some(y as i32);
                e = k + 1;
            } else if matches!(self.w(k), "this" | "last" | "next") && self.is(k + 1, "year") {
                year_shift = Some(match self.w(k) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                });
                e = k + 2;
            } else if self.is(k, "the") && self.is(k + 1, "year") && !self.is(k + 2, "-") {
                // "the second half of the year": the year talked about, resolved as a
                // bare "the second half".
                e = k + 2;
            }
        }
        let y = match (year, year_shift, self.dct_ymd()) {
            (Some(y), _, _) => Some(y),
            (None, Some(s), Some((dy, _, _))) => Some(dy + s as i32),
            (None, None, Some((dy, dm, _))) => {
                let dq = (dm - 1) / 3 + 1;
                let cur = if half { (dm - 1) / 6 + 1 } else { dq };
                // The current and the coming quarter or half are this year's ("plants
                // close during the fourth quarter", written in September).
                Some(if q <= cur + 1 || self.tense(i) == Tense::Future {
                    dy
                } else {
                    dy - 1
                })
            }
            _ => None,
        };
        let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
        let v = if half {
            format!("{ys}-H{q}")
        } else {
            format!("{ys}-Q{q}")
        };
        // Hyphenated adjective ("a third-quarter loss"): no determiner in the span.
        let s = if hyph_adj && the { i + 1 } else { i };
        Some(Cand::new(s, e, TimexType::Date, v).anchor())
    }

    /// "ended Sept. 30" / "ending July 31" at `k`: the calendar quarter holding most of the
    /// three months that end on that date ("the quarter ended July 31" is May to July,
    /// the second quarter).
    fn quarter_ended(&self, k: usize) -> Option<(i32, u32)> {
        if !matches!(self.w(k), "ended" | "ending") {
            return None;
        }
        let c = self.p_date(k + 1).filter(|c| c.s == k + 1)?;
        let a = parse_anchor(&c.value, k + 1)?;
        let end = NaiveDate::from_ymd_opt(a.y, a.m?, a.d.unwrap_or(28))?;
        let mid = end.checked_sub_signed(Duration::days(45))?;
        Some((mid.year(), mid.month0() / 3 + 1))
    }

    /// "FY2017", "FY17", "FY 2017", "FY'17" at `i`: the year and the end token.
    fn fy_year(&self, i: usize) -> Option<(i32, usize)> {
        let rest = self.w(i).strip_prefix("fy")?;
        if !self.cap(i) || (rest.is_empty() && !self.acronym(i)) {
            return None;
        }
        let (digits, e) = if rest.is_empty() {
            let mut k = i + 1;
            if matches!(self.w(k), "'" | "\u{2019}") && self.adj(k + 1) {
                k += 1;
            }
            (self.w(k), k + 1)
        } else {
            (rest, i + 1)
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: i32 = digits.parse().ok()?;
        let y = match digits.len() {
            4 if (1900..=2100).contains(&n) => n,
            2 => {
                let dy = self.dct_ymd().map_or(2000, |d| d.0);
                if 2000 + n <= dy + 10 {
                    2000 + n
                } else {
                    1900 + n
                }
            }
            _ => return None,
        };
        Some((y, e))
    }

    /// Years and decades: "2012", "fiscal 1989", "the 1990s", "'80s", "nineteen ninety-six".
    fn p_year(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        // "year-end", "year end", "year's end"
        if self.is(i, "year")
            && i > 0
            && matches!(
                self.w(i - 1),
                "by" | "since" | "at" | "before" | "until" | "around" | "after" | "near"
            )
        {
            if self.hyphen(i + 1) && self.is(i + 2, "end") {
                // The compound "year-end" is the closing date of the books: Dec. 31 (of
                // last year after "since").
                let y = self
                    .dct_ymd()
                    .map(|(y, _, _)| y - i32::from(self.is(i - 1, "since")));
                let v = y.map_or("XXXX-12-31".to_string(), |y| format!("{y:04}-12-31"));
                return Some(Cand::new(i, i + 3, TimexType::Date, v));
            }
            let e = if self.is(i + 1, "end") {
                i + 2
            } else if let Some(k) = self.poss(i + 1).filter(|&k| self.is(k, "end")) {
                k + 1
            } else {
                return None;
            };
            return Some(
                Cand::new(i, e, TimexType::Date, self.shift(Unit::Year, 0)).with_mod("END"),
            );
        }
        // Fiscal years written "FY2017", "FY17", "FY 2017".
        if let Some((y, e)) = self.fy_year(i) {
            return Some(Cand::new(i, e, TimexType::Date, format!("{y:04}")));
        }
        // Spelled years: "nineteen ninety-six", "the year two thousand"
        if let Some((y, e)) = self.spoken_year(i) {
            return Some(Cand::new(i, e, TimexType::Date, format!("{y}")));
        }
        if self.is(i, "the")
            && self.is(i + 1, "year")
            && self.is(i + 2, "two")
            && self.is(i + 3, "thousand")
        {
            return Some(Cand::new(i, i + 4, TimexType::Date, "2000".into()));
        }
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        // Decades with apostrophe: "'80s"
        if matches!(self.w(j), "'" | "\u{2019}") {
            let w = self.w(j + 1);
            if self.adj(j + 1)
                && w.len() == 3
                && w.ends_with('s')
                && w.as_bytes()[0].is_ascii_digit()
                && w.as_bytes()[1] == b'0'
            {
                let d = w.as_bytes()[0] - b'0';
                let cent = if d <= 2 { "20" } else { "19" };
                return Some(Cand::new(i, j + 2, TimexType::Date, format!("{cent}{d}")));
            }
            // Clipped years after a temporal preposition or a month: "since '82",
            // "October '87" (not the quote in "''60 Minutes").
            let p = if j > 0 { self.w(j - 1) } else { "" };
            if !the
                && self.adj(j + 1)
                && w.len() == 2
                && self.int(j + 1).is_some()
                && !self.adj(j)
                && !matches!(self.w(j + 2), "'" | "\u{2019}" | "s")
                && (matches!(p, "since" | "in" | "from" | "until" | "till" | "by" | "of")
                    || lex::month(p).is_some())
            {
                let yy = self.int(j + 1)?;
                let y = match self.dct_ymd() {
                    Some((dy, _, _)) if 2000 + yy as i32 <= dy + 10 => 2000 + yy,
                    Some(_) => 1900 + yy,
                    None if yy <= 30 => 2000 + yy,
                    None => 1900 + yy,
                };
                return Some(Cand::new(i, j + 2, TimexType::Date, format!("{y:04}")));
            }
            return None;
        }
        let w = self.w(j);
        // Decades without apostrophe: "the 70s and 80s", "the early 90s" (not ages: "in
        // his 30s").
        if w.len() == 3
            && w.ends_with('s')
            && w.as_bytes()[0].is_ascii_digit()
            && w.as_bytes()[0] != b'0'
            && w.as_bytes()[1] == b'0'
        {
            let p = if j > 0 { self.w(j - 1) } else { "" };
            if the || matches!(p, "and" | "early" | "mid" | "late" | "-" | "the") {
                let d = w.as_bytes()[0] - b'0';
                let cent = if d <= 2 { "20" } else { "19" };
                return Some(Cand::new(i, j + 1, TimexType::Date, format!("{cent}{d}")));
            }
        }
        // "1990s"
        if w.len() == 5
            && w.ends_with('s')
            && w[..4].bytes().all(|b| b.is_ascii_digit())
            && w.as_bytes()[3] == b'0'
        {
            let y: u32 = w[..4].parse().ok()?;
            if (1000..=2100).contains(&y) {
                return Some(Cand::new(i, j + 1, TimexType::Date, w[..3].to_string()));
            }
        }
        {
            // "the 20th century", "20th-century"
            let k = if self.hyphen(j + 1) { j + 2 } else { j + 1 };
            if let (Some(c), "century") = (
                self.w(j)
                    .strip_suffix("th")
                    .or_else(|| self.w(j).strip_suffix("st")),
                self.w(k),
            ) {
                if let Ok(c) = c.parse::<u32>() {
                    if (1..=21).contains(&c) {
                        return Some(Cand::new(
                            i,
                            k + 1,
                            TimexType::Date,
                            format!("{:02}", c - 1),
                        ));
                    }
                }
            }
        }
        if the {
            return None;
        }
        let mut fiscal = false;
        if w == "fiscal" {
            fiscal = true;
            j += 1;
            if self.is(j, "year") {
                j += 1;
            }
        }
        let y = self.int(j)?;
        if self.w(j).len() != 4 || !(1800..=2100).contains(&y) {
            return None;
        }
        if !fiscal && !self.year_context(j) {
            return None;
        }
        Some(Cand::new(i, j + 1, TimexType::Date, format!("{y:04}")))
    }

    /// Is the 4-digit number at `j` used as a year?
    fn year_context(&self, j: usize) -> bool {
        if j > 0 {
            let p = self.w(j - 1);
            if matches!(
                p,
                "$" | "#"
                    | "no"
                    | "number"
                    | "nos"
                    | "page"
                    | "flight"
                    | "route"
                    | "room"
                    | "model"
                    | "about"
                    | "nearly"
                    | "some"
                    | "than"
                    | "over"
                    | "approximately"
                    | "almost"
                    | "£"
                    | "€"
            ) || (self.adj(j) && matches!(p, "." | "/" | ":" | ","))
                || (self.adj(j)
                    && p == "-"
                    && !(j >= 2
                        && matches!(self.w(j - 2), "mid" | "early" | "late" | "pre" | "post")))
            {
                return false;
            }
            if self.is_digit(j - 1) && !(j >= 2 && self.is(j - 2, ",")) {
                return false;
            }
            if self.name_before_number(j) {
                return false;
            }
        }
        let nx = self.w(j + 1);
        if matches!(nx, "%" | "percent" | ":") {
            return false;
        }
        if self.is(j + 1, "-")
            && self.adj(j + 1)
            && self.is_digit(j + 2)
            && self.w(j + 2).len() <= 2
        {
            // "1998-99" season; accept as year.
            return true;
        }
        // "the 1992 protests", "the 1996 elections": a year after the article, even before a
        // plural noun (counts are written "the 2,000 workers").
        let the_year = j > 0
            && self.is(j - 1, "the")
            && self.w(j).len() == 4
            && self.int(j).is_some_and(|y| (1900..=2099).contains(&y));
        if let Some(t) = self.toks.get(j + 1).filter(|_| !the_year) {
            if !t.cap && nx.bytes().all(|b| b.is_ascii_lowercase()) {
                if lex::is_count_noun(nx) {
                    return false;
                }
                if nx.len() > 3
                    && nx.ends_with('s')
                    && !nx.ends_with("ss")
                    && !is_function_word_s(nx)
                    && !nx.ends_with("ous")
                {
                    return false;
                }
            }
        }
        true
    }

    /// A number right after a capitalised word inside a sentence is part of a name
    /// ("the Russell 2000 index", "a venture called Orion 1980"), unless that word is a
    /// month, weekday, season, holiday or a preposition-like word ("Since 1990" in a
    /// title).
    fn name_before_number(&self, j: usize) -> bool {
        if j < 2 || !self.cap(j - 1) || self.acronym(j - 1) || !self.toks[j].sp {
            return false;
        }
        let p = self.w(j - 1);
        if p.len() < 3 || !p.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        // Inside a sentence: the word before the name is lower case or a comma.
        let q = self.w(j - 2);
        let inside = q == ","
            || matches!(q, "the" | "a" | "an" | "its" | "their")
            || (!self.cap(j - 2) && q.bytes().all(|b| b.is_ascii_lowercase()));
        if !inside {
            return false;
        }
        !(lex::month(p).is_some()
            || lex::weekday(p).is_some()
            || lex::season(p).is_some()
            || lex::unit(p).is_some()
            || is_anchor(p)
            || matches!(
                p,
                "in" | "since"
                    | "until"
                    | "till"
                    | "before"
                    | "after"
                    | "from"
                    | "through"
                    | "during"
                    | "between"
                    | "and"
                    | "for"
                    | "of"
                    | "by"
                    | "around"
                    | "circa"
                    | "early"
                    | "late"
                    | "mid"
                    | "fiscal"
                    | "calendar"
                    | "class"
                    | "year"
                    | "new"
                    | "eve"
                    | "day"
            ))
    }

    /// Month-based dates: "Dec. 3", "December 25, 2015", "June 1998", "June", "25 December".
    fn p_date(&self, i: usize) -> Option<Cand> {
        // "last Thanksgiving", "next Christmas": the latest one before / the first one
        // after the publication date.
        if matches!(self.w(i), "last" | "next") {
            let (m, d, len) = self.holiday(i + 1)?;
            let (dy, dm, dd) = self.dct_ymd()?;
            let before = |y: i32| {
                let (m, d) = self.movable_feast(i + 1, y).unwrap_or((m, d));
                (m, d) < (dm, dd)
            };
            let y = if self.is(i, "last") {
                if before(dy) {
                    dy
                } else {
                    dy - 1
                }
            } else if before(dy) || self.movable_feast(i + 1, dy).unwrap_or((m, d)) == (dm, dd) {
                dy + 1
            } else {
                dy
            };
            let (m, d) = self.movable_feast(i + 1, y).unwrap_or((m, d));
            let day = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some(Cand::new(i, i + 1 + len, TimexType::Date, fmt_day(day)));
        }
        let mut j = i;
        // Optional leading weekday: "Friday, Oct. 23"
        let mut lead_wd = false;
        if let Some((_, false)) = lex::weekday(self.w(j)) {
            if self.cap(j) {
                let k = if self.is(j + 1, ",") { j + 2 } else { j + 1 };
                // Not across a line break: a headline ending "...until Friday" above a
                // dateline.
                if (lex::month(self.w(k)).is_some() || self.int(k).is_some())
                    && !self.line_break_before(k)
                {
                    j = k;
                    lead_wd = true;
                }
            }
        }
        let tense = || self.tense(i);
        // Day-first: "25 December 2015"
        if let Some(d) = self.day_num(j) {
            let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
            if let Some((m, _)) = lex::month(self.w(k)).filter(|_| self.cap(k)) {
                let k2 = if lex::month(self.w(k)).is_some_and(|(_, a)| a) {
                    self.dot(k + 1)
                } else {
                    k + 1
                };
                if let Some(y) = self.year_after(k2) {
                    let (y, e) = y;
                    return Some(Cand::new(
                        i,
                        e,
                        TimexType::Date,
                        format!("{y:04}-{m:02}-{d:02}"),
                    ));
                }
                return Some(Cand::new(
                    i,
                    k2,
                    TimexType::Date,
                    self.day_value(m, d, tense()),
                ));
            }
            if lead_wd {
                return None;
            }
        }
        // Holidays
        if let Some((m, d, len)) = self.holiday(j) {
            let e = j + len;
            // The year: explicit ("Christmas 1998") or from the publication date and tense;
            // movable feasts are then placed in that year.
            let (y, e) = match self.year_after(e) {
                Some((y, e2)) => (Some(y), e2),
                None => (
                    parse_anchor(&self.day_value(m, d, tense()), j).map(|a| a.y),
                    e,
                ),
            };
            let Some(y) = y else {
                return Some(Cand::new(
                    i,
                    e,
                    TimexType::Date,
                    format!("XXXX-{m:02}-{d:02}"),
                ));
            };
            let (m, d) = self.movable_feast(j, y).unwrap_or((m, d));
            let day = NaiveDate::from_ymd_opt(y, m, d)?;
            // "Easter week", "Thanksgiving week": the week holding the holiday.
            if self.is(e, "week") && !lead_wd {
                return Some(Cand::new(i, e + 1, TimexType::Date, fmt_week(day)));
            }
            return Some(Cand::new(i, e, TimexType::Date, fmt_day(day)));
        }
        let (m, abbr) = lex::month(self.w(j))?;
        if !self.cap(j) {
            return None;
        }
        let k = if abbr { self.dot(j + 1) } else { j + 1 };
        if abbr && k == j + 1 && !self.is_digit(k) {
            return None;
        }
        // Month day
        if let Some(d) = self.day_num(k) {
            // Not "May 1,000"
            let mut e = k + 1;
            if self.is(e, ",") && self.is_digit(e + 1) && self.w(e + 1).len() != 4 {
                return None;
            }
            if let Some((y, e2)) = self.year_after(e) {
                return Some(Cand::new(
                    i,
                    e2,
                    TimexType::Date,
                    format!("{y:04}-{m:02}-{d:02}"),
                ));
            }
            if self.is(e, ".") && self.adj(e) && self.is_digit(e + 1) {
                return None;
            }
            if self.is(e, "th") || self.is(e, "st") {
                e += 1;
            }
            // "Dec. 2 last year", "March 3 of next year": one date in that year.
            let of = usize::from(self.is(e, "of"));
            if matches!(self.w(e + of), "this" | "last" | "next") && self.is(e + of + 1, "year") {
                if let Some((dy, _, _)) = self.dct_ymd() {
                    let y = dy
                        + match self.w(e + of) {
                            "last" => -1,
                            "next" => 1,
                            _ => 0,
                        };
                    let day = NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some(Cand::new(i, e + of + 2, TimexType::Date, fmt_day(day)));
                }
            }
            return Some(Cand::new(
                i,
                e,
                TimexType::Date,
                self.day_value(m, d, tense()),
            ));
        }
        if lead_wd {
            return None;
        }
        // Month year
        if let Some((y, e)) = self.year_after(k) {
            return Some(Cand::new(i, e, TimexType::Date, format!("{y:04}-{m:02}")));
        }
        // "June last year"
        if matches!(self.w(k), "this" | "last" | "next") && self.is(k + 1, "year") {
            let y = match self.dct_ymd() {
                Some((dy, _, _)) => format!(
                    "{:04}",
                    dy + match self.w(k) {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    }
                ),
                None => "XXXX".into(),
            };
            return Some(Cand::new(i, k + 2, TimexType::Date, format!("{y}-{m:02}")));
        }
        // "June of 1998"
        if self.is(k, "of") {
            if let Some((y, e)) = self.year_after(k + 1) {
                return Some(Cand::new(i, e, TimexType::Date, format!("{y:04}-{m:02}")));
            }
            // "October of next year": the month takes that year; "next year" is tagged
            // on its own.
            if matches!(self.w(k + 1), "this" | "last" | "next") && self.is(k + 2, "year") {
                if let Some((dy, _, _)) = self.dct_ymd() {
                    let y = dy
                        + match self.w(k + 1) {
                            "last" => -1,
                            "next" => 1,
                            _ => 0,
                        };
                    return Some(Cand::new(i, k, TimexType::Date, format!("{y:04}-{m:02}")));
                }
            }
        }
        if abbr {
            return None;
        }
        if matches!(m, 5 | 3) {
            // "May" and "March" are also verbs / names: need a temporal preposition or modifier before.
            let p = if i > 0 { self.w(i - 1) } else { "" };
            // "the March accession", "the May elections": a month modifying a noun.
            let nx = self.w(i + 1);
            let modifies_noun = matches!(p, "the" | "a")
                && !nx.is_empty()
                && nx.bytes().all(|b| b.is_ascii_lowercase())
                && !matches!(nx, "of" | "to" | "and" | "for" | "in");
            let governed = matches!(
                p,
                "in" | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "of"
                    | "from"
                    | "through"
                    | "during"
                    | "early"
                    | "late"
                    | "mid"
                    | "-"
                    | "last"
                    | "next"
                    | "this"
                    | "before"
                    | "after"
                    | "to"
                    | "and"
                    | "or"
            );
            if !governed && !modifies_noun {
                return None;
            }
            if self.is(i + 1, "be") || self.is(i + 1, "have") {
                return None;
            }
        }
        // Bare months in news mostly refer back, unless a deadline preposition says otherwise.
        let t = match tense() {
            Tense::Unknown => {
                let ahead = self.dct_ymd().map_or(12, |(_, dm, _)| (m + 12 - dm) % 12);
                if (i > 0
                    && matches!(
                        self.w(i - 1),
                        "by" | "until" | "till" | "before" | "through"
                    ))
                    || (1..=2).contains(&ahead)
                {
                    Tense::Future
                } else {
                    Tense::Past
                }
            }
            t => t,
        };
        // "since March": the last March that has begun, however near the next one is.
        if self.since_before(i) {
            if let Some((dy, dm, _)) = self.dct_ymd() {
                let y = if m <= dm { dy } else { dy - 1 };
                return Some(Cand::new(i, k, TimexType::Date, format!("{y:04}-{m:02}")));
            }
        }
        Some(Cand::new(i, k, TimexType::Date, self.month_value(m, t)))
    }

    /// Day of November of Thanksgiving (the fourth Thursday) in the year November
    /// resolves to.
    fn thanksgiving_day(&self) -> u32 {
        thanksgiving(self.year_for(11, Some(25), Tense::Unknown).unwrap_or(2000))
    }

    /// Month and day in year `y` of the movable feast named at `j`, if it is one.
    fn movable_feast(&self, j: usize, y: i32) -> Option<(u32, u32)> {
        match self.w(j) {
            "easter" => Some(easter(y)),
            "thanksgiving" => Some((11, thanksgiving(y))),
            "black" => Some((11, thanksgiving(y) + 1)),
            "election" => {
                // First Tuesday after the first Monday of November.
                let first = NaiveDate::from_ymd_opt(y, 11, 1)?
                    .weekday()
                    .number_from_monday();
                Some((11, 1 + (1 + 7 - first) % 7 + 1))
            }
            _ => None,
        }
    }

    fn holiday(&self, j: usize) -> Option<(u32, u32, usize)> {
        let w = self.w(j);
        match w {
            "christmas" if self.cap(j) => {
                if self.is(j + 1, "eve") {
                    Some((12, 24, 2))
                } else if self.is(j + 1, "day") {
                    Some((12, 25, 2))
                } else {
                    Some((12, 25, 1))
                }
            }
            "halloween" if self.cap(j) => Some((10, 31, 1)),
            "new" if self.cap(j) && self.is(j + 1, "year") => {
                let k = self.poss(j + 2)?;
                match self.w(k) {
                    "day" => Some((1, 1, k + 1 - j)),
                    "eve" => Some((12, 31, k + 1 - j)),
                    _ => None,
                }
            }
            "valentine" if self.cap(j) => {
                let k = self.poss(j + 1)?;
                self.is(k, "day").then_some((2, 14, k + 1 - j))
            }
            "independence" if self.cap(j) && self.is(j + 1, "day") && self.cap(j + 1) => {
                Some((7, 4, 2))
            }
            "thanksgiving" if self.cap(j) => {
                // Fourth Thursday of November (of the resolved year; the day is fixed below).
                let len = if self.is(j + 1, "day") { 2 } else { 1 };
                Some((11, self.thanksgiving_day(), len))
            }
            // The day after Thanksgiving.
            "black" if self.cap(j) && self.is(j + 1, "friday") && self.cap(j + 1) => {
                Some((11, self.thanksgiving_day() + 1, 2))
            }
            "easter" if self.cap(j) => {
                let len = if matches!(self.w(j + 1), "sunday" | "day") && self.cap(j + 1) {
                    2
                } else {
                    1
                };
                let y = self.year_for(4, Some(1), Tense::Unknown).unwrap_or(2000);
                let (m, d) = easter(y);
                Some((m, d, len))
            }
            "election" if self.cap(j) && self.is(j + 1, "day") && self.cap(j + 1) => {
                let y = self.year_for(11, Some(5), Tense::Unknown).unwrap_or(2000);
                let first = NaiveDate::from_ymd_opt(y, 11, 1)?
                    .weekday()
                    .number_from_monday();
                // First Tuesday after the first Monday.
                let monday = 1 + (1 + 7 - first) % 7;
                Some((11, monday + 1, 2))
            }
            _ => None,
        }
    }

    /// Day of month at `i`: "3", "23rd".
    fn day_num(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        let digits: &str = w
            .strip_suffix("st")
            .or_else(|| w.strip_suffix("nd"))
            .or_else(|| w.strip_suffix("rd"))
            .or_else(|| w.strip_suffix("th"))
            .unwrap_or(w);
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// ", 2015" or " 2015" after a month/day.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let k2 = if self.is(k, ",") { k + 1 } else { k };
        if let Some(r) = self.spoken_year(k2) {
            return Some(r);
        }
        let y = self.int(k2)?;
        if self.w(k2).len() == 4 && (1000..=2100).contains(&y) {
            return Some((y as i32, k2 + 1));
        }
        None
    }

    /// A year spelled out as in broadcast transcripts: "nineteen ninety-six".
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        let c = match self.w(i) {
            "nineteen" => 19,
            "eighteen" => 18,
            _ => return None,
        };
        if let Some((Qty::N(n), e)) = self.qty(i + 1) {
            let n = n as i64;
            if (10..100).contains(&n) && lex::small_number(self.w(i + 1)).is_some() {
                return Some(((c * 100 + n) as i32, e));
            }
        }
        None
    }

    /// Weekdays: "Friday", "Friday morning", "Fridays" (SET).
    fn p_weekday(&self, i: usize) -> Option<Cand> {
        let (wd, plural) = lex::weekday(self.w(i))?;
        if !self.cap(i) {
            return None;
        }
        // "Black Monday", "Black Tuesday": named crash days of the past, not this week's
        // ("Black Friday" is a holiday, handled with the dates).
        if i > 0 && self.is(i - 1, "black") && self.cap(i - 1) {
            return None;
        }
        if plural {
            return Some(Cand::new(
                i,
                i + 1,
                TimexType::Set,
                format!("XXXX-WXX-{wd}"),
            ));
        }
        if let Some(pod) = self.w(i + 1).strip_suffix('s').and_then(lex::part_of_day) {
            return Some(Cand::new(
                i,
                i + 2,
                TimexType::Set,
                format!("XXXX-WXX-{wd}T{pod}"),
            ));
        }
        let v = match self.tense_strength(i) {
            // A weak cue ("could not be located Wednesday", "would leave Monday"): the
            // nearest such weekday, ties to the future.
            (Tense::Future, false) => self.nearest_weekday(wd, Tense::Future),
            // No cue at all (present tense, "leaders meet Monday"): the nearest such
            // weekday, ties to the past.
            (Tense::Unknown, _) => self.nearest_weekday(wd, Tense::Past),
            (t, _) => self.weekday_value(wd, None, t),
        };
        let j = self.poss(i + 1).unwrap_or(i + 1);
        if j == i + 1 {
            if let Some(pod) = lex::part_of_day(self.w(j)) {
                return Some(Cand::new(i, j + 1, TimexType::Time, format!("{v}T{pod}")));
            }
        }
        Some(Cand::new(i, i + 1, TimexType::Date, v))
    }

    /// Clock times: "5 p.m.", "10:35 a.m.", "noon", with optional zone and day.
    fn p_time(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let (h, mi, mut e) = match w {
            "noon" | "midday" if !(i > 0 && self.is(i - 1, "high")) => (12u32, 0u32, i + 1),
            "midnight" => (24, 0, i + 1),
            // Clock times with a glued "am"/"pm" or a dot: "9am", "10:30pm", "7.15 p.m.".
            _ if self.glued_clock(i).is_some() => self.glued_clock(i)?,
            // Four-digit clock times with a zone or "hours": "at 0800 GMT", "1400 hours"
            // (not a conversion in brackets after a time: "10:35 a.m. (0735 GMT)").
            _ if self.w(i).len() == 4
                && !(i > 0 && self.is(i - 1, "("))
                && (matches!(self.w(i + 1), "utc" | "gmt" | "z")
                    || (self.is(i + 1, "hours") && i > 0 && self.is(i - 1, "at"))) =>
            {
                let n = self.int(i)?;
                let (h, mi) = (n / 100, n % 100);
                if h > 24 || mi > 59 || (h == 24 && mi > 0) {
                    return None;
                }
                let e = if self.is(i + 1, "hours") {
                    i + 2
                } else {
                    i + 1
                };
                (h, mi, e)
            }
            _ => {
                let h = self.int(i).filter(|h| *h <= 24 && self.w(i).len() <= 2)?;
                let mut k = i + 1;
                let mut mi = 0;
                let mut colon = false;
                if self.is(k, ":") && self.adj(k) && self.adj(k + 1) && self.w(k + 1).len() == 2 {
                    mi = self.int(k + 1).filter(|m| *m < 60)?;
                    k += 2;
                    colon = true;
                }
                // a.m. / p.m.
                let (pm, k2) = match (self.w(k), self.w(k + 1), self.w(k + 2)) {
                    ("a" | "p", ".", "m") if self.adj(k + 1) && self.adj(k + 2) => {
                        (Some(self.is(k, "p")), self.dot(k + 3))
                    }
                    ("am" | "pm", _, _) => (Some(self.is(k, "pm")), self.dot(k + 1)),
                    ("o", "'" | "\u{2019}", "clock") => (None, k + 3),
                    // "at 4 in the morning", "8 in the evening"
                    ("in", "the", pod @ ("morning" | "afternoon" | "evening"))
                        if !colon && i > 0 && self.is(i - 1, "at") =>
                    {
                        (Some(pod != "morning"), k + 3)
                    }
                    _ => (None, k),
                };
                if pm.is_none() && k2 == k && !colon {
                    return None;
                }
                if !colon && pm.is_none() && h > 12 {
                    return None;
                }
                let mut h = h;
                if let Some(p) = pm {
                    if h == 0 || h > 12 {
                        return None;
                    }
                    if p && h < 12 {
                        h += 12;
                    } else if !p && h == 12 {
                        h = 0;
                    }
                }
                (h, mi, k2)
            }
        };
        // A sentence-final "." belongs to the sentence too; TimeML keeps "p.m." intact.
        // UTC is written "Z" (ISO 8601); other zones are kept out of the value, as in TimeBank.
        let mut zone = "";
        if lex::is_zone(self.w(e)) {
            if matches!(self.w(e), "utc" | "gmt" | "z") {
                zone = "Z";
            }
            e += 1;
        }
        // Optional day after the time.
        let mut day = self.shift(Unit::Day, 0);
        let save_e = e;
        if self.is(e, ",")
            && (lex::month(self.w(e + 1)).is_some() || lex::weekday(self.w(e + 1)).is_some())
        {
            e += 1;
        }
        if let Some(c) = self.p_deictic(e).filter(|c| c.kind == TimexType::Date) {
            day = c.value;
            e = c.e;
        } else if let Some(c) = self.p_date(e).filter(|c| c.value.len() == 10) {
            day = c.value;
            e = c.e;
        } else if let Some(c) = self.p_weekday(e).filter(|c| c.kind == TimexType::Date) {
            day = c.value;
            e = c.e;
        } else {
            e = save_e;
            if let Some(d) = self.time_day(i, e) {
                day = d;
            }
        }
        Some(Cand::new(
            i,
            e,
            TimexType::Time,
            format!("{day}T{h:02}:{mi:02}{zone}"),
        ))
    }

    /// "9am", "9.30am", "10:30pm", "7.15 p.m.": (hour 0-23, minute, end token).
    fn glued_clock(&self, i: usize) -> Option<(u32, u32, usize)> {
        if !self.is_digit(i) {
            return None;
        }
        // Split a token into its digits, optional ".MM" minutes, and a glued am/pm.
        let parts = |w: &str| -> Option<(u32, Option<u32>, Option<bool>)> {
            let (num, suf) = match w.strip_suffix("am").or_else(|| w.strip_suffix("pm")) {
                Some(n) => (n, Some(w.ends_with("pm"))),
                None => (w, None),
            };
            let (h, m) = match num.split_once('.') {
                Some((h, m)) if m.len() == 2 => (h, Some(m.parse().ok()?)),
                Some(_) => return None,
                None => (num, None),
            };
            if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some((h.parse().ok()?, m, suf))
        };
        let (h, mut mi, mut pm) = parts(self.w(i))?;
        let mut e = i + 1;
        // "10:30pm"
        if mi.is_none() && pm.is_none() && self.is(e, ":") && self.adj(e) && self.adj(e + 1) {
            let w = self.w(e + 1);
            let m = w.strip_suffix("am").or_else(|| w.strip_suffix("pm"))?;
            if m.len() != 2 {
                return None;
            }
            mi = Some(m.parse().ok()?);
            pm = Some(w.ends_with("pm"));
            e += 2;
        }
        // "7.15 p.m.", "7.15 pm"
        if mi.is_some() && pm.is_none() {
            match (self.w(e), self.w(e + 1), self.w(e + 2)) {
                ("a" | "p", ".", "m") if self.adj(e + 1) && self.adj(e + 2) => {
                    pm = Some(self.is(e, "p"));
                    e = self.dot(e + 3);
                }
                ("am" | "pm", _, _) => {
                    pm = Some(self.is(e, "pm"));
                    e = self.dot(e + 1);
                }
                _ => return None,
            }
        }
        let pm = pm?;
        let mi = mi.unwrap_or(0);
        if h == 0 || h > 12 || mi > 59 {
            return None;
        }
        let h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        Some((h, mi, e))
    }

    /// The day of a clock time with no day of its own (tokens `i..e`): a weekday or
    /// "yesterday"/"today" just before it ("today at 08:30") or shortly after it in the
    /// sentence ("at 10:35 a.m. (0735 GMT)
    /// Friday"), else the last full date of this or the previous sentence ("was killed on
    /// Oct. 23 ... at 10 p.m."); `None` leaves the publication date.
    fn time_day(&self, i: usize, e: usize) -> Option<String> {
        // "today at 08:30", "Friday at 5 p.m.": the day just before.
        for k in i.saturating_sub(3)..i {
            if let Some(c) = self
                .p_weekday(k)
                .or_else(|| self.p_deictic(k))
                .filter(|c| c.kind == TimexType::Date && c.value.len() == 10)
            {
                if c.e == i || (c.e + 1 == i && self.is(c.e, "at")) {
                    return Some(c.value);
                }
            }
        }
        let (_, se) = self.sentence_bounds(i);
        for k in e..(e + 10).min(se) {
            // Stop at the end of the sentence, not at the dots of "a.m.".
            if self.is(k, ";") || (self.is(k, ".") && !(k > 0 && self.is_abbrev(k - 1))) {
                break;
            }
            if let Some(c) = self
                .p_weekday(k)
                .or_else(|| self.p_deictic(k))
                .filter(|c| c.kind == TimexType::Date && c.value.len() == 10)
            {
                return Some(c.value);
            }
        }
        let a = self.anchor_before(i, false)?;
        let d = NaiveDate::from_ymd_opt(a.y, a.m?, a.d?)?;
        Some(fmt_day(d))
    }

    /// SETs: daily, weekly, every week, each year, "$5 a year".
    fn p_set(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let v = match w {
            "daily" | "weekly" | "monthly" | "yearly" | "hourly" | "nightly" => {
                // Adjectival "average daily volume" is not annotated.
                if i > 0 && matches!(self.w(i - 1), "average") {
                    return None;
                }

                match w {
                    "daily" | "nightly" => "P1D",
                    "weekly" => "P1W",
                    "monthly" => "P1M",
                    "hourly" => "PT1H",
                    _ => "P1Y",
                }
            }
            "every" | "each" => {
                let mut j = i + 1;
                let mut n = Qty::N(1.0);
                if self.is(j, "other") {
                    n = Qty::N(2.0);
                    j += 1;
                } else if let Some((q, k)) = self.qty(j).filter(|(q, _)| *q != Qty::X) {
                    n = q;
                    j = k;
                }
                if let Some((wd, false)) = lex::weekday(self.w(j)) {
                    return Some(Cand::new(
                        i,
                        j + 1,
                        TimexType::Set,
                        format!("XXXX-WXX-{wd}"),
                    ));
                }
                if let Some((m, false)) = lex::month(self.w(j)).filter(|_| self.cap(j)) {
                    return Some(Cand::new(i, j + 1, TimexType::Set, format!("XXXX-{m:02}")));
                }
                let (u, _) = lex::unit(self.w(j))?;
                let v = if u == Unit::Weekend {
                    "P1WE".to_string()
                } else {
                    fmt_dur(n, u)
                };
                return Some(Cand::new(i, j + 1, TimexType::Set, v));
            }
            "a" | "per" => {
                let (u, false) = lex::unit(self.w(i + 1))? else {
                    return None;
                };
                if matches!(
                    u,
                    Unit::Quarter | Unit::Decade | Unit::Century | Unit::Weekend
                ) {
                    return None;
                }
                if i == 0 {
                    return None;
                }
                let p = self.w(i - 1);
                let numeric =
                    matches!(p, "times" | "once" | "twice") || (w == "per" && u != Unit::Sec);
                if !numeric {
                    return None;
                }
                if matches!(
                    self.w(i + 2),
                    "ago" | "earlier" | "later" | "before" | "after"
                ) {
                    return None;
                }
                return Some(Cand::new(i, i + 2, TimexType::Set, fmt_dur(Qty::N(1.0), u)));
            }
            _ => return None,
        };
        Some(Cand::new(i, i + 1, TimexType::Set, v.to_string()))
    }
}
