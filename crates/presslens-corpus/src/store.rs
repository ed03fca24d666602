//! The embedded store: analysed articles in SQLite, full-text search over their sentences, and
//! normalised tables for sources, attributions, entities, quantities and timexes.
//!
//! A store is a directory holding `presslens.sqlite`. Each article is kept once, by the SHA-256
//! of its normalised text ([`Store::ingest`] of the same article again is a no-op), with its whole
//! `presslens/1` object as JSON ([`Store::get_article`]) and one row per layer item in the tables
//! below (offsets are the code-point offsets of the JSON, so they slice `text`):
//!
//! | table | rows |
//! |---|---|
//! | `articles` | id, hash, ext_id, input, title, outlet, published, url, words, json, signatures |
//! | `sentences` | FTS5: text, article, start, end, zone |
//! | `entities` | article, eid, type, name, source_type, affiliation, mentions |
//! | `sources` | article, entity, name, type, entity_type, affiliation, statements, words |
//! | `attributions` | article, aid, kind, start, end, content, cue, source_text, source_entity, source_name, source_type, via |
//! | `quantities` | article, start, end, text, value, bound, high, unit, object, count_type, attribution, sentence |
//! | `timexes` | article, start, end, text, type, value, mod |
//! | `stories` | article, story, dup_of (written by [`Store::cluster`]) |
//!
//! A web viewer or another tool uses [`Store::open`], [`Store::search`], [`Store::get_article`]
//! and [`Store::list_stories`].

use crate::dedup;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (including a malformed full-text query).
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The store directory could not be made.
    #[error("store: {0}")]
    Io(#[from] std::io::Error),
    /// The value given to ingest is not a `presslens/1` result.
    #[error("store: not a presslens/1 result: {0}")]
    NotAResult(String),
}

/// Result alias for the store.
pub type Result<T> = std::result::Result<T, StoreError>;

const SCHEMA: &str = "
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS articles(
  id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, ext_id TEXT, input TEXT,
  title TEXT, outlet TEXT, published TEXT, url TEXT, words INTEGER NOT NULL,
  json TEXT NOT NULL, sig_shingles BLOB, sig_words BLOB);
CREATE INDEX IF NOT EXISTS articles_ext ON articles(ext_id);
CREATE INDEX IF NOT EXISTS articles_pub ON articles(published);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(
  text, article UNINDEXED, start UNINDEXED, end UNINDEXED, zone UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS entities(article INTEGER NOT NULL, eid TEXT, type TEXT, name TEXT,
  source_type TEXT, affiliation TEXT, mentions INTEGER);
CREATE INDEX IF NOT EXISTS entities_article ON entities(article);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE TABLE IF NOT EXISTS sources(article INTEGER NOT NULL, entity TEXT, name TEXT, type TEXT,
  entity_type TEXT, affiliation TEXT, statements INTEGER, words INTEGER);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article);
CREATE TABLE IF NOT EXISTS attributions(article INTEGER NOT NULL, aid TEXT, kind TEXT,
  start INTEGER, end INTEGER, content TEXT, cue TEXT, source_text TEXT, source_entity TEXT,
  source_name TEXT, source_type TEXT, via TEXT);
CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article);
CREATE TABLE IF NOT EXISTS quantities(article INTEGER NOT NULL, start INTEGER, end INTEGER,
  text TEXT, value, bound TEXT, high, unit TEXT, object TEXT, count_type TEXT, attribution TEXT,
  sentence TEXT);
CREATE INDEX IF NOT EXISTS quantities_article ON quantities(article);
CREATE TABLE IF NOT EXISTS timexes(article INTEGER NOT NULL, start INTEGER, end INTEGER,
  text TEXT, type TEXT, value TEXT, mod TEXT);
CREATE INDEX IF NOT EXISTS timexes_article ON timexes(article);
CREATE TABLE IF NOT EXISTS framing(article INTEGER NOT NULL, start INTEGER, end INTEGER,
  text TEXT, category TEXT, voice TEXT, target TEXT);
CREATE INDEX IF NOT EXISTS framing_article ON framing(article);
CREATE TABLE IF NOT EXISTS stories(article INTEGER PRIMARY KEY, story INTEGER NOT NULL,
  dup_of INTEGER);
