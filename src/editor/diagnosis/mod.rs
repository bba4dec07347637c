//! Self-diagnosis walkthrough (自社診断): respondents, fast answer entry (one
//! key per answer, on to the next question by itself), the per-item drill-down
//! (checkpoints, everyone's answer side by side, notes, focus flag with
//! 緊急度/重要度/難易度), the summary with a bar chart per part, and promotion
//! of a focus item to an action-plan row.
//!
//! Four views, switched with the [global] next/previous pane keys (Tab):
//! 回答者 → 回答入力 → 設問別 → 集計.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

mod intake;
mod summary;
mod view;

use super::confirm::{Confirm, ask};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::domain::diagnosis::{GAP_THRESHOLD, dont_know, gaps, score};
use crate::domain::model::{Answer, Client, DIAGNOSIS_ITEMS, Difficulty, Level, Respondent, Role};
use crate::domain::promote::{plan_row, promoted, prune, review, review_mut};
use crate::keymap::Context;
use crate::widgets::{Field, Step};
use view::draw_tabs;

/// The views of the walkthrough, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Respondents,
    Entry,
    Item,
    Summary,
}

impl View {
    const ALL: [View; 4] = [View::Respondents, View::Entry, View::Item, View::Summary];

    fn label(self) -> &'static str {
        match self {
            View::Respondents => "回答者",
            View::Entry => "回答入力",
            View::Item => "設問別",
            View::Summary => "集計",
        }
    }
}

/// What a text field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A respondent's name.
    Name(usize),
    /// The drill-down notes of an item (number 1–25).
    Notes(u8),
}

struct Editing {
    target: Target,
    field: Field,
    /// Name kept when the field is left blank.
    fallback: String,
}

/// A line of the summary's list of items to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Gap,
    DontKnow,
    Focus,
}

impl Flag {
    fn title(self) -> String {
        match self {
            Flag::Gap => format!("回答が{GAP_THRESHOLD}点以上分かれた設問"),
            Flag::DontKnow => "「わからない」の設問（要確認）".into(),
            Flag::Focus => "重点改善領域".into(),
        }
    }
}

/// The summary's list: gaps, わからない items, focus items (item numbers).
fn flagged(client: &Client) -> Vec<(Flag, u8)> {
    let rs = &client.diagnosis.respondents;
    let mut out: Vec<(Flag, u8)> = gaps(rs, GAP_THRESHOLD)
        .into_iter()
        .map(|g| (Flag::Gap, g.no))
        .collect();
    out.extend(
        dont_know(rs)
            .into_iter()
            .map(|(no, _)| (Flag::DontKnow, no)),
    );
    out.extend(
        client
            .diagnosis
            .items
            .iter()
            .filter(|r| r.focus)
            .map(|r| (Flag::Focus, r.no)),
    );
    out
}

fn answer_index(no: u8) -> usize {
    usize::from(no.clamp(1, DIAGNOSIS_ITEMS as u8)) - 1
}

fn next_level(l: Option<Level>) -> Option<Level> {
    match l {
        None => Some(Level::High),
        Some(Level::High) => Some(Level::Mid),
        Some(Level::Mid) => Some(Level::Low),
        Some(Level::Low) => None,
    }
}

fn next_difficulty(d: Option<Difficulty>) -> Option<Difficulty> {
    match d {
        None => Some(Difficulty::Easy),
        Some(Difficulty::Easy) => Some(Difficulty::Mid),
        Some(Difficulty::Mid) => Some(Difficulty::Hard),
        Some(Difficulty::Hard) => None,
    }
}

/// The first unanswered question of a respondent (0-based), or 0.
fn first_open(r: &Respondent) -> usize {
    r.answers
        .iter()
        .position(|a| *a == Answer::Unanswered)
        .unwrap_or(0)
}

