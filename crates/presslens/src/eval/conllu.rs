//! A reader for the document structure of CoNLL-U files (`# newdoc`, `# newpar`, `# text`),
//! used to rebuild running text for segmentation scoring.

use crate::error::Error;
use std::path::Path;

/// One gold document: paragraphs of sentence texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldDoc {
    /// The `newdoc id`, or the file name and a counter.
    pub id: String,
    /// Paragraphs, each a list of sentence texts (`# text`).
    pub paragraphs: Vec<Vec<String>>,
}

/// Reads every document of a CoNLL-U file.
pub fn read_docs(path: &Path) -> Result<Vec<GoldDoc>, Error> {
    let name = path.display().to_string();
    let content = std::fs::read_to_string(path).map_err(|e| Error::Io {
        input: name.clone(),
        source: e,
    })?;
    parse_docs(&content, &name)
}

/// Parses CoNLL-U text; `name` labels errors and unnamed documents.
pub fn parse_docs(content: &str, name: &str) -> Result<Vec<GoldDoc>, Error> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut pending_par = false;
    for (no, line) in content.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if let Some(rest) = line.strip_prefix("# newdoc") {
            let id = rest
                .split_once('=')
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_else(|| format!("{name}#{}", docs.len() + 1));
            docs.push(GoldDoc {
                id,
                paragraphs: Vec::new(),
            });
            pending_par = true;
        } else if line.starts_with("# newpar") && !line.starts_with("# newpar_") {
            pending_par = true;
        } else if let Some(text) = line.strip_prefix("# text =") {
            if docs.is_empty() {
                docs.push(GoldDoc {
                    id: format!("{name}#1"),
                    paragraphs: Vec::new(),
                });
            }
            let doc = docs.last_mut().ok_or_else(|| Error::Gold {
                input: format!("{name}:{}", no + 1),
                message: "sentence before any document".into(),
            })?;
            if pending_par || doc.paragraphs.is_empty() {
                doc.paragraphs.push(Vec::new());
                pending_par = false;
            }
            if let Some(p) = doc.paragraphs.last_mut() {
                p.push(text.trim().to_string());
            }
        }
    }
    if docs.iter().all(|d| d.paragraphs.is_empty()) {
        return Err(Error::Gold {
            input: name.to_string(),
            message: "no `# text =` sentence lines found; is this CoNLL-U?".into(),
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_paragraphs_sentences() {
        let c = "# newdoc id = d1\n# newpar\n# text = A b.\n1\tA\n\n# text = C d.\n1\tC\n\n# newpar id = p2\n# text = E.\n1\tE\n\n# newdoc id = d2\n# text = F.\n1\tF\n";
        let d = parse_docs(c, "x").unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].paragraphs, vec![vec!["A b.", "C d."], vec!["E."]]);
        assert_eq!(d[1].paragraphs, vec![vec!["F."]]);
        assert!(parse_docs("1\tA\n", "x").is_err());
    }
}
