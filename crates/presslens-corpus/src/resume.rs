//! Append-only line output that survives `kill -9`.
//!
//! A batch writes one complete line per record, in input order, and only appends. After a crash
//! the file is a run of complete lines, possibly followed by one torn (unterminated) line.
//! [`prepare`] cuts the torn tail off and reports how many records are complete and the id of
//! the last one, so the next run skips exactly that many items: no duplicates, no gaps.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

/// What an earlier run left in an output file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Complete records in the file.
    pub done: u64,
    /// The `id` of the last complete record.
    pub last_id: Option<String>,
    /// Bytes of a torn last line that were cut off.
    pub truncated: u64,
}

/// Reads an output file back for resuming: truncates a torn last line and counts the complete
/// records. A missing file is an empty one.
pub fn prepare(path: &Path) -> std::io::Result<Progress> {
    let file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Progress::default()),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut reader = BufReader::with_capacity(1 << 16, &file);
    let mut good_end = 0u64;
    let mut done = 0u64;
    let mut last_line = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        if buf.last() != Some(&b'\n') {
            break; // torn: no newline
        }
        good_end += n as u64;
        if buf.iter().any(|b| !b.is_ascii_whitespace()) {
            done += 1;
            std::mem::swap(&mut last_line, &mut buf);
        }
    }
    drop(reader);
    let truncated = len - good_end;
    if truncated > 0 {
        file.set_len(good_end)?;
    }
    let mut f = &file;
    f.seek(SeekFrom::End(0))?;
    let last_id = serde_json::from_slice::<serde_json::Value>(&last_line)
        .ok()
        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string));
    Ok(Progress {
        done,
        last_id,
        truncated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torn_tail_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        std::fs::write(&p, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"te").unwrap();
        let pr = prepare(&p).unwrap();
        assert_eq!(pr.done, 2);
        assert_eq!(pr.last_id.as_deref(), Some("b"));
        assert_eq!(pr.truncated, 13);
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"
        );
        assert_eq!(
            prepare(&dir.path().join("none")).unwrap(),
            Progress::default()
        );
    }
}
