//! Numerals in digits and words: "78,000", "1.5m", "thirty-five",
//! "one hundred and twenty", "two-thirds", "half a dozen", "dozens".

use crate::token::Toks;

/// A numeral found at a token position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Numeral {
    /// First token (inclusive).
    pub t0: usize,
    /// Past the last token.
    pub t1: usize,
    pub value: f64,
    /// A single run of digits, no sign, grouping, decimals or multiplier.
    pub plain: bool,
    /// Digits in `plain` numerals.
    pub ndigits: usize,
    /// Vague plural ("dozens", "thousands of"): value is a lower estimate.
    pub vague: bool,
    /// Largest multiplier applied (1 when none): "1.5 million" → 1e6.
    pub mult: f64,
    /// Value before the trailing multiplier ("1.5 million" → 1.5).
    pub base: f64,
    /// The lone word "one".
    pub bare_one: bool,
    /// The lone word "half".
    pub bare_half: bool,
    /// Written with a lowercase adjacent "m" ("1.8m"): million or metre.
    pub small_m: bool,
}

/// Result of trying to read a numeral at a token.
pub(crate) enum Parse {
    Num(Numeral),
    /// Not a quantity (time, IP address, ordinal, decade ...): skip to this token.
    Skip(usize),
    None,
}

pub(crate) fn small_word(w: &str) -> Option<(f64, Cls)> {
    let v = match w {
        "zero" | "nought" | "naught" => return Some((0.0, Cls::Zero)),
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    let c = if v < 10 {
        Cls::Unit
    } else if v < 20 {
        Cls::Teen
    } else {
        Cls::Tens
    };
    Some((v as f64, c))
}

/// Multiplier words usable after a numeral (with whitespace).
pub(crate) fn mult_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" | "hundreds" => 100.0,
        "thousand" | "thousands" => 1e3,
        "million" | "millions" | "mn" | "mln" | "mil" => 1e6,
        "billion" | "billions" | "bn" | "bln" => 1e9,
        "trillion" | "trillions" | "tn" | "tln" | "trn" => 1e12,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Multiplier suffixes written right after digits ("10k", "2bn", "1.5m").
fn suffix_mult(raw: &str) -> Option<f64> {
    Some(match raw {
        "k" | "K" => 1e3,
        "m" | "M" | "mn" | "mln" | "mil" | "MM" | "Mn" => 1e6,
        "b" | "B" | "bn" | "bln" | "Bn" | "BN" => 1e9,
        "tn" | "tln" | "trn" | "Tn" => 1e12,
        _ => return None,
    })
}

/// Fraction denominators: (value, plural).
pub(crate) fn denom_word(w: &str) -> Option<(f64, bool)> {
    Some(match w {
        "half" => (2.0, false),
        "halves" => (2.0, true),
        "third" => (3.0, false),
        "thirds" => (3.0, true),
        "quarter" | "fourth" => (4.0, false),
        "quarters" | "fourths" => (4.0, true),
        "fifth" => (5.0, false),
        "fifths" => (5.0, true),
        "sixth" => (6.0, false),
        "sixths" => (6.0, true),
        "seventh" => (7.0, false),
        "sevenths" => (7.0, true),
        "eighth" => (8.0, false),
        "eighths" => (8.0, true),
        "ninth" => (9.0, false),
        "ninths" => (9.0, true),
        "tenth" => (10.0, false),
        "tenths" => (10.0, true),
        "twelfth" => (12.0, false),
        "twelfths" => (12.0, true),
        "twentieth" => (20.0, false),
        "twentieths" => (20.0, true),
        "thirtieth" => (30.0, false),
        "hundredth" => (100.0, false),
        "hundredths" => (100.0, true),
        "thousandth" => (1000.0, false),
        "thousandths" => (1000.0, true),
        "trillionth" => (1e12, false),
        "trillionths" => (1e12, true),
        _ => return None,
    })
}

/// Ordinal words usable as a fraction denominator (singular or plural): value and plural.
/// "second" is left out ("one second" is a time); "half" and "quarter" are handled apart.
fn ordinal_word(w: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) if s.ends_with("th") || s.ends_with("rst") || s.ends_with("ird") => (s, true),
        _ => (w, false),
    };
    let v = match stem {
        "first" => 1.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "sixtieth" => 60.0,
        "seventieth" => 70.0,
        "eightieth" => 80.0,
        "ninetieth" => 90.0,
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
        _ => return None,
    };
    Some((v, plural))
}

/// One word of a spelled fraction: a cardinal atom ("thirty-five" is one atom), a scale
/// word, "a"/"an", "and", or the closing ordinal.
#[derive(Clone, Copy, Debug, PartialEq)]
enum FracAtom {
    Card(f64, Cls),
    Scale(f64),
    A,
    And,
    Ord(f64, bool),
}

