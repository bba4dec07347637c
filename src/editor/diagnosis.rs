//! Self-diagnosis walkthrough (自社診断): respondents, fast answer entry (one
//! key per answer, on to the next question by itself), the per-item drill-down
//! (checkpoints, everyone's answer side by side, notes, focus flag with
//! 緊急度/重要度/難易度), the summary with a bar chart per part, and promotion
//! of a focus item to an action-plan row.
//!
//! Four views, switched with the [global] next/previous pane keys (Tab):
//! 回答者 → 回答入力 → 設問別 → 集計.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, List, ListItem, ListState, Paragraph,
};
use unicode_width::UnicodeWidthStr;

use super::{Ctx, Editor, Outcome};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::diagnosis::{GAP_THRESHOLD, PARTS, dont_know, gaps, part_max, score};
use crate::domain::model::{
    Answer, Client, DIAGNOSIS_ITEMS, Difficulty, FormKind, Level, Respondent, Role,
};
use crate::domain::promote::{plan_row, promoted, prune, review, review_mut};
use crate::keymap::{Context, Keymap};
use crate::text::wrap as wrap_cells;
use crate::text::{pad, pad_left};
use crate::widgets::Theme;
use crate::widgets::{Field, Step, fit_text};

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
    /// The stored text as last written, to notice a change made elsewhere.
    expect: String,
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

