//! `--overridden OUT.jsonl`: pages whose verdict a policy rule changed, written as training
//! records (`training-data/README.md`, "Record format") so that the next `spamsift train` can
//! learn the operator's correction.

use serde::Serialize;

use crate::{Report, Verdict};

/// `kind` of every correction record.
pub const CORRECTION_KIND: &str = "policy_override";

/// One training record made from an overridden page.
#[derive(Debug, Serialize)]
struct CorrectionRecord<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    label: &'static str,
    category: &'static str,
    kind: &'static str,
    injected: Vec<String>,
    injected_categories: Vec<&'static str>,
    /// The rules that changed the verdict (extra field; ignored by the trainer).
    rules: &'a [String],
    /// The model's own page score (extra field; ignored by the trainer).
    model_score: f32,
}

/// The JSON line (ending in `\n`) for a page the policy overrode, or `None` when the report
/// is not an override to `spam` or `clean` (a threshold that moved a page to `review` is no
/// label).
pub fn correction_line(id: &str, url: Option<&str>, bytes: &[u8], report: &Report) -> Option<Vec<u8>> {
    let spam = match (report.overridden, report.verdict) {
        (true, Verdict::Spam) => true,
        (true, Verdict::Clean) => false,
        _ => return None,
    };
    let encoding = encoding_rs::Encoding::for_label(report.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let page = encoding.decode(bytes).0.into_owned();
    let (html, text) = if report.input_kind == "text" {
        (None, Some(page))
    } else {
        (Some(page), None)
    };
    // Spans become snippets only when they are plain text (no markup or entities inside).
    let snippets: Vec<(String, &'static str)> = if spam {
        report
            .spans
            .iter()
            .map(|s| (collapse_space(&report.span_text(bytes, s)), s.category.name()))
            .filter(|(t, _)| !t.is_empty() && !t.contains(['<', '>', '&']))
            .collect()
    } else {
        Vec::new()
    };
    let record = CorrectionRecord {
        id,
        html,
        text,
        url,
        label: if spam { "spam" } else { "clean" },
        category: if spam { report.categories.top().name() } else { "none" },
        kind: CORRECTION_KIND,
        injected: snippets.iter().map(|(t, _)| t.clone()).collect(),
        injected_categories: snippets.iter().map(|(_, c)| *c).collect(),
        rules: &report.rules,
        model_score: report.score,
    };
    Some(super::record::to_line(&record))
}

/// Runs of whitespace become one space, as in the training-data snippets.
fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
