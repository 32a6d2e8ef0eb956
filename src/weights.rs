//! Token weights (stage between the pipeline and the features): multinomial naive Bayes log-count ratios, spam vs clean and per category.
//!
//! Counted by hand rather than with linfa-bayes: linfa-bayes needs a dense block × vocabulary
//! matrix and 0.8.1 prints every fitted histogram with `dbg!` (linfa#441). The estimate is the
//! same multinomial NB with Laplace smoothing, over block presence counts. Weights are keyed by
//! the full 64-bit token key, so a token never seen in training weighs exactly zero.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::report::Category;

/// Weights are clipped to ±this, so no single token can dominate.
const MAX_WEIGHT: f64 = 6.0;

/// Token keys are already well mixed (splitmix64), so the map uses them as their own hash.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by token keys.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Token weights for lookup by token key.
#[derive(Debug, Clone, PartialEq)]
pub struct TextWeights {
    index: KeyMap<u32>,
    spam: Vec<f32>,
    category: Vec<[f32; 3]>,
}

/// Sparse form of [`TextWeights`] for the model file: keys ascending, stored as gaps
/// (smaller varints), with the weights in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SparseTextWeights {
    /// First key, then the difference of each key from the one before.
    pub key_gaps: Vec<u64>,
    /// Log-odds of spam vs clean per key.
    pub spam: Vec<f32>,
    /// Per key, log-probability of each category minus their mean.
    pub category: Vec<[f32; 3]>,
}

impl TextWeights {
    /// Log-odds of spam vs clean for a token key (0 for unknown tokens).
    pub fn spam(&self, key: u64) -> f32 {
        self.index.get(&key).map_or(0.0, |&i| self.spam[i as usize])
    }

    /// Spam weight and category weights of a known token key.
    pub fn get(&self, key: u64) -> Option<(f32, [f32; 3])> {
        self.index
            .get(&key)
            .map(|&i| (self.spam[i as usize], self.category[i as usize]))
    }

    /// Number of tokens with a weight.
    pub fn len(&self) -> usize {
        self.spam.len()
    }

    /// Whether no token has a weight.
    pub fn is_empty(&self) -> bool {
        self.spam.is_empty()
    }

    /// Builds the lookup from the sparse form; `None` if the lists disagree or keys repeat.
    pub fn from_sparse(sparse: &SparseTextWeights) -> Option<Self> {
        let n = sparse.key_gaps.len();
        if sparse.spam.len() != n || sparse.category.len() != n {
            return None;
        }
        let mut index = KeyMap::with_capacity_and_hasher(n, Default::default());
        let mut key = 0u64;
        for (i, &gap) in sparse.key_gaps.iter().enumerate() {
            if i > 0 && gap == 0 {
                return None;
            }
            key = key.checked_add(gap)?;
            index.insert(key, i as u32);
        }
        Some(TextWeights {
            index,
            spam: sparse.spam.clone(),
            category: sparse.category.clone(),
        })
    }

    /// Sparse form, keys ascending.
    pub fn to_sparse(&self) -> SparseTextWeights {
        let mut order: Vec<(u64, u32)> = self.index.iter().map(|(&k, &i)| (k, i)).collect();
        order.sort_unstable();
        let mut previous = 0u64;
        let key_gaps = order
            .iter()
            .map(|&(k, _)| {
                let gap = k - previous;
                previous = k;
                gap
            })
            .collect();
        SparseTextWeights {
            key_gaps,
            spam: order.iter().map(|&(_, i)| self.spam[i as usize]).collect(),
            category: order.iter().map(|&(_, i)| self.category[i as usize]).collect(),
        }
    }
}

/// Block counts of one token, by class.
#[derive(Default)]
struct TokenCount {
    spam: u32,
    clean: u32,
    category: [u32; 3],
    /// The last block that counted this token (each block counts a token once).
    stamp: u32,
}

/// Counts of blocks containing each token, by class.
#[derive(Default)]
pub struct TextCounts {
    counts: KeyMap<TokenCount>,
    stamp: u32,
}

