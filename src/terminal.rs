//! The terminal as bansou takes it over: a size that cannot exhaust memory,
//! and every terminating signal turned into an orderly stop.
//!
//! - **Size**: ratatui keeps two buffers of the whole screen; a terminal
//!   claiming 10000×10000 cells asked for 4.8 GB and aborted with the
//!   terminal not restored. The drawn area is clamped to [`MAX_COLS`] ×
//!   [`MAX_ROWS`] (a fixed viewport, resized by [`fit`] when the terminal
//!   changes); a bigger terminal shows the app in its top-left corner.
//! - **Signals**: SIGHUP and SIGTERM were handled (save, restore); SIGINT,
//!   SIGQUIT, SIGUSR1 and the other signals whose default is to end the
//!   process left the alternate screen on and lost the note being typed.
//!   Every catchable one in [`STOP_SIGNALS`] now sets the same stop flag.
//!   (SIGKILL and SIGSTOP cannot be caught; crash signals such as SIGSEGV are
//!   left to the panic and abort paths.)

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossterm::execute;
use crossterm::terminal::EnterAlternateScreen;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, TerminalOptions, Viewport};

/// Widest and tallest area drawn.
pub const MAX_COLS: u16 = 1000;
pub const MAX_ROWS: u16 = 500;

/// Signals whose default action ends the process and that can be caught.
pub const STOP_SIGNALS: [libc::c_int; 12] = [
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGTERM,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGIO,
];

/// Sets `stop` on any of [`STOP_SIGNALS`].
pub fn catch_stop_signals(stop: &Arc<AtomicBool>) -> std::io::Result<()> {
    for sig in STOP_SIGNALS {
        signal_hook::flag::register(sig, Arc::clone(stop))?;
    }
    Ok(())
}

/// The area drawn for a terminal of `cols` × `rows`.
pub fn clamp(cols: u16, rows: u16) -> Rect {
    Rect::new(0, 0, cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

fn wanted() -> Rect {
    let (cols, rows) = crossterm::terminal::size().unwrap_or((80, 24));
    clamp(cols, rows)
}

/// Raw mode, the alternate screen, ratatui's panic hook (which restores the
/// terminal), and a viewport of the clamped size.
pub fn init() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init_with_options(TerminalOptions {
        viewport: Viewport::Fixed(wanted()),
    })?;
    execute!(std::io::stdout(), EnterAlternateScreen)?;
    Ok(terminal)
}

/// Follows a change of the terminal's size (clamped) before a draw.
pub fn fit(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    let want = wanted();
    if terminal.get_frame().area() != want {
        terminal.resize(want)?;
    }
    Ok(())
}

/// What wakes an event loop besides the clock.
pub enum Wake {
    Term(std::io::Result<crossterm::event::Event>),
    /// A file followed read-only may have changed.
    File,
}

/// Reads terminal events on a thread of its own. When the terminal is gone
/// (the SSH connection dropped), crossterm 0.29 can loop inside `read` on
/// end-of-file without returning; an event loop never waits on it for more
/// than a second, so it still leaves on the hang-up signal or a failed draw,
/// and the process ends with it.
pub fn read_events(tx: std::sync::mpsc::Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let ev = crossterm::event::read();
            let failed = ev.is_err();
            if tx.send(Wake::Term(ev)).is_err() || failed {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_sizes_are_clamped_and_ordinary_ones_kept() {
        assert_eq!(clamp(10_000, 10_000), Rect::new(0, 0, MAX_COLS, MAX_ROWS));
        assert_eq!(clamp(120, 40), Rect::new(0, 0, 120, 40));
        assert_eq!(clamp(u16::MAX, 3), Rect::new(0, 0, MAX_COLS, 3));
    }

    #[test]
    fn the_stop_signals_include_those_that_lost_work() {
        for sig in [
            libc::SIGINT,
            libc::SIGQUIT,
            libc::SIGUSR1,
            libc::SIGHUP,
            libc::SIGTERM,
        ] {
            assert!(STOP_SIGNALS.contains(&sig));
        }
    }
}
