//! Stage 7: block scores → page verdict, categories, spans and evidence.

use std::collections::HashMap;

use crate::decode::SourceMap;
use crate::features::{
    BlockText, EVIDENCE_WEIGHT, MIN_PAGE_EVIDENCE_UNITS, PageTotals, block_rows, block_text, gate_blocks,
    page_features, trifle_evidence,
};
use crate::model::{Model, Regression, predict};
use crate::pipeline::{Analyzed, AnalyzedBlock};
use crate::report::{Category, CategoryScores, Evidence, Report, Span, Verdict};
use crate::text_classes::ends_span_item;
use crate::weights::TextWeights;

/// Most evidence items reported.
const MAX_EVIDENCE: usize = 12;

/// Mean of a block's strongest token weights above which it may be reported as a span.
const SPAN_OWN_EVIDENCE: f64 = 1.5;

/// The scored blocks of a page, before the report is built.
pub struct Scored {
    /// Token-weight summaries per block.
    pub texts: Vec<BlockText>,
    /// Spam probability per block.
    pub block_probs: Vec<f64>,
    /// Calibrated page probability.
    pub page_prob: f64,
}

/// Block scores of a page, before the page regression.
pub struct BlockScores {
    /// Token-weight summaries per block.
    pub texts: Vec<BlockText>,
    /// Spam probability per block, after the gates (see [`gate_blocks`]).
    pub block_probs: Vec<f64>,
    /// Page totals and each block's fit to the page.
    pub totals: PageTotals,
}

impl BlockScores {
    /// The page's feature row for the page regression.
    pub fn page_row(&self, page: &Analyzed) -> Vec<f64> {
        page_features(page, &self.texts, &self.totals, &self.block_probs)
    }

    /// Whether the page's spam blocks hold too little evidence to make it spam: no page is
    /// decided by a trifle.
    pub fn is_trifle(&self, page: &Analyzed) -> bool {
        trifle_evidence(page, &self.texts, &self.block_probs) < MIN_PAGE_EVIDENCE_UNITS
    }
}

/// Scores every block of a page under token weights and a block regression. Training calls
/// this with cross-fitted weights; scoring with the model's own.
pub fn score_blocks(weights: &TextWeights, block_lr: &Regression, page: &Analyzed) -> BlockScores {
    let texts: Vec<BlockText> = page.blocks.iter().map(|b| block_text(b, weights)).collect();
    let (rows, totals) = block_rows(page, &texts, weights);
    let mut block_probs = if rows.is_empty() {
        Vec::new()
    } else {
        predict(block_lr, &rows)
    };
    gate_blocks(page, &texts, &mut block_probs);
    BlockScores {
        texts,
        block_probs,
        totals,
    }
}

/// Scores all blocks and the page with a model.
pub fn score_page(model: &Model, page: &Analyzed) -> Scored {
    let blocks = score_blocks(&model.weights, &model.parts.block_lr, page);
    let mut page_prob = model.page_prob(blocks.page_row(page));
    if blocks.is_trifle(page) {
        page_prob = page_prob.min(f64::from(model.parts.thresholds.review) * 0.9);
    }
    let BlockScores { texts, block_probs, .. } = blocks;
    Scored {
        texts,
        block_probs,
        page_prob,
    }
}

