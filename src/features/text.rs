//! Token-weight summary of one block: how spammy its tokens are overall, per item, inside
//! quotation marks, and how much the block reads as prose.

use crate::normalize::{NormChar, is_cjk};
use crate::pipeline::AnalyzedBlock;
use crate::text_classes::separates_items;
use crate::weights::TextWeights;

use super::fit::EVIDENCE_WEIGHT;
use super::form::{Form, block_form};

/// Token-weight summary of one block.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockText {
    /// Sum of token weights.
    pub sum: f64,
    /// Number of tokens.
    pub count: usize,
    /// Mean of the strongest 8 token weights.
    pub top_mean: f64,
    /// Share of tokens with weight above 1.
    pub pos_frac: f64,
    /// Share of tokens with weight below -1.
    pub neg_frac: f64,
    /// Share of Chinese characters converted from Traditional.
    pub trad_ratio: f64,
    /// Share of the spam evidence (weights above 1) inside quotation marks: reported speech,
    /// as in news about a crackdown quoting the ads it found.
    pub quoted_spam: f64,
    /// Share of Chinese characters that are function words of running prose (的, 了, 被…);
    /// keyword lists have almost none.
    pub prose: f64,
    /// Highest mean token weight of one item (text between separators) of three or more
    /// tokens: a spam anchor among real partners in a friend-links row.
    pub item_top: f64,
    /// Share of such items whose mean token weight is above 1.
    pub spam_items: f64,
    /// Number of Chinese characters.
    pub cjk: usize,
    /// Distinct pieces of spam evidence: runs of characters covered by tokens of weight
    /// [`EVIDENCE_WEIGHT`] or more, each counting one, plus one more per further eight
    /// characters (so `无码` is one, `视频直播间` one, a long spam compound two, a lone `Top` one).
    pub evidence_units: usize,
    /// The block's form (reporting prose or keyword list and ad copy).
    pub form: Form,
}

impl BlockText {
    /// Mean token weight.
    pub fn mean(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum / self.count as f64
        }
    }
}

/// Summarises a block's tokens under the weights.
pub fn block_text(block: &AnalyzedBlock, weights: &TextWeights) -> BlockText {
    let mut ws: Vec<f64> = block.tokens.iter().map(|t| f64::from(weights.spam(t.key))).collect();
    let quoted = quoted_chars(&block.norm.chars);
    let (mut spam_mass, mut quoted_mass) = (0.0, 0.0);
    for (t, &w) in block.tokens.iter().zip(&ws) {
        if w > 1.0 {
            spam_mass += w;
            if quoted.get(t.start as usize).copied().unwrap_or(false) {
                quoted_mass += w;
            }
        }
    }
    let (item_top, spam_items) = item_scores(block, &ws);
    let evidence_units = evidence_units(block, &ws);
    let count = ws.len();
    let sum: f64 = ws.iter().sum();
    let pos = ws.iter().filter(|&&w| w > 1.0).count();
    let neg = ws.iter().filter(|&&w| w < -1.0).count();
    let k = ws.len().min(8);
    if ws.len() > k {
        ws.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
    }
    let top = &ws[..k];
    let cjk = block.norm.chars.iter().filter(|c| is_cjk(c.c)).count();
    let form = block_form(&block.norm.chars, evidence_units > 0);
    BlockText {
        sum,
        count,
        top_mean: if top.is_empty() {
            0.0
        } else {
            top.iter().sum::<f64>() / top.len() as f64
        },
        pos_frac: pos as f64 / count.max(1) as f64,
        neg_frac: neg as f64 / count.max(1) as f64,
        trad_ratio: f64::from(block.norm.stats.traditional) / cjk.max(1) as f64,
        quoted_spam: if spam_mass > 0.0 { quoted_mass / spam_mass } else { 0.0 },
        prose: form.function_words,
        item_top,
        spam_items,
        cjk,
        evidence_units,
        form,
    }
}

/// Whether the characters `start..end` are a number (`971`, `504 472`): prices, phone numbers,
/// dates and stock quotes fill real pages in every language, so a number alone is no evidence.
fn is_number(chars: &[NormChar], start: u32, end: u32) -> bool {
    chars
        .get(start as usize..end as usize)
        .is_some_and(|run| run.iter().all(|c| c.c.is_ascii_digit() || c.c == ' '))
}

