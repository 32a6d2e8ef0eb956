//! What the batch runner needs from a classifier.

use crate::{Classifier, PageInput, Policy, Report, ScoreError};

/// Anything that scores one page. [`Classifier`] is the real one; tests may plug in others.
pub trait Scorer: Sync {
    /// Scores one page. Must not panic; the runner still guards against it.
    fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError>;

    /// Scores one page fetched from `url` (when the input knows it). Scorers without a notion
    /// of URLs keep this default, which ignores it.
    fn score_at(&self, page: &PageInput<'_>, url: Option<&str>) -> Result<Report, ScoreError> {
        let _ = url;
        self.score(page)
    }
}

impl Scorer for Classifier {
    fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError> {
        Classifier::score(self, page)
    }
}

/// A classifier under an operator policy: host rules see each document's URL.
pub struct PolicyScorer<'a> {
    /// The model.
    pub classifier: &'a Classifier,
    /// The policy applied on top of it.
    pub policy: &'a Policy,
}

impl Scorer for PolicyScorer<'_> {
    fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError> {
        self.score_at(page, None)
    }

    fn score_at(&self, page: &PageInput<'_>, url: Option<&str>) -> Result<Report, ScoreError> {
        self.classifier.score_with_policy(page, self.policy, url)
    }
}
