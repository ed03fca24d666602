//! Where the server finds analysed articles: the [`Library`] trait and an in-memory
//! implementation over a presslens/1 JSON Lines file.

use anyhow::{Context, Result};
use presslens_corpus::store::Filters;
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
    /// The evidence that matched a search (sentences, statements, figures), in text order; empty
    /// outside search results and for article-level matches.
    pub evidence: Vec<Evidence>,
}

/// One matching span of an article, for a search result that links to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Start, in code points of the article's `text`.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// What it is: for a statement its source and kind, for a figure its count type and value.
    pub label: Option<String>,
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
    /// Up to `limit` articles matching the filters (the query and field filters of
    /// `presslens search`; `f.limit` is ignored), each with its matching evidence.
    fn search(&self, f: &Filters, limit: usize) -> Result<Vec<Hit>>;
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
/// case-insensitive match of every query word in the headline or text, and the field filters
/// work as in the store (substrings, any case; dates as prefixes), over the result's own layers.
/// There are no stories.
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
        evidence: Vec::new(),
    }
}

/// Most evidence spans kept per article in a search result.
pub(crate) const EVIDENCE_PER_ARTICLE: usize = 3;

fn contains_ci(hay: Option<&str>, needle: &str) -> bool {
    hay.is_some_and(|h| h.to_lowercase().contains(&needle.to_lowercase()))
}

/// Whether `published` passes a date bound, compared as in the store: on the bound's length.
fn date_ok(published: Option<&str>, bound: &str, later: bool) -> bool {
    let Some(p) = published else { return false };
    let head: String = p.chars().take(bound.chars().count()).collect();
    if later {
        head.as_str() >= bound
    } else {
        head.as_str() <= bound
    }
}

