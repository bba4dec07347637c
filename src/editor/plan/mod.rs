//! Action plan editor (様式3 情報セキュリティ対策実行計画書): a table of
//! measures by improvement area; rows are added, edited, deleted and
//! reordered; fixed choices come from pickers; the deadline is a validated
//! date with a warning past the plan's horizon; the rows can be shown in
//! priority order and one area at a time. Long Japanese text wraps in the
//! table and is edited in a multi-line field below it.

mod view;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use super::confirm::{Confirm, ask};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::dates::parse_date;
use crate::domain::model::{Area, Client, Difficulty, Feasibility, Level, PlanRow};
use crate::domain::plan::{deadline_warning, visible};
use crate::keymap::Context;
use crate::widgets::Theme;
use crate::widgets::{self, Picked, Picker};
use crate::widgets::{Field as TextField, Step};

/// A column of the sheet, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Area,
    Current,
    Measure,
    Linked,
    Urgency,
    Importance,
    Difficulty,
    Feasibility,
    Deadline,
    Concerns,
}

const COLS: [Col; 10] = [
    Col::Area,
    Col::Current,
    Col::Measure,
    Col::Linked,
    Col::Urgency,
    Col::Importance,
    Col::Difficulty,
    Col::Feasibility,
    Col::Deadline,
    Col::Concerns,
];

impl Col {
    fn label(self) -> &'static str {
        match self {
            Col::Area => "改善分野",
            Col::Current => "現状と課題",
            Col::Measure => "具体的改善対策",
            Col::Linked => "経営施策との連携",
            Col::Urgency => "緊急度",
            Col::Importance => "重要度",
            Col::Difficulty => "難易度",
            Col::Feasibility => "実施可否",
            Col::Deadline => "実施期限",
            Col::Concerns => "予算、要員等の懸念点",
        }
    }

    fn is_text(self) -> bool {
        matches!(self, Col::Current | Col::Measure | Col::Concerns)
    }

    fn text(self, r: &PlanRow) -> &str {
        match self {
            Col::Current => &r.current,
            Col::Measure => &r.measure,
            Col::Concerns => &r.concerns,
            _ => "",
        }
    }

    fn set_text(self, r: &mut PlanRow, text: String) {
        match self {
            Col::Current => r.current = text,
            Col::Measure => r.measure = text,
            Col::Concerns => r.concerns = text,
            _ => {}
        }
    }
}

/// Short area names for the narrow table column.
fn area_short(a: Area) -> &'static str {
    match a {
        Area::Organizational => "組織的",
        Area::Human => "人的",
        Area::Technical => "技術的",
        Area::Physical => "物理的",
    }
}

fn level(l: Option<Level>) -> &'static str {
    l.map_or("-", Level::label)
}

fn difficulty(d: Option<Difficulty>) -> &'static str {
    d.map_or("-", Difficulty::label)
}

fn feasibility(f: Option<Feasibility>) -> &'static str {
    f.map_or("-", Feasibility::label)
}

const FEASIBILITY: [Feasibility; 2] = [Feasibility::Go, Feasibility::NoGo];

pub struct PlanEditor {
    /// Selected row, as an index into `client.plan`.
    cur: usize,
    /// Focused column, an index into `COLS`.
    col: usize,
    /// Only this area is shown.
    area: Option<Area>,
    /// Rows shown in priority order rather than as entered.
    by_priority: bool,
    typing: Option<(Col, TextField)>,
    picker: Option<(Col, Picker)>,
    /// Row waiting for a second delete.
    confirm_delete: Confirm<usize>,
}

impl PlanEditor {
    pub fn new() -> PlanEditor {
        PlanEditor {
            cur: 0,
            col: 2,
            area: None,
            by_priority: false,
            typing: None,
            picker: None,
            confirm_delete: Confirm::default(),
        }
    }

    fn visible(&self, client: &Client) -> Vec<usize> {
        visible(&client.plan, self.area, self.by_priority)
    }

    /// Position of the selected row among `vis` (the first when it is not shown).
    fn pos(&self, vis: &[usize]) -> Option<usize> {
        if vis.is_empty() {
            return None;
        }
        Some(vis.iter().position(|&i| i == self.cur).unwrap_or(0))
    }

