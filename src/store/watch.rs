//! Following a client file that another process saves, without locking it
//! or writing anything: the presentation window (`bansou present`) and a
//! read-only second `open` show what the main window saved within a second.
//!
//! [`Watch`] says when the file may have changed. It watches the client's
//! folder with the OS's file events (inotify on Linux, FSEvents/kqueue on
//! macOS, through the `notify` crate) and keeps only events naming
//! `client.toml`: a save writes a temporary file and renames it over
//! `client.toml`, so a watch on the file itself would stay on the old inode.
//! When no watcher can be made (inotify limits reached, a file system
//! without events) it falls back to a thread that looks at the file's stamp
//! every [`POLL`]. [`Follow`] then reads the file again only when its stamp
//! changed, and keeps the last good client when the new text does not parse
//! (a hand edit half done), with a short notice for the screen.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::{CLIENT_FILE, Stamp, Store, StoreError};
use crate::domain::model::Client;

/// How often the fallback looks at the file.
pub const POLL: Duration = Duration::from_millis(500);

/// Test-only switch: with this variable set in the environment, [`Watch`]
/// polls instead of asking the OS for events (as when inotify's limits are
/// reached), so the fallback can be tried end to end.
pub const FORCE_POLL_VAR: &str = "BANSOU_TEST_POLL";

/// Something to call (from another thread) when the file may have changed.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Calls its waker soon after a client file may have changed; stops when
/// dropped.
pub struct Watch {
    how: How,
}

enum How {
    Events(#[allow(dead_code)] notify::RecommendedWatcher),
    Poll(Arc<AtomicBool>),
}

impl Watch {
    /// Watches `client.toml` in the folder `dir`.
    pub fn start(dir: &Path, wake: Waker) -> Watch {
        if std::env::var_os(FORCE_POLL_VAR).is_none()
            && let Ok(w) = events(dir, Arc::clone(&wake))
        {
            return Watch {
                how: How::Events(w),
            };
        }
        Watch::polling(dir, wake, POLL)
    }

    /// The fallback: a thread looking at the file's stamp every `every`.
    pub fn polling(dir: &Path, wake: Waker, every: Duration) -> Watch {
        let stop = Arc::new(AtomicBool::new(false));
        let path = dir.join(CLIENT_FILE);
        let done = Arc::clone(&stop);
        // Taken before the thread starts: a save right after this returns is
        // a change, however late the thread first runs.
        let mut last = stamp(&path);
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(every);
                let now = stamp(&path);
                if now != last {
                    last = now;
                    wake();
                }
            }
        });
        Watch {
            how: How::Poll(stop),
        }
    }

    /// Whether this is the polling fallback.
    pub fn is_polling(&self) -> bool {
        matches!(self.how, How::Poll(_))
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let How::Poll(stop) = &self.how {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

fn events(dir: &Path, wake: Waker) -> notify::Result<notify::RecommendedWatcher> {
    let name = std::ffi::OsString::from(CLIENT_FILE);
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else {
            // The watcher's own trouble (an event queue overflow): look.
            wake();
            return;
        };
        if matches!(ev.kind, EventKind::Access(_)) {
            return;
        }
        if ev.need_rescan() || ev.paths.iter().any(|p| p.file_name() == Some(&name)) {
            wake();
        }
    })?;
    w.watch(dir, RecursiveMode::NonRecursive)?;
    Ok(w)
}

/// The stamp of the file at `path` now (`None` when it is not there).
fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
}

/// A client as last read from its file, read again when the file changes.
pub struct Follow {
    id: String,
    path: PathBuf,
    seen: Option<Stamp>,
    /// Why the file could not be read last time; the client shown is the
    /// last one that could.
    pub problem: Option<String>,
}

impl Follow {
    /// Reads client `id` (no lock taken, nothing written) and starts
    /// following it.
    pub fn open(store: &Store, id: &str) -> Result<(Follow, Client), StoreError> {
        let (loaded, stamp) = store.load_stamped(id)?;
        let follow = Follow {
            id: id.to_owned(),
            path: store.client_path(id)?,
            seen: Some(stamp),
            problem: None,
        };
        Ok((follow, loaded.client))
    }

