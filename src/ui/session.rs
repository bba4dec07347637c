//! The panes of a session screen: agenda, notes, facts and the preparation
//! checklist.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::app::{App, Fact, Pane, Workspace};
use crate::domain::agenda::{self, ItemState, item_state};
use crate::domain::model::Session;
use crate::domain::window;

use super::*;
use crate::widgets::draw_list;

/// What the panes of a session screen read.
#[derive(Clone, Copy)]
pub(super) struct View<'a> {
    pub app: &'a App,
    pub w: &'a Workspace,
    pub s: &'a Session,
    pub theme: Theme,
}

pub(super) fn draw_session(frame: &mut Frame, v: &View, area: Rect) {
    let s = v.s;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
    let agenda_h = (s.agenda.len() as u16 + 3).clamp(6, left.height / 2 + 2);
    // The running item's hint (or the selected one's before the start),
    // under the agenda: three lines at 24 rows (every built-in hint whole),
    // up to four on a tall screen.
    let hint = hint_lines(v, left.width, if left.height >= 30 { 4 } else { 3 });
    let [agenda_area, hint_area, notes_area] = Layout::vertical([
        Constraint::Length(agenda_h),
        Constraint::Length(hint.len() as u16),
        Constraint::Min(4),
    ])
    .areas(left);
    frame.render_widget(ratatui::widgets::Paragraph::new(hint), hint_area);
    let facts_h = Fact::ALL.len() as u16 + 2;
    let [facts_area, prep_area, form_area] = Layout::vertical([
        Constraint::Length(facts_h),
        Constraint::Percentage(40),
        Constraint::Min(4),
    ])
    .areas(right);
    draw_agenda(frame, v, agenda_area);
    draw_notes(frame, v, notes_area);
    draw_facts(frame, v, facts_area);
    draw_prep(frame, v, prep_area);
    forms::draw_form(frame, v.app, v.w, form_area, v.theme);
}

fn draw_agenda(frame: &mut Frame, v: &View, area: Rect) {
    let View { app, w, s, theme } = *v;
    let focused = w.pane == Pane::Agenda;
    let start = s.start.unwrap_or_default();
    // The plan before the session starts; then actual and projected starts.
    let now = crate::domain::clock::in_zone_of(s, app.now);
    let starts = agenda::shown_starts(start, &s.agenda, now, s.paused_at);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let title_w = inner_w.saturating_sub(3 + 6 + 2 + 5 + 1 + 1 + 9);
    let items: Vec<ListItem> = s
        .agenda
        .iter()
        .zip(&starts)
        .map(|(item, planned)| {
            let state = item_state(item);
            let (mark, style) = match state {
                ItemState::Done => ("済", theme.done()),
                ItemState::Running => ("中", theme.current()),
                ItemState::Pending => ("・", Style::new()),
                ItemState::Skipped => ("省", theme.dim()),
            };
            let actual = match state {
                ItemState::Done => {
                    let took = agenda::elapsed(item, app.now, None);
                    let over = took.num_minutes() - i64::from(item.minutes);
                    let over = if over > 0 {
                        format!(" +{over}")
                    } else {
                        String::new()
                    };
                    format!("{}分{over}", took.num_minutes())
                }
                ItemState::Running => clock(agenda::remaining(item, app.now, s.paused_at)),
                // Left with `[`: the minutes it ran, resumed later.
                ItemState::Pending if item.ran_secs > 0 => {
                    format!("中断{}分", item.ran_secs / 60)
                }
                ItemState::Pending => String::new(),
                ItemState::Skipped => "省略".into(),
            };
            let actual_style = match state {
                ItemState::Running => {
                    time_style(agenda::remaining(item, app.now, s.paused_at), app, theme)
                }
                ItemState::Done
                    if agenda::elapsed(item, app.now, None).num_minutes()
                        > i64::from(item.minutes) =>
                {
                    theme.warn()
                }
                _ => theme.dim(),
            };
            let link = if item.form.is_some() { ">" } else { " " };
            // 固: fixed, re-planning leaves it alone.
            let fixed = if item.fixed { "固" } else { "  " };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(format!("{} ", planned.format("%H:%M")), theme.dim()),
                Span::styled(fixed, theme.dim()),
                Span::styled(format!("{:>3}分", item.minutes), Style::new()),
                Span::raw(" "),
                Span::styled(pad(&item.title, title_w), style),
                Span::raw(link),
                Span::styled(pad_left(&actual, 9), actual_style),
            ]))
        })
        .collect();
    let title = match window::span_label(s) {
        Some(span) => format!("議事次第 {span}"),
        None => format!(
            "議事次第（{}分・開始未定）",
            agenda::planned_minutes(&s.agenda)
        ),
    };
    let selected = focused.then_some(w.selected(Pane::Agenda));
    draw_list(frame, area, items, title, focused, selected, theme);
}

