//! Issue 12, "nothing raw reaches a terminal": client data with escape
//! sequences (window title, OSC 52 clipboard, clear screen), a bidi override
//! and zero-width joiners, from a hand-edited file, a paste and typing; every
//! output of the real binary is looked at for them.

use crate::world_support::*;

/// An OSC title, an OSC 52 clipboard write and a clear screen.
const ESCAPES: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J";

/// Raw bytes a terminal would obey, or that shift a border, if any.
fn raw_hostile(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|c| {
            matches!(
                *c,
                '\u{202e}' | '\u{200d}' | '\u{200b}' | '\u{7}' | '\u{9b}'
            )
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .chain(text.contains("\u{1b}]52;").then(|| "OSC 52".to_owned()))
        .chain(text.contains("\u{1b}]0;pwned").then(|| "OSC 0".to_owned()))
        .chain(text.contains("\u{1b}[2J\u{7}").then(|| "clear".to_owned()))
        .collect()
}

fn plain_hostile(bytes: &[u8]) -> Vec<String> {
    let mut v = raw_hostile(bytes);
    if bytes.contains(&0x1b) {
        v.push("ESC".into());
    }
    v
}

/// Fails naming what the output held that a terminal would obey.
fn assert_clean(bytes: &[u8], context: &str) {
    assert_eq!(plain_hostile(bytes), Vec::<String>::new(), "{context}");
}

/// A client whose file was edited by hand: escapes in the name, a bidi
/// override and a joiner in a note.
fn tampered(w: &World, id: &str) {
    w.new_client(id);
    let path = w.file(id);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut doc: toml::Table = toml::from_str(&text).unwrap();
    doc["profile"].as_table_mut().unwrap().insert(
        "name".into(),
        toml::Value::String(format!("株式会社{ESCAPES}テスト")),
    );
    let note = toml::Table::from_iter([
        (
            "at".to_owned(),
            toml::Value::String("2026-11-20T10:00:00+09:00".into()),
        ),
        ("kind".to_owned(), toml::Value::String("メモ".into())),
        (
            "text".to_owned(),
            toml::Value::String("請求書\u{202e}fdp.exe 👨\u{200d}👩\u{200d}👧".into()),
        ),
    ]);
    doc["sessions"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap()
        .insert(
            "notes".into(),
            toml::Value::Array(vec![toml::Value::Table(note)]),
        );
    std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    assert!(
        std::fs::read(&path).unwrap().contains(&b'\\'),
        "escapes are in the file"
    );
}

#[test]
fn list_shows_a_tampered_name_without_obeying_it() {
    let w = World::new();
    tampered(&w, "evil");
    let out = w.run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_clean(&out.stdout, &stdout(&out));
    assert!(stdout(&out).contains("株式会社"), "{}", stdout(&out));
}

#[test]
fn check_names_each_key_with_hostile_text_and_prints_none_of_it() {
    let w = World::new();
    tampered(&w, "evil");
    let out = w.run(&["check", "evil"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_clean(&out.stdout, "");
    let report = stdout(&out);
    assert!(
        report.contains("key `profile.name`: contains U+001B"),
        "{report}"
    );
    assert!(
        report.contains("key `sessions[0].notes[0].text`: contains U+202E"),
        "{report}"
    );
}

#[test]
fn the_summary_and_the_markdown_exports_hold_no_raw_escape() {
    let w = World::new();
    tampered(&w, "evil");
    let out = w.run(&["open", "evil"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_clean(&out.stdout, &stdout(&out));
    assert_clean(&out.stderr, &stderr(&out));
    let dest = w.data().join("out");
    let out = w.run(&["export", "evil", "--out", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut md = 0;
    for e in std::fs::read_dir(&dest).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            md += 1;
            let bytes = std::fs::read(&p).unwrap();
            assert_clean(&bytes, &p.display().to_string());
        }
    }
    assert!(md > 0, "no Markdown export to look at");
}

#[test]
fn an_error_message_quoting_client_data_is_escaped() {
    let w = World::new();
    w.new_client("wrongid");
    let path = w.file("wrongid");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut doc: toml::Table = toml::from_str(&text).unwrap();
    doc.insert("id".into(), toml::Value::String(format!("x{ESCAPES}")));
    std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    let out = w.run(&["open", "wrongid"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("wrongid"), "{}", stderr(&out));
    assert_clean(&out.stderr, &stderr(&out));
}

#[test]
fn new_refuses_a_name_with_a_bidi_override_or_a_joiner() {
    let w = World::new();
    for name in ["請求書\u{202e}fdp.exe", "a\u{200d}b", "x\u{1b}[2J"] {
        let out = w.run(&["new", "--name", name]);
        assert!(!out.status.success(), "{name:?} was accepted");
        assert_clean(&out.stderr, "");
    }
    assert_eq!(stdout(&w.run(&["list"])), "");
}

#[test]
fn the_screen_never_gets_a_bidi_override_or_joiner_from_a_file_a_paste_or_typing() {
    let w = World::new();
    tampered(&w, "evil");
    let mut s = w.open("evil");
    s.wait_for("請求書");
    // Typed (as a terminal sends it) and pasted (bracketed paste).
    s.send("n");
    s.wait_for("Tab:種類");
    s.send("打鍵\u{202e}右");
    s.send("\u{1b}[200~貼付\u{200d}け\u{202e}た\u{1b}[201~");
    s.send("\r");
    let c = eventually("the typed note on disk", || {
        let c = w.load("evil");
        (c.sessions[0].notes.len() == 2).then_some(c)
    });
    assert_eq!(c.sessions[0].notes[1].text, "打鍵右貼付けた");
    assert!(!c.profile.name.contains('\u{1b}'), "{:?}", c.profile.name);
    s.wait_for("打鍵右貼付けた");
    s.wait_for("fdp.exe");
    // On the terminal now: none of them, and every pane border in its column.
    let screen = s.screen();
    assert_eq!(
        raw_hostile(screen.as_bytes()),
        Vec::<String>::new(),
        "{screen}"
    );
    for row in screen.lines() {
        if row.ends_with(['│', '┐', '┘']) {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(row),
                120,
                "a border moved:\n{screen}"
            );
        }
    }
    s.quit();
}

/// A password typed into the wrong field of a hand-edited file.
fn broken_with_secret(w: &World, id: &str) {
    w.new_client(id);
    let path = w.file(id);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "[profile]\n",
        "[profile]\nemployees = \"hunter2-secret\"\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
}

#[test]
fn list_shows_a_broken_file_by_place_without_its_value() {
    let w = World::new();
    w.new_named("good", "株式会社よい");
    broken_with_secret(&w, "broken");
    let out = w.run(&["list"]);
    let list = stdout(&out);
    assert!(list.contains("株式会社よい"), "{list}");
    assert!(list.contains("broken"), "{list}");
    assert!(
        list.contains("key `profile.employees`") || list.contains("key `employees`"),
        "{list}"
    );
    assert!(
        !list.contains("hunter2"),
        "the broken value is shown: {list}"
    );
    // check, for the person fixing the file, may show it.
    let out = w.run(&["check", "broken"]);
    assert!(!out.status.success());
}

#[test]
fn the_picker_shows_a_broken_file_by_place_without_its_value() {
    let w = World::new();
    w.new_named("good", "株式会社よい");
    broken_with_secret(&w, "broken");
    // Wide enough for the whole message: at 120 columns the value would be
    // cut off by the edge rather than left out.
    let mut s = start_sized(&w, &[], 400, 40);
    s.wait_for("株式会社よい");
    s.wait_for("読み込めません");
    s.wait_for("employees");
    std::thread::sleep(std::time::Duration::from_millis(300)); // the rest of the row
    assert!(!s.screen().contains("hunter2"), "{}", s.screen());
    s.send("\u{1b}");
    s.send("q");
    s.wait_exit();
}
