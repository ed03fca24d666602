//! The pipeline: an ordered list of independent stages, each adding its layer to the document.
//!
//! Data flows one way: intake builds the [`Document`], then every [`Stage`] reads the layers before
//! it and writes its own. A stage never changes the text or a layer it does not own.

use crate::document::Document;
use crate::intake::{self, RawArticle};
use crate::text;

/// Caller's choices for one analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Reference date that overrides every date the input carries (ISO form, already checked).
    pub published: Option<String>,
}

/// One step of the analysis.
pub trait Stage: Send + Sync {
    /// A short name, for diagnostics.
    fn name(&self) -> &'static str;
    /// Adds this stage's layer to `doc`.
    fn run(&self, doc: &mut Document);
}

/// Sentences and tokens ([`text::segment`]).
#[derive(Debug, Default)]
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn run(&self, doc: &mut Document) {
        text::segment(doc);
    }
}

/// Part of speech ([`crate::text::pos`]).
#[derive(Debug, Default)]
pub struct PosStage;

impl Stage for PosStage {
    fn name(&self) -> &'static str {
        "pos"
    }
    fn run(&self, doc: &mut Document) {
        crate::text::pos::run(doc);
    }
}

/// Named entities and their clusters ([`crate::entities`]).
#[derive(Debug, Default)]
pub struct EntityStage;

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn run(&self, doc: &mut Document) {
        crate::entities::recognize::run(doc);
    }
}

/// Attributions, distancing and sources ([`crate::attribution`]).
#[derive(Debug, Default)]
pub struct Attributor;

impl Stage for Attributor {
    fn name(&self) -> &'static str {
        "attribution"
    }
    fn run(&self, doc: &mut Document) {
        let (attrs, dist) = crate::attribution::attribute(doc);
        doc.sources = crate::attribution::summarize(doc, &attrs);
        doc.attributions = attrs;
        doc.distancing = dist;
    }
}

/// Dates and times ([`crate::claims::timex`]).
#[derive(Debug, Default)]
pub struct TimexStage;

impl Stage for TimexStage {
    fn name(&self) -> &'static str {
        "timexes"
    }
    fn run(&self, doc: &mut Document) {
        crate::claims::timex::run(doc);
    }
}

/// Figures ([`crate::claims::quantities`]); runs after attribution, which claims them.
#[derive(Debug, Default)]
pub struct QuantityStage;

impl Stage for QuantityStage {
    fn name(&self) -> &'static str {
        "quantities"
    }
    fn run(&self, doc: &mut Document) {
        crate::claims::quantities::run(doc);
    }
}

/// Framing words with voice and target, and lexicon tone ([`crate::framing`]); runs after
/// attribution, whose contents decide the voice.
#[derive(Debug, Default)]
pub struct FramingStage;

impl Stage for FramingStage {
    fn name(&self) -> &'static str {
        "framing"
    }
    fn run(&self, doc: &mut Document) {
        crate::framing::run(doc);
    }
}

/// The ordered stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::standard()
    }
}

impl Pipeline {
    /// The standard pipeline with every stage presslens has.
    pub fn standard() -> Pipeline {
        Pipeline {
            stages: vec![
                Box::new(Segmenter),
                Box::new(PosStage),
                Box::new(EntityStage),
                Box::new(Attributor),
                Box::new(TimexStage),
                Box::new(QuantityStage),
                Box::new(FramingStage),
            ],
        }
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Builds the document from a raw article and runs every stage on it.
    pub fn run(&self, raw: RawArticle, opts: &Options) -> Document {
        let mut doc = intake::build(raw, opts.published.as_deref());
        for stage in &self.stages {
            stage.run(&mut doc);
        }
        doc
    }
}

/// Analyses plain text with the standard pipeline.
pub fn analyze_text(text: &str, opts: &Options) -> Document {
    let raw = RawArticle {
        text: text.to_string(),
        ..RawArticle::default()
    };
    Pipeline::standard().run(raw, opts)
}
