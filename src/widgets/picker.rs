//! A list of fixed choices shown over a form (プルダウン): the one picker
//! every editor uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use super::Theme;
use super::hints::key_name;
use crate::action::Action;
use crate::keymap::{Context, Keymap};
use crate::text::width;

/// A list of fixed choices shown over the form (プルダウン).
pub struct Picker {
    pub title: String,
    pub options: Vec<String>,
    pub sel: usize,
}

/// What a key did to a picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Still open.
    Open,
    Chosen(usize),
    Closed,
}

impl Picker {
    pub fn new(title: impl Into<String>, options: Vec<String>, sel: usize) -> Picker {
        let sel = sel.min(options.len().saturating_sub(1));
        Picker {
            title: title.into(),
            options,
            sel,
        }
    }

    pub fn key(&mut self, action: Option<Action>) -> Picked {
        match action {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => {
                self.sel = (self.sel + 1).min(self.options.len().saturating_sub(1))
            }
            Some(Action::Edit | Action::Toggle | Action::Submit) => {
                return Picked::Chosen(self.sel);
            }
            Some(Action::Cancel) => return Picked::Closed,
            _ => {}
        }
        Picked::Open
    }

    /// Draws the picker centred over `over`.
    pub fn draw(&self, frame: &mut Frame, over: Rect, keymap: &Keymap, theme: Theme) {
        let choose = key_name(keymap, &[Context::Form], Action::Edit, "Enter");
        let hint = format!(" Up/Down:選ぶ {choose}:決定 Esc:閉じる ");
        let widest = self
            .options
            .iter()
            .map(|o| width(o))
            .chain([width(&self.title) + 4, width(&hint)])
            .max()
            .unwrap_or(10);
        let width = (widest as u16 + 6).min(over.width);
        let height = (self.options.len() as u16 + 2).min(over.height);
        let rect = Rect {
            x: over.x + over.width.saturating_sub(width) / 2,
            y: over.y + over.height.saturating_sub(height) / 2,
            width,
            height,
        };
        // Clear one more column on each side: a wide character cut by the
        // popup's edge would otherwise cover its border in a real terminal.
        let margin = Rect {
            x: rect.x.saturating_sub(1),
            width: rect.width + 2,
            ..rect
        }
        .intersection(frame.area());
        frame.render_widget(Clear, margin);
        let items: Vec<ListItem> = self
            .options
            .iter()
            .map(|o| ListItem::new(o.clone()))
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
    fn picker_moves_within_its_options() {
        let mut p = Picker::new("t", vec!["a".into(), "b".into()], 5);
        assert_eq!(p.sel, 1);
        assert_eq!(p.key(Some(Action::Down)), Picked::Open);
        assert_eq!(p.sel, 1);
        p.key(Some(Action::Up));
        p.key(Some(Action::Up));
        assert_eq!(p.key(Some(Action::Edit)), Picked::Chosen(0));
        assert_eq!(p.key(Some(Action::Cancel)), Picked::Closed);
        assert_eq!(p.key(None), Picked::Open);
    }
}
