//! Readers for labelled corpora: CoNLL-U (Universal Dependencies) and CoNLL-2003-style column
//! files with IOB1 / IOB2 / BIOES entity tags, normalised to BIO.

use std::fs;
use std::io;
use std::path::Path;

/// One word of a CoNLL-U sentence (syntactic words only: multiword-token ranges and empty nodes
/// are skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluWord {
    /// FORM (column 2).
    pub form: String,
    /// UPOS (column 4).
    pub upos: String,
    /// XPOS (column 5; `_` when absent).
    pub xpos: String,
}

/// A CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// `# sent_id = …`, when present.
    pub sent_id: Option<String>,
    /// The words, in order.
    pub words: Vec<ConlluWord>,
}

/// Parses CoNLL-U text. Comment lines are read only for `sent_id`; lines whose ID is a range
/// (`3-4`, a multiword token) or decimal (`8.1`, an empty node) are skipped; lines with fewer
/// than 5 tab-separated columns are ignored.
pub fn parse_conllu(text: &str) -> Vec<ConlluSentence> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.sent_id = None;
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(v) = c.trim_start().strip_prefix("sent_id") {
                if let Some(v) = v.trim_start().strip_prefix('=') {
                    cur.sent_id = Some(v.trim().to_string());
                }
            }
            continue;
        }
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            continue; // ranges `n-m` and empty nodes `n.k`
        }
        let (Some(form), Some(_lemma), Some(upos), Some(xpos)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        cur.words.push(ConlluWord {
            form: form.to_string(),
            upos: upos.to_string(),
            xpos: xpos.to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// Reads a CoNLL-U file (see [`parse_conllu`]).
pub fn read_conllu(path: &Path) -> io::Result<Vec<ConlluSentence>> {
    let text = fs::read_to_string(path)?;
    Ok(parse_conllu(&text))
}

/// Where the token and the tag are in a column file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnFormat {
    /// Column of the token (0-based).
    pub token_col: usize,
    /// Column of the tag (0-based); `None` means the last column.
    pub tag_col: Option<usize>,
    /// Treat lines starting with `"# "` as comments (UNER files); off for CoNLL-2003, where `#`
    /// can be a token.
    pub hash_comments: bool,
}

impl ColumnFormat {
    /// CoNLL-2003 / WikiGold: `token … TAG`, whitespace-separated, tag last.
    pub const CONLL2003: ColumnFormat = ColumnFormat {
        token_col: 0,
        tag_col: None,
        hash_comments: false,
    };
    /// Universal NER: `index TAB token TAB tag TAB …`, with `# sent_id` / `# text` comments.
    pub const UNER: ColumnFormat = ColumnFormat {
        token_col: 1,
        tag_col: Some(2),
        hash_comments: true,
    };
}

/// A tagged sentence from a column file, tags normalised to BIO.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaggedSentence {
    /// Tokens.
    pub tokens: Vec<String>,
    /// BIO tags (`O`, `B-X`, `I-X`), one per token.
    pub tags: Vec<String>,
    /// Index of the document (counting `-DOCSTART-` lines; 0 before the first one).
    pub doc: usize,
}

/// Parses a column file: blank lines end sentences, `-DOCSTART-` lines start documents, tags in
/// IOB1, IOB2/BIO or BIOES are converted to BIO (see [`to_bio`]). Lines with too few columns are
/// skipped. Columns are split on tabs when the line has one, otherwise on whitespace.
pub fn parse_columns(text: &str, fmt: ColumnFormat) -> Vec<TaggedSentence> {
    let mut out = Vec::new();
    let mut cur = TaggedSentence::default();
    let mut doc = 0usize;
    let flush = |cur: &mut TaggedSentence, out: &mut Vec<TaggedSentence>, doc: usize| {
        if !cur.tokens.is_empty() {
            let mut s = std::mem::take(cur);
            s.tags = to_bio(&s.tags);
            s.doc = doc;
            out.push(s);
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut cur, &mut out, doc);
            continue;
        }
        if fmt.hash_comments && line.starts_with("# ") {
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            flush(&mut cur, &mut out, doc);
            doc += 1;
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let tag_col = fmt.tag_col.unwrap_or(cols.len().saturating_sub(1));
        let (Some(tok), Some(tag)) = (cols.get(fmt.token_col), cols.get(tag_col)) else {
            continue;
        };
        if cols.len() < 2 {
            continue;
        }
        cur.tokens.push((*tok).to_string());
        cur.tags.push((*tag).to_string());
    }
    flush(&mut cur, &mut out, doc);
    out
}

/// Reads a column file (see [`parse_columns`]).
pub fn read_columns(path: &Path, fmt: ColumnFormat) -> io::Result<Vec<TaggedSentence>> {
    let text = fs::read_to_string(path)?;
    Ok(parse_columns(&text, fmt))
}

/// Converts IOB1, IOB2 (BIO) or BIOES tags to BIO: an `I-X` that does not continue an `X`
/// entity becomes `B-X`; `S-X` becomes `B-X` and `E-X` becomes `I-X` (or `B-X` if it does not
/// continue one). Anything without a `B-`/`I-`/`E-`/`S-` prefix becomes `O`.
pub fn to_bio<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev_type: Option<String> = None;
    for t in tags {
        let t = t.as_ref();
        let (kind, ty) = match t.split_once('-') {
            Some((k @ ("B" | "I" | "E" | "S"), ty)) if !ty.is_empty() => (k, ty),
            _ => {
                out.push("O".to_string());
                prev_type = None;
                continue;
            }
        };
        let continues = prev_type.as_deref() == Some(ty);
        let bio = match kind {
            "I" | "E" if continues => format!("I-{ty}"),
            _ => format!("B-{ty}"),
        };
        out.push(bio);
        prev_type = if kind == "E" || kind == "S" {
            None
        } else {
            Some(ty.to_string())
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_skips_ranges_and_empty_nodes() {
        let text = "# sent_id = s1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";
        let s = parse_conllu(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].sent_id.as_deref(), Some("s1"));
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", "."]);
        assert_eq!(s[0].words[1].upos, "AUX");
        assert_eq!(s[0].words[1].xpos, "VBP");
        assert_eq!(s[1].words.len(), 1);
        assert_eq!(s[1].sent_id, None);
    }

    #[test]
    fn iob1_to_bio() {
        let t = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"];
        assert_eq!(
            to_bio(&t),
            ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "I-ORG"]
        );
        let bioes = ["S-PER", "B-LOC", "E-LOC", "E-LOC", "O"];
        assert_eq!(to_bio(&bioes), ["B-PER", "B-LOC", "I-LOC", "B-LOC", "O"]);
    }

    #[test]
    fn conll2003_columns() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\
German JJ I-NP I-MISC\n# # I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n\
-DOCSTART- -X- -X- O\n\nX NN O B-ORG\n";
        let s = parse_columns(text, ColumnFormat::CONLL2003);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, ["EU", "rejects", "German", "#"]);
        assert_eq!(s[0].tags, ["B-ORG", "O", "B-MISC", "O"]);
        assert_eq!(s[1].tags, ["B-PER", "I-PER"]);
        assert_eq!((s[0].doc, s[2].doc), (1, 2));
        let uner = "# sent_id = a\n# text = Bob ran\n1\tBob\tB-PER\t-\tx\n2\tran\tO\t-\tx\n";
        let u = parse_columns(uner, ColumnFormat::UNER);
        assert_eq!(u[0].tokens, ["Bob", "ran"]);
        assert_eq!(u[0].tags, ["B-PER", "O"]);
    }
}
