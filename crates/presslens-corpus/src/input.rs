//! Finding and reading the articles of a corpus, lazily and with bounded memory.
//!
//! An input argument is a file or a directory. Directories are walked recursively in sorted
//! order (so two runs over the same tree see the same sequence, which `--resume` relies on) and
//! keep the files whose names end in `.txt`, `.text`, `.html`, `.htm`, `.jsonl`, `.ndjson`, or a
//! JSON Lines name followed by `.gz` or `.zst`. A file named directly is always read; its kind
//! comes from its name (JSON Lines, possibly compressed) or else from its content (HTML or text).
//!
//! Every article becomes one [`Item`] with a stable [`Item::id`]: the JSON Lines record's `id`
//! (or `INPUT:LINE` when the record has none, or the line cannot be parsed), and for a file its
//! path relative to the directory argument it was found under (or the path as given).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What an item carries to the analyser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// A whole file's bytes (text or HTML; intake decides).
    File(Vec<u8>),
    /// One JSON Lines record (the line, decoded lossily as UTF-8).
    Record(String),
    /// The input could not be read or is over the size limit: becomes an error record.
    Failed(String),
}

/// One article of the corpus, before analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Position in the input sequence, from 0.
    pub seq: u64,
    /// Stable identifier written into the output (`id`).
    pub id: String,
    /// The file the item came from, as named on the command line or found under a directory.
    pub input: String,
    /// The 1-based line for JSON Lines records.
    pub line: Option<usize>,
    /// What to analyse.
    pub payload: Payload,
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// One article per file (text or HTML).
    Article,
    /// JSON Lines, uncompressed.
    Jsonl,
    /// JSON Lines, gzip-compressed.
    JsonlGz,
    /// JSON Lines, Zstandard-compressed.
    JsonlZst,
}

/// The kind of a file by its name, or `None` for a name a directory walk skips.
pub fn kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let jsonl = |stem: &str| stem.ends_with(".jsonl") || stem.ends_with(".ndjson");
    if jsonl(&name) {
        Some(FileKind::Jsonl)
    } else if let Some(stem) = name.strip_suffix(".gz") {
        jsonl(stem).then_some(FileKind::JsonlGz)
    } else if let Some(stem) = name.strip_suffix(".zst") {
        jsonl(stem).then_some(FileKind::JsonlZst)
    } else if [".txt", ".text", ".html", ".htm"]
        .iter()
        .any(|e| name.ends_with(e))
    {
        Some(FileKind::Article)
    } else {
        None
    }
}

/// One file to read, with the id prefix it gets.
#[derive(Debug, Clone)]
struct FileRef {
    path: PathBuf,
    /// Display name (used in error records and as `input`).
    name: String,
    /// Id for a one-article file.
    id: String,
    kind: FileKind,
}

/// Lists the files of the inputs in a stable order. Unreadable directories and missing inputs
/// come back as `Err((name, message))` entries in place, so that they get an error record.
fn list_files(inputs: &[String]) -> Vec<Result<FileRef, (String, String)>> {
    let mut out = Vec::new();
    for arg in inputs {
        let p = Path::new(arg);
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut out);
            files.sort();
            for f in files {
                let Some(kind) = kind_of(&f) else { continue };
                let rel = f
                    .strip_prefix(p)
                    .unwrap_or(&f)
                    .to_string_lossy()
                    .into_owned();
                out.push(Ok(FileRef {
                    name: f.to_string_lossy().into_owned(),
                    path: f,
                    id: rel,
                    kind,
                }));
            }
        } else if p.exists() {
            out.push(Ok(FileRef {
                path: p.to_path_buf(),
                name: arg.clone(),
                id: arg.clone(),
                kind: kind_of(p).unwrap_or(FileKind::Article),
            }));
        } else {
            out.push(Err((
                arg.clone(),
                format!("{arg}: no such file or directory"),
            )));
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errs: &mut Vec<Result<FileRef, (String, String)>>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            let n = dir.to_string_lossy().into_owned();
            errs.push(Err((n.clone(), format!("{n}: cannot read directory: {e}"))));
            return;
        }
    };
    for entry in rd.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files, errs),
            Ok(t) if t.is_file() => files.push(path),
            // Symlinks: follow to files only (no directory cycles).
            Ok(_) if path.is_file() => files.push(path),
            _ => {}
        }
    }
}

/// Reads one line of at most `cap` bytes (without the `\n`). Longer lines are consumed whole but
/// only their length is kept: returns `Ok(None)` at end of input, `Ok(Some(Err(len)))` for an
/// over-long line.
fn read_line_capped(
    r: &mut dyn BufRead,
    cap: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Result<(), usize>>> {
    buf.clear();
    let mut len = 0usize;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (&avail[..i], Some(i + 1)),
            None => (avail, None),
        };
        len += chunk.len();
        if len <= cap {
            buf.extend_from_slice(chunk);
        }
        let used = done.unwrap_or(avail.len());
        r.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    Ok(Some(if len > cap { Err(len) } else { Ok(()) }))
}

/// A lazy iterator over every article of the inputs, in a stable order.
pub struct Items {
    files: std::vec::IntoIter<Result<FileRef, (String, String)>>,
    current: Option<(FileRef, Box<dyn BufRead + Send>, usize)>,
    max_bytes: usize,
    seq: u64,
    buf: Vec<u8>,
}

impl Items {
    /// Iterates over the articles of `inputs` (files and directories). Articles (files, or JSON
    /// Lines records) larger than `max_bytes` become [`Payload::Failed`] without being read whole.
    pub fn new(inputs: &[String], max_bytes: usize) -> Items {
        Items {
            files: list_files(inputs).into_iter(),
            current: None,
            max_bytes,
            seq: 0,
            buf: Vec::new(),
        }
    }

