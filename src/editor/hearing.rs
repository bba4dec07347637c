//! Hearing sheet editor (様式1): the 7 sections and their sub-points from the
//! catalog, a multi-line answer and "points to consider in this guidance"
//! (今回の指導で考慮すべき点) per sub-point, and the progress count.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, ListItem, Paragraph};

use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::content::Catalog;
use crate::content::{HearingPoint, HearingSection};
use crate::domain::model::{Client, HearingAnswer};
use crate::keymap::Context;
use crate::text::pad;
use crate::text::wrap as wrap_cells;
use crate::widgets::{Field, Step, fit_text};

/// The two fields of a sub-point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Answer,
    Consider,
}

impl Slot {
    fn label(self) -> &'static str {
        match self {
            Slot::Answer => "ヒアリング結果",
            Slot::Consider => "今回の指導で考慮すべき点",
        }
    }

    fn short(self) -> &'static str {
        match self {
            Slot::Answer => "結果",
            Slot::Consider => "考慮点",
        }
    }

    fn other(self) -> Slot {
        match self {
            Slot::Answer => Slot::Consider,
            Slot::Consider => Slot::Answer,
        }
    }
}

/// The stored text of a slot of a sub-point.
fn stored(client: &Client, point: &str, slot: Slot) -> String {
    client
        .hearing
        .iter()
        .find(|h| h.point == point)
        .map(|h| match slot {
            Slot::Answer => h.answer.clone(),
            Slot::Consider => h.consider.clone(),
        })
        .unwrap_or_default()
}

/// Stores the text of a slot, keeping answers in catalog order and dropping
/// sub-points left with nothing in them.
fn store(client: &mut Client, cat: &Catalog, point: &str, slot: Slot, text: &str) {
    let i = match client.hearing.iter().position(|h| h.point == point) {
        Some(i) => i,
        None if text.trim().is_empty() => return,
        None => {
            let order: Vec<&str> = cat.hearing_points().map(|(_, p)| p.id.as_str()).collect();
            let rank = |id: &str| order.iter().position(|o| *o == id).unwrap_or(usize::MAX);
            let at = client
                .hearing
                .iter()
                .position(|h| rank(&h.point) > rank(point))
                .unwrap_or(client.hearing.len());
            client.hearing.insert(
                at,
                HearingAnswer {
                    point: point.to_owned(),
                    ..HearingAnswer::default()
                },
            );
            at
        }
    };
    let h = &mut client.hearing[i];
    match slot {
        Slot::Answer => h.answer = text.to_owned(),
        Slot::Consider => h.consider = text.to_owned(),
    }
    if h.answer.trim().is_empty() && h.consider.trim().is_empty() {
        client.hearing.remove(i);
    }
}

fn answered(client: &Client, point: &str) -> bool {
    !stored(client, point, Slot::Answer).trim().is_empty()
}

struct Editing {
    slot: Slot,
    field: Field,
}

pub struct HearingEditor {
    /// Index into the catalog's sub-points, in order.
    sel: usize,
    slot: Slot,
    editing: Option<Editing>,
}

impl HearingEditor {
    /// Opens on the first sub-point without an answer.
    pub fn new(client: &Client, cat: &Catalog) -> HearingEditor {
        let sel = cat
            .hearing_points()
            .position(|(_, p)| !answered(client, &p.id))
            .unwrap_or(0);
        HearingEditor {
            sel,
            slot: Slot::Answer,
            editing: None,
        }
    }

