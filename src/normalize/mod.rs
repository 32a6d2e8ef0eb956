//! Stage 3: raw block text → normalised text, with an offset map back to the page.
//!
//! Normalisation undoes the tricks spammers use so that one spelling of a word gives one
//! feature: HTML entities, zero-width and bidi characters, full-width and compatibility
//! forms (NFKC), look-alike letters (`A∨` → `av`), Traditional → Simplified (fast2s),
//! converter pinyin left after characters (`網(wǎng)站` → `网站`), and characters split by
//! spaces or dots (`色 情`, `色*情`). `?` and U+FFFD between Chinese characters are kept
//! (as `□`) and counted, since they mark a replaced character. Every output character
//! remembers the byte range of the page text it came from.

mod chars;
mod passes;

use std::ops::Range;

pub use chars::{is_cjk, is_invisible};

use crate::extract::Block;
use chars::{FoldKind, fold};

/// Placeholder for a character replaced by `?` or U+FFFD inside a word.
pub const MASK: char = '□';

/// One output character and the page-text bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormChar {
    /// The normalised character.
    pub c: char,
    /// First byte in the decoded page text.
    pub start: u32,
    /// One past the last byte in the decoded page text.
    pub end: u32,
}

/// How much obfuscation normalisation undid in a block.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NormStats {
    /// Zero-width, bidi and other invisible characters removed.
    pub invisible: u32,
    /// Full-width or compatibility characters folded.
    pub width: u32,
    /// Look-alike letters folded.
    pub confusable: u32,
    /// Traditional characters converted to Simplified.
    pub traditional: u32,
    /// Pinyin annotations removed.
    pub pinyin: u32,
    /// Spacing characters removed from between Chinese characters.
    pub spacing: u32,
    /// `?`/U+FFFD placeholders inside words.
    pub masked: u32,
    /// HTML entity references decoded.
    pub entities: u32,
}

/// A normalised block.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    /// Normalised characters with their origins.
    pub chars: Vec<NormChar>,
    /// Obfuscation counts.
    pub stats: NormStats,
}

impl NormText {
    /// The normalised text as a string.
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.c).collect()
    }

    /// Page-text byte range covered by characters `from..to`.
    pub fn source_range(&self, from: usize, to: usize) -> Range<usize> {
        let to = to.min(self.chars.len());
        if from >= to {
            return 0..0;
        }
        self.chars[from].start as usize..self.chars[to - 1].end as usize
    }
}

/// Normalises the text of one block. `page` is the decoded page text the block points into.
pub fn normalize_block(page: &str, block: &Block) -> NormText {
    let mut out = NormText::default();
    let mut raw: Vec<NormChar> = Vec::new();
    for piece in &block.pieces {
        let Some(text) = page.get(piece.range.clone()) else {
            continue;
        };
        if piece.new_item && !raw.is_empty() {
            let at = piece.range.start as u32;
            raw.push(NormChar {
                c: '\n',
                start: at,
                end: at,
            });
        }
        if piece.raw {
            push_chars(&mut raw, text, piece.range.start);
        } else {
            out.stats.entities += decode_entities(&mut raw, text, piece.range.start);
        }
    }
    out.chars = fold_chars(&raw, &mut out.stats);
    passes::to_simplified(&mut out.chars, &mut out.stats);
    out.chars = passes::drop_pinyin(&out.chars, &mut out.stats);
    out.chars = passes::join_spaced(&out.chars, &mut out.stats);
    out.chars = passes::collapse_space(&out.chars);
    out
}

/// Normalises a standalone string (for tests and tools); offsets are into `text`.
pub fn normalize_str(text: &str) -> NormText {
    let block = Block {
        region: crate::extract::Region::Body,
        pieces: vec![crate::extract::Piece {
            range: 0..text.len(),
            new_item: false,
            in_link: false,
            raw: true,
        }],
        link_hosts: Vec::new(),
    };
    normalize_block(text, &block)
}

