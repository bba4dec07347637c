//! Unit tests of the store: atomic writes, backups, permissions, parsing
//! errors, and the promise that a file that does not parse is never written.

use crate::domain::model::Stamp;
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;

use chrono::NaiveDate;

use super::*;
use crate::content::Catalog;

fn now() -> Stamp {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .map(crate::domain::clock::jst)
        .unwrap()
}

fn client(id: &str) -> Client {
    Catalog::builtin()
        .unwrap()
        .new_client(id, "株式会社テスト", now())
}

/// A store in a fresh temporary folder, with one client `acme` in it.
fn store_with_client() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&client("acme")).unwrap();
    (dir, store)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn tmp_name(name: &str) -> String {
    format!(".{name}.tmp-{}", std::process::id())
}

// ---------------------------------------------------------------- write_atomic

#[test]
fn write_atomic_creates_a_private_file_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    write_atomic(dir.path(), "f.toml", b"one", None).unwrap();
    assert_eq!(fs::read(dir.path().join("f.toml")).unwrap(), b"one");
    assert_eq!(mode(&dir.path().join("f.toml")), 0o600);
    assert_eq!(names(dir.path()), set(&["f.toml"]));
}

#[test]
fn write_atomic_replaces_and_keeps_the_previous_version_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    write_atomic(dir.path(), "f.toml", b"one", Some("f.toml.bak")).unwrap();
    assert_eq!(names(dir.path()), set(&["f.toml"]), "no backup of nothing");
    write_atomic(dir.path(), "f.toml", b"two", Some("f.toml.bak")).unwrap();
    write_atomic(dir.path(), "f.toml", b"three", Some("f.toml.bak")).unwrap();
    assert_eq!(fs::read(dir.path().join("f.toml")).unwrap(), b"three");
    assert_eq!(fs::read(dir.path().join("f.toml.bak")).unwrap(), b"two");
    assert_eq!(mode(&dir.path().join("f.toml.bak")), 0o600);
    assert_eq!(names(dir.path()), set(&["f.toml", "f.toml.bak"]));
}

#[test]
fn write_atomic_replaces_a_stale_temp_file_of_the_same_process() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(tmp_name("f.toml")), b"stale").unwrap();
    write_atomic(dir.path(), "f.toml", b"fresh", None).unwrap();
    assert_eq!(fs::read(dir.path().join("f.toml")).unwrap(), b"fresh");
    assert_eq!(names(dir.path()), set(&["f.toml"]));
}

#[test]
fn a_failed_temp_write_leaves_the_old_file_and_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    write_atomic(dir.path(), "f.toml", b"old", None).unwrap();
    // A folder where the temp file goes: the temp file cannot be created.
    let blocker = dir.path().join(tmp_name("f.toml"));
    fs::create_dir(&blocker).unwrap();
    let err = write_atomic(dir.path(), "f.toml", b"new", Some("f.toml.bak")).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert_eq!(fs::read(dir.path().join("f.toml")).unwrap(), b"old");
    let blocker_name = tmp_name("f.toml");
    assert_eq!(
        names(dir.path()),
        set(&["f.toml", blocker_name.as_str()]),
        "nothing else was left behind"
    );
}

#[test]
fn writing_into_a_missing_folder_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone");
    assert!(write_atomic(&missing, "f.toml", b"x", None).is_err());
    assert!(!missing.exists());
}

#[test]
fn a_failed_backup_leaves_the_old_file_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    write_atomic(dir.path(), "f.toml", b"old", None).unwrap();
    // A non-empty folder where the backup goes: it cannot be replaced.
    fs::create_dir_all(dir.path().join("f.toml.bak/inside")).unwrap();
    let err = write_atomic(dir.path(), "f.toml", b"new", Some("f.toml.bak")).unwrap_err();
    assert!(err.to_string().contains("f.toml.bak"), "{err}");
    assert_eq!(fs::read(dir.path().join("f.toml")).unwrap(), b"old");
    assert_eq!(
        names(dir.path()),
        set(&["f.toml", "f.toml.bak"]),
        "temp files left behind"
    );
}

#[test]
fn a_failed_rename_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    // A non-empty folder where the file goes: the rename fails.
    fs::create_dir_all(dir.path().join("f.toml/inside")).unwrap();
    assert!(write_atomic(dir.path(), "f.toml", b"new", None).is_err());
    assert_eq!(names(dir.path()), set(&["f.toml"]), "temp file left behind");
}

