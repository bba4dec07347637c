//! Faults, end to end: the real binary in a pseudo-terminal with a temporary
//! data folder, killed, hung up on, panicking, opened twice, and writing to a
//! full, read-only or blocked folder. Nothing typed may be lost and the
//! client file must stay valid.
//!
//! The screen is read through a small terminal emulator (`Vt`) that applies
//! the cursor moves ratatui sends, so assertions see what a person would see
//! rather than the diff of the last frame.
//!
//! The full-disk and read-only tests mount a tiny tmpfs (root in a container
//! with CAP_SYS_ADMIN, as here and in CI); where `mount` is refused they say so
//! on stderr and pass, and `a_blocked_save_…` covers the same path without a
//! mount.

mod tmpfs_support;

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bansou::domain::model::{Client, NoteKind};
use bansou::store::Store;
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use unicode_width::UnicodeWidthChar;

fn bansou() -> &'static str {
    env!("CARGO_BIN_EXE_bansou")
}

// ---------------------------------------------------------------------------
// A minimal terminal: enough of VT100 for what ratatui + crossterm send.

struct Vt {
    rows: usize,
    cols: usize,
    /// Each cell's text; "" for the hidden second half of a wide character.
    grid: Vec<Vec<String>>,
    row: usize,
    col: usize,
}

impl Vt {
    fn new(rows: usize, cols: usize) -> Vt {
        Vt {
            rows,
            cols,
            grid: vec![vec![" ".to_owned(); cols]; rows],
            row: 0,
            col: 0,
        }
    }

    fn clear_from(&mut self, row: usize, col: usize) {
        for r in row..self.rows {
            let start = if r == row { col } else { 0 };
            for c in start..self.cols {
                self.grid[r][c] = " ".to_owned();
            }
        }
    }

    fn csi(&mut self, params: &str, fin: char) {
        if params.starts_with('?') {
            return; // modes: alternate screen, cursor visibility, paste
        }
        let nums: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = |i: usize| nums.get(i).copied().filter(|v| *v > 0).unwrap_or(1);
        match fin {
            'H' | 'f' => {
                self.row = (n(0) - 1).min(self.rows - 1);
                self.col = (n(1) - 1).min(self.cols - 1);
            }
            'A' => self.row = self.row.saturating_sub(n(0)),
            'B' => self.row = (self.row + n(0)).min(self.rows - 1),
            'C' => self.col = (self.col + n(0)).min(self.cols - 1),
            'D' => self.col = self.col.saturating_sub(n(0)),
            'G' => self.col = (n(0) - 1).min(self.cols - 1),
            'J' => match nums.first().copied().unwrap_or(0) {
                2 | 3 => self.clear_from(0, 0),
                _ => self.clear_from(self.row, self.col),
            },
            'K' => {
                for c in self.col..self.cols {
                    self.grid[self.row][c] = " ".to_owned();
                }
            }
            _ => {} // colours and attributes
        }
    }

