//! A list of fixed choices shown over a form (プルダウン): the one picker
//! every editor uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use super::Theme;
use super::hints::key_name;
use crate::action::Action;
use crate::keymap::{Context, Keymap};
use crate::text::{pad, pad_left, width};

/// A list of fixed choices shown over the form (プルダウン).
pub struct Picker {
    pub title: String,
    pub options: Vec<String>,
    /// A right-aligned note per option (e.g. an industry's limits); when
    /// present the picker takes the whole width it is drawn over.
    pub details: Vec<String>,
    pub sel: usize,
}

/// What a key did to a picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Still open.
    Open,
    Chosen(usize),
    Closed,
    /// Not a picker key: the caller passes it on (quit, help, the timer).
    Ignored,
}

impl Picker {
    pub fn new(title: impl Into<String>, options: Vec<String>, sel: usize) -> Picker {
        let sel = sel.min(options.len().saturating_sub(1));
        Picker {
            title: title.into(),
            options,
            details: Vec::new(),
            sel,
        }
    }

    /// The same with a right-aligned note per option.
    pub fn with_details(mut self, details: Vec<String>) -> Picker {
        self.details = details;
        self
    }

    /// Up and Down move (round from the last option to the first and
    /// back), Enter chooses, Esc closes.
    pub fn key(&mut self, action: Option<Action>) -> Picked {
        let n = self.options.len().max(1);
        match action {
            Some(Action::Up) => self.sel = (self.sel + n - 1) % n,
            Some(Action::Down) => self.sel = (self.sel + 1) % n,
            Some(Action::Edit | Action::Toggle | Action::Submit) => {
                return Picked::Chosen(self.sel);
            }
            Some(Action::Cancel) => return Picked::Closed,
            _ => return Picked::Ignored,
        }
        Picked::Open
    }

    /// Draws the picker centred over `over`.
    pub fn draw(&self, frame: &mut Frame, over: Rect, keymap: &Keymap, theme: Theme) {
        let key = |a: Action| key_name(keymap, &[Context::Form, Context::Global], a, "");
        let hint = format!(
            " {}/{}:選ぶ {}:決定 {}:閉じる ",
            key(Action::Up),
            key(Action::Down),
            key(Action::Edit),
            key(Action::Cancel)
        );
        let widest = self
            .options
            .iter()
            .map(|o| width(o))
            .chain([width(&self.title) + 4, width(&hint)])
            .max()
            .unwrap_or(10);
        // Inside `over`'s border, keep one column free on each side (see below).
        let inside = over.inner(ratatui::layout::Margin::new(1, 0));
        let room = inside.width.saturating_sub(2);
        let popup_w = if self.details.is_empty() {
            (widest as u16 + 6).min(room)
        } else {
            room
        };
        let height = (self.options.len() as u16 + 2).min(over.height);
        let rect = Rect {
            x: over.x + over.width.saturating_sub(popup_w) / 2,
            y: over.y + over.height.saturating_sub(height) / 2,
            width: popup_w,
            height,
        };
        // Clear one more column on each side: a wide character cut by the
        // popup's edge would otherwise cover its border in a real terminal.
        let margin = Rect {
            x: rect.x.saturating_sub(1),
            width: rect.width + 2,
            ..rect
        }
        .intersection(inside)
        .intersection(frame.area());
        frame.render_widget(Clear, margin);
        let inner_w = usize::from(popup_w.saturating_sub(4));
        let detail_w = self.details.iter().map(|d| width(d)).max().unwrap_or(0);
        let items: Vec<ListItem> = self
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| match self.details.get(i) {
                Some(d) => ListItem::new(Line::from(vec![
                    Span::raw(pad(o, inner_w.saturating_sub(detail_w + 1))),
                    Span::raw(" "),
                    Span::styled(pad_left(d, detail_w), theme.dim()),
                ])),
                None => ListItem::new(o.clone()),
            })
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(Span::styled(
                format!(" {} ", self.title),
                theme.focus_border(),
            ))
            .title_bottom(Span::styled(hint, theme.dim()));
        let list = List::new(items)
            .block(block)
            .highlight_symbol("> ")
            .highlight_style(theme.selected());
        let mut state = ListState::default().with_selected(Some(self.sel));
        frame.render_stateful_widget(list, rect, &mut state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picker_moves_round_its_options() {
        let mut p = Picker::new("t", vec!["a".into(), "b".into(), "c".into()], 5);
        assert_eq!(p.sel, 2, "opens on the last option when asked past it");
        assert_eq!(p.key(Some(Action::Down)), Picked::Open);
        assert_eq!(p.sel, 0, "Down on the last goes round to the first");
        p.key(Some(Action::Up));
        assert_eq!(p.sel, 2, "Up on the first goes round to the last");
        p.key(Some(Action::Up));
        p.key(Some(Action::Up));
        assert_eq!(p.key(Some(Action::Edit)), Picked::Chosen(0));
        assert_eq!(p.key(Some(Action::Cancel)), Picked::Closed);
        assert_eq!(p.key(Some(Action::Quit)), Picked::Ignored);
        assert_eq!(p.key(None), Picked::Ignored);
    }
}
