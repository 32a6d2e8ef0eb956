//! Stage 5: dense features of blocks and pages for the linfa models.
//!
//! A block is described by how spammy its tokens are (naive-Bayes weights), its shape
//! (length, list-likeness, links), the obfuscation undone in it, where it sits, and how
//! it compares with the rest of the page ("does this block belong here?"). A page is
//! described by its strongest blocks and runs of blocks, its title and meta, and scripts.

pub(crate) mod fit;
mod form;
mod text;

use crate::extract::Region;
use crate::normalize::MASK;
use crate::pipeline::{Analyzed, AnalyzedBlock};
use crate::text_classes::{ends_list_item, is_list_separator};
use crate::weights::TextWeights;

pub use fit::EVIDENCE_WEIGHT;
use fit::{Fit, PageVocabulary, is_content};
pub use text::{BlockText, block_text};

/// Version of the feature formulas, stored in the model file and checked on load. Bump it
/// whenever a feature's formula (or a separator set in `text_classes`) changes under the same
/// name, so that a model trained on the old formulas cannot load silently.
pub const FEATURE_SET_VERSION: u32 = 5;

/// Names of the block features, in order. Stored in the model and checked on load.
pub const BLOCK_FEATURES: [&str; 38] = [
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
    "reporting",
    "promotion",
    "contact",
    "second_person",
    "long_fragments",
    "sentence_ends",
    "spam_support",
    "evidence_units",
    "region_title",
    "region_meta_keywords",
    "region_meta_description",
    "region_heading",
    "region_body",
    "region_hidden",
    "region_marquee",
];

/// Names of the page features, in order. Stored in the model and checked on load.
pub const PAGE_FEATURES: [&str; 17] = [
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
    "evidence_units",
    "top_support",
    "top_promotion",
    "js_referrer_redirect",
    "js_spider_cloak",
    "js_obfuscated_loader",
    "meta_refresh",
];

/// Token totals of a whole page, so each block's context is the page minus the block, and
/// how each block fits the rest of the page.
#[derive(Debug, Clone, Default)]
pub struct PageTotals {
    sum: f64,
    count: usize,
    trad: f64,
    cjk: usize,
    fits: Vec<Fit>,
}

