//! Keys → actions, per context, from TOML keymaps; and the reverse map that
//! feeds the help overlay, so help never drifts from the keys.

use std::fmt;
use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use toml::Spanned;

use crate::action::Action;
use crate::textpos::line_col;

mod validate;

pub const DEFAULT: &str = include_str!("../keymaps/default.toml");
pub const VIM: &str = include_str!("../keymaps/vim.toml");

/// Names of the built-in sets (`keymap = "…"` in config.toml).
pub const SETS: [&str; 2] = ["default", "vim"];

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Agenda,
    List,
    Editor,
    Picker,
    /// Inside a form editor (moving between fields and rows).
    Form,
    /// Fast answer entry of the self-diagnosis walkthrough.
    Diagnosis,
}

impl Context {
    pub const ALL: [Context; 5] = [
        Context::Global,
        Context::Agenda,
        Context::List,
        Context::Editor,
        Context::Picker,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Agenda => "agenda",
            Context::List => "list",
            Context::Editor => "editor",
            Context::Picker => "picker",
            Context::Form => "form",
            Context::Diagnosis => "diagnosis",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "全体",
            Context::Agenda => "議事次第",
            Context::List => "一覧（準備・メモ）",
            Context::Editor => "入力中",
            Context::Picker => "企業の選択",
            Context::Form => "様式の編集",
            Context::Diagnosis => "自社診断の回答入力",
        }
    }
}

/// A key with its modifiers, normalised (Shift folded into characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods -= KeyModifiers::SHIFT;
                // Ctrl combinations arrive as lower case on most terminals.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods -= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses `q`, `?`, `<Enter>`, `<C-s>`, `<S-Tab>`, `<A-x>`, `<F5>`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_control() || c == ' ' {
                return Err(format!("{s:?}: write the space as <Space>"));
            }
            return Ok(Key {
                code: KeyCode::Char(c),
                mods: KeyModifiers::NONE,
            });
        }
        let inner = s
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .ok_or_else(|| {
                format!("{s:?}: a key is one character or a name in <>, like <Enter> or <C-s>")
            })?;
        let mut mods = KeyModifiers::NONE;
        let mut rest = inner;
        while let Some((m, r)) = rest
            .split_once('-')
            .filter(|(m, r)| m.len() == 1 && !r.is_empty())
        {
            mods |= match m {
                "C" => KeyModifiers::CONTROL,
                "A" | "M" => KeyModifiers::ALT,
                "S" => KeyModifiers::SHIFT,
                _ => return Err(format!("{s:?}: unknown modifier {m}- (use C-, A- or S-)")),
            };
            rest = r;
        }
        let code = match rest {
            "Enter" | "CR" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods -= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Space" => KeyCode::Char(' '),
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Backspace" => KeyCode::Backspace,
            "Delete" | "Del" => KeyCode::Delete,
            "Insert" => KeyCode::Insert,
            f if f.starts_with('F') && f.len() > 1 => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(format!("{s:?}: function keys are <F1> to <F12>")),
            },
            c if c.chars().count() == 1 => {
                let ch = c.chars().next().unwrap_or(' ');
                if mods.contains(KeyModifiers::SHIFT) && ch.is_ascii_alphabetic() {
                    mods -= KeyModifiers::SHIFT;
                    KeyCode::Char(ch.to_ascii_uppercase())
                } else if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(ch.to_ascii_lowercase())
                } else {
                    KeyCode::Char(ch)
                }
            }
            _ => return Err(format!("{s:?}: unknown key name {rest:?}")),
        };
        if let KeyCode::Char(_) = code {
            mods -= KeyModifiers::SHIFT;
        }
        Ok(Key { code, mods })
    }
}

impl Key {
    /// The key as hints show it, without angle brackets: `Enter`, `C-s`, `t`.
    pub fn short(&self) -> String {
        let s = self.to_string();
        s.strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .map_or(s.clone(), str::to_owned)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.mods.is_empty() => return write!(f, "{c}"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut prefix = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            prefix.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            prefix.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            prefix.push_str("S-");
        }
        write!(f, "<{prefix}{name}>")
    }
}

/// One binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    pub desc: String,
}

/// The active keymap.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    contexts: Vec<(Context, Vec<Binding>)>,
}

/// A keymap file that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub key: String,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": key `{}`: {}", self.key, self.message)
    }
}

