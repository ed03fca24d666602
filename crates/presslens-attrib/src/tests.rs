//! Unit tests (toy data only; no real-data training).

use crate::brat::{char_to_byte, parse_ann};
use crate::corpus::{document, spans_to_tags};
use crate::features::CueLexicon;
use crate::score::AttribScore;
use crate::tokenize::{paragraphs, segment, tokenize};
use crate::train::{train, AttribTrainConfig};
use crate::{group, tags_to_spans, AttribSpan, AttribTagger, Relation, Role, Tag};

fn words<'a>(text: &'a str, toks: &[(usize, usize)]) -> Vec<&'a str> {
    toks.iter().map(|&(a, b)| &text[a..b]).collect()
}

#[test]
fn tokenizer_splits_ptb_style() {
    let t = "Mr. Smith said: “We can’t win, $3.2 million—U.S. style.” (Really?)";
    let toks = tokenize(t);
    assert_eq!(
        words(t, &toks),
        vec![
            "Mr.", "Smith", "said", ":", "“", "We", "ca", "n’t", "win", ",", "$", "3.2", "million",
            "—", "U.S.", "style", ".", "”", "(", "Really", "?", ")"
        ]
    );
    let t2 = "Trump's 1,500 voters, 10:30 a.m. O’Malley’s";
    assert_eq!(
        words(t2, &tokenize(t2)),
        vec![
            "Trump",
            "'s",
            "1,500",
            "voters",
            ",",
            "10:30",
            "a.m.",
            "O’Malley",
            "’s"
        ]
    );
}

#[test]
fn sentences_and_paragraphs() {
    let t = "He said it. “Yes,” she said. Then Mr. Smith left.\n\nNew paragraph here.";
    let toks = tokenize(t);
    let seg = segment(t, &toks);
    let sents: Vec<String> = seg
        .sentences
        .iter()
        .map(|&(a, b)| words(t, &toks[a..b]).join(" "))
        .collect();
    assert_eq!(
        sents,
        vec![
            "He said it .",
            "“ Yes , ” she said .",
            "Then Mr. Smith left .",
            "New paragraph here ."
        ]
    );
    assert_eq!(seg.para_start, vec![true, false, false, true]);
    assert_eq!(paragraphs(t, &toks).len(), 2);
}

#[test]
fn brat_parsing_with_discontinuous_spans() {
    let ann = "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 11;16 20\tfoo bar\nwrapped text line\n\
               T4\tAttribution 3 7\tsaid\nT5\tDiscuss 0 2\tHe\n#1\tAnnotatorNotes T1\tnote\n\
               E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T9\n";
    let d = parse_ann(ann).expect("parses");
    assert_eq!(d.spans.len(), 3);
    assert_eq!(d.spans[2].role, Role::Content);
    assert_eq!(d.spans[2].fragments, vec![(8, 11), (16, 20)]);
    assert_eq!(d.relations.len(), 1);
    assert_eq!(
        d.relations[0].contents,
        vec!["T3".to_string(), "T9".to_string()]
    );
    assert_eq!(d.relations[0].sources, vec!["T1".to_string()]);
    assert!(parse_ann("T1\tCue 5 x\tsaid\n").is_err());
}

#[test]
fn char_offsets_map_to_bytes() {
    let t = "don’t like";
    let m = char_to_byte(t);
    assert_eq!(m.len(), t.chars().count() + 1);
    assert_eq!(&t[m[6]..m[10]], "like");
}

