//! Counters of a run, and the end-of-run summary (stderr and `--summary FILE`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::outcome::Outcome;
use crate::Verdict;

/// Cumulative counters. Saved in the checkpoint, so a resumed run reports the whole run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Documents seen (scored + errors); each owes exactly one line unless filtered out.
    pub documents: u64,
    /// Documents scored.
    pub scored: u64,
    /// Documents whose verdict is not `clean`.
    pub flagged: u64,
    /// Lines written (results and errors).
    pub lines_written: u64,
    /// Scored documents not written because of `--only-flagged` / `--min-score`.
    pub filtered_out: u64,
    /// Scored documents by verdict.
    pub verdicts: BTreeMap<String, u64>,
    /// Flagged documents by top category.
    pub flagged_by_category: BTreeMap<String, u64>,
    /// Error lines by kind.
    pub errors: BTreeMap<String, u64>,
    /// Items that are not documents, by reason (`non_html`, `non_response`, `other_shard`).
    pub skipped: BTreeMap<String, u64>,
    /// Bytes of the pages scored.
    pub page_bytes: u64,
    /// Documents whose verdict the operator policy changed.
    #[serde(default)]
    pub overridden: u64,
    /// Documents on which each policy rule fired, by rule id.
    #[serde(default)]
    pub rule_hits: BTreeMap<String, u64>,
    /// Training records written to `--overridden`.
    #[serde(default)]
    pub corrections: u64,
}

impl Stats {
    /// Adds one outcome.
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Skipped(reason) => *self.skipped.entry((*reason).to_owned()).or_default() += 1,
            Outcome::Error { kind, .. } => {
                self.documents += 1;
                self.lines_written += 1;
                *self.errors.entry(kind.clone()).or_default() += 1;
            }
            Outcome::Scored {
                verdict,
                top,
                page_bytes,
                line,
                rules,
                overridden,
                correction,
            } => {
                self.documents += 1;
                self.overridden += u64::from(*overridden);
                self.corrections += u64::from(correction.is_some());
                for rule in rules {
                    *self.rule_hits.entry(rule.clone()).or_default() += 1;
                }
                self.scored += 1;
                self.page_bytes += page_bytes;
                let name = match verdict {
                    Verdict::Clean => "clean",
                    Verdict::Review => "review",
                    Verdict::Spam => "spam",
                };
                *self.verdicts.entry(name.to_owned()).or_default() += 1;
                if *verdict != Verdict::Clean {
                    self.flagged += 1;
                    *self.flagged_by_category.entry(top.name().to_owned()).or_default() += 1;
                }
                if line.is_some() {
                    self.lines_written += 1;
                } else {
                    self.filtered_out += 1;
                }
            }
            Outcome::Fatal(_) => {}
        }
    }

    /// Total error lines.
    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }
}

/// What a run did, printed at the end and written by `--summary`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    /// Counters over the whole run (including the part before a resume).
    #[serde(flatten)]
    pub stats: Stats,
    /// Documents handled by this invocation (excludes those done before a resume).
    pub documents_this_run: u64,
    /// Wall time of this invocation, seconds.
    pub elapsed_secs: f64,
    /// Documents per second in this invocation.
    pub docs_per_sec: f64,
    /// Page megabytes (10^6) per second in this invocation.
    pub mb_per_sec: f64,
    /// Scoring threads used.
    pub threads: usize,
    /// Whether this invocation continued an earlier one.
    pub resumed: bool,
}

impl Summary {
    /// Human-readable multi-line summary for stderr.
    pub fn to_text(&self) -> String {
        let s = &self.stats;
        let fmt_map = |m: &BTreeMap<String, u64>| {
            if m.is_empty() {
                "none".to_owned()
            } else {
                m.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ")
            }
        };
        format!(
            "documents: {} (scored {}, errors {}), lines written: {}, filtered out: {}\n\
             verdicts: {}\nflagged: {} by category: {}\nerrors: {}\nskipped: {}\n\
             throughput: {} docs in {:.1}s = {:.1} docs/s, {:.2} MB/s on {} thread(s){}",
            s.documents,
            s.scored,
            s.error_count(),
            s.lines_written,
            s.filtered_out,
            fmt_map(&s.verdicts),
            s.flagged,
            fmt_map(&s.flagged_by_category),
            fmt_map(&s.errors),
            fmt_map(&s.skipped),
            self.documents_this_run,
            self.elapsed_secs,
            self.docs_per_sec,
            self.mb_per_sec,
            self.threads,
            if self.resumed { " (resumed)" } else { "" },
        ) + &self.policy_text()
    }

    /// The policy line of [`Summary::to_text`]; empty when no rule fired.
    fn policy_text(&self) -> String {
        let s = &self.stats;
        if s.rule_hits.is_empty() {
            return String::new();
        }
        let hits: Vec<String> = s.rule_hits.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!(
            "\npolicy: {} overridden, {} training records; rule hits: {}",
            s.overridden,
            s.corrections,
            hits.join(" ")
        )
    }
}
