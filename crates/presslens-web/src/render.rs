//! The article view: one self-contained HTML page from `presslens/1` results.
//!
//! The article text is cut into segments at every span boundary of every layer, so overlapping
//! and nested spans never produce broken markup: each segment is one flat `<span>` carrying the
//! classes and keys of every annotation that covers it. Every piece of article text and metadata
//! goes through [`crate::escape`]; details for the hover panel travel as JSON in a
//! `<script type="application/json">` element and are put on the page with `textContent` only.

use crate::escape::{html, push_html, script_json};
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

/// Number of distinct source colours (`c0` … `c9` in the style sheet).
const PALETTE: usize = 10;
/// Longest relay chain followed through `via`.
const MAX_VIA: usize = 8;

/// Renders one `presslens/1` result (or error record) as a complete, self-contained HTML page.
///
/// The page has no external references: style sheet and script are inline. All article text and
/// metadata are HTML-escaped, whatever they contain.
pub fn render_article(result: &Value) -> String {
    render_articles(std::slice::from_ref(result))
}

/// Renders several results as one page with one section per article, in order.
pub fn render_articles(results: &[Value]) -> String {
    let title = match results {
        [one] => page_title(one),
        _ => format!("presslens: {} articles", results.len()),
    };
    let mut body = String::new();
    let mut data = Map::new();
    for (i, r) in results.iter().enumerate() {
        body.push_str(&article_section(r, i, &mut data, None));
    }
    page(&title, "", &body, &Value::Object(data))
}

/// The page title for a result: its headline, else its id.
pub(crate) fn page_title(result: &Value) -> String {
    let headline = result
        .pointer("/document/title/text")
        .and_then(Value::as_str)
        .map(str::to_string);
    let id = result.get("id").and_then(Value::as_str).map(str::to_string);
    match headline.or(id) {
        Some(t) => format!("presslens: {t}"),
        None => "presslens".to_string(),
    }
}