/// Value of a spelled cardinal given as atoms ("a hundred thousand", "one hundred and
/// thirty", "ninety-five hundred"); `None` unless it is well formed.
fn cardinal_atoms(atoms: &[FracAtom]) -> Option<f64> {
    let (mut total, mut cur) = (0.0f64, 0.0f64);
    let mut prev = Prev::None;
    let mut last_big = f64::INFINITY;
    for (k, a) in atoms.iter().enumerate() {
        match *a {
            FracAtom::A => {
                if k != 0 || !matches!(atoms.get(1), None | Some(FracAtom::Scale(_))) {
                    return None;
                }
                cur = 1.0;
                prev = Prev::Unit;
            }
            FracAtom::Card(v, c) => {
                if !matches!(prev, Prev::None | Prev::Hundred | Prev::Big(_)) || v == 0.0 {
                    return None;
                }
                cur += v;
                prev = match c {
                    Cls::Teen => Prev::Teen,
                    Cls::Tens => Prev::Tens,
                    _ => Prev::Unit,
                };
            }
            FracAtom::Scale(m) if m < 1e3 => {
                // "hundred"
                if !matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens) || cur >= 100.0 {
                    return None;
                }
                cur *= m;
                prev = Prev::Hundred;
            }
            FracAtom::Scale(m) => {
                if !matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens | Prev::Hundred)
                    || m >= last_big
                {
                    return None;
                }
                total += cur * m;
                cur = 0.0;
                last_big = m;
                prev = Prev::Big(m);
            }
            FracAtom::And => {
                let next_card = matches!(atoms.get(k + 1), Some(FracAtom::Card(..)));
                if !matches!(prev, Prev::Hundred | Prev::Big(_)) || !next_card {
                    return None;
                }
            }
            FracAtom::Ord(..) => return None,
        }
    }
    if matches!(prev, Prev::None) {
        return None;
    }
    Some(total + cur)
}

/// Fractions whose denominator is a spelled ordinal beyond the simple cases read by
/// [`compose`]: "one twenty-fifth" (1/25), "three twenty-firsts", "a hundred trillionths",
/// "one hundred thirty-fifths" (100/35), "one hundred and thirty fifths" (130/5),
/// "ninety-five hundred fifths" (9500/5), "one one hundred fifth" (1/105).
///
/// The denominator is the ordinal plus, when written without "and" in between, a tens word
/// right before a unit ordinal ("thirty fifths" = 35ths), and then a "hundred"/"thousand"
/// with its multiplier ("one hundred fifth" = 105th) as long as a numerator is left; the
/// numerator is the remaining cardinal. A singular ordinal needs the numerator one ("one
/// twenty-first"; "one hundred fifth" alone is an ordinal).
pub(crate) fn ordinal_fraction(t: &Toks, i: usize) -> Option<Numeral> {
    // cheap exit for the common "a"/"an" and non-number words
    let w0 = t.w(if matches!(t.w(i), "a" | "an") {
        i + 1
    } else {
        i
    });
    if small_word(w0).is_none() && mult_word(w0).is_none() && ordinal_word(w0).is_none() {
        return None;
    }
    let mut atoms: Vec<FracAtom> = Vec::new();
    let mut j = i;
    let mut end = None;
    for _ in 0..16 {
        let w = t.w(j);
        if atoms.is_empty() && matches!(w, "a" | "an") {
            atoms.push(FracAtom::A);
            j += 1;
            continue;
        }
        if let Some((v, p)) = ordinal_word(w) {
            atoms.push(FracAtom::Ord(v, p));
            end = Some(j + 1);
            break;
        }
        if let Some((v, c, e)) = num_atom(t, j) {
            atoms.push(FracAtom::Card(v, c));
            j = e;
        } else if let Some(m) = mult_word(w).filter(|_| !w.ends_with('s') && w.len() > 3) {
            atoms.push(FracAtom::Scale(m));
            j += 1;
        } else if w == "and" && !atoms.is_empty() {
            // "six million and two thirds", "two hundred and fifty-four hundredths":
            // a whole number and a simple fraction, read by compose
            if and_fraction(t, j + 1).is_some() {
                return None;
            }
            atoms.push(FracAtom::And);
            j += 1;
        } else {
            return None;
        }
        // hyphens between words ("hundred-fifths", "ninety - five" is read by num_atom)
        if (t.is_p(j, '-') || t.is_p(j, '\u{2010}')) && t.is_word(j + 1) {
            j += 1;
        }
        if t.line_start(j) {
            return None;
        }
    }
    let end = end?;
    let n = atoms.len();
    let Some(&FracAtom::Ord(ov, plural)) = atoms.last() else {
        return None;
    };
    if n < 2 {
        return None;
    }
    // denominator start
    let mut d = n - 1;
    if ov < 10.0 && d >= 2 {
        if let Some(FracAtom::Card(v, Cls::Tens)) = atoms.get(d - 1) {
            if v % 10.0 == 0.0 && atoms.get(d - 2) != Some(&FracAtom::And) {
                d -= 1;
            }
        }
    }
    if ov < 100.0 {
        let mut k = d;
        if k >= 1 && atoms.get(k - 1) == Some(&FracAtom::And) && d == n - 1 {
            k -= 1; // "one hundred and fifth"
        }
        if k >= 3 {
            if let (Some(FracAtom::Scale(m)), Some(FracAtom::Card(..))) =
                (atoms.get(k - 1), atoms.get(k - 2))
            {
                if *m <= 1e3 {
                    d = k - 2;
                }
            }
        }
    }
    let num = cardinal_atoms(atoms.get(..d)?)?;
    let den_atoms = atoms.get(d..n - 1)?;
    let den = if den_atoms.is_empty() {
        ov
    } else {
        let inner: Vec<FracAtom> = den_atoms
            .iter()
            .copied()
            .filter(|a| *a != FracAtom::And)
            .collect();
        cardinal_atoms(&inner)? + ov
    };
    if den <= 1.0 || num <= 0.0 || (!plural && num != 1.0) {
        return None;
    }
    // the simple shapes ("two thirds", "a fifth", "one tenth") are read by compose
    let simple = d == 1 && den_atoms.is_empty() && denom_word(t.w(end - 1)).is_some();
    if simple {
        return None;
    }
    // "a twenty-first century", "one hundredth anniversary", "an eleventh-hour deal": an
    // ordinal, not a fraction
    if !plural && t.is_word(end) && !matches!(t.w(end), "of" | "and" | "or" | "to" | "than") {
        return None;
    }
    if (t.is_p(end, '-') || t.is_p(end, '\u{2010}')) && t.adj(end) && t.is_word(end + 1) {
        return None;
    }
    if i > 0
        && matches!(
            t.w(i - 1),
            "the" | "its" | "his" | "her" | "their" | "our" | "my"
        )
    {
        return None;
    }
    Some(mk(i, end, num / den, true, 1.0))
}

