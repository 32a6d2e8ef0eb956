//! One module per subcommand; shared helpers live here.

pub mod batch;
pub mod eval;
pub mod logging;
pub mod score;
pub mod serve;
pub mod train;

use std::path::PathBuf;

use anyhow::Context;
use spamsift::Classifier;

/// Loads the model at `path`, or the shipped default model when `path` is `None`.
pub fn load_model(path: Option<&PathBuf>) -> anyhow::Result<Classifier> {
    match path {
        Some(p) => Classifier::load(p).with_context(|| format!("loading model {}", p.display())),
        None => Classifier::shipped().context("loading the shipped default model"),
    }
}

/// Sizes rayon's global pool (default: one thread per core).
pub fn init_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    Ok(())
}
