//! Stage 5: dense features of blocks and pages for the linfa models.
//!
//! A block is described by how spammy its tokens are (naive-Bayes weights), its shape
//! (length, list-likeness, links), the obfuscation undone in it, where it sits, and how
//! it compares with the rest of the page ("does this block belong here?"). A page is
//! described by its strongest blocks and runs of blocks, its title and meta, and scripts.

mod text;

use crate::extract::Region;
use crate::normalize::MASK;
use crate::pipeline::Analyzed;
use crate::text_classes::{ends_list_item, is_list_separator};

pub use text::{BlockText, block_text};

/// Version of the feature formulas, stored in the model file and checked on load. Bump it
/// whenever a feature's formula (or a separator set in `text_classes`) changes under the same
/// name, so that a model trained on the old formulas cannot load silently.
pub const FEATURE_SET_VERSION: u32 = 1;

/// Names of the block features, in order. Stored in the model and checked on load.
pub const BLOCK_FEATURES: [&str; 30] = [
    "nb_mean",
    "nb_sum",
    "nb_top_mean",
    "nb_pos_frac",
    "nb_neg_frac",
    "item_top",
    "spam_items",
    "log_chars",
    "log_items",
    "short_items",
    "sep_density",
    "link_frac",
    "log_hosts",
    "obfuscation",
    "masked",
    "latin_frac",
    "digit_frac",
    "script_clash",
    "trad_ratio",
    "quoted_spam",
    "prose",
    "ctx_mean",
    "ctx_diff",
    "region_title",
    "region_meta_keywords",
    "region_meta_description",
    "region_heading",
    "region_body",
    "region_hidden",
    "region_marquee",
];

/// Names of the page features, in order. Stored in the model and checked on load.
pub const PAGE_FEATURES: [&str; 16] = [
    "max_logit",
    "second_logit",
    "run_logit",
    "spam_chars",
    "spam_char_frac",
    "spam_blocks",
    "title_logit",
    "meta_logit",
    "page_nb_mean",
    "log_page_chars",
    "js_referrer_check",
    "js_spider_check",
    "js_redirect",
    "js_document_write",
    "js_obfuscated",
    "meta_refresh",
];

/// Token totals of a whole page, so each block's context is the page minus the block.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageTotals {
    sum: f64,
    count: usize,
    trad: f64,
    cjk: usize,
}

impl PageTotals {
    /// Totals over all blocks.
    pub fn new(texts: &[BlockText]) -> Self {
        texts.iter().fold(PageTotals::default(), |t, x| PageTotals {
            sum: t.sum + x.sum,
            count: t.count + x.count,
            trad: t.trad + x.trad_ratio * x.cjk as f64,
            cjk: t.cjk + x.cjk,
        })
    }
}

/// Item lengths (in characters) of a block's text, split at list separators.
fn item_lengths(chars: &[crate::normalize::NormChar]) -> (usize, usize) {
    let (mut items, mut short, mut len) = (0, 0, 0);
    let mut close = |len: usize| {
        if len > 0 {
            items += 1;
            short += usize::from((2..=16).contains(&len));
        }
    };
    for c in chars {
        if ends_list_item(c.c) {
            close(len);
            len = 0;
        } else if c.c != ' ' {
            len += 1;
        }
    }
    close(len);
    (items, short)
}

/// Dense features of every block of a page, given all blocks' text summaries (one row per block).
pub fn block_rows(page: &Analyzed, texts: &[BlockText]) -> Vec<Vec<f64>> {
    let totals = PageTotals::new(texts);
    (0..page.blocks.len())
        .map(|i| block_features(page, texts, &totals, i))
        .collect()
}

/// Dense features of block `index` given all blocks' text summaries.
pub fn block_features(page: &Analyzed, texts: &[BlockText], totals: &PageTotals, index: usize) -> Vec<f64> {
    let block = &page.blocks[index];
    let t = texts[index];
    let chars = &block.norm.chars;
    let n_chars = chars.iter().filter(|c| c.c != ' ' && c.c != '\n').count().max(1) as f64;
    let (items, short) = item_lengths(chars);
    let seps = chars.iter().filter(|c| is_list_separator(c.c)).count() as f64;
    let link_chars: usize = block
        .block
        .pieces
        .iter()
        .filter(|p| p.in_link)
        .map(|p| p.range.len())
        .sum();
    let all_chars: usize = block.block.pieces.iter().map(|p| p.range.len()).sum();
    let s = block.norm.stats;
    let obf = f64::from(s.invisible + s.width + s.confusable + s.pinyin + s.spacing + s.masked);
    let latin = chars.iter().filter(|c| c.c.is_ascii_alphabetic()).count() as f64;
    let digits = chars.iter().filter(|c| c.c.is_ascii_digit()).count() as f64;
    let masked = chars.iter().filter(|c| c.c == MASK).count() as f64;
    // Context: the rest of the page, weighted by tokens.
    let ctx_sum = totals.sum - t.sum;
    let ctx_count = totals.count.saturating_sub(t.count);
    let ctx_trad = totals.trad - t.trad_ratio * t.cjk as f64;
    let ctx_cjk = totals.cjk.saturating_sub(t.cjk);
    let ctx_mean = if ctx_count == 0 {
        0.0
    } else {
        ctx_sum / ctx_count as f64
    };
    let page_trad = if ctx_cjk == 0 { 0.0 } else { ctx_trad / ctx_cjk as f64 };
    let mut f = vec![
        t.mean().clamp(-6.0, 6.0),
        (t.sum / 30.0).tanh(),
        t.top_mean.clamp(-6.0, 6.0),
        t.pos_frac,
        t.neg_frac,
        t.item_top.clamp(-6.0, 6.0),
        t.spam_items,
        (1.0 + n_chars).ln() / 5.0,
        (1.0 + items as f64).ln() / 3.0,
        short as f64 / items.max(1) as f64,
        (seps / n_chars).min(1.0),
        link_chars as f64 / all_chars.max(1) as f64,
        (1.0 + block.block.link_hosts.len() as f64).ln() / 2.0,
        (obf / n_chars * 5.0).min(1.0),
        (masked / 3.0).min(1.0),
        latin / n_chars,
        digits / n_chars,
        (page_trad - t.trad_ratio).max(0.0),
        t.trad_ratio,
        t.quoted_spam,
        t.prose.min(0.5) * 2.0,
        ctx_mean.clamp(-6.0, 6.0),
        (t.mean() - ctx_mean).clamp(-12.0, 12.0),
    ];
    f.extend(
        Region::ALL
            .iter()
            .map(|r| if *r == block.block.region { 1.0 } else { 0.0 }),
    );
    f
}