/// Word class for composing spelled numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cls {
    Zero,
    Unit,
    Teen,
    Tens,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Prev {
    None,
    Zero,
    Unit,
    Teen,
    Tens,
    Digits,
    Hundred,
    Big(f64),
}

/// Digits-only numeral at `i` (a Num token, or '.'/'-' before one).
struct Digits {
    t1: usize,
    value: f64,
    plain: bool,
    ndigits: usize,
    integer: bool,
}

fn parse_f(s: &str) -> f64 {
    s.parse::<f64>().unwrap_or(0.0)
}

/// Reads a digit numeral starting at Num token `i` (sign handled by caller).
fn digits(t: &Toks, i: usize) -> Result<Option<Digits>, usize> {
    if !t.is_num(i) {
        return Ok(None);
    }
    let first = t.raw(i);
    let mut s = String::from(first);
    let mut j = i + 1;
    let mut plain = true;
    let mut integer = true;
    // Time "00:10", ratio "3:1", dates/IDs with '/' handled below.
    if t.is_p(j, ':') && t.adj(j) && t.is_num(j + 1) && t.adj(j + 1) {
        let mut k = j + 2;
        while t.is_p(k, ':') && t.adj(k) && t.is_num(k + 1) && t.adj(k + 1) {
            k += 2;
        }
        return Err(k);
    }
    // Comma grouping: 1,234,567 (also Indian 12,34,567).
    let mut grouped = false;
    if first.len() <= 3 {
        let mut k = j;
        let mut groups: Vec<usize> = Vec::new();
        while t.is_p(k, ',') && t.adj(k) && t.is_num(k + 1) && t.adj(k + 1) {
            groups.push(k + 1);
            k += 2;
        }
        // Accept the longest prefix of groups that is valid: all 3 digits, or
        // 2-digit groups followed eventually by a final 3-digit group.
        let mut ok_upto = 0;
        for (n, &g) in groups.iter().enumerate() {
            let l = t.nlen(g);
            if l == 3 {
                ok_upto = n + 1;
            } else if l == 2
                && groups.iter().skip(n + 1).any(|&h| t.nlen(h) == 3)
                && ok_upto == n
                && groups
                    .iter()
                    .skip(n + 1)
                    .all(|&h| matches!(t.nlen(h), 2 | 3))
            {
                continue;
            } else {
                break;
            }
        }
        // a trailing 2-digit group without later 3-digit group is not grouping
        if ok_upto > 0 {
            for &g in groups.iter().take(ok_upto) {
                s.push_str(t.raw(g));
            }
            j = groups[ok_upto - 1] + 1;
            grouped = true;
            plain = false;
        }
    }
    // Dot grouping (European) "1.234.567" / "1.111,11".
    if !grouped && first.len() <= 3 && t.is_p(j, '.') && t.adj(j) && t.is_num(j + 1) && t.adj(j + 1)
    {
        let mut k = j;
        let mut groups = Vec::new();
        while t.is_p(k, '.') && t.adj(k) && t.is_num(k + 1) && t.adj(k + 1) {
            groups.push(k + 1);
            k += 2;
        }
        if groups.len() >= 2 {
            if groups.iter().all(|&g| t.nlen(g) == 3) {
                for &g in &groups {
                    s.push_str(t.raw(g));
                }
                j = k;
                grouped = true;
                plain = false;
                if t.is_p(j, ',')
                    && t.adj(j)
                    && t.is_num(j + 1)
                    && t.adj(j + 1)
                    && t.nlen(j + 1) <= 2
                {
                    s.push('.');
                    s.push_str(t.raw(j + 1));
                    j += 2;
                    integer = false;
                }
            } else {
                // IP address or version number: not a quantity.
                return Err(k);
            }
        } else if groups.len() == 1
            && t.nlen(groups[0]) == 3
            && t.is_p(k, ',')
            && t.adj(k)
            && t.is_num(k + 1)
            && t.adj(k + 1)
            && t.nlen(k + 1) <= 2
        {
            // "1.111,11"
            s.push_str(t.raw(groups[0]));
            s.push('.');
            s.push_str(t.raw(k + 1));
            j = k + 2;
            grouped = true;
            plain = false;
            integer = false;
        }
    }
    // Space grouping: "1 234 567", "40 000" (only exact 3-digit groups).
    if !grouped && first.len() <= 3 {
        let mut k = j;
        let mut n = 0;
        while t.is_num(k)
            && t.get(k).is_some_and(|x| x.group_sp)
            && t.nlen(k) == 3
            && !(t.is_p(k + 1, '/') && t.adj(k + 1))
        {
            s.push_str(t.raw(k));
            k += 1;
            n += 1;
        }
        if n > 0 {
            j = k;
            grouped = true;
            plain = false;
        }
    }
    let _ = grouped;
    // Decimal point.
    if integer && t.is_p(j, '.') && t.adj(j) && t.is_num(j + 1) && t.adj(j + 1) {
        if t.is_p(j + 2, '.') && t.adj(j + 2) && t.is_num(j + 3) && t.adj(j + 3) {
            let mut k = j + 2;
            while t.is_p(k, '.') && t.adj(k) && t.is_num(k + 1) && t.adj(k + 1) {
                k += 2;
            }
            return Err(k);
        }
        s.push('.');
        s.push_str(t.raw(j + 1));
        j += 2;
        integer = false;
        plain = false;
    } else if integer
        && plain
        && !(i >= 2 && t.is_p(i - 1, ',') && t.adj(i) && t.is_num(i - 2))
        && t.is_p(j, ',')
        && t.adj(j)
        && t.is_num(j + 1)
        && t.adj(j + 1)
        && t.nlen(j + 1) <= 2
        && !(t.is_p(j + 2, ',') && t.adj(j + 2) && t.is_num(j + 3))
    {
        // Decimal comma "3,5" / "5,00".
        s.push('.');
        s.push_str(t.raw(j + 1));
        j += 2;
        integer = false;
        plain = false;
    }
    let mut value = parse_f(&s);
    // Exponent "1e10", "12.32e+14".
    if t.adj(j) && matches!(t.raw(j), "e" | "E") {
        let mut k = j + 1;
        let mut neg = false;
        if (t.is_p(k, '+') || t.is_p(k, '-')) && t.adj(k) {
            neg = t.is_p(k, '-');
            k += 1;
        }
        if t.is_num(k) && t.adj(k) && t.nlen(k) <= 3 {
            let e = parse_f(t.raw(k));
            value *= 10f64.powf(if neg { -e } else { e });
            j = k + 1;
            plain = false;
            integer = false;
        }
    }
    // Powers "1.1^23", "2.5^-1" and scientific "1.3x10^6"
    let mut k = j;
    let mut sci = false;
    if t.adj(k)
        && t.raw(k) == "x"
        && t.raw(k + 1) == "10"
        && t.adj(k + 1)
        && t.is_p(k + 2, '^')
        && t.adj(k + 2)
    {
        sci = true;
        k += 2;
    }
    if t.is_p(k, '^') && t.adj(k) {
        let mut m = k + 1;
        let mut neg = false;
        while (t.is_p(m, '-') || t.is_p(m, '+')) && t.adj(m) {
            if t.is_p(m, '-') {
                neg = !neg;
            }
            m += 1;
        }
        if t.is_num(m) && t.adj(m) && t.nlen(m) <= 3 {
            let e = parse_f(t.raw(m));
            let e = if neg { -e } else { e };
            value = if sci {
                value * 10f64.powf(e)
            } else {
                value.powf(e)
            };
            j = m + 1;
            plain = false;
            integer = false;
        }
    }
    let ndigits = if plain { first.len() } else { 0 };
    Ok(Some(Digits {
        t1: j,
        value,
        plain,
        ndigits,
        integer,
    }))
}

