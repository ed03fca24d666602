//! Context features for the attribution tagger, passed to the sequence labeller as per-token
//! extra feature strings (the labeller adds its own word, affix, shape and ±2-word features).
//!
//! Attribution spans are long, so most features describe where a token sits relative to things
//! far away in its sentence or paragraph: quotation marks (depth, and how the quotation is
//! introduced or closed), the nearest cue candidates on either side (distance, strength,
//! commas in between, `that` after the cue), colons, `according to`, position in the sentence,
//! paragraph-initial sentences, and, in the second pass, the first pass's predicted tags (the
//! token's, its neighbours', their trigram, the tag with the quotation state) and the nearest
//! predicted cues (distance, same sentence, their word).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::tokenize::{quote_kind, Segments};
use crate::{Role, Tag};

/// Learned cue strength of lower-cased word forms: how often a form was (part of) a cue in
/// training, as a bucket 1 (weak) ..= 5 (almost always a cue).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueLexicon {
    map: HashMap<String, u8>,
}

impl CueLexicon {
    /// Builds the lexicon from `(form, cue count, total count)` triples: forms seen at least
    /// `min_cue` times in cues with a smoothed cue rate `cue / (total + 2)` of at least 0.05.
    pub fn from_counts<'a>(
        counts: impl IntoIterator<Item = (&'a str, u32, u32)>,
        min_cue: u32,
    ) -> Self {
        let mut map = HashMap::new();
        for (w, cue, total) in counts {
            if cue < min_cue {
                continue;
            }
            let r = f64::from(cue) / (f64::from(total) + 2.0);
            let b = if r >= 0.8 {
                5
            } else if r >= 0.6 {
                4
            } else if r >= 0.4 {
                3
            } else if r >= 0.2 {
                2
            } else if r >= 0.05 {
                1
            } else {
                continue;
            };
            map.insert(w.to_string(), b);
        }
        CueLexicon { map }
    }

    /// Bucket of a lower-cased form (0: not a cue candidate).
    pub fn bucket(&self, lower: &str) -> u8 {
        self.map.get(lower).copied().unwrap_or(0)
    }

    /// Entries, sorted by form.
    pub fn entries(&self) -> Vec<(&str, u8)> {
        let mut v: Vec<(&str, u8)> = self.map.iter().map(|(k, &b)| (k.as_str(), b)).collect();
        v.sort();
        v
    }