fn span_of(v: &Value) -> Option<(usize, usize, String)> {
    let s = v.get("start")?.as_u64()?;
    let e = v.get("end")?.as_u64()?;
    let t = v.get("text").and_then(Value::as_str).unwrap_or("");
    Some((
        usize::try_from(s).ok()?,
        usize::try_from(e).ok()?,
        t.to_string(),
    ))
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[][..], |a| a)
}

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The evidence of one result for `f`, or `None` if the result does not match.
///
/// Mirrors the store: statements when a source, source type or kind is given; figures when a
/// count type is; sentences when only a query is; the article alone otherwise. With a query,
/// statements and figures must lie in a sentence holding every query word.
fn matches(v: &Value, f: &Filters, words: &[String]) -> Option<Vec<Evidence>> {
    if v.get("error").is_some() {
        return None;
    }
    let doc = v.get("document").unwrap_or(&Value::Null);
    let published = doc.get("published").and_then(Value::as_str);
    if let Some(o) = opt(&f.outlet) {
        if !contains_ci(doc.get("outlet").and_then(Value::as_str), o) {
            return None;
        }
    }
    if let Some(d) = opt(&f.from) {
        if !date_ok(published, d, true) {
            return None;
        }
    }
    if let Some(d) = opt(&f.to) {
        if !date_ok(published, d, false) {
            return None;
        }
    }
    let entities = list(v, "entities");
    if let Some(e) = opt(&f.entity) {
        if !entities
            .iter()
            .any(|x| contains_ci(x.get("name").and_then(Value::as_str), e))
        {
            return None;
        }
    }
    if let Some(c) = opt(&f.framing) {
        if !list(v, "framing").iter().any(|x| {
            x.get("category")
                .and_then(Value::as_str)
                .is_some_and(|k| k.eq_ignore_ascii_case(c))
        }) {
            return None;
        }
    }
    // Sentences holding every query word.
    let hits: Vec<(usize, usize, String)> = if words.is_empty() {
        Vec::new()
    } else {
        let title = doc
            .pointer("/title/text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_lowercase();
        let text = v
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_lowercase();
        if !words.iter().all(|w| title.contains(w) || text.contains(w)) {
            return None;
        }
        list(v, "sentences")
            .iter()
            .filter_map(span_of)
            .filter(|(_, _, t)| {
                let t = t.to_lowercase();
                words.iter().all(|w| t.contains(w))
            })
            .collect()
    };
    let in_hit = |s: usize, e: usize| words.is_empty() || hits.iter().any(|h| h.0 < e && h.1 > s);
    let mut out = Vec::new();
    if opt(&f.source).is_some() || opt(&f.source_type).is_some() || opt(&f.kind).is_some() {
        let names: HashMap<&str, &str> = entities
            .iter()
            .filter_map(|e| {
                Some((
                    e.get("id")?.as_str()?,
                    e.get("name").and_then(Value::as_str)?,
                ))
            })
            .collect();
        let types: HashMap<&str, &str> = list(v, "sources")
            .iter()
            .filter_map(|s| Some((s.get("entity")?.as_str()?, s.get("type")?.as_str()?)))
            .collect();
        for a in list(v, "attributions") {
            let Some((s, e, text)) = a.get("content").and_then(span_of) else {
                continue;
            };
            let entity = a.pointer("/source/entity").and_then(Value::as_str);
            let name = entity.and_then(|x| names.get(x).copied());
            let source_text = a.pointer("/source/text").and_then(Value::as_str);
            let kind = a.get("kind").and_then(Value::as_str);
            if let Some(x) = opt(&f.source) {
                if !contains_ci(name, x) && !contains_ci(source_text, x) {
                    continue;
                }
            }
            if let Some(x) = opt(&f.source_type) {
                let t = entity.and_then(|e| types.get(e).copied());
                if !t.is_some_and(|t| t.eq_ignore_ascii_case(x)) {
                    continue;
                }
            }
            if let Some(x) = opt(&f.kind) {
                if kind != Some(x) {
                    continue;
                }
            }
            if !in_hit(s, e) {
                continue;
            }
            let who = name.or(source_text).unwrap_or("?");
            let mut label = format!("{who} · {}", kind.unwrap_or("?"));
            if let Some(cue) = a.pointer("/cue/text").and_then(Value::as_str) {
                label.push_str(&format!(" via \"{cue}\""));
            }
            out.push(Evidence {
                start: s,
                end: e,
                text,
                label: Some(label),
            });
        }
        return (!out.is_empty()).then_some(out);
    }
    if let Some(ct) = opt(&f.count_type) {
        for q in list(v, "quantities") {
            let Some((s, e, text)) = span_of(q) else {
                continue;
            };
            let t = q.get("count_type").and_then(Value::as_str);
            if !contains_ci(t, ct) || !in_hit(s, e) {
                continue;
            }
            let mut label = t.unwrap_or("").to_string();
            if let Some(u) = q.get("unit").and_then(Value::as_str) {
                label.push_str(&format!(" {u}"));
            }
            if let Some(n) = q.get("value").filter(|n| n.is_number()) {
                label.push_str(&format!(" = {n}"));
            }
            out.push(Evidence {
                start: s,
                end: e,
                text,
                label: Some(label),
            });
        }
        return (!out.is_empty()).then_some(out);
    }
    Some(
        hits.into_iter()
            .map(|(start, end, text)| Evidence {
                start,
                end,
                text,
                label: None,
            })
            .collect(),
    )
}

impl Library for JsonlLibrary {
    fn get(&self, id: &str) -> Result<Option<Value>> {
        Ok(self.by_id.get(id).map(|&i| self.items[i].1.clone()))
    }

    fn search(&self, f: &Filters, limit: usize) -> Result<Vec<Hit>> {
        let words: Vec<String> = f
            .query
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let any_filter = [
            &f.outlet,
            &f.from,
            &f.to,
            &f.source,
            &f.source_type,
            &f.entity,
            &f.count_type,
            &f.kind,
            &f.framing,
        ]
        .iter()
        .any(|o| opt(o).is_some());
        if words.is_empty() && !any_filter {
            return Ok(Vec::new());
        }
        let mut scored: Vec<(usize, usize, Vec<Evidence>)> = Vec::new();
        for (i, (_, v)) in self.items.iter().enumerate() {
            let Some(mut evidence) = matches(v, f, &words) else {
                continue;
            };
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
            let score = words
                .iter()
                .map(|w| text.matches(w.as_str()).count() + 5 * title.matches(w.as_str()).count())
                .sum();
            evidence.truncate(EVIDENCE_PER_ARTICLE);
            scored.push((score, i, evidence));
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(scored
            .into_iter()
            .take(limit)
            .map(|(_, i, evidence)| Hit {
                evidence,
                ..hit_of(&self.items[i].0, &self.items[i].1)
            })
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
        let q = |s: &str| Filters {
            query: Some(s.to_string()),
            ..Filters::default()
        };
        let hits = lib.search(&q("PUTIN assad"), 10).unwrap_or_default();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "a");
        assert!(lib.search(&q("   "), 10).unwrap_or_default().is_empty());
        assert_eq!(lib.list(2).unwrap_or_default().len(), 2);
    }

    fn article(id: &str, outlet: &str, published: &str) -> Value {
        // "Shoigu said 300 people fled. Others said nothing." with one statement and one figure.
        json!({
            "id": id, "text": "Shoigu said 300 people fled. Others said nothing.",
            "document": {"title": null, "outlet": outlet, "published": published},
            "sentences": [{"start": 0, "end": 28, "text": "Shoigu said 300 people fled."},
                          {"start": 29, "end": 50, "text": "Others said nothing."}],
            "entities": [{"id": "e1", "type": "PERSON", "name": "Sergei Shoigu",
                          "mentions": [{"start": 0, "end": 6, "text": "Shoigu", "kind": "name"}]}],
            "attributions": [{"id": "a1", "kind": "indirect",
                              "content": {"start": 12, "end": 27, "text": "300 people fled"},
                              "cue": {"start": 7, "end": 11, "text": "said"},
                              "source": {"start": 0, "end": 6, "text": "Shoigu", "entity": "e1"}, "via": null}],
            "quantities": [{"start": 12, "end": 15, "text": "300", "value": 300.0, "unit": null,
                            "count_type": "displaced"}],
            "sources": [{"entity": "e1", "name": "Sergei Shoigu", "type": "government"}]
        })
    }

    #[test]
    fn field_filters_give_evidence_spans() {
        let mut a = article("a", "TASS", "2016-12-24");
        a["framing"] = json!([{"start": 23, "end": 27, "text": "fled", "category": "loaded"}]);
        let lib = JsonlLibrary::from_values(vec![
            a,
            article("b", "Reuters", "2017-01-02"),
            json!({"id": "c", "error": {"message": "broken"}}),
        ]);
        let search = |f: Filters| lib.search(&f, 10).unwrap_or_default();
        let ids = |h: &[Hit]| h.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        let by_source = search(Filters {
            source: Some("shoigu".into()),
            ..Filters::default()
        });
        assert_eq!(ids(&by_source), ["a", "b"]);
        let ev = &by_source[0].evidence;
        assert_eq!((ev.len(), ev[0].start, ev[0].end), (1, 12, 27));
        assert_eq!(
            ev[0].label.as_deref(),
            Some("Sergei Shoigu · indirect via \"said\"")
        );
        let dec = search(Filters {
            source: Some("shoigu".into()),
            to: Some("2016-12".into()),
            ..Filters::default()
        });
        assert_eq!(ids(&dec), ["a"]);
        let later = search(Filters {
            from: Some("2017".into()),
            ..Filters::default()
        });
        let framed = search(Filters {
            framing: Some("loaded".into()),
            ..Filters::default()
        });
        assert_eq!(ids(&framed), ["a"]);
        assert!(search(Filters {
            framing: Some("hedge".into()),
            ..Filters::default()
        })
        .is_empty());
        assert_eq!(ids(&later), ["b"]);
        assert!(later[0].evidence.is_empty());
        let outlet = search(Filters {
            outlet: Some("reut".into()),
            count_type: Some("displaced".into()),
            ..Filters::default()
        });
        assert_eq!(ids(&outlet), ["b"]);
        assert_eq!(outlet[0].evidence[0].text, "300");
        assert!(search(Filters {
            kind: Some("direct".into()),
            ..Filters::default()
        })
        .is_empty());
        assert!(search(Filters {
            source_type: Some("state_media".into()),
            ..Filters::default()
        })
        .is_empty());
        // With a query, a statement must lie in a matching sentence.
        assert!(search(Filters {
            query: Some("nothing".into()),
            source: Some("shoigu".into()),
            ..Filters::default()
        })
        .is_empty());
        let sentences = search(Filters {
            query: Some("nothing".into()),
            ..Filters::default()
        });
        assert_eq!(sentences[0].evidence[0].start, 29);
    }
}