/// Slash fraction after digits: "3/4", "2 1/4". Returns (value, end).
fn slash_fraction(t: &Toks, i: usize, d: &Digits) -> Option<(f64, usize)> {
    let j = d.t1;
    if !(d.plain && t.is_p(j, '/') && t.is_num(j + 1)) {
        return None;
    }
    // dates 5/17/2018 or more slashes: caller skips
    if t.is_p(j + 2, '/') {
        return None;
    }
    let a = d.value;
    let b = parse_f(t.raw(j + 1));
    let good_den = matches!(b as u64, 2..=10 | 12 | 16 | 32 | 64 | 100);
    if b > 0.0 && a < b && good_den && t.nlen(j + 1) <= 3 {
        let _ = i;
        return Some((a / b, j + 2));
    }
    None
}

fn num_atom(t: &Toks, j: usize) -> Option<(f64, Cls, usize)> {
    let (v, c) = small_word(t.w(j))?;
    // thirty-five / fifty - two / fifty two
    if c == Cls::Tens {
        let mut k = j + 1;
        if t.is_p(k, '-') || t.is_p(k, '\u{2010}') {
            k += 1;
        }
        if let Some((u, Cls::Unit)) = small_word(t.w(k)) {
            return Some((v + u, Cls::Tens, k + 1));
        }
    }
    Some((v, c, j + 1))
}

