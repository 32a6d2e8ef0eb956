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

pub mod classifier;
pub mod error;
pub mod report;
pub mod server;

pub use classifier::{Classifier, InputKind, PageInput};
pub use error::{ModelError, ScoreError};
pub use report::{Category, CategoryScores, Evidence, ModelInfo, Report, Span, Verdict};
