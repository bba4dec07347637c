//! Client files on disk: `<data>/clients/<id>/client.toml`, saved atomically
//! (temp file in the same folder, fsync, rename, fsync the folder), the
//! previous good version kept as `client.toml.bak`, folders 0700 and files
//! 0600, one writer per client through an OS lock.

mod bounds;
mod error;
mod lock;
pub mod migrate;
pub mod modes;
mod save;
mod scrub;
pub mod watch;

pub use error::StoreError;
pub use lock::{ClientLock, Holder, Stamp, Stop, hostname};
pub use save::{write_atomic, write_new};
pub use scrub::scrub;

use std::fs::{self, DirBuilder};
use std::io::Read;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::safefs::{Links, open_regular};

use serde::Deserialize;

use crate::domain::id::check_id;
use crate::domain::model::{Client, SCHEMA_VERSION};
use crate::textpos::{key_at_line, line_col};

pub const CLIENT_FILE: &str = "client.toml";
pub const BACKUP_FILE: &str = "client.toml.bak";
pub const LOCK_FILE: &str = "lock";

const HEADER: &str = "# bansou — 指導先企業のデータ（機密）。手で編集したら `bansou check <ID>` で確認してください。\n\
# bansou client record — confidential. After editing by hand, run `bansou check <ID>`.\n\n";

/// The data folder and the clients in it.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// A client read from disk.
#[derive(Debug)]
pub struct Loaded {
    pub client: Client,
    /// The layout it was upgraded from, when it was older.
    pub migrated_from: Option<u32>,
    /// Keys whose text held characters a terminal would obey (escape
    /// sequences, bidi controls), taken out in memory; with the first such
    /// character (`U+001B`).
    pub cleaned: Vec<(String, String)>,
}

/// One line of `bansou list`.
#[derive(Debug)]
pub struct Listed {
    pub id: String,
    pub client: Result<Client, StoreError>,
    pub saved: Option<SystemTime>,
}

/// A client opened for writing: the lock is held as long as this lives.
#[derive(Debug)]
pub struct Opened {
    pub client: Client,
    pub lock: ClientLock,
    /// Path of the backup of the pre-upgrade file, when it was upgraded.
    pub upgraded_backup: Option<PathBuf>,
    /// What was put right on the way in: modes tightened, temporary files of
    /// an interrupted save removed. Shown to the user.
    pub notices: Vec<String>,
}

/// Files of a client folder whose modes are checked.
const PRIVATE_FILES: [&str; 3] = [CLIENT_FILE, BACKUP_FILE, LOCK_FILE];

/// Lines naming the keys whose text had characters a terminal would obey.
fn cleaned_lines(path: &Path, cleaned: &[(String, String)], opened: bool) -> Vec<String> {
    let what = if opened {
        "left out on screen; the next save writes the text without them"
    } else {
        "a terminal would obey it; bansou leaves it out when reading"
    };
    cleaned
        .iter()
        .map(|(key, c)| format!("{}: key `{key}`: contains {c}, {what}", path.display()))
        .collect()
}

/// Reads a client file: a regular file, never through a link; with the
/// stamp of what was read.
fn read_client_file(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    let mut f = open_regular(path, Links::Refuse)?;
    let stamp = Stamp::of(&f.metadata()?);
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok((bytes, stamp))
}

fn mkdir_private(path: &Path) -> Result<(), StoreError> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(StoreError::io(path))
}

fn parse_error(path: &Path, text: &str, err: &toml::de::Error) -> StoreError {
    let (line, column) = match err.span() {
        Some(s) => {
            let (l, c) = line_col(text, s.start);
            (Some(l), Some(c))
        }
        None => (crate::textpos::error_line(text, err), None),
    };
    StoreError::Parse {
        path: path.to_owned(),
        line,
        column,
        key: line.and_then(|l| key_at_line(text, l)),
        message: err.message().trim().replace('\n', " "),
    }
}

fn plain_error(path: &Path, key: &str, message: impl Into<String>) -> StoreError {
    StoreError::Parse {
        path: path.to_owned(),
        line: None,
        column: None,
        key: Some(key.into()),
        message: message.into(),
    }
}

/// Parses the text of a `client.toml`, upgrading older layouts; values out of
/// any range bansou writes are refused (see `bounds`).
pub fn parse_client(path: &Path, bytes: &[u8]) -> Result<Loaded, StoreError> {
    let mut loaded = parse_unchecked(path, bytes)?;
    bounds::check(&loaded.client).map_err(|(key, message)| plain_error(path, &key, message))?;
    let (client, cleaned) = scrub::scrub(loaded.client);
    loaded.client = client;
    loaded.cleaned = cleaned;
    Ok(loaded)
}

