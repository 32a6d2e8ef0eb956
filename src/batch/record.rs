//! The JSON lines a run writes: one result or error line per document.

use serde::Serialize;

use crate::{Category, CategoryScores, Report, Verdict};

/// A scored document.
#[derive(Debug, Serialize)]
pub struct ResultLine<'a> {
    /// Document id.
    pub id: &'a str,
    /// Source URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Page spam score.
    pub score: f32,
    /// Page verdict.
    pub verdict: Verdict,
    /// Per-category scores.
    pub categories: &'a CategoryScores,
    /// Injected spans, byte offsets into the scored page bytes.
    pub spans: Vec<SpanLine>,
    /// Ids of the operator-policy rules that fired (absent when none did).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub rules: &'a [String],
    /// Present (and `true`) when the policy changed the model's verdict.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
}

/// One span of a [`ResultLine`].
#[derive(Debug, Serialize)]
pub struct SpanLine {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Category.
    pub category: Category,
    /// Span score.
    pub score: f32,
}

/// A document that could not be read or scored.
#[derive(Debug, Serialize)]
pub struct ErrorLine<'a> {
    /// Document id (or a locator such as `file.jsonl:17` when the id is unknown).
    pub id: &'a str,
    /// Source URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// What went wrong.
    pub error: &'a str,
    /// Machine-readable kind of the error (`read`, `malformed`, `truncated`, `too_large`, ...).
    pub error_kind: &'a str,
}

impl<'a> ResultLine<'a> {
    /// The line for `report`.
    pub fn new(id: &'a str, url: Option<&'a str>, report: &'a Report) -> Self {
        ResultLine {
            id,
            url,
            score: report.score,
            verdict: report.verdict,
            categories: &report.categories,
            spans: report
                .spans
                .iter()
                .map(|s| SpanLine {
                    start: s.start,
                    end: s.end,
                    category: s.category,
                    score: s.score,
                })
                .collect(),
            rules: &report.rules,
            overridden: report.overridden,
        }
    }
}

/// Serialises `value` as one JSON line ending in `\n`.
pub fn to_line<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising these plain structs cannot fail (string keys, no maps with non-string keys);
    // fall back to an error line rather than panicking if it ever did.
    let mut line = serde_json::to_vec(value)
        .unwrap_or_else(|e| format!("{{\"id\":null,\"error\":\"serialisation failed: {e}\"}}").into_bytes());
    line.push(b'\n');
    line
}
