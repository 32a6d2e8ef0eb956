//! `spamsift batch` (placeholder until its issue lands).

use std::path::PathBuf;

/// Arguments of `spamsift batch`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Runs `spamsift batch`.
pub fn run(args: BatchArgs) -> anyhow::Result<()> {
    let _model = super::load_model(args.model.as_ref())?;
    anyhow::bail!("`spamsift batch` is not implemented yet")
}
