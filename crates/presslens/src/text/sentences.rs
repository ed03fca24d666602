//! Sentence boundaries over the tokens of one paragraph.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis, together with the closing quotation marks and
//! brackets right after it (so no sentence begins with a lone closing mark), when what follows can
//! open a sentence. Abbreviations that precede a name ("Mr.", "Gen.", initials) never end one;
//! those that often close a sentence too ("U.S.", "Inc.", "a.m.") end one only when a typical
//! sentence opener follows. Sentences never cross paragraphs.

use super::tokens::is_abbreviation;
use crate::document::Span;

/// Abbreviations that come before a name or number and so never end a sentence.
const PREFIX_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "rep", "sen", "gov",
    "rev", "st", "hon", "pres", "adm", "cpl", "pvt", "supt", "det", "insp", "mt", "ft", "messrs",
    "mme", "mlle", "atty", "cmdr", "brig", "lieut", "no", "nos", "vol", "fig", "figs", "pp", "p",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g",
    "i.e", "cf", "vs", "ca", "approx", "art", "sec", "ph.d", "para",
];

/// Words that often open a sentence; after an ambiguous abbreviation they signal a boundary.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "some",
    "many",
    "most",
    "one",
    "two",
    "other",
    "so",
    "yet",
    "also",
    "however",
    "meanwhile",
    "still",
    "for",
    "with",
    "according",
    "earlier",
    "later",
    "then",
    "what",
    "who",
    "how",
    "why",
    "where",
    "no",
    "not",
    "now",
    "last",
    "since",
    "both",
];

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_closer(tok: &str) -> bool {
    matches!(
        tok,
        "”" | "’" | ")" | "]" | "}" | "»" | "›" | "\"" | "'" | "''"
    )
}

fn is_opener_mark(tok: &str) -> bool {
    matches!(
        tok,
        "“" | "‘" | "(" | "[" | "«" | "„" | "\"" | "'" | "`" | "``" | "¿" | "¡"
    )
}

/// True when a straight quote at `i` is closing: glued to the token before it.
fn straight_quote_closes(toks: &[Span], i: usize) -> bool {
    i > 0 && toks[i - 1].end == toks[i].start
}

/// Can the token at `i` open a sentence?
fn can_open(text: &str, toks: &[Span], i: usize) -> bool {
    let t = toks[i].slice(text);
    if is_opener_mark(t) || t == "-" || t == "—" || t == "–" || t == "•" || t == "*" {
        return true;
    }
    match first_char(t) {
        Some(c) if c.is_uppercase() || c.is_numeric() => true,
        Some(c) if c.is_alphabetic() && !c.is_lowercase() => true, // scripts without case
        Some(c) if c.is_lowercase() => {
            // "iPhone", "eBay": lower first, upper second.
            t.chars().nth(1).is_some_and(char::is_uppercase)
        }
        Some(c) => !c.is_alphanumeric() && !matches!(c, ',' | ';' | ':' | '.' | ')' | ']' | '%'),
        None => false,
    }
}

/// Splits the tokens of one paragraph into sentences; returns token index ranges `[lo, hi)`.
pub fn split(text: &str, toks: &[Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut lo = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i].slice(text);
        let terminal = is_terminal(t);
        let abbrev_end = !terminal && t.len() > 1 && t.ends_with('.') && t != "..";
        if !(terminal || abbrev_end) {
            i += 1;
            continue;
        }
        // Take closing marks that belong to this sentence.
        let mut j = i + 1;
        while j < toks.len() {
            let c = toks[j].slice(text);
            let straight = c == "\"" || c == "'";
            if is_closer(c) && (!straight || straight_quote_closes(toks, j)) {
                j += 1;
            } else {
                break;
            }
        }
        if j >= toks.len() {
            break;
        }
        let boundary = if terminal {
            can_open(text, toks, j) || lowercase_opener(text, toks, i, j)
        } else {
            abbreviation_ends_sentence(text, toks, i, j)
        };
        if boundary {
            out.push((lo, j));
            lo = j;
        }
        i = j;
    }
    if lo < toks.len() {
        out.push((lo, toks.len()));
    }
    out
}

