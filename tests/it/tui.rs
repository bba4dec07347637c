//! Screens drawn into a TestBackend and snapshotted; key handling through the
//! real keymap and `App::handle_key`.

use bansou::app::{App, Pane, Screen};
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::domain::agenda;
use bansou::domain::model::NoteKind;
use bansou::domain::model::Stamp;
use bansou::keymap::Keymap;
use bansou::store::Store;
use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::forms_support::{at, chars, draw, key, render, today};

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

fn fixture(now: Stamp) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path());
    let mut client = catalog.new_client("demo", bansou::sample::SAMPLE_NAME, at(9, 0));
    bansou::sample::fill(&mut client, &catalog, today());
    store.create(&client).unwrap();
    // A fixed "last saved" time for the picker's snapshot.
    let file = std::fs::File::options()
        .write(true)
        .open(store.client_path("demo").unwrap())
        .unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000))
        .unwrap();
    let keymap = Keymap::load("default", None).unwrap();
    let app = App::new(catalog, keymap, Settings::default(), store, now);
    Fixture { _dir: dir, app }
}

fn opened(now: Stamp, session: u8) -> Fixture {
    let mut f = fixture(now);
    f.app.open_client("demo", Some(session)).unwrap();
    f
}

fn session(app: &App, i: usize) -> &bansou::domain::model::Session {
    match &app.screen {
        Screen::Client(w) => &w.client.sessions[i],
        Screen::Picker(_) => panic!("not open"),
    }
}

#[test]
fn session_screens_at_both_sizes() {
    for no in 1..=4u8 {
        let f = opened(at(10, 0), no);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("session{no}_{w}x{h}"), draw(&f.app, w, h).backend());
        }
    }
}

#[test]
fn profile_tab_picker_help_presentation_and_too_small() {
    let mut f = opened(at(10, 0), 1);
    key(&mut f.app, KeyCode::Char('0'));
    insta::assert_snapshot!("profile_120x40", draw(&f.app, 120, 40).backend());
    insta::assert_snapshot!("profile_80x24", draw(&f.app, 80, 24).backend());
    key(&mut f.app, KeyCode::Char('3'));
    key(&mut f.app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_120x40", draw(&f.app, 120, 40).backend());
    insta::assert_snapshot!("help_80x24", draw(&f.app, 80, 24).backend());
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char(' '));
    key(&mut f.app, KeyCode::Char('b'));
    insta::assert_snapshot!("presentation_120x40", draw(&f.app, 120, 40).backend());
    insta::assert_snapshot!("too_small", draw(&f.app, 60, 20).backend());

    let mut p = fixture(at(10, 0));
    p.app.show_picker();
    insta::assert_snapshot!("picker_80x24", draw(&p.app, 80, 24).backend());
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let f = opened(at(10, 0), 1);
    for (w, h) in [
        (1, 1),
        (10, 3),
        (79, 24),
        (80, 23),
        (80, 24),
        (200, 60),
        (300, 100),
    ] {
        render(&f.app, w, h);
    }
}