    /// Inserts an entry.
    pub fn insert(&mut self, form: String, bucket: u8) {
        self.map.insert(form, bucket);
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No forms?
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Cue-candidate threshold: buckets at or above this count as candidates for distance features.
const CAND_MIN: u8 = 2;

const B: [&str; 6] = ["0", "1", "2", "3", "4", "5"];
const DB: [&str; 7] = ["1", "2", "3", "4", "7", "13", "26"];

fn dist_index(d: usize) -> usize {
    match d {
        0 | 1 => 0,
        2 => 1,
        3 => 2,
        4..=6 => 3,
        7..=12 => 4,
        13..=25 => 5,
        _ => 6,
    }
}

/// Pre-built feature names for distance features (built once, so tagging does not format
/// strings for them).
struct Names {
    /// `[side][dist]`: `L{d}`, `R{d}`.
    d: [[String; 7]; 2],
    /// `[side][dist][strength]`: `L{d}s{b}`.
    ds: [[[String; 6]; 7]; 2],
    /// `[side][dist][quoted]`: `L{d}Q` / `L{d}N`.
    dq: [[[String; 2]; 7]; 2],
    /// `[side][dist][same sentence]`: `PCL{d}s` / `PCL{d}o`.
    pc: [[[String; 2]; 7]; 2],
    /// First-pass tag trigrams `PT3={prev}|{tag}|{next}`, indexed by [`tag_index`] (8 = edge).
    pt3: Vec<String>,
    /// First-pass tag with the quotation state: `PTq={tag}|{0 or 1}`.
    ptq: [[String; 2]; 7],
}

/// Index of a tag in [`ALL_TAGS`]; `None` (past the window's edge) is 7.
fn tag_index(t: Option<Tag>) -> usize {
    match t {
        None => 7,
        Some(Tag::O) => 0,
        Some(Tag::B(r)) => 1 + 2 * r.index(),
        Some(Tag::I(r)) => 2 + 2 * r.index(),
    }
}

/// Tags in [`tag_index`] order.
const ALL_TAGS: [Tag; 7] = [
    Tag::O,
    Tag::B(Role::Source),
    Tag::I(Role::Source),
    Tag::B(Role::Cue),
    Tag::I(Role::Cue),
    Tag::B(Role::Content),
    Tag::I(Role::Content),
];

fn names() -> &'static Names {
    static N: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        let side = ["L", "R"];
        Names {
            d: std::array::from_fn(|k| std::array::from_fn(|i| format!("{}{}", side[k], DB[i]))),
            ds: std::array::from_fn(|k| {
                std::array::from_fn(|i| {
                    std::array::from_fn(|b| format!("{}{}s{}", side[k], DB[i], B[b]))
                })
            }),
            dq: std::array::from_fn(|k| {
                std::array::from_fn(|i| {
                    std::array::from_fn(|q| format!("{}{}{}", side[k], DB[i], ["N", "Q"][q]))
                })
            }),
            pc: std::array::from_fn(|k| {
                std::array::from_fn(|i| {
                    std::array::from_fn(|q| format!("PC{}{}{}", side[k], DB[i], ["o", "s"][q]))
                })
            }),
            pt3: {
                let name = |i: usize| ALL_TAGS.get(i).map_or("^", |t| t.as_str());
                let mut v = Vec::with_capacity(8 * 7 * 8);
                for a in 0..8 {
                    for b in 0..7 {
                        for c in 0..8 {
                            v.push(format!("PT3={}|{}|{}", name(a), name(b), name(c)));
                        }
                    }
                }
                v
            },
            ptq: std::array::from_fn(|t| {
                std::array::from_fn(|q| format!("PTq={}|{}", ALL_TAGS[t].as_str(), q))
            }),
        }
    })
}

fn s(x: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(x)
}

/// `PT=…` (k = 0), `PTm=…` (1), `PTp=…` (2) for a first-pass tag; `^` / `$` past the edges.
fn pt_name(k: usize, t: Option<Tag>) -> &'static str {
    const T: [[&str; 8]; 3] = [
        [
            "PT=O",
            "PT=B-SOURCE",
            "PT=I-SOURCE",
            "PT=B-CUE",
            "PT=I-CUE",
            "PT=B-CONTENT",
            "PT=I-CONTENT",
            "PT=^",
        ],
        [
            "PTm=O",
            "PTm=B-SOURCE",
            "PTm=I-SOURCE",
            "PTm=B-CUE",
            "PTm=I-CUE",
            "PTm=B-CONTENT",
            "PTm=I-CONTENT",
            "PTm=^",
        ],
        [
            "PTp=O",
            "PTp=B-SOURCE",
            "PTp=I-SOURCE",
            "PTp=B-CUE",
            "PTp=I-CUE",
            "PTp=B-CONTENT",
            "PTp=I-CONTENT",
            "PTp=$",
        ],
    ];
    T[k][tag_index(t)]
}

/// Computes the extra features of every token of one window (usually a paragraph).
///
/// `lower`: lower-cased words; `seg`: sentences of the window; `prev`: first-pass tags for the
/// second pass (None in the first pass).
pub fn extras(
    words: &[&str],
    lower: &[String],
    seg: &Segments,
    lex: &CueLexicon,
    prev: Option<&[Tag]>,
) -> Vec<Vec<Cow<'static, str>>> {
    let mut out: Vec<Vec<Cow<'static, str>>> =
        (0..words.len()).map(|_| Vec::with_capacity(32)).collect();
    extras_into(&mut out, words, lower, seg, lex, prev, true);
    out
}