    fn put(&mut self, ch: char) {
        let w = ch.width().unwrap_or(0);
        if w == 0 {
            // Combining: joins the previous cell.
            let c = self.col.saturating_sub(1);
            self.grid[self.row][c].push(ch);
            return;
        }
        if self.col + w > self.cols {
            return;
        }
        self.grid[self.row][self.col] = ch.to_string();
        if w == 2 {
            self.grid[self.row][self.col + 1] = String::new();
        }
        self.col = (self.col + w).min(self.cols - 1);
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\u{1b}' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        for d in chars.by_ref() {
                            if ('\u{40}'..='\u{7e}').contains(&d) {
                                self.csi(&params, d);
                                break;
                            }
                            params.push(d);
                        }
                    }
                    Some(']') => {
                        // OSC: up to BEL or ESC \
                        while let Some(d) = chars.next() {
                            if d == '\u{7}' {
                                break;
                            }
                            if d == '\u{1b}' {
                                chars.next();
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                '\r' => self.col = 0,
                '\n' => self.row = (self.row + 1).min(self.rows - 1),
                '\u{8}' => self.col = self.col.saturating_sub(1),
                c if c.is_control() => {}
                c => self.put(c),
            }
        }
    }

    fn text(&self) -> String {
        self.grid
            .iter()
            .map(|r| r.concat().trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

// ---------------------------------------------------------------------------
// The binary in a pseudo-terminal.

const ROWS: u16 = 40;
const COLS: u16 = 120;

struct Screen {
    out: Arc<Mutex<Vec<u8>>>,
    /// A duplicate of the master's descriptor (portable-pty's own writer
    /// types Enter and Ctrl-D when dropped, which would be keys to bansou).
    writer: Option<std::fs::File>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

struct Env<'a> {
    data: &'a Path,
    config: &'a Path,
    vars: &'a [(&'a str, &'a str)],
}

fn dup(fd: std::os::fd::RawFd) -> std::fs::File {
    // SAFETY: `fd` is the master's open descriptor, borrowed only to duplicate it.
    let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    std::fs::File::from(borrowed.try_clone_to_owned().unwrap())
}

impl Screen {
    fn spawn(cmd: CommandBuilder) -> Screen {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().unwrap();
        let mut reader = dup(fd);
        let writer = dup(fd);
        let out = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let (sink, stop) = (Arc::clone(&out), Arc::clone(&stop_reading));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
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
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        Screen {
            out,
            writer: Some(writer),
            child,
            master: Some(pair.master),
            stop_reading,
            reader: Some(reader),
        }
    }

    fn command(env: &Env, args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(bansou());
        cmd.arg("--data-dir");
        cmd.arg(env.data);
        for a in args {
            cmd.arg(a);
        }
        Self::set_env(&mut cmd, env);
        cmd
    }

    fn set_env(cmd: &mut CommandBuilder, env: &Env) {
        cmd.env("BANSOU_CONFIG_DIR", env.config);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("BANSOU_DATA_DIR");
        cmd.env_remove("RUST_BACKTRACE");
        for (k, v) in env.vars {
            cmd.env(k, v);
        }
    }

    fn open(env: &Env, id: &str) -> Screen {
        let s = Screen::spawn(Self::command(env, &["open", id, "--session", "1"]));
        s.wait_for("議事次第");
        s
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn raw(&self) -> Vec<u8> {
        self.out.lock().unwrap().clone()
    }

    /// What the terminal shows now.
    fn screen(&self) -> String {
        let mut vt = Vt::new(usize::from(ROWS), usize::from(COLS));
        vt.feed(&self.raw());
        vt.text()
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if ok(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("screen never showed {what}; it shows:\n{}", self.screen());
    }

    fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle));
    }

    fn wait_gone(&self, needle: &str) {
        self.wait_until(&format!("no {needle:?}"), |s| !s.contains(needle));
    }

    fn send(&mut self, s: &str) {
        let w = self.writer.as_mut().expect("terminal open");
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        // Keys arriving together are handled before the next frame; a pause
        // between steps keeps each one a separate event as a person types.
        std::thread::sleep(Duration::from_millis(120));
    }

    fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "bansou did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes the terminal as a dropped SSH connection does: every master
    /// descriptor closed, so the kernel hangs up the child's terminal.
    fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.writer.take();
        self.master.take();
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

// ---------------------------------------------------------------------------
// Data on disk.

struct Dirs {
    data: tempfile::TempDir,
    config: tempfile::TempDir,
}

impl Dirs {
    fn new() -> Dirs {
        Dirs {
            data: tempfile::tempdir().unwrap(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn env(&self) -> Env<'_> {
        Env {
            data: self.data.path(),
            config: self.config.path(),
            vars: &[],
        }
    }
}

fn new_client(data: &Path, config: &Path, id: &str) {
    let out = Command::new(bansou())
        .arg("--data-dir")
        .arg(data)
        .args(["new", "--name", "株式会社テスト", "--id", id])
        .env("BANSOU_CONFIG_DIR", config)
        .env_remove("BANSOU_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn client_dir(data: &Path, id: &str) -> PathBuf {
    data.join("clients").join(id)
}

/// The client as on disk; panics unless the file (and its backup, when
/// there is one) parses.
fn on_disk(data: &Path, id: &str) -> Client {
    let dir = client_dir(data, id);
    if let Ok(bak) = std::fs::read(dir.join("client.toml.bak")) {
        bansou::store::parse_client(&dir.join("client.toml.bak"), &bak)
            .expect("the backup is a valid client file");
    }
    Store::new(data)
        .load(id)
        .expect("client.toml is valid")
        .client
}

/// No temporary files left beside the client file.
fn no_temp_files(data: &Path, id: &str) {
    let left: Vec<String> = std::fs::read_dir(client_dir(data, id))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

fn notes(c: &Client) -> Vec<&str> {
    c.sessions[0]
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect()
}

/// Types a quick note and confirms it.
fn quick_note(s: &mut Screen, text: &str) {
    s.send("n");
    s.wait_for("Tab:種類");
    s.send(text);
    s.send("\r");
    s.wait_gone("Tab:種類");
}

fn poll_disk(data: &Path, id: &str, what: &str, ok: impl Fn(&Client) -> bool) -> Client {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(l) = Store::new(data).load(id)
            && ok(&l.client)
        {
            return l.client;
        }
        assert!(Instant::now() < deadline, "never on disk: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---------------------------------------------------------------------------
// kill -9

#[test]
fn kill_9_a_second_after_a_quick_note_keeps_the_note() {
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "k9");
    let mut s = Screen::open(&d.env(), "k9");
    s.send(" "); // start the timer: the note is tied to the running item
    quick_note(&mut s, "UTMの保守契約が切れている 🔥 e\u{301}");
    std::thread::sleep(Duration::from_secs(1));
    s.signal("KILL");
    s.wait_exit();
    let c = on_disk(d.data.path(), "k9");
    let n = c.sessions[0].notes.last().expect("the note");
    // Stored as NFC: e + combining acute becomes é.
    assert_eq!(n.text, "UTMの保守契約が切れている 🔥 é");
    assert_eq!(
        n.item.as_deref(),
        Some(c.sessions[0].agenda[0].title.as_str())
    );
    no_temp_files(d.data.path(), "k9");
    // The OS dropped the lock with the process: a writer can open it at once.
    Store::new(d.data.path()).open("k9").expect("lock released");
}

#[test]
fn kill_9_a_second_after_edits_keeps_every_edit() {
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "edits");
    let before = on_disk(d.data.path(), "edits");
    let mut s = Screen::open(&d.env(), "edits");

    // Agenda: rename the first item, retime it, add one.
    s.send("E");
    s.wait_for("議題名");
    s.send("（改）\r");
    s.send("t");
    s.wait_for("予定時間（分）");
    s.send("\u{7f}\u{7f}\u{7f}25\r");
    s.send("a");
    s.wait_for("追加する議題");
    s.send("追加議題：クラウド設定\r");
    // Facts: place, attendees, start, mode.
    s.send("\t\t"); // agenda → notes → facts
    s.send("\u{1b}[B\u{1b}[B\u{1b}[B"); // Down ×3 → 場所
    s.send("\r");
    s.wait_for("場所");
    s.send("本社3階会議室\r");
    s.send("\u{1b}[B\r"); // 出席者
    s.wait_for("出席者（氏名");
    s.send("山田太郎/社長、佐藤花子/総務\r");
    s.send("\u{1b}[A\u{1b}[A\u{1b}[A\r"); // 開始
    s.wait_for("開始時刻");
    s.send(&"\u{7f}".repeat(8));
    s.send("14:05\r");
    s.send("\u{1b}[B\r"); // 形態: toggles
    // Prep: tick the first two items.
    s.send("\t"); // facts → prep
    s.send("x\u{1b}[Bx");
    // A note last, then the kill.
    quick_note(&mut s, "最後のメモ");
    std::thread::sleep(Duration::from_secs(1));
    s.signal("KILL");
    s.wait_exit();

    let c = on_disk(d.data.path(), "edits");
    let s1 = &c.sessions[0];
    let title0 = format!("{}（改）", before.sessions[0].agenda[0].title);
    assert_eq!(s1.agenda[0].title, title0);
    assert_eq!(s1.agenda[0].minutes, 25);
    assert_eq!(s1.agenda.last().unwrap().title, "追加議題：クラウド設定");
    assert_eq!(s1.agenda.len(), before.sessions[0].agenda.len() + 1);
    assert_eq!(s1.place, "本社3階会議室");
    assert_eq!(s1.attendees.len(), 2);
    assert_eq!(s1.attendees[1].name, "佐藤花子");
    assert_eq!(s1.attendees[1].role, "総務");
    assert_eq!(s1.start.map(|t| t.to_string()).as_deref(), Some("14:05:00"));
    assert!(s1.mode.is_some());
    assert!(s1.prep[0].done && s1.prep[1].done, "{:?}", &s1.prep[..2]);
    assert_eq!(notes(&c), ["最後のメモ"]);
    no_temp_files(d.data.path(), "edits");
}

#[test]
fn kill_9_a_second_after_a_profile_edit_keeps_it() {
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "prof");
    let mut s = Screen::open(&d.env(), "prof");
    s.send("0"); // profile tab
    s.send("\r"); // opens the profile editor on the company name
    s.send("\r"); // edit the name
    s.send("ホールディングス");
    s.send("\r");
    std::thread::sleep(Duration::from_secs(1));
    s.signal("KILL");
    s.wait_exit();
    let c = on_disk(d.data.path(), "prof");
    assert_eq!(c.profile.name, "株式会社テストホールディングス");
}

/// One key as the terminal sends it and as the app receives it.
#[derive(Clone, Copy)]
enum K {
    Char(char),
    Enter,
    Tab,
    Ctrl(char),
}

impl K {
    fn bytes(self) -> String {
        match self {
            K::Char(c) => c.to_string(),
            K::Enter => "\r".into(),
            K::Tab => "\t".into(),
            K::Ctrl(c) => ((c as u8 & 0x1f) as char).to_string(),
        }
    }

    fn event(self) -> crossterm::event::KeyEvent {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        match self {
            K::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            K::Enter => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            K::Tab => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            K::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        }
    }
}

/// Every form editor: open it from the form pane, change something, kill -9
/// a second later. The file on disk must hold exactly what the same keys
/// give in an app in this process (the oracle), and that must differ from
/// before (else the keys proved nothing).
#[test]
fn kill_9_a_second_after_an_edit_in_the_hearing_editor_keeps_it() {
    kill_9_after_form_edit(0, "hearing");
}

#[test]
fn kill_9_a_second_after_an_edit_in_the_diagnosis_editor_keeps_it() {
    kill_9_after_form_edit(1, "diagnosis");
}

#[test]
fn kill_9_a_second_after_an_edit_in_the_policy_editor_keeps_it() {
    kill_9_after_form_edit(2, "policy");
}

#[test]
fn kill_9_a_second_after_an_edit_in_the_regulations_editor_keeps_it() {
    kill_9_after_form_edit(3, "regulations");
}

#[test]
fn kill_9_a_second_after_an_edit_in_the_plan_editor_keeps_it() {
    kill_9_after_form_edit(4, "plan");
}

/// `n`: how many times `f` cycles the form pane from the hearing sheet
/// (session 1's form) before Enter opens its editor.
fn kill_9_after_form_edit(n: usize, form: &str) {
    use bansou::app::{App, Screen as AppScreen};
    {
        let d = Dirs::new();
        new_client(d.data.path(), d.config.path(), "form");
        let before = on_disk(d.data.path(), "form");
        let mut keys = vec![K::Tab, K::Tab, K::Tab, K::Tab];
        keys.extend(std::iter::repeat_n(K::Char('f'), n));
        keys.extend([K::Enter, K::Enter]);
        keys.extend("KILL9".chars().map(K::Char));
        keys.extend([K::Ctrl('s'), K::Char('x')]);

        // The oracle.
        let store = Store::new(d.data.path());
        let mut app = App::new(
            bansou::content::Catalog::builtin().unwrap(),
            bansou::keymap::Keymap::load("default", None).unwrap(),
            bansou::config::Settings::default(),
            store.clone(),
            chrono::Local::now().naive_local(),
        );
        app.open_client("form", Some(1)).unwrap();
        let copy = tempfile::tempdir().unwrap();
        // Keys only in memory: saving into a copy, not the real folder.
        let expected = {
            let copy_store = Store::new(copy.path());
            copy_store.create(&before).unwrap();
            app.store = copy_store;
            // The oracle is not the writer of the real folder: without its
            // lock it saves into the copy unchecked (Store::save).
            if let AppScreen::Client(w) = &mut app.screen {
                w.lock = None;
            }
            for k in &keys {
                app.handle_key(&k.event());
            }
            match &app.screen {
                AppScreen::Client(w) => w.client.clone(),
                AppScreen::Picker(_) => unreachable!(),
            }
        };
        drop(app);
        assert_ne!(expected, before, "{form}: the keys changed nothing");

        let mut s = Screen::open(&d.env(), "form");
        for k in &keys {
            s.send(&k.bytes());
        }
        std::thread::sleep(Duration::from_secs(1));
        s.signal("KILL");
        s.wait_exit();
        let after = on_disk(d.data.path(), "form");
        assert_eq!(after, expected, "{form}: on disk after kill -9");
        no_temp_files(d.data.path(), "form");
    }
}

// ---------------------------------------------------------------------------
// Hang-ups

/// SIGHUP or SIGTERM while a note is half typed, or the terminal closing:
/// saved (the half-typed note too), the lock released, and a new `open` is a
/// writer at once.
#[test]
fn sighup_saves_even_the_note_being_typed_and_a_new_open_writes_at_once() {
    hang_up("HUP");
}

#[test]
fn sigterm_saves_even_the_note_being_typed_and_a_new_open_writes_at_once() {
    hang_up("TERM");
}

/// The SSH connection dropping: every master descriptor of the pty closed.
/// (crossterm 0.29 loops inside `read` on a closed terminal; bansou reads
/// events on a thread of its own so it still leaves.)
#[test]
fn a_closed_terminal_saves_even_the_note_being_typed_and_a_new_open_writes_at_once() {
    hang_up("close");
}

fn hang_up(how: &str) {
    {
        let d = Dirs::new();
        new_client(d.data.path(), d.config.path(), "hup");
        let mut s = Screen::open(&d.env(), "hup");
        s.send(" ");
        quick_note(&mut s, "確定したメモ");
        s.send("n");
        s.wait_for("Tab:種類");
        s.send("打ちかけのメモ\t"); // kind → 依頼事項, Enter never pressed
        match how {
            "close" => s.hang_up(),
            sig => s.signal(sig),
        }
        let started = Instant::now();
        s.wait_exit();
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{how}: took {:?} to exit",
            started.elapsed()
        );
        let c = on_disk(d.data.path(), "hup");
        assert_eq!(notes(&c), ["確定したメモ", "打ちかけのメモ"], "{how}");
        assert_eq!(c.sessions[0].notes[1].kind, NoteKind::Request, "{how}");
        assert!(c.sessions[0].agenda[0].started_at.is_some(), "{how}");
        no_temp_files(d.data.path(), "hup");

        // A new open right away is a writer, not read-only, and sees the notes.
        let mut again = Screen::open(&d.env(), "hup");
        again.wait_for("打ちかけのメモ");
        assert!(
            !again.screen().contains("読み取り専用"),
            "{how}: {}",
            again.screen()
        );
        quick_note(&mut again, "再接続後のメモ");
        again.send("q");
        assert!(again.wait_exit().success());
        let c = on_disk(d.data.path(), "hup");
        assert_eq!(notes(&c).len(), 3, "{how}");
    }
}

// ---------------------------------------------------------------------------
// Panic

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_work() {
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "boom");
    // Run through a shell that reports the exit status and the terminal
    // modes after bansou is gone, in the same pty.
    let script = format!(
        "{} --data-dir '{}' open boom --session 1; echo \"EXIT=$?\"; stty -a; echo END",
        bansou(),
        d.data.path().display()
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    Screen::set_env(
        &mut cmd,
        &Env {
            vars: &[("BANSOU_TEST_PANIC", "1")],
            ..d.env()
        },
    );
    let mut s = Screen::spawn(cmd);
    s.wait_for("議事次第");
    quick_note(&mut s, "パニック前のメモ");
    s.send("n");
    s.wait_for("Tab:種類");
    s.send("打ちかけ");
    s.send("\u{1b}[24~"); // F12: the test switch panics in the event loop
    s.wait_exit();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&s.raw()).contains("\nEND") {
        assert!(Instant::now() < deadline, "the shell never finished");
        std::thread::sleep(Duration::from_millis(20));
    }
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(raw.contains("test panic requested"), "{raw}");
    assert!(raw.contains("EXIT=101"), "{raw}");
    // The main screen is back: the alternate screen was left after it was
    // last entered.
    let entered = raw
        .rfind("\u{1b}[?1049h")
        .expect("entered the alternate screen");
    let left = raw
        .rfind("\u{1b}[?1049l")
        .expect("left the alternate screen");
    assert!(left > entered, "still in the alternate screen");
    // Raw mode is off: stty sees the line discipline cooked again.
    let stty = &raw[raw.find("EXIT=").unwrap()..];
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "icrnl", "opost", "isig"] {
        assert!(
            flags.contains(&flag),
            "{flag} is off after the panic:\n{stty}"
        );
    }
    let c = on_disk(d.data.path(), "boom");
    assert_eq!(notes(&c), ["パニック前のメモ", "打ちかけ"]);
    no_temp_files(d.data.path(), "boom");
    Store::new(d.data.path())
        .open("boom")
        .expect("lock released");
}

// ---------------------------------------------------------------------------
// Two opens

#[test]
fn a_second_open_is_read_only_says_so_and_neither_loses_a_write() {
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "two");
    let mut a = Screen::open(&d.env(), "two");
    quick_note(&mut a, "Aのメモ1");

    let mut b = Screen::open(&d.env(), "two");
    b.wait_for("読み取り専用");
    b.wait_for(&format!("pid {}", a.pid()));
    assert!(b.screen().contains("Aのメモ1"), "{}", b.screen());
    // Every way of writing is refused with a message, not silently dropped.
    for keys in ["n", " ", "\t\t\t\r", "x", "]"] {
        b.send(keys);
        b.wait_for("読み取り専用で開いています");
        b.send("\u{1b}"); // close the message
        b.wait_gone("読み取り専用で開いています");
    }
    assert!(
        !b.screen().contains("Tab:種類"),
        "no note input in read-only"
    );

    // The writer keeps writing while the reader is open, and after it quits.
    quick_note(&mut a, "Aのメモ2");
    b.send("q");
    assert!(b.wait_exit().success());
    quick_note(&mut a, "Aのメモ3");
    poll_disk(d.data.path(), "two", "three notes", |c| {
        c.sessions[0].notes.len() == 3
    });
    a.send("q");
    assert!(a.wait_exit().success());
    let c = on_disk(d.data.path(), "two");
    assert_eq!(notes(&c), ["Aのメモ1", "Aのメモ2", "Aのメモ3"]);
    assert!(c.sessions[0].prep.iter().all(|p| !p.done));
    assert!(c.sessions[0].agenda[0].started_at.is_none());

    // With the writer gone, the next open writes.
    let c2 = Screen::open(&d.env(), "two");
    assert!(!c2.screen().contains("読み取り専用"), "{}", c2.screen());
}

// ---------------------------------------------------------------------------
// Saving fails: full disk, read-only folder, a blocked temporary file.

use tmpfs_support::{Tmpfs, fill};

const FAILED: &str = "保存失敗（再試行中）";

/// Writes two notes while saving fails; both are shown, the failure is on
/// screen, and once `fix` runs both are saved within a few seconds.
fn survive_failing_saves(
    mut s: Screen,
    d: &Env,
    id: &str,
    break_it: impl FnOnce(),
    fix: impl FnOnce(),
) {
    quick_note(&mut s, "書ける間のメモ");
    poll_disk(d.data, id, "first note", |c| c.sessions[0].notes.len() == 1);
    let good = std::fs::read(client_dir(d.data, id).join("client.toml")).unwrap();

    break_it();
    quick_note(&mut s, "保存できない間のメモ1");
    s.wait_for(FAILED);
    quick_note(&mut s, "保存できない間のメモ2");
    // Kept in memory and on screen, the file untouched.
    s.wait_for("保存できない間のメモ2");
    s.wait_for(FAILED);
    std::thread::sleep(Duration::from_millis(1200)); // a retry or two fail too
    assert_eq!(
        std::fs::read(client_dir(d.data, id).join("client.toml")).unwrap(),
        good,
        "the file changed while saving failed"
    );

    fix();
    // Retried every second: saved without a key press.
    let c = poll_disk(d.data, id, "the notes after recovery", |c| {
        c.sessions[0].notes.len() == 3
    });
    assert_eq!(
        notes(&c),
        [
            "書ける間のメモ",
            "保存できない間のメモ1",
            "保存できない間のメモ2"
        ]
    );
    s.wait_gone(FAILED);
    s.wait_for("保存済");
    s.send("q");
    assert!(s.wait_exit().success());
    on_disk(d.data, id);
    no_temp_files(d.data, id);
}

#[test]
fn a_full_disk_is_reported_the_work_kept_and_saved_when_space_returns() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let config = tempfile::tempdir().unwrap();
    new_client(fs.path(), config.path(), "full");
    let env = Env {
        data: fs.path(),
        config: config.path(),
        vars: &[],
    };
    let filler = std::cell::RefCell::new(None);
    survive_failing_saves(
        Screen::open(&env, "full"),
        &env,
        "full",
        || *filler.borrow_mut() = Some(fill(fs.path())),
        || std::fs::remove_file(filler.borrow().as_ref().unwrap()).unwrap(),
    );
}

