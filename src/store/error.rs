use std::fmt;
use std::path::PathBuf;

use super::lock::Holder;

/// Why a client could not be read, written or locked.
#[derive(Debug)]
pub enum StoreError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML or not a client record; it is left untouched.
    Parse {
        path: PathBuf,
        line: Option<usize>,
        column: Option<usize>,
        key: Option<String>,
        message: String,
    },
    /// Written by a newer bansou.
    Newer {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    NotFound {
        id: String,
        path: PathBuf,
    },
    Exists {
        id: String,
    },
    BadId(String),
    Locked(Holder),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, source }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Parse {
                path,
                line,
                column,
                key,
                message,
            } => {
                write!(f, "{}", path.display())?;
                if let Some(l) = line {
                    write!(f, ":{l}")?;
                }
                if let Some(c) = column {
                    write!(f, ":{c}")?;
                }
                if let Some(k) = key {
                    write!(f, ": key `{k}`")?;
                }
                write!(f, ": {message} (the file was left as it is)")
            }
            Self::Newer {
                path,
                found,
                supported,
            } => write!(
                f,
                "{}: schema_version {found} was written by a newer bansou; this one reads up to {supported}. Update bansou (the file was left as it is)",
                path.display()
            ),
            Self::NotFound { id, path } => {
                write!(f, "no client `{id}` (looked for {})", path.display())
            }
            Self::Exists { id } => write!(f, "client `{id}` already exists; it was left untouched"),
            Self::BadId(msg) => write!(f, "{msg}"),
            Self::Locked(h) => write!(f, "{h}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
