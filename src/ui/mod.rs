//! Drawing. Reads `App`, never changes it.

mod bigdigits;
mod forms;

pub use crate::text::{pad, pad_left};
pub use crate::widgets::Theme;
use crate::widgets::block;

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, ClientPicker, Fact, Input, Pane, Purpose, SaveState, Screen, Workspace};
use crate::domain::agenda::{self, ItemState, item_state};
use crate::domain::model::Session;
use crate::keymap::Context;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// `mm:ss`, negative when overrun.
pub fn clock(d: Duration) -> String {
    let secs = d.num_seconds();
    let sign = if secs < 0 { "-" } else { "" };
    let a = secs.unsigned_abs();
    if a >= 3600 {
        format!("{sign}{}:{:02}:{:02}", a / 3600, a / 60 % 60, a % 60)
    } else {
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "端末が小さすぎます\n{MIN_WIDTH}×{MIN_HEIGHT} 以上に広げてください（現在 {}×{}）\nterminal too small",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(msg)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    match &app.screen {
        Screen::Picker(p) => draw_picker(frame, app, p, theme),
        Screen::Client(w) if w.presentation => draw_presentation(frame, app, w, theme),
        Screen::Client(w) => draw_workspace(frame, app, w, theme),
    }
    if let Some(input) = &app.input {
        draw_input(frame, app, input, theme);
    } else if let Some(msg) = &app.message {
        draw_message(frame, msg, theme);
    }
    if app.help {
        draw_help(frame, app, theme);
    }
}

fn draw_picker(frame: &mut Frame, app: &App, p: &ClientPicker, theme: Theme) {
    let [head, filter, list, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(
        Line::from(vec![
            Span::styled(" bansou 伴走 ", theme.title()),
            Span::raw(" 指導先企業を選んでください"),
        ]),
        head,
    );
    let fblock = block("絞り込み（文字を入力）", app.input.is_none(), theme);
    let inner = fblock.inner(filter);
    frame.render_widget(fblock, filter);
    p.filter
        .render(frame, inner, app.input.is_none() && !app.help);
    let matches = p.matches();
    let items: Vec<ListItem> = matches
        .iter()
        .map(|&i| {
            let l = &p.clients[i];
            let saved = l
                .saved
                .map(|t| {
                    chrono::DateTime::<chrono::Local>::from(t)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default();
            match &l.client {
                Ok(c) => {
                    let done = c.sessions_done();
                    ListItem::new(Line::from(vec![
                        Span::raw(pad(&c.profile.name, 30)),
                        Span::raw(" "),
                        Span::styled(pad(&l.id, 16), theme.dim()),
                        Span::raw(format!(" 実施 {done}/4  ")),
                        Span::styled(format!("保存 {saved}"), theme.dim()),
                    ]))
                }
                Err(e) => ListItem::new(Line::from(vec![
                    Span::raw(pad(&l.id, 30)),
                    // The place only, never the broken value (issue 12).
                    Span::styled(format!(" 読み込めません: {}", e.place()), theme.alert()),
                ])),
            }
        })
        .collect();
    let title = format!("企業 {}/{}", matches.len(), p.clients.len());
    let mut state = ListState::default().with_selected((!matches.is_empty()).then_some(p.sel));
    let empty = matches.is_empty();
    let list_widget = List::new(items)
        .block(block(title.clone(), false, theme))
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list_widget, list, &mut state);
    if empty {
        let msg = if p.clients.is_empty() {
            "まだ企業がありません。Ctrl-N で新規作成"
        } else {
            "一致する企業がありません"
        };
        let inner = Rect {
            x: list.x + 2,
            y: list.y + 1,
            width: list.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(Span::styled(msg, theme.dim()), inner);
    }
    frame.render_widget(hints(app, Context::Picker, theme), foot);
}

/// `?` ヘルプ  `q` 終了 … from the keymap.
fn hints(app: &App, ctx: Context, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(" ? ", theme.key()), Span::raw("ヘルプ ")];
    for b in app.keymap.bindings(ctx).iter().take(6) {
        spans.push(Span::styled(format!(" {} ", b.key), theme.key()));
        spans.push(Span::raw(b.desc.clone()));
    }
    Line::from(spans)
}

fn draw_workspace(frame: &mut Frame, app: &App, w: &Workspace, theme: Theme) {
    let [head, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    draw_header(frame, app, w, head, theme);
    match (&w.editor, w.session()) {
        (Some(e), _) => {
            let ctx = crate::editor::Ctx {
                catalog: &app.catalog,
                keymap: &app.keymap,
                now: app.now,
                theme,
            };
            e.draw(frame, body, &w.client, &ctx);
        }
        (None, Some(s)) => draw_session(frame, app, w, s, body, theme),
        (None, None) => forms::draw_profile(frame, app, w, body, theme),
    }
    draw_status(frame, app, w, status, theme);
}

fn draw_header(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let mut spans = vec![Span::styled(
        format!(" {} ", w.client.profile.name),
        theme.title(),
    )];
    let tabs = ["0 企業情報", "1 第1回", "2 第2回", "3 第3回", "4 第4回"];
    for (i, t) in tabs.iter().enumerate() {
        let done = i > 0 && w.client.sessions[i - 1].completed_at.is_some();
        let label = format!(" {t}{} ", if done { "✓" } else { "" });
        let style = if usize::from(w.tab) == i {
            theme.tab_active()
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
    }
    let clock = app.now.format("%H:%M:%S").to_string();
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let gap = usize::from(area.width).saturating_sub(used + clock.width() + 1);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(clock, theme.title()));
    frame.render_widget(Line::from(spans), area);
}

use crate::domain::timer::planned_start;

fn draw_status(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let mut spans = Vec::new();
    if let Some(s) = w.session() {
        match agenda::current(&s.agenda) {
            Some(i) => {
                let item = &s.agenda[i];
                let left = agenda::remaining(item, app.now, s.paused_at);
                let style = time_style(left, app, theme);
                spans.push(Span::styled(
                    if s.paused_at.is_some() {
                        " 停止中 "
                    } else {
                        " 進行中 "
                    },
                    theme.current(),
                ));
                spans.push(Span::raw(pad(&item.title, 24)));
                spans.push(Span::raw(" 残り "));
                spans.push(Span::styled(clock(left), style));
            }
            None if s.completed_at.is_some() => spans.push(Span::styled(" 終了", theme.done())),
            None => spans.push(Span::styled(" 未開始（Space で開始）", theme.dim())),
        }
        if let Some(start) = planned_start(s, app.now) {
            let planned = agenda::planned_end(start, &s.agenda);
            let projected = agenda::projected_end(start, &s.agenda, app.now, s.paused_at);
            let diff = (projected - planned).num_minutes();
            let style = if diff > 0 { theme.alert() } else { theme.ok() };
            spans.push(Span::raw(format!("  見込 {}", projected.format("%H:%M"))));
            spans.push(Span::styled(format!(" ({diff:+}分)"), style));
            spans.push(Span::raw(format!(" / 予定 {}", planned.format("%H:%M"))));
        }
    }
    let save = match &w.save {
        SaveState::Saved(t) if !w.dirty => {
            Span::styled(format!("  保存済 {}", t.format("%H:%M:%S")), theme.ok())
        }
        SaveState::Saved(_) => Span::styled("  未保存", theme.warn()),
        SaveState::Failed(e) => Span::styled(format!("  保存失敗（再試行中）: {e}"), theme.alert()),
        SaveState::ReadOnly(why) => Span::styled(format!("  {why}"), theme.alert()),
    };
    spans.push(save);
    frame.render_widget(Line::from(spans), area);
}

fn time_style(left: Duration, app: &App, theme: Theme) -> Style {
    if left.num_seconds() < 0 {
        theme.alert()
    } else if left.num_seconds() <= i64::from(app.settings.warn_minutes) * 60 {
        theme.warn()
    } else {
        theme.current()
    }
}

fn draw_session(
    frame: &mut Frame,
    app: &App,
    w: &Workspace,
    s: &Session,
    area: Rect,
    theme: Theme,
) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
    let agenda_h = (s.agenda.len() as u16 + 3).clamp(6, left.height / 2 + 2);
    let [agenda_area, notes_area] =
        Layout::vertical([Constraint::Length(agenda_h), Constraint::Min(4)]).areas(left);
    let facts_h = Fact::ALL.len() as u16 + 2;
    let [facts_area, prep_area, form_area] = Layout::vertical([
        Constraint::Length(facts_h),
        Constraint::Percentage(40),
        Constraint::Min(4),
    ])
    .areas(right);
    draw_agenda(frame, app, w, s, agenda_area, theme);
    draw_notes(frame, w, s, notes_area, theme);
    draw_facts(frame, w, s, facts_area, theme);
    draw_prep(frame, w, s, prep_area, theme);
    forms::draw_form(frame, app, w, form_area, theme);
}

fn draw_agenda(frame: &mut Frame, app: &App, w: &Workspace, s: &Session, area: Rect, theme: Theme) {
    let focused = w.pane == Pane::Agenda;
    let start = s.start.unwrap_or_default();
    let starts = agenda::planned_starts(start, &s.agenda);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let title_w = inner_w.saturating_sub(3 + 6 + 5 + 1 + 1 + 9);
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
                ItemState::Pending => String::new(),
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
            ListItem::new(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(format!("{} ", planned.format("%H:%M")), theme.dim()),
                Span::styled(format!("{:>3}分", item.minutes), Style::new()),
                Span::raw(" "),
                Span::styled(pad(&item.title, title_w), style),
                Span::raw(link),
                Span::styled(pad_left(&actual, 9), actual_style),
            ]))
        })
        .collect();
    let total: u32 = agenda::planned_minutes(&s.agenda);
    let end = start + Duration::minutes(i64::from(total));
    let title = format!(
        "議事次第 {}–{}（{}分）",
        start.format("%H:%M"),
        end.format("%H:%M"),
        total
    );
    let mut state = ListState::default().with_selected(focused.then_some(w.selected(Pane::Agenda)));
    let list = List::new(items)
        .block(block(title.clone(), focused, theme))
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_notes(frame: &mut Frame, w: &Workspace, s: &Session, area: Rect, theme: Theme) {
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
                Span::raw(pad(&n.text, text_w)),
            ]))
        })
        .collect();
    let title = if w.requests_only {
        format!("依頼事項一覧 {}件（r で全メモ）", visible.len())
    } else {
        format!("メモ {}件（n で追加）", s.notes.len())
    };
    let empty = items.is_empty();
    let mut state = ListState::default().with_selected((focused && !empty).then(|| sel - offset));
    let list = List::new(items)
        .block(block(title.clone(), focused, theme))
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list, area, &mut state);
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

