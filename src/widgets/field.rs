//! A text field for the form editors: a `ratatui_textarea::TextArea` with
//! undo, NFC text, one-line or multi-line behaviour, and the real terminal
//! cursor at the edit position (so an IME's preedit shows in place).
//!
//! Keys while typing: the [editor] keymap's `submit` finishes the field —
//! except plain Enter in a multi-line field, which inserts a line break;
//! `cancel` (Esc) also finishes it and keeps the text: editors write the text
//! into the client on every change, so leaving a field never loses what was
//! typed. Ctrl-U or Ctrl-Z undoes, Ctrl-R redoes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_normalization::UnicodeNormalization;

use super::Theme;
use crate::action::Action;
use crate::keymap::{Context, Keymap};

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The text changed: write it into the client.
    Changed,
    /// Only the cursor moved (or nothing happened).
    Moved,
    /// The user is done with the field.
    Done,
    /// A key the field does not use (the editor may: e.g. `cycle_kind`).
    Other(Action),
}

/// One text field being edited.
pub struct Field {
    area: TextArea<'static>,
    multiline: bool,
    /// Several lines (a paste keeps its line breaks) but Enter finishes it:
    /// the quick note.
    enter_submits: bool,
}

impl Field {
    /// A one-line field holding `text` (line breaks become spaces).
    pub fn single(text: &str) -> Field {
        Field::new(vec![text.replace(['\r', '\n'], " ")], false)
    }

    /// A multi-line field holding `text`.
    /// A quick note: line breaks kept (pasted), Enter finishes.
    pub fn note(text: &str) -> Field {
        Field {
            enter_submits: true,
            ..Field::multi(text)
        }
    }

    pub fn multi(text: &str) -> Field {
        Field::new(text.split('\n').map(str::to_owned).collect(), true)
    }

