//! The quantities stage: figures (`presslens-quantities`) with bounds, units, the counted object,
//! a GKG-style count type, and the attribution that claims them.
//!
//! A figure belongs to the innermost attribution whose content holds it (so a number inside a
//! relayed quotation is claimed by the quoted speaker); a figure outside every attribution is in
//! the narrator's own voice (`attribution: None`).

use crate::document::{Document, Span};

/// One figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole expression, bound words and unit included ("more than 78,000").
    pub span: Span,
    /// The value (the low end of a range).
    pub value: f64,
    /// exact, approx, more_than, at_least, less_than, at_most, range.
    pub bound: &'static str,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Normalised unit ("percent", "USD", "km", …).
    pub unit: Option<String>,
    /// The counted noun phrase.
    pub object: Option<Span>,
    /// KILL, WOUND, ARREST, KIDNAP, AFFECT, PROTEST, SEIZE, DISPLACED/REFUGEES, EVACUATED, …
    pub count_type: Option<&'static str>,
    /// Index of the attribution that claims it.
    pub attribution: Option<usize>,
}

/// Finds the quantities of a document (after attribution).
pub fn run(doc: &mut Document) {
    let zones = doc.story_zones();
    let mut out = Vec::new();
    for z in zones {
        let text = doc.slice(z);
        for q in presslens_quantities::find(text) {
            if q.start >= q.end || q.end > text.len() {
                continue;
            }
            let span = Span::new(z.start + q.start, z.start + q.end);
            let object = q
                .object
                .filter(|(a, b)| a < b && *b <= text.len())
                .map(|(a, b)| Span::new(z.start + a, z.start + b));
            // The innermost attribution whose content holds the figure.
            let attribution = doc
                .attributions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.content.contains(span))
                .min_by_key(|(_, a)| a.content.len())
                .map(|(i, _)| i);
            out.push(Quantity {
                span,
                value: q.value,
                bound: q.bound.as_str(),
                high: q.high,
                unit: q.unit,
                object,
                count_type: q.count_type,
                attribution,
            });
        }
    }
    doc.quantities = out;
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{analyze_text, Options};

    #[test]
    fn figures_with_bounds_objects_and_claimants() {
        let doc = analyze_text(
            "Title\n\nMore than 78,000 civilians managed to flee the city. According to the ministry, 34,000 people were eventually moved from the east. The fighting began in 2012.",
            &Options::default(),
        );
        let q: Vec<_> = doc
            .quantities
            .iter()
            .map(|q| {
                (
                    doc.slice(q.span),
                    q.value,
                    q.bound,
                    q.object.map(|o| doc.slice(o)),
                    q.count_type,
                    q.attribution,
                )
            })
            .collect();
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(
            (q[0].1, q[0].2, q[0].3),
            (78000.0, "more_than", Some("civilians"))
        );
        assert_eq!(q[0].4, Some("DISPLACED/REFUGEES"));
        assert_eq!(q[0].5, None, "the narrator's own figure");
        assert_eq!(
            (q[1].1, q[1].3, q[1].4),
            (34000.0, Some("people"), Some("EVACUATED"))
        );
        let a = q[1].5.expect("claimed by the according-to attribution");
        assert_eq!(doc.attributions[a].kind.as_str(), "according_to");
    }
}
