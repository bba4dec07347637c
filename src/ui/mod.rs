//! Drawing. Reads `App`, never changes it.

mod bigdigits;
mod forms;
mod overlays;
mod reader;
mod session;
mod status;

use overlays::{draw_help, draw_input, draw_message};
use session::draw_session;
use status::draw_status;
pub use status::live_session;

use crate::text::cut;
pub use crate::text::{pad, pad_left};
pub use crate::widgets::Theme;
use crate::widgets::block;

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::app::{App, ClientPicker, Screen, Workspace};
use crate::domain::{agenda, window};
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
            "端末が小さすぎます\n{MIN_WIDTH}x{MIN_HEIGHT} 以上に広げてください（現在 {}x{}）\nterminal too small",
            area.width, area.height
        );
        let lines = msg.lines().map(|l| Line::from(l.to_owned())).collect();
        frame.render_widget(
            Paragraph::new(crate::widgets::fit(lines, usize::from(area.width)))
                .alignment(Alignment::Center),
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
    let empty = matches.is_empty();
    let selected = (!empty).then_some(p.sel);
    crate::widgets::draw_list(frame, list, items, title, false, selected, theme);
    if empty {
        let msg = if p.clients.is_empty() {
            format!(
                "まだ企業がありません。{} で新規作成",
                app.key(&[Context::Picker], Action::NewClient)
            )
        } else {
            "一致する企業がありません".to_owned()
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
    let help = app.key(&[ctx], Action::Help);
    let mut spans = vec![
        Span::styled(format!(" {help} "), theme.key()),
        Span::raw("ヘルプ "),
    ];
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
                store: &app.store,
            };
            e.draw(frame, body, &w.client, &ctx);
        }
        (None, Some(s)) => draw_session(frame, &session::View { app, w, s, theme }, body),
        (None, None) => forms::draw_profile(frame, app, w, body, theme),
    }
    if let Some(r) = &w.reader {
        reader::draw_reader(frame, app, r, body, theme);
    }
    draw_status(frame, app, w, status, theme);
}

fn draw_header(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let tabs = ["0 企業情報", "1 第1回", "2 第2回", "3 第3回", "4 第4回"];
    let mut tab_spans = Vec::new();
    for (i, t) in tabs.iter().enumerate() {
        let done = i > 0 && w.client.sessions[i - 1].completed_at.is_some();
        let label = format!(" {t}{} ", if done { "✓" } else { "" });
        let style = if usize::from(w.tab) == i {
            theme.tab_active()
        } else {
            Style::new()
        };
        tab_spans.push(Span::styled(label, style));
    }
    // The clock, the tabs and the help key always show: a long company
    // name is cut.
    let help = format!(" {} ", app.key(&[], Action::Help));
    let clock = app.now.format("%H:%M:%S").to_string();
    // Narrow, the key alone, so the company name keeps some room.
    let word = if area.width >= 100 { "ヘルプ " } else { "" };
    let right_spans = vec![
        Span::styled(help, theme.key()),
        Span::raw(word),
        Span::styled(clock, theme.title()),
    ];
    let clock_w: u16 = right_spans.iter().map(|s| s.width() as u16).sum::<u16>() + 1;
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(clock_w)]).areas(area);
    let tabs_w: usize = tab_spans.iter().map(|s| s.content.width()).sum();
    let name_w = usize::from(left.width).saturating_sub(tabs_w + 2);
    let name = cut(&w.client.profile.name, name_w);
    let mut spans = vec![Span::styled(format!(" {name} "), theme.title())];
    spans.extend(tab_spans);
    frame.render_widget(Line::from(spans), left);
    frame.render_widget(Line::from(right_spans), right);
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

fn draw_presentation(frame: &mut Frame, app: &App, w: &Workspace, theme: Theme) {
    let area = frame.area();
    let Some(s) = w.session() else {
        frame.render_widget(
            Paragraph::new(format!(
                "各回の画面で使います（{} で戻る）",
                app.key(&[], Action::Presentation)
            ))
            .alignment(Alignment::Center),
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
    lines.extend(rows.iter().map(|r| bigdigits::lit(r, style)));
    lines.push(Line::from(""));
    let label = match (left, s.paused_at) {
        (Some(_), Some(_)) => "一時停止中",
        (Some(l), None) if l.num_seconds() < 0 => "超過",
        (Some(_), None) => "残り時間",
        (None, _) => "現在時刻",
    };
    lines.push(Line::from(Span::styled(label, theme.dim())));
    if let Some(st) = window::standing(s, app.now) {
        lines.push(Line::from(format!(
            "終了見込 {}（{}）／終了予定 {}",
            st.projected.format("%H:%M"),
            st.offset(),
            st.end.format("%H:%M")
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
