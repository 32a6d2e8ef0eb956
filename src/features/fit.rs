//! How a block fits its page. An injected block promotes something the page is not about:
//! its spam words occur nowhere else on the page. A news story about a casino is about the
//! casino: the words that read as spam in one block recur in the story's other paragraphs.
//!
//! Only tokens of two or more characters count (single characters recur everywhere), and
//! support comes only from "content" blocks — long enough and shaped like sentences — so that
//! a hijacked title and a keyword block pasted below it cannot vouch for each other.

use crate::pipeline::AnalyzedBlock;
use crate::tokenize::Token;
use crate::weights::{KeyMap, TextWeights};

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

/// For each spam-evidence token of the page (a multi-character token of weight at least
/// [`EVIDENCE_WEIGHT`] in a block with evidence), the number of content blocks holding it.
/// Built only for pages where some block has spam evidence to check, and only over those
/// tokens, so a clean page pays nothing and a spam page one pass over its content blocks.
#[derive(Debug, Default)]
pub struct PageVocabulary {
    /// Evidence key → (content blocks holding it, last content block counted).
    content: KeyMap<(u32, u32)>,
}

fn is_evidence(t: &Token, weights: &TextWeights) -> bool {
    t.end - t.start >= 2 && weights.spam(t.key) >= EVIDENCE_WEIGHT
}

impl PageVocabulary {
    /// Counts, for the evidence tokens of `candidates` (blocks with evidence), the content blocks
    /// (`content[i]`) that hold them.
    pub fn new(blocks: &[AnalyzedBlock], content: &[bool], candidates: &[bool], weights: &TextWeights) -> Self {
        let mut map: KeyMap<(u32, u32)> = KeyMap::default();
        for (block, _) in blocks.iter().zip(candidates).filter(|(_, c)| **c) {
            for t in block.tokens.iter().filter(|t| is_evidence(t, weights)) {
                map.insert(t.key, (0, u32::MAX));
            }
        }
        for (i, (block, _)) in blocks.iter().zip(content).enumerate().filter(|(_, (_, c))| **c) {
            for t in &block.tokens {
                if let Some(e) = map.get_mut(&t.key)
                    && e.1 != i as u32
                {
                    e.0 += 1;
                    e.1 = i as u32;
                }
            }
        }
        PageVocabulary { content: map }
    }

    /// Fit of one block (itself content or not) to the rest of the page.
    pub fn fit(&self, block: &AnalyzedBlock, is_content: bool, weights: &TextWeights) -> Fit {
        let (mut spam_mass, mut supported) = (0.0f64, 0.0f64);
        let own = u32::from(is_content);
        let mut keys: Vec<(u64, f32)> = block
            .tokens
            .iter()
            .filter(|t| is_evidence(t, weights))
            .map(|t| (t.key, weights.spam(t.key)))
            .collect();
        keys.sort_unstable_by_key(|&(k, _)| k);
        keys.dedup_by_key(|&mut (k, _)| k);
        for (key, w) in keys {
            spam_mass += f64::from(w);
            if self.content.get(&key).is_some_and(|&(n, _)| n > own) {
                supported += f64::from(w);
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
