//! Parquet output: a batch run as analysis-ready tables (`presslens batch --format parquet`).
//!
//! A run writes one directory with six files, all keyed by the article's position in the run
//! (`seq`, unique) and its id (`article`, as in the JSON Lines output):
//!
//! | file | one row per |
//! |---|---|
//! | `articles.parquet` | input article, error records included (`error` set, layers empty) |
//! | `entities.parquet` | entity mention (with its cluster's id, type and name) |
//! | `attributions.parquet` | attributed statement (content span, cue, source, source name/type) |
//! | `quantities.parquet` | figure |
//! | `timexes.parquet` | date or time expression |
//! | `framing.parquet` | framing word or phrase |
//!
//! Offsets (`start`, `end`) are the `presslens/1` ones: Unicode code points into the article's
//! `text` (a column of `articles.parquet`), end exclusive. Layer item keys that have no column
//! of their own are kept as a JSON object in `extra`, so later additions to a layer are never lost.
//!
//! **Streaming.** Rows are buffered per table and written as a row group once a table holds
//! [`ParquetOptions::max_rows`] rows or about [`ParquetOptions::max_bytes`] of text, so memory
//! stays bounded whatever the corpus size. Files are written as `NAME.parquet.partial` and renamed
//! by [`ParquetWriter::finish`]: an interrupted run leaves no file that looks complete.

use crate::batch::Record;
use ::parquet::basic::Compression;
use ::parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use ::parquet::file::properties::WriterProperties;
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use ::parquet::file::writer::SerializedFileWriter;
use ::parquet::record::Field;
use ::parquet::schema::parser::parse_message_type;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The tables of a Parquet run, in the order they are described above.
pub const TABLES: [&str; 6] = [
    "articles",
    "entities",
    "attributions",
    "quantities",
    "timexes",
    "framing",
];

/// The path of table `name` in the output directory `dir`.
pub fn table_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.parquet"))
}

/// Row-group limits of a [`ParquetWriter`].
#[derive(Debug, Clone, Copy)]
pub struct ParquetOptions {
    /// Most rows buffered per table before a row group is written.
    pub max_rows: usize,
    /// Most bytes of string data (roughly) buffered per table before a row group is written.
    pub max_bytes: usize,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions {
            max_rows: 8192,
            max_bytes: 16 << 20,
        }
    }
}

/// Column types used by the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Int,
    Float,
    StrList,
}

/// One value of a row.
enum Cell {
    Str(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    List(Vec<String>),
}

/// A table's columns: name and type.
type Columns = &'static [(&'static str, Kind)];

const ARTICLE_COLUMNS: Columns = &[
    ("seq", Kind::Int),
    ("article", Kind::Str),
    ("input", Kind::Str),
    ("line", Kind::Int),
    ("error", Kind::Str),
    ("title", Kind::Str),
    ("published", Kind::Str),
    ("updated", Kind::Str),
    ("outlet", Kind::Str),
    ("url", Kind::Str),
    ("place", Kind::Str),
    ("authors", Kind::StrList),
    ("chars", Kind::Int),
    ("words", Kind::Int),
    ("body_words", Kind::Int),
    ("sentences", Kind::Int),
    ("paragraphs", Kind::Int),
    ("entities", Kind::Int),
    ("mentions", Kind::Int),
    ("attributions", Kind::Int),
    ("distancing", Kind::Int),
    ("timexes", Kind::Int),
    ("quantities", Kind::Int),
    ("framing", Kind::Int),
    ("sources", Kind::Int),
    ("text", Kind::Str),
];

const ENTITY_COLUMNS: Columns = &[
    ("seq", Kind::Int),
    ("article", Kind::Str),
    ("entity", Kind::Str),
    ("type", Kind::Str),
    ("name", Kind::Str),
    ("affiliation", Kind::Str),
    ("kind", Kind::Str),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Str),
    ("extra", Kind::Str),
];

const ATTRIBUTION_COLUMNS: Columns = &[
    ("seq", Kind::Int),
    ("article", Kind::Str),
    ("attribution", Kind::Str),
    ("kind", Kind::Str),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Str),
    ("cue_start", Kind::Int),
    ("cue_end", Kind::Int),
    ("cue", Kind::Str),
    ("source_start", Kind::Int),
    ("source_end", Kind::Int),
    ("source", Kind::Str),
    ("source_entity", Kind::Str),
    ("source_name", Kind::Str),
    ("source_type", Kind::Str),
    ("via", Kind::Str),
    ("extra", Kind::Str),
];