    fn item(&mut self, id: String, input: &str, line: Option<usize>, payload: Payload) -> Item {
        let seq = self.seq;
        self.seq += 1;
        Item {
            seq,
            id,
            input: input.to_string(),
            line,
            payload,
        }
    }

    fn open(&self, f: &FileRef) -> std::io::Result<Box<dyn BufRead + Send>> {
        let file = File::open(&f.path)?;
        Ok(match f.kind {
            FileKind::JsonlGz => Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(BufReader::new(file)),
            )),
            FileKind::JsonlZst => Box::new(BufReader::with_capacity(
                1 << 16,
                zstd::stream::read::Decoder::new(file)?,
            )),
            _ => Box::new(BufReader::with_capacity(1 << 16, file)),
        })
    }

    fn read_article(&mut self, f: FileRef) -> Item {
        let payload = match std::fs::metadata(&f.path) {
            Ok(m) if m.len() > self.max_bytes as u64 => Payload::Failed(format!(
                "{}: {} bytes is over the limit of {} bytes",
                f.name,
                m.len(),
                self.max_bytes
            )),
            Ok(_) => match File::open(&f.path) {
                Ok(file) => {
                    // Read at most one byte past the limit, in case the file grew.
                    let mut bytes = Vec::new();
                    match file.take(self.max_bytes as u64 + 1).read_to_end(&mut bytes) {
                        Ok(n) if n > self.max_bytes => Payload::Failed(format!(
                            "{}: over the limit of {} bytes",
                            f.name, self.max_bytes
                        )),
                        Ok(_) => Payload::File(bytes),
                        Err(e) => Payload::Failed(format!("{}: cannot read: {e}", f.name)),
                    }
                }
                Err(e) => Payload::Failed(format!("{}: cannot read: {e}", f.name)),
            },
            Err(e) => Payload::Failed(format!("{}: cannot read: {e}", f.name)),
        };
        self.item(f.id.clone(), &f.name, None, payload)
    }
}

/// The `id` of a JSON Lines record if it has a string or number one.
fn record_id(line: &str) -> Option<String> {
    presslens::intake::jsonl::salvage_id(line)
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((f, mut reader, mut line_no)) = self.current.take() {
                let mut buf = std::mem::take(&mut self.buf);
                let res = read_line_capped(reader.as_mut(), self.max_bytes, &mut buf);
                line_no += 1;
                let item = match res {
                    Ok(None) => {
                        self.buf = buf;
                        continue; // file done
                    }
                    Ok(Some(Err(len))) => {
                        let id = format!("{}:{line_no}", f.id);
                        let msg = format!(
                            "{}:{line_no}: record of {len} bytes is over the limit of {} bytes",
                            f.name, self.max_bytes
                        );
                        Some(self.item(id, &f.name, Some(line_no), Payload::Failed(msg)))
                    }
                    Ok(Some(Ok(()))) => {
                        let text = String::from_utf8_lossy(&buf);
                        let text = text.trim_start_matches('\u{feff}').trim();
                        if text.is_empty() {
                            None
                        } else {
                            let id =
                                record_id(text).unwrap_or_else(|| format!("{}:{line_no}", f.id));
                            let payload = Payload::Record(text.to_string());
                            Some(self.item(id, &f.name, Some(line_no), payload))
                        }
                    }
                    Err(e) => {
                        // A read error (e.g. a corrupt compressed stream) ends the file.
                        let id = format!("{}:{line_no}", f.id);
                        let msg = format!("{}:{line_no}: cannot read: {e}", f.name);
                        self.buf = buf;
                        return Some(self.item(id, &f.name, Some(line_no), Payload::Failed(msg)));
                    }
                };
                self.buf = buf;
                self.current = Some((f, reader, line_no));
                if let Some(item) = item {
                    return Some(item);
                }
                continue;
            }
            match self.files.next()? {
                Err((name, msg)) => {
                    return Some(self.item(name.clone(), &name, None, Payload::Failed(msg)))
                }
                Ok(f) if f.kind == FileKind::Article => return Some(self.read_article(f)),
                Ok(f) => match self.open(&f) {
                    Ok(r) => self.current = Some((f, r, 0)),
                    Err(e) => {
                        let msg = format!("{}: cannot read: {e}", f.name);
                        return Some(self.item(f.id.clone(), &f.name, None, Payload::Failed(msg)));
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(kind_of(Path::new("a/b.JSONL.gz")), Some(FileKind::JsonlGz));
        assert_eq!(kind_of(Path::new("b.ndjson.zst")), Some(FileKind::JsonlZst));
        assert_eq!(kind_of(Path::new("b.jsonl")), Some(FileKind::Jsonl));
        assert_eq!(kind_of(Path::new("b.htm")), Some(FileKind::Article));
        assert_eq!(kind_of(Path::new("b.txt.gz")), None);
        assert_eq!(kind_of(Path::new("README")), None);
    }

    #[test]
    fn capped_lines() {
        let data = b"short\nthis line is long\n\nlast";
        let mut r: &[u8] = data;
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(res) = read_line_capped(&mut r, 6, &mut buf).unwrap() {
            got.push(res.map(|_| String::from_utf8_lossy(&buf).into_owned()));
        }
        assert_eq!(
            got,
            vec![
                Ok("short".into()),
                Err(17),
                Ok(String::new()),
                Ok("last".into())
            ]
        );
    }
}
