//! Applying a compiled policy to one page: phrase pre-pass, model, and post-pass.

use super::matcher::{PhraseHit, Scratch};
use super::rule::RuleKind;
use super::{PageContext, Policy, RULE_EVIDENCE_PREFIX, category_index};
use crate::pipeline::Analyzed;
use crate::report::{Category, Evidence, Report, Span, Verdict};
use crate::url_host::url_host;

/// Phrase hits of one page, by block.
#[derive(Debug, Default)]
struct Matches {
    /// `(block, hit)` of allow phrases.
    allow: Vec<(usize, PhraseHit)>,
    /// `(block, hit)` of deny phrases not inside an allowed phrase.
    deny: Vec<(usize, PhraseHit)>,
}

/// The whole policy run for one page (see the module docs of [`super`]).
pub(super) fn decide(
    policy: &Policy,
    page: &Analyzed,
    context: PageContext<'_>,
    score: impl Fn(&Analyzed) -> Report,
) -> Report {
    let matches = find(policy, page);
    let (mut report, model_verdict) = if matches.allow.is_empty() {
        let report = score(page);
        let verdict = report.verdict;
        (report, verdict)
    } else {
        let model_verdict = score(page).verdict;
        (score(&without_allowed(page, &matches.allow)), model_verdict)
    };
    post_pass(policy, &matches, page, context, model_verdict, &mut report);
    report
}

/// One automaton pass per block; deny hits inside an allowed phrase are dropped.
fn find(policy: &Policy, page: &Analyzed) -> Matches {
    let mut matches = Matches::default();
    if policy.phrases.is_empty() {
        return matches;
    }
    let mut hits = Vec::new();
    let mut scratch = Scratch::default();
    for (i, block) in page.blocks.iter().enumerate() {
        hits.clear();
        policy.phrases.find(&block.norm.chars, &mut scratch, &mut hits);
        let allowed_from = matches.allow.len();
        for &hit in &hits {
            if matches!(policy.rules[hit.rule].kind, RuleKind::Allow) {
                matches.allow.push((i, hit));
            }
        }
        let allowed = &matches.allow[allowed_from..];
        for &hit in &hits {
            let inside_allowed = || allowed.iter().any(|(_, a)| a.from <= hit.from && hit.to <= a.to);
            if matches!(policy.rules[hit.rule].kind, RuleKind::Deny { .. }) && !inside_allowed() {
                matches.deny.push((i, hit));
            }
        }
    }
    matches
}

/// A copy of the page without the tokens that touch an allowed phrase.
fn without_allowed(page: &Analyzed, allow: &[(usize, PhraseHit)]) -> Analyzed {
    let mut masked = page.clone();
    for (i, block) in masked.blocks.iter_mut().enumerate() {
        let ranges: Vec<(usize, usize)> = allow
            .iter()
            .filter(|(b, _)| *b == i)
            .map(|(_, h)| (h.from, h.to))
            .collect();
        if ranges.is_empty() {
            continue;
        }
        block.tokens.retain(|t| {
            let (start, end) = (t.start as usize, t.end as usize);
            ranges.iter().all(|&(from, to)| end <= from || start >= to)
        });
    }
    masked
}

/// Deny phrases, host rules and thresholds; records fired rules and the override flag.
fn post_pass(
    policy: &Policy,
    matches: &Matches,
    page: &Analyzed,
    context: PageContext<'_>,
    model_verdict: Verdict,
    report: &mut Report,
) {
    let mut fired: Vec<usize> = Vec::new();
    let mut fire = |rule: usize| {
        if !fired.contains(&rule) {
            fired.push(rule);
        }
    };
    for &(_, hit) in &matches.allow {
        fire(hit.rule);
    }
    let mut decided = false;
    if !matches.deny.is_empty() {
        let map = page.decoded.source_map(context.input);
        for &(block, hit) in &matches.deny {
            let RuleKind::Deny { category } = policy.rules[hit.rule].kind else {
                continue;
            };
            let range = page.input_range(&map, block, hit.from, hit.to);
            if range.is_empty() {
                continue;
            }
            let region = page.blocks[block].block.region.name().to_owned();
            let span = Span {
                start: range.start,
                end: range.end,
                category,
                score: 1.0,
                region,
            };
            if !report.spans.contains(&span) {
                report.spans.push(span);
            }
            raise_category(report, category);
            report.verdict = Verdict::Spam;
            decided = true;
            fire(hit.rule);
        }
        report.spans.sort_by_key(|s| (s.start, s.end));
    }
    let host_rules = context
        .url
        .and_then(url_host)
        .map(|host| policy.hosts.matching(&host))
        .unwrap_or_default();
    let verdict_rule = host_rules
        .iter()
        .copied()
        .find(|&r| matches!(policy.rules[r].kind, RuleKind::Allow | RuleKind::Deny { .. }));
    if let Some(rule) = verdict_rule {
        match policy.rules[rule].kind {
            RuleKind::Deny { category } => {
                raise_category(report, category);
                report.verdict = Verdict::Spam;
            }
            _ => report.verdict = Verdict::Clean,
        }
        decided = true;
        fire(rule);
    }
    if !decided && let Some((rule, threshold)) = threshold_for(policy, &host_rules, report) {
        report.verdict = if report.score >= threshold {
            Verdict::Spam
        } else if report.score >= context.review_threshold {
            Verdict::Review
        } else {
            Verdict::Clean
        };
        fire(rule);
    }
    report.overridden = report.verdict != model_verdict;
    let ids: Vec<String> = fired.iter().map(|&r| policy.rules[r].id.clone()).collect();
    let mut evidence: Vec<Evidence> = ids
        .iter()
        .map(|id| Evidence {
            feature: format!("{RULE_EVIDENCE_PREFIX}{id}"),
            weight: 0.0,
        })
        .collect();
    evidence.append(&mut report.evidence);
    report.evidence = evidence;
    report.rules = ids;
}

/// A rule that fires makes its category at least as high as the page score.
fn raise_category(report: &mut Report, category: Category) {
    let c = &mut report.categories;
    let slot = match category {
        Category::Adult => &mut c.adult,
        Category::Gambling => &mut c.gambling,
        Category::Other => &mut c.other,
    };
    *slot = slot.max(report.score);
}

/// The threshold for the page's main category: the most specific host override, else the
/// global one. `None` when the page has no category (the model found nothing to flag) or no
/// threshold is set for it.
fn threshold_for(policy: &Policy, host_rules: &[usize], report: &Report) -> Option<(usize, f32)> {
    let cats = report.categories;
    if Category::ALL.iter().all(|&c| cats.get(c) <= 0.0) {
        return None;
    }
    let top = cats.top();
    let from_host = host_rules.iter().find_map(|&r| match &policy.rules[r].kind {
        RuleKind::HostThresholds { thresholds } => thresholds.get(top).map(|t| (r, t)),
        _ => None,
    });
    from_host.or_else(|| {
        let r = policy.global[category_index(top)]?;
        match policy.rules[r].kind {
            RuleKind::GlobalThreshold { threshold, .. } => Some((r, threshold)),
            _ => None,
        }
    })
}