pub struct DiagnosisEditor {
    view: View,
    /// Selected respondent (respondents view, entry, per-item rows).
    resp: usize,
    /// Current question, 0-based; in the entry view 25 means "all answered".
    item: usize,
    /// Selected line of the summary's list.
    flag: usize,
    editing: Option<Editing>,
    /// Respondent waiting for the second delete key.
    confirm: Confirm<usize>,
    /// After naming a new respondent, go on to answer entry.
    then_entry: bool,
    /// The path input of `import_answers`, while open.
    import: Option<intake::ImportPanel>,
}

impl DiagnosisEditor {
    /// Opens on the summary when there are answers, else on the respondents.
    pub fn new(client: &Client) -> DiagnosisEditor {
        let view = if client.diagnosis.respondents.is_empty() {
            View::Respondents
        } else {
            View::Summary
        };
        DiagnosisEditor {
            view,
            resp: 0,
            item: 0,
            flag: 0,
            editing: None,
            confirm: Confirm::default(),
            then_entry: false,
            import: None,
        }
    }

    fn switch(&mut self, view: View) {
        self.view = view;
        if view != View::Entry {
            self.item = self.item.min(DIAGNOSIS_ITEMS - 1);
        }
    }

    fn add_respondent(&mut self, client: &mut Client, ctx: &Ctx) -> Outcome {
        let rs = &mut client.diagnosis.respondents;
        let n = rs.len();
        let role = match n {
            0 => Role::Owner,
            1 => Role::Manager,
            _ => Role::Employee,
        };
        let name = format!("回答者{}", n + 1);
        rs.push(Respondent {
            name: name.clone(),
            role,
            ..Respondent::default()
        });
        self.resp = n;
        self.view = View::Respondents;
        self.then_entry = true;
        self.editing = Some(Editing {
            target: Target::Name(n),
            field: Field::single(""),
            fallback: name,
        });
        Outcome {
            message: Some(format!(
                "回答者を追加しました（{}）。名前を入力して {}",
                role.label(),
                ctx.key_in(&[Context::Editor], Action::Submit)
            )),
            ..Outcome::changed()
        }
    }

    fn rename(&mut self, client: &Client) -> Outcome {
        let Some(r) = client.diagnosis.respondents.get(self.resp) else {
            return Outcome::consumed();
        };
        self.then_entry = false;
        self.editing = Some(Editing {
            target: Target::Name(self.resp),
            field: Field::single(&r.name),
            fallback: r.name.clone(),
        });
        Outcome::consumed()
    }

    fn edit_notes(&mut self, client: &Client) -> Outcome {
        let no = self.item as u8 + 1;
        let notes = review(&client.diagnosis, no)
            .map(|r| r.notes.clone())
            .unwrap_or_default();
        self.editing = Some(Editing {
            target: Target::Notes(no),
            field: Field::multi(&notes),
            fallback: String::new(),
        });
        Outcome::consumed()
    }

    fn cycle_role(&mut self, client: &mut Client) -> Outcome {
        let Some(r) = client.diagnosis.respondents.get_mut(self.resp) else {
            return Outcome::consumed();
        };
        let i = Role::ALL.iter().position(|x| *x == r.role).unwrap_or(0);
        r.role = Role::ALL[(i + 1) % Role::ALL.len()];
        Outcome::changed()
    }

    fn delete(&mut self, client: &mut Client, ctx: &Ctx) -> Outcome {
        let rs = &mut client.diagnosis.respondents;
        if self.resp >= rs.len() {
            return Outcome::consumed();
        }
        if !self.confirm.twice(Action::Delete, self.resp) {
            let key = ctx.key_in(&[Context::Diagnosis, Context::Form], Action::Delete);
            let what = format!("「{}」の回答を削除します", rs[self.resp].name);
            return Outcome {
                message: Some(ask(&key, &what)),
                ..Outcome::consumed()
            };
        }
        let r = rs.remove(self.resp);
        self.resp = self.resp.min(rs.len().saturating_sub(1));
        Outcome {
            message: Some(format!("回答者を削除しました: {}", r.name)),
            ..Outcome::changed()
        }
    }

