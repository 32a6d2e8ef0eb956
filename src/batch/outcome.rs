//! Scoring one item: the work done in parallel, producing its output line (if any).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::{Category, PageInput, Verdict};

use super::correction::correction_line;
use super::document::{DocError, Item, Payload};
use super::record::{ErrorLine, ResultLine, to_line};
use super::scorer::Scorer;

/// What happened to one item.
#[derive(Debug)]
pub enum Outcome {
    /// Not a document (counted under this reason, no line).
    Skipped(&'static str),
    /// Could not be read or scored: an error line was produced.
    Error {
        /// The error kind.
        kind: String,
        /// The line.
        line: Vec<u8>,
    },
    /// Scored.
    Scored {
        /// Verdict of the page.
        verdict: Verdict,
        /// Top category.
        top: Category,
        /// Bytes scored.
        page_bytes: u64,
        /// The line, unless filtered out by `--only-flagged` / `--min-score`.
        line: Option<Vec<u8>>,
        /// Ids of the policy rules that fired.
        rules: Vec<String>,
        /// Whether the policy changed the model's verdict.
        overridden: bool,
        /// The training record for `--overridden`, when asked for and the page was overridden.
        correction: Option<Vec<u8>>,
    },
    /// Scored, but writing its cleaned page failed: the run must stop.
    Fatal(std::io::Error),
}

/// Filters and side outputs applied to scored pages.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// Keep only non-clean verdicts.
    pub only_flagged: bool,
    /// Keep only scores at or above this.
    pub min_score: Option<f32>,
    /// Write cleaned flagged pages here.
    pub strip_dir: Option<&'a Path>,
    /// Make a training record of every page whose verdict the policy changed.
    pub corrections: bool,
}

/// Scores one item. Never panics: a panicking scorer becomes a `panic` error line.
pub fn process<S: Scorer + ?Sized>(scorer: &S, rules: Rules<'_>, item: Item) -> Outcome {
    let url = item.url.as_deref();
    let page = match &item.payload {
        Payload::Skipped(reason) => return Outcome::Skipped(reason),
        Payload::Failed(e) => return error(&item.id, url, e),
        Payload::Page(p) => p,
    };
    let input = PageInput {
        bytes: &page.bytes,
        charset_hint: page.charset_hint.as_deref(),
        kind: page.kind,
    };
    let report = match catch_unwind(AssertUnwindSafe(|| scorer.score_at(&input, url))) {
        Ok(Ok(report)) => report,
        Ok(Err(e)) => {
            return error(&item.id, url, &DocError::new(e.kind(), e.to_string()));
        }
        Err(_) => {
            tracing::error!(id = %item.id, "the scorer panicked on this document");
            return error(
                &item.id,
                url,
                &DocError::new("panic", "the scorer panicked on this document"),
            );
        }
    };
    let flagged = report.verdict != Verdict::Clean;
    if flagged
        && let Some(dir) = rules.strip_dir
        && let Err(e) = super::strip::write(dir, &item.id, &page.bytes, &report)
    {
        return Outcome::Fatal(e);
    }
    let keep = (!rules.only_flagged || flagged) && rules.min_score.is_none_or(|m| report.score >= m);
    let correction = if rules.corrections {
        correction_line(&item.id, url, &page.bytes, &report)
    } else {
        None
    };
    Outcome::Scored {
        verdict: report.verdict,
        top: report.categories.top(),
        page_bytes: page.bytes.len() as u64,
        line: keep.then(|| to_line(&ResultLine::new(&item.id, url, &report))),
        overridden: report.overridden,
        correction,
        rules: report.rules,
    }
}

fn error(id: &str, url: Option<&str>, e: &DocError) -> Outcome {
    Outcome::Error {
        kind: e.kind.clone(),
        line: to_line(&ErrorLine {
            id,
            url,
            error: &e.message,
            error_kind: &e.kind,
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::ScoreError;

    #[test]
    fn error_kinds() {
        assert_eq!(ScoreError::Empty.kind(), "empty");
        assert_eq!(ScoreError::TooLarge { size: 2, limit: 1 }.kind(), "too_large");
        assert_eq!(ScoreError::NotText { reason: "x".into() }.kind(), "not_text");
    }
}
