//! Bordered blocks and labelled text, the same on every screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

use super::Theme;
use crate::text::{pad, wrap};

/// The first line of `s`, flattened for a one-line cell.
pub fn first_line(s: &str) -> String {
    s.trim().lines().collect::<Vec<_>>().join(" ")
}

/// Style of the focused cell inside a selected row.
pub fn cell_style(theme: Theme) -> Style {
    let s = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED);
    if theme.color { s.fg(Color::Yellow) } else { s }
}

/// A bordered block, focused or not, with a title.
pub fn block(title: impl Into<Line<'static>>, focused: bool, theme: Theme) -> Block<'static> {
    let border = if focused {
        theme.focus_border()
    } else {
        theme.border()
    };
    let mut title: Line<'static> = title.into();
    // A space between the border and the title, unless the title has one.
    if let Some(first) = title.spans.first_mut()
        && !first.content.starts_with(' ')
    {
        first.content = format!(" {}", first.content).into();
    }
    if let Some(last) = title.spans.last_mut()
        && !last.content.ends_with(' ')
    {
        last.content = format!("{} ", last.content).into();
    }
    for span in &mut title.spans {
        if span.style == Style::new() {
            span.style = if focused {
                theme.focus_border()
            } else {
                theme.title()
            };
        }
    }
    Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(title)
}

/// `label` padded to `label_w` cells, then `text` wrapped to the rest of
/// `width` with a hanging indent (`label_w` 0: the label on a line of its
/// own); （未記入） when there is no text.
pub fn labelled(
    label: &str,
    label_w: usize,
    text: &str,
    width: usize,
    style: Style,
    theme: Theme,
) -> Vec<Line<'static>> {
    let text = text.trim();
    if label_w == 0 {
        // Label on a line of its own, the text below at full width.
        let mut out = vec![Line::styled(label.to_owned(), theme.dim())];
        if text.is_empty() {
            out.push(Line::styled("（未記入）", theme.dim()));
        } else {
            out.extend(
                wrap(text, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        }
        return out;
    }
    let body_w = width.saturating_sub(label_w).max(4);
    if text.is_empty() {
        return vec![Line::from(vec![
            Span::styled(pad(label, label_w), theme.dim()),
            Span::styled("（未記入）", theme.dim()),
        ])];
    }
    wrap(text, body_w)
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let head = if i == 0 {
                Span::styled(pad(label, label_w), theme.dim())
            } else {
                Span::raw(" ".repeat(label_w))
            };
            Line::from(vec![head, Span::styled(chunk, style)])
        })
        .collect()
}

/// A bordered list with the selected row highlighted (none when `selected`
/// is `None`): the one list every pane and editor draws.
pub fn draw_list(
    frame: &mut Frame,
    area: Rect,
    items: Vec<ListItem<'static>>,
    title: impl Into<Line<'static>>,
    focused: bool,
    selected: Option<usize>,
    theme: Theme,
) {
    let list = List::new(items)
        .block(block(title, focused, theme))
        .highlight_style(theme.selected());
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, area, &mut state);
}

/// `area` without its first column (text kept off a border it follows).
pub fn off_left(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    }
}
