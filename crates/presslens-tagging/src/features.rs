//! Feature extraction: token attributes and feature templates, hashed straight into `u64` keys.
//!
//! No feature string is ever built. Each token's attributes (normalised word, exact form, word
//! shape, prefixes, suffixes, flags, ambiguity class) are hashed once per sentence, and every
//! template then folds a template id and one to three attribute hashes into a key.

use crate::hash::{add, finish, hash_str};
use crate::rowcache::RowCache;
use crate::table::{path_prefix, WordTable};

/// Which family of feature templates a model uses. Stored in the model file, so a model is always
/// decoded with the templates it was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FeatureSet {
    /// Part-of-speech templates: the word, its prefixes and suffixes (1–4 characters), word shape,
    /// orthographic flags, the words at −2..+2, neighbour suffixes and shapes, word bigrams and,
    /// when the model carries a lexicon, ambiguity classes of the words at −1..+2.
    Pos = 1,
    /// Entity-style span templates: everything in [`FeatureSet::Pos`] plus case-sensitive
    /// neighbour forms and shape/word conjunctions that matter for names.
    Ner = 2,
}

impl FeatureSet {
    /// The code stored in a model file.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The feature set for a stored code.
    pub fn from_code(c: u8) -> Option<Self> {
        match c {
            1 => Some(FeatureSet::Pos),
            2 => Some(FeatureSet::Ner),
            _ => None,
        }
    }
}

// Orthographic flag bits.
const F_DIGIT: u16 = 1;
const F_HYPHEN: u16 = 1 << 1;
const F_UPPER: u16 = 1 << 2;
const F_LOWER: u16 = 1 << 3;
const F_INIT_UPPER: u16 = 1 << 4;
const F_ALL_UPPER: u16 = 1 << 5;
const F_PERIOD: u16 = 1 << 6;
const F_ALL_DIGIT: u16 = 1 << 7;
const F_NO_ALNUM: u16 = 1 << 8;
const F_APOS: u16 = 1 << 9;
const F_LONG: u16 = 1 << 10;
const F_AT_OR_URL: u16 = 1 << 11;
const N_FLAGS: u16 = 12;

/// Hashed attributes of one token (or of a padding position).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Attr {
    /// Lowercased word, digits mapped to `0`.
    pub norm: u64,
    /// The exact form.
    pub form: u64,
    /// Word shape with runs cut at 4 (`Xxxxx`, `dd.dd`).
    pub shape: u64,
    /// Word shape with runs cut at 1 (`Xx`, `d.d`).
    pub sshape: u64,
    /// Prefixes of 1–4 characters of the normalised word (0 when the word is shorter).
    pub pre: [u64; 4],
    /// Suffixes of 1–4 characters of the normalised word (0 when the word is shorter).
    pub suf: [u64; 4],
    /// Ambiguity class from the model's lexicon (0: word not in the lexicon).
    pub amb: u64,
    /// Brown-cluster path code (0: no cluster; `u32::MAX`: padding).
    pub cl: u32,
    /// Orthographic flags.
    pub flags: u16,
}

/// Reusable buffers for feature extraction.
#[derive(Debug, Default)]
pub(crate) struct FeatBuf {
    /// Padded attributes: two positions before and after the sentence.
    pub attrs: Vec<Attr>,
    /// Feature keys of all tokens, in token order.
    pub keys: Vec<u64>,
    /// `keys[offsets[i]..offsets[i+1]]` are the keys of token `i`.
    pub offsets: Vec<u32>,
    /// Per token: how many of its keys, at the start of its list, depend on the word alone
    /// (its form, affixes, shape, flags, ambiguity class and cluster). Filled only when the
    /// extraction was asked to put those first (see [`extract_skipping`]); otherwise empty.
    pub intr: Vec<u16>,
    /// Per token: the hash of its exact form (filled together with `intr`).
    pub forms: Vec<u64>,
    chars: Vec<char>,
}

/// Padding attributes for positions before (`before = true`) and after the sentence.
fn pad_attr(seed: u64, before: bool, dist: u64) -> Attr {
    let base = add(add(seed, if before { 0xB05 } else { 0xE05 }), dist);
    let v = finish(base);
    Attr {
        norm: v,
        form: v,
        shape: v,
        sshape: v,
        pre: [v; 4],
        suf: [v; 4],
        amb: v,
        cl: u32::MAX,
        flags: 0,
    }
}

#[inline]
fn shape_class(c: char) -> char {
    if c.is_ascii() {
        if c.is_ascii_uppercase() {
            'X'
        } else if c.is_ascii_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        }
    } else if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        'o'
    }
}

