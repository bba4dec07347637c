//! Keymaps that would trap the user are refused with file:line:key.
//!
//! - the client screen ([global]) and the picker ([picker]) each keep a key
//!   that quits;
//! - an input ([editor]) keeps a key that submits and one that cancels;
//! - no printable key (a letter, digit, sign or space without C- or A-) is
//!   bound in [editor]: it would be eaten while typing (`banana` became
//!   `bnn` with `a` bound);
//! - a key bound twice in one context of one file is reported (checked
//!   where the file is read, in `Keymap::apply_file`).
//!
//! A later file replacing an earlier binding of the same key is the point of
//! an override and is not a duplicate.

use std::path::Path;

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Context, Key, Keymap, KeymapError};
use crate::action::Action;

/// A binding of the file being applied, with where it is.
#[derive(Debug, Clone)]
pub struct Touched {
    pub ctx: Context,
    pub key: Key,
    pub line: usize,
    /// `editor[2].on`
    pub path: String,
}

/// A key that types a character in an input.
pub fn eaten_while_typing(ctx: Context, key: Key) -> bool {
    ctx == Context::Editor
        && matches!(key.code, KeyCode::Char(_))
        && !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// What must stay reachable, and why.
const NEEDED: [(Context, Action, &str); 4] = [
    (
        Context::Global,
        Action::Quit,
        "no key quits the client screen",
    ),
    (Context::Picker, Action::Quit, "no key quits the picker"),
    (Context::Editor, Action::Submit, "no key submits an input"),
    (Context::Editor, Action::Cancel, "no key cancels an input"),
];

/// Checks the keymap after `file` was applied over `before`; a lost way out
/// is blamed on the binding of `file` that took the last key away.
pub fn keeps_a_way_out(
    km: &Keymap,
    before: &Keymap,
    touched: &[Touched],
    file: &Path,
) -> Result<(), KeymapError> {
    for (ctx, action, what) in NEEDED {
        if !km.keys_for(ctx, action).is_empty() {
            continue;
        }
        let had = before.keys_for(ctx, action);
        // The last binding that took one of its keys away.
        let culprit = touched
            .iter()
            .rev()
            .find(|t| t.ctx == ctx && had.contains(&t.key));
        return Err(KeymapError {
            file: file.to_owned(),
            line: culprit.map(|t| t.line),
            key: culprit.map_or_else(|| ctx.name().to_owned(), |t| t.path.clone()),
            message: format!(
                "{what}: bind one in [{}] (run = \"{}\")",
                ctx.name(),
                crate::action::ACTIONS
                    .iter()
                    .find(|(_, a, _)| *a == action)
                    .map_or("?", |(n, _, _)| n)
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Keymap, KeymapError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, text).unwrap();
        Keymap::load("default", Some(&path))
    }

    #[test]
    fn the_built_in_sets_pass() {
        Keymap::load("default", None).unwrap();
        Keymap::load("vim", None).unwrap();
    }

    #[test]
    fn unbinding_every_quit_is_refused_at_the_line_that_did_it() {
        let e = load(
            "[[global]]\non = \"x\"\nrun = \"help\"\n\n[[global]]\non = \"q\"\nrun = \"none\"\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (Some(6), "global[1].on"), "{e}");
        assert!(e.message.contains("quits the client screen"), "{e}");
        let e = load("[[picker]]\non = \"<Esc>\"\nrun = \"none\"\n").unwrap_err();
        assert!(e.message.contains("picker"), "{e}");
    }

    #[test]
    fn an_input_keeps_submit_and_cancel() {
        let e = load("[[editor]]\non = \"<Enter>\"\nrun = \"none\"\n[[editor]]\non = \"<C-s>\"\nrun = \"none\"\n").unwrap_err();
        assert!(e.message.contains("submits"), "{e}");
        let e = load("[[editor]]\non = \"<Esc>\"\nrun = \"cancel\"\n[[editor]]\non = \"<Esc>\"\nrun = \"none\"\n").unwrap_err();
        assert!(e.message.contains("twice"), "{e}");
        let e = load("[[editor]]\non = \"<Esc>\"\nrun = \"none\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("cancels"), "{e}");
        // Moving Submit to another key is fine.
        load("[[editor]]\non = \"<Enter>\"\nrun = \"none\"\n").unwrap();
    }

    #[test]
    fn a_letter_bound_in_an_input_is_refused() {
        let e = load("[[editor]]\non = \"a\"\nrun = \"submit\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (Some(2), "editor[0].on"), "{e}");
        load("[[editor]]\non = \"<C-a>\"\nrun = \"submit\"\n").unwrap();
        // Unbinding a letter there is harmless.
        load("[[editor]]\non = \"a\"\nrun = \"none\"\n").unwrap();
        // Letters are the point of the answer keys and the lists.
        load("[[global]]\non = \"m\"\nrun = \"quick_note\"\n").unwrap();
    }

    #[test]
    fn a_key_bound_twice_in_one_context_is_reported() {
        let e = load("[[global]]\non = \"m\"\nrun = \"quick_note\"\n\n[[global]]\non = \"m\"\nrun = \"help\"\n").unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        assert!(e.message.contains("first on line 2"), "{e}");
        // The same key in two contexts is not a duplicate.
        load("[[global]]\non = \"m\"\nrun = \"quick_note\"\n[[list]]\non = \"m\"\nrun = \"toggle\"\n").unwrap();
    }
}
