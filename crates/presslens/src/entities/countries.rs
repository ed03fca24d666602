//! Countries, their other names and their nationality words, from the curated lists in
//! `resources/` (`demonyms.tsv`, `country_aliases.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

const DEMONYMS: &str = include_str!("../../../../resources/demonyms.tsv");
const ALIASES: &str = include_str!("../../../../resources/country_aliases.tsv");
const CAPITALS: &str = include_str!("../../../../resources/capitals.tsv");

/// A country as presslens reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// English short name.
    pub name: &'static str,
    /// The nationality adjective ("Syrian"), or the name when none is listed.
    pub adjective: &'static str,
}

/// How a word refers to a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryRef {
    /// The country's name or another name of it ("Syria", "U.S.").
    Name(Country),
    /// A nationality word ("Syrian", "Russians").
    Demonym(Country),
}

impl CountryRef {
    /// The country referred to.
    pub fn country(&self) -> Country {
        match self {
            CountryRef::Name(c) | CountryRef::Demonym(c) => *c,
        }
    }
}

struct Tables {
    by_word: HashMap<String, CountryRef>,
    by_code: HashMap<&'static str, Country>,
    capitals: HashMap<String, Country>,
}

fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut by_word = HashMap::new();
        let mut by_code = HashMap::new();
        for r in rows(DEMONYMS) {
            if r.len() < 3 {
                continue;
            }
            let c = Country {
                code: r[0],
                name: r[1],
                adjective: r[2].split(',').next().unwrap_or(r[1]).trim(),
            };
            by_code.insert(c.code, c);
            by_word.insert(r[1].to_lowercase(), CountryRef::Name(c));
            for d in r[2].split(',') {
                by_word
                    .entry(d.trim().to_lowercase())
                    .or_insert(CountryRef::Demonym(c));
            }
        }
        for r in rows(ALIASES) {
            if r.len() < 2 {
                continue;
            }
            let Some(c) = by_code.get(r[0]).copied() else {
                continue;
            };
            for a in r[1].split(',') {
                by_word.insert(a.trim().to_lowercase(), CountryRef::Name(c));
            }
        }
        let mut capitals = HashMap::new();
        for r in rows(CAPITALS) {
            if r.len() < 2 {
                continue;
            }
            if let Some(c) = by_code.get(r[0].trim()).copied() {
                capitals.insert(r[1].trim().to_lowercase(), c);
            }
        }
        Tables {
            by_word,
            by_code,
            capitals,
        }
    })
}

/// Looks up a country name, alias or nationality word (case-insensitive; a possessive `'s` is
/// ignored).
pub fn lookup(word: &str) -> Option<CountryRef> {
    let w = word.trim();
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    let w = w.strip_prefix("the ").unwrap_or(w);
    tables().by_word.get(&w.to_lowercase()).copied()
}

/// The country whose capital a place name is ("Washington" → United States), from
/// `resources/capitals.tsv` (GeoNames). A possessive `'s` is ignored.
pub fn capital_of(name: &str) -> Option<Country> {
    let w = name.trim();
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
        .trim();
    tables().capitals.get(&w.to_lowercase()).copied()
}

/// The country with an ISO code.
pub fn by_code(code: &str) -> Option<Country> {
    tables().by_code.get(code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(lookup("Syrian").unwrap().country().code, "SY");
        assert!(matches!(lookup("Russians"), Some(CountryRef::Demonym(_))));
        assert!(matches!(lookup("Russia’s"), Some(CountryRef::Name(c)) if c.code == "RU"));
        assert_eq!(lookup("U.S.").unwrap().country().code, "US");
        assert_eq!(
            lookup("the United States").unwrap().country().name,
            "United States"
        );
        assert!(lookup("Aleppo").is_none());
        assert_eq!(by_code("TR").unwrap().name, "Turkey");
        assert_eq!(capital_of("Washington’s").unwrap().code, "US");
        assert_eq!(capital_of("Damascus").unwrap().code, "SY");
        assert!(capital_of("Aleppo").is_none());
    }
}
