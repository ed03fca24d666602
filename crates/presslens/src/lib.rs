//! presslens: reads news articles and reports, with evidence, who said what, according to whom,
//! about whom, when, with which numbers and in which words.
//!
//! The library is laid out by pipeline stage:
//!
//! - [`document`]: the stand-off document model ([`Document`], [`Span`]) every stage writes into;
//! - [`intake`]: plain text, HTML and JSON Lines in, decoded and normalised, with title, dateline and
//!   related-link lines recognised;
//! - [`text`]: paragraphs, sentences and tokens;
//! - [`entities`]: entity clusters with titles and affiliation;
//! - [`attribution`]: who said what, according to whom; distancing;
//! - [`claims`]: dates and times resolved against the dateline;
//! - [`framing`]: labels, loaded and evaluative words by voice and target; lexicon tone;
//! - [`pipeline`]: runs the stages in order;
//! - [`output`]: the `presslens/1` JSON contract and the text report;
//! - [`eval`]: scorers against gold data.
//!
//! ```
//! let doc = presslens::analyze_text("Title line\n\nThe first paragraph. It has two sentences.", &Default::default());
//! assert_eq!(doc.sentences.len(), 3);
//! ```
//!
//! # One example per layer
//!
//! Every layer holds byte [`Span`]s into the immutable text; [`Document::slice`] reads them.
//!
//! **Text** — sentences, tokens and part of speech:
//! ```
//! let doc = presslens::analyze_text("The minister spoke. Talks resume.", &Default::default());
//! assert_eq!(doc.sentences.len(), 2);
//! let minister = doc.tokens.iter().find(|t| doc.slice(t.span) == "minister").unwrap();
//! assert_eq!(minister.upos, Some("NOUN"));
//! ```
//!
//! **Entities** — one cluster per real entity, with titles and affiliation:
//! ```
//! let text = "Russia's Defense Minister Sergey Shoigu met reporters. Shoigu said little.";
//! let doc = presslens::analyze_text(text, &Default::default());
//! let shoigu = doc.entities.iter().find(|e| e.name == "Sergey Shoigu").unwrap();
//! assert_eq!(shoigu.etype, "PERSON");
//! assert_eq!(shoigu.affiliation, Some("RU"));
//! assert!(shoigu.titles.iter().any(|t| t == "Defense Minister"));
//! assert!(shoigu.mentions.len() >= 2);
//! ```
//!
//! **Attributions, distancing and sources** — who said what, with relays:
//! ```
//! let text = "\u{201c}We will win,\u{201d} the Kremlin quoted Putin as saying. \
//!             The rebels, whom it called \u{201c}moderate opposition\u{201d}, left.";
//! let doc = presslens::analyze_text(text, &Default::default());
//! let a = doc.attributions.iter().find(|a| a.source.map(|s| doc.slice(s)) == Some("Putin")).unwrap();
//! assert_eq!(a.kind.as_str(), "direct");
//! assert_eq!(doc.slice(a.content), "\u{201c}We will win,\u{201d}"); // with its marks
//! let relay = &doc.attributions[a.via.expect("relayed")];
//! assert_eq!(relay.source.map(|s| doc.slice(s)), Some("the Kremlin"));
//! assert_eq!(doc.slice(doc.distancing[0].span), "moderate opposition");
//! assert!(doc.sources.iter().any(|s| s.name.contains("Putin")));
//! ```
//!
//! **Claims** — dates resolved against the dateline, figures with bounds and claimants:
//! ```
//! let opts = presslens::Options { published: Some("2016-12-24".into()) };
//! let text = "Earlier on Friday, more than 78,000 civilians fled. \
//!             According to the ministry, 34,000 people were moved.";
//! let doc = presslens::analyze_text(text, &opts);
//! assert!(doc.timexes.iter().any(|t| t.value == "2016-12-23"));
//! let fled = doc.quantities.iter().find(|q| q.value == 78_000.0).unwrap();
//! assert_eq!((fled.bound, fled.attribution), ("more_than", None));
//! let moved = doc.quantities.iter().find(|q| q.value == 34_000.0).unwrap();
//! assert!(moved.attribution.is_some(), "claimed by the ministry");
//! ```
//!
//! **Framing and tone** — loaded and labelling words by voice:
//! ```
//! let text = "Troops moved to liberate the city from terrorists.";
//! let doc = presslens::analyze_text(text, &Default::default());
//! let f = doc.framing.iter().find(|f| doc.slice(f.span) == "terrorists").unwrap();
//! assert_eq!((f.category.as_str(), f.voice.as_str()), ("labeling", "narrator"));
//! assert!(doc.tone.is_some());
//! ```
//!
//! **Output** — the `presslens/1` JSON contract and a GDELT GKG 2.1 row:
//! ```
//! use presslens::output::{gkg, json};
//! let doc = presslens::analyze_text("Putin said talks would resume.", &Default::default());
//! let v = json::to_value(&doc, json::JsonOptions { tokens: false });
//! assert_eq!(v["schema"], "presslens/1");
//! assert_eq!(gkg::row(&v, 1).unwrap().split('\t').count(), 27);
//! ```

pub mod attribution;
pub mod claims;
pub mod document;
pub mod entities;
pub mod error;
pub mod eval;
pub mod framing;
pub mod intake;
pub mod output;
pub mod pipeline;
pub mod text;

pub use document::{CharIndex, Document, Sentence, Span, Token, Zone};
pub use error::Error;
pub use pipeline::{analyze_text, Options, Pipeline};

/// Loads an embedded model once: the value stored in `cell`, from `load` on first use. A
/// model that cannot be loaded is reported once on standard error (naming `what`) and gives
/// `None`, so analysis goes on without that layer rather than failing. Once loaded, the
/// embedded `bytes` it was parsed from are released (see
/// [`presslens_tagging::release_embedded`]): the model keeps its own copy.
pub(crate) fn embedded_model<T, E: std::fmt::Debug>(
    cell: &'static std::sync::OnceLock<Option<T>>,
    what: &str,
    bytes: &[&'static [u8]],
    load: impl FnOnce() -> Result<T, E>,
) -> Option<&'static T> {
    cell.get_or_init(|| match load() {
        Ok(t) => {
            for b in bytes {
                presslens_tagging::release_embedded(b);
            }
            Some(t)
        }
        Err(e) => {
            eprintln!("presslens: the embedded {what} model cannot be loaded: {e:?}");
            None
        }
    })
    .as_ref()
}
