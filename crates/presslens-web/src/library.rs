//! Where the server finds analysed articles: the [`Library`] trait and an in-memory
//! implementation over a presslens/1 JSON Lines file.

use anyhow::{Context, Result};
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// One article in a list of results.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The article's id, as used in `/article/{id}`.
    pub id: String,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Publication date, if known.
    pub published: Option<String>,
    /// A short plain-text extract (may be empty).
    pub snippet: String,
}

/// One story (a cluster of articles) in a list of stories.
#[derive(Clone, Debug, PartialEq)]
pub struct StorySummary {
    /// The story's id, as used in `/story/{id}`.
    pub id: String,
    /// A label for the story (usually its first headline).
    pub title: String,
    /// How many articles it has.
    pub size: usize,
}

/// A story with its articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// The story's id.
    pub id: String,
    /// A label for the story.
    pub title: String,
    /// Its articles.
    pub articles: Vec<Hit>,
    /// Per outlet: whom it quotes and which figures it reports, for a side-by-side view.
    pub outlets: Vec<OutletColumn>,
}

/// One outlet's side of a story.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletColumn {
    /// The outlet's name (`?` when unknown).
    pub outlet: String,
    /// Source names with their number of statements.
    pub sources: Vec<(String, i64)>,
    /// Figures as reported, with their count type.
    pub figures: Vec<(String, Option<String>)>,
}

/// A collection of analysed articles that the server can show and search.
///
/// Implementations must be cheap to share between request handlers; calls are made from
/// blocking worker threads, so they may do file or database I/O.
pub trait Library: Send + Sync {
    /// The presslens/1 result of article `id`, if there is one.
    fn get(&self, id: &str) -> Result<Option<Value>>;
    /// Up to `limit` articles matching the query `q`, best first.
    fn search(&self, q: &str, limit: usize) -> Result<Vec<Hit>>;
    /// The first `limit` articles, for the home page.
    fn list(&self, limit: usize) -> Result<Vec<Hit>>;
    /// Up to `limit` stories, largest first; empty where the library has no stories.
    fn stories(&self, limit: usize) -> Result<Vec<StorySummary>>;
    /// Story `id` with its articles, if there is one.
    fn story(&self, id: &str) -> Result<Option<Story>>;
}

/// Articles from a presslens/1 JSON Lines file (`presslens analyze --format jsonl`), in memory.
///
/// An article's id is its `id` field, or `#N` (its 1-based line number among results) when that
/// is missing or already taken. Error records are kept and shown as such. Search is a
/// case-insensitive match of every query word in the headline or text. There are no stories.
pub struct JsonlLibrary {
    items: Vec<(String, Value)>,
    by_id: HashMap<String, usize>,
}

impl JsonlLibrary {
    /// Reads a presslens/1 JSON Lines file; blank lines are skipped, malformed lines are errors.
    pub fn open(path: &Path) -> Result<Self> {
        let f = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
        let mut values = Vec::new();
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not JSON", path.display(), i + 1))?;
            values.push(v);
        }
        Ok(Self::from_values(values))
    }

    /// Builds a library from results in memory.
    pub fn from_values(values: Vec<Value>) -> Self {
        let mut items = Vec::with_capacity(values.len());
        let mut by_id = HashMap::new();
        for (i, v) in values.into_iter().enumerate() {
            let own = v.get("id").and_then(Value::as_str).map(str::to_string);
            let id = match own {
                Some(id) if !id.is_empty() && !by_id.contains_key(&id) => id,
                _ => format!("#{}", i + 1),
            };
            by_id.insert(id.clone(), items.len());
            items.push((id, v));
        }
        JsonlLibrary { items, by_id }
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no articles.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A [`Hit`] describing result `v` under `id`.
pub fn hit_of(id: &str, v: &Value) -> Hit {
    let title = v
        .pointer("/document/title/text")
        .and_then(Value::as_str)
        .map(str::to_string);
    let published = v
        .pointer("/document/published")
        .and_then(Value::as_str)
        .map(str::to_string);
    let snippet = v
        .pointer("/document/paragraphs/0/text")
        .or_else(|| v.get("text"))
        .or_else(|| v.pointer("/error/message"))
        .and_then(Value::as_str)
        .map(|s| s.chars().take(200).collect())
        .unwrap_or_default();
    Hit {
        id: id.to_string(),
        title,
        published,
        snippet,
    }
}

impl Library for JsonlLibrary {
    fn get(&self, id: &str) -> Result<Option<Value>> {
        Ok(self.by_id.get(id).map(|&i| self.items[i].1.clone()))
    }

    fn search(&self, q: &str, limit: usize) -> Result<Vec<Hit>> {
        let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut scored: Vec<(usize, usize)> = Vec::new();
        for (i, (_, v)) in self.items.iter().enumerate() {
            let title = v
                .pointer("/document/title/text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            let text = v
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            if words.iter().all(|w| title.contains(w) || text.contains(w)) {
                let score = words
                    .iter()
                    .map(|w| {
                        text.matches(w.as_str()).count() + 5 * title.matches(w.as_str()).count()
                    })
                    .sum();
                scored.push((score, i));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(scored
            .into_iter()
            .take(limit)
            .map(|(_, i)| hit_of(&self.items[i].0, &self.items[i].1))
            .collect())
    }

    fn list(&self, limit: usize) -> Result<Vec<Hit>> {
        Ok(self
            .items
            .iter()
            .take(limit)
            .map(|(id, v)| hit_of(id, v))
            .collect())
    }

    fn stories(&self, _limit: usize) -> Result<Vec<StorySummary>> {
        Ok(Vec::new())
    }

    fn story(&self, _id: &str) -> Result<Option<Story>> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_search_and_duplicates() {
        let lib = JsonlLibrary::from_values(vec![
            json!({"id": "a", "text": "Assad thanks Putin", "document": {"title": {"text": "Assad"}}}),
            json!({"id": "a", "text": "Another text about Aleppo"}),
            json!({"text": "no id here"}),
        ]);
        assert_eq!(lib.len(), 3);
        assert!(lib.get("a").ok().flatten().is_some());
        assert!(lib.get("#2").ok().flatten().is_some());
        assert!(lib.get("#3").ok().flatten().is_some());
        let hits = lib.search("PUTIN assad", 10).unwrap_or_default();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "a");
        assert!(lib.search("   ", 10).unwrap_or_default().is_empty());
        assert_eq!(lib.list(2).unwrap_or_default().len(), 2);
    }
}
