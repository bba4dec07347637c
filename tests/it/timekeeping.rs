//! The timekeeping rules driven by keys on a new client's session screen:
//! the fixed end (終了予定), R landing on it, corrections, skipping, `[`,
//! one running session at a time and a finished session kept as history.

use bansou::app::Screen;
use bansou::domain::model::Session;
use bansou::domain::model::Stamp;
use bansou::domain::window;
use chrono::{Duration, NaiveTime};
use crossterm::event::KeyCode;

use crate::forms_support::*;

fn session(app: &bansou::app::App, no: usize) -> &Session {
    &client(app).sessions[no - 1]
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The clock moves to `t` (a tick, as the terminal loop gives once a second).
fn clock(app: &mut bansou::app::App, t: Stamp) {
    app.tick(t);
}

/// The status line (last row) at 120 columns.
fn status(app: &bansou::app::App) -> String {
    render(app, 120, 40).lines().last().unwrap().to_owned()
}

/// Types `text` over what an input holds and submits it.
fn retype(app: &mut bansou::app::App, text: &str) {
    for _ in 0..20 {
        key(app, KeyCode::Backspace);
    }
    chars(app, text);
    key(app, KeyCode::Enter);
}

fn message(app: &bansou::app::App) -> String {
    app.message.clone().unwrap_or_default()
}

#[test]
fn a_late_start_corrected_an_overrun_replanned_extended_and_a_skip() {
    let mut f = blank(1);
    let app = &mut f.app;
    assert_eq!(session(app, 1).end, Some(hm(16, 30)));
    assert!(
        status(app).contains("見込 16:30 (0分) / 予定 16:30"),
        "{}",
        status(app)
    );

    // The meeting began at 13:42; the expert pressed Space at 13:50.
    clock(app, at(13, 50));
    key(app, KeyCode::Char(' '));
    assert!(
        status(app).contains("(+20分) / 予定 16:30"),
        "{}",
        status(app)
    );
    key(app, KeyCode::Char('T'));
    let input = app.input.as_ref().expect("the correction input");
    assert_eq!(input.text(), "13:50");
    retype(app, "13:42");
    assert!(app.input.is_none(), "{}", message(app));
    assert_eq!(session(app, 1).agenda[0].started_at, Some(at(13, 42)));
    assert!(message(app).contains("回の開始も"), "{}", message(app));
    assert!(
        status(app).contains("見込 16:42 (+12分) / 予定 16:30"),
        "{}",
        status(app)
    );
    // A time still to come is refused and the input stays open.
    key(app, KeyCode::Char('T'));
    retype(app, "14:30");
    assert!(app.input.is_some(), "a future start is refused");
    key(app, KeyCode::Esc);

    // The first item overruns by 5 minutes, then ].
    clock(app, at(13, 57));
    assert!(render(app, 120, 40).contains("-05:00"));
    key(app, KeyCode::Char(']'));
    assert!(status(app).contains("(+17分)"), "{}", status(app));

    // R lands exactly on the fixed end; the break and the Q&A keep 10.
    key(app, KeyCode::Char('R'));
    assert!(
        message(app).contains("終了予定 16:30 に合わせました"),
        "{}",
        message(app)
    );
    assert!(
        status(app).contains("見込 16:30 (0分) / 予定 16:30"),
        "{}",
        status(app)
    );
    let s = session(app, 1);
    assert_eq!((s.agenda[2].minutes, s.agenda[6].minutes), (10, 10));
    assert!(s.agenda.iter().all(|i| i.minutes >= 5));

    // + extends the running item: the projection moves, the end stays.
    key(app, KeyCode::Char('+'));
    assert!(
        status(app).contains("(+5分) / 予定 16:30"),
        "{}",
        status(app)
    );
    assert_eq!(session(app, 1).end, Some(hm(16, 30)));

    // Skip item 4 (the video): 省略 on screen, the projection 35 minutes earlier.
    down(app, 3); // item 1 is selected (running) → item 4
    key(app, KeyCode::Char('s'));
    assert!(session(app, 1).agenda[4].skipped, "{}", message(app));
    let screen = render(app, 120, 40);
    assert!(screen.contains("省略"), "{screen}");
    assert!(status(app).contains("予定 16:30"));
    let skipped = session(app, 1).agenda[4].minutes;
    key(app, KeyCode::Char('R'));
    assert!(status(app).contains("(0分)"), "{}", status(app));
    assert_eq!(
        session(app, 1).agenda[4].minutes,
        skipped,
        "a skipped item is not fitted"
    );
    insta::assert_snapshot!("running_80x24", render(app, 80, 24));
    insta::assert_snapshot!("running_120x40", render(app, 120, 40));

    // All of it is on disk.
    let disk = on_disk(app).sessions[0].clone();
    assert_eq!(disk.end, Some(hm(16, 30)));
    assert_eq!(disk.agenda[0].started_at, Some(at(13, 42)));
    assert!(disk.agenda[4].skipped && disk.agenda[2].fixed);
}

#[test]
fn r_says_how_many_minutes_short_it_falls() {
    let mut f = blank(1);
    let app = &mut f.app;
    // Two and a half hours late: 30 minutes left for 180 planned.
    clock(app, at(16, 0));
    key(app, KeyCode::Char(' '));
    let before = session(app, 1).clone();
    key(app, KeyCode::Char('R'));
    // Running 10 + fixed 10 + 10 + four others at 5 = 50 minutes: 20 over.
    assert!(message(app).contains("20分 超過"), "{}", message(app));
    assert_eq!(session(app, 1), &before, "a failed R changes nothing");
}

#[test]
fn the_fixed_end_is_edited_in_the_facts_and_shown_against_the_plan() {
    let mut f = blank(1);
    let app = &mut f.app;
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab); // facts
    down(app, 2); // 実施日, 開始, 終了
    key(app, KeyCode::Enter);
    assert_eq!(app.input.as_ref().unwrap().text(), "16:30");
    retype(app, "17:00");
    assert_eq!(session(app, 1).end, Some(hm(17, 0)));
    let screen = render(app, 120, 40);
    assert!(
        screen.contains("議事次第 13:30〜17:00（計画180分／枠210分）"),
        "{screen}"
    );
    assert!(screen.contains("終了   17:00（枠210分）"), "{screen}");
    // Not before the start; the input stays with the reason.
    key(app, KeyCode::Enter);
    retype(app, "12:00");
    assert!(app.input.is_some());
    assert!(message(app).contains("13:30 より後"), "{}", message(app));
    // Blank: back to the plan's end.
    retype(app, "");
    assert_eq!(session(app, 1).end, Some(hm(16, 30)));
    // Changing the start keeps the end, and says so.
    key(app, KeyCode::Up);
    key(app, KeyCode::Enter);
    retype(app, "14:00");
    assert_eq!(session(app, 1).end, Some(hm(16, 30)));
    assert!(
        message(app).contains("終了予定 16:30 はそのまま"),
        "{}",
        message(app)
    );
    assert!(render(app, 120, 40).contains("（計画180分／枠150分）"));
}

