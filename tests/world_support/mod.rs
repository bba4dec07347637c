//! Shared by the hostile-world tests (issue 12): a data and a config folder,
//! the real binary run as a command or in a pseudo-terminal, and looks at
//! what is on disk.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use bansou::domain::model::Client;
use bansou::store::Store;

use crate::pty_support::{Screen, bansou};

pub struct World {
    pub data: tempfile::TempDir,
    pub config: tempfile::TempDir,
}

impl World {
    pub fn new() -> World {
        World {
            data: tempfile::tempdir().unwrap(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data(&self) -> &Path {
        self.data.path()
    }

    pub fn config(&self) -> &Path {
        self.config.path()
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bansou());
        c.arg("--data-dir")
            .arg(self.data())
            .args(args)
            .env("BANSOU_CONFIG_DIR", self.config())
            .env_remove("BANSOU_DATA_DIR")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// `bansou new --name NAME --id ID`, which must succeed.
    pub fn new_named(&self, id: &str, name: &str) {
        let out = self.run(&["new", "--name", name, "--id", id]);
        assert!(out.status.success(), "{}", stderr(&out));
    }

    pub fn new_client(&self, id: &str) {
        self.new_named(id, "株式会社テスト");
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.data().join("clients").join(id)
    }

    pub fn file(&self, id: &str) -> PathBuf {
        self.dir(id).join("client.toml")
    }

    pub fn load(&self, id: &str) -> Client {
        Store::new(self.data())
            .load(id)
            .expect("client.toml is valid")
            .client
    }

    /// The client in a pseudo-terminal, on its first session's screen.
    pub fn open(&self, id: &str) -> Screen {
        let s = Screen::start(self.data(), self.config(), &["open", id, "--session", "1"]);
        s.wait_for("議事次第");
        s
    }

    /// Names of the files in a client folder.
    pub fn files(&self, id: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir(id))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Types a quick note and confirms it.
pub fn quick_note(s: &mut Screen, text: &str) {
    s.send("n");
    s.wait_for("Tab:種類");
    s.send(text);
    s.send("\r");
}

/// Sends a signal to the process in the terminal.
pub fn signal(s: &Screen, sig: libc::c_int) {
    let pid = s.child.process_id().unwrap() as libc::pid_t;
    // SAFETY: kill(2) with a pid of our own child.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
}

/// Waits until `ok` holds, polling; panics naming `what` after 10 s.
pub fn eventually<T>(what: &str, mut ok: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = ok() {
            return v;
        }
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The notes of session 1.
pub fn notes(c: &Client) -> Vec<String> {
    c.sessions[0].notes.iter().map(|n| n.text.clone()).collect()
}

/// Runs `cmd` and waits at most `secs` seconds; `None` (and the process
/// killed) when it hangs.
pub fn run_within(mut cmd: Command, secs: u64) -> Option<Output> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Makes a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Whether the terminal was given back: the alternate screen left.
pub fn restored(s: &Screen) -> bool {
    let raw = s.out.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    let entered = text.rfind("\u{1b}[?1049h");
    let left = text.rfind("\u{1b}[?1049l");
    matches!((entered, left), (Some(e), Some(l)) if l > e)
}

/// The binary in a pseudo-terminal of `cols` × `rows`.
pub fn start_sized(w: &World, args: &[&str], cols: u16, rows: u16) -> Screen {
    Screen::start_sized(w.data(), w.config(), args, cols, rows)
}
