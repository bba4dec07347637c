//! One writer per client: an OS lock on `<client>/lock`, whose text says who holds it.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
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

/// Which file a path named at one moment: device, inode, and for a file the
/// size, modification and change times. A save by another program, a hand
/// edit, a `cp` over it or a replaced folder all change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    pub fn of(m: &Metadata) -> Stamp {
        Stamp {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }

    fn same_inode(&self, m: &Metadata) -> bool {
        self.dev == m.dev() && self.ino == m.ino()
    }
}

/// Held while a client is open for writing; released on drop (and by the OS
/// when the process dies, however it dies).
///
/// Two locks are held: one on the client folder itself and one on its `lock`
/// file. Deleting or replacing the `lock` file (a user "clearing a stale
/// lock", a cleanup script) cannot let a second writer in, because the folder
/// lock stays; the `lock` file only says who holds it. Before every save
/// [`ClientLock::verify`] checks that the folder at the path is still the one
/// locked (a folder swapped under us stops saving) and puts a deleted `lock`
/// file back.
#[derive(Debug)]
pub struct ClientLock {
    dir: File,
    dir_path: PathBuf,
    file: File,
    path: PathBuf,
    /// `client.toml` as last read or written by this process.
    pub(super) seen: Option<Stamp>,
}

impl ClientLock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The locked folder itself (it stays ours even if moved away).
    pub(super) fn dir_file(&self) -> &File {
        &self.dir
    }

    /// Still the only writer: the folder at the path is the one locked and
    /// the `lock` file is ours. A deleted `lock` file is created again (the
    /// folder lock kept others out meanwhile); a folder or `lock` file that was
    /// replaced by something else is an error: saving stops.
    pub fn verify(&mut self) -> Result<(), StoreError> {
        let held = self
            .dir
            .metadata()
            .map_err(StoreError::io(&self.dir_path))?;
        match std::fs::symlink_metadata(&self.dir_path) {
            Ok(m) if m.dev() == held.dev() && m.ino() == held.ino() => {}
            // Gone or not a folder for now (moved away, a file in its place):
            // an error like any failing save, retried until it is back.
            Ok(m) if !m.is_dir() => {
                return Err(StoreError::io(&self.dir_path)(std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "is not the client folder any more",
                )));
            }
            Err(e) => return Err(StoreError::io(&self.dir_path)(e)),
            // Another folder in its place: never written.
            Ok(_) => {
                return Err(StoreError::Stopped {
                    path: self.dir_path.clone(),
                    reason: Stop::FolderReplaced,
                    kept: None,
                });
            }
        }
        let ours = Stamp::of(&self.file.metadata().map_err(StoreError::io(&self.path))?);
        match std::fs::symlink_metadata(&self.path) {
            Ok(m) if ours.same_inode(&m) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.file = take_file(&self.path)?.ok_or_else(|| StoreError::Stopped {
                    path: self.path.clone(),
                    reason: Stop::LockReplaced,
                    kept: None,
                })?;
                Ok(())
            }
            _ => Err(StoreError::Stopped {
                path: self.path.clone(),
                reason: Stop::LockReplaced,
                kept: None,
            }),
        }
    }
}

/// Why saving stopped while a client was open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The client folder at the path is no longer the one that was locked.
    FolderReplaced,
    /// The `lock` file was replaced by another file or a link.
    LockReplaced,
    /// `client.toml` was changed by another program or by hand since it was read.
    ChangedOnDisk,
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

/// Opens the `lock` file without following a link (a planted link would
/// have the lock text written into its target) and refuses anything but a
/// regular file.
fn open_lock_file(path: &Path, create: bool) -> std::io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(crate::safefs::explain_link)?;
    let ft = file.metadata()?.file_type();
    if !ft.is_file() {
        return Err(crate::safefs::not_regular(ft));
    }
    Ok(file)
}

/// Locks and fills the `lock` file; `None` when someone else locks it.
fn take_file(path: &Path) -> Result<Option<File>, StoreError> {
    let mut file = open_lock_file(path, true).map_err(StoreError::io(path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(None),
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
    Ok(Some(file))
}

/// Who holds the lock at `path`, as far as its text says.
fn holder(path: &Path) -> Holder {
    let mut text = String::new();
    if let Ok(mut f) = open_lock_file(path, false) {
        // The holder may be writing it right now; a partial read only loses detail.
        let _ = f.read_to_string(&mut text);
    }
    Holder::parse(path, &text)
}

/// Takes the lock of the client folder `dir` (its `lock` file at `path`), or
/// says who holds it.
pub fn acquire(dir: &Path, path: &Path) -> Result<ClientLock, StoreError> {
    let dir_file = File::open(dir).map_err(StoreError::io(dir))?;
    match dir_file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(StoreError::Locked(holder(path))),
        Err(TryLockError::Error(e)) => return Err(StoreError::io(dir)(e)),
    }
    let file = take_file(path)?.ok_or_else(|| StoreError::Locked(holder(path)))?;
    Ok(ClientLock {
        dir: dir_file,
        dir_path: dir.to_owned(),
        file,
        path: path.to_owned(),
        seen: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_holder_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let first = acquire(dir.path(), &path).unwrap();
        match acquire(dir.path(), &path) {
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
        let again = acquire(dir.path(), &path).unwrap();
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
