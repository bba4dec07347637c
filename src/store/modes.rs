//! Who may read and change the data: folders 0700 and files 0600, owned by
//! the user running bansou.
//!
//! Decided: a folder or file owned by another user is refused (it could have
//! been planted: a forged client, a link to a file of the victim's); one of
//! ours with looser modes is tightened on open and the change is reported
//! (`check` reports it without changing anything). Leftover temporary files
//! of an interrupted save are removed on open and reported by `check`.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::StoreError;
use super::save::TMP_INFIX;

/// Fix what can be fixed (open) or only report it (check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Fix,
    Report,
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Checks one folder or file: ours, and not readable or writable by others.
/// Returns a line to show when its mode was (or would be) changed.
pub fn audit_one(path: &Path, dir: bool, mode: Mode) -> Result<Option<String>, StoreError> {
    audit_masked(path, dir, 0o077, false, mode)
}

/// Bits refused on the data folder itself: writable by group or others.
const ROOT_LOOSE: u32 = 0o022;

/// As [`audit_one`], refusing only the permission bits in `loose`, and
/// following a link when `follow` (the data folder).
fn audit_masked(
    path: &Path,
    dir: bool,
    loose: u32,
    follow: bool,
    mode: Mode,
) -> Result<Option<String>, StoreError> {
    // The data folder may be a link of the user's (to an encrypted volume,
    // say): followed. Nothing below it is.
    let meta = if follow {
        fs::metadata(path)
    } else {
        fs::symlink_metadata(path)
    };
    let meta = match meta {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path)(e)),
    };
    let ft = meta.file_type();
    if dir && !ft.is_dir() {
        return Err(StoreError::Unsafe {
            path: path.to_owned(),
            why: "is not a folder".into(),
        });
    }
    if !dir && !ft.is_file() {
        return Err(StoreError::Unsafe {
            path: path.to_owned(),
            why: crate::safefs::not_regular(ft).to_string(),
        });
    }
    if meta.uid() != euid() {
        return Err(StoreError::Unsafe {
            path: path.to_owned(),
            why: format!(
                "is owned by user id {}, not by the user running bansou ({}); bansou does not use client data another user could have put there",
                meta.uid(),
                euid()
            ),
        });
    }
    let have = meta.mode() & 0o7777;
    if have & loose == 0 {
        return Ok(None);
    }
    let tight = have & !loose;
    Ok(Some(match mode {
        Mode::Fix => match fs::set_permissions(path, fs::Permissions::from_mode(tight)) {
            Ok(()) => format!(
                "{}: mode was {have:04o}, set to {tight:04o} (client data is for this user only)",
                path.display()
            ),
            // A read-only file system: the client is shown read-only anyway.
            Err(e) => format!(
                "{}: mode is {have:04o} and could not be set to {tight:04o}: {e}",
                path.display()
            ),
        },
        Mode::Report => format!(
            "{}: mode is {have:04o}; others can reach client data (`bansou open` sets it to {tight:04o})",
            path.display()
        ),
    }))
}

/// The data folder, `clients/`, a client's folder and its files. The data
/// folder is the user's choice (`--data-dir`) and may be readable by others,
/// never writable by them (another user could swap the folders in it);
/// everything below it is for this user only.
pub fn audit_client(
    root: &Path,
    dir: &Path,
    files: &[&str],
    mode: Mode,
) -> Result<Vec<String>, StoreError> {
    let mut notes = Vec::new();
    // A shared folder such as /tmp (sticky, writable by all) is never
    // changed: it is refused.
    if let Ok(m) = fs::metadata(root)
        && m.mode() & 0o1000 != 0
        && m.mode() & 0o022 != 0
    {
        return Err(StoreError::Unsafe {
            path: root.to_owned(),
            why: "is a shared folder (writable by others, sticky); keep client data in a folder of your own".into(),
        });
    }
    notes.extend(audit_masked(root, true, ROOT_LOOSE, true, mode)?);
    for path in [root.join("clients"), dir.to_owned()] {
        notes.extend(audit_one(&path, true, mode)?);
    }
    for f in files {
        notes.extend(audit_one(&dir.join(f), false, mode)?);
    }
    Ok(notes)
}

/// Temporary files of interrupted saves in a client folder (`.<name>.tmp-<pid>`).
pub fn leftovers(dir: &Path) -> Vec<(PathBuf, u64)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, u64)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.contains(TMP_INFIX)
        })
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            m.is_file().then(|| (e.path(), m.len()))
        })
        .collect();
    found.sort();
    found
}

/// Removes the leftovers (only while holding the client's lock: no save of
/// ours is running) and says what went.
pub fn remove_leftovers(dir: &Path) -> Vec<String> {
    leftovers(dir)
        .into_iter()
        .filter_map(|(path, len)| {
            fs::remove_file(&path).ok().map(|()| {
                format!(
                    "{}: removed a temporary file left by an interrupted save ({len} bytes)",
                    path.display()
                )
            })
        })
        .collect()
}
