//! Stage 6: the model — token weights, the block and page logistic regressions (linfa),
//! thresholds and metadata — and the file that carries it.

mod file;
mod upgrade;

use linfa_logistic::FittedLogisticRegression;
use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::error::ModelError;
use crate::features::{BLOCK_FEATURES, FEATURE_SET_VERSION, PAGE_FEATURES};
use crate::report::ModelInfo;
use crate::tokenize::{PIPELINE_VERSION, TokenConfig};
use crate::weights::{SparseTextWeights, TextWeights};

pub use file::{FORMAT_VERSION, MAX_MODEL_FILE_BYTES, MAX_TOKEN_WEIGHTS, read as read_file, wrap_payload};
pub use upgrade::upgrade_v2;

/// A fitted logistic regression (block or page) from linfa.
pub type Regression = FittedLogisticRegression<f64, bool>;

/// Decision thresholds on the calibrated page score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Page score at or above which the verdict is `spam`.
    pub spam: f32,
    /// Page score at or above which the verdict is at least `review`.
    pub review: f32,
    /// Block probability at or above which a block is reported as a span.
    pub span: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            spam: 0.5,
            review: 0.3,
            span: 0.5,
        }
    }
}

/// Everything a model file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelParts {
    /// Tokeniser settings the weights were learned with.
    pub tokens: TokenConfig,
    /// Block feature names, in order.
    pub block_features: Vec<String>,
    /// Page feature names, in order.
    pub page_features: Vec<String>,
    /// Version of the feature formulas ([`FEATURE_SET_VERSION`] when trained).
    pub feature_set_version: u32,
    /// Token weights.
    pub text: SparseTextWeights,
    /// Block spam probability from block features.
    pub block_lr: Regression,
    /// Calibrated page spam probability from page features.
    pub page_lr: Regression,
    /// Decision thresholds.
    pub thresholds: Thresholds,
    /// Metadata: version, labels, fingerprint, metrics.
    pub info: ModelInfo,
}

/// A loaded, validated model.
#[derive(Debug, Clone)]
pub struct Model {
    /// The parts as stored.
    pub parts: ModelParts,
    /// Token weights expanded for lookup.
    pub weights: TextWeights,
}

impl Model {
    /// Checks the parts against this build's pipeline and builds the lookup tables.
    pub fn new(parts: ModelParts) -> Result<Self, ModelError> {
        // Size caps first: a hostile file must not get lookup tables built from it.
        file::check_sizes(&parts)?;
        let expected = TokenConfig::default();
        if parts.tokens.pipeline_version != PIPELINE_VERSION {
            return Err(ModelError::Incompatible(format!(
                "model was trained with pipeline version {}, this build uses {PIPELINE_VERSION}; retrain it with `spamsift train`",
                parts.tokens.pipeline_version
            )));
        }
        if parts.tokens != expected {
            return Err(ModelError::Incompatible(format!(
                "model token settings {:?} differ from this build's {:?}; retrain it",
                parts.tokens, expected
            )));
        }
        if parts.feature_set_version != FEATURE_SET_VERSION {
            return Err(ModelError::Incompatible(format!(
                "model was trained with feature set version {}, this build computes version {FEATURE_SET_VERSION}; retrain it with `spamsift train`",
                parts.feature_set_version
            )));
        }
        check_names("block", &parts.block_features, &BLOCK_FEATURES)?;
        check_names("page", &parts.page_features, &PAGE_FEATURES)?;
        if parts.block_lr.params().len() != BLOCK_FEATURES.len() || parts.page_lr.params().len() != PAGE_FEATURES.len()
        {
            return Err(ModelError::Corrupt(
                "regression sizes do not match the feature lists".into(),
            ));
        }
        let weights = TextWeights::from_sparse(&parts.text)
            .ok_or_else(|| ModelError::Corrupt("token weight table is inconsistent".into()))?;
        Ok(Model { parts, weights })
    }

    /// Reads and validates a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Model::new(file::decode(bytes)?)
    }

    /// Serialises the model to file bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        file::encode(&self.parts)
    }

    /// Block spam probabilities for rows of block features.
    pub fn block_probs(&self, rows: &[Vec<f64>]) -> Vec<f64> {
        predict(&self.parts.block_lr, rows)
    }

    /// Page spam probability from page features.
    pub fn page_prob(&self, row: Vec<f64>) -> f64 {
        predict(&self.parts.page_lr, &[row]).first().copied().unwrap_or(0.0)
    }
}

/// Runs a fitted linfa regression on rows of equal width.
pub fn predict(lr: &Regression, rows: &[Vec<f64>]) -> Vec<f64> {
    let width = lr.params().len();
    if rows.is_empty() || rows.iter().any(|r| r.len() != width) {
        return vec![0.0; rows.len()];
    }
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    match Array2::from_shape_vec((rows.len(), width), flat) {
        Ok(x) => {
            let probs = lr.predict_probabilities(&x);
            // linfa reports the probability of the larger label; `true` is larger than `false`.
            if lr.labels().pos.class {
                probs.to_vec()
            } else {
                probs.iter().map(|p| 1.0 - p).collect()
            }
        }
        Err(_) => vec![0.0; rows.len()],
    }
}

fn check_names(what: &str, got: &[String], expected: &[&str]) -> Result<(), ModelError> {
    if got.len() != expected.len() || got.iter().zip(expected).any(|(a, b)| a != b) {
        return Err(ModelError::Incompatible(format!(
            "model has {} {what} features ({}), this build computes {} ({}); retrain it with `spamsift train`",
            got.len(),
            got.join(","),
            expected.len(),
            expected.join(",")
        )));
    }
    Ok(())
}
