//! Unit tests on short sentences written for these tests.

use crate::bias::with_o_penalty;
use crate::lemma::{derived_base, lemma};
use crate::lexicon::{Category, Lexicon, Source, LEXICON_TSV};
use crate::ptc::{char_to_byte, PtcArticle, TechSpan};
use crate::score::{merge_overlapping, parse_labels, si_score, to_si_tsv, SpanMap};
use crate::tokenize::tokenize;
use crate::tone::ToneLexicon;
use crate::{
    segments, text_lexicon_density, train, Framer, FramingTrainConfig, LabelMode, DENSITY_TIERS,
};

fn hits(text: &str) -> Vec<(String, Category, String)> {
    let toks = tokenize(text);
    Lexicon::embedded()
        .find(text, &toks, None)
        .into_iter()
        .map(|h| (text[h.start..h.end].to_string(), h.category, h.lemma))
        .collect()
}

#[test]
fn lemmas() {
    for (w, l) in [
        ("liberated", "liberate"),
        ("liberating", "liberate"),
        ("liberates", "liberate"),
        ("liberate", "liberate"),
        ("terrorists", "terrorist"),
        ("atrocities", "atrocity"),
        ("slammed", "slam"),
        ("invaded", "invade"),
        ("massacred", "massacre"),
        ("occupied", "occupy"),
        ("occupying", "occupy"),
        ("freed", "free"),
        ("needed", "need"),
        ("attacked", "attack"),
        ("killed", "kill"),
        ("seized", "seize"),
        ("forced", "force"),
        ("crushes", "crush"),
        ("was", "be"),
        ("thieves", "thief"),
        ("freedom-fighters", "freedom-fighter"),
        ("chaos", "chaos"),
    ] {
        assert_eq!(lemma(w), l, "{w}");
    }
    assert_eq!(derived_base("brutally").as_deref(), Some("brutal"));
    assert_eq!(derived_base("heroically").as_deref(), Some("heroic"));
    assert_eq!(derived_base("horribly").as_deref(), Some("horrible"));
    assert_eq!(derived_base("fly"), None);
}

#[test]
fn embedded_lexicon_parses() {
    let lex = Lexicon::parse(LEXICON_TSV).expect("lexicon parses");
    assert!(lex.len() > 500);
    assert_eq!(lex.len(), Lexicon::embedded().len());
    for c in Category::ALL {
        assert!(lex.entries().iter().any(|e| e.category == c), "{c}");
    }
    assert!(Lexicon::parse("word\tnonsense\n").is_err());
}

#[test]
fn every_category() {
    let h = hits("The terrorists were liberated by brutal forces, clearly and reportedly.");
    let cats: Vec<(&str, Category)> = h.iter().map(|(t, c, _)| (t.as_str(), *c)).collect();
    assert_eq!(
        cats,
        vec![
            ("terrorists", Category::Labeling),
            ("liberated", Category::Loaded),
            ("brutal", Category::Evaluative),
            ("clearly", Category::Booster),
            ("reportedly", Category::Hedge),
        ]
    );
    assert_eq!(h[0].2, "terrorist");
    assert_eq!(h[1].2, "liberate");
}

#[test]
fn inflections_and_adverbs() {
    let h = hits("Troops are liberating towns; the army liberates them; it viciously massacred.");
    let lemmas: Vec<&str> = h.iter().map(|(_, _, l)| l.as_str()).collect();
    assert_eq!(lemmas, vec!["liberate", "liberate", "vicious", "massacre"]);
    assert_eq!(h[2].1, Category::Evaluative);
}

#[test]
fn multiword_entries() {
    let h = hits("So-called freedom fighters used human shields, according to officials.");
    let got: Vec<(&str, Category)> = h.iter().map(|(t, c, _)| (t.as_str(), *c)).collect();
    assert_eq!(
        got,
        vec![
            ("So-called", Category::Labeling),
            ("freedom fighters", Category::Labeling),
            ("human shields", Category::Loaded),
            ("according to", Category::Hedge),
        ]
    );
}

