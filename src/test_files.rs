//! A path in a fresh temporary folder, for the unit tests that touch files.

use std::path::PathBuf;

/// `name` inside a new temporary folder (removed when the guard drops).
pub fn in_temp(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}
