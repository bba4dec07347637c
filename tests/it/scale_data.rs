//! The scale cases, built in one place for the tests that check they work
//! (`scale.rs`, no clock) and the benchmark that times them
//! (`benches/figures.rs` includes this file): 1,000 clients, a session of
//! 10,000 notes, a plan of 500 rows with 50 respondents to the
//! self-diagnosis, and the walk through every form with them.
#![allow(dead_code)]

use bansou::domain::model::Stamp;
use std::path::Path;

use bansou::app::App;
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::domain::model::{Client, Note, NoteKind};
use bansou::keymap::Keymap;
use bansou::store::Store;
use chrono::{NaiveDate, TimeDelta};
use crossterm::event::KeyCode;

pub fn now() -> Stamp {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .map(bansou::domain::clock::jst)
        .unwrap()
}

/// A data folder in memory where there is one (/dev/shm), else in the
/// system temp folder.
pub fn memory_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

/// The sample company under `id`.
pub fn sample(catalog: &Catalog, id: &str) -> Client {
    let mut c = catalog.new_client(id, bansou::sample::SAMPLE_NAME, now());
    bansou::sample::fill(&mut c, catalog, now().date_naive());
    c
}

/// The app with the default keymap, at `now()`, on `store`.
pub fn app(store: Store) -> App {
    App::new(
        Catalog::builtin().unwrap(),
        Keymap::load("default", None).unwrap(),
        Settings::default(),
        store,
        now(),
    )
}

/// 1,000 clients `client-0000`…`client-0999`: new ones (every third with
/// session 1 done), or with `filled` the sample company's whole record
/// (46 kB each).
pub fn thousand_clients(store: &Store, catalog: &Catalog, filled: bool) {
    for i in 0..1000 {
        let id = format!("client-{i:04}");
        let mut c = if filled {
            sample(catalog, &id)
        } else {
            let name = format!("株式会社テスト{i:04} Example {i}");
            catalog.new_client(&id, &name, now())
        };
        c.sessions[0].completed_at = (i % 3 == 0).then(now);
        store.create(&c).unwrap();
    }
}

/// The sample company `id` with `n` notes in session 1, of every kind in
/// turn, a second apart, up to `now()`.
pub fn with_notes(catalog: &Catalog, id: &str, n: usize) -> Client {
    let mut c = sample(catalog, id);
    let kinds = NoteKind::ALL;
    c.sessions[0].notes = (0..n)
        .map(|i| Note {
            at: now() - TimeDelta::seconds((n - i) as i64),
            kind: kinds[i % kinds.len()],
            text: format!(
                "メモ{i:05}: 資産台帳の更新とバックアップの確認 {}",
                "確認".repeat(i % 7)
            ),
            item: None,
            carried: false,
        })
        .collect();
    c
}

/// The sample company `demo` with 500 plan rows and 50 respondents (the
/// sample's own, repeated and renamed).
pub fn big_plan(catalog: &Catalog) -> Client {
    let mut c = sample(catalog, "demo");
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
    c
}

/// The keys that walk session 3's form pane through every form, then each
/// form's editor where there is one, moving through it and back out.
pub fn form_walk() -> Vec<KeyCode> {
    let mut keys = vec![KeyCode::Tab; 4];
    for _ in 0..5 {
        keys.push(KeyCode::Char('f'));
        keys.extend([KeyCode::Down; 10]);
        keys.push(KeyCode::Enter); // opens the editor (if the form has one)
        keys.extend([KeyCode::Down; 20]);
        keys.extend([KeyCode::End, KeyCode::Esc, KeyCode::Esc, KeyCode::Char('3')]);
        keys.extend([KeyCode::Tab; 4]);
    }
    keys
}
