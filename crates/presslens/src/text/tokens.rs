//! Penn Treebank-style tokenisation with byte offsets.
//!
//! White space separates chunks; each chunk loses its opening punctuation from the front and its
//! closing punctuation and clitics (`'s`, `n't`, `'re`, `’ll` …) from the back. What must stay whole
//! stays whole: abbreviations with their full stop ("Mr.", "U.S.", "a.m."), numbers with separators
//! ("78,000", "1.5", "2,5"), hyphenated words ("anti-government"), URLs and e-mail addresses.
//! Long dashes always separate ("militants—whom" → three tokens).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::document::Span;

/// Abbreviations that keep their full stop. Lower-case, without the final dot.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "rep", "sen", "gov",
    "rev", "st", "sr", "jr", "hon", "pres", "adm", "cpl", "pvt", "supt", "det", "insp", "mt", "ft",
    "messrs", "mme", "mlle", "gov", "atty", "cmdr", "brig", "lieut", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "ltd", "co", "bros", "plc", "llc", "vs",
    "etc", "no", "nos", "vol", "fig", "figs", "approx", "est", "dept", "univ", "assn", "ave",
    "blvd", "rd", "hwy", "cf", "al", "op", "ed", "eds", "p", "pp", "ca", "para", "art", "sec",
    "min", "max", "misc", "govt", "intl", "natl", "ref", "tel", "ext", "av", "ph.d", "u.s", "u.k",
    "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "u.s.a", "n.y", "l.a", "b.c", "a.d", "r.i.p", "ala",
    "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "jun", "gen", "esq", "mssrs",
];

