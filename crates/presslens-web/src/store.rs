//! A [`Library`] over a presslens store (`presslens ingest --db DIR`).

use crate::library::{Evidence, Hit, Library, OutletColumn, Story, StorySummary};
use anyhow::{anyhow, bail, Context, Result};
use presslens_corpus::store::{self, Filters, HitKind, Store};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use crate::library::EVIDENCE_PER_ARTICLE;

/// Articles, full-text search and stories from a presslens store directory.
///
/// One SQLite connection, used by one request at a time.
pub struct StoreLibrary {
    store: Mutex<Store>,
}

impl StoreLibrary {
    /// Opens the store in `dir`; fails if there is none (it does not create one).
    pub fn open(dir: &Path) -> Result<Self> {
        if !dir.join("presslens.sqlite").exists() {
            bail!(
                "{}: no presslens store here (run presslens ingest --db {} FILES)",
                dir.display(),
                dir.display()
            );
        }
        let store = Store::open(dir).with_context(|| format!("{}", dir.display()))?;
        Ok(Self::from_store(store))
    }

    /// Wraps an open store.
    pub fn from_store(store: Store) -> Self {
        StoreLibrary {
            store: Mutex::new(store),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&Store) -> store::Result<T>) -> Result<T> {
        let guard = self
            .store
            .lock()
            .map_err(|_| anyhow!("store lock poisoned"))?;
        f(&guard).map_err(anyhow::Error::from)
    }
}

fn hit_from(h: &store::Hit) -> Hit {
    Hit {
        id: h.article.to_string(),
        title: h.title.clone().or_else(|| h.ext_id.clone()),
        published: h.published.clone(),
        snippet: h.outlet.clone().unwrap_or_default(),
        evidence: Vec::new(),
    }
}

/// The evidence span of a store hit; `None` for whole-article hits.
fn evidence_of(h: &store::Hit) -> Option<Evidence> {
    if h.kind == HitKind::Article {
        return None;
    }
    let label = match (h.kind, &h.who, &h.detail) {
        (HitKind::Statement, Some(w), Some(d)) => Some(format!("{w} · {d}")),
        (HitKind::Statement, Some(w), None) => Some(w.clone()),
        (HitKind::Figure, Some(w), _) => Some(w.clone()),
        _ => None,
    };
    Some(Evidence {
        start: usize::try_from(h.start).ok()?,
        end: usize::try_from(h.end).ok()?,
        text: h.text.clone(),
        label,
    })
}

fn info_hit(a: &store::ArticleInfo) -> Hit {
    let mut snippet = a.outlet.clone().unwrap_or_default();
    if let Some(d) = a.dup_of {
        if !snippet.is_empty() {
            snippet.push_str(" · ");
        }
        snippet.push_str(&format!("near-duplicate of article {d}"));
    }
    Hit {
        id: a.id.to_string(),
        title: a.title.clone().or_else(|| a.ext_id.clone()),
        published: a.published.clone(),
        snippet,
        evidence: Vec::new(),
    }
}

fn story_title(s: &store::Story) -> String {
    s.articles
        .iter()
        .find_map(|a| a.title.clone())
        .unwrap_or_else(|| format!("story {}", s.id))
}

impl Library for StoreLibrary {
    fn get(&self, id: &str) -> Result<Option<serde_json::Value>> {
        self.with(|s| s.get_article(id))
    }

    fn search(&self, f: &Filters, limit: usize) -> Result<Vec<Hit>> {
        // Blank fields are no filter; a search with nothing in it finds nothing.
        let mut filters = f.clone();
        filters.limit = limit.saturating_mul(EVIDENCE_PER_ARTICLE * 4).max(1);
        let mut any = false;
        for field in [
            &mut filters.query,
            &mut filters.outlet,
            &mut filters.from,
            &mut filters.to,
            &mut filters.source,
            &mut filters.source_type,
            &mut filters.entity,
            &mut filters.count_type,
            &mut filters.kind,
            &mut filters.framing,
        ] {
            *field = field
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            any |= field.is_some();
        }
        if !any {
            return Ok(Vec::new());
        }
        let raw = self.with(|s| s.search(&filters))?;
        // One hit per article, with its first few pieces of evidence.
        let mut out: Vec<Hit> = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        for h in &raw {
            let i = match index.get(&h.article) {
                Some(&i) => i,
                None => {
                    if out.len() >= limit {
                        continue;
                    }
                    index.insert(h.article, out.len());
                    out.push(hit_from(h));
                    out.len() - 1
                }
            };
            if out[i].evidence.len() < EVIDENCE_PER_ARTICLE {
                if let Some(e) = evidence_of(h) {
                    out[i].evidence.push(e);
                }
            }
        }
        Ok(out)
    }

