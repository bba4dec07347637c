//! Issue 12, "one writer for real" and "folders and files", attacked from
//! outside with the real binary: a deleted, replaced or linked `lock`, a
//! client folder swapped under an open screen, a hand edit while open, loose
//! modes, leftovers of interrupted saves, `new` failing, repeated upgrades.

mod pty_support;
mod world_support;

use std::os::unix::fs::PermissionsExt;

use world_support::*;

#[test]
fn deleting_the_lock_does_not_let_a_second_writer_in() {
    let w = World::new();
    w.new_client("one");
    let mut a = w.open("one");
    quick_note(&mut a, "Aのメモ1");
    eventually("the first note on disk", || {
        (notes(&w.load("one")) == ["Aのメモ1"]).then_some(())
    });
    // A user "clearing a stale lock" while the client is open.
    std::fs::remove_file(w.dir("one").join("lock")).unwrap();
    let out = w.run(&["open", "one"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("読み取り専用 (read-only)"),
        "a second open must be read-only while the first holds the client: {}",
        stdout(&out)
    );
    // The first screen still writes, and the lock file is back with its holder.
    quick_note(&mut a, "Aのメモ2");
    eventually("the second note on disk", || {
        (notes(&w.load("one")) == ["Aのメモ1", "Aのメモ2"]).then_some(())
    });
    let lock = std::fs::read_to_string(w.dir("one").join("lock")).unwrap();
    assert!(
        lock.contains(&format!("pid={}", a.child.process_id().unwrap())),
        "{lock}"
    );
    a.send("q");
    assert!(a.wait_exit().success());
}

#[test]
fn a_lock_that_is_a_symlink_is_never_followed() {
    let w = World::new();
    w.new_client("link");
    let victim = w.data().join("victim.txt");
    std::fs::write(&victim, "do not touch").unwrap();
    std::os::unix::fs::symlink(&victim, w.dir("link").join("lock")).unwrap();
    let out = w.run(&["open", "link"]);
    assert!(!out.status.success(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("lock") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "do not touch");
}

#[test]
fn a_hand_edit_while_open_is_never_overwritten() {
    let w = World::new();
    w.new_client("edit");
    let mut a = w.open("edit");
    quick_note(&mut a, "画面のメモ1");
    eventually("the first note on disk", || {
        (notes(&w.load("edit")).len() == 1).then_some(())
    });
    // A hand edit in another window (a new name for the company).
    let path = w.file("edit");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace("株式会社テスト", "株式会社手書き");
    assert_ne!(text, edited);
    std::fs::write(&path, &edited).unwrap();
    a.clear();
    quick_note(&mut a, "画面のメモ2");
    a.wait_for("保存を停止");
    std::thread::sleep(std::time::Duration::from_millis(1500)); // retries, if any
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "the hand edit was overwritten"
    );
    // What the screen had is kept beside it, with the second note.
    let kept = w
        .files("edit")
        .into_iter()
        .find(|f| f.starts_with("client.toml.unsaved-"))
        .expect("a copy of the screen's version");
    let copy = std::fs::read_to_string(w.dir("edit").join(&kept)).unwrap();
    assert!(copy.contains("画面のメモ2"), "{copy}");
    let mode = std::fs::metadata(w.dir("edit").join(&kept))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    a.send("\u{1b}");
    a.send("q");
    assert!(a.wait_exit().success());
}

#[test]
fn a_client_folder_swapped_under_an_open_screen_is_not_written() {
    let w = World::new();
    w.new_client("swap");
    w.new_named("forged", "偽の会社");
    let mut a = w.open("swap");
    quick_note(&mut a, "本物のメモ");
    eventually("the note on disk", || {
        (notes(&w.load("swap")).len() == 1).then_some(())
    });
    // Another local user moves the real folder away and puts another in its place.
    let moved = w.data().join("clients").join("moved-away");
    std::fs::rename(w.dir("swap"), &moved).unwrap();
    let forged = std::fs::read_to_string(w.file("forged"))
        .unwrap()
        .replace("\"forged\"", "\"swap\"");
    std::fs::create_dir(w.dir("swap")).unwrap();
    std::fs::write(w.file("swap"), &forged).unwrap();
    a.clear();
    quick_note(&mut a, "入れ替え後のメモ");
    a.wait_for("保存を停止");
    assert_eq!(std::fs::read_to_string(w.file("swap")).unwrap(), forged);
    // The note went into the real folder, wherever it is now.
    let kept: Vec<_> = std::fs::read_dir(&moved)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("client.toml.unsaved-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(
        std::fs::read_to_string(kept[0].path())
            .unwrap()
            .contains("入れ替え後のメモ")
    );
    a.send("\u{1b}");
    a.send("q");
    assert!(a.wait_exit().success());
}
