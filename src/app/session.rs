//! What the keys do on a session screen: the timer, the agenda, notes,
//! facts and the preparation checklist, and the export.

use super::{App, Fact, Input, Pane, Purpose};
use crate::action::Action;
use crate::domain::agenda::{self, SqueezeError};
use crate::domain::model::{FormKind, Mode};
use crate::domain::parse::attendees_text;
use crate::domain::timer::{self, Outcome};
use crate::keymap::Context;

impl App {
    pub(super) fn timer(&mut self, action: Action) {
        let now = self.now;
        let tabs = (self.key(&[], Action::Tab(1)), self.key(&[], Action::Tab(4)));
        let resume = self.key(&[], Action::TimerToggle);
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let fallback = Some(w.selected(Pane::Agenda));
        let Some(s) = w.session_mut() else {
            self.message = Some(format!(
                "タイマーは各回の画面で使います（{}〜{} で切り替え）",
                tabs.0, tabs.1
            ));
            return;
        };
        let out = match action {
            Action::TimerToggle => Ok(timer::toggle(s, now)),
            Action::NextItem => Ok(timer::next(s, now)),
            Action::PrevItem => Ok(timer::prev(s, now)),
            Action::Extend => Ok(timer::adjust(s, fallback, 5)),
            Action::Shorten => Ok(timer::adjust(s, fallback, -5)),
            _ => timer::replan(s, now),
        };
        let title = |i: usize| s.agenda.get(i).map(|x| x.title.clone()).unwrap_or_default();
        let msg = match &out {
            Ok(Outcome::Started(i)) => format!("開始: {}", title(*i)),
            Ok(Outcome::Paused) => format!("一時停止中（{resume} で再開）"),
            Ok(Outcome::Resumed) => "再開しました".into(),
            Ok(Outcome::Moved(i)) => format!("次の議題: {}", title(*i)),
            Ok(Outcome::Finished) => "すべての議題が終了しました".into(),
            Ok(Outcome::Reopened(i)) => format!("戻りました: {}", title(*i)),
            Ok(Outcome::Retimed { item, minutes }) => format!("{}: 予定 {minutes}分", title(*item)),
            Ok(Outcome::Replanned(changed)) if changed.is_empty() => {
                "予定どおり収まっています（変更なし）".into()
            }
            Ok(Outcome::Replanned(changed)) => format!(
                "残り {} 項目を圧縮して予定終了に合わせました",
                changed.len()
            ),
            Ok(Outcome::Nothing(why)) => (*why).to_owned(),
            Err(SqueezeError::NothingLeft) => "圧縮できる残りの議題がありません".into(),
            Err(SqueezeError::CannotFit { available, needed }) => {
                format!("予定終了に収まりません: 残り {available}分、各5分でも {needed}分必要です")
            }
        };
        let changed = matches!(out, Ok(ref o) if !matches!(o, Outcome::Nothing(_)));
        if let Some(i) = agenda::current(&s.agenda) {
            w.set_selected(Pane::Agenda, i);
        }
        if changed {
            w.dirty = true;
            w.warned = None;
        }
        self.message = Some(msg);
    }

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
            Pane::Facts => {
                let fact = Fact::ALL[w.selected(Pane::Facts).min(Fact::ALL.len() - 1)];
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
                    Fact::Place => ("場所", s.place.clone()),
                    Fact::Attendees => (
                        "出席者（氏名/役職 を、で区切る）",
                        attendees_text(&s.attendees),
                    ),
                    Fact::NextDate => (
                        "次回予定日（例 2026-12-08）",
                        s.next_date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    Fact::Mode => unreachable!("handled above"),
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
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let pane = w.pane;
        let target = match pane {
            Pane::Agenda => Some(w.selected(Pane::Agenda)),
            Pane::Notes => w.visible_notes().get(w.selected(Pane::Notes)).copied(),
            _ => None,
        };
        let Some(i) = target else { return };
        if !w.confirm.twice(Action::Delete, (pane, i)) {
            self.message = Some(crate::editor::confirm::ask(&delete_key, "削除します"));
            return;
        }
        let Some(s) = w.session_mut() else { return };
        match pane {
            Pane::Agenda if i < s.agenda.len() => {
                let removed = s.agenda.remove(i);
                if removed.started_at.is_some() && removed.ended_at.is_none() {
                    s.paused_at = None;
                }
                self.message = Some(format!("削除しました: {}", removed.title));
            }
            Pane::Notes if i < s.notes.len() => {
                s.notes.remove(i);
                self.message = Some("メモを削除しました".into());
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

    pub(super) fn export(&mut self) {
        let Some(w) = self.workspace() else { return };
        match crate::export::export_all(&self.store, &self.catalog, &w.client, None, self.now) {
            Ok(written) => {
                let mut lines = vec![format!("出力しました: {}", written.folder.display())];
                lines.extend(
                    written
                        .files
                        .iter()
                        .filter_map(|f| f.file_name())
                        .map(|f| format!("  {}", f.to_string_lossy())),
                );
                self.message = Some(lines.join("\n"));
            }
            Err(e) => self.message = Some(format!("出力できません: {e}")),
        }
    }
}
