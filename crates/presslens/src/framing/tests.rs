//! Framing stage tests on short texts written for them, and on the example article.

use super::{FramingCategory, Voice};
use crate::pipeline::{analyze_text, Options};
use crate::Document;

/// `(text, category, voice, target entity name)` of every framing item.
fn items(doc: &Document) -> Vec<(String, &'static str, &'static str, Option<String>)> {
    doc.framing
        .iter()
        .map(|f| {
            let target = f.target.as_ref().map(|t| {
                doc.entities
                    .iter()
                    .find(|e| &e.id == t)
                    .map_or_else(|| t.clone(), |e| e.name.clone())
            });
            (
                doc.slice(f.span).to_string(),
                f.category.as_str(),
                f.voice.as_str(),
                target,
            )
        })
        .collect()
}

fn find<'a>(
    v: &'a [(String, &'static str, &'static str, Option<String>)],
    word: &str,
) -> &'a (String, &'static str, &'static str, Option<String>) {
    v.iter()
        .find(|x| x.0 == word)
        .unwrap_or_else(|| panic!("no framing item {word:?} in {v:#?}"))
}

#[test]
fn narrator_and_quoted_voices() {
    let doc = analyze_text(
        "Army frees city\n\nThe army liberated Aleppo from terrorists on Monday. \
         \"These thugs will be crushed,\" General John Smith said.",
        &Options::default(),
    );
    let v = items(&doc);
    assert_eq!(find(&v, "terrorists").1, "labeling");
    assert_eq!(find(&v, "terrorists").2, "narrator");
    assert_eq!(find(&v, "thugs").2, "quoted");
    assert_eq!(find(&v, "crushed").2, "quoted");
    // The quoted item points at the statement that holds it.
    let thugs = doc
        .framing
        .iter()
        .find(|f| doc.slice(f.span) == "thugs")
        .expect("thugs");
    let a = thugs.attribution.and_then(|i| doc.attributions.get(i));
    assert!(a.is_some_and(|a| a.content.contains(thugs.span)));
    // Narrator items point at none.
    assert!(doc
        .framing
        .iter()
        .filter(|f| f.voice == Voice::Narrator)
        .all(|f| f.attribution.is_none()));
}

#[test]
fn targets_from_syntax() {
    let doc = analyze_text(
        "The army liberated Aleppo on Monday. The militants of the Islamic State fled. \
         The occupation of Crimea continued. The rebels waited.",
        &Options::default(),
    );
    let v = items(&doc);
    assert_eq!(find(&v, "liberated").3.as_deref(), Some("Aleppo"));
    assert_eq!(find(&v, "militants").3.as_deref(), Some("Islamic State"));
    assert_eq!(find(&v, "occupation").3.as_deref(), Some("Crimea"));
    // No syntax names the rebels: no target rather than a guess.
    assert_eq!(find(&v, "rebels").3, None);
}

#[test]
fn every_category() {
    let doc = analyze_text(
        "Clearly, the brutal forces reportedly massacred the rebels, whom officials called \
         \"freedom lovers\". The so-called ceasefire failed.",
        &Options::default(),
    );
    let v = items(&doc);
    assert_eq!(find(&v, "Clearly").1, "booster");
    assert_eq!(find(&v, "brutal").1, "evaluative");
    assert_eq!(find(&v, "reportedly").1, "hedge");
    assert_eq!(find(&v, "massacred").1, "loaded");
    assert_eq!(find(&v, "rebels").1, "labeling");
    for words in ["freedom lovers", "ceasefire"] {
        assert!(
            v.iter().any(|x| x.0 == words && x.1 == "distancing"),
            "{words}: {v:#?}"
        );
    }
    // "so-called" is represented by the distancing item, not also as a label.
    assert!(!v.iter().any(|x| x.0 == "so-called"), "{v:#?}");
    for c in FramingCategory::ALL {
        assert!(v.iter().any(|x| x.1 == c.as_str()), "{c:?}: {v:#?}");
        assert_eq!(FramingCategory::parse(c.as_str()), Some(c));
    }
}