impl PageTotals {
    /// Totals over all blocks of `page`, whose summaries under `weights` are `texts`.
    pub fn new(page: &Analyzed, texts: &[BlockText], weights: &TextWeights) -> Self {
        let content: Vec<bool> = texts.iter().map(|t| is_content(&t.form, t.cjk)).collect();
        // Only blocks with spam evidence of their own need their fit measured.
        let fits = if texts.iter().any(|t| t.evidence_units > 0) {
            let candidates: Vec<bool> = texts.iter().map(|t| t.evidence_units > 0).collect();
            let vocabulary = PageVocabulary::new(&page.blocks, &content, &candidates, weights);
            page.blocks
                .iter()
                .zip(texts)
                .zip(&content)
                .map(|((b, t), &c)| {
                    if t.evidence_units > 0 {
                        vocabulary.fit(b, c, weights)
                    } else {
                        Fit::default()
                    }
                })
                .collect()
        } else {
            vec![Fit::default(); texts.len()]
        };
        let totals = texts.iter().fold(PageTotals::default(), |t, x| PageTotals {
            sum: t.sum + x.sum,
            count: t.count + x.count,
            trad: t.trad + x.trad_ratio * x.cjk as f64,
            cjk: t.cjk + x.cjk,
            fits: Vec::new(),
        });
        PageTotals { fits, ..totals }
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
/// Also returns the page totals, which the page features need too.
pub fn block_rows(page: &Analyzed, texts: &[BlockText], weights: &TextWeights) -> (Vec<Vec<f64>>, PageTotals) {
    let totals = PageTotals::new(page, texts, weights);
    let rows = (0..page.blocks.len())
        .map(|i| block_features(page, texts, &totals, i))
        .collect();
    (rows, totals)
}

/// Dense features of block `index` given all blocks' text summaries.
pub fn block_features(page: &Analyzed, texts: &[BlockText], totals: &PageTotals, index: usize) -> Vec<f64> {
    let block = &page.blocks[index];
    let t = texts[index];
    let fit = totals.fits.get(index).copied().unwrap_or_default();
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
        t.form.reporting,
        t.form.promotion,
        t.form.contact,
        t.form.second_person,
        t.form.long_fragments,
        t.form.sentence_ends,
        fit.spam_support,
        (1.0 + t.evidence_units as f64).ln() / 3.0,
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

/// Latin-only blocks shorter than this (a `Top` link, a `LIVE` badge) are never evidence.
const MIN_LATIN_ONLY_CHARS: usize = 24;

/// Highest probability of a block with no spam evidence of its own (its score comes from
/// its context or its shape alone).
const NO_EVIDENCE_CAP: f64 = 0.2;

/// Pieces of evidence (see [`trifle_evidence`]) a page's spam blocks need between them before
/// the page can be spam: a single phrase (`视频直播`, `游戏官网` in a portal's menu) is a trifle.
pub const MIN_PAGE_EVIDENCE_UNITS: usize = 3;

/// Caps the probabilities of blocks that cannot be evidence by themselves: short Latin-only
/// blocks, and blocks without a single strong token of their own. Applied the same way in
/// training and scoring, before the page features.
pub fn gate_blocks(page: &Analyzed, texts: &[BlockText], probs: &mut [f64]) {
    for ((block, text), p) in page.blocks.iter().zip(texts).zip(probs.iter_mut()) {
        if text.cjk == 0 && block.norm.chars.len() < MIN_LATIN_ONLY_CHARS {
            *p = p.min(0.02);
        } else if text.evidence_units == 0 {
            *p = p.min(NO_EVIDENCE_CAP);
        }
    }
}

/// Evidence units inside blocks that count as spam.
pub fn spam_evidence_units(texts: &[BlockText], probs: &[f64]) -> usize {
    texts
        .iter()
        .zip(probs)
        .filter(|(_, p)| **p >= BLOCK_SPAM)
        .map(|(t, _)| t.evidence_units)
        .sum()
}

/// Pieces of evidence a page's spam blocks hold for the trifle rule: their evidence units plus
/// their contact handles (an ad's `微信 abc123` is evidence of its own kind, not a word). A block
/// whose text repeats an earlier spam block's counts once: a menu item shown in the header, the
/// footer and a hidden mobile menu is one phrase, not three.
pub fn trifle_evidence(page: &Analyzed, texts: &[BlockText], probs: &[f64]) -> usize {
    let mut seen = std::collections::HashSet::new();
    page.blocks
        .iter()
        .zip(texts)
        .zip(probs)
        .filter(|(_, p)| **p >= BLOCK_SPAM)
        .filter(|((block, _), _)| seen.insert(block_text_key(block)))
        .map(|((_, t), _)| t.evidence_units + (t.form.contact * 3.0).round() as usize)
        .sum()
}

/// A key of a block's normalised text, equal for equal texts.
fn block_text_key(block: &AnalyzedBlock) -> u64 {
    let mut buf = [0u8; 4];
    block.norm.chars.iter().fold(crate::hash::FNV_OFFSET, |h, c| {
        crate::hash::fnv1a(h, c.c.encode_utf8(&mut buf).as_bytes())
    })
}

/// Dense features of a page given its blocks' (gated) spam probabilities.
pub fn page_features(page: &Analyzed, texts: &[BlockText], totals: &PageTotals, probs: &[f64]) -> Vec<f64> {
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
    // The strongest block (by damped logit), whose fit and form describe the page's best case.
    let top = logits
        .iter()
        .zip(&chars)
        .enumerate()
        .max_by(|a, b| damp(*a.1.0, *a.1.1).total_cmp(&damp(*b.1.0, *b.1.1)))
        .map(|(i, _)| i);
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
        (1.0 + spam_evidence_units(texts, probs) as f64).ln() / 3.0,
        top.map_or(0.0, |i| totals.fits.get(i).map_or(0.0, |f| f.spam_support)),
        top.map_or(0.0, |i| texts[i].form.promotion),
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
