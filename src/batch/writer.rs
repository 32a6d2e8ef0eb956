//! The writer stage: commits each scored chunk in input order (result lines, `--overridden`
//! records, cleaned pages made durable), then checkpoints it and reports progress.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Receiver;

use super::checkpoint::{self, Checkpoint};
use super::error::BatchError;
use super::outcome::Outcome;
use super::prepare::Start;
use super::progress::{Progress, ProgressSnapshot};
use super::sink::Sink;
use super::stats::Stats;

/// Scored items, in input order.
pub(super) struct Scored {
    pub(super) outcomes: Vec<Outcome>,
    /// Index (over all inputs) just past the last item of this chunk.
    pub(super) end: u64,
}

/// What the writer had committed when the stages finished.
pub(super) struct Finished {
    pub(super) stats: Stats,
    pub(super) consumed: u64,
    pub(super) sink: Sink,
    pub(super) checkpoint: Option<PathBuf>,
    pub(super) corrections_len: u64,
}

/// Writer stage state.
pub(super) struct Writer<'a> {
    sink: Sink,
    corrections: Option<Sink>,
    checkpoint: Option<PathBuf>,
    fingerprint: &'a str,
    stats: Stats,
    consumed: u64,
    strip_dir: Option<&'a Path>,
    progress: &'a mut dyn Progress,
    bytes_read: Arc<AtomicU64>,
    total_bytes: Option<u64>,
}

/// The bytes of one chunk to append: result lines and `--overridden` records.
#[derive(Default)]
struct ChunkLines {
    results: Vec<u8>,
    corrections: Vec<u8>,
}

impl<'a> Writer<'a> {
    /// A writer that continues from `start`; `bytes_read` and `total_bytes` feed the progress.
    pub(super) fn new(
        start: Start,
        fingerprint: &'a str,
        strip_dir: Option<&'a Path>,
        progress: &'a mut dyn Progress,
        (bytes_read, total_bytes): (Arc<AtomicU64>, Option<u64>),
    ) -> Self {
        Writer {
            sink: start.sink,
            corrections: start.corrections,
            checkpoint: start.checkpoint,
            fingerprint,
            stats: start.stats,
            consumed: start.consumed,
            strip_dir,
            progress,
            bytes_read,
            total_bytes,
        }
    }

    /// Commits every chunk from `rx` until the scoring stage ends, then returns what was
    /// committed. A failure to write stops the run.
    pub(super) fn write_all(mut self, rx: Receiver<Scored>) -> Result<Finished, BatchError> {
        let mut lines = ChunkLines::default();
        for scored in rx {
            let stats = self.collect(scored.outcomes, &mut lines)?;
            self.commit(&lines, stats, scored.end)?;
            self.report_progress();
        }
        Ok(Finished {
            corrections_len: self.corrections.as_ref().map_or(0, Sink::len),
            stats: self.stats,
            consumed: self.consumed,
            sink: self.sink,
            checkpoint: self.checkpoint,
        })
    }

    /// Gathers a chunk's lines into `lines` and returns the stats including them. An outcome
    /// whose cleaned page could not be written stops the run.
    fn collect(&self, outcomes: Vec<Outcome>, lines: &mut ChunkLines) -> Result<Stats, BatchError> {
        lines.results.clear();
        lines.corrections.clear();
        let mut stats = self.stats.clone();
        for outcome in outcomes {
            match outcome {
                Outcome::Fatal(source) => {
                    return Err(BatchError::Output {
                        path: self.strip_dir.map(|d| d.to_path_buf()).unwrap_or_default(),
                        source,
                    });
                }
                Outcome::Error { ref line, .. } => lines.results.extend_from_slice(line),
                Outcome::Scored {
                    ref line,
                    ref correction,
                    ..
                } => {
                    if let Some(line) = line {
                        lines.results.extend_from_slice(line);
                    }
                    if let Some(record) = correction {
                        lines.corrections.extend_from_slice(record);
                    }
                }
                _ => {}
            }
            stats.add(&outcome);
        }
        Ok(stats)
    }

    /// Writes a chunk's lines, makes its cleaned pages durable, and then records it in the
    /// checkpoint as consumed up to `end`.
    fn commit(&mut self, lines: &ChunkLines, stats: Stats, end: u64) -> Result<(), BatchError> {
        self.sink.write_lines(&lines.results)?;
        if let Some(sink) = &mut self.corrections {
            sink.write_lines(&lines.corrections)?;
        }
        if let Some(dir) = self.strip_dir {
            crate::atomic_write::sync_dir(Some(dir)).map_err(|source| BatchError::Output {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        self.stats = stats;
        self.consumed = end;
        if let Some(path) = &self.checkpoint {
            checkpoint::save(
                path,
                &Checkpoint {
                    format: checkpoint::FORMAT,
                    fingerprint: self.fingerprint.to_owned(),
                    consumed: self.consumed,
                    output_len: self.sink.len(),
                    complete: false,
                    stats: self.stats.clone(),
                    overridden_len: self.corrections.as_ref().map_or(0, Sink::len),
                },
            )?;
        }
        Ok(())
    }

    /// Tells the progress display what has been committed.
    fn report_progress(&mut self) {
        self.progress.update(&ProgressSnapshot {
            documents: self.stats.documents,
            page_bytes: self.stats.page_bytes,
            input_bytes: self.bytes_read.load(Ordering::Relaxed),
            total_input_bytes: self.total_bytes,
        });
    }
}