    fn col(&self) -> Col {
        COLS[self.col.min(COLS.len() - 1)]
    }

    fn type_key(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
        ctx: &Ctx,
    ) -> Outcome {
        let i = self.cur;
        let Some((col, tf)) = &mut self.typing else {
            return Outcome::ignored();
        };
        let col = *col;
        let Some(row) = client.plan.get_mut(i) else {
            self.typing = None;
            return Outcome::consumed();
        };
        match tf.key(ev, action) {
            Step::Changed if col.is_text() => {
                col.set_text(row, tf.trimmed());
                Outcome::changed()
            }
            Step::Changed | Step::Moved | Step::Other(_) => Outcome::consumed(),
            Step::Done if col.is_text() => {
                col.set_text(row, tf.trimmed());
                self.typing = None;
                Outcome::changed()
            }
            Step::Done => {
                let today = ctx.now.date_naive();
                let horizon = ctx.catalog.plan.horizon_months;
                let result = parse_date(&tf.trimmed()).map(|d| {
                    row.deadline = d;
                    d.and_then(|d| deadline_warning(d, today, horizon))
                        .map(|w| format!("{}（保存しました）", w.message()))
                });
                super::leave_checked(result, action, &mut self.typing)
            }
        }
    }

    fn pick_key(&mut self, action: Option<Action>, client: &mut Client) -> Outcome {
        let Some((col, p)) = &mut self.picker else {
            return Outcome::ignored();
        };
        let col = *col;
        let k = match p.key(action) {
            Picked::Open => return Outcome::consumed(),
            Picked::Ignored => return Outcome::ignored(),
            Picked::Closed => {
                self.picker = None;
                return Outcome::consumed();
            }
            Picked::Chosen(k) => k,
        };
        self.picker = None;
        let Some(row) = client.plan.get_mut(self.cur) else {
            return Outcome::consumed();
        };
        let mut message = None;
        match col {
            Col::Area => {
                let a = Area::ALL[k.min(Area::ALL.len() - 1)];
                row.area = a;
                if self.area.is_some_and(|f| f != a) {
                    self.area = None;
                    message = Some(format!(
                        "分野を{}に変えました（絞り込みを解除しました）",
                        a.label()
                    ));
                }
            }
            Col::Urgency => row.ratings.urgency = Level::ALL.get(k).copied(),
            Col::Importance => row.ratings.importance = Level::ALL.get(k).copied(),
            Col::Difficulty => row.ratings.difficulty = Difficulty::ALL.get(k).copied(),
            Col::Feasibility => row.feasibility = FEASIBILITY.get(k).copied(),
            _ => {}
        }
        if matches!(col, Col::Urgency | Col::Importance | Col::Difficulty) {
            crate::domain::step::row_ratings_changed(client, self.cur);
        }
        Outcome {
            message,
            ..Outcome::changed()
        }
    }

    fn open_cell(&mut self, client: &mut Client) -> Outcome {
        let Some(row) = client.plan.get_mut(self.cur) else {
            return Outcome::consumed();
        };
        let col = self.col();
        let levels = |cur: Option<Level>| {
            let mut o: Vec<String> = Level::ALL.iter().map(|l| l.label().to_owned()).collect();
            o.push("（未評価）".into());
            let sel = cur.and_then(|c| Level::ALL.iter().position(|l| *l == c));
            (o, sel.unwrap_or(Level::ALL.len()))
        };
        let (options, sel) = match col {
            Col::Current | Col::Measure | Col::Concerns => {
                self.typing = Some((col, TextField::multi(col.text(row))));
                return Outcome::consumed();
            }
            Col::Deadline => {
                let text = row.deadline.map(|d| d.to_string()).unwrap_or_default();
                self.typing = Some((col, TextField::single(&text)));
                return Outcome::consumed();
            }
            Col::Linked => {
                row.linked = !row.linked;
                return Outcome::changed();
            }
            Col::Area => (
                Area::ALL.iter().map(|a| a.label().to_owned()).collect(),
                Area::ALL.iter().position(|a| *a == row.area).unwrap_or(0),
            ),
            Col::Urgency => levels(row.ratings.urgency),
            Col::Importance => levels(row.ratings.importance),
            Col::Difficulty => {
                let mut o: Vec<String> = Difficulty::ALL
                    .iter()
                    .map(|d| d.label().to_owned())
                    .collect();
                o.push("（未評価）".into());
                let sel = row
                    .ratings
                    .difficulty
                    .and_then(|c| Difficulty::ALL.iter().position(|d| *d == c));
                (o, sel.unwrap_or(Difficulty::ALL.len()))
            }
            Col::Feasibility => (
                vec![
                    "可（実施する）".into(),
                    "否（今回は見送る）".into(),
                    "（未定）".into(),
                ],
                row.feasibility
                    .and_then(|f| FEASIBILITY.iter().position(|x| *x == f))
                    .unwrap_or(FEASIBILITY.len()),
            ),
        };
        self.picker = Some((col, Picker::new(col.label(), options, sel)));
        Outcome::consumed()
    }

