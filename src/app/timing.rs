//! The timer keys and the corrections of a session's record: each change is
//! tried on a copy of the session, and what `domain::live` says must be
//! asked (another session running, a finished session re-timed) is asked
//! with a second press before the change is kept.

use super::{App, Input, Pane, Purpose};
use crate::action::Action;
use crate::domain::correct;
use crate::domain::live;
use crate::domain::model::Session;
use crate::domain::timer::{self, Outcome, ReplanError};
use crate::domain::{agenda, window};

impl App {
    /// A key of `Action::keeps_time`.
    pub(super) fn timekeeping(&mut self, action: Action) {
        match action {
            Action::Skip | Action::ToggleFixed | Action::CorrectStart => self.correction(action),
            _ => self.timer(action),
        }
    }

    fn timer(&mut self, action: Action) {
        let now = self.now;
        let tabs = (self.key(&[], Action::Tab(1)), self.key(&[], Action::Tab(4)));
        let resume = self.key(&[], Action::TimerToggle);
        let again = self.key(&self.contexts(), action);
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let fallback = Some(w.selected(Pane::Agenda));
        let Some(idx) = w.session_index() else {
            self.message = Some(format!(
                "タイマーは各回の画面で使います（{}〜{} で切り替え）",
                tabs.0, tabs.1
            ));
            return;
        };
        // Recorded in the zone the session ran in (reopened elsewhere).
        let now = crate::domain::clock::in_zone_of(&w.client.sessions[idx], now);
        let finished = w.client.sessions[idx].completed_at.is_some();
        if finished && matches!(action, Action::Extend | Action::Shorten | Action::Replan) {
            self.message = Some("終了した回の予定は変えません（実施の記録として残します）".into());
            return;
        }
        let mut after = w.client.sessions[idx].clone();
        let s = &mut after;
        let out = match action {
            Action::TimerToggle => Ok(timer::toggle(s, now)),
            Action::NextItem => Ok(timer::next(s, now)),
            Action::PrevItem => Ok(timer::prev(s, now)),
            Action::Extend => Ok(timer::adjust(s, fallback, 5)),
            Action::Shorten => Ok(timer::adjust(s, fallback, -5)),
            _ => timer::replan(s, now),
        };
        // A session held without a date gets the day it started.
        if after.date.is_none() && after.agenda.iter().any(|i| i.started_at.is_some()) {
            after.date = Some(now.date_naive());
        }
        let changed = after != w.client.sessions[idx];
        let ask = live::ask(&w.client, idx, &after);
        if changed && ask.needed() {
            if !w.timer_confirm.twice(action, idx) {
                self.message = Some(ask_text(idx, ask, &again));
                return;
            }
            if let Some(j) = ask.pauses {
                let other = &mut w.client.sessions[j];
                let at = crate::domain::clock::in_zone_of(other, now);
                timer::pause(other, at);
            }
        }
        let msg = outcome_text(&after, &out, &resume);
        if let Some(i) = agenda::current(&after.agenda) {
            w.set_selected(Pane::Agenda, i);
        }
        if changed {
            w.client.sessions[idx] = after;
            w.dirty = true;
            w.warned = None;
        }
        self.message = Some(msg);
    }

    /// Skip, fixed and the actual start, on the selected agenda item.
    fn correction(&mut self, action: Action) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let i = w.selected(Pane::Agenda);
        if w.pane != Pane::Agenda {
            return;
        }
        let Some(s) = w.session_mut() else { return };
        let title =
            |s: &Session, i: usize| s.agenda.get(i).map(|x| x.title.clone()).unwrap_or_default();
        let msg = match action {
            Action::Skip => match correct::skip(s, i) {
                Outcome::Skipped(i) => format!("省略: {}", title(s, i)),
                Outcome::Unskipped(i) => format!("省略を取り消しました: {}", title(s, i)),
                Outcome::Nothing(why) => {
                    self.message = Some(why.into());
                    return;
                }
                _ => return,
            },
            Action::ToggleFixed => match correct::toggle_fixed(s, i) {
                Some(true) => format!("固定: {}（再計画で時間を変えません）", title(s, i)),
                Some(false) => format!("固定を解除: {}", title(s, i)),
                None => return,
            },
            _ => {
                let Some(t) = correct::correction_target(s, i) else {
                    self.message =
                        Some("進行中の議題がありません（開始してから訂正します）".into());
                    return;
                };
                let text = s.agenda[t]
                    .started_at
                    .map(|a| a.format("%H:%M").to_string())
                    .unwrap_or_default();
                let what = if s.completed_at.is_some() {
                    "終了した回の記録を訂正: "
                } else {
                    ""
                };
                let prompt = format!("{what}実際の開始時刻（例 13:42）: {}", title(s, t));
                self.input = Some(Input::new(Purpose::ActualStart(t), prompt, &text));
                return;
            }
        };
        w.dirty = true;
        self.message = Some(msg);
    }
}

