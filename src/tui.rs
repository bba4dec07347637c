//! The terminal: enter, run the event loop, restore — on exit, on error, on
//! panic, on SIGHUP/SIGTERM (an SSH connection dropping is normal) and on
//! every other stop signal (see `terminal::STOP_SIGNALS`).
//!
//! Test-only switch: with the environment variable `BANSOU_TEST_PANIC` set,
//! pressing F12 panics inside the event loop (after the key is handled), so
//! the fault tests (tests/it/faults.rs) can check that a panic restores the
//! terminal and keeps the work. Without the variable F12 does nothing special.

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use chrono::Timelike;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode};
use crossterm::execute;

use crate::app::App;
use crate::terminal::Wake;
use crate::ui;
use crate::widgets::Theme;

/// Runs the app until quit or a hang-up; state is saved on every change and
/// once more before leaving.
pub fn run(mut app: App) -> color_eyre::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    // HUP, TERM, INT, QUIT, USR1… all end the loop the same way (issue 12).
    crate::terminal::catch_stop_signals(&stop)?;
    app.batch_saves = true;
    let theme = app.theme;
    // Clamped to a size that cannot exhaust memory (issue 12).
    let mut terminal = crate::terminal::init()?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // A panic in the loop: ratatui's hook has already restored the terminal;
    // keep the work, then go on unwinding.
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, theme, &stop)
    }));
    if !app.quit {
        // Hang-up, error or panic: a quick note being typed is kept.
        app.salvage();
    }
    app.flush();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    // After a panic the hook has already left the alternate screen and
    // printed the report; leaving it a second time would move the cursor
    // back over the report in xterm-like terminals.
    if result.is_ok() {
        ratatui::restore();
    }
    match result {
        // Left with changes that could not be saved: say so, with the notes.
        Ok(Ok(())) => match app.unsaved_report() {
            Some(report) => {
                for line in report.lines() {
                    eprintln!("{}", crate::domain::clean::line(line));
                }
                Err(color_eyre::eyre::eyre!("保存できないまま終了しました"))
            }
            None => Ok(()),
        },
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: Theme,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    let test_panic = std::env::var_os("BANSOU_TEST_PANIC").is_some();
    let (tx, events) = std::sync::mpsc::channel();
    crate::terminal::read_events(tx.clone());
    // A client followed read-only redraws as soon as its file changes.
    app.set_waker(Arc::new(move || {
        let _ = tx.send(Wake::File);
    }));
    let mut last_second = None;
    let mut clock = crate::clock::Clock::start();
    loop {
        let now = tick(&mut clock, app);
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
        crate::terminal::fit(terminal)?;
        if let Ok(size) = terminal.size() {
            app.size = (size.width, size.height);
        }
        terminal.draw(|f| ui::draw(f, app, theme))?;
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Sleep until the next second (clock redraw) or an event; never busy-wait.
        let wait = 1_000 - u64::from(tick(&mut clock, app).nanosecond() / 1_000_000).min(999);
        match events.recv_timeout(Duration::from_millis(wait)) {
            Ok(ev) => {
                app.now = tick(&mut clock, app);
                handle(app, ev, test_panic)?;
                // Drain what is already queued before drawing again (fast typing, paste).
                while let Ok(ev) = events.try_recv() {
                    handle(app, ev, test_panic)?;
                }
                // One save for the whole batch (a burst of IME input or a paste).
                app.flush();
            }
            Err(RecvTimeoutError::Timeout) if stop.load(Ordering::Relaxed) => return Ok(()),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// The clock now; a step of the wall clock seen by this tick is told to
/// the app (every tick, or a step caught while reading the time is lost).
fn tick(clock: &mut crate::clock::Clock, app: &mut App) -> crate::domain::model::Stamp {
    let tick = clock.tick();
    if let Some(step) = tick.stepped {
        app.clock_stepped(step);
    }
    tick.now
}

fn handle(app: &mut App, wake: Wake, test_panic: bool) -> std::io::Result<()> {
    let ev = match wake {
        Wake::Term(ev) => ev?,
        Wake::File => {
            app.follow_file();
            return Ok(());
        }
    };
    app.handle_event(&ev);
    if test_panic && matches!(ev, Event::Key(k) if k.code == KeyCode::F(12)) {
        panic!("test panic requested by BANSOU_TEST_PANIC (F12)");
    }
    Ok(())
}