    /// Records an answer of the selected respondent for the current question.
    fn answer(&mut self, client: &mut Client, ctx: &Ctx, k: u8, advance: bool) -> Outcome {
        let cat = ctx.catalog;
        let Some(&choice) = Answer::CHOICES.get(usize::from(k)) else {
            return Outcome::consumed();
        };
        let Some(r) = client.diagnosis.respondents.get_mut(self.resp) else {
            return Outcome {
                message: Some(format!(
                    "先に回答者を追加してください（{}）",
                    ctx.key_in(&[Context::Diagnosis, Context::Form], Action::Add)
                )),
                ..Outcome::consumed()
            };
        };
        if self.item >= DIAGNOSIS_ITEMS {
            return Outcome {
                message: Some(format!(
                    "全25問に回答済みです（{} で戻って修正）",
                    ctx.key_in(&[Context::Diagnosis], Action::PrevQuestion)
                )),
                ..Outcome::consumed()
            };
        }
        r.answers[self.item] = choice;
        let mut out = Outcome::changed();
        if advance {
            self.item += 1;
            if self.item == DIAGNOSIS_ITEMS {
                let s = score(&r.answers);
                let left = DIAGNOSIS_ITEMS - s.answered;
                out.message = Some(if left == 0 {
                    format!(
                        "{}: 25問の回答が終わりました。合計 {}点（{}）",
                        r.name,
                        s.total,
                        cat.diagnosis.band(s.band()).label.as_str()
                    )
                } else {
                    format!(
                        "{}: 最後の設問まで来ました。未回答が {left}問あります",
                        r.name
                    )
                });
            }
        }
        out
    }

    /// The item the rating keys act on: the current one, or the summary's selection.
    fn target_item(&self, client: &Client) -> Option<u8> {
        match self.view {
            View::Summary => flagged(client).get(self.flag).map(|(_, no)| *no),
            _ => Some(self.item.min(DIAGNOSIS_ITEMS - 1) as u8 + 1),
        }
    }

    fn rate(&mut self, client: &mut Client, action: Action) -> Outcome {
        let Some(no) = self.target_item(client) else {
            return Outcome::consumed();
        };
        let r = review_mut(&mut client.diagnosis, no);
        let was_focus = r.focus;
        match action {
            Action::Focus => r.focus = !r.focus,
            Action::CycleUrgency => {
                r.ratings.urgency = next_level(r.ratings.urgency);
                r.focus = true;
            }
            Action::CycleImportance => {
                r.ratings.importance = next_level(r.ratings.importance);
                r.focus = true;
            }
            Action::CycleDifficulty => {
                r.ratings.difficulty = next_difficulty(r.ratings.difficulty);
                r.focus = true;
            }
            _ => {}
        }
        if r.focus {
            crate::domain::step::item_ratings_changed(client, no);
        }
        let r = review_mut(&mut client.diagnosis, no);
        let message = match (was_focus, r.focus) {
            (false, true) => Some(format!("Q{no} を重点改善領域に指定しました")),
            (true, false) => Some(format!("Q{no} の重点改善領域の指定を外しました")),
            _ => None,
        };
        prune(&mut client.diagnosis);
        // Keep the summary's selection on the same item when the list changes.
        if self.view == View::Summary
            && let Some(i) = flagged(client)
                .iter()
                .position(|(f, n)| *n == no && (*f == Flag::Focus || action != Action::Focus))
        {
            self.flag = i;
        }
        Outcome {
            message,
            ..Outcome::changed()
        }
    }

