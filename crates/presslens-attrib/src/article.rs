//! Whole-article attribution: tokenize, tag paragraph by paragraph, group spans into
//! attributions, and report byte and character offsets into the article text.

use crate::tokenize::{paragraphs, tokenize};
use crate::{group, AttribTagger};

/// A span of the article text, as end-exclusive byte offsets and as end-exclusive character
/// (Unicode scalar value) offsets. `&text[bytes.0..bytes.1]` is the span's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextSpan {
    /// Byte offsets `(start, end)`.
    pub bytes: (usize, usize),
    /// Character offsets `(start, end)`.
    pub chars: (usize, usize),
}

/// One attribution found in an article: who (source), through which words (cue), said what
/// (contents). Any part may be missing (a content with no cue in its paragraph, a cue whose
/// source is outside the paragraph, …), but at least one part is present.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribution {
    /// The source span, if found.
    pub source: Option<TextSpan>,
    /// The cue span, if found.
    pub cue: Option<TextSpan>,
    /// Content spans, in text order (a quotation interrupted by `he said` has two).
    pub contents: Vec<TextSpan>,
}

impl AttribTagger {
    /// Finds the attributions of a whole article.
    ///
    /// The text is tokenized with [`crate::tokenize::tokenize`] and tagged one paragraph (a run
    /// of lines with no line break) at a time, as in training and evaluation; the spans of each
    /// paragraph are grouped with [`group`], and relations sharing a cue are merged into one
    /// [`Attribution`] with several contents. Attributions are returned in text order of their
    /// first span. Any text is accepted (empty text gives no attributions).
    pub fn attributions(&self, text: &str) -> Vec<Attribution> {
        self.attributions_where(text, |_| true)
    }

    /// [`AttribTagger::attributions`], tagging only the paragraphs whose words (token texts)
    /// pass `keep`; the others give no attributions. Callers that only accept attributions
    /// with certain cue words skip paragraphs without any of them this way.
    pub fn attributions_where(
        &self,
        text: &str,
        keep: impl Fn(&[&str]) -> bool,
    ) -> Vec<Attribution> {
        let tokens = tokenize(text);
        let mut out = Vec::new();
        if tokens.is_empty() {
            return out;
        }
        // Byte → char conversion for token boundaries (tokens are in order).
        let mut char_at: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        {
            let mut chars = 0usize;
            let mut last = 0usize;
            for &(a, b) in &tokens {
                let ca = chars + text.get(last..a).map_or(0, |s| s.chars().count());
                let cb = ca + text.get(a..b).map_or(0, |s| s.chars().count());
                char_at.push((ca, cb));
                chars = cb;
                last = b;
            }
        }
        let span = |a: usize, b: usize| -> TextSpan {
            TextSpan {
                bytes: (tokens[a].0, tokens[b - 1].1),
                chars: (char_at[a].0, char_at[b - 1].1),
            }
        };
        for (pa, pb) in paragraphs(text, &tokens) {
            let words: Vec<&str> = tokens[pa..pb]
                .iter()
                .map(|&(a, b)| text.get(a..b).unwrap_or(""))
                .collect();
            if !keep(&words) {
                continue;
            }
            let spans = self.tag(text, &tokens[pa..pb]);
            let rels = group(&spans);
            let mut merged: Vec<(Option<(usize, usize)>, Attribution)> = Vec::new();
            for r in rels {
                let conv = |p: Option<(usize, usize)>| p.map(|(a, b)| span(pa + a, pa + b));
                if r.cue.is_some() {
                    if let Some((_, prev)) = merged.iter_mut().find(|(c, _)| *c == r.cue) {
                        prev.contents.extend(conv(r.content));
                        prev.contents.sort();
                        continue;
                    }
                }
                merged.push((
                    r.cue,
                    Attribution {
                        source: conv(r.source),
                        cue: conv(r.cue),
                        contents: conv(r.content).into_iter().collect(),
                    },
                ));
            }
            out.extend(merged.into_iter().map(|(_, a)| a));
        }
        out
    }
}
