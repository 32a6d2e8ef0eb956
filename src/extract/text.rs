//! Plain-text input: one body block per non-empty line.

use super::{Block, Extracted, Piece, Region};

/// Whether a page (decoded text, or raw bytes of an ASCII-compatible charset) looks like HTML
/// rather than plain text: a known tag in its first 4 KiB. The one HTML sniff of the crate.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    const MARKERS: [&[u8]; 12] = [
        b"<!doctype",
        b"<html",
        b"<head",
        b"<body",
        b"<title",
        b"<meta",
        b"<div",
        b"<p>",
        b"<p ",
        b"<a ",
        b"<br",
        b"<table",
    ];
    head.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .any(|(i, _)| MARKERS.iter().any(|m| head[i..].starts_with(m)))
}

/// Splits plain text into one body block per non-empty line.
pub fn extract_text(text: &str) -> Extracted {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if !trimmed.trim().is_empty() {
            let lead = trimmed.len() - trimmed.trim_start().len();
            let body = trimmed.trim();
            let start = offset + lead;
            let mut block = Block::new(Region::Body);
            block.pieces.push(Piece {
                range: start..start + body.len(),
                new_item: false,
                in_link: false,
                raw: true,
            });
            blocks.push(block);
        }
        offset += line.len();
    }
    Extracted {
        blocks,
        signals: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Block;

    /// Byte range in the decoded text from the block's first to its last piece.
    fn range(block: &Block) -> std::ops::Range<usize> {
        let start = block.pieces.first().map_or(0, |p| p.range.start);
        let end = block.pieces.last().map_or(0, |p| p.range.end);
        start..end
    }

    #[test]
    fn lines_become_blocks_with_exact_ranges() {
        let text = "标题\n\n  第一段文字。\r\n最后一行";
        let e = extract_text(text);
        assert_eq!(e.blocks.len(), 3);
        assert_eq!(&text[range(&e.blocks[1])], "第一段文字。");
        assert_eq!(&text[range(&e.blocks[2])], "最后一行");
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html(b"<!DOCTYPE html><html>"));
        assert!(!looks_like_html("中国西藏网 > 即时新闻".as_bytes()));
    }
}