const QUANTITY_COLUMNS: Columns = &[
    ("seq", Kind::Int),
    ("article", Kind::Str),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Str),
    ("value", Kind::Float),
    ("high", Kind::Float),
    ("bound", Kind::Str),
    ("unit", Kind::Str),
    ("count_type", Kind::Str),
    ("object", Kind::Str),
    ("attribution", Kind::Str),
    ("extra", Kind::Str),
];

const TIMEX_COLUMNS: Columns = &[
    ("seq", Kind::Int),
    ("article", Kind::Str),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Str),
    ("type", Kind::Str),
    ("value", Kind::Str),
    ("mod", Kind::Str),
    ("extra", Kind::Str),
];

const FRAMING_COLUMNS: Columns = &[
    ("seq", Kind::Int),
    ("article", Kind::Str),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Str),
    ("category", Kind::Str),
    ("voice", Kind::Str),
    ("target", Kind::Str),
    ("extra", Kind::Str),
];

fn columns_of(table: &str) -> Columns {
    match table {
        "articles" => ARTICLE_COLUMNS,
        "entities" => ENTITY_COLUMNS,
        "attributions" => ATTRIBUTION_COLUMNS,
        "quantities" => QUANTITY_COLUMNS,
        "timexes" => TIMEX_COLUMNS,
        _ => FRAMING_COLUMNS,
    }
}

