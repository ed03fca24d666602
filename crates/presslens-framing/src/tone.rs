//! Document tone in the style of GDELT's V2Tone block, from the VADER lexicon.
//!
//! GDELT GKG 2.1 `V2Tone` has six numbers: tone (positive score − negative score), positive
//! score (% of words that are positive), negative score (% negative), polarity (positive +
//! negative), activity reference density (% of words that are "active") and self/group
//! reference density (% of words that are pronouns), plus the word count. Here a word is
//! positive when its VADER mean valence is above zero and negative when below (VADER lexicon,
//! MIT, C.J. Hutto; `resources/framing/vader.tsv`). Activity density is the share of tokens
//! tagged `VERB` when UPOS tags are given (an approximation of GDELT's "active words"; `None`
//! otherwise). No negation or intensifier rules are applied: this is a word-count measure, as in
//! GDELT.

use std::collections::HashMap;

use crate::lexicon::FxMap;
use std::sync::OnceLock;

use crate::lemma::lemma;
use crate::lexicon::normalize_word;

/// The embedded VADER word list (MIT; see the file header).
pub const VADER_TSV: &str = include_str!("../../../resources/framing/vader.tsv");

/// Personal and possessive pronouns counted for the self/group reference density.
const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
];

/// The VADER valence lexicon.
#[derive(Debug, Clone, Default)]
pub struct ToneLexicon {
    map: FxMap<String, f32>,
}

impl ToneLexicon {
    /// The embedded VADER lexicon, parsed once.
    pub fn embedded() -> &'static ToneLexicon {
        static LEX: OnceLock<ToneLexicon> = OnceLock::new();
        LEX.get_or_init(|| ToneLexicon::parse(VADER_TSV))
    }

    /// Parses `token TAB valence [TAB …]` lines; `#` lines, blank lines and lines whose valence
    /// is not a number are skipped.
    pub fn parse(text: &str) -> ToneLexicon {
        let mut map = FxMap::default();
        for line in text.lines() {
            if line.starts_with("# ") || line == "#" {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(w), Some(v)) = (cols.next(), cols.next()) else {
                continue;
            };
            if let Ok(v) = v.trim().parse::<f32>() {
                map.insert(w.to_string(), v);
            }
        }
        ToneLexicon { map }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The valence of a word: its lowercase form, else its lemma.
    pub fn valence(&self, word: &str) -> Option<f32> {
        let w = normalize_word(word);
        self.valence_of(&w, &lemma(&w))
    }

    /// The valence of a word given its normalised form and lemma.
    pub(crate) fn valence_of(&self, lower: &str, lemma: &str) -> Option<f32> {
        if let Some(&v) = self.map.get(lower) {
            return Some(v);
        }
        if lemma != lower {
            return self.map.get(lemma).copied();
        }
        None
    }
}

/// One word that drives the tone.
#[derive(Debug, Clone, PartialEq)]
pub struct ToneWord {
    /// The lowercased word.
    pub word: String,
    /// Its VADER valence.
    pub valence: f32,
    /// How many times it occurs.
    pub count: usize,
    /// Byte spans of its occurrences.
    pub spans: Vec<(usize, usize)>,
}

/// A GDELT-V2Tone-like block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tone {
    /// `positive − negative` (percentage points).
    pub tone: f64,
    /// Percentage of words with positive valence.
    pub positive: f64,
    /// Percentage of words with negative valence.
    pub negative: f64,
    /// `positive + negative`.
    pub polarity: f64,
    /// Percentage of words tagged `VERB` (only with UPOS tags).
    pub activity_density: Option<f64>,
    /// Percentage of words that are personal or possessive pronouns.
    pub self_group_density: f64,
    /// Words counted (tokens with at least one letter or digit).
    pub word_count: usize,
    /// Number of positive word occurrences.
    pub positive_count: usize,
    /// Number of negative word occurrences.
    pub negative_count: usize,
    /// Positive words, most frequent (then strongest) first.
    pub top_positive: Vec<ToneWord>,
    /// Negative words, most frequent (then strongest) first.
    pub top_negative: Vec<ToneWord>,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

impl ToneLexicon {
    /// The tone of `text` given its tokens' byte spans (and optionally UPOS tags), keeping the
    /// `top` most important positive and negative words.
    pub fn tone(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        upos: Option<&[&str]>,
        top: usize,
    ) -> Tone {
        let mut words = 0usize;
        let mut verbs = 0usize;
        let mut pron = 0usize;
        let mut pos = 0usize;
        let mut neg = 0usize;
        let mut seen: HashMap<String, ToneWord> = HashMap::new();
        for (i, &(s, e)) in tokens.iter().enumerate() {
            let Some(w) = text.get(s..e) else { continue };
            if !w.chars().any(char::is_alphanumeric) {
                continue;
            }
            words += 1;
            if upos.and_then(|u| u.get(i)).is_some_and(|p| *p == "VERB") {
                verbs += 1;
            }
            let lower = normalize_word(w);
            if PRONOUNS.contains(&lower.as_str()) {
                pron += 1;
            }
            let Some(v) = self.valence(&lower) else {
                continue;
            };
            if v > 0.0 {
                pos += 1;
            } else if v < 0.0 {
                neg += 1;
            } else {
                continue;
            }
            let tw = seen.entry(lower.clone()).or_insert_with(|| ToneWord {
                word: lower,
                valence: v,
                count: 0,
                spans: Vec::new(),
            });
            tw.count += 1;
            tw.spans.push((s, e));
        }
        let mut all: Vec<ToneWord> = seen.into_values().collect();
        // Most frequent first; ties by |valence|, then alphabetically (deterministic).
        all.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.valence.abs().total_cmp(&a.valence.abs()))
                .then(a.word.cmp(&b.word))
        });
        let (mut top_positive, mut top_negative): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|w| w.valence > 0.0);
        top_positive.truncate(top);
        top_negative.truncate(top);
        let positive = pct(pos, words);
        let negative = pct(neg, words);
        Tone {
            tone: positive - negative,
            positive,
            negative,
            polarity: positive + negative,
            activity_density: upos.map(|_| pct(verbs, words)),
            self_group_density: pct(pron, words),
            word_count: words,
            positive_count: pos,
            negative_count: neg,
            top_positive,
            top_negative,
        }
    }
}

/// [`ToneLexicon::tone`] with the embedded VADER lexicon.
pub fn tone(text: &str, tokens: &[(usize, usize)], upos: Option<&[&str]>, top: usize) -> Tone {
    ToneLexicon::embedded().tone(text, tokens, upos, top)
}
