//! The stand-off document model.
//!
//! A [`Document`] owns the analysed text, which never changes once intake has produced it. Every
//! stage adds a *layer*: a list of items that point into the text with byte [`Span`]s. Offsets are
//! bytes internally (cheap `&str` slicing); the conversion to Unicode code points required by the
//! `presslens/1` contract happens once, at output, through a [`CharIndex`].

use serde::Serialize;

/// A half-open byte range `[start, end)` into [`Document::text`].
///
/// Both ends always fall on UTF-8 character boundaries; constructors in this crate guarantee it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no text.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Shrinks the span so that it neither starts nor ends with white space.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Which part of the article a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// The headline.
    Title,
    /// A header line: dateline, publication or update line, byline.
    Header,
    /// A body paragraph.
    Body,
    /// A "READ MORE:"-style link to another article.
    Related,
}

/// A sentence: its span and the zone it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is.
    pub span: Span,
    /// Title, body or related line.
    pub zone: Zone,
}

/// A token in Penn Treebank style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where the token is.
    pub span: Span,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// Universal part of speech, once a tagger has run.
    pub upos: Option<&'static str>,
    /// Penn Treebank tag, once a tagger has run.
    pub xpos: Option<&'static str>,
}

/// Article-level metadata found by intake.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Caller-supplied identifier (JSON Lines `id`, or the file name).
    pub id: Option<String>,
    /// The headline.
    pub title: Option<Span>,
    /// The dateline or publication line the date was read from.
    pub dateline: Option<Span>,
    /// The byline ("By Jane Doe").
    pub byline: Option<Span>,
    /// Author names, from the byline or the input's metadata.
    pub authors: Vec<String>,
    /// Publication time: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, or with a UTC offset when one was given.
    pub published: Option<String>,
    /// Update time, in the same form, or a relative phrase kept as written ("8 years ago").
    pub updated: Option<String>,
    /// Where the dateline says the story was filed from ("WASHINGTON").
    pub place: Option<String>,
    /// The outlet or agency, from the input's metadata or a dateline such as "(Reuters)".
    pub outlet: Option<String>,
    /// The article's address, when the input gave one.
    pub url: Option<String>,
}

/// An article under analysis: immutable text plus one layer per stage.
#[derive(Debug, Clone, Default)]
pub struct Document {
    text: String,
    /// Article-level metadata.
    pub meta: Metadata,
    /// Header lines between the title and the body (datelines, bylines), in order.
    pub header: Vec<Span>,
    /// Body paragraphs, in order.
    pub paragraphs: Vec<Span>,
    /// Lines that link to other articles ("READ MORE: …").
    pub related: Vec<Span>,
    /// Sentences of the title, body and related lines, in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens of every sentence, in text order.
    pub tokens: Vec<Token>,
    /// Entity clusters, in order of first mention.
    pub entities: Vec<crate::entities::Entity>,
    /// Attributed statements, in text order of their content.
    pub attributions: Vec<crate::attribution::Attribution>,
    /// Quoted words nobody is reported as saying.
    pub distancing: Vec<crate::attribution::Distancing>,
    /// One summary per source.
    pub sources: Vec<crate::attribution::SourceSummary>,
    /// Dates and times with resolved values.
    pub timexes: Vec<crate::claims::timex::Timex>,
    /// Figures with bounds, units, objects and claimants.
    pub quantities: Vec<crate::claims::quantities::Quantity>,
    /// Framing words (labels, loaded and evaluative words, boosters, hedges, distancing) with
    /// their voice and target, in text order.
    pub framing: Vec<crate::framing::Framing>,
    /// Lexicon tone of the title and body, once the framing stage has run.
    pub tone: Option<crate::framing::Tone>,
}

impl Document {
    /// Wraps already-normalised text. Use [`crate::intake`] to build a document from raw input.
    pub fn new(text: String) -> Document {
        Document {
            text,
            ..Document::default()
        }
    }

    /// The analysed text. It never changes after intake.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The title, body paragraphs and related lines in text order: the zones whose words
    /// belong to the story (header lines are metadata).
    pub fn story_zones(&self) -> Vec<Span> {
        let mut zones: Vec<Span> =
            Vec::with_capacity(self.paragraphs.len() + self.related.len() + 1);
        zones.extend(self.meta.title);
        zones.extend(self.paragraphs.iter().copied());
        zones.extend(self.related.iter().copied());
        zones.sort_by_key(|z| z.start);
        zones
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let lo = self.tokens.partition_point(|t| t.sentence < i);
        let hi = self.tokens.partition_point(|t| t.sentence <= i);
        &self.tokens[lo..hi]
    }
}

/// Converts byte offsets to Unicode code point offsets in one text.
///
/// Built once per document at output time; each lookup is a binary search over the positions of
/// multi-byte characters, so pure-ASCII text costs nothing.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offsets of every character that is longer than one byte, with its extra length so far.
    multi: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut multi = Vec::new();
        let mut extra = 0usize;
        for (i, c) in text.char_indices() {
            let l = c.len_utf8();
            if l > 1 {
                extra += l - 1;
                multi.push((i, extra));
            }
        }
        CharIndex { multi }
    }

    /// The code point offset of byte offset `byte` (which must be a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Count multi-byte characters that start strictly before `byte`.
        let n = self.multi.partition_point(|&(pos, _)| pos < byte);
        if n == 0 {
            byte
        } else {
            byte - self.multi[n - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_char_counts() {
        let text = "Russia’s “Aleppo” — 東京 😀 ok";
        let idx = CharIndex::new(text);
        for (b, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            assert_eq!(idx.char_offset(b), text[..b].chars().count(), "byte {b}");
        }
    }

    #[test]
    fn trim_removes_outer_space_only() {
        let text = "  a b  ";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!(s.slice(text), "a b");
        assert!(Span::new(0, 2).trim(text).is_empty());
    }

    #[test]
    fn sentence_tokens_selects_by_sentence() {
        let mut d = Document::new("a b. c".into());
        for (i, (s, e)) in [(0, 1), (2, 3), (3, 4), (5, 6)].into_iter().enumerate() {
            d.tokens.push(Token {
                span: Span::new(s, e),
                sentence: usize::from(i == 3),
                upos: None,
                xpos: None,
            });
        }
        assert_eq!(d.sentence_tokens(0).len(), 3);
        assert_eq!(d.sentence_tokens(1).len(), 1);
        assert!(d.sentence_tokens(2).is_empty());
    }
}
