//! The presentation window (`bansou present`) and the in-app `b` view
//! (issue 14, point 10): the board at 80×24 and 120×40, digits that grow
//! with the window, nothing confidential on either — also while a note is
//! typed in `b` — and a read-only second `open` following the file.
//! The end-to-end runs of the real binary are in `pty_present.rs`.

use bansou::app::Screen;
use bansou::content::Catalog;
use bansou::domain::model::{Client, Stamp};
use bansou::domain::timer;
use bansou::keymap::Keymap;
use bansou::present::Present;
use bansou::store::Store;
use bansou::ui::Theme;
use chrono::Duration;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use crate::forms_support::{chars, client, draw, key, read_only, sample, today};

/// Session 3 of the sample is a week after `today`.
fn day3(h: u32, m: u32) -> Stamp {
    let t = (today() + Duration::days(7)).and_hms_opt(h, m, 0).unwrap();
    bansou::domain::clock::jst(t)
}

/// The sample client in a new data folder, session 3 started at 13:30 and
/// on its second item since 13:40.
fn saved_sample() -> (tempfile::TempDir, Store, Client) {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path());
    let mut c = catalog.new_client("demo", bansou::sample::SAMPLE_NAME, day3(9, 0));
    bansou::sample::fill(&mut c, &catalog, today());
    timer::toggle(&mut c.sessions[2], day3(13, 30));
    timer::next(&mut c.sessions[2], day3(13, 40));
    store.create(&c).unwrap();
    (dir, store, c)
}

fn present(store: &Store, session: Option<u8>) -> Present {
    let keymap = Keymap::load("default", None).unwrap();
    Present::open(
        store.clone(),
        Catalog::builtin().unwrap(),
        &keymap,
        5,
        "demo",
        session,
    )
    .unwrap()
}

/// The screen as text with the lit cells of the big digits as `#` (they
/// are reversed spaces; plain text would show them blank).
fn lit(backend: &TestBackend) -> String {
    let buf = backend.buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut row = String::new();
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            if sym == " " && cell.modifier.contains(Modifier::REVERSED) {
                row.push('#');
            } else {
                row.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn draw_present(p: &Present, now: Stamp, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| p.draw(f, now, Theme { color: false })).unwrap();
    t
}

/// Rows holding a lit cell, and the widest run of them.
fn digits_size(screen: &str) -> (usize, usize) {
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains('#')).collect();
    let width = rows
        .iter()
        .map(|l| l.rfind('#').unwrap() - l.find('#').unwrap() + 1)
        .max()
        .unwrap_or(0);
    (rows.len(), width)
}

#[test]
fn the_present_screen_at_80x24_and_120x40() {
    let (_d, store, _) = saved_sample();
    let p = present(&store, None);
    assert_eq!(p.session(), 2, "follows the running session");
    let now = day3(13, 52);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = lit(draw_present(&p, now, w, h).backend());
        insta::assert_snapshot!(format!("present_{w}x{h}"), screen);
    }
    let screen = lit(draw_present(&p, now, 80, 24).backend());
    assert!(screen.contains("経営施策とIT環境の現状説明"), "{screen}");
    assert!(screen.contains("残り時間"), "{screen}");
    assert!(screen.contains("次の議題: 経営施策に伴って"), "{screen}");
    assert!(screen.contains("見込 16:10 (0分) / 予定 16:10"), "{screen}");
}

#[test]
fn the_digits_grow_with_the_window_and_a_tiny_one_says_so() {
    let (_d, store, _) = saved_sample();
    let p = present(&store, None);
    let now = day3(13, 52);
    let small = digits_size(&lit(draw_present(&p, now, 80, 24).backend()));
    let big = digits_size(&lit(draw_present(&p, now, 200, 60).backend()));
    assert!(small.0 >= 5 && small.1 <= 80, "{small:?}");
    assert!(
        big.0 >= 2 * small.0 && big.1 >= 2 * small.1,
        "{small:?} → {big:?}"
    );
    // Too small for big digits: the time as text.
    let low = lit(draw_present(&p, now, 80, 10).backend());
    assert!(low.contains("08:00") && !low.contains('#'), "{low}");
    let tiny = lit(draw_present(&p, now, 20, 5).backend());
    assert!(tiny.contains("小さすぎます"), "{tiny}");
    for (w, h) in [(1, 1), (24, 6), (33, 7), (1000, 500)] {
        draw_present(&p, now, w, h);
    }
    // Overrun: the digits keep their size, with a minus sign.
    let over = lit(draw_present(&p, day3(14, 5), 80, 24).backend());
    assert!(over.contains("超過"), "{over}");
    assert_eq!(digits_size(&over).0, small.0);
}

