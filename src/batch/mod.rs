//! Offline batch scoring: many pages in, one JSON line per page out.
//!
//! ```text
//! inputs (dirs, JSONL, WARC[.gz], stdin) ─▶ reader thread ─▶ chunks ─▶ rayon scoring
//!        ─▶ writer thread (whole lines, fsync, checkpoint) ─▶ JSONL + cleaned pages
//! ```
//!
//! The entry point is [`run`]. Inputs are streamed in bounded chunks, so memory stays flat
//! however large the crawl. Every accepted document produces exactly one output line (a
//! result or an error), in input order. A file output is resumable: see [`checkpoint`].

pub mod checkpoint;
pub mod correction;
pub mod document;
pub mod error;
pub mod options;
pub mod outcome;
pub mod pipeline;
mod prepare;
pub mod progress;
pub mod record;
pub mod scorer;
pub mod shard;
pub mod sink;
pub mod source;
pub mod stats;
pub mod strip;
mod writer;

pub use document::{DocError, Item, Page, Payload};
pub use error::BatchError;
pub use options::{BatchOptions, InputSpec, OutputSpec};
pub use pipeline::run;
pub use progress::{NoProgress, Progress, ProgressSnapshot};
pub use scorer::{PolicyScorer, Scorer};
pub use shard::Shard;
pub use stats::Summary;
