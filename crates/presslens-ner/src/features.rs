//! Per-token extra features fed to the tagger: gazetteer matches (stage 1 and 2) and
//! document-level prediction history (stage 2, after Ratinov & Roth 2009).
//!
//! Every feature string is interned once in a static table, so a document's features are
//! `&'static str` references and building them allocates only the per-token lists.

use std::sync::OnceLock;

use crate::gazetteer::{token_hash, GazMatch, Gazetteer, IdMap, CAT_NAMES, N_CATS};

/// Coarse entity types used by the tagger's labels (index 0 is "outside").
pub(crate) const COARSE: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];

/// The label strings the tagger is trained with, besides `O`.
const POSITIONS: [&str; 4] = ["B", "I", "L", "U"];

struct Names {
    /// `gaz[cat * 4 + pos]`.
    gaz: Vec<String>,
    /// Stage-1 label of the token / previous / next token: `s1[k * 9 + label]`.
    s1: Vec<String>,
    /// Document history: any other occurrence with coarse type `t`.
    dh: Vec<String>,
    /// Majority coarse type of the other occurrences.
    dm: Vec<String>,
    /// Capitalised here, lower case elsewhere in the document.
    lc: String,
    /// Capitalised here, only ever capitalised elsewhere (and seen elsewhere).
    cap_only: String,
    /// Sentence-initial token.
    first: String,
}

/// The nine BIO labels over the coarse types, in a fixed order.
pub(crate) const BIO_LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

fn names() -> &'static Names {
    static N: OnceLock<Names> = OnceLock::new();
    N.get_or_init(|| {
        let mut gaz = Vec::new();
        for c in CAT_NAMES {
            for p in POSITIONS {
                gaz.push(format!("g:{c}:{p}"));
            }
        }
        let mut s1 = Vec::new();
        for k in ["s1", "s1p", "s1n"] {
            for l in BIO_LABELS {
                s1.push(format!("{k}:{l}"));
            }
        }
        Names {
            gaz,
            s1,
            dh: COARSE.iter().map(|t| format!("dh:{t}")).collect(),
            dm: COARSE.iter().map(|t| format!("dm:{t}")).collect(),
            lc: "d:lc".to_string(),
            cap_only: "d:caponly".to_string(),
            first: "first".to_string(),
        }
    })
}

/// Index of a BIO label in [`BIO_LABELS`] (0 for anything unknown).
pub(crate) fn bio_index(label: &str) -> usize {
    BIO_LABELS.iter().position(|l| *l == label).unwrap_or(0)
}

/// Coarse type index (into [`COARSE`]) of a BIO label index.
#[inline]
pub(crate) fn coarse_of(bio: usize) -> usize {
    bio.div_ceil(2)
}

/// Gazetteer features of one sentence into `out` (one list per token; lists are cleared).
pub(crate) fn gazetteer_features(
    gaz: &Gazetteer,
    toks: &[&str],
    hashes: &mut Vec<u64>,
    matches: &mut Vec<GazMatch>,
    out: &mut Vec<Vec<&'static str>>,
) {
    let n = toks.len();
    hashes.clear();
    hashes.extend(toks.iter().map(|t| token_hash(t)));
    gaz.matches_hashed(toks, hashes, matches);
    out.resize_with(n.max(out.len()), Vec::new);
    out.truncate(n);
    for v in out.iter_mut() {
        v.clear();
    }
    let nm = names();
    // One bit per (category, position), so overlapping matches do not repeat features.
    let mut bits = vec![0u64; n];
    for m in matches.iter() {
        for c in 0..N_CATS {
            if m.cats & (1 << c) == 0 {
                continue;
            }
            let base = c * 4;
            if m.end - m.start == 1 {
                bits[m.start] |= 1 << (base + 3);
            } else {
                bits[m.start] |= 1 << base;
                bits[m.end - 1] |= 1 << (base + 2);
                for b in bits.iter_mut().take(m.end - 1).skip(m.start + 1) {
                    *b |= 1 << (base + 1);
                }
            }
        }
    }
    for (i, b) in bits.iter().enumerate() {
        let mut b = *b;
        while b != 0 {
            let k = b.trailing_zeros() as usize;
            out[i].push(nm.gaz[k].as_str());
            b &= b - 1;
        }
    }
    if n > 0 {
        out[0].push(nm.first.as_str());
    }
}

