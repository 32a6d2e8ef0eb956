//! Typed errors of the library.

use thiserror::Error;

/// Why a page could not be scored.
#[derive(Debug, Error)]
pub enum ScoreError {
    /// The input has no bytes.
    #[error("empty input: the page has no bytes")]
    Empty,
    /// The input is larger than the configured limit.
    #[error("page too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is not text (for example an image or an archive).
    #[error("input is not a text page: {reason}")]
    NotText {
        /// What gave it away.
        reason: String,
    },
}

impl ScoreError {
    /// Stable machine-readable kind: `empty`, `too_large` or `not_text`.
    pub fn kind(&self) -> &'static str {
        match self {
            ScoreError::Empty => "empty",
            ScoreError::TooLarge { .. } => "too_large",
            ScoreError::NotText { .. } => "not_text",
        }
    }
}

/// Why a model file could not be loaded or written.
#[derive(Debug, Error)]
pub enum ModelError {
    /// Reading or writing the file failed.
    #[error("cannot access model file {path}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not a spamsift model, or is truncated or corrupt.
    #[error("not a valid spamsift model: {0}")]
    Corrupt(String),
    /// The file was written by an incompatible format or feature configuration.
    #[error("incompatible model: {0}")]
    Incompatible(String),
    /// Training failed.
    #[error("training failed: {0}")]
    Training(String),
}
