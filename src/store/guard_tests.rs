//! The checks before a save (`Store::save_locked`, `Store::watch`): nothing
//! changed behind the writer's back is overwritten, and what was in memory
//! is kept.

use super::*;
use crate::content::Catalog;

fn opened() -> (tempfile::TempDir, Store, Opened) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .map(crate::domain::clock::jst)
        .unwrap();
    let c = Catalog::builtin()
        .unwrap()
        .new_client("acme", "株式会社テスト", now);
    store.create(&c).unwrap();
    let o = store.open("acme").unwrap();
    (dir, store, o)
}

fn kept_text(e: &StoreError) -> String {
    match e {
        StoreError::Stopped {
            kept: Some(path), ..
        } => fs::read_to_string(path).unwrap(),
        other => panic!("expected a kept copy, got {other:?}"),
    }
}

#[test]
fn a_file_changed_since_it_was_read_is_not_overwritten_and_the_screen_is_kept() {
    let (_d, store, mut o) = opened();
    let path = store.client_path("acme").unwrap();
    store.save_locked(&o.client, &mut o.lock).unwrap();
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("テスト", "手書き");
    fs::write(&path, &edited).unwrap();
    assert!(matches!(
        store.watch("acme", &mut o.lock),
        Err(StoreError::Stopped {
            reason: Stop::ChangedOnDisk,
            kept: None,
            ..
        })
    ));
    o.client.profile.memo = "画面だけのメモ".into();
    let e = store.save_locked(&o.client, &mut o.lock).unwrap_err();
    assert!(kept_text(&e).contains("画面だけのメモ"));
    assert!(e.to_string().contains("client.toml.unsaved-"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn a_swapped_folder_is_not_written_and_the_copy_goes_to_the_real_one() {
    let (d, store, mut o) = opened();
    let dir = store.client_dir("acme").unwrap();
    let moved = d.path().join("moved");
    fs::rename(&dir, &moved).unwrap();
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(CLIENT_FILE), "forged").unwrap();
    o.client.profile.memo = "本物".into();
    let e = store.save_locked(&o.client, &mut o.lock).unwrap_err();
    assert!(matches!(
        e,
        StoreError::Stopped {
            reason: Stop::FolderReplaced,
            ..
        }
    ));
    assert!(kept_text(&e).contains("本物"));
    let StoreError::Stopped { kept: Some(k), .. } = &e else {
        unreachable!()
    };
    assert!(
        k.starts_with(moved.canonicalize().unwrap()),
        "{}",
        k.display()
    );
    assert_eq!(fs::read_to_string(dir.join(CLIENT_FILE)).unwrap(), "forged");
}

#[test]
fn a_deleted_lock_file_is_put_back_and_saving_goes_on() {
    let (_d, store, mut o) = opened();
    let lock = store.client_dir("acme").unwrap().join(LOCK_FILE);
    fs::remove_file(&lock).unwrap();
    assert!(matches!(store.open("acme"), Err(StoreError::Locked(_))));
    store.watch("acme", &mut o.lock).unwrap();
    let text = fs::read_to_string(&lock).unwrap();
    assert!(
        text.contains(&format!("pid={}", std::process::id())),
        "{text}"
    );
    store.save_locked(&o.client, &mut o.lock).unwrap();
    // A lock file replaced by another file stops saving.
    fs::remove_file(&lock).unwrap();
    fs::write(&lock, "pid=1\n").unwrap();
    let e = store.save_locked(&o.client, &mut o.lock).unwrap_err();
    assert!(matches!(
        e,
        StoreError::Stopped {
            reason: Stop::LockReplaced,
            ..
        }
    ));
}