    fn point<'c>(&self, cat: &'c Catalog) -> Option<(&'c HearingSection, &'c HearingPoint)> {
        let n = cat.hearing_points().count();
        cat.hearing_points().nth(self.sel.min(n.saturating_sub(1)))
    }

    fn start_edit(&mut self, slot: Slot, client: &Client, cat: &Catalog) {
        if let Some((_, p)) = self.point(cat) {
            let text = stored(client, &p.id, slot);
            self.slot = slot;
            self.editing = Some(Editing {
                slot,
                field: Field::multi(&text),
            });
        }
    }

    /// Moves to the first sub-point of the next (or previous) section.
    fn jump_section(&mut self, cat: &Catalog, forward: bool) {
        let points: Vec<u8> = cat.hearing_points().map(|(s, _)| s.no).collect();
        let Some(&cur) = points.get(self.sel) else {
            return;
        };
        let sections: Vec<u8> = cat.hearing.section.iter().map(|s| s.no).collect();
        let k = sections.iter().position(|s| *s == cur).unwrap_or(0);
        let target = if forward {
            sections[(k + 1) % sections.len()]
        } else {
            sections[(k + sections.len() - 1) % sections.len()]
        };
        if let Some(i) = points.iter().position(|s| *s == target) {
            self.sel = i;
        }
    }

    fn write(&mut self, client: &mut Client, cat: &Catalog, trim: bool) -> Outcome {
        let Some((_, p)) = self.point(cat) else {
            return Outcome::consumed();
        };
        let id = p.id.clone();
        let Some(ed) = &mut self.editing else {
            return Outcome::consumed();
        };
        let text = ed.field.value(trim);
        store(client, cat, &id, ed.slot, &text);
        Outcome::changed()
    }
}

impl Editor for HearingEditor {
    fn typing(&self) -> bool {
        self.editing.is_some()
    }

    fn key(&mut self, Press { ev, action }: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        let cat = ctx.catalog;
        let n = cat.hearing_points().count();
        if let Some(ed) = &mut self.editing {
            return match ed.field.key(ev, action) {
                Step::Changed => self.write(client, cat, false),
                Step::Moved => Outcome::consumed(),
                Step::Other(Action::CycleKind) => {
                    // Tab: on to the other field of the same sub-point.
                    let out = self.write(client, cat, true);
                    let slot = self.slot.other();
                    self.start_edit(slot, client, cat);
                    out
                }
                Step::Other(_) => Outcome::consumed(),
                Step::Done => {
                    let out = self.write(client, cat, true);
                    self.editing = None;
                    out
                }
            };
        }
        // Moving to another sub-point starts on its answer.
        if matches!(
            action,
            Some(Action::Up | Action::Down | Action::NextPane | Action::PrevPane)
        ) {
            self.slot = Slot::Answer;
        }
        match action {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => self.sel = (self.sel + 1).min(n.saturating_sub(1)),
            Some(Action::NextPane) => self.jump_section(cat, true),
            Some(Action::PrevPane) => self.jump_section(cat, false),
            Some(Action::Left) => self.slot = Slot::Answer,
            Some(Action::Right) => self.slot = Slot::Consider,
            Some(Action::Edit) => self.start_edit(self.slot, client, cat),
            Some(Action::Toggle) => self.slot = self.slot.other(),
            // The form pane stays on the sheet while it is open.
            Some(Action::CycleForm) => {}
            _ => return Outcome::ignored(),
        }
        Outcome::consumed()
    }

    fn paste(&mut self, text: &str, client: &mut Client, ctx: &Ctx) -> Outcome {
        match &mut self.editing {
            Some(ed) => match ed.field.paste(text) {
                Step::Changed => self.write(client, ctx.catalog, false),
                _ => Outcome::consumed(),
            },
            None => Outcome::ignored(),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let list_w = (area.width * 2 / 5).clamp(30, 50);
        let [left, right] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(20)]).areas(area);

