//! Action plan editor (様式3 情報セキュリティ対策実行計画書): a table of
//! measures by improvement area; rows are added, edited, deleted and
//! reordered; fixed choices come from pickers; the deadline is a validated
//! date with a warning past the plan's horizon; the rows can be shown in
//! priority order and one area at a time. Long Japanese text wraps in the
//! table and is edited in a multi-line field below it.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState};

use super::{Ctx, Editor, Outcome};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::dates::{japanese, parse_date};
use crate::domain::model::{Area, Client, Difficulty, Feasibility, FormKind, Level, PlanRow};
use crate::domain::plan::{deadline_warning, ranks, visible};
use crate::keymap::Context;
use crate::text::pad_left;
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
    confirm_delete: Option<usize>,
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
            confirm_delete: None,
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
            Step::Done => match parse_date(&tf.trimmed()) {
                Ok(d) => {
                    row.deadline = d;
                    self.typing = None;
                    let today = ctx.now.date();
                    let message = d
                        .and_then(|d| deadline_warning(d, today, ctx.catalog.plan.horizon_months))
                        .map(|w| format!("{}（保存しました）", w.message()));
                    Outcome {
                        message,
                        ..Outcome::changed()
                    }
                }
                Err(_) if action == Some(Action::Cancel) => {
                    // Esc on a date that does not parse keeps the old one.
                    self.typing = None;
                    Outcome::consumed()
                }
                Err(e) => Outcome {
                    message: Some(e),
                    ..Outcome::consumed()
                },
            },
        }
    }

    fn pick_key(&mut self, action: Option<Action>, client: &mut Client) -> Outcome {
        let Some((col, p)) = &mut self.picker else {
            return Outcome::ignored();
        };
        let col = *col;
        let k = match p.key(action) {
            Picked::Open => return Outcome::consumed(),
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
        if action != Some(Action::Delete) {
            self.confirm_delete = None;
        }
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
                if self.confirm_delete != Some(i) {
                    self.confirm_delete = Some(i);
                    let key = widgets::key_name(ctx.keymap, &[Context::Form], Action::Delete, "d");
                    return say(format!(
                        "もう一度 {key} でこの行を削除します（他のキーで取り消し）"
                    ));
                }
                self.confirm_delete = None;
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
    fn form(&self) -> FormKind {
        FormKind::Plan
    }

    fn contexts(&self) -> Vec<Context> {
        vec![Context::Form]
    }

    fn typing(&self) -> bool {
        self.typing.is_some()
    }

    fn key(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
        ctx: &Ctx,
    ) -> Outcome {
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
        let theme = ctx.theme;
        let text_typing = self.typing.as_ref().is_some_and(|(c, _)| c.is_text());
        let detail_h = if text_typing {
            (area.height / 3).max(7)
        } else {
            (area.height / 4 + 1).clamp(5, 10)
        };
        let [table_area, detail_area, hint_area] = Layout::vertical([
            Constraint::Min(5),
            Constraint::Length(detail_h),
            Constraint::Length(1),
        ])
        .areas(area);
        let vis = self.visible(client);
        let pos = self.pos(&vis);
        let sel = pos.map(|p| vis[p]);
        let rank = ranks(&client.plan);
        let today = ctx.now.date();
        let horizon = ctx.catalog.plan.horizon_months;

        let cols = Columns::new(usize::from(table_area.width.saturating_sub(3)));
        let layout = cols.layout();
        let avail = usize::from(table_area.height.saturating_sub(3));
        let cap = if avail < 20 { 2 } else { 3 };
        let rows: Vec<Row> = vis
            .iter()
            .map(|&i| {
                let r = &client.plan[i];
                let selected = Some(i) == sel;
                let cap = if selected { cap.max(avail / 2) } else { cap };
                let mut height = 1;
                let cells: Vec<Cell> = layout
                    .iter()
                    .map(|(col, _, w)| {
                        let text: Text = match col {
                            None => Text::from(pad_left(&rank[i].to_string(), *w)),
                            Some(Col::Area) => {
                                let mut lines = vec![Line::from(area_short(r.area))];
                                if let Some(no) = r.from_item {
                                    lines.push(Line::styled(format!("Q{no}"), theme.dim()));
                                }
                                Text::from(lines)
                            }
                            Some(c) if c.is_text() => cell_lines(c.text(r), *w, cap, theme),
                            Some(Col::Linked) => Text::from(if r.linked { "有" } else { "" }),
                            Some(Col::Urgency) => Text::from(level(r.ratings.urgency)),
                            Some(Col::Importance) => Text::from(level(r.ratings.importance)),
                            Some(Col::Difficulty) => Text::from(difficulty(r.ratings.difficulty)),
                            Some(Col::Feasibility) => Text::from(feasibility(r.feasibility)),
                            Some(Col::Deadline) => match r.deadline {
                                Some(d) if deadline_warning(d, today, horizon).is_some() => {
                                    Text::from(Span::styled(format!("{d}!"), theme.warn()))
                                }
                                Some(d) => Text::from(d.to_string()),
                                None => Text::from(Span::styled("-", theme.dim())),
                            },
                            Some(_) => Text::default(),
                        };
                        height = height.max(text.lines.len());
                        Cell::from(text)
                    })
                    .collect();
                let style = if r.feasibility == Some(Feasibility::NoGo) {
                    theme.dim()
                } else {
                    Style::new()
                };
                Row::new(cells).height(height as u16).style(style)
            })
            .collect();
        let header = Row::new(
            layout
                .iter()
                .map(|(_, h, _)| Cell::from(*h))
                .collect::<Vec<_>>(),
        )
        .style(theme.title());
        let widths: Vec<Constraint> = layout
            .iter()
            .map(|(_, _, w)| Constraint::Length(*w as u16))
            .collect();
        let shown_col = layout.iter().position(|(c, _, _)| *c == Some(self.col()));
        let order = if self.by_priority {
            let help = widgets::key_name(ctx.keymap, &[Context::Global], Action::Help, "?");
            format!("優先順（規則は {help}）")
        } else {
            "入力順".to_owned()
        };
        let filter = self.area.map_or("全分野", Area::label);
        let count = if self.area.is_some() {
            format!("{}/{}行", vis.len(), client.plan.len())
        } else {
            format!("{}行", client.plan.len())
        };
        let focused = self.typing.is_none() && self.picker.is_none();
        let table = Table::new(rows, widths)
            .header(header)
            .block(widgets::block(
                format!("対策実行計画（様式3） {count}  表示: {order}  分野: {filter}"),
                focused,
                theme,
            ))
            .column_spacing(1)
            .highlight_symbol(">")
            .row_highlight_style(theme.selected())
            .cell_highlight_style(widgets::cell_style(theme));
        let mut state = TableState::default()
            .with_selected(pos)
            .with_selected_column(shown_col);
        frame.render_stateful_widget(table, table_area, &mut state);
        if vis.is_empty() {
            let key = widgets::key_name(ctx.keymap, &[Context::Form], Action::Add, "a");
            let enter = widgets::key_name(ctx.keymap, &[Context::Form], Action::Edit, "Enter");
            let msg = if client.plan.is_empty() {
                format!("まだ行がありません。{key} または {enter} で追加します")
            } else {
                format!("この分野の行はありません。{key} または {enter} で追加します")
            };
            frame.render_widget(
                Span::styled(msg, theme.dim()),
                Rect {
                    x: table_area.x + 2,
                    y: table_area.y + 2,
                    width: table_area.width.saturating_sub(4),
                    height: 1,
                },
            );
        }

        let width = usize::from(detail_area.width.saturating_sub(2));
        let row = sel.map(|i| &client.plan[i]);
        let mut title = match (pos, sel, row) {
            (Some(p), Some(i), Some(r)) => format!(
                "行 {}/{}  順位 {}  {}",
                p + 1,
                vis.len(),
                rank[i],
                r.area.label()
            ),
            _ => "行なし".to_owned(),
        };
        if let Some(no) = row.and_then(|r| r.from_item) {
            let topic = ctx
                .catalog
                .diagnosis_item(no)
                .map_or("", |d| d.topic.as_str());
            title.push_str(&format!("  自社診断 Q{no} {topic}"));
        }
        if let Some((col, tf)) = &self.typing {
            frame.render_widget(Clear, detail_area);
            let label = format!("{}（{}）", col.label(), title);
            let extra = if *col == Col::Deadline {
                "例 2027-03-31, 2027/3（月末）"
            } else {
                ""
            };
            tf.draw(frame, detail_area, &label, extra, ctx.keymap, ctx.theme);
        } else {
            let lines = row.map_or_else(Vec::new, |r| {
                detail_lines(r, self.col(), &cols, width, today, ctx.catalog, theme)
            });
            frame.render_widget(
                Paragraph::new(lines).block(widgets::block(title, false, theme)),
                detail_area,
            );
        }
        if let Some((_, p)) = &self.picker {
            p.draw(frame, table_area, ctx.keymap, theme);
        }
        let hint = if text_typing {
            Line::styled(" 入力中: 入力のたびに保存されます", theme.dim())
        } else if self.typing.is_some() {
            Line::styled(
                " 入力中: 期限は確定したときに保存されます（日付でなければ入力に戻ります）",
                theme.dim(),
            )
        } else {
            widgets::hints(
                ctx.keymap,
                &[
                    (Action::Edit, "編集"),
                    (Action::Add, "追加"),
                    (Action::Delete, "削除"),
                    (Action::MoveUp, "上へ"),
                    (Action::MoveDown, "下へ"),
                    (Action::SortPriority, "優先順"),
                    (Action::FilterArea, "分野"),
                    (Action::CycleForm, "次の様式"),
                ],
                theme,
            )
        };
        frame.render_widget(hint, hint_area);
    }
}

/// The detail under the table: the focused column in full with what it
/// means, then the text columns the table has no room for.
fn detail_lines(
    r: &PlanRow,
    col: Col,
    cols: &Columns,
    width: usize,
    today: NaiveDate,
    catalog: &Catalog,
    theme: Theme,
) -> Vec<Line<'static>> {
    let lw = if width < 90 { 0 } else { 22 };
    let focus = theme.title();
    let scale = |name: &str| {
        catalog
            .plan
            .scale
            .iter()
            .find(|s| s.name == name)
            .map_or(String::new(), |s| s.description.clone())
    };
    let mut out = Vec::new();
    let mut push = |label: &str, value: &str, style: Style, note: String| {
        // Short values stay on the label's line even when narrow.
        let short = value.chars().count() <= 12 && !value.contains('\n');
        let lw = if lw == 0 && short {
            unicode_width::UnicodeWidthStr::width(label) + 2
        } else {
            lw
        };
        out.extend(widgets::labelled(label, lw, value, width, style, theme));
        if !note.is_empty() {
            let indent = lw.max(2);
            out.extend(
                crate::text::wrap(&note, width.saturating_sub(indent))
                    .into_iter()
                    .map(|l| Line::styled(format!("{}{l}", " ".repeat(indent)), theme.dim())),
            );
        }
    };
    match col {
        Col::Area => push(
            col.label(),
            r.area.label(),
            focus,
            catalog
                .plan
                .area
                .iter()
                .find(|a| a.area == r.area)
                .map_or(String::new(), |a| a.description.clone()),
        ),
        Col::Current | Col::Measure | Col::Concerns => {
            push(col.label(), col.text(r), Style::new(), String::new())
        }
        Col::Linked => push(
            col.label(),
            if r.linked { "あり" } else { "なし" },
            focus,
            "経営施策（事業の取組み）に連携した対策は「あり」にします（様式3ではチェック印）。Enter で切り替え。".into(),
        ),
        Col::Urgency => push(
            col.label(),
            level(r.ratings.urgency),
            focus,
            scale("緊急度"),
        ),
        Col::Importance => push(
            col.label(),
            level(r.ratings.importance),
            focus,
            scale("重要度"),
        ),
        Col::Difficulty => push(
            col.label(),
            difficulty(r.ratings.difficulty),
            focus,
            scale("難易度"),
        ),
        Col::Feasibility => push(
            col.label(),
            feasibility(r.feasibility),
            focus,
            "今後半年から1、2年程度で実施するものを「可」とします。".into(),
        ),
        Col::Deadline => {
            let (value, note) = match r.deadline {
                Some(d) => (
                    japanese(d),
                    deadline_warning(d, today, catalog.plan.horizon_months).map_or(
                        String::new(),
                        |w| {
                            format!(
                                "{}。計画は今後半年から1、2年程度で実施できるものに絞ります",
                                w.message()
                            )
                        },
                    ),
                ),
                None => (String::new(), String::new()),
            };
            let style = if note.is_empty() { focus } else { theme.warn() };
            push(col.label(), &value, style, note);
        }
    }
    for c in [Col::Current, Col::Measure, Col::Concerns] {
        if c != col && !cols.text.iter().any(|(t, _)| *t == c) {
            push(c.label(), c.text(r), Style::new(), String::new());
        }
    }
    out
}
