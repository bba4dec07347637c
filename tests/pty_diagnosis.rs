//! End to end: the self-diagnosis walkthrough in the real binary in a
//! pseudo-terminal — a respondent added and 25 answers entered by keys, the
//! total found on screen and in client.toml.

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
        let pty = native_pty_system();
        let pair = pty
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

    /// What was printed, with escape sequences removed (ratatui moves the
    /// cursor between wide characters).
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

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let seen = String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned();
        panic!(
            "screen never showed {needle:?}; got {:?}",
            seen.chars().take(600).collect::<String>()
        );
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
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

fn new_client(data: &Path, config: &Path) -> String {
    let out = Command::new(bansou())
        .args(["--data-dir"])
        .arg(data)
        .args(["new", "--name", "株式会社テスト", "--id", "pty-forms"])
        .env("BANSOU_CONFIG_DIR", config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn twenty_five_answers_typed_in_a_terminal_give_the_total_on_screen_and_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path());
    let mut s = Screen::start(data.path(), config.path(), &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    // Agenda item 4 (自社診断結果の確認) links the walkthrough.
    s.send("\x1b[B\x1b[B\x1b[B");
    s.send("\r");
    s.wait_for("まだ回答者がいません");
    s.send("a");
    s.wait_for("回答者の名前");
    s.send("山田 太郎");
    s.send("\r");
    s.wait_for("Q1 / 25");
    // Part1 4+4+0-1+4, Part2 11×4+2+0, Part3 4×4+2+2+0: 11 + 46 + 20 = 77.
    s.send("zzcvz");
    s.send("zzzzzzzzzzzxc");
    s.send("zzzzxxc");
    s.wait_for("全25問に回答しました");
    s.wait_for("77点");
    // On disk within a second of the last key, before quitting.
    std::thread::sleep(Duration::from_millis(800));
    let path = data.path().join("clients").join(&id).join("client.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name = \"山田 太郎\""), "{text}");
    assert!(text.contains("role = \"経営者\""), "{text}");
    let client = bansou::store::Store::new(data.path())
        .load(&id)
        .unwrap()
        .client;
    let r = &client.diagnosis.respondents[0];
    let score = bansou::domain::diagnosis::score(&r.answers);
    assert!(score.complete());
    assert_eq!(score.parts, [11, 46, 20]);
    assert_eq!(score.total, 77);
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}
