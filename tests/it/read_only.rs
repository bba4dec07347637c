//! Read-only is one mechanism (`Action::mutates`, refused in one place by the
//! app): in each of the six editors, on a client open elsewhere, typing
//! changes nothing, in memory or on disk, and the app says so once: the
//! refusal stays on screen through a run of refused keys until Esc.

use crate::forms_support::*;
use bansou::app::App;
use bansou::domain::model::FormKind;
use crossterm::event::KeyCode;

/// Opens `form` on a read-only client: Enter on the profile tab, or on the
/// form pane of session 1 after `f` has brought the form up.
fn open(app: &mut App, form: FormKind) {
    open_by_tab(app, form);
    assert_eq!(editor_form(app), Some(form), "the editor opens to be read");
}

const TOLD: &str = "読み取り専用";

#[test]
fn typing_in_any_editor_of_a_read_only_client_changes_nothing_and_says_so_once() {
    for form in [
        FormKind::Profile,
        FormKind::Hearing,
        FormKind::Diagnosis,
        FormKind::Policy,
        FormKind::Regulations,
        FormKind::Plan,
    ] {
        let session = if form == FormKind::Profile { 0 } else { 1 };
        let mut f = read_only(session);
        let disk = on_disk(&f.app);
        open(&mut f.app, form);
        let before = client(&f.app).clone();
        let mut told = 0;
        // Every key an editor reacts to (answers z/x/c/v, edit, add, delete,
        // focus, ratings, promote, rename, template, reorder) and text (not
        // `b`, which shows the big-digit view without the status line).
        let keys: Vec<KeyCode> = "exazcvdmuiopKJtrR anana あいう"
            .chars()
            .map(KeyCode::Char)
            .chain([
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Down,
                KeyCode::Enter,
            ])
            .collect();
        let mut showing = false;
        for k in keys {
            key(&mut f.app, k);
            let now = f.app.message.as_deref().is_some_and(|m| m.contains(TOLD));
            if now && !showing {
                told += 1;
            }
            showing = now;
        }
        assert!(showing, "{form:?}: the refusal stays on screen until Esc");
        key(&mut f.app, KeyCode::Esc);
        assert!(f.app.message.is_none(), "{form:?}: Esc dismisses it");
        assert!(
            client(&f.app) == &before,
            "{form:?}: nothing changed in memory"
        );
        assert!(on_disk(&f.app) == disk, "{form:?}: nothing written");
        assert_eq!(told, 1, "{form:?}: said once, not on every key");
        assert!(
            render(&f.app, 120, 40).contains(TOLD),
            "{form:?}: the status line still says read-only"
        );
    }
}

#[test]
fn a_writable_client_takes_the_same_keys() {
    // The same keys do change a writable client: the test above is not
    // passing because the keys do nothing at all.
    let mut f = sample(1);
    open(&mut f.app, FormKind::Diagnosis);
    let before = client(&f.app).clone();
    let respondents = before.diagnosis.respondents.len();
    key(&mut f.app, KeyCode::Char('a'));
    assert_eq!(
        client(&f.app).diagnosis.respondents.len(),
        respondents + 1,
        "a respondent is added"
    );
}

#[test]
fn at_80x24_a_read_only_window_keeps_the_timekeeping_beside_its_state() {
    let mut f = read_only(1);
    let opening = f.app.message.clone().unwrap_or_default();
    assert!(
        opening.contains("pid"),
        "who holds it is said on opening: {opening}"
    );
    f.app.message = None;
    let status = render(&f.app, 80, 24).lines().last().unwrap().to_owned();
    assert!(
        status.contains("読み取り専用: 別の画面で開かれています"),
        "{status}"
    );
    assert!(status.contains("予定"), "the timekeeping stays: {status}");
    assert!(!status.contains("pid"), "{status}");
}
