//! The status line: the live session's timekeeping and the save state.
//!
//! The session shown is the one whose timer runs (else one paused in the
//! middle of an item, else the visible tab's), whatever tab, form or editor
//! is on screen, so the clock never vanishes while the expert looks up last
//! time's requests. What fits is chosen by importance: the save state always
//! shows (right-aligned), then the time left, the projected end against the
//! fixed end, the item's title (in full as far as the width allows) and the
//! session's elapsed time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, clock, time_style};
use crate::action::Action;
use crate::app::{App, SaveState, Workspace};
use crate::domain::model::Session;
use crate::domain::{agenda, window};
use crate::text::cut;

/// Time since the session's actual start (its first item's), breaks
/// included; up to its end once finished.
fn session_elapsed(s: &Session, now: crate::domain::model::Stamp) -> Option<chrono::Duration> {
    let start = s.agenda.iter().filter_map(|i| i.started_at).min()?;
    let end = s.completed_at.unwrap_or(now);
    Some((end - start).max(chrono::Duration::zero()))
}

pub(super) fn draw_status(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let save = match &w.save {
        SaveState::Saved(t) if !w.dirty => {
            Span::styled(format!("  保存済 {}", t.format("%H:%M:%S")), theme.ok())
        }
        SaveState::Saved(_) => Span::styled("  未保存", theme.warn()),
        SaveState::Failed(e) => Span::styled(format!("  保存失敗（再試行中）: {e}"), theme.alert()),
        // Short by construction (the whole reason was the opening message),
        // so the timer stays beside it at 80 columns.
        SaveState::ReadOnly(why) => Span::styled(format!("  {why}"), theme.alert()),
    };
    // The save state always shows, whatever the width: the timekeeping
    // gives way to it, and a long reason is cut after its first words.
    let save_w = (save.width() as u16).min(area.width);
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(save_w)]).areas(area);
    let spans = timekeeping(app, w, usize::from(left.width), theme);
    frame.render_widget(Line::from(spans), left);
    let save = Span::styled(cut(&save.content, usize::from(save_w)), save.style);
    frame.render_widget(Line::from(save), right);
}

fn width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// The timekeeping part, fitted into `avail` cells.
fn timekeeping(app: &App, w: &Workspace, avail: usize, theme: Theme) -> Vec<Span<'static>> {
    let Some(i) = w.live_session() else {
        return Vec::new();
    };
    let s = &w.client.sessions[i];
    // Another session than the one on screen (or the profile, or a form of
    // no session): say which.
    let other = w.session_index() != Some(i);
    let which = if other {
        format!(" 第{}回", i + 1)
    } else {
        String::new()
    };
    let mut state: Vec<Span> = Vec::new();
    let mut left_time: Vec<Span> = Vec::new();
    let mut title = String::new();
    match agenda::current(&s.agenda) {
        Some(c) => {
            let item = &s.agenda[c];
            let left = agenda::remaining(item, app.now, s.paused_at);
            let word = if s.paused_at.is_some() {
                "停止中"
            } else {
                "進行中"
            };
            state.push(Span::styled(format!("{which} {word} "), theme.current()));
            left_time.push(Span::raw(" 残り "));
            left_time.push(Span::styled(clock(left), time_style(left, app, theme)));
            title = item.title.clone();
        }
        None if s.completed_at.is_some() => {
            state.push(Span::styled(format!("{which} 終了"), theme.done()))
        }
        None => state.push(Span::styled(
            format!(
                "{which} 未開始（{} で開始）",
                app.key(&[], Action::TimerToggle)
            ),
            theme.dim(),
        )),
    }
    let mut ends: Vec<Span> = Vec::new();
    if let Some(st) = window::standing(s, app.now) {
        let style = if st.over > 0 {
            theme.alert()
        } else {
            theme.ok()
        };
        ends.push(Span::raw(format!(
            "  見込 {}",
            st.projected.format("%H:%M")
        )));
        ends.push(Span::styled(format!(" ({})", st.offset()), style));
        ends.push(Span::raw(format!(" / 予定 {}", st.end.format("%H:%M"))));
    }
    let elapsed: Vec<Span> = match session_elapsed(s, app.now) {
        Some(d) if agenda::current(&s.agenda).is_some() => {
            vec![Span::styled(format!("  経過 {}", clock(d)), theme.dim())]
        }
        _ => Vec::new(),
    };

    // By importance: state and time left, then the ends, the title (in full
    // as far as it fits, at least a few characters), the elapsed time.
    let mut used = width(&state) + width(&left_time);
    let show_ends = used + width(&ends) <= avail;
    if show_ends {
        used += width(&ends);
    }
    let title_w = title.width();
    let show_title = title_w > 0 && used + title_w.min(8) <= avail;
    let title_room = if show_title {
        title_w.min(avail - used)
    } else {
        0
    };
    used += title_room;
    let show_elapsed = !elapsed.is_empty() && used + width(&elapsed) <= avail;
    let mut out = state;
    if show_title {
        out.push(Span::raw(cut(&title, title_room)));
    }
    out.extend(left_time);
    if show_elapsed {
        out.extend(elapsed);
    }
    if show_ends {
        out.extend(ends);
    }
    // Only state and time left can still overflow a very narrow line; the
    // line is clipped to its area like any other.
    out
}
