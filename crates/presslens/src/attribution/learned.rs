//! Attributions from the trained tagger that the rules miss.
//!
//! The rules ([`super::rules`]) are precise on quotations, "according to" and reported speech
//! after a cue verb, but they miss most reported speech without quotation marks ("…, sources
//! said", "X has learned …"): on PolNeAR dev they find about a third of the gold sources and
//! cues. The trained tagger (`models/attribution.bin`, from `presslens-attrib`, embedded in
//! the binary) labels source, cue and content spans paragraph by paragraph. Its attributions
//! are added where they do not overlap what the rules found: the rules keep their kinds,
//! speakers and nesting, and the tagger fills the gaps.
//!
//! Where the tagger finds a speaker and cue but no content in the paragraph, the content follows
//! PolNeAR's conventions from the sentence structure: the clause before a trailing attribution
//! ("…, sources said."), both halves around a parenthetical one ("The museum, he said, will
//! open …"), or the next paragraph after "X said:". Quoted words inside a speaker's reported
//! clause are a partial quotation rather than a scare quote.

use std::sync::OnceLock;

use presslens_attrib::{AttribTagger, TextSpan};

use super::rules::{appositive_before, is_quote_mark, sent_range, span_of, tok_at};
use super::{cues, Attribution, Distancing, DistancingKind, Kind};
use crate::document::{Document, Span, Zone};

static MODEL: &[u8] = include_bytes!("../../../../models/attribution.bin");

/// The embedded attribution tagger, loaded on first use; `None` (reported once on standard
/// error) if the embedded file is damaged, so analysis goes on with the rules alone.
pub fn tagger() -> Option<&'static AttribTagger> {
    static T: OnceLock<Option<AttribTagger>> = OnceLock::new();
    crate::embedded_model(&T, "attribution", &[MODEL], || {
        AttribTagger::from_bytes(MODEL)
    })
}

/// The tagger's learned cue-rate bucket (1–5, see `presslens_attrib::features::CueLexicon`)
/// from which a cue word counts as reporting even outside the cue inventory.
const MIN_CUE_BUCKET: u8 = 3;

fn span(t: TextSpan) -> Span {
    Span::new(t.bytes.0, t.bytes.1)
}