/// A complete page: `nav` and `body` are trusted HTML built by this crate; `title` is escaped.
pub(crate) fn page(title: &str, nav: &str, body: &str, data: &Value) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + SCRIPT.len() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No network at all: scripts and styles only inline, images only data:, no forms elsewhere.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; \
         form-action 'self'; base-uri 'none'\">\n",
    );
    out.push_str("<title>");
    push_html(&mut out, title);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(nav);
    out.push_str("<main>\n");
    out.push_str(body);
    out.push_str("</main>\n<aside id=\"pl-detail\" hidden><button type=\"button\" id=\"pl-detail-close\" aria-label=\"close\">×</button><div id=\"pl-detail-body\"></div></aside>\n");
    out.push_str("<script type=\"application/json\" id=\"pl-data\">");
    out.push_str(&script_json(data));
    out.push_str("</script>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------------------------------------
// Reading the JSON defensively: anything missing or malformed is skipped, never a panic.

fn get_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A span's `(start, end)` if it is well-formed and inside a text of `len` characters.
fn span_of(v: &Value, len: usize) -> Option<(usize, usize)> {
    let s = usize::try_from(v.get("start")?.as_u64()?).ok()?;
    let e = usize::try_from(v.get("end")?.as_u64()?).ok()?;
    (s < e && e <= len).then_some((s, e))
}

fn span_text(v: &Value) -> &str {
    get_str(v, "text").unwrap_or("")
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => format_number(n),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn format_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Some(f) => {
            let s = format!("{f:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        None => n.to_string(),
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

// ---------------------------------------------------------------------------------------------
// Annotations and segments.

/// One highlighted span of the article text.
struct Ann {
    start: usize,
    end: usize,
    /// CSS classes this annotation adds to every segment it covers.
    classes: Vec<String>,
    /// Detail key (into the page's data map), if the annotation has details.
    key: Option<String>,
    /// A source colour: set for attribution contents, whose innermost one colours the segment.
    bg: Option<usize>,
}

/// What the article section needs to know about attributions.
struct AttrInfo {
    id: String,
    source_name: String,
    colour: usize,
    via: Option<String>,
    kind: String,
    cue: String,
    source_text: String,
    content: String,
}

/// Builds the highlighted text: splits at every boundary and emits one flat span per segment.
fn highlight(chars: &[char], anns: &[Ann]) -> String {
    let len = chars.len();
    let mut bounds: BTreeSet<usize> = BTreeSet::new();
    bounds.insert(0);
    bounds.insert(len);
    for a in anns {
        bounds.insert(a.start);
        bounds.insert(a.end);
    }
    let bounds: Vec<usize> = bounds.into_iter().filter(|&b| b <= len).collect();
    // Annotations sorted by start; a sweep keeps the active set.
    let mut order: Vec<usize> = (0..anns.len()).collect();
    order.sort_by_key(|&i| (anns[i].start, std::cmp::Reverse(anns[i].end)));
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out = String::with_capacity(len * 2);
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        active.retain(|&i| anns[i].end > s);
        while next < order.len() && anns[order[next]].start <= s {
            let i = order[next];
            if anns[i].end > s {
                active.push(i);
            }
            next += 1;
        }
        let text: String = chars[s..e].iter().collect();
        if active.is_empty() {
            push_html(&mut out, &text);
            continue;
        }
        let mut classes: BTreeSet<&str> = BTreeSet::new();
        let mut keys: Vec<&str> = Vec::new();
        let mut bg: Option<(usize, usize)> = None; // (length, colour) of the innermost content
        for &i in &active {
            let a = &anns[i];
            for c in &a.classes {
                classes.insert(c);
            }
            if let Some(k) = &a.key {
                if !keys.contains(&k.as_str()) {
                    keys.push(k);
                }
            }
            if let Some(c) = a.bg {
                let l = a.end - a.start;
                if bg.is_none_or(|(bl, _)| l < bl) {
                    bg = Some((l, c));
                }
            }
        }
        let bg_class = bg.map(|(_, c)| format!("bg{c}"));
        out.push_str("<span class=\"h");
        for c in classes.iter().copied().chain(bg_class.as_deref()) {
            out.push(' ');
            push_html(&mut out, c);
        }
        out.push('"');
        if !keys.is_empty() {
            out.push_str(" data-k=\"");
            push_html(&mut out, &keys.join(" "));
            out.push('"');
        }
        out.push('>');
        push_html(&mut out, &text);
        out.push_str("</span>");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The article section.

/// Renders one result as a `<section>`, adding its hover details to `data`. `hit` (code point
/// offsets, e.g. a search result's evidence) is marked `.hit` and scrolled to by the page script.
pub(crate) fn article_section(
    result: &Value,
    idx: usize,
    data: &mut Map<String, Value>,
    hit: Option<(usize, usize)>,
) -> String {
    let p = format!("d{idx}-");
    let mut out = String::new();
    let id = get_str(result, "id");
    let _ = write!(out, "<section class=\"article\" id=\"article-{idx}\">");
    if let Some(err) = result.get("error") {
        out.push_str("<h1>Could not analyse ");
        push_html(&mut out, id.unwrap_or("input"));
        out.push_str("</h1><p class=\"error\">");
        push_html(&mut out, get_str(err, "message").unwrap_or("unknown error"));
        out.push_str("</p></section>\n");
        return out;
    }
    let text = get_str(result, "text").unwrap_or("");
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let doc = result.get("document").cloned().unwrap_or(Value::Null);

    // Entities by id.
    let mut entity_names: HashMap<String, (String, String)> = HashMap::new();
    for e in arr(result, "entities") {
        if let Some(eid) = get_str(e, "id") {
            entity_names.insert(
                eid.to_string(),
                (
                    get_str(e, "name").unwrap_or(eid).to_string(),
                    get_str(e, "type").unwrap_or("").to_string(),
                ),
            );
        }
    }

    // Source colours: in the order of the sources layer, then of unseen attribution sources.
    let mut colours: HashMap<String, usize> = HashMap::new();
    let colour_key = |entity: Option<&str>, name: &str| match entity {
        Some(e) => format!("e:{e}"),
        None => format!("t:{}", name.to_lowercase()),
    };
    for s in arr(result, "sources") {
        let k = colour_key(get_str(s, "entity"), get_str(s, "name").unwrap_or(""));
        let n = colours.len();
        colours.entry(k).or_insert(n % PALETTE);
    }

    // Attributions.
    let mut attrs: Vec<AttrInfo> = Vec::new();
    for a in arr(result, "attributions") {
        let Some(aid) = get_str(a, "id") else {
            continue;
        };
        let src = a.get("source").filter(|s| !s.is_null());
        let src_entity = src.and_then(|s| get_str(s, "entity"));
        let src_text = src.map(span_text).unwrap_or("").to_string();
        let name = match src_entity.and_then(|e| entity_names.get(e)) {
            Some((n, _)) => n.clone(),
            None if !src_text.is_empty() => src_text.clone(),
            None => "unattributed".to_string(),
        };
        let k = colour_key(src_entity, &name);
        let n = colours.len();
        let colour = *colours.entry(k).or_insert(n % PALETTE);
        attrs.push(AttrInfo {
            id: aid.to_string(),
            source_name: name,
            colour,
            via: get_str(a, "via").map(str::to_string),
            kind: get_str(a, "kind").unwrap_or("").to_string(),
            cue: a.get("cue").map(span_text).unwrap_or("").to_string(),
            source_text: src_text,
            content: a.get("content").map(span_text).unwrap_or("").to_string(),
        });
    }
    let by_id: HashMap<&str, usize> = attrs
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let chain_of = |start: &str| -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = by_id.get(start).copied();
        while let Some(i) = cur {
            if chain.contains(&i) || chain.len() > MAX_VIA {
                break;
            }
            chain.push(i);
            cur = attrs[i].via.as_deref().and_then(|v| by_id.get(v).copied());
        }
        chain
    };
    let describe = |a: &AttrInfo| -> String {
        let mut s = a.source_name.clone();
        if !a.source_text.is_empty() && a.source_text != a.source_name {
            let _ = write!(s, " (“{}”)", a.source_text);
        }
        if !a.cue.is_empty() {
            let _ = write!(s, " — {}", a.cue);
        }
        s
    };

    let mut anns: Vec<Ann> = Vec::new();

    // Zones, for typography only.
    for s in arr(result, "sentences") {
        if let (Some((st, en)), Some(zone)) = (span_of(s, len), get_str(s, "zone")) {
            if zone != "body" {
                anns.push(Ann {
                    start: st,
                    end: en,
                    classes: vec![format!("z-{}", css_word(zone))],
                    key: None,
                    bg: None,
                });
            }
        }
    }

    // Entities.
    for e in arr(result, "entities") {
        let Some(eid) = get_str(e, "id") else {
            continue;
        };
        let key = format!("{p}{eid}");
        let etype = get_str(e, "type").unwrap_or("");
        let mut lines = vec![format!("type: {etype}")];
        if let Some(aff) = get_str(e, "affiliation") {
            lines.push(format!("affiliation: {aff}"));
        }
        let titles: Vec<String> = arr(e, "titles").iter().map(scalar).collect();
        if !titles.is_empty() {
            lines.push(format!("titles: {}", titles.join(", ")));
        }
        lines.push(format!("mentions: {}", arr(e, "mentions").len()));
        data.insert(
            key.clone(),
            json!({"kind": "entity", "title": get_str(e, "name").unwrap_or(eid), "lines": lines}),
        );
        for m in arr(e, "mentions") {
            if let Some((s, en)) = span_of(m, len) {
                anns.push(Ann {
                    start: s,
                    end: en,
                    classes: vec![
                        "ent".into(),
                        format!("ent-{}", css_word(etype)),
                        format!("mk-{}", css_word(get_str(m, "kind").unwrap_or(""))),
                    ],
                    key: Some(key.clone()),
                    bg: None,
                });
            }
        }
    }

    // Attributions: content coloured by source, cue and source marked.
    for a in arr(result, "attributions") {
        let Some(aid) = get_str(a, "id") else {
            continue;
        };
        let Some(&i) = by_id.get(aid) else { continue };
        let info = &attrs[i];
        let key = format!("{p}{aid}");
        let chain = chain_of(aid);
        let mut lines = vec![
            format!("{} statement {}", info.kind, info.id),
            format!("source: {}", describe(info)),
        ];
        for &j in chain.iter().skip(1) {
            lines.push(format!(
                "relayed via {}: {}",
                attrs[j].id,
                describe(&attrs[j])
            ));
        }
        lines.push(format!("“{}”", shorten(&info.content, 240)));
        data.insert(
            key.clone(),
            json!({"kind": "attribution", "title": format!("{} said", info.source_name),
                   "lines": lines, "colour": info.colour}),
        );
        let via_class = if chain.len() > 1 { "relayed" } else { "own" };
        if let Some((s, e)) = a.get("content").and_then(|c| span_of(c, len)) {
            anns.push(Ann {
                start: s,
                end: e,
                classes: vec![
                    "q".into(),
                    format!("q-{}", css_word(&info.kind)),
                    via_class.into(),
                ],
                key: Some(key.clone()),
                bg: Some(info.colour),
            });
        }
        if let Some((s, e)) = a.get("cue").and_then(|c| span_of(c, len)) {
            anns.push(Ann {
                start: s,
                end: e,
                classes: vec!["cue".into()],
                key: Some(key.clone()),
                bg: None,
            });
        }
        if let Some((s, e)) = a.get("source").and_then(|c| span_of(c, len)) {
            anns.push(Ann {
                start: s,
                end: e,
                classes: vec!["src".into(), format!("fg{}", info.colour)],
                key: Some(key.clone()),
                bg: None,
            });
        }
    }

    // Distancing.
    for (i, d) in arr(result, "distancing").iter().enumerate() {
        let Some((s, e)) = span_of(d, len) else {
            continue;
        };
        let key = format!("{p}x{i}");
        let kind = get_str(d, "kind").unwrap_or("distancing").replace('_', " ");
        let mut lines = vec![format!("“{}”", span_text(d))];
        if let Some(who) = get_str(d, "attributed_to") {
            lines.push(format!("attributed to: {}", attr_name(who, &by_id, &attrs)));
        }
        data.insert(
            key.clone(),
            json!({"kind": "distancing", "title": kind, "lines": lines}),
        );
        anns.push(Ann {
            start: s,
            end: e,
            classes: vec!["dist".into()],
            key: Some(key),
            bg: None,
        });
    }

    // Timexes.
    for (i, t) in arr(result, "timexes").iter().enumerate() {
        let Some((s, e)) = span_of(t, len) else {
            continue;
        };
        let key = format!("{p}t{i}");
        let mut lines = vec![format!("value: {}", get_str(t, "value").unwrap_or("?"))];
        if let Some(m) = get_str(t, "mod") {
            lines.push(format!("modifier: {m}"));
        }
        data.insert(
            key.clone(),
            json!({"kind": "time", "title": format!("{} “{}”", get_str(t, "type").unwrap_or("TIMEX"), span_text(t)), "lines": lines}),
        );
        anns.push(Ann {
            start: s,
            end: e,
            classes: vec!["tx".into()],
            key: Some(key),
            bg: None,
        });
    }

    // Quantities.
    for (i, q) in arr(result, "quantities").iter().enumerate() {
        let Some((s, e)) = span_of(q, len) else {
            continue;
        };
        let key = format!("{p}n{i}");
        let lines = quantity_lines(q, &by_id, &attrs);
        data.insert(
            key.clone(),
            json!({"kind": "figure", "title": format!("figure “{}”", span_text(q)), "lines": lines}),
        );
        anns.push(Ann {
            start: s,
            end: e,
            classes: vec!["qty".into()],
            key: Some(key.clone()),
            bg: None,
        });
        if let Some((os, oe)) = q.get("object").and_then(|o| span_of(o, len)) {
            anns.push(Ann {
                start: os,
                end: oe,
                classes: vec!["qty-obj".into()],
                key: Some(key),
                bg: None,
            });
        }
    }

    // Framing words.
    for (i, f) in arr(result, "framing").iter().enumerate() {
        let Some((s, e)) = span_of(f, len) else {
            continue;
        };
        let key = format!("{p}f{i}");
        let voice = get_str(f, "voice").unwrap_or("narrator");
        let category = get_str(f, "category").unwrap_or("framing");
        let mut lines = vec![format!("voice: {voice}")];
        for (k, v) in f.as_object().into_iter().flatten() {
            if !matches!(k.as_str(), "start" | "end" | "text" | "voice" | "category")
                && !v.is_object()
                && !v.is_array()
            {
                lines.push(format!("{k}: {}", scalar(v)));
            }
        }
        data.insert(
            key.clone(),
            json!({"kind": "framing", "title": format!("{category} “{}”", span_text(f)), "lines": lines}),
        );
        anns.push(Ann {
            start: s,
            end: e,
            classes: vec![
                "fr".into(),
                format!("fr-{}", css_word(voice)),
                format!("fc-{}", css_word(category)),
            ],
            key: Some(key),
            bg: None,
        });
    }

    // Header: headline and metadata.
    out.push_str("<header class=\"meta\">");
    let headline = doc
        .get("title")
        .map(span_text)
        .filter(|t| !t.is_empty())
        .or(id)
        .unwrap_or("(untitled)");
    out.push_str("<h1>");
    push_html(&mut out, headline);
    out.push_str("</h1><dl>");
    let mut meta = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push_str("<dt>");
            push_html(&mut out, label);
            out.push_str("</dt><dd>");
            push_html(&mut out, &v);
            out.push_str("</dd>");
        }
    };
    meta("id", id.map(str::to_string));
    meta("published", get_str(&doc, "published").map(str::to_string));
    meta("updated", get_str(&doc, "updated").map(str::to_string));
    meta("outlet", get_str(&doc, "outlet").map(str::to_string));
    meta("place", get_str(&doc, "place").map(str::to_string));
    let authors: Vec<String> = arr(&doc, "authors").iter().map(scalar).collect();
    meta("authors", Some(authors.join(", ")));
    meta("address", get_str(&doc, "url").map(str::to_string));
    out.push_str("</dl></header>");

    // Tone block, if any.
    if let Some(tone) = result.get("tone").filter(|t| t.is_object()) {
        out.push_str("<section class=\"panel tone\"><h2>Tone</h2>");
        render_generic(&mut out, tone, 0);
        out.push_str("</section>");
    }

    // Legend and layer toggles.
    out.push_str(LEGEND);

    if let Some((start, end)) = hit.filter(|&(s, e)| s < e && e <= len) {
        out.push_str("<p class=\"hitnote\">Search hit: <span class=\"hit\">");
        let t: String = chars[start..end].iter().take(200).collect();
        push_html(&mut out, &t);
        out.push_str("</span></p>");
        anns.push(Ann {
            start,
            end,
            classes: vec!["hit".to_string()],
            key: None,
            bg: None,
        });
    }
    out.push_str("<div class=\"cols\"><div class=\"textcol\"><div class=\"text\" lang=\"en\">");
    out.push_str(&highlight(&chars, &anns));
    out.push_str("</div></div><div class=\"panels\">");

    // Sources panel.
    let sources = arr(result, "sources");
    out.push_str("<section class=\"panel sources\"><h2>Sources</h2>");
    if sources.is_empty() {
        out.push_str("<p class=\"none\">No sources.</p>");
    } else {
        out.push_str("<table><thead><tr><th>source</th><th>type</th><th>affil.</th><th title=\"statements\">stmts</th><th>words</th></tr></thead><tbody>");
        for s in sources {
            let name = get_str(s, "name").unwrap_or("?");
            let c = colours
                .get(&colour_key(get_str(s, "entity"), name))
                .copied()
                .unwrap_or(0);
            let keys: Vec<String> = arr(s, "attributions")
                .iter()
                .filter_map(Value::as_str)
                .map(|a| format!("{p}{a}"))
                .collect();
            let _ = write!(out, "<tr class=\"srcrow\" tabindex=\"0\" data-focus=\"");
            push_html(&mut out, &keys.join(" "));
            let _ = write!(out, "\"><td><span class=\"sw bg{c}\"></span>");
            push_html(&mut out, name);
            out.push_str("</td><td>");
            let ty = [get_str(s, "type"), get_str(s, "entity_type")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            push_html(&mut out, &ty);
            out.push_str("</td><td>");
            push_html(&mut out, get_str(s, "affiliation").unwrap_or("—"));
            out.push_str("</td><td class=\"num\">");
            push_html(
                &mut out,
                &s.get("statements").map(scalar).unwrap_or_default(),
            );
            out.push_str("</td><td class=\"num\">");
            push_html(&mut out, &s.get("words").map(scalar).unwrap_or_default());
            out.push_str("</td></tr>");
        }
        out.push_str(
            "</tbody></table><p class=\"hint\">Click a source to pick out its statements.</p>",
        );
    }
    out.push_str("</section>");

    // Statements panel (attributions with their relay chains).
    out.push_str("<section class=\"panel statements\"><h2>Statements</h2>");
    if attrs.is_empty() {
        out.push_str("<p class=\"none\">No attributions.</p>");
    } else {
        out.push_str("<ol>");
        for a in &attrs {
            let _ = write!(out, "<li class=\"stmt\" tabindex=\"0\" data-focus=\"");
            push_html(&mut out, &format!("{p}{}", a.id));
            let _ = write!(out, "\"><span class=\"sw bg{}\"></span><b>", a.colour);
            push_html(&mut out, &a.source_name);
            out.push_str("</b> <span class=\"kind\">");
            push_html(&mut out, &format!("{} · {}", a.kind, a.id));
            out.push_str("</span>");
            let chain = chain_of(&a.id);
            if chain.len() > 1 {
                out.push_str("<span class=\"via\">via ");
                let names: Vec<String> = chain
                    .iter()
                    .skip(1)
                    .map(|&j| attrs[j].source_name.clone())
                    .collect();
                push_html(&mut out, &names.join(" ← "));
                out.push_str("</span>");
            }
            out.push_str("<q>");
            push_html(&mut out, &shorten(&a.content, 160));
            out.push_str("</q></li>");
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>");

    // Timeline.
    out.push_str("<section class=\"panel timeline\"><h2>Timeline</h2>");
    let mut tx: Vec<(usize, &Value)> = arr(result, "timexes").iter().enumerate().collect();
    tx.sort_by(|(ia, a), (ib, b)| {
        let va = get_str(a, "value").unwrap_or("");
        let vb = get_str(b, "value").unwrap_or("");
        (timeline_rank(va), va, ia).cmp(&(timeline_rank(vb), vb, ib))
    });
    if tx.is_empty() {
        out.push_str("<p class=\"none\">No dates or times.</p>");
    } else {
        out.push_str("<table><tbody>");
        for (i, t) in tx {
            let _ = write!(
                out,
                "<tr class=\"txrow\" tabindex=\"0\" data-focus=\"{p}t{i}\"><td class=\"val\">"
            );
            push_html(&mut out, get_str(t, "value").unwrap_or("?"));
            if let Some(m) = get_str(t, "mod") {
                out.push(' ');
                push_html(&mut out, m);
            }
            out.push_str("</td><td>");
            push_html(&mut out, span_text(t));
            out.push_str("</td><td class=\"kind\">");
            push_html(&mut out, get_str(t, "type").unwrap_or(""));
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");

    // Figures.
    out.push_str("<section class=\"panel figures\"><h2>Figures</h2>");
    let qs = arr(result, "quantities");
    if qs.is_empty() {
        out.push_str("<p class=\"none\">No figures.</p>");
    } else {
        out.push_str(
            "<table><thead><tr><th>figure</th><th>of</th><th>claimed by</th></tr></thead><tbody>",
        );
        for (i, q) in qs.iter().enumerate() {
            let _ = write!(
                out,
                "<tr class=\"qrow\" tabindex=\"0\" data-focus=\"{p}n{i}\"><td>"
            );
            push_html(&mut out, span_text(q));
            out.push_str("<div class=\"kind\">");
            push_html(&mut out, &quantity_value(q));
            out.push_str("</div></td><td>");
            let obj = q.get("object").map(span_text).unwrap_or("");
            push_html(&mut out, obj);
            if let Some(ct) = get_str(q, "count_type") {
                out.push_str("<div class=\"kind\">");
                push_html(&mut out, ct);
                out.push_str("</div>");
            }
            out.push_str("</td><td>");
            let claimant = get_str(q, "attribution")
                .map(|a| attr_name(a, &by_id, &attrs))
                .unwrap_or_else(|| "the article".to_string());
            push_html(&mut out, &claimant);
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");

    // Distancing.
    let ds = arr(result, "distancing");
    if !ds.is_empty() {
        out.push_str("<section class=\"panel distancing\"><h2>Distancing</h2><ul>");
        for (i, d) in ds.iter().enumerate() {
            let _ = write!(out, "<li tabindex=\"0\" data-focus=\"{p}x{i}\">“");
            push_html(&mut out, span_text(d));
            out.push_str("” <span class=\"kind\">");
            push_html(
                &mut out,
                &get_str(d, "kind").unwrap_or("").replace('_', " "),
            );
            out.push_str("</span></li>");
        }
        out.push_str("</ul></section>");
    }

    // Framing, by voice.
    let fs = arr(result, "framing");
    if !fs.is_empty() {
        out.push_str("<section class=\"panel framing\"><h2>Framing words</h2>");
        let mut voices: Vec<&str> = Vec::new();
        for f in fs {
            let v = get_str(f, "voice").unwrap_or("narrator");
            if !voices.contains(&v) {
                voices.push(v);
            }
        }
        for v in voices {
            out.push_str("<h3>");
            push_html(&mut out, v);
            out.push_str("</h3><ul>");
            for (i, f) in fs.iter().enumerate() {
                if get_str(f, "voice").unwrap_or("narrator") != v {
                    continue;
                }
                let _ = write!(out, "<li tabindex=\"0\" data-focus=\"{p}f{i}\">");
                push_html(&mut out, span_text(f));
                out.push_str(" <span class=\"kind\">");
                push_html(&mut out, get_str(f, "category").unwrap_or(""));
                out.push_str("</span></li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>");
    }

    // Entities.
    let es = arr(result, "entities");
    if !es.is_empty() {
        out.push_str("<section class=\"panel entities\"><h2>Entities</h2><ul>");
        for e in es {
            let Some(eid) = get_str(e, "id") else {
                continue;
            };
            let _ = write!(out, "<li tabindex=\"0\" data-focus=\"");
            push_html(&mut out, &format!("{p}{eid}"));
            out.push_str("\">");
            push_html(&mut out, get_str(e, "name").unwrap_or(eid));
            out.push_str(" <span class=\"kind\">");
            push_html(
                &mut out,
                &format!(
                    "{} · {}×",
                    get_str(e, "type").unwrap_or(""),
                    arr(e, "mentions").len()
                ),
            );
            out.push_str("</span></li>");
        }
        out.push_str("</ul></section>");
    }

    out.push_str("</div></div></section>\n");
    out
}

/// Orders timeline values: dates and times first (by value), then durations, sets and the rest.
fn timeline_rank(v: &str) -> u8 {
    let b = v.as_bytes();
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) {
        0
    } else if v.starts_with('P') {
        2
    } else {
        1
    }
}

/// The name of the source of attribution `aid`, with its relay chain.
fn attr_name(aid: &str, by_id: &HashMap<&str, usize>, attrs: &[AttrInfo]) -> String {
    match by_id.get(aid) {
        Some(&i) => {
            let mut s = attrs[i].source_name.clone();
            let mut seen = vec![i];
            let mut cur = attrs[i].via.as_deref().and_then(|v| by_id.get(v).copied());
            while let Some(j) = cur {
                if seen.contains(&j) || seen.len() > MAX_VIA {
                    break;
                }
                seen.push(j);
                let _ = write!(s, " via {}", attrs[j].source_name);
                cur = attrs[j].via.as_deref().and_then(|v| by_id.get(v).copied());
            }
            let _ = write!(s, " ({aid})");
            s
        }
        None => aid.to_string(),
    }
}

fn quantity_value(q: &Value) -> String {
    let v = q.get("value").map(scalar).unwrap_or_default();
    let bound = get_str(q, "bound").unwrap_or("exact");
    let mut s = match bound {
        "exact" => v,
        "range" => format!(
            "{v}–{}",
            q.get("high").map(scalar).unwrap_or_else(|| "?".into())
        ),
        other => format!("{} {v}", other.replace('_', " ")),
    };
    if let Some(u) = get_str(q, "unit") {
        let _ = write!(s, " {u}");
    }
    s
}

fn quantity_lines(q: &Value, by_id: &HashMap<&str, usize>, attrs: &[AttrInfo]) -> Vec<String> {
    let mut lines = vec![format!("value: {}", quantity_value(q))];
    if let Some(o) = q.get("object").filter(|o| !o.is_null()) {
        lines.push(format!("of: {}", span_text(o)));
    }
    if let Some(ct) = get_str(q, "count_type") {
        lines.push(format!("count type: {ct}"));
    }
    lines.push(format!(
        "claimed by: {}",
        get_str(q, "attribution")
            .map(|a| attr_name(a, by_id, attrs))
            .unwrap_or_else(|| "the article".into())
    ));
    lines
}

/// Renders any JSON value as nested definition lists (for blocks whose shape may grow).
fn render_generic(out: &mut String, v: &Value, depth: usize) {
    if depth > 4 {
        push_html(out, &shorten(&v.to_string(), 200));
        return;
    }
    match v {
        Value::Object(m) => {
            out.push_str("<dl class=\"generic\">");
            for (k, x) in m {
                out.push_str("<dt>");
                push_html(out, &k.replace('_', " "));
                out.push_str("</dt><dd>");
                render_generic(out, x, depth + 1);
                out.push_str("</dd>");
            }
            out.push_str("</dl>");
        }
        Value::Array(items) => {
            if items.is_empty() {
                out.push('—');
                return;
            }
            let compact: Vec<String> = items
                .iter()
                .take(50)
                .map(|x| match x {
                    Value::Object(m) => m
                        .iter()
                        .filter(|(_, y)| !y.is_array() && !y.is_object())
                        .map(|(k, y)| {
                            if matches!(k.as_str(), "word" | "text" | "name") {
                                scalar(y)
                            } else {
                                format!("{k} {}", scalar(y))
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => scalar(other),
                })
                .collect();
            out.push_str("<ul class=\"generic\">");
            for c in compact {
                out.push_str("<li>");
                push_html(out, &c);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        other => push_html(out, &scalar(other)),
    }
}

/// A value usable inside a class name: ASCII letters, digits, `-` and `_` only.
fn css_word(s: &str) -> String {
    let w: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if w.is_empty() {
        "none".into()
    } else {
        w
    }
}

/// A stand-alone HTML string for a plain message (used by the server for empty results).
pub(crate) fn message_html(title: &str, text: &str) -> String {
    format!(
        "<section class=\"article\"><h1>{}</h1><p>{}</p></section>",
        html(title),
        html(text)
    )
}

const LEGEND: &str = "<div class=\"legend\" role=\"group\" aria-label=\"layers\">\
<label><input type=\"checkbox\" data-layer=\"q\" checked> <span class=\"h q bg0\">statements</span></label>\
<label><input type=\"checkbox\" data-layer=\"cue\" checked> <span class=\"h cue\">cue</span> / <span class=\"h src fg0\">source</span></label>\
<label><input type=\"checkbox\" data-layer=\"ent\" checked> <span class=\"h ent\">entities</span></label>\
<label><input type=\"checkbox\" data-layer=\"tx\" checked> <span class=\"h tx\">dates</span></label>\
<label><input type=\"checkbox\" data-layer=\"qty\" checked> <span class=\"h qty\">figures</span></label>\
<label><input type=\"checkbox\" data-layer=\"dist\" checked> <span class=\"h dist\">distancing</span></label>\
<label><input type=\"checkbox\" data-layer=\"fr\" checked> <span class=\"h fr fr-narrator\">framing (narrator)</span> <span class=\"h fr fr-quoted\">(quoted)</span></label>\
</div>";

const STYLE: &str = r#"
:root{--fg:#1d1f23;--muted:#667;--line:#dde;--bg:#fbfbfd}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
nav.top{display:flex;gap:1em;align-items:center;padding:.5em 1.2em;background:#223;color:#fff}
nav.top a{color:#fff;text-decoration:none;font-weight:600}
nav.top form{display:flex;gap:.3em;margin-left:auto}
main{padding:1em 1.2em;max-width:1500px;margin:0 auto}
section.article{margin-bottom:3em;border-bottom:2px solid var(--line);padding-bottom:2em}
header.meta h1{font-size:1.5em;margin:.2em 0}
header.meta dl{display:flex;flex-wrap:wrap;gap:.2em 1.2em;margin:.3em 0;color:var(--muted);font-size:.9em}
header.meta dt{font-weight:600}header.meta dt:after{content:":"}header.meta dd{margin:0 0 0 .3em}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1em;font-size:.85em;margin:.6em 0;padding:.4em .6em;background:#fff;border:1px solid var(--line);border-radius:6px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr);gap:1.5em}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.text{white-space:pre-wrap;background:#fff;border:1px solid var(--line);border-radius:6px;padding:1em 1.2em;font:16px/1.75 Georgia,"Times New Roman",serif}
.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5em .8em;margin-bottom:1em;font-size:.9em}
.panel h2{font-size:1em;margin:.2em 0 .4em}.panel h3{font-size:.9em;margin:.4em 0 .2em;color:var(--muted)}
.panel table{border-collapse:collapse;width:100%}.panel td,.panel th{padding:.2em .4em;border-bottom:1px solid #eef;text-align:left;vertical-align:top}
.panel .num{text-align:right}.panel ol,.panel ul{margin:0;padding-left:1.3em}
.kind{color:var(--muted);font-size:.85em}.via{display:block;font-size:.85em;color:#835}
.stmt q{display:block;color:#333;font-style:italic}
.none,.hint{color:var(--muted);font-size:.85em;margin:.2em 0}
.error{color:#a00;font-weight:600}
[data-focus]{cursor:pointer}[data-focus]:hover{background:#f3f3fa}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:middle;border:1px solid #0002}
.h.z-title{font-weight:700;font-size:1.15em}.h.z-header,.h.z-related{color:var(--muted);font-size:.9em}
.h.ent{border-bottom:1px dashed #99a}
.h.q{border-radius:2px}.h.q.relayed{box-shadow:inset 0 -2px 0 #0003}
.h.cue{font-weight:700;text-decoration:underline dotted 2px}
.h.src{font-weight:700;border-bottom:2px solid currentColor}
.h.tx{background-image:linear-gradient(#2a7a3b33,#2a7a3b33);outline:1px solid #2a7a3b;outline-offset:-1px}
.h.qty{outline:1.5px solid #d97706;outline-offset:-1px;font-weight:600}.h.qty-obj{text-decoration:underline #d97706}
.h.dist{text-decoration:underline wavy #c0262d}
.h.fr-narrator{color:#6b21a8;font-weight:600;text-decoration:underline 2px #a855f7}
.h.fr-quoted{color:#475569;text-decoration:underline dotted 2px #64748b}
.bg0{background-color:#fde68a}.bg1{background-color:#bfdbfe}.bg2{background-color:#bbf7d0}.bg3{background-color:#fecaca}.bg4{background-color:#ddd6fe}
.bg5{background-color:#fed7aa}.bg6{background-color:#a5f3fc}.bg7{background-color:#fbcfe8}.bg8{background-color:#d9f99d}.bg9{background-color:#e5e7eb}
.fg0{color:#92400e}.fg1{color:#1e40af}.fg2{color:#166534}.fg3{color:#991b1b}.fg4{color:#5b21b6}
.fg5{color:#9a3412}.fg6{color:#155e75}.fg7{color:#9d174d}.fg8{color:#3f6212}.fg9{color:#374151}
.hide-q .h.q{background-color:transparent!important;box-shadow:none}
.hide-cue .h.cue,.hide-cue .h.src{font-weight:inherit;text-decoration:none;border-bottom:0;color:inherit}
.hide-ent .h.ent{border-bottom:0}
.hide-tx .h.tx{background-image:none;outline:0}
.hide-qty .h.qty{outline:0;font-weight:inherit}.hide-qty .h.qty-obj{text-decoration:none}
.hide-dist .h.dist{text-decoration:none}
.hide-fr .h.fr{color:inherit;font-weight:inherit;text-decoration:none}
.focusing .text .h:not(.on){opacity:.35}.focusing .text .h.on{outline:2px solid #223}
.h[data-k]{cursor:help}
#pl-detail{position:fixed;right:1em;bottom:1em;max-width:min(420px,90vw);max-height:50vh;overflow:auto;background:#fff;border:1px solid #99a;border-radius:8px;box-shadow:0 6px 24px #0003;padding:.6em .9em;font-size:.9em;z-index:10}
#pl-detail h4{margin:.3em 0 .1em}#pl-detail p{margin:.1em 0}#pl-detail .item{border-top:1px solid #eef;padding-top:.3em;margin-top:.3em}#pl-detail .item:first-child{border-top:0}
#pl-detail-close{float:right;border:0;background:none;font-size:1.2em;cursor:pointer}
.paste textarea{width:100%;min-height:18em;font:14px/1.4 ui-monospace,monospace}
.paste .row{display:flex;gap:1em;align-items:center;margin:.5em 0}
.outlets{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:1em}.outlet h4{margin:.4em 0 .1em;font-size:.85em;color:var(--muted)}
.results li{margin:.5em 0}.results .snippet{color:var(--muted);font-size:.9em}
.results .ev{font-size:.9em;margin:.15em 0 .15em 1em}.results .ev-link{color:#223}
.h.hit{outline:3px solid #e11d48;outline-offset:1px;border-radius:2px}
.hitnote{font-size:.9em;color:var(--muted)}.hitnote .hit{color:#111;border-bottom:3px solid #e11d48}
form.filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.6em 0 1em;padding:.6em .8em;background:#fff;border:1px solid var(--line);border-radius:6px;font-size:.9em}
form.filters .hint{flex-basis:100%}
nav.top a.more{font-weight:400;font-size:.9em}
dl.generic{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;margin:0}dl.generic dt{font-weight:600}dl.generic dd{margin:0}
ul.generic{margin:0;padding-left:1.1em}
"#;

const SCRIPT: &str = r#"
(function(){
  "use strict";
  var data = {};
  try { data = JSON.parse(document.getElementById("pl-data").textContent || "{}"); } catch (e) { data = {}; }
  var box = document.getElementById("pl-detail");
  var body = document.getElementById("pl-detail-body");
  function el(tag, cls, text){ var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = String(text); return e; }
  function show(keys){
    if (!box || !body) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    var n = 0;
    keys.forEach(function(k){
      var d = data[k]; if (!d) return; n++;
      var item = el("div", "item");
      var h = el("h4", null, d.title || k);
      if (typeof d.colour === "number") { var sw = el("span", "sw bg" + (d.colour % 10)); h.insertBefore(sw, h.firstChild); }
      item.appendChild(h);
      item.appendChild(el("div", "kind", d.kind || ""));
      (d.lines || []).forEach(function(l){ item.appendChild(el("p", null, l)); });
      body.appendChild(item);
    });
    box.hidden = n === 0;
  }
  function keysOf(node){ var k = node && node.getAttribute && node.getAttribute("data-k"); return k ? k.split(" ") : []; }
  document.addEventListener("mouseover", function(ev){
    var t = ev.target && ev.target.closest ? ev.target.closest(".h[data-k]") : null;
    if (t) show(keysOf(t));
  });
  document.addEventListener("click", function(ev){
    var t = ev.target && ev.target.closest ? ev.target.closest("[data-focus]") : null;
    if (t) { focus(t); return; }
    var h = ev.target && ev.target.closest ? ev.target.closest(".h[data-k]") : null;
    if (h) show(keysOf(h));
  });
  document.addEventListener("keydown", function(ev){
    if (ev.key === "Enter" && ev.target && ev.target.hasAttribute && ev.target.hasAttribute("data-focus")) focus(ev.target);
    if (ev.key === "Escape") { clearFocus(); if (box) box.hidden = true; }
  });
  var current = null;
  function clearFocus(){
    document.querySelectorAll(".focusing").forEach(function(s){ s.classList.remove("focusing"); });
    document.querySelectorAll(".h.on").forEach(function(s){ s.classList.remove("on"); });
    current = null;
  }
  function focus(row){
    var want = (row.getAttribute("data-focus") || "").split(" ").filter(Boolean);
    var sec = row.closest("section.article");
    var same = current === row;
    clearFocus();
    if (same || !sec) return;
    current = row;
    sec.classList.add("focusing");
    var first = null;
    sec.querySelectorAll(".text .h[data-k]").forEach(function(s){
      var ks = keysOf(s);
      if (ks.some(function(k){ return want.indexOf(k) >= 0; })) { s.classList.add("on"); if (!first) first = s; }
    });
    show(want);
    if (first && first.scrollIntoView) first.scrollIntoView({block: "center", behavior: "smooth"});
  }
  var close = document.getElementById("pl-detail-close");
  if (close) close.addEventListener("click", function(){ box.hidden = true; clearFocus(); });
  document.querySelectorAll(".legend input[data-layer]").forEach(function(cb){
    cb.addEventListener("change", function(){
      var sec = cb.closest("section.article") || document.body;
      sec.classList.toggle("hide-" + cb.getAttribute("data-layer"), !cb.checked);
    });
  });
  var hit = document.querySelector(".text .h.hit");
  if (hit && hit.scrollIntoView) hit.scrollIntoView({block: "center"});
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile() -> Value {
        let text = "<script>alert(1)</script> said \"<img src=x onerror=alert(1)>\" & 'x'.";
        let n = text.chars().count();
        json!({
            "schema": "presslens/1",
            "id": "<blink>id</blink>",
            "text": text,
            "document": {"title": {"start": 0, "end": 25, "text": "<script>alert(1)</script>"},
                         "published": "<i>2020</i>", "updated": null, "authors": ["<svg onload=x>"],
                         "url": "javascript:alert(1)"},
            "sentences": [{"start": 0, "end": n, "text": text, "zone": "title\" onmouseover=\"x"}],
            "entities": [{"id": "e1\" onclick=\"x", "type": "PERSON<", "name": "<img src=y onerror=alert(2)>",
                          "mentions": [{"start": 0, "end": 8, "text": "<script>", "kind": "name"}],
                          "titles": [], "affiliation": null}],
            "attributions": [{"id": "a1", "kind": "direct",
                              "content": {"start": 32, "end": 61, "text": "<img src=x onerror=alert(1)>"},
                              "cue": {"start": 26, "end": 30, "text": "said"},
                              "source": {"start": 0, "end": 25, "text": "<script>alert(1)</script>", "entity": "e1\" onclick=\"x"},
                              "via": "a1"}],
            "distancing": [], "timexes": [], "quantities": [],
            "framing": [{"start": 8, "end": 13, "text": "alert", "category": "<x>", "voice": "quoted\"><script>"}],
            "sources": [{"entity": null, "name": "</script><script>alert(3)</script>", "type": null,
                         "affiliation": "<u>", "attributions": ["a1"], "statements": 1, "words": 5}],
            "tone": {"note": "</style><script>alert(4)</script>"}
        })
    }

    #[test]
    fn hostile_text_is_escaped() {
        let page = render_article(&hostile());
        // Exactly the two scripts of the page itself, and no element from the article.
        assert_eq!(page.matches("<script").count(), 2, "{page}");
        assert!(!page.contains("<img"));
        assert!(!page.contains("<svg"));
        assert!(!page.contains("<blink>"));
        assert!(!page.contains("<i>"));
        assert!(!page.contains("<u>"));
        assert!(!page.contains("onclick=\""));
        assert!(!page.contains("onmouseover=\""));
        assert!(!page.contains("</style><"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!page.contains("href=\"javascript"));
    }

    #[test]
    fn overlapping_spans_give_balanced_markup() {
        let text = "abcdefghij";
        let anns = vec![
            Ann {
                start: 1,
                end: 6,
                classes: vec!["q".into()],
                key: Some("k1".into()),
                bg: Some(1),
            },
            Ann {
                start: 4,
                end: 9,
                classes: vec!["ent".into()],
                key: Some("k2".into()),
                bg: None,
            },
            Ann {
                start: 2,
                end: 3,
                classes: vec!["q".into()],
                key: Some("k3".into()),
                bg: Some(2),
            },
        ];
        let chars: Vec<char> = text.chars().collect();
        let out = highlight(&chars, &anns);
        assert_eq!(out.matches("<span").count(), out.matches("</span>").count());
        // The text survives intact once the tags are removed.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in out.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(plain, text);
        // The nested content takes the innermost colour; the overlap carries both keys.
        assert!(out.contains("<span class=\"h q bg2\" data-k=\"k1 k3\">c</span>"));
        assert!(out.contains("data-k=\"k1 k2\">ef</span>"));
    }

    #[test]
    fn bad_spans_and_missing_layers_do_not_panic() {
        let v = json!({"text": "héllo wörld", "attributions": [
            {"id": "a1", "content": {"start": 3, "end": 99}},
            {"id": "a2", "content": {"start": 5, "end": 2}},
            {"id": "a3", "content": {"start": -1, "end": 2}},
            {"id": "a4", "content": {"start": 0, "end": 5}, "via": "a4"}
        ], "timexes": "nope", "sources": [{}]});
        let page = render_article(&v);
        assert!(page.contains("héllo"));
        let page = render_article(&json!(null));
        assert!(page.contains("<!DOCTYPE html>"));
        let page = render_article(
            &json!({"schema": "presslens/1", "id": "x", "error": {"message": "<bad>"}}),
        );
        assert!(page.contains("&lt;bad&gt;"));
    }

    #[test]
    fn char_offsets_with_multibyte_text() {
        let text = "«Ça» — said Zoë";
        let v = json!({"text": text, "attributions": [
            {"id": "a1", "kind": "direct", "content": {"start": 1, "end": 3, "text": "Ça"},
             "cue": {"start": 7, "end": 11, "text": "said"},
             "source": {"start": 12, "end": 15, "text": "Zoë", "entity": null}, "via": null}]});
        let page = render_article(&v);
        assert!(page.contains(">Ça</span>"));
        assert!(page.contains(">said</span>"));
        assert!(page.contains(">Zoë</span>"));
    }
}
