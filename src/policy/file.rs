//! The policy file: TOML text → validated rules. Every error names its line and column.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::error::PolicyError;
use super::rule::{CategoryThresholds, GLOBAL_THRESHOLD_PREFIX, Rule, RuleKind};
use crate::normalize::normalize_str;
use crate::report::Category;

/// The policy file format this build reads (`version = 1`).
pub const POLICY_FORMAT: u32 = 1;

/// Longest rule id, in bytes.
const MAX_ID_LEN: usize = 128;

/// Longest phrase after normalisation, in characters.
const MAX_PHRASE_CHARS: usize = 256;

/// Everything a policy file says, validated.
#[derive(Debug, Clone, Default)]
pub struct PolicySpec {
    /// The file's `version`.
    pub version: u32,
    /// All rules in file order: allow, deny, host thresholds, then global thresholds.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    version: Spanned<i64>,
    #[serde(default)]
    allow: Vec<RawRule>,
    #[serde(default)]
    deny: Vec<RawRule>,
    #[serde(default)]
    thresholds: Option<Spanned<RawThresholds>>,
    #[serde(default)]
    host_thresholds: Vec<RawHostThresholds>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    #[serde(default)]
    hosts: Vec<Spanned<String>>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    category: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    adult: Option<Spanned<f64>>,
    gambling: Option<Spanned<f64>>,
    other: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHostThresholds {
    id: Spanned<String>,
    hosts: Vec<Spanned<String>>,
    adult: Option<Spanned<f64>>,
    gambling: Option<Spanned<f64>>,
    other: Option<Spanned<f64>>,
    #[serde(default)]
    note: Option<String>,
}

/// Parses and validates policy text. `origin` names the file in error messages.
pub fn parse(origin: &str, text: &str) -> Result<PolicySpec, PolicyError> {
    let raw: RawPolicy = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        PolicyError::at(origin, text, offset, e.message().trim())
    })?;
    let mut checker = Checker {
        origin,
        text,
        ids: HashSet::new(),
        verdict_hosts: HashMap::new(),
    };
    let version = *raw.version.get_ref();
    if version != i64::from(POLICY_FORMAT) {
        return Err(checker.error(
            raw.version.span(),
            format!("unsupported policy version {version}; this build reads version {POLICY_FORMAT}"),
        ));
    }
    let mut rules = Vec::new();
    for r in raw.allow {
        if let Some(c) = &r.category {
            return Err(checker.error(c.span(), "an [[allow]] rule has no category"));
        }
        rules.push(checker.rule(r, RuleKind::Allow, "[[allow]]")?);
    }
    for r in raw.deny {
        let Some(c) = &r.category else {
            return Err(checker.error(
                r.id.span(),
                "a [[deny]] rule needs category = \"adult\", \"gambling\" or \"other\"",
            ));
        };
        let category = Category::from_name(c.get_ref())
            .ok_or_else(|| checker.error(c.span(), "category must be \"adult\", \"gambling\" or \"other\""))?;
        rules.push(checker.rule(r, RuleKind::Deny { category }, "[[deny]]")?);
    }
    for h in raw.host_thresholds {
        let thresholds = checker.thresholds(&h.adult, &h.gambling, &h.other)?;
        if thresholds.is_empty() {
            return Err(checker.error(
                h.id.span(),
                "a [[host_thresholds]] rule sets at least one of adult, gambling, other",
            ));
        }
        if h.hosts.is_empty() {
            return Err(checker.error(h.id.span(), "a [[host_thresholds]] rule needs hosts"));
        }
        let id = checker.id(&h.id)?;
        let hosts = h.hosts.iter().map(|s| checker.host(s)).collect::<Result<_, _>>()?;
        rules.push(Rule {
            id,
            kind: RuleKind::HostThresholds { thresholds },
            hosts,
            phrases: Vec::new(),
            note: h.note,
        });
    }
    if let Some(t) = raw.thresholds {
        let t = t.into_inner();
        let global = checker.thresholds(&t.adult, &t.gambling, &t.other)?;
        for category in Category::ALL {
            if let Some(threshold) = global.get(category) {
                rules.push(Rule {
                    id: format!("{GLOBAL_THRESHOLD_PREFIX}{}", category.name()),
                    kind: RuleKind::GlobalThreshold { category, threshold },
                    hosts: Vec::new(),
                    phrases: Vec::new(),
                    note: None,
                });
            }
        }
    }
    Ok(PolicySpec {
        version: POLICY_FORMAT,
        rules,
    })
}

