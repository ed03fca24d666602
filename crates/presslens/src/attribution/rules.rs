//! The attribution rules.
//!
//! 1. **Quotations** ([`super::quotes`]) are matched to a speaker: after the closing mark
//!    (`,” the agency added`, `,” said Putin`, `,” the Kremlin quoted Putin as saying`) or before
//!    the opening mark (`Putin said: “…”`). A quotation that opens its sentence is `direct`; one
//!    inside a sentence with a reporting cue is `partial`; a whole-sentence quotation with no cue
//!    continues the previous speaker; the second half of an interrupted quotation ("“A,” he
//!    said, “B.”") repeats the first half's speaker and cue. Quoted words after a naming verb ("whom it called “…”") or
//!    with no speaker at all are distancing, never speech.
//! 2. **Reported speech**: a reporting cue outside the quotation marks (or inside one, which
//!    makes it nested), with the noun phrase before it as source and the clause after it as
//!    content (`Shoigu reported to Putin that …`); a participle after a comma (`, adding that …`)
//!    continues with the same source.
//! 3. **According to**: `According to X, …` and `…, according to X.`
//! 4. **Colon**: a short name before a colon in a headline-like sentence (`Putin: we are close`).
//! 5. **Nesting**: an attribution whose content lies inside another's content, or a relay
//!    (`X quoted Y as saying`), gets `via` = the outer attribution.

use super::cues;
use super::quotes::{self, Quote};
use super::{Attribution, Distancing, DistancingKind, Kind};
use crate::document::{Document, Span, Zone};

fn tok(doc: &Document, i: usize) -> &str {
    doc.slice(doc.tokens[i].span)
}

/// True when token `i` is a reporting verb: a cue word that is not part of a name ("a senior
/// State Department official said": "State" is a proper noun there, not "to state").
fn cue_at(doc: &Document, i: usize) -> bool {
    let w = tok(doc, i);
    cues::is_cue(w)
        && !(w.chars().next().is_some_and(char::is_uppercase)
            && doc.tokens[i].upos == Some("PROPN"))
}

/// Token index of the token starting at byte `pos` (or the first one after it).
pub(super) fn tok_at(doc: &Document, pos: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.start < pos)
}

/// Token range `lo..hi` of sentence `s`.
pub(super) fn sent_range(doc: &Document, s: usize) -> (usize, usize) {
    let lo = doc.tokens.partition_point(|t| t.sentence < s);
    let hi = doc.tokens.partition_point(|t| t.sentence <= s);
    (lo, hi)
}

fn is_punct(w: &str) -> bool {
    w.chars().all(|c| !c.is_alphanumeric())
}

/// A token that is a quotation mark (including the PTB-style `''` and ``` `` ```).
pub(super) fn is_quote_mark(w: &str) -> bool {
    matches!(
        w,
        "“" | "”" | "\"" | "‘" | "’" | "'" | "''" | "``" | "«" | "»" | "„" | "‚" | "‹" | "›"
    )
}

/// The text span of tokens `a..b` (`a < b`).
pub(super) fn span_of(doc: &Document, a: usize, b: usize) -> Span {
    Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end)
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those", "our", "my",
];
const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "officials",
    "sources",
];

/// A noun phrase plausible as a speaker: short, no clause punctuation, starts like a name, a
/// determiner or a pronoun.
fn plausible_source(doc: &Document, a: usize, b: usize) -> bool {
    if a >= b || b - a > 10 {
        return false;
    }
    let first = tok(doc, a);
    let starts_ok = first.chars().next().is_some_and(char::is_uppercase)
        || DETERMINERS.contains(&first.to_lowercase().as_str())
        || PRONOUNS.contains(&first.to_lowercase().as_str());
    let no_bad = (a..b).all(|i| {
        let w = tok(doc, i);
        (!is_punct(w) || matches!(w, "’s" | "'s" | "-" | "." | "&")) && !cue_at(doc, i)
            || matches!(w, "’s" | "'s")
    });
    starts_ok && no_bad
}

/// The noun phrase ending right before token `c` (a cue), stopping at punctuation or the
/// sentence start. Returns its token range.
fn np_before(doc: &Document, c: usize, lo: usize) -> Option<(usize, usize)> {
    let mut a = c;
    while a > lo {
        let w = tok(doc, a - 1);
        if (is_punct(w) && !matches!(w, "’s" | "'s" | "-" | "&"))
            || w == "that"
            || w == "who"
            || w == "whom"
            || w == "which"
        {
            break;
        }
        if cue_at(doc, a - 1) {
            break;
        }
        a -= 1;
        if c - a > 10 {
            return None;
        }
    }
    // Drop leading adverbs and conjunctions that are not part of the speaker ("and", "but").
    // A subordinating conjunction opens the clause, not the speaker ("after aides said").
    while a < c
        && matches!(
            tok(doc, a).to_lowercase().as_str(),
            "and"
                | "but"
                | "also"
                | "then"
                | "later"
                | "earlier"
                | "however"
                | "so"
                | "after"
                | "before"
                | "when"
                | "while"
                | "because"
                | "since"
                | "although"
                | "though"
                | "if"
                | "once"
                | "until"
                | "unless"
                | "whereas"
        )
    {
        a += 1;
    }
    plausible_source(doc, a, c).then_some((a, c))
}