#[test]
fn words_that_only_look_like_framing_are_left_out() {
    let doc = analyze_text(
        "Troops were clearing the roads. According to the ministry, 30 people left.",
        &Options::default(),
    );
    let v = items(&doc);
    assert!(!v.iter().any(|x| x.0 == "clearing"), "{v:#?}");
    assert!(!v.iter().any(|x| x.0 == "According to"), "{v:#?}");
}

#[test]
fn tone_block_counts_words() {
    let doc = analyze_text(
        "A terrible, terrible war\n\nThe war killed many. Peace came.",
        &Options::default(),
    );
    let t = doc.tone.as_ref().expect("tone");
    assert!(t.word_count >= 9, "{t:?}");
    assert!(t.negative > t.positive, "{t:?}");
    assert!((t.tone - (t.positive - t.negative)).abs() < 1e-9);
    // Most frequent first, then strongest: "war" (-2.9) before "terrible" (-2.5), both twice.
    let top: Vec<(&str, usize)> = t
        .top_negative
        .iter()
        .map(|w| (w.word.as_str(), w.count))
        .collect();
    assert_eq!(
        top.get(..2),
        Some(&[("war", 2), ("terrible", 2)][..]),
        "{top:?}"
    );
}

#[test]
fn empty_and_odd_texts_do_not_panic() {
    for text in [
        "",
        "\"",
        "so-called",
        "“liberate",
        "...\n\n\"\"\"",
        "Ünïcödé — “x”",
    ] {
        let doc = analyze_text(text, &Options::default());
        for f in &doc.framing {
            assert!(f.span.end <= doc.text().len());
        }
    }
}

#[test]
fn example_article() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/rt-2016-12-24-assad-thanks-putin-aleppo.txt");
    let text = std::fs::read_to_string(path).expect("example article");
    let doc = analyze_text(&text, &Options::default());
    let v = items(&doc);
    let narrator = |word: &str, cat: &str| {
        v.iter()
            .filter(|x| x.0.eq_ignore_ascii_case(word) && x.1 == cat && x.2 == "narrator")
            .count()
    };
    // "liberate" in the title and "liberate/liberating/liberated" in the body.
    assert!(narrator("liberate", "loaded") >= 2, "{v:#?}");
    assert!(narrator("liberating", "loaded") >= 1, "{v:#?}");
    assert!(narrator("liberated", "loaded") >= 1, "{v:#?}");
    let title = doc.meta.title.expect("title");
    let t = doc
        .framing
        .iter()
        .find(|f| title.contains(f.span) && doc.slice(f.span) == "liberate")
        .expect("liberate in the title");
    assert_eq!(t.voice, Voice::Narrator);
    let aleppo = doc.entities.iter().find(|e| e.name == "Aleppo").expect("e");
    assert_eq!(t.target.as_deref(), Some(aleppo.id.as_str()));
    assert!(narrator("terrorists", "labeling") >= 1, "{v:#?}");
    for label in ["militants", "jihadists", "rebels", "armed groups"] {
        assert!(
            v.iter().any(|x| x.0 == label && x.1 == "labeling"),
            "{label}"
        );
    }
    assert!(v
        .iter()
        .any(|x| x.0 == "terrorist elements" && x.1 == "labeling"));
    assert!(v
        .iter()
        .any(|x| x.0 == "anti-government fighters" && x.1 == "labeling"));
    assert_eq!(find(&v, "indiscriminately").1, "evaluative");
    let mo = doc
        .framing
        .iter()
        .find(|f| doc.slice(f.span) == "moderate opposition")
        .expect("moderate opposition");
    assert_eq!(mo.category, FramingCategory::Distancing);
    assert!(
        mo.note
            .as_deref()
            .is_some_and(|n| n.contains("United States")),
        "{mo:?}"
    );
    // SANA's statement says "liberating": reported, not the outlet's own word.
    assert!(v
        .iter()
        .any(|x| x.0 == "liberating" && x.2 == "quoted" && x.3.as_deref() == Some("Aleppo")));
}