// ---------------------------------------------------------------- create, save, permissions

#[test]
fn create_makes_private_folders_and_a_private_file() {
    let (dir, store) = store_with_client();
    assert_eq!(mode(&store.clients_dir()), 0o700);
    assert_eq!(mode(&store.client_dir("acme").unwrap()), 0o700);
    assert_eq!(mode(&store.client_path("acme").unwrap()), 0o600);
    assert_eq!(
        names(&store.client_dir("acme").unwrap()),
        set(&[CLIENT_FILE])
    );
    drop(dir);
}

#[test]
fn create_refuses_an_existing_client_and_leaves_it_untouched() {
    let (_dir, store) = store_with_client();
    let path = store.client_path("acme").unwrap();
    let before = fs::read(&path).unwrap();
    let mut other = client("acme");
    other.profile.name = "別会社".into();
    assert!(matches!(
        store.create(&other),
        Err(StoreError::Exists { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        names(&store.client_dir("acme").unwrap()),
        set(&[CLIENT_FILE])
    );
}

#[test]
fn bad_ids_never_reach_the_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("data"));
    for bad in ["", "../x", "a/b", "Acme", "..", &"a".repeat(65)] {
        assert!(
            matches!(store.client_dir(bad), Err(StoreError::BadId(_))),
            "{bad:?}"
        );
        assert!(!store.exists(bad));
        assert!(store.load(bad).is_err());
        assert!(store.open(bad).is_err());
        assert!(store.create(&client(bad)).is_err());
    }
    assert!(!dir.path().join("data").exists());
    assert_eq!(names(dir.path()), BTreeSet::new());
}

#[test]
fn save_round_trips_and_keeps_the_previous_version() {
    let (_dir, store) = store_with_client();
    let path = store.client_path("acme").unwrap();
    let first = fs::read(&path).unwrap();
    let mut c = store.open("acme").unwrap().client;
    c.profile.employees = Some(23);
    c.profile.capital_yen = Some(10_000_000);
    c.sessions[0].notes.push(crate::domain::model::Note {
        at: now(),
        kind: crate::domain::model::NoteKind::Request,
        text: "就業規則の写しを次回までに \"共有\" \\ 改行\nあり".into(),
        item: Some("ヒアリング".into()),
        carried: false,
    });
    store.save(&c).unwrap();
    assert_eq!(store.load("acme").unwrap().client, c);
    let bak = store.client_dir("acme").unwrap().join(BACKUP_FILE);
    assert_eq!(fs::read(&bak).unwrap(), first);
    assert_eq!(mode(&bak), 0o600);
    assert_eq!(mode(&path), 0o600);
    let left = names(&store.client_dir("acme").unwrap());
    assert!(
        left.iter().all(|n| !n.contains(".tmp-")),
        "temp files: {left:?}"
    );
}

#[test]
fn the_saved_file_starts_with_the_confidential_header_and_parses_back() {
    let c = client("acme");
    let text = render(&c).unwrap();
    assert!(text.starts_with("# bansou"));
    assert!(text.contains("bansou check"));
    let loaded = parse_client(Path::new("client.toml"), text.as_bytes()).unwrap();
    assert_eq!(loaded.client, c);
    assert_eq!(loaded.migrated_from, None);
}

// ---------------------------------------------------------------- corrupt files are never written

/// Writes `text` over acme's file and returns its bytes.
fn corrupt(store: &Store, text: &[u8]) -> Vec<u8> {
    let path = store.client_path("acme").unwrap();
    fs::write(&path, text).unwrap();
    fs::read(&path).unwrap()
}

#[track_caller]
fn assert_untouched(store: &Store, before: &[u8]) {
    let dir = store.client_dir("acme").unwrap();
    assert_eq!(fs::read(dir.join(CLIENT_FILE)).unwrap(), before);
    let left: BTreeSet<String> = names(&dir).into_iter().filter(|n| n != LOCK_FILE).collect();
    assert_eq!(left, set(&[CLIENT_FILE]), "no backup, no temp file");
}

#[test]
fn a_corrupt_file_is_never_overwritten_by_load_list_open_or_check() {
    let (_dir, store) = store_with_client();
    let before = corrupt(&store, b"schema_version = 2\nid = \"acme\"\nname = \n");
    let path = store.client_path("acme").unwrap();

    match store.load("acme") {
        Err(StoreError::Parse {
            path: p,
            line,
            column,
            ..
        }) => {
            assert_eq!(p, path);
            assert_eq!(line, Some(3));
            assert!(column.is_some());
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].client.is_err());
    assert!(listed[0].saved.is_some());
    assert!(matches!(store.open("acme"), Err(StoreError::Parse { .. })));
    assert_untouched(&store, &before);

    // A failed open does not keep the lock: once repaired, it opens.
    fs::write(&path, render(&client("acme")).unwrap()).unwrap();
    assert!(store.open("acme").is_ok());
}

#[test]
fn parse_errors_name_file_line_column_and_key() {
    let (_dir, store) = store_with_client();
    let path = store.client_path("acme").unwrap();
    let text =
        fs::read_to_string(&path)
            .unwrap()
            .replacen("name = \"株式会社テスト\"", "name = 42", 1);
    let line = text.lines().position(|l| l == "name = 42").unwrap() + 1;
    let before = corrupt(&store, text.as_bytes());
    let err = store.load("acme").unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:{line}:", path.display())),
        "{shown}"
    );
    assert!(shown.contains("key `name`"), "{shown}");
    assert!(shown.contains("left as it is"), "{shown}");
    assert!(!shown.contains('\n'), "one line: {shown}");
    assert_untouched(&store, &before);
}

