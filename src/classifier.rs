//! The public entry point: a loaded model that scores pages.

use std::path::Path;

use crate::decide::{report, score_page};
use crate::error::{ModelError, ScoreError};
use crate::input::PageInput;
use crate::model::Model;
use crate::pipeline::analyze;
use crate::policy::{PageContext, Policy};
use crate::report::{ModelInfo, Report};

/// The default model, built by `spamsift train` from `training-data/` and embedded at compile time.
static SHIPPED_MODEL: &[u8] = include_bytes!("../models/default.ssm");

/// Largest page the library accepts by default (32 MiB): the one default of `Classifier` and
/// `spamsift batch`. The server passes its own, smaller limit
/// ([`crate::server::DEFAULT_SERVER_MAX_PAGE_BYTES`]) with [`Classifier::with_max_page_bytes`].
pub const DEFAULT_MAX_PAGE_BYTES: usize = 32 << 20;

/// One block's score, for explaining a decision.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BlockExplanation {
    /// Region name.
    pub region: String,
    /// Block spam probability.
    pub probability: f32,
    /// Mean token weight (log-odds).
    pub token_mean: f32,
    /// Evidence units: distinct runs of strong spam tokens (a page's spam blocks need a few
    /// between them before the page can be spam).
    pub evidence_units: u32,
    /// Start of the normalised text.
    pub text: String,
}

/// A loaded model, ready to score pages. Cheap to share across threads (`Send + Sync`).
pub struct Classifier {
    model: Model,
    max_page_bytes: usize,
}

impl Classifier {
    /// The default model shipped inside the binary (`models/default.ssm`).
    pub fn shipped() -> Result<Self, ModelError> {
        Self::from_bytes(SHIPPED_MODEL)
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        Self::from_bytes(&crate::model::read_file(path)?)
    }

    /// Loads a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(Self::from_model(Model::from_bytes(bytes)?))
    }

    /// Wraps an in-memory model (as produced by training).
    pub(crate) fn from_model(model: Model) -> Self {
        Classifier {
            model,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }

    /// Metadata of the loaded model.
    pub fn info(&self) -> &ModelInfo {
        &self.model.parts.info
    }

    /// Sets the largest accepted page size in bytes.
    pub fn with_max_page_bytes(mut self, limit: usize) -> Self {
        self.max_page_bytes = limit;
        self
    }

    /// Per-block scores of a page, for debugging a decision (`spamsift score --explain`).
    pub fn explain(&self, page: &PageInput<'_>) -> Result<Vec<BlockExplanation>, ScoreError> {
        let analyzed = analyze(page, &self.model.parts.tokens)?;
        let scored = score_page(&self.model, &analyzed);
        Ok(analyzed
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| BlockExplanation {
                region: b.block.region.name().to_owned(),
                probability: scored.block_probs[i] as f32,
                token_mean: scored.texts[i].mean() as f32,
                evidence_units: u32::try_from(scored.texts[i].evidence_units).unwrap_or(u32::MAX),
                text: b.norm.text().chars().take(120).collect(),
            })
            .collect())
    }

    /// Scores one page. Never panics on any input; bad input is an error.
    pub fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError> {
        self.score_with_policy(page, Policy::none(), None)
    }

    /// Scores one page fetched from `url` under an operator policy (see [`crate::policy`]).
    pub fn score_with_policy(
        &self,
        page: &PageInput<'_>,
        policy: &Policy,
        url: Option<&str>,
    ) -> Result<Report, ScoreError> {
        if page.bytes.is_empty() {
            return Err(ScoreError::Empty);
        }
        if page.bytes.len() > self.max_page_bytes {
            return Err(ScoreError::TooLarge {
                size: page.bytes.len(),
                limit: self.max_page_bytes,
            });
        }
        let analyzed = analyze(page, &self.model.parts.tokens)?;
        let context = PageContext {
            input: page.bytes,
            url,
            review_threshold: self.info().review_threshold,
        };
        Ok(policy.decide(&analyzed, context, |a| {
            report(&self.model, a, &score_page(&self.model, a), page.bytes)
        }))
    }
}