#[test]
fn running_a_session_by_keys_records_times_and_notes() {
    // Session 3 of the sample is a week after `today`; run it on its date.
    let day = today() + chrono::Duration::days(7);
    let at = |h: u32, m: u32| {
        day.and_hms_opt(h, m, 0)
            .map(bansou::domain::clock::jst)
            .unwrap()
    };
    let mut f = opened(at(13, 30), 3);
    assert_eq!(session(&f.app, 2).date, Some(day));
    key(&mut f.app, KeyCode::Char(' ')); // start item 0
    assert_eq!(session(&f.app, 2).agenda[0].started_at, Some(at(13, 30)));
    f.app.tick(at(13, 45)); // 10-minute item: 5 over
    assert!(
        render(&f.app, 120, 40).contains("-05:00"),
        "overrun shown as negative"
    );
    f.app.now = at(13, 45);
    key(&mut f.app, KeyCode::Char(']'));
    let s = session(&f.app, 2);
    assert_eq!(s.agenda[0].ended_at, Some(at(13, 45)));
    assert_eq!(s.agenda[1].started_at, Some(at(13, 45)));
    // Projected end is 15 minutes past the plan; re-plan lands on it again.
    let start = bansou::domain::clock::jst(s.date.unwrap().and_time(s.start.unwrap()));
    let planned = agenda::planned_end(start, &s.agenda);
    let before = agenda::projected_end(start, &s.agenda, at(13, 45), None);
    assert_eq!((before - planned).num_minutes(), 5);
    key(&mut f.app, KeyCode::Char('R'));
    let s = session(&f.app, 2);
    assert_eq!(
        agenda::projected_end(start, &s.agenda, at(13, 45), None),
        planned
    );

    // A Japanese quick note, kind switched to 依頼事項 without leaving the input.
    key(&mut f.app, KeyCode::Char('n'));
    chars(&mut f.app, "資産台帳を次回までに qn]");
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Enter);
    let s = session(&f.app, 2);
    let note = s.notes.last().unwrap();
    assert_eq!(
        note.text, "資産台帳を次回までに qn]",
        "keys typed into the field are text"
    );
    assert_eq!(note.kind, NoteKind::Request);
    assert_eq!(note.item.as_deref(), Some(s.agenda[1].title.as_str()));
    assert_eq!(
        s.agenda[1].ended_at, None,
        "] inside the note did not move the agenda"
    );

    // The note is on disk already.
    let on_disk = f.app.store.load("demo").unwrap().client;
    assert_eq!(
        on_disk.sessions[2].notes.last().unwrap().text,
        "資産台帳を次回までに qn]"
    );

    // Extend, shorten, previous item.
    let m = session(&f.app, 2).agenda[1].minutes;
    key(&mut f.app, KeyCode::Char('+'));
    assert_eq!(session(&f.app, 2).agenda[1].minutes, m + 5);
    key(&mut f.app, KeyCode::Char('-'));
    assert_eq!(session(&f.app, 2).agenda[1].minutes, m);
    key(&mut f.app, KeyCode::Char('['));
    assert_eq!(agenda::current(&session(&f.app, 2).agenda), Some(0));
}

#[test]
fn escape_cancels_a_note_and_requests_are_listed_together() {
    let mut f = opened(at(13, 30), 1);
    let before = session(&f.app, 0).notes.len();
    key(&mut f.app, KeyCode::Char('n'));
    chars(&mut f.app, "消える");
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(session(&f.app, 0).notes.len(), before);
    key(&mut f.app, KeyCode::Tab); // agenda → notes
    if let Screen::Client(w) = &f.app.screen {
        assert_eq!(w.pane, Pane::Notes);
    }
    key(&mut f.app, KeyCode::Char('r'));
    let screen = render(&f.app, 120, 40);
    let notes = &session(&f.app, 0).notes;
    let requests = notes.iter().filter(|n| n.kind == NoteKind::Request).count();
    assert!(
        screen.contains(&format!("メモ {requests}/{}件・依頼事項のみ", notes.len())),
        "{screen}"
    );
}

#[test]
fn notes_can_be_edited_and_deleted() {
    let mut f = opened(at(13, 30), 1);
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Enter); // edit first note
    for _ in 0..200 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "書き換えた");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(session(&f.app, 0).notes[0].text, "書き換えた");
    let n = session(&f.app, 0).notes.len();
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(
        session(&f.app, 0).notes.len(),
        n,
        "first d asks for confirmation"
    );
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(session(&f.app, 0).notes.len(), n - 1);
    assert_ne!(session(&f.app, 0).notes[0].text, "書き換えた");
}

#[test]
fn agenda_is_edited_by_keys() {
    let mut f = opened(at(13, 30), 4);
    let n = session(&f.app, 3).agenda.len();
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "追加の議題");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(session(&f.app, 3).agenda.len(), n + 1);
    assert_eq!(session(&f.app, 3).agenda[n].title, "追加の議題");
    key(&mut f.app, KeyCode::Char('t'));
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "25");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(session(&f.app, 3).agenda[n].minutes, 25);
    key(&mut f.app, KeyCode::Char('K'));
    assert_eq!(session(&f.app, 3).agenda[n - 1].title, "追加の議題");
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(session(&f.app, 3).agenda.len(), n);
}

#[test]
fn moving_an_agenda_item_after_switching_to_a_shorter_session_does_not_crash() {
    // Found by the hostile proptest: the selection of session 3's tenth
    // item was carried to session 2, which has nine, and K swapped past
    // the end.
    let mut f = opened(at(13, 30), 3);
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "q");
    key(&mut f.app, KeyCode::Enter);
    let shorter = session(&f.app, 1).agenda.len();
    assert!(session(&f.app, 2).agenda.len() > shorter);
    key(&mut f.app, KeyCode::Char('2'));
    let before: Vec<String> = session(&f.app, 1)
        .agenda
        .iter()
        .map(|i| i.title.clone())
        .collect();
    key(&mut f.app, KeyCode::Char('K'));
    let after: Vec<String> = session(&f.app, 1)
        .agenda
        .iter()
        .map(|i| i.title.clone())
        .collect();
    assert_eq!(after.len(), before.len());
    assert_eq!(
        after[shorter - 2],
        before[shorter - 1],
        "the last item moved up"
    );
}

