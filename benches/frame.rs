//! Frame time of session 1 of the sample client (120×40 and 200×60) and the
//! time from `bansou open` to the first frame in a pseudo-terminal.
//! Run: `cargo bench --bench frame`. Prints medians; not a test.

use std::time::{Duration, Instant};

use bansou::app::App;
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::keymap::Keymap;
use bansou::store::Store;
use bansou::ui::{self, Theme};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../tests/it/pty_support/mod.rs"]
mod pty_support;
use pty_support::Screen;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path());
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut client = catalog.new_client(
        "demo",
        bansou::sample::SAMPLE_NAME,
        today
            .and_hms_opt(9, 0, 0)
            .map(bansou::domain::clock::jst)
            .unwrap(),
    );
    bansou::sample::fill(&mut client, &catalog, today);
    store.create(&client).unwrap();
    let keymap = Keymap::load("default", None).unwrap();
    let now = today
        .and_hms_opt(14, 0, 0)
        .map(bansou::domain::clock::jst)
        .unwrap();
    let mut app = App::new(catalog, keymap, Settings::default(), store, now);
    app.open_client("demo", Some(1)).unwrap();

    for (w, h) in [(120u16, 40u16), (200, 60)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        for _ in 0..50 {
            t.draw(|f| ui::draw(f, &app, Theme { color: true }))
                .unwrap();
        }
        let times: Vec<Duration> = (0..500)
            .map(|_| {
                let start = Instant::now();
                t.draw(|f| ui::draw(f, &app, Theme { color: true }))
                    .unwrap();
                start.elapsed()
            })
            .collect();
        println!(
            "frame session 1 {w}x{h}: median {:?} (n=500)",
            median(times)
        );
    }
    drop(app);

    // Time to first frame: spawn the real binary in the tests' pseudo-terminal
    // and wait until the status line, the last row of the first frame, is
    // on its screen.
    let config = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let s = Screen::start(
            dir.path(),
            config.path(),
            &["open", "demo", "--session", "1"],
        );
        s.wait_for("保存済");
        times.push(start.elapsed());
    }
    println!(
        "open to first frame (pty, 120x40): median {:?} (n=10)",
        median(times)
    );
    println!(
        "cores: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
}
