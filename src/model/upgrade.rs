//! Re-encodes a format-2 model file, which had no feature-set version, as the current format.
//! Every weight, regression, threshold and metadata field is carried over unchanged; the
//! feature set is recorded as version 1, the formulas format-2 files were trained with.

use serde::Deserialize;

use super::{Model, ModelParts, Regression, Thresholds, file};
use crate::error::ModelError;
use crate::report::ModelInfo;
use crate::tokenize::TokenConfig;
use crate::weights::SparseTextWeights;

/// The format-2 payload: [`ModelParts`] without the feature-set version.
#[derive(Deserialize)]
struct PartsV2 {
    tokens: TokenConfig,
    block_features: Vec<String>,
    page_features: Vec<String>,
    text: SparseTextWeights,
    block_lr: Regression,
    page_lr: Regression,
    thresholds: Thresholds,
    info: ModelInfo,
}

/// The feature-set version of every format-2 model file.
const V2_FEATURE_SET: u32 = 1;

/// Reads a format-2 model file and returns the same model as current file bytes.
pub fn upgrade_v2(bytes: &[u8]) -> Result<Vec<u8>, ModelError> {
    let payload = file::checked_payload(bytes, 2)?;
    let old: PartsV2 = postcard::from_bytes(payload)
        .map_err(|e| ModelError::Corrupt(format!("cannot read format-2 model payload: {e}")))?;
    let parts = ModelParts {
        tokens: old.tokens,
        block_features: old.block_features,
        page_features: old.page_features,
        feature_set_version: V2_FEATURE_SET,
        text: old.text,
        block_lr: old.block_lr,
        page_lr: old.page_lr,
        thresholds: old.thresholds,
        info: old.info,
    };
    Model::new(parts)?.to_bytes()
}