#[test]
fn agenda_edits_never_move_the_fixed_end() {
    let mut f = blank(4);
    let app = &mut f.app;
    let end = session(app, 4).end;
    key(app, KeyCode::Char('a'));
    chars(app, "追加の議題");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Char('t'));
    retype(app, "45");
    key(app, KeyCode::Char('K'));
    key(app, KeyCode::Char('d'));
    key(app, KeyCode::Char('d'));
    key(app, KeyCode::Char('+'));
    key(app, KeyCode::Char('-'));
    key(app, KeyCode::Char('-'));
    assert_eq!(session(app, 4).end, end);
    assert_eq!(on_disk(app).sessions[3].end, end);
}

#[test]
fn f_fixes_an_item_and_s_skips_and_unskips() {
    let mut f = blank(1);
    let app = &mut f.app;
    key(app, KeyCode::Char('F'));
    assert!(session(app, 1).agenda[0].fixed);
    assert!(render(app, 80, 24).contains("・ 13:30 固 10分"));
    key(app, KeyCode::Char('F'));
    assert!(!session(app, 1).agenda[0].fixed);
    key(app, KeyCode::Char('s'));
    assert!(session(app, 1).agenda[0].skipped);
    // A skipped item takes no time: the next starts at 13:30.
    assert!(render(app, 120, 40).contains("・ 13:30    60分"));
    key(app, KeyCode::Char('s'));
    assert!(!session(app, 1).agenda[0].skipped);
    // The running item is not skipped; the message says what to do instead.
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::Char('s'));
    assert!(!session(app, 1).agenda[0].skipped);
    assert!(message(app).contains("進行中"), "{}", message(app));
}

