//! The `presslens/1` JSON contract (documented in `docs/schema.md` and `docs/presslens-1.schema.json`).
//!
//! Every span is `{"start", "end", "text"}` in Unicode code point offsets into the top-level
//! `"text"`, end exclusive. Byte offsets are converted here, once, through a [`CharIndex`].

use super::SCHEMA;
use crate::document::{CharIndex, Document, Span};
use serde_json::{json, Map, Value};

/// What to include beyond the always-present layers.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonOptions {
    /// Include the `tokens` layer.
    pub tokens: bool,
}

struct Spans<'a> {
    text: &'a str,
    idx: CharIndex,
}

impl Spans<'_> {
    fn span(&self, s: Span) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("start".into(), json!(self.idx.char_offset(s.start)));
        m.insert("end".into(), json!(self.idx.char_offset(s.end)));
        m.insert("text".into(), json!(s.slice(self.text)));
        m
    }

    fn opt(&self, s: Option<Span>) -> Value {
        s.map_or(Value::Null, |s| Value::Object(self.span(s)))
    }

    fn list(&self, spans: &[Span]) -> Value {
        Value::Array(spans.iter().map(|s| Value::Object(self.span(*s))).collect())
    }
}

/// Builds the `presslens/1` object for a document.
pub fn to_value(doc: &Document, opts: JsonOptions) -> Value {
    let sp = Spans {
        text: doc.text(),
        idx: CharIndex::new(doc.text()),
    };
    let m = &doc.meta;
    let document = json!({
        "title": sp.opt(m.title),
        "published": m.published,
        "updated": m.updated,
        "dateline": sp.opt(m.dateline),
        "byline": sp.opt(m.byline),
        "authors": m.authors,
        "place": m.place,
        "outlet": m.outlet,
        "url": m.url,
        "header": sp.list(&doc.header),
        "paragraphs": sp.list(&doc.paragraphs),
        "related": sp.list(&doc.related),
    });
    let sentences: Vec<Value> = doc
        .sentences
        .iter()
        .map(|s| {
            let mut o = sp.span(s.span);
            o.insert("zone".into(), json!(s.zone));
            Value::Object(o)
        })
        .collect();
    let mut out = Map::new();
    out.insert("schema".into(), json!(SCHEMA));
    out.insert("id".into(), json!(m.id));
    out.insert("text".into(), json!(doc.text()));
    out.insert("document".into(), document);
    out.insert("sentences".into(), Value::Array(sentences));
    if opts.tokens {
        let tokens: Vec<Value> = doc
            .tokens
            .iter()
            .map(|t| {
                let mut o = sp.span(t.span);
                o.insert("sentence".into(), json!(t.sentence));
                if let Some(p) = t.upos {
                    o.insert("pos".into(), json!(p));
                }
                if let Some(p) = t.xpos {
                    o.insert("tag".into(), json!(p));
                }
                Value::Object(o)
            })
            .collect();
        out.insert("tokens".into(), Value::Array(tokens));
    }
    let entities: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<Value> = e
                .mentions
                .iter()
                .map(|m| {
                    let mut o = sp.span(m.span);
                    o.insert("kind".into(), json!(m.kind.as_str()));
                    Value::Object(o)
                })
                .collect();
            json!({
                "id": e.id,
                "type": e.etype,
                "name": e.name,
                "mentions": mentions,
                "titles": e.titles,
                "affiliation": e.affiliation,
                "source_type": e.source_type,
            })
        })
        .collect();
    out.insert("entities".into(), Value::Array(entities));
    let attributions: Vec<Value> = doc
        .attributions
        .iter()
        .map(|a| {
            let source = a.source.map_or(Value::Null, |s| {
                let mut o = sp.span(s);
                o.insert("entity".into(), json!(a.entity));
                Value::Object(o)
            });
            json!({
                "id": a.id,
                "kind": a.kind.as_str(),
                "content": Value::Object(sp.span(a.content)),
                "cue": sp.opt(a.cue),
                "source": source,
                "via": a.via.and_then(|v| doc.attributions.get(v)).map(|v| v.id.clone()),
            })
        })
        .collect();
    out.insert("attributions".into(), Value::Array(attributions));
    let distancing: Vec<Value> = doc
        .distancing
        .iter()
        .map(|d| {
            let mut o = sp.span(d.span);
            o.insert("kind".into(), json!(d.kind.as_str()));
            o.insert("attributed_to".into(), json!(d.attributed_to));
            Value::Object(o)
        })
        .collect();
    out.insert("distancing".into(), Value::Array(distancing));
    let timexes: Vec<Value> = doc
        .timexes
        .iter()
        .map(|t| {
            let mut o = sp.span(t.span);
            o.insert("type".into(), json!(t.kind));
            o.insert("value".into(), json!(t.value));
            o.insert("mod".into(), json!(t.modifier));
            Value::Object(o)
        })
        .collect();
    out.insert("timexes".into(), Value::Array(timexes));
    let quantities: Vec<Value> = doc
        .quantities
        .iter()
        .map(|q| {
            let mut o = sp.span(q.span);
            o.insert("value".into(), json!(q.value));
            o.insert("bound".into(), json!(q.bound));
            o.insert("high".into(), json!(q.high));
            o.insert("unit".into(), json!(q.unit));
            o.insert("object".into(), sp.opt(q.object));
            o.insert("count_type".into(), json!(q.count_type));
            o.insert(
                "attribution".into(),
                json!(q
                    .attribution
                    .and_then(|i| doc.attributions.get(i))
                    .map(|a| a.id.clone())),
            );
            Value::Object(o)
        })
        .collect();
    out.insert("quantities".into(), Value::Array(quantities));
    let framing: Vec<Value> = doc
        .framing
        .iter()
        .map(|f| {
            let mut o = sp.span(f.span);
            o.insert("category".into(), json!(f.category.as_str()));
            o.insert("voice".into(), json!(f.voice.as_str()));
            o.insert(
                "attribution".into(),
                json!(f
                    .attribution
                    .and_then(|i| doc.attributions.get(i))
                    .map(|a| a.id.clone())),
            );
            o.insert("target".into(), json!(f.target));
            o.insert("lemma".into(), json!(f.lemma));
            o.insert("source".into(), json!(f.origin.as_str()));
            if let Some(n) = &f.note {
                o.insert("note".into(), json!(n));
            }
            Value::Object(o)
        })
        .collect();
    out.insert("framing".into(), Value::Array(framing));
    out.insert(
        "tone".into(),
        doc.tone
            .as_ref()
            .map_or(Value::Null, |t| tone_value(&sp, t)),
    );
    let sources: Vec<Value> = doc
        .sources
        .iter()
        .map(|s| {
            let ids: Vec<&str> = s
                .attributions
                .iter()
                .filter_map(|&i| doc.attributions.get(i).map(|a| a.id.as_str()))
                .collect();
            json!({
                "entity": s.entity,
                "name": s.name,
                "type": s.source_type,
                "entity_type": s.etype,
                "affiliation": s.affiliation,
                "attributions": ids,
                "statements": ids.len(),
                "words": s.words,
            })
        })
        .collect();
    out.insert("sources".into(), Value::Array(sources));
    let b = crate::attribution::balance(&doc.sources);
    let sides: serde_json::Map<String, Value> = b
        .by_side
        .iter()
        .map(|(k, n)| ((*k).to_string(), json!(n)))
        .collect();
    out.insert(
        "sourcing".into(),
        json!({
            "statements": b.statements,
            "by_side": sides,
            "official_countries": b.official_countries,
            "summary": b.summary,
        }),
    );
    Value::Object(out)
}

