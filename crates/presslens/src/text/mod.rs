//! Text layers: sentences and tokens over the title, header lines, body paragraphs and related
//! lines.
//!
//! Paragraphs are found by intake (they follow the input's own layout); this stage tokenises each
//! zone ([`tokens`]) and splits the tokens into sentences ([`sentences`]); [`pos`] tags them.

pub mod pos;
pub mod sentences;
pub mod tokens;

use crate::document::{Document, Sentence, Span, Token, Zone};

/// Fills `doc.sentences` and `doc.tokens` from its title, paragraphs and related lines.
pub fn segment(doc: &mut Document) {
    let mut zones: Vec<(Span, Zone)> = Vec::new();
    if let Some(t) = doc.meta.title {
        zones.push((t, Zone::Title));
    }
    zones.extend(doc.header.iter().map(|p| (*p, Zone::Header)));
    zones.extend(doc.paragraphs.iter().map(|p| (*p, Zone::Body)));
    zones.extend(doc.related.iter().map(|p| (*p, Zone::Related)));
    zones.sort_by_key(|(s, _)| s.start);
    let text = doc.text();
    // About one token per 5 bytes of news text: reserving once avoids growing (and copying)
    // the token list several times per article.
    let mut sentences = Vec::with_capacity(text.len() / 120 + 1);
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut buf = Vec::new();
    for (span, zone) in zones {
        buf.clear();
        tokens::tokenize_into(text, span, &mut buf);
        for (lo, hi) in sentences::split(text, &buf) {
            let idx = sentences.len();
            sentences.push(Sentence {
                span: Span::new(buf[lo].start, buf[hi - 1].end),
                zone,
            });
            tokens.extend(buf[lo..hi].iter().map(|&s| Token {
                span: s,
                sentence: idx,
                upos: None,
                xpos: None,
            }));
        }
    }
    doc.sentences = sentences;
    doc.tokens = tokens;
}
