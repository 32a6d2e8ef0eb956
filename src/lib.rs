#![warn(missing_docs)]
//! spamsift: finds spam, adult and gambling content injected into Chinese web pages.
//!
//! One pipeline serves training, the CLI, batch scoring and the gRPC server:
//!
//! ```text
//! bytes ─decode─▶ text ─extract─▶ regions/blocks ─normalize─▶ text + offset map
//!       ─tokenize─▶ tokens ─features─▶ model ─▶ block scores ─▶ page verdict + spans
//! ```
//!
//! The entry point is [`Classifier`]: load a model (or use the shipped one) and call
//! [`Classifier::score`] on raw page bytes.

pub mod batch;
pub mod classifier;
pub mod dataset;
pub mod decide;
pub mod decode;
pub mod error;
pub mod eval;
pub mod extract;
pub mod features;
pub mod input;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod server;
pub mod tokenize;
pub mod train;
pub mod weights;

pub use classifier::Classifier;
pub use error::{ModelError, ScoreError};
pub use input::{InputKind, PageInput};
pub use report::{Category, CategoryScores, Evidence, ModelInfo, Report, Span, Verdict};
