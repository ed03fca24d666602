//! The timex stage: temporal expressions (`presslens-timex`) found in the title, body and
//! related lines, resolved against the publication date. Header lines are left out: their
//! dates are the reference itself, and "Updated 8 years ago" is relative to a moment nobody
//! recorded.

use crate::document::{Document, Span};
use chrono::NaiveDate;

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: &'static str,
    /// TIMEX3 value (`2016-12-23`, `2016-06`, `P3D`, `PRESENT_REF`, …).
    pub value: String,
    /// TIMEX3 modifier (`MID`, `START`, `APPROX`, …).
    pub modifier: Option<String>,
}

/// The reference date: the date part of `published`.
pub fn reference_date(doc: &Document) -> Option<NaiveDate> {
    let p = doc.meta.published.as_deref()?;
    NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok()
}

/// Finds the timexes of a document.
pub fn run(doc: &mut Document) {
    let dct = reference_date(doc);
    let zones = doc.story_zones();
    let mut out = Vec::new();
    for z in zones {
        let text = doc.slice(z);
        for t in presslens_timex::find(text, dct) {
            if t.start >= t.end || t.end > text.len() {
                continue;
            }
            out.push(Timex {
                span: Span::new(z.start + t.start, z.start + t.end),
                kind: t.kind.as_str(),
                value: t.value,
                modifier: t.mod_,
            });
        }
    }
    doc.timexes = out;
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{analyze_text, Options};

    #[test]
    fn seed_style_dates_resolve_against_the_dateline() {
        let doc = analyze_text(
            "Leaders talk\n\n24 Dec, 2016 00:10\n\nEarlier on Friday, the minister reported progress. In June, forces launched an offensive. The pull-out started in mid-December.",
            &Options::default(),
        );
        let got: Vec<(&str, &str, Option<&str>)> = doc
            .timexes
            .iter()
            .map(|t| (doc.slice(t.span), t.value.as_str(), t.modifier.as_deref()))
            .collect();
        assert!(got.iter().any(|g| g.1 == "2016-12-23"), "{got:?}");
        assert!(
            got.iter().any(|g| g.0 == "June" && g.1 == "2016-06"),
            "{got:?}"
        );
        assert!(
            got.iter().any(|g| g.1 == "2016-12" && g.2 == Some("MID")),
            "{got:?}"
        );
        // The dateline itself is not a timex of the story.
        assert!(!got.iter().any(|g| g.0.contains("00:10")), "{got:?}");
    }
}