/// Try a numeral beginning exactly at token `i`.
pub(crate) fn parse_at(t: &Toks, i: usize) -> Parse {
    let w = t.w(i);
    // Negative words.
    if (w == "minus" || w == "negative") && i + 1 < t.len() {
        if let Parse::Num(mut n) = parse_at(t, i + 1) {
            n.t0 = i;
            n.value = -n.value;
            n.base = -n.base;
            n.plain = false;
            n.bare_one = false;
            return Parse::Num(n);
        }
        return Parse::None;
    }
    // Leading decimal point ".25".
    if t.is_p(i, '.')
        && t.is_num(i + 1)
        && t.adj(i + 1)
        && (i == 0
            || t.get(i).is_some_and(|x| x.sp)
            || t.p(i.wrapping_sub(1)).is_some_and(|c| c == '(' || c == '-'))
    {
        let raw = t.raw(i + 1);
        if t.is_p(i + 2, '.') && t.adj(i + 2) {
            return Parse::Skip(i + 3);
        }
        let v = parse_f(&format!("0.{raw}"));
        return Parse::Num(Numeral {
            t0: i,
            t1: i + 2,
            value: v,
            plain: false,
            ndigits: 0,
            vague: false,
            mult: 1.0,
            base: v,
            bare_one: false,
            bare_half: false,
            small_m: false,
        });
    }
    // Unicode vulgar fractions "½", "2½"
    if let Some(v) = t.p(i).and_then(vulgar) {
        return Parse::Num(mk(i, i + 1, v, false, 1.0));
    }
    // Vague plurals "dozens", "thousands", "tens of thousands".
    if let Some(n) = vague(t, i) {
        return Parse::Num(n);
    }
    // "half"
    if w == "half" {
        let mut k = i + 1;
        if matches!(t.w(k), "a" | "an") {
            k += 1;
        }
        if t.w(k) == "dozen" {
            return Parse::Num(mk(i, k + 1, 6.0, true, 12.0));
        }
        if let Some(m) = mult_word(t.w(k)).filter(|m| *m >= 1e3) {
            return Parse::Num(mk(i, k + 1, 0.5 * m, true, m));
        }
        if t.is_p(i + 1, '-') && t.adj(i + 1) && t.is_word(i + 2) {
            return Parse::None;
        }
        let mut n = mk(i, i + 1, 0.5, true, 1.0);
        n.bare_half = true;
        return Parse::Num(n);
    }
    if let Some(n) = ordinal_fraction(t, i) {
        return Parse::Num(n);
    }
    if w == "quarter" {
        if let Some(m) = mult_word(t.w(i + 1)).filter(|m| *m >= 1e3) {
            return Parse::Num(mk(i, i + 2, 0.25 * m, true, m));
        }
        return Parse::None;
    }
    compose(t, i)
}

pub(crate) fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

fn mk(t0: usize, t1: usize, value: f64, _words: bool, mult: f64) -> Numeral {
    Numeral {
        t0,
        t1,
        value,
        plain: false,
        ndigits: 0,
        vague: false,
        mult,
        base: if mult > 0.0 { value / mult } else { value },
        bare_one: false,
        bare_half: false,
        small_m: false,
    }
}

fn vague(t: &Toks, i: usize) -> Option<Numeral> {
    let w = t.w(i);
    let unit = match w {
        "dozens" => 12.0,
        "hundreds" => 100.0,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "tens" => 10.0,
        _ => return None,
    };
    // "tens/hundreds of thousands/millions"
    if t.w(i + 1) == "of" {
        if let Some(m) = mult_word(t.w(i + 2)).filter(|m| *m >= 1e3 && t.w(i + 2).ends_with('s')) {
            let mut n = mk(i, i + 3, 2.0 * unit * m, true, m);
            n.vague = true;
            return Some(n);
        }
    }
    if w == "tens" {
        return None;
    }
    let mut n = mk(i, i + 1, 2.0 * unit, true, unit);
    n.vague = true;
    Some(n)
}

