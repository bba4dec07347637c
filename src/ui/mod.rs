//! Drawing. Reads `App`, never changes it.

mod bigdigits;
mod forms;
mod overlays;
pub mod present;
mod reader;
mod session;
mod status;

use overlays::{draw_help, draw_input, draw_message};
use session::draw_session;
use status::draw_status;

use crate::text::cut;
pub use crate::text::{pad, pad_left};
pub use crate::widgets::Theme;
use crate::widgets::block;
pub use present::clock;

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::app::{App, ClientPicker, Screen, Workspace};
use crate::keymap::Context;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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
    let presenting = matches!(&app.screen, Screen::Client(w) if w.presentation);
    if let Some(input) = &app.input
        && !presenting
    {
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
    present::left_style(left, app.settings.warn_minutes, theme)
}

/// The `b` view: the board of the session the status line follows (the
/// running one, wherever the tab is), for a shared screen. Nothing typed is
/// drawn here: while a note is taken (the quick-note key still works), the
/// foot only says that one is being typed.
fn draw_presentation(frame: &mut Frame, app: &App, w: &Workspace, theme: Theme) {
    let area = frame.area();
    let Some(i) = w.live_session() else {
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
    let board = crate::domain::board::board(&w.client, i, app.now);
    let notice = app.input.as_ref().map(|input| {
        let key = |a: Action| app.key(&[Context::Editor], a);
        let unseen = "（共有画面には表示しません）";
        if input.is_note() {
            format!(
                "{}を入力中{unseen} {}:種類 {}:保存 {}:下書きに残す",
                input.kind.label(),
                key(Action::CycleKind),
                key(Action::Submit),
                key(Action::Cancel)
            )
        } else {
            format!(
                "入力中{unseen} {}:確定 {}:取消",
                key(Action::Submit),
                key(Action::Cancel)
            )
        }
    });
    let stage = present::Stage {
        company: &w.client.profile.name,
        date: w.client.sessions[i].date,
        board: &board,
        now: app.now,
        warn_minutes: app.settings.warn_minutes,
        notice,
        hint: None,
    };
    present::draw_stage(frame, area, &stage, theme);
}