/// The band text of a total, from the catalog.
fn band_label(cat: &Catalog, total: i32) -> &str {
    cat.diagnosis
        .band
        .iter()
        .find(|b| (b.min..=b.max).contains(&total))
        .map_or("", |b| b.label.as_str())
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
    confirm: Option<usize>,
    /// After naming a new respondent, go on to answer entry.
    then_entry: bool,
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
            confirm: None,
            then_entry: false,
        }
    }

    fn switch(&mut self, view: View) {
        self.view = view;
        if view != View::Entry {
            self.item = self.item.min(DIAGNOSIS_ITEMS - 1);
        }
    }

    fn add_respondent(&mut self, client: &mut Client) -> Outcome {
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
            expect: name.clone(),
            fallback: name,
        });
        Outcome {
            message: Some(format!(
                "回答者を追加しました（{}）。名前を入力して Enter",
                role.label()
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
            expect: r.name.clone(),
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
            expect: notes,
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

    fn delete(&mut self, client: &mut Client) -> Outcome {
        let rs = &mut client.diagnosis.respondents;
        if self.resp >= rs.len() {
            return Outcome::consumed();
        }
        if self.confirm != Some(self.resp) {
            self.confirm = Some(self.resp);
            return Outcome {
                message: Some(format!(
                    "もう一度 削除キーで「{}」の回答を削除します（他のキーで取り消し）",
                    rs[self.resp].name
                )),
                ..Outcome::consumed()
            };
        }
        self.confirm = None;
        let r = rs.remove(self.resp);
        self.resp = self.resp.min(rs.len().saturating_sub(1));
        Outcome {
            message: Some(format!("回答者を削除しました: {}", r.name)),
            ..Outcome::changed()
        }
    }

    /// Records an answer of the selected respondent for the current question.
    fn answer(&mut self, client: &mut Client, cat: &Catalog, k: u8, advance: bool) -> Outcome {
        let Some(&choice) = Answer::CHOICES.get(usize::from(k)) else {
            return Outcome::consumed();
        };
        let Some(r) = client.diagnosis.respondents.get_mut(self.resp) else {
            return Outcome {
                message: Some("先に回答者を追加してください（a）".into()),
                ..Outcome::consumed()
            };
        };
        if self.item >= DIAGNOSIS_ITEMS {
            return Outcome {
                message: Some("全25問に回答済みです（Backspace で戻って修正）".into()),
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
                        band_label(cat, s.total)
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

    fn promote(&mut self, client: &mut Client, cat: &Catalog) -> Outcome {
        let Some(no) = self.target_item(client) else {
            return Outcome::consumed();
        };
        let say = |m: String| Outcome {
            message: Some(m),
            ..Outcome::consumed()
        };
        if !review(&client.diagnosis, no).is_some_and(|r| r.focus) {
            return say(format!(
                "Q{no} は重点改善領域ではありません（先に m で指定します）"
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
        let text = if finish {
            ed.field.trimmed()
        } else {
            ed.field.text()
        };
        match ed.target {
            Target::Name(i) => {
                if let Some(r) = client.diagnosis.respondents.get_mut(i) {
                    let name = text.trim();
                    r.name = if name.is_empty() {
                        ed.fallback.clone()
                    } else {
                        name.to_owned()
                    };
                    ed.expect = r.name.clone();
                }
            }
            Target::Notes(no) => {
                review_mut(&mut client.diagnosis, no).notes = text;
                ed.expect = review(&client.diagnosis, no)
                    .map(|r| r.notes.clone())
                    .unwrap_or_default();
                if finish {
                    prune(&mut client.diagnosis);
                }
            }
        }
        Outcome::changed()
    }

    fn stored(&self, client: &Client, target: Target) -> String {
        match target {
            Target::Name(i) => client
                .diagnosis
                .respondents
                .get(i)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            Target::Notes(no) => review(&client.diagnosis, no)
                .map(|r| r.notes.clone())
                .unwrap_or_default(),
        }
    }

    fn key_typing(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
    ) -> Outcome {
        let Some(ed) = &self.editing else {
            return Outcome::ignored();
        };
        let now = self.stored(client, ed.target);
        if now != ed.expect {
            // What was typed did not stay (a read-only client undoes every
            // change): stop typing rather than pretend.
            self.editing = None;
            self.then_entry = false;
            return Outcome {
                message: Some("読み取り専用で開いています。入力は保存されません".into()),
                ..Outcome::consumed()
            };
        }
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
    fn form(&self) -> FormKind {
        FormKind::Diagnosis
    }

    fn contexts(&self) -> Vec<Context> {
        vec![Context::Diagnosis, Context::Form]
    }

    fn typing(&self) -> bool {
        self.editing.is_some()
    }

    fn key(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
        ctx: &Ctx,
    ) -> Outcome {
        if self.editing.is_some() {
            return self.key_typing(ev, action, client);
        }
        let Some(action) = action else {
            return Outcome::ignored();
        };
        if action != Action::Delete {
            self.confirm = None;
        }
        let n_resp = client.diagnosis.respondents.len();
        self.resp = self.resp.min(n_resp.saturating_sub(1));
        let last = DIAGNOSIS_ITEMS - 1;
        let view_i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
        match (self.view, action) {
            (_, Action::NextPane) => self.switch(View::ALL[(view_i + 1) % View::ALL.len()]),
            (_, Action::PrevPane) => {
                self.switch(View::ALL[(view_i + View::ALL.len() - 1) % View::ALL.len()])
            }
            (_, Action::Add) => return self.add_respondent(client),
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
            (View::Respondents, Action::Delete) => return self.delete(client),
            (View::Respondents, Action::Edit) => {
                if n_resp == 0 {
                    return self.add_respondent(client);
                }
                self.view = View::Entry;
                self.item = first_open(&client.diagnosis.respondents[self.resp]);
            }
            (View::Entry, Action::Answer(k)) => return self.answer(client, ctx.catalog, k, true),
            (View::Entry, Action::PrevQuestion) => self.item = self.item.saturating_sub(1),
            (View::Entry, Action::NextQuestion) => self.item = (self.item + 1).min(DIAGNOSIS_ITEMS),
            (View::Entry, Action::Edit) => self.switch(View::Item),
            (View::Item, Action::PrevQuestion) => self.item = self.item.saturating_sub(1),
            (View::Item, Action::NextQuestion) => self.item = (self.item + 1).min(last),
            (View::Item, Action::Answer(k)) => return self.answer(client, ctx.catalog, k, false),
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
                return self.promote(client, ctx.catalog);
            }
            _ => return Outcome::ignored(),
        }
        Outcome::consumed()
    }

    fn paste(&mut self, text: &str, client: &mut Client, _ctx: &Ctx) -> Outcome {
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
        draw_tabs(frame, tabs, self.view, ctx);
        match self.view {
            View::Respondents => self.draw_respondents(frame, body, client, ctx),
            View::Entry => self.draw_entry(frame, body, client, ctx),
            View::Item => self.draw_item(frame, body, client, ctx),
            View::Summary => self.draw_summary(frame, body, client, ctx),
        }
        if self.editing.is_none() {
            frame.render_widget(self.hints(ctx), keys);
        }
    }
}

/// `z` for an action in [diagnosis], then [form], then [global]; an arrow
/// key is named in preference to Backspace.
fn key_of(keymap: &Keymap, action: Action) -> String {
    [Context::Diagnosis, Context::Form, Context::Global]
        .iter()
        .map(|c| keymap.keys_for(*c, action))
        .find(|keys| !keys.is_empty())
        .and_then(|keys| {
            keys.iter()
                .find(|k| k.code != KeyCode::Backspace)
                .or(keys.first())
                .copied()
        })
        .map(|k| k.short())
        .unwrap_or_else(|| "-".into())
}

/// Every key of an action in [diagnosis], `Backspace/Left`.
fn keys_of(keymap: &Keymap, action: Action) -> String {
    let keys = keymap.keys_for(Context::Diagnosis, action);
    if keys.is_empty() {
        return key_of(keymap, action);
    }
    keys.iter().map(|k| k.short()).collect::<Vec<_>>().join("/")
}

fn box_block(title: impl Into<Line<'static>>, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title)
}

fn draw_tabs(frame: &mut Frame, area: Rect, view: View, ctx: &Ctx) {
    let theme = ctx.theme;
    let mut spans = vec![Span::styled(" 自社診断 ", theme.title())];
    for v in View::ALL {
        let style = if v == view {
            theme.tab_active()
        } else {
            theme.dim()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} ", v.label()), style));
    }
    spans.push(Span::styled(
        format!(
            "  {}/{}:切替 Esc:閉じる",
            key_of(ctx.keymap, Action::NextPane),
            key_of(ctx.keymap, Action::PrevPane)
        ),
        theme.dim(),
    ));
    frame.render_widget(Line::from(spans), area);
}

/// Cells shown for each respondent's name in tables.
const NAME_W: usize = 12;

/// Per-respondent bar styles (no colour under NO_COLOR).
fn bar_style(theme: Theme, i: usize) -> Style {
    const COLORS: [Color; 5] = [
        Color::Cyan,
        Color::Yellow,
        Color::Green,
        Color::Magenta,
        Color::Blue,
    ];
    if theme.color {
        Style::new().fg(COLORS[i % COLORS.len()])
    } else {
        Style::new()
    }
}

/// ASCII bars: the block elements are East-Asian-ambiguous and would be
/// drawn double width on some terminals.
const ASCII_BARS: symbols::bar::Set = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "=",
    half: "=",
    three_eighths: "-",
    one_quarter: "-",
    one_eighth: "_",
    empty: " ",
};

impl DiagnosisEditor {
    fn hints(&self, ctx: &Ctx) -> Line<'static> {
        let k = |a: Action| key_of(ctx.keymap, a);
        let answers = format!(
            "{}{}{}{}",
            k(Action::Answer(0)),
            k(Action::Answer(1)),
            k(Action::Answer(2)),
            k(Action::Answer(3))
        );
        let text = match self.view {
            View::Respondents => format!(
                " {} 追加  {} 名前  {} 立場  {} 削除  {} 回答入力へ",
                k(Action::Add),
                k(Action::Rename),
                k(Action::CycleRole),
                k(Action::Delete),
                k(Action::Edit)
            ),
            View::Entry => format!(
                " {answers} 回答して次へ  {} 戻る  {}/{} 回答者  {} 立場  {} 設問別",
                keys_of(ctx.keymap, Action::PrevQuestion),
                k(Action::Up),
                k(Action::Down),
                k(Action::CycleRole),
                k(Action::Edit)
            ),
            View::Item => format!(
                " {}/{} 設問 {}/{} 回答者 {answers} 修正 {} メモ {} 重点 {}{}{} 評価 {} 計画へ",
                k(Action::PrevQuestion),
                k(Action::NextQuestion),
                k(Action::Up),
                k(Action::Down),
                k(Action::Edit),
                k(Action::Focus),
                k(Action::CycleUrgency),
                k(Action::CycleImportance),
                k(Action::CycleDifficulty),
                k(Action::Promote)
            ),
            View::Summary => format!(
                " {}/{} 選択  {} 設問別へ  {} 重点  {}{}{} 緊急度・重要度・難易度  {} 計画へ",
                k(Action::Up),
                k(Action::Down),
                k(Action::Edit),
                k(Action::Focus),
                k(Action::CycleUrgency),
                k(Action::CycleImportance),
                k(Action::CycleDifficulty),
                k(Action::Promote)
            ),
        };
        Line::styled(text, ctx.theme.dim())
    }

    fn draw_respondents(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let rs = &client.diagnosis.respondents;
        let edit_h = if self.editing.is_some() { 3 } else { 0 };
        let [list_area, edit_area, note] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(edit_h),
            Constraint::Length(2),
        ])
        .areas(area);
        let items: Vec<ListItem> = rs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let s = score(&r.answers);
                let progress = if s.complete() {
                    Span::raw("25/25問 ")
                } else {
                    Span::styled(format!("{:>2}/25問 ", s.answered), theme.warn())
                };
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{} ", i + 1)),
                    Span::raw(pad(&r.name, NAME_W + 4)),
                    Span::raw(" "),
                    Span::styled(pad(r.role.label(), 7), theme.dim()),
                    progress,
                    Span::styled(format!("{:>4}点 ", s.total), theme.title()),
                    Span::raw(if s.answered == 0 {
                        String::new()
                    } else {
                        band_label(cat, s.total).to_owned()
                    }),
                ]))
            })
            .collect();
        let empty = items.is_empty();
        let title = format!(" 回答者 {}名 ", rs.len());
        let list = List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.focus_border())
                    .title(Span::styled(title, theme.focus_border())),
            )
            .highlight_style(theme.selected());
        let mut state = ListState::default().with_selected((!empty).then_some(self.resp));
        frame.render_stateful_widget(list, list_area, &mut state);
        if empty {
            frame.render_widget(
                Span::styled(
                    format!(
                        "まだ回答者がいません。{} で追加します",
                        key_of(ctx.keymap, Action::Add)
                    ),
                    theme.dim(),
                ),
                Rect {
                    x: list_area.x + 2,
                    y: list_area.y + 1,
                    width: list_area.width.saturating_sub(4),
                    height: 1,
                },
            );
        }
        if let Some(ed) = &self.editing {
            ed.field
                .draw(frame, edit_area, "回答者の名前", "", ctx.keymap, ctx.theme);
        }
        frame.render_widget(
            Paragraph::new(fit_text(
                "経営者・管理者・従業員など複数の人に回答してもらうと、認識の違いが見えます。\
                 回答の分かれた設問と「わからない」は集計に出ます。",
                usize::from(note.width),
                theme.dim(),
            )),
            note,
        );
    }

    fn draw_entry(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let Some(r) = client.diagnosis.respondents.get(self.resp) else {
            let text = format!(
                "回答者がいません。{} で追加すると、そのまま回答の入力に進みます。",
                key_of(ctx.keymap, Action::Add)
            );
            let width = usize::from(area.width.saturating_sub(2));
            frame.render_widget(
                Paragraph::new(fit_text(&text, width, theme.dim()))
                    .block(box_block(" 回答入力 ", theme)),
                area,
            );
            return;
        };
        let s = score(&r.answers);
        let title = Line::from(vec![
            Span::styled(
                format!(" 回答入力: {}（{}） ", r.name, r.role.label()),
                theme.focus_border(),
            ),
            Span::styled(
                format!(" 回答 {}/25  現在 {}点 ", s.answered, s.total),
                theme.dim(),
            ),
        ]);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width.saturating_sub(2));
        let mut lines: Vec<Line> = Vec::new();
        if self.item >= DIAGNOSIS_ITEMS {
            lines.push(Line::from(""));
            if s.complete() {
                lines.push(Line::styled("  全25問に回答しました", theme.ok()));
            } else {
                lines.push(Line::styled(
                    format!("  未回答が {}問あります", DIAGNOSIS_ITEMS - s.answered),
                    theme.warn(),
                ));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(vec![
                Span::raw("  合計 "),
                Span::styled(format!("{}点", s.total), theme.title()),
                Span::raw(" / 100点  "),
                Span::styled(band_label(cat, s.total).to_owned(), theme.title()),
            ]));
            let max = part_max();
            for (i, p) in cat.diagnosis.part.iter().enumerate().take(3) {
                lines.push(Line::from(format!(
                    "  Part{} {}  {}/{}点",
                    p.no,
                    pad(&p.title, 18),
                    s.parts[i],
                    max[i]
                )));
            }
            if let Some(b) = cat
                .diagnosis
                .band
                .iter()
                .find(|b| (b.min..=b.max).contains(&s.total))
            {
                lines.push(Line::from(""));
                for row in wrap_cells(&b.advice, width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {row}"), theme.dim()));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::styled(
                format!(
                    "  {} で最後の設問に戻る  {} で次の回答者  Tab で表示を切替",
                    key_of(ctx.keymap, Action::PrevQuestion),
                    key_of(ctx.keymap, Action::Down)
                ),
                theme.dim(),
            ));
        } else {
            let no = self.item as u8 + 1;
            let item = cat.diagnosis_item(no);
            let part = item
                .and_then(|it| cat.diagnosis.part.iter().find(|p| p.no == it.part))
                .map_or(String::new(), |p| format!("Part{} {}", p.no, p.title));
            lines.push(Line::styled(format!("  {part}"), theme.dim()));
            lines.push(Line::from(vec![
                Span::styled(format!("  Q{no} / 25  "), theme.title()),
                Span::styled(
                    item.map_or(String::new(), |i| i.topic.clone()),
                    theme.title().add_modifier(Modifier::BOLD),
                ),
            ]));
            for row in wrap_cells(
                item.map_or("", |i| i.question.as_str()),
                width.saturating_sub(2),
            ) {
                lines.push(Line::from(format!("  {row}")));
            }
            lines.push(Line::from(""));
            let current = r.answers[self.item];
            for (k, choice) in Answer::CHOICES.iter().enumerate() {
                let key = key_of(ctx.keymap, Action::Answer(k as u8));
                let pts = choice.points().unwrap_or(0);
                let text = format!(
                    " {} {} {} ",
                    pad_left(&key, 3),
                    pad(choice.label(), 18),
                    pad_left(&format!("{pts}点"), 4)
                );
                let style = if *choice == current {
                    theme.selected()
                } else {
                    Style::new()
                };
                lines.push(Line::from(vec![Span::raw(" "), Span::styled(text, style)]));
            }
            if current == Answer::Unanswered {
                lines.push(Line::styled("   （未回答）", theme.dim()));
            } else {
                lines.push(Line::styled(
                    format!("   現在の回答: {}", current.label()),
                    theme.dim(),
                ));
            }
        }
        lines.push(Line::from(""));
        lines.push(progress_strip(r, self.item, theme));
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            },
        );
    }

    fn draw_item(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let no = self.item.min(DIAGNOSIS_ITEMS - 1) as u8 + 1;
        let item = cat.diagnosis_item(no);
        let rs = &client.diagnosis.respondents;
        let rev = review(&client.diagnosis, no);
        let part = item
            .and_then(|it| cat.diagnosis.part.iter().find(|p| p.no == it.part))
            .map_or(String::new(), |p| format!("Part{} {}", p.no, p.title));
        let title = Line::from(vec![
            Span::styled(format!(" Q{no}/25 "), theme.focus_border()),
            Span::styled(
                format!("{} ", item.map_or("", |i| i.topic.as_str())),
                theme.focus_border(),
            ),
            Span::styled(
                format!(" {part}・{} ", item.map_or("", |i| i.area.label())),
                theme.dim(),
            ),
        ]);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);

        let wide = inner.width >= 100;
        let (left, right) = if wide {
            let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Min(30)])
                .spacing(1)
                .areas(inner);
            (l, r)
        } else {
            (inner, inner)
        };

        // Question and drill-down checkpoints.
        let w = usize::from(left.width.saturating_sub(1));
        let mut top: Vec<Line> = Vec::new();
        for row in wrap_cells(item.map_or("", |i| i.question.as_str()), w) {
            top.push(Line::from(row));
        }
        top.push(Line::styled("掘り下げるチェックポイント", theme.title()));
        for (i, c) in item
            .map(|i| i.checkpoints.as_slice())
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let head = format!("{}. ", i + 1);
            for (j, row) in wrap_cells(c, w.saturating_sub(head.width()))
                .into_iter()
                .enumerate()
            {
                let lead = if j == 0 {
                    head.clone()
                } else {
                    " ".repeat(head.width())
                };
                top.push(Line::from(format!("{lead}{row}")));
            }
        }

        // Everyone's answer side by side.
        let mut answers: Vec<Line> = Vec::new();
        let i = answer_index(no);
        if rs.is_empty() {
            answers.push(Line::styled("回答者がいません", theme.dim()));
        }
        let pts: Vec<i32> = rs.iter().filter_map(|r| r.answers[i].points()).collect();
        let spread = match (pts.iter().min(), pts.iter().max()) {
            (Some(lo), Some(hi)) if pts.len() >= 2 => hi - lo,
            _ => 0,
        };
        for (k, r) in rs.iter().enumerate() {
            let a = r.answers[i];
            let style = if k == self.resp {
                theme.selected()
            } else if a == Answer::DontKnow {
                theme.warn()
            } else if a == Answer::Unanswered {
                theme.dim()
            } else {
                Style::new()
            };
            let pts = a.points().map_or("-".to_owned(), |p| format!("{p}点"));
            answers.push(Line::styled(
                format!(
                    "{} {} {} {}",
                    pad(&r.name, NAME_W),
                    pad(r.role.label(), 6),
                    pad(a.label(), 16),
                    pad_left(&pts, 4)
                ),
                style,
            ));
        }
        if spread >= GAP_THRESHOLD {
            answers.push(Line::styled(
                format!("回答の差 {spread}点（{GAP_THRESHOLD}点以上: 認識の違いを確認）"),
                theme.warn(),
            ));
        }

        // Focus flag and ratings.
        let r = rev.map(|r| r.ratings).unwrap_or_default();
        let focus = rev.is_some_and(|r| r.focus);
        let plan = match promoted(&client.plan, no) {
            Some(k) => format!("計画 {}行目に追加済み", k + 1),
            None if focus => format!("{} で計画に追加", key_of(ctx.keymap, Action::Promote)),
            None => String::new(),
        };
        let focus_line = Line::from(vec![
            Span::styled(
                if focus { "[重点] " } else { "[ ] 重点 " },
                if focus { theme.warn() } else { theme.dim() },
            ),
            Span::raw(format!(
                "緊急度 {}  重要度 {}  難易度 {}  ",
                r.urgency.map_or("-", |l| l.label()),
                r.importance.map_or("-", |l| l.label()),
                r.difficulty.map_or("-", |d| d.label())
            )),
            Span::styled(plan, theme.dim()),
        ]);

        let notes_title = "なぜその回答か・例外（メモ）";
        if wide {
            // Left: question, checkpoints, answers, focus; right: the notes.
            let mut lines = top;
            lines.push(Line::from(""));
            lines.push(Line::styled("回答", theme.title()));
            lines.extend(answers);
            lines.push(Line::from(""));
            lines.push(focus_line);
            frame.render_widget(Paragraph::new(lines), left);
            self.draw_notes(
                frame,
                right,
                notes_title,
                rev.map(|r| r.notes.as_str()),
                ctx,
            );
        } else {
            let top_h = top.len() as u16;
            let [t, ans, foc, notes] = Layout::vertical([
                Constraint::Length(top_h),
                Constraint::Length(answers.len() as u16),
                Constraint::Length(1),
                Constraint::Min(3),
            ])
            .areas(inner);
            frame.render_widget(Paragraph::new(top), t);
            frame.render_widget(Paragraph::new(answers), ans);
            frame.render_widget(Paragraph::new(focus_line), foc);
            self.draw_notes(
                frame,
                notes,
                notes_title,
                rev.map(|r| r.notes.as_str()),
                ctx,
            );
        }
    }

    fn draw_notes(
        &self,
        frame: &mut Frame,
        area: Rect,
        title: &str,
        notes: Option<&str>,
        ctx: &Ctx,
    ) {
        let theme = ctx.theme;
        if let Some(ed) = &self.editing {
            ed.field.draw(frame, area, title, "", ctx.keymap, ctx.theme);
            return;
        }
        let (text, style) = match notes.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => (n.to_owned(), Style::new()),
            None => ("（未記入）".to_owned(), theme.dim()),
        };
        let width = usize::from(area.width.saturating_sub(2));
        frame.render_widget(
            Paragraph::new(fit_text(&text, width, style)).block(box_block(
                Line::from(vec![
                    Span::styled(format!(" {title} "), theme.title()),
                    Span::styled(
                        format!(" {}:編集 ", key_of(ctx.keymap, Action::Edit)),
                        theme.dim(),
                    ),
                ]),
                theme,
            )),
            area,
        );
    }

    fn draw_summary(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let rs = &client.diagnosis.respondents;
        let max = part_max();
        let table_h = (rs.len().max(1) as u16 + 3).min(area.height / 2);
        let [table, rest] =
            Layout::vertical([Constraint::Length(table_h), Constraint::Min(4)]).areas(area);

        // Scores per respondent.
        let mut lines = vec![Line::styled(
            format!(
                "  {} {} Part1/{} Part2/{} Part3/{}  合計  評価",
                pad("回答者", NAME_W),
                pad("立場", 6),
                max[0],
                max[1],
                max[2]
            ),
            theme.dim(),
        )];
        if rs.is_empty() {
            lines.push(Line::styled("  回答者がいません", theme.dim()));
        }
        for (i, r) in rs.iter().enumerate() {
            let s = score(&r.answers);
            let mut spans = vec![
                Span::styled(format!("{} ", i + 1), bar_style(theme, i)),
                Span::raw(format!(
                    "{} {} {} {} {} ",
                    pad(&r.name, NAME_W),
                    pad(r.role.label(), 6),
                    pad_left(&s.parts[0].to_string(), 8),
                    pad_left(&s.parts[1].to_string(), 8),
                    pad_left(&s.parts[2].to_string(), 8),
                )),
                Span::styled(pad_left(&format!("{}点", s.total), 5), theme.title()),
                Span::raw(format!("  {}", band_label(cat, s.total))),
            ];
            if !s.complete() {
                spans.push(Span::styled(
                    format!("（{}/25問）", s.answered),
                    theme.warn(),
                ));
            }
            lines.push(Line::from(spans));
        }
        frame.render_widget(
            Paragraph::new(lines).block(box_block(
                Span::styled(" 集計（25問・100点満点） ", theme.title()),
                theme,
            )),
            table,
        );

        let chart_w = (rest.width / 2).clamp(30, 56);
        let [chart, list] =
            Layout::horizontal([Constraint::Length(chart_w), Constraint::Min(20)]).areas(rest);
        draw_chart(frame, chart, client, theme);

        // Items to look at: gaps (highlighted), わからない, focus items.
        let flags = flagged(client);
        let mut items: Vec<ListItem> = Vec::new();
        let mut selected = None;
        let width = usize::from(list.width.saturating_sub(2));
        for kind in [Flag::Gap, Flag::DontKnow, Flag::Focus] {
            let of_kind: Vec<(usize, u8)> = flags
                .iter()
                .enumerate()
                .filter(|(_, (f, _))| *f == kind)
                .map(|(k, (_, no))| (k, *no))
                .collect();
            items.push(ListItem::new(Line::styled(
                format!("{}（{}）", kind.title(), of_kind.len()),
                theme.title(),
            )));
            if of_kind.is_empty() {
                items.push(ListItem::new(Line::styled("  なし", theme.dim())));
            }
            for (k, no) in of_kind {
                if k == self.flag {
                    selected = Some(items.len());
                }
                let topic = cat.diagnosis_item(no).map_or("", |i| i.topic.as_str());
                let i = answer_index(no);
                let (tail, style) = match kind {
                    Flag::Gap => (
                        rs.iter().map(|r| r.answers[i].mark()).collect::<String>(),
                        theme.warn(),
                    ),
                    Flag::DontKnow => (
                        rs.iter()
                            .filter(|r| r.answers[i] == Answer::DontKnow)
                            .map(|r| r.role.label())
                            .collect::<Vec<_>>()
                            .join("・"),
                        Style::new(),
                    ),
                    Flag::Focus => {
                        let r = review(&client.diagnosis, no)
                            .map(|r| r.ratings)
                            .unwrap_or_default();
                        let planned = if promoted(&client.plan, no).is_some() {
                            " 計画済"
                        } else {
                            ""
                        };
                        (
                            format!(
                                "緊{}重{}難{}{planned}",
                                r.urgency.map_or("-", |l| l.label()),
                                r.importance.map_or("-", |l| l.label()),
                                r.difficulty.map_or("-", |d| d.label())
                            ),
                            Style::new(),
                        )
                    }
                };
                let head = format!("  Q{no:<2} ");
                let tail_w = tail.width() + 1;
                let topic_w = width.saturating_sub(head.width() + tail_w);
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(head, style),
                    Span::styled(pad(topic, topic_w), style),
                    Span::styled(format!(" {tail}"), style),
                ])));
            }
        }
        let title = Line::from(vec![
            Span::styled(" 要確認の設問 ", theme.title()),
            Span::styled(
                format!(" {}:設問別へ ", key_of(ctx.keymap, Action::Edit)),
                theme.dim(),
            ),
        ]);
        let mut state = ListState::default().with_selected(selected);
        frame.render_stateful_widget(
            List::new(items)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.focus_border())
                        .title(title),
                )
                .highlight_style(theme.selected()),
            list,
            &mut state,
        );
    }
}