fn draw_notes(frame: &mut Frame, v: &View, area: Rect) {
    let View { w, s, theme, .. } = *v;
    let focused = w.pane == Pane::Notes;
    let visible = w.visible_notes();
    let width = usize::from(area.width.saturating_sub(2));
    // Only the rows that fit are built (a session may hold thousands of
    // notes): focused, the window scrolls to keep the selection on screen;
    // otherwise it follows the newest note.
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let sel = w.selected(Pane::Notes).min(visible.len().saturating_sub(1));
    let offset = if focused {
        (sel + 1).saturating_sub(rows)
    } else {
        visible.len().saturating_sub(rows)
    };
    let items: Vec<ListItem> = visible
        .iter()
        .skip(offset)
        .take(rows)
        .map(|&i| {
            let n = &s.notes[i];
            let kind_style = match n.kind {
                crate::domain::model::NoteKind::Request => theme.warn(),
                crate::domain::model::NoteKind::Decision => theme.ok(),
                crate::domain::model::NoteKind::Issue => theme.alert(),
                crate::domain::model::NoteKind::Note => theme.dim(),
            };
            let head = format!("{} [{}] ", n.at.format("%H:%M"), n.kind.label());
            let text_w = width.saturating_sub(head.width());
            ListItem::new(Line::from(vec![
                Span::styled(head, kind_style),
                Span::raw(pad(&n.text.replace('\n', " "), text_w)),
            ]))
        })
        .collect();
    let title = notes_title(v, visible.len(), width);
    let empty = items.is_empty();
    let selected = (focused && !empty).then(|| sel - offset);
    draw_list(frame, area, items, title, focused, selected, theme);
    if empty {
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(Span::styled("まだメモはありません", theme.dim()), inner);
    }
}

fn draw_facts(frame: &mut Frame, v: &View, area: Rect) {
    let View { app, w, s, theme } = *v;
    let focused = w.pane == Pane::Facts;
    let items: Vec<ListItem> = Fact::ALL
        .iter()
        .map(|f| {
            let value = match f {
                Fact::Date => s.date.map(crate::domain::dates::on_screen),
                Fact::Start => s.start.map(|t| t.format("%H:%M").to_string()),
                Fact::End => s.end.or_else(|| window::default_end(s)).map(|t| {
                    let window = window::window_minutes(s).unwrap_or(0);
                    format!("{}（枠{window}分）", t.format("%H:%M"))
                }),
                Fact::Mode => s.mode.map(|m| m.label().to_owned()),
                Fact::Place => Some(s.place.clone()).filter(|p| !p.is_empty()),
                Fact::Attendees => Some(crate::domain::parse::attendees_shown(&s.attendees))
                    .filter(|v| !v.is_empty()),
                Fact::NextDate => s.next_date.map(crate::domain::dates::on_screen),
                Fact::Report => report_fact(app, w, s),
            };
            let (text, style) = match value {
                Some(v) => (v, Style::new()),
                None => ("未入力".to_owned(), theme.dim()),
            };
            ListItem::new(Line::from(vec![
                Span::styled(pad(f.label(), 7), theme.dim()),
                Span::styled(text, style),
            ]))
        })
        .collect();
    let title = format!(
        "実施情報（{} で編集）",
        app.key(&[Context::List], Action::Toggle)
    );
    let selected = focused.then_some(w.selected(Pane::Facts));
    draw_list(frame, area, items, title, focused, selected, theme);
}

/// The report texts in the facts: the first line written, what is still
/// to write, or the key that writes them.
fn report_fact(app: &App, w: &Workspace, s: &Session) -> Option<String> {
    let last = w.session_index() == Some(crate::domain::model::SESSIONS - 1);
    let evaluation = w.client.final_evaluation.trim();
    if s.report.trim().is_empty() && (!last || evaluation.is_empty()) {
        let key = app.key(&[], Action::Report);
        let what = if last { "。最終評価も" } else { "" };
        return Some(format!("未記入（{key} で書く{what}）"));
    }
    let mut text = match crate::widgets::first_line(&s.report) {
        t if t.is_empty() => "所感未記入".to_owned(),
        t => t,
    };
    if last && evaluation.is_empty() {
        text = format!("評価未記入／{text}");
    }
    Some(text)
}

