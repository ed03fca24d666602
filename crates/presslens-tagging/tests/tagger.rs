//! End-to-end tests on small synthetic data (fast: no real corpus is read).

use presslens_tagging::{
    train_sequences, AllowedTransitions, Constraints, Model, ModelError, PosTagger, Scratch,
    TrainConfig, TrainSentence, WordClusters,
};
use std::sync::Arc;

fn sent(pairs: &[(&str, &str)]) -> TrainSentence {
    TrainSentence {
        words: pairs.iter().map(|p| p.0.to_string()).collect(),
        labels: pairs.iter().map(|p| p.1.to_string()).collect(),
        ..Default::default()
    }
}

/// A toy language: determiners, nouns, verbs, with "can" and "fish" ambiguous by position.
fn toy() -> Vec<TrainSentence> {
    let dets = ["the", "a", "every"];
    let nouns = ["dog", "cat", "fish", "can", "bird"];
    let verbs = ["sees", "likes", "can", "fish", "eats"];
    let mut out = Vec::new();
    for (i, d) in dets.iter().enumerate() {
        for (j, n) in nouns.iter().enumerate() {
            let v = verbs[(i + j) % verbs.len()];
            let n2 = nouns[(i * 2 + j + 1) % nouns.len()];
            out.push(sent(&[
                (d, "DET|DT"),
                (n, "NOUN|NN"),
                (v, "VERB|VBZ"),
                (d, "DET|DT"),
                (n2, "NOUN|NN"),
                (".", "PUNCT|."),
            ]));
        }
    }
    out
}

fn cfg() -> TrainConfig {
    TrainConfig {
        epochs: 8,
        ..TrainConfig::default()
    }
}

fn tags(m: &Model, words: &[&str]) -> Vec<String> {
    m.tag(words)
        .into_iter()
        .map(|t| m.labels()[t as usize].clone())
        .collect()
}

#[test]
fn learns_toy_data() {
    let data = toy();
    let (m, report) = train_sequences(&data, Some(&data), &cfg()).expect("train");
    assert_eq!(report.dev_acc, Some(1.0));
    assert_eq!(
        tags(&m, &["the", "fish", "can", "a", "can", "."]),
        ["DET|DT", "NOUN|NN", "VERB|VBZ", "DET|DT", "NOUN|NN", "PUNCT|."]
    );
    // Unseen word in a noun slot.
    assert_eq!(tags(&m, &["every", "zebra"])[1], "NOUN|NN");
    assert!(m.tag(&[]).is_empty());
}

#[test]
fn training_is_deterministic() {
    let data = toy();
    let c = TrainConfig {
        clusters: Some(Arc::new(WordClusters::parse("00\tdog\n01\tcat\n1\tsees\n"))),
        lexicon_min_count: 2,
        ..cfg()
    };
    let (a, _) = train_sequences(&data, None, &c).expect("train");
    let (b, _) = train_sequences(&data, None, &c).expect("train");
    assert_eq!(a.to_bytes(), b.to_bytes());
    let (d, _) = train_sequences(&data, None, &TrainConfig { seed: 99, ..c }).expect("train");
    assert_eq!(d.labels(), a.labels());
}

#[test]
fn model_round_trip() {
    let data = toy();
    let c = TrainConfig {
        clusters: Some(Arc::new(WordClusters::parse("00\tdog\n01\tcat\n1\tsees\n"))),
        lexicon_min_count: 2,
        ..cfg()
    };
    let (m, _) = train_sequences(&data, None, &c).expect("train");
    let bytes = m.to_bytes();
    let m2 = Model::from_bytes(&bytes).expect("load");
    assert_eq!(m2.to_bytes(), bytes);
    for s in &data {
        let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
        assert_eq!(m.tag(&w), m2.tag(&w));
    }
    // The POS wrapper splits labels and reads the same bytes.
    let p = PosTagger::from_bytes(&bytes).expect("pos");
    assert_eq!(p.tag(&["the", "dog"]), [("DET", "DT"), ("NOUN", "NN")]);
    let mut scratch = Scratch::new();
    let mut ids = Vec::new();
    p.tag_ids(&["a", "cat", "sees"], &mut scratch, &mut ids);
    assert_eq!(p.xpos(ids[2]), "VBZ");
}

