//! The editors open over a tab: running keys through them and applying what
//! they did, and opening them (the forms, the report texts, the expert's own
//! details).

use super::{App, Screen};
use crate::action::Action;
use crate::domain::model::{Client, FormKind};
use crate::editor::{self, Ctx, Editor};

impl App {
    /// Runs `f` on the open editor with the client and the context, then
    /// applies its outcome (save, close, message).
    pub(super) fn with_editor(
        &mut self,
        f: impl FnOnce(&mut dyn Editor, &mut Client, &Ctx) -> editor::Outcome,
    ) -> editor::Outcome {
        let Screen::Client(w) = &mut self.screen else {
            return editor::Outcome::ignored();
        };
        let Some(mut ed) = w.editor.take() else {
            return editor::Outcome::ignored();
        };
        let ctx = Ctx {
            catalog: &self.catalog,
            keymap: &self.keymap,
            now: self.now,
            theme: self.theme,
            store: &self.store,
        };
        let out = f(ed.editor.as_mut(), &mut w.client, &ctx);
        if out.changed {
            w.dirty = true;
        }
        if out.close {
            w.close_editor();
        } else {
            w.editor = Some(ed);
        }
        if let Some(m) = &out.message {
            self.message = Some(m.clone());
        }
        if let Some(e) = &out.expert {
            self.settings.expert = e.clone();
        }
        self.persist();
        out
    }

    /// Opens the editor of `form`; false when it has none.
    pub(super) fn open_editor(&mut self, form: FormKind) -> bool {
        let Screen::Client(w) = &mut self.screen else {
            return false;
        };
        if crate::content::fill::defaults(&mut w.client, &self.catalog) && !w.read_only() {
            w.dirty = true;
        }
        match editor::open(form, &w.client, &self.catalog) {
            Some(e) => {
                w.editor = Some(e);
                true
            }
            None => false,
        }
    }

    /// Opens the report texts of the session shown (所感・報告事項; on
    /// session 4 also the final report's evaluation).
    pub(super) fn open_report(&mut self) {
        if self.presenting() {
            return;
        }
        let Screen::Client(w) = &mut self.screen else {
            return;
        };
        match w.session_index() {
            Some(i) => w.editor = Some(editor::Open::report(i)),
            None => {
                self.message = Some(format!(
                    "所感・報告事項は各回の画面で書きます（{}〜{} で切り替え。最終報告書の評価は第4回）",
                    self.key(&[], Action::Tab(1)),
                    self.key(&[], Action::Tab(4))
                ))
            }
        }
    }

    /// On the shared screen (the large-digit view) no text editor opens:
    /// what is typed would be hidden from the expert or shown to the room.
    /// Says so and is true then.
    fn presenting(&mut self) -> bool {
        if !self.workspace().is_some_and(|w| w.presentation) {
            return false;
        }
        self.message = Some(format!(
            "大表示中は開きません（{} で大表示を閉じてから）",
            self.key(&[], Action::Presentation)
        ));
        true
    }

    /// Opens the expert's own details (config.toml `[expert]`).
    pub(super) fn open_expert(&mut self) {
        if self.presenting() {
            return;
        }
        let dir = self.config_dir.clone();
        let current = self.settings.expert.clone();
        if let Screen::Client(w) = &mut self.screen {
            w.editor = Some(editor::Open::expert(&current, dir));
        }
    }
}