#[test]
fn bracket_goes_back_without_moving_minutes_to_the_earlier_item() {
    let mut f = blank(1);
    let app = &mut f.app;
    clock(app, at(13, 30));
    key(app, KeyCode::Char(' '));
    clock(app, at(13, 40));
    key(app, KeyCode::Char(']'));
    clock(app, at(13, 52)); // 12 minutes into the hearing
    key(app, KeyCode::Char('['));
    let s = session(app, 1);
    assert_eq!(bansou::domain::agenda::current(&s.agenda), Some(0));
    assert_eq!(s.agenda[1].ran_secs, 12 * 60);
    assert!(render(app, 120, 40).contains("中断12分"));
    // Item 0 continues from its 10 minutes: 0 left, not -12.
    assert!(render(app, 120, 40).contains("00:00"));
    clock(app, at(13, 55));
    key(app, KeyCode::Char(']')); // back to the hearing, from its 12 minutes
    let s = session(app, 1);
    let el = |i: usize| bansou::domain::agenda::elapsed(&s.agenda[i], at(13, 55), None);
    assert_eq!(el(0), Duration::minutes(13));
    assert_eq!(el(1), Duration::minutes(12));
}

#[test]
fn starting_a_second_session_asks_to_pause_the_one_running() {
    let mut f = blank(1);
    let app = &mut f.app;
    clock(app, at(13, 30));
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::Char('2'));
    clock(app, at(13, 35));
    key(app, KeyCode::Char(' '));
    assert!(message(app).contains("第1回"), "{}", message(app));
    assert!(message(app).contains("もう一度 Space"), "{}", message(app));
    assert!(session(app, 2).agenda[0].started_at.is_none());
    assert!(session(app, 1).paused_at.is_none(), "session 1 still runs");
    // Another key in between: asked again, still nothing changed.
    key(app, KeyCode::Down);
    key(app, KeyCode::Char(' '));
    assert!(session(app, 2).agenda[0].started_at.is_none());
    // The second press: session 1 paused, session 2 started.
    key(app, KeyCode::Char(' '));
    assert_eq!(session(app, 1).paused_at, Some(at(13, 35)));
    assert_eq!(session(app, 2).agenda[0].started_at, Some(at(13, 35)));
    // Back on session 1, resuming it asks about session 2 in turn.
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char(' '));
    assert!(message(app).contains("第2回"), "{}", message(app));
    assert!(session(app, 1).paused_at.is_some());
}

#[test]
fn a_finished_session_is_not_re_timed_without_a_second_press() {
    let mut f = blank(1);
    let app = &mut f.app;
    for (k, m) in [
        (' ', 0),
        (']', 10),
        (']', 20),
        (']', 30),
        (']', 40),
        (']', 50),
        (']', 55),
    ] {
        clock(app, at(13, 30) + Duration::minutes(m));
        key(app, KeyCode::Char(k));
    }
    clock(app, at(14, 30));
    key(app, KeyCode::Char(']'));
    assert!(session(app, 1).completed_at.is_some());
    let done = session(app, 1).clone();
    // A week later: Space and ] change nothing, [ asks.
    clock(app, at(14, 30) + Duration::days(7));
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::Char(']'));
    assert_eq!(session(app, 1), &done);
    key(app, KeyCode::Char('['));
    assert!(message(app).contains("終了済み"), "{}", message(app));
    assert_eq!(session(app, 1), &done);
    assert_eq!(on_disk(app).sessions[0], done);
    // Confirmed: it reopens, and the week in between is not counted.
    key(app, KeyCode::Char('['));
    let s = session(app, 1);
    assert!(s.completed_at.is_none());
    let last = s.agenda.len() - 1;
    let took = bansou::domain::agenda::elapsed(&s.agenda[last], app.now, None);
    assert_eq!(took, Duration::minutes(5));
}