    fn promote(&mut self, client: &mut Client, ctx: &Ctx) -> Outcome {
        let cat = ctx.catalog;
        let focus_key = ctx.key_in(&[Context::Diagnosis, Context::Form], Action::Focus);
        let Some(no) = self.target_item(client) else {
            return Outcome::consumed();
        };
        let say = |m: String| Outcome {
            message: Some(m),
            ..Outcome::consumed()
        };
        if !review(&client.diagnosis, no).is_some_and(|r| r.focus) {
            return say(format!(
                "Q{no} は重点改善領域ではありません（先に {focus_key} で指定します）"
            ));
        }
        if let Some(i) = promoted(&client.plan, no) {
            return say(format!(
                "Q{no} は対策実行計画の {} 行目に追加済みです",
                i + 1
            ));
        }
        let Some(item) = cat.diagnosis_item(no) else {
            return say(format!("Q{no} は設問の一覧にありません"));
        };
        client
            .plan
            .push(plan_row(no, client, item.area, &item.topic));
        Outcome {
            message: Some(format!(
                "Q{no}「{}」を対策実行計画に追加しました（{}・{}行目）",
                item.topic,
                item.area.label(),
                client.plan.len()
            )),
            ..Outcome::changed()
        }
    }

    /// Writes the field's text where it belongs.
    fn write(&mut self, client: &mut Client, finish: bool) -> Outcome {
        let Some(ed) = &mut self.editing else {
            return Outcome::consumed();
        };
        let text = ed.field.value(finish);
        match ed.target {
            Target::Name(i) => {
                if let Some(r) = client.diagnosis.respondents.get_mut(i) {
                    let name = text.trim();
                    r.name = if name.is_empty() {
                        ed.fallback.clone()
                    } else {
                        name.to_owned()
                    };
                }
            }
            Target::Notes(no) => {
                review_mut(&mut client.diagnosis, no).notes = text;
                if finish {
                    prune(&mut client.diagnosis);
                }
            }
        }
        Outcome::changed()
    }

    fn key_typing(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
    ) -> Outcome {
        let Some(ed) = &mut self.editing else {
            return Outcome::ignored();
        };
        match ed.field.key(ev, action) {
            Step::Changed => self.write(client, false),
            Step::Moved | Step::Other(_) => Outcome::consumed(),
            Step::Done => {
                let out = self.write(client, true);
                self.editing = None;
                if std::mem::take(&mut self.then_entry) {
                    self.view = View::Entry;
                    self.item = 0;
                }
                out
            }
        }
    }
}

impl Editor for DiagnosisEditor {
    fn contexts(&self) -> Vec<Context> {
        vec![Context::Diagnosis, Context::Form]
    }

    fn typing(&self) -> bool {
        self.editing.is_some() || self.import.is_some()
    }

