//! End to end: the real binary in a pseudo-terminal, typed at like a person.

mod pty_support;

use std::process::Command;
use std::time::Duration;

use pty_support::*;

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
    let id = new_client(data.path(), config.path(), "pty");
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