/// A sentence-initial subject in apposition, ending with a comma right before token `c` (a
/// cue): "The Syrian President, Bashar Assad, has expressed …" or "Bashar Assad, the Syrian
/// President, said …". One of the two parts must be a name (capitalised words) and the other a
/// noun phrase that starts like a speaker; the span covers both parts, as PolNeAR marks such
/// speakers. Returns its token range (without the final comma).
pub(super) fn appositive_before(doc: &Document, c: usize, lo: usize) -> Option<(usize, usize)> {
    if c < lo + 4 || tok(doc, c - 1) != "," {
        return None;
    }
    // A run of words before `end`, stopping at punctuation other than a possessive.
    let run = |end: usize, max: usize| {
        let mut a = end;
        while a > lo {
            let w = tok(doc, a - 1);
            if (is_punct(w) && !matches!(w, "’s" | "'s" | "-" | "." | "&")) || cue_at(doc, a - 1)
            {
                break;
            }
            a -= 1;
            if end - a > max {
                return None;
            }
        }
        (a < end).then_some(a)
    };
    let b2 = run(c - 1, 6)?;
    if b2 <= lo + 1 || tok(doc, b2 - 1) != "," {
        return None;
    }
    let b1 = run(b2 - 1, 8)?;
    if b1 != lo {
        return None;
    }
    let verb = |a: usize, b: usize| {
        (a..b).any(|i| matches!(doc.tokens[i].upos, Some("VERB" | "AUX" | "PRON" | "SCONJ")))
    };
    let name = |a: usize, b: usize| {
        (a..b).all(|i| {
            let w = tok(doc, i);
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    w,
                    "al" | "bin" | "ibn" | "de" | "van" | "von" | "-" | "." | "’s" | "'s"
                )
        }) && doc.tokens[a].upos == Some("PROPN")
    };
    let (x, y) = ((b1, b2 - 1), (b2, c - 1));
    let ok = (name(y.0, y.1) || name(x.0, x.1))
        && plausible_source(doc, x.0, x.1)
        && plausible_source(doc, y.0, y.1)
        && !verb(x.0, x.1)
        && !verb(y.0, y.1);
    ok.then_some((b1, c - 1))
}

/// The noun phrase starting at `a` (after an inverted cue: "said Putin"), up to punctuation.
fn np_after(doc: &Document, a: usize, hi: usize) -> Option<(usize, usize)> {
    let mut b = a;
    while b < hi {
        let w = tok(doc, b);
        if (is_punct(w) && !matches!(w, "’s" | "'s" | "-" | "&"))
            || matches!(
                w,
                "that"
                    | "on"
                    | "in"
                    | "at"
                    | "after"
                    | "when"
                    | "as"
                    | "to"
                    | "who"
                    | "which"
                    | "during"
                    | "while"
            )
        {
            break;
        }
        b += 1;
        if b - a > 10 {
            return None;
        }
    }
    plausible_source(doc, a, b).then_some((a, b))
}

/// Cue verbs are usually finite: skip auxiliaries before them into the cue span ("has said",
/// "has learned").
fn cue_start(doc: &Document, c: usize, lo: usize) -> usize {
    let mut a = c;
    while a > lo
        && matches!(
            tok(doc, a - 1).to_lowercase().as_str(),
            "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "was"
                | "is"
                | "also"
                | "later"
                | "further"
                | "then"
        )
    {
        a -= 1;
    }
    a
}

struct Found {
    attrs: Vec<Attribution>,
    dist: Vec<Distancing>,
    /// Tokens used as cues, so reported-speech search skips them.
    used_cues: Vec<usize>,
}

/// Finds the attributions and distancing of a document. Entities must already be clustered.
pub fn attribute(doc: &Document) -> (Vec<Attribution>, Vec<Distancing>) {
    let mut f = Found {
        attrs: Vec::new(),
        dist: Vec::new(),
        used_cues: Vec::new(),
    };
    let qs = quotes::find(doc);
    let mut last_speaker: Option<(Option<Span>, Option<String>, usize)> = None;
    for q in &qs {
        quotation(doc, q, &mut f, &mut last_speaker);
    }
    reported(doc, &qs, &mut f);
    so_called(doc, &mut f);
    super::learned::add_learned(doc, &mut f.attrs, &mut f.dist, entity_for);
    // Every reported span must point at some text: a rule that met only punctuation says nothing.
    f.attrs.retain(|a| {
        !a.content.is_empty()
            && a.cue.is_none_or(|s| !s.is_empty())
            && a.source.is_none_or(|s| !s.is_empty())
    });
    f.dist.retain(|d| !d.span.is_empty());
    // Nesting by containment: an attribution inside another's quoted content.
    let n = f.attrs.len();
    for i in 0..n {
        if f.attrs[i].via.is_some() {
            continue;
        }
        let inner = f.attrs[i].content;
        let mut best: Option<usize> = None;
        for j in 0..n {
            if i == j || !matches!(f.attrs[j].kind, Kind::Direct | Kind::Partial) {
                continue;
            }
            let outer = f.attrs[j].content;
            if outer.contains(inner)
                && outer != inner
                && best.is_none_or(|b| f.attrs[b].content.contains(outer))
            {
                best = Some(j);
            }
        }
        f.attrs[i].via = best;
    }
    // Order by content, keeping `via` pointing at the right items.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (f.attrs[i].content.start, f.attrs[i].content.end, i));
    let mut new_index = vec![0usize; n];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = k;
    }
    let mut out: Vec<Attribution> = order.iter().map(|&i| f.attrs[i].clone()).collect();
    for (k, a) in out.iter_mut().enumerate() {
        a.id = format!("a{}", k + 1);
        a.via = a.via.map(|v| new_index[v]);
    }
    f.dist.sort_by_key(|d| d.span.start);
    f.dist.dedup_by_key(|d| d.span);
    (out, f.dist)
}