/// Computes the attributes of one word. `chars` is a scratch buffer.
pub(crate) fn word_attr(seed: u64, word: &str, chars: &mut Vec<char>) -> Attr {
    chars.clear();
    let mut flags = 0u16;
    let mut shape = add(seed, 0x5A);
    let mut sshape = add(seed, 0x55);
    let mut prev_class = '\0';
    let mut run = 0u32;
    let mut n_alnum = 0usize;
    let mut n_digit = 0usize;
    let mut n_chars = 0usize;
    for (k, c) in word.chars().enumerate() {
        n_chars += 1;
        let cls = shape_class(c);
        if cls == prev_class {
            run += 1;
        } else {
            run = 1;
            prev_class = cls;
            sshape = add(sshape, cls as u64);
        }
        if run <= 4 {
            shape = add(shape, cls as u64);
        }
        match cls {
            'X' => {
                flags |= F_UPPER;
                if k == 0 {
                    flags |= F_INIT_UPPER;
                }
                n_alnum += 1;
            }
            'x' => {
                flags |= F_LOWER;
                n_alnum += 1;
            }
            'd' => {
                flags |= F_DIGIT;
                n_alnum += 1;
                n_digit += 1;
            }
            '-' => flags |= F_HYPHEN,
            '.' => flags |= F_PERIOD,
            '\'' => flags |= F_APOS,
            '@' | '/' | ':' => flags |= F_AT_OR_URL,
            _ => {}
        }
        if c.is_ascii() {
            let l = c.to_ascii_lowercase();
            chars.push(if l.is_ascii_digit() { '0' } else { l });
        } else if c == '\u{2019}' || c == '\u{2018}' {
            chars.push('\'');
        } else if c.is_numeric() {
            chars.push('0');
        } else {
            chars.extend(c.to_lowercase());
        }
    }
    if flags & F_UPPER != 0 && flags & F_LOWER == 0 {
        flags |= F_ALL_UPPER;
    }
    if n_chars > 0 && n_digit == n_chars {
        flags |= F_ALL_DIGIT;
    }
    if n_alnum == 0 {
        flags |= F_NO_ALNUM;
    }
    if n_chars > 12 {
        flags |= F_LONG;
    }
    let n = chars.len();
    let mut h = add(seed, 0x40);
    let mut pre = [0u64; 4];
    for (k, &c) in chars.iter().enumerate() {
        h = add(h, c as u64);
        if k < 4 && k + 1 < n {
            pre[k] = finish(add(h, 0x100 + k as u64));
        }
    }
    let norm = finish(add(h, n as u64));
    let mut suf = [0u64; 4];
    for (k, s) in suf.iter_mut().enumerate() {
        let len = k + 1;
        if len < n {
            let mut hs = add(seed, 0x51);
            for &c in &chars[n - len..] {
                hs = add(hs, c as u64);
            }
            *s = finish(add(hs, len as u64));
        }
    }
    Attr {
        norm,
        form: hash_str(seed, word),
        shape: finish(shape),
        sshape: finish(sshape),
        pre,
        suf,
        amb: 0,
        cl: 0,
        flags,
    }
}

/// The hash of a word's normalised form, as used for lexicon look-ups.
pub(crate) fn norm_hash(seed: u64, word: &str, chars: &mut Vec<char>) -> u64 {
    word_attr(seed, word, chars).norm
}

#[inline(always)]
fn f1(seed: u64, t: u64, a: u64) -> u64 {
    finish(add(add(seed, t), a))
}
#[inline(always)]
fn f2(seed: u64, t: u64, a: u64, b: u64) -> u64 {
    finish(add(add(add(seed, t), a), b))
}
#[inline(always)]
fn f3(seed: u64, t: u64, a: u64, b: u64, c: u64) -> u64 {
    finish(add(add(add(add(seed, t), a), b), c))
}

/// Template id for caller-supplied extra features.
const T_EXTRA: u64 = 200;

/// The key of a caller-supplied extra feature string.
#[inline]
pub(crate) fn extra_key(seed: u64, feature: &str) -> u64 {
    f1(seed, T_EXTRA, hash_str(seed, feature))
}

/// Extra per-token features supplied by a caller: either nothing, strings, or pre-hashed keys.
pub(crate) enum Extra<'a, S: AsRef<str>> {
    None,
    Strings(&'a [Vec<S>]),
}

impl<S: AsRef<str>> Clone for Extra<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: AsRef<str>> Copy for Extra<'_, S> {}

/// The word tables a model may carry.
#[derive(Clone, Copy, Default)]
pub(crate) struct Lookups<'a> {
    /// Normalised-word hash → ambiguity class.
    pub lex: Option<&'a WordTable>,
    /// Form hash, then normalised-word hash → Brown-cluster path code.
    pub clusters: Option<&'a WordTable>,
    /// The model's slot table: each token's context keys have their home slot prefetched as
    /// soon as they are made, so that the loads overlap with the extraction of the next tokens.
    pub slots: Option<&'a [u64]>,
    /// The decoder's cache of word sums: a word whose sum it holds gets none of its word-only
    /// keys (its `intr` count is 0 while its form is set; see [`extract_skipping`]), since the
    /// decoder would not look them up.
    pub cached: Option<&'a RowCache>,
}

