//! `spamsift eval`: metrics of a model on labelled pages.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use spamsift::eval::{EvalReport, GroupRate, evaluate_with_policy};
use spamsift::train::load_training_data;

/// Arguments of `spamsift eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Labelled pages: `.jsonl` files or directories (records with `html`, `text`, or a raw `file` beside the JSONL).
    #[arg(long, required = true, num_args = 1..)]
    pub data: Vec<PathBuf>,
    /// Also write `{"id","score"}` lines here (for external scorers).
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Operator policy file; its phrase and threshold rules apply (records have no URL).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
}

/// Runs `spamsift eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    super::init_threads(args.threads)?;
    let classifier = super::load_model(args.model.as_ref())?;
    let policy = super::load_policy(args.policy.as_ref())?;
    let examples = load_training_data(&args.data)?;
    let report = evaluate_with_policy(&classifier, &policy, &examples);
    if let Some(path) = &args.predictions {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for (id, score) in &report.scores {
            writeln!(out, "{}", serde_json::json!({"id": id, "score": score}))?;
        }
        out.flush()?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print_table(&mut out, &report, examples.len())?;
    }
    Ok(())
}

fn print_rates(out: &mut impl Write, title: &str, rates: &[GroupRate]) -> std::io::Result<()> {
    if rates.is_empty() {
        return Ok(());
    }
    writeln!(out, "{title}:")?;
    for r in rates {
        writeln!(out, "  {:<24} {:>6} {:.4}  (n={})", r.group, r.measure, r.value, r.n)?;
    }
    Ok(())
}

fn print_table(out: &mut impl Write, r: &EvalReport, pages: usize) -> std::io::Result<()> {
    let m = r.overall;
    writeln!(out, "pages {pages}  errors {}", r.errors)?;
    writeln!(
        out,
        "precision {:.4}  recall {:.4}  F1 {:.4}  FPR {:.4}  ROC-AUC {:.4}  PR-AUC {:.4}",
        m.precision, m.recall, m.f1, m.fpr, m.roc_auc, m.pr_auc
    )?;
    print_rates(out, "by kind", &r.by_kind)?;
    print_rates(out, "recall by category", &r.by_category)?;
    print_rates(out, "recall on obfuscated spam", &r.obfuscated)
}