fn compose(t: &Toks, i: usize) -> Parse {
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut prev = Prev::None;
    let mut j = i;
    let mut words = false;
    let mut plain = false;
    let mut ndigits = 0;
    let mut max_mult = 1.0f64;
    let mut last_big = f64::INFINITY;
    let mut small_m = false;
    let mut atoms = 0;
    let mut integer_digits = true;
    let mut base = 0.0f64;
    // scale groups so far ("two million three thousand" has two)
    let mut groups = 0;
    // value of the current group before an "and" ("three hundred and two")
    let mut and_at: Option<f64> = None;
    // sign directly before digits: "-5", "−5"
    let mut sign = 1.0;
    let t0 = i;
    if (t.is_p(i, '-') || t.is_p(i, '\u{2212}')) && t.is_num(i + 1) && t.adj(i + 1) {
        let ok_before = i == 0
            || t.get(i).is_some_and(|x| x.sp)
            || matches!(t.p(i - 1), Some('(' | '[' | ':' | '=' | '<' | '>' | '~'));
        if !ok_before {
            return Parse::None;
        }
        sign = -1.0;
        j = i + 1;
    } else if t.is_p(i, '-')
        && t.is_num(i + 1)
        && i > 0
        && t.get(i).is_some_and(|x| x.sp && !x.nl)
        && t.get(i + 1).is_some_and(|x| x.group_sp)
        && t.is_word(i - 1)
        && !t.is_num(i + 2)
    {
        // "convert - 20 degrees": a spaced minus after a word
        sign = -1.0;
        j = i + 1;
    }
    // "a hundred", "a dozen", "a third"
    if matches!(t.w(j), "a" | "an") {
        let nw = t.w(j + 1);
        if mult_word(nw).is_some_and(|m| m >= 100.0) && !nw.ends_with('s') || nw == "dozen" {
            cur = 1.0;
            prev = Prev::Unit;
            words = true;
            j += 1;
            atoms += 1;
        } else if let Some((d, false)) = denom_word(nw) {
            if nw == "fourth"
                || nw == "half"
                || nw == "quarter"
                || nw == "third"
                || nw == "fifth"
                || nw.ends_with("th")
            {
                let mut v = 1.0 / d;
                let mut end = j + 2;
                if let Some(m) =
                    mult_word(t.w(end)).filter(|m| *m >= 1e3 && !t.w(end).ends_with('s'))
                {
                    v *= m;
                    end += 1;
                } else if t.is_word(end)
                    && !(matches!(nw, "half" | "quarter") && crate::starts_unit(t.w(end)))
                    && !matches!(
                        t.w(end),
                        "of" | "more"
                            | "less"
                            | "fewer"
                            | "and"
                            | "or"
                            | "to"
                            | "than"
                            | "in"
                            | "the"
                    )
                {
                    // "a fourth term", "a third party": an ordinal, not a fraction
                    return Parse::None;
                }
                return Parse::Num(mk(i, end, v, true, 1.0));
            }
            return Parse::None;
        } else {
            return Parse::None;
        }
    }
    loop {
        // digit atom
        if t.is_num(j) || (t.is_p(j, '.') && atoms == 0) {
            if !(prev == Prev::None || matches!(prev, Prev::Hundred | Prev::Big(_))) {
                break;
            }
            if t.is_p(j, '.') {
                break;
            }
            // a digit atom after words must be preceded by whitespace
            if atoms > 0 && !t.get(j).is_some_and(|x| x.sp) {
                break;
            }
            let d = match digits(t, j) {
                Ok(Some(d)) => d,
                Ok(None) => break,
                Err(k) => {
                    if atoms == 0 {
                        return Parse::Skip(k);
                    }
                    break;
                }
            };
            // mixed fraction / fraction
            if atoms == 0 {
                if t.is_p(d.t1, '/') && t.adj(d.t1) && t.is_num(d.t1 + 1) && t.adj(d.t1 + 1) {
                    if let Some((v, e)) = slash_fraction(t, j, &d) {
                        return Parse::Num(mk(t0, e, sign * v, false, 1.0));
                    }
                    // dates like 5/17/2018, 12/25: skip the whole chain
                    let mut k = d.t1;
                    while (t.is_p(k, '/') || t.is_p(k, '-'))
                        && t.adj(k)
                        && t.is_num(k + 1)
                        && t.adj(k + 1)
                    {
                        k += 2;
                    }
                    return Parse::Skip(k);
                }
                if d.plain
                    && d.value < 1000.0
                    && t.is_num(d.t1)
                    && t.get(d.t1).is_some_and(|x| x.sp)
                    && t.is_p(d.t1 + 1, '/')
                    && t.adj(d.t1 + 1)
                {
                    if let Ok(Some(d2)) = digits(t, d.t1) {
                        if let Some((v, e)) = slash_fraction(t, d.t1, &d2) {
                            return Parse::Num(mk(t0, e, sign * (d.value + v), false, 1.0));
                        }
                    }
                }
            } else if !d.integer
                || d.value
                    >= last_big.min(if prev == Prev::Hundred {
                        100.0
                    } else {
                        f64::INFINITY
                    })
            {
                break;
            }
            // ordinal "3rd", decade "1990s", and other letter-glued digits
            let nx = t.raw(d.t1);
            if t.adj(d.t1)
                && t.is_word(d.t1)
                && matches!(t.w(d.t1), "st" | "nd" | "rd" | "th" | "s")
            {
                if atoms == 0 {
                    return Parse::Skip(d.t1 + 1);
                }
                break;
            }
            if atoms == 0 {
                plain = d.plain && sign > 0.0;
                ndigits = d.ndigits;
                integer_digits = d.integer;
            } else {
                plain = false;
            }
            cur += d.value;
            j = d.t1;
            atoms += 1;
            prev = Prev::Digits;
            if d.plain && t.adj(j) {
                if let Some(v) = t.p(j).and_then(vulgar) {
                    cur += v;
                    j += 1;
                    plain = false;
                    break;
                }
            }
            // glued multiplier "10k", "2bn", "1.5m"
            if t.adj(j) && t.is_word(j) {
                if let Some(m) = suffix_mult(nx) {
                    // must not continue as a longer word ("10km" is a different token text)
                    if nx == "m" {
                        small_m = true;
                    }
                    base = cur;
                    cur *= m;
                    max_mult = max_mult.max(m);
                    j += 1;
                    plain = false;
                    total += cur;
                    cur = 0.0;
                    prev = Prev::Big(m);
                    last_big = m;
                    // "1.2bn" may not be followed by more numerals
                    break;
                }
            }
            continue;
        }
        let w = t.w(j);
        if let Some((v, c, e)) = num_atom(t, j) {
            let ok = match c {
                Cls::Zero => prev == Prev::None,
                Cls::Unit => {
                    matches!(prev, Prev::None | Prev::Hundred | Prev::Big(_))
                        || (prev == Prev::Tens && (cur % 10.0) == 0.0)
                }
                Cls::Teen | Cls::Tens => matches!(prev, Prev::None | Prev::Hundred | Prev::Big(_)),
            };
            if !ok {
                break;
            }
            cur += v;
            j = e;
            words = true;
            plain = false;
            atoms += 1;
            prev = match c {
                Cls::Zero => Prev::Zero,
                Cls::Unit => Prev::Unit,
                Cls::Teen => Prev::Teen,
                Cls::Tens => {
                    if v % 10.0 == 0.0 {
                        Prev::Tens
                    } else {
                        Prev::Unit
                    }
                }
            };
            continue;
        }
        if atoms > 0 {
            if let Some(m) = mult_word(w) {
                // plural multipliers only directly after a numeral ("five hundreds")
                if m == 100.0 {
                    if !matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens | Prev::Digits)
                        || cur >= 1000.0
                    {
                        break;
                    }
                    cur *= 100.0;
                    and_at = None;
                    prev = Prev::Hundred;
                    max_mult = max_mult.max(100.0);
                    base = cur / 100.0;
                } else if matches!(prev, Prev::Big(pm) if m > pm)
                    && groups == 1
                    && cur == 0.0
                    && !t.w(j - 1).ends_with('s')
                {
                    // stacked scale words: "three lakh crore", "two thousand million"
                    total *= m;
                    base = total / (last_big * m);
                    last_big *= m;
                    prev = Prev::Big(last_big);
                    max_mult = max_mult.max(last_big);
                } else {
                    if !matches!(
                        prev,
                        Prev::Unit | Prev::Teen | Prev::Tens | Prev::Digits | Prev::Hundred
                    ) || m >= last_big
                        || cur == 0.0
                    {
                        break;
                    }
                    groups += 1;
                    and_at = None;
                    base = cur;
                    total += cur * m;
                    cur = 0.0;
                    prev = Prev::Big(m);
                    last_big = m;
                    max_mult = max_mult.max(m);
                }
                words = true;
                plain = false;
                j += 1;
                atoms += 1;
                if w.ends_with('s') && w != "bn" {
                    break;
                }
                continue;
            }
            if matches!(w, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs") {
                if !matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens | Prev::Digits) {
                    break;
                }
                // "three hundred and two dozen": the dozen counts the addend after "and"
                let whole = and_at.filter(|b| *b > 0.0 && cur > *b).unwrap_or(0.0);
                cur = whole + (cur - whole) * 12.0;
                base = cur / 12.0;
                max_mult = max_mult.max(12.0);
                words = true;
                plain = false;
                j += 1;
                atoms += 1;
                prev = Prev::Big(12.0);
                last_big = 12.0;
                break;
            }
            if w == "and" && matches!(prev, Prev::Hundred | Prev::Big(_)) {
                // "one hundred and twenty", but not "3 hundred and 2 hundred"
                let nxt = j + 1;
                let follows = small_word(t.w(nxt)).is_some_and(|(v, _)| v > 0.0)
                    || (t.is_num(nxt) && !t.raw(nxt).trim_start_matches('0').is_empty());
                let frac_next = and_fraction(t, nxt).is_some();
                let joins_bigger = prev == Prev::Hundred
                    && total == 0.0
                    && next_mult(t, nxt).is_some_and(|m| m >= 1e3);
                if follows && !frac_next && (joins_bigger || !and_starts_bigger(t, nxt, prev)) {
                    and_at = Some(cur);
                    j += 1;
                    continue;
                }
            }
        }
        break;
    }
    if atoms == 0 {
        return Parse::None;
    }
    let mut value = total + cur;
    let t1 = j;
    let _ = integer_digits;
    // "point" decimals
    let mut j = t1;
    if t.w(j) == "point" && words {
        let mut k = j + 1;
        let mut ds = String::new();
        while let Some((v, c)) = small_word(t.w(k)) {
            match c {
                Cls::Zero | Cls::Unit => {
                    ds.push_str(&format!("{}", v as u32));
                    k += 1;
                }
                Cls::Teen | Cls::Tens => {
                    if !ds.is_empty() {
                        break;
                    }
                    let (v2, _, e) = num_atom(t, k).unwrap_or((v, c, k + 1));
                    ds.push_str(&format!("{}", v2 as u32));
                    k = e;
                    break;
                }
            }
        }
        if !ds.is_empty() {
            value += parse_f(&format!("0.{ds}"));
            j = k;
        }
    }
    // fractions: "two thirds", "two-thirds", "one eighth"
    let mut k = j;
    if (t.is_p(k, '-') || t.is_p(k, '\u{2010}')) && words {
        k += 1;
    }
    if words && value > 0.0 && value < 100.0 && total == 0.0 && prev != Prev::Hundred {
        if let Some((d, plural)) = denom_word(t.w(k)) {
            // "one third party", "his one hundredth birthday": a spaced singular ordinal
            // before a content word is not a fraction
            let hyphen = k > j;
            let nx = t.w(k + 1);
            let ordinal_use = !plural
                && !hyphen
                && t.is_word(k + 1)
                && !t.line_start(k + 1)
                && !crate::lex::is_function_word(nx)
                && !crate::lex::is_stop(nx)
                && !crate::starts_unit(nx)
                && mult_word(nx).is_none()
                && !matches!(nx, "more" | "less" | "fewer");
            if ordinal_use {
                return Parse::Skip(k + 1);
            }
            if plural || value == 1.0 {
                let mut v = value / d;
                let mut e = k + 1;
                let mut mm = 1.0;
                // "two thirds of a million", "three quarters billion"
                if t.w(e) == "of" && matches!(t.w(e + 1), "a" | "an") {
                    if let Some(m) = mult_word(t.w(e + 2)).filter(|m| *m >= 1e3) {
                        v *= m;
                        mm = m;
                        e += 3;
                    }
                } else if let Some(m) = mult_word(t.w(e)).filter(|m| *m >= 1e3) {
                    v *= m;
                    mm = m;
                    e += 1;
                }
                let mut n = mk(t0, e, sign * v, true, mm);
                n.base = sign * value / d;
                return Parse::Num(n);
            }
        }
    }
    // compound ordinals are not quantities: "twenty-first", "one hundred (and) fifth"
    if words {
        let mut k = j;
        if (t.is_p(k, '-') || t.is_p(k, '\u{2010}')) && t.adj(k + 1) || t.w(k) == "and" {
            k += 1;
        }
        let ord = ordinal_word(t.w(k)).filter(|(_, plural)| !plural);
        if let Some((ov, _)) = ord.or_else(|| (t.w(k) == "second").then_some((2.0, false))) {
            let tens_unit = prev == Prev::Tens && ov < 10.0 && t.w(j) != "and";
            let spelled = (t0..j).all(|x| !t.is_num(x));
            let after_scale = matches!(prev, Prev::Hundred) || prev == Prev::Big(1e3);
            if spelled && (tens_unit || after_scale && ov < 100.0) {
                return Parse::Skip(k + 1);
            }
        }
    }
    // "X and a half", "three and one fourth", "3 million and a half"
    if t.w(j) == "and" {
        if let Some((f, e)) = and_fraction(t, j + 1) {
            let mut e = e;
            let mut v = value;
            if let Some(m) = mult_word(t.w(e)).filter(|m| *m >= 1e3 && last_big.is_infinite()) {
                // "five and a half million"
                v = (v + f) * m;
                max_mult = m;
                e += 1;
            } else if let Some(m) = mult_word(t.w(e)).filter(|m| *m >= 1e3 && *m < last_big) {
                // "one billion and a half million"
                v += f * m;
                e += 1;
            } else if last_big.is_finite() && last_big >= 1e6 {
                v += f * last_big;
            } else {
                v += f;
            }
            let mut n = mk(t0, e, sign * v, true, max_mult);
            n.base = if max_mult > 1.0 {
                n.value / max_mult
            } else {
                n.value
            };
            return Parse::Num(n);
        }
    }
    let bare_one = words && atoms == 1 && value == 1.0 && t.w(t0) == "one" && j == t0 + 1;
    value *= sign;
    if base == 0.0 || max_mult <= 1.0 {
        base = value;
    } else {
        base *= sign;
    }
    Parse::Num(Numeral {
        t0,
        t1: j,
        value,
        plain: plain && atoms == 1,
        ndigits,
        vague: false,
        mult: max_mult,
        base,
        bare_one,
        bare_half: false,
        small_m,
    })
}

