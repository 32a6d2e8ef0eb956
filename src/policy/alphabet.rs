//! The phrase alphabet: every character that occurs in some phrase gets a two-byte symbol, and
//! every other character the symbol 0, which no phrase contains.
//!
//! The automaton runs over symbols instead of UTF-8: two bytes per character instead of three
//! for Chinese text (fewer transitions, a smaller automaton), and a character no phrase uses
//! sends the automaton straight back to its start.

use std::collections::HashMap;

/// Number of characters with a direct table entry (the Basic Multilingual Plane).
const BMP: usize = 0x1_0000;

/// Characters of the phrases, numbered from 1.
#[derive(Debug, Clone, Default)]
pub struct Alphabet {
    /// Symbol of each BMP character (0: not in any phrase); empty until the first character.
    bmp: Vec<u16>,
    /// Symbols of characters beyond the BMP.
    astral: HashMap<char, u16>,
    /// Symbols handed out so far.
    len: u16,
}

impl Alphabet {
    /// The symbol of `c`, or 0 when no phrase contains it.
    pub fn symbol(&self, c: char) -> u16 {
        let code = c as usize;
        if code < BMP {
            self.bmp.get(code).copied().unwrap_or(0)
        } else {
            self.astral.get(&c).copied().unwrap_or(0)
        }
    }

    /// The symbols of `phrase` as bytes, adding its new characters. Fails when the phrases
    /// use more than 65 535 distinct characters.
    pub fn encode_phrase(&mut self, phrase: &str) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(phrase.len());
        for c in phrase.chars() {
            let s = match self.symbol(c) {
                0 => self.add(c)?,
                s => s,
            };
            out.extend_from_slice(&s.to_be_bytes());
        }
        Ok(out)
    }

    fn add(&mut self, c: char) -> Result<u16, String> {
        let s = self
            .len
            .checked_add(1)
            .ok_or("the phrases use more than 65 535 distinct characters")?;
        self.len = s;
        let code = c as usize;
        if code < BMP {
            if self.bmp.is_empty() {
                self.bmp = vec![0; BMP];
            }
            self.bmp[code] = s;
        } else {
            self.astral.insert(c, s);
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::Alphabet;

    #[test]
    fn numbers_characters_in_order_of_first_use() {
        let mut a = Alphabet::default();
        assert_eq!(a.symbol('甲'), 0);
        assert_eq!(a.encode_phrase("甲乙甲"), Ok(vec![0, 1, 0, 2, 0, 1]));
        assert_eq!(a.encode_phrase("😀乙"), Ok(vec![0, 3, 0, 2]));
        assert_eq!((a.symbol('乙'), a.symbol('😀'), a.symbol('丙')), (2, 3, 0));
    }
}
