//! Large digits for the presentation view, readable across a room. A glyph
//! is drawn with `#` for a lit cell; the view paints those cells as
//! reversed spaces (a full block is East-Asian-ambiguous and drawn double
//! width by some terminals).

/// Glyph rows (5 high, separated by `|`) of a character, or `None` when
/// not drawable.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    let rows = match c {
        '0' => "#####|#   #|#   #|#   #|#####",
        '1' => "  #  | ##  |  #  |  #  | ### ",
        '2' => "#####|    #|#####|#    |#####",
        '3' => "#####|    #| ####|    #|#####",
        '4' => "#   #|#   #|#####|    #|    #",
        '5' => "#####|#    |#####|    #|#####",
        '6' => "#####|#    |#####|#   #|#####",
        '7' => "#####|    #|   # |  #  |  #  ",
        '8' => "#####|#   #|#####|#   #|#####",
        '9' => "#####|#   #|#####|    #|#####",
        ':' => "   | # |   | # |   ",
        '-' => "     |     |#####|     |     ",
        ' ' => "  |  |  |  |  ",
        _ => return None,
    };
    let mut out = [""; 5];
    for (slot, row) in out.iter_mut().zip(rows.split('|')) {
        *slot = row;
    }
    Some(out)
}

/// The five rows of `text` in big digits (unknown characters are skipped).
pub fn render(text: &str) -> [String; 5] {
    let mut rows: [String; 5] = Default::default();
    for c in text.chars() {
        if let Some(g) = glyph(c) {
            for (row, part) in rows.iter_mut().zip(g) {
                if !row.is_empty() {
                    row.push(' ');
                }
                row.push_str(part);
            }
        }
    }
    rows
}

/// One row of big digits as a line: lit cells as reversed spaces in `style`.
pub fn lit(row: &str, style: ratatui::style::Style) -> ratatui::text::Line<'static> {
    use ratatui::style::Modifier;
    use ratatui::text::Span;
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut on = false;
    for c in row.chars() {
        let lit = c == '#';
        if lit != on && !run.is_empty() {
            let s = if on {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            spans.push(Span::styled(std::mem::take(&mut run), s));
        }
        on = lit;
        run.push(' ');
    }
    if !run.is_empty() {
        let s = if on {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        };
        spans.push(Span::styled(run, s));
    }
    ratatui::text::Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn rows_have_equal_width() {
        let r = render("-12:05");
        let w = r[0].width();
        assert!(w > 20);
        assert!(r.iter().all(|row| row.width() == w), "{r:?}");
        assert_eq!(
            r[2].chars().take(5).collect::<String>(),
            "#####",
            "minus sign in the middle row"
        );
    }
}
