//! Pieces shared by the basic-policy, regulation-check and action-plan
//! editors (text fields are `super::field`): a picker for fixed choices,
//! display-width wrapping of Japanese text, key hints read from the keymap,
//! and the SECURITY ACTION ★★ readiness panel.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::action::Action;
use crate::domain::model::Client;
use crate::domain::readiness::readiness;
use crate::keymap::{Context, Keymap};
use crate::ui::{Theme, pad};

/// Characters that must not begin a line (行頭禁則).
const NO_LINE_START: &str =
    "、。，．,.）)」』】〕〉》］]｝}！？!?：；:;ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々";

/// Wraps `text` into lines of at most `width` display cells, keeping
/// explicit line breaks. Closing brackets and punctuation are not left at
/// the start of a line (the character before them moves down with them),
/// and a short ASCII word is not split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in para.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > width && !line.is_empty() {
                // Move characters down until the new line starts with one
                // that may begin a line.
                let mut carried = String::new();
                let word = |x: char| x.is_ascii_alphanumeric();
                let run = line.chars().rev().take_while(|x| word(*x)).count();
                if word(c) && run > 0 && run < line.chars().count() && run < width {
                    // Keep an ASCII word (CAD, 2027, VPN) whole.
                    for _ in 0..run {
                        if let Some(x) = line.pop() {
                            carried.insert(0, x);
                        }
                    }
                } else if NO_LINE_START.contains(c) {
                    while line.chars().count() > 1 {
                        let Some(last) = line.pop() else { break };
                        carried.insert(0, last);
                        if !NO_LINE_START.contains(last) {
                            break;
                        }
                    }
                }
                out.push(std::mem::take(&mut line));
                line = carried;
                w = line.width();
            }
            line.push(c);
            w += cw;
        }
        out.push(line);
    }
    out
}

/// Cuts `s` to at most `width` cells without padding.
pub fn cut(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out
}

/// The first line of `s`, flattened for a one-line cell.
pub fn first_line(s: &str) -> String {
    s.trim().lines().collect::<Vec<_>>().join(" ")
}

/// A list of fixed choices shown over the form (プルダウン).
pub struct Picker {
    pub title: String,
    pub options: Vec<String>,
    pub sel: usize,
}

/// What a key did to a picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Still open.
    Open,
    Chosen(usize),
    Closed,
}

impl Picker {
    pub fn new(title: impl Into<String>, options: Vec<String>, sel: usize) -> Picker {
        let sel = sel.min(options.len().saturating_sub(1));
        Picker {
            title: title.into(),
            options,
            sel,
        }
    }

    pub fn key(&mut self, action: Option<Action>) -> Picked {
        match action {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => {
                self.sel = (self.sel + 1).min(self.options.len().saturating_sub(1))
            }
            Some(Action::Edit | Action::Toggle | Action::Submit) => {
                return Picked::Chosen(self.sel);
            }
            Some(Action::Cancel) => return Picked::Closed,
            _ => {}
        }
        Picked::Open
    }

    /// Draws the picker centred over `over`.
    pub fn draw(&self, frame: &mut Frame, over: Rect, keymap: &Keymap, theme: Theme) {
        let choose = key_name(keymap, &[Context::Form], Action::Edit, "Enter");
        let hint = format!(" Up/Down:選ぶ {choose}:決定 Esc:閉じる ");
        let widest = self
            .options
            .iter()
            .map(|o| o.width())
            .chain([self.title.width() + 4, hint.width()])
            .max()
            .unwrap_or(10);
        let width = (widest as u16 + 6).min(over.width);
        let height = (self.options.len() as u16 + 2).min(over.height);
        let rect = Rect {
            x: over.x + over.width.saturating_sub(width) / 2,
            y: over.y + over.height.saturating_sub(height) / 2,
            width,
            height,
        };
        // Clear one more column on each side: a wide character cut by the
        // popup's edge would otherwise cover its border in a real terminal.
        let margin = Rect {
            x: rect.x.saturating_sub(1),
            width: rect.width + 2,
            ..rect
        }
        .intersection(frame.area());
        frame.render_widget(Clear, margin);
        let items: Vec<ListItem> = self
            .options
            .iter()
            .map(|o| ListItem::new(o.clone()))
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(Span::styled(
                format!(" {} ", self.title),
                theme.focus_border(),
            ))
            .title_bottom(Span::styled(hint, theme.dim()));
        let list = List::new(items)
            .block(block)
            .highlight_symbol("> ")
            .highlight_style(theme.selected());
        let mut state = ListState::default().with_selected(Some(self.sel));
        frame.render_stateful_widget(list, rect, &mut state);
    }
}