/// A source or cue span without the double quotation marks and spaces the tagger's token
/// boundaries may leave at its edges (`”President Assad` → `President Assad`); `None` if
/// nothing is left.
fn trimmed(text: &str, sp: Span) -> Option<Span> {
    let s = text.get(sp.start..sp.end)?;
    let edge = |c: char| c.is_whitespace() || matches!(c, '“' | '”' | '«' | '»' | '„' | '"');
    let lead = s.len() - s.trim_start_matches(edge).len();
    let rest = s.trim_matches(edge);
    (!rest.is_empty()).then(|| Span::new(sp.start + lead, sp.start + lead + rest.len()))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Opening quotation marks a direct quotation's content starts with.
fn opens_quote(s: &str) -> bool {
    s.starts_with(['"', '“', '‘', '«', '„', '\''])
}

/// True when the quoted words at `quoted` follow a naming verb or "so-called" in the same
/// clause ("called the plan “a disaster”", "branded as “…”", "so-called “…”"): words the
/// narrator sets apart, not speech. Looks back over at most five words, stopping at
/// punctuation.
fn named_before(doc: &Document, quoted: Span) -> bool {
    let i = tok_at(doc, quoted.start).min(doc.tokens.len());
    let mut back = doc.tokens[..i]
        .iter()
        .rev()
        .map(|t| doc.slice(t.span))
        // The opening quotation mark itself.
        .skip_while(|w| is_quote_mark(w));
    (0..5)
        .map_while(|_| back.next())
        .take_while(|w| w.chars().any(char::is_alphanumeric))
        .any(|w| cues::is_naming(w) || w.eq_ignore_ascii_case("so-called"))
}

/// True when `sp` starts in a sentence of the article body (headlines and related-article
/// links keep their quoted words as distancing).
fn in_body(doc: &Document, sp: Span) -> bool {
    doc.tokens
        .get(tok_at(doc, sp.start))
        .and_then(|t| doc.sentences.get(t.sentence))
        .is_some_and(|s| s.zone == Zone::Body)
}

/// A one-word cue that is a past participle right after a comma and before a preposition
/// ("National Guard members, called to service by the governor, …") opens a reduced relative
/// clause: something done to the noun before it, not something it said.
fn reduced_relative(doc: &Document, cue: Span) -> bool {
    let i = tok_at(doc, cue.start);
    let w = |i: usize| doc.tokens.get(i).map_or("", |t| doc.slice(t.span));
    i > 0
        && i + 1 < doc.tokens.len()
        && doc.tokens[i].span.end >= cue.end
        && w(i - 1) == ","
        && doc.tokens[i].xpos == Some("VBN")
        && matches!(
            w(i + 1).to_lowercase().as_str(),
            "to" | "by" | "for" | "in" | "into" | "as" | "from" | "on" | "at" | "with"
        )
}

/// True when `piece` has quotation marks and its words (leaving out quotation marks,
/// punctuation and a possessive clitic) all lie inside one name the recogniser found: a
/// programme or book title in quotation marks (`CBS's "Face the Nation,"`) is a name, not
/// something said.
fn name_only(doc: &Document, piece: Span) -> bool {
    let quoted = doc
        .tokens
        .iter()
        .any(|t| piece.contains(t.span) && is_quote_mark(doc.slice(t.span)));
    if !quoted {
        return false;
    }
    let words: Vec<Span> = doc
        .tokens
        .iter()
        .filter(|t| piece.contains(t.span))
        .map(|t| t.span)
        .filter(|&sp| {
            let w = doc.slice(sp);
            w.chars().any(char::is_alphanumeric) && !matches!(w, "'s" | "’s")
        })
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let whole = Span::new(first.start, last.end);
    doc.entities
        .iter()
        .flat_map(|e| &e.mentions)
        .any(|m| m.kind == crate::entities::MentionKind::Name && m.span.contains(whole))
}

/// The content of a trailing attribution with no content tagged: "CONTENT, sources said." or
/// "CONTENT, said the spokesman on Monday." The speaker and cue follow a comma and end the
/// sentence (up to a few words with no verb: "on Monday", "in a statement"); the content is the
/// sentence up to that comma (PolNeAR leaves the comma out).
fn trailing_content(doc: &Document, source: Span, cue: Span) -> Option<Span> {
    let (start, end) = (source.start.min(cue.start), source.end.max(cue.end));
    let first = tok_at(doc, start);
    if first == 0 || first >= doc.tokens.len() || doc.slice(doc.tokens[first - 1].span) != "," {
        return None;
    }
    let sent = doc.tokens[first].sentence;
    let (lo, hi) = sent_range(doc, sent);
    // After the attribution: at most a few words without a verb, then the sentence end.
    let after = tok_at(doc, end);
    let rest: Vec<&crate::document::Token> = doc.tokens[after.min(hi)..hi]
        .iter()
        .filter(|t| doc.slice(t.span).chars().any(char::is_alphanumeric))
        .collect();
    if rest.len() > 5 || rest.iter().any(|t| matches!(t.upos, Some("VERB" | "AUX"))) {
        return None;
    }
    // Only the sentence's final punctuation may follow the attribution's words.
    if doc.tokens[after.min(hi)..hi]
        .iter()
        .any(|t| matches!(doc.slice(t.span), "," | ";" | ":" | "“" | "”" | "\""))
    {
        return None;
    }
    let comma = first - 1;
    // A clause: at least three words, not starting inside a quotation the rules handle.
    if comma < lo + 3 {
        return None;
    }
    let body = span_of(doc, lo, comma);
    let text = doc.slice(body);
    if opens_quote(text) || text.contains(['“', '”', '"']) && !text.ends_with(['”', '"']) {
        return None;
    }
    Some(body)
}

/// The content of a parenthetical attribution with no content tagged: "The museum, Mr. Bush
/// said, celebrated his heroes." PolNeAR's content is the sentence around the attribution in
/// two pieces, without the commas and the final stop ("The museum", "celebrated his heroes").
/// Sentences with quotation marks are left to the quotation rules.
fn parenthetical_content(doc: &Document, source: Span, cue: Span) -> Option<(Span, Span)> {
    let (start, end) = (source.start.min(cue.start), source.end.max(cue.end));
    let first = tok_at(doc, start);
    let after = tok_at(doc, end);
    let w = |i: usize| doc.tokens.get(i).map_or("", |t| doc.slice(t.span));
    if first == 0 || w(first - 1) != "," || w(after) != "," {
        return None;
    }
    let sent = doc.tokens[first].sentence;
    if doc.tokens[after].sentence != sent {
        return None;
    }
    let (lo, mut hi) = sent_range(doc, sent);
    while hi > after + 1 && matches!(w(hi - 1), "." | "!" | "?" | ";") {
        hi -= 1;
    }
    if first - 1 <= lo || hi < after + 3 {
        return None;
    }
    if (lo..hi).any(|i| is_quote_mark(w(i))) {
        return None;
    }
    if !(after + 1..hi).any(|i| matches!(doc.tokens[i].upos, Some("VERB" | "AUX"))) {
        return None;
    }
    Some((span_of(doc, lo, first - 1), span_of(doc, after + 1, hi)))
}

/// The speaker of a participle cue after a comma ("…, arguing that …", "…, saying …"): the
/// source of the closest statement before it in the same sentence whose cue ends before it.
fn participle_source<'a>(
    doc: &Document,
    cue: Span,
    attrs: impl Iterator<Item = &'a Attribution>,
) -> Option<Span> {
    let i = tok_at(doc, cue.start);
    let w = |i: usize| doc.tokens.get(i).map_or("", |t| doc.slice(t.span));
    let first = w(i).to_lowercase();
    if i == 0 || w(i - 1) != "," || !first.ends_with("ing") || first.len() < 6 {
        return None;
    }
    let sent = doc.tokens[i].sentence;
    let same_sentence = |sp: Span| {
        doc.tokens
            .get(tok_at(doc, sp.start))
            .is_some_and(|t| t.sentence == sent)
    };
    attrs
        .filter_map(|a| Some((a.cue?, a.source?)))
        .filter(|&(c, s)| c.end <= cue.start && same_sentence(c) && same_sentence(s))
        .max_by_key(|&(c, _)| c.end)
        .map(|(_, s)| s)
}

