//! What the keys do on a session screen: the timer, the agenda, notes,
//! facts and the preparation checklist, and the export.

use super::{App, Fact, Input, Pane, Purpose};
use crate::action::Action;
use crate::domain::model::{FormKind, Mode};
use crate::domain::parse::attendees_text;
use crate::keymap::Context;

impl App {
    pub(super) fn toggle(&mut self) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        if w.tab == 0 {
            self.open_editor(FormKind::Profile);
            return;
        }
        match w.pane {
            Pane::Form => {
                let form = w.shown_form();
                if !self.open_editor(form) {
                    self.message = Some(format!("{}は閲覧のみです", form.label()));
                }
            }
            Pane::Prep => {
                let i = w.selected(Pane::Prep);
                if let Some(item) = w.session_mut().and_then(|s| s.prep.get_mut(i)) {
                    item.done = !item.done;
                    w.dirty = true;
                }
            }
            Pane::Facts | Pane::Notes => self.edit(),
            _ => {}
        }
    }

    pub(super) fn edit(&mut self) {
        if self
            .workspace()
            .is_some_and(|w| w.tab == 0 || w.pane == Pane::Form)
        {
            return self.toggle();
        }
        let Some(w) = self.workspace() else { return };
        let Some(s) = w.session() else { return };
        let input = match w.pane {
            Pane::Agenda => s.agenda.get(w.selected(Pane::Agenda)).map(|it| {
                Input::new(
                    Purpose::AgendaTitle(w.selected(Pane::Agenda)),
                    "議題名",
                    &it.title,
                )
            }),
            Pane::Notes => w.visible_notes().get(w.selected(Pane::Notes)).map(|&i| {
                let mut input = Input::new(Purpose::EditNote(i), "メモを編集", &s.notes[i].text);
                input.kind = s.notes[i].kind;
                input
            }),
            Pane::Prep => self.prep_input(),
            Pane::Facts => {
                let fact = Fact::ALL[w.selected(Pane::Facts).min(Fact::ALL.len() - 1)];
                if fact == Fact::Report {
                    return self.open_report();
                }
                if fact == Fact::Mode {
                    let next = match s.mode {
                        None | Some(Mode::Online) => Mode::Visit,
                        Some(Mode::Visit) => Mode::Online,
                    };
                    if let Some(s) = self.workspace_mut().and_then(|w| w.session_mut()) {
                        s.mode = Some(next);
                    }
                    if let Some(w) = self.workspace_mut() {
                        w.dirty = true;
                    }
                    self.persist();
                    return;
                }
                let (prompt, text) = match fact {
                    Fact::Date => (
                        "実施日（例 2026-12-01）",
                        s.date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    Fact::Start => (
                        "開始時刻（例 13:30）",
                        s.start
                            .map(|t| t.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Fact::End => (
                        "終了予定（例 16:30。空なら計画の終わり）",
                        s.end
                            .map(|t| t.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Fact::Place => ("場所", s.place.clone()),
                    Fact::Attendees => (
                        "出席者（氏名/役職 を、で区切る）",
                        attendees_text(&s.attendees),
                    ),
                    Fact::NextDate => (
                        "次回予定日（例 2026-12-08）",
                        s.next_date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    Fact::Mode | Fact::Report => unreachable!("handled above"),
                };
                Some(Input::new(Purpose::Fact(fact), prompt, &text))
            }
            _ => None,
        };
        if input.is_some() {
            self.input = input;
        }
    }

    pub(super) fn delete(&mut self) {
        let delete_key = self.key(&[Context::List], Action::Delete);
        let undo_key = self.key(&[Context::List], Action::Undo);
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let pane = w.pane;
        let target = match pane {
            Pane::Agenda => Some(w.selected(Pane::Agenda)),
            Pane::Notes => w.selected_note(),
            Pane::Prep => Some(w.selected(Pane::Prep)),
            _ => None,
        };
        let Some(i) = target else { return };
        if !w.confirm.twice(Action::Delete, (pane, i)) {
            self.message = Some(crate::editor::confirm::ask(&delete_key, "削除します"));
            return;
        }
        let Some(session) = w.session_index() else {
            return;
        };
        let s = &mut w.client.sessions[session];
        let undo = format!("（{undo_key} で元に戻す）");
        match pane {
            Pane::Agenda if i < s.agenda.len() => {
                let removed = s.agenda.remove(i);
                if removed.started_at.is_some() && removed.ended_at.is_none() {
                    s.paused_at = None;
                }
                self.message = Some(format!("削除しました: {}", removed.title));
            }
            Pane::Notes | Pane::Prep => {
                let Some((d, what)) = super::notes::remove(s, session, pane == Pane::Notes, i)
                else {
                    return;
                };
                w.deleted(d);
                self.message = Some(format!("{what}を削除しました{undo}"));
            }
            _ => return,
        }
        if let Some(w) = self.workspace_mut() {
            w.dirty = true;
            let rows = w.rows(pane);
            let sel = w.selected(pane).min(rows.saturating_sub(1));
            w.set_selected(pane, sel);
        }
    }
}