/// The entity a source span refers to: the mention inside it that ends last (the head), or a
/// mention that contains it.
///
/// A place or nationality inside a span whose last word is a title ("the Vermont senator",
/// "a Syrian official") is a modifier, not the speaker, and is not used. When no mention
/// covers the span (the recogniser missed this occurrence of a name), a person or
/// organisation with a name mention of exactly the same words is used, if only one has it.
pub fn entity_for(doc: &Document, span: Span) -> Option<String> {
    let text = doc.slice(span);
    let head_is_title = text
        .split_whitespace()
        .last()
        .is_some_and(|w| crate::entities::titles::is_title(&w.to_lowercase()));
    let mut best: Option<(&str, (bool, bool, usize))> = None;
    for e in &doc.entities {
        for m in &e.mentions {
            if !(span.contains(m.span) || m.span.contains(span)) {
                continue;
            }
            let modifier =
                head_is_title && m.span.end < span.end && matches!(e.etype, "GPE" | "LOC" | "NORP");
            if modifier {
                continue;
            }
            // An exact match wins; then people and organisations over places and
            // nationalities (the head of "the Russian leader" is the leader); then the mention
            // that ends last.
            let rank = (
                m.span == span,
                matches!(e.etype, "PERSON" | "ORG"),
                m.span.end,
            );
            if best.is_none_or(|(_, r)| rank > r) {
                best = Some((e.id.as_str(), rank));
            }
        }
    }
    if let Some((id, _)) = best {
        return Some(id.to_string());
    }
    let same_words = |m: &crate::entities::EntityMention| {
        m.kind == crate::entities::MentionKind::Name && doc.slice(m.span) == text
    };
    let mut named = doc
        .entities
        .iter()
        .filter(|e| matches!(e.etype, "PERSON" | "ORG") && e.mentions.iter().any(same_words));
    match (named.next(), named.next()) {
        (Some(e), None) => Some(e.id.clone()),
        _ => None,
    }
}

/// Trims a quotation's inner span of a trailing comma and outer white space.
fn content_of(doc: &Document, q: &Quote) -> Span {
    let mut s = q.inner.trim(doc.text());
    let t = doc.slice(s);
    if let Some(stripped) = t.strip_suffix(',') {
        s = Span::new(s.start, s.start + stripped.len()).trim(doc.text());
    }
    s
}

/// A quotation's content widened to its quotation marks: from the opening mark to the closing
/// one, or to the end of the content when the quotation is not closed.
fn with_marks(q: &Quote, content: Span) -> Span {
    let end = q.close.map_or(content.end, |c| c.end.max(content.end));
    Span::new(q.open.start.min(content.start), end)
}

fn quotation(
    doc: &Document,
    q: &Quote,
    f: &mut Found,
    last_speaker: &mut Option<(Option<Span>, Option<String>, usize)>,
) {
    if doc.tokens.is_empty() {
        return;
    }
    let qa = tok_at(doc, q.open.start);
    if qa >= doc.tokens.len() {
        return;
    }
    let s_open = doc.tokens[qa].sentence;
    let (lo_open, _) = sent_range(doc, s_open);
    let (qb, s_close) = match q.close {
        Some(c) => {
            let i = tok_at(doc, c.start);
            if i >= doc.tokens.len() {
                return;
            }
            (Some(i), doc.tokens[i].sentence)
        }
        None => {
            let last = doc.tokens.partition_point(|t| t.span.end <= q.inner.end);
            (None, doc.tokens[last.saturating_sub(1).max(qa)].sentence)
        }
    };
    let content = content_of(doc, q);
    if content.is_empty() {
        return;
    }
    // A full quotation's content keeps its quotation marks (PolNeAR's convention).
    let marked = with_marks(q, content);
    let pick = |k: Kind| if k == Kind::Direct { marked } else { content };
    let words = doc.slice(content).split_whitespace().count();
    let zone = doc.sentences.get(s_open).map(|s| s.zone);
    // Naming verb or "so-called" right before: distancing.
    if qa > lo_open {
        let prev = tok(doc, qa - 1);
        let prev2 = if qa >= lo_open + 2 {
            tok(doc, qa - 2)
        } else {
            ""
        };
        if cues::is_naming(prev) || (prev == "as" && cues::is_naming(prev2)) {
            let who = if qa >= lo_open + 2 {
                np_before(doc, qa - 1 - usize::from(prev == "as"), lo_open)
            } else {
                None
            };
            f.dist.push(Distancing {
                span: content,
                kind: DistancingKind::ScareQuote,
                attributed_to: who.and_then(|(a, b)| entity_for(doc, span_of(doc, a, b))),
            });
            return;
        }
    }
    // Speaker after the closing mark.
    if let Some(qb) = qb {
        let (_, hi) = sent_range(doc, s_close);
        let mut a = qb + 1;
        if a < hi && tok(doc, a) == "," {
            a += 1;
        }
        if a < hi {
            if let Some(found) = speaker_after(doc, a, hi) {
                let starts_sentence = qa == lo_open
                    || (qa > lo_open && is_punct(tok(doc, qa - 1)) && qa == lo_open + 1);
                let kind = if starts_sentence || words >= 8 {
                    Kind::Direct
                } else {
                    Kind::Partial
                };
                emit_quote(doc, f, kind, pick(kind), found, last_speaker);
                return;
            }
        }
    }
    // Speaker before the opening mark, in the same sentence: "Putin said: “…”",
    // "He told reporters, “…”", "She said “…”".
    if qa > lo_open {
        let mut c = qa;
        while c > lo_open && qa - c <= 4 {
            c -= 1;
            let w = tok(doc, c);
            if cue_at(doc, c) && f.used_cues.contains(&c) {
                // "“A,” he said, “B.”": the quotation goes on after its attribution.
                if continued_quote(doc, f, c, qa, marked, content) {
                    return;
                }
                break;
            }
            if cue_at(doc, c) && !f.used_cues.contains(&c) {
                let between: Vec<&str> = (c + 1..qa).map(|i| tok(doc, i)).collect();
                // Only punctuation or a short addressee ("told reporters:") in between.
                let tight = between.iter().all(|w| {
                    matches!(*w, ":" | "," | "that")
                        || w.chars().next().is_some_and(char::is_alphabetic)
                }) && between.iter().filter(|w| !matches!(**w, ":" | ",")).count() <= 2
                    && !between.contains(&"”");
                if !tight {
                    break;
                }
                if let Some((a, b)) = np_before(doc, cue_start(doc, c, lo_open), lo_open) {
                    let colon_or_comma = between.last().is_some_and(|w| *w == ":" || *w == ",");
                    let kind = if (colon_or_comma || between.is_empty())
                        && words >= 5
                        && !between.contains(&"that")
                    {
                        Kind::Direct
                    } else {
                        Kind::Partial
                    };
                    let found = SpeakerFound {
                        cue: span_of(doc, cue_start(doc, c, lo_open), c + 1),
                        cue_tok: c,
                        source: span_of(doc, a, b),
                        relay: None,
                    };
                    emit_quote(doc, f, kind, pick(kind), found, last_speaker);
                    return;
                }
                break;
            }
            if matches!(w, "." | "!" | "?" | ",") && qa - c > 1 {
                break;
            }
        }
        // A cue earlier in the sentence whose complement holds the fragment, with no comma
        // between: partial ("Assad described the talks as “a turning point”" is naming, handled
        // above; "He said the deal was “dead”" is partial).
        for c in (lo_open..qa).rev() {
            let w = tok(doc, c);
            if matches!(w, "," | ";" | ":" | "." | "”" | "“") {
                break;
            }
            if cue_at(doc, c) && !f.used_cues.contains(&c) {
                if let Some((a, b)) = np_before(doc, cue_start(doc, c, lo_open), lo_open) {
                    let found = SpeakerFound {
                        cue: span_of(doc, cue_start(doc, c, lo_open), c + 1),
                        cue_tok: c,
                        source: span_of(doc, a, b),
                        relay: None,
                    };
                    emit_quote(doc, f, Kind::Partial, content, found, last_speaker);
                    return;
                }
                break;
            }
        }
    }
    // No cue. A whole-sentence quotation continues the last speaker; anything else is distancing.
    let whole = qa == lo_open && words >= 5 && zone == Some(Zone::Body);
    if whole {
        if let Some((src, ent, sent)) = last_speaker.clone() {
            if s_open <= sent + 4 {
                f.attrs.push(Attribution {
                    id: String::new(),
                    kind: Kind::Direct,
                    content: marked,
                    cue: None,
                    source: src,
                    entity: ent,
                    via: None,
                });
                return;
            }
        }
    }
    if words <= 6 || zone != Some(Zone::Body) {
        f.dist.push(Distancing {
            span: content,
            kind: DistancingKind::ScareQuote,
            attributed_to: None,
        });
    }
}