    fn new(lines: Vec<String>, multiline: bool) -> Field {
        let mut area = TextArea::new(lines);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(Style::new());
        if multiline {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        Field {
            area,
            multiline,
            enter_submits: false,
        }
    }

    /// Lines of text in the field.
    pub fn line_count(&self) -> usize {
        self.area.lines().len()
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// The text, NFC; lines joined with `\n` (one line for a one-line field).
    pub fn text(&self) -> String {
        self.area.lines().join("\n").nfc().collect()
    }

    /// The text with surrounding blanks (and blank lines) removed.
    pub fn trimmed(&self) -> String {
        self.text().trim().to_owned()
    }

    /// The text as written while typing, trimmed once the field is left.
    pub fn value(&self, finished: bool) -> String {
        if finished {
            self.trimmed()
        } else {
            self.text()
        }
    }

    /// Handles one key while the field has the keys.
    pub fn key(&mut self, ev: &KeyEvent, action: Option<Action>) -> Step {
        let plain_enter = ev.code == KeyCode::Enter && !ev.modifiers.contains(KeyModifiers::ALT);
        match action {
            Some(Action::Submit) if self.multiline && plain_enter && !self.enter_submits => {
                self.area.insert_newline();
                Step::Changed
            }
            Some(Action::Submit | Action::Cancel) => Step::Done,
            Some(a) => Step::Other(a),
            None => {
                let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
                let newline = matches!(ev.code, KeyCode::Enter | KeyCode::Char('\r' | '\n'))
                    || (ctrl && matches!(ev.code, KeyCode::Char('m' | 'j')));
                if !self.multiline && newline {
                    return Step::Moved;
                }
                let changed = if ctrl && ev.code == KeyCode::Char('z') {
                    self.area.undo()
                } else {
                    self.area.input(*ev)
                };
                if changed { Step::Changed } else { Step::Moved }
            }
        }
    }

    /// Inserts pasted text (line breaks become spaces in a one-line field).
    pub fn paste(&mut self, text: &str) -> Step {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.multiline {
            text
        } else {
            text.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if self.area.insert_str(text) {
            Step::Changed
        } else {
            Step::Moved
        }
    }

    /// Draws the field in a focused box titled `title`, with the keys that
    /// finish it, and puts the terminal cursor at the edit position.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        title: &str,
        extra: &str,
        keymap: &Keymap,
        theme: Theme,
    ) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(Span::styled(format!(" {title} "), theme.focus_border()))
            .title_bottom(Span::styled(
                format!(" {} ", self.hint(keymap, extra)),
                theme.dim(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.render(frame, inner, true);
    }

    /// Draws only the text into `inner`; with `cursor`, puts the real
    /// terminal cursor at the edit position (so an IME's preedit shows in
    /// place). The one place the cursor is placed.
    pub fn render(&self, frame: &mut Frame, inner: Rect, cursor: bool) {
        frame.render_widget(&self.area, inner);
        if cursor {
            place_cursor(frame, &self.area, inner);
        }
    }

    /// `Enter:改行 C-s/Esc:確定 C-z:元に戻す`, from the keymap.
    fn hint(&self, keymap: &Keymap, extra: &str) -> String {
        let keys = |a: Action| {
            keymap
                .keys_for(Context::Editor, a)
                .into_iter()
                .filter(|k| !(self.multiline && k.code == KeyCode::Enter && k.mods.is_empty()))
                .map(|k| k.short())
                .collect::<Vec<_>>()
        };
        let mut done = keys(Action::Submit);
        done.extend(keys(Action::Cancel));
        let mut parts = Vec::new();
        if self.multiline && !self.enter_submits {
            parts.push("Enter:改行".to_owned());
        }
        if !done.is_empty() {
            parts.push(format!("{}:確定", done.join("/")));
        }
        if !extra.is_empty() {
            parts.push(extra.to_owned());
        }
        parts.push("C-z:元に戻す".to_owned());
        parts.join(" ")
    }
}

/// Puts the terminal cursor where `area` shows its cursor inside `inner`.
pub fn place_cursor(frame: &mut Frame, area: &TextArea, inner: Rect) {
    let c = area.screen_cursor();
    let (top, left) = area.scroll_offset();
    let x = inner.x + (c.col as u16).saturating_sub(left);
    let y = inner.y + (c.row as u16).saturating_sub(top);
    if x < inner.right() && y < inner.bottom() {
        frame.set_cursor_position(Position { x, y });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(f: &mut Field, s: &str) {
        for c in s.chars() {
            assert_eq!(f.key(&ev(KeyCode::Char(c)), None), Step::Changed);
        }
    }

    #[test]
    fn enter_breaks_lines_only_in_a_multi_line_field() {
        let mut m = Field::multi("一行目");
        assert_eq!(
            m.key(&ev(KeyCode::Enter), Some(Action::Submit)),
            Step::Changed
        );
        typed(&mut m, "二行目");
        assert_eq!(m.text(), "一行目\n二行目");
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(m.key(&ctrl_s, Some(Action::Submit)), Step::Done);

        let mut s = Field::single("社名");
        assert_eq!(s.key(&ev(KeyCode::Enter), Some(Action::Submit)), Step::Done);
        assert_eq!(s.key(&ev(KeyCode::Enter), None), Step::Moved);
        assert_eq!(s.text(), "社名");
    }

    #[test]
    fn text_is_nfc_and_undo_works() {
        let mut f = Field::single("");
        // か + combining dakuten → が
        typed(&mut f, "か\u{3099}");
        assert_eq!(f.text(), "が");
        let undo = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(f.key(&undo, None), Step::Changed);
        assert_eq!(f.text(), "か");
        assert_eq!(f.key(&ev(KeyCode::Esc), Some(Action::Cancel)), Step::Done);
    }

    #[test]
    fn paste_keeps_lines_only_where_they_belong() {
        let mut s = Field::single("");
        s.paste("東京都\r\n大田区\n");
        assert_eq!(s.text(), "東京都 大田区");
        let mut m = Field::multi("");
        m.paste("a\r\nb\rc");
        assert_eq!(m.text(), "a\nb\nc");
        assert_eq!(Field::multi("x\ny").trimmed(), "x\ny");
        assert_eq!(
            Field::single(" x ").key(&ev(KeyCode::Tab), Some(Action::CycleKind)),
            Step::Other(Action::CycleKind)
        );
    }
}
