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
        .ok_or_else(|| {
            "no home folder to keep data in; give --data-dir DIR or BANSOU_DATA_DIR".to_owned()
        })
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

/// User settings from `<config>/config.toml`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Built-in key set: "default" or "vim".
    pub keymap: String,
    /// Minutes before an item's end at which to warn.
    pub warn_minutes: u32,
    /// Ring the terminal bell at the warning and at the end of an item.
    pub bell: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            keymap: "default".into(),
            warn_minutes: 2,
            bell: true,
        }
    }
}

/// Reads config.toml (absent: defaults); a broken file is an error naming file, line and key.
pub fn settings() -> Result<Settings, String> {
    let Some(path) = config_dir().map(|c| c.join("config.toml")) else {
        return Ok(Settings::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| crate::textpos::line_col(&text, s.start).0);
        let key = line
            .and_then(|l| crate::textpos::key_at_line(&text, l))
            .unwrap_or_else(|| "-".into());
        format!(
            "{}:{}: key `{key}`: {}",
            path.display(),
            line.map_or("?".into(), |l| l.to_string()),
            e.message().trim().replace('\n', " ")
        )
    })
}

/// The user's keymap overrides (`<config>/keymap.toml`).
pub fn user_keymap() -> Option<PathBuf> {
    config_dir().map(|c| c.join("keymap.toml"))
}
