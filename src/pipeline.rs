//! The shared front half of the pipeline: bytes → decoded text → blocks → normalised
//! text → tokens. Training, `score`, `batch` and the server all call [`analyze`].

use crate::decode::{Decoded, SourceMap, decode};
use crate::error::ScoreError;
use crate::extract::{Block, ScriptSignals, extract_html, extract_text, looks_like_html};
use crate::input::{InputKind, PageInput};
use crate::normalize::{NormText, normalize_block};
use crate::tokenize::{Token, TokenConfig, tokenize};

/// Most blocks analysed per page; the rest of a huge page is summarised as dropped.
pub const MAX_BLOCKS: usize = 20_000;

/// One block with its normalised text and tokens.
#[derive(Debug, Clone)]
pub struct AnalyzedBlock {
    /// The extracted block (region, pieces, links).
    pub block: Block,
    /// Normalised text and offsets.
    pub norm: NormText,
    /// Hashed tokens.
    pub tokens: Vec<Token>,
}

/// A page run through decode, extract, normalise and tokenise.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// Decoded text and the map back to input bytes.
    pub decoded: Decoded,
    /// Blocks that have at least one token.
    pub blocks: Vec<AnalyzedBlock>,
    /// Script and redirect signals.
    pub signals: ScriptSignals,
    /// Parsed as HTML (else plain text).
    pub is_html: bool,
}

impl Analyzed {
    /// Input byte range of characters `from..to` of block `index`, through `map`
    /// (from [`Decoded::source_map`]).
    pub fn input_range(&self, map: &SourceMap, index: usize, from: usize, to: usize) -> std::ops::Range<usize> {
        let Some(b) = self.blocks.get(index) else {
            return 0..0;
        };
        let r = b.norm.source_range(from, to);
        map.to_source(r.start)..map.to_source(r.end)
    }
}

/// Rejects input that is clearly not a text page.
fn check_text(bytes: &[u8], decoded: &Decoded) -> Result<(), ScoreError> {
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let utf16 = decoded.encoding == encoding_rs::UTF_16LE || decoded.encoding == encoding_rs::UTF_16BE;
    if !utf16 && nul * 100 > head.len() {
        return Err(ScoreError::NotText {
            reason: format!("{nul} NUL bytes in the first {} bytes", head.len()),
        });
    }
    let chars = decoded.text.chars().count().max(1);
    if decoded.malformed * 5 > chars {
        return Err(ScoreError::NotText {
            reason: format!(
                "{} of {chars} characters cannot be decoded as {}",
                decoded.malformed,
                decoded.encoding.name()
            ),
        });
    }
    let controls = decoded
        .text
        .chars()
        .take(8192)
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if controls * 10 > chars.min(8192) {
        return Err(ScoreError::NotText {
            reason: format!("{controls} control characters"),
        });
    }
    Ok(())
}

/// Runs the front half of the pipeline on one page.
pub fn analyze(page: &PageInput<'_>, config: &TokenConfig) -> Result<Analyzed, ScoreError> {
    let decoded = decode(page.bytes, page.charset_hint);
    check_text(page.bytes, &decoded)?;
    let is_html = match page.kind {
        InputKind::Html => true,
        InputKind::Text => false,
        InputKind::Auto => looks_like_html(decoded.text.as_bytes()),
    };
    let extracted = if is_html {
        extract_html(&decoded.text)
    } else {
        extract_text(&decoded.text)
    };
    let mut blocks = Vec::with_capacity(extracted.blocks.len().min(MAX_BLOCKS));
    let mut tokens = Vec::new();
    for block in extracted.blocks.into_iter().take(MAX_BLOCKS) {
        let norm = normalize_block(&decoded.text, &block);
        tokens.clear();
        tokenize(&norm, config, &mut tokens);
        if !tokens.is_empty() {
            blocks.push(AnalyzedBlock {
                block,
                norm,
                tokens: tokens.clone(),
            });
        }
    }
    Ok(Analyzed {
        decoded,
        blocks,
        signals: extracted.signals,
        is_html,
    })
}
