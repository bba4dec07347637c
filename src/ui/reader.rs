//! The reader (a note, a preparation item, an agenda item, the look back)
//! drawn over the panes: wrapped to its width and scrolled, the header and
//! the status line with the running timer left in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::action::Action;
use crate::app::{App, Reader, Tone};
use crate::keymap::Context;
use crate::widgets::{Theme, block};

/// Draws `r` over `body` (the area between the header and the status line).
pub(super) fn draw_reader(frame: &mut Frame, app: &App, r: &Reader, body: Rect, theme: Theme) {
    let width = body.width.saturating_sub(4).min(100);
    let inner_w = usize::from(width.saturating_sub(4)).max(8);
    let lines = r.wrapped(inner_w);
    // As tall as the text, at most the panes' height less a line each side.
    let height = (lines.len() as u16 + 2).min(body.height.saturating_sub(2));
    let rect = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + 1,
        width,
        height,
    };
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    let top = r.scroll.min(lines.len().saturating_sub(rows));
    let more = if lines.len() > rows {
        format!(
            " {}-{}/{}行",
            top + 1,
            (top + rows).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let key = |a: Action| app.key(&[Context::Global], a);
    let title = Line::from(vec![
        Span::styled(format!(" {} ", r.title), theme.title()),
        Span::styled(
            format!(
                "{more} {}/{}:送る {}:閉じる ",
                key(Action::Up),
                key(Action::Down),
                key(Action::Cancel)
            ),
            theme.dim(),
        ),
    ]);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(rows)
        .map(|(tone, text)| {
            let style = match tone {
                Tone::Heading => theme.title(),
                Tone::Text => ratatui::style::Style::new(),
                Tone::Dim => theme.dim(),
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    super::overlays::clear_under(frame, rect, body);
    let b = block(title, true, theme);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(shown), text_area);
}
