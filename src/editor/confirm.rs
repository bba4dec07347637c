//! A change that waits for a second press of the same key on the same
//! target (削除、ひな形に戻す): the one "press twice to confirm" used by the
//! session screen and every editor.

use crate::action::Action;

/// What is waiting for its second press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirm<T> {
    armed: Option<(Action, T)>,
}

impl<T> Default for Confirm<T> {
    fn default() -> Self {
        Confirm { armed: None }
    }
}

impl<T: Copy + PartialEq> Confirm<T> {
    /// Any other key takes the question back: call with every action first.
    pub fn seen(&mut self, action: Option<Action>) {
        if self.armed.is_some_and(|(a, _)| Some(a) != action) {
            self.armed = None;
        }
    }

    /// True on the second press of `action` for `target`; the first press
    /// (or one for another target) arms it and is false.
    pub fn twice(&mut self, action: Action, target: T) -> bool {
        if self.armed == Some((action, target)) {
            self.armed = None;
            true
        } else {
            self.armed = Some((action, target));
            false
        }
    }

    /// Whether a question is waiting.
    pub fn armed(&self) -> bool {
        self.armed.is_some()
    }

    /// Takes the question back.
    pub fn clear(&mut self) {
        self.armed = None;
    }
}

/// What the first press says: `もう一度 d で{what}（他のキーで取り消し）`.
pub fn ask(key: &str, what: &str) -> String {
    format!("もう一度 {key} で{what}（他のキーで取り消し）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_press_on_the_same_target_confirms() {
        let mut c = Confirm::default();
        assert!(!c.twice(Action::Delete, 3));
        assert!(c.armed());
        assert!(!c.twice(Action::Delete, 4), "another target asks again");
        assert!(c.twice(Action::Delete, 4));
        assert!(!c.armed());
    }

    #[test]
    fn another_key_takes_the_question_back() {
        let mut c = Confirm::default();
        assert!(!c.twice(Action::Delete, 1));
        c.seen(Some(Action::Down));
        assert!(!c.armed());
        assert!(!c.twice(Action::Delete, 1), "asks again");
        c.seen(Some(Action::Delete));
        assert!(c.twice(Action::Delete, 1));
    }
}