impl TextCounts {
    /// Empty counts.
    pub fn new() -> Self {
        TextCounts::default()
    }

    /// Adds one block's token keys (each counted once, as `weight` blocks) under its label.
    pub fn add(&mut self, keys: impl Iterator<Item = u64>, spam: bool, category: Option<Category>, weight: u32) {
        self.stamp += 1;
        for key in keys {
            let count = self.counts.entry(key).or_default();
            if count.stamp == self.stamp {
                continue;
            }
            count.stamp = self.stamp;
            if spam {
                count.spam += weight;
                if let Some(c) = category {
                    count.category[c as usize] += weight;
                }
            } else {
                count.clean += weight;
            }
        }
    }

    /// Naive Bayes weights from the counts: Laplace smoothing `alpha`, and tokens seen in
    /// fewer than `min_blocks` blocks get no weight.
    pub fn weights(&self, alpha: f64, min_blocks: u32) -> TextWeights {
        // Sorted by key, so that sums (and so the model file) do not depend on map order.
        let mut kept: Vec<(u64, &TokenCount)> = self
            .counts
            .iter()
            .filter(|(_, c)| c.spam + c.clean >= min_blocks)
            .map(|(&k, c)| (k, c))
            .collect();
        kept.sort_unstable_by_key(|&(k, _)| k);
        let vocab = kept.len().max(1) as f64;
        let total = |v: &dyn Fn(&TokenCount) -> u32| kept.iter().map(|(_, c)| f64::from(v(c))).sum::<f64>();
        let spam_total = total(&|c| c.spam) + alpha * vocab;
        let clean_total = total(&|c| c.clean) + alpha * vocab;
        let cat_totals: Vec<f64> = (0..3).map(|i| total(&|c| c.category[i]) + alpha * vocab).collect();
        let mut weights = TextWeights {
            index: KeyMap::with_capacity_and_hasher(kept.len(), Default::default()),
            spam: Vec::with_capacity(kept.len()),
            category: Vec::with_capacity(kept.len()),
        };
        for (key, c) in kept {
            let ps = (f64::from(c.spam) + alpha) / spam_total;
            let pc = (f64::from(c.clean) + alpha) / clean_total;
            let logs: Vec<f64> = (0..3)
                .map(|i| ((f64::from(c.category[i]) + alpha) / cat_totals[i]).ln())
                .collect();
            let mean = logs.iter().sum::<f64>() / 3.0;
            let mut category = [0.0f32; 3];
            for (w, log) in category.iter_mut().zip(&logs) {
                *w = (log - mean).clamp(-MAX_WEIGHT, MAX_WEIGHT) as f32;
            }
            weights.index.insert(key, weights.spam.len() as u32);
            weights
                .spam
                .push((ps.ln() - pc.ln()).clamp(-MAX_WEIGHT, MAX_WEIGHT) as f32);
            weights.category.push(category);
        }
        weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_tokens_weigh_nothing_and_sparse_form_round_trips() {
        let mut counts = TextCounts::new();
        for _ in 0..5 {
            counts.add([1u64, 2, 2].into_iter(), true, Some(Category::Adult), 1);
            counts.add([2u64, u64::MAX].into_iter(), false, None, 1);
        }
        let w = counts.weights(1.0, 3);
        assert_eq!(w.len(), 3);
        assert!(w.spam(1) > 1.0, "{}", w.spam(1));
        assert!(w.spam(u64::MAX) < -1.0);
        assert_eq!(w.spam(7), 0.0);
        let back = TextWeights::from_sparse(&w.to_sparse());
        assert_eq!(back.as_ref(), Some(&w));
    }

    #[test]
    fn repeated_keys_are_refused() {
        let sparse = SparseTextWeights {
            key_gaps: vec![5, 0],
            spam: vec![1.0, 2.0],
            category: vec![[0.0; 3]; 2],
        };
        assert!(TextWeights::from_sparse(&sparse).is_none());
    }
}
