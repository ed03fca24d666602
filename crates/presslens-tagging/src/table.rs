//! Word tables stored inside a model: word-cluster paths and ambiguity classes, keyed by word
//! hash, and the reader for Brown word-cluster files.

use std::io;
use std::path::Path;

/// An open-addressing table from a 64-bit word hash to a non-zero `u32`.
///
/// Each slot is `fingerprint << 32 | value` (0 = empty): the home slot comes from the hash's
/// high bits (multiply-shift, so the capacity need not be a power of two) and the fingerprint is
/// its low 32 bits. A 64-bit hash that is not in the table matches a stored fingerprint with a
/// probability of about 2^-32 per probe.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct WordTable {
    pub(crate) slots: Vec<u64>,
}

impl WordTable {
    /// Builds a table; the first value given for a key wins; zero values are skipped.
    pub(crate) fn from_pairs(pairs: &[(u64, u32)]) -> WordTable {
        let cap = (pairs.len() * 5 / 3 + 8).max(8);
        let mut t = WordTable {
            slots: vec![0; cap],
        };
        for &(k, v) in pairs {
            if v == 0 {
                continue;
            }
            let fp = k & 0xffff_ffff;
            let mut i = t.home(k);
            loop {
                let s = t.slots[i];
                if s == 0 {
                    t.slots[i] = (fp << 32) | u64::from(v);
                    break;
                }
                if s >> 32 == fp {
                    break;
                }
                i += 1;
                if i == cap {
                    i = 0;
                }
            }
        }
        t
    }

    #[inline(always)]
    fn home(&self, k: u64) -> usize {
        ((u128::from(k) * self.slots.len() as u128) >> 64) as usize
    }

    /// The value for a key, 0 when absent.
    #[inline]
    pub(crate) fn get(&self, k: u64) -> u32 {
        let cap = self.slots.len();
        let fp = k & 0xffff_ffff;
        let mut i = self.home(k);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return 0;
            }
            if s >> 32 == fp {
                return s as u32;
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
    }

    /// Starts loading the home slot of `k` (a hint; see [`WordTable::get`]).
    #[inline(always)]
    pub(crate) fn prefetch(&self, k: u64) {
        if let Some(s) = self.slots.get(self.home(k)) {
            crate::model::prefetch(s);
        }
    }

    /// Entries stored.
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|&&s| s != 0).count()
    }

    /// Checks a table read from a file: at least one empty slot (so look-ups end).
    pub(crate) fn valid(&self) -> bool {
        self.slots.contains(&0)
    }
}

/// Brown word clusters: each word's path in the cluster hierarchy.
///
/// Read from the usual text format (`bits TAB word [TAB count]`, one word a line, as written by
/// Liang's `wcluster`), most frequent words first when a word appears in several casings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordClusters {
    words: Vec<(String, u32)>,
}

/// Longest path kept (bits beyond it are dropped).
const MAX_PATH: usize = 27;

impl WordClusters {
    /// Parses cluster text. Lines that are not `bits TAB word …` are skipped.
    pub fn parse(text: &str) -> WordClusters {
        let mut words = Vec::new();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(bits), Some(word)) = (cols.next(), cols.next()) else {
                continue;
            };
            if bits.is_empty() || word.is_empty() || !bits.bytes().all(|b| b == b'0' || b == b'1') {
                continue;
            }
            words.push((word.to_string(), path_code(bits)));
        }
        WordClusters { words }
    }

    /// Reads a cluster file (see [`WordClusters::parse`]).
    pub fn read(path: &Path) -> io::Result<WordClusters> {
        Ok(WordClusters::parse(&std::fs::read_to_string(path)?))
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Words and path codes, in file order.
    pub(crate) fn words(&self) -> &[(String, u32)] {
        &self.words
    }
}

/// Encodes a bit path: bit `i` of the code is character `i` of the path, the length is in the
/// top 5 bits (so a code is never 0).
pub(crate) fn path_code(bits: &str) -> u32 {
    let b = bits.as_bytes();
    let n = b.len().min(MAX_PATH);
    let mut v = 0u32;
    for (i, &c) in b[..n].iter().enumerate() {
        if c == b'1' {
            v |= 1 << i;
        }
    }
    ((n as u32) << MAX_PATH) | v
}

/// The first `k` bits of a path code (the whole path when it is shorter), as a new code.
#[inline]
pub(crate) fn path_prefix(code: u32, k: u32) -> u32 {
    let len = code >> MAX_PATH;
    if len <= k {
        code
    } else {
        (k << MAX_PATH) | (code & ((1 << k) - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_paths() {
        let pairs: Vec<(u64, u32)> = (1..1000u64)
            .map(|i| (crate::hash::finish(i), i as u32))
            .collect();
        let t = WordTable::from_pairs(&pairs);
        for &(k, v) in &pairs {
            assert_eq!(t.get(k), v);
        }
        assert_eq!(t.get(crate::hash::finish(5000)), 0);
        assert_eq!(t.len(), 999);
        let c = path_code("0110");
        assert_eq!(path_prefix(c, 2), path_code("01"));
        assert_eq!(path_prefix(c, 8), c);
        let wc = WordClusters::parse("0110\tthe\t5\n1\ta\nbad line\n");
        assert_eq!(wc.len(), 2);
    }
}
