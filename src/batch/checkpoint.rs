//! Resumable output: a small checkpoint file beside the output.
//!
//! After each chunk the writer (1) appends the chunk's whole lines to the output and fsyncs
//! it, then (2) atomically replaces `OUT.ckpt` (write temporary, fsync, rename, fsync dir) with
//! the number of input items consumed and the output length. A crash at any point leaves a
//! checkpoint that describes a prefix of the output. `--resume` cuts the output back to the
//! checkpointed length (removing a torn last line and any lines of an uncommitted chunk),
//! skips the consumed items, and carries on: no id is missing or written twice.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::BatchError;
use super::stats::Stats;
use crate::atomic_write::{sync_dir, write_atomic};

/// Format version of the checkpoint file.
pub const FORMAT: u32 = 1;

/// The committed state of a file output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// [`FORMAT`].
    pub format: u32,
    /// [`BatchOptions::fingerprint`](super::BatchOptions::fingerprint) of the run.
    pub fingerprint: String,
    /// Input items consumed (in input order, including skipped ones).
    pub consumed: u64,
    /// Bytes of the output that are committed.
    pub output_len: u64,
    /// Whether the run finished.
    pub complete: bool,
    /// Counters up to this point.
    pub stats: Stats,
}

/// The checkpoint path of an output file: `OUT.ckpt`.
pub fn path_for(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".ckpt");
    PathBuf::from(name)
}

/// Reads the checkpoint at `path`, if there is one.
pub fn load(path: &Path) -> Result<Option<Checkpoint>, BatchError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(BatchError::Checkpoint {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    let ckpt: Checkpoint = serde_json::from_slice(&bytes).map_err(|e| BatchError::Checkpoint {
        path: path.to_path_buf(),
        reason: format!("unreadable: {e}"),
    })?;
    if ckpt.format != FORMAT {
        return Err(BatchError::Checkpoint {
            path: path.to_path_buf(),
            reason: format!("format {} is not {FORMAT}", ckpt.format),
        });
    }
    Ok(Some(ckpt))
}

/// Atomically replaces the checkpoint at `path`.
pub fn save(path: &Path, ckpt: &Checkpoint) -> Result<(), BatchError> {
    let err = |source| BatchError::Output {
        path: path.to_path_buf(),
        source,
    };
    let json = serde_json::to_vec(ckpt).map_err(|e| err(std::io::Error::other(e)))?;
    write_atomic(path, &json).map_err(err)?;
    sync_dir(path.parent()).map_err(err)
}