fn parse_unchecked(path: &Path, bytes: &[u8]) -> Result<Loaded, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = crate::textpos::utf8_error_line(&e, bytes);
        StoreError::Parse {
            path: path.to_owned(),
            line: Some(line),
            column: None,
            key: None,
            message: "the file is not UTF-8 text".into(),
        }
    })?;
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<i64>,
    }
    let version: Version = toml::from_str(text).map_err(|e| parse_error(path, text, &e))?;
    let found = version
        .schema_version
        .ok_or_else(|| plain_error(path, "schema_version", "missing"))?;
    let found = u32::try_from(found)
        .map_err(|_| plain_error(path, "schema_version", "must be a positive number"))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found < migrate::OLDEST {
        return Err(plain_error(
            path,
            "schema_version",
            format!("{found} is older than any bansou wrote"),
        ));
    }
    if found == SCHEMA_VERSION {
        let client = toml::from_str(text).map_err(|e| parse_error(path, text, &e))?;
        return Ok(Loaded {
            client,
            migrated_from: None,
            cleaned: Vec::new(),
        });
    }
    let mut doc: toml::Table = toml::from_str(text).map_err(|e| parse_error(path, text, &e))?;
    migrate::migrate(&mut doc, found).map_err(|m| plain_error(path, "schema_version", m))?;
    let upgraded =
        toml::to_string(&doc).map_err(|e| plain_error(path, "schema_version", e.to_string()))?;
    let client = toml::from_str(&upgraded).map_err(|e| {
        let mut err = parse_error(path, &upgraded, &e);
        if let StoreError::Parse {
            line,
            column,
            message,
            ..
        } = &mut err
        {
            // Lines of the upgraded text do not match the file; keep only the key.
            *line = None;
            *column = None;
            message.push_str(&format!(" (after upgrading from schema_version {found})"));
        }
        err
    })?;
    Ok(Loaded {
        client,
        migrated_from: Some(found),
        cleaned: Vec::new(),
    })
}

