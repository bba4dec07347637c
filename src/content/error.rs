//! Errors of catalog loading, each naming the file, the line and the key.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::textpos::{key_at_line, line_col};

use super::validate::Violation;

/// A catalog that cannot be used, and where it is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The key (or table) at fault, when known.
    pub key: Option<String>,
    pub message: String,
}

impl ContentError {
    pub(super) fn io(path: &Path, err: &std::io::Error) -> Self {
        Self {
            file: path.to_owned(),
            line: None,
            column: None,
            key: None,
            message: format!("cannot read: {err}"),
        }
    }

    pub(super) fn not_utf8(path: &Path, err: &std::string::FromUtf8Error) -> Self {
        let line = crate::textpos::utf8_error_line(&err.utf8_error(), err.as_bytes());
        Self {
            file: path.to_owned(),
            line: Some(line),
            column: None,
            key: None,
            message: "the file is not UTF-8 text".into(),
        }
    }

    pub(super) fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let (line, column) = match err.span() {
            Some(span) => {
                let (l, c) = line_col(text, span.start);
                (Some(l), Some(c))
            }
            None => (crate::textpos::error_line(text, err), None),
        };
        let key = line.and_then(|l| key_at_line(text, l));
        Self {
            file: path.to_owned(),
            line,
            column,
            key,
            message: err.message().trim().replace('\n', " "),
        }
    }

    pub(super) fn from_violation(path: &Path, text: &str, v: Violation) -> Self {
        let line = v.locate(text);
        Self {
            file: path.to_owned(),
            line,
            column: None,
            key: Some(v.key),
            message: v.message,
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ContentError {}
