//! Before the stages run: checking the options, and opening the output as a fresh start or
//! as the resume of an interrupted run (decided by the output's checkpoint).

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use super::checkpoint::{self, Checkpoint};
use super::error::BatchError;
use super::options::{BatchOptions, InputSpec, OutputSpec};
use super::sink::Sink;
use super::source;
use super::stats::Stats;

/// What `prepare` found: a run to do, or an output that a resumed run had already finished.
pub(super) enum Prepared {
    /// Score from here.
    Run(Start),
    /// `--resume` of a complete output: nothing left to do; the checkpoint holds its stats.
    AlreadyComplete(Checkpoint),
}

/// Where the run starts and what it has done already.
pub(super) struct Start {
    pub(super) sink: Sink,
    /// The `--overridden` training-record file, when asked for.
    pub(super) corrections: Option<Sink>,
    pub(super) checkpoint: Option<PathBuf>,
    pub(super) consumed: u64,
    pub(super) stats: Stats,
    pub(super) resumed: bool,
}

/// What the checkpoint of a file output means for this run.
enum Found {
    /// Start over: no checkpoint, a finished run, or `--overwrite`.
    Fresh,
    /// `--resume` of an unfinished run: continue from this checkpoint.
    Unfinished(Checkpoint),
    /// `--resume` of a finished run.
    Complete(Checkpoint),
}

/// Refuses contradictory options and inputs that cannot be read; creates `--strip-output`.
pub(super) fn validate(opts: &BatchOptions) -> Result<(), BatchError> {
    let bad = |m: &str| Err(BatchError::Options(m.to_owned()));
    if opts.inputs.is_empty() {
        return bad("no input given");
    }
    if opts.inputs.iter().filter(|i| **i == InputSpec::Stdin).count() > 1 {
        return bad("standard input (-) can be read only once");
    }
    if opts.resume && opts.output == OutputSpec::Stdout {
        return bad("--resume needs --output FILE (standard output cannot be resumed)");
    }
    if opts.resume && opts.overwrite {
        return bad("--resume and --overwrite contradict each other");
    }
    if opts.chunk_docs == 0 || opts.chunk_bytes == 0 {
        return bad("chunk sizes must be positive");
    }
    if let Some(m) = opts.min_score
        && !(0.0..=1.0).contains(&m)
    {
        return bad("--min-score must be within [0, 1]");
    }
    for input in &opts.inputs {
        source::check(input)?;
    }
    check_outputs_outside_input_dirs(opts)?;
    if let (Some(corrections), OutputSpec::File(output)) = (&opts.overridden_output, &opts.output)
        && corrections == output
    {
        return bad("--overridden must name another file than --output");
    }
    if let Some(dir) = &opts.strip_output {
        std::fs::create_dir_all(dir).map_err(|source| BatchError::Output {
            path: dir.clone(),
            source,
        })?;
    }
    Ok(())
}