fn draw_prep(frame: &mut Frame, v: &View, area: Rect) {
    let View { w, s, theme, .. } = *v;
    let focused = w.pane == Pane::Prep;
    let done = s.prep.iter().filter(|p| p.done).count();
    let width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = s
        .prep
        .iter()
        .map(|p| {
            let mark = if p.done { "[x]" } else { "[ ]" };
            // Carried over from the previous session's requests.
            let from = if p.from.is_some() { "前回 " } else { "" };
            let head = format!("{mark} {} {from}", p.side.label());
            let style = if p.done { theme.done() } else { Style::new() };
            ListItem::new(Line::from(vec![
                Span::styled(head.clone(), style),
                Span::styled(pad(&p.text, width.saturating_sub(head.width())), style),
            ]))
        })
        .collect();
    let title = format!(
        "事前準備 {done}/{}（{} 全文）",
        s.prep.len(),
        v.app.key(&[Context::List], Action::ReadFull)
    );
    let selected = focused.then_some(w.selected(Pane::Prep));
    draw_list(frame, area, items, title, focused, selected, theme);
}

/// The notes pane's title: how many show, the kind filter and the search
/// on, and the keys for them, cut to the pane.
fn notes_title(v: &View, shown: usize, width: usize) -> String {
    let View { app, w, s, .. } = *v;
    let key = |a: Action| app.key(&[Context::List], a);
    let mut t = if w.note_filter.is_some() || !w.note_query.is_empty() {
        format!("メモ {shown}/{}件", s.notes.len())
    } else {
        format!("メモ {}件", s.notes.len())
    };
    if let Some(k) = w.note_filter {
        t.push_str(&format!("・{}のみ", k.label()));
    }
    if !w.note_query.is_empty() {
        t.push_str(&format!("・検索「{}」", w.note_query));
    }
    let keys = if w.note_filter.is_some() || !w.note_query.is_empty() {
        format!(
            "（{} 次の種類 {} 解除）",
            key(Action::FilterNotes),
            app.key(&[Context::List], Action::Cancel)
        )
    } else {
        format!(
            "（{} 追加 {} 種類 {} 検索）",
            key(Action::QuickNote),
            key(Action::FilterNotes),
            key(Action::Search)
        )
    };
    // Narrow, at least the way back to all notes.
    let way_back = format!("（{} 解除）", app.key(&[Context::List], Action::Cancel));
    let room = width.saturating_sub(2);
    let filtered = w.note_filter.is_some() || !w.note_query.is_empty();
    for k in [Some(keys), filtered.then_some(way_back)]
        .into_iter()
        .flatten()
    {
        if crate::text::width(&t) + crate::text::width(&k) <= room {
            t.push_str(&k);
            break;
        }
    }
    crate::text::cut(&t, room)
}

/// The hint (考慮点) of the running agenda item, or of the selected one while
/// none runs, wrapped to the column in at most `max` lines (the last cut
/// to say which key shows it whole).
fn hint_lines(v: &View, width: u16, max: usize) -> Vec<Line<'static>> {
    let View { app, w, s, theme } = *v;
    let i = agenda::current(&s.agenda)
        .or_else(|| (w.pane == Pane::Agenda).then(|| w.selected(Pane::Agenda)));
    let Some(item) = i
        .and_then(|i| s.agenda.get(i))
        .filter(|a| !a.hint.trim().is_empty())
    else {
        return Vec::new();
    };
    let cells = usize::from(width.saturating_sub(2)).max(8);
    let mut lines = crate::text::wrap(&format!("ヒント: {}", item.hint), cells);
    if lines.len() > max {
        lines.truncate(max);
        let more = format!(
            "（{} で全文）",
            app.key(&[Context::Agenda], Action::ReadFull)
        );
        let room = cells.saturating_sub(crate::text::width(&more));
        if let Some(last) = lines.last_mut() {
            *last = format!("{}{more}", crate::text::cut(last, room));
        }
    }
    lines
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), theme.dim())))
        .collect()
}
