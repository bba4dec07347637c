use std::fmt;
use std::path::PathBuf;

use super::lock::{Holder, Stop};

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
    /// Saving stopped while the client was open; what was on screen was kept
    /// in `kept` (when that could be written).
    Stopped {
        path: PathBuf,
        reason: Stop,
        kept: Option<PathBuf>,
    },
    /// A folder or file that is not safe to use (owned by another user, not a
    /// regular file).
    Unsafe {
        path: PathBuf,
        why: String,
    },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, source }
    }
}

impl StoreError {
    /// Where the error is, without the offending value: for lists shown
    /// next to other clients (`bansou list`, the picker). A parse error gives
    /// `path:line: key`; `bansou check` shows the whole message.
    pub fn place(&self) -> String {
        match self {
            Self::Parse {
                path, line, key, ..
            } => {
                let mut s = path.display().to_string();
                if let Some(l) = line {
                    s.push_str(&format!(":{l}"));
                }
                if let Some(k) = key {
                    s.push_str(&format!(": key `{k}`"));
                }
                s.push_str(" (details: `bansou check`)");
                s
            }
            other => other.to_string(),
        }
    }

    /// Why the client can still be shown read-only when it cannot be locked:
    /// another process holds it, or the disk is full or read-only (the client
    /// must still be readable in front of the customer).
    pub fn read_only_reason(&self) -> Option<String> {
        match self {
            Self::Locked(h) => Some(h.to_string()),
            Self::Io { path, source } => {
                let code = source.raw_os_error()?;
                [
                    libc::ENOSPC,
                    libc::EROFS,
                    libc::EDQUOT,
                    libc::EACCES,
                    libc::EPERM,
                ]
                .contains(&code)
                .then(|| format!("cannot write: {source} ({})", path.display()))
            }
            _ => None,
        }
    }
}

impl StoreError {
    /// Why a save failed, short enough for the status line beside the
    /// timer (in Japanese for what a full or read-only disk says; no path).
    pub fn short_reason(&self) -> String {
        if let Self::Io { source, .. } = self {
            let jp = match source.raw_os_error() {
                Some(libc::ENOSPC) => Some("ディスクの空きがありません"),
                Some(libc::EDQUOT) => Some("容量の上限（quota）に達しました"),
                Some(libc::EROFS) => Some("読み取り専用のファイルシステムです"),
                Some(libc::EACCES | libc::EPERM) => Some("書き込みの権限がありません"),
                _ => None,
            };
            return jp.map_or_else(|| source.to_string(), str::to_owned);
        }
        self.to_string()
    }

    /// For the screen, in Japanese: why saving stopped (first line, short
    /// enough for the status line), where the screen's version is kept and
    /// what to do. `None` for other errors.
    pub fn stopped_message(&self) -> Option<(String, String)> {
        let Self::Stopped { path, reason, kept } = self else {
            return None;
        };
        let what = match reason {
            Stop::ChangedOnDisk => "client.toml が他のプログラムか手作業で変更されました",
            Stop::FolderReplaced => "企業フォルダが別のフォルダに置き換えられました",
            Stop::LockReplaced => "lock ファイルが別のファイルに置き換えられました",
        };
        let short = format!("保存を停止しました（上書きしません）: {what}");
        let mut long = vec![short.clone(), format!("  対象: {}", path.display())];
        match kept {
            Some(k) => long.push(format!(
                "  この画面の内容は次に保存しました: {}",
                k.display()
            )),
            None => long.push("  この画面に未保存の変更はありません。".into()),
        }
        long.push("  q で閉じ、ファイルを確かめてから開き直してください。".into());
        Some((short, long.join("\n")))
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
            Self::Stopped { path, reason, kept } => {
                let what = match reason {
                    Stop::FolderReplaced => "the client folder was replaced by another one",
                    Stop::LockReplaced => "the lock file was replaced by another file",
                    Stop::ChangedOnDisk => {
                        "client.toml was changed by another program or by hand since it was read"
                    }
                };
                write!(f, "saving stopped: {what} ({})", path.display())?;
                match kept {
                    Some(k) => write!(f, "; what was on screen is kept in {}", k.display()),
                    None => write!(f, "; nothing was written over it"),
                }
            }
            Self::Unsafe { path, why } => write!(f, "{}: {why}", path.display()),
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
