//! `spamsift score`.

use std::path::PathBuf;

/// Arguments of `spamsift score`.
#[derive(clap::Args)]
pub struct ScoreArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Runs `spamsift score`.
pub fn run(args: ScoreArgs) -> anyhow::Result<()> {
    let _model = super::load_model(args.model.as_ref())?;
    anyhow::bail!("`spamsift score` is not implemented yet")
}
