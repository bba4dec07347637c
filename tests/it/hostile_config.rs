//! Issue 12, "keymaps that trap are refused" and "errors name the place":
//! the real binary started on a user keymap or config that would leave no
//! way out, and on config and content files broken in ways whose errors
//! lacked a line.

use crate::world_support::*;

/// Starts the TUI on client `x` with `name` in the config folder holding
/// `text`; it must refuse to start, and the error is returned.
fn refused_at_start(name: &str, text: &[u8]) -> String {
    let w = World::new();
    w.new_client("x");
    std::fs::write(w.config().join(name), text).unwrap();
    let mut s = crate::pty_support::Screen::start(w.data(), w.config(), &["open", "x"]);
    let status = s.wait_exit();
    assert!(!status.success(), "started with a broken {name}");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let shown = s.screen();
    assert!(
        !shown.contains("議事次第"),
        "the screen was taken over: {shown}"
    );
    shown
}

#[test]
fn a_keymap_without_a_way_to_quit_is_refused_with_file_line_and_key() {
    let err = refused_at_start(
        "keymap.toml",
        b"[[global]]\non = \"?\"\nrun = \"help\"\n\n[[global]]\non = \"q\"\nrun = \"none\"\n",
    );
    assert!(err.contains("keymap.toml:6: key `global[1].on`"), "{err}");
    assert!(err.contains("quits"), "{err}");
}

#[test]
fn a_keymap_without_submit_or_cancel_in_an_input_is_refused() {
    let err = refused_at_start(
        "keymap.toml",
        b"[[editor]]\non = \"<Enter>\"\nrun = \"none\"\n[[editor]]\non = \"<C-s>\"\nrun = \"none\"\n",
    );
    assert!(err.contains("keymap.toml:5: key `editor[1].on`"), "{err}");
    assert!(err.contains("submits"), "{err}");
    let err = refused_at_start(
        "keymap.toml",
        b"[[editor]]\non = \"<Esc>\"\nrun = \"none\"\n",
    );
    assert!(err.contains("keymap.toml:2: key `editor[0].on`"), "{err}");
    assert!(err.contains("cancels"), "{err}");
}

#[test]
fn a_letter_bound_while_typing_is_refused() {
    let err = refused_at_start(
        "keymap.toml",
        b"[[editor]]\non = \"a\"\nrun = \"cycle_kind\"\n",
    );
    assert!(err.contains("keymap.toml:2: key `editor[0].on`"), "{err}");
    assert!(err.contains("types text"), "{err}");
}

#[test]
fn a_key_bound_twice_in_one_context_is_reported() {
    let err = refused_at_start(
        "keymap.toml",
        b"[[global]]\non = \"m\"\nrun = \"quick_note\"\n\n[[global]]\non = \"m\"\nrun = \"help\"\n",
    );
    assert!(err.contains("keymap.toml:6: key `global[1].on`"), "{err}");
    assert!(err.contains("twice"), "{err}");
}

#[test]
fn invalid_utf8_in_config_toml_names_the_line_and_key() {
    let err = refused_at_start("config.toml", b"warn_minutes = 3\nbell = \"\xff\"\n");
    assert!(err.contains("config.toml:2: key `bell`"), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
}

#[test]
fn an_unknown_keymap_set_names_the_config_line() {
    let err = refused_at_start("config.toml", b"bell = true\nkeymap = \"emacs\"\n");
    assert!(err.contains("config.toml:2: key `keymap`"), "{err}");
    assert!(err.contains("emacs"), "{err}");
}

fn deep() -> String {
    format!("[{}]\nx = 1\n", vec!["a"; 20_000].join("."))
}

#[test]
fn a_20000_deep_table_header_names_the_line() {
    let w = World::new();
    w.new_client("x");
    // In a catalog override.
    let content = w.config().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(content.join("plan.toml"), deep()).unwrap();
    let out = w.run(&["list"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("plan.toml:1") && err.contains("key `a.a.a"),
        "{err}"
    );
    assert!(err.len() < 400, "the key is cut: {err}");
    std::fs::remove_file(content.join("plan.toml")).unwrap();
    // In a client file.
    let mut text = std::fs::read_to_string(w.file("x")).unwrap();
    let line = text.lines().count() + 1;
    text.push_str(&deep());
    std::fs::write(w.file("x"), text).unwrap();
    let out = w.run(&["check", "x"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("client.toml:{line}")), "{err}");
    // And in keymap.toml.
    let err = refused_at_start("keymap.toml", deep().as_bytes());
    assert!(err.contains("keymap.toml:1"), "{err}");
}
