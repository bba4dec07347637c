//! One writer, checked while a client is open (issue 12): a swapped folder,
//! a replaced lock or a hand edit of client.toml stops saving for good, said
//! on screen (see `Store::save_locked` and `Store::watch`).

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, READ_ONLY_REFUSED, SaveState, Workspace};
use crate::action::Action;
use crate::store::{Store, StoreError};

/// Saves the workspace's client through its lock (the checks and the kept
/// copy of `Store::save_locked`); without a lock (tests' oracles) unchecked.
pub(super) fn save(store: &Store, w: &mut Workspace) -> Result<(), StoreError> {
    match w.lock.as_mut() {
        Some(lock) => store.save_locked(&w.client, lock),
        None => store.save(&w.client),
    }
}

/// The status of a client shown read-only because it cannot be locked
/// (a full disk, a read-only file system): the reason in a few words; the
/// whole of it (with the path) goes in the message.
pub(super) fn read_only(e: &StoreError) -> SaveState {
    SaveState::ReadOnly(format!("読み取り専用: {}", e.short_reason()))
}

/// A typed control, bidi or zero-width character is never text (see
/// `domain::clean`).
pub(super) fn never_typed(ev: &KeyEvent) -> bool {
    matches!(ev.code, KeyCode::Char(c) if crate::domain::clean::is_unsafe(c))
}

/// Saving stops: the status line says why; the message to show is returned.
pub(super) fn stop_saving(w: &mut Workspace, e: &StoreError) -> Option<String> {
    let (short, long) = e.stopped_message()?;
    w.save = SaveState::ReadOnly(short);
    Some(long)
}

impl App {
    /// After the screens closed with changes that could not be saved: the
    /// notes missing from the file, to print on the terminal so that the
    /// expert can copy them (nothing else keeps them once the process ends).
    /// None when everything is saved.
    pub fn unsaved_report(&self) -> Option<String> {
        let w = self.workspace()?;
        if !w.dirty || w.read_only() {
            return None;
        }
        let reason = match &w.save {
            SaveState::Failed(e) => e.clone(),
            _ => "保存できませんでした".into(),
        };
        let disk = self.store.load(&w.client.id).ok().map(|l| l.client);
        let mut lines = vec![format!(
            "保存できないまま終了しました（{reason}）。{} の変更は保存されていません。",
            w.client.id
        )];
        for (i, s) in w.client.sessions.iter().enumerate() {
            let saved = disk.as_ref().map(|c| &c.sessions[i].notes);
            for n in &s.notes {
                if saved.is_some_and(|d| d.iter().any(|m| m.at == n.at && m.text == n.text)) {
                    continue;
                }
                lines.push(format!(
                    "第{}回 {} [{}] {}",
                    i + 1,
                    n.at.format("%H:%M"),
                    n.kind.label(),
                    crate::domain::clean::input(&n.text)
                ));
            }
        }
        if lines.len() > 1 {
            lines.insert(1, "保存されていないメモ:".into());
        }
        Some(lines.join("\n"))
    }

    /// On a read-only client, refuses an action that would change it (see
    /// `Action::mutates`) and says so; true when refused.
    pub(super) fn refuse_on_read_only(&mut self, action: Action) -> bool {
        if !self.workspace().is_some_and(|w| w.read_only()) || !action.mutates() {
            return false;
        }
        self.message = Some(READ_ONLY_REFUSED.into());
        true
    }

    /// What opening put right (modes tightened, leftovers of an interrupted
    /// save removed), added to the message shown.
    pub(super) fn add_notices(&mut self, notices: &[String]) {
        if notices.is_empty() {
            return;
        }
        let mut lines: Vec<String> = self.message.take().into_iter().collect();
        lines.extend(notices.iter().cloned());
        self.message = Some(lines.join("\n"));
    }

    /// Once a second, after any save: what the next save would refuse stops
    /// saving at once, before anything else is typed; a deleted lock file is
    /// put back. A client followed read-only is read again when its file
    /// changed.
    pub(super) fn watch_files(&mut self) {
        self.follow_file();
        let store = self.store.clone();
        let Some(w) = self.workspace_mut() else {
            return;
        };
        // Unsaved changes: the next save checks the same and keeps a copy.
        if w.dirty || matches!(w.save, SaveState::ReadOnly(_)) {
            return;
        }
        let Some(lock) = w.lock.as_mut() else {
            return;
        };
        if let Err(e) = store.watch(&w.client.id, lock)
            && let Some(message) = stop_saving(w, &e)
        {
            self.message = Some(message);
        }
    }
}
