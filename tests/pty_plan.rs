//! End to end: the real binary in a pseudo-terminal; an action-plan row
//! (様式3) is added by keys — Japanese text, a picker, a deadline — and is
//! found in client.toml while the program still runs and after it quits.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn bansou() -> &'static str {
    env!("CARGO_BIN_EXE_bansou")
}

struct Screen {
    out: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Screen {
    fn start(data: &Path, config: &Path, args: &[&str]) -> Screen {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(bansou());
        cmd.arg("--data-dir");
        cmd.arg(data);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("BANSOU_CONFIG_DIR", config);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        // Keep the master alive as long as the child runs.
        std::mem::forget(pair.master);
        Screen { out, writer, child }
    }

    /// What was printed since the last `clear`, escape sequences removed.
    fn text(&self) -> String {
        let raw = String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned();
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

    fn clear(&self) {
        self.out.lock().unwrap().clear();
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "screen never showed {needle:?}; got {:?}",
            self.text().chars().take(2000).collect::<String>()
        );
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(200));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "bansou did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

const RIGHT: &str = "\x1b[C";
const DOWN: &str = "\x1b[B";
const CTRL_S: &str = "\x13";

#[test]
fn a_plan_row_added_by_keys_is_in_client_toml() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(bansou())
        .arg("--data-dir")
        .arg(data.path())
        .args(["new", "--name", "株式会社テスト", "--id", "plan"])
        .env("BANSOU_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = data.path().join("clients").join("plan").join("client.toml");

    let mut s = Screen::start(
        data.path(),
        config.path(),
        &["open", "plan", "--session", "3"],
    );
    s.wait_for("議事次第");
    // Agenda → notes → facts → preparation → form pane (the plan in session 3).
    s.send("\t\t\t\t\r");
    s.wait_for("まだ行がありません");
    s.clear();
    s.send("a"); // a new row; 現状と課題 opens for typing
    s.wait_for("Enter:改行");
    s.send("無線LANのパスワードが初期設定のまま");
    s.send("\r"); // a line break, not the end of the field
    s.send("来客と共用している q");
    s.send(CTRL_S);
    s.send(RIGHT); // 具体的改善対策
    s.send("\r");
    s.send("パスワードを変更し来客用を分離する");
    s.send(CTRL_S);
    s.send(&RIGHT.repeat(2)); // 連携, 緊急度
    s.clear();
    s.send("\r"); // the picker
    s.wait_for("（未評価）");
    s.send(&"\x1b[A".repeat(3)); // up to 高
    s.send("\r");
    s.send(&RIGHT.repeat(4)); // 重要度, 難易度, 実施可否, 実施期限
    s.send("\r");
    s.send("2027/3/31\r");
    // On disk before quitting (every change is saved as it is made).
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut text = String::new();
    while Instant::now() < deadline {
        text = std::fs::read_to_string(&file).unwrap();
        if text.contains("deadline = \"2027-03-31\"") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        text.contains("無線LANのパスワードが初期設定のまま\n来客と共用している q\"\"\""),
        "{text}"
    );
    assert!(
        text.contains("パスワードを変更し来客用を分離する"),
        "{text}"
    );
    assert!(text.contains("deadline = \"2027-03-31\""), "{text}");
    // Sorting and filtering by key leave the row alone.
    s.send("s");
    s.send("/");
    s.send(DOWN);
    s.send("\x1b"); // close the editor
    std::thread::sleep(Duration::from_millis(300));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");

    let client = bansou::store::Store::new(data.path())
        .load("plan")
        .unwrap()
        .client;
    assert_eq!(client.plan.len(), 1);
    let row = &client.plan[0];
    assert_eq!(
        row.current,
        "無線LANのパスワードが初期設定のまま\n来客と共用している q"
    );
    assert_eq!(row.measure, "パスワードを変更し来客用を分離する");
    assert_eq!(
        row.ratings.urgency,
        Some(bansou::domain::model::Level::High)
    );
    assert_eq!(row.deadline, chrono::NaiveDate::from_ymd_opt(2027, 3, 31));
    assert!(
        client.sessions[2].agenda[0].started_at.is_none(),
        "keys typed into fields never reached the timer"
    );
}
