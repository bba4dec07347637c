//! One writer per client: an OS lock on `<client>/lock`, whose text says who holds it.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::Local;

use super::StoreError;

/// Who holds a client's lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub path: PathBuf,
    pub pid: Option<u32>,
    pub host: Option<String>,
    pub since: Option<String>,
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "client is open elsewhere (pid {}, host {}, since {}); lock {}",
            self.pid.map_or("?".to_owned(), |p| p.to_string()),
            self.host.as_deref().unwrap_or("?"),
            self.since.as_deref().unwrap_or("?"),
            self.path.display()
        )
    }
}

impl Holder {
    fn parse(path: &Path, text: &str) -> Holder {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Holder {
            path: path.to_owned(),
            pid: field("pid").and_then(|p| p.parse().ok()),
            host: field("host"),
            since: field("since"),
        }
    }
}

/// Held while a client is open for writing; released on drop (and by the OS
/// when the process dies, however it dies).
#[derive(Debug)]
pub struct ClientLock {
    _file: File,
    path: PathBuf,
}

impl ClientLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Takes the lock at `path`, or says who holds it.
pub fn acquire(path: &Path) -> Result<ClientLock, StoreError> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(StoreError::io(path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            // The holder may be writing it right now; a partial read only loses detail.
            let _ = file.read_to_string(&mut text);
            return Err(StoreError::Locked(Holder::parse(path, &text)));
        }
        Err(TryLockError::Error(e)) => return Err(StoreError::io(path)(e)),
    }
    let info = format!(
        "pid={}\nhost={}\nsince={}\n",
        std::process::id(),
        hostname(),
        Local::now().format("%Y-%m-%d %H:%M:%S")
    );
    file.set_len(0).map_err(StoreError::io(path))?;
    file.rewind().map_err(StoreError::io(path))?;
    file.write_all(info.as_bytes())
        .map_err(StoreError::io(path))?;
    file.sync_all().map_err(StoreError::io(path))?;
    Ok(ClientLock {
        _file: file,
        path: path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_holder_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let first = acquire(&path).unwrap();
        match acquire(&path) {
            Err(StoreError::Locked(h)) => {
                assert_eq!(h.pid, Some(std::process::id()));
                assert_eq!(h.host.as_deref(), Some(hostname().as_str()));
                assert!(h.since.is_some());
                let msg = h.to_string();
                assert!(
                    msg.contains(&format!("pid {}", std::process::id())),
                    "{msg}"
                );
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        let again = acquire(&path).unwrap();
        assert_eq!(again.path(), path);
    }

    #[test]
    fn holder_text_tolerates_garbage() {
        let h = Holder::parse(Path::new("x"), "pid=abc\nnonsense\nhost=\n");
        assert_eq!(h.pid, None);
        assert_eq!(h.host, None);
        assert!(h.to_string().contains("pid ?"));
    }
}
