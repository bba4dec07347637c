//! Faults, end to end: the real binary in a pseudo-terminal with a temporary
//! data folder, killed, hung up on, panicking, opened twice, and writing to a
//! full, read-only or blocked folder. Nothing typed may be lost and the
//! client file must stay valid.
//!
//! The screen is read through the shared harness (`pty_support`, a vt100
//! terminal emulator), so assertions see what a person would see now rather
//! than anything that was ever printed.
//!
//! The full-disk and read-only tests mount a tiny tmpfs (root in a container
//! with CAP_SYS_ADMIN, as here and in CI); where `mount` is refused they say so
//! on stderr and pass, and `a_blocked_save_…` covers the same path without a
//! mount.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::pty_support::{DEADLINE, Env, Screen, bansou, new_client};
use bansou::domain::model::{Client, NoteKind};
use bansou::store::Store;
use portable_pty::CommandBuilder;

/// Opens client `id` on session 1 and waits for the first frame.
fn open(env: &Env, id: &str) -> Screen {
    let s = Screen::start_in(env, &["open", id, "--session", "1"]);
    s.wait_for("議事次第");
    s
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
        Env::new(self.data.path(), self.config.path())
    }
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
    let deadline = Instant::now() + DEADLINE;
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
    let mut s = open(&d.env(), "k9");
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
    let mut s = open(&d.env(), "edits");

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
    s.send("\u{1b}[B\u{1b}[B\u{1b}[B\u{1b}[B"); // Down ×4 → 場所
    s.send("\r");
    s.wait_for("場所");
    s.send("本社3階会議室\r");
    s.send("\u{1b}[B\r"); // 出席者
    s.wait_for("出席者（氏名");
    s.send("山田太郎/社長、佐藤花子/総務\r");
    s.send("\u{1b}[A\u{1b}[A\u{1b}[A\u{1b}[A\r"); // 開始
    s.wait_for("開始時刻");
    s.send(&"\u{7f}".repeat(8));
    s.send("14:05\r");
    s.send("\u{1b}[B\u{1b}[B\r"); // past 終了 to 形態: toggles
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
    let mut s = open(&d.env(), "prof");
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
            bansou::clock::wall(),
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

        let mut s = open(&d.env(), "form");
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
        let mut s = open(&d.env(), "hup");
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
        let mut again = open(&d.env(), "hup");
        again.wait_for("打ちかけのメモ");
        assert!(
            !again.screen().contains("読み取り専用"),
            "{how}: {}",
            again.screen()
        );
        quick_note(&mut again, "再接続後のメモ");
        again.quit();
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
    // Run through a shell that waits for a line after bansou is gone (so
    // the screen can be read as the crash left it), then reports the exit
    // status and the terminal modes, in the same pty.
    let script = format!(
        "{} --data-dir '{}' open boom --session 1; s=$?; read x; echo \"EXIT=$s\"; stty -a; echo END",
        bansou(),
        d.data.path().display()
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    let env = Env {
        vars: &[("BANSOU_TEST_PANIC", "1")],
        ..d.env()
    };
    env.apply(&mut cmd);
    let mut s = Screen::spawn(cmd, env.rows, env.cols);
    s.wait_for("議事次第");
    quick_note(&mut s, "パニック前のメモ");
    s.send("n");
    s.wait_for("Tab:種類");
    s.send("打ちかけ");
    s.send("\u{1b}[24~"); // F12: the test switch panics in the event loop
    // The main screen is back (the alternate screen was left) with the
    // report on it.
    s.wait_until("the crash report on the main screen", |screen| {
        screen.contains("test panic requested") && !screen.contains("議事次第")
    });
    assert!(!s.alternate_screen(), "still in the alternate screen");
    s.send("\n");
    s.wait_exit();
    s.wait_until("the shell's last line END", |screen| {
        screen.lines().any(|l| l.trim() == "END")
    });
    let screen = s.screen();
    assert!(screen.contains("EXIT=101"), "{screen}");
    // The alternate screen was left once: the shell's lines come after the
    // report instead of over it.
    let report = screen.find("test panic requested");
    assert!(
        report.is_some_and(|r| r < screen.find("EXIT=").unwrap()),
        "the crash report was overwritten:\n{screen}"
    );
    // Raw mode is off: stty sees the line discipline cooked again.
    let stty = &screen[screen.find("EXIT=").unwrap()..];
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
    let mut a = open(&d.env(), "two");
    quick_note(&mut a, "Aのメモ1");

    let mut b = open(&d.env(), "two");
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
    b.quit();
    quick_note(&mut a, "Aのメモ3");
    poll_disk(d.data.path(), "two", "three notes", |c| {
        c.sessions[0].notes.len() == 3
    });
    a.quit();
    let c = on_disk(d.data.path(), "two");
    assert_eq!(notes(&c), ["Aのメモ1", "Aのメモ2", "Aのメモ3"]);
    assert!(c.sessions[0].prep.iter().all(|p| !p.done));
    assert!(c.sessions[0].agenda[0].started_at.is_none());

    // With the writer gone, the next open writes.
    let c2 = open(&d.env(), "two");
    assert!(!c2.screen().contains("読み取り専用"), "{}", c2.screen());
}