/// The first multiplier word within the next few numeral tokens.
fn next_mult(t: &Toks, k: usize) -> Option<f64> {
    let mut j = k;
    for _ in 0..4 {
        if let Some(m) = mult_word(t.w(j)) {
            return Some(m);
        }
        if small_word(t.w(j)).is_some() || t.is_p(j, '-') {
            j += 1;
            continue;
        }
        break;
    }
    None
}

/// After "and": would the next numeral reach a multiplier at least as big as `prev`?
fn and_starts_bigger(t: &Toks, k: usize, prev: Prev) -> bool {
    let lim = match prev {
        Prev::Hundred => 100.0,
        Prev::Big(m) => m,
        _ => return false,
    };
    let mut j = k;
    for _ in 0..6 {
        if let Some(m) = mult_word(t.w(j)) {
            return m >= lim;
        }
        if t.is_num(j)
            || small_word(t.w(j)).is_some()
            || t.is_p(j, '-')
            || t.is_p(j, ',')
            || t.is_p(j, '.')
        {
            j += 1;
            continue;
        }
        break;
    }
    false
}

/// "a half", "one half", "three quarters", "one fourth" after "and".
fn and_fraction(t: &Toks, k: usize) -> Option<(f64, usize)> {
    let (num, mut j) = match t.w(k) {
        "a" | "an" => (1.0, k + 1),
        _ => {
            let (v, _, e) = num_atom(t, k)?;
            if v <= 0.0 {
                return None;
            }
            (v, e)
        }
    };
    if t.is_p(j, '-') {
        j += 1;
    }
    let (d, plural) = denom_word(t.w(j))?;
    if num >= 20.0 && d < 100.0 {
        return None;
    }
    if plural == (num == 1.0) && !(num == 1.0 && plural) {
        return None;
    }
    Some((num / d, j + 1))
}