/// True when `word` (without its final dot) is a known abbreviation, an initial ("J"), or an
/// acronym written with dots ("U.S", "a.m").
pub fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() || word.len() > 12 {
        return false;
    }
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| ABBREVIATIONS.iter().copied().collect());
    // ASCII words are lower-cased on the stack.
    let mut buf = [0u8; 12];
    let listed = if word.is_ascii() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|l| known.contains(l))
    } else {
        known.contains(word.to_lowercase().as_str())
    };
    if listed {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // Dotted acronyms: letters separated by dots, one or two letters each ("U.S", "Ph.D").
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(char::is_alphabetic))
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '“'
            | '"'
            | '‘'
            | '\''
            | '«'
            | '„'
            | '‚'
            | '‹'
            | '¿'
            | '¡'
            | '`'
            | '<'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '”' | '"' | '’' | '\'' | '»' | '›' | ',' | ';' | ':' | '>' | '“' | '‘'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₽' | '₹')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenises `text[span]`, appending token spans to `out`.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.slice(text);
    let bytes = s.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII bytes are classified directly; other characters are decoded.
        let (white, len) = if b.is_ascii() {
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            match s.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if white {
            if let Some(st) = start.take() {
                chunk(text, span.start + st, span.start + i, out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(st) = start {
        chunk(text, span.start + st, span.end, out);
    }
}

/// Tokenises a whole string.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    tokenize_into(text, Span::new(0, text.len()), &mut out);
    out
}

fn is_url_or_email(w: &str) -> bool {
    // ASCII-case-insensitive prefix test (no lower-cased copy of every chunk).
    let starts = |p: &str| {
        w.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    starts("http://")
        || starts("https://")
        || starts("www.") && w.len() > 5
        || starts("ftp://")
        || w.contains('@')
            && w.split('@').count() == 2
            && w.rsplit('@').next().is_some_and(|d| d.contains('.'))
            && !w.starts_with('@')
}

/// Splits one white-space-free chunk `[a, b)` into tokens.
fn chunk(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    // Most chunks are plain words, perhaps with a comma: letters and digits only are one
    // token, and a final comma after them is another (what the rules below give them).
    let bytes = &text.as_bytes()[a..b];
    if let Some((&last, init)) = bytes.split_last() {
        if init.iter().all(u8::is_ascii_alphanumeric) {
            if last.is_ascii_alphanumeric() {
                out.push(Span::new(a, b));
                return;
            }
            if last == b',' && !init.is_empty() {
                out.push(Span::new(a, b - 1));
                out.push(Span::new(b - 1, b));
                return;
            }
        }
    }
    let mut a = a;
    let mut b = b;
    // Long dashes split anywhere, as do ellipses between words.
    if let Some((i, c)) = text[a..b].char_indices().find(|(_, c)| is_dash(*c)) {
        let d = a + i;
        if d > a {
            chunk(text, a, d, out);
        }
        let mut e = d + c.len_utf8();
        // A run of dashes is one token.
        while let Some(n) = text[e..b].chars().next().filter(|c| is_dash(*c)) {
            e += n.len_utf8();
        }
        out.push(Span::new(d, e));
        if e < b {
            chunk(text, e, b, out);
        }
        return;
    }
    let ellipsis = text.as_bytes()[a..b]
        .windows(3)
        .position(|w| w == b"...")
        .or_else(|| text[a..b].find('…'));
    if let Some(i) = ellipsis {
        let d = a + i;
        let e = b - text[d..b].trim_start_matches(['.', '…']).len();
        if d > a {
            chunk(text, a, d, out);
        }
        out.push(Span::new(d, e));
        if e < b {
            chunk(text, e, b, out);
        }
        return;
    }
    // Opening punctuation and currency symbols.
    let mut prefix = Vec::new();
    while a < b {
        let c = match text[a..b].chars().next() {
            Some(c) => c,
            None => break,
        };
        let rest_len = b - a - c.len_utf8();
        if rest_len == 0 {
            break;
        }
        // A closing mark at the start of a chunk is a misdirected opening mark ("”President"),
        // unless it starts a clitic ("’s").
        let misdirected = matches!(c, '”' | '’')
            && !matches!(
                text[a + c.len_utf8()..b].to_lowercase().as_str(),
                "s" | "re" | "ve" | "ll" | "d" | "m" | "t"
            );
        if is_open_punct(c)
            || misdirected
            || is_currency(c)
            || (c == '-' && text[a..b].starts_with("--"))
        {
            let len = if c == '-' { 2 } else { c.len_utf8() };
            prefix.push(Span::new(a, a + len));
            a += len;
        } else {
            break;
        }
    }
    out.extend(prefix);
    let whole = &text[a..b];
    if is_url_or_email(whole) {
        // Strip only trailing sentence punctuation and closing marks.
        let trimmed = whole.trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '"' | '’' | '\''
            )
        });
        let e = a + trimmed.len();
        out.push(Span::new(a, e));
        if e < b {
            suffix_tokens(text, e, b, out);
        }
        return;
    }
    // Closing punctuation and clitics from the back.
    let mut suffix: Vec<Span> = Vec::new();
    loop {
        if a >= b {
            break;
        }
        let w = &text[a..b];
        let last = match w.chars().next_back() {
            Some(c) => c,
            None => break,
        };
        let clen = last.len_utf8();
        if w.len() == clen {
            break;
        }
        if last == '.' {
            let stem = &w[..w.len() - 1];
            if stem.ends_with('.') {
                // "etc.." or "U.S.." : the last dot is its own token
                suffix.push(Span::new(b - 1, b));
                b -= 1;
                continue;
            }
            if is_abbreviation(stem) {
                break;
            }
            suffix.push(Span::new(b - 1, b));
            b -= 1;
            continue;
        }
        if matches!(last, '!' | '?') {
            // A run of ! and ? is one token.
            let run = w.len() - w.trim_end_matches(['!', '?', '.']).len();
            if run == w.len() {
                break;
            }
            suffix.push(Span::new(b - run, b));
            b -= run;
            continue;
        }
        if last == '%' {
            suffix.push(Span::new(b - 1, b));
            b -= 1;
            continue;
        }
        if is_apostrophe(last) {
            // Plural possessive ("teachers'") or a closing single quote.
            suffix.push(Span::new(b - clen, b));
            b -= clen;
            continue;
        }
        if is_close_punct(last) {
            // Keep a comma or colon inside numbers and times: they are trailing here, so split.
            suffix.push(Span::new(b - clen, b));
            b -= clen;
            continue;
        }
        // Clitics.
        if let Some(cl) = clitic_len(w) {
            if cl < w.len() {
                suffix.push(Span::new(b - cl, b));
                b -= cl;
            }
        }
        break;
    }
    if a < b {
        out.push(Span::new(a, b));
    }
    suffix.reverse();
    out.extend(suffix);
}

