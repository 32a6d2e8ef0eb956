//! Configuration of one batch run.

use std::path::{Path, PathBuf};

use super::shard::Shard;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSpec {
    /// JSONL on standard input (`-`).
    Stdin,
    /// A path: a directory (every regular file is one page, recursively), a WARC / `.warc.gz`
    /// file, or a JSONL file (optionally gzipped). The kind of a file is sniffed from its bytes.
    Path(PathBuf),
}

impl InputSpec {
    /// `-` is standard input, anything else a path.
    pub fn parse(arg: &Path) -> Self {
        if arg.as_os_str() == "-" {
            InputSpec::Stdin
        } else {
            InputSpec::Path(arg.to_path_buf())
        }
    }

    /// Display name, used in locator ids and messages.
    pub fn name(&self) -> String {
        match self {
            InputSpec::Stdin => "-".to_owned(),
            InputSpec::Path(p) => p.display().to_string(),
        }
    }
}

/// Where result lines go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputSpec {
    /// Standard output (no checkpoint, no resume).
    Stdout,
    /// A file, written with fsync'd whole lines and a checkpoint beside it.
    File(PathBuf),
}

/// Everything that shapes one run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Inputs, read one after the other.
    pub inputs: Vec<InputSpec>,
    /// Where lines go.
    pub output: OutputSpec,
    /// Scoring threads (0: one per core).
    pub threads: usize,
    /// Write only documents whose verdict is not `clean` (error lines are always written).
    pub only_flagged: bool,
    /// Write only documents scoring at least this (error lines are always written).
    pub min_score: Option<f32>,
    /// Directory receiving the cleaned text of every flagged page.
    pub strip_output: Option<PathBuf>,
    /// Continue an interrupted run of the same output.
    pub resume: bool,
    /// Start over even if the output holds an unfinished run.
    pub overwrite: bool,
    /// Process only the ids of this shard.
    pub shard: Option<Shard>,
    /// Largest page accepted; bigger documents get a `too_large` error line without being buffered.
    pub max_page_bytes: usize,
    /// A chunk is handed to the scorers when it holds this many documents...
    pub chunk_docs: usize,
    /// ...or this many bytes.
    pub chunk_bytes: usize,
    /// Model identity, recorded in the checkpoint so a resume with another model is refused.
    pub model_version: String,
}

impl BatchOptions {
    /// Options with defaults for everything but inputs and output.
    pub fn new(inputs: Vec<InputSpec>, output: OutputSpec) -> Self {
        BatchOptions {
            inputs,
            output,
            threads: 0,
            only_flagged: false,
            min_score: None,
            strip_output: None,
            resume: false,
            overwrite: false,
            shard: None,
            max_page_bytes: crate::DEFAULT_MAX_PAGE_BYTES,
            chunk_docs: 256,
            chunk_bytes: 16 << 20,
            model_version: String::new(),
        }
    }

    /// A fingerprint of everything that decides which lines a run writes, so that a resume
    /// with different options is refused instead of mixing two runs in one file.
    pub fn fingerprint(&self) -> String {
        let inputs: Vec<String> = self.inputs.iter().map(InputSpec::name).collect();
        format!(
            "inputs={inputs:?};only_flagged={};min_score={:?};shard={:?};max_page={};model={}",
            self.only_flagged,
            self.min_score,
            self.shard.map(|s| s.to_string()),
            self.max_page_bytes,
            self.model_version
        )
    }
}
