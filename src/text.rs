//! Text measured the way a terminal shows it: display width, padding, cutting,
//! and the one line-breaking routine every pane, editor, the help and the
//! exports use (Japanese rules: 禁則処理).
//!
//! A leaf: it names no other module of the crate. Break opportunities come from
//! the `unicode-linebreak` crate (UAX #14, which already keeps 。、）」 off the
//! start of a line and （「 off its end); on top of it a strict Japanese
//! tailoring also keeps small kana, the long-vowel mark and the iteration
//! marks off the start of a line (UAX #14 leaves those to the application).

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

/// Characters that never begin a line (行頭禁則): closing brackets, marks and
/// small kana.
pub const NO_LINE_START: &str = "、。，．,.）)」』】〕〉》］]｝}！？!?：；:;ー－・ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ’”〟";

/// Characters that never end a line (行末禁則): opening brackets.
pub const NO_LINE_END: &str = "（(「『【〔〈《［[｛{‘“〝";

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `cells` display cells (a wide character that would
/// straddle the edge is left out).
pub fn cut(s: &str, cells: usize) -> String {
    s.unicode_truncate(cells).0.to_owned()
}

/// `s` cut or padded with spaces on the right to exactly `cells` cells.
pub fn pad(s: &str, cells: usize) -> String {
    s.unicode_pad(cells, Alignment::Left, true).into_owned()
}

/// `s` cut or padded with spaces on the left to exactly `cells` cells.
pub fn pad_left(s: &str, cells: usize) -> String {
    s.unicode_pad(cells, Alignment::Right, true).into_owned()
}

/// Lines of at most `cells` display cells (never fewer than 2), broken by
/// Japanese rules; `\n` always starts a new line.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    wrap_with(text, cells.max(2) as f32, |s| s.width() as f32)
}

/// The line breaker itself: lines no wider than `max` as measured by
/// `measure` (display cells on a terminal, points in a PDF).
///
/// Breaks only where UAX #14 and the tailoring allow; a single unbreakable
/// run wider than `max` (a long URL, a row of 。) is cut by character, still
/// keeping marks off the start of the next line where it can. Spaces at a
/// break are dropped. An empty text gives one empty line.
pub fn wrap_with(text: &str, max: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.strip_suffix('\r').unwrap_or(para);
        wrap_paragraph(para, max, &measure, &mut out);
    }
    out
}

/// Whether a break is allowed between `before` and `after` under the strict
/// Japanese tailoring (UAX #14 has already allowed it).
fn tailoring_allows(before: Option<char>, after: Option<char>) -> bool {
    !after.is_some_and(|c| NO_LINE_START.contains(c))
        && !before.is_some_and(|c| NO_LINE_END.contains(c))
}