/// A cluster-path feature value: the first `k` bits, or a marker for no cluster / padding.
#[inline]
fn clv(x: &Attr, k: u32, unk: u64) -> u64 {
    match x.cl {
        0 => unk,
        u32::MAX => x.norm,
        c => u64::from(path_prefix(c, k)),
    }
}

/// Extracts the feature keys of a sentence into `buf.keys` / `buf.offsets`.
pub(crate) fn extract<S: AsRef<str>>(
    fs: FeatureSet,
    seed: u64,
    words: &[&str],
    look: Lookups<'_>,
    extra: Extra<'_, S>,
    buf: &mut FeatBuf,
) {
    extract_skipping(fs, seed, words, look, extra, &[], false, buf)
}

/// [`extract`], except that tokens whose `skip` entry is not `u16::MAX` get no keys (their
/// label is already known; `skip` may be shorter than `words`).
///
/// With `intrinsic_first`, each token's keys that depend on the word alone come first and
/// `buf.intr` / `buf.forms` say how many there are and which word it is, so a decoder can sum
/// their weights once per word and reuse the sum; a word whose sum `look.cached` already
/// holds gets no word-only keys at all (`intr` 0, form set), which saves making them.
/// Otherwise the set of keys is the same either way; only their order differs (training keeps
/// the original order, which fixes feature ids and so the model bytes).
#[allow(clippy::too_many_arguments)]
pub(crate) fn extract_skipping<S: AsRef<str>>(
    fs: FeatureSet,
    seed: u64,
    words: &[&str],
    look: Lookups<'_>,
    extra: Extra<'_, S>,
    skip: &[u16],
    intrinsic_first: bool,
    buf: &mut FeatBuf,
) {
    let lex = look.lex;
    let n = words.len();
    buf.attrs.clear();
    buf.attrs.push(pad_attr(seed, true, 2));
    buf.attrs.push(pad_attr(seed, true, 1));
    // Attributes first, starting the loads of the words' table slots; the look-ups follow
    // once every word is done, so that the loads overlap.
    for w in words {
        let a = word_attr(seed, w, &mut buf.chars);
        if let Some(lex) = lex {
            lex.prefetch(a.norm);
        }
        if let Some(cl) = look.clusters {
            cl.prefetch(a.form);
            cl.prefetch(a.norm);
        }
        buf.attrs.push(a);
    }
    for a in &mut buf.attrs[2..] {
        if let Some(lex) = lex {
            a.amb = u64::from(lex.get(a.norm));
        }
        if let Some(cl) = look.clusters {
            // The exact casing's own cluster if it has one, else the lowercase form's.
            a.cl = match cl.get(a.form) {
                0 => cl.get(a.norm),
                c => c,
            };
        }
    }
    buf.attrs.push(pad_attr(seed, false, 1));
    buf.attrs.push(pad_attr(seed, false, 2));
    buf.keys.clear();
    buf.offsets.clear();
    buf.offsets.push(0);
    buf.intr.clear();
    buf.forms.clear();
    let s = seed;
    let unk_amb = finish(add(seed, 0xA3B));
    for i in 0..n {
        if skip.get(i).is_some_and(|&f| f != u16::MAX) {
            buf.offsets.push(buf.keys.len() as u32);
            if intrinsic_first {
                buf.intr.push(0);
                buf.forms.push(0);
            }
            continue;
        }
        let t0 = buf.keys.len();
        let p = i + 2;
        let a = &buf.attrs;
        let (m2, m1, c, p1, p2) = (&a[p - 2], &a[p - 1], &a[p], &a[p + 1], &a[p + 2]);
        // The decoder already has this word's sum: its word-only keys are not needed.
        let sum = look
            .cached
            .filter(|_| intrinsic_first)
            .and_then(|rc| rc.get(c.form));
        if let Some(row) = sum {
            // It is copied in the emission pass: start loading it.
            for line in row.chunks(16) {
                crate::model::prefetch(&line[0]);
            }
        }
        let word_keys = sum.is_none();
        let k = &mut buf.keys;
        if word_keys {
            k.push(f1(s, 1, 0));
            k.push(f1(s, 2, c.norm));
            k.push(f1(s, 3, c.form));
            for j in 0..4 {
                if c.pre[j] != 0 {
                    k.push(f1(s, 4 + j as u64, c.pre[j]));
                }
                if c.suf[j] != 0 {
                    k.push(f1(s, 8 + j as u64, c.suf[j]));
                }
            }
            k.push(f1(s, 12, c.shape));
            k.push(f1(s, 13, c.sshape));
            for b in 0..N_FLAGS {
                if c.flags & (1 << b) != 0 {
                    k.push(f1(s, 14, u64::from(b)));
                }
            }
        }
        let e1 = k.len();
        k.push(f1(s, 15, m1.norm));
        k.push(f1(s, 16, p1.norm));
        k.push(f1(s, 17, m2.norm));
        k.push(f1(s, 18, p2.norm));
        let suf3 = |x: &Attr| if x.suf[2] != 0 { x.suf[2] } else { x.norm };
        k.push(f1(s, 19, suf3(m1)));
        k.push(f1(s, 20, suf3(p1)));
        k.push(f1(s, 21, m1.sshape));
        k.push(f1(s, 22, p1.sshape));
        k.push(f2(s, 23, m1.norm, c.norm));
        k.push(f2(s, 24, c.norm, p1.norm));
        k.push(f2(s, 25, m1.norm, p1.norm));
        k.push(f3(s, 26, m1.sshape, c.sshape, p1.sshape));
        if i == 0 {
            k.push(f1(s, 27, c.sshape));
        }
        k.push(f2(s, 28, p1.norm, p2.norm));
        k.push(f2(s, 29, m2.norm, m1.norm));
        k.push(f2(s, 30, m1.norm, c.suf[2]));
        // Ambiguity classes (only when the model carries a lexicon).
        let am = |x: &Attr| if x.amb != 0 { x.amb } else { unk_amb };
        let (mut e3, mut e4) = (k.len(), k.len());
        if lex.is_some() {
            k.push(f1(s, 31, am(m1)));
            e3 = k.len();
            if word_keys {
                k.push(f1(s, 32, am(c)));
            }
            e4 = k.len();
            k.push(f1(s, 33, am(p1)));
            k.push(f1(s, 34, am(p2)));
            k.push(f2(s, 35, am(c), am(p1)));
            k.push(f2(s, 36, am(m1), am(c)));
            k.push(f2(s, 37, c.norm, am(p1)));
        }
        let e5 = k.len();
        if look.clusters.is_some() && word_keys {
            k.push(f1(s, 40, clv(c, 32, unk_amb)));
            k.push(f1(s, 41, clv(c, 4, unk_amb)));
            k.push(f1(s, 42, clv(c, 6, unk_amb)));
            k.push(f1(s, 43, clv(c, 10, unk_amb)));
            k.push(f1(s, 44, clv(c, 14, unk_amb)));
        }
        let e6 = k.len();
        if look.clusters.is_some() {
            k.push(f1(s, 45, clv(m1, 32, unk_amb)));
            k.push(f1(s, 46, clv(p1, 32, unk_amb)));
            k.push(f1(s, 47, clv(m1, 6, unk_amb)));
            k.push(f1(s, 48, clv(p1, 6, unk_amb)));
            k.push(f1(s, 49, clv(m2, 6, unk_amb)));
            k.push(f1(s, 50, clv(p2, 6, unk_amb)));
            k.push(f2(s, 51, c.norm, clv(p1, 6, unk_amb)));
            k.push(f2(s, 52, c.norm, clv(m1, 6, unk_amb)));
            k.push(f2(s, 53, c.norm, clv(p2, 6, unk_amb)));
        }
        if fs == FeatureSet::Ner {
            k.push(f1(s, 60, m1.form));
            k.push(f1(s, 61, p1.form));
            k.push(f2(s, 62, m1.shape, c.shape));
            k.push(f2(s, 63, c.shape, p1.shape));
            k.push(f2(s, 64, m1.norm, c.shape));
            k.push(f2(s, 65, c.shape, p1.norm));
            k.push(f1(s, 66, m2.sshape));
            k.push(f1(s, 67, p2.sshape));
        }
        if let Extra::Strings(ex) = &extra {
            if let Some(list) = ex.get(i) {
                for e in list {
                    k.push(extra_key(s, e.as_ref()));
                }
            }
        }
        if intrinsic_first {
            // Move the word-only groups [e3, e4) and [e5, e6) up behind [t0, e1).
            k[e1..e4].rotate_right(e4 - e3);
            let e1b = e1 + (e4 - e3);
            k[e1b..e6].rotate_right(e6 - e5);
            let n_intr = (e1 - t0) + (e4 - e3) + (e6 - e5);
            buf.intr.push(n_intr as u16);
            buf.forms.push(c.form);
            if let Some(sl) = look.slots.filter(|sl| !sl.is_empty()) {
                let mask = sl.len() - 1;
                for &h in &buf.keys[t0 + n_intr..] {
                    crate::model::prefetch(&sl[(h as usize) & mask]);
                }
            }
        }
        buf.offsets.push(buf.keys.len() as u32);
    }
}
