use super::*;
use crate::features::bio_index;
use crate::train::{train_ner, NerTrainConfig};

fn tags(ls: &[&str]) -> Vec<u16> {
    ls.iter().map(|l| bio_index(l) as u16).collect()
}

#[test]
fn country_lookups() {
    assert_eq!(country_of("Syrian"), Some(("SY", "Syria")));
    assert_eq!(country_of("Russia"), Some(("RU", "Russia")));
    assert_eq!(country_of("U.S."), Some(("US", "United States")));
    assert_eq!(country_of("germans"), Some(("DE", "Germany")));
    assert_eq!(country_of(" the UK "), Some(("GB", "United Kingdom")));
    assert_eq!(country_of("Andorra").map(|c| c.0), Some("AD"));
    assert_eq!(country_of("Narnia"), None);
    assert_eq!(country_of(""), None);
}

#[test]
fn gazetteer_round_trip_and_matching() {
    let g = Gazetteer::from_entries(Gazetteer::builtin_entries().into_iter().chain([
        ("New York".to_string(), gazetteer::CAT_CITY_BIG),
        ("New York City".to_string(), gazetteer::CAT_CITY_BIG),
    ]));
    let b = g.to_bytes();
    let g2 = Gazetteer::from_bytes(&b).unwrap();
    assert_eq!(g2.len(), g.len());
    let toks = [
        "He",
        "flew",
        "to",
        "New",
        "York",
        "City",
        "with",
        "Syrian",
        "officials",
    ];
    let m = g2.matches(&toks);
    assert!(m
        .iter()
        .any(|x| x.start == 3 && x.end == 6 && x.cats & gazetteer::CAT_CITY_BIG != 0));
    assert!(m.iter().any(|x| x.start == 3 && x.end == 5));
    assert!(m
        .iter()
        .any(|x| x.start == 7 && x.cats & gazetteer::CAT_DEMONYM != 0));
    // Lower-case words do not match capitalised-name lists.
    assert!(g2.matches(&["syrian"]).is_empty());
    assert!(g2.lookup("Inc.") & gazetteer::CAT_ORG_SUFFIX != 0);
    // Corrupt bytes are rejected, never panic.
    assert!(Gazetteer::from_bytes(&b[..b.len() - 3]).is_err());
    assert!(Gazetteer::from_bytes(b"").is_err());
    let mut bad = b.clone();
    bad[12] ^= 0xFF;
    assert!(Gazetteer::from_bytes(&bad).is_err());
}

#[test]
fn bio_decoding() {
    let t = tags(&[
        "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-MISC",
    ]);
    assert_eq!(
        bio_to_spans(&t),
        vec![(0, 2, 1), (3, 5, 3), (5, 6, 2), (6, 7, 2), (7, 8, 4)]
    );
    assert!(bio_to_spans(&[]).is_empty());
    assert_eq!(bio_to_spans(&tags(&["I-PER"])), vec![(0, 1, 1)]);
}

#[test]
fn consistency_rule() {
    let doc: Vec<Vec<&str>> = vec![
        vec!["John", "Smith", "met", "Jordan", "."],
        vec!["Smith", "said", "Jordan", "won", "."],
        vec!["Jordan", "replied", "."],
    ];
    // "Jordan" is LOC twice and ORG once; "Smith" alone was tagged ORG.
    let mut spans = vec![
        vec![(0, 2, 1), (3, 4, 3)],
        vec![(0, 1, 2), (2, 3, 3)],
        vec![(0, 1, 2)],
    ];
    document_consistency(&doc, &mut spans);
    assert_eq!(spans[1][0], (0, 1, 1));
    assert_eq!(spans[2][0], (0, 1, 3));
    assert_eq!(spans[0][1], (3, 4, 3));
}

fn synthetic_docs() -> Vec<Document> {
    let people = ["Alice Brown", "Bob Jones", "Carol White", "Dan Green"];
    let places = ["Paris", "Berlin", "Madrid", "Rome"];
    let orgs = ["Acme Corp", "Globex Inc", "Initech Ltd"];
    let mut docs = Vec::new();
    for d in 0..12 {
        let mut sents = Vec::new();
        for k in 0..4 {
            let p = people[(d + k) % people.len()];
            let l = places[(d * 3 + k) % places.len()];
            let o = orgs[(d + 2 * k) % orgs.len()];
            let mut words = Vec::new();
            let mut labels = Vec::new();
            let mut push = |text: &str, ty: Option<&str>| {
                for (i, w) in text.split(' ').enumerate() {
                    words.push(w.to_string());
                    labels.push(match ty {
                        None => "O".to_string(),
                        Some(t) => format!("{}-{t}", if i == 0 { "B" } else { "I" }),
                    });
                }
            };
            push(p, Some("PER"));
            push("of", None);
            push(o, Some("ORG"));
            push("visited", None);
            push(l, Some("LOC"));
            push("with", None);
            push("German", Some("MISC"));
            push("friends .", None);
            sents.push(LabeledSentence { words, labels });
        }
        docs.push(Document {
            sentences: sents,
            domain: (d % 2) as u16,
        });
    }
    docs
}

