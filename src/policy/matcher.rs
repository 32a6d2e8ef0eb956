//! Phrase rules: one Aho-Corasick automaton over the normalised phrases of every rule, and one
//! pass over each block's normalised text: at every position a [`StartFilter`] probe, and where
//! a phrase may start, an anchored walk of the automaton (at most the longest phrase long).
//!
//! Phrases are normalised with the same code as pages ([`crate::normalize::normalize_str`]),
//! so a phrase also matches its full-width, look-alike, Traditional and spaced-out forms.
//! Spaces are ignored on both sides (`acme 娱乐城` matches `acme娱乐城`); line breaks are
//! not, so a phrase never spans two items of a block. The automaton runs over the symbols of
//! [`Alphabet`], two bytes per character.

use std::collections::HashMap;

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::alphabet::Alphabet;
use super::starts::StartFilter;
use crate::normalize::NormChar;

/// Buffers reused from block to block.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The block's symbols.
    codes: Vec<u16>,
    /// The symbols of one search window, two big-endian bytes each (what the automaton reads).
    window: Vec<u8>,
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
    starts: StartFilter,
    /// Fewest characters of any phrase.
    shortest: usize,
    /// Most characters of any phrase.
    longest: usize,
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
        let (mut shortest, mut longest) = (usize::MAX, 0);
        for (rule, phrase) in phrases {
            let at = match index.get(phrase) {
                Some(&at) => at,
                None => {
                    patterns.push(alphabet.encode_phrase(phrase)?);
                    let chars = phrase.chars().count();
                    (shortest, longest) = (shortest.min(chars), longest.max(chars));
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
        // Searches are anchored at the positions the start filter lets through.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .dense_depth(1)
            .build(&patterns)
            .map_err(|e| format!("cannot compile the phrases: {e}"))?;
        let mut starts = StartFilter::with_capacity(patterns.len());
        for p in &patterns {
            let codes: Vec<u16> = p.chunks_exact(2).map(|b| u16::from_be_bytes([b[0], b[1]])).collect();
            starts.insert(&codes);
        }
        Ok(PhraseMatcher {
            automaton: Some(automaton),
            alphabet,
            starts,
            shortest,
            longest,
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
        scratch.codes.clear();
        scratch.chars.clear();
        let mut known = 0;
        for (i, c) in chars.iter().enumerate() {
            if c.c != ' ' {
                let s = self.alphabet.symbol(c.c);
                known += usize::from(s != 0);
                scratch.codes.push(s);
                scratch.chars.push(i);
            }
        }
        if known < self.shortest {
            return;
        }
        // One filter probe per position; an anchored walk of the automaton only where a phrase
        // may start, over at most the longest phrase.
        for at in 0..scratch.codes.len() {
            if scratch.codes[at] == 0 || !self.starts.may_start(&scratch.codes, at) {
                continue;
            }
            let end = (at + self.longest).min(scratch.codes.len());
            scratch.window.clear();
            for s in &scratch.codes[at..end] {
                scratch.window.extend_from_slice(&s.to_be_bytes());
            }
            let input = Input::new(&scratch.window).anchored(Anchored::Yes);
            // (The overlapping iterator refuses anchored input; the step function does not.)
            let mut state = OverlappingState::start();
            while automaton.try_find_overlapping(input.clone(), &mut state).is_ok() {
                let Some(m) = state.get_match() else {
                    break;
                };
                // A state also reports the phrases that end there but start later (suffixes).
                if m.start() != 0 {
                    continue;
                }
                let last = at + m.end() / 2 - 1;
                let (Some(&from), Some(&last)) = (scratch.chars.get(at), scratch.chars.get(last)) else {
                    continue;
                };
                let to = last + 1;
                if let Some(rules) = self.owners.get(m.pattern().as_usize()) {
                    out.extend(rules.iter().map(|&rule| PhraseHit { rule, from, to }));
                }
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

    #[test]
    fn agrees_with_a_naive_search() {
        // Small alphabet, many phrases of 1 to 6 characters: lots of overlapping matches.
        let alphabet: Vec<char> = "甲乙丙丁戊己a".chars().collect();
        let mut seed = 0x1234_5678_9abc_def1_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut phrases: Vec<String> = (0..300)
            .map(|_| (0..1 + next(6)).map(|_| alphabet[next(alphabet.len())]).collect())
            .collect();
        phrases.sort();
        phrases.dedup();
        let m = PhraseMatcher::build(phrases.iter().enumerate().map(|(i, p)| (i, p.as_str()))).unwrap_or_default();
        let text: Vec<char> = (0..400)
            .map(|_| {
                if next(9) == 0 {
                    ' '
                } else {
                    alphabet[next(alphabet.len())]
                }
            })
            .collect();
        let chars: Vec<NormChar> = text.iter().map(|&c| NormChar { c, start: 0, end: 0 }).collect();
        let mut got = Vec::new();
        m.find(&chars, &mut Scratch::default(), &mut got);
        got.sort_by_key(|h| (h.from, h.to, h.rule));
        // Naive: every phrase at every position of the text without spaces.
        let kept: Vec<(usize, char)> = text.iter().copied().enumerate().filter(|&(_, c)| c != ' ').collect();
        let mut want = Vec::new();
        for (rule, p) in phrases.iter().enumerate() {
            let p: Vec<char> = p.chars().collect();
            for at in 0..kept.len() {
                if kept.len() - at >= p.len() && kept[at..at + p.len()].iter().map(|k| k.1).eq(p.iter().copied()) {
                    want.push(PhraseHit {
                        rule,
                        from: kept[at].0,
                        to: kept[at + p.len() - 1].0 + 1,
                    });
                }
            }
        }
        want.sort_by_key(|h| (h.from, h.to, h.rule));
        assert!(want.len() > 100, "{}", want.len());
        let missing: Vec<_> = want.iter().filter(|h| !got.contains(h)).take(5).collect();
        let extra: Vec<_> = got.iter().filter(|h| !want.contains(h)).take(5).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing {missing:?}, extra {extra:?} ({} vs {})",
            got.len(),
            want.len()
        );
    }
}
