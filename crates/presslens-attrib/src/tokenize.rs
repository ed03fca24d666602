//! A Penn-Treebank-like tokenizer with byte offsets, and sentence / paragraph boundaries over
//! tokens.
//!
//! The tokenizer splits on whitespace, then splits off quotation marks, brackets, dashes, `;`,
//! `!`, `?`, ellipses, commas and colons (except between digits), a leading `$`, trailing
//! periods (except on abbreviations and initials), and clitics (`n't`, `'s`, `'re`, `'ve`,
//! `'ll`, `'d`, `'m`, with straight or curly apostrophes).

/// Abbreviations that keep their trailing period.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "sen", "rep", "reps", "sens", "gov", "gen", "lt",
    "col", "sgt", "capt", "cmdr", "adm", "prof", "rev", "hon", "pres", "inc", "corp", "co", "ltd",
    "llc", "bros", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "nos", "ft", "mt", "calif", "mass", "fla", "pa", "va", "ga", "ill", "conn",
    "mich", "ariz", "wis", "minn", "tenn", "ky", "la", "md", "mo", "nev", "okla", "ore", "wash",
    "colo", "ala", "ark", "del", "ind", "kan", "miss", "neb", "vt", "wyo", "etc", "al", "approx",
    "dept", "est", "fig", "vol", "e.g", "i.e", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m",
];

const CLITICS: &[&str] = &[
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
];

fn always_split(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '—'
            | '–'
            | '…'
            | ';'
            | '!'
            | '?'
            | '«'
            | '»'
    )
}

/// Tokenizes `text`; returns the byte span `(start, end)` of every token, in order.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '\u{a0}' {
            if let Some(s) = start.take() {
                chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Splits one whitespace-free chunk `text[s..e]`.
fn chunk(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut piece_start = s;
    let mut iter = text[s..e].char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let i = s + off;
        let next_i = i + c.len_utf8();
        let split_here = if always_split(c) {
            true
        } else if c == ',' || c == ':' {
            let prev_digit = i > s && bytes[i - 1].is_ascii_digit();
            let next_digit = next_i < e && bytes[next_i].is_ascii_digit();
            !(prev_digit && next_digit)
        } else if c == '-' && next_i < e && bytes[next_i] == b'-' {
            // "--" as a dash
            true
        } else {
            false
        };
        if split_here {
            if piece_start < i {
                piece(text, piece_start, i, out);
            }
            let mut end = next_i;
            if c == '-' {
                while end < e && bytes[end] == b'-' {
                    end += 1;
                    iter.next();
                }
            }
            out.push((i, end));
            piece_start = end;
        }
    }
    if piece_start < e {
        piece(text, piece_start, e, out);
    }
}