fn push_chars(out: &mut Vec<NormChar>, text: &str, base: usize) {
    for (i, c) in text.char_indices() {
        let start = (base + i) as u32;
        out.push(NormChar {
            c,
            start,
            end: start + c.len_utf8() as u32,
        });
    }
}

/// Appends `text` with entity references decoded; returns how many were decoded.
fn decode_entities(out: &mut Vec<NormChar>, text: &str, base: usize) -> u32 {
    let mut decoded = 0;
    let mut rest = text;
    let mut offset = base;
    while let Some(amp) = rest.find('&') {
        push_chars(out, &rest[..amp], offset);
        let after = &rest[amp..];
        let entity_len = after
            .char_indices()
            .take(34)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i + 1)
            .filter(|&len| len > 2 && after[1..len - 1].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'));
        let consumed = match entity_len {
            Some(len) => {
                let value = html_escape::decode_html_entities(&after[..len]);
                if value != after[..len] {
                    let start = (offset + amp) as u32;
                    for c in value.chars() {
                        out.push(NormChar {
                            c,
                            start,
                            end: start + len as u32,
                        });
                    }
                    decoded += 1;
                } else {
                    push_chars(out, &after[..len], offset + amp);
                }
                len
            }
            None => {
                push_chars(out, "&", offset + amp);
                1
            }
        };
        rest = &after[consumed..];
        offset += amp + consumed;
    }
    push_chars(out, rest, offset);
    decoded
}

/// Removes invisible characters, folds width/look-alikes/case, maps whitespace to space.
fn fold_chars(raw: &[NormChar], stats: &mut NormStats) -> Vec<NormChar> {
    let mut out = Vec::with_capacity(raw.len());
    for nc in raw {
        let c = nc.c;
        if c == '\n' {
            out.push(*nc);
            continue;
        }
        if is_invisible(c) {
            stats.invisible += 1;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            out.push(NormChar { c: ' ', ..*nc });
            continue;
        }
        let kind = fold(c, |f| out.push(NormChar { c: f, ..*nc }));
        match kind {
            FoldKind::Same => {}
            FoldKind::Width => stats.width += 1,
            FoldKind::Confusable => stats.confusable += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undoes_obfuscation_and_keeps_offsets() {
        let text = "免费Ａ∨\u{200B}中文字幕 色 情 视 频 網(wǎng)站";
        let n = normalize_str(text);
        assert_eq!(n.text(), "免费av中文字幕 色情视频 网站");
        let s = n.stats;
        assert!(s.invisible == 1 && s.width == 1 && s.confusable == 1 && s.pinyin == 1 && s.traditional >= 1);
        let pos = n.chars.iter().position(|c| c.c == '网').unwrap_or(0);
        let r = n.source_range(pos, pos + 2);
        assert_eq!(&text[r], "網(wǎng)站");
    }

    #[test]
    fn entities_decode_with_source_ranges() {
        let html = "<p>&#26080;码&amp;x &bogus; &</p>";
        let block = Block {
            region: crate::extract::Region::Body,
            pieces: vec![crate::extract::Piece {
                range: 3..html.len() - 4,
                new_item: false,
                in_link: false,
                raw: false,
            }],
            link_hosts: vec![],
        };
        let n = normalize_block(html, &block);
        assert_eq!(n.text(), "无码&x &bogus; &");
        assert_eq!(&html[n.source_range(0, 1)], "&#26080;");
        assert_eq!(n.stats.entities, 2);
    }

    #[test]
    fn masks_and_separators() {
        assert_eq!(normalize_str("国产?V无码").text(), "国产□v无码");
        assert_eq!(normalize_str("免费视频_国产精品").text(), "免费视频_国产精品");
        assert_eq!(normalize_str("观看色*情电影").text(), "观看色情电影");
        assert_eq!(normalize_str("色_情_视_频").text(), "色情视频");
    }
}
