#![warn(missing_docs)]
//! spamsift: finds spam, adult and gambling content injected into Chinese web pages.
//!
//! One pipeline serves training, the CLI, batch scoring and the gRPC server:
//!
//! ```text
//! bytes ─decode─▶ text ─extract─▶ regions/blocks ─normalize─▶ text + offset map
//!       ─tokenize─▶ tokens ─weights─▶ features ─▶ model ─▶ block scores ─decide─▶ page verdict + spans
//! ```
//!
//! The entry point is [`Classifier`]: load a model (or use the shipped one) and call
//! [`Classifier::score`] on raw page bytes. [`batch`], [`server`], [`train`] and [`eval`] are
//! the entry points of the `spamsift` binary's subcommands.

pub mod batch;
pub mod eval;
pub mod policy;
pub mod server;
pub mod train;

mod atomic_write;
mod classifier;
mod dataset;
mod decide;
mod decode;
mod error;
mod extract;
mod features;
mod hash;
mod input;
mod metrics;
mod model;
mod normalize;
mod page_record;
mod pipeline;
mod report;
mod scoring_threads;
mod text_classes;
mod tokenize;
mod url_host;
mod weights;

pub use classifier::{BlockExplanation, Classifier, DEFAULT_MAX_PAGE_BYTES};
pub use error::{ModelError, ScoreError};
pub use input::{InputKind, PageInput};
pub use policy::{Policy, PolicyError, PolicyInfo};
pub use report::{Category, CategoryScores, Evidence, ModelInfo, Report, Span, Verdict};

/// Pipeline internals for the examples, benchmarks and tests that time or inspect single
/// stages, and the atomic file writes the binary shares with the library. Not a stable API.
#[doc(hidden)]
pub mod internals {
    pub use crate::atomic_write::{sync_dir, write_atomic};
    pub use crate::decode::decode;
    pub use crate::extract::extract_html;
    pub use crate::model::{MAX_MODEL_FILE_BYTES, MAX_TOKEN_WEIGHTS, Model, upgrade_v2, wrap_payload};
    pub use crate::normalize::{normalize_block, normalize_str};
    pub use crate::tokenize::{TokenConfig, tokenize};
}
