//! The separator and punctuation sets of the pipeline, in one place.
//!
//! Each stage splits text at a *different* set on purpose (the span trimmer must not cut at a
//! comma, the item features must), and the model was trained with exactly these members, so
//! the sets are named apart rather than merged. Changing a member changes features and scores:
//! bump [`crate::features::FEATURE_SET_VERSION`] (or `PIPELINE_VERSION` for the normalisation
//! sets) and retrain.

/// Obfuscation glue never used between whole words (`色*情`, `色·情`): normalisation drops it
/// between Chinese characters.
pub fn is_glue(c: char) -> bool {
    matches!(c, '*' | '·' | '•' | '・' | '.' | '+' | '~' | '^' | '`' | '\'' | '"')
}

/// Separators that may sit between words: normalisation drops them only around single
/// isolated characters (`色 情`).
pub fn is_soft_separator(c: char) -> bool {
    matches!(c, ' ' | '_' | '-' | '/' | ',' | '|')
}

/// Characters counted by the `sep_density` block feature (keyword-list punctuation).
pub fn is_list_separator(c: char) -> bool {
    matches!(c, '|' | '_' | '-' | '/' | ',' | '、' | ';' | ' ' | '\n' | '…' | '·')
}

/// Ends of the list items measured by the `log_items` and `short_items` block features.
pub fn ends_list_item(c: char) -> bool {
    matches!(c, '\n' | '|' | '、' | ',' | '_' | ';')
}

/// Separators of the items whose token means give `item_top` and `spam_items` (wider than
/// [`ends_list_item`]: sentence ends count too).
pub fn separates_items(c: char) -> bool {
    matches!(c, '\n' | '|' | '、' | ',' | '_' | ';' | '/' | '。' | '!' | '?' | '…')
}

/// Ends of the items the span trimmer drops from a span's edges; no comma, so a span is not
/// cut inside a sentence.
pub fn ends_span_item(c: char) -> bool {
    matches!(c, '\n' | '。' | '!' | '?' | '|' | ';' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_span_trimmer_keeps_commas_and_the_item_features_do_not() {
        assert!(!ends_span_item(','));
        assert!(ends_list_item(','));
        assert!(separates_items('。') && !ends_list_item('。'));
    }
}