/// The second part of an interrupted quotation (“A,” he said, “B.”): the quotation opening
/// at token `qa` right after the cue token `c` that an earlier quotation of the same sentence
/// already used. Each statement of that earlier quotation through this cue (with its relay
/// chain) is repeated with the new part as content, kind kept (a full quotation's content with
/// its marks, as PolNeAR splits it). Returns false when the cue is not that close.
fn continued_quote(
    doc: &Document,
    f: &mut Found,
    c: usize,
    qa: usize,
    marked: Span,
    content: Span,
) -> bool {
    // Between the cue and the opening mark: a comma or colon, and at most the speaker's words
    // ("said Mr. Smith,"), no other quotation.
    let between: Vec<&str> = (c + 1..qa).map(|i| tok(doc, i)).collect();
    if !between.last().is_some_and(|w| matches!(*w, "," | ":"))
        || between.len() > 5
        || between
            .iter()
            .any(|w| is_quote_mark(w) || matches!(*w, "." | ";"))
    {
        return false;
    }
    let cue_span = doc.tokens[c].span;
    let sentence = doc.tokens[c].sentence;
    let Some(last) = f
        .attrs
        .iter()
        .rposition(|a| a.cue.is_some_and(|s| s.contains(cue_span)))
    else {
        return false;
    };
    let prev = f.attrs[last].content;
    // The earlier part ends before the cue, in the same sentence or the one before.
    let prev_sentence = doc.tokens[tok_at(doc, prev.start).min(doc.tokens.len() - 1)].sentence;
    if prev.end > cue_span.start || prev_sentence + 1 < sentence {
        return false;
    }
    let ks: Vec<usize> = (0..f.attrs.len())
        .filter(|&k| {
            f.attrs[k].content == prev && f.attrs[k].cue.is_some_and(|s| s.contains(cue_span))
        })
        .collect();
    let base = f.attrs.len();
    for (n, &k) in ks.iter().enumerate() {
        let mut a = f.attrs[k].clone();
        a.content = if a.kind == Kind::Direct {
            marked
        } else {
            content
        };
        a.via = a
            .via
            .map(|v| ks.iter().position(|&x| x == v).map_or(v, |p| base + p));
        debug_assert!(base + n == f.attrs.len());
        f.attrs.push(a);
    }
    !ks.is_empty()
}

struct SpeakerFound {
    cue: Span,
    cue_tok: usize,
    source: Span,
    /// For "X quoted Y as saying": (Y's span, the whole cue span).
    relay: Option<(Span, Span)>,
}

