//! Operator policy: allow and deny rules, and flag thresholds, applied on top of the model.
//!
//! A policy is a TOML file (see `docs/policy.md`) compiled into a [`Policy`]. Scoring with a
//! policy ([`Classifier::score_with_policy`](crate::Classifier::score_with_policy)) runs in
//! three steps around the model:
//!
//! 1. **pre-pass**: every phrase of every rule is matched in one pass per block over the
//!    normalised text (a start filter at each position, and walks of one Aho-Corasick automaton
//!    where a phrase may start); tokens covered by an allowed phrase are removed, so an allowed
//!    phrase's characters are not spam evidence;
//! 2. the model's normal scoring;
//! 3. **post-pass**: deny phrases add a span and make the page spam, host rules force the
//!    verdict (an allowed host is never spam, a denied host always is), and per-category
//!    thresholds (global or per host suffix) re-decide the verdict. The ids of the rules that
//!    fired go into [`Report::rules`] and the evidence, and [`Report::overridden`] says whether
//!    the verdict differs from the model's own.
//!
//! Precedence: host allow/deny > deny phrases > thresholds > the model.

mod alphabet;
mod apply;
mod error;
mod file;
mod hosts;
mod matcher;
mod rule;
mod starts;

use std::path::Path;
use std::sync::LazyLock;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use error::PolicyError;
pub use file::POLICY_FORMAT;
pub use rule::{CategoryThresholds, Rule, RuleKind};

use crate::pipeline::Analyzed;
use crate::report::{Category, Report};
use hosts::HostMap;
use matcher::PhraseMatcher;

/// Prefix of the evidence items that name a fired rule (`rule:deny-campaign-42`).
pub const RULE_EVIDENCE_PREFIX: &str = "rule:";

/// Identity and size of a loaded policy, for `GetPolicyInfo`, metrics and logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyInfo {
    /// Policy file format version (`version` in the file); 0 when there is no policy.
    pub version: u32,
    /// SHA-256 of the policy file's bytes, hex; empty when there is no policy.
    pub hash: String,
    /// Where the policy came from: the file path, `<string>`, or `none`.
    pub source: String,
    /// Number of rules (each global threshold counts as one).
    pub rules: usize,
    /// Number of distinct phrases.
    pub phrases: usize,
    /// Number of distinct host patterns.
    pub hosts: usize,
}

/// What the post-pass needs to know about the page besides its analysis.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageContext<'a> {
    /// The page's original bytes (spans are offsets into them).
    pub(crate) input: &'a [u8],
    /// The URL the page was fetched from, when known.
    pub(crate) url: Option<&'a str>,
    /// The model's review threshold (a raised category threshold demotes `spam` to `review`
    /// above it and to `clean` below it).
    pub(crate) review_threshold: f32,
}

/// A compiled policy. Cheap to share across threads (`Send + Sync`); immutable once built.
#[derive(Debug, Clone)]
pub struct Policy {
    info: PolicyInfo,
    rules: Vec<Rule>,
    phrases: PhraseMatcher,
    hosts: HostMap,
    /// Rule index of the global threshold of each category, in [`Category::ALL`] order.
    global: [Option<usize>; 3],
}

static NO_POLICY: LazyLock<Policy> = LazyLock::new(Policy::empty);

impl Policy {
    /// A policy without rules: scoring with it gives exactly the model's report.
    pub fn empty() -> Self {
        Policy {
            info: PolicyInfo {
                version: 0,
                hash: String::new(),
                source: "none".to_owned(),
                rules: 0,
                phrases: 0,
                hosts: 0,
            },
            rules: Vec::new(),
            phrases: PhraseMatcher::default(),
            hosts: HostMap::default(),
            global: [None; 3],
        }
    }

    /// A shared empty policy, for callers that have none.
    pub fn none() -> &'static Policy {
        &NO_POLICY
    }

    /// Reads and compiles a policy file.
    pub fn load(path: &Path) -> Result<Self, PolicyError> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| PolicyError::Io {
            path: origin.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]).into_owned();
            PolicyError::at(&origin, &valid, valid.len(), "the policy file is not UTF-8")
        })?;
        Self::from_toml(&origin, &text)
    }

    /// Compiles policy text; `origin` names it in error messages and [`PolicyInfo::source`].
    pub fn from_toml(origin: &str, text: &str) -> Result<Self, PolicyError> {
        let spec = file::parse(origin, text)?;
        let phrases = PhraseMatcher::build(
            spec.rules
                .iter()
                .enumerate()
                .flat_map(|(i, r)| r.phrases.iter().map(move |p| (i, p.as_str()))),
        )
        .map_err(|message| PolicyError::at(origin, text, 0, message))?;
        let mut hosts = HostMap::default();
        let mut global = [None; 3];
        for (i, rule) in spec.rules.iter().enumerate() {
            for h in &rule.hosts {
                hosts.insert(h, i);
            }
            if let RuleKind::GlobalThreshold { category, .. } = rule.kind {
                global[category_index(category)] = Some(i);
            }
        }
        let info = PolicyInfo {
            version: spec.version,
            hash: hex(&Sha256::digest(text.as_bytes())),
            source: origin.to_owned(),
            rules: spec.rules.len(),
            phrases: phrases.len(),
            hosts: hosts.len(),
        };
        Ok(Policy {
            info,
            rules: spec.rules,
            phrases,
            hosts,
            global,
        })
    }

    /// Identity and size of this policy.
    pub fn info(&self) -> &PolicyInfo {
        &self.info
    }

    /// The rules, in file order (allow, deny, host thresholds, global thresholds).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Whether the policy has no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Scores an analysed page under this policy. `score` is the model: it turns an analysed
    /// page into the model's report. It runs once, or twice when an allowed phrase occurs
    /// (once more on the untouched page, to tell whether the allowance changed the verdict).
    pub(crate) fn decide(
        &self,
        page: &Analyzed,
        context: PageContext<'_>,
        score: impl Fn(&Analyzed) -> Report,
    ) -> Report {
        if self.is_empty() {
            return score(page);
        }
        apply::decide(self, page, context, score)
    }
}

/// Position of `category` in [`Category::ALL`].
fn category_index(category: Category) -> usize {
    Category::ALL.iter().position(|&c| c == category).unwrap_or(0)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