/// Splits a piece that contains no always-split characters: leading `$`/`'`/`‘`/`` ` ``,
/// trailing periods, ellipses, single quotes, and clitics.
fn piece(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    // Leading symbols.
    loop {
        let Some(c) = text[s..e].chars().next() else {
            return;
        };
        let rest = &text[s + c.len_utf8()..e];
        let lead = match c {
            '$' | '#' | '`' => !rest.is_empty(),
            '\'' | '‘' | '’' => {
                !(rest.is_empty()
                    || (rest.starts_with(|d: char| d.is_ascii_digit()) && rest.ends_with('s')))
            }
            _ => false,
        };
        if lead {
            out.push((s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing symbols, collected in reverse.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        let t = &text[s..e];
        if t.is_empty() {
            break;
        }
        if t.len() > 3 && t.ends_with("...") {
            tail.push((e - 3, e));
            e -= 3;
            continue;
        }
        let Some(c) = t.chars().next_back() else {
            break;
        };
        let cl = c.len_utf8();
        if t.len() == cl {
            break;
        }
        match c {
            '\'' | '’' => {
                // "Jones'" or a closing single quote: split (PTB style).
                tail.push((e - cl, e));
                e -= cl;
                continue;
            }
            '.' => {
                let core = &t[..t.len() - 1];
                if keeps_period(core) {
                    break;
                }
                tail.push((e - 1, e));
                e -= 1;
                continue;
            }
            _ => {}
        }
        // Clitics.
        let lower_ok = |x: &str| t.len() > x.len() && t.to_lowercase().ends_with(x);
        if let Some(cl) = CLITICS.iter().find(|x| lower_ok(x)) {
            let n = cl.len();
            tail.push((e - n, e));
            e -= n;
            continue;
        }
        break;
    }
    if s < e {
        out.push((s, e));
    }
    out.extend(tail.into_iter().rev());
}

/// Does `core.` keep its period (abbreviation, initial, or dotted acronym)?
fn keeps_period(core: &str) -> bool {
    if core.is_empty() {
        return false;
    }
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let l = core.to_ascii_lowercase();
    ABBREV.contains(&l.as_str())
}

/// Is this token an opening (`Some(true)`) or closing (`Some(false)`) double quotation mark, or
/// an ambiguous straight one (`None` with `is_quote`)? Returns `(is_quote, opening)`.
pub(crate) fn quote_kind(tok: &str) -> Option<Option<bool>> {
    match tok {
        "“" | "«" | "``" => Some(Some(true)),
        "”" | "»" | "''" => Some(Some(false)),
        "\"" => Some(None),
        _ => None,
    }
}

/// Sentence and paragraph boundaries of a token sequence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Token ranges `(start, end)` of sentences, covering all tokens in order.
    pub sentences: Vec<(usize, usize)>,
    /// `para_start[k]`: does sentence `k` start a paragraph (a line break before it)?
    pub para_start: Vec<bool>,
}

fn is_closer(t: &str) -> bool {
    matches!(t, "”" | "’" | "'" | ")" | "]" | "»" | "''")
}

/// Splits tokens into sentences: after `.`, `!`, `?` or an ellipsis (plus any closing quotes and
/// brackets) when the next token starts with an upper-case letter, digit, quote or bracket, and
/// wherever the text between two tokens contains a line break (which also starts a paragraph).
pub fn segment(text: &str, tokens: &[(usize, usize)]) -> Segments {
    let mut seg = Segments::default();
    let n = tokens.len();
    if n == 0 {
        return seg;
    }
    let word = |i: usize| text.get(tokens[i].0..tokens[i].1).unwrap_or("");
    let gap_has_newline = |i: usize| {
        // between token i-1 and i
        let a = tokens[i - 1].1;
        let b = tokens[i].0;
        a <= b && text.get(a..b).is_some_and(|g| g.contains('\n'))
    };
    let mut start = 0usize;
    let mut para = true;
    let mut in_straight = false;
    let mut i = 0usize;
    while i < n {
        let w = word(i);
        if w == "\"" {
            in_straight = !in_straight;
        }
        let end_punct = matches!(w, "." | "!" | "?" | "..." | "…");
        let mut boundary_after = None;
        if end_punct {
            let mut j = i + 1;
            while j < n
                && !gap_has_newline(j)
                && (is_closer(word(j)) || (word(j) == "\"" && in_straight))
            {
                if word(j) == "\"" {
                    in_straight = false;
                }
                j += 1;
            }
            if j >= n {
                boundary_after = Some(n);
            } else if gap_has_newline(j) {
                boundary_after = Some(j);
            } else {
                let next = word(j);
                let c = next.chars().next().unwrap_or(' ');
                if c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '“' | '"' | '(' | '‘' | '\'' | '[' | '—')
                {
                    boundary_after = Some(j);
                }
            }
            if let Some(b) = boundary_after {
                i = b - 1;
            }
        }
        let b = match boundary_after {
            Some(b) => Some(b),
            None if i + 1 < n && gap_has_newline(i + 1) => Some(i + 1),
            None if i + 1 == n => Some(n),
            None => None,
        };
        if let Some(b) = b {
            if b > start {
                seg.sentences.push((start, b));
                seg.para_start.push(para);
            }
            para = b < n && gap_has_newline(b);
            if para {
                in_straight = false;
            }
            start = b;
            i = b;
            continue;
        }
        i += 1;
    }
    if start < n {
        seg.sentences.push((start, n));
        seg.para_start.push(para);
    }
    seg
}

/// Token ranges of paragraphs: maximal runs of tokens with no line break between them.
pub fn paragraphs(text: &str, tokens: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for i in 1..tokens.len() {
        let (a, b) = (tokens[i - 1].1, tokens[i].0);
        if a <= b && text.get(a..b).is_some_and(|g| g.contains('\n')) {
            out.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}
