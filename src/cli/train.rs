//! `spamsift train`.

use std::path::PathBuf;

/// Arguments of `spamsift train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Runs `spamsift train`.
pub fn run(args: TrainArgs) -> anyhow::Result<()> {
    let _model = super::load_model(args.model.as_ref())?;
    anyhow::bail!("`spamsift train` is not implemented yet")
}
