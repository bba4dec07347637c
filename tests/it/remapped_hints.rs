//! Hints name the keys of the keymap in effect: a user keymap.toml moves
//! keys to function keys, and the session screen, the quick-note input, the
//! picker and every editor then name the function keys — and never the
//! default keys they replaced.

use crate::forms_support::*;
use bansou::app::App;
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::domain::model::FormKind;
use bansou::keymap::Keymap;
use bansou::store::Store;
use crossterm::event::KeyCode;

/// Every binding a hint names, moved off its default key.
const USER_KEYMAP: &str = r#"
[[global]]
on = "<Space>"
run = "none"
[[global]]
on = "<F5>"
run = "timer_toggle"
[[global]]
on = "?"
run = "none"
[[global]]
on = "<F1>"
run = "help"
[[global]]
on = "n"
run = "none"
[[global]]
on = "<F2>"
run = "quick_note"
[[global]]
on = "<Tab>"
run = "none"
[[global]]
on = "<S-Tab>"
run = "none"
[[global]]
on = "<C-Right>"
run = "next_pane"
[[global]]
on = "<C-Left>"
run = "prev_pane"

[[editor]]
on = "<Tab>"
run = "none"
[[editor]]
on = "<F3>"
run = "cycle_kind"
[[editor]]
on = "<Esc>"
run = "none"
[[editor]]
on = "<C-g>"
run = "cancel"
[[editor]]
on = "<Enter>"
run = "none"
[[editor]]
on = "<C-s>"
run = "none"
[[editor]]
on = "<C-j>"
run = "submit"

[[list]]
on = "<Enter>"
run = "none"
[[list]]
on = "x"
run = "none"
[[list]]
on = "<F8>"
run = "toggle"
[[list]]
on = "r"
run = "none"
[[list]]
on = "<F7>"
run = "requests"

[[picker]]
on = "<C-n>"
run = "none"
[[picker]]
on = "<F9>"
run = "new_client"

[[form]]
on = "<Enter>"
run = "none"
[[form]]
on = "<F4>"
run = "edit"
[[form]]
on = "a"
run = "none"
[[form]]
on = "<F6>"
run = "add"

[[diagnosis]]
on = "m"
run = "none"
[[diagnosis]]
on = "<F10>"
run = "focus"
"#;

fn remapped_app(session: u8) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("keymap.toml");
    std::fs::write(&user, USER_KEYMAP).unwrap();
    let keymap = Keymap::load("default", Some(&user)).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path().join("data"));
    let mut client = catalog.new_client("demo", bansou::sample::SAMPLE_NAME, at(9, 0));
    bansou::sample::fill(&mut client, &catalog, today());
    client.sessions[2].agenda.iter_mut().for_each(|i| {
        i.started_at = None;
        i.ended_at = None;
    });
    store.create(&client).unwrap();
    let mut app = App::new(catalog, keymap, Settings::default(), store, at(10, 0));
    app.open_client("demo", Some(session)).unwrap();
    (dir, app)
}

fn press(app: &mut App, code: KeyCode) {
    key(app, code);
}

fn open_editor(app: &mut App, form: FormKind) {
    let next =
        crossterm::event::KeyEvent::new(KeyCode::Right, crossterm::event::KeyModifiers::CONTROL);
    open_from_pane(app, form, next, KeyCode::F(8));
    assert_eq!(editor_form(app), Some(form), "opened with the remapped key");
    app.message = None;
}

fn assert_names(screen: &str, what: &str, want: &[&str], never: &[&str]) {
    for w in want {
        assert!(screen.contains(w), "{what}: {w:?} missing in\n{screen}");
    }
    for n in never {
        assert!(!screen.contains(n), "{what}: stale hint {n:?} in\n{screen}");
    }
}

#[test]
fn the_session_screen_and_the_quick_note_input_name_the_remapped_keys() {
    let (_dir, mut app) = remapped_app(3);
    let screen = render(&app, 120, 40);
    assert_names(
        &screen,
        "session screen",
        &[
            "未開始（F5 で開始）",
            "（F2 追加 F7 種類",
            "実施情報（F8 で編集）",
        ],
        &["Space", "Enter で編集", "n で追加", "n 追加", "r 種類"],
    );
    press(&mut app, KeyCode::F(2));
    let screen = render(&app, 120, 40);
    assert_names(
        &screen,
        "quick-note input",
        &["F3:種類 C-j:保存 C-g:下書きに残す"],
        &["Tab:種類", "Enter:保存", "Esc:取消"],
    );
}

#[test]
fn every_editor_names_the_remapped_keys() {
    for (form, session, want) in [
        (FormKind::Profile, 0, &["F4 編集", "F6 担当者追加"][..]),
        (FormKind::Hearing, 1, &["F4 編集", "F4:編集"][..]),
        (
            FormKind::Diagnosis,
            1,
            &["F4 設問別へ", "F10 重点", "C-Right/C-Left:切替"][..],
        ),
        (FormKind::Policy, 2, &["基本方針（F4 で編集）"][..]),
        (FormKind::Regulations, 2, &["F4"][..]),
        (FormKind::Plan, 3, &["F6"][..]),
    ] {
        let (_dir, mut app) = remapped_app(session);
        open_editor(&mut app, form);
        let screen = render(&app, 120, 40);
        assert_names(
            &screen,
            &format!("{form:?}"),
            want,
            &["Enter で", "Enter:編集", "Enter 編集", "（a）", "Tab で"],
        );
    }
}

#[test]
fn the_diagnosis_path_input_names_the_remapped_keys() {
    let (_dir, mut app) = remapped_app(1);
    open_editor(&mut app, FormKind::Diagnosis);
    press(&mut app, KeyCode::Char('w'));
    let popup = app.message.clone().unwrap_or_default();
    assert!(popup.contains("I で取り込みます"), "{popup}");
    press(&mut app, KeyCode::Char('I')); // closes the popup and opens the input
    let screen = render(&app, 120, 40);
    assert_names(
        &screen,
        "path input",
        &[
            "F3 ファイル名を補完",
            "C-j 取り込む",
            "C-g 閉じる",
            "F3 でファイル名",
        ],
        &["Tab ", "Enter ", "Esc "],
    );
}

#[test]
fn the_picker_names_the_remapped_new_client_key() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("keymap.toml");
    std::fs::write(&user, USER_KEYMAP).unwrap();
    let keymap = Keymap::load("default", Some(&user)).unwrap();
    let store = Store::new(dir.path().join("data"));
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        keymap,
        Settings::default(),
        store,
        at(10, 0),
    );
    app.show_picker();
    let screen = render(&app, 80, 24);
    assert_names(
        &screen,
        "picker",
        &["F9 で新規作成", "F1 ヘルプ"],
        &["Ctrl-N", "C-n", " ? ヘルプ"],
    );
}
