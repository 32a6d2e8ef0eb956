//! Evaluation of a model on labelled pages: headline metrics and breakdowns.

use std::borrow::Borrow;

use rayon::prelude::*;
use serde::Serialize;

use crate::classifier::Classifier;
use crate::dataset::Example;
use crate::metrics::{Metrics, metrics, rate_at};

/// A per-group rate: recall for spam groups, false-positive rate for clean groups.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRate {
    /// Group name (kind, category or obfuscation).
    pub group: String,
    /// `recall` or `fpr`.
    pub measure: &'static str,
    /// The rate.
    pub value: f64,
    /// Pages in the group.
    pub n: usize,
}

/// Everything `spamsift eval` reports.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Headline metrics.
    pub overall: Metrics,
    /// By page kind.
    pub by_kind: Vec<GroupRate>,
    /// Recall by spam category.
    pub by_category: Vec<GroupRate>,
    /// Recall on obfuscated spam, overall first, then by obfuscation.
    pub obfuscated: Vec<GroupRate>,
    /// Pages that could not be scored (counted as score 0).
    pub errors: usize,
    /// `(id, score)` for every page, in input order.
    #[serde(skip)]
    pub scores: Vec<(String, f64)>,
}

/// Scores every example and computes the report at the model's spam threshold. Training's
/// held-out metrics are this report's `overall`.
pub fn evaluate<E: Borrow<Example> + Sync>(classifier: &Classifier, examples: &[E]) -> EvalReport {
    let examples: Vec<&Example> = examples.iter().map(Borrow::borrow).collect();
    let threshold = f64::from(classifier.info().spam_threshold);
    let results: Vec<Option<f64>> = examples
        .par_iter()
        .map(|e| {
            let input = e.page_input();
            classifier.score(&input).ok().map(|r| f64::from(r.score))
        })
        .collect();
    let errors = results.iter().filter(|r| r.is_none()).count();
    let scores: Vec<f64> = results.iter().map(|r| r.unwrap_or(0.0)).collect();
    let pairs: Vec<(f64, bool)> = scores.iter().zip(&examples).map(|(s, e)| (*s, e.spam)).collect();
    let group = |name: String, members: Vec<usize>, spam: bool| -> Option<GroupRate> {
        let p: Vec<(f64, bool)> = members.iter().map(|&i| pairs[i]).collect();
        rate_at(&p, spam, threshold).map(|value| GroupRate {
            group: name,
            measure: if spam { "recall" } else { "fpr" },
            value,
            n: members.len(),
        })
    };
    let mut kinds: Vec<String> = examples.iter().filter_map(|e| e.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let by_kind = kinds
        .iter()
        .filter_map(|k| {
            let members: Vec<usize> = (0..examples.len())
                .filter(|&i| examples[i].kind.as_deref() == Some(k))
                .collect();
            let spam = members.first().is_some_and(|&i| examples[i].spam);
            group(k.clone(), members, spam)
        })
        .collect();
    let by_category = ["adult", "gambling", "mixed", "other"]
        .iter()
        .filter_map(|c| {
            let members: Vec<usize> = (0..examples.len())
                .filter(|&i| examples[i].spam && examples[i].category == *c)
                .collect();
            group((*c).to_owned(), members, true)
        })
        .collect();
    let mut obf_names: Vec<String> = examples.iter().flat_map(|e| e.obfuscation.clone()).collect();
    obf_names.sort();
    obf_names.dedup();
    let obfuscated_all: Vec<usize> = (0..examples.len())
        .filter(|&i| examples[i].spam && !examples[i].obfuscation.is_empty())
        .collect();
    let mut obfuscated: Vec<GroupRate> = group("all obfuscated".into(), obfuscated_all, true)
        .into_iter()
        .collect();
    obfuscated.extend(obf_names.iter().filter_map(|o| {
        let members: Vec<usize> = (0..examples.len())
            .filter(|&i| examples[i].spam && examples[i].obfuscation.contains(o))
            .collect();
        group(o.clone(), members, true)
    }));
    EvalReport {
        overall: metrics(&pairs, threshold),
        by_kind,
        by_category,
        obfuscated,
        errors,
        scores: examples.iter().zip(scores).map(|(e, s)| (e.id.clone(), s)).collect(),
    }
}