/// Builds the full report for a scored page; `input` is the page's original bytes.
pub fn report(model: &Model, page: &Analyzed, scored: &Scored, input: &[u8]) -> Report {
    let th = model.parts.thresholds;
    let score = scored.page_prob as f32;
    let verdict = if score >= th.spam {
        Verdict::Spam
    } else if score >= th.review {
        Verdict::Review
    } else {
        Verdict::Clean
    };
    let mut flagged: Vec<usize> = Vec::new();
    if verdict != Verdict::Clean {
        // A span needs spam words of its own: a clean paragraph beside an injected block
        // scores high through its context alone.
        flagged = (0..page.blocks.len())
            .filter(|&i| scored.block_probs[i] >= f64::from(th.span) && scored.texts[i].top_mean > SPAN_OWN_EVIDENCE)
            .collect();
        if flagged.is_empty()
            && let Some(best) =
                (0..page.blocks.len()).max_by(|&a, &b| scored.block_probs[a].total_cmp(&scored.block_probs[b]))
        {
            flagged.push(best);
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut mix = [0.0f64; 3];
    let map = if flagged.is_empty() {
        SourceMap::Shift(0)
    } else {
        page.decoded.source_map(input)
    };
    for &i in &flagged {
        let block = &page.blocks[i];
        for (from, to) in spam_ranges(block, model) {
            let range = page.input_range(&map, i, from, to);
            if range.is_empty() {
                continue;
            }
            let cats = category_mix(block, model, from, to);
            let weight = scored.block_probs[i] * (to - from).max(1) as f64;
            for c in 0..3 {
                mix[c] += cats[c] * weight;
            }
            let span = Span {
                start: range.start,
                end: range.end,
                category: Category::ALL[argmax(&cats)],
                score: scored.block_probs[i] as f32,
                region: block.block.region.name().to_owned(),
            };
            merge_or_push(&mut spans, span);
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    let total: f64 = mix.iter().sum();
    let categories = if total > 0.0 {
        let share = |c: usize| (f64::from(score) * mix[c] / total) as f32;
        CategoryScores {
            adult: share(0),
            gambling: share(1),
            other: share(2),
        }
    } else {
        CategoryScores::default()
    };
    Report {
        score,
        verdict,
        categories,
        spans,
        evidence: evidence(model, page, &flagged),
        encoding: page.decoded.encoding.name().to_owned(),
        input_kind: if page.is_html { "html" } else { "text" }.to_owned(),
        rules: Vec::new(),
        overridden: false,
    }
}

/// Joins a span to the previous one when they touch and share a category.
fn merge_or_push(spans: &mut Vec<Span>, span: Span) {
    if let Some(last) = spans.last_mut()
        && last.category == span.category
        && last.region == span.region
        && span.start <= last.end + 16
        && span.start >= last.start
    {
        last.end = last.end.max(span.end);
        last.score = last.score.max(span.score);
        return;
    }
    spans.push(span);
}

fn argmax(v: &[f64; 3]) -> usize {
    let mut best = 0;
    for i in 1..3 {
        if v[i] > v[best] {
            best = i;
        }
    }
    best
}

/// Category distribution of characters `from..to` of a block (softmax of summed weights).
fn category_mix(block: &AnalyzedBlock, model: &Model, from: usize, to: usize) -> [f64; 3] {
    let mut sums = [0.0f64; 3];
    for t in block
        .tokens
        .iter()
        .filter(|t| (t.start as usize) >= from && (t.end as usize) <= to)
    {
        if let Some((spam, w)) = model.weights.get(t.key) {
            let spam = f64::from(spam).max(0.0);
            for c in 0..3 {
                sums[c] += f64::from(w[c]) * spam.min(3.0) / 3.0;
            }
        }
    }
    let max = sums.iter().copied().fold(f64::MIN, f64::max);
    let exp: Vec<f64> = sums.iter().map(|s| (s - max).exp()).collect();
    let z: f64 = exp.iter().sum();
    [exp[0] / z, exp[1] / z, exp[2] / z]
}

/// Clean items that may sit inside a span between two spam items (a keyword block's neutral
/// entries): at most this many, of at most [`SPAN_GAP_CHARS`] characters together.
const SPAN_GAP_ITEMS: usize = 3;

/// Characters of clean items that a span may bridge between two spam items.
const SPAN_GAP_CHARS: usize = 40;

/// Character ranges of a block that hold its spam items: an item (text between item ends) is
/// spam when one of its own tokens is strong evidence and its tokens lean spam on average.
/// Runs of spam items become one range, bridging a short gap of clean items; a longer run of
/// clean items ends the range, so a span never reaches beyond the spam items inside its block
/// (two spam links in a long menu are two small spans, not the menu). A block with no spam item
/// of its own gives its whole trimmed text.
fn spam_ranges(block: &AnalyzedBlock, model: &Model) -> Vec<(usize, usize)> {
    let chars = &block.norm.chars;
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if ends_span_item(c.c) {
            if i > start {
                items.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < chars.len() {
        items.push((start, chars.len()));
    }
    let is_spam = |(a, b): (usize, usize)| {
        let ws: Vec<f32> = block
            .tokens
            .iter()
            .filter(|t| (t.start as usize) >= a && (t.end as usize) <= b)
            .map(|t| model.weights.spam(t.key))
            .collect();
        !ws.is_empty()
            && ws.iter().any(|&w| w >= EVIDENCE_WEIGHT)
            && ws.iter().map(|&w| f64::from(w)).sum::<f64>() > 0.0
    };
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let (mut gap_items, mut gap_chars) = (0, 0);
    for &item in &items {
        if is_spam(item) {
            open = Some(open.map_or(item, |(a, _)| (a, item.1)));
            (gap_items, gap_chars) = (0, 0);
        } else if open.is_some() {
            gap_items += 1;
            gap_chars += item.1 - item.0;
            if (gap_items > SPAN_GAP_ITEMS || gap_chars > SPAN_GAP_CHARS)
                && let Some(r) = open.take()
            {
                ranges.push(r);
            }
        }
    }
    ranges.extend(open);
    if ranges.is_empty() {
        ranges.push((0, chars.len()));
    }
    ranges
        .into_iter()
        .filter_map(|(mut a, mut b)| {
            // Do not start or end a span on separators.
            while a < b && (chars[a].c == ' ' || ends_span_item(chars[a].c)) {
                a += 1;
            }
            while b > a && (chars[b - 1].c == ' ' || ends_span_item(chars[b - 1].c)) {
                b -= 1;
            }
            (a < b).then_some((a, b))
        })
        .collect()
}

/// Strongest spam tokens of the flagged blocks, plus script signals.
fn evidence(model: &Model, page: &Analyzed, flagged: &[usize]) -> Vec<Evidence> {
    // Strongest tokens first (cheap), then text for the few that are shown.
    let mut best: HashMap<u64, (f32, usize, u32, u32)> = HashMap::new();
    for &i in flagged {
        for t in &page.blocks[i].tokens {
            let w = model.weights.spam(t.key);
            if w > 1.0 {
                best.entry(t.key).or_insert((w, i, t.start, t.end));
            }
        }
    }
    let mut strongest: Vec<(f32, usize, u32, u32)> = best.into_values().collect();
    strongest.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| (a.1, a.2).cmp(&(b.1, b.2))));
    let mut seen: HashMap<String, f32> = HashMap::new();
    for (w, i, start, end) in strongest.into_iter().take(MAX_EVIDENCE * 4) {
        let chars = &page.blocks[i].norm.chars;
        let text: String = chars[start as usize..(end as usize).min(chars.len())]
            .iter()
            .map(|c| c.c)
            .collect();
        let e = seen.entry(text).or_insert(0.0);
        *e = e.max(w);
    }
    let mut items: Vec<Evidence> = seen
        .into_iter()
        .map(|(feature, weight)| Evidence { feature, weight })
        .collect();
    items.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.feature.cmp(&b.feature)));
    // Prefer longer tokens among equals, drop ones contained in a kept token.
    let mut kept: Vec<Evidence> = Vec::new();
    for e in items {
        if kept.len() >= MAX_EVIDENCE {
            break;
        }
        if !kept.iter().any(|k| k.feature.contains(&e.feature)) {
            kept.push(e);
        }
    }
    for name in page.signals.names() {
        kept.push(Evidence {
            feature: name.to_owned(),
            weight: 0.0,
        });
    }
    kept
}
