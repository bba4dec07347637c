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
    keys.push_str(&format!(
        " {}:{submit} {}:取消 ",
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
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    clear_under(frame, r, area);
    let p = Paragraph::new(text).block(block("お知らせ（何かキーで閉じる）", true, theme));
    frame.render_widget(p, r);
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
    let contexts = app.contexts();
    let mut lines: Vec<Line> = Vec::new();
    let mut shown = contexts.clone();
    if !shown.contains(&Context::Global)
        && !shown.contains(&Context::Editor)
        && !shown.contains(&Context::Picker)
    {
        shown.push(Context::Global);
    }
    for ctx in shown {
        lines.push(Line::from(Span::styled(
            format!("【{}】", ctx.title()),
            theme.title(),
        )));
        for b in app.keymap.bindings(ctx) {
            lines.push(Line::from(vec![
                Span::styled(pad(&b.key.to_string(), 10), theme.key()),
                Span::raw(b.desc.clone()),
            ]));
        }
        lines.push(Line::from(""));
    }
    let mut notes = Vec::new();
    if contexts.contains(&Context::Agenda)
        || contexts.contains(&Context::List)
        || contexts.contains(&Context::Global)
    {
        let key = |a: Action| app.key(&[Context::Agenda], a);
        notes.push(format!(
            "{}: 固定以外の残りを伸縮し終了予定ちょうどに（各5分以上）。{}・{} でも終了予定は動きません",
            key(Action::Replan),
            key(Action::Extend),
            key(Action::Shorten)
        ));
        notes.push(format!(
            "{}: 戻った議題は記録済みの時間から、今の議題は時間を保ち {} で続きから",
            key(Action::PrevItem),
            key(Action::NextItem)
        ));
    }
    // The open editor's rules (e.g. the plan's priority order).
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    if let Some(e) = app.workspace().and_then(|w| w.editor.as_ref()) {
        notes.extend(e.help_notes(&app.catalog));
    }
    // One column when it fits, else as many columns as the height needs;
    // the rules are wrapped to the column they land in.
    let col_width = |columns: usize| -> u16 {
        if columns == 1 {
            area.width.min(72)
        } else {
            (area.width.saturating_sub(2)) / columns as u16
        }
    };
    let mut columns = 1;
    let wrapped = loop {
        let width = usize::from(col_width(columns)).saturating_sub(3).max(8);
        let wrapped: Vec<String> = notes
            .iter()
            .flat_map(|n| crate::text::wrap(n, width))
            .collect();
        if lines.len() + wrapped.len() <= rows * columns || columns >= 8 {
            break wrapped;
        }
        columns += 1;
    };
    for l in wrapped {
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    let columns = lines.len().div_ceil(rows).max(1);
    let col_w = col_width(columns);
    let width = (col_w * columns as u16 + if columns == 1 { 0 } else { 2 }).min(area.width);
    let height = (lines.len().min(rows) as u16 + 2).min(area.height);
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, r);
    let outer = block(
        "ヘルプ（キー割り当てから生成・何かキーで閉じる）",
        true,
        theme,
    );
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    for (k, chunk) in lines.chunks(rows).enumerate() {
        let x = inner.x + (k as u16) * (inner.width / columns as u16);
        let rect = Rect {
            x,
            y: inner.y,
            width: inner.width / columns as u16,
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(chunk.to_vec()), rect);
    }
}