fn has_upper(t: &str) -> bool {
    t.chars().any(char::is_uppercase)
}

fn lower_key(t: &str) -> u64 {
    token_hash(t)
}

/// Adds stage-2 document features to `feats` (`feats[s][i]` for token `i` of sentence `s`),
/// given the stage-1 BIO label indices `pred[s][i]` of the whole document. Returns, per
/// sentence, whether any token has document evidence (the same word elsewhere in the document).
pub(crate) fn document_features(
    doc: &[Vec<&str>],
    hashes: &[Vec<u64>],
    pred: &[Vec<u16>],
    feats: &mut [Vec<Vec<&'static str>>],
) -> Vec<bool> {
    let key = |s: usize, i: usize, t: &str| {
        hashes
            .get(s)
            .and_then(|h| h.get(i))
            .copied()
            .unwrap_or_else(|| lower_key(t))
    };
    let mut evidence = vec![false; doc.len()];
    let nm = names();
    // Case-insensitive key → counts per coarse type over capitalised occurrences, and whether
    // it occurs in lower case (not sentence-initially).
    #[derive(Default, Clone, Copy)]
    struct Stat {
        counts: [u32; 5],
        lower: bool,
    }
    let mut stats: IdMap<Stat> = IdMap::default();
    for (s, toks) in doc.iter().enumerate() {
        for (i, t) in toks.iter().enumerate() {
            let e = stats.entry(key(s, i, t)).or_default();
            if has_upper(t) {
                let y = pred.get(s).and_then(|p| p.get(i)).copied().unwrap_or(0) as usize;
                e.counts[coarse_of(y).min(4)] += 1;
            } else if i > 0 && t.chars().next().is_some_and(char::is_alphabetic) {
                e.lower = true;
            }
        }
    }
    for (s, toks) in doc.iter().enumerate() {
        let Some(fs) = feats.get_mut(s) else { continue };
        let p = pred.get(s).map(Vec::as_slice).unwrap_or(&[]);
        for (i, t) in toks.iter().enumerate() {
            let Some(f) = fs.get_mut(i) else { continue };
            let y = p.get(i).copied().unwrap_or(0) as usize;
            f.push(nm.s1[y.min(8)].as_str());
            let yp = if i > 0 {
                p.get(i - 1).copied().unwrap_or(0)
            } else {
                0
            } as usize;
            f.push(nm.s1[9 + yp.min(8)].as_str());
            let yn = p.get(i + 1).copied().unwrap_or(0) as usize;
            f.push(nm.s1[18 + yn.min(8)].as_str());
            if !has_upper(t) {
                continue;
            }
            let Some(st) = stats.get(&key(s, i, t)) else {
                continue;
            };
            let mut c = st.counts;
            let own = coarse_of(y).min(4);
            c[own] = c[own].saturating_sub(1);
            let total: u32 = c.iter().sum();
            // Stage 2 can only change something here if the word is an entity here (and occurs
            // elsewhere) or an entity elsewhere.
            let entity_elsewhere = c[1..].iter().any(|&v| v > 0);
            if entity_elsewhere || (own != 0 && (st.lower || total > 0)) {
                evidence[s] = true;
            }
            if st.lower {
                f.push(nm.lc.as_str());
            } else if total > 0 {
                f.push(nm.cap_only.as_str());
            }
            if total == 0 {
                continue;
            }
            let mut best = 0usize;
            let mut best_count = 0u32;
            for (k, &v) in c.iter().enumerate() {
                if v > 0 {
                    f.push(nm.dh[k].as_str());
                }
                if k > 0 && v > best_count {
                    best = k;
                    best_count = v;
                }
            }
            f.push(nm.dm[best].as_str());
        }
    }
    evidence
}
