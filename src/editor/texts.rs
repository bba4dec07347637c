//! A few labelled text fields edited one at a time (the expert's details,
//! the report texts): the selection moves between them, Enter opens the
//! selected one, its text goes back to the caller as it is typed, and Esc
//! (like Enter, or C-s in a multi-line field) leaves it with the text kept.

use crossterm::event::KeyEvent;

use super::Press;
use crate::action::Action;
use crate::widgets::{Field, Step};

/// What a key or a paste did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Not a key of the list: the app may use it (Esc closes the editor).
    Ignored,
    /// Used, nothing to store.
    Consumed,
    /// Field `index` now holds `text`; `done` when the field was left.
    Text {
        index: usize,
        text: String,
        done: bool,
    },
}

/// The selection and the field being typed in.
#[derive(Default)]
pub struct Texts {
    sel: usize,
    typing: Option<(usize, Field)>,
}

impl Texts {
    /// The selected field (below `n`).
    pub fn selected(&self, n: usize) -> usize {
        self.sel.min(n.saturating_sub(1))
    }

    pub fn typing(&self) -> bool {
        self.typing.is_some()
    }

    /// The field being typed in, with its index.
    pub fn editing(&self) -> Option<(usize, &Field)> {
        self.typing.as_ref().map(|(i, f)| (*i, f))
    }

    /// One key. `values` are the fields' texts now, with whether each is
    /// multi-line.
    pub fn key(&mut self, Press { ev, action }: Press, values: &[(String, bool)]) -> Edit {
        if self.typing.is_some() {
            return self.type_key(ev, action);
        }
        let n = values.len();
        match action {
            Some(Action::Up | Action::PrevPane | Action::Left) => {
                self.sel = self.selected(n).saturating_sub(1);
                Edit::Consumed
            }
            Some(Action::Down | Action::NextPane | Action::Right) => {
                self.sel = (self.selected(n) + 1).min(n.saturating_sub(1));
                Edit::Consumed
            }
            Some(Action::Edit | Action::Toggle) if n > 0 => {
                let i = self.selected(n);
                let (text, multi) = &values[i];
                let field = if *multi {
                    Field::multi(text)
                } else {
                    Field::single(text)
                };
                self.typing = Some((i, field));
                Edit::Consumed
            }
            _ => Edit::Ignored,
        }
    }

    fn type_key(&mut self, ev: &KeyEvent, action: Option<Action>) -> Edit {
        let Some((index, field)) = &mut self.typing else {
            return Edit::Ignored;
        };
        let index = *index;
        match field.key(ev, action) {
            Step::Changed => Edit::Text {
                index,
                text: field.trimmed(),
                done: false,
            },
            Step::Moved | Step::Other(_) => Edit::Consumed,
            Step::Done => {
                let text = field.trimmed();
                self.typing = None;
                Edit::Text {
                    index,
                    text,
                    done: true,
                }
            }
        }
    }

    /// Pasted text while typing (a multi-line field keeps the line breaks).
    pub fn paste(&mut self, text: &str) -> Edit {
        let Some((index, field)) = &mut self.typing else {
            return Edit::Ignored;
        };
        if field.paste(text) == Step::Changed {
            Edit::Text {
                index: *index,
                text: field.trimmed(),
                done: false,
            }
        } else {
            Edit::Consumed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn press(texts: &mut Texts, code: KeyCode, action: Option<Action>) -> Edit {
        let ev = KeyEvent::new(code, KeyModifiers::NONE);
        let values = vec![("一".to_owned(), false), ("二\n行".to_owned(), true)];
        texts.key(Press { ev: &ev, action }, &values)
    }

    #[test]
    fn enter_opens_typing_reports_the_text_and_esc_keeps_it() {
        let mut t = Texts::default();
        assert_eq!(
            press(&mut t, KeyCode::Down, Some(Action::Down)),
            Edit::Consumed
        );
        assert_eq!(
            press(&mut t, KeyCode::Down, Some(Action::Down)),
            Edit::Consumed
        );
        assert_eq!(t.selected(2), 1, "stays on the last field");
        press(&mut t, KeyCode::Enter, Some(Action::Edit));
        assert!(t.typing());
        // Enter in a multi-line field is a line break, not the end.
        let e = press(&mut t, KeyCode::Enter, Some(Action::Submit));
        assert!(
            matches!(
                e,
                Edit::Text {
                    index: 1,
                    done: false,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = press(&mut t, KeyCode::Char('ｶ'), None);
        assert_eq!(
            e,
            Edit::Text {
                index: 1,
                text: "二\n行\nｶ".into(),
                done: false
            }
        );
        let e = press(&mut t, KeyCode::Esc, Some(Action::Cancel));
        assert_eq!(
            e,
            Edit::Text {
                index: 1,
                text: "二\n行\nｶ".into(),
                done: true
            }
        );
        assert!(!t.typing());
        assert_eq!(
            press(&mut t, KeyCode::Esc, Some(Action::Cancel)),
            Edit::Ignored
        );
    }

    #[test]
    fn a_paste_is_text_only_while_typing() {
        let mut t = Texts::default();
        assert_eq!(t.paste("x"), Edit::Ignored);
        press(&mut t, KeyCode::Enter, Some(Action::Edit));
        let e = t.paste("が\nき");
        assert_eq!(
            e,
            Edit::Text {
                index: 0,
                text: "一が き".into(),
                done: false
            },
            "a one-line field joins the lines"
        );
    }
}