/// The name of the first key bound to `action` in `contexts`, without
/// angle brackets (`Enter`, `C-s`, `t`).
pub fn key_name(keymap: &Keymap, contexts: &[Context], action: Action, fallback: &str) -> String {
    keymap
        .first_key(contexts, action)
        .map_or_else(|| fallback.to_owned(), |k| k.short())
}

/// One line of key hints (` Enter 編集  a 追加 …`), keys read from the
/// keymap ([form] first, then [global]) so they never drift.
pub fn hints(keymap: &Keymap, items: &[(Action, &str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (action, label) in items {
        let Some(key) = keymap.first_key(&[Context::Form, Context::Global], *action) else {
            continue;
        };
        spans.push(Span::styled(format!(" {}", key.short()), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
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
    if let Some(first) = title.spans.first_mut() {
        first.content = format!(" {}", first.content).into();
    }
    if let Some(last) = title.spans.last_mut() {
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

/// The SECURITY ACTION ★★ requirements: a tick for each one met, otherwise
/// what is missing.
pub fn readiness_lines(client: &Client, theme: Theme) -> Vec<Line<'static>> {
    let r = readiness(client);
    let mut out = vec![Line::styled(
        format!(
            "SECURITY ACTION 二つ星: {}",
            if r.complete() {
                "準備完了"
            } else {
                "準備中"
            }
        ),
        theme.title(),
    )];
    for c in r.checks {
        match c.missing {
            None => out.push(Line::styled(format!(" 済 {}", c.label), theme.ok())),
            Some(m) => out.push(Line::styled(format!(" 未 {}: {m}", c.label), theme.warn())),
        }
    }
    out
}

/// The readiness panel (★★ 準備), wrapped to its width with what is
/// missing indented under its requirement.
pub fn draw_readiness(frame: &mut Frame, area: Rect, client: &Client, theme: Theme) {
    let mut lines = readiness_lines(client, theme);
    let title = lines.remove(0);
    let title = Line::from(
        title
            .spans
            .into_iter()
            .map(|s| Span::styled(format!(" {} ", s.content), s.style))
            .collect::<Vec<_>>(),
    );
    let width = usize::from(area.width.saturating_sub(2));
    let mut wrapped = Vec::new();
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        for (i, chunk) in wrap(&text, width.saturating_sub(3)).into_iter().enumerate() {
            let chunk = if i == 0 { chunk } else { format!("   {chunk}") };
            wrapped.push(Line::styled(chunk, line.style));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title);
    frame.render_widget(Paragraph::new(wrapped).block(block), area);
}

/// Rows the readiness panel needs at `width` (borders included).
pub fn readiness_height(client: &Client, width: u16) -> u16 {
    let w = usize::from(width.saturating_sub(2)).saturating_sub(3);
    let rows: usize = readiness_lines(client, Theme { color: false })
        .iter()
        .skip(1)
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            wrap(&text, w).len()
        })
        .sum();
    rows as u16 + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_counts_display_cells() {
        assert_eq!(wrap("あいうえお", 4), ["あい", "うえ", "お"]);
        assert_eq!(wrap("abcあい", 4), ["abc", "あい"]);
        assert_eq!(wrap("ab\ncd", 10), ["ab", "cd"]);
        assert_eq!(wrap("", 10), [""]);
        for line in wrap("情報セキュリティ対策を継続的に実施する。", 7) {
            assert!(line.width() <= 7, "{line}");
        }
    }

    #[test]
    fn punctuation_does_not_start_a_line() {
        assert_eq!(wrap("あいう。え", 6), ["あい", "う。え"]);
        assert_eq!(wrap("あ」", 2), ["あ", "」"], "no room to carry");
        assert_eq!(wrap("あいう）。", 8), ["あい", "う）。"]);
        assert_eq!(wrap("あいうCAD", 7), ["あいう", "CAD"], "words stay whole");
        assert_eq!(wrap("ABCDEFGH", 4), ["ABCD", "EFGH"], "unless too long");
        let lines = wrap("当社は、経営者が先頭に立ち、改善します。", 8);
        assert!(
            lines.iter().all(|l| !l.starts_with(['、', '。'])),
            "{lines:?}"
        );
    }

    #[test]
    fn picker_moves_within_its_options() {
        let mut p = Picker::new("t", vec!["a".into(), "b".into()], 5);
        assert_eq!(p.sel, 1);
        assert_eq!(p.key(Some(Action::Down)), Picked::Open);
        assert_eq!(p.sel, 1);
        p.key(Some(Action::Up));
        p.key(Some(Action::Up));
        assert_eq!(p.key(Some(Action::Edit)), Picked::Chosen(0));
        assert_eq!(p.key(Some(Action::Cancel)), Picked::Closed);
        assert_eq!(p.key(None), Picked::Open);
    }
}