/// After a closing mark: "the agency added", "said Putin", "Shoigu said", "the Kremlin
/// press-service quoted Putin as saying".
fn speaker_after(doc: &Document, a: usize, hi: usize) -> Option<SpeakerFound> {
    // Inverted: cue first.
    if cue_at(doc, a) {
        if let Some((x, y)) = np_after(doc, a + 1, hi) {
            return Some(SpeakerFound {
                cue: doc.tokens[a].span,
                cue_tok: a,
                source: span_of(doc, x, y),
                relay: None,
            });
        }
    }
    // Source then cue, within ten tokens.
    let mut c = a;
    while c < hi && c < a + 11 {
        let w = tok(doc, c);
        if cue_at(doc, c) && c > a {
            let cs = cue_start(doc, c, a);
            let (x, y) = np_before(doc, cs, a)?;
            if x != a {
                return None;
            }
            // "quoted Y as saying"
            if matches!(
                w.to_lowercase().as_str(),
                "quoted" | "quotes" | "cited" | "cites"
            ) {
                if let Some((p, r)) = np_after(doc, c + 1, hi) {
                    if r + 1 < hi && tok(doc, r) == "as" && cue_at(doc, r + 1) {
                        return Some(SpeakerFound {
                            cue: span_of(doc, cs, c + 1),
                            cue_tok: c,
                            source: span_of(doc, x, y),
                            relay: Some((span_of(doc, p, r), span_of(doc, c, r + 2))),
                        });
                    }
                }
            }
            return Some(SpeakerFound {
                cue: span_of(doc, cs, c + 1),
                cue_tok: c,
                source: span_of(doc, x, y),
                relay: None,
            });
        }
        if is_punct(w) && !matches!(w, "’s" | "'s" | "-") {
            return None;
        }
        c += 1;
    }
    None
}

fn emit_quote(
    doc: &Document,
    f: &mut Found,
    kind: Kind,
    content: Span,
    found: SpeakerFound,
    last_speaker: &mut Option<(Option<Span>, Option<String>, usize)>,
) {
    f.used_cues.push(found.cue_tok);
    let ent = entity_for(doc, found.source);
    let outer = Attribution {
        id: String::new(),
        kind,
        content,
        cue: Some(found.cue),
        source: Some(found.source),
        entity: ent.clone(),
        via: None,
    };
    let sentence = doc.tokens[tok_at(doc, content.start).min(doc.tokens.len() - 1)].sentence;
    match found.relay {
        Some((speaker, cue)) => {
            f.attrs.push(outer);
            let via = f.attrs.len() - 1;
            let sp_ent = entity_for(doc, speaker);
            f.attrs.push(Attribution {
                id: String::new(),
                kind,
                content,
                cue: Some(cue),
                source: Some(speaker),
                entity: sp_ent.clone(),
                via: Some(via),
            });
            *last_speaker = Some((Some(speaker), sp_ent, sentence));
        }
        None => {
            f.attrs.push(outer);
            *last_speaker = Some((Some(found.source), ent, sentence));
        }
    }
}

/// Reported speech, "according to" and colon attributions.
fn reported(doc: &Document, qs: &[Quote], f: &mut Found) {
    for (si, s) in doc.sentences.iter().enumerate() {
        let (lo, hi) = sent_range(doc, si);
        if lo >= hi {
            continue;
        }
        let mut start = lo;
        // Related lines: skip the "READ MORE:" lead.
        if s.zone == Zone::Related {
            if let Some(k) = (lo..hi.min(lo + 4)).find(|&i| tok(doc, i) == ":") {
                start = k + 1;
            }
        }
        according_to(doc, start, hi, f);
        if s.zone != Zone::Body || start > lo {
            colon(doc, start, hi, f);
        }
        let mut i = start;
        while i < hi {
            if !cue_at(doc, i) || f.used_cues.contains(&i) {
                i += 1;
                continue;
            }
            if let Some(end) = indirect_at(doc, qs, start, i, hi, f) {
                i = end;
            } else {
                i += 1;
            }
        }
    }
}

/// End of the clause content that starts at `a`: the sentence end, a closing quotation mark of
/// the quotation holding it, or ", adding"-style participles.
fn clause_end(doc: &Document, qs: &[Quote], a: usize, hi: usize) -> usize {
    let pos = doc.tokens[a].span.start;
    let quote_end = qs
        .iter()
        .filter(|q| q.inner.start <= pos && pos < q.inner.end)
        .map(|q| q.inner.end)
        .min();
    let mut b = a;
    while b < hi {
        let w = tok(doc, b);
        if let Some(qe) = quote_end {
            if doc.tokens[b].span.start >= qe {
                break;
            }
        }
        if w == "," && b + 1 < hi && cues::is_participle_cue(tok(doc, b + 1)) {
            break;
        }
        if w == "," && b + 1 < hi && tok(doc, b + 1) == "according" {
            break;
        }
        b += 1;
    }
    // Drop final punctuation and closing marks.
    while b > a && (is_punct(tok(doc, b - 1)) || is_quote_mark(tok(doc, b - 1))) {
        b -= 1;
    }
    b
}

