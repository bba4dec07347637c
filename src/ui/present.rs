//! The presentation board: what a projector or a web-meeting share shows of
//! a session — the item running, the time left in big digits that scale
//! with the window, the next item and the projected end against the fixed
//! end. Drawn for the `b` view and for the `bansou present` window, from a
//! [`Board`] (agenda and timer only: nothing confidential can get here).

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::bigdigits;
use crate::domain::board::{Board, Phase};
use crate::domain::dates::on_screen;
use crate::domain::model::Stamp;
use crate::text::{cut, width, wrap};
use crate::widgets::Theme;

/// Smallest area the board is drawn in; below it a message says so.
pub const MIN_COLS: u16 = 24;
pub const MIN_ROWS: u16 = 6;

/// Everything the board shows, and nothing else.
pub struct Stage<'a> {
    /// The company's name (the client is the audience).
    pub company: &'a str,
    /// The session's date.
    pub date: Option<NaiveDate>,
    pub board: &'a Board,
    pub now: Stamp,
    /// Minutes before an item's end when the time left turns the warning colour.
    pub warn_minutes: u32,
    /// A line at the foot in the warning colour (the file did not read; a
    /// note is being typed, unseen).
    pub notice: Option<String>,
    /// A dim hint at the foot's right (how to close the window).
    pub hint: Option<String>,
}

/// The colour of the time left: warning near the end, alert once over.
pub fn left_style(left: Duration, warn_minutes: u32, theme: Theme) -> Style {
    if left.num_seconds() < 0 {
        theme.alert()
    } else if left.num_seconds() <= i64::from(warn_minutes) * 60 {
        theme.warn()
    } else {
        theme.current()
    }
}

/// `mm:ss` (or `h:mm:ss`), negative when overrun.
pub fn clock(d: Duration) -> String {
    let secs = d.num_seconds();
    let sign = if secs < 0 { "-" } else { "" };
    let a = secs.unsigned_abs();
    if a >= 3600 {
        format!("{sign}{}:{:02}:{:02}", a / 3600, a / 60 % 60, a % 60)
    } else {
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    }
}

/// Rows of text around the digits: the title (up to two), a gap, then a
/// gap, the label, a gap, the next item and the projected end.
const TEXT_ROWS: u16 = 8;

pub fn draw_stage(frame: &mut Frame, area: Rect, stage: &Stage, theme: Theme) {
    if area.width < MIN_COLS || area.height < MIN_ROWS {
        let lines = vec![
            Line::from("端末が小さすぎます"),
            Line::from(format!("{MIN_COLS}x{MIN_ROWS} 以上に")),
        ];
        frame.render_widget(
            Paragraph::new(crate::widgets::fit(lines, usize::from(area.width)))
                .alignment(Alignment::Center),
            area,
        );
        return;
    }
    let top = Rect { height: 1, ..area };
    let foot = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    draw_top(frame, top, stage, theme);
    draw_foot(frame, foot, stage, theme);
    let lines = body_lines(stage, body, theme);
    let h = (lines.len() as u16).min(body.height);
    let target = Rect {
        y: body.y + (body.height - h) / 2,
        height: h,
        ..body
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), target);
}

fn draw_top(frame: &mut Frame, area: Rect, stage: &Stage, theme: Theme) {
    let clock = format!(" {} ", stage.now.format("%H:%M:%S"));
    let mut left = format!(" 第{}回", stage.board.session + 1);
    if let Some(d) = stage.date {
        left.push_str(&format!("  {}", on_screen(d)));
    }
    let room = usize::from(area.width).saturating_sub(width(&clock) + width(&left) + 2);
    let company = cut(stage.company, room);
    let spans = vec![
        Span::styled(format!(" {company}"), theme.title()),
        Span::styled(left, theme.title()),
    ];
    frame.render_widget(Line::from(spans), area);
    let w = (width(&clock) as u16).min(area.width);
    let right = Rect {
        x: area.right() - w,
        width: w,
        ..area
    };
    frame.render_widget(Span::styled(clock, theme.dim()), right);
}

fn draw_foot(frame: &mut Frame, area: Rect, stage: &Stage, theme: Theme) {
    let hint = stage.hint.as_deref().unwrap_or("");
    let hint_w = (width(hint) as u16 + 1).min(area.width);
    if let Some(n) = &stage.notice {
        let room = usize::from(area.width - hint_w);
        frame.render_widget(
            Span::styled(cut(&format!(" {n}"), room), theme.warn()),
            area,
        );
    }
    if !hint.is_empty() {
        let right = Rect {
            x: area.right() - hint_w,
            width: hint_w,
            ..area
        };
        frame.render_widget(
            Span::styled(cut(hint, usize::from(hint_w)), theme.dim()),
            right,
        );
    }
}

fn body_lines(stage: &Stage, body: Rect, theme: Theme) -> Vec<Line<'static>> {
    let b = stage.board;
    let cols = usize::from(body.width).saturating_sub(2).max(1);
    let title = match (&b.item, b.phase) {
        (Some(t), _) => t.clone(),
        (None, Phase::Finished) => "本日の議題はすべて終了しました".to_owned(),
        (None, _) => "開始前".to_owned(),
    };
    let bold = theme.title().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = wrap(&title, cols)
        .into_iter()
        .take(2)
        .map(|l| Line::from(Span::styled(l, bold)))
        .collect();
    lines.push(Line::from(""));
    // The time left while an item runs, else the wall clock.
    let (digits, style, shape) = match b.left {
        Some(l) => {
            let text = clock(l);
            // Room for a minus sign either way: the digits keep their size
            // when the item overruns.
            let shape = if text.starts_with('-') {
                text.clone()
            } else {
                format!("-{text}")
            };
            (text, left_style(l, stage.warn_minutes, theme), shape)
        }
        None => {
            let text = stage.now.format("%H:%M").to_string();
            (text.clone(), theme.title(), text)
        }
    };
    let avail_h = body.height.saturating_sub(TEXT_ROWS);
    match bigdigits::fit(bigdigits::width(&shape), body.width, avail_h) {
        Some(scale) => lines.extend(
            bigdigits::render_scaled(&digits, scale)
                .iter()
                .map(|r| bigdigits::lit(r, style)),
        ),
        None => lines.push(Line::from(Span::styled(
            digits,
            style.add_modifier(Modifier::BOLD),
        ))),
    }
    lines.push(Line::from(""));
    let label = match (b.phase, b.left) {
        (Phase::Paused, _) => "一時停止中",
        (_, Some(l)) if l.num_seconds() < 0 => "超過",
        (_, Some(_)) => "残り時間",
        (_, None) => "現在時刻",
    };
    lines.push(Line::from(Span::styled(label, theme.dim())));
    lines.push(Line::from(""));
    match (&b.next, b.phase) {
        (_, Phase::Finished) => {}
        (Some((t, m)), _) => {
            let next = format!("次の議題: {t}（{m}分）");
            lines.push(Line::from(cut(&next, cols)));
        }
        (None, _) => lines.push(Line::from(Span::styled(
            "次の議題: なし（最後の議題です）",
            theme.dim(),
        ))),
    }
    if let Some(st) = b.standing {
        let style = if st.over > 0 {
            theme.alert()
        } else {
            theme.ok()
        };
        let what = if b.phase == Phase::Finished {
            "終了"
        } else {
            "見込"
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{what} {}", st.projected.format("%H:%M"))),
            Span::styled(format!(" ({})", st.offset()), style),
            Span::raw(format!(" / 予定 {}", st.end.format("%H:%M"))),
        ]));
    }
    lines
}