#[test]
fn bio_conversion() {
    // "“Taxes are bad,” he said , ” tokens
    let text = "“Taxes rise,” he said, “and fall.”";
    let ann = "T1\tContent 0 13;22 34\tx\nT2\tSource 14 16\the\nT3\tCue 17 21\tsaid\n";
    let d = document("a", "x", text.to_string(), &parse_ann(ann).expect("ok"));
    let tags: Vec<&str> = d.gold.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        words(text, &d.tokens),
        vec![
            "“", "Taxes", "rise", ",", "”", "he", "said", ",", "“", "and", "fall", ".", "”"
        ]
    );
    assert_eq!(
        tags,
        vec![
            "B-CONTENT",
            "I-CONTENT",
            "I-CONTENT",
            "I-CONTENT",
            "I-CONTENT",
            "B-SOURCE",
            "B-CUE",
            "O",
            "B-CONTENT",
            "I-CONTENT",
            "I-CONTENT",
            "I-CONTENT",
            "I-CONTENT"
        ]
    );
    // Adjacent fragments of one span continue; overlapping spans keep the first.
    let toks = vec![(0, 1), (2, 3), (4, 5), (6, 7)];
    let (tags, conflicts) = spans_to_tags(
        &toks,
        &[
            (Role::Content, vec![(0, 1), (2, 5)]),
            (Role::Source, vec![(4, 7)]),
        ],
    );
    assert_eq!(
        tags,
        vec![
            Tag::B(Role::Content),
            Tag::I(Role::Content),
            Tag::I(Role::Content),
            Tag::B(Role::Source)
        ]
    );
    assert_eq!(conflicts, 1);
}

#[test]
fn spans_from_tags() {
    use Role::*;
    let tags = [
        Tag::B(Source),
        Tag::I(Source),
        Tag::I(Cue),
        Tag::O,
        Tag::B(Content),
        Tag::B(Content),
    ];
    assert_eq!(
        tags_to_spans(&tags),
        vec![
            AttribSpan {
                start: 0,
                end: 2,
                role: Source
            },
            AttribSpan {
                start: 2,
                end: 3,
                role: Cue
            },
            AttribSpan {
                start: 4,
                end: 5,
                role: Content
            },
            AttribSpan {
                start: 5,
                end: 6,
                role: Content
            },
        ]
    );
}

#[test]
fn scorer_on_toy_data() {
    use Role::*;
    let gold = [
        Tag::B(Source),
        Tag::B(Cue),
        Tag::B(Content),
        Tag::I(Content),
        Tag::I(Content),
        Tag::O,
    ];
    let pred = [
        Tag::B(Source),
        Tag::B(Cue),
        Tag::O,
        Tag::B(Content),
        Tag::I(Content),
        Tag::B(Source),
    ];
    let mut s = AttribScore::default();
    s.add_doc(&gold, &pred);
    let src = s.role(Source);
    assert_eq!((src.exact.tp, src.exact.pred, src.exact.gold), (1, 2, 1));
    assert!((src.exact.f1() - 2.0 / 3.0).abs() < 1e-9);
    let cue = s.role(Cue);
    assert_eq!(cue.exact.f1(), 1.0);
    let c = s.role(Content);
    assert_eq!((c.exact.tp, c.exact.pred, c.exact.gold), (0, 1, 1));
    assert_eq!((c.overlap.tp, c.overlap.pred, c.overlap.gold), (2, 2, 3));
    assert!((c.overlap.p() - 1.0).abs() < 1e-9);
    assert!((c.overlap.r() - 2.0 / 3.0).abs() < 1e-9);
    assert!((c.overlap.f1() - 0.8).abs() < 1e-9);
}

#[test]
fn grouping_links_nearest_cue() {
    use Role::*;
    let sp = |start, end, role| AttribSpan { start, end, role };
    // “A,” he said, “B.”   Then: Smith argued that C.   D (no cue)
    let spans = vec![
        sp(0, 3, Content),
        sp(3, 4, Source),
        sp(4, 5, Cue),
        sp(6, 9, Content),
        sp(10, 11, Source),
        sp(11, 12, Cue),
        sp(12, 16, Content),
    ];
    let rels = group(&spans);
    assert_eq!(
        rels,
        vec![
            Relation {
                cue: Some((4, 5)),
                source: Some((3, 4)),
                content: Some((0, 3))
            },
            Relation {
                cue: Some((4, 5)),
                source: Some((3, 4)),
                content: Some((6, 9))
            },
            Relation {
                cue: Some((11, 12)),
                source: Some((10, 11)),
                content: Some((12, 16))
            },
        ]
    );
    let rels = group(&[sp(0, 2, Source), sp(5, 9, Content)]);
    assert_eq!(
        rels,
        vec![Relation {
            cue: None,
            source: Some((0, 2)),
            content: Some((5, 9))
        }]
    );
    assert!(group(&[]).is_empty());
}

