//! `bansou present ID [--session N]`: a second, read-only window for the
//! projector or the web-meeting share. It follows the client file while the
//! main window is open and shows only the presentation board (the item
//! running, the time left, the next item, the projected end against the
//! fixed end; see `ui::present`) — never notes, forms or answers.
//!
//! It takes no lock and writes nothing: the file is read with
//! `Store::load`'s checks and read again when it changes (`store::watch`:
//! file events on the client's folder, a poll where there are none). A file
//! that does not parse leaves the last good board on screen with a notice.
//! Without `--session` it follows the session whose timer runs, else the
//! first not done (`domain::board::followed`), chosen again on every change.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use chrono::Timelike;
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::content::Catalog;
use crate::domain::board::{board, followed};
use crate::domain::model::{Client, Stamp};
use crate::keymap::{Context, Key, Keymap};
use crate::store::watch::{Follow, Watch};
use crate::store::{Store, StoreError};
use crate::terminal::{Wake, read_events};
use crate::ui::present::{Stage, draw_stage};
use crate::widgets::Theme;

/// The window's state: the client as last read and how to read it again.
pub struct Present {
    store: Store,
    catalog: Catalog,
    follow: Follow,
    client: Client,
    /// The session named with `--session` (index), else the followed one.
    session: Option<usize>,
    warn_minutes: u32,
    quit_key: String,
}

impl Present {
    /// Reads the client (no lock, nothing written); an error here is shown
    /// before the screen takes over.
    pub fn open(
        store: Store,
        catalog: Catalog,
        keymap: &Keymap,
        warn_minutes: u32,
        id: &str,
        session: Option<u8>,
    ) -> Result<Present, StoreError> {
        let (follow, mut client) = Follow::open(&store, id)?;
        // Defaults a first `open` would add, in memory only.
        crate::content::fill::defaults(&mut client, &catalog);
        Ok(Present {
            store,
            catalog,
            follow,
            client,
            session: session.map(|n| usize::from(n.clamp(1, 4)) - 1),
            warn_minutes,
            quit_key: crate::widgets::hints::name(keymap, &[Context::Global], Action::Quit),
        })
    }

    /// Reads the file again when it changed; true when the board may differ.
    pub fn reload(&mut self) -> bool {
        let before = self.follow.problem.clone();
        match self.follow.check(&self.store) {
            Some(mut c) => {
                crate::content::fill::defaults(&mut c, &self.catalog);
                self.client = c;
                true
            }
            None => self.follow.problem != before,
        }
    }

    /// The session shown now (index).
    pub fn session(&self) -> usize {
        self.session.unwrap_or_else(|| followed(&self.client))
    }

    /// Draws the board at `now`.
    pub fn draw(&self, frame: &mut ratatui::Frame, now: Stamp, theme: Theme) {
        let i = self.session();
        let board = board(&self.client, i, now);
        let stage = Stage {
            company: &self.client.profile.name,
            date: self.client.sessions[i].date,
            board: &board,
            now,
            warn_minutes: self.warn_minutes,
            notice: self.follow.problem.clone(),
            hint: Some(format!("{}:閉じる", self.quit_key)),
        };
        draw_stage(frame, frame.area(), &stage, theme);
    }

    /// The folder whose changes wake the window.
    fn dir(&self) -> std::path::PathBuf {
        self.follow.dir().to_owned()
    }
}

/// Runs the window until the quit key, Ctrl-C, a hang-up or a stop signal.
pub fn run(mut present: Present, keymap: &Keymap) -> color_eyre::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    crate::terminal::catch_stop_signals(&stop)?;
    let theme = Theme::from_env();
    let (tx, rx) = mpsc::channel();
    read_events(tx.clone());
    let _watch = Watch::start(
        &present.dir(),
        Arc::new(move || {
            let _ = tx.send(Wake::File);
        }),
    );
    let mut terminal = crate::terminal::init()?;
    let result = event_loop(&mut terminal, &mut present, keymap, theme, &stop, &rx);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    present: &mut Present,
    keymap: &Keymap,
    theme: Theme,
    stop: &AtomicBool,
    rx: &Receiver<Wake>,
) -> color_eyre::Result<()> {
    // Real time, as the main window counts it (a step of the wall clock
    // neither freezes nor jumps the time left).
    let mut clock = crate::clock::Clock::start();
    loop {
        let now = clock.tick();
        crate::terminal::fit(terminal)?;
        terminal.draw(|f| present.draw(f, now, theme))?;
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Sleep until the next second (the clock) or a wake; never busy-wait.
        let wait = 1_000 - u64::from(clock.tick().nanosecond() / 1_000_000).min(999);
        let mut wake = match rx.recv_timeout(Duration::from_millis(wait)) {
            Ok(w) => Some(w),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Everything queued, then one read of the file (a save is several
        // events) and one draw.
        while let Some(w) = wake {
            if let Wake::Term(ev) = w
                && quits(&ev?, keymap)
            {
                return Ok(());
            }
            wake = rx.try_recv().ok();
        }
        // Also on every second without a wake: a change the events missed
        // (a replaced folder) still shows within a second.
        present.reload();
    }
}

/// The quit key of the keymap in effect, or Ctrl-C (raw mode turns it into a key).
fn quits(ev: &Event, keymap: &Keymap) -> bool {
    let Event::Key(k) = ev else {
        return false;
    };
    if k.kind == KeyEventKind::Release {
        return false;
    }
    if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
        return true;
    }
    keymap.lookup(&[Context::Global], Key::from_event(k)) == Some(Action::Quit)
}