    fn list(&self, limit: usize) -> Result<Vec<Hit>> {
        let filters = Filters {
            limit: limit.max(1),
            ..Filters::default()
        };
        let raw = self.with(|s| s.search(&filters))?;
        Ok(raw.iter().map(hit_from).collect())
    }

    fn stories(&self, limit: usize) -> Result<Vec<StorySummary>> {
        let stories = self.with(|s| s.list_stories())?;
        Ok(stories
            .iter()
            .filter(|s| s.articles.len() > 1)
            .take(limit)
            .map(|s| StorySummary {
                id: s.id.to_string(),
                title: story_title(s),
                size: s.articles.len(),
            })
            .collect())
    }

    fn story(&self, id: &str) -> Result<Option<Story>> {
        let Ok(n) = id.parse::<i64>() else {
            return Ok(None);
        };
        let stories = self.with(|s| s.list_stories())?;
        Ok(stories.iter().find(|s| s.id == n).map(|s| Story {
            id: s.id.to_string(),
            title: story_title(s),
            articles: s.articles.iter().map(info_hit).collect(),
            outlets: s
                .outlets
                .iter()
                .map(|o| OutletColumn {
                    outlet: o.outlet.clone(),
                    sources: o.sources.clone(),
                    figures: o.figures.clone(),
                })
                .collect(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn store_library_round_trip() {
        let Ok(mut store) = Store::in_memory() else {
            panic!("in-memory store");
        };
        let text = "Assad thanks Putin\n\nThe president thanked Russia for its help in Aleppo.";
        let v = json!({
            "schema": "presslens/1", "id": "a.txt", "text": text,
            "document": {"title": {"start": 0, "end": 18, "text": "Assad thanks Putin"},
                         "published": "2016-12-24", "updated": null, "dateline": null, "byline": null,
                         "authors": [], "place": null, "outlet": "RT", "url": null, "header": [],
                         "paragraphs": [{"start": 20, "end": 72, "text": "The president thanked Russia for its help in Aleppo."}],
                         "related": []},
            "sentences": [{"start": 0, "end": 18, "text": "Assad thanks Putin", "zone": "title"},
                          {"start": 20, "end": 72, "text": "The president thanked Russia for its help in Aleppo.", "zone": "body"}],
            "entities": [], "attributions": [], "distancing": [], "timexes": [], "quantities": [],
            "framing": [], "sources": []
        });
        if let Err(e) = store.ingest(&v, "a.txt") {
            panic!("ingest: {e}");
        }
        let lib = StoreLibrary::from_store(store);
        let q = |s: &str| Filters {
            query: Some(s.to_string()),
            ..Filters::default()
        };
        let hits = lib.search(&q("aleppo"), 10).unwrap_or_default();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].title.as_deref(), Some("Assad thanks Putin"));
        let got = lib.get(&hits[0].id).ok().flatten();
        assert_eq!(
            got.as_ref().and_then(|g| g.get("id")),
            Some(&json!("a.txt"))
        );
        assert!(lib.get("a.txt").ok().flatten().is_some());
        assert_eq!(lib.list(10).unwrap_or_default().len(), 1);
        assert!(lib.story("x").ok().flatten().is_none());
        // A query that is not valid FTS5 syntax is an error, not a panic.
        let _ = lib.search(&q("\"unbalanced"), 10);
        // Evidence: the matching sentence, with its offsets.
        assert_eq!(hits[0].evidence.len(), 1);
        assert_eq!(
            (hits[0].evidence[0].start, hits[0].evidence[0].end),
            (20, 72)
        );
        // Field filters reach the store; blank fields are ignored.
        let by_outlet = Filters {
            outlet: Some("rt".into()),
            source: Some("  ".into()),
            ..Filters::default()
        };
        assert_eq!(lib.search(&by_outlet, 10).unwrap_or_default().len(), 1);
        let other = Filters {
            outlet: Some("bbc".into()),
            ..Filters::default()
        };
        assert!(lib.search(&other, 10).unwrap_or_default().is_empty());
    }
}
