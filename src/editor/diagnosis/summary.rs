//! The summary view: totals and bands per respondent, a chart per part,
//! gaps, わからない and focus items.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::view::*;
use super::*;
use crate::action::Action;
use crate::domain::diagnosis::{PARTS, part_max, score};
use crate::domain::model::{Answer, Client, Respondent};
use crate::domain::promote::{promoted, review};
use crate::editor::Ctx;
use crate::text::{pad, pad_left};
use crate::widgets::Theme;

impl DiagnosisEditor {
    pub(super) fn draw_summary(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
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
                Span::raw(format!("  {}", cat.diagnosis.band(s.band()).label.as_str())),
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
            Paragraph::new(lines).block(crate::widgets::block(
                Span::styled(" 集計（25問・100点満点） ", theme.title()),
                false,
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
        crate::widgets::draw_list(frame, list, items, title, true, selected, theme);
    }
}

/// One bar chart per part: a bar per respondent, its height the part's score
/// as a share of the part's maximum, labelled with the points.
pub(super) fn draw_chart(frame: &mut Frame, area: Rect, client: &Client, theme: Theme) {
    let rs = &client.diagnosis.respondents;
    let max = part_max();
    let block = crate::widgets::block(
        Span::styled(" 部別の得点率（%） ", theme.title()),
        false,
        theme,
    );
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
pub(super) fn progress_strip(r: &Respondent, current: usize, theme: Theme) -> Line<'static> {
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
