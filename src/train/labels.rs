//! Labels for blocks: a block is spam when it holds one of the page's injected snippets.

use crate::normalize::normalize_str;
use crate::pipeline::Analyzed;
use crate::report::Category;

use crate::dataset::Example;

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

/// Block labels of a page, and for spam blocks the character ranges the snippets cover.
pub struct PageLabels {
    /// One label per block.
    pub blocks: Vec<BlockLabel>,
    /// Per block, `[from, to)` ranges of normalised characters that are injected text.
    pub spam_ranges: Vec<Vec<(usize, usize)>>,
}

/// Ranges of `block` (normalised characters) where `snippet` (spaces removed) occurs.
fn find_ranges(chars: &[char], index: &[usize], snippet: &[char], out: &mut Vec<(usize, usize)>) {
    if snippet.is_empty() || snippet.len() > chars.len() {
        return;
    }
    let mut i = 0;
    while i + snippet.len() <= chars.len() {
        if chars[i..i + snippet.len()] == *snippet {
            out.push((index[i], index[i + snippet.len() - 1] + 1));
            i += snippet.len();
        } else {
            i += 1;
        }
    }
}

/// Labels every block of an analysed example.
pub fn label_blocks(example: &Example, page: &Analyzed) -> PageLabels {
    let n = page.blocks.len();
    if !example.spam {
        return PageLabels {
            blocks: vec![BlockLabel::Clean; n],
            spam_ranges: vec![Vec::new(); n],
        };
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
    let snippet_chars: Vec<Vec<char>> = snippets.iter().map(|(s, _)| s.chars().collect()).collect();
    let mut labels = Vec::with_capacity(n);
    let mut ranges = Vec::with_capacity(n);
    let mut matched = 0;
    for block in &page.blocks {
        // The block's characters without whitespace, and where each sits in the block.
        let (index, chars): (Vec<usize>, Vec<char>) = block
            .norm
            .chars
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.c.is_whitespace())
            .map(|(i, c)| (i, c.c))
            .unzip();
        let text: String = chars.iter().collect();
        let mut found = Vec::new();
        let mut category = None;
        for ((s, cat), sc) in snippets.iter().zip(&snippet_chars) {
            let before = found.len();
            if text.chars().count() >= 4 && s.contains(text.as_str()) {
                found.push((0, block.norm.chars.len()));
            } else {
                find_ranges(&chars, &index, sc, &mut found);
            }
            if found.len() > before && category.is_none() {
                category = Some(*cat);
            }
        }
        match category {
            Some(cat) => {
                matched += 1;
                labels.push(BlockLabel::Spam(cat));
            }
            None if pure => labels.push(BlockLabel::Unknown),
            None => labels.push(BlockLabel::Clean),
        }
        ranges.push(found);
    }
    if matched == 0 {
        // A spam page whose injected text was not found: its blocks teach nothing reliable.
        return PageLabels {
            blocks: vec![BlockLabel::Unknown; n],
            spam_ranges: vec![Vec::new(); n],
        };
    }
    PageLabels {
        blocks: labels,
        spam_ranges: ranges,
    }
}