    fn key(&mut self, Press { ev, action }: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        if let Some(panel) = &mut self.import {
            let (out, close) = panel.key(ev, action, client);
            if close {
                // What came in shows on the summary behind.
                if panel.imported {
                    self.switch(View::Summary);
                    self.flag = 0;
                }
                self.import = None;
            }
            return out;
        }
        if self.editing.is_some() {
            return self.key_typing(ev, action, client);
        }
        let Some(action) = action else {
            return Outcome::ignored();
        };
        self.confirm.seen(Some(action));
        let n_resp = client.diagnosis.respondents.len();
        self.resp = self.resp.min(n_resp.saturating_sub(1));
        let last = DIAGNOSIS_ITEMS - 1;
        let view_i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
        match (self.view, action) {
            (_, Action::NextPane) => self.switch(View::ALL[(view_i + 1) % View::ALL.len()]),
            (_, Action::PrevPane) => {
                self.switch(View::ALL[(view_i + View::ALL.len() - 1) % View::ALL.len()])
            }
            (_, Action::Add) => return self.add_respondent(client, ctx),
            (_, Action::WriteQuestionnaires) => return intake::write_forms(client, ctx),
            (_, Action::ImportAnswers) => self.import = Some(intake::ImportPanel::new()),
            // Other forms' keys do nothing here (a slip during fast entry
            // must not switch the form pane behind the walkthrough).
            (_, Action::CycleForm) => {}
            (View::Respondents | View::Entry, Action::Rename) => return self.rename(client),
            (View::Respondents | View::Entry, Action::CycleRole) => return self.cycle_role(client),
            (View::Respondents | View::Entry | View::Item, Action::Up | Action::Down) => {
                self.resp = if action == Action::Up {
                    self.resp.saturating_sub(1)
                } else {
                    (self.resp + 1).min(n_resp.saturating_sub(1))
                };
                // From the end of one respondent's answers to where the next one stops.
                if self.view == View::Entry
                    && self.item >= DIAGNOSIS_ITEMS
                    && let Some(r) = client.diagnosis.respondents.get(self.resp)
                {
                    self.item = r
                        .answers
                        .iter()
                        .position(|a| *a == Answer::Unanswered)
                        .unwrap_or(DIAGNOSIS_ITEMS);
                }
            }
            (View::Respondents, Action::Delete) => return self.delete(client, ctx),
            (View::Respondents, Action::Edit) => {
                if n_resp == 0 {
                    return self.add_respondent(client, ctx);
                }
                self.view = View::Entry;
                self.item = first_open(&client.diagnosis.respondents[self.resp]);
            }
            (View::Entry, Action::Answer(k)) => return self.answer(client, ctx, k, true),
            (View::Entry, Action::PrevQuestion) => self.item = self.item.saturating_sub(1),
            (View::Entry, Action::NextQuestion) => self.item = (self.item + 1).min(DIAGNOSIS_ITEMS),
            (View::Entry, Action::Edit) => self.switch(View::Item),
            (View::Item, Action::PrevQuestion) => self.item = self.item.saturating_sub(1),
            (View::Item, Action::NextQuestion) => self.item = (self.item + 1).min(last),
            (View::Item, Action::Answer(k)) => return self.answer(client, ctx, k, false),
            (View::Item, Action::Edit) => return self.edit_notes(client),
            (View::Summary, Action::Up) => self.flag = self.flag.saturating_sub(1),
            (View::Summary, Action::Down) => {
                self.flag = (self.flag + 1).min(flagged(client).len().saturating_sub(1))
            }
            (View::Summary, Action::Edit) => {
                if let Some((_, no)) = flagged(client).get(self.flag) {
                    self.item = answer_index(*no);
                    self.view = View::Item;
                }
            }
            (
                View::Item | View::Summary,
                Action::Focus
                | Action::CycleUrgency
                | Action::CycleImportance
                | Action::CycleDifficulty,
            ) => return self.rate(client, action),
            (View::Item | View::Summary, Action::Promote) => {
                return self.promote(client, ctx);
            }
            _ => return Outcome::ignored(),
        }
        Outcome::consumed()
    }

    fn paste(&mut self, text: &str, client: &mut Client, _ctx: &Ctx) -> Outcome {
        if let Some(panel) = &mut self.import {
            panel.paste(text);
            return Outcome::consumed();
        }
        match &mut self.editing {
            Some(ed) => match ed.field.paste(text) {
                Step::Changed => self.write(client, false),
                _ => Outcome::consumed(),
            },
            None => Outcome::ignored(),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let [tabs, body, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(5),
            Constraint::Length(1),
        ])
        .areas(area);
        if let Some(panel) = &self.import {
            // Not the views' tabs: their switch key completes here.
            panel.draw_title(frame, tabs, ctx);
            panel.draw(frame, body, ctx);
            frame.render_widget(
                crate::widgets::hints::fit_bar(panel.hints(ctx), keys.width),
                keys,
            );
            return;
        }
        draw_tabs(frame, tabs, self.view, ctx);
        match self.view {
            View::Respondents => self.draw_respondents(frame, body, client, ctx),
            View::Entry => self.draw_entry(frame, body, client, ctx),
            View::Item => self.draw_item(frame, body, client, ctx),
            View::Summary => self.draw_summary(frame, body, client, ctx),
        }
        if self.editing.is_none() {
            frame.render_widget(
                crate::widgets::hints::fit_bar(self.hints(ctx), keys.width),
                keys,
            );
        }
    }
}
