//! The SECURITY ACTION ★★ readiness panel.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::domain::model::Client;
use crate::domain::readiness::readiness;
use crate::text::wrap;

/// The SECURITY ACTION ★★ requirements: a tick for each one met, otherwise
/// what is missing.
pub fn readiness_lines(client: &Client, theme: Theme) -> Vec<Line<'static>> {
    let r = readiness(client);
    let mut out = vec![Line::styled(
        format!(
            "SECURITY ACTION 二つ星: {}",
            if r.complete() {
                "準備完了"
            } else {
                "準備中"
            }
        ),
        theme.title(),
    )];
    for c in r.checks {
        match c.missing {
            None => out.push(Line::styled(format!(" 済 {}", c.label), theme.ok())),
            Some(m) => out.push(Line::styled(format!(" 未 {}: {m}", c.label), theme.warn())),
        }
    }
    out
}

/// The readiness panel (★★ 準備), wrapped to its width with what is
/// missing indented under its requirement.
pub fn draw_readiness(frame: &mut Frame, area: Rect, client: &Client, theme: Theme) {
    let mut lines = readiness_lines(client, theme);
    let title = lines.remove(0);
    let title = Line::from(
        title
            .spans
            .into_iter()
            .map(|s| Span::styled(format!(" {} ", s.content), s.style))
            .collect::<Vec<_>>(),
    );
    let width = usize::from(area.width.saturating_sub(2));
    let mut wrapped = Vec::new();
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        for (i, chunk) in wrap(&text, width.saturating_sub(3)).into_iter().enumerate() {
            let chunk = if i == 0 { chunk } else { format!("   {chunk}") };
            wrapped.push(Line::styled(chunk, line.style));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title);
    frame.render_widget(Paragraph::new(wrapped).block(block), area);
}

/// Rows the readiness panel needs at `width` (borders included).
pub fn readiness_height(client: &Client, width: u16) -> u16 {
    let w = usize::from(width.saturating_sub(2)).saturating_sub(3);
    let rows: usize = readiness_lines(client, Theme { color: false })
        .iter()
        .skip(1)
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            wrap(&text, w).len()
        })
        .sum();
    rows as u16 + 2
}