/// Validation state: the source text for positions and the ids seen so far.
struct Checker<'a> {
    origin: &'a str,
    text: &'a str,
    ids: HashSet<String>,
    /// Host pattern → (rule id, table) of the allow or deny rule that named it.
    verdict_hosts: HashMap<String, (String, &'static str)>,
}

impl Checker<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> PolicyError {
        PolicyError::at(self.origin, self.text, span.start, message)
    }

    /// An allow or deny rule.
    fn rule(&mut self, r: RawRule, kind: RuleKind, table: &'static str) -> Result<Rule, PolicyError> {
        let id = self.id(&r.id)?;
        if r.hosts.is_empty() && r.phrases.is_empty() {
            return Err(self.error(r.id.span(), format!("a {table} rule needs hosts, phrases or both")));
        }
        let mut hosts = Vec::with_capacity(r.hosts.len());
        for h in &r.hosts {
            let host = self.host(h)?;
            match self.verdict_hosts.get(&host) {
                Some((other, other_table)) if *other_table != table => {
                    return Err(self.error(
                        h.span(),
                        format!("host \"{host}\" is also in the {other_table} rule \"{other}\""),
                    ));
                }
                Some(_) => {}
                None => {
                    self.verdict_hosts.insert(host.clone(), (id.clone(), table));
                }
            }
            hosts.push(host);
        }
        let mut phrases: Vec<String> = Vec::with_capacity(r.phrases.len());
        let mut seen = HashSet::new();
        for p in &r.phrases {
            let phrase = self.phrase(p)?;
            if seen.insert(phrase.clone()) {
                phrases.push(phrase);
            }
        }
        Ok(Rule {
            id,
            kind,
            hosts,
            phrases,
            note: r.note,
        })
    }

    fn id(&mut self, id: &Spanned<String>) -> Result<String, PolicyError> {
        let s = id.get_ref();
        let valid = !s.is_empty()
            && s.len() <= MAX_ID_LEN
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
        if !valid {
            return Err(self.error(
                id.span(),
                format!("a rule id is 1 to {MAX_ID_LEN} ASCII letters, digits, '-', '_', '.' or ':'"),
            ));
        }
        if s.starts_with(GLOBAL_THRESHOLD_PREFIX) {
            return Err(self.error(
                id.span(),
                format!("ids starting with \"{GLOBAL_THRESHOLD_PREFIX}\" are reserved"),
            ));
        }
        if !self.ids.insert(s.clone()) {
            return Err(self.error(id.span(), format!("duplicate rule id \"{s}\"")));
        }
        Ok(s.clone())
    }

    fn host(&self, host: &Spanned<String>) -> Result<String, PolicyError> {
        super::hosts::parse_host_pattern(host.get_ref()).map_err(|reason| self.error(host.span(), reason))
    }

    fn phrase(&self, phrase: &Spanned<String>) -> Result<String, PolicyError> {
        // Matching ignores spaces (see `matcher`), so they are dropped here too.
        let normalised: String = normalize_str(phrase.get_ref())
            .text()
            .chars()
            .filter(|&c| c != ' ' && c != '\n')
            .collect();
        let normalised = normalised.as_str();
        if normalised.is_empty() {
            return Err(self.error(phrase.span(), "the phrase is empty after normalisation"));
        }
        if normalised.chars().count() > MAX_PHRASE_CHARS {
            return Err(self.error(
                phrase.span(),
                format!("a phrase is at most {MAX_PHRASE_CHARS} characters"),
            ));
        }
        Ok(normalised.to_owned())
    }

    fn thresholds(
        &self,
        adult: &Option<Spanned<f64>>,
        gambling: &Option<Spanned<f64>>,
        other: &Option<Spanned<f64>>,
    ) -> Result<CategoryThresholds, PolicyError> {
        let one = |v: &Option<Spanned<f64>>| -> Result<Option<f32>, PolicyError> {
            match v {
                None => Ok(None),
                Some(s) if *s.get_ref() > 0.0 && *s.get_ref() <= 1.0 => Ok(Some(*s.get_ref() as f32)),
                Some(s) => Err(self.error(s.span(), "a threshold is a number in (0, 1]")),
            }
        };
        Ok(CategoryThresholds {
            adult: one(adult)?,
            gambling: one(gambling)?,
            other: one(other)?,
        })
    }
}
