//! What scoring a page returns: verdict, score, categories, byte spans and evidence.

use serde::{Deserialize, Serialize};

/// The page-level decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No injected spam found.
    Clean,
    /// Borderline: worth a human look.
    Review,
    /// Spam, adult or gambling content was injected (or the whole page is spam).
    Spam,
}

/// Kind of injected content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Pornography and adult services.
    Adult,
    /// Gambling, casinos, betting and lottery platforms.
    Gambling,
    /// Black-market ads: fake invoices and certificates, loans, data selling, private game servers.
    Other,
}

impl Category {
    /// All categories, in the order used by models and reports.
    pub const ALL: [Category; 3] = [Category::Adult, Category::Gambling, Category::Other];

    /// Lower-case name, as used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Category::Adult => "adult",
            Category::Gambling => "gambling",
            Category::Other => "other",
        }
    }

    /// Parses a lower-case name.
    pub fn from_name(name: &str) -> Option<Self> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Probability-like score per category, each in `[0, 1]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryScores {
    /// Adult content.
    pub adult: f32,
    /// Gambling content.
    pub gambling: f32,
    /// Other black-market spam.
    pub other: f32,
}

impl CategoryScores {
    /// Score of one category.
    pub fn get(&self, category: Category) -> f32 {
        match category {
            Category::Adult => self.adult,
            Category::Gambling => self.gambling,
            Category::Other => self.other,
        }
    }

    /// The highest-scoring category.
    pub fn top(&self) -> Category {
        let mut best = Category::Adult;
        for c in Category::ALL {
            if self.get(c) > self.get(best) {
                best = c;
            }
        }
        best
    }
}

/// One injected region: `[start, end)` byte offsets into the original input bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span in the input.
    pub start: usize,
    /// One past the last byte of the span in the input.
    pub end: usize,
    /// Most likely category of this span.
    pub category: Category,
    /// Spam probability of this span.
    pub score: f32,
    /// Where on the page it sits (title, meta, body, hidden, links...).
    pub region: String,
}

/// A token or signal that pushed the decision, with its weight (log-odds towards spam).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The token (normalised text) or signal name.
    pub feature: String,
    /// Contribution in log-odds; positive means spam.
    pub weight: f32,
}

/// The result of scoring one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Calibrated spam probability of the page; 0.5 is the decision boundary.
    pub score: f32,
    /// Decision from `score` and the model's thresholds.
    pub verdict: Verdict,
    /// Per-category scores.
    pub categories: CategoryScores,
    /// Injected regions as byte spans into the input, in page order.
    pub spans: Vec<Span>,
    /// Strongest evidence, most important first.
    pub evidence: Vec<Evidence>,
    /// Character encoding the input was decoded with (WHATWG name).
    pub encoding: String,
    /// Whether the input was read as HTML or as plain text.
    pub input_kind: String,
    /// Ids of the operator-policy rules that fired on this page (see `docs/policy.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// Whether the operator policy changed the model's verdict.
    #[serde(default)]
    pub overridden: bool,
}

impl Report {
    /// The text a span covers, decoded with the page's encoding (for display).
    pub fn span_text(&self, input: &[u8], span: &Span) -> String {
        let Some(bytes) = input.get(span.start..span.end.min(input.len())) else {
            return String::new();
        };
        let encoding = encoding_rs::Encoding::for_label(self.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    }
}

/// Model metadata, as carried in the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// Model version string (format version, feature version and training-data fingerprint).
    pub version: String,
    /// Page labels the model predicts.
    pub labels: Vec<String>,
    /// Spam categories the model scores.
    pub categories: Vec<String>,
    /// Score at or above which a page is `spam`.
    pub spam_threshold: f32,
    /// Score at or above which a page is at least `review`.
    pub review_threshold: f32,
    /// SHA-256 of the training data, hex.
    pub training_fingerprint: String,
    /// Held-out metrics measured at training time, by name.
    pub training_metrics: Vec<(String, f64)>,
    /// Number of training pages.
    pub training_pages: usize,
}
