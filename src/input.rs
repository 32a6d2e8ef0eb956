//! What a caller hands in to be scored: the page bytes and what the fetcher knows about them.

/// How to read the input bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    /// Decide from the content: HTML if it looks like markup, plain text otherwise.
    #[default]
    Auto,
    /// Parse as HTML.
    Html,
    /// Treat as plain text (one body region, paragraphs by line).
    Text,
}

/// One page to score: raw bytes plus what the fetcher knows about them.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageInput<'a> {
    /// The page exactly as fetched, in any charset.
    pub bytes: &'a [u8],
    /// Charset hint, e.g. the HTTP `Content-Type` header or a bare label like `gbk`.
    pub charset_hint: Option<&'a str>,
    /// HTML, plain text, or auto-detect.
    pub kind: InputKind,
}

impl<'a> PageInput<'a> {
    /// A page of raw bytes with no hints.
    pub fn new(bytes: &'a [u8]) -> Self {
        PageInput {
            bytes,
            charset_hint: None,
            kind: InputKind::Auto,
        }
    }
}