    /// Adds a row (in the area shown, else the selected row's) and starts
    /// typing its current state and issue.
    fn add(&mut self, client: &mut Client) -> Outcome {
        let area = self
            .area
            .or_else(|| client.plan.get(self.cur).map(|r| r.area))
            .unwrap_or_default();
        client.plan.push(PlanRow {
            area,
            ..PlanRow::default()
        });
        self.cur = client.plan.len() - 1;
        self.col = 1;
        self.typing = Some((Col::Current, TextField::multi("")));
        Outcome::changed()
    }

    fn browse_key(&mut self, action: Option<Action>, client: &mut Client, ctx: &Ctx) -> Outcome {
        let vis = self.visible(client);
        if let Some(p) = self.pos(&vis) {
            self.cur = vis[p];
        }
        let pos = self.pos(&vis);
        self.confirm_delete.seen(action);
        let say = |m: String| Outcome {
            message: Some(m),
            ..Outcome::consumed()
        };
        match action {
            Some(Action::Up) => {
                if let Some(p) = pos {
                    self.cur = vis[p.saturating_sub(1)];
                }
            }
            Some(Action::Down) => {
                if let Some(p) = pos {
                    self.cur = vis[(p + 1).min(vis.len() - 1)];
                }
            }
            Some(Action::Left | Action::PrevPane) => self.col = self.col.saturating_sub(1),
            Some(Action::Right | Action::NextPane) => self.col = (self.col + 1).min(COLS.len() - 1),
            // On an empty table Enter starts the first row.
            Some(Action::Edit | Action::Toggle) if pos.is_none() => return self.add(client),
            Some(Action::Edit | Action::Toggle) => return self.open_cell(client),
            Some(Action::Add) => return self.add(client),
            Some(Action::Delete) => {
                let Some(p) = pos else {
                    return Outcome::consumed();
                };
                let i = vis[p];
                if !self.confirm_delete.twice(Action::Delete, i) {
                    return say(ask(&ctx.key(Action::Delete), "この行を削除します"));
                }
                client.plan.remove(i);
                let vis = self.visible(client);
                // Stay at the same place in the list.
                let next = vis
                    .get(p.min(vis.len().saturating_sub(1)))
                    .copied()
                    .unwrap_or(0);
                self.cur = next;
                return Outcome::changed();
            }
            Some(Action::MoveUp | Action::MoveDown) => {
                if self.by_priority {
                    let key =
                        widgets::key_name(ctx.keymap, &[Context::Form], Action::SortPriority, "s");
                    return say(format!(
                        "優先順位の順に表示中は並べ替えできません（{key} で入力順に戻す）"
                    ));
                }
                let Some(p) = pos else {
                    return Outcome::consumed();
                };
                let q = if action == Some(Action::MoveUp) {
                    p.checked_sub(1)
                } else {
                    Some(p + 1).filter(|q| *q < vis.len())
                };
                let Some(q) = q else {
                    return Outcome::consumed();
                };
                client.plan.swap(vis[p], vis[q]);
                self.cur = vis[q];
                return Outcome::changed();
            }
            // The table's title shows the order and the area shown.
            Some(Action::SortPriority) => self.by_priority = !self.by_priority,
            Some(Action::FilterArea) => {
                self.area = match self.area {
                    None => Some(Area::ALL[0]),
                    Some(a) => {
                        let i = Area::ALL.iter().position(|x| *x == a).unwrap_or(0);
                        Area::ALL.get(i + 1).copied()
                    }
                };
            }
            _ => return Outcome::ignored(),
        }
        Outcome::consumed()
    }
}