#[test]
fn present_names_a_session_or_follows_the_one_not_done() {
    let (_d, store, mut c) = saved_sample();
    let p = present(&store, Some(1));
    let screen = lit(draw_present(&p, day3(13, 52), 120, 40).backend());
    assert!(screen.contains("第1回"), "{screen}");
    assert!(
        screen.contains("本日の議題はすべて終了しました"),
        "{screen}"
    );
    // Paused: the running one is gone; the first not done is session 3.
    timer::toggle(&mut c.sessions[2], day3(13, 50));
    store.save(&c).unwrap();
    let mut p = present(&store, None);
    assert_eq!(p.session(), 2);
    let screen = lit(draw_present(&p, day3(13, 52), 120, 40).backend());
    assert!(screen.contains("一時停止中"), "{screen}");
    // Session 4 starts while 3 is paused: followed from the next read.
    timer::toggle(&mut c.sessions[3], day3(14, 0));
    store.save(&c).unwrap();
    assert!(p.reload());
    assert_eq!(p.session(), 3);
}

/// Texts of the sample that must never reach a shared screen: every note,
/// hearing answer, plan row (現状と課題: the company's weaknesses) and report text
/// (those at least 8 characters long, cut to their first 8, so a match is
/// not by chance; and not words of the agenda, which the board shows).
fn confidential(c: &Client) -> Vec<String> {
    let agenda: String = c
        .sessions
        .iter()
        .flat_map(|s| s.agenda.iter().map(|i| i.title.as_str()))
        .collect();
    let mut all: Vec<String> = Vec::new();
    for s in &c.sessions {
        all.extend(s.notes.iter().map(|n| n.text.clone()));
        all.push(s.report.clone());
    }
    for h in &c.hearing {
        all.extend([h.answer.clone(), h.consider.clone()]);
    }
    // 現状と課題 is the company's weaknesses in its own words.
    for r in &c.plan {
        all.extend([r.current.clone(), r.measure.clone(), r.concerns.clone()]);
    }
    for r in &c.diagnosis.respondents {
        all.push(r.name.clone());
    }
    all.iter()
        .map(|t| t.chars().take(8).collect::<String>())
        .filter(|t| t.chars().count() == 8 && !agenda.contains(t.as_str()))
        .collect()
}

fn assert_nothing_confidential(screen: &str, secrets: &[String], what: &str) {
    assert!(secrets.len() > 10, "the sample has secrets to look for");
    let flat: String = screen.lines().map(str::trim).collect();
    for s in secrets {
        assert!(!flat.contains(s.as_str()), "{what} shows {s:?}:\n{screen}");
    }
}

#[test]
fn nothing_confidential_on_the_present_screen() {
    let (_d, store, c) = saved_sample();
    let secrets = confidential(&c);
    for session in [None, Some(1), Some(2), Some(3), Some(4)] {
        let p = present(&store, session);
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let screen = lit(draw_present(&p, day3(13, 52), w, h).backend());
            assert_nothing_confidential(&screen, &secrets, "present");
        }
    }
}

#[test]
fn the_b_view_scales_shows_the_next_item_and_never_what_is_typed() {
    let mut f = sample(3);
    f.app.now = day3(13, 30);
    key(&mut f.app, KeyCode::Char(' '));
    f.app.now = day3(13, 33);
    key(&mut f.app, KeyCode::Char('b'));
    let secrets = confidential(client(&f.app));
    let small = lit(draw(&f.app, 80, 24).backend());
    assert!(
        small.contains("次の議題: 経営施策とIT環境の現状説明"),
        "{small}"
    );
    assert_nothing_confidential(&small, &secrets, "b view");
    let big = lit(draw(&f.app, 200, 60).backend());
    assert!(digits_size(&big).0 >= 2 * digits_size(&small).0, "{big}");
    insta::assert_snapshot!("b_view_80x24", small);
    // Flipping to another tab in b keeps the running session on the board.
    key(&mut f.app, KeyCode::Char('2'));
    let other = lit(draw(&f.app, 80, 24).backend());
    assert!(
        other.contains("第3回") && other.contains("残り時間"),
        "{other}"
    );
    key(&mut f.app, KeyCode::Char('3'));

    // A note taken in b: nothing of it is drawn, and no cursor shows where.
    let secret = "極秘：社長は予算増に消極的";
    key(&mut f.app, KeyCode::Char('n'));
    chars(&mut f.app, secret);
    f.app
        .handle_event(&crossterm::event::Event::Paste("貼り付けた機密".into()));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&f.app, w, h);
        let screen = lit(t.backend());
        assert!(!screen.contains("極秘") && !screen.contains("消極") && !screen.contains("機密"));
        assert!(
            screen.contains("メモを入力中（共有画面には表示しません）"),
            "{screen}"
        );
        assert!(!t.backend().cursor_visible(), "no cursor marks the text");
        assert_nothing_confidential(&screen, &secrets, "b view while typing");
    }
    // Still taken: Enter stores it, the view stays, the text stays unseen.
    key(&mut f.app, KeyCode::Enter);
    let notes = &client(&f.app).sessions[2].notes;
    assert!(
        notes.last().unwrap().text.starts_with(secret),
        "{:?}",
        notes.last()
    );
    let screen = lit(draw(&f.app, 80, 24).backend());
    assert!(
        !screen.contains("極秘") && screen.contains("残り時間"),
        "{screen}"
    );
    // Esc on a note typed in b keeps it as a draft; nothing of it shows.
    key(&mut f.app, KeyCode::Char('n'));
    chars(&mut f.app, "下書きの機密");
    key(&mut f.app, KeyCode::Esc);
    let screen = lit(draw(&f.app, 80, 24).backend());
    assert!(!screen.contains("下書き"), "{screen}");
}

