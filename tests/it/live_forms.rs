//! In front of the client: the form pane follows the running agenda item,
//! and Esc from a form opened from the agenda goes back to the agenda.

use bansou::app::{Pane, Screen};
use bansou::domain::model::FormKind;
use crossterm::event::KeyCode;

use crate::forms_support::*;

fn pane(app: &bansou::app::App) -> Pane {
    match &app.screen {
        Screen::Client(w) => w.pane,
        Screen::Picker(_) => panic!("no client open"),
    }
}

#[test]
fn the_form_pane_follows_the_running_item_until_the_expert_picks_another() {
    let mut f = blank(1);
    let app = &mut f.app;
    app.tick(at(13, 30));
    assert_eq!(
        shown_form(app),
        Some(FormKind::Hearing),
        "session 1's default"
    );
    key(app, KeyCode::Char(' ')); // 自己紹介 (no form)
    key(app, KeyCode::Tab); // to a list pane, where f cycles the form
    key(app, KeyCode::Char('f'));
    assert_eq!(
        shown_form(app),
        Some(FormKind::Diagnosis),
        "f picks the next form"
    );
    key(app, KeyCode::Char(']')); // ヒアリング → the hearing sheet
    assert_eq!(shown_form(app), Some(FormKind::Hearing));
    assert!(render(app, 120, 40).contains("ヒアリングシート"));
    // Chosen while this item runs: the choice holds.
    key(app, KeyCode::Char('f'));
    assert_eq!(shown_form(app), Some(FormKind::Diagnosis));
    key(app, KeyCode::Char('f'));
    assert_eq!(shown_form(app), Some(FormKind::Policy));
    // 休憩 has no form: the last choice stays.
    key(app, KeyCode::Char(']'));
    assert_eq!(shown_form(app), Some(FormKind::Policy));
    // 自社診断結果の確認: the pane follows again.
    key(app, KeyCode::Char(']'));
    assert_eq!(shown_form(app), Some(FormKind::Diagnosis));
    let screen = render(app, 80, 24);
    assert!(screen.contains("自社診断"), "{screen}");
}

#[test]
fn esc_from_a_form_opened_from_the_agenda_returns_to_the_agenda() {
    let mut f = blank(1);
    let app = &mut f.app;
    assert_eq!(pane(app), Pane::Agenda);
    down(app, 1); // 事業内容と情報システム環境のヒアリング
    key(app, KeyCode::Enter);
    assert_eq!(editor_form(app), Some(FormKind::Hearing));
    key(app, KeyCode::Esc);
    assert_eq!(editor_form(app), None);
    assert_eq!(pane(app), Pane::Agenda, "back on the agenda");
    // The agenda keys work at once: Down moves to the break.
    down(app, 1);
    key(app, KeyCode::Enter);
    assert!(
        message_of(app).contains("紐づくフォームはありません"),
        "{}",
        message_of(app)
    );

    // Opened from the form pane, Esc stays on the form pane.
    key(app, KeyCode::Esc);
    open_by_tab(app, FormKind::Plan);
    assert_eq!(editor_form(app), Some(FormKind::Plan));
    key(app, KeyCode::Esc);
    assert_eq!(editor_form(app), None);
    assert_eq!(pane(app), Pane::Form);
}

fn message_of(app: &bansou::app::App) -> String {
    app.message.clone().unwrap_or_default()
}

#[test]
fn a_rating_picker_opens_on_the_current_value_and_goes_round() {
    let mut f = sample(3);
    let app = &mut f.app;
    open_by_tab(app, FormKind::Plan);
    assert_eq!(editor_form(app), Some(FormKind::Plan));
    // The first row in entry order is under the cursor; 4 columns right
    // of where the editor opens is 難易度.
    let before = client(app).plan[0].ratings.difficulty;
    assert_eq!(before, Some(bansou::domain::model::Difficulty::Easy));
    for _ in 0..4 {
        key(app, KeyCode::Right);
    }
    key(app, KeyCode::Enter);
    let picker = render(app, 120, 40);
    assert!(
        picker.contains("┌ 難易度") && picker.contains("│> 易"),
        "opens on the value: {picker}"
    );
    // Enter at once keeps the value.
    key(app, KeyCode::Enter);
    assert_eq!(client(app).plan[0].ratings.difficulty, before);
    // Up from 易 (the first) goes round to （未評価） (the last).
    key(app, KeyCode::Enter);
    key(app, KeyCode::Up);
    assert!(render(app, 120, 40).contains("│> （未評価）"));
    key(app, KeyCode::Enter);
    assert_eq!(client(app).plan[0].ratings.difficulty, None);
    // And Down from the last goes round to the first.
    key(app, KeyCode::Enter);
    key(app, KeyCode::Down);
    key(app, KeyCode::Enter);
    assert_eq!(client(app).plan[0].ratings.difficulty, before);
}

#[test]
fn a_quick_note_on_another_tab_goes_to_the_running_session() {
    let mut f = blank(1);
    let app = &mut f.app;
    app.tick(at(13, 30));
    key(app, KeyCode::Char(' '));
    // Looking at session 2 (last time's requests, say) while session 1 runs.
    key(app, KeyCode::Char('2'));
    key(app, KeyCode::Char('n'));
    let screen = render(app, 80, 24);
    assert!(
        screen.contains("メモ（第1回）"),
        "the prompt names the session: {screen}"
    );
    chars(app, "第2回の画面から取ったメモ");
    key(app, KeyCode::Enter);
    let c = client(app);
    assert_eq!(c.sessions[0].notes.len(), 1);
    assert_eq!(c.sessions[0].notes[0].text, "第2回の画面から取ったメモ");
    assert_eq!(
        c.sessions[0].notes[0].item.as_deref(),
        Some(c.sessions[0].agenda[0].title.as_str())
    );
    assert!(c.sessions[1].notes.is_empty());
    assert!(
        app.message.as_deref().unwrap_or("").starts_with("第1回に"),
        "{:?}",
        app.message
    );
    // From the profile tab too.
    key(app, KeyCode::Char('0'));
    key(app, KeyCode::Char('n'));
    chars(app, "企業情報の画面から");
    key(app, KeyCode::Enter);
    assert_eq!(client(app).sessions[0].notes.len(), 2);
    assert_eq!(on_disk(app).sessions[0].notes.len(), 2);
}
