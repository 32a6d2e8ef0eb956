//! How a block fits its page. An injected block promotes something the page is not about:
//! its spam words occur nowhere else on the page. A news story about a casino is about the
//! casino: the words that read as spam in one block recur in the story's other paragraphs.
//!
//! Only tokens of two or more characters count (single characters recur everywhere), and
//! support comes only from "content" blocks — long enough and shaped like sentences — so that
//! a hijacked title and a keyword block pasted below it cannot vouch for each other.

use crate::weights::{KeyMap, TextWeights};
use crate::pipeline::AnalyzedBlock;

use super::form::Form;

/// Chinese characters from which a block of sentences counts as page content.
const CONTENT_MIN_CJK: usize = 20;

/// Share of characters in long fragments from which a block reads as sentences.
const CONTENT_MIN_LONG_FRAGMENTS: f64 = 0.5;

/// Token weight from which a token counts as spam evidence.
pub const EVIDENCE_WEIGHT: f32 = 1.5;

/// Whether a block is page content that can vouch for the words it shares with other blocks.
pub fn is_content(form: &Form, cjk: usize) -> bool {
    cjk >= CONTENT_MIN_CJK && form.long_fragments >= CONTENT_MIN_LONG_FRAGMENTS
}

/// Multi-character token keys of the page's content blocks, with the number of content blocks
/// holding each. Built only for pages where some block has spam evidence to check.
#[derive(Debug, Default)]
pub struct PageVocabulary {
    content: KeyMap<u32>,
}

fn distinct_multichar_keys(block: &AnalyzedBlock) -> Vec<u64> {
    let mut keys: Vec<u64> = block
        .tokens
        .iter()
        .filter(|t| t.end - t.start >= 2)
        .map(|t| t.key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl PageVocabulary {
    /// Counts the tokens of the content blocks (`content[i]` says whether block `i` is content).
    pub fn new(blocks: &[AnalyzedBlock], content: &[bool]) -> Self {
        let mut map: KeyMap<u32> = KeyMap::default();
        for (block, _) in blocks.iter().zip(content).filter(|(_, c)| **c) {
            for key in distinct_multichar_keys(block) {
                *map.entry(key).or_default() += 1;
            }
        }
        PageVocabulary { content: map }
    }

    /// Fit of one block (itself content or not) to the rest of the page.
    pub fn fit(&self, block: &AnalyzedBlock, is_content: bool, weights: &TextWeights) -> Fit {
        let (mut spam_mass, mut supported) = (0.0f64, 0.0f64);
        let own = u32::from(is_content);
        for key in distinct_multichar_keys(block) {
            let w = weights.spam(key);
            if w >= EVIDENCE_WEIGHT {
                spam_mass += f64::from(w);
                if self.content.get(&key).is_some_and(|&n| n > own) {
                    supported += f64::from(w);
                }
            }
        }
        Fit {
            spam_support: if spam_mass > 0.0 { supported / spam_mass } else { 0.0 },
        }
    }
}

/// How one block fits its page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Fit {
    /// Share of the block's spam evidence (by weight) whose tokens also occur in another content
    /// block of the page: 0 for a block whose spam words nothing else on the page mentions.
    pub spam_support: f64,
}