/// Conjunctions that open a subordinate clause.
const SUBORDINATORS: &[&str] = &[
    "after", "although", "as", "because", "before", "since", "though", "until", "when", "whereas",
    "while",
];

/// A content the tagger ended inside a clause ("… for their help in liberating the city as the
/// two leaders" with "talked" right after it) ends before that clause's conjunction instead:
/// the content stops at a word that is neither punctuation nor the end of the sentence, the
/// next word is a verb, and the words after the content's last subordinating conjunction have
/// no verb of their own. Other contents are returned unchanged.
fn without_open_clause(doc: &Document, piece: Span) -> Span {
    let a = tok_at(doc, piece.start);
    let b = tok_at(doc, piece.end);
    let Some(next) = doc.tokens.get(b) else {
        return piece;
    };
    let verb = |i: usize| matches!(doc.tokens[i].upos, Some("VERB" | "AUX"));
    if b <= a + 3 || next.sentence != doc.tokens[b - 1].sentence || !verb(b) {
        return piece;
    }
    let word = |i: usize| doc.slice(doc.tokens[i].span).to_lowercase();
    let Some(k) = (a + 3..b)
        .rev()
        .find(|&i| SUBORDINATORS.contains(&word(i).as_str()))
    else {
        return piece;
    };
    // The fragment after the conjunction: plain words (a noun phrase), no verb, no quotation.
    if (k + 1..b).any(|i| {
        verb(i)
            || !doc
                .slice(doc.tokens[i].span)
                .chars()
                .all(char::is_alphanumeric)
    }) {
        return piece;
    }
    // "just as", "even as": the adverb goes with the conjunction; then a comma or dash left at
    // the end goes too (closing quotation marks stay).
    let mut end = k;
    if end > a + 1 && matches!(word(end - 1).as_str(), "just" | "even") {
        end -= 1;
    }
    while end > a
        && matches!(
            doc.slice(doc.tokens[end - 1].span),
            "," | ";" | ":" | "-" | "–" | "—"
        )
    {
        end -= 1;
    }
    if end <= a {
        return piece;
    }
    span_of(doc, a, end)
}

/// The speaker of a cue whose subject is a sentence-initial apposition ("The Syrian President,
/// Bashar Assad, has expressed …"), which the tagger often leaves out.
fn appositive_source(doc: &Document, cue: Span) -> Option<Span> {
    let i = tok_at(doc, cue.start);
    let t = doc.tokens.get(i)?;
    let (lo, _) = sent_range(doc, t.sentence);
    let (a, b) = appositive_before(doc, i, lo)?;
    Some(span_of(doc, a, b))
}