";

/// An open store.
pub struct Store {
    conn: Connection,
}

/// What [`Store::ingest`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// Stored as a new article with this id.
    New(i64),
    /// The same text was already stored under this id; nothing changed.
    Duplicate(i64),
}

/// Search filters; every one given must hold. Text arguments match case-insensitively as
/// substrings (`--source Shoigu` finds "Sergei Shoigu"), dates as prefixes (`2016-12` is a month).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Full-text query over sentences (FTS5; plain words are all required).
    pub query: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Earliest publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Latest publication date (a prefix: `2016-12` includes the whole month).
    pub to: Option<String>,
    /// Statements by this source (name or source text).
    pub source: Option<String>,
    /// Statements by sources of this type (e.g. `official`).
    pub source_type: Option<String>,
    /// Articles mentioning this entity.
    pub entity: Option<String>,
    /// Figures of this count type (e.g. `displaced`, `KILL`).
    pub count_type: Option<String>,
    /// Statements of this kind (`direct`, `partial`, `indirect`, `according_to`, `colon`).
    pub kind: Option<String>,
    /// Articles with a framing item of this category (`labeling`, `loaded`, `evaluative`,
    /// `booster`, `hedge`, `distancing`).
    pub framing: Option<String>,
    /// Most hits returned (0: 50).
    pub limit: usize,
}

/// What a hit is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A sentence matching the query.
    Sentence,
    /// An attributed statement.
    Statement,
    /// A figure (quantity).
    Figure,
    /// A whole article (when only article filters are given).
    Article,
}

/// One search hit with its evidence span.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// What kind of evidence this is.
    pub kind: HitKind,
    /// Store id of the article.
    pub article: i64,
    /// The article's own id (file name or JSON Lines id).
    pub ext_id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Evidence span start (code points into the article's `text`).
    pub start: i64,
    /// Evidence span end (exclusive).
    pub end: i64,
    /// The evidence text.
    pub text: String,
    /// For statements: who; for figures: the count type, unit and value.
    pub who: Option<String>,
    /// For statements: the cue and kind; for figures: the sentence it is in.
    pub detail: Option<String>,
}

/// A short description of an article, for listings.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleInfo {
    /// Store id.
    pub id: i64,
    /// The article's own id.
    pub ext_id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Store id of the article this one near-duplicates, if any.
    pub dup_of: Option<i64>,
}

/// One outlet's side of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct OutletView {
    /// The outlet (or `?` when unknown).
    pub outlet: String,
    /// Who it quotes: source names with their number of statements, most first.
    pub sources: Vec<(String, i64)>,
    /// Figures it reports: the figure text with its count type.
    pub figures: Vec<(String, Option<String>)>,
    /// The outlet's own framing words (narrator voice; labeling, loaded, evaluative and
    /// distancing), as `word (category)` with `×n` when used more than once, most used first.
    pub framing: Vec<String>,
}

/// A story: articles about the same event, with each outlet's view side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// Story number (the smallest article id in it).
    pub id: i64,
    /// Its articles, by date.
    pub articles: Vec<ArticleInfo>,
    /// Per outlet: sources and figures.
    pub outlets: Vec<OutletView>,
}

fn s(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(x) => Some(x.clone()),
        other => Some(other.to_string()),
    }
}

