//! A client open read-only (another window holds it) follows its file: what
//! the writing window saves shows here within a second, with the tab, the
//! pane and the selections kept (see `store::watch`). Nothing is locked or
//! written; a file that does not parse keeps the last good client on screen
//! and says so once.

use super::{App, Pane, Screen, Workspace};
use crate::store::watch::{Follow, Waker, Watch};

/// The file followed and what wakes the event loop when it changes.
pub struct Following {
    follow: Follow,
    /// File events (or the poll) on the client's folder, when the loop gave
    /// a waker; without one the once-a-second tick still looks.
    watch: Option<Watch>,
}

impl App {
    /// Called when a change of the file should wake the event loop (the
    /// terminal loop sets it); a client already followed is watched at once.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
        let waker = self.waker.clone();
        if let Some(f) = self.workspace_mut().and_then(|w| w.following.as_mut()) {
            f.watch = waker.map(|wk| Watch::start(f.follow.dir(), wk));
        }
    }

    /// Starts following the file of a client opened read-only without a
    /// lock (held elsewhere, or a disk that cannot be written), from the
    /// read that opened it.
    pub(super) fn start_follow(&mut self, follow: Follow) {
        let waker = self.waker.clone();
        if let Some(w) = self.workspace_mut() {
            let watch = waker.map(|wk| Watch::start(follow.dir(), wk));
            w.following = Some(Following { follow, watch });
        }
    }

    /// Reads a followed file again when it changed; true when the client
    /// shown was replaced.
    pub fn follow_file(&mut self) -> bool {
        let store = self.store.clone();
        let Screen::Client(w) = &mut self.screen else {
            return false;
        };
        let Some(f) = w.following.as_mut() else {
            return false;
        };
        let before = f.follow.problem.clone();
        let Some(mut client) = f.follow.check(&store) else {
            if f.follow.problem != before
                && let Some(p) = &f.follow.problem
            {
                self.message = Some(p.clone());
            }
            return false;
        };
        crate::content::fill::defaults(&mut client, &self.catalog);
        if client == w.client {
            return false;
        }
        let forms_changed = !same_forms(&w.client, &client);
        w.client = client;
        keep_places(w);
        // A form's editor holds places in it (a respondent, a row): when the
        // forms changed it opens again on the new data. (The other editors,
        // a session's report text, hold no place in the data.)
        if forms_changed && let Some(form) = w.editor.as_ref().and_then(|e| e.form()) {
            w.editor = crate::editor::open(form, &w.client, &self.catalog);
        }
        true
    }
}

/// The forms (everything but the sessions) are the same in both.
fn same_forms(a: &crate::domain::model::Client, b: &crate::domain::model::Client) -> bool {
    let mut a = a.clone();
    a.sessions = b.sessions.clone();
    a == *b
}

/// The tab and pane stay; a selection past the new end of its list moves to
/// the last row (the form pane's place is its scroll, kept).
fn keep_places(w: &mut Workspace) {
    for pane in Pane::ORDER {
        if pane == Pane::Form {
            continue;
        }
        let last = w.rows(pane).saturating_sub(1);
        let sel = w.selected(pane).min(last);
        w.set_selected(pane, sel);
    }
}
