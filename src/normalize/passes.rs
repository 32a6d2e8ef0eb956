//! Whole-block passes that need neighbouring characters.

use super::chars::is_cjk;
use super::{MASK, NormChar, NormStats};
use crate::text_classes::{is_glue, is_soft_separator};

/// Traditional → Simplified with fast2s, which maps one character to one character.
pub fn to_simplified(chars: &mut [NormChar], stats: &mut NormStats) {
    if !chars.iter().any(|c| is_cjk(c.c)) {
        return;
    }
    let text: String = chars.iter().map(|c| c.c).collect();
    let converted = fast2s::convert(&text);
    if converted.chars().count() != chars.len() {
        return;
    }
    for (nc, s) in chars.iter_mut().zip(converted.chars()) {
        if nc.c != s {
            nc.c = s;
            stats.traditional += 1;
        }
    }
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Removes `(pīnyīn)` written after a Chinese character by careless converters.
pub fn drop_pinyin(chars: &[NormChar], stats: &mut NormStats) -> Vec<NormChar> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].c;
        if c == '(' && i > 0 && is_cjk(chars[i - 1].c) {
            let mut j = i + 1;
            let mut tone = false;
            while j < chars.len() && j - i <= 8 && (chars[j].c.is_ascii_lowercase() || is_tone_vowel(chars[j].c)) {
                tone |= is_tone_vowel(chars[j].c);
                j += 1;
            }
            let letters = j - i - 1;
            let closed = j < chars.len() && chars[j].c == ')';
            let next_cjk = chars.get(j + 1).is_some_and(|n| is_cjk(n.c));
            if closed && (1..=7).contains(&letters) && (tone || next_cjk) {
                if let Some(last) = out.last_mut() {
                    let last: &mut NormChar = last;
                    last.end = chars[j].end;
                }
                stats.pinyin += 1;
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_wordish(c: char) -> bool {
    is_cjk(c) || c == MASK
}

/// Joins characters split by spacing (`色 情`, `色*情`) and masks `?` inside words.
pub fn join_spaced(chars: &[NormChar], stats: &mut NormStats) -> Vec<NormChar> {
    let n = chars.len();
    let c_at = |i: isize| -> Option<char> { (i >= 0 && (i as usize) < n).then(|| chars[i as usize].c) };
    // A character is isolated when it has no Chinese neighbour on either side.
    let isolated = |i: isize| -> bool {
        c_at(i).is_some_and(is_wordish) && !c_at(i - 1).is_some_and(is_wordish) && !c_at(i + 1).is_some_and(is_wordish)
    };
    let mut out: Vec<NormChar> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let c = chars[i].c;
        if (c == '?' || c == '\u{FFFD}')
            && (i > 0 && is_cjk(chars[i - 1].c) || c_at(i as isize + 1).is_some_and(is_cjk))
        {
            stats.masked += 1;
            out.push(NormChar { c: MASK, ..chars[i] });
            i += 1;
            continue;
        }
        let prev_word = out.last().is_some_and(|p| is_wordish(p.c));
        if prev_word && (is_glue(c) || is_soft_separator(c)) {
            // Run of separators between two word characters.
            let mut j = i;
            while j < n && j - i < 3 && (is_glue(chars[j].c) || chars[j].c == ' ') {
                j += 1;
            }
            if j == i {
                j = i + 1;
            }
            let next_word = c_at(j as isize).is_some_and(is_wordish);
            let glue_only =
                chars[i..j].iter().any(|x| is_glue(x.c)) && chars[i..j].iter().all(|x| is_glue(x.c) || x.c == ' ');
            let soft_isolated = is_soft_separator(c) && isolated(i as isize - 1) && isolated(j as isize);
            if next_word && (glue_only || soft_isolated) {
                stats.spacing += 1;
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Collapses runs of spaces and trims the block, in place.
pub fn collapse_space(chars: &mut Vec<NormChar>) {
    let mut prev_blank = true;
    chars.retain(|nc| {
        let blank = nc.c == ' ' || nc.c == '\n';
        let keep = !(nc.c == ' ' && prev_blank);
        if keep {
            prev_blank = blank;
        }
        keep
    });
    while chars.last().is_some_and(|p| p.c == ' ' || p.c == '\n') {
        chars.pop();
    }
}
