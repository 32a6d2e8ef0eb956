//! Character classes and the per-character folding table.

use unicode_normalization::UnicodeNormalization;

/// CJK ideographs (unified, extension A, compatibility, extension B+).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// Characters that are invisible or only steer text direction: removed.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}'
    )
}

/// Look-alikes that NFKC leaves alone, folded to the Latin letter or digit they imitate.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        '∨' | '∀' | 'ν' | 'ѵ' | '⋁' | '√' => 'v',
        '∧' | 'Λ' | 'λ' => 'a',
        'Α' | 'α' | 'А' | 'а' | '@' => 'a',
        'Β' | 'β' | 'В' | 'в' | 'Ь' | 'ь' => 'b',
        'С' | 'с' | 'ϲ' | '©' => 'c',
        'Ε' | 'ε' | 'Е' | 'е' | 'Ё' | 'ё' => 'e',
        'Η' | 'Н' | 'н' => 'h',
        'Ι' | 'ι' | 'І' | 'і' => 'i',
        'Κ' | 'κ' | 'К' | 'к' => 'k',
        'Μ' | 'М' | 'м' => 'm',
        'Ν' | 'П' | 'п' => 'n',
        'Ο' | 'ο' | 'О' | 'о' => 'o',
        'Ρ' | 'ρ' | 'Р' | 'р' => 'p',
        'Τ' | 'τ' | 'Т' | 'т' => 't',
        'Υ' | 'υ' | 'У' | 'у' => 'y',
        'Χ' | 'χ' | 'Х' | 'х' | '×' => 'x',
        'Ζ' => 'z',
        'Ѕ' | 'ѕ' => 's',
        'Ј' | 'ј' => 'j',
        'ɡ' => 'g',
        _ => return None,
    })
}

/// How a character was changed by [`fold`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    /// Unchanged apart from lower-casing.
    Same,
    /// Replaced for width or compatibility (NFKC).
    Width,
    /// Replaced by the Latin letter a look-alike imitates.
    Confusable,
}

/// Folds one character (NFKC, look-alikes, lower case), passing the result to `emit`.
pub fn fold(c: char, mut emit: impl FnMut(char)) -> FoldKind {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return FoldKind::Same;
    }
    if is_cjk(c) && !('\u{F900}'..='\u{FAFF}').contains(&c) {
        emit(c);
        return FoldKind::Same;
    }
    if let Some(t) = confusable(c) {
        emit(t);
        return FoldKind::Confusable;
    }
    let mut changed = false;
    for n in std::iter::once(c).nfkc() {
        changed |= n != c;
        emit(confusable(n).unwrap_or_else(|| lower_one(n)));
    }
    if changed { FoldKind::Width } else { FoldKind::Same }
}

fn lower_one(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(c: char) -> String {
        let mut s = String::new();
        fold(c, |x| s.push(x));
        s
    }

    #[test]
    fn folds() {
        assert_eq!(folded('∨'), "v");
        assert_eq!(folded('Ａ'), "a");
        assert_eq!(folded('９'), "9");
        assert_eq!(folded('ⓐ'), "a");
        assert_eq!(folded('①'), "1");
        assert_eq!(folded('Ⅴ'), "v");
        assert_eq!(folded('Α'), "a");
        assert_eq!(folded('色'), "色");
        assert!(is_invisible('\u{200B}') && is_invisible('\u{FEFF}'));
    }
}
