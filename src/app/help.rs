//! The help overlay's content and keys: generated from the keymap for the
//! contexts active now, wrapped to the width it is drawn at (a long
//! description continues under itself instead of being cut), scrolled with
//! the keymap's Up/Down; any other key closes it and does nothing else.

use super::App;
use crate::action::Action;
use crate::keymap::{Context, Key};
use crate::text::{pad, width, wrap};

/// Width of the key column.
const KEY_W: usize = 10;

/// What a help line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKind {
    Heading,
    /// A binding's line: the key (padded, or blank on a continuation) and
    /// its description.
    Binding,
    Note,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub kind: HelpKind,
    /// For a binding: the key column; empty otherwise.
    pub key: String,
    pub text: String,
}

impl App {
    /// The help for the contexts active now, wrapped to `cols` cells.
    pub fn help_lines(&self, cols: usize) -> Vec<HelpLine> {
        let cols = cols.max(KEY_W + 8);
        let contexts = self.contexts();
        let mut shown = contexts.clone();
        if !shown.contains(&Context::Global)
            && !shown.contains(&Context::Editor)
            && !shown.contains(&Context::Picker)
        {
            shown.push(Context::Global);
        }
        let line = |kind, key: String, text: String| HelpLine { kind, key, text };
        let mut out = Vec::new();
        for ctx in shown {
            out.push(line(
                HelpKind::Heading,
                String::new(),
                format!("【{}】", ctx.title()),
            ));
            for b in self.keymap.bindings(ctx) {
                let key = b.key.to_string();
                // A key name longer than its column gets a line of its own.
                let (first_key, rest_w) = if width(&key) < KEY_W {
                    (pad(&key, KEY_W), cols - KEY_W)
                } else {
                    out.push(line(HelpKind::Binding, key, String::new()));
                    (pad("", KEY_W), cols - KEY_W)
                };
                for (k, part) in wrap(&b.desc, rest_w).into_iter().enumerate() {
                    let key = if k == 0 {
                        first_key.clone()
                    } else {
                        pad("", KEY_W)
                    };
                    out.push(line(HelpKind::Binding, key, part));
                }
            }
            out.push(line(HelpKind::Blank, String::new(), String::new()));
        }
        let mut notes = Vec::new();
        if contexts.contains(&Context::Agenda)
            || contexts.contains(&Context::List)
            || contexts.contains(&Context::Global)
        {
            let key = |a: Action| self.key(&[Context::Agenda], a);
            notes.push(format!(
                "{}: 固定以外の残りを伸縮し終了予定ちょうどに（各5分以上）。{}・{} でも終了予定は動きません",
                key(Action::Replan),
                key(Action::Extend),
                key(Action::Shorten)
            ));
            notes.push(format!(
                "{}: 戻った議題は記録済みの時間から、今の議題は時間を保ち {} で続きから",
                key(Action::PrevItem),
                key(Action::NextItem)
            ));
        }
        // The open editor's rules (e.g. the plan's priority order).
        if let Some(e) = self.workspace().and_then(|w| w.editor.as_ref()) {
            notes.extend(e.help_notes(&self.catalog));
        }
        for n in notes {
            for part in wrap(&n, cols) {
                out.push(line(HelpKind::Note, String::new(), part));
            }
        }
        out
    }

    /// The first line shown for `rows` rows of `total` lines.
    pub fn help_top(&self, total: usize, rows: usize) -> usize {
        self.help_scroll.min(total.saturating_sub(rows))
    }

    /// A key while the help shows.
    pub(super) fn help_key(&mut self, key: Key) {
        let (cols, rows) = help_area(self.size);
        let total = self.help_lines(cols).len();
        let top = self.help_top(total, rows);
        let mut contexts = self.contexts();
        contexts.push(Context::Global);
        match self.keymap.lookup(&contexts, key) {
            Some(Action::Down) => self.help_scroll = (top + 1).min(total.saturating_sub(rows)),
            Some(Action::Up) => self.help_scroll = top.saturating_sub(1),
            _ => {
                self.help = false;
                self.help_scroll = 0;
            }
        }
    }
}

/// The text area of the help overlay on a terminal of `size`: (cols, rows).
/// The header and the status line (the running timer) stay in view.
pub fn help_area(size: (u16, u16)) -> (usize, usize) {
    let (w, h) = (usize::from(size.0), usize::from(size.1));
    (w.saturating_sub(4).min(100), h.saturating_sub(4).max(1))
}