impl Default for PlanEditor {
    fn default() -> Self {
        Self::new()
    }
}

/// Widths of the table's columns for an inner width; which columns show.
struct Columns {
    narrow: bool,
    /// Text columns shown, with their widths.
    text: Vec<(Col, usize)>,
}

impl Columns {
    fn new(inner: usize) -> Columns {
        let narrow = inner < 100;
        let shown: &[Col] = if inner >= 150 {
            &[Col::Current, Col::Measure, Col::Concerns]
        } else if !narrow {
            &[Col::Current, Col::Measure]
        } else {
            &[Col::Measure]
        };
        let fixed = if narrow { 29 } else { 41 };
        let spacing = 7 + shown.len();
        let total = inner.saturating_sub(fixed + spacing).max(shown.len() * 4);
        let each = total / shown.len();
        let text = shown
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let w = if k == 0 {
                    total - each * (shown.len() - 1)
                } else {
                    each
                };
                (*c, w)
            })
            .collect();
        Columns { narrow, text }
    }

    /// The table's columns in order: `(column, header, width)`; `None` is
    /// the rank.
    fn layout(&self) -> Vec<(Option<Col>, &'static str, usize)> {
        let n = self.narrow;
        let mut out = vec![
            (None, if n { "順" } else { "順位" }, if n { 2 } else { 4 }),
            (Some(Col::Area), "分野", 6),
        ];
        for (c, w) in &self.text {
            if *c != Col::Concerns {
                out.push((Some(*c), c.label(), *w));
            }
        }
        let small = |c: Col, wide: &'static str, narrow: &'static str| {
            (
                Some(c),
                if n { narrow } else { wide },
                if n { 2 } else { 4 },
            )
        };
        out.extend([
            small(Col::Linked, "連携", "連"),
            small(Col::Urgency, "緊急", "緊"),
            small(Col::Importance, "重要", "重"),
            small(Col::Difficulty, "難易", "難"),
            small(Col::Feasibility, "可否", "可"),
            (Some(Col::Deadline), "実施期限", 11),
        ]);
        for (c, w) in &self.text {
            if *c == Col::Concerns {
                out.push((Some(*c), c.label(), *w));
            }
        }
        out
    }
}

fn cell_lines(text: &str, width: usize, cap: usize, theme: Theme) -> Text<'static> {
    if text.trim().is_empty() {
        return Text::from(Span::styled("（未記入）", theme.dim()));
    }
    let mut lines = crate::text::wrap(text.trim(), width);
    lines.truncate(cap.max(1));
    Text::from(lines.into_iter().map(Line::from).collect::<Vec<_>>())
}

impl Editor for PlanEditor {
    fn typing(&self) -> bool {
        self.typing.is_some()
    }

    fn key(&mut self, Press { ev, action }: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        if self.typing.is_some() {
            self.type_key(ev, action, client, ctx)
        } else if self.picker.is_some() {
            self.pick_key(action, client)
        } else {
            self.browse_key(action, client, ctx)
        }
    }

    fn paste(&mut self, text: &str, client: &mut Client, _ctx: &Ctx) -> Outcome {
        let Some((col, tf)) = &mut self.typing else {
            return Outcome::ignored();
        };
        if tf.paste(text) == Step::Changed
            && col.is_text()
            && let Some(row) = client.plan.get_mut(self.cur)
        {
            col.set_text(row, tf.trimmed());
            return Outcome::changed();
        }
        Outcome::consumed()
    }

    fn help_notes(&self, catalog: &Catalog) -> Vec<String> {
        vec![format!("優先順位の規則: {}", catalog.plan.priority_rule)]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        self.view(frame, area, client, ctx);
    }
}