fn sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .or_else(|| n.as_f64().map(Sql::Real))
            .unwrap_or(Sql::Null),
        Value::String(x) => Sql::Text(x.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn span_text(v: &Value) -> Option<String> {
    v.get("text").and_then(|t| t.as_str()).map(str::to_string)
}

/// Turns a user query into FTS5 syntax: plain words are quoted (so `al-Assad` or `U.N.` are not
/// operators); a query that already uses quotes, `OR`, `NOT`, `NEAR` or `*` is passed as it is.
pub fn fts_query(q: &str) -> String {
    let advanced = q.contains('"')
        || q.contains('*')
        || q.split_whitespace()
            .any(|w| matches!(w, "OR" | "AND" | "NOT") || w.starts_with("NEAR"));
    if advanced {
        return q.to_string();
    }
    q.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// Opens (creating if needed) the store in directory `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)?;
        let conn = Connection::open(dir.join("presslens.sqlite"))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// Opens a store in memory (for tests and one-off runs).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// The underlying connection, for queries this API does not cover (read-only use advised).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Number of stored articles.
    pub fn count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?)
    }

    /// Stores one `presslens/1` result (`input` names where it came from). An article whose
    /// normalised text is already stored is not stored again.
    pub fn ingest(&mut self, v: &Value, input: &str) -> Result<Ingested> {
        let text = v
            .get("text")
            .and_then(|t| t.as_str())
            .ok_or_else(|| StoreError::NotAResult("no \"text\"".into()))?;
        let hash = format!("{:x}", Sha256::digest(text.as_bytes()));
        let tx = self.conn.transaction()?;
        if let Some(id) = tx
            .query_row("SELECT id FROM articles WHERE hash = ?1", [&hash], |r| {
                r.get(0)
            })
            .optional()?
        {
            return Ok(Ingested::Duplicate(id));
        }
        let doc = &v["document"];
        let words = dedup::words(text).len() as i64;
        let json = serde_json::to_string(v).map_err(|e| StoreError::NotAResult(e.to_string()))?;
        tx.execute(
            "INSERT INTO articles(hash, ext_id, input, title, outlet, published, url, words, json,
               sig_shingles, sig_words) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
            params![
                hash,
                s(&v["id"]),
                input,
                span_text(&doc["title"]),
                s(&doc["outlet"]),
                s(&doc["published"]),
                s(&doc["url"]),
                words,
                json,
                dedup::to_bytes(&dedup::shingle_signature(text)),
                dedup::to_bytes(&dedup::word_signature(text)),
            ],
        )?;
        let id = tx.last_insert_rowid();
        let empty = Vec::new();
        let arr = |k: &str| v.get(k).and_then(|a| a.as_array()).unwrap_or(&empty);
        let sentences = arr("sentences");
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO sentences(text, article, start, end, zone) VALUES (?1,?2,?3,?4,?5)",
            )?;
            for x in sentences {
                st.execute(params![
                    span_text(x),
                    id,
                    sql(&x["start"]),
                    sql(&x["end"]),
                    s(&x["zone"])
                ])?;
            }
        }
        let entity_names: std::collections::HashMap<String, (Option<String>, Option<String>)> =
            arr("entities")
                .iter()
                .filter_map(|e| Some((s(&e["id"])?, (s(&e["name"]), s(&e["source_type"])))))
                .collect();
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO entities(article, eid, type, name, source_type, affiliation, mentions)
                 VALUES (?1,?2,?3,?4,?5,?6,?7)",
            )?;
            for e in arr("entities") {
                let mentions = e["mentions"].as_array().map_or(0, |m| m.len() as i64);
                st.execute(params![
                    id,
                    s(&e["id"]),
                    s(&e["type"]),
                    s(&e["name"]),
                    s(&e["source_type"]),
                    s(&e["affiliation"]),
                    mentions
                ])?;
            }
        }
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO sources(article, entity, name, type, entity_type, affiliation,
                 statements, words) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            )?;
            for x in arr("sources") {
                st.execute(params![
                    id,
                    s(&x["entity"]),
                    s(&x["name"]),
                    s(&x["type"]),
                    s(&x["entity_type"]),
                    s(&x["affiliation"]),
                    sql(&x["statements"]),
                    sql(&x["words"])
                ])?;
            }
        }
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO attributions(article, aid, kind, start, end, content, cue, source_text,
                 source_entity, source_name, source_type, via)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
            )?;
            for a in arr("attributions") {
                let src = &a["source"];
                let ent = s(&src["entity"]);
                let (name, stype) = ent
                    .as_ref()
                    .and_then(|e| entity_names.get(e).cloned())
                    .unwrap_or((None, None));
                let name = name.or_else(|| span_text(src));
                st.execute(params![
                    id,
                    s(&a["id"]),
                    s(&a["kind"]),
                    sql(&a["content"]["start"]),
                    sql(&a["content"]["end"]),
                    span_text(&a["content"]),
                    span_text(&a["cue"]),
                    span_text(src),
                    ent,
                    name,
                    stype,
                    s(&a["via"])
                ])?;
            }
        }
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO quantities(article, start, end, text, value, bound, high, unit, object,
                 count_type, attribution, sentence) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
            )?;
            for q in arr("quantities") {
                let (qs, qe) = (q["start"].as_i64(), q["end"].as_i64());
                let sentence = sentences
                    .iter()
                    .find(|x| {
                        x["start"].as_i64() <= qs
                            && qs.is_some()
                            && x["end"].as_i64() >= qe
                            && qe.is_some()
                    })
                    .and_then(span_text);
                st.execute(params![
                    id,
                    sql(&q["start"]),
                    sql(&q["end"]),
                    span_text(q),
                    sql(&q["value"]),
                    s(&q["bound"]),
                    sql(&q["high"]),
                    s(&q["unit"]),
                    span_text(&q["object"]),
                    s(&q["count_type"]),
                    s(&q["attribution"]),
                    sentence
                ])?;
            }
        }
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO timexes(article, start, end, text, type, value, mod)
                 VALUES (?1,?2,?3,?4,?5,?6,?7)",
            )?;
            for t in arr("timexes") {
                st.execute(params![
                    id,
                    sql(&t["start"]),
                    sql(&t["end"]),
                    span_text(t),
                    s(&t["type"]),
                    s(&t["value"]),
                    s(&t["mod"])
                ])?;
            }
        }
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO framing(article, start, end, text, category, voice, target)
                 VALUES (?1,?2,?3,?4,?5,?6,?7)",
            )?;
            for f in arr("framing") {
                st.execute(params![
                    id,
                    sql(&f["start"]),
                    sql(&f["end"]),
                    span_text(f),
                    s(&f["category"]),
                    s(&f["voice"]),
                    s(&f["target"])
                ])?;
            }
        }
        tx.commit()?;
        Ok(Ingested::New(id))
    }

    /// The stored `presslens/1` object of an article, by store id or by its own id (`ext_id`).
    pub fn get_article(&self, id: &str) -> Result<Option<Value>> {
        let json: Option<String> = match id.parse::<i64>() {
            Ok(n) => self
                .conn
                .query_row("SELECT json FROM articles WHERE id = ?1", [n], |r| r.get(0))
                .optional()?,
            Err(_) => None,
        };
        let json = match json {
            Some(j) => Some(j),
            None => self
                .conn
                .query_row(
                    "SELECT json FROM articles WHERE ext_id = ?1 ORDER BY id LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?,
        };
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Searches the store. The hits are statements when `source`, `source_type` or `kind` is
    /// given; figures when `count_type` is; sentences when only a query is; articles otherwise.
    /// With a query, statements and figures must lie in a sentence that matches it.
    pub fn search(&self, f: &Filters) -> Result<Vec<Hit>> {
        let mut args: Vec<Sql> = Vec::new();
        let push = |v: &str, args: &mut Vec<Sql>| {
            args.push(Sql::Text(v.to_string()));
            format!("?{}", args.len())
        };
        let like = |v: &str| format!("%{v}%");
        let mut conds: Vec<String> = Vec::new();
        if let Some(o) = &f.outlet {
            conds.push(format!("a.outlet LIKE {}", push(&like(o), &mut args)));
        }
        if let Some(d) = &f.from {
            let p = push(d, &mut args);
            conds.push(format!("substr(a.published, 1, length({p})) >= {p}"));
        }
        if let Some(d) = &f.to {
            let p = push(d, &mut args);
            conds.push(format!("substr(a.published, 1, length({p})) <= {p}"));
        }
        if let Some(c) = &f.framing {
            let p = push(c.trim(), &mut args);
            conds.push(format!(
                "EXISTS (SELECT 1 FROM framing fr WHERE fr.article = a.id AND fr.category = {p})"
            ));
        }
        if let Some(e) = &f.entity {
            let p = push(&like(e), &mut args);
            conds.push(format!(
                "EXISTS (SELECT 1 FROM entities e WHERE e.article = a.id AND e.name LIKE {p})"
            ));
        }
        let with = match &f.query {
            Some(q) => {
                let p = push(&fts_query(q), &mut args);
                format!(
                    "WITH m AS MATERIALIZED (SELECT article, start, end, text FROM sentences WHERE sentences MATCH {p}) "
                )
            }
            None => "WITH m AS (SELECT 0 AS article, 0 AS start, 0 AS end, '' AS text WHERE 0) "
                .to_string(),
        };
        let within = |t: &str| {
            format!("EXISTS (SELECT 1 FROM m WHERE m.article = {t}.article AND m.start < {t}.end AND m.end > {t}.start)")
        };
        let limit = if f.limit == 0 { 50 } else { f.limit };
        let statements = f.source.is_some() || f.source_type.is_some() || f.kind.is_some();
        let (kind, sql_text) = if statements {
            if let Some(x) = &f.source {
                let p = push(&like(x), &mut args);
                conds.push(format!(
                    "(t.source_name LIKE {p} OR t.source_text LIKE {p})"
                ));
            }
            if let Some(x) = &f.source_type {
                conds.push(format!("t.source_type LIKE {}", push(x, &mut args)));
            }
            if let Some(x) = &f.kind {
                conds.push(format!("t.kind = {}", push(x, &mut args)));
            }
            if f.query.is_some() {
                conds.push(within("t"));
            }
            (
                HitKind::Statement,
                format!(
                    "{with}SELECT a.id, a.ext_id, a.title, a.outlet, a.published, t.start, t.end,
                     t.content, coalesce(t.source_name, t.source_text),
                     t.kind || coalesce(' via \"' || t.cue || '\"', '')
                     FROM attributions t JOIN articles a ON a.id = t.article WHERE {}
                     ORDER BY a.published, a.id, t.start LIMIT {limit}",
                    where_(&conds)
                ),
            )
        } else if let Some(ct) = &f.count_type {
            conds.push(format!("q.count_type LIKE {}", push(&like(ct), &mut args)));
            if f.query.is_some() {
                conds.push(within("q"));
            }
            (
                HitKind::Figure,
                format!(
                    "{with}SELECT a.id, a.ext_id, a.title, a.outlet, a.published, q.start, q.end,
                     q.text, q.count_type || coalesce(' ' || q.unit, '') || coalesce(' = ' || q.value, ''),
                     q.sentence
                     FROM quantities q JOIN articles a ON a.id = q.article WHERE {}
                     ORDER BY a.published, a.id, q.start LIMIT {limit}",
                    where_(&conds)
                ),
            )
        } else if f.query.is_some() {
            (
                HitKind::Sentence,
                format!(
                    "{with}SELECT a.id, a.ext_id, a.title, a.outlet, a.published, m.start, m.end,
                     m.text, NULL, NULL FROM m JOIN articles a ON a.id = m.article WHERE {}
                     ORDER BY a.published, a.id, m.start LIMIT {limit}",
                    where_(&conds)
                ),
            )
        } else {
            (
                HitKind::Article,
                format!(
                    "{with}SELECT a.id, a.ext_id, a.title, a.outlet, a.published, 0, 0,
                     coalesce(a.title, ''), NULL, NULL FROM articles a WHERE {}
                     ORDER BY a.published, a.id LIMIT {limit}",
                    where_(&conds)
                ),
            )
        };
        let mut st = self.conn.prepare(&sql_text)?;
        let rows = st.query_map(params_from_iter(args.iter()), |r| {
            Ok(Hit {
                kind,
                article: r.get(0)?,
                ext_id: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                start: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
                end: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                text: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                who: r.get(8)?,
                detail: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}

/// Story clustering settings.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Estimated shingle Jaccard at or above which two articles are near-duplicates.
    pub duplicate: f64,
    /// Combined score (half content-word Jaccard, half entity-name Jaccard) that links two
    /// articles into one story.
    pub story: f64,
    /// Most days between two articles' publication dates for them to share a story (articles
    /// without a date are not held apart by date).
    pub max_days: i64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            duplicate: dedup::DUPLICATE_THRESHOLD,
            story: 0.3,
            max_days: 3,
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date.
fn day_number(d: &str) -> Option<i64> {
    let y: i64 = d.get(0..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let dd: i64 = d.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

impl Store {
    /// Finds near-duplicates and stories over every stored article and records them in the
    /// `stories` table (replacing an earlier clustering). Returns the number of stories with more
    /// than one article.
    ///
    /// Near-duplicates: MinHash LSH over word shingles ([`dedup`]); each joins the story of the
    /// article it copies, and `dup_of` names the earliest stored copy. Stories: articles within
    /// `max_days` of each other that share a not-too-common entity name or an LSH band of their
    /// content-word signatures, and whose score reaches `story`, are linked (single link).
    pub fn cluster(&mut self, opts: &ClusterOptions) -> Result<usize> {
        struct Art {
            id: i64,
            day: Option<i64>,
            shingles: dedup::Signature,
            words: dedup::Signature,
        }
        let mut arts = Vec::new();
        {
            let mut st = self.conn.prepare(
                "SELECT id, published, sig_shingles, sig_words FROM articles ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                let p: Option<String> = r.get(1)?;
                let a: Option<Vec<u8>> = r.get(2)?;
                let b: Option<Vec<u8>> = r.get(3)?;
                Ok(Art {
                    id: r.get(0)?,
                    day: p.as_deref().and_then(day_number),
                    shingles: dedup::from_bytes(&a.unwrap_or_default()),
                    words: dedup::from_bytes(&b.unwrap_or_default()),
                })
            })?;
            for a in rows {
                arts.push(a?);
            }
        }
        let index: std::collections::HashMap<i64, usize> =
            arts.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let mut names: Vec<std::collections::HashSet<String>> =
            vec![Default::default(); arts.len()];
        {
            let mut st = self.conn.prepare(
                "SELECT article, lower(name) FROM entities WHERE name IS NOT NULL AND length(name) > 2",
            )?;
            let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (a, n) = row?;
                if let Some(&i) = index.get(&a) {
                    names[i].insert(n);
                }
            }
        }
        let n = arts.len();
        let close = |i: usize, j: usize| match (arts[i].day, arts[j].day) {
            (Some(a), Some(b)) => (a - b).abs() <= opts.max_days,
            _ => true,
        };
        // Near-duplicates.
        let shingles: Vec<dedup::Signature> = arts.iter().map(|a| a.shingles.clone()).collect();
        let mut dups = dedup::Groups::new(n);
        for (i, j, _) in dedup::similar_pairs(&shingles, dedup::ROWS, opts.duplicate) {
            dups.union(i, j);
        }
        let mut stories = dedup::Groups::new(n);
        let mut dup_of = vec![None; n];
        for g in dups.groups() {
            for &m in &g[1..] {
                dup_of[m] = Some(arts[g[0]].id);
                stories.union(g[0], m);
            }
        }
        // Story candidates: shared uncommon entity names, or a shared content-word band.
        let mut cands: std::collections::HashSet<(usize, usize)> = Default::default();
        let mut by_name: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (i, ns) in names.iter().enumerate() {
            for nm in ns {
                by_name.entry(nm.as_str()).or_default().push(i);
            }
        }
        let max_df = (n / 20).max(50);
        for members in by_name.values() {
            if members.len() < 2 || members.len() > max_df {
                continue;
            }
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    cands.insert((i.min(j), i.max(j)));
                }
            }
        }
        let word_sigs: Vec<dedup::Signature> = arts.iter().map(|a| a.words.clone()).collect();
        for (i, j, _) in dedup::similar_pairs(&word_sigs, dedup::ROWS, 0.0) {
            cands.insert((i, j));
        }
        let mut cands: Vec<(usize, usize)> = cands.into_iter().collect();
        cands.sort_unstable();
        for (i, j) in cands {
            if !close(i, j) {
                continue;
            }
            let w = dedup::similarity(&arts[i].words, &arts[j].words);
            let shared = names[i].intersection(&names[j]).count();
            let union = names[i].len() + names[j].len() - shared;
            let e = if union == 0 {
                0.0
            } else {
                shared as f64 / union as f64
            };
            if 0.5 * w + 0.5 * e >= opts.story || w >= 2.0 * opts.story {
                stories.union(i, j);
            }
        }
        let groups = stories.groups();
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM stories", [])?;
        {
            let mut st =
                tx.prepare("INSERT INTO stories(article, story, dup_of) VALUES (?1, ?2, ?3)")?;
            for g in &groups {
                let story = arts[g[0]].id;
                for &m in g {
                    st.execute(params![arts[m].id, story, dup_of[m]])?;
                }
            }
        }
        tx.commit()?;
        Ok(groups.len())
    }

    /// The stories recorded by the last [`Store::cluster`], largest first, each with its
    /// articles and, per outlet, who it quotes and which figures it reports.
    pub fn list_stories(&self) -> Result<Vec<Story>> {
        let mut st = self.conn.prepare(
            "SELECT s.story, a.id, a.ext_id, a.title, a.outlet, a.published, s.dup_of
             FROM stories s JOIN articles a ON a.id = s.article
             ORDER BY s.story, a.published, a.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ArticleInfo {
                    id: r.get(1)?,
                    ext_id: r.get(2)?,
                    title: r.get(3)?,
                    outlet: r.get(4)?,
                    published: r.get(5)?,
                    dup_of: r.get(6)?,
                },
            ))
        })?;
        let mut stories: Vec<Story> = Vec::new();
        for row in rows {
            let (sid, info) = row?;
            match stories.last_mut() {
                Some(s) if s.id == sid => s.articles.push(info),
                _ => stories.push(Story {
                    id: sid,
                    articles: vec![info],
                    outlets: Vec::new(),
                }),
            }
        }
        let mut src = self.conn.prepare(
            "SELECT coalesce(a.outlet, '?'), coalesce(x.name, '?'), sum(x.statements)
             FROM stories s JOIN articles a ON a.id = s.article JOIN sources x ON x.article = a.id
             WHERE s.story = ?1 GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
        )?;
        let mut fig = self.conn.prepare(
            "SELECT coalesce(a.outlet, '?'), q.text, q.count_type
             FROM stories s JOIN articles a ON a.id = s.article JOIN quantities q ON q.article = a.id
             WHERE s.story = ?1 ORDER BY 1, a.id, q.start",
        )?;
        // The outlet's own framing words (narrator voice), most used first.
        let mut fra = self.conn.prepare(
            "SELECT coalesce(a.outlet, '?'), lower(f.text), f.category, count(*)
             FROM stories s JOIN articles a ON a.id = s.article JOIN framing f ON f.article = a.id
             WHERE s.story = ?1 AND f.voice = 'narrator'
               AND f.category IN ('labeling', 'loaded', 'evaluative', 'distancing')
             GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, min(a.id), min(f.start)",
        )?;
        for story in &mut stories {
            let mut outlets: Vec<OutletView> = Vec::new();
            let mut outlet_names: Vec<String> = story
                .articles
                .iter()
                .map(|a| a.outlet.clone().unwrap_or_else(|| "?".into()))
                .collect();
            outlet_names.sort();
            outlet_names.dedup();
            for o in outlet_names {
                outlets.push(OutletView {
                    outlet: o,
                    sources: Vec::new(),
                    figures: Vec::new(),
                    framing: Vec::new(),
                });
            }
            let rows = src.query_map([story.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })?;
            for row in rows {
                let (o, name, n) = row?;
                if let Some(v) = outlets.iter_mut().find(|v| v.outlet == o) {
                    v.sources.push((name, n.unwrap_or(0)));
                }
            }
            let rows = fig.query_map([story.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            for row in rows {
                let (o, text, ct) = row?;
                if let Some(v) = outlets.iter_mut().find(|v| v.outlet == o) {
                    v.figures.push((text.unwrap_or_default(), ct));
                }
            }
            let rows = fra.query_map([story.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?;
            for row in rows {
                let (o, text, cat, n) = row?;
                if let Some(v) = outlets.iter_mut().find(|v| v.outlet == o) {
                    let mut w =
                        format!("{} ({})", text.unwrap_or_default(), cat.unwrap_or_default());
                    if n > 1 {
                        w.push_str(&format!(" ×{n}"));
                    }
                    v.framing.push(w);
                }
            }
            story.outlets = outlets;
        }
        stories.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.id.cmp(&b.id))
        });
        Ok(stories)
    }
}

fn where_(conds: &[String]) -> String {
    if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    }
}
