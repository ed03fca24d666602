//! Titles of people and organisations: "President", "Russia's Defense Minister", "The Syrian
//! President, Bashar Assad", "the news agency SANA". The title list is `resources/titles.txt`.

use super::countries::{self, CountryRef};
use crate::document::{Document, Span};
use std::collections::HashSet;
use std::sync::OnceLock;

const TITLES: &str = include_str!("../../../../resources/titles.txt");

/// Title phrases, lower case, and the longest phrase length in words.
fn titles() -> &'static (HashSet<String>, usize) {
    static T: OnceLock<(HashSet<String>, usize)> = OnceLock::new();
    T.get_or_init(|| {
        let set: HashSet<String> = TITLES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let longest = set
            .iter()
            .map(|t| t.split_whitespace().count())
            .max()
            .unwrap_or(1);
        (set, longest)
    })
}

/// True when `phrase` (any case) is a known title.
pub fn is_title(phrase: &str) -> bool {
    titles().0.contains(&phrase.to_lowercase())
}

/// Descriptive heads that title organisations ("news agency SANA", "the broadcaster RT").
const ORG_DESCRIPTORS: &[&str] = &[
    "agency",
    "broadcaster",
    "newspaper",
    "channel",
    "company",
    "firm",
    "group",
    "organization",
    "organisation",
    "network",
    "outlet",
    "party",
    "movement",
    "daily",
    "website",
    "tabloid",
];

/// A title right before a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    /// First token of the title.
    pub title_start: usize,
    /// The title as written ("Defense Minister", "news agency").
    pub title: String,
    /// Country from a possessive or nationality word before the title.
    pub affiliation: Option<&'static str>,
}

fn tok(doc: &Document, i: usize) -> &str {
    doc.slice(doc.tokens[i].span)
}

fn joined(doc: &Document, a: usize, b: usize) -> String {
    doc.slice(Span::new(
        doc.tokens[a].span.start,
        doc.tokens[b - 1].span.end,
    ))
    .to_string()
}

/// The longest title phrase ending just before token `end` in the same sentence.
fn title_ending_at(doc: &Document, end: usize, sentence: usize) -> Option<usize> {
    let (set, longest) = titles();
    let mut best = None;
    for len in 1..=*longest {
        if end < len {
            break;
        }
        let a = end - len;
        if doc.tokens[a].sentence != sentence {
            break;
        }
        let phrase = (a..end)
            .map(|i| tok(doc, i).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        if set.contains(&phrase) {
            best = Some(a);
        }
    }
    best
}

/// Country named by a possessive ("Russia's") or nationality word ("Syrian") shortly before
/// token `at`, skipping lower-case modifiers ("state-owned").
fn affiliation_before(doc: &Document, at: usize, sentence: usize) -> Option<&'static str> {
    let mut j = at;
    let mut steps = 0;
    while j > 0 && steps < 4 {
        j -= 1;
        steps += 1;
        if doc.tokens[j].sentence != sentence {
            return None;
        }
        let w = tok(doc, j);
        if matches!(w, "'s" | "’s") && j > 0 {
            let prev = tok(doc, j - 1);
            return countries::lookup(prev).map(|c| c.country().code);
        }
        if let Some(c) = countries::lookup(w) {
            return Some(c.country().code);
        }
        let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
        if !lower || matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their") {
            return None;
        }
    }
    None
}

/// A title directly before the name starting at token `name_start`.
pub fn title_before(doc: &Document, name_start: usize, sentence: usize) -> Option<TitleMatch> {
    if name_start == 0 {
        return None;
    }
    if let Some(a) = title_ending_at(doc, name_start, sentence) {
        // People's titles before a name are capitalised ("President Putin"), or lower-case
        // after a country ("Russia's defense minister Sergey Shoigu").
        let cap = tok(doc, a).chars().next().is_some_and(char::is_uppercase);
        let aff = affiliation_before(doc, a, sentence);
        if cap || aff.is_some() {
            // "Former President Bill Clinton", "the late King Hussein": the office is past, and
            // the title says so.
            let a = if a > 0
                && doc.tokens[a - 1].sentence == sentence
                && matches!(tok(doc, a - 1).to_lowercase().as_str(), "former" | "late")
            {
                a - 1
            } else {
                a
            };
            return Some(TitleMatch {
                title_start: a,
                title: joined(doc, a, name_start),
                affiliation: aff,
            });
        }
    }
    // Organisations: "news agency SANA".
    let head = tok(doc, name_start - 1).to_lowercase();
    if ORG_DESCRIPTORS.contains(&head.as_str()) && doc.tokens[name_start - 1].sentence == sentence {
        let mut a = name_start - 1;
        if a > 0 && doc.tokens[a - 1].sentence == sentence {
            let prev = tok(doc, a - 1);
            if prev.chars().all(char::is_lowercase)
                && matches!(
                    prev,
                    "news" | "media" | "state" | "wire" | "press" | "television" | "tv" | "radio"
                )
            {
                a -= 1;
            }
        }
        return Some(TitleMatch {
            title_start: a,
            title: joined(doc, a, name_start),
            affiliation: affiliation_before(doc, a, sentence),
        });
    }
    None
}

