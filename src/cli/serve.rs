//! `spamsift serve` (placeholder until its issue lands).

use std::path::PathBuf;

/// Arguments of `spamsift serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Runs `spamsift serve`.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let _model = super::load_model(args.model.as_ref())?;
    anyhow::bail!("`spamsift serve` is not implemented yet")
}
