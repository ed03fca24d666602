//! The framing lexicon: labels, loaded words, evaluative words, boosters and hedges, matched on
//! lemmas, with multiword entries.
//!
//! The shipped list is `resources/framing/lexicon.tsv` (see its header for where the entries
//! came from), embedded with `include_str!` and parsed once ([`Lexicon::embedded`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::lemma::{derived_base, lemma};

/// The embedded lexicon file.
pub const LEXICON_TSV: &str = include_str!("../../../resources/framing/lexicon.tsv");

/// What kind of framing a word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A label for a group or person (`terrorists`, `regime`, `freedom fighters`, `thugs`).
    Labeling,
    /// A word with strong connotations for an event or act (`liberate`, `massacre`, `occupy`).
    Loaded,
    /// An evaluation by the writer (`brutal`, `heroic`, `indiscriminately`).
    Evaluative,
    /// A certainty booster (`clearly`, `undoubtedly`, `obviously`).
    Booster,
    /// A hedge or distancing marker (`reportedly`, `allegedly`, `apparently`).
    Hedge,
}

impl Category {
    /// All categories, in order.
    pub const ALL: [Category; 5] = [
        Category::Labeling,
        Category::Loaded,
        Category::Evaluative,
        Category::Booster,
        Category::Hedge,
    ];

    /// The name used in the lexicon file and in output (`labeling`, `loaded`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Labeling => "labeling",
            Category::Loaded => "loaded",
            Category::Evaluative => "evaluative",
            Category::Booster => "booster",
            Category::Hedge => "hedge",
        }
    }

    /// The category with this name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a hit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A lexicon entry matched.
    Lexicon,
    /// The trained span tagger found it.
    Model,
}

impl Source {
    /// `lexicon` or `model`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Lexicon => "lexicon",
            Source::Model => "model",
        }
    }
}

/// One framing span found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The category.
    pub category: Category,
    /// The lexicon entry (lemmas joined by spaces) for lexicon hits; the lowercased span text for
    /// model hits.
    pub lemma: String,
    /// Lexicon or model.
    pub source: Source,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry as written (`freedom fighter`).
    pub text: String,
    /// Its words, lowercased.
    pub words: Vec<String>,
    /// Lemmas of its words.
    pub lemmas: Vec<String>,
    /// The category.
    pub category: Category,
    /// Note or source.
    pub note: String,
}

/// A lexicon line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// Line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lexicon line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// A fast, deterministic string hasher (FxHash steps over 8-byte words) for the word tables.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut it = bytes.chunks_exact(8);
        for c in &mut it {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
        }
        for &b in it.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A parsed lexicon with an index by first lemma.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// First-word key (lemma) → entry indices, longest entries first.
    index: FxMap<String, Vec<u32>>,
}

/// Lowercases a token and folds curly apostrophes to `'`.
pub fn normalize_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => s.push('\''),
            '\u{2010}' | '\u{2011}' => s.push('-'),
            _ => s.extend(c.to_lowercase()),
        }
    }
    s
}

/// A token prepared for matching: lowercase form and lemma.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tok {
    pub(crate) lower: String,
    /// The lemma when it differs from `lower`.
    lemma_diff: Option<String>,
    derived: Option<String>,
}

impl Tok {
    pub(crate) fn new(w: &str) -> Tok {
        let lower = normalize_word(w);
        let lemma_diff = match lemma(&lower) {
            Cow::Borrowed(l) if l == lower => None,
            l => Some(l.into_owned()),
        };
        let derived = derived_base(&lower);
        Tok {
            lower,
            lemma_diff,
            derived,
        }
    }

    /// The lemma when it differs from the lowercased word.
    pub(crate) fn lemma_diff(&self) -> Option<&str> {
        self.lemma_diff.as_deref()
    }

    /// The lemma.
    pub(crate) fn lemma(&self) -> &str {
        self.lemma_diff.as_deref().unwrap_or(&self.lower)
    }

    fn matches(&self, word: &str, lem: &str) -> bool {
        self.lower == word || self.lemma() == lem
    }
}