    /// The folder to watch.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The client again when the file changed since it was last read and
    /// parses; `None` when it is unchanged or cannot be read (then
    /// `problem` says so, and clears once it reads again).
    pub fn check(&mut self, store: &Store) -> Option<Client> {
        let now = stamp(&self.path);
        if now == self.seen {
            return None;
        }
        match store.load_stamped(&self.id) {
            Ok((loaded, stamp)) => {
                self.seen = Some(stamp);
                self.problem = None;
                Some(loaded.client)
            }
            Err(e) => {
                // Looked at again on the next change, or the next check if
                // the stamp moves while being fixed.
                self.seen = now;
                self.problem = Some(notice(&e));
                None
            }
        }
    }
}

/// A short line for a shared screen: where the file broke, never what it
/// holds (the path too is left out: it names the client's folder).
fn notice(e: &StoreError) -> String {
    let line = match e {
        StoreError::Parse { line: Some(l), .. } => format!("（{l}行目）"),
        _ => String::new(),
    };
    format!("ファイルを読めません{line}。前回読めた内容を表示しています")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn store_with(id: &str) -> (tempfile::TempDir, Store, Client) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut c = crate::domain::testing::blank_client();
        c.id = id.into();
        store.create(&c).unwrap();
        (dir, store, c)
    }

    fn waker() -> (Waker, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let tx = std::sync::Mutex::new(tx);
        (
            Arc::new(move || {
                let _ = tx.lock().unwrap().send(());
            }),
            rx,
        )
    }

    fn renamed(store: &Store, c: &mut Client, name: &str) {
        c.profile.name = name.into();
        store.save(c).unwrap();
    }

    #[test]
    fn a_save_by_rename_wakes_the_event_watcher() {
        let (_d, store, mut c) = store_with("w");
        let (wake, rx) = waker();
        let w = Watch::start(&store.client_dir("w").unwrap(), wake);
        if w.is_polling() {
            eprintln!("no file events here; the poll fallback is tested below");
        }
        renamed(&store, &mut c, "改名");
        rx.recv_timeout(Duration::from_secs(10))
            .expect("woken after the save");
    }

    #[test]
    fn the_poll_fallback_wakes_on_a_save_and_stops_when_dropped() {
        let (_d, store, mut c) = store_with("p");
        let (wake, rx) = waker();
        let w = Watch::polling(
            &store.client_dir("p").unwrap(),
            wake,
            Duration::from_millis(10),
        );
        assert!(w.is_polling());
        renamed(&store, &mut c, "改名");
        rx.recv_timeout(Duration::from_secs(10))
            .expect("woken after the save");
        drop(w);
        // The thread ends: the sender goes with it.
        while rx.recv_timeout(Duration::from_secs(10)).is_ok() {}
    }

    #[test]
    fn follow_reads_a_change_keeps_the_last_good_client_and_never_writes() {
        let (_d, store, mut c) = store_with("f");
        let dir = store.client_dir("f").unwrap();
        let (mut f, first) = Follow::open(&store, "f").unwrap();
        assert_eq!(first.profile.name, "テスト株式会社");
        assert_eq!(f.check(&store), None, "unchanged: nothing read");
        renamed(&store, &mut c, "株式会社さくら");
        let again = f.check(&store).expect("changed: read again");
        assert_eq!(again.profile.name, "株式会社さくら");
        // A hand edit half done: no client, a notice naming the line only.
        std::fs::write(
            dir.join(CLIENT_FILE),
            "schema_version = 1\nid = \"f\"\n[[[\n",
        )
        .unwrap();
        assert_eq!(f.check(&store), None);
        let p = f.problem.clone().unwrap();
        assert!(p.contains("3行目"), "{p}");
        assert!(!p.contains("[[[") && !p.contains(&*dir.to_string_lossy()));
        assert_eq!(
            f.check(&store),
            None,
            "the same broken file is not read twice"
        );
        renamed(&store, &mut c, "直りました");
        assert_eq!(f.check(&store).unwrap().profile.name, "直りました");
        assert_eq!(f.problem, None);
        // Following took no lock and wrote nothing.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(!names.iter().any(|n| n == "lock"), "{names:?}");
    }
}
