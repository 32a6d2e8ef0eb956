//! Where result lines go: standard output, or a file written in whole, fsync'd chunks.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::error::BatchError;

/// The output of a run.
pub enum Sink {
    /// Standard output, flushed after every chunk (pipe mode).
    Stdout(io::Stdout),
    /// A path that is not a regular file (a device such as `/dev/null`, a named pipe):
    /// written like standard output, with no truncation, fsync or checkpoint.
    Stream(File),
    /// A file; `len` is the length known to be durable.
    File {
        /// The open file.
        file: File,
        /// Its path, for messages.
        path: PathBuf,
        /// Bytes written and synced.
        len: u64,
    },
}

impl Sink {
    /// Opens `path` for appending after cutting it to `keep` bytes (dropping anything a
    /// crashed run wrote after its last checkpoint, including a torn last line).
    pub fn file(path: &Path, keep: u64) -> Result<Self, BatchError> {
        let err = |source| BatchError::Output {
            path: path.to_path_buf(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(err)?;
        let existing = file.metadata().map_err(err)?.len();
        if existing < keep {
            return Err(BatchError::Checkpoint {
                path: path.to_path_buf(),
                reason: format!("the output has {existing} bytes but the checkpoint says {keep} were committed"),
            });
        }
        file.set_len(keep).map_err(err)?;
        file.seek(SeekFrom::Start(keep)).map_err(err)?;
        file.sync_all().map_err(err)?;
        Ok(Sink::File {
            file,
            path: path.to_path_buf(),
            len: keep,
        })
    }

    /// Appends whole lines and makes them durable (file) or visible (stdout).
    pub fn write_lines(&mut self, lines: &[u8]) -> Result<(), BatchError> {
        match self {
            Sink::Stdout(out) => {
                let mut out = out.lock();
                out.write_all(lines)
                    .and_then(|()| out.flush())
                    .map_err(|source| BatchError::Output {
                        path: "-".into(),
                        source,
                    })
            }
            Sink::Stream(file) => {
                file.write_all(lines)
                    .and_then(|()| file.flush())
                    .map_err(|source| BatchError::Output {
                        path: "(stream)".into(),
                        source,
                    })
            }
            Sink::File { file, path, len } => {
                if !lines.is_empty() {
                    file.write_all(lines)
                        .and_then(|()| file.sync_data())
                        .map_err(|source| BatchError::Output {
                            path: path.clone(),
                            source,
                        })?;
                    *len += lines.len() as u64;
                }
                Ok(())
            }
        }
    }

    /// Durable length of a file output (0 for stdout).
    pub fn len(&self) -> u64 {
        match self {
            Sink::Stdout(_) | Sink::Stream(_) => 0,
            Sink::File { len, .. } => *len,
        }
    }

    /// Whether nothing was written to a file output (always true for stdout).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