/// True when the cue's last word is a naming verb ("called", "dubbed") followed directly by an
/// opening quotation mark.
fn names_a_quotation(doc: &Document, cue: Span) -> bool {
    let text = doc.text();
    let last = text[cue.start..cue.end]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let next = tok_at(doc, cue.end);
    cues::is_naming(last)
        && doc
            .tokens
            .get(next)
            .is_some_and(|t| is_quote_mark(doc.slice(t.span)))
}

/// The content of "X said:" or "The paper reports:" at the end of a paragraph: the next
/// paragraph (one line of text), as PolNeAR annotates it.
fn next_paragraph_content(doc: &Document, source: Span, cue: Span) -> Option<Span> {
    let text = doc.text();
    if source.end > cue.start {
        return None;
    }
    let after = text.get(cue.end..)?;
    let rest = after.trim_start_matches([' ', '\t']);
    let rest = if text[cue.start..cue.end].ends_with(':') {
        rest
    } else {
        rest.strip_prefix(':')?
    };
    if !rest.starts_with(['\n', '\r']) {
        return None;
    }
    let lead = rest.len() - rest.trim_start().len();
    let start = text.len() - rest.len() + lead;
    let line = text[start..].split(['\n', '\r']).next()?.trim_end();
    (!line.is_empty()).then(|| Span::new(start, start + line.len()))
}

