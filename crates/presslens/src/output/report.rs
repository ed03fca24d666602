//! The text report: a readable summary of one analysed article for a person at a terminal.

use crate::document::{Document, Zone};
use std::fmt::Write;

/// Renders the report. `name` is the input's name (file path, `-`, or record id).
pub fn render(doc: &Document, name: &str) -> String {
    let mut s = String::new();
    let m = &doc.meta;
    let title = m.title.map(|t| doc.slice(t)).unwrap_or("(no title)");
    let _ = writeln!(s, "{title}");
    let _ = writeln!(s, "{}", "=".repeat(title.chars().count().clamp(10, 78)));
    let _ = writeln!(s, "input      {name}");
    if let Some(id) = &m.id {
        let _ = writeln!(s, "id         {id}");
    }
    let _ = writeln!(
        s,
        "published  {}",
        m.published.as_deref().unwrap_or("unknown")
    );
    if let Some(u) = &m.updated {
        let _ = writeln!(s, "updated    {u}");
    }
    if let Some(d) = m.dateline {
        let _ = writeln!(s, "dateline   {}", doc.slice(d));
    }
    if !m.authors.is_empty() {
        let _ = writeln!(s, "authors    {}", m.authors.join(", "));
    }
    if let Some(p) = &m.place {
        let _ = writeln!(s, "place      {p}");
    }
    if let Some(o) = &m.outlet {
        let _ = writeln!(s, "outlet     {o}");
    }
    if let Some(u) = &m.url {
        let _ = writeln!(s, "url        {u}");
    }
    let body_sentences = doc
        .sentences
        .iter()
        .filter(|x| x.zone == Zone::Body)
        .count();
    let words = doc
        .tokens
        .iter()
        .filter(|t| doc.slice(t.span).chars().any(char::is_alphanumeric))
        .count();
    let _ = writeln!(
        s,
        "text       {} paragraphs, {} sentences, {} tokens ({} words)",
        doc.paragraphs.len(),
        body_sentences,
        doc.tokens.len(),
        words
    );
    if !doc.entities.is_empty() {
        let _ = writeln!(s, "\nEntities ({})", doc.entities.len());
        for e in &doc.entities {
            let mut line = format!("  {:<7} {}", e.etype, e.name);
            if !e.titles.is_empty() {
                line.push_str(&format!(" — {}", e.titles.join(", ")));
            }
            if let Some(c) = e.affiliation.and_then(crate::entities::countries::by_code) {
                line.push_str(&format!(" [{}]", c.name));
            }
            let _ = writeln!(s, "{line} ×{}", e.mentions.len());
        }
    }
    if !doc.sources.is_empty() {
        let _ = writeln!(s, "\nWho said what ({} statements)", doc.attributions.len());
        let _ = writeln!(
            s,
            "  Balance: {}",
            crate::attribution::balance(&doc.sources).summary
        );
        for src in &doc.sources {
            let aff = src
                .affiliation
                .and_then(crate::entities::countries::by_code)
                .map(|c| format!(" [{}]", c.name))
                .unwrap_or_default();
            let ty = src
                .source_type
                .map(|t| format!(" ({})", t.replace('_', " ")))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {}{ty}{aff}: {} statement(s), {} words",
                src.name,
                src.attributions.len(),
                src.words
            );
            for &i in &src.attributions {
                let Some(a) = doc.attributions.get(i) else {
                    continue;
                };
                let mut chain = String::new();
                let mut via = a.via;
                let mut guard = 0;
                while let Some(v) = via {
                    let Some(outer) = doc.attributions.get(v) else {
                        break;
                    };
                    let who = outer.source.map(|x| doc.slice(x)).unwrap_or("?");
                    chain.push_str(&format!(" via {who} ({})", outer.id));
                    via = outer.via;
                    guard += 1;
                    if guard > 8 {
                        break;
                    }
                }
                let cue = a.cue.map(|c| doc.slice(c)).unwrap_or("—");
                let content = doc.slice(a.content);
                let short: String = content.chars().take(110).collect();
                let ell = if short.len() < content.len() {
                    "…"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "    {} {:<12} [{}]{chain}: {short}{ell}",
                    a.id,
                    a.kind.as_str(),
                    cue
                );
            }
        }
    }
    let mut dated: Vec<&crate::claims::timex::Timex> = doc
        .timexes
        .iter()
        .filter(|t| {
            matches!(t.kind, "DATE" | "TIME") && t.value.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    if !dated.is_empty() {
        dated.sort_by(|a, b| a.value.cmp(&b.value).then(a.span.start.cmp(&b.span.start)));
        let _ = writeln!(s, "\nTimeline ({} dated expressions)", dated.len());
        for t in dated {
            let sentence = doc
                .sentences
                .iter()
                .find(|x| x.span.contains(t.span))
                .map(|x| doc.slice(x.span))
                .unwrap_or("");
            let short: String = sentence.chars().take(90).collect();
            let ell = if short.len() < sentence.len() {
                "…"
            } else {
                ""
            };
            let m = t
                .modifier
                .as_deref()
                .map(|m| format!(" {m}"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:<16} {:<18} {short}{ell}",
                format!("{}{m}", t.value),
                format!("“{}”", doc.slice(t.span))
            );
        }
    }
    if !doc.quantities.is_empty() {
        let _ = writeln!(s, "\nFigures ({})", doc.quantities.len());
        for q in &doc.quantities {
            let who = match q.attribution.and_then(|i| doc.attributions.get(i)) {
                Some(a) => {
                    let src = a.source.map(|x| doc.slice(x)).unwrap_or("unnamed source");
                    format!("claimed by {src} ({})", a.id)
                }
                None => "narrator".to_string(),
            };
            let obj = q.object.map(|o| doc.slice(o)).unwrap_or("");
            let ct = q.count_type.map(|c| format!(" {c}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:<24} {:<10} {obj}{ct} — {who}",
                doc.slice(q.span),
                q.bound
            );
        }
    }
    if !doc.distancing.is_empty() {
        let _ = writeln!(s, "\nDistancing ({})", doc.distancing.len());
        for d in &doc.distancing {
            let _ = writeln!(s, "  {:<11} {}", d.kind.as_str(), doc.slice(d.span));
        }
    }
    framing_section(doc, &mut s);
    if !doc.related.is_empty() {
        let _ = writeln!(s, "\nRelated links ({})", doc.related.len());
        for r in &doc.related {
            let _ = writeln!(s, "  - {}", doc.slice(*r));
        }
    }
    s
}

/// The name of an entity id, for the report.
fn entity_name<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.entities
        .iter()
        .find(|e| e.id == id)
        .map_or(id, |e| e.name.as_str())
}

/// Appends `items` as comma-separated words on lines indented by `indent`, wrapped at ~100
/// columns.
fn wrap_list(s: &mut String, head: &str, indent: usize, items: &[String]) {
    let mut line = head.to_string();
    let mut first = true;
    for it in items {
        let add = if first { it.clone() } else { format!(", {it}") };
        if !first && line.chars().count() + add.chars().count() > 100 {
            let _ = writeln!(s, "{line},");
            line = format!("{}{it}", " ".repeat(indent));
        } else {
            line.push_str(&add);
        }
        first = false;
    }
    let _ = writeln!(s, "{line}");
}

/// Framing words grouped by voice and category, then the tone block.
fn framing_section(doc: &Document, s: &mut String) {
    use crate::framing::{FramingCategory, Voice};
    if !doc.framing.is_empty() {
        let narrator = doc
            .framing
            .iter()
            .filter(|f| f.voice == Voice::Narrator)
            .count();
        let _ = writeln!(
            s,
            "\nFraming words ({}: {} in the narrator's voice, {} quoted)",
            doc.framing.len(),
            narrator,
            doc.framing.len() - narrator
        );
        for voice in [Voice::Narrator, Voice::Quoted] {
            let mut any = false;
            for cat in FramingCategory::ALL {
                // word (lowercased) -> (count, targets, speakers), in order of first use.
                let mut words: Vec<(String, usize, Vec<String>, Vec<String>)> = Vec::new();
                for f in doc
                    .framing
                    .iter()
                    .filter(|f| f.voice == voice && f.category == cat)
                {
                    let w = doc.slice(f.span).to_lowercase();
                    let pos = match words.iter().position(|x| x.0 == w) {
                        Some(p) => p,
                        None => {
                            words.push((w, 0, Vec::new(), Vec::new()));
                            words.len() - 1
                        }
                    };
                    let entry = &mut words[pos];
                    entry.1 += 1;
                    if let Some(t) = &f.target {
                        let name = entity_name(doc, t).to_string();
                        if !entry.2.contains(&name) {
                            entry.2.push(name);
                        }
                    }
                    let who = f
                        .attribution
                        .and_then(|i| doc.attributions.get(i))
                        .and_then(|a| a.source)
                        .map(|x| doc.slice(x).to_string());
                    if let Some(who) = who {
                        if !entry.3.contains(&who) {
                            entry.3.push(who);
                        }
                    }
                }
                if words.is_empty() {
                    continue;
                }
                if !any {
                    let _ = writeln!(
                        s,
                        "  {}:",
                        match voice {
                            Voice::Narrator => "narrator (the outlet's own words)",
                            Voice::Quoted => "quoted (inside attributed statements)",
                        }
                    );
                    any = true;
                }
                let items: Vec<String> = words
                    .into_iter()
                    .map(|(w, n, targets, who)| {
                        let mut x = format!("“{w}”");
                        if n > 1 {
                            x.push_str(&format!(" ×{n}"));
                        }
                        if !targets.is_empty() {
                            x.push_str(&format!(" → {}", targets.join("/")));
                        }
                        if !who.is_empty() {
                            x.push_str(&format!(" ({})", who.join("; ")));
                        }
                        x
                    })
                    .collect();
                wrap_list(s, &format!("    {:<11} ", cat.as_str()), 16, &items);
            }
        }
    }
    if let Some(t) = doc.tone.as_ref().filter(|t| t.word_count > 0) {
        let _ = writeln!(
            s,
            "\nTone {:+.2} (positive {:.2} %, negative {:.2} %, polarity {:.2} % of {} words)",
            t.tone, t.positive, t.negative, t.polarity, t.word_count
        );
        let words = |ws: &[crate::framing::ToneWord]| -> Vec<String> {
            ws.iter()
                .map(|w| {
                    if w.count > 1 {
                        format!("{} ×{}", w.word, w.count)
                    } else {
                        w.word.clone()
                    }
                })
                .collect()
        };
        if !t.top_negative.is_empty() {
            wrap_list(s, "  negative words: ", 18, &words(&t.top_negative));
        }
        if !t.top_positive.is_empty() {
            wrap_list(s, "  positive words: ", 18, &words(&t.top_positive));
        }
        let _ = writeln!(s, "  {}", crate::framing::TONE_CAVEAT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{analyze_text, Options};

    #[test]
    fn report_has_the_basics() {
        let doc = analyze_text(
            "Talks resume\n\n24 Dec, 2016 00:10\n\nOne. Two.\n\nREAD MORE: Other story",
            &Options::default(),
        );
        let r = render(&doc, "x.txt");
        assert!(r.starts_with("Talks resume\n"));
        assert!(r.contains("published  2016-12-24T00:10"));
        assert!(r.contains("1 paragraphs, 2 sentences"));
        assert!(r.contains("  - READ MORE: Other story"));
    }
}