#[test]
fn tagger_round_trip_and_bad_input() {
    let text = "Smith said the plan works. Jones said the plan fails.";
    let ann = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 25\tx\n\
               T4\tSource 27 32\tJones\nT5\tCue 33 37\tsaid\nT6\tContent 38 52\tx\n";
    let d = document("a", "x", text.to_string(), &parse_ann(ann).expect("ok"));
    let named = |n: &str| {
        let mut x = d.clone();
        x.name = n.to_string();
        x
    };
    let docs = vec![named("a"), named("b"), named("c")];
    // A single article (fewer articles than folds) trains too.
    let (one, _) = train(
        std::slice::from_ref(&d),
        &AttribTrainConfig {
            epochs1: 1,
            epochs2: 1,
            min_feature_count: 1,
            lexicon_min_cue: 1,
            ..Default::default()
        },
    )
    .expect("trains on one article");
    assert_eq!(one.passes(), 2);
    let cfg = AttribTrainConfig {
        epochs1: 3,
        epochs2: 2,
        folds: 3,
        min_feature_count: 1,
        lexicon_min_cue: 1,
        ..Default::default()
    };
    let (tagger, _) = train(&docs, &cfg).expect("trains");
    assert_eq!(tagger.passes(), 2);
    let bytes = tagger.to_bytes();
    // Deterministic: same data and seed, same bytes.
    let (again, _) = train(&docs, &cfg).expect("trains");
    assert_eq!(again.to_bytes(), bytes);
    // One pass only, and a fully pruned copy, still give one tag per token.
    let toks0 = tokenize(text);
    assert_eq!(tagger.tag_passes(text, &toks0, 1).len(), toks0.len());
    let bare = AttribTagger::from_bytes(&tagger.pruned(u16::MAX).to_bytes()).expect("loads");
    assert_eq!(bare.tag_tags(text, &toks0).len(), toks0.len());
    let back = AttribTagger::from_bytes(&bytes).expect("loads");
    assert_eq!(back.to_bytes(), bytes);
    let toks = tokenize(text);
    let spans = back.tag(text, &toks);
    assert!(spans.iter().any(|s| s.role == Role::Cue && s.start == 1));
    // Whole-article API: grouped spans with byte and char offsets.
    let atts = back.attributions(text);
    assert!(atts.iter().any(|a| a
        .cue
        .is_some_and(|c| &text[c.bytes.0..c.bytes.1] == "said" && c.chars == c.bytes)));
    assert!(back.attributions("").is_empty());
    let uni = "Élodie said “the plan works.”\n\nJones said the plan fails.";
    for a in back.attributions(uni) {
        for sp in a.source.iter().chain(a.cue.iter()).chain(a.contents.iter()) {
            let by = &uni[sp.bytes.0..sp.bytes.1];
            let ch: String = uni
                .chars()
                .skip(sp.chars.0)
                .take(sp.chars.1 - sp.chars.0)
                .collect();
            assert_eq!(by, ch);
        }
    }
    // Token spans outside the text do not panic.
    let _ = back.tag(text, &[(0, 5), (500, 600), (3, 1)]);
    assert!(back.tag(text, &[]).is_empty());
    // Corrupt files are rejected.
    let mut bad = bytes.clone();
    bad[20] ^= 1;
    assert!(AttribTagger::from_bytes(&bad).is_err());
    assert!(AttribTagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(AttribTagger::from_bytes(b"junk").is_err());
}

#[test]
fn lexicon_buckets() {
    let lex = CueLexicon::from_counts([("said", 90, 100), ("the", 5, 1000), ("rare", 1, 1)], 2);
    assert_eq!(lex.bucket("said"), 5);
    assert_eq!(lex.bucket("the"), 0);
    assert_eq!(lex.bucket("rare"), 0);
}