// ---------------------------------------------------------------------------
// Saving fails: full disk, read-only folder, a blocked temporary file.

use crate::tmpfs_support::{Tmpfs, fill};

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
    // "Recorded" does not pass for "saved".
    s.wait_for("まだ保存できていません");
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
    s.quit();
    on_disk(d.data, id);
    no_temp_files(d.data, id);
}

#[test]
fn a_full_disk_is_reported_the_work_kept_and_saved_when_space_returns() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let config = tempfile::tempdir().unwrap();
    new_client(fs.path(), config.path(), "full");
    let env = Env::new(fs.path(), config.path());
    let filler = std::cell::RefCell::new(None);
    survive_failing_saves(
        open(&env, "full"),
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
    let env = d.env();
    env.apply(&mut cmd);
    let s = Screen::spawn(cmd, env.rows, env.cols);
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
    let mut s = open(&d.env(), "blocked");
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
    s.wait_for("未保存の変更あり");
    std::thread::sleep(Duration::from_millis(1200));
    assert!(s.running(), "quit with unsaved work");
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
    s.quit();
    on_disk(d.data.path(), "blocked");
    no_temp_files(d.data.path(), "blocked");
}

// ---------------------------------------------------------------------------
// The test terminal itself.

/// Wide characters, cursor moves and colours as a program sends them; the
/// screen is what the terminal shows, not the bytes.
#[test]
fn the_test_terminal_places_wide_characters_and_cursor_moves() {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        "printf '\\033[2J\\033[1;1H保存済\\033[1;5H失敗\\033[2;3Hab\\033[38;5;1mc\\033[3;2H'; read x",
    ]);
    let s = Screen::spawn(cmd, 3, 10);
    s.wait_until("the printed text", |screen| screen == "保存失敗\n  abc\n");
    assert_eq!(s.cursor(), (2, 1));
}

/// Quitting on a full disk with a note not yet saved: asked first, then the
/// note is written out on the terminal and the exit status says it failed.
#[test]
fn quitting_on_a_full_disk_prints_the_unsaved_notes_and_fails() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let config = tempfile::tempdir().unwrap();
    new_client(fs.path(), config.path(), "fullq");
    let env = Env::new(fs.path(), config.path());
    let mut s = open(&env, "fullq");
    let filler = fill(fs.path());
    quick_note(&mut s, "満杯で終了する直前のメモ");
    s.wait_for(FAILED);
    s.send("q");
    s.wait_for("未保存の変更あり");
    s.send("q");
    let status = s.wait_exit();
    assert!(!status.success(), "a quit that loses work is not a success");
    let screen = s.screen();
    assert!(
        screen.contains("fullq の変更は保存されていません"),
        "{screen}"
    );
    assert!(
        screen.contains("[メモ] 満杯で終了する直前のメモ"),
        "{screen}"
    );
    std::fs::remove_file(filler).unwrap();
    // The file is the last one saved, untouched.
    assert!(
        crate::pty_support::load(fs.path(), "fullq").sessions[0]
            .notes
            .is_empty()
    );
}