/// Counts evidence units: merged character runs of strong tokens other than numbers, one unit
/// each plus one per further eight characters.
fn evidence_units(block: &AnalyzedBlock, ws: &[f64]) -> usize {
    let mut runs: Vec<(u32, u32)> = block
        .tokens
        .iter()
        .zip(ws)
        .filter(|(t, w)| **w >= f64::from(EVIDENCE_WEIGHT) && !is_number(&block.norm.chars, t.start, t.end))
        .map(|(t, _)| (t.start, t.end))
        .collect();
    runs.sort_unstable();
    let mut units = 0;
    let mut current: Option<(u32, u32)> = None;
    for (a, b) in runs {
        match current {
            Some((s, e)) if a <= e => current = Some((s, e.max(b))),
            Some((s, e)) => {
                units += 1 + (e - s) as usize / 8;
                current = Some((a, b));
            }
            None => current = Some((a, b)),
        }
    }
    if let Some((s, e)) = current {
        units += 1 + (e - s) as usize / 8;
    }
    units
}

/// Best item mean and share of spam-leaning items, over items of at least three tokens.
fn item_scores(block: &AnalyzedBlock, ws: &[f64]) -> (f64, f64) {
    let chars = &block.norm.chars;
    let mut item_of = Vec::with_capacity(chars.len());
    let mut items = 0usize;
    for c in chars {
        if separates_items(c.c) {
            items += 1;
        }
        item_of.push(items);
    }
    let mut sums = vec![(0.0f64, 0usize); items + 1];
    for (t, &w) in block.tokens.iter().zip(ws) {
        if let Some(&i) = item_of.get(t.start as usize) {
            sums[i].0 += w;
            sums[i].1 += 1;
        }
    }
    let means: Vec<f64> = sums
        .iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(s, n)| s / *n as f64)
        .collect();
    if means.is_empty() {
        return (0.0, 0.0);
    }
    let top = means.iter().copied().fold(f64::MIN, f64::max);
    let spam = means.iter().filter(|&&m| m > 1.0).count() as f64 / means.len() as f64;
    (top, spam)
}

/// Which characters sit inside quotation marks (「」『』“”‘’ and paired ASCII `"`).
fn quoted_chars(chars: &[NormChar]) -> Vec<bool> {
    let mut depth = 0u32;
    let mut ascii_open = false;
    chars
        .iter()
        .map(|c| match c.c {
            '「' | '『' | '“' | '‘' => {
                depth += 1;
                false
            }
            '」' | '』' | '”' | '’' => {
                depth = depth.saturating_sub(1);
                false
            }
            '"' => {
                ascii_open = !ascii_open;
                false
            }
            '\n' => {
                // Quotes do not run across lines.
                depth = 0;
                ascii_open = false;
                false
            }
            _ => depth > 0 || ascii_open,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_told_from_words() {
        let n = crate::normalize::normalize_str("tel 971 504 472 买6合彩");
        let run = |from: &str, len: usize| {
            let start = n.text().find(from).map_or(0, |b| n.text()[..b].chars().count()) as u32;
            is_number(&n.chars, start, start + len as u32)
        };
        assert!(run("971", 3));
        assert!(run("971", 7));
        assert!(!run("472", 5));
        assert!(!run("6合", 2));
        assert!(!run("tel", 3));
    }

    #[test]
    fn quotation_marks_and_prose_are_seen() {
        let n = crate::normalize::normalize_str("警方提醒「注册送彩金」是骗局\n\"免费\"");
        let inside: String = n
            .chars
            .iter()
            .zip(quoted_chars(&n.chars))
            .filter(|(_, q)| *q)
            .map(|(c, _)| c.c)
            .collect();
        assert_eq!(inside, "注册送彩金免费");
        let prose = n
            .chars
            .iter()
            .filter(|c| super::super::form::is_function_word(c.c))
            .count();
        assert_eq!(prose, 1, "only 是");
    }
}
