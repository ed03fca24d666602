//! The sources layer: one summary per source, with its statements and how much it said.

use super::Attribution;
use crate::document::{Document, Zone};
use crate::entities::typing;

/// What one source contributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSummary {
    /// The entity id, when the source resolved to a cluster.
    pub entity: Option<String>,
    /// The source's name: the entity's name, or the source text as written.
    pub name: String,
    /// Entity type (PERSON, ORG, …), when known.
    pub etype: Option<&'static str>,
    /// Source type (head of state, state media, …), once typed; `None` until then.
    pub source_type: Option<&'static str>,
    /// ISO country code.
    pub affiliation: Option<&'static str>,
    /// Indices of its attributions in the layer.
    pub attributions: Vec<usize>,
    /// Words of content it contributed.
    pub words: usize,
}

/// True when a span lies in a "READ MORE"/related-link line: a headline of another article,
/// not a voice this article carries.
fn in_related(doc: &Document, a: &Attribution) -> bool {
    doc.related.iter().any(|r| r.contains(a.content))
        || doc
            .sentences
            .iter()
            .any(|s| s.zone == Zone::Related && s.span.contains(a.content))
}

/// Groups attributions by source entity (or by source text when unresolved). Statements in
/// related-link lines (headlines of other articles) are left out.
pub fn summarize(doc: &Document, attrs: &[Attribution]) -> Vec<SourceSummary> {
    let mut out: Vec<SourceSummary> = Vec::new();
    for (i, a) in attrs.iter().enumerate() {
        let Some(src) = a.source else {
            continue;
        };
        if in_related(doc, a) {
            continue;
        }
        let ent = a
            .entity
            .as_ref()
            .and_then(|id| doc.entities.iter().find(|e| &e.id == id));
        let name = ent.map_or_else(|| doc.slice(src).to_string(), |e| e.name.clone());
        let key_match = |s: &SourceSummary| match (&s.entity, &a.entity) {
            (Some(x), Some(y)) => x == y,
            (None, None) => s.name.eq_ignore_ascii_case(&name),
            _ => false,
        };
        let words = doc.slice(a.content).split_whitespace().count();
        match out.iter_mut().find(|s| key_match(s)) {
            Some(s) => {
                s.attributions.push(i);
                s.words += words;
            }
            None => out.push(SourceSummary {
                entity: a.entity.clone(),
                name,
                etype: ent.map(|e| e.etype),
                source_type: match ent {
                    Some(e) => e.source_type,
                    None => typing::from_unnamed(doc.slice(src)),
                },
                affiliation: ent.and_then(|e| e.affiliation),
                attributions: vec![i],
                words,
            }),
        }
    }
    out
}

/// The balance of voices in an article: how many attributed statements come from which side.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Balance {
    /// Attributed statements counted (those with a source, outside related-link lines).
    pub statements: usize,
    /// Statements per side (`official`, `independent`, `opposition`, `international`,
    /// `anonymous`, `other`), in that order, zero counts included.
    pub by_side: Vec<(&'static str, usize)>,
    /// ISO codes of the countries whose officials or state media speak, by first appearance.
    pub official_countries: Vec<&'static str>,
    /// One sentence stating the balance as evidence.
    pub summary: String,
}

const SIDES: [&str; 6] = [
    "official",
    "independent",
    "opposition",
    "international",
    "anonymous",
    "other",
];

/// Counts statements per side from the sources layer.
pub fn balance(sources: &[SourceSummary]) -> Balance {
    let mut counts = [0usize; 6];
    let mut countries: Vec<&'static str> = Vec::new();
    let mut statements = 0;
    for s in sources {
        let side = typing::side(s.source_type);
        let k = SIDES.iter().position(|x| *x == side).unwrap_or(5);
        counts[k] += s.attributions.len();
        statements += s.attributions.len();
        if side == "official" {
            if let Some(c) = s.affiliation {
                if !countries.contains(&c) {
                    countries.push(c);
                }
            }
        }
    }
    let by_side: Vec<(&'static str, usize)> = SIDES.iter().copied().zip(counts).collect();
    let summary = describe(statements, &by_side, &countries);
    Balance {
        statements,
        by_side,
        official_countries: countries,
        summary,
    }
}

fn describe(total: usize, by_side: &[(&'static str, usize)], countries: &[&'static str]) -> String {
    if total == 0 {
        return "No statement in the article is attributed to a source.".to_string();
    }
    let count = |side: &str| {
        by_side
            .iter()
            .find(|(s, _)| *s == side)
            .map_or(0, |(_, n)| *n)
    };
    let names: Vec<String> = countries
        .iter()
        .map(|c| {
            crate::entities::countries::by_code(c)
                .map_or_else(|| c.to_string(), |x| x.name.to_string())
        })
        .collect();
    let mut parts = Vec::new();
    let official = count("official");
    if official > 0 {
        let whose = match names.len() {
            0 => "governments".to_string(),
            1 => format!("the government of {}", names[0]),
            _ => {
                let (last, rest) = names
                    .split_last()
                    .map_or((String::new(), &[][..]), |(l, r)| (l.clone(), r));
                format!("the governments of {} and {}", rest.join(", "), last)
            }
        };
        parts.push(format!(
            "{official} of {total} attributed statements come from {whose}, their officials, militaries or state media"
        ));
    }
    for (side, label) in [
        ("independent", "independent media, experts or citizens"),
        ("opposition", "opposition or armed groups"),
        ("international", "international organisations or NGOs"),
        ("anonymous", "anonymous sources"),
        ("other", "sources of unknown type"),
    ] {
        let n = count(side);
        if n > 0 {
            parts.push(format!("{n} of {total} from {label}"));
        }
    }
    let missing: Vec<&str> = [
        ("independent", "independent"),
        ("opposition", "opposition"),
        ("international", "international"),
    ]
    .iter()
    .filter(|(side, _)| count(side) == 0)
    .map(|(_, l)| *l)
    .collect();
    let mut out = parts.join("; ");
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].to_string(),
            2 => format!("{} or {}", missing[0], missing[1]),
            _ => format!("{}, {} or {}", missing[0], missing[1], missing[2]),
        };
        out.push_str(&format!("; no {list} source is quoted"));
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(ty: Option<&'static str>, aff: Option<&'static str>, n: usize) -> SourceSummary {
        SourceSummary {
            entity: None,
            name: "x".into(),
            etype: None,
            source_type: ty,
            affiliation: aff,
            attributions: (0..n).collect(),
            words: 1,
        }
    }

    #[test]
    fn balance_states_the_evidence() {
        let b = balance(&[
            src(Some("state_media"), Some("SY"), 2),
            src(Some("head_of_state"), Some("RU"), 3),
            src(Some("military"), Some("RU"), 1),
        ]);
        assert_eq!(b.statements, 6);
        assert_eq!(b.official_countries, vec!["SY", "RU"]);
        assert_eq!(
            b.summary,
            "6 of 6 attributed statements come from the governments of Syria and Russia, their officials, militaries or state media; no independent, opposition or international source is quoted."
        );
        let b = balance(&[src(Some("ngo"), None, 1), src(Some("expert"), None, 1)]);
        assert_eq!(
            b.summary,
            "1 of 2 from independent media, experts or citizens; 1 of 2 from international organisations or NGOs; no opposition source is quoted."
        );
        assert_eq!(balance(&[]).statements, 0);
    }
}
