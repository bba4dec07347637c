//! Reading files that must be plain files. A FIFO, a device or a socket where
//! a `client.toml`, a catalog override, `keymap.toml` or `config.toml` is
//! expected would hang a plain `read` (a FIFO blocks until a writer comes) or
//! read for ever (`/dev/zero`); it is refused at once, naming the path.
//!
//! Files are opened with `O_NONBLOCK` (so opening a FIFO cannot block) and
//! checked with `fstat` on the open descriptor (so the check and the read are
//! about the same file).

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Symbolic links: followed for the user's own settings (dotfile managers
/// link them), never for client data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// What a non-regular file is, for the message.
fn kind(ft: std::fs::FileType) -> &'static str {
    if ft.is_dir() {
        "a folder"
    } else if ft.is_fifo() {
        "a FIFO (named pipe)"
    } else if ft.is_char_device() || ft.is_block_device() {
        "a device"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else {
        "something else"
    }
}

/// The error for a path that is not a regular file.
pub fn not_regular(ft: std::fs::FileType) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "is {}, not a regular file; bansou reads only regular files here",
            kind(ft)
        ),
    )
}

/// `O_NOFOLLOW` on a link fails with "too many levels of symbolic links":
/// say what it is instead.
pub fn explain_link(e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(libc::ELOOP) {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a symbolic link; bansou does not follow links here",
        )
    } else {
        e
    }
}

/// Opens `path` for reading; refuses anything but a regular file.
pub fn open_regular(path: &Path, links: Links) -> io::Result<File> {
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| {
            if links == Links::Refuse {
                explain_link(e)
            } else {
                e
            }
        })?;
    let ft = file.metadata()?.file_type();
    if !ft.is_file() {
        return Err(not_regular(ft));
    }
    Ok(file)
}

/// Reads a whole regular file.
pub fn read_regular(path: &Path, links: Links) -> io::Result<Vec<u8>> {
    let mut file = open_regular(path, links)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether something is at `path` (a dangling link counts: it is refused
/// when read, never silently taken for "absent").
pub fn present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_a_device_a_folder_and_a_link_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_regular(&fifo, Links::Follow).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let e = read_regular(Path::new("/dev/zero"), Links::Follow).unwrap_err();
        assert!(e.to_string().contains("device"), "{e}");
        let e = read_regular(dir.path(), Links::Follow).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular(&link, Links::Follow).unwrap(), b"x");
        let e = read_regular(&link, Links::Refuse).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
    }
}