#[test]
fn tiny_training_run_is_deterministic_and_tags() {
    let docs = synthetic_docs();
    let gaz = Gazetteer::from_entries(Gazetteer::builtin_entries());
    let cfg = NerTrainConfig {
        epochs: 3,
        folds: 2,
        ..NerTrainConfig::default()
    };
    let (mem, bytes, _) = train_ner(&docs, &gaz, &cfg).unwrap();
    let (_, bytes2, _) = train_ner(
        &docs,
        &gaz,
        &NerTrainConfig {
            parallel: false,
            ..cfg.clone()
        },
    )
    .unwrap();
    assert_eq!(bytes, bytes2, "training must be deterministic");
    let rec = Recognizer::from_bytes(&bytes, &gaz.to_bytes()).unwrap();
    for d in &docs {
        let toks: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(mem.recognize(&toks), rec.recognize(&toks));
    }
    let doc = vec![vec![
        "Bob", "Jones", "of", "Acme", "Corp", "visited", "Paris", "with", "German", "friends", ".",
    ]];
    let out = rec.recognize(&doc);
    assert!(out[0].contains(&EntitySpan {
        start: 0,
        end: 2,
        label: EntityType::Person
    }));
    assert!(out[0].contains(&EntitySpan {
        start: 6,
        end: 7,
        label: EntityType::Gpe
    }));
    assert!(out[0].contains(&EntitySpan {
        start: 8,
        end: 9,
        label: EntityType::Norp
    }));
    let rep = eval::evaluate(&rec, &docs);
    assert!(rep.micro.f1() > 0.9, "{rep:?}");
}

#[test]
fn never_panics_on_odd_input() {
    let docs = synthetic_docs();
    let gaz = Gazetteer::from_entries(Gazetteer::builtin_entries());
    let cfg = NerTrainConfig {
        epochs: 1,
        folds: 0,
        ..NerTrainConfig::default()
    };
    let (rec, bytes, _) = train_ner(&docs, &gaz, &cfg).unwrap();
    assert!(rec.recognize(&[]).is_empty());
    let out = rec.recognize(&[vec![], vec![""], vec!["\u{0}", " ", "ÉÉ", "🙂", "U.S.-led"]]);
    assert_eq!(out.len(), 3);
    assert!(out[0].is_empty());
    let long: Vec<&str> = std::iter::repeat_n("Paris", 2000).collect();
    let out = rec.recognize(&[long]);
    assert!(out[0].iter().all(|s| s.start < s.end && s.end <= 2000));
    // Bad model bytes are errors.
    let g = gaz.to_bytes();
    assert!(Recognizer::from_bytes(&[], &g).is_err());
    assert!(Recognizer::from_bytes(&bytes[..bytes.len() / 2], &g).is_err());
    assert!(Recognizer::from_bytes(&bytes, &[1, 2, 3]).is_err());
    assert!(Recognizer::from_bytes(b"PLNER001\xff\xff\xff\xff", &g).is_err());
}

#[test]
fn entity_type_names() {
    let names: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        names,
        ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "MISC"]
    );
    assert_eq!(EntityType::Fac.conll(), "LOC");
    assert_eq!(EntityType::Norp.conll(), "MISC");
}

#[test]
fn gum_reader_keeps_proper_names() {
    let text = "# sent_id = x-1\n\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-organization-new-x-cf1-1-coref-X\n\
2\tRed\tRed\tPROPN\tNNP\t_\t0\troot\t_\t_\n\
3\tCross\tCross\tPROPN\tNNP\t_\t2\tflat\t_\tEntity=1)\n\
4\thelped\thelp\tVERB\tVBD\t_\t2\tdep\t_\t_\n\
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-person-new-x-cf1-1-sgl\n\
6\tchildren\tchild\tNOUN\tNNS\t_\t4\tobj\t_\tEntity=2)\n\
7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n\
8\tParis\tParis\tPROPN\tNNP\t_\t4\tobl\t_\tEntity=(3-place-new-x-cf1-1-sgl)\n\n";
    let d = parse_gum(text, 3);
    assert_eq!(
        d.sentences[0].labels,
        ["O", "B-ORG", "I-ORG", "O", "O", "O", "O", "B-LOC"]
    );
}

