//! Large digits for the presentation view, readable across a room.

/// Glyph rows (5 high) of a character, or `None` when not drawable.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["█████", "█   █", "█   █", "█   █", "█████"],
        '1' => ["  █  ", " ██  ", "  █  ", "  █  ", " ███ "],
        '2' => ["█████", "    █", "█████", "█    ", "█████"],
        '3' => ["█████", "    █", " ████", "    █", "█████"],
        '4' => ["█   █", "█   █", "█████", "    █", "    █"],
        '5' => ["█████", "█    ", "█████", "    █", "█████"],
        '6' => ["█████", "█    ", "█████", "█   █", "█████"],
        '7' => ["█████", "    █", "   █ ", "  █  ", "  █  "],
        '8' => ["█████", "█   █", "█████", "█   █", "█████"],
        '9' => ["█████", "█   █", "█████", "    █", "█████"],
        ':' => ["   ", " █ ", "   ", " █ ", "   "],
        '-' => ["     ", "     ", "█████", "     ", "     "],
        ' ' => ["  ", "  ", "  ", "  ", "  "],
        _ => return None,
    })
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
            "█████",
            "minus sign in the middle row"
        );
    }
}
