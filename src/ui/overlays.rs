//! What opens over a screen: the one-line input, messages and the help.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::app::{App, Input, Purpose};
use crate::domain::model::Side;
use crate::keymap::Context;

use super::*;
use crate::widgets::block;

pub(super) fn draw_input(frame: &mut Frame, app: &App, input: &Input, theme: Theme) {
    let area = frame.area();
    // A note pasted in several lines shows them (up to five).
    let h = input.field.line_count().clamp(1, 5) as u16 + 2;
    let rect = Rect {
        x: area.x,
        y: area.bottom().saturating_sub(h + 1),
        width: area.width,
        height: h,
    };
    frame.render_widget(Clear, rect);
    let is_note = matches!(input.purpose, Purpose::NewNote | Purpose::EditNote(_));
    let key = |a: Action| app.key(&[Context::Editor], a);
    let mut title = vec![Span::styled(
        format!(" {} ", input.prompt),
        theme.focus_border(),
    )];
    // The choice a note or a preparation item cycles through, the one on
    // highlighted.
    let (choices, on, word): (Vec<&str>, usize, &str) = if is_note {
        let kinds = crate::domain::model::NoteKind::ALL;
        let on = kinds.iter().position(|k| *k == input.kind).unwrap_or(0);
        (kinds.iter().map(|k| k.label()).collect(), on, "種類")
    } else if input.is_prep() {
        let sides = [Side::Company, Side::Expert];
        let on = sides.iter().position(|k| *k == input.side).unwrap_or(0);
        (sides.iter().map(|k| k.label()).collect(), on, "担当")
    } else {
        (Vec::new(), 0, "")
    };
    for (i, label) in choices.iter().enumerate() {
        let style = if i == on {
            theme.tab_active()
        } else {
            theme.dim()
        };
        title.push(Span::styled(format!(" {label} "), style));
    }
    let mut keys = String::new();
    if !choices.is_empty() {
        keys.push_str(&format!(" {}:{word}", key(Action::CycleKind)));
    }
    let submit = if is_note { "保存" } else { "確定" };
    // Esc keeps a new note as the draft the next quick note brings back.
    let cancel = if input.purpose == Purpose::NewNote {
        "下書きに残す"
    } else {
        "取消"
    };
    keys.push_str(&format!(
        " {}:{submit} {}:{cancel} ",
        key(Action::Submit),
        key(Action::Cancel)
    ));
    title.push(Span::styled(keys, theme.dim()));
    let b = crate::widgets::block(Line::from(title), true, theme);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    input.field.render(frame, inner, !app.help);
    if let Some(msg) = &app.message {
        let r = Rect {
            x: rect.x,
            y: rect.y.saturating_sub(1),
            width: rect.width,
            height: 1,
        };
        frame.render_widget(Clear, r);
        frame.render_widget(Span::styled(format!(" {msg}"), theme.warn()), r);
    }
}

pub(super) fn draw_message(frame: &mut Frame, msg: &str, theme: Theme) {
    let area = frame.area();
    let lines: Vec<&str> = msg.lines().collect();
    if lines.len() <= 1 {
        let r = Rect {
            x: area.x,
            y: area.bottom().saturating_sub(2),
            width: area.width,
            height: 1,
        };
        frame.render_widget(Clear, r);
        frame.render_widget(Span::styled(format!(" {msg}"), theme.warn()), r);
        return;
    }
    let width = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(10)
        .clamp(20, usize::from(area.width) - 4) as u16
        + 4;
    let text: Vec<Line<'static>> = msg.lines().map(|l| Line::from(l.to_owned())).collect();
    let text = crate::widgets::fit(text, usize::from(width.saturating_sub(2)));
    let height = (text.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = popup(frame, area, width, height);
    let p = Paragraph::new(text).block(block("お知らせ（何かキーで閉じる）", true, theme));
    frame.render_widget(p, r);
}

/// A `width`×`height` popup centred in `area`, cleared (see `clear_under`).
fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    clear_under(frame, r, area);
    r
}

/// Clears `r` for a popup, and one more column on each side within `area`:
/// a wide character cut by the popup's edge would otherwise cover its
/// border in a real terminal.
pub(super) fn clear_under(frame: &mut Frame, r: Rect, area: Rect) {
    let margin = Rect {
        x: r.x.saturating_sub(1),
        width: r.width + 2,
        ..r
    }
    .intersection(area);
    frame.render_widget(Clear, margin);
}

pub(super) fn draw_help(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    let (cols, rows) = crate::app::help_area((area.width, area.height));
    let lines = app.help_lines(cols);
    let rows = rows.min(lines.len()).max(1);
    let top = app.help_top(lines.len(), rows);
    let width = (cols as u16 + 2).min(area.width);
    let height = (rows as u16 + 2).min(area.height);
    let r = popup(frame, area, width, height);
    let key = |a: Action| app.key(&[Context::Global], a);
    let title = if lines.len() > rows {
        format!(
            "ヘルプ {}〜{}/{}行（{}・{} で送る・他のキーで閉じる）",
            top + 1,
            top + rows,
            lines.len(),
            key(Action::Up),
            key(Action::Down)
        )
    } else {
        "ヘルプ（キー割り当てから生成・何かキーで閉じる）".to_owned()
    };
    let outer = block(
        crate::text::cut(&title, usize::from(width.saturating_sub(4))),
        true,
        theme,
    );
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let shown: Vec<Line> = lines[top..(top + rows).min(lines.len())]
        .iter()
        .map(|l| match l.kind {
            crate::app::HelpKind::Heading => {
                Line::from(Span::styled(l.text.clone(), theme.title()))
            }
            crate::app::HelpKind::Binding => Line::from(vec![
                Span::styled(l.key.clone(), theme.key()),
                Span::raw(l.text.clone()),
            ]),
            crate::app::HelpKind::Note => Line::from(Span::styled(l.text.clone(), theme.dim())),
            crate::app::HelpKind::Blank => Line::from(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
