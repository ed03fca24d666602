//! The runtime tagger: model container, tagging a paragraph, span post-processing.

use presslens_tagging::Model;

use crate::features::{add_prev_extras, extras, CueLexicon};
use crate::tokenize::segment;
use crate::{tags_to_spans, AttribError, AttribSpan, Tag};

const MAGIC: &[u8; 8] = b"PLATTRIB";
const VERSION: u32 = 1;

/// A trained attribution tagger: a cue lexicon and one or two stacked sequence models.
///
/// # File format (little-endian)
///
/// ```text
/// "PLATTRIB"  u32 version
/// u32 n_lexicon  n × (u8 bucket, u16 len, UTF-8 form)
/// u32 n_models   n × (u32 len, presslens-tagging model bytes)
/// u64 FNV-1a checksum of everything before it
/// ```
#[derive(Debug, Clone)]
pub struct AttribTagger {
    pub(crate) lex: CueLexicon,
    pub(crate) models: Vec<Model>,
    /// Tag of each model label index, per model.
    pub(crate) label_tags: Vec<Vec<Tag>>,
}

fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], AttribError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        match end {
            Some(e) => {
                let s = &self.b[self.pos..e];
                self.pos = e;
                Ok(s)
            }
            None => Err(AttribError::Model("truncated".into())),
        }
    }
    fn u8(&mut self) -> Result<u8, AttribError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, AttribError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, AttribError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

impl AttribTagger {
    /// Assembles a tagger from its parts.
    pub fn new(lex: CueLexicon, models: Vec<Model>) -> AttribTagger {
        let label_tags = models
            .iter()
            .map(|m| m.labels().iter().map(|l| Tag::parse(l)).collect())
            .collect();
        AttribTagger {
            lex,
            models,
            label_tags,
        }
    }

    /// A copy with every pass's quantised weights of absolute value `<= max_abs` dropped
    /// (smaller model; see `presslens_tagging::Model::pruned`).
    pub fn pruned(&self, max_abs: u16) -> AttribTagger {
        AttribTagger::new(
            self.lex.clone(),
            self.models.iter().map(|m| m.pruned(max_abs)).collect(),
        )
    }

    /// The learned cue lexicon.
    pub fn lexicon(&self) -> &CueLexicon {
        &self.lex
    }

    /// Number of stacked passes.
    pub fn passes(&self) -> usize {
        self.models.len()
    }

    /// Loads a tagger from [`AttribTagger::to_bytes`] output; checks magic, version, checksum and
    /// every length.
    pub fn from_bytes(b: &[u8]) -> Result<AttribTagger, AttribError> {
        if b.len() < 8 + 4 + 8 || &b[..8] != MAGIC {
            return Err(AttribError::Model("not an attribution model".into()));
        }
        let body = &b[..b.len() - 8];
        let mut ck = [0u8; 8];
        ck.copy_from_slice(&b[b.len() - 8..]);
        if fnv(body) != u64::from_le_bytes(ck) {
            return Err(AttribError::Model("checksum mismatch".into()));
        }
        let mut r = Reader { b: body, pos: 8 };
        let v = r.u32()?;
        if v != VERSION {
            return Err(AttribError::Model(format!("unsupported version {v}")));
        }
        let n_lex = r.u32()? as usize;
        let mut lex = CueLexicon::default();
        for _ in 0..n_lex {
            let bucket = r.u8()?;
            let len = r.u16()? as usize;
            let s = std::str::from_utf8(r.take(len)?)
                .map_err(|_| AttribError::Model("bad UTF-8".into()))?;
            lex.insert(s.to_string(), bucket.min(5));
        }
        let n_models = r.u32()? as usize;
        if n_models == 0 || n_models > 4 {
            return Err(AttribError::Model(format!("bad model count {n_models}")));
        }
        let mut models = Vec::with_capacity(n_models);
        for _ in 0..n_models {
            let len = r.u32()? as usize;
            let m =
                Model::from_bytes(r.take(len)?).map_err(|e| AttribError::Model(format!("{e}")))?;
            models.push(m);
        }
        if r.pos != body.len() {
            return Err(AttribError::Model("trailing bytes".into()));
        }
        Ok(AttribTagger::new(lex, models))
    }

    /// Serialises the tagger (see the type docs for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let entries = self.lex.entries();
        let entries: Vec<_> = entries
            .into_iter()
            .filter(|(w, _)| w.len() <= u16::MAX as usize)
            .collect();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (w, b) in entries {
            out.push(b);
            out.extend_from_slice(&(w.len() as u16).to_le_bytes());
            out.extend_from_slice(w.as_bytes());
        }
        out.extend_from_slice(&(self.models.len() as u32).to_le_bytes());
        for m in &self.models {
            let b = m.to_bytes();
            out.extend_from_slice(&(b.len() as u32).to_le_bytes());
            out.extend_from_slice(&b);
        }
        let ck = fnv(&out);
        out.extend_from_slice(&ck.to_le_bytes());
        out
    }

    /// Tags one paragraph (or window) of `text` given its tokens' byte spans; returns one BIO tag
    /// per token. Token spans outside `text` (or not on character boundaries) are read as empty
    /// words.
    pub fn tag_tags(&self, text: &str, tokens: &[(usize, usize)]) -> Vec<Tag> {
        self.tag_passes(text, tokens, self.models.len())
    }

    /// Like [`AttribTagger::tag_tags`], using only the first `passes` models.
    pub fn tag_passes(&self, text: &str, tokens: &[(usize, usize)], passes: usize) -> Vec<Tag> {
        let words: Vec<&str> = tokens
            .iter()
            .map(|&(a, b)| text.get(a..b).unwrap_or(""))
            .collect();
        let lower: Vec<String> = words.iter().map(|w| lower_word(w)).collect();
        let seg = segment(text, tokens);
        let mut tags: Vec<Tag> = Vec::new();
        // Base features once; each later pass adds its previous pass's tag features.
        let mut ex = extras(&words, &lower, &seg, &self.lex, None);
        let base_len: Vec<usize> = ex.iter().map(Vec::len).collect();
        for (k, m) in self.models.iter().enumerate().take(passes.max(1)) {
            if k > 0 {
                for (v, &l) in ex.iter_mut().zip(&base_len) {
                    v.truncate(l);
                }
                add_prev_extras(&mut ex, &words, &lower, &seg, &self.lex, &tags);
            }
            let ids = m.tag_with_extra(&words, &ex);
            tags = ids
                .iter()
                .map(|&i| {
                    self.label_tags[k]
                        .get(i as usize)
                        .copied()
                        .unwrap_or(Tag::O)
                })
                .collect();
        }
        tags
    }

    /// Tags one paragraph (or window) of `text`: `tokens` are the byte spans of its tokens;
    /// returns labelled spans in token indices (end exclusive), in order.
    pub fn tag(&self, text: &str, tokens: &[(usize, usize)]) -> Vec<AttribSpan> {
        tags_to_spans(&self.tag_tags(text, tokens))
    }
}

/// Lower-cases a word and maps curly apostrophes to straight ones.
pub(crate) fn lower_word(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase().replace('’', "'")
    }
}