impl Lexicon {
    /// The embedded lexicon (`resources/framing/lexicon.tsv`), parsed once. Lines that do not
    /// parse are skipped (the unit tests check there are none).
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse_lenient(LEXICON_TSV))
    }

    /// Parses a lexicon: `entry TAB category [TAB note]` per line; `#` starts a comment line;
    /// blank lines are ignored.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (i, line) in text.lines().enumerate() {
            if let Some(e) = parse_line(line, i + 1)? {
                lex.push(e);
            }
        }
        lex.sort_index();
        Ok(lex)
    }

    fn parse_lenient(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for (i, line) in text.lines().enumerate() {
            if let Ok(Some(e)) = parse_line(line, i + 1) {
                lex.push(e);
            }
        }
        lex.sort_index();
        lex
    }

    fn push(&mut self, e: Entry) {
        let idx = self.entries.len() as u32;
        if let Some(first) = e.lemmas.first() {
            self.index.entry(first.clone()).or_default().push(idx);
            if e.words[0] != *first {
                self.index.entry(e.words[0].clone()).or_default().push(idx);
            }
        }
        self.entries.push(e);
    }

    fn sort_index(&mut self) {
        let entries = &self.entries;
        for v in self.index.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(entries[i as usize].words.len()));
            v.dedup();
        }
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The category of a single word (any case or inflection), if a one-word entry covers it;
    /// `-ly` adverbs fall back to their adjective for evaluative and loaded entries.
    pub fn word_category(&self, word: &str) -> Option<Category> {
        let t = Tok::new(word);
        self.single(&t).map(|(e, _)| e.category)
    }

    fn single(&self, t: &Tok) -> Option<(&Entry, bool)> {
        for key in std::iter::once(t.lower.as_str()).chain(t.lemma_diff.as_deref()) {
            if let Some(ids) = self.index.get(key) {
                for &i in ids {
                    let e = &self.entries[i as usize];
                    if e.words.len() == 1 && t.matches(&e.words[0], &e.lemmas[0]) {
                        return Some((e, false));
                    }
                }
            }
        }
        self.derived(t).map(|e| (e, true))
    }

    fn derived(&self, t: &Tok) -> Option<&Entry> {
        let d = t.derived.as_ref()?;
        let ids = self.index.get(d)?;
        ids.iter().map(|&i| &self.entries[i as usize]).find(|e| {
            e.words.len() == 1
                && e.words[0] == *d
                && matches!(e.category, Category::Evaluative | Category::Loaded)
        })
    }

    /// Finds lexicon hits in `text` given its tokens' byte spans (and optionally one UPOS tag
    /// per token: capitalised proper nouns are then not matched as one-word entries). Matching is
    /// left to right, longest entry first, without overlaps. Spans out of range are skipped.
    pub fn find(&self, text: &str, tokens: &[(usize, usize)], upos: Option<&[&str]>) -> Vec<Hit> {
        let toks: Vec<Tok> = tokens
            .iter()
            .map(|&(s, e)| Tok::new(text.get(s..e).unwrap_or("")))
            .collect();
        self.find_toks(text, tokens, &toks, upos)
    }

    /// [`Lexicon::find`] over prepared tokens (one per span).
    pub(crate) fn find_toks(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        toks: &[Tok],
        upos: Option<&[&str]>,
    ) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len().min(tokens.len()) {
            match self.match_at(toks, i) {
                Some((len, e)) => {
                    let proper = len == 1
                        && upos.and_then(|u| u.get(i)).is_some_and(|p| *p == "PROPN")
                        && text
                            .get(tokens[i].0..tokens[i].1)
                            .and_then(|w| w.chars().next())
                            .is_some_and(char::is_uppercase);
                    if !proper && !toks[i].lower.is_empty() {
                        out.push(Hit {
                            start: tokens[i].0,
                            end: tokens[i + len - 1].1,
                            category: e.category,
                            lemma: e.lemmas.join(" "),
                            source: Source::Lexicon,
                        });
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest entry matching at token `i`: (number of tokens, entry).
    fn match_at(&self, toks: &[Tok], i: usize) -> Option<(usize, &Entry)> {
        let t = &toks[i];
        let mut best: Option<(usize, &Entry)> = None;
        for key in std::iter::once(t.lower.as_str()).chain(t.lemma_diff.as_deref()) {
            let Some(ids) = self.index.get(key) else {
                continue;
            };
            for &id in ids {
                let e = &self.entries[id as usize];
                let n = e.words.len();
                if i + n > toks.len() || best.is_some_and(|(l, _)| l >= n) {
                    continue;
                }
                let ok = (0..n).all(|k| toks[i + k].matches(&e.words[k], &e.lemmas[k]));
                if ok {
                    best = Some((n, e));
                }
            }
        }
        // One-word entries were tried above; what is left is the `-ly` fallback.
        best.or_else(|| self.derived(t).map(|e| (1, e)))
    }
}

fn parse_line(line: &str, no: usize) -> Result<Option<Entry>, LexiconError> {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut cols = line.split('\t');
    let text = cols.next().unwrap_or("").trim();
    let cat = cols.next().unwrap_or("").trim();
    let note = cols.next().unwrap_or("").trim();
    let err = |m: &str| LexiconError {
        line: no,
        message: m.to_string(),
    };
    if text.is_empty() {
        return Err(err("empty entry"));
    }
    let category = Category::parse(cat).ok_or_else(|| err("unknown category"))?;
    let words: Vec<String> = text.split_whitespace().map(normalize_word).collect();
    let lemmas = words.iter().map(|w| lemma(w).into_owned()).collect();
    Ok(Some(Entry {
        text: text.to_string(),
        words,
        lemmas,
        category,
        note: note.to_string(),
    }))
}