#[test]
fn unknown_keys_are_refused_not_dropped() {
    let (_dir, store) = store_with_client();
    let text = fs::read_to_string(store.client_path("acme").unwrap())
        .unwrap()
        .replacen("[profile]\n", "[profile]\nemployes = 5\n", 1);
    let before = corrupt(&store, text.as_bytes());
    let shown = store.open("acme").unwrap_err().to_string();
    assert!(shown.contains("employes"), "{shown}");
    assert_untouched(&store, &before);
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_line() {
    let (_dir, store) = store_with_client();
    let before = corrupt(&store, b"schema_version = 2\n\nmemo = \"\xff\"\n");
    match store.load("acme") {
        Err(StoreError::Parse { line, message, .. }) => {
            assert_eq!(line, Some(3));
            assert!(message.contains("UTF-8"), "{message}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    assert!(store.open("acme").is_err());
    assert_untouched(&store, &before);
}

#[test]
fn an_empty_file_is_refused() {
    let (_dir, store) = store_with_client();
    let before = corrupt(&store, b"");
    let shown = store.open("acme").unwrap_err().to_string();
    assert!(shown.contains("schema_version"), "{shown}");
    assert_untouched(&store, &before);
}

#[test]
fn a_file_in_the_wrong_folder_is_refused() {
    let (_dir, store) = store_with_client();
    let text = render(&client("other")).unwrap();
    let before = corrupt(&store, text.as_bytes());
    let shown = store.open("acme").unwrap_err().to_string();
    assert!(shown.contains("key `id`"), "{shown}");
    assert_untouched(&store, &before);
}

#[test]
fn a_missing_client_is_not_found_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    assert!(matches!(
        store.load("nobody"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.open("nobody"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(store.list().unwrap().is_empty());
    assert_eq!(names(dir.path()), BTreeSet::new());
}

// ---------------------------------------------------------------- schema versions

#[test]
fn a_newer_schema_is_refused_by_load_and_open_and_left() {
    let (_dir, store) = store_with_client();
    let text = fs::read_to_string(store.client_path("acme").unwrap())
        .unwrap()
        .replacen(
            &format!("schema_version = {SCHEMA_VERSION}"),
            "schema_version = 99",
            1,
        );
    let before = corrupt(&store, text.as_bytes());
    assert!(matches!(
        store.load("acme"),
        Err(StoreError::Newer {
            found: 99,
            supported: SCHEMA_VERSION,
            ..
        })
    ));
    let shown = store.open("acme").unwrap_err().to_string();
    assert!(shown.contains("newer") && shown.contains("99"), "{shown}");
    assert_untouched(&store, &before);
}

#[test]
fn impossible_schema_versions_are_refused() {
    for v in ["0", "-1", "\"2\"", "99999999999"] {
        let text = format!("schema_version = {v}\n");
        let r = parse_client(Path::new("client.toml"), text.as_bytes());
        assert!(r.is_err(), "schema_version = {v} accepted");
    }
}

/// acme rewritten as a v1 file; returns its bytes.
fn make_v1(store: &Store) -> Vec<u8> {
    let path = store.client_path("acme").unwrap();
    let mut doc: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    doc.insert("schema_version".into(), toml::Value::Integer(1));
    let p = doc["profile"].as_table_mut().unwrap();
    p.insert("staff".into(), toml::Value::Integer(7));
    p.insert("capital_man_yen".into(), toml::Value::Integer(300));
    corrupt(store, toml::to_string(&doc).unwrap().as_bytes())
}

#[test]
fn an_older_schema_is_read_in_memory_without_writing() {
    let (_dir, store) = store_with_client();
    let before = make_v1(&store);
    let loaded = store.load("acme").unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(loaded.client.schema_version, SCHEMA_VERSION);
    assert_eq!(loaded.client.profile.employees, Some(7));
    assert_eq!(loaded.client.profile.capital_yen, Some(3_000_000));
    assert!(store.list().unwrap()[0].client.is_ok());
    assert_untouched(&store, &before);
}

#[test]
fn open_upgrades_an_older_schema_keeping_the_original() {
    let (_dir, store) = store_with_client();
    let before = make_v1(&store);
    let dir = store.client_dir("acme").unwrap();
    let opened = store.open("acme").unwrap();
    let bak = dir.join("client.toml.v1.bak");
    assert_eq!(opened.upgraded_backup.as_deref(), Some(bak.as_path()));
    assert_eq!(fs::read(&bak).unwrap(), before);
    assert_eq!(mode(&bak), 0o600);
    let now = store.load("acme").unwrap();
    assert_eq!(now.migrated_from, None);
    assert_eq!(now.client, opened.client);
    assert_eq!(now.client.profile.capital_yen, Some(3_000_000));
    drop(opened);
    // Opening again changes nothing.
    let text = fs::read(dir.join(CLIENT_FILE)).unwrap();
    assert!(store.open("acme").unwrap().upgraded_backup.is_none());
    assert_eq!(fs::read(dir.join(CLIENT_FILE)).unwrap(), text);
    assert_eq!(fs::read(&bak).unwrap(), before);
}

#[test]
fn an_upgrade_that_fails_leaves_the_file_and_says_which_key() {
    let (_dir, store) = store_with_client();
    make_v1(&store);
    let text = fs::read_to_string(store.client_path("acme").unwrap())
        .unwrap()
        .replacen("capital_man_yen = 300", "capital_man_yen = \"三百\"", 1);
    let before = corrupt(&store, text.as_bytes());
    let shown = store.open("acme").unwrap_err().to_string();
    assert!(shown.contains("capital_man_yen"), "{shown}");
    assert_untouched(&store, &before);
}

// ---------------------------------------------------------------- lock

#[test]
fn one_writer_at_a_time_and_readers_are_not_blocked() {
    let (_dir, store) = store_with_client();
    let first = store.open("acme").unwrap();
    assert_eq!(mode(first.lock.path()), 0o600);
    match store.open("acme") {
        Err(StoreError::Locked(h)) => {
            assert_eq!(h.pid, Some(std::process::id()));
            assert_eq!(h.host.as_deref(), Some(hostname().as_str()));
            let shown = StoreError::Locked(h).to_string();
            assert!(shown.contains("client is open elsewhere (pid "), "{shown}");
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    // Reading is still possible while it is open elsewhere.
    assert_eq!(store.load("acme").unwrap().client, first.client);
    assert_eq!(store.list().unwrap().len(), 1);
    drop(first);
    // See tests/cli.rs `eventually`: a child spawned by another test thread
    // may hold the lock's description for a moment.
    let start = std::time::Instant::now();
    while store.open("acme").is_err() {
        assert!(start.elapsed().as_secs() < 5, "lock never released");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------- list

#[test]
fn list_is_sorted_and_skips_what_is_not_a_client() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    for id in ["zeta", "alpha", "mid-1"] {
        store.create(&client(id)).unwrap();
    }
    fs::create_dir_all(store.clients_dir().join("Upper")).unwrap();
    fs::write(
        store.clients_dir().join("Upper").join(CLIENT_FILE),
        render(&client("x")).unwrap(),
    )
    .unwrap();
    fs::create_dir_all(store.clients_dir().join("empty")).unwrap();
    fs::write(store.clients_dir().join("README"), "x").unwrap();
    let ids: Vec<String> = store.list().unwrap().into_iter().map(|l| l.id).collect();
    assert_eq!(ids, ["alpha", "mid-1", "zeta"]);
}
