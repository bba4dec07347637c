//! `bansou present` as a person uses it: the real binary in a pseudo-terminal
//! beside the main window (or another process saving the file), read through
//! the vt100 harness. It follows every save within the harness's wait (the
//! time it takes is measured by `cargo bench --bench present`, not here),
//! keeps the last good board when the file breaks, takes no lock and writes
//! nothing. A read-only second `open` follows the same way.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use bansou::domain::timer;
use bansou::store::Store;

use crate::pty_support::{Env, Screen, bansou, cli};

/// A data folder with the sample client `demo`, and a config folder.
fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
    let (data, config) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    cli(
        data.path(),
        config.path(),
        &[
            "new",
            "--name",
            "株式会社さくら精工",
            "--id",
            "demo",
            "--sample",
        ],
    );
    (data, config)
}

fn env<'a>(data: &'a Path, config: &'a Path, cols: u16, rows: u16) -> Env<'a> {
    Env {
        data,
        config,
        rows,
        cols,
        vars: &[],
    }
}

/// Every file of the client's folder with its size and modification time.
fn listing(data: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    std::fs::read_dir(data.join("clients/demo"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            (
                e.file_name().into_string().unwrap(),
                (m.len(), m.modified().unwrap()),
            )
        })
        .collect()
}

/// The minutes past the fixed end in `見込 HH:MM (+N分) / 予定 HH:MM`.
fn over(screen: &str) -> i64 {
    let line = screen
        .lines()
        .find(|l| l.contains("見込 ") && l.contains("予定"))
        .unwrap_or_else(|| panic!("no projected end:\n{screen}"));
    let inner = &line[line.find('(').unwrap() + 1..line.find(')').unwrap()];
    inner
        .trim_start_matches('±')
        .trim_end_matches('分')
        .parse()
        .unwrap_or_else(|_| panic!("not minutes: {inner:?}"))
}

fn agenda_title(data: &Path, i: usize) -> String {
    crate::pty_support::load(data, "demo").sessions[2].agenda[i]
        .title
        .clone()
}

#[test]
fn present_follows_the_main_window_without_taking_the_lock() {
    for (cols, rows) in [(80, 24), (200, 60)] {
        let (data, config) = setup();
        let (data, config) = (data.path(), config.path());
        let mut present = Screen::start_in(&env(data, config, cols, rows), &["present", "demo"]);
        present.wait_for("開始前");
        present.wait_for("次の議題: 前回の振り返り");
        // The main window opens writable: present holds no lock.
        let mut main = Screen::start_in(&env(data, config, 120, 40), &["open", "demo"]);
        main.wait_for("保存済");
        assert!(!main.screen().contains("読み取り専用"), "{}", main.screen());

        main.send(" ");
        main.wait_for("進行中");
        present.wait_for("残り時間");
        let first = agenda_title(data, 0);
        present.wait_for(&first);
        let before = over(&present.screen());

        main.send("+");
        present.wait_until("the projected end 5 minutes later", |s| {
            s.contains("見込 ") && over(s) == before + 5
        });

        main.send("]");
        let second = agenda_title(data, 1);
        present.wait_for(&second);
        present.wait_for(&format!("次の議題: {}", agenda_title(data, 2)));
        main.send(" ");
        present.wait_for("一時停止中");
        main.quit();
        present.quit();
        assert!(!present.alternate_screen(), "the terminal is given back");
    }
}

#[test]
fn present_follows_another_process_keeps_the_last_good_board_and_writes_nothing() {
    let (data, config) = setup();
    let (data, config) = (data.path(), config.path());
    let store = Store::new(data);
    // File events, then the poll fallback (as when inotify's limits are reached).
    for vars in [&[][..], &[("BANSOU_TEST_POLL", "1")][..]] {
        let e = Env {
            vars,
            ..env(data, config, 80, 24)
        };
        let mut present = Screen::start_in(&e, &["present", "demo", "--session", "4"]);
        present.wait_for("第4回");
        present.wait_for("開始前");
        let before = listing(data);
        std::thread::sleep(std::time::Duration::from_millis(1500));
        assert_eq!(listing(data), before, "present wrote nothing");
        drop(store.open("demo").expect("present holds no lock"));

        // Another process starts session 4 and saves.
        let mut c = store.load("demo").unwrap().client;
        let now = bansou::clock::wall();
        timer::toggle(&mut c.sessions[3], now);
        store.save(&c).unwrap();
        let title = c.sessions[3].agenda[0].title.clone();
        present.wait_for(&title);
        present.wait_for("残り時間");

        // A hand edit half done: the board stays, a notice says so.
        let path = store.client_path("demo").unwrap();
        let good = std::fs::read(&path).unwrap();
        std::fs::write(&path, b"schema_version = 3\n[[[\n").unwrap();
        present.wait_for("ファイルを読めません（2行目）");
        assert!(present.screen().contains(&title), "{}", present.screen());
        assert!(present.running(), "never a crash");
        std::fs::write(&path, &good).unwrap();
        present.wait_gone("ファイルを読めません");

        // Paused and back on time: followed, and the same file again is fine.
        timer::toggle(&mut c.sessions[3], now);
        store.save(&c).unwrap();
        present.wait_for("一時停止中");
        timer::toggle(&mut c.sessions[3], now);
        c.sessions[3].agenda[0].started_at = None;
        c.sessions[3].paused_at = None;
        store.save(&c).unwrap();
        present.wait_for("開始前");
        present.quit();
    }
}

#[test]
fn a_read_only_second_open_follows_the_main_window() {
    let (data, config) = setup();
    let (data, config) = (data.path(), config.path());
    let mut main = Screen::start_in(&env(data, config, 120, 40), &["open", "demo"]);
    main.wait_for("保存済");
    let mut second = Screen::start_in(&env(data, config, 120, 40), &["open", "demo"]);
    second.wait_for("読み取り専用");
    main.send(" ");
    main.wait_for("進行中");
    second.wait_for("進行中");
    second.wait_for("読み取り専用");
    main.send("]");
    let second_item = agenda_title(data, 1);
    let cut: String = second_item.chars().take(6).collect();
    second.wait_for(&cut);
    main.quit();
    second.quit();
}

#[test]
fn present_refuses_a_missing_client_and_a_pipe() {
    let (data, config) = setup();
    let run = |args: &[&str]| {
        Command::new(bansou())
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env("BANSOU_CONFIG_DIR", config.path())
            .output()
            .unwrap()
    };
    let out = run(&["present", "nosuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch"));
    let out = run(&["present", "demo"]);
    assert_eq!(out.status.code(), Some(1), "no terminal: nothing to show");
    assert!(String::from_utf8_lossy(&out.stderr).contains("present needs a terminal"));
    let out = run(&["present", "demo", "--session", "5"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn present_leaves_cleanly_on_a_stop_signal_and_on_ctrl_c() {
    let (data, config) = setup();
    let (data, config) = (data.path(), config.path());
    for stop in ["TERM", "HUP", "C-c"] {
        let mut present = Screen::start_in(&env(data, config, 80, 24), &["present", "demo"]);
        present.wait_for("開始前");
        assert!(present.alternate_screen());
        if stop == "C-c" {
            present.send("\u{3}");
        } else {
            present.signal(stop);
        }
        present.wait_exit();
        assert!(
            !present.alternate_screen(),
            "{stop}: the terminal is given back"
        );
    }
}