fn indirect_at(
    doc: &Document,
    qs: &[Quote],
    lo: usize,
    c: usize,
    hi: usize,
    f: &mut Found,
) -> Option<usize> {
    let w = tok(doc, c).to_lowercase();
    // Participle continuing a clause: ", adding that …" → source of the nearest attribution
    // earlier in the sentence.
    let participle = c > lo && tok(doc, c - 1) == "," && cues::is_participle_cue(&w);
    let (source, ent) = if participle {
        let prev = f.attrs.iter().rev().find(|a| {
            a.cue.is_some_and(|cu| {
                cu.end <= doc.tokens[c].span.start && cu.start >= doc.tokens[lo].span.start
            })
        })?;
        (prev.source, prev.entity.clone())
    } else {
        let cs = cue_start(doc, c, lo);
        let (a, b) = np_before(doc, cs, lo).or_else(|| appositive_before(doc, cs, lo))?;
        let sp = span_of(doc, a, b);
        (Some(sp), entity_for(doc, sp))
    };
    // Content: skip an addressee ("told reporters", "reported to Putin"), then "that" or a clause.
    let mut k = c + 1;
    if k < hi && tok(doc, k) == "to" {
        k += 1;
        while k < hi && k < c + 6 && tok(doc, k) != "that" && !is_punct(tok(doc, k)) {
            k += 1;
        }
    } else if matches!(
        w.as_str(),
        "told" | "tells" | "tell" | "telling" | "informed" | "assured" | "warned" | "reminded"
    ) {
        while k < hi && k < c + 6 && tok(doc, k) != "that" && !is_punct(tok(doc, k)) {
            k += 1;
        }
    }
    if k >= hi {
        return None;
    }
    let first = tok(doc, k);
    let has_that = first == "that";
    if !has_that {
        // A bare clause: "said victories in Aleppo paved the way". Require a plausible clause
        // opening and no object-like complement ("said goodbye").
        let ok = !is_punct(first)
            && !matches!(
                first,
                "to" | "by"
                    | "for"
                    | "in"
                    | "on"
                    | "at"
                    | "of"
                    | "with"
                    | "about"
                    | "as"
                    | "from"
                    | "and"
                    | "or"
                    | "it"
                    | "so"
                    | "yes"
                    | "no"
            );
        if !ok {
            return None;
        }
        // Past-tense "said" and friends followed by a clause; present tense only in headlines.
        let zone = doc.sentences[doc.tokens[c].sentence].zone;
        if zone == Zone::Body
            && !w.ends_with("ed")
            && !matches!(
                w.as_str(),
                "said"
                    | "told"
                    | "wrote"
                    | "thought"
                    | "says"
                    | "claims"
                    | "insists"
                    | "warns"
                    | "denies"
                    | "believes"
                    | "thinks"
                    | "adds"
            )
        {
            return None;
        }
    }
    let end = clause_end(doc, qs, k, hi);
    if end <= k || end - k < 3 {
        return None;
    }
    // Outside headlines a bare clause needs a verb ("said goodbye to friends" has none).
    let headline = doc.sentences[doc.tokens[c].sentence].zone != Zone::Body;
    if !has_that && !headline && !(k + 1..end).any(|i| verb_like(doc, i)) {
        return None;
    }
    let content = span_of(doc, k, end);
    f.used_cues.push(c);
    f.attrs.push(Attribution {
        id: String::new(),
        kind: Kind::Indirect,
        content,
        cue: Some(span_of(doc, cue_start(doc, c, lo), c + 1)),
        source,
        entity: ent,
        via: None,
    });
    Some(end)
}

fn according_to(doc: &Document, lo: usize, hi: usize, f: &mut Found) {
    let mut i = lo;
    while i + 1 < hi {
        if tok(doc, i).eq_ignore_ascii_case("according") && tok(doc, i + 1) == "to" {
            // Source: up to a comma or the end.
            let mut b = i + 2;
            while b < hi && !matches!(tok(doc, b), "," | "." | ";" | ":" | "!" | "?") {
                b += 1;
            }
            if b == i + 2 {
                i += 1;
                continue;
            }
            let source = span_of(doc, i + 2, b);
            let content = if i == lo || (i > lo && matches!(tok(doc, i - 1), "“" | "\"")) {
                // "According to X, …": the rest of the sentence.
                let a = if b < hi && tok(doc, b) == "," {
                    b + 1
                } else {
                    b
                };
                let mut e = hi;
                while e > a && is_punct(tok(doc, e - 1)) {
                    e -= 1;
                }
                (e > a).then(|| span_of(doc, a, e))
            } else {
                // "…, according to X.": what comes before.
                let mut e = i;
                while e > lo && is_punct(tok(doc, e - 1)) {
                    e -= 1;
                }
                (e > lo).then(|| span_of(doc, lo, e))
            };
            if let Some(content) = content {
                f.attrs.push(Attribution {
                    id: String::new(),
                    kind: Kind::AccordingTo,
                    content,
                    cue: Some(span_of(doc, i, i + 2)),
                    source: Some(source),
                    entity: entity_for(doc, source),
                    via: None,
                });
            }
            i = b;
            continue;
        }
        i += 1;
    }
}

/// "Putin: we are close to a ceasefire" in headlines and related lines.
fn colon(doc: &Document, lo: usize, hi: usize, f: &mut Found) {
    let Some(k) = (lo..hi.min(lo + 6)).find(|&i| matches!(tok(doc, i), ":" | "—" | "–")) else {
        return;
    };
    if k == lo || k + 2 >= hi {
        return;
    }
    let src = span_of(doc, lo, k);
    let named = entity_for(doc, src).is_some()
        && (lo..k).all(|i| {
            tok(doc, i)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '\'' || c == '’')
        });
    if !named {
        return;
    }
    let mut e = hi;
    while e > k + 1 && is_punct(tok(doc, e - 1)) {
        e -= 1;
    }
    // Something must be said: "U.S.—,..." has a name and a dash but no content.
    if !(k + 1..e).any(|i| !is_punct(tok(doc, i))) {
        return;
    }
    f.attrs.push(Attribution {
        id: String::new(),
        kind: Kind::Colon,
        content: span_of(doc, k + 1, e),
        cue: Some(doc.tokens[k].span),
        source: Some(src),
        entity: entity_for(doc, src),
        via: None,
    });
}

const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "has", "have",
    "had", "must", "should", "may", "might", "do", "does", "did", "'s", "’s", "'re", "’re",
];

/// Is token `i` a verb? From the part-of-speech tag when the tagger ran, else from its form.
fn verb_like(doc: &Document, i: usize) -> bool {
    if let Some(p) = doc.tokens[i].upos {
        return matches!(p, "VERB" | "AUX");
    }
    let w = tok(doc, i).to_lowercase();
    AUXILIARIES.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed"))
}

