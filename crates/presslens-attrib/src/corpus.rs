//! PolNeAR documents: text, tokens and gold BIO tags from one annotator's `.ann` file.

use std::fs;
use std::path::Path;

use crate::brat::{char_to_byte, parse_ann, BratDoc};
use crate::tokenize::tokenize;
use crate::{AttribError, Role, Tag};

/// Which annotation files of an article to use when an article has several annotators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotatorPolicy {
    /// Only the alphabetically first annotator's file.
    First,
    /// Every file, each as its own document.
    All,
}

/// One annotated article (one annotator's view of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Article name (the text file's stem).
    pub name: String,
    /// Annotator id (the `.ann` file name's suffix).
    pub annotator: String,
    /// The article text.
    pub text: String,
    /// Token byte spans.
    pub tokens: Vec<(usize, usize)>,
    /// One gold tag per token.
    pub gold: Vec<Tag>,
    /// Tokens claimed by two annotations (the first one in file order keeps the token).
    pub conflicts: usize,
}

/// Converts annotated spans to one BIO tag per token.
///
/// `spans` are `(role, fragments)` with byte offsets into the text the tokens come from. A token
/// belongs to a fragment when their byte ranges overlap. The first token of a fragment gets
/// `B`, except that a fragment directly continuing the previous fragment of the same span (no
/// token between them) continues with `I`. A token already tagged keeps its tag (PolNeAR is
/// univocal; the few overlaps are annotation slips); the count of such tokens is returned too.
pub fn spans_to_tags(
    tokens: &[(usize, usize)],
    spans: &[(Role, Vec<(usize, usize)>)],
) -> (Vec<Tag>, usize) {
    let mut tags = vec![Tag::O; tokens.len()];
    let mut owner = vec![usize::MAX; tokens.len()];
    let mut conflicts = 0usize;
    for (k, (role, frags)) in spans.iter().enumerate() {
        for &(a, b) in frags {
            if b <= a {
                continue;
            }
            // first token whose end > a
            let first = tokens.partition_point(|t| t.1 <= a);
            let mut i = first;
            while i < tokens.len() && tokens[i].0 < b {
                if owner[i] != usize::MAX {
                    if owner[i] != k {
                        conflicts += 1;
                    }
                } else {
                    let cont = i > 0 && owner[i - 1] == k;
                    tags[i] = if cont { Tag::I(*role) } else { Tag::B(*role) };
                    owner[i] = k;
                }
                i += 1;
            }
        }
    }
    (tags, conflicts)
}

/// Builds a [`Document`] from an article text and one parsed annotation file.
pub fn document(name: &str, annotator: &str, text: String, ann: &BratDoc) -> Document {
    let map = char_to_byte(&text);
    let conv = |c: usize| map.get(c).copied().unwrap_or(text.len());
    let spans: Vec<(Role, Vec<(usize, usize)>)> = ann
        .spans
        .iter()
        .map(|s| {
            (
                s.role,
                s.fragments
                    .iter()
                    .map(|&(a, b)| (conv(a), conv(b)))
                    .collect(),
            )
        })
        .collect();
    let tokens = tokenize(&text);
    let (gold, conflicts) = spans_to_tags(&tokens, &spans);
    Document {
        name: name.to_string(),
        annotator: annotator.to_string(),
        text,
        tokens,
        gold,
        conflicts,
    }
}

/// Loads a PolNeAR split directory (`<dir>/text/*.txt`, `<dir>/attributions/<article>_<annotator>.ann`).
/// Articles are in name order; an article without annotation file is skipped.
pub fn load_dir(dir: &Path, policy: AnnotatorPolicy) -> Result<Vec<Document>, AttribError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let io = |p: &Path, e: std::io::Error| AttribError::Io(format!("{}: {e}", p.display()));
    let mut names: Vec<String> = fs::read_dir(&text_dir)
        .map_err(|e| io(&text_dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let mut anns: Vec<String> = fs::read_dir(&ann_dir)
        .map_err(|e| io(&ann_dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut docs = Vec::new();
    for name in &names {
        let prefix = format!("{name}_");
        let mine: Vec<&String> = anns
            .iter()
            .filter(|a| {
                a.strip_prefix(&prefix)
                    .and_then(|r| r.strip_suffix(".ann"))
                    .is_some_and(|ann| !ann.contains('_'))
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let tp = text_dir.join(format!("{name}.txt"));
        let text = fs::read_to_string(&tp).map_err(|e| io(&tp, e))?;
        let take = match policy {
            AnnotatorPolicy::First => 1,
            AnnotatorPolicy::All => mine.len(),
        };
        for a in mine.into_iter().take(take) {
            let ap = ann_dir.join(a);
            let src = fs::read_to_string(&ap).map_err(|e| io(&ap, e))?;
            let ann = parse_ann(&src)?;
            let annotator = &a[prefix.len()..a.len() - 4];
            docs.push(document(name, annotator, text.clone(), &ann));
        }
    }
    if docs.is_empty() {
        return Err(AttribError::Format(format!(
            "no annotated articles in {}",
            dir.display()
        )));
    }
    Ok(docs)
}
