//! Labels for blocks: a block is spam when it holds one of the page's injected snippets.

use crate::normalize::normalize_str;
use crate::pipeline::Analyzed;
use crate::report::Category;

use super::data::Example;

/// What training knows about one block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BlockLabel {
    /// Injected content, with its category when known.
    Spam(Option<Category>),
    /// Content that belongs to the page.
    Clean,
    /// Unknown (a spam page whose snippets could not be placed): not trained on.
    Unknown,
}

/// Normalised text without spaces, for matching.
fn key(text: &str) -> String {
    normalize_str(text)
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn page_category(example: &Example) -> Option<Category> {
    Category::from_name(&example.category)
}

/// Labels every block of an analysed example.
pub fn label_blocks(example: &Example, page: &Analyzed) -> Vec<BlockLabel> {
    if !example.spam {
        return vec![BlockLabel::Clean; page.blocks.len()];
    }
    let snippets: Vec<(String, Option<Category>)> = example
        .injected
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let cat = example
                .injected_categories
                .get(i)
                .copied()
                .flatten()
                .or_else(|| page_category(example));
            (key(s), cat)
        })
        .filter(|(k, _)| k.chars().count() >= 2)
        .collect();
    let pure = example.kind.as_deref() == Some("pure_spam");
    let mut labels = Vec::with_capacity(page.blocks.len());
    let mut matched = 0;
    for block in &page.blocks {
        let text: String = block.norm.text().chars().filter(|c| !c.is_whitespace()).collect();
        let hit = snippets
            .iter()
            .find(|(s, _)| text.contains(s.as_str()) || (text.chars().count() >= 4 && s.contains(text.as_str())));
        match hit {
            Some((_, cat)) => {
                matched += 1;
                labels.push(BlockLabel::Spam(*cat));
            }
            None if pure => labels.push(BlockLabel::Unknown),
            None => labels.push(BlockLabel::Clean),
        }
    }
    if matched == 0 {
        // A spam page whose injected text was not found: its blocks teach nothing reliable.
        return vec![BlockLabel::Unknown; page.blocks.len()];
    }
    labels
}
