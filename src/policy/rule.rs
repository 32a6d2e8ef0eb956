//! One operator rule as understood from the policy file.

use serde::Serialize;

use crate::report::Category;

/// Prefix of the ids given to the global `[thresholds]` entries (`thresholds.adult`, ...).
pub const GLOBAL_THRESHOLD_PREFIX: &str = "thresholds.";

/// A flag threshold per category; `None` keeps the model's own spam threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct CategoryThresholds {
    /// Threshold for pages whose main category is adult.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adult: Option<f32>,
    /// Threshold for pages whose main category is gambling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gambling: Option<f32>,
    /// Threshold for pages whose main category is other.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<f32>,
}

impl CategoryThresholds {
    /// The threshold set for `category`, if any.
    pub fn get(&self, category: Category) -> Option<f32> {
        match category {
            Category::Adult => self.adult,
            Category::Gambling => self.gambling,
            Category::Other => self.other,
        }
    }

    /// Whether no category has a threshold.
    pub fn is_empty(&self) -> bool {
        Category::ALL.into_iter().all(|c| self.get(c).is_none())
    }
}

/// What a rule does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    /// `[[allow]]`: its hosts are never spam; its phrases are not spam evidence.
    Allow,
    /// `[[deny]]`: its hosts are always spam; its phrases make their block spam.
    Deny {
        /// Category of the spans its phrases produce.
        category: Category,
    },
    /// `[[host_thresholds]]`: per-category thresholds for its hosts.
    HostThresholds {
        /// The thresholds.
        thresholds: CategoryThresholds,
    },
    /// One entry of the global `[thresholds]` table.
    GlobalThreshold {
        /// The category.
        category: Category,
        /// The threshold.
        threshold: f32,
    },
}

impl RuleKind {
    /// Short name of the kind, as printed by `spamsift policy check`.
    pub fn name(&self) -> &'static str {
        match self {
            RuleKind::Allow => "allow",
            RuleKind::Deny { .. } => "deny",
            RuleKind::HostThresholds { .. } => "host_thresholds",
            RuleKind::GlobalThreshold { .. } => "threshold",
        }
    }
}

/// One rule of a policy, with its hosts and phrases in matching form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// The operator's id for the rule; shown in evidence and metrics.
    pub id: String,
    /// What the rule does.
    #[serde(flatten)]
    pub kind: RuleKind,
    /// Host names or domain suffixes (lower case, ASCII/punycode).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// Phrases after normalisation (what is actually matched).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// Who added the rule and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
