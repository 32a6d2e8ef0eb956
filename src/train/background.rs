//! A background of real language for the token weights: how common each token is in ordinary
//! Chinese and English text, whatever its label.
//!
//! Hand-written training pages cover a few thousand lines, so a token outside them (a game's
//! slang, a portal's `Top` link) can end up with an arbitrary spam weight. The background says
//! how often the token occurs in real text, and a token's spam weight is capped by how much more
//! often spam uses it than real language does: a token common in real language only counts as
//! spam evidence when the spam side uses it far more often (see `TextCounts::weights` in
//! `src/weights.rs`).
//!
//! Sources (fetched by `training-data/fetch.py`, never committed):
//! - word frequency lists (`word<TAB>frequency` lines, e.g. wordfreq's Chinese and English lists);
//!   each word is tokenised as a segment of its own and its tokens count with its frequency;
//! - running text (one paragraph a line), counted per paragraph like training blocks, which adds
//!   the n-grams that cross word boundaries.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::ModelError;
use crate::normalize::normalize_str;
use crate::tokenize::{Token, TokenConfig, cjk_ngram_key, tokenize};
use crate::weights::KeyMap;

/// Chinese word list in a background folder (`word<TAB>frequency`).
const ZH_WORDS: &str = "wordfreq_zh.tsv";

/// English word list in a background folder.
const EN_WORDS: &str = "wordfreq_en.tsv";

/// Share of the background given to English word frequencies: Chinese pages carry some English
/// (menus, brands), far less than Chinese.
const ENGLISH_SHARE: f64 = 0.05;

/// Share of the Chinese word-list background given to n-grams that span two words.
const CROSS_WORD_SHARE: f64 = 0.5;

/// Share of the background given to running text (the rest is word frequency lists).
const RUNNING_TEXT_SHARE: f64 = 0.3;

/// English words kept from a frequency list (the rest are too rare to matter).
const MAX_ENGLISH_WORDS: usize = 60_000;

/// How common each token is in real language: a probability per token key, on the same
/// per-token scale as the training counts.
#[derive(Debug, Default)]
pub struct Background {
    rate: KeyMap<f64>,
    /// SHA-256 over the files read, in order, so the model's fingerprint covers them.
    pub fingerprint: String,
}

impl Background {
    /// An empty background (every rate is zero).
    pub fn none() -> Self {
        Background::default()
    }

    /// Background rate of a token key (0 when the token is unknown to the background).
    pub fn rate(&self, key: u64) -> f64 {
        self.rate.get(&key).copied().unwrap_or(0.0)
    }

    /// Number of tokens with a rate.
    pub fn len(&self) -> usize {
        self.rate.len()
    }

    /// Whether no token has a rate.
    pub fn is_empty(&self) -> bool {
        self.rate.is_empty()
    }

    /// The files a background is read from: the word lists in `words_dir`, then `running`.
    pub fn files(words_dir: &Path, running: &[PathBuf]) -> Vec<PathBuf> {
        [words_dir.join(ZH_WORDS), words_dir.join(EN_WORDS)]
            .into_iter()
            .chain(running.iter().cloned())
            .collect()
    }

    /// SHA-256 over the bytes of `files`, in order: what a model's training fingerprint records
    /// of its background.
    pub fn fingerprint_of(files: &[PathBuf]) -> Result<String, ModelError> {
        let mut hasher = Sha256::new();
        for path in files {
            let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
        Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Reads a background: the word lists `wordfreq_zh.tsv` and `wordfreq_en.tsv` in
    /// `words_dir`, and `running` text files (one paragraph a line).
    pub fn load(words_dir: &Path, running: &[PathBuf]) -> Result<Self, ModelError> {
        let config = &TokenConfig::default();
        let fingerprint = Self::fingerprint_of(&Self::files(words_dir, running))?;
        let zh = read_word_list(&words_dir.join(ZH_WORDS), usize::MAX)?;
        let en = read_word_list(&words_dir.join(EN_WORDS), MAX_ENGLISH_WORDS)?;
        let chinese = 1.0 - ENGLISH_SHARE;
        let words = word_rates(&zh, chinese * (1.0 - CROSS_WORD_SHARE), config)
            .into_iter()
            .chain(cross_word_rates(&zh, chinese * CROSS_WORD_SHARE))
            .chain(word_rates(&en, ENGLISH_SHARE, config));
        let mut rate: KeyMap<f64> = KeyMap::default();
        for (key, r) in words {
            *rate.entry(key).or_default() += r * (1.0 - RUNNING_TEXT_SHARE);
        }
        let mut paragraphs = Vec::new();
        for path in running {
            let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
            paragraphs.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned));
        }
        for (key, r) in running_rates(&paragraphs, config) {
            *rate.entry(key).or_default() += r * RUNNING_TEXT_SHARE;
        }
        Ok(Background { rate, fingerprint })
    }
}

