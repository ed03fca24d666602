//! Attributions from the trained tagger that the rules miss.
//!
//! The rules ([`super::rules`]) are precise on quotations, "according to" and reported speech
//! after a cue verb, but they miss most reported speech without quotation marks ("…, sources
//! said", "X has learned …"): on PolNeAR dev they find about a third of the gold sources and
//! cues. The trained tagger (`models/attribution.bin`, from `presslens-attrib`, embedded in
//! the binary) labels source, cue and content spans paragraph by paragraph. Its attributions
//! are added where they do not overlap what the rules found: the rules keep their kinds,
//! speakers and nesting, and the tagger fills the gaps.

use std::sync::OnceLock;

use presslens_attrib::{AttribTagger, TextSpan};

use super::{cues, Attribution, Distancing, Kind};
use crate::document::{Document, Span};

static MODEL: &[u8] = include_bytes!("../../../../models/attribution.bin");

/// The embedded attribution tagger, loaded on first use; `None` (reported once on standard
/// error) if the embedded file is damaged, so analysis goes on with the rules alone.
pub fn tagger() -> Option<&'static AttribTagger> {
    static T: OnceLock<Option<AttribTagger>> = OnceLock::new();
    crate::embedded_model(&T, "attribution", || AttribTagger::from_bytes(MODEL))
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

/// Adds the tagger's attributions that overlap no content or cue in `attrs` and no distancing
/// span. Each content piece of a tagger attribution becomes one statement with the
/// attribution's cue and source; statements with neither cue nor source are left out.
pub(crate) fn add_learned(
    doc: &Document,
    attrs: &mut Vec<Attribution>,
    dist: &[Distancing],
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
    let mut added = Vec::new();
    for a in found {
        let cue = a.cue.map(span).and_then(|c| trimmed(text, c));
        let source = a.source.map(span).and_then(|c| trimmed(text, c));
        if cue.is_none() && source.is_none() {
            continue;
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
        for piece in a.contents.iter().map(|&c| span(c)) {
            if piece.start >= piece.end || dist.iter().any(|d| overlaps(d.span, piece)) {
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
            let quotes_words = hits.iter().any(|&k| attrs[k].kind == Kind::Partial);
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
    use super::{trimmed, Span};
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

    #[test]
    fn speaker_edges_lose_stray_quotation_marks() {
        let text = "”President Assad said";
        let sp = trimmed(text, Span::new(0, "”President Assad".len())).expect("not empty");
        assert_eq!(&text[sp.start..sp.end], "President Assad");
        assert_eq!(trimmed(text, Span::new(0, "”".len())), None);
        let plain = Span::new(3, 12);
        assert_eq!(trimmed(text, plain), Some(plain));
    }
}