/// The client folder made read-only (chmod 0500). As root, permissions do
/// not stop a write, so bansou runs without CAP_DAC_OVERRIDE (setpriv); not
/// as root it runs as it is.
#[test]
fn a_read_only_data_folder_is_reported_the_work_kept_and_saved_when_writable() {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let wrapper: &[&str] = if root {
        if Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!("SKIPPED: running as root and setpriv is missing");
            return;
        }
        &[
            "setpriv",
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search",
            "--",
        ]
    } else {
        &[]
    };
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "ro");
    let dir = client_dir(d.data.path(), "ro");
    let mode = |m: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(m)).unwrap();
    };
    let mut cmd = CommandBuilder::new(wrapper.first().copied().unwrap_or(bansou()));
    for a in wrapper.iter().skip(1) {
        cmd.arg(a);
    }
    if root {
        cmd.arg(bansou());
    }
    cmd.arg("--data-dir");
    cmd.arg(d.data.path());
    cmd.args(["open", "ro", "--session", "1"]);
    Screen::set_env(&mut cmd, &d.env());
    let s = Screen::spawn(cmd);
    s.wait_for("議事次第");
    survive_failing_saves(s, &d.env(), "ro", || mode(0o500), || mode(0o700));
}

/// Without a mount: a folder squats where the temporary file must go (as
/// root, permissions would not stop a write), then the client folder is
/// replaced by a file.
#[test]
fn a_blocked_save_is_reported_the_work_kept_and_saved_when_unblocked() {
    let d = Dirs::new();
    new_client(d.data.path(), d.config.path(), "blocked");
    let dir = client_dir(d.data.path(), "blocked");
    // The temporary file is named after the pid, known once it runs.
    let mut s = Screen::open(&d.env(), "blocked");
    let tmp = dir.join(format!(".client.toml.tmp-{}", s.pid()));
    quick_note(&mut s, "書ける間のメモ");
    poll_disk(d.data.path(), "blocked", "first note", |c| {
        c.sessions[0].notes.len() == 1
    });
    let good = std::fs::read(dir.join("client.toml")).unwrap();

    std::fs::create_dir(&tmp).unwrap();
    std::fs::write(tmp.join("keep"), "x").unwrap();
    quick_note(&mut s, "保存できない間のメモ1");
    s.wait_for(FAILED);
    // Quitting now would lose the note: the first q only warns.
    s.send("q");
    s.wait_for("保存できていない変更があります");
    std::thread::sleep(Duration::from_millis(1200));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "quit with unsaved work"
    );
    assert_eq!(std::fs::read(dir.join("client.toml")).unwrap(), good);
    s.send("\u{1b}");
    std::fs::remove_dir_all(&tmp).unwrap();
    poll_disk(d.data.path(), "blocked", "note after unblocking", |c| {
        c.sessions[0].notes.len() == 2
    });
    s.wait_gone(FAILED);

    // The client folder moved away and a file put in its place.
    let moved = d.data.path().join("clients").join("moved-away");
    std::fs::rename(&dir, &moved).unwrap();
    std::fs::write(&dir, "not a folder").unwrap();
    quick_note(&mut s, "保存できない間のメモ2");
    s.wait_for(FAILED);
    std::thread::sleep(Duration::from_millis(1200));
    std::fs::remove_file(&dir).unwrap();
    std::fs::rename(&moved, &dir).unwrap();
    let c = poll_disk(d.data.path(), "blocked", "both notes", |c| {
        c.sessions[0].notes.len() == 3
    });
    assert_eq!(
        notes(&c),
        [
            "書ける間のメモ",
            "保存できない間のメモ1",
            "保存できない間のメモ2"
        ]
    );
    s.wait_gone(FAILED);
    s.send("q");
    assert!(s.wait_exit().success());
    on_disk(d.data.path(), "blocked");
    no_temp_files(d.data.path(), "blocked");
}

// ---------------------------------------------------------------------------
// The terminal emulator itself.

#[test]
fn the_test_terminal_places_wide_characters_and_cursor_moves() {
    let mut vt = Vt::new(3, 10);
    vt.feed("\u{1b}[2J\u{1b}[1;1H保存済\u{1b}[1;5H失敗\u{1b}[2;3Hab\u{1b}[38;5;1mc".as_bytes());
    assert_eq!(vt.text(), "保存失敗\n  abc\n");
}