impl std::error::Error for KeymapError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: Spanned<String>,
    run: Spanned<String>,
    #[serde(default)]
    desc: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeymap {
    #[serde(default)]
    global: Vec<RawBinding>,
    #[serde(default)]
    agenda: Vec<RawBinding>,
    #[serde(default)]
    list: Vec<RawBinding>,
    #[serde(default)]
    editor: Vec<RawBinding>,
    #[serde(default)]
    picker: Vec<RawBinding>,
    #[serde(default)]
    form: Vec<RawBinding>,
    #[serde(default)]
    diagnosis: Vec<RawBinding>,
}

impl Keymap {
    /// The built-in set `name` ("default" or "vim"), then the user's file on top.
    pub fn load(set: &str, user: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut km = Keymap::default();
        km.apply(Path::new("(built-in) keymaps/default.toml"), DEFAULT)?;
        match set {
            "default" => {}
            "vim" => km.apply(Path::new("(built-in) keymaps/vim.toml"), VIM)?,
            other => {
                // config::settings names the file and line; this is for other callers.
                return Err(KeymapError {
                    file: PathBuf::from("config.toml"),
                    line: None,
                    key: "keymap".into(),
                    message: format!("unknown keymap set {other:?} (use \"default\" or \"vim\")"),
                });
            }
        }
        if let Some(path) = user.filter(|p| p.exists()) {
            let err = |m: String| KeymapError {
                file: path.to_owned(),
                line: None,
                key: "-".into(),
                message: m,
            };
            // A FIFO or a device is refused at once instead of hanging start-up.
            let bytes = crate::safefs::read_regular(path, crate::safefs::Links::Follow)
                .map_err(|e| err(e.to_string()))?;
            let text = String::from_utf8(bytes).map_err(|e| KeymapError {
                line: Some(crate::textpos::utf8_error_line(
                    &e.utf8_error(),
                    e.as_bytes(),
                )),
                ..err("the file is not UTF-8 text".into())
            })?;
            km.apply(path, &text)?;
        }
        Ok(km)
    }

    /// Adds or replaces the bindings of one file; a file that leaves a trap
    /// (no way to quit, to submit or cancel an input, a letter eaten while
    /// typing, a key bound twice in one context) is refused, see `validate`.
    pub fn apply(&mut self, file: &Path, text: &str) -> Result<(), KeymapError> {
        let before = self.clone();
        let touched = self.apply_file(file, text)?;
        validate::keeps_a_way_out(self, &before, &touched, file)
    }

    fn apply_file(
        &mut self,
        file: &Path,
        text: &str,
    ) -> Result<Vec<validate::Touched>, KeymapError> {
        let raw: RawKeymap = toml::from_str(text).map_err(|e| {
            let line = crate::textpos::error_line(text, &e);
            KeymapError {
                file: file.to_owned(),
                line,
                key: line
                    .and_then(|l| crate::textpos::key_at_line(text, l))
                    .unwrap_or_else(|| "-".into()),
                message: e.message().trim().replace('\n', " "),
            }
        })?;
        let groups = [
            (Context::Global, raw.global),
            (Context::Agenda, raw.agenda),
            (Context::List, raw.list),
            (Context::Editor, raw.editor),
            (Context::Picker, raw.picker),
            (Context::Form, raw.form),
            (Context::Diagnosis, raw.diagnosis),
        ];
        let mut touched: Vec<validate::Touched> = Vec::new();
        for (ctx, bindings) in groups {
            for (i, b) in bindings.into_iter().enumerate() {
                let place =
                    |span: std::ops::Range<usize>, field: &str, message: String| KeymapError {
                        file: file.to_owned(),
                        line: Some(line_col(text, span.start).0),
                        key: format!("{}[{i}].{field}", ctx.name()),
                        message,
                    };
                let key = Key::parse(b.on.get_ref()).map_err(|m| place(b.on.span(), "on", m))?;
                let line = line_col(text, b.on.span().start).0;
                if let Some(first) = touched.iter().find(|t| t.ctx == ctx && t.key == key) {
                    return Err(place(
                        b.on.span(),
                        "on",
                        format!(
                            "{key} is bound twice in [{}] (first on line {}); keep one",
                            ctx.name(),
                            first.line
                        ),
                    ));
                }
                touched.push(validate::Touched {
                    ctx,
                    key,
                    line,
                    path: format!("{}[{i}].on", ctx.name()),
                });
                if b.run.get_ref() != "none" && validate::eaten_while_typing(ctx, key) {
                    return Err(place(
                        b.on.span(),
                        "on",
                        format!(
                            "{key} types text in [editor]; bound to an action it could never be typed (bind a key with C- or A-, or a named key)"
                        ),
                    ));
                }
                let bindings = self.context_mut(ctx);
                bindings.retain(|x| x.key != key);
                if b.run.get_ref() == "none" {
                    continue;
                }
                let action = Action::from_name(b.run.get_ref()).ok_or_else(|| {
                    place(
                        b.run.span(),
                        "run",
                        format!("unknown action {:?}", b.run.get_ref()),
                    )
                })?;
                let desc = b.desc.unwrap_or_else(|| {
                    crate::action::ACTIONS
                        .iter()
                        .find(|(_, a, _)| *a == action)
                        .map_or("", |(_, _, d)| d)
                        .to_owned()
                });
                bindings.push(Binding { key, action, desc });
            }
        }
        Ok(touched)
    }

