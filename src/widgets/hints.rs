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

/// One line of key hints (` Enter 編集  a 追加 …`), keys read from the
/// keymap ([form] first, then [global]) so they never drift.
pub fn hints(keymap: &Keymap, items: &[(Action, &str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (action, label) in items {
        let Some(key) = keymap.first_key(&[Context::Form, Context::Global], *action) else {
            continue;
        };
        spans.push(Span::styled(format!(" {}", key.short()), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}
