//! One item read from an input: a page to score, a per-document error, or a skipped record.

use crate::InputKind;

/// One item produced by an input source, in input order.
#[derive(Debug, Clone)]
pub struct Item {
    /// Document id (file stem, JSONL `id`, `WARC-Record-ID`, or a locator such as `file.jsonl:17`).
    pub id: String,
    /// Source URL when the input knows it (JSONL `url`, `WARC-Target-URI`).
    pub url: Option<String>,
    /// What to do with it.
    pub payload: Payload,
}

/// The content of an [`Item`].
#[derive(Debug, Clone)]
pub enum Payload {
    /// A page to score.
    Page(Page),
    /// The document exists but could not be read; it gets an error line.
    Failed(DocError),
    /// Not a document (e.g. a WARC `request` record or an image response): counted, no line.
    Skipped(&'static str),
}

/// Raw page bytes plus what the input says about them.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page bytes exactly as stored.
    pub bytes: Vec<u8>,
    /// Charset hint, e.g. the HTTP `Content-Type` header.
    pub charset_hint: Option<String>,
    /// HTML, text or auto.
    pub kind: InputKind,
}

/// Why one document could not be read or scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// Short machine-readable kind, e.g. `read`, `malformed`, `truncated`, `too_large`.
    pub kind: String,
    /// Human-readable message.
    pub message: String,
}

impl DocError {
    /// A new error of `kind` with `message`.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        DocError {
            kind: kind.to_owned(),
            message: message.into(),
        }
    }
}

impl Item {
    /// A page item.
    pub fn page(id: String, url: Option<String>, page: Page) -> Self {
        Item {
            id,
            url,
            payload: Payload::Page(page),
        }
    }

    /// An error item.
    pub fn failed(id: String, url: Option<String>, error: DocError) -> Self {
        Item {
            id,
            url,
            payload: Payload::Failed(error),
        }
    }

    /// Bytes this item holds in memory (for chunk sizing).
    pub fn weight(&self) -> usize {
        let payload = match &self.payload {
            Payload::Page(p) => p.bytes.len(),
            _ => 0,
        };
        payload + self.id.len() + self.url.as_ref().map_or(0, String::len) + 64
    }
}