#[test]
fn byte_spans_and_proper_nouns() {
    let text = "“Rebels” in Liberation Square — reportedly";
    let toks = tokenize(text);
    let lex = Lexicon::embedded();
    let h = lex.find(text, &toks, None);
    assert_eq!(&text[h[0].start..h[0].end], "Rebels");
    assert_eq!(h[0].source, Source::Lexicon);
    let upos: Vec<&str> = toks
        .iter()
        .map(|&(s, e)| {
            if &text[s..e] == "Liberation" || &text[s..e] == "Square" {
                "PROPN"
            } else {
                "NOUN"
            }
        })
        .collect();
    let with_pos: Vec<&str> = lex
        .find(text, &toks, Some(&upos))
        .iter()
        .map(|h| &text[h.start..h.end])
        .collect();
    assert_eq!(with_pos, vec!["Rebels", "reportedly"]);
    // Out-of-range spans are skipped, not a panic.
    assert!(lex.find("short", &[(0, 99)], None).is_empty());
}

#[test]
fn tokenizer() {
    let t = "Don't stop: U.S. spent $1,000.5 on so-called “aid”.";
    let toks: Vec<&str> = tokenize(t).iter().map(|&(s, e)| &t[s..e]).collect();
    assert_eq!(
        toks,
        vec![
            "Don't",
            "stop",
            ":",
            "U.S",
            ".",
            "spent",
            "$",
            "1,000.5",
            "on",
            "so-called",
            "“",
            "aid",
            "”",
            "."
        ]
    );
}

#[test]
fn tone_arithmetic() {
    let text = "good bad terrible day";
    let toks = tokenize(text);
    let t = ToneLexicon::embedded().tone(text, &toks, None, 5);
    assert_eq!(t.word_count, 4);
    assert_eq!((t.positive_count, t.negative_count), (1, 2));
    assert!((t.positive - 25.0).abs() < 1e-9);
    assert!((t.negative - 50.0).abs() < 1e-9);
    assert!((t.tone + 25.0).abs() < 1e-9);
    assert!((t.polarity - 75.0).abs() < 1e-9);
    assert_eq!(t.activity_density, None);
    assert_eq!(t.top_positive[0].word, "good");
    assert_eq!(t.top_negative[0].word, "bad"); // ties on count: the stronger first
    assert_eq!(t.top_negative[1].spans, vec![(9, 17)]);
    let upos = ["ADJ", "ADJ", "VERB", "NOUN"];
    let t = ToneLexicon::embedded().tone(text, &toks, Some(&upos), 1);
    assert_eq!(t.activity_density, Some(25.0));
    assert_eq!(t.top_negative.len(), 1);
    let empty = crate::tone("", &[], None, 3);
    assert_eq!(empty.word_count, 0);
    assert_eq!(empty.tone, 0.0);
}

fn map(v: &[(&str, usize, usize)]) -> SpanMap {
    let mut m = SpanMap::new();
    for &(id, s, e) in v {
        m.entry(id.to_string()).or_default().push((s, e));
    }
    m
}

#[test]
fn scorer_formula() {
    // Gold: [0,10) and [20,30); prediction [5,25) overlaps both.
    let gold = map(&[("1", 0, 10), ("1", 20, 30)]);
    let pred = map(&[("1", 5, 25)]);
    let s = si_score(&pred, &gold);
    // precision: 5/20 + 5/20 = 0.5 over 1 span; recall: 5/10 + 5/10 = 1.0 over 2 spans.
    assert!((s.precision - 0.5).abs() < 1e-12);
    assert!((s.recall - 0.5).abs() < 1e-12);
    assert!((s.f1 - 0.5).abs() < 1e-12);
    // Overlapping gold spans merge; touching ones do not.
    assert_eq!(
        merge_overlapping(&[(0, 5), (3, 8), (8, 9)]),
        vec![(0, 8), (8, 9)]
    );
    // A predicted article without gold counts as false positives; a missed article lowers recall.
    let gold = map(&[("1", 0, 10), ("2", 0, 4)]);
    let pred = map(&[("1", 0, 10), ("3", 0, 4)]);
    let s = si_score(&pred, &gold);
    assert_eq!((s.predicted, s.gold), (2, 2));
    assert!((s.precision - 0.5).abs() < 1e-12 && (s.recall - 0.5).abs() < 1e-12);
    // No spans at all: F1 = 1 as in the Python scorer.
    assert_eq!(si_score(&SpanMap::new(), &SpanMap::new()).f1, 1.0);
    // Round trip through the SI file format.
    assert_eq!(parse_labels(&to_si_tsv(&gold), &[]), gold);
    let tc = "1\tLoaded_Language\t0\t3\n1\tDoubt\t4\t9\n";
    assert_eq!(parse_labels(tc, &["Loaded_Language"]), map(&[("1", 0, 3)]));
}

