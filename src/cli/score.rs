//! `spamsift score`: score one page and print the result as pretty JSON.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use spamsift::{InputKind, PageInput};

/// Arguments of `spamsift score`.
#[derive(clap::Args)]
pub struct ScoreArgs {
    /// The page file, or `-` for standard input.
    pub input: PathBuf,
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Charset hint, e.g. `gbk` or an HTTP `Content-Type` value.
    #[arg(long)]
    pub charset: Option<String>,
    /// Read the input as HTML or plain text instead of detecting it.
    #[arg(long, value_enum)]
    pub input_kind: Option<KindArg>,
    /// Also print every block's score (normalised text, probability) to stderr.
    #[arg(long)]
    pub explain: bool,
    /// Operator policy file (allow/deny rules, thresholds; see docs/policy.md).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The URL the page was fetched from (for the policy's host rules).
    #[arg(long)]
    pub url: Option<String>,
}

/// `--input-kind`: how to read the page instead of detecting it.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum KindArg {
    /// Parse as HTML.
    Html,
    /// Treat as plain text.
    Text,
}

impl From<KindArg> for InputKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Html => InputKind::Html,
            KindArg::Text => InputKind::Text,
        }
    }
}

/// Runs `spamsift score`.
pub fn run(args: ScoreArgs) -> anyhow::Result<()> {
    let classifier = super::load_model(args.model.as_ref())?;
    let policy = super::load_policy(args.policy.as_ref())?;
    let bytes = if args.input.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        buf
    } else {
        std::fs::read(&args.input).with_context(|| format!("reading {}", args.input.display()))?
    };
    let kind = args.input_kind.map_or(InputKind::Auto, InputKind::from);
    let page = PageInput {
        bytes: &bytes,
        charset_hint: args.charset.as_deref(),
        kind,
    };
    if args.explain {
        eprintln!("{:>6} {:>6} {:>5} {:<16} text", "prob", "mean", "units", "region");
        for b in classifier.explain(&page)? {
            let text: String = b.text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            eprintln!(
                "{:>6.3} {:>6.2} {:>5} {:<16} {}",
                b.probability, b.token_mean, b.evidence_units, b.region, text
            );
        }
    }
    let report = classifier
        .score_with_policy(&page, &policy, args.url.as_deref())
        .with_context(|| format!("scoring {}", args.input.display()))?;
    // The report as JSON, with each span's text added for people reading it.
    let mut shown = serde_json::to_value(&report)?;
    if let Some(spans) = shown.get_mut("spans").and_then(|s| s.as_array_mut()) {
        for (value, span) in spans.iter_mut().zip(&report.spans) {
            if let Some(obj) = value.as_object_mut() {
                obj.insert("text".into(), report.span_text(&bytes, span).into());
            }
        }
    }
    writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&shown)?)?;
    Ok(())
}
