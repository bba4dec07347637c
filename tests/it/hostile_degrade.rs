//! Issue 12, "degrade, don't die": a full or read-only disk, signals, a
//! closed or full stdout, FIFOs where files are expected, an absurd terminal
//! size; and core dumps off. The real binary each time.

use std::process::Stdio;
use std::time::Duration;

use crate::tmpfs_support::{Tmpfs, fill};
use crate::world_support::*;

fn open_on(w: &World, data: &std::path::Path, id: &str) -> std::process::Output {
    let mut c = w.cmd(&["open", id]);
    c.arg("--data-dir").arg(data);
    c.output().unwrap()
}

#[test]
fn a_full_disk_opens_the_client_read_only_with_the_reason() {
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let data = fs.path().join("data");
    let w = World::new();
    let mut c = w.cmd(&["new", "--name", "株式会社満杯", "--id", "full"]);
    c.arg("--data-dir").arg(&data);
    assert!(c.output().unwrap().status.success());
    let filler = fill(fs.path());
    let out = open_on(&w, &data, "full");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("読み取り専用 (read-only)"), "{text}");
    assert!(text.contains("No space left on device"), "{text}");
    assert!(text.contains("株式会社満杯"), "{text}");
    std::fs::remove_file(filler).unwrap();
}

#[test]
fn a_read_only_file_system_opens_the_client_read_only_with_the_reason() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let data = fs.path().join("data");
    let w = World::new();
    let mut c = w.cmd(&["new", "--name", "株式会社読取", "--id", "ro"]);
    c.arg("--data-dir").arg(&data);
    assert!(c.output().unwrap().status.success());
    fs.remount("ro");
    let out = open_on(&w, &data, "ro");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("読み取り専用 (read-only)"), "{text}");
    assert!(text.contains("Read-only file system"), "{text}");
    assert!(text.contains("株式会社読取"), "{text}");
    // And on screen.
    let mut s = crate::pty_support::Screen::start(&data, w.config(), &["open", "ro"]);
    s.wait_for("読み取り専用");
    s.wait_for("Read-only file system");
    s.send("q");
    assert!(s.wait_exit().success());
    fs.remount("rw");
}

fn a_signal_restores_the_terminal_and_keeps_the_half_typed_note(sig: libc::c_int, name: &str) {
    let w = World::new();
    w.new_client("sig");
    let mut s = w.open("sig");
    s.send("n");
    s.wait_for("Tab:種類");
    s.send(&format!("{name}で途中まで"));
    std::thread::sleep(Duration::from_millis(300));
    signal(&s, sig);
    s.wait_exit();
    assert!(
        restored(&s),
        "{name}: the terminal was left in the alternate screen"
    );
    assert_eq!(
        notes(&w.load("sig")),
        [format!("{name}で途中まで")],
        "{name}"
    );
    assert!(!w.dir("sig").join("lock").exists() || w.run(&["open", "sig"]).status.success());
}

#[test]
fn sigint_restores_the_terminal_and_keeps_the_note() {
    a_signal_restores_the_terminal_and_keeps_the_half_typed_note(libc::SIGINT, "INT");
}

#[test]
fn sigquit_restores_the_terminal_and_keeps_the_note() {
    a_signal_restores_the_terminal_and_keeps_the_half_typed_note(libc::SIGQUIT, "QUIT");
}

#[test]
fn sigusr1_restores_the_terminal_and_keeps_the_note() {
    a_signal_restores_the_terminal_and_keeps_the_half_typed_note(libc::SIGUSR1, "USR1");
}

