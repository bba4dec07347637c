//! A tiny tmpfs for the full-disk and read-only tests (root with
//! CAP_SYS_ADMIN, as in the container and in CI); shared by tests/faults.rs
//! and the hostile-world tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A tiny tmpfs mounted on a temporary folder, unmounted on drop; `None`,
/// said on stderr, where mounting is refused.
pub struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    pub fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700")])
            .arg("tmpfs")
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("SKIPPED: cannot mount a tmpfs here (not root or no CAP_SYS_ADMIN)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn remount(&self, opts: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{opts}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}

/// Fills the file system holding `dir` to the last byte.
pub fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 4096];
    while f.write(&block).is_ok_and(|n| n > 0) {}
    while f.write(&[0]).is_ok_and(|n| n == 1) {}
    path
}
