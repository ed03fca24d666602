//! A small tokenizer with byte offsets, for training and for callers without their own tokens.
//!
//! Words are runs of letters and digits, joined across an apostrophe, hyphen or period that
//! has a letter or digit on both sides (`don't`, `so-called`, `U.S`, `3.5`) and across a comma
//! between digits (`1,000`); every other non-space character is a token of its own.

/// Tokenizes `text`; returns the byte span `(start, end)` of every token, in order.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let (s, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push((s, s + c.len_utf8()));
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
                continue;
            }
            let joiner = matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.')
                || (c == ',' && chars[j - 1].1.is_ascii_digit());
            let next_ok = j + 1 < n
                && if c == ',' {
                    chars[j + 1].1.is_ascii_digit()
                } else {
                    chars[j + 1].1.is_alphanumeric()
                };
            if joiner && next_ok {
                j += 2;
            } else {
                break;
            }
        }
        let e = if j < n { chars[j].0 } else { text.len() };
        out.push((s, e));
        i = j;
    }
    out
}
