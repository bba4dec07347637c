//! Line breaking for the PDF layout, by Japanese rules (禁則処理): no line
//! starts with closing brackets, 、。 or small kana, none ends with an
//! opening bracket; Latin words are broken only at spaces unless a word is
//! wider than the line.
//!
//! This is the one call site of the line breaker: when `crate::text::wrap_with`
//! lands, `wrap_with` below becomes a re-export of it.

/// Characters that may not start a line (行頭禁則).
const NO_START: &str = "、。，．,.・：；:;？！?!ー‐–〜～…‥)）]］｝}〕〉》」』】〙〗〟’”ゝゞ々ヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ%％";
/// Characters that may not end a line (行末禁則).
const NO_END: &str = "(（[［｛{〔〈《「『【〘〖〝‘“";

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
        || "、。「」『』（）【】〔〕〈〉《》・…ー".contains(c)
}

/// Units that are never broken inside: a run of Latin letters and digits
/// (with the spaces after it), or one wide character; a unit that may not
/// start a line is glued to the one before, one that may not end a line to
/// the one after.
fn units(line: &str) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in line.chars() {
        if is_wide(c) || NO_START.contains(c) || NO_END.contains(c) {
            if !word.is_empty() {
                raw.push(std::mem::take(&mut word));
            }
            raw.push(c.to_string());
        } else if c == ' ' {
            word.push(c);
            raw.push(std::mem::take(&mut word));
        } else {
            if word.ends_with(' ') {
                raw.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
    }
    if !word.is_empty() {
        raw.push(word);
    }
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    for u in raw {
        let first = u.chars().next().unwrap_or(' ');
        let last = u.chars().last().unwrap_or(' ');
        if (glue_next || NO_START.contains(first)) && !out.is_empty() {
            out.last_mut().map(|p| p.push_str(&u));
        } else {
            out.push(u);
        }
        glue_next = NO_END.contains(last);
    }
    out
}

/// Breaks `text` into lines no wider than `max` as measured by `measure`;
/// explicit line breaks are kept, an empty paragraph gives an empty line.
pub fn wrap_with(text: &str, max: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.replace("\r\n", "\n").split('\n') {
        let mut cur = String::new();
        for u in units(para) {
            let trial = format!("{cur}{u}");
            if measure(trial.trim_end()) <= max {
                cur = trial;
                continue;
            }
            if !cur.is_empty() {
                lines.push(cur.trim_end().to_owned());
                cur = String::new();
            }
            if measure(u.trim_end()) <= max {
                cur = u;
                continue;
            }
            // A unit wider than a line: break it between characters.
            for c in u.chars() {
                let trial = format!("{cur}{c}");
                if measure(trial.trim_end()) > max && !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                }
                cur.push(c);
            }
        }
        lines.push(cur.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per character, like a monospaced CJK font.
    fn cells(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn no_line_starts_with_closing_marks_or_ends_with_opening_ones() {
        let text = "当社は「情報セキュリティ基本方針」を定め、従業員に周知します。（年1回）見直しっ。";
        for max in 3..20 {
            let lines = wrap_with(text, max as f32, cells);
            assert_eq!(lines.concat(), text, "nothing lost at {max}");
            for l in &lines {
                let first = l.chars().next().unwrap();
                let last = l.chars().last().unwrap();
                assert!(!NO_START.contains(first), "{max}: line starts with {first}: {lines:?}");
                assert!(!NO_END.contains(last), "{max}: line ends with {last}: {lines:?}");
            }
        }
    }

    #[test]
    fn latin_words_break_at_spaces_and_breaks_are_kept() {
        let lines = wrap_with("see https://example.jp/a now\n次の行", 20.0, cells);
        assert_eq!(lines, ["see", "https://example.jp/a", "now", "次の行"]);
        assert_eq!(wrap_with("", 10.0, cells), [""]);
        let long = wrap_with(&"x".repeat(25), 10.0, cells);
        assert_eq!(long, ["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    }
}
