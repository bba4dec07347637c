//! Regulation check editor (様式2 関連規程類の点検結果): the 11 related
//! regulations with their summaries, one of the four review outcomes picked
//! from a list, and a comment per row (what will be written or revised, by
//! when).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState};

use super::confirm::{Confirm, ask};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::domain::model::{Client, RegulationStatus};
use crate::text::pad;
use crate::widgets::{self, Picked, Picker};
use crate::widgets::{Field as TextField, Step};

/// Short form of a review outcome for the table (the full one is in the
/// detail and the picker).
pub fn short(s: Option<RegulationStatus>) -> &'static str {
    match s {
        Some(RegulationStatus::Created) => "新規作成（作成予定）",
        Some(RegulationStatus::Revised) => "見直し改定（改定予定）",
        Some(RegulationStatus::Unchanged) => "対応無し（既存のまま）",
        Some(RegulationStatus::NotNeeded) => "当面は作成不要",
        None => "未選択",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Col {
    #[default]
    Status,
    Comment,
}

#[derive(Default)]
pub struct RegulationsEditor {
    sel: usize,
    col: Col,
    typing: Option<TextField>,
    picker: Option<Picker>,
    /// Row whose comment waits for a second delete.
    confirm_clear: Confirm<usize>,
}

impl RegulationsEditor {
    fn sel(&self, client: &Client) -> usize {
        self.sel.min(client.regulations.len().saturating_sub(1))
    }

    fn type_key(&mut self, ev: &KeyEvent, action: Option<Action>, client: &mut Client) -> Outcome {
        let i = self.sel(client);
        let Some(tf) = &mut self.typing else {
            return Outcome::ignored();
        };
        match tf.key(ev, action) {
            Step::Changed => {
                if let Some(r) = client.regulations.get_mut(i) {
                    r.comment = tf.trimmed();
                }
                Outcome::changed()
            }
            Step::Done => {
                if let Some(r) = client.regulations.get_mut(i) {
                    r.comment = tf.trimmed();
                }
                self.typing = None;
                Outcome::changed()
            }
            Step::Moved | Step::Other(_) => Outcome::consumed(),
        }
    }

    fn pick_key(&mut self, action: Option<Action>, client: &mut Client) -> Outcome {
        let i = self.sel(client);
        let Some(p) = &mut self.picker else {
            return Outcome::ignored();
        };
        match p.key(action) {
            Picked::Open => Outcome::consumed(),
            Picked::Ignored => Outcome::ignored(),
            Picked::Closed => {
                self.picker = None;
                Outcome::consumed()
            }
            Picked::Chosen(k) => {
                self.picker = None;
                if let Some(r) = client.regulations.get_mut(i) {
                    r.status = RegulationStatus::ALL.get(k).copied();
                }
                Outcome::changed()
            }
        }
    }

    fn browse_key(&mut self, action: Option<Action>, client: &mut Client, ctx: &Ctx) -> Outcome {
        let n = client.regulations.len();
        let i = self.sel(client);
        self.confirm_clear.seen(action);
        match action {
            Some(Action::Up) => self.sel = i.saturating_sub(1),
            Some(Action::Down) => self.sel = (i + 1).min(n.saturating_sub(1)),
            Some(Action::Left | Action::Right | Action::NextPane | Action::PrevPane) => {
                self.col = match self.col {
                    Col::Status => Col::Comment,
                    Col::Comment => Col::Status,
                };
            }
            Some(Action::Edit | Action::Toggle) => {
                let Some(r) = client.regulations.get(i) else {
                    return Outcome::consumed();
                };
                match self.col {
                    Col::Status => {
                        let mut options: Vec<String> = RegulationStatus::ALL
                            .iter()
                            .map(|s| s.label().to_owned())
                            .collect();
                        options.push("（未選択に戻す）".into());
                        let cur = r
                            .status
                            .and_then(|s| RegulationStatus::ALL.iter().position(|x| *x == s))
                            .unwrap_or(0);
                        self.picker = Some(Picker::new("今回の見直し", options, cur));
                    }
                    Col::Comment => self.typing = Some(TextField::multi(&r.comment)),
                }
            }
            Some(Action::Delete) => {
                let Some(r) = client.regulations.get_mut(i) else {
                    return Outcome::consumed();
                };
                match self.col {
                    Col::Status if r.status.is_some() => {
                        r.status = None;
                        return Outcome::changed();
                    }
                    Col::Comment if !r.comment.is_empty() => {
                        if !self.confirm_clear.twice(Action::Delete, i) {
                            return Outcome {
                                message: Some(ask(&ctx.key(Action::Delete), "コメントを消します")),
                                ..Outcome::consumed()
                            };
                        }
                        r.comment.clear();
                        return Outcome::changed();
                    }
                    _ => {}
                }
            }
            _ => return Outcome::ignored(),
        }
        Outcome::consumed()
    }
}

impl Editor for RegulationsEditor {
    fn typing(&self) -> bool {
        self.typing.is_some()
    }

    fn key(&mut self, Press { ev, action }: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        if self.typing.is_some() {
            self.type_key(ev, action, client)
        } else if self.picker.is_some() {
            self.pick_key(action, client)
        } else {
            self.browse_key(action, client, ctx)
        }
    }

    fn paste(&mut self, text: &str, client: &mut Client, _ctx: &Ctx) -> Outcome {
        let i = self.sel(client);
        let Some(tf) = &mut self.typing else {
            return Outcome::ignored();
        };
        if tf.paste(text) == Step::Changed {
            if let Some(r) = client.regulations.get_mut(i) {
                r.comment = tf.trimmed();
            }
            Outcome::changed()
        } else {
            Outcome::consumed()
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let rows = &client.regulations;
        // Comments take up to three lines a row when the screen is tall
        // enough to leave the detail below at least ten rows.
        let n = rows.len().max(1);
        let spare = usize::from(area.height.saturating_sub(1 + 10 + 3));
        let per_row = (spare / n).clamp(1, 3);
        let inner_w = usize::from(area.width.saturating_sub(3));
        let name_w: usize = if inner_w >= 110 { 30 } else { 18 };
        let status_w = 22;
        let comment_w = inner_w.saturating_sub(2 + name_w + status_w + 3);
        let comment_lines: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut l = crate::text::wrap(r.comment.trim(), comment_w);
                l.truncate(per_row);
                l
            })
            .collect();
        let body_h: usize = comment_lines.iter().map(|l| l.len().max(1)).sum();
        let table_h = (body_h as u16 + 3).min(area.height.saturating_sub(6));
        let [table_area, detail_area, hint_area] = Layout::vertical([
            Constraint::Length(table_h),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        let sel = self.sel(client);
        let done = rows.iter().filter(|r| r.status.is_some()).count();
        let body: Vec<Row> = rows
            .iter()
            .zip(comment_lines)
            .map(|(r, comment)| {
                let height = comment.len().max(1) as u16;
                let name = ctx
                    .catalog
                    .regulation(r.no)
                    .map_or(String::new(), |e| e.name.clone());
                let status_style = if r.status.is_some() {
                    Style::new()
                } else {
                    theme.warn()
                };
                Row::new(vec![
                    Cell::from(format!("{:>2}", r.no)),
                    Cell::from(crate::text::cut(&name, name_w)),
                    Cell::from(Span::styled(short(r.status), status_style)),
                    Cell::from(Text::from(
                        comment.into_iter().map(Line::from).collect::<Vec<_>>(),
                    )),
                ])
                .height(height)
            })
            .collect();
        let header = Row::new(vec![
            Cell::from("No"),
            Cell::from(pad("関連規程／ガイド類", name_w)),
            Cell::from("今回の見直し"),
            Cell::from("コメント（何をいつまでに）"),
        ])
        .style(theme.title());
        let col = match self.col {
            Col::Status => 2,
            Col::Comment => 3,
        };
        let focused = self.typing.is_none() && self.picker.is_none();
        let table = Table::new(
            body,
            [
                Constraint::Length(2),
                Constraint::Length(name_w as u16),
                Constraint::Length(status_w as u16),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .block(widgets::block(
            format!("関連規程類の点検（様式2） 点検済 {done}/{}", rows.len()),
            focused,
            theme,
        ))
        .highlight_symbol(">")
        .row_highlight_style(theme.selected())
        .cell_highlight_style(widgets::cell_style(theme));
        let mut state = TableState::default()
            .with_selected(Some(sel))
            .with_selected_column(Some(col));
        frame.render_stateful_widget(table, table_area, &mut state);

        let entry = rows.get(sel).and_then(|r| ctx.catalog.regulation(r.no));
        let title = rows.get(sel).map_or(String::new(), |r| {
            format!("{} {}", r.no, entry.map_or("", |e| e.name.as_str()))
        });
        if let Some(tf) = &self.typing {
            frame.render_widget(Clear, detail_area);
            tf.draw(
                frame,
                detail_area,
                &format!("{title}: コメント"),
                "",
                ctx.keymap,
                ctx.theme,
            );
        } else {
            let width = usize::from(detail_area.width.saturating_sub(2));
            let mut lines: Vec<Line> = Vec::new();
            if let Some(r) = rows.get(sel) {
                lines.extend(widgets::labelled(
                    "概要",
                    14,
                    entry.map_or("", |e| e.summary.as_str()),
                    width,
                    theme.dim(),
                    theme,
                ));
                let (status, style) = match r.status {
                    Some(s) => (s.label().to_owned(), Style::new()),
                    None => (
                        format!("未選択（{} で選ぶ）", ctx.key(Action::Edit)),
                        theme.warn(),
                    ),
                };
                lines.extend(widgets::labelled(
                    "今回の見直し",
                    14,
                    &status,
                    width,
                    style,
                    theme,
                ));
                lines.extend(widgets::labelled(
                    "コメント",
                    14,
                    &r.comment,
                    width,
                    Style::new(),
                    theme,
                ));
                // The choices, when there is room: what the sheet's pull-down offers.
                let room = usize::from(detail_area.height.saturating_sub(2));
                if lines.len() + 2 + RegulationStatus::ALL.len() <= room {
                    lines.push(Line::from(""));
                    lines.push(Line::styled("今回の見直しの選択肢", theme.dim()));
                    for s in RegulationStatus::ALL {
                        let mark = if r.status == Some(s) { ">" } else { " " };
                        lines.push(Line::styled(format!("  {mark} {}", s.label()), theme.dim()));
                    }
                }
            }
            frame.render_widget(
                Paragraph::new(lines).block(widgets::block(title, false, theme)),
                detail_area,
            );
        }
        if let Some(p) = &self.picker {
            p.draw(frame, table_area, ctx.keymap, theme);
        }
        #[rustfmt::skip]
        let items = [
            (Action::Edit, "選ぶ／書く"), (Action::Right, "見直し／コメント"), (Action::Delete, "消す"),
            (Action::CycleForm, "次の様式"), (Action::Cancel, "閉じる"),
        ];
        let typing = self.typing.is_some().then_some("入力のたびに保存されます");
        let hint = widgets::hints::form_line(typing, ctx.keymap, &items, theme);
        frame.render_widget(hint, hint_area);
    }
}
