//! Shared by the hostile-world tests (issue 12): a data and a config folder,
//! the real binary run as a command or in a pseudo-terminal, and looks at
//! what is on disk.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use bansou::domain::model::Client;
use bansou::store::Store;

use crate::pty_support::{Env, Screen, bansou};

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
    let pid = s.pid() as libc::pid_t;
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

/// Whether the terminal was given back after bansou ended: the alternate
/// screen left (given a moment for the last bytes to be read).
pub fn restored(s: &Screen) -> bool {
    let deadline = Instant::now() + Duration::from_secs(3);
    while s.alternate_screen() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

/// The binary in a pseudo-terminal of `cols` × `rows`, read through the
/// harness's terminal emulator.
pub fn start_sized(w: &World, args: &[&str], cols: u16, rows: u16) -> Screen {
    let env = Env {
        rows,
        cols,
        ..Env::new(w.data(), w.config())
    };
    Screen::start_in(&env, args)
}

/// The binary on a pseudo-terminal of any size, 0×0 and 10000×10000
/// included, where no emulator is kept (one of that size would take
/// gigabytes in the test itself): only how much it wrote is counted.
pub struct RawPty {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn std::io::Write + Send>,
    written: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl RawPty {
    pub fn start(w: &World, args: &[&str], cols: u16, rows: u16) -> RawPty {
        use portable_pty::{PtySize, native_pty_system};
        use std::sync::atomic::Ordering;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let env = Env::new(w.data(), w.config());
        let child = pair.slave.spawn_command(env.command(args)).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = std::sync::Arc::clone(&written);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
                if n == 0 {
                    break;
                }
                count.fetch_add(n, Ordering::Relaxed);
            }
        });
        RawPty {
            child,
            writer,
            written,
            _master: pair.master,
        }
    }

    /// Bytes bansou has written to the terminal so far.
    pub fn written(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// SIGKILL, and waits for the end (portable-pty's own `kill` sends SIGHUP,
    /// which bansou handles: not a crash).
    pub fn kill_9(&mut self) {
        let pid = self.child.process_id().unwrap() as libc::pid_t;
        // SAFETY: kill(2) with the pid of our own child.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
        let status = self.child.wait().unwrap();
        assert!(!status.success(), "{status:?}");
    }
}

impl Drop for RawPty {
    fn drop(&mut self) {
        if self.running() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