#[test]
fn sigusr2_and_sigalrm_restore_the_terminal_and_keep_the_note() {
    a_signal_restores_the_terminal_and_keeps_the_half_typed_note(libc::SIGUSR2, "USR2");
    a_signal_restores_the_terminal_and_keeps_the_half_typed_note(libc::SIGALRM, "ALRM");
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_a_failure_status() {
    let w = World::new();
    for i in 0..40 {
        w.new_named(&format!("c{i:02}"), &format!("株式会社{i}"));
    }
    let export_to = w.data().join("exp");
    for args in [
        vec!["list"],
        vec!["check", "c01"],
        vec!["open", "c02"],
        vec!["export", "c03", "--out", export_to.to_str().unwrap()],
        vec!["new", "--name", "パイプ"],
    ] {
        let mut child = w
            .cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader went away (`| head -0`)
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_full_stdout_ends_every_command_with_one_line_and_a_failure_status() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full here");
        return;
    }
    let w = World::new();
    w.new_client("c1");
    let export_to = w.data().join("exp");
    for args in [
        vec!["list"],
        vec!["check", "c1"],
        vec!["open", "c1"],
        vec!["export", "c1", "--out", export_to.to_str().unwrap()],
        vec!["new", "--name", "満杯"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = w.cmd(&args).stdout(full).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains("cannot write the output"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn a_fifo_for_client_toml_is_refused_at_once_by_list_check_open_and_the_picker() {
    let w = World::new();
    w.new_named("good", "株式会社よい");
    w.new_client("fifo");
    std::fs::remove_file(w.file("fifo")).unwrap();
    mkfifo(&w.file("fifo"));
    for args in [vec!["list"], vec!["check", "fifo"], vec!["open", "fifo"]] {
        let out = run_within(w.cmd(&args), 10).unwrap_or_else(|| panic!("{args:?} hung on a FIFO"));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            all.contains("fifo/client.toml") && all.contains("FIFO"),
            "{args:?}: {all}"
        );
    }
    let mut s = crate::pty_support::Screen::start(w.data(), w.config(), &[]);
    s.wait_for("株式会社よい");
    s.wait_for("FIFO");
    s.send("\u{1b}");
    s.wait_exit();
}

#[test]
fn a_fifo_for_a_catalog_keymap_or_config_is_refused_at_once_naming_it() {
    let w = World::new();
    w.new_client("x");
    let content = w.config().join("content");
    std::fs::create_dir(&content).unwrap();
    mkfifo(&content.join("plan.toml"));
    let out = run_within(w.cmd(&["list"]), 10).expect("list hung on a FIFO catalog");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("plan.toml") && stderr(&out).contains("FIFO"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(content.join("plan.toml")).unwrap();

    for name in ["keymap.toml", "config.toml"] {
        let path = w.config().join(name);
        mkfifo(&path);
        let mut s = crate::pty_support::Screen::start(w.data(), w.config(), &["open", "x"]);
        s.wait_for("FIFO");
        assert!(s.screen().contains(name), "{}", s.screen());
        assert!(!s.wait_exit().success());
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn an_absurd_terminal_size_is_clamped_and_the_app_runs() {
    let w = World::new();
    w.new_client("huge");
    let mut s = RawPty::start(&w, &["open", "huge"], 10_000, 10_000);
    // A first frame (a clamped 1000×500 one is tens of kilobytes) and still alive.
    eventually("a first frame", || (s.written() > 20_000).then_some(()));
    std::thread::sleep(Duration::from_millis(500));
    assert!(s.running(), "bansou died on a 10000×10000 terminal");
    s.send("q");
    let status = eventually("bansou quits", || s.child.try_wait().unwrap());
    assert!(status.success(), "{status:?}");
}

#[test]
fn no_core_dump_can_be_written() {
    let w = World::new();
    w.new_client("core");
    let mut s = w.open("core");
    let pid = s.pid();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    s.send("q");
    s.wait_exit();
}

#[test]
fn zero_tiny_and_lopsided_terminals_neither_crash_nor_trap() {
    for (cols, rows) in [(0u16, 0u16), (1, 1), (0, 50), (2000, 3), (3, 2000)] {
        let w = World::new();
        w.new_client("z");
        let mut s = RawPty::start(&w, &["open", "z"], cols, rows);
        eventually("a first frame", || (s.written() > 0).then_some(()));
        std::thread::sleep(Duration::from_millis(800));
        assert!(s.running(), "{cols}x{rows}: bansou died");
        s.send("q");
        let status = eventually("bansou quits", || s.child.try_wait().unwrap());
        assert!(status.success(), "{cols}x{rows}: {status:?}");
    }
}
