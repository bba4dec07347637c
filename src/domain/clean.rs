//! Text that is safe in front of a terminal and in a Markdown file.
//!
//! Client data comes from typing, pasting, `new --name` and hand-edited
//! files. Some characters in it would act instead of show: C0 and C1 control
//! characters (ESC starts sequences that set the window title, write the
//! clipboard with OSC 52 or clear the screen), DEL, bidirectional controls
//! (U+202E turns the rest of a line around) and zero-width characters and
//! joiners (a terminal and the width tables disagree on them, so a pane
//! border moves by a column).
//!
//! Where it is done:
//! - **input** — [`input`] removes them from what is typed or pasted, from
//!   `new --name`, and from a file as it is read (the store reports which keys
//!   had them, so it is not silent);
//! - **output** — [`line`] and [`text`] make anything printed safe whatever
//!   its source (lists, summaries, error messages), showing a control
//!   character as its visible symbol (ESC as ␛) so a tampered value is seen,
//!   not obeyed;
//! - **Markdown** — exports use [`text`] too: no raw ESC in a report.

use std::borrow::Cow;

/// A control character a terminal would obey: C0 (but tab and newline),
/// DEL and C1.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// An invisible character that reorders or joins text: bidi controls,
/// zero-width spaces and joiners, the byte-order mark, line and paragraph
/// separators.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{61c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Any character [`input`] removes.
pub fn is_unsafe(c: char) -> bool {
    is_control(c) || is_hidden(c)
}

/// Text as it is kept: unsafe characters removed, tab and newline kept,
/// a carriage return before a newline dropped and any other one made a newline.
pub fn input(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\r') && !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(s.chars().filter(|c| !is_unsafe(*c)).collect())
}

/// The visible stand-in for a control character: its Control Pictures
/// symbol (U+2400 block: ␛ for ESC, ␀ for NUL, ␡ for DEL), � for C1.
fn picture(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) || c == '\r' || (!keep_newlines && matches!(c, '\n' | '\t'));
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' if !keep_newlines => out.push(' '),
            '\r' => {}
            c if is_hidden(c) => {}
            c if is_control(c) => out.push(picture(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line for a terminal: newlines and tabs become spaces, control
/// characters their visible symbols, hidden characters are dropped.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Several lines for a terminal or a Markdown file: as [`line`], keeping
/// newlines and tabs.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// The first unsafe character of `s`, named for a message: `U+001B`.
pub fn first_unsafe(s: &str) -> Option<String> {
    s.chars()
        .find(|c| is_unsafe(*c))
        .map(|c| format!("U+{:04X}", c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        let title = "株式会社\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J";
        assert_eq!(line(title), "株式会社␛]0;pwned␇␛]52;c;ZXZpbA==␇␛[2J");
        assert_eq!(line("a\u{9b}31mb\u{7f}"), "a\u{fffd}31mb␡");
        assert_eq!(line("一行目\n二行目\tx"), "一行目 二行目 x");
        assert_eq!(text("一行目\n二行目\tx\r\n"), "一行目\n二行目\tx\n");
        assert!(matches!(line("普通の文字 é 🔥"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_and_joiners_are_dropped() {
        assert_eq!(line("abc\u{202e}fed"), "abcfed");
        assert_eq!(line("👨\u{200d}👩\u{200d}👧"), "👨👩👧");
        assert_eq!(line("\u{feff}x\u{200b}y\u{2066}z\u{2069}"), "xyz");
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2067}', '\u{2068}', '\u{61c}',
        ] {
            assert!(is_hidden(c), "{:04X}", c as u32);
        }
        // Japanese, combining marks and variation selectors are ordinary text.
        for s in ["が", "か\u{3099}", "葛\u{e0100}", "☺\u{fe0f}"] {
            assert_eq!(input(s), s);
        }
    }

    #[test]
    fn input_removes_what_line_would_escape() {
        assert_eq!(input("a\u{1b}[31mb\u{202e}c\r\nd\re"), "a[31mbc\nd\ne");
        assert_eq!(input("\t字下げ\n"), "\t字下げ\n");
        assert_eq!(first_unsafe("ok\u{1b}"), Some("U+001B".into()));
        assert_eq!(first_unsafe("ok"), None);
    }
}
