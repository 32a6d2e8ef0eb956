//! Token weights: multinomial naive Bayes log-count ratios, spam vs clean and per category.
//!
//! Counted by hand rather than with linfa-bayes: linfa-bayes needs the dense block × bucket
//! matrix (2^18 columns) and 0.8.1 prints every fitted histogram with `dbg!` (linfa#441).
//! The estimate is the same multinomial NB with Laplace smoothing, over block presence counts.

use serde::{Deserialize, Serialize};

use crate::report::Category;

/// Weights are clipped to ±this, so no single token can dominate.
const MAX_WEIGHT: f64 = 6.0;

/// Token weights, dense over hash buckets.
#[derive(Debug, Clone, PartialEq)]
pub struct TextWeights {
    /// Log-odds of spam vs clean per bucket.
    pub spam: Vec<f32>,
    /// Per bucket, log-probability of each category minus their mean.
    pub category: Vec<[f32; 3]>,
}

/// Sparse form of [`TextWeights`] for the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SparseTextWeights {
    /// Number of buckets.
    pub buckets: u32,
    /// `(bucket, spam weight, category weights)` for every bucket with a weight.
    pub entries: Vec<(u32, f32, [f32; 3])>,
}

impl TextWeights {
    /// Expands the sparse form, checking bucket indices.
    pub fn from_sparse(sparse: &SparseTextWeights) -> Option<Self> {
        let n = sparse.buckets as usize;
        let mut spam = vec![0.0; n];
        let mut category = vec![[0.0; 3]; n];
        for &(b, w, c) in &sparse.entries {
            let b = b as usize;
            if b >= n {
                return None;
            }
            spam[b] = w;
            category[b] = c;
        }
        Some(TextWeights { spam, category })
    }

    /// Sparse form (non-zero buckets only).
    pub fn to_sparse(&self) -> SparseTextWeights {
        let entries = (0..self.spam.len())
            .filter(|&b| self.spam[b] != 0.0 || self.category[b] != [0.0; 3])
            .map(|b| (b as u32, self.spam[b], self.category[b]))
            .collect();
        SparseTextWeights {
            buckets: self.spam.len() as u32,
            entries,
        }
    }
}

/// Counts of blocks containing each bucket, by class.
pub struct TextCounts {
    spam: Vec<u32>,
    clean: Vec<u32>,
    category: Vec<[u32; 3]>,
    seen: Vec<u32>,
    stamp: u32,
}

impl TextCounts {
    /// Empty counts over `buckets` buckets.
    pub fn new(buckets: usize) -> Self {
        TextCounts {
            spam: vec![0; buckets],
            clean: vec![0; buckets],
            category: vec![[0; 3]; buckets],
            seen: vec![0; buckets],
            stamp: 0,
        }
    }

    /// Adds one block's buckets (each counted once) under its label.
    pub fn add(&mut self, buckets: impl Iterator<Item = u32>, spam: bool, category: Option<Category>) {
        self.stamp += 1;
        for b in buckets {
            let b = b as usize;
            if b >= self.seen.len() || self.seen[b] == self.stamp {
                continue;
            }
            self.seen[b] = self.stamp;
            if spam {
                self.spam[b] += 1;
                if let Some(c) = category {
                    self.category[b][c as usize] += 1;
                }
            } else {
                self.clean[b] += 1;
            }
        }
    }

    /// Naive Bayes weights from the counts: Laplace smoothing `alpha`, and buckets seen in
    /// fewer than `min_blocks` blocks get no weight.
    pub fn weights(&self, alpha: f64, min_blocks: u32) -> TextWeights {
        let n = self.spam.len();
        let kept = |b: usize| self.spam[b] + self.clean[b] >= min_blocks;
        let vocab = (0..n).filter(|&b| kept(b)).count().max(1) as f64;
        let total = |v: &dyn Fn(usize) -> u32| (0..n).filter(|&b| kept(b)).map(|b| f64::from(v(b))).sum::<f64>();
        let spam_total = total(&|b| self.spam[b]) + alpha * vocab;
        let clean_total = total(&|b| self.clean[b]) + alpha * vocab;
        let cat_totals: Vec<f64> = (0..3)
            .map(|c| total(&|b| self.category[b][c]) + alpha * vocab)
            .collect();
        let mut weights = TextWeights {
            spam: vec![0.0; n],
            category: vec![[0.0; 3]; n],
        };
        for b in (0..n).filter(|&b| kept(b)) {
            let ps = (f64::from(self.spam[b]) + alpha) / spam_total;
            let pc = (f64::from(self.clean[b]) + alpha) / clean_total;
            weights.spam[b] = (ps.ln() - pc.ln()).clamp(-MAX_WEIGHT, MAX_WEIGHT) as f32;
            let logs: Vec<f64> = (0..3)
                .map(|c| ((f64::from(self.category[b][c]) + alpha) / cat_totals[c]).ln())
                .collect();
            let mean = logs.iter().sum::<f64>() / 3.0;
            for (w, log) in weights.category[b].iter_mut().zip(&logs) {
                *w = (log - mean).clamp(-MAX_WEIGHT, MAX_WEIGHT) as f32;
            }
        }
        weights
    }
}