#[test]
fn a_read_only_open_follows_the_file_and_keeps_its_places() {
    let mut f = read_only(3);
    let catalog = Catalog::builtin().unwrap();
    key(&mut f.app, KeyCode::Tab); // the notes pane
    key(&mut f.app, KeyCode::Tab); // the session facts
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Down);
    let (pane, sel) = match &f.app.screen {
        Screen::Client(w) => (w.pane, w.selected(w.pane)),
        Screen::Picker(_) => unreachable!(),
    };
    assert_eq!(sel, 2);
    assert!(!f.app.follow_file(), "nothing changed yet");
    // The writing window starts session 3 and saves.
    let held = f._held.as_mut().unwrap();
    let mut c = held.client.clone();
    bansou::content::fill::defaults(&mut c, &catalog);
    timer::toggle(&mut c.sessions[2], day3(13, 30));
    let store = f.app.store.clone();
    store.save_locked(&c, &mut held.lock).unwrap();
    assert!(f.app.follow_file(), "read again");
    assert!(client(&f.app).sessions[2].agenda[0].started_at.is_some());
    match &f.app.screen {
        Screen::Client(w) => {
            assert_eq!((w.tab, w.pane, w.selected(w.pane)), (3, pane, sel));
            assert!(w.read_only() && w.lock.is_none() && !w.dirty);
        }
        Screen::Picker(_) => unreachable!(),
    }
    // A hand edit half done: the last good client stays, a notice says so.
    let path = store.client_path("demo").unwrap();
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, b"schema_version = 3\n[[[\n").unwrap();
    assert!(!f.app.follow_file());
    assert!(client(&f.app).sessions[2].agenda[0].started_at.is_some());
    let msg = f.app.message.clone().unwrap();
    assert!(msg.contains("ファイルを読めません（2行目）"), "{msg}");
    // Put back as it was: read, and nothing to replace.
    std::fs::write(&path, good).unwrap();
    assert!(!f.app.follow_file());
    // The next change is followed again.
    timer::toggle(&mut c.sessions[2], day3(13, 40));
    store.save(&c).unwrap();
    assert!(f.app.follow_file(), "read again once it parses");
    assert!(client(&f.app).sessions[2].paused_at.is_some());
}

#[test]
fn a_form_open_in_the_read_only_window_stays_open_when_the_file_changes() {
    let mut f = read_only(0);
    key(&mut f.app, KeyCode::Enter); // the profile's editor, to read
    let editor = |app: &bansou::app::App| match &app.screen {
        Screen::Client(w) => w.editor.as_ref().and_then(|e| e.form()),
        Screen::Picker(_) => None,
    };
    let form = editor(&f.app).expect("the profile opens to read");
    let store = f.app.store.clone();
    let held = f._held.as_mut().unwrap();
    let mut c = held.client.clone();
    bansou::content::fill::defaults(&mut c, &Catalog::builtin().unwrap());
    // The timer only: the form stays as it is.
    timer::toggle(&mut c.sessions[2], day3(13, 30));
    store.save_locked(&c, &mut held.lock).unwrap();
    assert!(f.app.follow_file());
    assert_eq!(editor(&f.app), Some(form));
    // The form itself changed: it opens again on the new data.
    c.profile.name = "株式会社さくら精工（改称）".into();
    store.save_locked(&c, &mut held.lock).unwrap();
    assert!(f.app.follow_file());
    assert_eq!(editor(&f.app), Some(form));
    assert_eq!(client(&f.app).profile.name, "株式会社さくら精工（改称）");
    let screen = crate::forms_support::render(&f.app, 120, 40);
    assert!(screen.contains("改称"), "{screen}");
}