/// Rounds a percentage for output (3 decimals).
fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn tone_words(sp: &Spans<'_>, words: &[crate::framing::ToneWord]) -> Value {
    Value::Array(
        words
            .iter()
            .map(|w| {
                let spans: Vec<Value> = w
                    .spans
                    .iter()
                    .map(|&(s, e)| Value::Object(sp.span(Span::new(s, e))))
                    .collect();
                json!({
                    "word": w.word,
                    "valence": r3(f64::from(w.valence)),
                    "count": w.count,
                    "spans": spans,
                })
            })
            .collect(),
    )
}

fn tone_value(sp: &Spans<'_>, t: &crate::framing::Tone) -> Value {
    json!({
        "tone": r3(t.tone),
        "positive": r3(t.positive),
        "negative": r3(t.negative),
        "polarity": r3(t.polarity),
        "activity_density": t.activity_density.map(r3),
        "self_group_density": r3(t.self_group_density),
        "word_count": t.word_count,
        "positive_count": t.positive_count,
        "negative_count": t.negative_count,
        "positive_words": tone_words(sp, &t.top_positive),
        "negative_words": tone_words(sp, &t.top_negative),
        "lexicon": "VADER",
        "caveat": crate::framing::TONE_CAVEAT,
    })
}

/// The error record written in place of a result when one input fails (JSON Lines and batch).
pub fn error_record(id: Option<&str>, input: &str, line: Option<usize>, message: &str) -> Value {
    json!({
        "schema": SCHEMA,
        "id": id,
        "error": {"input": input, "line": line, "message": message},
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{analyze_text, Options};

    #[test]
    fn spans_are_code_points() {
        let doc = analyze_text(
            "Émile’s “big” day 😀\n\nHe said “yes.” 東京 too.",
            &Options::default(),
        );
        let v = to_value(&doc, JsonOptions { tokens: true });
        let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        let mut n = 0;
        for layer in ["sentences", "tokens"] {
            for s in v[layer].as_array().unwrap() {
                let a = s["start"].as_u64().unwrap() as usize;
                let b = s["end"].as_u64().unwrap() as usize;
                let sub: String = text[a..b].iter().collect();
                assert_eq!(sub, s["text"].as_str().unwrap());
                n += 1;
            }
        }
        assert!(n > 10);
        assert_eq!(v["schema"], "presslens/1");
        assert!(v.get("tokens").is_some());
        let v = to_value(&doc, JsonOptions::default());
        assert!(v.get("tokens").is_none());
    }
}