/// What a timer key must ask before it acts, on one line that fits 80 columns.
fn ask_text(idx: usize, ask: live::Ask, again: &str) -> String {
    let no = idx + 1;
    let (why, what) = match (ask.reopens_finished, ask.pauses) {
        (true, Some(j)) => (
            format!("第{no}回は終了済み・第{}回が進行中。", j + 1),
            format!("第{}回を止めて再開", j + 1),
        ),
        (true, None) => (
            format!("第{no}回は終了済み（記録が変わります）。"),
            "再開".to_owned(),
        ),
        (false, Some(j)) => (
            format!("第{}回が進行中。", j + 1),
            format!("第{}回を一時停止して開始", j + 1),
        ),
        (false, None) => return String::new(),
    };
    format!("{why}{}", crate::editor::confirm::ask(again, &what))
}

/// The status message after a timer key.
fn outcome_text(s: &Session, out: &Result<Outcome, ReplanError>, resume: &str) -> String {
    let title = |i: usize| s.agenda.get(i).map(|x| x.title.clone()).unwrap_or_default();
    let fixed_end = s
        .end
        .or_else(|| window::default_end(s))
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    match out {
        Ok(Outcome::Started(i)) => format!("開始: {}", title(*i)),
        Ok(Outcome::Paused) => format!("一時停止中（{resume} で再開）"),
        Ok(Outcome::Resumed) => "再開しました".into(),
        Ok(Outcome::Moved(i)) => format!("次の議題: {}", title(*i)),
        Ok(Outcome::Finished) => "すべての議題が終了しました".into(),
        Ok(Outcome::Reopened(i)) => format!("戻りました（抜けた議題は時間を保持）: {}", title(*i)),
        Ok(Outcome::Retimed { item, minutes }) => format!("{}: 予定 {minutes}分", title(*item)),
        Ok(Outcome::Replanned(changed)) if changed.is_empty() => {
            format!("終了予定 {fixed_end} ちょうどに収まっています（変更なし）")
        }
        Ok(Outcome::Replanned(changed)) => format!(
            "{} 項目の時間を変えて終了予定 {fixed_end} に合わせました（固定の議題はそのまま）",
            changed.len()
        ),
        Ok(Outcome::Nothing(why)) => (*why).to_owned(),
        Ok(_) => String::new(),
        Err(ReplanError::Short(m)) => {
            format!("終了予定 {fixed_end} に収まりません: 固定以外を各5分にしても {m}分 超過します")
        }
        Err(ReplanError::Long(m)) => format!(
            "終了予定 {fixed_end} まで延ばせません: 各議題を最長600分にしても {m}分 余ります"
        ),
        Err(ReplanError::NothingLeft { over }) => {
            let off = if *over > 0 {
                format!("{over}分 超過")
            } else {
                format!("{}分 早く終わる見込み", -over)
            };
            format!("時間を変えられる残りの議題がありません（終了予定 {fixed_end} より {off}）")
        }
    }
}

impl App {
    /// The wall clock jumped by `step` beyond the real time that passed: the
    /// timers go on counting real time; the expert is told once.
    pub fn clock_stepped(&mut self, step: chrono::TimeDelta) {
        let m = step.num_minutes();
        let s = step.num_seconds();
        let by = if m != 0 {
            format!("{:+}分", m)
        } else {
            format!("{:+}秒", s)
        };
        self.message = Some(format!(
            "システムの時計が {by} 変わりました。経過時間は実際に過ぎた時間で数え続けます"
        ));
    }
}
