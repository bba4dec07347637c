//! The real binary in a pseudo-terminal, typed at like a person, and the
//! screen read as a person sees it now: every byte bansou writes goes
//! through a `vt100` terminal emulator, so `screen()` is the text on the
//! terminal at this moment (not anything that was ever printed). Shared by
//! every end-to-end test file (each uses a part of it).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any wait lasts before the test fails: generous, because the
/// machine running the suite is often busy.
pub const DEADLINE: Duration = Duration::from_secs(20);

pub fn bansou() -> &'static str {
    env!("CARGO_BIN_EXE_bansou")
}

/// Where and how bansou runs: its folders, the terminal's size and extra
/// environment variables.
pub struct Env<'a> {
    pub data: &'a Path,
    pub config: &'a Path,
    pub rows: u16,
    pub cols: u16,
    pub vars: &'a [(&'a str, &'a str)],
}

impl<'a> Env<'a> {
    /// 120×40, no extra variables.
    pub fn new(data: &'a Path, config: &'a Path) -> Env<'a> {
        Env {
            data,
            config,
            rows: 40,
            cols: 120,
            vars: &[],
        }
    }

    /// `bansou --data-dir DATA ARGS…` with this environment.
    pub fn command(&self, args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(bansou());
        cmd.arg("--data-dir");
        cmd.arg(self.data);
        cmd.args(args);
        self.apply(&mut cmd);
        cmd
    }

    /// Sets the config folder, the terminal type and the extra variables on
    /// any command (a shell around bansou, a wrapper such as setpriv), and
    /// clears what the caller's environment could leak in.
    pub fn apply(&self, cmd: &mut CommandBuilder) {
        cmd.env("BANSOU_CONFIG_DIR", self.config);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("BANSOU_DATA_DIR");
        cmd.env_remove("RUST_BACKTRACE");
        cmd.env_remove("NO_COLOR");
        for (k, v) in self.vars {
            cmd.env(k, v);
        }
    }
}

/// The terminal emulator with a count of the writes it has taken, and a
/// signal raised after each.
type Term = Arc<(Mutex<(vt100::Parser, u64)>, Condvar)>;

