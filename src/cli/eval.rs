//! `spamsift eval`.

use std::path::PathBuf;

/// Arguments of `spamsift eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Runs `spamsift eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let _model = super::load_model(args.model.as_ref())?;
    anyhow::bail!("`spamsift eval` is not implemented yet")
}
