//! One writer, checked while a client is open (issue 12): a swapped folder,
//! a replaced lock or a hand edit of client.toml stops saving for good, said
//! on screen (see `Store::save_locked` and `Store::watch`).

use super::{App, SaveState, Workspace};
use crate::store::StoreError;

/// Saving stops: the status line says why; the message to show is returned.
pub(super) fn stop_saving(w: &mut Workspace, e: &StoreError) -> Option<String> {
    let (short, long) = e.stopped_message()?;
    w.save = SaveState::ReadOnly(short);
    Some(long)
}

impl App {
    /// Once a second, after any save: what the next save would refuse stops
    /// saving at once, before anything else is typed; a deleted lock file is
    /// put back.
    pub(super) fn watch_files(&mut self) {
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
