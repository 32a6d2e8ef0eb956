//! The rules of a JSONL page record, shared by `spamsift batch` input and the labelled data
//! files: how the id is read, which field holds the page, and how gzip is recognised.

use base64::Engine;
use serde_json::{Map, Value};

use crate::input::InputKind;

/// The first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether bytes (the start of a file or stream) are gzip, by the magic number, not the name.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&GZIP_MAGIC)
}

/// A record's id: a non-empty string, or a number (as written).
pub fn record_id(record: &Map<String, Value>) -> Option<String> {
    match record.get("id") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// Why a record's page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageFieldError {
    /// None of the page fields is present.
    Missing,
    /// The page field with this name is not a string.
    NotString(&'static str),
    /// `html_base64` is not valid base64.
    BadBase64(String),
}

impl std::fmt::Display for PageFieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageFieldError::Missing => write!(f, "no \"html\", \"text\" or \"html_base64\" field"),
            PageFieldError::NotString(name) => write!(f, "\"{name}\" is not a string"),
            PageFieldError::BadBase64(e) => write!(f, "bad html_base64: {e}"),
        }
    }
}

/// Takes the page out of a record: `html`, else `html_base64` (both read as HTML), else `text`
/// (plain text). Only the first field present is looked at.
pub fn take_page(record: &mut Map<String, Value>) -> Result<(Vec<u8>, InputKind), PageFieldError> {
    let name = ["html", "html_base64", "text"]
        .into_iter()
        .find(|name| record.contains_key(*name))
        .ok_or(PageFieldError::Missing)?;
    let Some(Value::String(value)) = record.remove(name) else {
        return Err(PageFieldError::NotString(name));
    };
    match name {
        "html" => Ok((value.into_bytes(), InputKind::Html)),
        "text" => Ok((value.into_bytes(), InputKind::Text)),
        _ => base64::engine::general_purpose::STANDARD
            .decode(value.trim())
            .map(|bytes| (bytes, InputKind::Html))
            .map_err(|e| PageFieldError::BadBase64(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json) {
            Ok(Value::Object(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn html_comes_first_then_base64_then_text() {
        let mut r = record(r#"{"id":3,"text":"t","html":"<p>h</p>"}"#);
        assert_eq!(record_id(&r).as_deref(), Some("3"));
        assert_eq!(take_page(&mut r), Ok((b"<p>h</p>".to_vec(), InputKind::Html)));
        let mut r = record(r#"{"text":"t","html_base64":"PHA+eDwvcD4="}"#);
        assert_eq!(take_page(&mut r), Ok((b"<p>x</p>".to_vec(), InputKind::Html)));
        let mut r = record(r#"{"id":"","text":"t"}"#);
        assert_eq!(record_id(&r), None);
        assert_eq!(take_page(&mut r), Ok((b"t".to_vec(), InputKind::Text)));
        assert_eq!(
            take_page(&mut record(r#"{"html":1}"#)),
            Err(PageFieldError::NotString("html"))
        );
        assert_eq!(take_page(&mut record("{}")), Err(PageFieldError::Missing));
        assert!(is_gzip(&[0x1f, 0x8b, 8]) && !is_gzip(b"{\"id\""));
    }
}
