//! Text fitted to a width for a `Paragraph` without `Wrap`, through the one
//! line breaker in `crate::text`.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::wrap;

/// Lines cut to `width` cells with `wrap`, for a `Paragraph` without
/// `Wrap`: ratatui's word wrapper can let a wide character end one cell past
/// the area, over the border, and the terminal then keeps a stale cell.
/// A line that fits keeps its spans. A longer one whose first span is a
/// label padded with spaces (`会社名          `) keeps the label and hangs
/// the rest under it; any other takes its first style.
pub fn fit(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let label_w = line.spans.first().map_or(0, |s| s.width());
        if line.spans.len() > 1 && line.spans[0].content.ends_with("  ") && label_w * 2 <= width {
            let label = line.spans[0].clone();
            let style = line
                .spans
                .get(1)
                .map_or(line.style, |s| line.style.patch(s.style));
            let rest: String = line.spans[1..].iter().map(|s| s.content.as_ref()).collect();
            for (i, row) in wrap(&rest, width - label_w).into_iter().enumerate() {
                let head = if i == 0 {
                    label.clone()
                } else {
                    Span::raw(" ".repeat(label_w))
                };
                out.push(Line::from(vec![head, Span::styled(row, style)]));
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_padded_label_keeps_its_column_and_the_rest_hangs_under_it() {
        let line = Line::from(vec![
            Span::raw("所在地  "),
            Span::raw("東京都大田区桜精町2-8-15"),
        ]);
        let rows: Vec<String> = fit(vec![line], 20)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(rows, ["所在地  東京都大田区", "        桜精町2-8-15"]);
    }

    #[test]
    fn other_lines_wrap_whole() {
        let rows: Vec<String> = fit(vec![Line::from("あいうえおかきくけこ")], 8)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(rows, ["あいうえ", "おかきく", "けこ"]);
    }
}