/// Spam probability above which a block counts as spam in page features.
pub const BLOCK_SPAM: f64 = 0.5;

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// Characters from which a block's evidence counts in full.
const FULL_BLOCK_CHARS: f64 = 24.0;

fn damp(logit: f64, chars: f64) -> f64 {
    if logit > 0.0 {
        logit * (chars / FULL_BLOCK_CHARS).min(1.0)
    } else {
        logit
    }
}

/// Dense features of a page given its blocks' spam probabilities.
pub fn page_features(page: &Analyzed, texts: &[BlockText], probs: &[f64]) -> Vec<f64> {
    let logits: Vec<f64> = probs.iter().map(|&p| logit(p)).collect();
    let chars: Vec<f64> = page.blocks.iter().map(|b| b.norm.chars.len() as f64).collect();
    // A tiny block (a button, a site name) cannot carry a page on its own: positive
    // logits are damped by block size for the headline features.
    let mut sorted: Vec<f64> = logits.iter().zip(&chars).map(|(&l, &c)| damp(l, c)).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let none = -8.0;
    let total_chars: f64 = chars.iter().sum();
    let spam_chars: f64 = probs
        .iter()
        .zip(&chars)
        .filter(|(p, _)| **p >= BLOCK_SPAM)
        .map(|(_, c)| c)
        .sum();
    // Spam blocks counted by size too, so that a city name or a product code alone counts little.
    let spam_blocks: f64 = probs
        .iter()
        .zip(&chars)
        .filter(|(p, _)| **p >= BLOCK_SPAM)
        .map(|(_, c)| (c / FULL_BLOCK_CHARS).min(1.0))
        .sum();
    // Runs of adjacent spam-leaning blocks, scored by their length-weighted mean logit.
    let mut run_best = none;
    let mut i = 0;
    while i < logits.len() {
        if logits[i] <= 0.0 {
            i += 1;
            continue;
        }
        let (mut s, mut w, mut run_chars) = (0.0, 0.0, 0.0);
        while i < logits.len() && logits[i] > 0.0 {
            s += logits[i] * chars[i].sqrt();
            w += chars[i].sqrt();
            run_chars += chars[i];
            i += 1;
        }
        let run = damp(s / w.max(1e-9), run_chars) * (1.0 + (run_chars / 200.0).min(1.0));
        run_best = f64::max(run_best, run);
    }
    let region_max = |regions: &[Region]| {
        page.blocks
            .iter()
            .zip(&logits)
            .filter(|(b, _)| regions.contains(&b.block.region))
            .map(|(b, l)| damp(*l, b.norm.chars.len() as f64))
            .fold(none, f64::max)
    };
    let (nb_sum, nb_count) = texts.iter().fold((0.0, 0usize), |(s, c), t| (s + t.sum, c + t.count));
    let mut f = vec![
        sorted.first().copied().unwrap_or(none).clamp(-10.0, 10.0) / 5.0,
        sorted.get(1).copied().unwrap_or(none).clamp(-10.0, 10.0) / 5.0,
        run_best.clamp(-10.0, 20.0) / 5.0,
        (1.0 + spam_chars).ln() / 5.0,
        spam_chars / total_chars.max(1.0),
        (1.0 + spam_blocks).ln(),
        // Only evidence for spam: how clean a title, a meta tag or the page as a whole reads
        // must not be something the regression can trade against real spam evidence, since
        // that trade learned on one set of layouts does not carry over to others.
        region_max(&[Region::Title]).clamp(0.0, 10.0) / 5.0,
        region_max(&[Region::MetaKeywords, Region::MetaDescription]).clamp(0.0, 10.0) / 5.0,
        (nb_sum / nb_count.max(1) as f64).clamp(0.0, 6.0),
        (1.0 + total_chars).ln() / 8.0,
    ];
    f.extend(page.signals.as_features());
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ScriptSignals;

    #[test]
    fn page_features_end_with_the_script_signals() {
        let tail = &PAGE_FEATURES[PAGE_FEATURES.len() - ScriptSignals::NAMES.len()..];
        assert_eq!(tail, ScriptSignals::NAMES);
    }
}
