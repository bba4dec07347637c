//! Text fitted to a width for a `Paragraph` without `Wrap`, through the one
//! line breaker in `crate::text`.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::text::wrap;

/// Lines cut to `width` cells with `wrap`, for a `Paragraph` without
/// `Wrap`: ratatui's word wrapper can let a wide character end one cell past
/// the area, over the border, and the terminal then keeps a stale cell.
/// A line that fits keeps its spans; a longer one takes its first style.
pub fn fit(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let style = line
            .spans
            .first()
            .map_or(line.style, |s| line.style.patch(s.style));
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.extend(
            wrap(&text, width)
                .into_iter()
                .map(|row| Line::styled(row, style)),
        );
    }
    out
}

/// `text` as lines cut to `width` cells.
pub fn fit_text(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|row| Line::styled(row, style))
        .collect()
}
