//! Entities: named-entity mentions clustered into one entity per real-world referent, with
//! titles and country affiliation.
//!
//! - [`actors`]: known actors and outlets with their type and country (`resources/actors.tsv`).
//! - [`countries`]: country names, aliases and nationality words (`resources/`).
//! - [`titles`]: title phrases before and beside names.
//! - [`clusters`]: the clustering rules (names, titles, nominals, pronouns).
//! - [`recognize`]: the stage that runs the trained recogniser and clusters its names.

pub mod actors;
pub mod clusters;
pub mod countries;
pub mod recognize;
pub mod titles;
pub mod typing;

pub use clusters::{cluster, Entity, EntityMention, MentionKind, NameMention};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{analyze_text, Options};
    use crate::Document;

    /// Token range of the `nth` occurrence of `phrase` (token-aligned).
    fn find(doc: &Document, phrase: &str, nth: usize) -> (usize, usize) {
        let text = doc.text();
        let mut from = 0;
        let mut k = 0;
        while let Some(p) = text[from..].find(phrase) {
            let s = from + p;
            let e = s + phrase.len();
            let a = doc.tokens.iter().position(|t| t.span.start == s);
            let b = doc.tokens.iter().position(|t| t.span.end == e);
            if let (Some(a), Some(b)) = (a, b) {
                if k == nth {
                    return (a, b + 1);
                }
                k += 1;
            }
            from = s + 1;
        }
        panic!("{phrase} #{nth} not found");
    }

    fn names(doc: &Document, list: &[(&str, usize, &'static str)]) -> Vec<NameMention> {
        let mut v: Vec<NameMention> = list
            .iter()
            .map(|(p, n, t)| {
                let (a, b) = find(doc, p, *n);
                NameMention {
                    tok_start: a,
                    tok_end: b,
                    etype: t,
                }
            })
            .collect();
        v.sort_by_key(|m| m.tok_start);
        v
    }

    /// The analysed text and the clusters of the names given as (phrase, occurrence, type).
    fn clustered(text: &str, list: &[(&str, usize, &'static str)]) -> (Document, Vec<Entity>) {
        let doc = analyze_text(text, &Options::default());
        let ents = cluster(&doc, &names(&doc, list));
        (doc, ents)
    }

    fn entity<'a>(ents: &'a [Entity], name: &str) -> &'a Entity {
        ents.iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {ents:#?}"))
    }

    fn mention_texts<'a>(doc: &'a Document, e: &Entity) -> Vec<(&'a str, &'static str)> {
        e.mentions
            .iter()
            .map(|m| (doc.slice(m.span), m.kind.as_str()))
            .collect()
    }

    #[test]
    fn people_titles_affiliation_nominals_pronouns() {
        let text = "Leaders talk\n\nThe Syrian President, Bashar Assad, thanked Vladimir Putin. \
                    Putin congratulated his Syrian counterpart. President al-Assad said the war was over, \
                    the Syrian state news agency SANA reported. \"We are close,\" the agency added.\n\n\
                    Russia's Defense Minister Sergey Shoigu reported to Putin. \"It is done,\" Shoigu said. \
                    He left. \"Peace is near,\" the Russian leader added.";
        let (doc, ents) = clustered(
            text,
            &[
                ("Bashar Assad", 0, "PERSON"),
                ("Vladimir Putin", 0, "PERSON"),
                ("Putin", 1, "PERSON"),
                ("al-Assad", 0, "PERSON"),
                ("SANA", 0, "ORG"),
                ("Russia", 0, "GPE"),
                ("Sergey Shoigu", 0, "PERSON"),
                ("Putin", 2, "PERSON"),
                ("Shoigu", 1, "PERSON"),
            ],
        );
        let assad = entity(&ents, "Bashar Assad");
        let m = mention_texts(&doc, assad);
        assert!(m.contains(&("The Syrian President", "title")), "{m:?}");
        assert!(m.contains(&("President al-Assad", "name")), "{m:?}");
        assert!(m.contains(&("Syrian counterpart", "nominal")), "{m:?}");
        assert_eq!(assad.affiliation, Some("SY"));
        assert!(assad.titles.contains(&"President".to_string()));
        let putin = entity(&ents, "Vladimir Putin");
        let m = mention_texts(&doc, putin);
        assert!(m.contains(&("his", "pronoun")), "{m:?}");
        let shoigu = entity(&ents, "Sergey Shoigu");
        assert_eq!(shoigu.titles, vec!["Defense Minister".to_string()]);
        assert_eq!(shoigu.affiliation, Some("RU"));
        let m = mention_texts(&doc, shoigu);
        assert!(m.contains(&("He", "pronoun")), "{m:?}");
        let sana = entity(&ents, "SANA");
        assert_eq!(sana.affiliation, Some("SY"));
        let m = mention_texts(&doc, sana);
        assert!(m.contains(&("the agency", "nominal")), "{m:?}");
        assert_eq!(entity(&ents, "Russia").etype, "GPE");
        // "the Russian leader" needs a titled Russian person: Putin has no title here, so it
        // stays unresolved rather than guessed.
        assert!(!mention_texts(&doc, shoigu)
            .iter()
            .any(|(t, _)| *t == "the Russian leader"));
    }

    #[test]
    fn countries_and_organisations_merge() {
        let text = "In September, Russia and the US met. Washington said the U.S. would act. \
                    The World Health Organization (WHO) agreed. WHO officials said so. \
                    Syrian and Russian troops moved; the Syrians cheered.";
        let (_, ents) = clustered(
            text,
            &[
                ("Russia", 0, "GPE"),
                ("US", 0, "GPE"),
                ("Washington", 0, "GPE"),
                ("U.S.", 0, "GPE"),
                ("World Health Organization", 0, "ORG"),
                ("WHO", 0, "ORG"),
                ("WHO", 1, "ORG"),
                ("Syrian", 0, "NORP"),
                ("Russian", 0, "NORP"),
                ("Syrians", 0, "NORP"),
            ],
        );
        let us = entity(&ents, "United States");
        // "Washington said the U.S. would act": the capital speaks for the country.
        assert_eq!(us.mentions.len(), 3);
        assert!(!ents.iter().any(|e| e.name == "Washington"));
        assert_eq!(entity(&ents, "World Health Organization").mentions.len(), 3);
        assert_eq!(entity(&ents, "Syrian").mentions.len(), 2);
        assert_eq!(entity(&ents, "Russian").affiliation, Some("RU"));
        let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids[0], "e1");
    }

    #[test]
    fn pronouns_agree_in_gender_with_given_names_and_honorifics() {
        let text = "Bernie Sanders gave advice to Hillary Clinton on Friday. \
                    Nobody would question her judgment, Sanders said. \
                    Ms. Warren met Mr. Smith. She left early.";
        let (doc, ents) = clustered(
            text,
            &[
                ("Bernie Sanders", 0, "PERSON"),
                ("Hillary Clinton", 0, "PERSON"),
                ("Sanders", 1, "PERSON"),
                ("Warren", 0, "PERSON"),
                ("Smith", 0, "PERSON"),
            ],
        );
        // "her" is not the nearest person (Sanders is male), but Clinton.
        let m = mention_texts(&doc, entity(&ents, "Hillary Clinton"));
        assert!(m.contains(&("her", "pronoun")), "{m:?}");
        assert!(!mention_texts(&doc, entity(&ents, "Bernie Sanders"))
            .iter()
            .any(|(t, _)| *t == "her"));
        // "She" skips Mr. Smith for Ms. Warren.
        let m = mention_texts(&doc, entity(&ents, "Warren"));
        assert!(m.contains(&("She", "pronoun")), "{m:?}");
    }

    #[test]
    fn a_shared_surname_joins_the_person_mentioned_most() {
        let text = "Bill Clinton spoke in Flint for his wife Hillary Clinton. Clinton said so.";
        let name_count = |ents: &[Entity], name: &str| {
            entity(ents, name)
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Name)
                .count()
        };
        let (_, ents) = clustered(
            text,
            &[
                ("Bill Clinton", 0, "PERSON"),
                ("Hillary Clinton", 0, "PERSON"),
                ("Clinton", 2, "PERSON"),
            ],
        );
        // One mention each so far: the one introduced first.
        assert_eq!(name_count(&ents, "Bill Clinton"), 2);
        assert_eq!(name_count(&ents, "Hillary Clinton"), 1);
        let text =
            "Hillary Clinton spoke. Hillary Clinton left. Bill Clinton stayed. Clinton said so.";
        let (_, ents) = clustered(
            text,
            &[
                ("Hillary Clinton", 0, "PERSON"),
                ("Hillary Clinton", 1, "PERSON"),
                ("Bill Clinton", 0, "PERSON"),
                ("Clinton", 3, "PERSON"),
            ],
        );
        assert_eq!(name_count(&ents, "Hillary Clinton"), 3);
        assert_eq!(name_count(&ents, "Bill Clinton"), 1);
    }

    #[test]
    fn a_former_office_is_part_of_the_title_and_gives_no_source_type() {
        let text = "Former President Bill Clinton spoke. President Barack Obama listened.";
        let (doc, ents) = clustered(
            text,
            &[("Bill Clinton", 0, "PERSON"), ("Barack Obama", 0, "PERSON")],
        );
        let bill = entity(&ents, "Bill Clinton");
        assert_eq!(bill.titles, vec!["Former President".to_string()]);
        assert_eq!(bill.source_type, None);
        assert!(mention_texts(&doc, bill).contains(&("Former President Bill Clinton", "name")));
        assert_eq!(
            entity(&ents, "Barack Obama").source_type,
            Some("head_of_state")
        );
    }
}
