//! Temporal expressions (TIMEX3) in news text: recognition and normalisation.
//!
//! [`find`] scans raw text for temporal expressions — dates ("Dec. 3", "December 25,
//! 2015", "June"), relative dates ("yesterday", "last week", "two years ago"), times
//! ("5 p.m.", "Friday morning"), durations ("three days", "the past two years") and sets
//! ("every week", "daily") — and resolves each to a TimeML 1.2.1 / TIMEX3 `value`
//! against the document creation time (the publication date), the way news-oriented
//! taggers such as HeidelTime do. Spans follow the TimeML / TempEval-3 conventions:
//! prepositions ("since", "on", "in") stay outside, determiners and modifiers that are
//! part of the expression ("the past three years", "mid-December", "about two weeks")
//! are inside.
//!
//! Underspecified expressions are resolved with a light tense heuristic on the sentence
//! (past-tense verbs such as *was*, *said*, *-ed* forms versus *will*, *'ll*, *would*):
//! "Friday" in a past-tense clause is the most recent Friday on or before the
//! publication date, in a future-tense clause the next one.
//!
//! The recognizer is a hand-written, greedy, longest-match grammar over a small
//! tokenizer: no regular expressions, no allocation per token beyond the token vector,
//! and it never panics (offsets always fall on char boundaries).
//!
//! [`evaluate_dir`] scores [`find`] on inline-TimeML corpora (TimeBank / AQUAINT
//! `.tml` files) and on MEANTIME CAT XML files with the TempEval-3 formulas; see
//! [`TimexScore`]. From the workspace root:
//!
//! ```text
//! cargo run --release -p presslens-timex --example eval -- [--errors] [--speed] DIR...
//! ```

#![warn(missing_docs)]

mod eval;
mod lex;
mod rules;
mod tok;

use chrono::NaiveDate;

pub use eval::{
    evaluate_dir, load_dir, parse_cat, parse_timeml, score_docs, GoldDoc, ScoreReport, TimexError,
    TimexScore,
};

/// The TIMEX3 `type` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period ("Dec. 3", "last week", "2016", "the 1990s").
    Date,
    /// A time of day ("5 p.m.", "Friday morning").
    Time,
    /// A length of time ("three days", "the past two years").
    Duration,
    /// A recurring time ("every week", "daily").
    Set,
}

impl TimexType {
    /// The TimeML name: `"DATE"`, `"TIME"`, `"DURATION"` or `"SET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Parse a TimeML type name (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

/// One temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Start byte offset into the input text.
    pub start: usize,
    /// End byte offset into the input text (exclusive).
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value: `2016-12-23`, `2016-W51`, `2016-Q3`, `199`, `P3D`, `PT5H`,
    /// `PRESENT_REF`, `2016-12-23TMO`, `2016-12-24T17:00`, `XXXX-12-25`...
    pub value: String,
    /// TIMEX3 `mod`: `START`, `MID`, `END`, `APPROX`, `LESS_THAN`, `MORE_THAN`,
    /// `EQUAL_OR_LESS`, `EQUAL_OR_MORE`...
    pub mod_: Option<String>,
}

/// Find and normalise the temporal expressions of `text`.
///
/// `dct` is the document creation time / publication date, the reference for
/// relative expressions. Without it, relative dates get TimeML placeholders
/// (`XXXX-XX-XX`, `XXXX-12-25`, `XXXX-WXX-5`); [`dateline_date`] can supply one from
/// the text. Results are in text order and do not overlap.
pub fn find(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    rules::run(text, dct)
}

/// A full calendar date (`YYYY-MM-DD`) opening one of the first three lines of `text`
/// (a dateline such as "April 27, 2005" or "Friday, Oct. 23, 1998"): a stand-in
/// publication date for [`find`] when none is known. The scorer uses it for gold
/// documents without a creation time.
pub fn dateline_date(text: &str) -> Option<NaiveDate> {
    let mut end = text.len().min(400);
    if let Some((p, _)) = text.match_indices('\n').nth(2) {
        end = end.min(p);
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    rules::run(head, None)
        .into_iter()
        .filter(|t| t.kind == TimexType::Date)
        .filter(|t| {
            let line_start = head[..t.start].rfind('\n').map_or(0, |p| p + 1);
            head[line_start..t.start].trim().is_empty()
        })
        .find_map(|t| NaiveDate::parse_from_str(&t.value, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests;
