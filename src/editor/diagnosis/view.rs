//! Drawing the walkthrough: tabs, key hints, respondents, fast entry and
//! the per-item drill-down.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::summary::progress_strip;
use super::*;
use crate::action::Action;
use crate::domain::diagnosis::{GAP_THRESHOLD, part_max, score};
use crate::domain::model::{Answer, Client, DIAGNOSIS_ITEMS};
use crate::domain::promote::{promoted, review};
use crate::editor::Ctx;
use crate::keymap::{Context, Keymap};
use crate::text::wrap as wrap_cells;
use crate::text::{pad, pad_left};
use crate::widgets::{Theme, fit_text};

/// `z` for an action in [diagnosis], then [form], then [global]; an arrow
/// key is named in preference to Backspace.
pub(super) fn key_of(keymap: &Keymap, action: Action) -> String {
    crate::widgets::hints::hint_key(
        keymap,
        &[Context::Diagnosis, Context::Form, Context::Global],
        action,
    )
    .unwrap_or_else(|| "-".into())
}

pub(super) fn draw_tabs(frame: &mut Frame, area: Rect, view: View, ctx: &Ctx) {
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
            "  {}/{}:切替 {}:閉じる",
            key_of(ctx.keymap, Action::NextPane),
            key_of(ctx.keymap, Action::PrevPane),
            key_of(ctx.keymap, Action::Cancel)
        ),
        theme.dim(),
    ));
    frame.render_widget(Line::from(spans), area);
}

/// Cells shown for each respondent's name in tables.
pub(super) const NAME_W: usize = 12;

/// Per-respondent bar styles (no colour under NO_COLOR).
pub(super) fn bar_style(theme: Theme, i: usize) -> Style {
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
pub(super) const ASCII_BARS: symbols::bar::Set = symbols::bar::Set {
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
    pub(super) fn hints(&self, ctx: &Ctx) -> Line<'static> {
        use Action::*;
        const ANSWERS: &[Action] = &[Answer(0), Answer(1), Answer(2), Answer(3)];
        const RATINGS: &[Action] = &[CycleUrgency, CycleImportance, CycleDifficulty];
        let items: &[(&[Action], &str)] = match self.view {
            View::Respondents => &[
                (&[Add], "追加"),
                (&[Rename], "名前"),
                (&[CycleRole], "立場"),
                (&[Delete], "削除"),
                (&[Edit], "回答入力へ"),
                (&[WriteQuestionnaires], "回答用紙"),
                (&[ImportAnswers], "取り込み"),
            ],
            View::Entry => &[
                (ANSWERS, "回答して次へ"),
                (&[PrevQuestion], "戻る"),
                (&[Up, Down], "回答者"),
                (&[CycleRole], "立場"),
                (&[Edit], "設問別"),
            ],
            View::Item => &[
                (&[PrevQuestion, NextQuestion], "設問"),
                (&[Up, Down], "回答者"),
                (ANSWERS, "修正"),
                (&[Edit], "メモ"),
                (&[Focus], "重点"),
                (RATINGS, "評価"),
                (&[Promote], "計画へ"),
            ],
            View::Summary => &[
                (&[Up, Down], "選択"),
                (&[Edit], "設問別へ"),
                (&[Focus], "重点"),
                (RATINGS, "緊急度・重要度・難易度"),
                (&[Promote], "計画へ"),
            ],
        };
        crate::widgets::bar(
            ctx.keymap,
            &[Context::Diagnosis, Context::Form],
            items,
            ctx.theme,
        )
    }

    pub(super) fn draw_respondents(
        &self,
        frame: &mut Frame,
        area: Rect,
        client: &Client,
        ctx: &Ctx,
    ) {
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
                        cat.diagnosis.band(s.band()).label.as_str().to_owned()
                    }),
                ]))
            })
            .collect();
        let empty = items.is_empty();
        let title = format!(" 回答者 {}名 ", rs.len());
        let title = Span::styled(title, theme.focus_border());
        let selected = (!empty).then_some(self.resp);
        crate::widgets::draw_list(frame, list_area, items, title, true, selected, theme);
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

    pub(super) fn draw_entry(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let Some(r) = client.diagnosis.respondents.get(self.resp) else {
            let text = format!(
                "回答者がいません。{} で追加すると、そのまま回答の入力に進みます。",
                key_of(ctx.keymap, Action::Add)
            );
            let width = usize::from(area.width.saturating_sub(2));
            frame.render_widget(
                Paragraph::new(fit_text(&text, width, theme.dim())).block(crate::widgets::block(
                    " 回答入力 ",
                    false,
                    theme,
                )),
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
        let block = crate::widgets::block(title, true, theme);
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
                Span::styled(
                    cat.diagnosis.band(s.band()).label.as_str().to_owned(),
                    theme.title(),
                ),
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
            {
                let b = cat.diagnosis.band(s.band());
                lines.push(Line::from(""));
                for row in wrap_cells(&b.advice, width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {row}"), theme.dim()));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::styled(
                format!(
                    "  {} で最後の設問に戻る  {} で次の回答者  {} で表示を切替",
                    key_of(ctx.keymap, Action::PrevQuestion),
                    key_of(ctx.keymap, Action::Down),
                    key_of(ctx.keymap, Action::NextPane)
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
            crate::widgets::block::off_left(inner),
        );
    }

    pub(super) fn draw_item(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
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
        let block = crate::widgets::block(title, true, theme);
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

    pub(super) fn draw_notes(
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
            Paragraph::new(fit_text(&text, width, style)).block(crate::widgets::block(
                Line::from(vec![
                    Span::styled(format!(" {title} "), theme.title()),
                    Span::styled(
                        format!(" {}:編集 ", key_of(ctx.keymap, Action::Edit)),
                        theme.dim(),
                    ),
                ]),
                false,
                theme,
            )),
            area,
        );
    }
}