/// Adds the tagger's attributions that overlap no content or cue in `attrs` and no distancing
/// span. Each content piece of a tagger attribution becomes one statement with the
/// attribution's cue and source; statements with neither cue nor source are left out.
pub(crate) fn add_learned(
    doc: &Document,
    attrs: &mut Vec<Attribution>,
    dist: &mut Vec<Distancing>,
    entity_for: impl Fn(&Document, Span) -> Option<String>,
) {
    let Some(t) = tagger() else {
        return;
    };
    let text = doc.text();
    // Only a paragraph with a reporting word can give a statement that passes the cue check
    // below, so the others are not tagged (same result, less work).
    let reporting_word = |w: &str| {
        w.eq_ignore_ascii_case("according")
            || (cues::is_cue(w) && !cues::is_naming(w))
            || t.lexicon().bucket(&w.to_lowercase()) >= MIN_CUE_BUCKET
    };
    let found = t.attributions_where(text, |words| words.iter().any(|w| reporting_word(w)));
    // Reported speech found by both: the tagger's spans replace the rule's (they follow the
    // PolNeAR conventions for where a content, cue and source begin and end; a partial
    // quotation's content becomes the whole reported clause around the quoted words, and the
    // statement stays `partial`). Full quotations (with their relay chains), "according to"
    // and colon attributions stay with the rules.
    let replaceable = |r: &Attribution| matches!(r.kind, Kind::Indirect | Kind::Partial);
    let mut drop_rule = vec![false; attrs.len()];
    let mut drop_dist: Vec<usize> = Vec::new();
    let mut added = Vec::new();
    for a in found {
        let cue = a.cue.map(span).and_then(|c| trimmed(text, c));
        let mut source = a.source.map(span).and_then(|c| trimmed(text, c));
        if cue.is_none() && source.is_none() {
            continue;
        }
        // "X said …, arguing that …": a participle after a comma reports the same speaker as
        // the statement before it in the sentence (PolNeAR links the same source mention).
        if source.is_none() {
            if let Some(c) = cue {
                source = participle_source(doc, c, attrs.iter().chain(added.iter()))
                    .or_else(|| appositive_source(doc, c));
            }
        }
        let clash = |r: &Attribution, s: Span| {
            overlaps(r.content, s) || r.cue.is_some_and(|c| overlaps(c, s))
        };
        let cue_text = cue.map_or("", |c| &text[c.start..c.end]);
        let according = cue_text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("according"));
        // PolNeAR also annotates intentions and acts ("rebels seeking to …", "continued to
        // fight"); here a statement needs a reporting word of the cue inventory in its cue, or
        // a word that is usually a cue in the training data (the tagger's cue rate ≥ 0.4), and
        // a cue ending in "to" (a verb taking an infinitive: "continued to", "want to") is an
        // act or intention, not a statement.
        let words: Vec<&str> = cue_text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        let catenative = words.last().is_some_and(|w| w.eq_ignore_ascii_case("to"));
        let reporting = according || (!catenative && words.iter().any(|w| reporting_word(w)));
        if !reporting {
            continue;
        }
        // A cue with a verb of the cue inventory (not a naming verb) reports speech.
        let speech_cue = words.iter().any(|w| cues::is_cue(w) && !cues::is_naming(w));
        // A naming verb right before a quotation names something ("whom it called “moderate
        // opposition”"); what follows the quoted name is not a statement.
        if !speech_cue && cue.is_some_and(|c| names_a_quotation(doc, c)) {
            continue;
        }
        if !speech_cue && cue.is_some_and(|c| reduced_relative(doc, c)) {
            continue;
        }
        let mut pieces: Vec<Span> = a.contents.iter().map(|&c| span(c)).collect();
        // A speaker and cue the tagger found without any content in the paragraph: the
        // content is the clause before a trailing attribution ("…, sources said.") or the
        // next paragraph after a colon ("The paper reports:").
        let mut introduced = None;
        let mut parenthetical = false;
        if pieces.is_empty() {
            if let (Some(c), Some(s)) = (cue, source) {
                if let Some(p) = trailing_content(doc, s, c) {
                    pieces.push(p);
                } else if let Some((p, q)) = parenthetical_content(doc, s, c) {
                    pieces.extend([p, q]);
                    parenthetical = true;
                } else if let Some(p) = next_paragraph_content(doc, s, c) {
                    pieces.push(p);
                    introduced = Some(p);
                }
            }
        } else if let (Some(c), Some(s)) = (cue, source) {
            // "Acts of protest, he said, are acts of patriotism": the tagger often has only the
            // part after the attribution; the part before it is content too.
            if let Some((p, q)) = parenthetical_content(doc, s, c) {
                if !pieces.iter().any(|&x| overlaps(x, p)) && pieces.iter().any(|&x| overlaps(x, q))
                {
                    pieces.insert(0, p);
                    parenthetical = true;
                }
            }
        }
        for piece in pieces {
            let piece = without_open_clause(doc, piece);
            if piece.start >= piece.end || name_only(doc, piece) {
                continue;
            }
            // Quoted words inside the reported clause of a speech cue with a speaker ("X said
            // it was “resolutely opposed”") are that speaker's words (a partial quotation),
            // not scare quotes; quoted words after a naming verb or "so-called", or with a
            // known user, stay distancing, and so does anything that overlaps them otherwise.
            let mut quoted_inside = Vec::new();
            let mut blocked = false;
            for (k, d) in dist.iter().enumerate() {
                if !overlaps(d.span, piece) {
                    continue;
                }
                let partial_quote = d.kind == DistancingKind::ScareQuote
                    && d.attributed_to.is_none()
                    && source.is_some()
                    && speech_cue
                    && piece.contains(d.span)
                    && piece != d.span
                    && !cue.is_some_and(|c| overlaps(c, d.span))
                    && !named_before(doc, d.span)
                    && in_body(doc, d.span);
                if partial_quote {
                    quoted_inside.push(k);
                } else {
                    blocked = true;
                }
            }
            if blocked {
                continue;
            }
            // After "say", "tell" or "add", what was said is a clause: a content without any
            // verb ("said goodbye to her friends", "said a prayer") is the object of an act,
            // not a statement. (Untagged text passes.)
            let say = words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "say"
                        | "says"
                        | "said"
                        | "saying"
                        | "tell"
                        | "tells"
                        | "told"
                        | "add"
                        | "added"
                )
            });
            let has_verb = !say
                || parenthetical
                || doc
                    .tokens
                    .iter()
                    .filter(|t| piece.contains(t.span))
                    .all(|t| t.upos.is_none())
                || doc
                    .tokens
                    .iter()
                    .any(|t| piece.contains(t.span) && matches!(t.upos, Some("VERB" | "AUX")));
            if !has_verb {
                continue;
            }
            let hits: Vec<usize> = (0..attrs.len())
                .filter(|&k| clash(&attrs[k], piece) || cue.is_some_and(|c| clash(&attrs[k], c)))
                .collect();
            if hits.iter().any(|&k| !replaceable(&attrs[k])) {
                // A quotation, "according to" or colon attribution stays the rules' (with its
                // relay chain); where the tagger marks the same source or cue mention, its
                // boundaries (PolNeAR's) are used ("Syrian President Bashar Assad" for "Assad").
                // Relay chains keep the rules' spans ("quoted Putin as saying").
                for &k in &hits {
                    let in_chain = attrs[k].via.is_some() || attrs.iter().any(|r| r.via == Some(k));
                    if in_chain {
                        continue;
                    }
                    let r = &mut attrs[k];
                    // A quotation in the paragraph after "X said:" is X's, through that cue
                    // (the rules gave it the last speaker, with no cue).
                    if introduced == Some(piece) && r.kind == Kind::Direct && r.cue.is_none() {
                        r.cue = cue;
                        r.source = source;
                        r.entity = source.and_then(|s| entity_for(doc, s));
                        continue;
                    }
                    if let (Some(a), Some(b)) = (source, r.source) {
                        if overlaps(a, b) && a != b {
                            r.source = Some(a);
                            r.entity = entity_for(doc, a).or(r.entity.take());
                        }
                    }
                    if let (Some(a), Some(b)) = (cue, r.cue) {
                        if overlaps(a, b) {
                            r.cue = Some(a);
                        }
                    }
                }
                continue;
            }
            let quotes_words =
                !quoted_inside.is_empty() || hits.iter().any(|&k| attrs[k].kind == Kind::Partial);
            drop_dist.extend(quoted_inside);
            // Where the tagger has no source or cue in this paragraph, keep the rule's (a
            // participle continuing an attribution: "…, adding that …").
            let first = hits.first().map(|&k| &attrs[k]);
            let (src, cue_here) = (
                source.or(first.and_then(|r| r.source)),
                cue.or(first.and_then(|r| r.cue)),
            );
            for k in hits {
                drop_rule[k] = true;
            }
            let kind = if according {
                Kind::AccordingTo
            } else if quotes_words {
                Kind::Partial
            } else if opens_quote(&text[piece.start..piece.end]) {
                Kind::Direct
            } else {
                Kind::Indirect
            };
            added.push(Attribution {
                id: String::new(),
                kind,
                content: piece,
                cue: cue_here,
                source: src,
                entity: src.and_then(|s| entity_for(doc, s)),
                via: None,
            });
        }
    }
    // Scare quotes that turned out to be quoted speech.
    let mut k = 0;
    dist.retain(|_| {
        k += 1;
        !drop_dist.contains(&(k - 1))
    });
    // Drop the replaced rule attributions, keeping `via` pointing at the right items.
    let mut new_index = vec![None; attrs.len()];
    let mut kept = 0;
    for (k, d) in drop_rule.iter().enumerate() {
        if !d {
            new_index[k] = Some(kept);
            kept += 1;
        }
    }
    let mut k = 0;
    attrs.retain(|_| {
        k += 1;
        !drop_rule[k - 1]
    });
    for a in attrs.iter_mut() {
        a.via = a.via.and_then(|v| new_index.get(v).copied().flatten());
    }
    attrs.extend(added);
}