#[test]
fn session_facts_and_prep_are_editable() {
    let mut f = opened(at(13, 30), 4);
    // Tab to facts (agenda → notes → facts).
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..20 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2026/12/24");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        session(&f.app, 3).date,
        NaiveDate::from_ymd_opt(2026, 12, 24)
    );
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "25:99");
    key(&mut f.app, KeyCode::Enter);
    assert!(f.app.input.is_some(), "a bad time keeps the input open");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Tab); // prep
    let before = session(&f.app, 3).prep[0].done;
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(session(&f.app, 3).prep[0].done, !before);
}

#[test]
fn a_read_only_open_refuses_changes_and_says_so() {
    let mut f = fixture(at(10, 0));
    let _held = f.app.store.open("demo").unwrap();
    f.app.open_client("demo", Some(1)).unwrap();
    let n = session(&f.app, 0).notes.len();
    key(&mut f.app, KeyCode::Char('n'));
    assert!(f.app.input.is_none());
    assert_eq!(session(&f.app, 0).notes.len(), n);
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("読み取り専用"), "{screen}");
}

#[test]
fn picker_filters_in_japanese_and_opens() {
    let mut f = fixture(at(10, 0));
    f.app.show_picker();
    chars(&mut f.app, "さくら");
    assert!(render(&f.app, 80, 24).contains("企業 1/1"));
    chars(&mut f.app, "x");
    assert!(render(&f.app, 80, 24).contains("企業 0/1"));
    key(&mut f.app, KeyCode::Backspace);
    key(&mut f.app, KeyCode::Enter);
    assert!(matches!(f.app.screen, Screen::Client(_)));
}

#[test]
fn warning_bell_rings_once_near_the_end_and_once_at_it() {
    let mut f = opened(at(13, 30), 3);
    key(&mut f.app, KeyCode::Char(' '));
    f.app.tick(at(13, 35));
    assert_eq!(f.app.bell, 0);
    f.app.tick(at(13, 38)); // 2 minutes left of 10
    assert_eq!(f.app.bell, 1);
    f.app.tick(at(13, 39));
    assert_eq!(f.app.bell, 1);
    f.app.tick(at(13, 40));
    assert_eq!(f.app.bell, 2);
}

#[test]
fn the_form_pane_cycles_through_the_forms() {
    let mut f = opened(at(10, 0), 2);
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Tab); // agenda → notes → facts → prep → form
    }
    let title = |app: &App| match &app.screen {
        Screen::Client(w) => w.shown_form().label(),
        Screen::Picker(_) => "",
    };
    assert_eq!(title(&f.app), "関連規程類の点検");
    key(&mut f.app, KeyCode::Char('f'));
    assert_eq!(title(&f.app), "対策実行計画");
    key(&mut f.app, KeyCode::Char('f'));
    assert_eq!(title(&f.app), "ヒアリングシート");
    key(&mut f.app, KeyCode::Char('f'));
    key(&mut f.app, KeyCode::Char('f'));
    assert_eq!(title(&f.app), "基本方針");
    assert!(render(&f.app, 120, 40).contains("基本方針（閲覧）"));
}

fn note_input_text(app: &App) -> Option<String> {
    app.input.as_ref().map(|i| i.text())
}

#[test]
fn esc_sets_a_new_note_aside_and_the_next_n_brings_it_back() {
    let mut f = opened(at(13, 30), 1);
    let before = session(&f.app, 0).notes.len();
    key(&mut f.app, KeyCode::Char('n'));
    key(&mut f.app, KeyCode::Tab); // 依頼事項
    chars(&mut f.app, "書きかけの依頼");
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.input.is_none());
    assert_eq!(session(&f.app, 0).notes.len(), before, "not stored yet");
    assert!(
        f.app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("n で続き")),
        "{:?}",
        f.app.message
    );
    key(&mut f.app, KeyCode::Char('n'));
    assert_eq!(note_input_text(&f.app).as_deref(), Some("書きかけの依頼"));
    chars(&mut f.app, "です");
    key(&mut f.app, KeyCode::Enter);
    let last = session(&f.app, 0).notes.last().unwrap();
    assert_eq!(last.text, "書きかけの依頼です");
    assert_eq!(last.kind, NoteKind::Request, "the kind came back too");
    // Used up: the next note starts empty.
    key(&mut f.app, KeyCode::Char('n'));
    assert_eq!(note_input_text(&f.app).as_deref(), Some(""));
}

