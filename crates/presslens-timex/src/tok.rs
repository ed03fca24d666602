//! A small tokenizer with byte offsets, tuned for temporal expressions.
//!
//! Words are maximal runs of alphanumeric characters; a run of digits may contain
//! `,` or `.` between digits ("78,000", "5.5"). Every other non-space character is a
//! one-character token. Offsets always fall on char boundaries.

/// One token: byte span in the original text plus a few flags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Start byte offset.
    pub s: usize,
    /// End byte offset (exclusive).
    pub e: usize,
    /// True when whitespace (or the start of the text) precedes the token.
    pub sp: bool,
    /// True when the token starts with an ASCII digit.
    pub digit: bool,
    /// True when the first char is uppercase.
    pub cap: bool,
    /// True for a word of two or more letters, all upper case ("USA", "VOA").
    pub acronym: bool,
    /// True when the gap before this token contains a blank line.
    pub para: bool,
}

/// Tokenize `text`.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut it = text.char_indices().peekable();
    let mut sp = true;
    let mut newlines = 0usize;
    while let Some((s, c)) = it.next() {
        if c.is_whitespace() {
            sp = true;
            if c == '\n' {
                newlines += 1;
            }
            continue;
        }
        let mut e = s + c.len_utf8();
        let digit = c.is_ascii_digit();
        if c.is_alphanumeric() {
            loop {
                match it.peek() {
                    Some(&(_, d)) if d.is_alphanumeric() => {
                        e += d.len_utf8();
                        it.next();
                    }
                    Some(&(p, d)) if digit && (d == ',' || d == '.') => {
                        // Keep "78,000" and "5.5" together when the run so far is digits.
                        let run_is_digits = text[s..p]
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
                        let next_digit = text[p + 1..]
                            .bytes()
                            .next()
                            .is_some_and(|b| b.is_ascii_digit());
                        if run_is_digits && next_digit {
                            e += 1;
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        out.push(Tok {
            s,
            e,
            sp,
            digit,
            cap: c.is_uppercase(),
            acronym: e - s >= 2 && text[s..e].chars().all(|x| x.is_ascii_uppercase()),
            para: newlines >= 2,
        });
        sp = false;
        newlines = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_numbers_and_words() {
        let t = "On Dec. 3, 78,000 people; mid-December 5.5";
        let toks = tokenize(t);
        let words: Vec<&str> = toks.iter().map(|k| &t[k.s..k.e]).collect();
        assert_eq!(
            words,
            vec![
                "On", "Dec", ".", "3", ",", "78,000", "people", ";", "mid", "-", "December", "5.5"
            ]
        );
    }
}
