//! Why a policy file was rejected, with the line and column of the problem.

use thiserror::Error;

/// Why a policy could not be loaded. A rejected file never replaces a policy in use.
#[derive(Debug, Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("cannot read policy file {path}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file was read but is not a valid policy.
    #[error("{origin}:{line}:{column}: {message}")]
    Invalid {
        /// The file (or `<string>` for in-memory text).
        origin: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl PolicyError {
    /// An [`PolicyError::Invalid`] at byte `offset` of `text`.
    pub(crate) fn at(origin: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        PolicyError::Invalid {
            origin: origin.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Line and column of the problem, when the file was read.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            PolicyError::Invalid { line, column, .. } => Some((*line, *column)),
            PolicyError::Io { .. } => None,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn positions_count_characters() {
        let text = "a = 1\n名字 = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 13), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