fn io_error(path: &Path, e: std::io::Error) -> ModelError {
    ModelError::Training(format!("background {}: {e}", path.display()))
}

/// `word<TAB>frequency` lines, in file order.
fn read_word_list(path: &Path, limit: usize) -> Result<Vec<(String, f64)>, ModelError> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        if out.len() >= limit {
            break;
        }
        let line = line.map_err(|e| io_error(path, e))?;
        let Some((word, freq)) = line.split_once('\t') else {
            return Err(ModelError::Training(format!(
                "background {}:{}: expected word<TAB>frequency",
                path.display(),
                n + 1
            )));
        };
        let freq: f64 = freq
            .trim()
            .parse()
            .map_err(|_| ModelError::Training(format!("background {}:{}: bad frequency", path.display(), n + 1)))?;
        if freq.is_finite() && freq > 0.0 && !word.is_empty() {
            out.push((word.to_owned(), freq));
        }
    }
    Ok(out)
}

/// Token rates from word frequencies, scaled to sum to `share`.
fn word_rates(words: &[(String, f64)], share: f64, config: &TokenConfig) -> Vec<(u64, f64)> {
    let per_word: Vec<Vec<(u64, f64)>> = words
        .par_iter()
        .map(|(word, freq)| {
            let mut tokens: Vec<Token> = Vec::new();
            tokenize(&normalize_str(word), config, &mut tokens);
            tokens.iter().map(|t| (t.key, *freq)).collect()
        })
        .collect();
    normalised(per_word.into_iter().flatten(), share)
}

/// Most distinct word endings and beginnings combined into cross-word n-grams.
const CROSS_WORD_EDGES: usize = 2000;

/// Cross-word n-grams rarer than this (as a share of their kind) are left out.
const MIN_CROSS_WORD_RATE: f64 = 1e-9;

/// Character n-grams that span two words (`戏官` in `游戏官网`): in running text every word
/// boundary makes them, and the word list alone never does. Their rate is estimated as if
/// words followed each other independently: the bigram `a|b` has the rate of words ending in
/// `a` times that of words starting with `b`, and likewise the trigrams `a|bc` and `ab|c`.
/// Scaled to sum to `share`.
fn cross_word_rates(words: &[(String, f64)], share: f64) -> Vec<(u64, f64)> {
    type Edges = std::collections::HashMap<Vec<char>, f64>;
    let (mut end1, mut end2, mut start1, mut start2) = (Edges::new(), Edges::new(), Edges::new(), Edges::new());
    for (word, freq) in words {
        let chars: Vec<char> = normalize_str(word).chars.iter().map(|c| c.c).collect();
        if chars.is_empty() || !chars.iter().all(|&c| crate::normalize::is_cjk(c)) {
            continue;
        }
        let n = chars.len();
        *end1.entry(chars[n - 1..].to_vec()).or_default() += freq;
        *start1.entry(chars[..1].to_vec()).or_default() += freq;
        if n >= 2 {
            *end2.entry(chars[n - 2..].to_vec()).or_default() += freq;
            *start2.entry(chars[..2].to_vec()).or_default() += freq;
        }
    }
    // The most common edges, in a fixed order (so the result does not depend on map order).
    let top = |edges: Edges| {
        let mut v: Vec<(Vec<char>, f64)> = edges.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(CROSS_WORD_EDGES);
        v
    };
    let (end1, end2, start1, start2) = (top(end1), top(end2), top(start1), top(start2));
    let mut out = Vec::new();
    for (left, right) in [(&end1, &start1), (&end1, &start2), (&end2, &start1)] {
        let total: f64 = left.iter().map(|e| e.1).sum::<f64>() * right.iter().map(|e| e.1).sum::<f64>();
        for (a, fa) in left {
            for (b, fb) in right {
                let rate = fa * fb / total.max(f64::MIN_POSITIVE);
                if rate < MIN_CROSS_WORD_RATE {
                    break;
                }
                let gram: Vec<char> = a.iter().chain(b).copied().collect();
                if let Some(key) = cjk_ngram_key(&gram) {
                    out.push((key, rate));
                }
            }
        }
    }
    normalised(out.into_iter(), share)
}

