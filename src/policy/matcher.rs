//! Phrase rules: one Aho-Corasick automaton over the normalised phrases of every rule, run
//! once over each block's normalised text.
//!
//! Phrases are normalised with the same code as pages ([`crate::normalize::normalize_str`]),
//! so a phrase also matches its full-width, look-alike, Traditional and spaced-out forms.
//! Spaces are ignored on both sides (`acme 娱乐城` matches `acme娱乐城`); line breaks are
//! not, so a phrase never spans two items of a block.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalize::NormChar;

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
    /// Pattern index → the rules that listed this phrase.
    owners: Vec<Vec<usize>>,
}

impl PhraseMatcher {
    /// Compiles `(rule index, normalised phrase)` pairs. Fails only if the automaton would be
    /// too large to build.
    pub fn build<'a>(phrases: impl IntoIterator<Item = (usize, &'a str)>) -> Result<Self, String> {
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        let mut patterns: Vec<&'a str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (rule, phrase) in phrases {
            let at = *index.entry(phrase).or_insert_with(|| {
                patterns.push(phrase);
                owners.push(Vec::new());
                patterns.len() - 1
            });
            if !owners[at].contains(&rule) {
                owners[at].push(rule);
            }
        }
        if patterns.is_empty() {
            return Ok(PhraseMatcher::default());
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| format!("cannot compile the phrases: {e}"))?;
        Ok(PhraseMatcher {
            automaton: Some(automaton),
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
    pub fn find(&self, chars: &[NormChar], out: &mut Vec<PhraseHit>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // The text without spaces, with the byte offset and character index of each kept
        // character, to turn byte matches back into character ranges.
        let mut text = String::with_capacity(chars.len() * 3);
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(chars.len());
        for (i, c) in chars.iter().enumerate() {
            if c.c != ' ' {
                kept.push((text.len(), i));
                text.push(c.c);
            }
        }
        let first_at = |byte: usize| kept.partition_point(|&(b, _)| b < byte);
        for m in automaton.find_overlapping_iter(&text) {
            let first = kept.get(first_at(m.start())).map_or(chars.len(), |&(_, i)| i);
            let last = kept
                .get(first_at(m.end()).saturating_sub(1))
                .map_or(chars.len(), |&(_, i)| i);
            let (from, to) = (first, last + 1);
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
        m.find(&chars, &mut hits);
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
        m.find(&normalize_str("abc").chars, &mut hits);
        assert!(hits.is_empty() && m.is_empty());
    }
}
