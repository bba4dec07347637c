//! End to end: the real binary in a pseudo-terminal, typed at like a person.

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
        .args(["new", "--name", "株式会社テスト", "--id", "pty"])
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
fn a_japanese_quick_note_typed_in_a_terminal_is_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path());
    let mut s = Screen::start(data.path(), config.path(), &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    s.send(" "); // start the first agenda item
    s.send("n");
    s.wait_for("Tab:種類");
    // Typed while the input is open: q and ] are text, not actions.
    s.send("資産台帳の作成を依頼 q]");
    s.send("\t"); // kind → 依頼事項
    s.send("\r");
    // On disk within a second of Enter, before quitting.
    std::thread::sleep(Duration::from_millis(800));
    let text =
        std::fs::read_to_string(data.path().join("clients").join(&id).join("client.toml")).unwrap();
    assert!(text.contains("資産台帳の作成を依頼 q]"), "{text}");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let client = bansou::store::Store::new(data.path())
        .load(&id)
        .unwrap()
        .client;
    let note = client.sessions[0].notes.last().unwrap();
    assert_eq!(note.text, "資産台帳の作成を依頼 q]");
    assert_eq!(note.kind, bansou::domain::model::NoteKind::Request);
    assert!(client.sessions[0].agenda[0].started_at.is_some());
    assert!(
        client.sessions[0].agenda[0].ended_at.is_none(),
        "] inside the note did not advance"
    );
}

#[test]
fn a_hang_up_saves_and_releases_the_lock() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path());
    let mut s = Screen::start(data.path(), config.path(), &["open", &id]);
    s.wait_for("議事次第");
    s.send(" ");
    let pid = s.child.process_id().unwrap();
    let status = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();
    let store = bansou::store::Store::new(data.path());
    let opened = store.open(&id).expect("the lock is free again");
    assert!(opened.client.sessions[0].agenda[0].started_at.is_some());
}
