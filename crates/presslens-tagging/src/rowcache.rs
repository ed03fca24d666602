//! Per-thread caches of word-only emission sums.
//!
//! About 20 of a token's 50–70 feature keys depend on the word alone (its form, affixes, shape,
//! flags, ambiguity class and cluster), and each is a cache-missing look-up in a table of
//! several megabytes. A word's sum over those keys is the same wherever it occurs, so the
//! decoder computes it once per word and thread and keeps it here; later occurrences copy one
//! contiguous row instead. Scores are integers, so the result is exactly what summing every
//! key gives (a unit test checks this against the uncached path).
//!
//! Each model has its own cache, found by the model's [`ModelUid`], which is new for every
//! model built, read or cloned (so a changed copy never sees another model's sums). A cache
//! holds at most [`BUDGET_BYTES`] of rows and [`MAX_ROWS`] words and is emptied when full; a
//! thread keeps at most [`MAX_CACHES`] caches and drops the least recently used.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static NEXT_UID: AtomicU64 = AtomicU64::new(1);
static ENABLED: AtomicBool = AtomicBool::new(true);

/// Bytes of cached rows per model and thread, at most. POS rows take 480 bytes, so the POS
/// cache holds up to 32 MB / 480 = 69,905 rows, capped at [`MAX_ROWS`] (about 15 MB); a
/// recogniser's rows take 64 bytes (2 MB at the cap). Until 2026-11-27 the budget was 2 MB
/// (4,369 POS rows), and tokenise+POS+NER ran slower (docs/measurements.md, "session 10").
pub const BUDGET_BYTES: usize = 32 << 20;
/// Words cached per model and thread, at most.
pub const MAX_ROWS: usize = 1 << 15;
/// Caches (models) per thread.
pub const MAX_CACHES: usize = 8;

/// The cache identity of a model's weights: unique per constructed, read or cloned model.
#[derive(Debug)]
pub(crate) struct ModelUid(pub(crate) u64);

impl ModelUid {
    /// A new identity.
    pub(crate) fn fresh() -> ModelUid {
        ModelUid(NEXT_UID.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for ModelUid {
    fn default() -> Self {
        Self::fresh()
    }
}

impl Clone for ModelUid {
    /// A clone may be changed afterwards (e.g. [`crate::Model::pruned`]), so it gets its own
    /// identity and cache.
    fn clone(&self) -> Self {
        Self::fresh()
    }
}

impl PartialEq for ModelUid {
    /// Not part of a model's value: two models with the same weights are equal.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Turns the word-sum caches on or off for the whole process (on by default). Tagging gives
/// the same labels either way; this exists for benchmarks and tests.
pub fn set_row_cache(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether the word-sum caches are in use.
pub fn row_cache_enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// One model's cached rows on one thread.
#[derive(Debug)]
pub(crate) struct RowCache {
    uid: u64,
    stride: usize,
    max_rows: usize,
    /// Open addressing on the word hash (0 = empty); capacity a power of two ≥ 2 × `max_rows`.
    keys: Vec<u64>,
    /// Row number of the key in the same slot.
    vals: Vec<u32>,
    /// `stride` scores per row.
    rows: Vec<i32>,
    n: usize,
    last_used: u64,
}

impl RowCache {
    fn new(uid: u64, stride: usize) -> RowCache {
        let max_rows = (BUDGET_BYTES / (4 * stride.max(1))).clamp(256, MAX_ROWS);
        let cap = (2 * max_rows).next_power_of_two();
        RowCache {
            uid,
            stride,
            max_rows,
            keys: vec![0; cap],
            vals: vec![0; cap],
            rows: Vec::new(),
            n: 0,
            last_used: 0,
        }
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        // Word hashes are well mixed; the high bits pick the home slot.
        (key >> 40) as usize & (self.keys.len() - 1)
    }

    /// The cached row of word hash `key` (never 0).
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<&[i32]> {
        if key == 0 {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                let r = self.vals[i] as usize * self.stride;
                return self.rows.get(r..r + self.stride);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Stores `row` (`stride` scores) for word hash `key` (never 0) unless it is there already;
    /// empties the cache first when it is full.
    pub(crate) fn insert(&mut self, key: u64, row: &[i32]) {
        if key == 0 || row.len() != self.stride {
            return;
        }
        if self.n >= self.max_rows {
            self.keys.fill(0);
            self.rows.clear();
            self.n = 0;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.keys[i] {
                0 => break,
                k if k == key => return,
                _ => i = (i + 1) & mask,
            }
        }
        self.keys[i] = key;
        self.vals[i] = self.n as u32;
        self.rows.extend_from_slice(row);
        self.n += 1;
    }
}

thread_local! {
    static CACHES: RefCell<(u64, Vec<RowCache>)> = const { RefCell::new((0, Vec::new())) };
}

/// Runs `f` with this thread's cache for model `uid` (rows of `stride` scores), creating it
/// (and dropping the least recently used one beyond [`MAX_CACHES`]) when needed.
pub(crate) fn with_cache<R>(uid: u64, stride: usize, f: impl FnOnce(&mut RowCache) -> R) -> R {
    CACHES.with(|c| {
        let mut guard = c.borrow_mut();
        let (tick, caches) = &mut *guard;
        *tick += 1;
        let pos = match caches
            .iter()
            .position(|x| x.uid == uid && x.stride == stride)
        {
            Some(p) => p,
            None => {
                if caches.len() >= MAX_CACHES {
                    if let Some((old, _)) =
                        caches.iter().enumerate().min_by_key(|(_, x)| x.last_used)
                    {
                        caches.swap_remove(old);
                    }
                }
                caches.push(RowCache::new(uid, stride));
                caches.len() - 1
            }
        };
        let cache = &mut caches[pos];
        cache.last_used = *tick;
        f(cache)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_and_empty_when_full() {
        let mut c = RowCache::new(1, 4);
        assert!(c.get(7).is_none());
        c.insert(7, &[1, 2, 3, 4]);
        c.insert(7, &[9, 9, 9, 9]); // already there: kept
        assert_eq!(c.get(7), Some(&[1, 2, 3, 4][..]));
        c.insert(0, &[1, 1, 1, 1]); // key 0 is never stored
        assert!(c.get(0).is_none());
        c.insert(8, &[1, 2]); // wrong width: ignored
        assert!(c.get(8).is_none());
        let max = c.max_rows;
        for k in 0..max as u64 {
            c.insert(1000 + (k << 40), &[k as i32; 4]);
        }
        // The cache filled up on the way and was emptied once.
        assert!(c.n < max);
        let last = 1000 + ((max as u64 - 1) << 40);
        assert_eq!(c.get(last), Some(&[max as i32 - 1; 4][..]));
    }

    #[test]
    fn clones_get_their_own_identity() {
        let a = ModelUid::fresh();
        let b = a.clone();
        assert_ne!(a.0, b.0);
        assert_eq!(a, b);
    }
}
