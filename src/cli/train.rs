//! `spamsift train`: learn a model from labelled pages.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use spamsift::internals::{sync_dir, write_atomic};
use spamsift::train::background::Background;
use spamsift::train::{TrainOptions, load_training_data, train};

/// Arguments of `spamsift train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Training data: `.jsonl` files or directories holding them (our training-data/ or the bench format).
    #[arg(long, required = true, num_args = 1..)]
    pub data: Vec<PathBuf>,
    /// Where to write the model file.
    #[arg(long, short)]
    pub output: PathBuf,
    /// Seed for the held-out split and cross-fitting folds.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Share of pages held out to report metrics.
    #[arg(long, default_value_t = TrainOptions::default().holdout)]
    pub holdout: f64,
    /// L2 penalty of the regressions.
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    pub l2: f64,
    /// Laplace smoothing of the token weights.
    #[arg(long, default_value_t = TrainOptions::default().nb_alpha)]
    pub nb_alpha: f64,
    /// Tokens seen in fewer training blocks get no weight.
    #[arg(long, default_value_t = TrainOptions::default().nb_min_blocks)]
    pub nb_min_blocks: u32,
    /// How many times a block of a `hard_negative` page counts in the token weights.
    #[arg(long, default_value_t = TrainOptions::default().nb_hard_negative_weight)]
    pub nb_hard_negative_weight: u32,
    /// Background of real language for the token weights: a folder with `wordfreq_zh.tsv` and
    /// `wordfreq_en.tsv` (from `training-data/fetch.py`, in `training-data/.cache/background`).
    #[arg(long)]
    pub background: Option<PathBuf>,
    /// Running text of real language for the background, one paragraph a line.
    #[arg(long, num_args = 1.., requires = "background")]
    pub background_text: Vec<PathBuf>,
    /// How strongly the background holds token weights back (0 turns it off).
    #[arg(long, default_value_t = TrainOptions::default().background_strength)]
    pub background_strength: f64,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Runs `spamsift train`.
pub fn run(args: TrainArgs) -> anyhow::Result<()> {
    super::init_threads(args.threads)?;
    let started = Instant::now();
    let examples = load_training_data(&args.data)?;
    let spam = examples.iter().filter(|e| e.spam).count();
    eprintln!(
        "read {} pages ({spam} spam, {} clean)",
        examples.len(),
        examples.len() - spam
    );
    let bar = ProgressBar::with_draw_target(Some(examples.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} analysing {pos}/{len} pages [{elapsed_precise}] {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let options = TrainOptions {
        seed: args.seed,
        holdout: args.holdout,
        l2: args.l2,
        nb_alpha: args.nb_alpha,
        nb_min_blocks: args.nb_min_blocks,
        nb_hard_negative_weight: args.nb_hard_negative_weight,
        background_strength: args.background_strength,
    };
    let background = match &args.background {
        Some(dir) => {
            let b = Background::load(dir, &args.background_text)?;
            eprintln!("background: {} tokens from {}", b.len(), dir.display());
            b
        }
        None => Background::none(),
    };
    let trained = train(&examples, &background, &options, &|n| {
        if n % 256 == 0 {
            bar.set_position(n as u64);
        }
    })?;
    bar.finish_and_clear();
    let bytes = trained.model.to_bytes()?;
    // Atomically, so that a server watching the file never loads a torn model.
    write_atomic(&args.output, &bytes)
        .and_then(|()| sync_dir(args.output.parent()))
        .with_context(|| format!("writing {}", args.output.display()))?;
    let m = trained.holdout;
    eprintln!(
        "trained on {} pages, held out {} ({} spam pages had no placeable snippet)",
        trained.counts.0, trained.counts.1, trained.unplaced_spam
    );
    eprintln!(
        "held-out: precision {:.4}  recall {:.4}  F1 {:.4}  FPR {:.4}  ROC-AUC {:.4}  PR-AUC {:.4}",
        m.precision, m.recall, m.f1, m.fpr, m.roc_auc, m.pr_auc
    );
    eprintln!(
        "wrote {} ({} bytes, version {}) in {:.1}s",
        args.output.display(),
        bytes.len(),
        trained.model.parts.info.version,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