        // The outline: sections with their counts, sub-points with a mark.
        let total = cat.hearing_points().count();
        let done = cat
            .hearing_points()
            .filter(|(_, p)| answered(client, &p.id))
            .count();
        let inner_w = usize::from(left.width.saturating_sub(2));
        let mut items = Vec::new();
        let mut selected = 0;
        let mut k = 0;
        for s in &cat.hearing.section {
            let n_done = s.point.iter().filter(|p| answered(client, &p.id)).count();
            let count = format!(" {n_done}/{}", s.point.len());
            items.push(ListItem::new(Line::from(vec![
                Span::styled(
                    pad(
                        &format!("{} {}", s.no, s.title),
                        inner_w.saturating_sub(count.len()),
                    ),
                    theme.title(),
                ),
                Span::styled(count, theme.dim()),
            ])));
            for p in &s.point {
                if k == self.sel {
                    selected = items.len();
                }
                k += 1;
                let has_consider = !stored(client, &p.id, Slot::Consider).trim().is_empty();
                let (mark, style) = if answered(client, &p.id) {
                    ("済", Style::new())
                } else {
                    ("・", theme.dim())
                };
                let tail = if has_consider { " 考" } else { "" };
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(format!(" {mark} "), style),
                    Span::styled(
                        pad(
                            &format!("{} {}", p.id, p.title),
                            inner_w.saturating_sub(4 + 3),
                        ),
                        style,
                    ),
                    Span::styled(tail, theme.warn()),
                ])));
            }
        }
        let title = if left.width >= 44 {
            format!(" ヒアリングシート（様式1） 回答 {done}/{total} ")
        } else {
            format!(" 様式1 回答 {done}/{total} ")
        };
        let title = Span::styled(title, theme.focus_border());
        let focused = self.editing.is_none();
        crate::widgets::draw_list(frame, left, items, title, focused, Some(selected), theme);

        let Some((section, point)) = self.point(cat) else {
            return;
        };
        let text_w = usize::from(right.width.saturating_sub(1)).max(2);
        let mut head_lines = vec![Line::styled(
            pad(&format!("{} {}", section.no, section.title), text_w),
            theme.dim(),
        )];
        for row in wrap_cells(&format!("{} {}", point.id, point.title), text_w)
            .into_iter()
            .take(2)
        {
            head_lines.push(Line::styled(row, theme.title()));
        }
        for row in wrap_cells(&format!("聞き取る点: {}", point.hint), text_w)
            .into_iter()
            .take(3)
        {
            head_lines.push(Line::styled(row, theme.dim()));
        }
        let [head, answer_area, consider_area, keys] = Layout::vertical([
            Constraint::Length(head_lines.len() as u16),
            Constraint::Percentage(60),
            Constraint::Min(4),
            Constraint::Length(1),
        ])
        .areas(right);
        frame.render_widget(
            Paragraph::new(head_lines),
            crate::widgets::block::off_left(head),
        );
        for (slot, rect) in [(Slot::Answer, answer_area), (Slot::Consider, consider_area)] {
            match &self.editing {
                Some(ed) if ed.slot == slot => {
                    let other = format!(
                        "{}:{}へ",
                        ctx.key_in(&[Context::Editor], Action::CycleKind),
                        slot.other().short()
                    );
                    ed.field
                        .draw(frame, rect, slot.label(), &other, ctx.keymap, ctx.theme);
                }
                _ => {
                    let text = stored(client, &point.id, slot);
                    let focused = self.editing.is_none() && self.slot == slot;
                    let (body, style) = if text.trim().is_empty() {
                        ("（未記入）".to_owned(), theme.dim())
                    } else {
                        (text, Style::new())
                    };
                    let mut title = vec![Span::styled(
                        format!(" {} ", slot.label()),
                        if focused {
                            theme.focus_border()
                        } else {
                            theme.title()
                        },
                    )];
                    if focused {
                        title.push(Span::styled(
                            format!(" {}:編集 ", ctx.key(Action::Edit)),
                            theme.dim(),
                        ));
                    }
                    let width = usize::from(rect.width.saturating_sub(2));
                    frame.render_widget(
                        Paragraph::new(fit_text(&body, width, style)).block(
                            Block::default()
                                .borders(Borders::ALL)
                                .border_style(if focused {
                                    theme.focus_border()
                                } else {
                                    theme.border()
                                })
                                .title(Line::from(title)),
                        ),
                        rect,
                    );
                }
            }
        }
        let key = |a: Action| ctx.key(a);
        let hints = if self.editing.is_some() {
            String::new()
        } else {
            format!(
                " {}/{} 項目  {}/{} 大項目  {}/{} 欄  {} 編集  {} 閉じる",
                key(Action::Up),
                key(Action::Down),
                key(Action::NextPane),
                key(Action::PrevPane),
                key(Action::Left),
                key(Action::Right),
                key(Action::Edit),
                key(Action::Cancel),
            )
        };
        frame.render_widget(Span::styled(hints, theme.dim()), keys);
    }
}