#[test]
fn a_file_without_a_fixed_end_gets_the_plan_s_end_when_opened() {
    let mut f = blank(1);
    // Write the client as a file from before the fixed end existed.
    let mut old = client(&f.app).clone();
    for s in &mut old.sessions {
        s.end = None;
    }
    f.app.store.save(&old).unwrap();
    let text = std::fs::read_to_string(f.app.store.client_path("demo").unwrap()).unwrap();
    assert!(!text.contains("end = "), "no end in the old file");
    f.app.show_picker();
    f.app.open_client("demo", Some(1)).unwrap();
    f.app.flush();
    assert_eq!(session(&f.app, 1).end, Some(hm(16, 30)));
    assert_eq!(on_disk(&f.app).sessions[0].end, Some(hm(16, 30)));
    assert!(matches!(f.app.screen, Screen::Client(_)));
}

#[test]
fn the_session_report_shows_a_skipped_item_as_skipped() {
    let mut f = blank(1);
    let app = &mut f.app;
    down(app, 2);
    key(app, KeyCode::Char('s')); // skip the break
    clock(app, at(13, 30));
    for _ in 0..8 {
        key(app, KeyCode::Char(']'));
    }
    let c = client(app);
    let opts = bansou::export::Options::at(app.now);
    let report = bansou::export::doc::markdown(&bansou::export::reports::session_report(
        &app.catalog,
        c,
        1,
        &opts,
    ));
    let row = report
        .lines()
        .find(|l| l.contains("| 休憩 |"))
        .expect("the break's row");
    assert!(row.contains("省略"), "{row}");
    assert!(!row.contains("−10分"), "{row}");
    assert!(window::standing(&c.sessions[0], app.now).is_some());
}

#[test]
fn a_read_only_client_refuses_skip_fixed_and_corrections() {
    let mut f = read_only(1);
    let app = &mut f.app;
    let before = session(app, 1).clone();
    for c in ['s', 'F', 'T'] {
        key(app, KeyCode::Char(c));
        assert!(app.input.is_none(), "{c}");
        assert!(
            message(app).contains("読み取り専用"),
            "{c}: {}",
            message(app)
        );
        key(app, KeyCode::Esc);
    }
    assert_eq!(session(app, 1), &before);
}

#[test]
fn the_vim_keymap_keeps_the_timekeeping_keys() {
    let km = bansou::keymap::Keymap::load("vim", None).unwrap();
    let ctx = [
        bansou::keymap::Context::Agenda,
        bansou::keymap::Context::Global,
    ];
    for (c, a) in [
        ('s', bansou::action::Action::Skip),
        ('F', bansou::action::Action::ToggleFixed),
        ('T', bansou::action::Action::CorrectStart),
    ] {
        let k = bansou::keymap::Key::from_event(&crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ));
        assert_eq!(km.lookup(&ctx, k), Some(a), "{c}");
    }
}

/// The same moment read in UTC (as after reopening under TZ=UTC).
fn in_utc(t: Stamp) -> Stamp {
    t.with_timezone(&chrono::FixedOffset::east_opt(0).unwrap())
}

#[test]
fn reopened_under_another_time_zone_the_timer_neither_freezes_nor_jumps() {
    let mut f = blank(1);
    let app = &mut f.app;
    clock(app, at(13, 50));
    key(app, KeyCode::Char(' ')); // the first item (10 minutes) starts 20 late
    // On disk the start carries its offset.
    let disk = on_disk(app).sessions[0].agenda[0].started_at.unwrap();
    assert_eq!(disk.to_rfc3339(), "2026-11-21T13:50:00+09:00");

    // Four minutes later, the machine now in UTC (04:54): 6 minutes left,
    // not frozen at 10:00 nor 9 hours over.
    clock(app, in_utc(at(13, 54)));
    let screen = render(app, 120, 40);
    assert!(screen.contains("残り 06:00"), "{screen}");
    // The projection and the fixed end read in the session's own zone.
    assert!(
        status(app).contains("見込 16:50 (+20分) / 予定 16:30"),
        "{}",
        status(app)
    );
    // Ending the item there records 4 minutes, whatever the zone.
    key(app, KeyCode::Char(']'));
    let s = session(app, 1);
    let took = s.agenda[0].ended_at.unwrap() - s.agenda[0].started_at.unwrap();
    assert_eq!(took, Duration::minutes(4));
    // Recorded in the session's zone, as the report shows it.
    assert_eq!(
        s.agenda[0].ended_at.unwrap().to_rfc3339(),
        "2026-11-21T13:54:00+09:00"
    );
    assert_eq!(
        s.agenda[1].started_at.unwrap().to_rfc3339(),
        "2026-11-21T13:54:00+09:00"
    );
    key(app, KeyCode::Char('n'));
    chars(app, "UTCで書いたメモ");
    key(app, KeyCode::Enter);
    let note = session(app, 1).notes.last().unwrap();
    assert_eq!(note.at.to_rfc3339(), "2026-11-21T13:54:00+09:00");
    assert!(render(app, 120, 40).contains("13:54 [メモ] UTCで書いたメモ"));
}

