//! Frame time of session 1 of the sample client (120×40 and 200×60) and the
//! time from `bansou open` to the first frame in a pseudo-terminal.
//! Run: `cargo bench --bench frame`. Prints medians; not a test.

use std::io::Read;
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

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn strip_escapes(raw: &[u8]) -> String {
    let raw = String::from_utf8_lossy(raw);
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() || d == '~' {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path());
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut client = catalog.new_client(
        "demo",
        bansou::sample::SAMPLE_NAME,
        today.and_hms_opt(9, 0, 0).unwrap(),
    );
    bansou::sample::fill(&mut client, &catalog, today);
    store.create(&client).unwrap();
    let keymap = Keymap::load("default", None).unwrap();
    let now = today.and_hms_opt(14, 0, 0).unwrap();
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

    // Time to first frame: spawn the real binary in a pty and wait for the
    // first drawn agenda title.
    let bin = env!("CARGO_BIN_EXE_bansou");
    let config = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    for _ in 0..10 {
        let pty = portable_pty::native_pty_system();
        let pair = pty
            .openpty(portable_pty::PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = portable_pty::CommandBuilder::new(bin);
        cmd.args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "open",
            "demo",
            "--session",
            "1",
        ]);
        cmd.env("BANSOU_CONFIG_DIR", config.path());
        let start = Instant::now();
        let mut child = pair.slave.spawn_command(cmd).unwrap();
        let mut reader = pair.master.try_clone_reader().unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        // The status line is the last row drawn in the first frame; ratatui
        // moves the cursor between wide characters, so compare without escapes.
        while !strip_escapes(&seen).contains("保存済") {
            let n = reader.read(&mut buf).unwrap();
            assert!(n > 0, "bansou closed the terminal before drawing");
            seen.extend_from_slice(&buf[..n]);
        }
        times.push(start.elapsed());
        child.kill().unwrap();
        let _ = child.wait();
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
