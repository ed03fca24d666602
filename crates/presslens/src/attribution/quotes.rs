//! Quotation marks as they really occur.
//!
//! Handles straight (`"`, `'`), curly (`“ ”`, `‘ ’`), guillemets (`« »`, `‹ ›`) and low-9 marks
//! (`„ “`, `‚ ‘`); misdirected marks (a paragraph that opens with `”`); quotations running over
//! several paragraphs (no closing mark at the end of a paragraph, an opening mark at the start of
//! the next); unbalanced marks, which close at the end of their paragraph so the rest of the
//! article is not derailed; and apostrophes (`Russia’s`, `teachers’`) that are not quotation marks.

use crate::document::{Document, Span};

/// One quotation: its marks and what is between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quotation runs to the end of its paragraph unclosed.
    pub close: Option<Span>,
    /// The quoted text, without the marks (may cross paragraphs).
    pub inner: Span,
    /// Double marks (“ ” « » „ ") rather than single ones (‘ ’ ‹ › ‚ ').
    pub double: bool,
    /// Nested inside another quotation.
    pub nested: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    double: bool,
    role: Role,
}

fn classify(text: &str, pos: usize, c: char, para_start: usize) -> Option<Mark> {
    let prev = text[..pos].chars().next_back();
    let next = text[pos + c.len_utf8()..].chars().next();
    let space_before =
        prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p)) || pos == para_start;
    let space_after = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}—–".contains(n));
    let word_before = prev.is_some_and(char::is_alphanumeric);
    let word_after = next.is_some_and(char::is_alphanumeric);
    let mk = |double: bool, role: Role| {
        Some(Mark {
            pos,
            len: c.len_utf8(),
            double,
            role,
        })
    };
    match c {
        '“' => {
            // Used as a closing mark in „…“ and in some misdirected texts.
            if space_before || !space_after {
                mk(true, Role::Open)
            } else {
                mk(true, Role::Close)
            }
        }
        '”' => {
            // A paragraph opening with ” is a misdirected opening mark.
            if (pos == para_start || space_before) && !space_after {
                mk(true, Role::Open)
            } else {
                mk(true, Role::Close)
            }
        }
        '„' | '«' => mk(true, Role::Open),
        '»' => mk(true, Role::Close),
        '‚' | '‹' => mk(false, Role::Open),
        '›' => mk(false, Role::Close),
        '"' => {
            if space_before && !space_after {
                mk(true, Role::Open)
            } else if space_after && !space_before {
                mk(true, Role::Close)
            } else {
                mk(true, Role::Either)
            }
        }
        '‘' => {
            if word_before && word_after {
                None
            } else {
                mk(false, Role::Open)
            }
        }
        '’' | '\'' => {
            // Apostrophes: inside words (Russia’s, don't), and elisions ('90s, rock 'n').
            if word_before && word_after {
                return None;
            }
            if c == '\'' && space_before && !space_after {
                // 'tis, '90s: an elision when followed by digits.
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    return None;
                }
                return mk(false, Role::Open);
            }
            if word_before && space_after {
                // Either a closing quote or a plural possessive (teachers’): decided by pairing.
                return mk(false, Role::Close);
            }
            if space_before && !space_after && c == '’' {
                // Misdirected opening ’.
                return mk(false, Role::Open);
            }
            if !space_before && space_after {
                return mk(false, Role::Close);
            }
            None
        }
        _ => None,
    }
}

/// Finds the quotations of a document, paragraph by paragraph, with quotations that continue
/// into following paragraphs joined.
pub fn find(doc: &Document) -> Vec<Quote> {
    let text = doc.text();
    let zones = doc.story_zones();
    let mut out = Vec::new();
    // A double quotation left open at the end of the previous zone.
    let mut carry: Option<(Mark, usize)> = None;
    for (zi, z) in zones.iter().enumerate() {
        let marks: Vec<Mark> = z
            .slice(text)
            .char_indices()
            .filter_map(|(i, c)| classify(text, z.start + i, c, z.start))
            .collect();
        let mut pending = carry.take();
        // A continued quotation needs the new paragraph to reopen it.
        if let Some((m, _)) = pending {
            let reopens = marks
                .first()
                .is_some_and(|f| f.pos == z.start && f.double && f.role != Role::Close);
            if !reopens {
                // Unclosed: it ended with its paragraph.
                let prev = zones[zi - 1];
                out.push(Quote {
                    open: Span::new(m.pos, m.pos + m.len),
                    close: None,
                    inner: Span::new(m.pos + m.len, prev.end),
                    double: true,
                    nested: false,
                });
                pending = None;
            }
        }
        let (quotes, left_open) = pair(text, &marks, *z, pending);
        out.extend(quotes);
        carry = left_open.map(|m| (m, zi));
        if zi + 1 == zones.len() {
            if let Some((m, _)) = carry.take() {
                out.push(Quote {
                    open: Span::new(m.pos, m.pos + m.len),
                    close: None,
                    inner: Span::new(m.pos + m.len, z.end),
                    double: true,
                    nested: false,
                });
            }
        }
    }
    out.sort_by_key(|q| (q.open.start, q.inner.end));
    out
}