#[test]
fn corrupt_models_are_rejected() {
    let (m, _) = train_sequences(&toy(), None, &cfg()).expect("train");
    let bytes = m.to_bytes();
    assert_eq!(
        Model::from_bytes(b"nope").unwrap_err(),
        ModelError::BadMagic
    );
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    for i in (8..bytes.len()).step_by(bytes.len() / 50 + 1) {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        assert!(Model::from_bytes(&b).is_err(), "flipped byte {i} accepted");
    }
    let mut b = bytes.clone();
    b[8] = 99; // version
    assert!(matches!(
        Model::from_bytes(&b),
        Err(ModelError::UnsupportedVersion(_))
    ));
}

#[test]
fn extra_features_are_used() {
    // The label depends only on a caller-supplied feature.
    let mut data = Vec::new();
    for i in 0..40 {
        let words: Vec<String> = (0..4)
            .map(|j| format!("w{}", (i * 7 + j * 3) % 11))
            .collect();
        let flags: Vec<bool> = (0..4).map(|j| (i + j) % 3 == 0).collect();
        data.push(TrainSentence {
            labels: flags
                .iter()
                .map(|&f| if f { "B-LOC" } else { "O" }.to_string())
                .collect(),
            extra: Some(
                flags
                    .iter()
                    .map(|&f| {
                        if f {
                            vec!["gaz=city".to_string()]
                        } else {
                            vec![]
                        }
                    })
                    .collect(),
            ),
            words,
            domain: 0,
        });
    }
    let c = TrainConfig {
        constraints: Constraints::Bio,
        ..cfg()
    };
    let (m, report) = train_sequences(&data, Some(&data), &c).expect("train");
    assert_eq!(report.dev_acc, Some(1.0));
    let t = m.tag_with_extra(&["w1", "w2"], &[vec!["gaz=city"], vec![]]);
    assert_eq!(m.labels()[t[0] as usize], "B-LOC");
    assert_eq!(m.labels()[t[1] as usize], "O");
}

#[test]
fn bio_constraints_hold() {
    let mut data = Vec::new();
    for i in 0..30 {
        let name = ["Paris", "Rome", "Oslo"][i % 3];
        data.push(sent(&[
            ("in", "O"),
            (name, "B-LOC"),
            ("City", "I-LOC"),
            ("today", "O"),
        ]));
        data.push(sent(&[("City", "O"), ("hall", "O")]));
    }
    let c = TrainConfig {
        constraints: Constraints::Bio,
        ..cfg()
    };
    let (m, _) = train_sequences(&data, None, &c).expect("train");
    let allowed = AllowedTransitions::bio(m.labels());
    for words in [
        vec!["City", "City", "City"],
        vec!["today", "City"],
        vec!["City"],
        vec!["in", "Oslo", "City", "City", "hall"],
    ] {
        let t = m.tag(&words);
        assert!(allowed.start[t[0] as usize], "{words:?}");
        for w in t.windows(2) {
            let l = m.labels().len();
            assert!(
                allowed.pairs[w[0] as usize * l + w[1] as usize],
                "{words:?}"
            );
        }
    }
}

#[test]
fn tagging_long_and_odd_input_does_not_panic() {
    let (m, _) = train_sequences(&toy(), None, &cfg()).expect("train");
    let long: Vec<&str> = (0..5000)
        .map(|i| ["the", "dog", "sees", "ÄÖÜ", "", "🙂"][i % 6])
        .collect();
    assert_eq!(m.tag(&long).len(), 5000);
}
