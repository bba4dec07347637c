//! Drawing the action plan: the table, the detail of the selected row, and the picker.

use super::*;
use crate::action::Action;
use crate::domain::dates::japanese;
use crate::domain::model::{Area, Client, Feasibility, PlanRow};
use crate::domain::plan::{deadline_warning, ranks};
use crate::editor::Ctx;
use crate::keymap::Context;
use crate::text::pad_left;
use crate::widgets::{self};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState};

impl PlanEditor {
    pub(super) fn view(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
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
        let today = ctx.now.date_naive();
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
                detail_lines(r, self.col(), &cols, width, today, ctx)
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
        } else {
            let note = "期限は確定したときに保存されます（日付でなければ入力に戻ります）";
            #[rustfmt::skip]
            let items = [
                (Action::Edit, "編集"), (Action::Add, "追加"), (Action::Delete, "削除"),
                (Action::MoveUp, "上へ"), (Action::MoveDown, "下へ"), (Action::SortPriority, "優先順"),
                (Action::FilterArea, "分野"), (Action::CycleForm, "次の様式"),
            ];
            let typing = self.typing.is_some().then_some(note);
            widgets::hints::form_line(typing, ctx.keymap, &items, theme)
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
    ctx: &Ctx,
) -> Vec<Line<'static>> {
    let (catalog, theme) = (ctx.catalog, ctx.theme);
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
            format!(
                "経営施策（事業の取組み）に連携した対策は「あり」にします（様式3ではチェック印）。{} で切り替え。",
                ctx.key(Action::Edit)
            ),
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