/// The pieces between allowed break positions.
fn segments(para: &str) -> Vec<&str> {
    let mut cuts = Vec::new();
    for (i, op) in linebreaks(para) {
        if i == 0 || i >= para.len() {
            continue;
        }
        let before = para[..i].chars().next_back();
        let after = para[i..].chars().next();
        if op == BreakOpportunity::Mandatory || tailoring_allows(before, after) {
            cuts.push(i);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        out.push(&para[start..c]);
        start = c;
    }
    out.push(&para[start..]);
    out
}

fn wrap_paragraph(para: &str, max: f32, measure: &impl Fn(&str) -> f32, out: &mut Vec<String>) {
    let mut line = String::new();
    for seg in segments(para) {
        let candidate = format!("{line}{seg}");
        if measure(candidate.trim_end()) <= max || line.is_empty() && measure(seg.trim_end()) <= max
        {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            out.push(line.trim_end().to_owned());
            line.clear();
        }
        let seg = if out.is_empty() {
            seg
        } else {
            seg.trim_start()
        };
        if measure(seg.trim_end()) <= max {
            line.push_str(seg);
        } else {
            // One unbreakable run wider than a line: cut it by character.
            for piece in cut_run(seg, max, measure) {
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                line = piece;
            }
        }
    }
    out.push(line.trim_end().to_owned());
}

/// An unbreakable run cut into pieces of at most `max`, each piece as long
/// as it can be while the next one does not start with a closing mark.
fn cut_run(run: &str, max: f32, measure: &impl Fn(&str) -> f32) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = start;
        let mut piece = String::new();
        while end < chars.len() {
            piece.push(chars[end]);
            if measure(&piece) > max && end > start {
                piece.pop();
                break;
            }
            end += 1;
        }
        // Pull a character back along with a mark that would start the next piece.
        let mut back = end;
        while back < chars.len()
            && back > start + 1
            && !tailoring_allows(Some(chars[back - 1]), Some(chars[back]))
        {
            back -= 1;
        }
        if back > start + 1 && back < end {
            end = back;
        }
        out.push(chars[start..end].iter().collect());
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts_badly(line: &str) -> bool {
        line.chars()
            .next()
            .is_some_and(|c| NO_LINE_START.contains(c))
    }

    fn ends_badly(line: &str) -> bool {
        line.chars()
            .next_back()
            .is_some_and(|c| NO_LINE_END.contains(c))
    }

    #[test]
    fn breaks_follow_japanese_rules() {
        // (text, width, expected lines)
        let cases: &[(&str, usize, &[&str])] = &[
            ("あいうえお", 4, &["あい", "うえ", "お"]),
            ("ab\ncd", 10, &["ab", "cd"]),
            ("", 10, &[""]),
            // 。 never starts a line: the character before goes along.
            ("顧客の図面。顧客", 10, &["顧客の図", "面。顧客"]),
            // ・ never starts a line.
            ("災害犯罪・事故", 8, &["災害犯", "罪・事故"]),
            // small kana and ー never start a line.
            ("あいうえおっと", 10, &["あいうえ", "おっと"]),
            ("コンピューター", 8, &["コン", "ピュー", "ター"]),
            // 「 never ends a line.
            ("あいう「えお」", 8, &["あいう", "「えお」"]),
            // ASCII words are kept whole where they fit.
            ("use the VPN gateway", 10, &["use the", "VPN", "gateway"]),
            ("社内でVPNを使う", 8, &["社内で", "VPNを使", "う"]),
            // A word longer than the line is cut by character.
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("abあ", 3, &["ab", "あ"]),
            ("a\n\nb", 10, &["a", "", "b"]),
            ("あいうか、き", 8, &["あいう", "か、き"]),
            ("ab cd ef", 5, &["ab cd", "ef"]),
            // Text with spaces breaks at a space.
            (
                " - 資本金 1000万円 が上限 5000万円 以下",
                33,
                &[" - 資本金 1000万円 が上限 5000万", "円 以下"],
            ),
        ];
        for (text, w, want) in cases {
            let got = wrap(text, *w);
            assert_eq!(&got, want, "wrap({text:?}, {w})");
        }
    }

    #[test]
    fn no_line_is_wider_than_asked_and_none_starts_or_ends_badly() {
        let text = "（株）さくら精機は、図面・見積書をNAS「共有フォルダ」に保存している。\
                    パスワードは「sakura2020」で、全員が同じものを使っている。";
        for w in 4..40 {
            for line in wrap(text, w) {
                assert!(width(&line) <= w, "{line:?} wider than {w}");
                assert!(!starts_badly(&line) || w < 6, "{line:?} at {w}");
                assert!(!ends_badly(&line), "{line:?} at {w}");
            }
        }
    }

    #[test]
    fn wrapping_keeps_every_character_but_break_spaces() {
        let text = "情報セキュリティ基本方針（案）を作成し、社内に周知する。Update the OS.";
        let joined: String = wrap(text, 7).concat();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn measure_can_be_points() {
        // 10 pt per CJK character, 5 pt per ASCII one.
        let pt = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii() { 5.0 } else { 10.0 })
                .sum()
        };
        let lines = wrap_with("基本方針をPDFで提出する。", 40.0, pt);
        assert_eq!(lines, ["基本方針", "をPDFで", "提出す", "る。"]);
    }

    #[test]
    fn pad_and_cut_count_cells() {
        assert_eq!(pad("あい", 6), "あい  ");
        assert_eq!(pad("あいう", 5), "あい ");
        assert_eq!(pad_left("1", 3), "  1");
        assert_eq!(cut("あいう", 5), "あい");
        assert_eq!(width("あa"), 3);
    }
}
