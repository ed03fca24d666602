//! JSON Lines intake: one article per line, `{"id", "text"}` plus optional `title`, `published`,
//! `url`, `outlet` (and `authors`).

use super::RawArticle;
use crate::error::Error;
use serde_json::Value;

/// Parses one JSON Lines record. `input` names the file and `line_no` the 1-based line, for errors.
pub fn parse_record(line: &str, input: &str, line_no: usize) -> Result<RawArticle, Error> {
    let err = |message: String| Error::Record {
        input: format!("{input}:{line_no}"),
        message,
    };
    let v: Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| err("a record must be a JSON object".to_string()))?;
    let id = match obj.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err(err("\"id\" must be a string or a number".to_string())),
    };
    let with_id = |message: String| match &id {
        Some(id) => err(format!("record {id:?}: {message}")),
        None => err(message),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(with_id("\"text\" must be a string".to_string())),
        None => return Err(with_id("missing \"text\"".to_string())),
    };
    if text.trim().is_empty() {
        return Err(with_id("\"text\" is empty".to_string()));
    }
    if text.contains('\0') {
        return Err(with_id("\"text\" holds NUL characters".to_string()));
    }
    let opt_str = |key: &str| -> Result<Option<String>, Error> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(with_id(format!("\"{key}\" must be a string"))),
        }
    };
    let published = match opt_str("published")? {
        Some(p) => Some(super::parse_published(&p).map_err(|e| with_id(e.to_string()))?),
        None => None,
    };
    let authors = match obj.get("authors") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(_) => return Err(with_id("\"authors\" must be a list of strings".to_string())),
    };
    let title = opt_str("title")?;
    let url = opt_str("url")?;
    let outlet = opt_str("outlet")?;
    Ok(RawArticle {
        id,
        title,
        text,
        published,
        authors,
        url,
        outlet,
    })
}

/// Returns the id of a record even when the rest of it is unusable, so an error can name it.
pub fn salvage_id(line: &str) -> Option<String> {
    let v: Value = serde_json::from_str(line).ok()?;
    match v.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_record() {
        let r = parse_record(
            r#"{"id": 7, "text": "Body.", "title": "T", "published": "2016-12-24", "outlet": "RT"}"#,
            "in.jsonl",
            3,
        )
        .unwrap();
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.published.as_deref(), Some("2016-12-24"));
        assert_eq!(r.outlet.as_deref(), Some("RT"));
    }

    #[test]
    fn bad_records_name_the_line_and_id() {
        let e = parse_record("{not json", "in.jsonl", 3)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("in.jsonl:3:"), "{e}");
        let e = parse_record(r#"{"id": "a1"}"#, "in.jsonl", 4)
            .unwrap_err()
            .to_string();
        assert!(e.contains("a1") && e.contains("missing"), "{e}");
        let e = parse_record(r#"{"id": "a1", "text": 5}"#, "in.jsonl", 4)
            .unwrap_err()
            .to_string();
        assert!(e.contains("must be a string"), "{e}");
        let e = parse_record(r#"[1,2]"#, "in.jsonl", 5)
            .unwrap_err()
            .to_string();
        assert!(e.contains("object"), "{e}");
        let e = parse_record(r#"{"text": "x", "published": "soon"}"#, "f", 1)
            .unwrap_err()
            .to_string();
        assert!(e.contains("soon"), "{e}");
        assert_eq!(
            salvage_id(r#"{"id": "z", "text": 1}"#).as_deref(),
            Some("z")
        );
    }
}
