//! Writing the expert's own details (`[expert]`) back into config.toml from
//! the app. Only those five keys change: every other key, the comments and
//! the layout of the file stay as the user wrote them (toml_edit). A file
//! bansou would refuse at start is refused here too and never written over.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use super::{Expert, parse_settings};

/// The keys of `[expert]` in the order the editor shows them, with their
/// labels on the reports.
pub const FIELDS: [(&str, &str); 5] = [
    ("name", "氏名"),
    ("registration", "登録番号"),
    ("organization", "所属"),
    ("email", "メール"),
    ("phone", "電話"),
];

impl Expert {
    /// The value of `key` (one of [`FIELDS`]).
    pub fn get(&self, key: &str) -> &str {
        match key {
            "name" => &self.name,
            "registration" => &self.registration,
            "organization" => &self.organization,
            "email" => &self.email,
            "phone" => &self.phone,
            _ => "",
        }
    }

    /// Sets `key` (one of [`FIELDS`]) to `value`.
    pub fn set(&mut self, key: &str, value: &str) {
        let slot = match key {
            "name" => &mut self.name,
            "registration" => &mut self.registration,
            "organization" => &mut self.organization,
            "email" => &mut self.email,
            "phone" => &mut self.phone,
            _ => return,
        };
        *slot = value.to_owned();
    }
}

/// `text` (config.toml as read from `path`, empty when there is none) with
/// `[expert]` set to `expert`. A text that does not parse, or that the app
/// would refuse at start, is an error naming the file, the line and the key.
pub fn with_expert(path: &Path, text: &str, expert: &Expert) -> Result<String, String> {
    parse_settings(path, text)?;
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("{}: {}", path.display(), e.message()))?;
    let table = doc
        .entry("expert")
        .or_insert_with(toml_edit::table)
        .as_table_like_mut()
        .ok_or_else(|| format!("{}: key `expert`: not a table", path.display()))?;
    for (key, _) in FIELDS {
        let value = expert.get(key);
        match table.get_mut(key).and_then(Item::as_value_mut) {
            // The comment after the value (`# 登録番号`) stays.
            Some(old) => {
                let decor = old.decor().clone();
                *old = Value::from(value);
                *old.decor_mut() = decor;
            }
            None if value.is_empty() => {}
            None => {
                table.insert(key, toml_edit::value(value));
            }
        }
    }
    Ok(doc.to_string())
}

/// Saves `expert` into `dir/config.toml` atomically (a temporary file
/// renamed over it, 0600; the folder created 0700 when missing); a link
/// there is followed, so a config.toml kept elsewhere stays where it is.
/// Returns the file written.
pub fn save_expert_in(dir: &Path, expert: &Expert) -> Result<PathBuf, String> {
    let link = dir.join("config.toml");
    let path = std::fs::canonicalize(&link).unwrap_or(link);
    let text = match crate::safefs::read_regular(&path, crate::safefs::Links::Follow) {
        // Not UTF-8: the same message, with its line, as at start.
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                return Err(super::parse_settings_bytes(&path, e.into_bytes())
                    .err()
                    .unwrap_or_default());
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let new = with_expert(&path, &text, expert)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    if !folder.exists() {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("config.toml");
    crate::store::write_atomic(folder, name, new.as_bytes(), None).map_err(|e| e.to_string())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field set through `set`, in the order of `FIELDS`.
    fn hanako() -> Expert {
        let values = [
            "佐藤 花子",
            "第012345号",
            "佐藤情報セキュリティ事務所",
            "hanako@example.jp",
            "03-0000-0000",
        ];
        let mut e = Expert::default();
        for ((key, _), v) in FIELDS.iter().zip(values) {
            e.set(key, v);
            assert_eq!(e.get(key), v);
        }
        e
    }

    #[test]
    fn other_keys_and_comments_stay() {
        let p = Path::new("config.toml");
        let text = "# my settings\nkeymap = \"vim\"  # vim keys\n\n[expert]\nname = \"旧姓\"\nregistration = \"x\"      # 登録番号\n\n[pdf]\nfont_index = 1\n";
        let out = with_expert(p, text, &hanako()).unwrap();
        assert!(
            out.starts_with("# my settings\nkeymap = \"vim\"  # vim keys\n"),
            "{out}"
        );
        assert!(
            out.contains("registration = \"第012345号\"      # 登録番号\n"),
            "{out}"
        );
        assert!(out.contains("name = \"佐藤 花子\"\n"), "{out}");
        assert!(out.contains("[pdf]\nfont_index = 1\n"), "{out}");
        let s = parse_settings(p, &out).unwrap();
        assert_eq!(s.expert, hanako());
        assert_eq!(s.keymap, "vim");
        assert_eq!(s.pdf.font_index, 1);
    }

    #[test]
    fn an_empty_file_gets_the_table_and_empty_fields_are_not_added() {
        let p = Path::new("config.toml");
        let mut e = Expert {
            name: "a\"b\\c".into(),
            ..Expert::default()
        };
        let out = with_expert(p, "", &e).unwrap();
        assert_eq!(parse_settings(p, &out).unwrap().expert, e);
        assert!(!out.contains("phone"), "{out}");
        e.name.clear();
        let out = with_expert(p, &out, &e).unwrap();
        assert_eq!(parse_settings(p, &out).unwrap().expert, Expert::default());
        let inline = with_expert(p, "expert = { name = \"x\" }\n", &hanako()).unwrap();
        assert_eq!(parse_settings(p, &inline).unwrap().expert, hanako());
    }

    #[test]
    fn a_broken_file_is_refused_with_its_line() {
        let p = Path::new("/home/u/.config/bansou/config.toml");
        let e = with_expert(p, "keymap = \"vim\"\n[expert\nname = 1\n", &hanako()).unwrap_err();
        assert!(
            e.starts_with("/home/u/.config/bansou/config.toml:2:"),
            "{e}"
        );
        let e = with_expert(p, "[expert]\nmail = \"x\"\n", &hanako()).unwrap_err();
        assert!(e.contains(":2: key `mail`"), "{e}");
    }

    #[test]
    fn saving_writes_0600_and_refuses_a_broken_file() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("bansou");
        let path = save_expert_in(&dir, &hanako()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir), 0o700);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(parse_settings(&path, &text).unwrap().expert, hanako());

        std::fs::write(&path, "[expert\n").unwrap();
        let e = save_expert_in(&dir, &Expert::default()).unwrap_err();
        assert!(e.contains("config.toml:1:"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[expert\n");
        std::fs::write(&path, b"name = \"\xff\"\n").unwrap();
        let e = save_expert_in(&dir, &Expert::default()).unwrap_err();
        assert!(e.contains("not UTF-8"), "{e}");
    }

    #[test]
    fn a_linked_config_stays_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("dotfiles");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("bansou.toml"), "bell = false\n").unwrap();
        let dir = tmp.path().join("cfg");
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink(real.join("bansou.toml"), dir.join("config.toml")).unwrap();
        save_expert_in(&dir, &hanako()).unwrap();
        assert!(
            dir.join("config.toml")
                .symlink_metadata()
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let text = std::fs::read_to_string(real.join("bansou.toml")).unwrap();
        assert!(text.starts_with("bell = false\n"), "{text}");
        assert!(text.contains("佐藤 花子"));
    }
}
