//! Releasing the pages of a model embedded in the binary once it has been parsed.
//!
//! Models are embedded with `include_bytes!` and copied into their own tables when loaded; the
//! embedded bytes are never read again. Their pages stay resident all the same (they count in
//! the process's resident set: about 60 MB for the shipped models), so after a model is parsed
//! its bytes are handed back with `madvise(MADV_DONTNEED)`. The bytes live in a read-only,
//! private mapping of the executable, so the kernel simply drops the pages; were they read
//! again, they would be paged back in from the file unchanged (the executable of a running
//! process cannot be written). Elsewhere than on Linux this does nothing.

/// Alignment of the released range: a multiple of every Linux page size (4, 16 or 64 KiB).
const ALIGN: usize = 64 << 10;

/// Tells the operating system that the embedded bytes `b` will not be needed again (see the
/// module documentation). Only whole aligned pages inside `b` are released. Reading `b`
/// afterwards still works and gives the same bytes.
pub fn release_embedded(b: &'static [u8]) {
    let start = (b.as_ptr() as usize).next_multiple_of(ALIGN);
    let end = (b.as_ptr() as usize + b.len()) / ALIGN * ALIGN;
    if end > start {
        advise_dontneed(start, end - start);
    }
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
fn advise_dontneed(addr: usize, len: usize) {
    unsafe extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
    }
    const MADV_DONTNEED: i32 = 4;
    // SAFETY: the range is whole pages inside a `&'static [u8]` embedded in the executable:
    // a read-only private file mapping, whose dropped pages are read back from the (unchanged)
    // file on the next access, so the bytes Rust sees never change. The result is ignored: on
    // failure the pages simply stay resident.
    unsafe {
        madvise(addr as *mut std::ffi::c_void, len, MADV_DONTNEED);
    }
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
fn advise_dontneed(_addr: usize, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    static BYTES: &[u8] = include_bytes!("../../../models/gazetteer.bin");

    #[test]
    fn released_bytes_read_back_the_same() {
        let before: u64 = BYTES.iter().map(|&b| u64::from(b)).sum();
        let copy = BYTES.to_vec();
        release_embedded(BYTES);
        let after: u64 = BYTES.iter().map(|&b| u64::from(b)).sum();
        assert_eq!(before, after);
        assert_eq!(copy, BYTES);
        // Small or empty slices are left alone.
        release_embedded(&BYTES[..10]);
        release_embedded(&[]);
    }
}
