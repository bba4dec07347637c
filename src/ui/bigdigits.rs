//! Large digits for the presentation view, readable across a room. A glyph
//! is drawn with `#` for a lit cell; the view paints those cells as
//! reversed spaces (a full block is East-Asian-ambiguous and drawn double
//! width by some terminals). The digits scale with the area they are given:
//! each glyph cell becomes `x` columns by `y` rows (see [`fit`]).

/// Rows of a glyph at scale 1.
pub const GLYPH_ROWS: u16 = 5;

/// How many terminal cells one glyph cell takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub x: u16,
    pub y: u16,
}

/// Columns `text` takes at scale 1 (glyphs and the one-column gaps
/// between them; undrawable characters take none).
pub fn width(text: &str) -> u16 {
    let widths: Vec<u16> = text
        .chars()
        .filter_map(glyph)
        .map(|g| g[0].len() as u16)
        .collect();
    let gaps = widths.len().saturating_sub(1) as u16;
    widths.iter().sum::<u16>() + gaps
}

/// The largest scale at which digits `cols` columns wide at scale 1 fit in
/// `avail_w` × `avail_h` cells; `None` when not even scale 1 fits. A
/// terminal cell is about twice as tall as wide, so a glyph is widened up
/// to twice its height (square digits) but never made taller than wide.
pub fn fit(cols: u16, avail_w: u16, avail_h: u16) -> Option<Scale> {
    if cols == 0 {
        return None;
    }
    let by_w = avail_w / cols;
    let y = (avail_h / GLYPH_ROWS).min(by_w);
    if y == 0 {
        return None;
    }
    let x = by_w.min(y.saturating_mul(2));
    Some(Scale { x, y })
}

/// The rows of `text` in big digits at `scale`: each glyph cell repeated
/// `x` times across and each row `y` times down.
pub fn render_scaled(text: &str, scale: Scale) -> Vec<String> {
    let mut out = Vec::with_capacity(usize::from(GLYPH_ROWS * scale.y));
    for row in render(text) {
        let wide: String = row
            .chars()
            .flat_map(|c| std::iter::repeat_n(c, usize::from(scale.x)))
            .collect();
        for _ in 0..scale.y {
            out.push(wide.clone());
        }
    }
    out
}

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
        assert_eq!(
            usize::from(width("-12:05")),
            w,
            "width() agrees with render()"
        );
    }

    #[test]
    fn at_80_by_24_the_digits_fit_and_at_200_by_60_they_are_bigger() {
        // "-00:00" is the widest countdown under an hour: 33 columns at scale 1.
        let cols = width("-00:00");
        assert_eq!(cols, 33);
        // About 8 rows of text around the digits.
        let small = fit(cols, 80, 24 - 8).unwrap();
        assert_eq!(small, Scale { x: 2, y: 2 });
        assert!(cols * small.x <= 80 && GLYPH_ROWS * small.y <= 16);
        let big = fit(cols, 200, 60 - 8).unwrap();
        assert_eq!(big, Scale { x: 6, y: 6 });
        assert!(cols * big.x <= 200 && GLYPH_ROWS * big.y <= 52);
        assert_eq!(fit(cols, 120, 40 - 8), Some(Scale { x: 3, y: 3 }));
    }

    #[test]
    fn the_scale_widens_up_to_square_and_never_grows_taller_than_wide() {
        // Wide and low: as tall as the rows allow, twice as wide.
        assert_eq!(fit(27, 300, 10), Some(Scale { x: 4, y: 2 }));
        // Narrow and tall: the width decides both.
        assert_eq!(fit(27, 60, 200), Some(Scale { x: 2, y: 2 }));
        for (w, h) in [(27, 5), (80, 24), (1000, 500), (54, 7), (500, 11)] {
            let s = fit(27, w, h).unwrap();
            assert!(s.y <= s.x && s.x <= 2 * s.y, "{w}x{h}: {s:?}");
            assert!(27 * s.x <= w && GLYPH_ROWS * s.y <= h, "{w}x{h}: {s:?}");
        }
    }

    #[test]
    fn too_small_an_area_gives_no_scale_never_a_panic() {
        assert_eq!(fit(33, 32, 24), None, "one column short");
        assert_eq!(fit(33, 80, 4), None, "one row short");
        assert_eq!(fit(33, 0, 0), None);
        assert_eq!(fit(0, 80, 24), None, "nothing to draw");
        assert_eq!(fit(33, 33, 5), Some(Scale { x: 1, y: 1 }));
        assert_eq!(
            fit(u16::MAX, u16::MAX, u16::MAX),
            Some(Scale { x: 1, y: 1 })
        );
    }

    #[test]
    fn scaled_rows_repeat_each_cell_and_row() {
        let rows = render_scaled("1", Scale { x: 2, y: 3 });
        assert_eq!(rows.len(), 15);
        assert_eq!(rows[0], "    ##    ");
        assert_eq!(rows[2], rows[0]);
        assert_eq!(rows[3], "  ####    ");
        assert!(rows.iter().all(|r| r.len() == 10));
    }
}
