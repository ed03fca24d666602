//! Fast, deterministic hashing for feature keys.
//!
//! Feature parts are folded into a `u64` one value at a time with the FxHash step (a rotate, an
//! xor and a multiply) and the result is finished with the SplitMix64 avalanche, so that both
//! the low bits (used as the slot in the model's open-addressing table) and the high bits (kept
//! as the slot's fingerprint) are well mixed. Nothing here depends on a random seed or on the
//! process: the same feature always hashes to the same key, on every platform.

/// The FxHash multiplier.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash step: folds `x` into the running hash `h`.
#[inline(always)]
pub fn add(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// The SplitMix64 finaliser: spreads every input bit over every output bit.
#[inline(always)]
pub fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes a string (its bytes, 8 at a time, then its length) starting from `seed`.
///
/// The result is finished (well mixed in every bit).
pub fn hash_str(seed: u64, s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = add(seed, 0x9e37_79b9_7f4a_7c15);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = add(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = add(h, u64::from_le_bytes(a));
    }
    finish(add(h, b.len() as u64))
}

/// A `std::hash::Hasher` built on the same FxHash step, for the crate's own hash maps
/// (deterministic, unlike std's `RandomState`).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    h: u64,
}

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        finish(self.h)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.h = add(self.h, u64::from(b));
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.h = add(self.h, i);
    }
    fn write_u32(&mut self, i: u32) {
        self.h = add(self.h, u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.h = add(self.h, u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.h = add(self.h, i as u64);
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// A deterministic hash map.
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// A small, seeded xorshift64* generator: deterministic shuffles for training.
#[derive(Debug, Clone)]
pub struct XorShift {
    state: u64,
}

impl XorShift {
    /// A generator from `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        let s = finish(seed ^ 0x2545_f491_4f6c_dd1d);
        XorShift {
            state: if s == 0 { 0x9e37_79b9_7f4a_7c15 } else { s },
        }
    }

    /// The next pseudo-random `u64`.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n` (`n > 0`), by multiply-shift (no modulo bias worth noting here).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Shuffles `v` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        assert_eq!(hash_str(1, "abc"), hash_str(1, "abc"));
        assert_ne!(hash_str(1, "abc"), hash_str(2, "abc"));
        assert_ne!(hash_str(1, "abc"), hash_str(1, "abd"));
        assert_ne!(hash_str(1, "abcdefgh"), hash_str(1, "abcdefgh\0"));
        let mut r = XorShift::new(7);
        let a: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        let mut r2 = XorShift::new(7);
        let b: Vec<u64> = (0..4).map(|_| r2.next_u64()).collect();
        assert_eq!(a, b);
    }
}