    fn context_mut(&mut self, ctx: Context) -> &mut Vec<Binding> {
        if let Some(i) = self.contexts.iter().position(|(c, _)| *c == ctx) {
            return &mut self.contexts[i].1;
        }
        self.contexts.push((ctx, Vec::new()));
        let last = self.contexts.len() - 1;
        &mut self.contexts[last].1
    }

    pub fn bindings(&self, ctx: Context) -> &[Binding] {
        self.contexts
            .iter()
            .find(|(c, _)| *c == ctx)
            .map_or(&[], |(_, b)| b)
    }

    /// The action of `key` in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: Key) -> Option<Action> {
        contexts.iter().find_map(|c| {
            self.bindings(*c)
                .iter()
                .find(|b| b.key == key)
                .map(|b| b.action)
        })
    }

    /// The first key bound to `action` in the first of `contexts` that binds it.
    pub fn first_key(&self, contexts: &[Context], action: Action) -> Option<Key> {
        contexts
            .iter()
            .find_map(|c| self.keys_for(*c, action).first().copied())
    }

    /// Keys bound to an action in a context, for hints ("n: メモ").
    pub fn keys_for(&self, ctx: Context, action: Action) -> Vec<Key> {
        self.bindings(ctx)
            .iter()
            .filter(|b| b.action == action)
            .map(|b| b.key)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> Key {
        Key { code: c, mods: m }
    }

    #[test]
    fn key_strings_parse() {
        let cases = [
            ("q", key(KeyCode::Char('q'), KeyModifiers::NONE)),
            ("?", key(KeyCode::Char('?'), KeyModifiers::NONE)),
            ("<Space>", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("<C-s>", key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            ("<C-S>", key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            ("<S-Tab>", key(KeyCode::BackTab, KeyModifiers::NONE)),
            ("<S-r>", key(KeyCode::Char('R'), KeyModifiers::NONE)),
            ("<A-x>", key(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("<F5>", key(KeyCode::F(5), KeyModifiers::NONE)),
            ("<Enter>", key(KeyCode::Enter, KeyModifiers::NONE)),
            ("<->", key(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("<C-->", key(KeyCode::Char('-'), KeyModifiers::CONTROL)),
        ];
        for (text, want) in cases {
            assert_eq!(Key::parse(text).unwrap(), want, "{text}");
        }
        for bad in [
            "", "ab", "<>", "<Nope>", "<X-a>", "<F13>", " ", "<Enter", "\t",
        ] {
            assert!(Key::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn events_are_normalised_like_parsed_keys() {
        let ev = KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("R").unwrap());
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("<S-Tab>").unwrap());
        let ev = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("?").unwrap());
        let ev = KeyEvent::new(
            KeyCode::Char('N'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(&ev), Key::parse("<C-n>").unwrap());
    }

    #[test]
    fn default_keymap_binds_the_product_keys() {
        let km = Keymap::load("default", None).unwrap();
        let g = |s: &str| km.lookup(&[Context::Global], Key::parse(s).unwrap());
        assert_eq!(g("?"), Some(Action::Help));
        assert_eq!(g("q"), Some(Action::Quit));
        assert_eq!(g("1"), Some(Action::Tab(1)));
        assert_eq!(g("4"), Some(Action::Tab(4)));
        assert_eq!(g("<Tab>"), Some(Action::NextPane));
        assert_eq!(g("<S-Tab>"), Some(Action::PrevPane));
        assert_eq!(g("<Space>"), Some(Action::TimerToggle));
        assert_eq!(g("]"), Some(Action::NextItem));
        assert_eq!(g("["), Some(Action::PrevItem));
        assert_eq!(g("+"), Some(Action::Extend));
        assert_eq!(g("-"), Some(Action::Shorten));
        assert_eq!(g("n"), Some(Action::QuickNote));
        assert_eq!(g("e"), Some(Action::Export));
    }

    #[test]
    fn hints_name_keys_without_brackets_and_search_contexts_in_order() {
        assert_eq!(Key::parse("<C-s>").unwrap().short(), "C-s");
        assert_eq!(Key::parse("t").unwrap().short(), "t");
        assert_eq!(Key::parse("<S-Tab>").unwrap().short(), "S-Tab");
        let km = Keymap::load("default", None).unwrap();
        let enter = Key::parse("<Enter>").unwrap();
        assert_eq!(
            km.first_key(&[Context::Editor, Context::Global], Action::Submit),
            Some(enter)
        );
        assert_eq!(km.first_key(&[Context::Picker], Action::QuickNote), None);
    }

    #[test]
    fn contexts_are_searched_innermost_first() {
        let km = Keymap::load("default", None).unwrap();
        let enter = Key::parse("<Enter>").unwrap();
        assert_eq!(
            km.lookup(&[Context::Agenda, Context::Global], enter),
            Some(Action::OpenForm)
        );
        assert_eq!(
            km.lookup(&[Context::List, Context::Global], enter),
            Some(Action::Toggle)
        );
        assert_eq!(km.lookup(&[Context::Editor], enter), Some(Action::Submit));
        // While typing, letters are text: nothing in [editor] binds them.
        assert_eq!(
            km.lookup(&[Context::Editor], Key::parse("q").unwrap()),
            None
        );
        assert_eq!(
            km.lookup(&[Context::Editor], Key::parse("n").unwrap()),
            None
        );
    }

    #[test]
    fn vim_set_adds_hjkl_and_keeps_defaults() {
        let km = Keymap::load("vim", None).unwrap();
        let g = |s: &str| km.lookup(&[Context::Global], Key::parse(s).unwrap());
        assert_eq!(g("j"), Some(Action::Down));
        assert_eq!(g("k"), Some(Action::Up));
        assert_eq!(g("q"), Some(Action::Quit));
        assert!(Keymap::load("emacs", None).is_err());
    }

    #[test]
    fn a_user_file_overrides_single_bindings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, "[[global]]\non = \"m\"\nrun = \"quick_note\"\n\n[[global]]\non = \"n\"\nrun = \"none\"\n").unwrap();
        let km = Keymap::load("default", Some(&path)).unwrap();
        let g = |s: &str| km.lookup(&[Context::Global], Key::parse(s).unwrap());
        assert_eq!(g("m"), Some(Action::QuickNote));
        assert_eq!(g("n"), None);
        assert_eq!(g("q"), Some(Action::Quit));
        let b = km
            .bindings(Context::Global)
            .iter()
            .find(|b| b.key == Key::parse("m").unwrap())
            .unwrap();
        assert_eq!(b.desc, "クイックメモ", "desc defaults to the action's");
    }

    #[test]
    fn bad_files_name_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        let check = |text: &str, line: usize, key: &str| {
            std::fs::write(&path, text).unwrap();
            let e = Keymap::load("default", Some(&path)).unwrap_err();
            assert_eq!(e.file, path);
            assert_eq!(e.line, Some(line), "{e}");
            assert_eq!(e.key, key, "{e}");
        };
        check(
            "[[global]]\non = \"x\"\nrun = \"fly\"\n",
            3,
            "global[0].run",
        );
        check(
            "[[agenda]]\non = \"x\"\nrun = \"add\"\n[[agenda]]\non = \"<Nope>\"\nrun = \"add\"\n",
            5,
            "agenda[1].on",
        );
        check("[[global]]\non = \"x\"\nrun = 3\n", 3, "run");
        check("[[sideways]]\non = \"x\"\n", 1, "sideways");
    }
}