/// The text on the terminal: one line per row, trailing blanks cut.
fn rows(parser: &vt100::Parser) -> String {
    let (_, cols) = parser.screen().size();
    parser
        .screen()
        .rows(0, cols.get())
        .map(|r| r.trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

pub struct Screen {
    term: Term,
    /// A duplicate of the master's descriptor (portable-pty's own writer
    /// types Enter and Ctrl-D when dropped, which would be keys to bansou).
    writer: Option<std::fs::File>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

fn dup(fd: std::os::fd::RawFd) -> std::fs::File {
    // SAFETY: `fd` is the master's open descriptor, borrowed only to duplicate it.
    let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    std::fs::File::from(borrowed.try_clone_to_owned().unwrap())
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

impl Screen {
    /// `bansou --data-dir DATA ARGS…` in a 120×40 terminal.
    pub fn start(data: &Path, config: &Path, args: &[&str]) -> Screen {
        Screen::start_in(&Env::new(data, config), args)
    }

    /// `bansou --data-dir DATA ARGS…` in the terminal size and with the
    /// variables of `env`.
    pub fn start_in(env: &Env, args: &[&str]) -> Screen {
        Screen::spawn(env.command(args), env.rows, env.cols)
    }

    /// Any command in a `rows`×`cols` pseudo-terminal.
    pub fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Screen {
        let pair = native_pty_system().openpty(size(rows, cols)).unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().unwrap();
        let mut reader = dup(fd);
        let writer = dup(fd);
        let parser = vt100::Parser::new(nonzero(rows), nonzero(cols), 0);
        let term: Term = Arc::new((Mutex::new((parser, 0)), Condvar::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let (sink, stop) = (Arc::clone(&term), Arc::clone(&stop_reading));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while !stop.load(Ordering::Relaxed) {
                let mut pfd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut term = sink.0.lock().unwrap();
                        term.0.process(&buf[..n]);
                        term.1 += 1;
                        drop(term);
                        sink.1.notify_all();
                    }
                }
            }
        });
        Screen {
            term,
            writer: Some(writer),
            child,
            master: Some(pair.master),
            stop_reading,
            reader: Some(reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn with<T>(&self, f: impl FnOnce(&mut vt100::Parser) -> T) -> T {
        f(&mut self.term.0.lock().unwrap().0)
    }

    /// The text on the terminal now: one line per row, trailing blanks cut.
    pub fn screen(&self) -> String {
        self.with(|p| rows(p))
    }

    /// Where the terminal's cursor is now, as (row, column) from 0.
    pub fn cursor(&self) -> (u16, u16) {
        self.with(|p| p.screen().cursor_position())
    }

    /// Whether the cursor is shown now.
    pub fn cursor_shown(&self) -> bool {
        self.with(|p| !p.screen().hide_cursor())
    }

    /// Whether the program is on the alternate screen now.
    pub fn alternate_screen(&self) -> bool {
        self.with(|p| p.screen().alternate_screen())
    }

    /// Waits until `ok` holds for the screen, looking again each time the
    /// program writes (and at least every 50 ms); on failure shows the
    /// screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let (screen, writes) = {
                let term = self.term.0.lock().unwrap();
                (rows(&term.0), term.1)
            };
            if ok(&screen) {
                return;
            }
            let now = Instant::now();
            assert!(
                now < deadline,
                "the screen never showed {what}; it shows:\n{screen}"
            );
            let wait = (deadline - now).min(Duration::from_millis(50));
            let term = self.term.0.lock().unwrap();
            if term.1 == writes {
                drop(self.term.1.wait_timeout(term, wait).unwrap());
            }
        }
    }

    /// Waits until `needle` is on the screen.
    pub fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle));
    }

    /// Waits until `needle` is no longer on the screen.
    pub fn wait_gone(&self, needle: &str) {
        self.wait_until(&format!("no {needle:?}"), |s| !s.contains(needle));
    }

    /// Types `s`. Keys arriving together are handled before the next frame;
    /// a pause after each call keeps steps apart as a person types.
    pub fn send(&mut self, s: &str) {
        let w = self.writer.as_mut().expect("terminal open");
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Sends signal `sig` ("HUP", "TERM", "KILL", …) to bansou.
    pub fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{sig} failed");
    }

    /// Resizes the terminal as a person dragging the window does: the
    /// emulator takes the new size and the program gets SIGWINCH.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.with(|p| p.set_size(nonzero(rows), nonzero(cols)));
        self.master
            .as_ref()
            .expect("terminal open")
            .resize(size(rows, cols))
            .unwrap();
    }

    /// Closes the terminal as a dropped SSH connection does: every master
    /// descriptor closed, so the kernel hangs up the child's terminal. The
    /// last screen stays readable.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.writer.take();
        self.master.take();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types q and waits for bansou to quit cleanly (exit status 0).
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit();
        assert!(
            status.success(),
            "{status:?}; the screen shows:\n{}",
            self.screen()
        );
    }

    /// Whether the program still runs.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop_reading.store(true, Ordering::Relaxed);
    }
}

/// Client `id` as saved in `data`.
pub fn load(data: &Path, id: &str) -> bansou::domain::model::Client {
    bansou::store::Store::new(data).load(id).unwrap().client
}

/// Creates a client with `bansou new` and returns its id.
pub fn new_client(data: &Path, config: &Path, id: &str) -> String {
    cli(
        data,
        config,
        &["new", "--name", "株式会社テスト", "--id", id],
    )
    .trim()
    .to_owned()
}

/// Runs a command of the binary (outside the terminal) and returns what it
/// printed; it must succeed.
pub fn cli(data: &Path, config: &Path, args: &[&str]) -> String {
    let out = Command::new(bansou())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("BANSOU_CONFIG_DIR", config)
        .env_remove("BANSOU_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
