//! Key hints built from the keymap in effect, so they never drift from
//! what the keys do.

use ratatui::text::{Line, Span};

use super::Theme;
use crate::action::Action;
use crate::keymap::{Context, Keymap};

/// The name of the first key bound to `action` in `contexts`, without
/// angle brackets (`Enter`, `C-s`, `t`).
pub fn key_name(keymap: &Keymap, contexts: &[Context], action: Action, fallback: &str) -> String {
    keymap
        .first_key(contexts, action)
        .map_or_else(|| fallback.to_owned(), |k| k.short())
}

/// The key a hint or prompt names for `action`: the first bound in
/// `contexts`, then in [global]; `?` when unbound.
pub fn name(keymap: &Keymap, contexts: &[Context], action: Action) -> String {
    let mut all = contexts.to_vec();
    all.push(Context::Global);
    key_name(keymap, &all, action, "?")
}

/// The key a hint names for `action`: the first bound in `contexts`, an
/// arrow or letter in preference to Backspace.
pub fn hint_key(keymap: &Keymap, contexts: &[Context], action: Action) -> Option<String> {
    let keys = contexts
        .iter()
        .map(|c| keymap.keys_for(*c, action))
        .find(|keys| !keys.is_empty())?;
    let key = keys
        .iter()
        .find(|k| k.code != crossterm::event::KeyCode::Backspace)
        .or(keys.first())?;
    Some(key.short())
}

/// One line of key hints (` zxcv 回答  Up/Down 回答者 …`): each entry names
/// the keys of its actions in `contexts` (then [global]) — run together when
/// they are single characters, else joined with `/` — and its label; an entry
/// none of whose actions is bound is left out. The one hint bar.
pub fn bar(
    keymap: &Keymap,
    contexts: &[Context],
    items: &[(&[Action], &str)],
    theme: Theme,
) -> Line<'static> {
    let mut contexts = contexts.to_vec();
    contexts.push(Context::Global);
    let mut spans = Vec::new();
    for (actions, label) in items {
        let keys: Vec<String> = actions
            .iter()
            .filter_map(|a| hint_key(keymap, &contexts, *a))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let sep = if keys.iter().all(|k| k.chars().count() == 1) {
            ""
        } else {
            "/"
        };
        spans.push(Span::styled(format!(" {}", keys.join(sep)), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}

/// `bar` for a form editor: one action an entry, [form] then [global].
pub fn hints(keymap: &Keymap, items: &[(Action, &str)], theme: Theme) -> Line<'static> {
    let items: Vec<([Action; 1], &str)> = items.iter().map(|(a, l)| ([*a], *l)).collect();
    let items: Vec<(&[Action], &str)> = items.iter().map(|(a, l)| (&a[..], *l)).collect();
    bar(keymap, &[Context::Form], &items, theme)
}

/// A hint bar narrowed to `width` cells by dropping the extra space between
/// entries when it does not fit as it is.
pub fn fit_bar(mut line: Line<'static>, width: u16) -> Line<'static> {
    if line.width() > usize::from(width) {
        for span in &mut line.spans {
            if span.content.ends_with(' ') {
                span.content = span.content.trim_end().to_owned().into();
            }
        }
    }
    line
}

/// The key line under a form editor: `note` while a field is being typed
/// in, otherwise the form's hint bar.
pub fn form_line(
    note: Option<&str>,
    keymap: &Keymap,
    items: &[(Action, &str)],
    theme: Theme,
) -> Line<'static> {
    match note {
        Some(n) => Line::styled(format!(" 入力中: {n}"), theme.dim()),
        None => hints(keymap, items, theme),
    }
}