fn article(id: &str, text: &str, spans: &[(&str, &str)]) -> PtcArticle {
    let spans = spans
        .iter()
        .filter_map(|&(frag, tech)| {
            let b = text.find(frag)?;
            let s = text[..b].chars().count();
            Some(TechSpan {
                technique: tech.to_string(),
                start: s,
                end: s + frag.chars().count(),
            })
        })
        .collect();
    PtcArticle {
        id: id.to_string(),
        text: text.to_string(),
        spans,
    }
}

#[test]
fn train_tag_and_bias() {
    let a = article(
        "1",
        "Title here\n\nThe corrupt thugs destroyed the town.\nOfficials met on Monday.\n",
        &[
            ("corrupt thugs", "Name_Calling,Labeling"),
            ("destroyed", "Loaded_Language"),
        ],
    );
    let b = article(
        "2",
        "Another title\n\nThose vile traitors wrecked everything.\nThe meeting ended at noon.\n",
        &[
            ("vile traitors", "Name_Calling,Labeling"),
            ("wrecked", "Loaded_Language"),
        ],
    );
    let cfg = FramingTrainConfig {
        epochs: 5,
        min_feature_count: 1,
        o_penalty: 0.0,
        labels: LabelMode::Split,
        ..FramingTrainConfig::default()
    };
    let bytes = train(&[a.clone(), b], &cfg).expect("trains");
    let f = Framer::from_bytes(&bytes).expect("loads");
    assert!(f.has_model());
    let toks = tokenize(&a.text);
    let hits = f.model_hits(&a.text, &toks);
    assert!(hits
        .iter()
        .any(|h| &a.text[h.start..h.end] == "corrupt thugs" && h.category == Category::Labeling));
    // The O penalty produces a model that loads and finds at least as many tokens.
    let biased = with_o_penalty(&bytes, 1000.0).expect("patches");
    let fb = Framer::from_bytes(&biased).expect("biased model loads");
    let covered = |hs: &[crate::Hit]| hs.iter().map(|h| h.end - h.start).sum::<usize>();
    assert!(covered(&fb.model_hits(&a.text, &toks)) >= covered(&hits));
    // Density tiers: a text dense in lexicon words is decoded with less O score, a sparse
    // one with more (here an extreme shift: everything vs nothing).
    assert!(text_lexicon_density(&a.text, &toks) >= DENSITY_TIERS[1]);
    let fs = Framer::with_density_shift(&bytes, 1000.0).expect("loads");
    assert!(covered(&fs.model_hits(&a.text, &toks)) >= covered(&hits));
    let plain = "Officials met on Monday.\nThe meeting ended at noon.\n";
    let ptoks = tokenize(plain);
    assert!(text_lexicon_density(plain, &ptoks) < DENSITY_TIERS[0]);
    assert!(fs.model_hits(plain, &ptoks).is_empty());
    assert!(Framer::with_density_shift(&bytes, 0.0)
        .expect("loads")
        .has_model());
    assert!(with_o_penalty(b"not a model", 1.0).is_none());
    assert!(Framer::from_bytes(b"garbage").is_err());
    // Segments follow lines and sentence ends.
    let segs = segments(&a.text, &toks);
    assert_eq!(segs.len(), 3);
    assert_eq!(char_to_byte("aé").as_slice(), &[0, 1, 3]);
}

#[test]
fn embedded_framer_never_panics() {
    let f = Framer::embedded();
    let text = "Militants shelled the city indiscriminately, officials said.";
    let toks = tokenize(text);
    let all = f.find(text, &toks, None);
    assert!(all
        .iter()
        .any(|h| h.source == Source::Lexicon && h.category == Category::Labeling));
    assert!(f.find("", &[], None).is_empty());
}
