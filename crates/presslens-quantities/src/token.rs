//! A tiny tokenizer: words (alphabetic runs), digit runs and single punctuation
//! characters, each with byte offsets and a note of the whitespace before it.

/// Token kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum K {
    /// Run of alphabetic characters.
    Word,
    /// Run of ASCII digits.
    Num,
    /// Any other single non-whitespace character.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub k: K,
    /// Whitespace directly before this token.
    pub sp: bool,
    /// A line break in the whitespace before this token (or the text start).
    pub nl: bool,
    /// The whitespace before is exactly one "grouping" space (space, NBSP, thin spaces).
    pub group_sp: bool,
    l0: u32,
    l1: u32,
}

/// Tokenized text with an ASCII-lowercased copy of every word.
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub v: Vec<Tok>,
    low: String,
}

impl<'a> Toks<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut v: Vec<Tok> = Vec::with_capacity(text.len() / 4 + 1);
        let mut low = String::with_capacity(text.len());
        let mut ws_start: Option<usize> = None;
        let mut nl = true;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                if ws_start.is_none() {
                    ws_start = Some(i);
                }
                if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                    nl = true;
                }
                continue;
            }
            let (sp, group_sp) = match ws_start.take() {
                Some(ws) => {
                    let gap = text.get(ws..i).unwrap_or("");
                    let mut cs = gap.chars();
                    let one = match (cs.next(), cs.next()) {
                        (Some(ch), None) => {
                            matches!(ch, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
                        }
                        _ => false,
                    };
                    (true, one)
                }
                None => (false, false),
            };
            let at_nl = nl;
            nl = false;
            if c.is_ascii_digit() {
                let mut e = i + 1;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_digit() {
                        e = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                }
                v.push(Tok {
                    s: i,
                    e,
                    k: K::Num,
                    sp,
                    nl: at_nl,
                    group_sp,
                    l0: 0,
                    l1: 0,
                });
            } else if c.is_alphabetic() {
                let mut e = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphabetic() && !d.is_ascii_digit() {
                        e = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                let l0 = low.len() as u32;
                let w = text.get(i..e).unwrap_or("");
                for ch in w.chars() {
                    low.push(ch.to_ascii_lowercase());
                }
                let l1 = low.len() as u32;
                v.push(Tok {
                    s: i,
                    e,
                    k: K::Word,
                    sp,
                    nl: at_nl,
                    group_sp,
                    l0,
                    l1,
                });
            } else {
                v.push(Tok {
                    s: i,
                    e: i + c.len_utf8(),
                    k: K::Punct,
                    sp,
                    nl: at_nl,
                    group_sp,
                    l0: 0,
                    l1: 0,
                });
            }
        }
        Toks { text, v, low }
    }

    pub fn len(&self) -> usize {
        self.v.len()
    }

    pub fn get(&self, i: usize) -> Option<&Tok> {
        self.v.get(i)
    }

    /// Lowercased word at `i` ("" for non-words and out of range).
    pub fn w(&self, i: usize) -> &str {
        match self.v.get(i) {
            Some(t) if t.k == K::Word => self.low.get(t.l0 as usize..t.l1 as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// Original text of token `i`.
    pub fn raw(&self, i: usize) -> &'a str {
        match self.v.get(i) {
            Some(t) => self.text.get(t.s..t.e).unwrap_or(""),
            None => "",
        }
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.v.get(i), Some(t) if t.k == K::Word)
    }

    pub fn is_num(&self, i: usize) -> bool {
        matches!(self.v.get(i), Some(t) if t.k == K::Num)
    }

    /// Punctuation character at `i`.
    pub fn p(&self, i: usize) -> Option<char> {
        match self.v.get(i) {
            Some(t) if t.k == K::Punct => self.text.get(t.s..t.e).and_then(|s| s.chars().next()),
            _ => None,
        }
    }

    pub fn is_p(&self, i: usize, c: char) -> bool {
        self.p(i) == Some(c)
    }

    /// Token `i` exists and has no whitespace before it.
    pub fn adj(&self, i: usize) -> bool {
        matches!(self.v.get(i), Some(t) if !t.sp)
    }

    /// Word at `i` starts with an uppercase letter.
    pub fn cap(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// Number of digits of a Num token.
    pub fn nlen(&self, i: usize) -> usize {
        match self.v.get(i) {
            Some(t) if t.k == K::Num => t.e - t.s,
            _ => 0,
        }
    }

    pub fn start(&self, i: usize) -> usize {
        self.v.get(i).map_or(self.text.len(), |t| t.s)
    }

    /// End of token `i - 1` (the end of a token range ending before `i`).
    pub fn end_before(&self, i: usize) -> usize {
        if i == 0 {
            return 0;
        }
        self.v.get(i - 1).map_or(self.text.len(), |t| t.e)
    }

    /// Token `i` begins a line (or the text).
    pub fn line_start(&self, i: usize) -> bool {
        matches!(self.v.get(i), Some(t) if t.nl)
    }
}
