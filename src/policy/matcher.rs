//! Phrase rules: one Aho-Corasick automaton over the normalised phrases of every rule, run
//! once over each block's normalised text.
//!
//! Phrases are normalised with the same code as pages ([`crate::normalize::normalize_str`]),
//! so a phrase also matches its full-width, look-alike, Traditional and spaced-out forms.
//! Spaces are ignored on both sides (`acme 娱乐城` matches `acme娱乐城`); line breaks are
//! not, so a phrase never spans two items of a block. The automaton runs over the symbols of
//! [`Alphabet`], two bytes per character.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::alphabet::Alphabet;
use crate::normalize::NormChar;

/// Buffers reused from block to block.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The block's symbols, two bytes each.
    symbols: Vec<u8>,
    /// Character index of each symbol.
    chars: Vec<usize>,
}

/// A phrase found in a block: characters `from..to` of its normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    /// Index of the rule owning the phrase.
    pub rule: usize,
    /// First normalised character.
    pub from: usize,
    /// One past the last normalised character.
    pub to: usize,
}

/// All phrases of a policy, compiled.
#[derive(Debug, Clone, Default)]
pub struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    alphabet: Alphabet,
    /// Fewest characters of any phrase.
    shortest: usize,
    /// Pattern index → the rules that listed this phrase.
    owners: Vec<Vec<usize>>,
}

impl PhraseMatcher {
    /// Compiles `(rule index, normalised phrase)` pairs. Fails only if the automaton would be
    /// too large to build.
    pub fn build<'a>(phrases: impl IntoIterator<Item = (usize, &'a str)>) -> Result<Self, String> {
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut alphabet = Alphabet::default();
        let mut shortest = usize::MAX;
        for (rule, phrase) in phrases {
            let at = match index.get(phrase) {
                Some(&at) => at,
                None => {
                    patterns.push(alphabet.encode_phrase(phrase)?);
                    shortest = shortest.min(phrase.chars().count());
                    owners.push(Vec::new());
                    index.insert(phrase, patterns.len() - 1);
                    patterns.len() - 1
                }
            };
            if !owners[at].contains(&rule) {
                owners[at].push(rule);
            }
        }
        if patterns.is_empty() {
            return Ok(PhraseMatcher::default());
        }
        // Dense transitions only at the start state: a third of the memory of the default and
        // faster on Chinese text, where almost every step leaves the start state's neighbourhood
        // (measured for BENCHMARKS.md, "Operator policy").
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .dense_depth(1)
            .build(&patterns)
            .map_err(|e| format!("cannot compile the phrases: {e}"))?;
        Ok(PhraseMatcher {
            automaton: Some(automaton),
            alphabet,
            shortest,
            owners,
        })
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.owners.len()
    }

    /// Whether there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }

    /// Appends every occurrence of every phrase in `chars` (overlaps included) to `out`.
    pub fn find(&self, chars: &[NormChar], scratch: &mut Scratch, out: &mut Vec<PhraseHit>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // The symbols of the text without spaces, and where each came from.
        scratch.symbols.clear();
        scratch.chars.clear();
        let mut known = 0;
        for (i, c) in chars.iter().enumerate() {
            if c.c != ' ' {
                let s = self.alphabet.symbol(c.c);
                known += usize::from(s != 0);
                scratch.symbols.extend_from_slice(&s.to_be_bytes());
                scratch.chars.push(i);
            }
        }
        if known < self.shortest {
            return;
        }
        for m in automaton.find_overlapping_iter(&scratch.symbols) {
            // A match that starts inside a symbol is not a match of characters.
            if m.start() % 2 != 0 {
                continue;
            }
            let (first, last) = (m.start() / 2, m.end() / 2 - 1);
            let (Some(&from), Some(&last)) = (scratch.chars.get(first), scratch.chars.get(last)) else {
                continue;
            };
            let to = last + 1;
            if let Some(rules) = self.owners.get(m.pattern().as_usize()) {
                out.extend(rules.iter().map(|&rule| PhraseHit { rule, from, to }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_str;

    #[test]
    fn finds_overlapping_phrases_as_character_ranges() {
        let m = PhraseMatcher::build([(0, "甲乙"), (1, "乙丙丁"), (2, "甲乙")]).unwrap_or_default();
        assert_eq!(m.len(), 2);
        let chars: Vec<NormChar> = "x甲乙 丙丁y"
            .chars()
            .map(|c| NormChar { c, start: 0, end: 0 })
            .collect();
        let mut hits = Vec::new();
        m.find(&chars, &mut Scratch::default(), &mut hits);
        hits.sort_by_key(|h| (h.from, h.rule));
        assert_eq!(
            hits,
            vec![
                PhraseHit {
                    rule: 0,
                    from: 1,
                    to: 3
                },
                PhraseHit {
                    rule: 2,
                    from: 1,
                    to: 3
                },
                PhraseHit {
                    rule: 1,
                    from: 2,
                    to: 6
                },
            ]
        );
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        let m = PhraseMatcher::default();
        let mut hits = Vec::new();
        m.find(&normalize_str("abc").chars, &mut Scratch::default(), &mut hits);
        assert!(hits.is_empty() && m.is_empty());
    }
}