fn draw_facts(frame: &mut Frame, w: &Workspace, s: &Session, area: Rect, theme: Theme) {
    let focused = w.pane == Pane::Facts;
    let items: Vec<ListItem> = Fact::ALL
        .iter()
        .map(|f| {
            let value = match f {
                Fact::Date => s.date.map(|d| d.format("%Y-%m-%d (%a)").to_string()),
                Fact::Start => s.start.map(|t| t.format("%H:%M").to_string()),
                Fact::Mode => s.mode.map(|m| m.label().to_owned()),
                Fact::Place => Some(s.place.clone()).filter(|p| !p.is_empty()),
                Fact::Attendees => Some(
                    s.attendees
                        .iter()
                        .map(|a| {
                            if a.role.is_empty() {
                                a.name.clone()
                            } else {
                                format!("{}({})", a.name, a.role)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("、"),
                )
                .filter(|v| !v.is_empty()),
                Fact::NextDate => s.next_date.map(|d| d.format("%Y-%m-%d").to_string()),
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
    let mut state = ListState::default().with_selected(focused.then_some(w.selected(Pane::Facts)));
    let list = List::new(items)
        .block(block("実施情報（Enter で編集）", focused, theme))
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_prep(frame: &mut Frame, w: &Workspace, s: &Session, area: Rect, theme: Theme) {
    let focused = w.pane == Pane::Prep;
    let done = s.prep.iter().filter(|p| p.done).count();
    let width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = s
        .prep
        .iter()
        .map(|p| {
            let mark = if p.done { "[x]" } else { "[ ]" };
            let head = format!("{mark} {} ", p.side.label());
            let style = if p.done { theme.done() } else { Style::new() };
            ListItem::new(Line::from(vec![
                Span::styled(head.clone(), style),
                Span::styled(pad(&p.text, width.saturating_sub(head.width())), style),
            ]))
        })
        .collect();
    let title = format!("事前準備 {done}/{}", s.prep.len());
    let mut state = ListState::default().with_selected(focused.then_some(w.selected(Pane::Prep)));
    let list = List::new(items)
        .block(block(title.clone(), focused, theme))
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_presentation(frame: &mut Frame, app: &App, w: &Workspace, theme: Theme) {
    let area = frame.area();
    let Some(s) = w.session() else {
        frame.render_widget(
            Paragraph::new("各回の画面で使います（Esc で戻る）").alignment(Alignment::Center),
            area,
        );
        return;
    };
    let (title, left) = match agenda::current(&s.agenda) {
        Some(i) => (
            s.agenda[i].title.clone(),
            Some(agenda::remaining(&s.agenda[i], app.now, s.paused_at)),
        ),
        None if s.completed_at.is_some() => ("本日の議題はすべて終了しました".to_owned(), None),
        None => ("開始前".to_owned(), None),
    };
    let digits = left
        .map(clock)
        .unwrap_or_else(|| app.now.format("%H:%M").to_string());
    let rows = bigdigits::render(&digits);
    let style = left.map_or(theme.title(), |l| time_style(l, app, theme));
    let mut lines = vec![
        Line::from(Span::styled(
            title,
            theme.title().add_modifier(Modifier::BOLD),
        )),
        Line::from(""),
    ];
    lines.extend(
        rows.iter()
            .map(|r| Line::from(Span::styled(r.clone(), style))),
    );
    lines.push(Line::from(""));
    let label = match (left, s.paused_at) {
        (Some(_), Some(_)) => "一時停止中",
        (Some(l), None) if l.num_seconds() < 0 => "超過",
        (Some(_), None) => "残り時間",
        (None, _) => "現在時刻",
    };
    lines.push(Line::from(Span::styled(label, theme.dim())));
    if let Some(start) = planned_start(s, app.now) {
        let planned = agenda::planned_end(start, &s.agenda);
        let projected = agenda::projected_end(start, &s.agenda, app.now, s.paused_at);
        lines.push(Line::from(format!(
            "終了見込 {}（予定 {}）",
            projected.format("%H:%M"),
            planned.format("%H:%M")
        )));
    }
    let h = lines.len() as u16;
    let y = area.y + area.height.saturating_sub(h) / 2;
    let target = Rect {
        x: area.x,
        y,
        width: area.width,
        height: h.min(area.height),
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), target);
    frame.render_widget(
        Span::styled(format!(" {} ", app.now.format("%H:%M:%S")), theme.dim()),
        Rect {
            x: area.x,
            y: area.y,
            width: 12,
            height: 1,
        },
    );
}

/// Puts the real terminal cursor where the textarea's cursor is, so an IME's
/// preedit text shows in place.
fn draw_input(frame: &mut Frame, app: &App, input: &Input, theme: Theme) {
    let area = frame.area();
    let h = 3;
    let rect = Rect {
        x: area.x,
        y: area.bottom().saturating_sub(h + 1),
        width: area.width,
        height: h,
    };
    frame.render_widget(Clear, rect);
    let is_note = matches!(input.purpose, Purpose::NewNote | Purpose::EditNote(_));
    let mut title = vec![Span::styled(
        format!(" {} ", input.prompt),
        theme.focus_border(),
    )];
    if is_note {
        for k in crate::domain::model::NoteKind::ALL {
            let style = if k == input.kind {
                theme.tab_active()
            } else {
                theme.dim()
            };
            title.push(Span::styled(format!(" {} ", k.label()), style));
        }
        title.push(Span::styled(" Tab:種類 Enter:保存 Esc:取消 ", theme.dim()));
    } else {
        title.push(Span::styled(" Enter:確定 Esc:取消 ", theme.dim()));
    }
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Line::from(title));
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    input.field.render(frame, inner, !app.help);
    if let Some(msg) = &app.message {
        let r = Rect {
            x: rect.x,
            y: rect.y.saturating_sub(1),
            width: rect.width,
            height: 1,
        };
        frame.render_widget(Clear, r);
        frame.render_widget(Span::styled(format!(" {msg}"), theme.warn()), r);
    }
}

fn draw_message(frame: &mut Frame, msg: &str, theme: Theme) {
    let area = frame.area();
    let lines: Vec<&str> = msg.lines().collect();
    if lines.len() <= 1 {
        let r = Rect {
            x: area.x,
            y: area.bottom().saturating_sub(2),
            width: area.width,
            height: 1,
        };
        frame.render_widget(Clear, r);
        frame.render_widget(Span::styled(format!(" {msg}"), theme.warn()), r);
        return;
    }
    let width = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(10)
        .clamp(20, usize::from(area.width) - 4) as u16
        + 4;
    let height = (lines.len() as u16 + 3).min(area.height - 2);
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, r);
    let p = Paragraph::new(msg.to_owned())
        .block(block("お知らせ（何かキーで閉じる）", true, theme))
        .wrap(Wrap { trim: false });
    frame.render_widget(p, r);
}

fn draw_help(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    let contexts = app.contexts();
    let mut lines: Vec<Line> = Vec::new();
    let mut shown = contexts.clone();
    if !shown.contains(&Context::Global)
        && !shown.contains(&Context::Editor)
        && !shown.contains(&Context::Picker)
    {
        shown.push(Context::Global);
    }
    for ctx in shown {
        lines.push(Line::from(Span::styled(
            format!("■ {}", ctx.title()),
            theme.title(),
        )));
        for b in app.keymap.bindings(ctx) {
            lines.push(Line::from(vec![
                Span::styled(pad(&b.key.to_string(), 10), theme.key()),
                Span::raw(b.desc.clone()),
            ]));
        }
        lines.push(Line::from(""));
    }
    if contexts.contains(&Context::Agenda)
        || contexts.contains(&Context::List)
        || contexts.contains(&Context::Global)
    {
        lines.push(Line::from(Span::styled(
            "予定の圧縮: 残りの議題を比例配分で縮め、1項目5分未満にはしません。",
            theme.dim(),
        )));
    }
    // Rules of the open editor (e.g. the plan's priority order), wrapped to
    // the column they will land in.
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    if let Some(e) = app.workspace().and_then(|w| w.editor.as_ref()) {
        let notes = e.help_notes(&app.catalog);
        let one_column = lines.len() + notes.len() * 4 <= rows;
        let width = if one_column {
            usize::from(area.width.min(72)).saturating_sub(4)
        } else {
            usize::from(area.width.saturating_sub(2) / 2).saturating_sub(3)
        };
        for note in notes {
            for l in crate::text::wrap(&note, width) {
                lines.push(Line::from(Span::styled(l, theme.dim())));
            }
        }
    }
    // One column when it fits, else as many columns as the height needs.
    let columns = lines.len().div_ceil(rows).max(1);
    let col_w: u16 = if columns == 1 {
        area.width.min(72)
    } else {
        (area.width.saturating_sub(2)) / columns as u16
    };
    let width = (col_w * columns as u16 + if columns == 1 { 0 } else { 2 }).min(area.width);
    let height = (lines.len().min(rows) as u16 + 2).min(area.height);
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, r);
    let outer = block(
        "ヘルプ（キー割り当てから生成・何かキーで閉じる）",
        true,
        theme,
    );
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    for (k, chunk) in lines.chunks(rows).enumerate() {
        let x = inner.x + (k as u16) * (inner.width / columns as u16);
        let rect = Rect {
            x,
            y: inner.y,
            width: inner.width / columns as u16,
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(chunk.to_vec()), rect);
    }
}
