//! Positions in TOML text, for error messages that name the line and the key.

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// 1-based line of the first byte that is not UTF-8, for "not UTF-8 text" errors.
pub fn utf8_error_line(err: &std::str::Utf8Error, bytes: &[u8]) -> usize {
    bytes[..err.valid_up_to()]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The key assigned on a line (`key = …`) or the table it opens (`[table]`),
/// cut to 60 characters (a 20,000-deep header is named by its start).
pub fn key_at_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?.trim();
    let key = if let Some(rest) = l.strip_prefix('[') {
        rest.trim_start_matches('[').split(']').next()?.trim()
    } else {
        let (key, _) = l.split_once('=')?;
        let key = key.trim();
        if key.starts_with('#') {
            return None;
        }
        key
    };
    if key.is_empty() {
        return None;
    }
    Some(if key.chars().count() > 60 {
        format!("{}…", key.chars().take(60).collect::<String>())
    } else {
        key.to_owned()
    })
}

/// The 1-based line of a TOML error: from its span, or, for nesting past
/// the parser's recursion limit (reported without one), the line that nests
/// deepest (most `.`, `[` and `{`).
pub fn error_line(text: &str, err: &toml::de::Error) -> Option<usize> {
    match err.span() {
        Some(s) => Some(line_col(text, s.start).0),
        None if err.message().contains("recursion") => deepest_line(text),
        None => None,
    }
}

fn deepest_line(text: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            (
                l.chars().filter(|c| matches!(c, '.' | '[' | '{')).count(),
                i + 1,
            )
        })
        .filter(|(depth, _)| *depth > 0)
        .max_by_key(|(depth, line)| (*depth, std::cmp::Reverse(*line)))
        .map(|(_, line)| line)
}

/// 1-based line of the `index`-th (0-based) header `[[name]]`.
pub fn line_of_array_table(text: &str, name: &str, index: usize) -> Option<usize> {
    let header = format!("[[{name}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let rest = l.trim().strip_prefix(header.as_str()).map(str::trim_start);
            rest.is_some_and(|r| r.is_empty() || r.starts_with('#'))
        })
        .nth(index)
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let text = "a = 1\nタイトル = \"x\"\n";
        let off = text.find('=').unwrap();
        assert_eq!(line_col(text, off), (1, 3));
        let off = text.find("= \"x").unwrap();
        assert_eq!(line_col(text, off), (2, 6));
        assert_eq!(line_col(text, 10_000), (3, 1));
    }

    #[test]
    fn keys_and_tables_are_found_on_a_line() {
        let text = "[[item]]\nminutes = \"ten\"\n# note\n[part]\n";
        assert_eq!(key_at_line(text, 1).as_deref(), Some("item"));
        assert_eq!(key_at_line(text, 2).as_deref(), Some("minutes"));
        assert_eq!(key_at_line(text, 3), None);
        assert_eq!(key_at_line(text, 4).as_deref(), Some("part"));
        assert_eq!(key_at_line(text, 0), None);
        assert_eq!(key_at_line(text, 99), None);
    }

    #[test]
    fn errors_without_a_span_are_placed_on_the_deepest_line() {
        let deep = format!("a = 1\n[{}]\nb = 2\n", vec!["x"; 20_000].join("."));
        let err = toml::from_str::<toml::Table>(&deep).unwrap_err();
        assert!(err.message().contains("recursion"), "{err}");
        assert_eq!(error_line(&deep, &err), Some(2));
        let key = key_at_line(&deep, 2).unwrap();
        assert_eq!(key.chars().count(), 61, "{key}");
        let text = "a = 1\nb = = 2\n";
        let err = toml::from_str::<toml::Table>(text).unwrap_err();
        assert_eq!(error_line(text, &err), Some(2));
        assert_eq!(deepest_line("a = 1\n"), None);
    }

    #[test]
    fn array_tables_are_found_by_index() {
        let text = "[[item]]\nno = 1\n[[item.x]]\n[[item]] # second\nno = 2\n";
        assert_eq!(line_of_array_table(text, "item", 0), Some(1));
        assert_eq!(line_of_array_table(text, "item", 1), Some(4));
        assert_eq!(line_of_array_table(text, "item", 2), None);
        assert_eq!(line_of_array_table(text, "item.x", 0), Some(3));
    }
}