/// Pairs marks within one zone. `pending` is an opening mark carried from an earlier paragraph
/// (whose continuation mark opens this one). Returns the quotes and a double opening mark left
/// unclosed at the end of the zone.
fn pair(
    text: &str,
    marks: &[Mark],
    zone: Span,
    pending: Option<(Mark, usize)>,
) -> (Vec<Quote>, Option<Mark>) {
    let mut out = Vec::new();
    let mut dstack: Option<Mark> = None; // open double quotation
    let mut sstack: Option<Mark> = None; // open single quotation
    let mut skip_first = false;
    if let Some((m, _)) = pending {
        dstack = Some(m);
        skip_first = true; // the continuation mark itself
    }
    let push = |out: &mut Vec<Quote>, o: Mark, c: Mark, nested: bool| {
        let inner = Span::new(o.pos + o.len, c.pos);
        if !text[inner.start..inner.end].trim().is_empty() {
            out.push(Quote {
                open: Span::new(o.pos, o.pos + o.len),
                close: Some(Span::new(c.pos, c.pos + c.len)),
                inner,
                double: o.double,
                nested,
            });
        }
    };
    for (k, m) in marks.iter().enumerate() {
        if k == 0 && skip_first {
            continue;
        }
        if m.double {
            match (dstack, m.role) {
                (None, Role::Open | Role::Either) => dstack = Some(*m),
                (None, Role::Close) => {
                    // A stray closing mark: ignore it.
                }
                (Some(o), Role::Close | Role::Either) => {
                    push(&mut out, o, *m, false);
                    dstack = None;
                    sstack = None;
                }
                (Some(_), Role::Open) => {
                    // Two openings in a row: the first was stray; start again here.
                    dstack = Some(*m);
                }
            }
        } else {
            match (sstack, m.role) {
                (None, Role::Open | Role::Either) => sstack = Some(*m),
                (None, Role::Close) => {} // apostrophe of a plural possessive, or stray
                (Some(o), Role::Close | Role::Either) => {
                    push(&mut out, o, *m, dstack.is_some());
                    sstack = None;
                }
                (Some(_), Role::Open) => sstack = Some(*m),
            }
        }
    }
    let _ = zone;
    (out, dstack)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{analyze_text, Options};

    fn quotes(text: &str) -> Vec<String> {
        let doc = analyze_text(text, &Options::default());
        find(&doc)
            .iter()
            .map(|q| doc.slice(q.inner).to_string())
            .collect()
    }

    #[test]
    fn curly_straight_single_guillemets_low9() {
        assert_eq!(quotes("He said “We won,” and left."), vec!["We won,"]);
        assert_eq!(quotes("He said \"We won,\" and left."), vec!["We won,"]);
        assert_eq!(
            quotes("A headline with ‘return of security’ to the city"),
            vec!["return of security"]
        );
        assert_eq!(
            quotes("Er sagte «Wir gewinnen» heute."),
            vec!["Wir gewinnen"]
        );
        assert_eq!(
            quotes("Er sagte „Wir gewinnen“ heute."),
            vec!["Wir gewinnen"]
        );
        assert_eq!(quotes("She said 'no way' today."), vec!["no way"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("Russia’s army and the teachers’ union don't agree.").is_empty());
        assert_eq!(
            quotes("Russia’s envoy said “Syria’s future is bright.”"),
            vec!["Syria’s future is bright."]
        );
        assert!(quotes("In the '90s it was different.").is_empty());
    }

    #[test]
    fn misdirected_opening_mark() {
        assert_eq!(
            quotes("Title\n\n”President Assad said victories paved the way,” the agency added."),
            vec!["President Assad said victories paved the way,"]
        );
    }

    #[test]
    fn multi_paragraph_quotation() {
        let q = quotes("Title\n\n“We will rebuild the city. It will take years.\n\n“But we will do it,” the mayor said.\n\nNext paragraph.");
        assert_eq!(q.len(), 1);
        assert!(
            q[0].starts_with("We will rebuild") && q[0].ends_with("do it,"),
            "{q:?}"
        );
    }

    #[test]
    fn unbalanced_marks_do_not_derail() {
        let q = quotes(
            "Title\n\n“This one never closes.\n\nA plain paragraph.\n\nLater “a real quote” here.",
        );
        assert_eq!(q, vec!["This one never closes.", "a real quote"]);
        let q = quotes("Stray ” closing mark. Then “fine” here.");
        assert_eq!(q, vec!["fine"]);
    }

    #[test]
    fn nested_single_inside_double() {
        let doc = analyze_text(
            "He said “they called it ‘a disaster’ yesterday.”",
            &Options::default(),
        );
        let qs = find(&doc);
        assert_eq!(qs.len(), 2);
        assert!(qs
            .iter()
            .any(|q| q.nested && doc.slice(q.inner) == "a disaster"));
    }
}
