//! End to end: the real binary in a pseudo-terminal, typed at like a person.

use std::time::Duration;

use crate::pty_support::*;

#[test]
fn a_japanese_quick_note_typed_in_a_terminal_is_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path(), "pty");
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
    s.quit();
    let client = load(data.path(), &id);
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
    let id = new_client(data.path(), config.path(), "pty");
    let mut s = Screen::start(data.path(), config.path(), &["open", &id]);
    s.wait_for("議事次第");
    s.send(" ");
    s.signal("HUP");
    s.wait_exit();
    let store = bansou::store::Store::new(data.path());
    let opened = store.open(&id).expect("the lock is free again");
    assert!(opened.client.sessions[0].agenda[0].started_at.is_some());
}

/// The real terminal's cursor sits right after the Japanese typed into the
/// quick-note input (where an input method draws its candidates), and a
/// resized terminal is redrawn at its new size, down to the too-small
/// message and back.
#[test]
fn the_cursor_follows_japanese_input_and_a_resize_redraws() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path(), "pty");
    let env = Env {
        rows: 24,
        cols: 80,
        ..Env::new(data.path(), config.path())
    };
    let mut s = Screen::start_in(&env, &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    s.send("n");
    s.wait_for("Tab:種類");
    s.send("資産台帳");
    s.wait_for("資産台帳");
    cursor_after(&s, "資産台帳");
    s.send("\u{1b}"); // cancel the note
    s.wait_gone("Tab:種類");

    let widest = |screen: &str| {
        screen
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    };
    assert!(widest(&s.screen()) <= 80, "{}", s.screen());
    s.resize(40, 120);
    s.wait_until("the session at 120×40", |screen| {
        screen.lines().count() == 40 && widest(screen) > 100 && screen.contains("議事次第")
    });
    s.resize(20, 60);
    s.wait_until(
        "the too-small message naming 60 columns and 20 rows",
        |screen| {
            screen.contains("端末が小さすぎます") && screen.contains("60") && screen.contains("20")
        },
    );
    s.wait_gone("議事次第");
    s.resize(24, 80);
    s.wait_gone("端末が小さすぎます");
    s.wait_for("議事次第");
    s.quit();
    let client = load(data.path(), &id);
    assert!(client.sessions[0].notes.is_empty(), "Esc kept no note");
}

/// Waits until the terminal's cursor is shown right after `text` on its
/// row: the cell where the next character (or an input method's
/// candidates) goes.
fn cursor_after(s: &Screen, text: &str) {
    s.wait_until(&format!("the cursor after {text:?}"), |_| {
        let (row, col) = s.cursor();
        let screen = s.screen();
        let line = screen.lines().nth(usize::from(row)).unwrap_or("");
        s.cursor_shown()
            && line.find(text).is_some_and(|at| {
                usize::from(col) == unicode_width::UnicodeWidthStr::width(&line[..at + text.len()])
            })
    });
}

/// In a form editor's multi-line field, the real terminal's cursor follows
/// the Japanese typed on the second line.
#[test]
fn the_cursor_follows_japanese_on_the_second_line_of_a_hearing_answer() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path(), "pty");
    let env = Env {
        rows: 24,
        cols: 80,
        ..Env::new(data.path(), config.path())
    };
    let mut s = Screen::start_in(&env, &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    // Agenda item 2 links the hearing sheet; Enter on it opens the editor,
    // Enter again the first answer.
    s.send("\x1b[B");
    s.send("\r");
    s.wait_for("様式1 回答");
    s.send("\r");
    s.send("あいう");
    s.send("\r"); // a line break inside the answer
    s.send("えお");
    cursor_after(&s, "えお");
    s.send("\x13"); // Ctrl-S: the answer is kept
    s.wait_until("the answer saved", |_| {
        load(data.path(), &id)
            .hearing
            .iter()
            .any(|h| h.answer == "あいう\nえお")
    });
}
