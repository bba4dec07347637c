//! No East-Asian-Ambiguous character in the app's own borders and marks: a
//! Japanese terminal draws those two cells wide and every column after them
//! shifts. Every screen and editor is drawn at 80×24 and 120×40; any
//! ambiguous character on screen that the client's data or the catalogs do
//! not contain (user text may hold anything) fails the test.

use std::collections::BTreeSet;

use crate::forms_support::*;
use bansou::app::App;
use bansou::domain::model::FormKind;
use crossterm::event::KeyCode;
use unicode_width::UnicodeWidthChar;

/// Ambiguous in a CJK terminal, box-drawing lines aside: every border is
/// drawn with those (U+2500–U+257F), which terminals and tmux draw one cell
/// wide whatever their ambiguous-width setting.
fn ambiguous(c: char) -> bool {
    c.width() != c.width_cjk() && !('\u{2500}'..='\u{257F}').contains(&c)
}

/// Characters the data on screen may bring: the client file and every
/// catalog (without its comments).
fn data_chars(app: &App) -> BTreeSet<char> {
    let mut text = toml::to_string(client(app)).unwrap();
    for file in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/content")).unwrap() {
        let catalog = std::fs::read_to_string(file.unwrap().path()).unwrap();
        // Comments never reach the screen.
        for line in catalog.lines().filter(|l| !l.trim_start().starts_with('#')) {
            text.push_str(line);
        }
    }
    text.chars().collect()
}

/// Ambiguous characters on screen that the data does not explain.
fn stray(app: &App, allowed: &BTreeSet<char>, what: &str, bad: &mut Vec<String>) {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(app, w, h);
        let found: BTreeSet<char> = screen
            .chars()
            .filter(|c| ambiguous(*c) && !allowed.contains(c))
            .collect();
        if !found.is_empty() {
            bad.push(format!("{what} at {w}x{h}: {found:?}"));
        }
    }
}

fn open_form(app: &mut App, form: FormKind) {
    open_by_tab(app, form);
}

#[test]
fn no_screen_draws_an_ambiguous_character_of_its_own() {
    let mut bad = Vec::new();
    // The picker and the too-small message.
    let mut f = sample(1);
    let allowed = data_chars(&f.app);
    f.app.show_picker();
    stray(&f.app, &allowed, "picker", &mut bad);
    for (w, h) in [(40, 10), (79, 23)] {
        let screen = render(&f.app, w, h);
        assert!(
            !screen.chars().any(ambiguous),
            "too-small message at {w}x{h}"
        );
    }
    // Every tab, the help, the presentation view and the quick-note input.
    for tab in 0..=4 {
        let mut f = sample(tab);
        stray(&f.app, &allowed, &format!("tab {tab}"), &mut bad);
        key(&mut f.app, KeyCode::Char('?'));
        stray(&f.app, &allowed, &format!("help on tab {tab}"), &mut bad);
        key(&mut f.app, KeyCode::Esc);
        if tab > 0 {
            key(&mut f.app, KeyCode::Char('b'));
            stray(&f.app, &allowed, &format!("presentation {tab}"), &mut bad);
            key(&mut f.app, KeyCode::Char('b'));
            key(&mut f.app, KeyCode::Char('n'));
            chars(&mut f.app, "メモ");
            stray(&f.app, &allowed, &format!("note input {tab}"), &mut bad);
        }
    }
    // Every editor, each of its views, and the choice pickers.
    for (form, session) in [
        (FormKind::Profile, 0),
        (FormKind::Hearing, 1),
        (FormKind::Diagnosis, 1),
        (FormKind::Policy, 2),
        (FormKind::Regulations, 2),
        (FormKind::Plan, 3),
    ] {
        let mut f = sample(session);
        open_form(&mut f.app, form);
        assert!(editor_open(&f.app), "{form:?} opens");
        for view in 0..4 {
            stray(&f.app, &allowed, &format!("{form:?} view {view}"), &mut bad);
            key(&mut f.app, KeyCode::Tab);
        }
        // A picker or a field, where Enter opens one.
        key(&mut f.app, KeyCode::Enter);
        stray(&f.app, &allowed, &format!("{form:?} after Enter"), &mut bad);
    }
    // The diagnosis editor's questionnaire popup and path input: candidates,
    // a refused and an already-present file, the offer to replace.
    let mut f = sample(1);
    open_form(&mut f.app, FormKind::Diagnosis);
    key(&mut f.app, KeyCode::Char('w'));
    stray(&f.app, &allowed, "questionnaires written", &mut bad);
    key(&mut f.app, KeyCode::Esc);
    let dir = tempfile::tempdir().unwrap();
    let form = bansou::export::questionnaire::workbook(
        &bansou::content::Catalog::builtin().unwrap(),
        "x",
        &Default::default(),
        today(),
    )
    .unwrap();
    std::fs::write(dir.path().join("a.xlsx"), &form).unwrap();
    std::fs::write(
        dir.path().join("b.csv"),
        "回答者,小川 彩,従業員\n1,実施している\n",
    )
    .unwrap();
    chars(&mut f.app, "I");
    chars(&mut f.app, &format!("{}/", dir.path().display()));
    key(&mut f.app, KeyCode::Tab);
    stray(&f.app, &allowed, "path input candidates", &mut bad);
    key(&mut f.app, KeyCode::Enter);
    stray(&f.app, &allowed, "path input results", &mut bad);
    assert!(
        render(&f.app, 120, 40).contains("NG "),
        "a refused line drawn"
    );
    assert!(bad.is_empty(), "ambiguous characters:\n{}", bad.join("\n"));
}