#[test]
fn o_dictionary_holds_frequent_lowercase_words_never_in_names() {
    let mut docs = synthetic_docs();
    // "of" inside a name once: it is no longer a dictionary word.
    docs.push(Document {
        sentences: vec![LabeledSentence {
            words: ["Bank", "of", "Rome", "said", "so", "."]
                .map(String::from)
                .to_vec(),
            labels: ["B-ORG", "I-ORG", "I-ORG", "O", "O", "O"]
                .map(String::from)
                .to_vec(),
        }],
        domain: 0,
    });
    let dict = train::o_dictionary(&docs, 10, 1.0);
    assert_eq!(dict, vec![".", "friends", "visited", "with"]);
    // A lower share lets "of" back in (48 of 49 occurrences are outside names).
    assert!(train::o_dictionary(&docs, 10, 0.97).contains(&"of".to_string()));
    // Rare words stay out.
    assert!(!train::o_dictionary(&docs, 10, 1.0).contains(&"said".to_string()));

    // Attaching the dictionary to a model trained without one gives the bytes of training
    // with it, and the dictionary does not change what is found on this text.
    let gaz = Gazetteer::from_entries(Gazetteer::builtin_entries());
    let cfg = NerTrainConfig {
        epochs: 2,
        folds: 2,
        ..NerTrainConfig::default()
    };
    let (_, with, _) = train_ner(&docs, &gaz, &cfg).unwrap();
    let (_, without, _) = train_ner(
        &docs,
        &gaz,
        &NerTrainConfig {
            o_dict_min_count: 0,
            ..cfg.clone()
        },
    )
    .unwrap();
    assert_ne!(with, without);
    let (attached, n) = train::attach_o_dictionary_bytes(&without, &docs, 10, 1.0).unwrap();
    assert_eq!(n, 4);
    assert_eq!(attached, with);
    let g = gaz.to_bytes();
    let a = Recognizer::from_bytes(&with, &g).unwrap();
    let b = Recognizer::from_bytes(&without, &g).unwrap();
    let doc = vec![
        vec![
            "Carol", "White", "of", "Globex", "Inc", "visited", "Rome", ".",
        ],
        vec!["Rome", "with", "friends", "."],
    ];
    assert_eq!(a.recognize(&doc), b.recognize(&doc));
}

#[test]
fn one_word_religious_and_ethnic_groups_are_norp() {
    use super::fine_type;
    // Whatever coarse type the tagger gave (1 PER, 2 ORG).
    assert_eq!(fine_type(&["Muslims"], 0, 1, 1, &[]), EntityType::Norp);
    assert_eq!(fine_type(&["the", "Kurds"], 1, 2, 2, &[]), EntityType::Norp);
    // A longer name that starts with one is the tagger's type.
    assert_eq!(
        fine_type(&["Muslim", "Brotherhood"], 0, 2, 2, &[]),
        EntityType::Org
    );
    assert_eq!(fine_type(&["Sanders"], 0, 1, 1, &[]), EntityType::Person);
}

#[test]
fn stage2_windows_cover_evidence_names_and_their_neighbours() {
    let p1 = tags(&[
        "O", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-LOC", "O",
    ]);
    let mut w = Vec::new();
    // Evidence on the second token of a name: the whole name and two tokens either side.
    stage2_windows(&p1, &[(0, 3)], &mut w);
    let inside: Vec<usize> = (0..w.len()).filter(|&i| w[i]).collect();
    assert_eq!(inside, vec![0, 1, 2, 3, 4, 5]);
    // Two marks (one on an `O` token, which widens nothing) and one past the end (ignored).
    stage2_windows(&p1, &[(0, 7), (0, 9), (0, 40)], &mut w);
    let inside: Vec<usize> = (0..w.len()).filter(|&i| w[i]).collect();
    assert_eq!(inside, vec![5, 6, 7, 8, 9, 10]);
    assert_eq!(w.len(), p1.len());
    stage2_windows(&p1, &[], &mut w);
    assert!(w.iter().all(|&x| !x));
}

