//! Where bansou keeps data and reads user overrides.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "bansou")
}

/// The data folder: `--data-dir`/`BANSOU_DATA_DIR` when given, else the platform's data dir.
pub fn data_dir(given: Option<PathBuf>) -> Result<PathBuf, String> {
    given
        .or_else(|| project().map(|p| p.data_dir().to_owned()))
        .ok_or_else(|| "no home folder to keep data in; give --data-dir DIR or BANSOU_DATA_DIR".to_owned())
}

/// The config folder: `BANSOU_CONFIG_DIR` when set, else the platform's config dir.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("BANSOU_CONFIG_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.config_dir().to_owned()))
}

/// Folder of content overrides (`<config>/content/`).
pub fn content_dir() -> Option<PathBuf> {
    config_dir().map(|c| c.join("content"))
}