/// The Parquet schema of table `name` (one of [`TABLES`]), in Parquet's message-type
/// syntax: `seq` is a required int64, every other column optional; strings are UTF-8 binary,
/// integers int64, numbers double, and `authors` a standard three-level LIST of strings.
pub fn message_type(name: &str) -> String {
    let mut out = format!("message {name} {{\n");
    for &(col, kind) in columns_of(name) {
        let line = match (col, kind) {
            ("seq", _) => "  required int64 seq;".to_string(),
            (_, Kind::Str) => format!("  optional binary {col} (UTF8);"),
            (_, Kind::Int) => format!("  optional int64 {col};"),
            (_, Kind::Float) => format!("  optional double {col};"),
            (_, Kind::StrList) => format!(
                "  optional group {col} (LIST) {{ repeated group list {{ optional binary element (UTF8); }} }}"
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push('}');
    out
}

/// One column's buffered values with their definition (and, for lists, repetition) levels.
enum Column {
    /// The required `seq` column: values only.
    Seq(Vec<i64>),
    Str(Vec<ByteArray>, Vec<i16>),
    Int(Vec<i64>, Vec<i16>),
    Float(Vec<f64>, Vec<i16>),
    List(Vec<ByteArray>, Vec<i16>, Vec<i16>),
}

impl Column {
    fn new(name: &str, kind: Kind) -> Self {
        match kind {
            _ if name == "seq" => Column::Seq(Vec::new()),
            Kind::Str => Column::Str(Vec::new(), Vec::new()),
            Kind::Int => Column::Int(Vec::new(), Vec::new()),
            Kind::Float => Column::Float(Vec::new(), Vec::new()),
            Kind::StrList => Column::List(Vec::new(), Vec::new(), Vec::new()),
        }
    }

    /// Appends `cell`; returns the string bytes added. A cell of the wrong type is a null.
    fn push(&mut self, cell: Cell) -> usize {
        match (self, cell) {
            (Column::Seq(v), Cell::Int(x)) => {
                v.push(x.unwrap_or(-1));
                0
            }
            (Column::Seq(v), _) => {
                v.push(-1);
                0
            }
            (Column::Str(v, d), Cell::Str(Some(x))) => {
                let n = x.len();
                v.push(ByteArray::from(x.into_bytes()));
                d.push(1);
                n
            }
            (Column::Int(v, d), Cell::Int(Some(x))) => {
                v.push(x);
                d.push(1);
                0
            }
            (Column::Float(v, d), Cell::Float(Some(x))) => {
                v.push(x);
                d.push(1);
                0
            }
            (Column::List(v, d, r), Cell::List(items)) => {
                if items.is_empty() {
                    d.push(1);
                    r.push(0);
                    return 0;
                }
                let mut n = 0;
                for (i, x) in items.into_iter().enumerate() {
                    n += x.len();
                    v.push(ByteArray::from(x.into_bytes()));
                    d.push(3);
                    r.push(i16::from(i > 0));
                }
                n
            }
            (Column::List(_, d, r), _) => {
                d.push(0);
                r.push(0);
                0
            }
            (Column::Str(_, d) | Column::Int(_, d) | Column::Float(_, d), _) => {
                d.push(0);
                0
            }
        }
    }

    fn clear(&mut self) {
        match self {
            Column::Seq(v) => v.clear(),
            Column::Str(v, d) => {
                v.clear();
                d.clear();
            }
            Column::Int(v, d) => {
                v.clear();
                d.clear();
            }
            Column::Float(v, d) => {
                v.clear();
                d.clear();
            }
            Column::List(v, d, r) => {
                v.clear();
                d.clear();
                r.clear();
            }
        }
    }
}

/// One output table being written.
struct Table {
    name: &'static str,
    columns: Vec<Column>,
    rows: usize,
    bytes: usize,
    written: u64,
    writer: Option<SerializedFileWriter<File>>,
    partial: PathBuf,
    path: PathBuf,
}

fn io_err(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

impl Table {
    fn create(dir: &Path, name: &'static str) -> io::Result<Table> {
        let schema = Arc::new(parse_message_type(&message_type(name)).map_err(io_err)?);
        let path = table_path(dir, name);
        let partial = dir.join(format!("{name}.parquet.partial"));
        let file = File::create(&partial)?;
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("presslens {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let writer = SerializedFileWriter::new(file, schema, props).map_err(io_err)?;
        Ok(Table {
            name,
            columns: columns_of(name)
                .iter()
                .map(|&(n, k)| Column::new(n, k))
                .collect(),
            rows: 0,
            bytes: 0,
            written: 0,
            writer: Some(writer),
            partial,
            path,
        })
    }

    fn push(&mut self, row: Vec<Cell>, opts: &ParquetOptions) -> io::Result<()> {
        debug_assert_eq!(row.len(), self.columns.len(), "{}", self.name);
        for (c, cell) in self.columns.iter_mut().zip(row) {
            self.bytes += c.push(cell);
        }
        self.rows += 1;
        if self.rows >= opts.max_rows.max(1) || self.bytes >= opts.max_bytes {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let Some(w) = self.writer.as_mut() else {
            return Ok(());
        };
        let mut rg = w.next_row_group().map_err(io_err)?;
        for c in &self.columns {
            let Some(mut col) = rg.next_column().map_err(io_err)? else {
                return Err(io::Error::other(format!(
                    "{}: fewer columns in the schema than buffered",
                    self.name
                )));
            };
            match c {
                Column::Seq(v) => col.typed::<Int64Type>().write_batch(v, None, None),
                Column::Str(v, d) => col.typed::<ByteArrayType>().write_batch(v, Some(d), None),
                Column::Int(v, d) => col.typed::<Int64Type>().write_batch(v, Some(d), None),
                Column::Float(v, d) => col.typed::<DoubleType>().write_batch(v, Some(d), None),
                Column::List(v, d, r) => {
                    col.typed::<ByteArrayType>()
                        .write_batch(v, Some(d), Some(r))
                }
            }
            .map_err(io_err)?;
            col.close().map_err(io_err)?;
        }
        rg.close().map_err(io_err)?;
        for c in &mut self.columns {
            c.clear();
        }
        self.written += self.rows as u64;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<u64> {
        self.flush()?;
        if let Some(w) = self.writer.take() {
            w.close().map_err(io_err)?;
            std::fs::rename(&self.partial, &self.path)?;
        }
        Ok(self.written)
    }
}

/// Rows written per table by a finished [`ParquetWriter`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParquetSummary {
    /// `(table name, rows)` in the order of [`TABLES`].
    pub rows: Vec<(&'static str, u64)>,
}

/// Writes batch records into the six tables of a Parquet output directory.
pub struct ParquetWriter {
    tables: Vec<Table>,
    opts: ParquetOptions,
}

impl ParquetWriter {
    /// Creates the directory (if needed) and starts the six tables in it. Fails if a table
    /// file (complete) is already there: Parquet output is never appended to.
    pub fn create(dir: &Path, opts: ParquetOptions) -> io::Result<ParquetWriter> {
        std::fs::create_dir_all(dir)?;
        if let Some(existing) = existing_tables(dir).first() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists", existing.display()),
            ));
        }
        let tables = TABLES
            .iter()
            .map(|&name| Table::create(dir, name))
            .collect::<io::Result<Vec<_>>>()?;
        Ok(ParquetWriter { tables, opts })
    }

    /// Adds one batch record: its article row, and for a result its layer rows.
    pub fn push(&mut self, rec: &Record<Value>) -> io::Result<()> {
        let result = rec.result.as_ref().map_err(String::as_str);
        self.push_result(rec.seq, &rec.id, &rec.input, rec.line, result)
    }

    /// Adds one article given by parts: `result` is its `presslens/1` value, or the error
    /// message when it could not be analysed.
    pub fn push_result(
        &mut self,
        seq: u64,
        id: &str,
        input: &str,
        line: Option<usize>,
        result: Result<&Value, &str>,
    ) -> io::Result<()> {
        let seq_i = i64::try_from(seq).unwrap_or(i64::MAX);
        let id_cell = || Cell::Str(Some(id.to_string()));
        let opts = self.opts;
        let v = match result {
            Err(msg) => {
                let mut row = vec![
                    Cell::Int(Some(seq_i)),
                    id_cell(),
                    Cell::Str(Some(input.to_string())),
                    Cell::Int(line.and_then(|l| i64::try_from(l).ok())),
                    Cell::Str(Some(msg.to_string())),
                ];
                // Nulls everywhere else (a null cell fits every column type).
                row.resize_with(ARTICLE_COLUMNS.len(), || Cell::Str(None));
                return self.tables[0].push(row, &opts);
            }
            Ok(v) => v,
        };
        // An error record passed as a value.
        if let Some(err) = v.get("error") {
            let msg = err
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| err.to_string());
            return self.push_result(seq, id, input, line, Err(&msg));
        }
        let text = v.get("text").and_then(Value::as_str).unwrap_or("");
        let doc = v.get("document").unwrap_or(&Value::Null);
        let layer = |k: &str| v.get(k).and_then(Value::as_array).map_or(&[][..], |a| a);
        let count = |k: &str| Cell::Int(Some(layer(k).len() as i64));
        let entities = layer("entities");
        let mentions: usize = entities.iter().map(|e| arr(e, "mentions").len()).sum();
        let body_words: usize = arr(doc, "paragraphs")
            .iter()
            .map(|p| words(str_at(p, "/text").unwrap_or("")))
            .sum();
        let authors: Vec<String> = arr(doc, "authors")
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        let row = vec![
            Cell::Int(Some(seq_i)),
            id_cell(),
            Cell::Str(Some(input.to_string())),
            Cell::Int(line.and_then(|l| i64::try_from(l).ok())),
            Cell::Str(None),
            str_cell(doc, "/title/text"),
            str_cell(doc, "/published"),
            str_cell(doc, "/updated"),
            str_cell(doc, "/outlet"),
            str_cell(doc, "/url"),
            str_cell(doc, "/place"),
            Cell::List(authors),
            Cell::Int(Some(text.chars().count() as i64)),
            Cell::Int(Some(words(text) as i64)),
            Cell::Int(Some(body_words as i64)),
            count("sentences"),
            Cell::Int(Some(arr(doc, "paragraphs").len() as i64)),
            count("entities"),
            Cell::Int(Some(mentions as i64)),
            count("attributions"),
            count("distancing"),
            count("timexes"),
            count("quantities"),
            count("framing"),
            count("sources"),
            Cell::Str(Some(text.to_string())),
        ];
        self.tables[0].push(row, &opts)?;

        let key = |row: &mut Vec<Cell>| {
            row.push(Cell::Int(Some(seq_i)));
            row.push(id_cell());
        };
        // Entities: one row per mention.
        let mut names: HashMap<&str, &str> = HashMap::new();
        for e in entities {
            if let (Some(eid), Some(name)) = (str_at(e, "/id"), str_at(e, "/name")) {
                names.insert(eid, name);
            }
            let extra = extra(e, &["id", "type", "name", "affiliation", "mentions"]);
            for m in arr(e, "mentions") {
                let mut row = Vec::with_capacity(ENTITY_COLUMNS.len());
                key(&mut row);
                row.extend([
                    str_cell(e, "/id"),
                    str_cell(e, "/type"),
                    str_cell(e, "/name"),
                    str_cell(e, "/affiliation"),
                    str_cell(m, "/kind"),
                    int_cell(m, "/start"),
                    int_cell(m, "/end"),
                    str_cell(m, "/text"),
                    Cell::Str(extra.clone()),
                ]);
                self.tables[1].push(row, &opts)?;
            }
        }
        // Attributions, with the source's name (its entity cluster) and type (sources list).
        let mut types: HashMap<&str, &str> = HashMap::new();
        for s in layer("sources") {
            if let (Some(eid), Some(t)) = (str_at(s, "/entity"), str_at(s, "/type")) {
                types.insert(eid, t);
            }
        }
        for a in layer("attributions") {
            let entity = str_at(a, "/source/entity");
            let mut row = Vec::with_capacity(ATTRIBUTION_COLUMNS.len());
            key(&mut row);
            row.extend([
                str_cell(a, "/id"),
                str_cell(a, "/kind"),
                int_cell(a, "/content/start"),
                int_cell(a, "/content/end"),
                str_cell(a, "/content/text"),
                int_cell(a, "/cue/start"),
                int_cell(a, "/cue/end"),
                str_cell(a, "/cue/text"),
                int_cell(a, "/source/start"),
                int_cell(a, "/source/end"),
                str_cell(a, "/source/text"),
                str_cell(a, "/source/entity"),
                Cell::Str(entity.and_then(|e| names.get(e)).map(|s| s.to_string())),
                Cell::Str(entity.and_then(|e| types.get(e)).map(|s| s.to_string())),
                str_cell(a, "/via"),
                Cell::Str(extra(a, &["id", "kind", "content", "cue", "source", "via"])),
            ]);
            self.tables[2].push(row, &opts)?;
        }
        // Spans with flat keys: quantities, timexes, framing.
        for (t, name) in [(3, "quantities"), (4, "timexes"), (5, "framing")] {
            let cols = columns_of(name);
            let own: Vec<&str> = cols[2..cols.len() - 1].iter().map(|c| c.0).collect();
            for item in layer(name) {
                let mut row = Vec::with_capacity(cols.len());
                key(&mut row);
                for &(col, kind) in &cols[2..cols.len() - 1] {
                    let p = if col == "object" {
                        "/object/text".to_string()
                    } else {
                        format!("/{col}")
                    };
                    row.push(match kind {
                        Kind::Int => int_cell(item, &p),
                        Kind::Float => Cell::Float(item.pointer(&p).and_then(Value::as_f64)),
                        _ => str_cell(item, &p),
                    });
                }
                row.push(Cell::Str(extra(item, &own)));
                self.tables[t].push(row, &opts)?;
            }
        }
        Ok(())
    }

    /// Writes the last row groups, closes the files and gives them their final names.
    pub fn finish(mut self) -> io::Result<ParquetSummary> {
        let mut rows = Vec::with_capacity(self.tables.len());
        for t in &mut self.tables {
            rows.push((t.name, t.finish()?));
        }
        Ok(ParquetSummary { rows })
    }
}

/// Complete table files already present in `dir`.
pub fn existing_tables(dir: &Path) -> Vec<PathBuf> {
    TABLES
        .iter()
        .map(|t| table_path(dir, t))
        .filter(|p| p.exists())
        .collect()
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[][..], |a| a)
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// A string cell: strings as they are, other non-null values as JSON text.
fn str_cell(v: &Value, pointer: &str) -> Cell {
    Cell::Str(match v.pointer(pointer) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    })
}

fn int_cell(v: &Value, pointer: &str) -> Cell {
    Cell::Int(v.pointer(pointer).and_then(Value::as_i64))
}

/// The keys of object `v` not in `known`, as a JSON object text; `None` when there are none.
fn extra(v: &Value, known: &[&str]) -> Option<String> {
    let obj = v.as_object()?;
    let rest: Map<String, Value> = obj
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!rest.is_empty()).then(|| Value::Object(rest).to_string())
}

/// Words: whitespace-separated tokens with at least one letter or digit.
fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Reads a whole table back as JSON objects, one per row (column name to value; lists as
/// arrays). Meant for tests and small tables: it holds the table in memory.
pub fn read_table(path: &Path) -> io::Result<Vec<Map<String, Value>>> {
    let reader = SerializedFileReader::new(File::open(path)?).map_err(io_err)?;
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).map_err(io_err)? {
        let row = row.map_err(io_err)?;
        rows.push(
            row.get_column_iter()
                .map(|(name, field)| (name.clone(), field_value(field)))
                .collect(),
        );
    }
    Ok(rows)
}

/// Number of row groups in a Parquet file.
pub fn row_groups(path: &Path) -> io::Result<usize> {
    let reader = SerializedFileReader::new(File::open(path)?).map_err(io_err)?;
    Ok(reader.metadata().num_row_groups())
}

fn field_value(f: &Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Bool(b) => Value::from(*b),
        Field::Int(n) => Value::from(*n),
        Field::Long(n) => Value::from(*n),
        Field::Double(x) => Value::from(*x),
        Field::Str(s) => Value::from(s.as_str()),
        Field::Bytes(b) => Value::from(String::from_utf8_lossy(b.data())),
        Field::ListInternal(l) => Value::Array(l.elements().iter().map(field_value).collect()),
        other => Value::from(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn extra_keeps_unknown_keys_only() {
        let v = json!({"start": 1, "end": 2, "text": "x", "category": "loaded", "score": 0.5});
        assert_eq!(
            extra(&v, &["start", "end", "text", "category"]).as_deref(),
            Some("{\"score\":0.5}")
        );
        assert_eq!(
            extra(&v, &["start", "end", "text", "category", "score"]),
            None
        );
        assert_eq!(words("Hello , world -- 42 !"), 3);
    }

    #[test]
    fn small_row_groups_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("pq");
        let opts = ParquetOptions {
            max_rows: 2,
            max_bytes: 1 << 20,
        };
        let mut w = ParquetWriter::create(&out, opts).expect("create");
        for i in 0..5u64 {
            let text = format!("Word{i} said \u{201c}caf\u{e9}\u{201d}.");
            let v = json!({
                "schema": "presslens/1", "id": format!("a{i}"), "text": text,
                "document": {"title": null, "authors": ["A", "B"], "paragraphs": []},
                "timexes": [{"start": 0, "end": 5, "text": format!("Word{i}"), "type": "DATE", "value": "2016", "mod": null}],
                "framing": [{"start": 12, "end": 16, "text": "caf\u{e9}", "category": "loaded", "voice": "author", "target": null, "new_key": 1}],
            });
            w.push_result(i, &format!("a{i}"), "mem", Some(i as usize + 1), Ok(&v))
                .expect("push");
        }
        w.push_result(5, "bad", "mem", Some(6), Err("mem:6: broken"))
            .expect("push error");
        // Nothing looks complete before finish.
        assert!(existing_tables(&out).is_empty());
        let s = w.finish().expect("finish");
        assert_eq!(s.rows[0], ("articles", 6));
        assert_eq!(s.rows[4], ("timexes", 5));
        assert_eq!(s.rows[5], ("framing", 5));
        assert_eq!(existing_tables(&out).len(), 6);
        let arts = read_table(&table_path(&out, "articles")).expect("read");
        assert_eq!(arts.len(), 6);
        assert_eq!(arts[3]["article"], "a3");
        assert_eq!(arts[3]["authors"], json!(["A", "B"]));
        assert_eq!(arts[3]["chars"], 18);
        assert_eq!(arts[5]["error"], "mem:6: broken");
        assert_eq!(arts[5]["line"], 6);
        assert_eq!(arts[5]["text"], Value::Null);
        assert_eq!(arts[5]["authors"], Value::Null);
        assert_eq!(arts[5]["chars"], Value::Null);
        let fr = read_table(&table_path(&out, "framing")).expect("read");
        assert_eq!(fr[2]["seq"], 2);
        assert_eq!(fr[2]["text"], "caf\u{e9}");
        assert_eq!(fr[2]["category"], "loaded");
        assert_eq!(fr[2]["extra"], "{\"new_key\":1}");
        // Several row groups were written, not one.
        assert_eq!(row_groups(&table_path(&out, "framing")).expect("meta"), 3);
        // A second writer refuses to overwrite.
        assert!(ParquetWriter::create(&out, opts).is_err());
    }
}
