//! The real binary in a pseudo-terminal, typed at like a person: shared by
//! the end-to-end tests (each test file uses a part of it).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub fn bansou() -> &'static str {
    env!("CARGO_BIN_EXE_bansou")
}

pub struct Screen {
    pub out: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Screen {
    pub fn start(data: &Path, config: &Path, args: &[&str]) -> Screen {
        Screen::start_sized(data, config, args, 120, 40)
    }

    /// As `start`, on a terminal of `cols` × `rows` (the hostile-world tests
    /// try 10000×10000).
    pub fn start_sized(data: &Path, config: &Path, args: &[&str], cols: u16, rows: u16) -> Screen {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
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
    pub fn text(&self) -> String {
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

    /// Forgets what was printed so far (to wait for a later screen).
    pub fn clear(&self) {
        self.out.lock().unwrap().clear();
    }

    pub fn wait_for(&self, needle: &str) {
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

    pub fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

/// Creates a client with `bansou new` and returns its id.
pub fn new_client(data: &Path, config: &Path, id: &str) -> String {
    let out = Command::new(bansou())
        .args(["--data-dir"])
        .arg(data)
        .args(["new", "--name", "株式会社テスト", "--id", id])
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
