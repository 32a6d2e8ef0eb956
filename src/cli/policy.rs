//! `spamsift policy check FILE`: validate a policy file and print the rules it understood.

use std::io::Write;
use std::path::PathBuf;

use spamsift::Policy;
use spamsift::policy::{Rule, RuleKind};

/// Subcommands of `spamsift policy`.
#[derive(clap::Subcommand)]
pub enum PolicyCommand {
    /// Validate a policy file and print its rules; exits non-zero (with line and column) if invalid.
    Check(CheckArgs),
}

/// Arguments of `spamsift policy check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// The policy file.
    pub file: PathBuf,
    /// Also print every phrase, as normalised for matching.
    #[arg(long)]
    pub phrases: bool,
    /// Print the policy as JSON (info and rules, phrases included).
    #[arg(long)]
    pub json: bool,
}

/// Runs a `spamsift policy` subcommand.
pub fn run(command: PolicyCommand) -> anyhow::Result<()> {
    match command {
        PolicyCommand::Check(args) => check(args),
    }
}

fn check(args: CheckArgs) -> anyhow::Result<()> {
    let policy = super::load_policy(Some(&args.file))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = serde_json::json!({"info": policy.info(), "rules": policy.rules()});
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    print_text(&mut out, &policy, args.phrases)?;
    Ok(())
}

fn print_text(out: &mut impl Write, policy: &Policy, phrases: bool) -> std::io::Result<()> {
    let info = policy.info();
    writeln!(
        out,
        "{}: valid policy, version {}, sha256 {}",
        info.source, info.version, info.hash
    )?;
    writeln!(
        out,
        "{} rules, {} phrases, {} host patterns",
        info.rules, info.phrases, info.hosts
    )?;
    for rule in policy.rules() {
        writeln!(out, "{}", summary(rule))?;
        if let Some(note) = &rule.note {
            writeln!(out, "    note: {note}")?;
        }
        for host in &rule.hosts {
            writeln!(out, "    host: {host}")?;
        }
        if phrases {
            for phrase in &rule.phrases {
                writeln!(out, "    phrase: {phrase}")?;
            }
        }
    }
    Ok(())
}

/// One line per rule: kind, id and what it does.
fn summary(rule: &Rule) -> String {
    let what = match &rule.kind {
        RuleKind::Allow => String::new(),
        RuleKind::Deny { category } => format!("category={} ", category.name()),
        RuleKind::HostThresholds { thresholds } => spamsift::Category::ALL
            .iter()
            .filter_map(|&c| thresholds.get(c).map(|t| format!("{}={t} ", c.name())))
            .collect(),
        RuleKind::GlobalThreshold { category, threshold } => format!("{}={threshold} ", category.name()),
    };
    format!(
        "{:<16} {:<32} {what}hosts={} phrases={}",
        rule.kind.name(),
        rule.id,
        rule.hosts.len(),
        rule.phrases.len()
    )
}
