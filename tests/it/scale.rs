//! Scale: 1,000 clients in the picker, a session with 10,000 notes, a plan
//! of 500 rows, 50 respondents to the self-diagnosis. Each still works:
//! lists, filters, opens, renders, saves and exports. How long each takes
//! is measured by `cargo bench --bench figures` (BENCHMARKS.md, "Scale"),
//! not asserted here.

use bansou::app::{App, Screen};
use bansou::content::Catalog;
use bansou::store::Store;
use bansou::ui::{self, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::forms_support::text;
use crate::scale_data::{app, big_plan, form_walk, memory_dir, now, thousand_clients, with_notes};

struct Term(Terminal<TestBackend>);

impl Term {
    fn new() -> Term {
        Term(Terminal::new(TestBackend::new(120, 40)).unwrap())
    }

    fn draw(&mut self, app: &App) -> String {
        self.0
            .draw(|f| ui::draw(f, app, Theme { color: true }))
            .unwrap();
        text(self.0.backend())
    }

    /// Presses `code` and draws the frame after it.
    fn key(&mut self, app: &mut App, code: KeyCode) -> String {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        self.draw(app)
    }
}

#[test]
fn a_thousand_clients_in_the_picker() {
    let dir = memory_dir();
    let store = Store::new(dir.path());
    thousand_clients(&store, &Catalog::builtin().unwrap(), false);
    let mut app = app(store);
    // Reading every file for the list.
    app.show_picker();
    let mut t = Term::new();
    let screen = t.draw(&app);
    assert!(screen.contains("企業 1000/1000"), "{screen}");
    for _ in 0..20 {
        t.key(&mut app, KeyCode::Down);
    }
    // Filtering as one types.
    for c in "0999".chars() {
        t.key(&mut app, KeyCode::Char(c));
    }
    let screen = t.draw(&app);
    assert!(screen.contains("企業 1/1000"), "{screen}");
    assert!(screen.contains("client-0999"), "{screen}");
    for _ in 0..4 {
        t.key(&mut app, KeyCode::Backspace);
    }
    // The last one is reachable and opens.
    for _ in 0..1000 {
        app.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    let screen = t.key(&mut app, KeyCode::Down);
    assert!(screen.contains("client-0999"), "{screen}");
    t.key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.screen, Screen::Client(w) if w.client.id == "client-0999"));
}

#[test]
fn a_session_with_ten_thousand_notes() {
    let dir = memory_dir();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin().unwrap();
    store.create(&with_notes(&catalog, "demo", 10_000)).unwrap();
    let mut app = app(store.clone());
    app.open_client("demo", Some(1)).unwrap();
    let mut t = Term::new();
    let screen = t.draw(&app);
    assert!(screen.contains("メモ 10000件"), "{screen}");
    // Not focused, the pane follows the newest note.
    assert!(screen.contains("メモ09999"), "{screen}");
    t.key(&mut app, KeyCode::Tab); // focus the notes
    for _ in 0..30 {
        t.key(&mut app, KeyCode::Down);
    }
    // (Titles read from a whole frame: TestBackend's text of a frame drawn
    // over another shows stale halves of wide characters.)
    t.key(&mut app, KeyCode::Char('r')); // requests only
    let screen = crate::forms_support::render(&app, 120, 40);
    assert!(
        screen.contains("メモ 2500/10000件・依頼事項のみ"),
        "{screen}"
    );
    // A search over the ten thousand, typed a character at a time.
    t.key(&mut app, KeyCode::Char('/'));
    for c in "メモ09998".chars() {
        t.key(&mut app, KeyCode::Char(c));
    }
    t.key(&mut app, KeyCode::Enter);
    let screen = crate::forms_support::render(&app, 120, 40);
    assert!(
        screen.contains("メモ 0/10000件・依頼事項のみ・検索「メモ09998」"),
        "{screen}"
    );
    t.key(&mut app, KeyCode::Char('r'));
    let screen = crate::forms_support::render(&app, 120, 40);
    assert!(
        screen.contains("メモ 1/10000件・決定事項のみ・検索「メモ09998」"),
        "{screen}"
    );
    t.key(&mut app, KeyCode::Esc); // all notes again
    // A new note: typed, saved (the whole file, 10,001 notes) and shown.
    t.key(&mut app, KeyCode::Char('n'));
    for c in "最後のメモ".chars() {
        t.key(&mut app, KeyCode::Char(c));
    }
    let screen = t.key(&mut app, KeyCode::Enter);
    assert!(screen.contains("最後のメモ"), "{screen}");
    assert!(matches!(&app.screen, Screen::Client(w) if !w.dirty));
    let on_disk = store.load("demo").unwrap().client;
    assert_eq!(on_disk.sessions[0].notes.len(), 10_001);
    let report = bansou::export::documents(&catalog, &on_disk, &bansou::export::Options::at(now()))
        .unwrap()
        .docs;
    assert!(
        report.iter().any(|d| d.name.contains("第1回")
            || String::from_utf8_lossy(&d.bytes).contains("最後のメモ"))
    );
}

#[test]
fn a_plan_of_five_hundred_rows_and_fifty_respondents() {
    let dir = memory_dir();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin().unwrap();
    let c = big_plan(&catalog);
    store.create(&c).unwrap();
    let mut app = app(store.clone());
    app.open_client("demo", Some(3)).unwrap();
    let mut t = Term::new();
    t.draw(&app);
    // The form pane through every form, then each form's editor where there
    // is one, moving through it.
    for code in form_walk() {
        t.key(&mut app, code);
    }
    store.save(&c).unwrap();
    let docs = bansou::export::documents(&catalog, &c, &bansou::export::Options::at(now()))
        .unwrap()
        .docs;
    assert!(!docs.is_empty());
    let back = store.load("demo").unwrap().client;
    assert_eq!(back.plan.len(), 500);
    assert_eq!(back.diagnosis.respondents.len(), 50);
}
