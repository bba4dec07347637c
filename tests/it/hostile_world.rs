//! Issue 12, "one writer for real" and "folders and files", attacked from
//! outside with the real binary: a deleted, replaced or linked `lock`, a
//! client folder swapped under an open screen, a hand edit while open, loose
//! modes, leftovers of interrupted saves, `new` failing, repeated upgrades.

use std::os::unix::fs::PermissionsExt;

use crate::tmpfs_support::{Tmpfs, fill};
use crate::world_support::*;

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
    assert!(
        stdout(&out).contains("読み取り専用 (read-only)"),
        "a second open must be read-only while the first holds the client: {}",
        stdout(&out)
    );
    // Within a second the holder puts its lock file back, and a later open
    // says who holds the client.
    let pid = a.pid();
    eventually("the lock file back", || {
        std::fs::read_to_string(w.dir("one").join("lock"))
            .ok()
            .filter(|t| t.contains(&format!("pid={pid}")))
    });
    let out = w.run(&["open", "one"]);
    assert!(
        stdout(&out).contains(&format!("pid {pid}")),
        "{}",
        stdout(&out)
    );
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
    assert!(lock.contains(&format!("pid={}", a.pid())), "{lock}");
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
    // Said on screen within a second, before anything else is typed.
    a.wait_for("保存を停止");
    // And a note typed now is refused, not written over the edit.
    a.send("\u{1b}");
    a.send("n");
    a.wait_for("読み取り専用");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "the hand edit was overwritten"
    );
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
    a.wait_for("保存を停止");
    a.send("\u{1b}");
    a.send("n");
    a.wait_for("読み取り専用");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(std::fs::read_to_string(w.file("swap")).unwrap(), forged);
    assert!(
        !w.dir("swap").join("lock").exists(),
        "nothing written in the forged folder"
    );
    a.send("\u{1b}");
    a.send("q");
    assert!(a.wait_exit().success());
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn loose_modes_are_reported_by_check_and_tightened_by_open() {
    let w = World::new();
    w.new_client("loose");
    let set = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    set(&w.data().join("clients"), 0o777);
    set(&w.dir("loose"), 0o755);
    set(&w.file("loose"), 0o644);
    let out = w.run(&["check", "loose"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(report.contains("mode is 0777"), "{report}");
    assert!(report.contains("mode is 0644"), "{report}");
    assert_eq!(mode(&w.file("loose")), 0o644, "check changes nothing");

    let out = w.run(&["open", "loose"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("set to 0600"), "{}", stderr(&out));
    assert_eq!(mode(&w.data().join("clients")), 0o700);
    assert_eq!(mode(&w.dir("loose")), 0o700);
    assert_eq!(mode(&w.file("loose")), 0o600);
    assert_eq!(mode(&w.dir("loose").join("lock")), 0o600);
    let out = w.run(&["check", "loose"]);
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn a_shared_sticky_data_folder_is_refused_and_left_alone() {
    let w = World::new();
    w.new_client("tmp");
    std::fs::set_permissions(w.data(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let out = w.run(&["open", "tmp"]);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(stderr(&out).contains("shared folder"), "{}", stderr(&out));
    assert_eq!(
        mode(w.data()),
        0o1777,
        "a shared folder's mode is never changed"
    );
    std::fs::set_permissions(w.data(), std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn a_client_folder_owned_by_another_user_is_refused() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED: changing a folder's owner needs root");
        return;
    }
    let w = World::new();
    w.new_client("planted");
    std::os::unix::fs::chown(w.dir("planted"), Some(4242), Some(4242)).unwrap();
    let before = std::fs::read(w.file("planted")).unwrap();
    let out = w.run(&["open", "planted"]);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("owned by user id 4242"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stdout(&out).contains("株式会社テスト"),
        "the client is not shown"
    );
    assert_eq!(std::fs::read(w.file("planted")).unwrap(), before);
    assert!(
        !w.dir("planted").join("lock").exists(),
        "nothing written in it"
    );
}

#[test]
fn leftover_temp_files_are_reported_by_check_and_removed_by_open() {
    let w = World::new();
    w.new_client("left");
    let tmp = w.dir("left").join(".client.toml.tmp-99999");
    std::fs::write(&tmp, "partial notes").unwrap();
    let out = w.run(&["check", "left"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(".client.toml.tmp-99999"),
        "{}",
        stdout(&out)
    );
    assert!(tmp.exists());
    let out = w.run(&["open", "left"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("removed a temporary file"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.exists());
    assert!(w.run(&["check", "left"]).status.success());
}

#[test]
fn new_on_a_full_disk_leaves_nothing_behind() {
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let data = fs.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let w = World::new();
    let run = |args: &[&str]| {
        let mut c = w.cmd(args);
        c.arg("--data-dir").arg(&data);
        c.output().unwrap()
    };
    // One client fits, then the disk is full.
    assert!(
        run(&["new", "--name", "一社目", "--id", "first"])
            .status
            .success()
    );
    let filler = fill(fs.path());
    let out = run(&["new", "--name", "二社目", "--id", "second", "--sample"]);
    assert!(!out.status.success());
    assert!(
        !data.join("clients").join("second").exists(),
        "a half-made folder was left"
    );
    std::fs::remove_file(filler).unwrap();
    let out = run(&["new", "--name", "二社目", "--id", "second"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Rewrites a client file in the first layout (schema_version 1).
fn make_v1(w: &World, id: &str, staff: i64) {
    let text = std::fs::read_to_string(w.file(id)).unwrap();
    let mut doc: toml::Table = toml::from_str(&text).unwrap();
    doc.insert("schema_version".into(), toml::Value::Integer(1));
    let p = doc["profile"].as_table_mut().unwrap();
    p.remove("employees");
    p.remove("capital_yen");
    p.insert("staff".into(), toml::Value::Integer(staff));
    std::fs::write(w.file(id), toml::to_string(&doc).unwrap()).unwrap();
}

#[test]
fn a_second_upgrade_never_overwrites_the_first_backup() {
    let w = World::new();
    w.new_client("old");
    make_v1(&w, "old", 11);
    let first = std::fs::read(w.file("old")).unwrap();
    assert!(w.run(&["open", "old"]).status.success());
    // An old copy restored by hand, upgraded again.
    make_v1(&w, "old", 22);
    let second = std::fs::read(w.file("old")).unwrap();
    let out = w.run(&["open", "old"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("client.toml.v1.bak.2"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(w.dir("old").join("client.toml.v1.bak")).unwrap(),
        first
    );
    assert_eq!(
        std::fs::read(w.dir("old").join("client.toml.v1.bak.2")).unwrap(),
        second
    );
    assert_eq!(mode(&w.dir("old").join("client.toml.v1.bak.2")), 0o600);
}

#[test]
fn the_backup_is_private_even_when_client_toml_was_replaced_by_a_loose_copy() {
    let w = World::new();
    w.new_client("bak");
    // A restore with cp from a 0644 copy, while bansou is not running.
    let copy = w.data().join("copy.toml");
    std::fs::copy(w.file("bak"), &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::rename(&copy, w.file("bak")).unwrap();
    let mut a = w.open("bak");
    quick_note(&mut a, "メモ");
    eventually("the note on disk", || {
        (notes(&w.load("bak")).len() == 1).then_some(())
    });
    assert_eq!(mode(&w.dir("bak").join("client.toml.bak")), 0o600);
    assert_eq!(mode(&w.file("bak")), 0o600);
    a.send("q");
    assert!(a.wait_exit().success());
}

#[test]
fn a_client_toml_that_is_a_symlink_is_refused_not_followed() {
    let w = World::new();
    w.new_client("real");
    w.new_client("planted");
    // Someone links one client's file to another's (or to a file of theirs).
    std::fs::remove_file(w.file("planted")).unwrap();
    std::os::unix::fs::symlink(w.file("real"), w.file("planted")).unwrap();
    let before = std::fs::read(w.file("real")).unwrap();
    for args in [vec!["open", "planted"], vec!["check", "planted"]] {
        let out = w.run(&args);
        assert!(!out.status.success(), "{args:?}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("symbolic link"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let list = stdout(&w.run(&["list"]));
    assert!(list.contains("planted\t(読み込めません"), "{list}");
    assert_eq!(std::fs::read(w.file("real")).unwrap(), before);
}

#[test]
fn a_data_folder_that_is_a_link_of_the_users_is_followed() {
    let w = World::new();
    w.new_client("linked");
    let link = tempfile::tempdir().unwrap();
    let data = link.path().join("data");
    std::os::unix::fs::symlink(w.data(), &data).unwrap();
    let mut c = w.cmd(&["open", "linked"]);
    c.arg("--data-dir").arg(&data);
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("株式会社テスト"), "{}", stdout(&out));
}