/// The text written for a client.
pub fn render(client: &Client) -> Result<String, StoreError> {
    let body = toml::to_string(client).map_err(|e| StoreError::Io {
        path: PathBuf::from(CLIENT_FILE),
        source: std::io::Error::other(e),
    })?;
    Ok(format!("{HEADER}{body}"))
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn clients_dir(&self) -> PathBuf {
        self.root.join("clients")
    }

    /// Folder of a client; the id must be valid (no path tricks).
    pub fn client_dir(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id).map_err(StoreError::BadId)?;
        Ok(self.clients_dir().join(id))
    }

    pub fn client_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        Ok(self.client_dir(id)?.join(CLIENT_FILE))
    }

    pub fn exists(&self, id: &str) -> bool {
        self.client_dir(id).is_ok_and(|d| d.exists())
    }

    /// Creates a new client folder and its first file; an existing id is an error and untouched.
    pub fn create(&self, client: &Client) -> Result<(), StoreError> {
        let dir = self.client_dir(&client.id)?;
        mkdir_private(&self.clients_dir())?;
        match DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Exists {
                    id: client.id.clone(),
                });
            }
            Err(e) => return Err(StoreError::io(&dir)(e)),
        }
        let written = render(client)
            .and_then(|text| write_atomic(&dir, CLIENT_FILE, text.as_bytes(), None).map(|_| ()));
        if written.is_err() {
            // Nothing is left behind: a half-made folder would make the next
            // `new` say "already exists" and `open` say "no client".
            let _ = fs::remove_file(dir.join(CLIENT_FILE));
            let _ = fs::remove_dir(&dir);
        }
        written
    }

    /// Reads a client without locking it (for list, check, export and read-only views).
    pub fn load(&self, id: &str) -> Result<Loaded, StoreError> {
        self.load_stamped(id).map(|(l, _)| l)
    }

    /// [`Store::load`] with the stamp of the file read.
    pub(crate) fn load_stamped(&self, id: &str) -> Result<(Loaded, Stamp), StoreError> {
        let path = self.client_path(id)?;
        let (bytes, stamp) = match read_client_file(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound {
                    id: id.to_owned(),
                    path,
                });
            }
            Err(e) => return Err(StoreError::io(&path)(e)),
        };
        let loaded = parse_client(&path, &bytes)?;
        if loaded.client.id != id {
            return Err(plain_error(
                &path,
                "id",
                format!("is \"{}\" but the folder is \"{id}\"", loaded.client.id),
            ));
        }
        Ok((loaded, stamp))
    }

    /// Locks and reads a client for writing. Folders and files are checked
    /// (see `modes`), leftovers of an interrupted save removed. An older
    /// layout is upgraded and saved, the original kept as
    /// `client.toml.v<N>.bak` (never replacing an earlier one).
    pub fn open(&self, id: &str) -> Result<Opened, StoreError> {
        let dir = self.client_dir(id)?;
        if !crate::safefs::present(&dir.join(CLIENT_FILE)) {
            return Err(StoreError::NotFound {
                id: id.to_owned(),
                path: dir.join(CLIENT_FILE),
            });
        }
        let mut notices = modes::audit_client(&self.root, &dir, &PRIVATE_FILES, modes::Mode::Fix)?;
        let mut lock = lock::acquire(&dir, &dir.join(LOCK_FILE))?;
        notices.extend(modes::audit_one(
            &dir.join(LOCK_FILE),
            false,
            modes::Mode::Fix,
        )?);
        notices.extend(modes::remove_leftovers(&dir));
        let (loaded, stamp) = self.load_stamped(id)?;
        lock.seen = Some(stamp);
        notices.extend(cleaned_lines(&dir.join(CLIENT_FILE), &loaded.cleaned, true));
        let mut upgraded_backup = None;
        if let Some(from) = loaded.migrated_from {
            let (original, _) = read_client_file(&dir.join(CLIENT_FILE))
                .map_err(StoreError::io(dir.join(CLIENT_FILE)))?;
            let name = save::free_name(&dir, &format!("{CLIENT_FILE}.v{from}.bak"));
            write_new(&dir, &name, &original)?;
            self.save_locked(&loaded.client, &mut lock)?;
            upgraded_backup = Some(dir.join(name));
        }
        Ok(Opened {
            client: loaded.client,
            lock,
            upgraded_backup,
            notices,
        })
    }

    /// What `open` would put right, without changing anything (for `check`).
    pub fn audit(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let dir = self.client_dir(id)?;
        let cleaned = self.load(id)?.cleaned;
        let mut notes = modes::audit_client(&self.root, &dir, &PRIVATE_FILES, modes::Mode::Report)?;
        notes.extend(modes::leftovers(&dir).into_iter().map(|(p, len)| {
            format!(
                "{}: temporary file left by an interrupted save ({len} bytes; `bansou open` removes it)",
                p.display()
            )
        }));
        notes.extend(cleaned_lines(&dir.join(CLIENT_FILE), &cleaned, false));
        Ok(notes)
    }

    /// Saves a client atomically, keeping the previous version as
    /// `client.toml.bak`. Without a lock: for tools and tests; the app saves
    /// with [`Store::save_locked`].
    pub fn save(&self, client: &Client) -> Result<(), StoreError> {
        let dir = self.client_dir(&client.id)?;
        write_atomic(
            &dir,
            CLIENT_FILE,
            render(client)?.as_bytes(),
            Some(BACKUP_FILE),
        )
        .map(|_| ())
    }

    /// Saves a client opened with `lock`, after making sure this is still the
    /// only writer and that `client.toml` is what this process last read or
    /// wrote. When it is not (the folder or lock was replaced, another program
    /// or a hand edit changed the file) nothing is overwritten: the client as
    /// it is in memory is kept in a new `client.toml.unsaved-<time>` inside the
    /// locked folder and the error says where; the caller stops saving.
    pub fn save_locked(&self, client: &Client, lock: &mut ClientLock) -> Result<(), StoreError> {
        let dir = self.client_dir(&client.id)?;
        let text = render(client)?;
        let path = dir.join(CLIENT_FILE);
        let stopped = match lock.verify() {
            Err(StoreError::Stopped { path, reason, .. }) => Some((path, reason)),
            Err(e) => return Err(e),
            Ok(()) => {
                let now = fs::symlink_metadata(&path).ok().map(|m| Stamp::of(&m));
                (now != lock.seen).then(|| (path.clone(), Stop::ChangedOnDisk))
            }
        };
        if let Some((path, reason)) = stopped {
            let name = format!(
                "{CLIENT_FILE}.unsaved-{}",
                chrono::Local::now().format("%Y%m%d-%H%M%S")
            );
            // A new name each time (never replacing a copy); a failure other
            // than "exists" (a full disk) is not retried under other names.
            let mut kept = None;
            for n in 1..100 {
                let name = if n == 1 {
                    name.clone()
                } else {
                    format!("{name}.{n}")
                };
                match save::keep_copy(lock.dir_file(), &name, text.as_bytes()) {
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    done => kept = done.ok(),
                }
                break;
            }
            return Err(StoreError::Stopped { path, reason, kept });
        }
        lock.seen = Some(write_atomic(
            &dir,
            CLIENT_FILE,
            text.as_bytes(),
            Some(BACKUP_FILE),
        )?);
        Ok(())
    }

    /// Checks, without writing `client.toml`, what [`Store::save_locked`]
    /// checks before a save: the folder and the lock are still ours (a
    /// deleted `lock` file is put back) and `client.toml` is as last read or
    /// written. Nothing was unsaved, so a `Stopped` error keeps no copy.
    pub fn watch(&self, id: &str, lock: &mut ClientLock) -> Result<(), StoreError> {
        lock.verify()?;
        let path = self.client_path(id)?;
        let now = fs::symlink_metadata(&path).ok().map(|m| Stamp::of(&m));
        if now != lock.seen {
            return Err(StoreError::Stopped {
                path,
                reason: Stop::ChangedOnDisk,
                kept: None,
            });
        }
        Ok(())
    }

    /// Every client folder, sorted by id, with its record or the error reading it.
    pub fn list(&self) -> Result<Vec<Listed>, StoreError> {
        let dir = self.clients_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(&dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(StoreError::io(&dir))?;
            let Some(id) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if check_id(&id).is_err() || !crate::safefs::present(&entry.path().join(CLIENT_FILE)) {
                continue;
            }
            let saved = fs::metadata(entry.path().join(CLIENT_FILE))
                .and_then(|m| m.modified())
                .ok();
            let client = self.load(&id).map(|l| l.client);
            out.push(Listed { id, client, saved });
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod guard_tests;