/// Refuses an output file or directory inside an input directory: the walk would read it
/// (and the checkpoint and temporary files written beside it) back as pages.
fn check_outputs_outside_input_dirs(opts: &BatchOptions) -> Result<(), BatchError> {
    let dirs: Vec<PathBuf> = opts
        .inputs
        .iter()
        .filter_map(|input| match input {
            InputSpec::Path(path) if path.is_dir() => path.canonicalize().ok(),
            _ => None,
        })
        .collect();
    let mut written: Vec<(&str, &Path)> = Vec::new();
    if let OutputSpec::File(path) = &opts.output
        && !std::fs::metadata(path).is_ok_and(|m| !m.is_file())
    {
        written.push(("--output", path));
    }
    if let Some(path) = &opts.overridden_output {
        written.push(("--overridden", path));
    }
    if let Some(path) = &opts.strip_output {
        written.push(("--strip-output", path));
    }
    for (flag, path) in written {
        if let Some(at) = resolved(path)
            && let Some(dir) = dirs.iter().find(|dir| at.starts_with(dir))
        {
            return Err(BatchError::Options(format!(
                "{flag} {} is inside the input directory {}: it would be read back as pages; write it elsewhere",
                path.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Where `path` is, with its directory's links resolved; the file itself need not exist yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(found) = path.canonicalize() {
        return Some(found);
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

/// Opens the output, deciding between a fresh start and a resume.
pub(super) fn prepare(opts: &BatchOptions) -> Result<Prepared, BatchError> {
    match &opts.output {
        OutputSpec::Stdout => unchecked_start(Sink::Stdout(std::io::stdout()), opts).map(Prepared::Run),
        OutputSpec::File(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) => {
            stream_start(path, opts).map(Prepared::Run)
        }
        OutputSpec::File(path) => prepare_file(path, opts),
    }
}

/// A start from the first item with no checkpoint (standard output, a device, a pipe).
fn unchecked_start(sink: Sink, opts: &BatchOptions) -> Result<Start, BatchError> {
    Ok(Start {
        sink,
        corrections: open_corrections(opts, 0)?,
        checkpoint: None,
        consumed: 0,
        stats: Stats::default(),
        resumed: false,
    })
}

/// An output path that is not a regular file (`/dev/null`, a named pipe): written as a stream,
/// so it cannot be resumed.
fn stream_start(path: &Path, opts: &BatchOptions) -> Result<Start, BatchError> {
    if opts.resume {
        return Err(BatchError::Checkpoint {
            path: path.to_path_buf(),
            reason: "--resume needs a regular output file".into(),
        });
    }
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|source| BatchError::Output {
            path: path.to_path_buf(),
            source,
        })?;
    unchecked_start(Sink::Stream(file), opts)
}

/// A regular output file: a fresh start (with a new checkpoint), the resume of an unfinished
/// run, or nothing to do.
fn prepare_file(path: &Path, opts: &BatchOptions) -> Result<Prepared, BatchError> {
    let ckpt_path = checkpoint::path_for(path);
    let start = match read_checkpoint(path, &ckpt_path, opts)? {
        Found::Complete(done) => return Ok(Prepared::AlreadyComplete(done)),
        Found::Unfinished(c) => {
            tracing::info!(consumed = c.consumed, bytes = c.output_len, "resuming");
            Start {
                sink: Sink::file(path, c.output_len)?,
                corrections: open_corrections(opts, c.overridden_len)?,
                checkpoint: Some(ckpt_path),
                consumed: c.consumed,
                stats: c.stats,
                resumed: true,
            }
        }
        Found::Fresh => fresh_file_start(path, ckpt_path, opts)?,
    };
    Ok(Prepared::Run(start))
}

/// Reads the checkpoint of `path` and checks it against the options: a resume needs a
/// checkpoint of the same run (or an empty output); a fresh start must not silently
/// overwrite an unfinished run.
fn read_checkpoint(path: &Path, ckpt_path: &Path, opts: &BatchOptions) -> Result<Found, BatchError> {
    match (opts.resume, checkpoint::load(ckpt_path)?) {
        (true, Some(c)) => {
            let fingerprint = opts.fingerprint();
            if c.fingerprint != fingerprint {
                return Err(BatchError::Checkpoint {
                    path: ckpt_path.to_path_buf(),
                    reason: format!(
                        "it belongs to a run with other inputs or options ({}); this run is {}",
                        c.fingerprint, fingerprint
                    ),
                });
            }
            Ok(if c.complete {
                Found::Complete(c)
            } else {
                Found::Unfinished(c)
            })
        }
        (true, None) if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) => Err(BatchError::Checkpoint {
            path: ckpt_path.to_path_buf(),
            reason: "missing, but the output is not empty: not a spamsift batch output?".into(),
        }),
        (false, Some(c)) if !c.complete && !opts.overwrite => Err(BatchError::Unfinished {
            path: path.to_path_buf(),
        }),
        (true, None) | (false, _) => Ok(Found::Fresh),
    }
}

/// Empties `path` (and the `--overridden` file) and records a checkpoint at the first item.
fn fresh_file_start(path: &Path, ckpt_path: PathBuf, opts: &BatchOptions) -> Result<Start, BatchError> {
    let sink = Sink::file(path, 0)?;
    let corrections = open_corrections(opts, 0)?;
    checkpoint::save(
        &ckpt_path,
        &Checkpoint {
            format: checkpoint::FORMAT,
            fingerprint: opts.fingerprint(),
            consumed: 0,
            output_len: 0,
            complete: false,
            stats: Stats::default(),
            overridden_len: 0,
        },
    )?;
    Ok(Start {
        sink,
        corrections,
        checkpoint: Some(ckpt_path),
        consumed: 0,
        stats: Stats::default(),
        resumed: false,
    })
}

/// Opens the `--overridden` file, cut to the `keep` bytes a resumed run had committed.
fn open_corrections(opts: &BatchOptions, keep: u64) -> Result<Option<Sink>, BatchError> {
    opts.overridden_output
        .as_deref()
        .map(|p| Sink::file(p, keep))
        .transpose()
}
