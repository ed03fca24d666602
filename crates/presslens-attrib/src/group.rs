//! Grouping tagged spans into attribution relations.

use crate::{AttribSpan, Role};

/// One attribution relation: token ranges `(start, end)` (end exclusive) of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Relation {
    /// The cue, if any.
    pub cue: Option<(usize, usize)>,
    /// The source, if any.
    pub source: Option<(usize, usize)>,
    /// The content, if any.
    pub content: Option<(usize, usize)>,
}

/// Token gap between two spans (0 when adjacent or overlapping).
fn gap(a: &AttribSpan, b: &AttribSpan) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Groups the spans of one window into relations, nearest cue first.
///
/// Every cue starts a relation. Each source joins its nearest cue (by token gap; on a tie, the
/// cue after it); a cue keeps only its nearest source, and other sources become relations of
/// their own. Each content joins its nearest cue (on a tie, the cue before it); when a cue gets
/// several contents (e.g. `"A," he said, "B."`), the first is its relation's content and each
/// further content makes another relation with the same cue and source. Contents with no cue in
/// the window become cue-less relations (with the nearest unclaimed source before them, if
/// any). Relations are returned in order of their first token.
pub fn group(spans: &[AttribSpan]) -> Vec<Relation> {
    let cues: Vec<&AttribSpan> = spans.iter().filter(|s| s.role == Role::Cue).collect();
    let mut src_of: Vec<Option<(usize, &AttribSpan)>> = vec![None; cues.len()];
    let mut contents_of: Vec<Vec<&AttribSpan>> = vec![Vec::new(); cues.len()];
    let mut loose_sources: Vec<&AttribSpan> = Vec::new();
    let mut loose_contents: Vec<&AttribSpan> = Vec::new();
    // Nearest cue by (gap, direction): `prefer_after` prefers a cue that starts after the span.
    let nearest = |s: &AttribSpan, prefer_after: bool| -> Option<usize> {
        cues.iter()
            .enumerate()
            .min_by_key(|(k, c)| {
                let after = c.start > s.start;
                (gap(s, c), usize::from(after != prefer_after), *k)
            })
            .map(|(k, _)| k)
    };
    for s in spans {
        match s.role {
            Role::Source => match nearest(s, true) {
                Some(k) => {
                    let g = gap(s, cues[k]);
                    match src_of[k] {
                        Some((og, _)) if og <= g => loose_sources.push(s),
                        Some((_, old)) => {
                            loose_sources.push(old);
                            src_of[k] = Some((g, s));
                        }
                        None => src_of[k] = Some((g, s)),
                    }
                }
                None => loose_sources.push(s),
            },
            Role::Content => match nearest(s, false) {
                Some(k) => contents_of[k].push(s),
                None => loose_contents.push(s),
            },
            Role::Cue => {}
        }
    }
    let r = |s: &AttribSpan| (s.start, s.end);
    let mut out: Vec<Relation> = Vec::new();
    for (k, c) in cues.iter().enumerate() {
        let source = src_of[k].map(|(_, s)| r(s));
        if contents_of[k].is_empty() {
            out.push(Relation {
                cue: Some(r(c)),
                source,
                content: None,
            });
        }
        for ct in &contents_of[k] {
            out.push(Relation {
                cue: Some(r(c)),
                source,
                content: Some(r(ct)),
            });
        }
    }
    loose_sources.sort();
    let mut used = vec![false; loose_sources.len()];
    for ct in &loose_contents {
        let pick = loose_sources
            .iter()
            .enumerate()
            .filter(|(i, s)| !used[*i] && s.end <= ct.start)
            .max_by_key(|(_, s)| s.end)
            .map(|(i, _)| i);
        let source = pick.map(|i| {
            used[i] = true;
            r(loose_sources[i])
        });
        out.push(Relation {
            cue: None,
            source,
            content: Some(r(ct)),
        });
    }
    for (i, s) in loose_sources.iter().enumerate() {
        if !used[i] {
            out.push(Relation {
                cue: None,
                source: Some(r(s)),
                content: None,
            });
        }
    }
    let first = |x: &Relation| {
        [x.cue, x.source, x.content]
            .iter()
            .flatten()
            .map(|p| p.0)
            .min()
            .unwrap_or(usize::MAX)
    };
    out.sort_by_key(|x| (first(x), x.cue, x.content));
    out
}