#[cfg(test)]
mod tests {
    use super::{
        appositive_source, in_body, name_only, named_before, names_a_quotation,
        next_paragraph_content, parenthetical_content, participle_source, reduced_relative,
        trailing_content, trimmed, without_open_clause, Span,
    };
    use crate::analyze_text;

    fn statements(text: &str) -> Vec<(String, String, String, String)> {
        let doc = analyze_text(text, &Default::default());
        doc.attributions
            .iter()
            .map(|a| {
                let s = |x: Option<crate::document::Span>| {
                    x.map_or(String::new(), |x| doc.slice(x).to_string())
                };
                (
                    a.kind.as_str().to_string(),
                    s(a.source),
                    s(a.cue),
                    doc.slice(a.content).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn reported_speech_without_quotation_marks_comes_from_the_tagger() {
        let got = statements(
            "The northern bridge will stay closed until the spring floods are over, city officials said on Tuesday.\n\nTraffic was slow.",
        );
        assert!(
            got.iter().any(|(k, s, c, t)| k == "indirect"
                && s == "city officials"
                && c.starts_with("said")
                && t.starts_with("The northern bridge will stay closed")),
            "{got:?}"
        );
    }

    #[test]
    fn acts_and_intentions_are_not_statements() {
        let got = statements(
            "The fighters continued to shell the eastern districts for a week.\n\nThe rebels are seeking to take the airport before the winter.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_full_quotation_keeps_its_marks_and_its_rule_speaker() {
        let got = statements(
            "“We will rebuild every school in the valley before the end of the year,” the governor said on Monday.",
        );
        assert!(
            got.iter().any(|(k, s, c, t)| k == "direct"
                && s == "the governor"
                && c == "said"
                && t == "“We will rebuild every school in the valley before the end of the year,”"),
            "{got:?}"
        );
    }

    #[test]
    fn a_quotation_takes_the_taggers_source_boundaries() {
        // The rules stop the speaker at the comma; PolNeAR's speaker includes the apposition.
        let got =
            statements("Title\n\n“Prices will rise,” said John Smith, an economist at the bank.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "direct");
        assert_eq!(got[0].1, "John Smith, an economist at the bank");
        assert_eq!(got[0].2, "said");
    }

    /// The span of the first occurrence of `needle` in the document text.
    fn find(doc: &crate::document::Document, needle: &str) -> Span {
        let start = doc.text().find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    #[test]
    fn a_participle_after_a_comma_opens_a_reduced_relative() {
        let doc = analyze_text(
            "Title\n\nGuard members, called to service by the governor, patrol the streets. \
             The mayor called for calm.",
            &Default::default(),
        );
        assert!(reduced_relative(&doc, find(&doc, "called")));
        // A finite verb after its subject is not one.
        let second = doc.text().rfind("called").expect("second");
        assert!(!reduced_relative(&doc, Span::new(second, second + 6)));
    }

    #[test]
    fn a_quoted_title_is_a_name_not_a_statement() {
        let mut doc = analyze_text(
            "Title\n\nHe spoke on CBS's \"Face the Nation,\" on Sunday.",
            &Default::default(),
        );
        let t = doc.tokens.iter().position(|t| doc.slice(t.span) == "Face");
        let t = t.expect("token");
        doc.entities = crate::entities::cluster(
            &doc,
            &[crate::entities::NameMention {
                tok_start: t,
                tok_end: t + 3,
                etype: "MISC",
            }],
        );
        assert!(name_only(&doc, find(&doc, "'s \"Face the Nation,\"")));
        assert!(!name_only(
            &doc,
            find(&doc, "\"Face the Nation,\" on Sunday")
        ));
        // Without quotation marks the words may be what was said about the name.
        assert!(!name_only(&doc, find(&doc, "Face the Nation")));
    }

    #[test]
    fn a_trailing_attribution_reports_the_clause_before_it() {
        let doc = analyze_text(
            "Title\n\nThe old bridge will stay closed until the spring, two city engineers said on Monday.",
            &Default::default(),
        );
        let (src, cue) = (find(&doc, "two city engineers"), find(&doc, "said"));
        let got = trailing_content(&doc, src, cue).map(|s| doc.slice(s).to_string());
        assert_eq!(
            got.as_deref(),
            Some("The old bridge will stay closed until the spring")
        );
        // Not when the sentence goes on after the attribution.
        let doc = analyze_text(
            "Title\n\nThe bridge will close, the engineers said, and the ferry will run all winter.",
            &Default::default(),
        );
        let (src, cue) = (find(&doc, "the engineers"), find(&doc, "said"));
        assert_eq!(trailing_content(&doc, src, cue), None);
    }

    #[test]
    fn a_parenthetical_attribution_splits_its_content_in_two() {
        let doc = analyze_text(
            "Title\n\nThe new museum, the mayor said, will open its doors in the spring.",
            &Default::default(),
        );
        let (src, cue) = (find(&doc, "the mayor"), find(&doc, "said"));
        let (a, b) = parenthetical_content(&doc, src, cue).expect("two pieces");
        assert_eq!(doc.slice(a), "The new museum");
        assert_eq!(doc.slice(b), "will open its doors in the spring");
        // Quotations are the rules' business.
        let doc = analyze_text(
            "Title\n\n“The museum,” the mayor said, “will open in the spring.”",
            &Default::default(),
        );
        let (src, cue) = (find(&doc, "the mayor"), find(&doc, "said"));
        assert_eq!(parenthetical_content(&doc, src, cue), None);
    }

    #[test]
    fn a_colon_at_the_end_of_a_paragraph_introduces_the_next_one() {
        let doc = analyze_text(
            "Title\n\nThe mayor said:\n\nThe bridge will reopen next week after the repairs.\n\nTraffic was slow.",
            &Default::default(),
        );
        let (src, cue) = (find(&doc, "The mayor"), find(&doc, "said"));
        let got = next_paragraph_content(&doc, src, cue).map(|s| doc.slice(s).to_string());
        assert_eq!(
            got.as_deref(),
            Some("The bridge will reopen next week after the repairs.")
        );
        let doc = analyze_text(
            "Title\n\nThe mayor said the bridge would reopen.\n\nTraffic was slow.",
            &Default::default(),
        );
        let (src, cue) = (find(&doc, "The mayor"), find(&doc, "said"));
        assert_eq!(next_paragraph_content(&doc, src, cue), None);
    }

    #[test]
    fn quoted_words_after_a_naming_verb_stay_distancing() {
        let doc = analyze_text(
            "Title\n\nThe minister called the plan “a disaster” and said it was “badly drafted” in parts.",
            &Default::default(),
        );
        assert!(named_before(&doc, find(&doc, "a disaster")));
        assert!(!named_before(&doc, find(&doc, "badly drafted")));
        assert!(in_body(&doc, find(&doc, "badly drafted")));
        assert!(!in_body(&doc, find(&doc, "Title")));
    }

    #[test]
    fn a_participle_takes_the_speaker_of_the_statement_before_it() {
        let doc = analyze_text(
            "Title\n\nThe minister said the plan was sound, arguing that costs would fall.",
            &Default::default(),
        );
        let said = super::Attribution {
            id: String::new(),
            kind: super::Kind::Indirect,
            content: find(&doc, "the plan was sound"),
            cue: Some(find(&doc, "said")),
            source: Some(find(&doc, "The minister")),
            entity: None,
            via: None,
        };
        let got = participle_source(&doc, find(&doc, "arguing"), [&said].into_iter());
        assert_eq!(got.map(|s| doc.slice(s)), Some("The minister"));
        // Only a participle after a comma.
        assert_eq!(
            participle_source(&doc, find(&doc, "costs"), [&said].into_iter()),
            None
        );
    }

    #[test]
    fn speaker_edges_lose_stray_quotation_marks() {
        let text = "”President Assad said";
        let sp = trimmed(text, Span::new(0, "”President Assad".len())).expect("not empty");
        assert_eq!(&text[sp.start..sp.end], "President Assad");
        assert_eq!(trimmed(text, Span::new(0, "”".len())), None);
        let plain = Span::new(3, 12);
        assert_eq!(trimmed(text, plain), Some(plain));
    }

    #[test]
    fn a_subject_in_apposition_is_the_speaker() {
        let doc = analyze_text(
            "Title\n\nThe Finnish Finance Minister, Anna Virtanen, has expressed doubts about the budget.\n\nMarco Bellini, the head of the port authority, has expressed concern that the canal will silt up.\n\nThe ferry, the old bridge and the tunnel, he said, were closed.",
            &Default::default(),
        );
        let src = |cue: &str, nth: usize| {
            let at = doc
                .text()
                .match_indices(cue)
                .nth(nth)
                .map(|(i, _)| i)
                .unwrap();
            appositive_source(&doc, Span::new(at, at + cue.len())).map(|s| doc.slice(s))
        };
        assert_eq!(
            src("has expressed", 0),
            Some("The Finnish Finance Minister, Anna Virtanen")
        );
        assert_eq!(
            src("has expressed", 1),
            Some("Marco Bellini, the head of the port authority")
        );
        // A list is not an apposition, and the cue must follow the second comma.
        assert_eq!(src("he said", 0), None);
        assert_eq!(src("were", 0), None);
    }

    #[test]
    fn a_naming_verb_before_a_quotation_names_rather_than_reports() {
        let doc = analyze_text(
            "Title\n\nIn May, the talks collapsed due to the council’s inability to make the gangs - whom it called “local patriots” - to hand over their weapons and leave the harbour.\n\nThe ministry called for calm on Sunday.",
            &Default::default(),
        );
        assert!(names_a_quotation(&doc, find(&doc, "called")));
        let second = doc.text().rfind("called").unwrap();
        assert!(!names_a_quotation(&doc, Span::new(second, second + 6)));
        let got = statements(doc.text());
        assert!(
            !got.iter()
                .any(|(_, _, _, t)| t.contains("hand over their weapons")),
            "{got:?}"
        );
    }

    #[test]
    fn a_content_cut_inside_a_clause_ends_before_that_clause() {
        let doc = analyze_text(
            "Title\n\nThe mayor thanked the volunteers for their help in clearing the roads as the two teams met on Monday.\n\nShe said the roads would stay open as long as the weather holds.",
            &Default::default(),
        );
        let cut = |from: &str, to: &str| {
            let a = doc.text().find(from).unwrap();
            let b = doc.text().find(to).unwrap() + to.len();
            doc.slice(without_open_clause(&doc, Span::new(a, b)))
        };
        assert_eq!(
            cut("the volunteers", "the two teams"),
            "the volunteers for their help in clearing the roads"
        );
        // A content that ends where its clause ends stays as it is.
        assert_eq!(
            cut("the roads would", "weather holds"),
            "the roads would stay open as long as the weather holds"
        );
    }
}