/// Appends to `out` (one list per token, as from [`extras`] without `prev`) the features that
/// depend on the first-pass tags `prev`, so that `out` becomes what [`extras`] gives with
/// `prev` (feature order within a token does not matter to the labeller).
pub(crate) fn add_prev_extras(
    out: &mut [Vec<Cow<'static, str>>],
    words: &[&str],
    lower: &[String],
    seg: &Segments,
    lex: &CueLexicon,
    prev: &[Tag],
) {
    extras_into(out, words, lower, seg, lex, Some(prev), false);
}

/// Pushes the base features (when `base`) and the first-pass features (when `prev` is given)
/// of every token to `out`.
fn extras_into(
    out: &mut [Vec<Cow<'static, str>>],
    words: &[&str],
    lower: &[String],
    seg: &Segments,
    lex: &CueLexicon,
    prev: Option<&[Tag]>,
    base: bool,
) {
    let n = words.len();
    if n == 0 || out.len() < n || lower.len() < n || prev.is_some_and(|p| p.len() < n) {
        return;
    }
    // Cue candidates.
    let mut cand = vec![0u8; n];
    for i in 0..n {
        cand[i] = lex.bucket(&lower[i]);
        if lower[i] == "according" && i + 1 < n && lower[i + 1] == "to" {
            cand[i] = 5;
        }
    }
    // Sentence index of each token.
    let mut sent_of = vec![0usize; n];
    for (k, &(a, b)) in seg.sentences.iter().enumerate() {
        for x in sent_of.iter_mut().take(b.min(n)).skip(a) {
            *x = k;
        }
    }
    // Quotation regions (double quotes): (open, close) token indices, close = n if unclosed.
    let mut depth = vec![0u8; n];
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut region_of = vec![usize::MAX; n];
    {
        let mut open: Option<usize> = None;
        for i in 0..n {
            let q = quote_kind(words[i]);
            let opening = match q {
                Some(Some(o)) => Some(o),
                Some(None) => Some(open.is_none()),
                None => None,
            };
            match opening {
                Some(true) => {
                    if let Some(o) = open.take() {
                        regions.push((o, i));
                    }
                    open = Some(i);
                }
                Some(false) => {
                    if let Some(o) = open.take() {
                        regions.push((o, i));
                    }
                }
                None => {
                    if open.is_some() {
                        depth[i] = 1;
                    }
                }
            }
        }
        if let Some(o) = open {
            regions.push((o, n));
        }
        for (r, &(o, c)) in regions.iter().enumerate() {
            for x in region_of.iter_mut().take(c.min(n - 1) + 1).skip(o) {
                *x = r;
            }
        }
    }
    // Per-region features.
    let mut region_feats: Vec<Vec<&'static str>> = Vec::with_capacity(regions.len());
    for &(o, c) in &regions {
        let mut f = Vec::new();
        let so = seg.sentences.get(sent_of[o]).map_or(0, |x| x.0);
        if o == so || (o > so && o == so + 1 && matches!(words[so], "(" | "—" | "-")) {
            f.push("Qss");
        }
        if c >= n {
            f.push("Qopen");
        } else {
            let sc = seg.sentences.get(sent_of[c]).map_or(n, |x| x.1);
            let mut k = c + 1;
            while k < sc && matches!(words[k], "." | "," | "!" | "?" | "’" | "'") {
                k += 1;
            }
            if k >= sc {
                f.push("Qse");
            }
            if c > 0 && words[c - 1] == "," {
                f.push("Qcomma");
            }
            let after = (c + 1..(c + 5).min(n)).find(|&j| cand[j] >= CAND_MIN);
            if let Some(j) = after {
                f.push(if j - c <= 2 { "Qfc1" } else { "Qfc3" });
            }
            let len = c - o;
            f.push(match len {
                0..=3 => "Ql1",
                4..=6 => "Ql4",
                7..=15 => "Ql7",
                _ => "Ql16",
            });
            if sent_of[c] != sent_of[o] {
                f.push("Qmulti");
            }
        }
        let before = (o.saturating_sub(4)..o)
            .rev()
            .find(|&j| cand[j] >= CAND_MIN);
        if let Some(j) = before {
            f.push(if o - j <= 2 { "Qpc1" } else { "Qpc3" });
        }
        if o > 0 && words[o - 1] == ":" {
            f.push("Qcolon");
        }
        if o > 0 && words[o - 1] == "," {
            f.push("Qpcomma");
        }
        let para = sent_of[o] == 0 || seg.para_start.get(sent_of[o]).copied().unwrap_or(false);
        if para && o == seg.sentences.get(sent_of[o]).map_or(0, |x| x.0) {
            f.push("Qpara");
        }
        region_feats.push(f);
    }

    // Previous-pass info.
    // Nearest predicted cue token before / after each token (second pass).
    let (mut pcl, mut pcr) = (vec![None; 0], vec![None; 0]);
    if let Some(p) = prev {
        pcl = vec![None; n];
        pcr = vec![None; n];
        let mut last = None;
        for i in 0..n {
            pcl[i] = last;
            if p[i].role() == Some(Role::Cue) {
                last = Some(i);
            }
        }
        last = None;
        for i in (0..n).rev() {
            pcr[i] = last;
            if p[i].role() == Some(Role::Cue) {
                last = Some(i);
            }
        }
    }

    let nm = names();
    for (k, &(sa, sb)) in seg.sentences.iter().enumerate() {
        let sb = sb.min(n);
        if sa >= sb {
            continue;
        }
        let len = sb - sa;
        let sl = match len {
            0..=5 => "SL0",
            6..=12 => "SL6",
            13..=25 => "SL13",
            26..=40 => "SL26",
            _ => "SL41",
        };
        let para_first = seg.para_start.get(k).copied().unwrap_or(false) || k == 0;
        let has_cand = (sa..sb).any(|j| cand[j] >= CAND_MIN);
        let prev_cand = k > 0 && {
            let (a, b) = seg.sentences[k - 1];
            (a..b.min(n)).any(|j| cand[j] >= CAND_MIN)
        };
        let next_cand = k + 1 < seg.sentences.len() && {
            let (a, b) = seg.sentences[k + 1];
            (a..b.min(n)).any(|j| cand[j] >= CAND_MIN)
        };
        let colon = (sa..sb).find(|&j| words[j] == ":");
        let acc = (sa..sb).find(|&j| lower[j] == "according");
        // Nearest candidates.
        let mut left: Vec<Option<usize>> = vec![None; len];
        let mut last = None;
        for i in sa..sb {
            left[i - sa] = last;
            if cand[i] >= CAND_MIN {
                last = Some(i);
            }
        }
        let mut right: Vec<Option<usize>> = vec![None; len];
        let mut last = None;
        for i in (sa..sb).rev() {
            right[i - sa] = last;
            if cand[i] >= CAND_MIN {
                last = Some(i);
            }
        }
        // Predicted cues (second pass), nearest within the window.
        for i in sa..sb {
            let f = &mut out[i];
            let inq = depth[i] > 0;
            if base {
                f.push(s(if inq { "Q" } else { "N" }));
                if let Some(Some(o)) = quote_kind(words[i]) {
                    f.push(s(if o { "QO" } else { "QC" }));
                } else if words[i] == "\"" {
                    f.push(s("QS"));
                }
                if region_of[i] != usize::MAX {
                    for &x in &region_feats[region_of[i]] {
                        f.push(s(x));
                    }
                }
                if i == sa {
                    f.push(s("SB"));
                }
                if i + 1 == sb {
                    f.push(s("SE"));
                }
                f.push(s(
                    ["SP0", "SP1", "SP2", "SP3", "SP4"][((i - sa) * 5 / len).min(4)]
                ));
                f.push(s(sl));
                if para_first {
                    f.push(s("P1"));
                }
                f.push(s(if has_cand { "HC" } else { "NC" }));
                if prev_cand {
                    f.push(s("PSC"));
                }
                if next_cand {
                    f.push(s("NSC"));
                }
                let c = cand[i];
                if c > 0 {
                    f.push(s(["", "CC1", "CC2", "CC3", "CC4", "CC5"][c as usize]));
                }
                if let Some(cj) = colon {
                    f.push(s(if cj < i {
                        "COLl"
                    } else if cj > i {
                        "COLr"
                    } else {
                        "COL"
                    }));
                }
                if let Some(aj) = acc {
                    f.push(s(if aj < i {
                        "ACl"
                    } else if aj > i {
                        "ACr"
                    } else {
                        "AC"
                    }));
                }
                match left[i - sa] {
                    Some(j) => {
                        let d = dist_index(i - j);
                        f.push(Cow::Borrowed(nm.d[0][d].as_str()));
                        f.push(Cow::Borrowed(nm.ds[0][d][cand[j].min(5) as usize].as_str()));
                        f.push(Cow::Borrowed(nm.dq[0][d][usize::from(inq)].as_str()));
                        f.push(Cow::Owned(format!("Lw={}", lower[j])));
                        if (j + 1..i).any(|x| words[x] == ",") {
                            f.push(s("Lc"));
                        }
                        if j + 1 < i && lower[j + 1] == "that" {
                            f.push(s("Lthat"));
                        }
                        if i - j <= 3 {
                            f.push(Cow::Owned(format!("wL{}={}", i - j, lower[i])));
                        }
                    }
                    None => f.push(s("L-")),
                }
                match right[i - sa] {
                    Some(j) => {
                        let d = dist_index(j - i);
                        f.push(Cow::Borrowed(nm.d[1][d].as_str()));
                        f.push(Cow::Borrowed(nm.ds[1][d][cand[j].min(5) as usize].as_str()));
                        f.push(Cow::Borrowed(nm.dq[1][d][usize::from(inq)].as_str()));
                        f.push(Cow::Owned(format!("Rw={}", lower[j])));
                        if (i + 1..j).any(|x| words[x] == ",") {
                            f.push(s("Rc"));
                        }
                        if j - i <= 3 {
                            f.push(Cow::Owned(format!("wR{}={}", j - i, lower[i])));
                        }
                    }
                    None => f.push(s("R-")),
                }
            }
            if let Some(p) = prev {
                f.push(s(pt_name(0, Some(p[i]))));
                f.push(s(pt_name(1, if i > 0 { Some(p[i - 1]) } else { None })));
                f.push(s(pt_name(2, p.get(i + 1).copied())));
                // nearest predicted cue left / right in the window
                // Tag trigram and the tag with the quotation state.
                let (ta, tb, tc) = (
                    tag_index(if i > 0 { Some(p[i - 1]) } else { None }),
                    tag_index(Some(p[i])).min(6),
                    tag_index(p.get(i + 1).copied()),
                );
                if let Some(x) = nm.pt3.get((ta * 7 + tb) * 8 + tc) {
                    f.push(Cow::Borrowed(x.as_str()));
                }
                f.push(Cow::Borrowed(nm.ptq[tb][usize::from(inq)].as_str()));
                match pcl[i] {
                    Some(j) => {
                        let same = usize::from(sent_of[j] == k);
                        f.push(Cow::Borrowed(nm.pc[0][dist_index(i - j)][same].as_str()));
                        if same == 1 {
                            f.push(Cow::Owned(format!("PCLw={}", lower[j])));
                        }
                    }
                    None => f.push(s("PCL-")),
                }
                match pcr[i] {
                    Some(j) => {
                        let same = usize::from(sent_of[j] == k);
                        f.push(Cow::Borrowed(nm.pc[1][dist_index(j - i)][same].as_str()));
                        if same == 1 {
                            f.push(Cow::Owned(format!("PCRw={}", lower[j])));
                        }
                    }
                    None => f.push(s("PCR-")),
                }
                let src_l = (sa..i).any(|j| p[j].role() == Some(Role::Source));
                let src_r = (i + 1..sb).any(|j| p[j].role() == Some(Role::Source));
                if src_l {
                    f.push(s("PSl"));
                }
                if src_r {
                    f.push(s("PSr"));
                }
            }
        }
    }
}
