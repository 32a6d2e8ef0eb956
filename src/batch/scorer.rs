//! What the batch runner needs from a classifier.

use crate::{Classifier, PageInput, Report, ScoreError};

/// Anything that scores one page. [`Classifier`] is the real one; tests may plug in others.
pub trait Scorer: Sync {
    /// Scores one page. Must not panic; the runner still guards against it.
    fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError>;
}

impl Scorer for Classifier {
    fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError> {
        Classifier::score(self, page)
    }
}