/// Closing punctuation after a URL.
fn suffix_tokens(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    for (i, c) in text[a..b].char_indices() {
        out.push(Span::new(a + i, a + i + c.len_utf8()));
    }
}

/// Byte length of a clitic at the end of `w` ("'s", "n't", "’ll"), if any.
fn clitic_len(w: &str) -> Option<usize> {
    // Every clitic below has an apostrophe: most words are settled without a lower-cased copy.
    if !w.contains(['\'', '’']) {
        return None;
    }
    let lower = w.to_lowercase();
    if lower.len() != w.len() {
        return None;
    }
    for cl in ["n't", "n’t"] {
        if lower.ends_with(cl) && w.len() > cl.len() {
            return Some(cl.len());
        }
    }
    for cl in [
        "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m",
    ] {
        if lower.ends_with(cl) && w.len() > cl.len() {
            let before = &w[..w.len() - cl.len()];
            if before
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                return Some(cl.len());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.slice(s)).collect()
    }

    #[test]
    fn plain_words_and_trailing_commas() {
        assert_eq!(
            toks("said on Monday, 2016, a, b"),
            vec!["said", "on", "Monday", ",", "2016", ",", "a", ",", "b"]
        );
        // Anything else inside the chunk takes the full rules.
        assert_eq!(
            toks(", x,y, 3,000, U.S.,"),
            vec![",", "x,y", ",", "3,000", ",", "U.S.", ","]
        );
        assert_eq!(toks("Zürich, naïve"), vec!["Zürich", ",", "naïve"]);
    }

    #[test]
    fn clitics_and_possessives() {
        assert_eq!(toks("Russia’s army"), vec!["Russia", "’s", "army"]);
        assert_eq!(toks("don't can't"), vec!["do", "n't", "ca", "n't"]);
        assert_eq!(toks("they're I'm"), vec!["they", "'re", "I", "'m"]);
        assert_eq!(toks("teachers' union"), vec!["teachers", "'", "union"]);
        assert_eq!(toks("O'Brien o'clock"), vec!["O'Brien", "o'clock"]);
    }

    #[test]
    fn numbers_abbreviations_and_punctuation() {
        assert_eq!(
            toks("more than 78,000 civilians."),
            vec!["more", "than", "78,000", "civilians", "."]
        );
        assert_eq!(
            toks("$2.5bn (30%)"),
            vec!["$", "2.5bn", "(", "30", "%", ")"]
        );
        assert_eq!(
            toks("Mr. Smith of the U.S. said"),
            vec!["Mr.", "Smith", "of", "the", "U.S.", "said"]
        );
        assert_eq!(
            toks("at 5 p.m. today."),
            vec!["at", "5", "p.m.", "today", "."]
        );
        assert_eq!(toks("J. K. Rowling"), vec!["J.", "K.", "Rowling"]);
        assert_eq!(toks("Really?! Yes..."), vec!["Really", "?!", "Yes", "..."]);
    }

    #[test]
    fn quotes_dashes_hyphens() {
        assert_eq!(
            toks("“This success,” he said"),
            vec!["“", "This", "success", ",", "”", "he", "said"]
        );
        assert_eq!(
            toks("militants—whom it"),
            vec!["militants", "—", "whom", "it"]
        );
        assert_eq!(
            toks("anti-government Russia-Turkey"),
            vec!["anti-government", "Russia-Turkey"]
        );
        assert_eq!(
            toks("\"moderate opposition\""),
            vec!["\"", "moderate", "opposition", "\""]
        );
        assert_eq!(
            toks("‘return of security’"),
            vec!["‘", "return", "of", "security", "’"]
        );
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            toks("see https://rt.com/news/a-b.html."),
            vec!["see", "https://rt.com/news/a-b.html", "."]
        );
        assert_eq!(
            toks("mail jane.doe@example.org, now"),
            vec!["mail", "jane.doe@example.org", ",", "now"]
        );
    }

    #[test]
    fn offsets_slice_back() {
        let s = "  Émile’s “quote” — 東京 😀 ok.";
        for t in tokenize(s) {
            assert!(!t.slice(s).trim().is_empty());
            assert_eq!(t.slice(s).trim(), t.slice(s));
        }
    }
}