#[test]
fn a_note_set_aside_is_kept_when_the_session_ends_without_quitting() {
    let mut f = opened(at(13, 30), 1);
    key(&mut f.app, KeyCode::Char('n'));
    chars(&mut f.app, "回線が切れる前");
    key(&mut f.app, KeyCode::Esc);
    f.app.salvage();
    f.app.flush();
    let on_disk = f.app.store.load("demo").unwrap().client;
    assert_eq!(
        on_disk.sessions[0].notes.last().map(|n| n.text.as_str()),
        Some("回線が切れる前")
    );
}

#[test]
fn every_kind_of_note_is_at_most_three_keys_away() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    for (keys, want) in [
        (&[][..], NoteKind::Note),
        (&[KeyCode::Tab][..], NoteKind::Request),
        (&[KeyCode::Tab, KeyCode::Tab][..], NoteKind::Decision),
        (&[KeyCode::BackTab][..], NoteKind::Issue),
    ] {
        let mut f = opened(at(13, 30), 1);
        key(&mut f.app, KeyCode::Char('n'));
        for k in keys {
            f.app.handle_key(&KeyEvent::new(*k, KeyModifiers::NONE));
        }
        assert!(keys.len() < 3, "at most three keys with n");
        assert_eq!(f.app.input.as_ref().map(|i| i.kind), Some(want));
    }
}

#[test]
fn a_note_pasted_in_several_lines_keeps_its_line_breaks() {
    let mut f = opened(at(13, 30), 1);
    key(&mut f.app, KeyCode::Char('n'));
    f.app
        .handle_event(&crossterm::event::Event::Paste("一行目\r\n二行目".into()));
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("一行目") && screen.contains("二行目"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        session(&f.app, 0).notes.last().unwrap().text,
        "一行目\n二行目"
    );
}

#[test]
fn at_80x24_the_clock_and_the_save_state_always_show() {
    let mut f = opened(at(13, 35), 3);
    key(&mut f.app, KeyCode::Char(' ')); // the timer runs: a long status line
    if let Screen::Client(w) = &mut f.app.screen {
        w.client.profile.name = "株式会社とても長い名前の精密部品製造販売ホールディングス".into();
        w.save = bansou::app::SaveState::Failed("No space left on device".into());
    }
    let screen = render(&f.app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("13:35:00"), "{}", lines[0]);
    assert!(lines[0].contains("4 第4回"), "the tabs stay: {}", lines[0]);
    let status = lines.iter().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(status.contains("進行中"), "{status}");
    assert!(status.contains("保存失敗"), "the save state wins: {status}");
}

#[test]
fn the_help_wraps_and_scrolls_at_80x24_and_shows_every_binding_in_full() {
    let mut f = crate::forms_support::sample(1);
    let app = &mut f.app;
    key(app, KeyCode::Char('?'));
    assert!(app.help);
    let first = render(app, 80, 24);
    assert!(first.contains("ヘルプ 1〜20/"), "{first}");
    // The timer's status line stays in view under the help.
    assert!(first.lines().last().unwrap().contains("保存済"), "{first}");
    insta::assert_snapshot!("help_wrapped_80x24", first);
    // Scroll to the end, collecting what shows.
    let mut seen = String::new();
    let mut last = String::new();
    for _ in 0..200 {
        let screen = render(app, 80, 24);
        if screen == last {
            break;
        }
        seen.push_str(&screen);
        last = screen;
        key(app, KeyCode::Down);
    }
    assert!(app.help, "Down scrolls, it does not close the help");
    // Every description of the session screen's keys shows in full (the
    // text of a wrapped one across its lines).
    let flat: String = seen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
        .collect();
    for b in app
        .keymap
        .bindings(bansou::keymap::Context::Global)
        .iter()
        .chain(app.keymap.bindings(bansou::keymap::Context::Agenda))
    {
        let desc: String = b.desc.split_whitespace().collect();
        let flat: String = flat.split_whitespace().collect();
        assert!(flat.contains(&desc), "{} cut: {desc}", b.key);
    }
    // Up goes back, another key closes it without acting.
    key(app, KeyCode::Up);
    assert!(app.help);
    key(app, KeyCode::Char(' '));
    assert!(!app.help);
    let s = &crate::forms_support::client(app).sessions[0];
    assert!(
        s.paused_at.is_none() && s.completed_at.is_some(),
        "Space only closed the help"
    );
}
