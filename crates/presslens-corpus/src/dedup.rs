//! Near-duplicate detection (MinHash with LSH banding over word shingles) and the signatures
//! story clustering uses.
//!
//! - Words are lowercased runs of letters and digits; a **shingle** is `SHINGLE` consecutive
//!   words. Two texts' resemblance is the Jaccard similarity of their shingle sets, estimated by
//!   the fraction of equal entries in their [`PERMS`]-entry MinHash signatures.
//! - **LSH**: the signature is cut into [`BANDS`] bands of [`ROWS`] rows; texts sharing a whole band
//!   are candidates (with 16×8 a pair at Jaccard 0.5 becomes a candidate with probability
//!   1-(1-0.5⁸)¹⁶ ≈ 0.06, at 0.8 ≈ 0.94… so banding is tuned below for the threshold in use).
//!   Candidates are then checked against the signature estimate.
//! - A second signature over the *set of content words* (unigrams minus stop words) estimates
//!   vocabulary overlap, the text-similarity part of story clustering.
//!
//! Hashing is FNV-1a followed by a 64-bit mixer, so signatures are stable across runs, machines
//! and Rust versions and can be stored.

use std::collections::HashMap;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Signature length.
pub const PERMS: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Rows per band (`BANDS * ROWS == PERMS`).
pub const ROWS: usize = 4;

/// A MinHash signature.
pub type Signature = Vec<u32>;

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Lowercased words (letters and digits) of a text.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "said",
    "she", "that", "the", "their", "they", "this", "to", "was", "we", "were", "which", "who",
    "will", "with", "would", "you", "s", "t", "also", "after", "more", "than", "about", "what",
    "there", "one", "all", "can", "if", "our", "so", "out", "up", "no", "into", "over", "says",
];

fn signature_of(hashes: impl Iterator<Item = u64>) -> Signature {
    let mut sig = vec![u32::MAX; PERMS];
    let mut any = false;
    for h in hashes {
        any = true;
        for (i, s) in sig.iter_mut().enumerate() {
            let v = (mix(h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            if v < *s {
                *s = v;
            }
        }
    }
    if !any {
        sig.clear();
    }
    sig
}

/// The shingle signature of a text (empty for a text without words).
pub fn shingle_signature(text: &str) -> Signature {
    let w = words(text);
    let n = if w.len() < SHINGLE { 1 } else { SHINGLE };
    let mut hs: Vec<u64> = w.windows(n).map(|g| fnv(g.join(" ").as_bytes())).collect();
    hs.sort_unstable();
    hs.dedup();
    signature_of(hs.into_iter())
}

/// The content-word signature of a text (vocabulary overlap; empty without content words).
pub fn word_signature(text: &str) -> Signature {
    let mut hs: Vec<u64> = words(text)
        .into_iter()
        .filter(|w| w.chars().count() > 2 && !STOP.contains(&w.as_str()))
        .map(|w| fnv(w.as_bytes()))
        .collect();
    hs.sort_unstable();
    hs.dedup();
    signature_of(hs.into_iter())
}

/// Estimated Jaccard similarity of two signatures (0 when either is empty).
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// Signature as bytes (little-endian) for storage.
pub fn to_bytes(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Signature from stored bytes.
pub fn from_bytes(b: &[u8]) -> Signature {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Pairs `(i, j)`, `i < j`, of signatures that share an LSH band (`rows` per band) and whose
/// estimated similarity is at least `threshold`.
pub fn similar_pairs(sigs: &[Signature], rows: usize, threshold: f64) -> Vec<(usize, usize, f64)> {
    let rows = rows.clamp(1, PERMS);
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, s) in sigs.iter().enumerate() {
        if s.len() != PERMS {
            continue;
        }
        for (b, band) in s.chunks(rows).enumerate() {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for v in band {
                h = mix(h ^ u64::from(*v));
            }
            buckets.entry((b, h)).or_default().push(i);
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for members in buckets.values() {
        if members.len() < 2 {
            continue;
        }
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let key = (i.min(j), i.max(j));
                if seen.insert(key) {
                    let s = similarity(&sigs[i], &sigs[j]);
                    if s >= threshold {
                        out.push((key.0, key.1, s));
                    }
                }
            }
        }
    }
    out.sort_by_key(|p| (p.0, p.1));
    out
}

/// Union-find over `n` items.
#[derive(Debug, Clone)]
pub struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    /// `n` singletons.
    pub fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }

    /// The representative of `i`'s group (the smallest member is not guaranteed).
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the groups of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }

    /// The groups with more than one member, each sorted, in order of their first member.
    pub fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.parent.len() {
            let r = self.find(i);
            by.entry(r).or_default().push(i);
        }
        let mut v: Vec<Vec<usize>> = by.into_values().filter(|g| g.len() > 1).collect();
        v.sort();
        v
    }
}

/// The default near-duplicate threshold on estimated shingle Jaccard.
pub const DUPLICATE_THRESHOLD: f64 = 0.5;

/// Groups of near-duplicate texts (indices into `texts`).
pub fn duplicate_groups(sigs: &[Signature], threshold: f64) -> Vec<Vec<usize>> {
    let mut g = Groups::new(sigs.len());
    for (i, j, _) in similar_pairs(sigs, ROWS, threshold) {
        g.union(i, j);
    }
    g.groups()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str =
        "Syrian President Bashar Assad thanked Russian leader Vladimir Putin for help in \
        the liberation of Aleppo, the Kremlin said on Saturday. The two leaders spoke by phone \
        and discussed the humanitarian situation in the city, where thousands of civilians were \
        evacuated during the week. Putin said the next step was a nationwide ceasefire.";

    #[test]
    fn edited_copy_is_similar_distinct_text_is_not() {
        let edited = A
            .replace("Saturday", "Friday")
            .replace(" Putin said the next step was a nationwide ceasefire.", "");
        let other = "Shares in European banks fell sharply on Monday as investors worried about \
            the outlook for interest rates and the health of lenders in Italy and Spain.";
        let (a, e, o) = (
            shingle_signature(A),
            shingle_signature(&edited),
            shingle_signature(other),
        );
        assert!(similarity(&a, &e) > 0.6, "{}", similarity(&a, &e));
        assert!(similarity(&a, &o) < 0.1);
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(from_bytes(&to_bytes(&a)), a);
        let groups = duplicate_groups(&[a, o, e], DUPLICATE_THRESHOLD);
        assert_eq!(groups, vec![vec![0, 2]]);
        assert!(shingle_signature("").is_empty());
        assert_eq!(similarity(&[], &[]), 0.0);
    }

    #[test]
    fn signatures_are_stable() {
        // Stored signatures must not change between builds: pin a few values.
        let s = shingle_signature("one two three four five");
        assert_eq!(s.len(), PERMS);
        assert_eq!(s, shingle_signature("One, two; three four five!"));
        assert_ne!(s, shingle_signature("one two three four six"));
    }
}