/// An appositive title phrase next to a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appositive {
    /// The phrase ("The Syrian President").
    pub span: Span,
    /// The title in it ("President").
    pub title: String,
    /// Country from a nationality word or possessive in it.
    pub affiliation: Option<&'static str>,
}

/// "The Syrian President, Bashar Assad" (before) or "Bashar Assad, the Syrian president," (after).
pub fn appositive(doc: &Document, start: usize, end: usize, sentence: usize) -> Option<Appositive> {
    // Before: [det] [mods] TITLE , NAME
    if start >= 2 && tok(doc, start - 1) == "," && doc.tokens[start - 2].sentence == sentence {
        if let Some(a) = title_ending_at(doc, start - 1, sentence) {
            let title = joined(doc, a, start - 1);
            let (phrase_start, aff) = extend_left(doc, a, sentence);
            return Some(Appositive {
                span: Span::new(
                    doc.tokens[phrase_start].span.start,
                    doc.tokens[start - 2].span.end,
                ),
                title,
                affiliation: aff,
            });
        }
    }
    // After: NAME , [det] [mods] TITLE (, | end)
    if end + 2 < doc.tokens.len()
        && tok(doc, end) == ","
        && doc.tokens[end + 1].sentence == sentence
    {
        let mut j = end + 1;
        let first = j;
        let mut aff = None;
        if matches!(tok(doc, j).to_lowercase().as_str(), "the" | "a") {
            j += 1;
        }
        while j < doc.tokens.len() && doc.tokens[j].sentence == sentence && j < first + 6 {
            let w = tok(doc, j);
            if matches!(w, "'s" | "’s") {
                j += 1;
                continue;
            }
            if let Some(c) = countries::lookup(w) {
                aff = Some(c.country().code);
                j += 1;
                continue;
            }
            // The longest title starting here.
            let (set, longest) = titles();
            let mut best = None;
            for len in 1..=*longest {
                if j + len > doc.tokens.len() || doc.tokens[j + len - 1].sentence != sentence {
                    break;
                }
                let phrase = (j..j + len)
                    .map(|i| tok(doc, i).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                if set.contains(&phrase) {
                    best = Some(j + len);
                }
            }
            if let Some(e) = best {
                let closes = e >= doc.tokens.len()
                    || doc.tokens[e].sentence != sentence
                    || matches!(tok(doc, e), "," | "." | ";");
                if closes {
                    return Some(Appositive {
                        span: Span::new(doc.tokens[first].span.start, doc.tokens[e - 1].span.end),
                        title: joined(doc, j, e),
                        affiliation: aff,
                    });
                }
                return None;
            }
            if !w.chars().all(|c| c.is_lowercase() || c == '-') {
                return None;
            }
            j += 1;
        }
    }
    None
}

/// Extends a title phrase left over nationality words, possessives, lower-case modifiers and a
/// determiner; returns the phrase start and the affiliation found.
fn extend_left(doc: &Document, a: usize, sentence: usize) -> (usize, Option<&'static str>) {
    let mut start = a;
    let mut aff = None;
    while start > 0 && doc.tokens[start - 1].sentence == sentence {
        let w = tok(doc, start - 1);
        if let Some(r) = countries::lookup(w) {
            if matches!(r, CountryRef::Demonym(_))
                || (start >= 2 && matches!(tok(doc, start), "'s" | "’s"))
            {
                aff = Some(r.country().code);
                start -= 1;
                continue;
            }
            aff = Some(r.country().code);
            start -= 1;
            continue;
        }
        if matches!(w, "'s" | "’s") {
            start -= 1;
            continue;
        }
        if matches!(w.to_lowercase().as_str(), "the" | "a" | "an") {
            start -= 1;
            break;
        }
        if w.chars().all(|c| c.is_lowercase() || c == '-') && !w.is_empty() {
            start -= 1;
            continue;
        }
        break;
    }
    (start, aff)
}
