//! `spamsift batch`: score many pages (directories, JSONL, WARC / `.warc.gz`, stdin) into JSONL.
//! The work is done by [`spamsift::batch`]; this file parses arguments and draws progress.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use spamsift::batch::{self, BatchOptions, InputSpec, OutputSpec, PolicyScorer, Progress, ProgressSnapshot, Shard};
use spamsift::internals::{sync_dir, write_atomic};

/// Arguments of `spamsift batch`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Inputs: directories (every file is a page, id = file name without extension), JSONL
    /// files ({"id", "html"|"text"|"html_base64", "url"?}), WARC or .warc.gz files, or `-`
    /// for standard input (JSONL or WARC).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output JSONL file; `-` (the default) is standard output.
    #[arg(short, long, value_name = "OUT.jsonl", default_value = "-")]
    pub output: PathBuf,
    /// Scoring threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Write only pages whose verdict is not `clean` (error lines are always written).
    #[arg(long)]
    pub only_flagged: bool,
    /// Write only pages scoring at least this (error lines are always written).
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f32>,
    /// Write the text of every flagged page, with its injected spans removed, into DIR.
    #[arg(long, value_name = "DIR")]
    pub strip_output: Option<PathBuf>,
    /// Continue an interrupted run of the same --output (same inputs and options).
    #[arg(long)]
    pub resume: bool,
    /// Start over even if --output holds an unfinished run.
    #[arg(long)]
    pub overwrite: bool,
    /// Process only shard K of N (0-based), by a stable hash of the id.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Also write the end-of-run summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Documents per chunk (each chunk is scored in parallel, then written and checkpointed).
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub chunk_docs: usize,
    /// Operator policy file (allow/deny rules, thresholds; see docs/policy.md). Host rules
    /// match each document's URL (JSONL `url`, WARC-Target-URI).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Write every page whose verdict a policy rule changed to this JSONL file, as training
    /// records (training-data/README.md, "Record format").
    #[arg(long, value_name = "OUT.jsonl", requires = "policy")]
    pub overridden: Option<PathBuf>,
}

/// Runs `spamsift batch`.
pub fn run(args: BatchArgs) -> anyhow::Result<()> {
    let model = super::load_model(args.model.as_ref())?;
    let policy = super::load_policy(args.policy.as_ref())?;
    let output = if args.output.as_os_str() == "-" {
        OutputSpec::Stdout
    } else {
        OutputSpec::File(args.output.clone())
    };
    let mut opts = BatchOptions::new(args.inputs.iter().map(|p| InputSpec::parse(p)).collect(), output);
    opts.threads = args.threads;
    opts.only_flagged = args.only_flagged;
    opts.min_score = args.min_score;
    opts.strip_output = args.strip_output.clone();
    opts.resume = args.resume;
    opts.overwrite = args.overwrite;
    opts.shard = args.shard;
    opts.chunk_docs = args.chunk_docs;
    opts.model_version = model.info().version.clone();
    opts.policy_hash = policy.info().hash.clone();
    opts.overridden_output = args.overridden.clone();
    let scorer = PolicyScorer {
        classifier: &model,
        policy: &policy,
    };

    let summary = if std::io::stderr().is_terminal() {
        batch::run(&scorer, &opts, &mut Bar::new())
    } else {
        batch::run(&scorer, &opts, &mut batch::NoProgress)
    }
    .context("batch run failed")?;

    eprintln!("{}", summary.to_text());
    if let Some(path) = &args.summary {
        let json = serde_json::to_vec_pretty(&summary).context("serialising the summary")?;
        write_atomic(path, &json)
            .and_then(|()| sync_dir(path.parent()))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// An indicatif bar on stderr (only used when stderr is a terminal).
struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    fn new() -> Self {
        Bar { bar: None }
    }
}

impl Progress for Bar {
    fn update(&mut self, s: &ProgressSnapshot) {
        let bar = self.bar.get_or_insert_with(|| {
            let (bar, template) = match s.total_input_bytes {
                Some(total) => (
                    ProgressBar::new(total),
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}",
                ),
                None => (
                    ProgressBar::new_spinner(),
                    "{spinner} [{elapsed_precise}] {bytes} read {msg}",
                ),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        bar.set_position(s.input_bytes);
        let secs = bar.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} docs, {:.0} docs/s, {:.1} MB pages",
            s.documents,
            s.documents as f64 / secs,
            s.page_bytes as f64 / 1e6
        ));
    }

    fn finish(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}
