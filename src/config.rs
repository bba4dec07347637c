//! Where bansou keeps data and reads user overrides.

mod expert;

pub use expert::{FIELDS as EXPERT_FIELDS, save_expert_in};

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
    /// The expert's own details, printed on every report (`[expert]`).
    pub expert: Expert,
    /// PDF output (`[pdf]`).
    pub pdf: PdfSettings,
}

/// The expert running the guidance (担当専門家), as printed on the reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Expert {
    pub name: String,
    /// Registration number (登録番号), e.g. of the 情報処理安全確保支援士.
    pub registration: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
}

impl Expert {
    /// Nothing filled in.
    pub fn is_empty(&self) -> bool {
        [
            &self.name,
            &self.registration,
            &self.organization,
            &self.email,
            &self.phone,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }
}

/// Settings of the PDF deliverables.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfSettings {
    /// A Japanese font file (.ttf, .otf, .ttc) to embed instead of the
    /// system font found at run time.
    pub font: Option<PathBuf>,
    /// Face index inside a font collection (.ttc); 0 when not given.
    pub font_index: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            keymap: "default".into(),
            warn_minutes: 2,
            bell: true,
            expert: Expert::default(),
            pdf: PdfSettings::default(),
        }
    }
}

/// Reads config.toml (absent: defaults); a broken file is an error naming file, line and key.
pub fn settings() -> Result<Settings, String> {
    match config_dir() {
        Some(dir) => settings_in(&dir),
        None => Ok(Settings::default()),
    }
}

/// Reads `dir/config.toml` (absent: defaults), as [`settings`].
pub fn settings_in(dir: &std::path::Path) -> Result<Settings, String> {
    let path = dir.join("config.toml");
    // A FIFO or a device here is refused at once instead of hanging start-up.
    let bytes = match crate::safefs::read_regular(&path, crate::safefs::Links::Follow) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    parse_settings_bytes(&path, bytes)
}

/// Parses the text of config.toml read from `path`.
pub fn parse_settings(path: &std::path::Path, text: &str) -> Result<Settings, String> {
    parse_settings_bytes(path, text.as_bytes().to_vec())
}

/// Parses the bytes of config.toml read from `path`; every error names the
/// file, the line and the key.
fn parse_settings_bytes(path: &std::path::Path, bytes: Vec<u8>) -> Result<Settings, String> {
    let place = |line: Option<usize>, key: Option<String>, message: &str| {
        format!(
            "{}:{}: key `{}`: {message}",
            path.display(),
            line.map_or("?".into(), |l| l.to_string()),
            key.unwrap_or_else(|| "-".into()),
        )
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = crate::textpos::utf8_error_line(&e.utf8_error(), e.as_bytes());
        let key = String::from_utf8_lossy(valid)
            .lines()
            .nth(line - 1)
            .and_then(|l| crate::textpos::key_at_line(l, 1));
        place(Some(line), key, "the file is not UTF-8 text")
    })?;
    let settings: Settings = toml::from_str(&text).map_err(|e| {
        let line = crate::textpos::error_line(&text, &e);
        let key = line.and_then(|l| crate::textpos::key_at_line(&text, l));
        place(line, key, e.message().trim().replace('\n', " ").as_str())
    })?;
    if !crate::keymap::SETS.contains(&settings.keymap.as_str()) {
        let line = text
            .lines()
            .position(|l| crate::textpos::key_at_line(l, 1).as_deref() == Some("keymap"))
            .map(|i| i + 1);
        return Err(place(
            line,
            Some("keymap".into()),
            &format!(
                "unknown keymap set {:?} (use {})",
                settings.keymap,
                crate::keymap::SETS.map(|s| format!("\"{s}\"")).join(" or ")
            ),
        ));
    }
    Ok(settings)
}

/// The user's keymap overrides (`<config>/keymap.toml`).
pub fn user_keymap() -> Option<PathBuf> {
    config_dir().map(|c| c.join("keymap.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expert_and_pdf_tables_are_read_and_checked() {
        let p = std::path::Path::new("config.toml");
        let s = parse_settings(
            p,
            "[expert]\nname = \"佐藤 花子\"\nregistration = \"第012345号\"\norganization = \"佐藤情報セキュリティ事務所\"\nemail = \"hanako@example.jp\"\nphone = \"03-0000-0000\"\n[pdf]\nfont = \"/opt/fonts/ipaexm.ttf\"\n",
        )
        .unwrap();
        assert_eq!(s.expert.name, "佐藤 花子");
        assert_eq!(s.expert.registration, "第012345号");
        assert!(!s.expert.is_empty());
        assert_eq!(
            s.pdf.font.as_deref(),
            Some(std::path::Path::new("/opt/fonts/ipaexm.ttf"))
        );
        assert_eq!(s.keymap, "default");
        assert!(Settings::default().expert.is_empty());
        let e = parse_settings(p, "[expert]\nname = \"x\"\nmail = \"y\"\n").unwrap_err();
        assert!(e.starts_with("config.toml:3: key `mail`"), "{e}");
    }
}