#[test]
fn a_file_of_the_old_layout_is_read_as_local_time_with_its_offset_added() {
    let dir = tempfile::tempdir().unwrap();
    let store = bansou::store::Store::new(dir.path());
    let catalog = bansou::content::Catalog::builtin().unwrap();
    let c = catalog.new_client("old", "株式会社テスト", at(9, 0));
    store.create(&c).unwrap();
    // Rewrite it as schema 2 did: times without an offset.
    let file = dir.path().join("clients/old/client.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let old = text
        .replace(
            &format!("schema_version = {}", bansou::domain::model::SCHEMA_VERSION),
            "schema_version = 2",
        )
        .replace("2026-11-21T09:00:00+09:00", "2026-11-21T09:00:00");
    assert_ne!(old, text);
    std::fs::write(&file, old).unwrap();
    let opened = store.open("old").unwrap();
    assert!(
        opened.upgraded_backup.is_some(),
        "the old file is kept as a backup"
    );
    let local = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_local_timezone(chrono::Local)
        .unwrap();
    assert_eq!(opened.client.created_at, local.fixed_offset());
}

#[test]
fn the_running_session_shows_on_every_tab_the_profile_and_inside_a_form() {
    let mut f = blank(1);
    let app = &mut f.app;
    clock(app, at(13, 30));
    key(app, KeyCode::Char(' '));
    clock(app, at(13, 33));
    let line = |app: &bansou::app::App, w: u16, h: u16| {
        render(app, w, h).lines().last().unwrap().to_owned()
    };
    // On its own tab: no session number, the title in full at 120 columns.
    let own = line(app, 120, 40);
    assert!(
        own.contains(" 進行中 自己紹介・本事業の概要・本日の進め方・情報の取扱い 残り 07:00"),
        "{own}"
    );
    assert!(own.contains("予定 16:30"), "{own}");
    // Session 2's tab, the profile tab and a form opened there: the same
    // timer, named by its session.
    for tab in ['2', '0'] {
        key(app, KeyCode::Char(tab));
        let other = line(app, 120, 40);
        assert!(other.contains(" 第1回 進行中 自己紹介"), "{tab}: {other}");
        assert!(
            other.contains("残り 07:00") && other.contains("予定 16:30"),
            "{other}"
        );
    }
    key(app, KeyCode::Char('2'));
    open_by_tab(app, bansou::domain::model::FormKind::Hearing);
    assert!(editor_open(app));
    let in_form = line(app, 120, 40);
    assert!(
        in_form.contains(" 第1回 進行中") && in_form.contains("残り 07:00"),
        "{in_form}"
    );
    // At 80×24 the time left, the ends and the save state still show.
    let small = line(app, 80, 24);
    assert!(
        small.contains("残り 07:00") && small.contains("予定 16:30"),
        "{small}"
    );
    assert!(small.contains("保存済"), "{small}");
    // At 200 columns the whole title shows.
    key(app, KeyCode::Esc);
    key(app, KeyCode::Char('1'));
    let wide = line(app, 200, 50);
    assert!(
        wide.contains("自己紹介・本事業の概要・本日の進め方・情報の取扱い 残り"),
        "{wide}"
    );
    assert!(wide.contains("経過 03:00"), "{wide}");
}