/// One bar chart per part: a bar per respondent, its height the part's score
/// as a share of the part's maximum, labelled with the points.
fn draw_chart(frame: &mut Frame, area: Rect, client: &Client, theme: Theme) {
    let rs = &client.diagnosis.respondents;
    let max = part_max();
    let block = box_block(Span::styled(" 部別の得点率（%） ", theme.title()), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rs.is_empty() {
        return;
    }
    let cols = Layout::horizontal([Constraint::Ratio(1, 3); 3]).split(inner);
    let n = rs.len() as u16;
    for (p, col) in cols.iter().enumerate() {
        let bar_w = (col.width.saturating_sub(n.saturating_sub(1) + 1) / n).clamp(1, 5);
        let bars: Vec<Bar> = rs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let s = score(&r.answers).parts[p];
                let pct = (s.max(0) * 100 / max[p]) as u64;
                Bar::default()
                    .value(pct)
                    .text_value("")
                    .label(Line::from(if bar_w >= 4 {
                        format!("{}:{s}", i + 1)
                    } else {
                        format!("{}", i + 1)
                    }))
                    .style(bar_style(theme, i))
            })
            .collect();
        let range = &PARTS[p];
        let chart = BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .max(100)
            .bar_width(bar_w)
            .bar_gap(1)
            .bar_set(ASCII_BARS)
            .block(Block::default().title(Line::styled(
                format!("Part{} Q{}-{}", p + 1, range.start(), range.end()),
                theme.dim(),
            )));
        frame.render_widget(chart, *col);
    }
}

/// The 25 answers of a respondent as marks, the current question reversed:
/// `Q1 済済半？半 | Q6 …`.
fn progress_strip(r: &Respondent, current: usize, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (p, range) in PARTS.iter().enumerate() {
        if p > 0 {
            spans.push(Span::styled(" |", theme.dim()));
        }
        spans.push(Span::styled(format!(" Q{} ", range.start()), theme.dim()));
        for no in range.clone() {
            let i = usize::from(no) - 1;
            let a = r.answers[i];
            let style = if i == current {
                theme.selected()
            } else if a == Answer::Unanswered {
                theme.dim()
            } else {
                Style::new()
            };
            spans.push(Span::styled(a.mark(), style));
        }
    }
    Line::from(spans)
}