#[test]
fn document_evidence_marks_the_disagreeing_tokens() {
    // "Jordan" is a person in the first sentence and a place in the second: both disagree with
    // the other occurrence. "Smith" agrees everywhere and is not marked.
    let doc: Vec<Vec<&str>> = vec![
        vec!["Jordan", "Smith", "spoke", "."],
        vec!["He", "flew", "to", "Jordan", "."],
        vec!["Smith", "left", "."],
    ];
    let pred = vec![
        tags(&["B-PER", "I-PER", "O", "O"]),
        tags(&["O", "O", "O", "B-LOC", "O"]),
        tags(&["B-PER", "O", "O"]),
    ];
    let hashes: Vec<Vec<u64>> = Vec::new();
    let upper: Vec<Vec<bool>> = Vec::new();
    let input = DocInput {
        doc: &doc,
        hashes: &hashes,
        upper: &upper,
        pred: &pred,
    };
    let mut ids = Vec::new();
    let mut marks = vec![(9, 9)];
    let ev = document_feature_ids(&input, true, &mut ids, &mut marks);
    assert_eq!(ev, vec![true, true, false]);
    assert_eq!(marks, vec![(0, 0), (1, 3)]);
    assert!(ids
        .iter()
        .zip(&doc)
        .all(|(f, s)| f.offsets.len() == s.len() + 1));
    // Only the sentences with evidence: the same flags and marks, the third sentence's
    // features left out.
    let mut some = Vec::new();
    assert_eq!(
        document_feature_ids(&input, false, &mut some, &mut marks),
        ev
    );
    assert_eq!(marks, vec![(0, 0), (1, 3)]);
    assert_eq!(some[..2], ids[..2]);
    assert!(some[2].ids.is_empty() && !ids[2].ids.is_empty());
    // Capital flags given by the caller are used instead of the words' own.
    let flags = vec![vec![true; 4], vec![false; 5], vec![true; 3]];
    let input = DocInput {
        upper: &flags,
        ..input
    };
    assert_eq!(
        document_feature_ids(&input, true, &mut some, &mut marks),
        vec![true, false, false]
    );
}

#[test]
fn plain_words_away_from_capitals_are_fixed_outside_names() {
    let words = [
        "the", "talks", "in", "Geneva", "ended", "on", "a", "high", "note", ".",
    ];
    let o = 0u16;
    let caps = |w: &[&str]| -> Vec<bool> { w.iter().map(|w| has_upper(w)).collect() };
    let mut fixed = Vec::new();
    fix_plain_words(&caps(&words), o, &mut fixed);
    let free: Vec<usize> = (0..words.len()).filter(|&i| fixed[i] == u16::MAX).collect();
    // "in" and "ended" touch "Geneva"; every other word is plain with plain neighbours.
    assert_eq!(free, vec![2, 3, 4]);
    // Labels already fixed (the tag dictionary's) are kept.
    let mut fixed = vec![
        u16::MAX,
        5,
        u16::MAX,
        u16::MAX,
        u16::MAX,
        u16::MAX,
        u16::MAX,
        7,
        u16::MAX,
        u16::MAX,
    ];
    fix_plain_words(&caps(&words), o, &mut fixed);
    assert_eq!(fixed[1], 5);
    assert_eq!(fixed[7], 7);
    assert_eq!(fixed[0], o);
    // Non-ASCII capitals count; a model without `O` fixes nothing.
    let words = ["the", "Élysée", "said"];
    let mut fixed = Vec::new();
    fix_plain_words(&caps(&words), o, &mut fixed);
    assert!(fixed.iter().all(|&f| f == u16::MAX));
    let mut fixed = Vec::new();
    fix_plain_words(&caps(&["a", "b", "c"]), u16::MAX, &mut fixed);
    assert!(fixed.is_empty());
}

thread_local! {
    /// Stage-2 sentences whose keys were extracted again in full, on this thread.
    pub(crate) static STAGE2_FULL_KEYS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The shipped recogniser, read from `models/` (each call: new models, so empty caches).
fn shipped() -> Recognizer {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/");
    let model = std::fs::read(format!("{dir}ner.bin")).expect("models/ner.bin is committed");
    let gaz = std::fs::read(format!("{dir}gazetteer.bin")).expect("models/gazetteer.bin");
    Recognizer::from_bytes(&model, &gaz).expect("the shipped models load")
}

#[test]
fn cached_word_sums_give_the_same_entities() {
    fn split(t: &str) -> Vec<Vec<&str>> {
        t.split(" | ").map(|s| s.split(' ').collect()).collect()
    }
    let warm_up = split("Marta Quill visited Lisbon on Monday . | Quill said Lisbon was calm .");
    // "Quill" is a name here and a lower-case word too: stage 2 re-tags around it.
    let doc = split(
        "Marta Quill visited Lisbon on Monday . | She wrote with a quill in Lisbon . \
         | Quill said the quill was old .",
    );
    // Cold caches: every key is made.
    let cold = shipped().recognize(&doc);
    assert!(!cold.iter().all(Vec::is_empty));
    // Stage 1 has these words' sums, stage 2 not yet: its sentences need the keys in full.
    let rec = shipped();
    rec.recognize(&warm_up);
    let before = STAGE2_FULL_KEYS.with(std::cell::Cell::get);
    assert_eq!(rec.recognize(&doc), cold);
    assert!(STAGE2_FULL_KEYS.with(std::cell::Cell::get) > before);
    // Both stages warm: the same again.
    assert_eq!(rec.recognize(&doc), cold);
}
