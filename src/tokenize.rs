//! Stage 4: normalised text → hashed tokens (character n-grams and jieba words).
//!
//! Text is cut into segments at punctuation and separators; inside a segment every Chinese
//! character is one unit and every run of Latin letters/digits is one unit (random-looking
//! IDs and long numbers become class units, so a user name is not evidence by itself).
//! Tokens are unit 1-, 2- and 3-grams (a lone Latin letter or digit is no unigram: `A、B` is
//! not evidence, `A片` still is) plus jieba words of two or more characters, each
//! identified by a 64-bit key (FNV-1a units combined by a splitmix finaliser). The key is not
//! folded into buckets: a token never seen in training has no weight rather than the weight of
//! whatever shared its bucket. FNV is written out here (ten lines) because the key of a token
//! must never change between builds or platforms.

use std::sync::LazyLock;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

use crate::hash::{FNV_OFFSET, fnv1a, mix};
use crate::normalize::{MASK, NormText, is_cjk};

/// Feature settings stored in every model; a model only loads with identical settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenConfig {
    /// Longest unit n-gram (1 to 3).
    pub max_ngram: u8,
    /// Add jieba words.
    pub words: bool,
    /// Version of the normaliser and tokeniser code the model was trained with.
    pub pipeline_version: u32,
}

/// Version of normalisation + tokenisation; bump when either changes what tokens come out.
pub const PIPELINE_VERSION: u32 = 4;

impl Default for TokenConfig {
    fn default() -> Self {
        TokenConfig {
            max_ngram: 3,
            words: true,
            pipeline_version: PIPELINE_VERSION,
        }
    }
}

/// One hashed token and the normalised characters it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// 64-bit token key (the same text, n-gram order and kind always give the same key).
    pub key: u64,
    /// First character (index into [`NormText::chars`]).
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A unit of a segment: its hash and character range.
#[derive(Clone, Copy)]
struct Unit {
    hash: u64,
    start: u32,
    end: u32,
    /// A lone Latin letter or digit: part of n-grams (`a片`), but no token on its own.
    lone_latin: bool,
}

/// Hash of a Latin/digit run (hashed as read: `literal`), with IDs and long numbers folded to classes.
fn alnum_hash(literal: u64, letters: usize, digits: usize) -> u64 {
    let class: &[u8] = if letters > 0 && digits > 0 && letters + digits >= 4 {
        b"\x01id"
    } else if digits >= 5 {
        b"\x01num"
    } else if letters > 14 {
        b"\x01longword"
    } else {
        return literal;
    };
    fnv1a(FNV_OFFSET, class)
}

/// Cuts normalised text into tokens, appending them to `out`.
pub fn tokenize(text: &NormText, config: &TokenConfig, out: &mut Vec<Token>) {
    let chars = &text.chars;
    let mut units: Vec<Unit> = Vec::new();
    let mut buf = [0u8; 4];
    let mut i = 0;
    while i <= chars.len() {
        let c = chars.get(i).map(|c| c.c);
        match c {
            Some(c) if is_cjk(c) || c == MASK => {
                units.push(Unit {
                    hash: fnv1a(FNV_OFFSET, c.encode_utf8(&mut buf).as_bytes()),
                    start: i as u32,
                    end: i as u32 + 1,
                    lone_latin: false,
                });
                i += 1;
            }
            Some(c) if c.is_ascii_alphanumeric() => {
                let start = i;
                let (mut literal, mut letters, mut digits) = (FNV_OFFSET, 0, 0);
                while let Some(n) = chars.get(i).map(|c| c.c).filter(char::is_ascii_alphanumeric) {
                    literal = fnv1a(literal, &[n as u8]);
                    if n.is_ascii_digit() {
                        digits += 1;
                    } else {
                        letters += 1;
                    }
                    i += 1;
                }
                units.push(Unit {
                    hash: alnum_hash(literal, letters, digits),
                    start: start as u32,
                    end: i as u32,
                    lone_latin: i - start == 1,
                });
            }
            _ => {
                emit_segment(&units, config, out);
                if config.words {
                    emit_words(text, &units, out);
                }
                units.clear();
                i += 1;
            }
        }
    }
}

fn emit_segment(units: &[Unit], config: &TokenConfig, out: &mut Vec<Token>) {
    for (k, u) in units.iter().enumerate() {
        if !u.lone_latin {
            out.push(Token {
                key: mix(u.hash, 0, 1),
                start: u.start,
                end: u.end,
            });
        }
        if config.max_ngram >= 2
            && let Some(v) = units.get(k + 1)
        {
            let h2 = mix(u.hash, v.hash, 2);
            out.push(Token {
                key: h2,
                start: u.start,
                end: v.end,
            });
            if config.max_ngram >= 3
                && let Some(w) = units.get(k + 2)
            {
                out.push(Token {
                    key: mix(h2, w.hash, 3),
                    start: u.start,
                    end: w.end,
                });
            }
        }
    }
}

/// Adds jieba words (two or more characters) for each run of Chinese characters.
fn emit_words(text: &NormText, units: &[Unit], out: &mut Vec<Token>) {
    let mut k = 0;
    while k < units.len() {
        let is_han = |u: &Unit| u.end - u.start == 1 && is_cjk(text.chars[u.start as usize].c);
        if !is_han(&units[k]) {
            k += 1;
            continue;
        }
        let first = k;
        while k < units.len() && is_han(&units[k]) {
            k += 1;
        }
        if k - first < 2 {
            continue;
        }
        let start = units[first].start as usize;
        let run: String = text.chars[start..start + (k - first)].iter().map(|c| c.c).collect();
        let tokens = JIEBA.cut(&run, false);
        for t in tokens {
            if t.end - t.start >= 2 {
                let h = fnv1a(fnv1a(FNV_OFFSET, b"w"), t.word.as_bytes());
                out.push(Token {
                    key: mix(h, 0, 4),
                    start: (start + t.start) as u32,
                    end: (start + t.end) as u32,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_str;

    fn toks(s: &str) -> Vec<String> {
        let n = normalize_str(s);
        let mut out = Vec::new();
        tokenize(&n, &TokenConfig::default(), &mut out);
        out.iter()
            .map(|t| n.chars[t.start as usize..t.end as usize].iter().map(|c| c.c).collect())
            .collect()
    }

    #[test]
    fn ngrams_do_not_cross_separators() {
        let t = toks("免费|视频");
        assert!(t.contains(&"免费".to_string()));
        assert!(!t.iter().any(|s| s.contains("费视") || s.contains('|')));
    }

    #[test]
    fn words_and_latin_units() {
        let t = toks("中文字幕av在线观看");
        assert!(t.contains(&"中文字幕".to_string()) || t.contains(&"字幕".to_string()));
        assert!(t.contains(&"av".to_string()));
        assert!(t.contains(&"幕av在".to_string()));
    }

    #[test]
    fn a_lone_letter_is_no_token_of_its_own() {
        let t = toks("(A、B) A片");
        assert!(!t.iter().any(|s| s == "a" || s == "b"), "{t:?}");
        assert!(t.contains(&"a片".to_string()), "{t:?}");
    }

    #[test]
    fn ids_share_a_key() {
        let a = normalize_str("x8k2j9");
        let b = normalize_str("qq77ab1");
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        let cfg = TokenConfig::default();
        tokenize(&a, &cfg, &mut ta);
        tokenize(&b, &cfg, &mut tb);
        assert_eq!(ta[0].key, tb[0].key);
    }
}
