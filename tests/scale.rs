//! Scale: 1,000 clients in the picker, a session with 10,000 notes, a plan
//! of 500 rows, 50 respondents to the self-diagnosis. Each stays responsive:
//! a key and the frame after it within `BUDGET` even in this unoptimised test
//! build (the release figures are in BENCHMARKS.md), saves and exports work.

use std::path::Path;
use std::time::{Duration, Instant};

use bansou::app::{App, Screen};
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::domain::model::*;
use bansou::keymap::Keymap;
use bansou::store::Store;
use bansou::ui::{self, Theme};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A key plus the frame after it, in the debug build the tests run in.
const BUDGET: Duration = Duration::from_millis(250);

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap()
}

fn data_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

fn sample(catalog: &Catalog, id: &str) -> Client {
    let mut c = catalog.new_client(id, bansou::sample::SAMPLE_NAME, now());
    bansou::sample::fill(&mut c, catalog, now().date());
    c
}

fn app(store: Store) -> App {
    App::new(
        Catalog::builtin().unwrap(),
        Keymap::load("default", None).unwrap(),
        Settings::default(),
        store,
        now(),
    )
}

struct Term(Terminal<TestBackend>);

impl Term {
    fn new() -> Term {
        Term(Terminal::new(TestBackend::new(120, 40)).unwrap())
    }

    fn draw(&mut self, app: &App) -> String {
        self.0
            .draw(|f| ui::draw(f, app, Theme { color: true }))
            .unwrap();
        let buf = self.0.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                out.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            out.push('\n');
        }
        out
    }

    /// Presses `code` and draws; fails when the pair is slower than BUDGET.
    fn key(&mut self, app: &mut App, code: KeyCode) -> String {
        let t = Instant::now();
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        let screen = self.draw(app);
        let took = t.elapsed();
        assert!(took < BUDGET, "{code:?} and its frame took {took:?}");
        screen
    }
}

fn timed<T>(what: &str, budget: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < budget, "{what} took {took:?} (budget {budget:?})");
    out
}

#[test]
fn a_thousand_clients_in_the_picker() {
    let dir = data_dir();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin().unwrap();
    for i in 0..1000 {
        let name = format!("株式会社テスト{i:04} Example {i}");
        let mut c = catalog.new_client(&format!("client-{i:04}"), &name, now());
        c.sessions[0].completed_at = (i % 3 == 0).then(now);
        store.create(&c).unwrap();
    }
    let mut app = app(store);
    // Reading every file for the list.
    timed("picker with 1,000 clients", Duration::from_secs(10), || {
        app.show_picker()
    });
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

fn with_notes(catalog: &Catalog, n: usize) -> Client {
    let mut c = sample(catalog, "demo");
    let kinds = NoteKind::ALL;
    let s = &mut c.sessions[0];
    s.notes = (0..n)
        .map(|i| Note {
            at: now() - TimeDelta::seconds((n - i) as i64),
            kind: kinds[i % kinds.len()],
            text: format!(
                "メモ{i:05}: 資産台帳の更新とバックアップの確認 {}",
                "確認".repeat(i % 7)
            ),
            item: None,
        })
        .collect();
    c
}

#[test]
fn a_session_with_ten_thousand_notes() {
    let dir = data_dir();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin().unwrap();
    store.create(&with_notes(&catalog, 10_000)).unwrap();
    let mut app = app(store.clone());
    timed("open with 10,000 notes", Duration::from_secs(5), || {
        app.open_client("demo", Some(1)).unwrap()
    });
    let mut t = Term::new();
    let screen = t.draw(&app);
    assert!(screen.contains("メモ 10000件"), "{screen}");
    // Not focused, the pane follows the newest note.
    assert!(screen.contains("メモ09999"), "{screen}");
    t.key(&mut app, KeyCode::Tab); // focus the notes
    for _ in 0..30 {
        t.key(&mut app, KeyCode::Down);
    }
    let screen = t.key(&mut app, KeyCode::Char('r')); // requests only
    assert!(screen.contains("依頼事項一覧 2500件"), "{screen}");
    t.key(&mut app, KeyCode::Char('r'));
    // A new note: typed, saved (the whole file, 10,001 notes) and shown.
    t.key(&mut app, KeyCode::Char('n'));
    for c in "最後のメモ".chars() {
        t.key(&mut app, KeyCode::Char(c));
    }
    let screen = timed(
        "note saved with 10,000 others",
        Duration::from_secs(2),
        || t.key(&mut app, KeyCode::Enter),
    );
    assert!(screen.contains("最後のメモ"), "{screen}");
    assert!(matches!(&app.screen, Screen::Client(w) if !w.dirty));
    let on_disk = store.load("demo").unwrap().client;
    assert_eq!(on_disk.sessions[0].notes.len(), 10_001);
    let report = timed("export with 10,000 notes", Duration::from_secs(30), || {
        bansou::export::documents(
            &Catalog::builtin().unwrap(),
            &on_disk,
            &bansou::export::Options::at(now()),
        )
        .unwrap()
        .docs
    });
    assert!(
        report.iter().any(|d| d.name.contains("第1回")
            || String::from_utf8_lossy(&d.bytes).contains("最後のメモ"))
    );
}

#[test]
fn a_plan_of_five_hundred_rows_and_fifty_respondents() {
    let dir = data_dir();
    let store = Store::new(dir.path());
    let catalog = Catalog::builtin().unwrap();
    let mut c = sample(&catalog, "demo");
    let base = c.plan.clone();
    c.plan = (0..500)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.measure = format!("対策{i:03}: {}", r.measure);
            r
        })
        .collect();
    let answers = c.diagnosis.respondents.clone();
    c.diagnosis.respondents = (0..50)
        .map(|i| {
            let mut r = answers[i % answers.len()].clone();
            r.name = format!("回答者{i:02}");
            r
        })
        .collect();
    store.create(&c).unwrap();
    let mut app = app(store.clone());
    app.open_client("demo", Some(3)).unwrap();
    let mut t = Term::new();
    t.draw(&app);
    // The form pane through every form, then each form's editor where there
    // is one, moving through it.
    for _ in 0..4 {
        t.key(&mut app, KeyCode::Tab);
    }
    for _ in 0..5 {
        t.key(&mut app, KeyCode::Char('f'));
        for _ in 0..10 {
            t.key(&mut app, KeyCode::Down);
        }
        t.key(&mut app, KeyCode::Enter); // opens the editor (if the form has one)
        for _ in 0..20 {
            t.key(&mut app, KeyCode::Down);
        }
        t.key(&mut app, KeyCode::End);
        t.key(&mut app, KeyCode::Esc);
        t.key(&mut app, KeyCode::Esc);
        t.key(&mut app, KeyCode::Char('3'));
        for _ in 0..4 {
            t.key(&mut app, KeyCode::Tab);
        }
    }
    timed("save with 500 plan rows", Duration::from_secs(1), || {
        store.save(&c).unwrap()
    });
    let docs = timed(
        "export with 500 plan rows and 50 respondents",
        Duration::from_secs(30),
        || {
            bansou::export::documents(&catalog, &c, &bansou::export::Options::at(now()))
                .unwrap()
                .docs
        },
    );
    assert!(!docs.is_empty());
    let back = store.load("demo").unwrap().client;
    assert_eq!(back.plan.len(), 500);
    assert_eq!(back.diagnosis.respondents.len(), 50);
}