/// Function words that end a bare noun phrase.
fn ends_np(doc: &Document, i: usize) -> bool {
    if let Some(p) = doc.tokens[i].upos {
        return !matches!(p, "NOUN" | "PROPN" | "ADJ" | "NUM");
    }
    let w = tok(doc, i).to_lowercase();
    verb_like(doc, i)
        || matches!(
            w.as_str(),
            "of" | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "and"
                | "or"
                | "but"
                | "that"
                | "which"
                | "who"
                | "by"
                | "with"
                | "from"
                | "the"
                | "a"
                | "an"
        )
}

/// "so-called X": the next one to three words of the noun phrase.
fn so_called(doc: &Document, f: &mut Found) {
    for i in 0..doc.tokens.len() {
        let w = tok(doc, i).to_lowercase();
        let next = if w == "so-called" {
            i + 1
        } else if w == "so"
            && i + 1 < doc.tokens.len()
            && tok(doc, i + 1).eq_ignore_ascii_case("called")
        {
            i + 2
        } else {
            continue;
        };
        let s = doc.tokens.get(next).map(|t| t.sentence);
        if is_quote_mark(doc.tokens.get(next).map_or("", |t| doc.slice(t.span))) {
            continue; // the quotation itself is handled as a scare quote
        }
        let mut e = next;
        while e < doc.tokens.len()
            && e < next + 3
            && Some(doc.tokens[e].sentence) == s
            && !is_punct(tok(doc, e))
            && !(e > next && ends_np(doc, e))
        {
            e += 1;
        }
        if e > next {
            f.dist.push(Distancing {
                span: span_of(doc, next, e),
                kind: DistancingKind::SoCalled,
                attributed_to: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{analyze_text, Options};

    /// (kind, source, cue, content) of every attribution.
    fn attrs(text: &str) -> Vec<(String, String, String, String, Option<usize>)> {
        let doc = analyze_text(text, &Options::default());
        let (a, _) = attribute(&doc);
        a.iter()
            .map(|a| {
                (
                    a.kind.as_str().to_string(),
                    a.source.map_or(String::new(), |s| doc.slice(s).to_string()),
                    a.cue.map_or(String::new(), |s| doc.slice(s).to_string()),
                    doc.slice(a.content).to_string(),
                    a.via,
                )
            })
            .collect()
    }

    fn dist(text: &str) -> Vec<String> {
        let doc = analyze_text(text, &Options::default());
        let (_, d) = attribute(&doc);
        d.iter().map(|d| doc.slice(d.span).to_string()).collect()
    }

    /// The span of the `nth` occurrence of `needle` in the document's text.
    fn nth_span(doc: &Document, needle: &str, nth: usize) -> Span {
        let text = doc.text();
        let mut from = 0;
        for _ in 0..nth {
            from += text[from..].find(needle).expect("needle") + 1;
        }
        let s = from + text[from..].find(needle).expect("needle");
        Span::new(s, s + needle.len())
    }

    /// Sets the document's entities from names given as (first token, end token, type).
    fn cluster_names(doc: &mut Document, names: &[(usize, usize, &'static str)]) {
        let ms: Vec<crate::entities::NameMention> = names
            .iter()
            .map(
                |&(tok_start, tok_end, etype)| crate::entities::NameMention {
                    tok_start,
                    tok_end,
                    etype,
                },
            )
            .collect();
        doc.entities = crate::entities::cluster(doc, &ms);
    }

    /// The id of the entity with this name.
    fn entity_id(doc: &Document, name: &str) -> Option<String> {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.id.clone())
    }

    #[test]
    fn a_place_before_a_title_is_not_the_speaker() {
        let mut doc = analyze_text(
            "Bernie Sanders spoke on Friday.\n\nThe Vermont senator said the plan was bad.",
            &Options::default(),
        );
        let names = [(0usize, 2usize, "PERSON"), (7, 8, "GPE")];
        let text = doc.text().to_string();
        assert_eq!(
            &text[doc.tokens[7].span.start..doc.tokens[7].span.end],
            "Vermont"
        );
        cluster_names(&mut doc, &names);
        let vermont = entity_id(&doc, "Vermont");
        assert!(vermont.is_some());
        // The place inside the span is only a modifier of "senator".
        let who = entity_for(&doc, nth_span(&doc, "The Vermont senator", 0));
        assert_ne!(who, vermont);
        // Alone, the place is itself.
        assert_eq!(entity_for(&doc, nth_span(&doc, "Vermont", 0)), vermont);
    }

    #[test]
    fn a_name_the_recogniser_missed_resolves_by_its_words() {
        let mut doc = analyze_text(
            "Bernie Sanders spoke. Sanders told reporters that Sanders would run.",
            &Options::default(),
        );
        // Only the first two mentions are recognised; the third is not.
        cluster_names(&mut doc, &[(0, 2, "PERSON"), (4, 5, "PERSON")]);
        let id = entity_id(&doc, "Bernie Sanders");
        assert!(id.is_some());
        let third = nth_span(&doc, "Sanders", 2);
        assert!(!doc
            .entities
            .iter()
            .any(|e| e.mentions.iter().any(|m| m.span == third)));
        assert_eq!(entity_for(&doc, third), id);
    }

    #[test]
    fn direct_quotes_with_speaker_after() {
        let a = attrs("Title\n\n“We have come close to an agreement,” Shoigu said.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, "direct");
        assert_eq!((a[0].1.as_str(), a[0].2.as_str()), ("Shoigu", "said"));
        // A full quotation's content keeps its marks (PolNeAR's convention).
        assert_eq!(a[0].3, "“We have come close to an agreement,”");
        let a = attrs("Title\n\n“The main task now is peace,” said the Russian leader.");
        assert_eq!(
            (a[0].1.as_str(), a[0].2.as_str()),
            ("the Russian leader", "said")
        );
        let a = attrs("Title\n\n\"It is over,\" the agency added.");
        assert_eq!(
            (a[0].0.as_str(), a[0].1.as_str(), a[0].2.as_str()),
            ("direct", "the agency", "added")
        );
    }

    #[test]
    fn a_capitalised_cue_word_inside_a_name_is_not_a_cue() {
        let a = attrs("Title\n\n“The talks failed,” a senior State Department official said.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2.as_str(), "said");
        assert!(a[0].1.contains("State Department official"), "{a:?}");
    }

    #[test]
    fn relay_chain_quoted_as_saying() {
        let a = attrs("Title\n\n“This success became possible,” the Kremlin press-service quoted Putin as saying.");
        assert_eq!(a.len(), 2);
        assert_eq!(
            (a[0].1.as_str(), a[0].2.as_str()),
            ("the Kremlin press-service", "quoted")
        );
        assert_eq!(
            (a[1].1.as_str(), a[1].2.as_str()),
            ("Putin", "quoted Putin as saying")
        );
        assert_eq!(
            a[1].4,
            Some(0),
            "Putin's statement is relayed via the press service"
        );
    }

    #[test]
    fn speaker_before_and_partial() {
        let a = attrs("Title\n\nPutin said: “We are close to a full ceasefire in Syria.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("direct", "Putin"));
        let a =
            attrs("Title\n\nThe minister said the deal was “dead in the water” after the vote.");
        // Partial: the reported clause around the quoted words (from the tagger), or the
        // quoted words alone (rules only).
        assert!(
            a.iter().any(|x| x.0 == "partial"
                && x.3.contains("dead in the water")
                && x.1 == "The minister"),
            "{a:?}"
        );
    }

    #[test]
    fn nested_indirect_inside_quotation() {
        let a = attrs("Title\n\n”President Assad said victories in Aleppo paved the way for peace,” the agency added.");
        let outer = a.iter().position(|x| x.0 == "direct").unwrap();
        let inner = a.iter().find(|x| x.0 == "indirect").unwrap();
        assert_eq!(inner.1, "President Assad");
        assert_eq!(inner.3, "victories in Aleppo paved the way for peace");
        assert_eq!(inner.4, Some(outer));
    }

    #[test]
    fn reported_speech_and_participles() {
        let a = attrs("Title\n\nEarlier on Friday, Russia’s Defense Minister Sergey Shoigu reported to Putin that the withdrawal had concluded.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, "indirect");
        assert_eq!(a[0].1, "Russia’s Defense Minister Sergey Shoigu");
        assert_eq!(a[0].3, "that the withdrawal had concluded");
        let a = attrs(
            "Title\n\nThe mayor said the roads were closed, adding that schools would stay shut.",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[1].1, "The mayor");
        assert_eq!(a[1].2, "adding");
        assert!(attrs("Title\n\nShe said goodbye to her friends.").is_empty());
    }

    #[test]
    fn according_to_both_orders() {
        let a = attrs("Title\n\nAccording to Russia’s Defense Ministry, 34,000 people were moved.");
        assert_eq!(
            (a[0].0.as_str(), a[0].1.as_str(), a[0].3.as_str()),
            (
                "according_to",
                "Russia’s Defense Ministry",
                "34,000 people were moved"
            )
        );
        let a = attrs("Title\n\nAbout 500 people fled, according to the United Nations.");
        assert_eq!(
            (a[0].1.as_str(), a[0].3.as_str()),
            ("the United Nations", "About 500 people fled")
        );
    }

    #[test]
    fn an_interrupted_quotation_goes_on_after_its_attribution() {
        let got = attrs(
            "Title\n\n“The repairs are finished,” the engineer said, “and the bridge will reopen on Friday after the last inspection.”",
        );
        let second = got
            .iter()
            .find(|a| a.3.contains("and the bridge will reopen"))
            .expect("the second part is a statement");
        assert_eq!(second.1, "the engineer");
        assert!(got.iter().any(|a| a.3.contains("The repairs are finished")));
    }

    #[test]
    fn distancing_is_not_speech() {
        let text = "Title\n\nThe initiative collapsed over the militants - whom it called “moderate opposition” - and their allies.";
        assert!(attrs(text).is_empty());
        assert_eq!(dist(text), vec!["moderate opposition"]);
        let text = "Army declares Aleppo under full control, ‘return of security’ to city\n\nBody text here.";
        assert!(dist(text).contains(&"return of security".to_string()));
        assert!(!attrs(text).iter().any(|a| a.3 == "return of security"));
        assert_eq!(
            dist("Title\n\nThe so-called peace plan failed."),
            vec!["peace plan"]
        );
    }

    #[test]
    fn distancing_names_whose_usage_it_is() {
        let doc = crate::pipeline::analyze_text(
            "Title\n\nIn May, Britain and the US tried to broker a truce, but it failed due to Washington’s refusal to restrain the fighters - whom it called “freedom fighters” - in the north.",
            &crate::pipeline::Options::default(),
        );
        let d = doc.distancing.first().expect("a distancing item");
        assert_eq!(doc.slice(d.span), "freedom fighters");
        let e = d
            .attributed_to
            .as_ref()
            .and_then(|id| doc.entities.iter().find(|e| &e.id == id))
            .expect("attributed to an entity");
        assert_eq!(e.affiliation, Some("US"));
    }

    #[test]
    fn continuation_of_previous_speaker() {
        let a = attrs(
            "Title\n\n“We won,” the coach said.\n\n“Next season we will win again and again.”",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].1, "the coach");
        assert_eq!(a[1].2, "");
    }
}
