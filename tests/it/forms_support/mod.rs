//! Shared by the in-process tests (screens, form editors, read-only, scale):
//! the sample client in a temporary data folder, keys through the real
//! keymap and `App::handle_key`, and the screen drawn into ratatui's
//! TestBackend, for snapshots (`draw`) and as text (`text`, `render`).

#![allow(dead_code)]

use bansou::app::{App, Screen};
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::domain::model::Client;
use bansou::domain::model::Stamp;
use bansou::keymap::Keymap;
use bansou::store::Store;
use bansou::ui::{self, Theme};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

pub fn at(h: u32, m: u32) -> Stamp {
    today()
        .and_hms_opt(h, m, 0)
        .map(bansou::domain::clock::jst)
        .unwrap()
}

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub app: App,
    /// Another writer holding the client (read-only fixtures).
    pub _held: Option<bansou::store::Opened>,
}

/// The sample client `demo`, opened on `session` (0 = profile tab).
pub fn sample(session: u8) -> Fixture {
    fixture(session, true, false)
}

/// A client with nothing filled in but the catalogs, opened on `session`.
pub fn blank(session: u8) -> Fixture {
    fixture(session, false, false)
}

/// The sample client while another process has it open: read-only.
pub fn read_only(session: u8) -> Fixture {
    fixture(session, true, true)
}

fn fixture(session: u8, filled: bool, held: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path());
    let name = if filled {
        bansou::sample::SAMPLE_NAME
    } else {
        "有限会社みどり商店"
    };
    let mut client = catalog.new_client("demo", name, at(9, 0));
    if filled {
        bansou::sample::fill(&mut client, &catalog, today());
    }
    store.create(&client).unwrap();
    let held = held.then(|| store.open("demo").unwrap());
    let keymap = Keymap::load("default", None).unwrap();
    let mut app = App::new(catalog, keymap, Settings::default(), store, at(10, 0));
    app.open_client("demo", Some(session)).unwrap();
    Fixture {
        _dir: dir,
        app,
        _held: held,
    }
}

/// `ui::draw` of `app` into a fresh `w`×`h` TestBackend, without colour:
/// snapshot it with `insta::assert_snapshot!(name, draw(..).backend())`.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, Theme { color: false }))
        .unwrap();
    t
}

/// The rows of a TestBackend as text, each followed by a newline: its
/// Display (what the snapshots hold) without the quotes around each row
/// and the list of cells hidden under wide characters.
pub fn text(backend: &TestBackend) -> String {
    let mut out = String::new();
    for line in backend.to_string().lines() {
        let row = line.strip_prefix('"').unwrap_or(line);
        let row = match row.rfind("\" Hidden by multi-width symbols: [") {
            Some(end) => &row[..end],
            None => row.strip_suffix('"').unwrap_or(row),
        };
        out.push_str(row);
        out.push('\n');
    }
    out
}

/// The screen as text (wide characters once).
pub fn render(app: &App, w: u16, h: u16) -> String {
    text(draw(app, w, h).backend())
}

/// The screen as text and where the terminal cursor was put, if anywhere.
pub fn render_with_cursor(app: &App, w: u16, h: u16) -> (String, Option<(u16, u16)>) {
    let t = draw(app, w, h);
    let b = t.backend();
    let cursor = b.cursor_position();
    (text(b), b.cursor_visible().then_some((cursor.x, cursor.y)))
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn chars(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn down(app: &mut App, n: usize) {
    for _ in 0..n {
        key(app, KeyCode::Down);
    }
}

pub fn client(app: &App) -> &Client {
    match &app.screen {
        Screen::Client(w) => &w.client,
        Screen::Picker(_) => panic!("not open"),
    }
}

pub fn editor_open(app: &App) -> bool {
    match &app.screen {
        Screen::Client(w) => w.editor.is_some(),
        Screen::Picker(_) => false,
    }
}

/// The client as saved on disk now.
pub fn on_disk(app: &App) -> Client {
    app.store.load("demo").unwrap().client
}

/// The form the session's form pane shows.
pub fn shown_form(app: &App) -> Option<bansou::domain::model::FormKind> {
    match &app.screen {
        Screen::Client(w) => Some(w.shown_form()),
        Screen::Picker(_) => None,
    }
}

/// The form of the editor open, if any.
pub fn editor_form(app: &App) -> Option<bansou::domain::model::FormKind> {
    match &app.screen {
        Screen::Client(w) => w.editor.as_ref().and_then(|e| e.form()),
        Screen::Picker(_) => None,
    }
}

/// Opens `form`'s editor as a user does: on the profile tab `enter`; on a
/// session tab `next_pane` four times to the form pane, `f` until the form
/// shows, then `enter`.
pub fn open_from_pane(
    app: &mut App,
    form: bansou::domain::model::FormKind,
    next_pane: KeyEvent,
    enter: KeyCode,
) {
    if form != bansou::domain::model::FormKind::Profile {
        for _ in 0..4 {
            app.handle_key(&next_pane);
        }
        for _ in 0..5 {
            if shown_form(app) == Some(form) {
                break;
            }
            key(app, KeyCode::Char('f'));
        }
    }
    key(app, enter);
}

/// `open_from_pane` with the default keymap's Tab and Enter.
pub fn open_by_tab(app: &mut App, form: bansou::domain::model::FormKind) {
    open_from_pane(app, form, KeyEvent::from(KeyCode::Tab), KeyCode::Enter);
}
