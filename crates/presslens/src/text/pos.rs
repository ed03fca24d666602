//! Part of speech: UPOS and Penn XPOS for every token, from the embedded model `models/pos.bin`
//! (trained by `presslens-tagging` on UD EWT + GUM; see `models/pos.md`).

use crate::document::Document;
use presslens_tagging::{with_scratch, PosTagger};
use std::sync::OnceLock;

static POS_MODEL: &[u8] = include_bytes!("../../../../models/pos.bin");

/// The embedded tagger, loaded on first use; `None` (reported once) if the file is damaged.
pub fn tagger() -> Option<&'static PosTagger> {
    static T: OnceLock<Option<PosTagger>> = OnceLock::new();
    crate::embedded_model(&T, "part-of-speech", &[POS_MODEL], || {
        PosTagger::from_bytes(POS_MODEL)
    })
}

/// Tags every sentence of a document.
pub fn run(doc: &mut Document) {
    let Some(t) = tagger() else {
        return;
    };
    with_scratch(|scratch| {
        let mut ids = Vec::new();
        let mut lo = 0;
        while lo < doc.tokens.len() {
            let s = doc.tokens[lo].sentence;
            let mut hi = lo;
            while hi < doc.tokens.len() && doc.tokens[hi].sentence == s {
                hi += 1;
            }
            {
                let words: Vec<&str> = doc.tokens[lo..hi]
                    .iter()
                    .map(|x| doc.slice(x.span))
                    .collect();
                t.tag_ids(&words, scratch, &mut ids);
            }
            for (tok, &id) in doc.tokens[lo..hi].iter_mut().zip(&ids) {
                tok.upos = Some(t.upos(id));
                tok.xpos = Some(t.xpos(id));
            }
            lo = hi;
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{analyze_text, Options};

    #[test]
    fn tags_a_sentence() {
        let doc = analyze_text(
            "The minister said the talks would resume on Monday.",
            &Options::default(),
        );
        let tags: Vec<(&str, &str)> = doc
            .tokens
            .iter()
            .map(|t| (doc.slice(t.span), t.upos.unwrap_or("?")))
            .collect();
        assert!(tags.contains(&("minister", "NOUN")), "{tags:?}");
        assert!(tags.contains(&("said", "VERB")), "{tags:?}");
        assert!(tags.contains(&("Monday", "PROPN")), "{tags:?}");
        assert!(doc.tokens.iter().all(|t| t.xpos.is_some()));
    }
}