fn is_terminal(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '!' | '?' | '…')) && t != ".."
        || t == "?!"
        || t == "!?"
}

/// In informal text a lower-case word may open a sentence ("thanks. i will", "bet? really").
/// Accept it right after `.` or `?` with no closing mark between, when the word before the
/// mark is an ordinary word (not a number, a single letter or an abbreviation).
fn lowercase_opener(text: &str, toks: &[Span], i: usize, j: usize) -> bool {
    let next = toks[j].slice(text);
    let mark = toks[i].slice(text);
    // "Yahoo! and AOL", "…and maybe… if": not after ! or an ellipsis.
    if mark != "." && mark != "?" {
        return false;
    }
    if j != i + 1 || i == 0 || !first_char(next).is_some_and(char::is_lowercase) {
        return false;
    }
    // "file.txt", "e.g" : a mark glued to the next word is not a boundary.
    if toks[i].end == toks[j].start {
        return false;
    }
    let prev = toks[i - 1].slice(text);
    prev.chars().count() >= 2 && prev.chars().all(char::is_alphabetic) && !is_abbreviation(prev)
}

/// Decides whether an abbreviation with its dot (token `i`) ends the sentence, given that token
/// `j` follows.
fn abbreviation_ends_sentence(text: &str, toks: &[Span], i: usize, j: usize) -> bool {
    let t = toks[i].slice(text);
    let stem = t.trim_end_matches('.');
    let lower = stem.to_lowercase();
    if !is_abbreviation(stem) {
        return false;
    }
    if PREFIX_ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // Initials: "J. K. Rowling".
    if stem.chars().count() == 1 && stem.chars().all(char::is_uppercase) {
        return false;
    }
    let next = toks[j].slice(text);
    if is_opener_mark(next) && j > i + 1 {
        return true;
    }
    if is_opener_mark(next) {
        // “U.S. “We …” — a new quotation after the abbreviation.
        return toks
            .get(j + 1)
            .is_some_and(|n| first_char(n.slice(text)).is_some_and(char::is_uppercase));
    }
    first_char(next).is_some_and(char::is_uppercase)
        && OPENERS.contains(&next.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split(s, &toks)
            .into_iter()
            .map(|(a, b)| s[toks[a].start..toks[b - 1].end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_decimals() {
        assert_eq!(
            sents("Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5. They spoke for 2.5 hours."),
            vec![
                "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5.",
                "They spoke for 2.5 hours."
            ]
        );
        assert_eq!(
            sents("J. K. Rowling wrote it. It sold."),
            vec!["J. K. Rowling wrote it.", "It sold."]
        );
        assert_eq!(
            sents("He moved to the U.S. The move was hard."),
            vec!["He moved to the U.S.", "The move was hard."]
        );
        assert_eq!(
            sents("The U.S. Senate voted."),
            vec!["The U.S. Senate voted."]
        );
    }

    #[test]
    fn quotations_split_inside_and_keep_closers() {
        let s = "“The operation was conducted. Now the next stage is due. To my mind, we are close,” Shoigu said.";
        assert_eq!(
            sents(s),
            vec![
                "“The operation was conducted.",
                "Now the next stage is due.",
                "To my mind, we are close,” Shoigu said."
            ]
        );
        assert_eq!(
            sents("He said: “Stop.” Then he left."),
            vec!["He said: “Stop.”", "Then he left."]
        );
        assert_eq!(
            sents("\"Go home.\" She did."),
            vec!["\"Go home.\"", "She did."]
        );
        assert_eq!(
            sents("(It was late.) We left."),
            vec!["(It was late.)", "We left."]
        );
    }

    #[test]
    fn questions_exclamations_ellipses() {
        assert_eq!(
            sents("Why? Because! Fine... Ok."),
            vec!["Why?", "Because!", "Fine...", "Ok."]
        );
        assert_eq!(
            sents("It cost $5. 3 people paid."),
            vec!["It cost $5.", "3 people paid."]
        );
        assert_eq!(sents("thanks. i will call"), vec!["thanks.", "i will call"]);
    }
}
