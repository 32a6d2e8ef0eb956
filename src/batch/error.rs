//! Errors that stop a whole batch run (as opposed to per-document errors, see
//! [`DocError`](super::DocError), which become error lines).

use std::path::PathBuf;

use thiserror::Error;

/// Why a batch run could not start or had to stop.
#[derive(Debug, Error)]
pub enum BatchError {
    /// An input given on the command line does not exist or cannot be opened.
    #[error("cannot open input {path}: {source}")]
    Input {
        /// The input path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The options contradict each other.
    #[error("invalid options: {0}")]
    Options(String),
    /// Writing the output (lines, checkpoint or cleaned pages) failed.
    #[error("cannot write {path}: {source}")]
    Output {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The checkpoint next to the output is unreadable or belongs to a different run.
    #[error("cannot resume from {path}: {reason}")]
    Checkpoint {
        /// The checkpoint file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The output belongs to an unfinished run and neither resume nor overwrite was asked for.
    #[error("{path} holds an unfinished run; pass --resume to continue it or --overwrite to start over")]
    Unfinished {
        /// The output file.
        path: PathBuf,
    },
    /// A worker thread stopped unexpectedly.
    #[error("internal error: {0}")]
    Internal(String),
}