/// Token rates from paragraphs (each paragraph counts a token once), scaled to sum to 1.
fn running_rates(paragraphs: &[String], config: &TokenConfig) -> Vec<(u64, f64)> {
    let per_paragraph: Vec<Vec<u64>> = paragraphs
        .par_iter()
        .map(|p| {
            let mut tokens: Vec<Token> = Vec::new();
            tokenize(&normalize_str(p), config, &mut tokens);
            let mut keys: Vec<u64> = tokens.iter().map(|t| t.key).collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect();
    normalised(per_paragraph.into_iter().flatten().map(|k| (k, 1.0)), 1.0)
}

/// Sums rates per key and scales them to add up to `share`; sorted by key, so that the result
/// does not depend on map order.
fn normalised(items: impl Iterator<Item = (u64, f64)>, share: f64) -> Vec<(u64, f64)> {
    let mut sums: KeyMap<f64> = KeyMap::default();
    for (k, r) in items {
        *sums.entry(k).or_default() += r;
    }
    let mut out: Vec<(u64, f64)> = sums.into_iter().collect();
    out.sort_unstable_by_key(|&(k, _)| k);
    let total: f64 = out.iter().map(|&(_, r)| r).sum();
    if total > 0.0 {
        for (_, r) in &mut out {
            *r *= share / total;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_sum_to_their_share() {
        let rates = normalised([(1, 2.0), (2, 2.0), (1, 4.0)].into_iter(), 0.5);
        assert_eq!(rates, vec![(1, 0.375), (2, 0.125)]);
    }

    #[test]
    fn a_common_word_gets_a_higher_rate_than_a_rare_one() {
        let config = TokenConfig::default();
        let words = vec![("新闻".to_owned(), 1e-3), ("娱乐城".to_owned(), 1e-6)];
        let rates: KeyMap<f64> = word_rates(&words, 1.0, &config).into_iter().collect();
        let key = |w: &str| {
            let mut t = Vec::new();
            tokenize(&normalize_str(w), &config, &mut t);
            t.iter().map(|t| t.key).collect::<Vec<_>>()
        };
        let common = key("新闻")[0];
        let rare = key("娱乐城")[0];
        assert!(rates[&common] > 100.0 * rates[&rare]);
    }

    #[test]
    fn n_grams_across_two_common_words_get_a_rate() {
        let words = vec![
            ("游戏".to_owned(), 1e-3),
            ("官网".to_owned(), 1e-4),
            ("娱乐城".to_owned(), 1e-7),
        ];
        let rates: KeyMap<f64> = cross_word_rates(&words, 1.0).into_iter().collect();
        let across = cjk_ngram_key(&['戏', '官']).and_then(|k| rates.get(&k).copied());
        assert!(across.is_some_and(|r| r > 0.0), "{across:?}");
        let never = cjk_ngram_key(&['城', '游'])
            .and_then(|k| rates.get(&k).copied())
            .unwrap_or(0.0);
        assert!(across.unwrap_or(0.0) > never);
    }
}
