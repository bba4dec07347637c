//! The terminal: enter, run the event loop, restore — on exit, on error, on
//! panic, and on SIGHUP/SIGTERM (an SSH connection dropping is normal).

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{Local, Timelike};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;

use crate::app::App;
use crate::ui::{self, Theme};

/// Runs the app until quit or a hang-up; state is saved on every change and
/// once more before leaving.
pub fn run(mut app: App) -> color_eyre::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, theme, &stop);
    app.persist();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: Theme,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    if std::env::var_os("BANSOU_TEST_PANIC").is_some() {
        panic!("test panic requested by BANSOU_TEST_PANIC");
    }
    let mut last_second = None;
    loop {
        let now = Local::now().naive_local();
        let second = now.with_nanosecond(0);
        if second != last_second {
            app.tick(now);
            last_second = second;
        }
        if app.bell > 0 {
            app.bell = 0;
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
        terminal.draw(|f| ui::draw(f, app, theme))?;
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Sleep until the next second (clock redraw) or an event; never busy-wait.
        let wait = 1_000 - u64::from(Local::now().nanosecond() / 1_000_000).min(999);
        if event::poll(Duration::from_millis(wait))? {
            let ev = event::read()?;
            app.now = Local::now().naive_local();
            app.handle_event(&ev);
            // Drain what is already queued before drawing again (fast typing, paste).
            while event::poll(Duration::ZERO)? {
                let ev = event::read()?;
                app.handle_event(&ev);
            }
        } else if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
    }
}
