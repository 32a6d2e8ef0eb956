//! Classification metrics: precision, recall, F1, ROC-AUC, PR-AUC and FPR.

use serde::Serialize;

/// Headline metrics of scores against labels at a threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// Pages.
    pub n: usize,
    /// Precision of the spam class.
    pub precision: f64,
    /// Recall of the spam class.
    pub recall: f64,
    /// F1 of the spam class.
    pub f1: f64,
    /// False-positive rate on clean pages.
    pub fpr: f64,
    /// Area under the ROC curve.
    pub roc_auc: f64,
    /// Area under the precision-recall curve (average precision).
    pub pr_auc: f64,
}

/// Computes [`Metrics`] for `(score, is_spam)` pairs at `threshold`.
pub fn metrics(pairs: &[(f64, bool)], threshold: f64) -> Metrics {
    let tp = pairs.iter().filter(|(s, y)| *y && *s >= threshold).count() as f64;
    let fp = pairs.iter().filter(|(s, y)| !*y && *s >= threshold).count() as f64;
    let pos = pairs.iter().filter(|(_, y)| *y).count() as f64;
    let neg = pairs.len() as f64 - pos;
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if pos > 0.0 { tp / pos } else { 0.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Metrics {
        n: pairs.len(),
        precision,
        recall,
        f1,
        fpr: if neg > 0.0 { fp / neg } else { 0.0 },
        roc_auc: roc_auc(pairs),
        pr_auc: average_precision(pairs),
    }
}

/// Share of pairs with the given label that score at or above `threshold`.
pub fn rate_at(pairs: &[(f64, bool)], label: bool, threshold: f64) -> Option<f64> {
    let of_label: Vec<f64> = pairs.iter().filter(|(_, y)| *y == label).map(|(s, _)| *s).collect();
    (!of_label.is_empty()).then(|| of_label.iter().filter(|&&s| s >= threshold).count() as f64 / of_label.len() as f64)
}

fn sorted_desc(pairs: &[(f64, bool)]) -> Vec<(f64, bool)> {
    let mut v = pairs.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    v
}

/// ROC-AUC with ties counted half (Mann-Whitney).
pub fn roc_auc(pairs: &[(f64, bool)]) -> f64 {
    let mut v = pairs.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pos = v.iter().filter(|(_, y)| *y).count() as f64;
    let neg = v.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.0;
    }
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j < v.len() && v[j].0 == v[i].0 {
            j += 1;
        }
        let avg_rank = (i + j + 1) as f64 / 2.0;
        rank_sum += v[i..j].iter().filter(|(_, y)| *y).count() as f64 * avg_rank;
        i = j;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// Average precision (area under the precision-recall curve, step-wise).
pub fn average_precision(pairs: &[(f64, bool)]) -> f64 {
    let v = sorted_desc(pairs);
    let pos = v.iter().filter(|(_, y)| *y).count() as f64;
    if pos == 0.0 {
        return 0.0;
    }
    let (mut tp, mut fp, mut ap) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        let mut new_tp = 0.0;
        while j < v.len() && v[j].0 == v[i].0 {
            if v[j].1 {
                new_tp += 1.0
            } else {
                fp += 1.0
            }
            j += 1;
        }
        tp += new_tp;
        ap += new_tp / pos * (tp / (tp + fp));
        i = j;
    }
    ap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_inverted() {
        let good = [(0.9, true), (0.8, true), (0.2, false), (0.1, false)];
        let m = metrics(&good, 0.5);
        assert_eq!(
            (m.precision, m.recall, m.f1, m.fpr, m.roc_auc, m.pr_auc),
            (1.0, 1.0, 1.0, 0.0, 1.0, 1.0)
        );
        let bad = [(0.1, true), (0.2, true), (0.8, false), (0.9, false)];
        let m = metrics(&bad, 0.5);
        assert_eq!((m.recall, m.fpr, m.roc_auc), (0.0, 1.0, 0.0));
    }

    #[test]
    fn mixed_case() {
        let p = [(0.9, true), (0.7, false), (0.6, true), (0.1, false)];
        let m = metrics(&p, 0.5);
        assert!((m.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.roc_auc - 0.75).abs() < 1e-9);
        assert!((m.pr_auc - (0.5 * 1.0 + 0.5 * 2.0 / 3.0)).abs() < 1e-9);
        assert_eq!(rate_at(&p, false, 0.5), Some(0.5));
    }
}
