//! Writing files: atomically over an existing one, new without ever
//! replacing one, and a last copy into a locked folder when saving stopped.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::lock::Stamp;

/// Prefix and infix of the temporary files of a save: `.<name>.tmp-<pid>`.
pub const TMP_INFIX: &str = ".tmp-";

fn tmp_name(name: &str) -> String {
    format!(".{name}{TMP_INFIX}{}", std::process::id())
}

/// Writes `bytes` to a fresh temporary file in `dir` (0600, fsync'd); it is
/// removed again on any failure.
fn write_tmp(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let tmp = dir.join(tmp_name(name));
    let write = || -> std::io::Result<()> {
        let _ = fs::remove_file(&tmp);
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(&tmp)(e));
    }
    Ok(tmp)
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StoreError::io(dir))
}

/// Writes `bytes` to `dir/name` atomically with mode 0600; when `backup` is
/// given and the target exists, the old file is kept under that name first.
/// Returns the stamp of the file written.
pub fn write_atomic(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    backup: Option<&str>,
) -> Result<Stamp, StoreError> {
    let target = dir.join(name);
    let tmp = write_tmp(dir, name, bytes)?;
    if let Some(backup) = backup.filter(|_| target.exists()) {
        let bak = dir.join(backup);
        let bak_tmp = dir.join(tmp_name(backup));
        let _ = fs::remove_file(&bak_tmp);
        let linked = fs::hard_link(&target, &bak_tmp).and_then(|()| {
            // A hard link keeps the old file's mode: the backup is 0600 whatever it was.
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&bak_tmp, fs::Permissions::from_mode(0o600))?;
            fs::rename(&bak_tmp, &bak)
        });
        if let Err(e) = linked {
            let _ = fs::remove_file(&bak_tmp);
            let _ = fs::remove_file(&tmp);
            return Err(StoreError::io(&bak)(e));
        }
    }
    if let Err(e) = fs::rename(&tmp, &target) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(&target)(e));
    }
    sync_dir(dir)?;
    let meta = fs::symlink_metadata(&target).map_err(StoreError::io(&target))?;
    Ok(Stamp::of(&meta))
}

/// Writes a new file `dir/name` (0600), never replacing one: an existing
/// name is an `AlreadyExists` error and the file there is untouched.
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let target = dir.join(name);
    let tmp = write_tmp(dir, name, bytes)?;
    // link(2) fails when the target exists, where rename(2) would replace it.
    let linked = fs::hard_link(&tmp, &target);
    let _ = fs::remove_file(&tmp);
    linked.map_err(StoreError::io(&target))?;
    sync_dir(dir)
}

/// A name in `dir` not taken yet: `base`, then `base.2`, `base.3`…
pub fn free_name(dir: &Path, base: &str) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}.{n}")
            }
        })
        .find(|n| fs::symlink_metadata(dir.join(n)).is_err())
        .unwrap_or_else(|| base.to_owned())
}

/// Writes `bytes` as a new file `name` inside the folder open as `dir`
/// (the locked client folder, even when it was moved away from its path),
/// never following a link nor replacing a file. Returns where it is now.
pub fn keep_copy(dir: &File, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let cname = std::ffi::CString::new(name).map_err(std::io::Error::other)?;
    // SAFETY: openat with a valid descriptor and a NUL-terminated name; the
    // returned descriptor is owned by the File built from it.
    let fd = unsafe {
        libc::openat(
            dir.as_raw_fd(),
            cname.as_ptr(),
            libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            0o600 as libc::c_uint,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: fd was just opened and is owned by nobody else.
    let mut f = unsafe { File::from_raw_fd(fd) };
    f.write_all(bytes)?;
    f.sync_all()?;
    dir.sync_all()?;
    // Where the folder is now (it may have been moved): the kernel knows.
    let here = fs::read_link(format!("/proc/self/fd/{}", dir.as_raw_fd()))
        .unwrap_or_else(|_| PathBuf::from("(the client folder)"));
    Ok(here.join(name))
}
