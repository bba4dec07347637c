//! Issue 14, points 7–9 through the keys: the notes filtered by kind,
//! searched, read in full, re-timed and re-attached to an agenda item, a
//! delete undone; the preparation checklist edited; one session's requests
//! carried into the next one's checklist, its next date into the next
//! date, and the look back over the screen with the timer in view.

use bansou::app::{Pane, Screen};
use bansou::domain::model::{NoteKind, Side};
use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::forms_support::*;

fn pane(f: &Fixture) -> Pane {
    match &f.app.screen {
        Screen::Client(w) => w.pane,
        Screen::Picker(_) => panic!("not open"),
    }
}

/// Tab until `want` has the focus.
fn focus(f: &mut Fixture, want: Pane) {
    for _ in 0..5 {
        if pane(f) == want {
            return;
        }
        key(&mut f.app, KeyCode::Tab);
    }
    panic!("{want:?} never focused");
}

fn note(f: &mut Fixture, text: &str, tabs: usize) {
    key(&mut f.app, KeyCode::Char('n'));
    chars(&mut f.app, text);
    for _ in 0..tabs {
        key(&mut f.app, KeyCode::Tab);
    }
    key(&mut f.app, KeyCode::Enter);
}

/// The notes pane's title line (the row holding `メモ `).
fn notes_title(f: &Fixture, w: u16, h: u16) -> String {
    render(&f.app, w, h)
        .lines()
        .find(|l| l.contains("┌ メモ "))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_filter_cycles_every_kind_and_says_which_is_on() {
    let mut f = sample(1);
    focus(&mut f, Pane::Notes);
    let notes = client(&f.app).sessions[0].notes.clone();
    let total = notes.len();
    assert!(notes_title(&f, 80, 24).contains(&format!("メモ {total}件")));
    for kind in [
        NoteKind::Request,
        NoteKind::Decision,
        NoteKind::Issue,
        NoteKind::Note,
    ] {
        key(&mut f.app, KeyCode::Char('r'));
        let n = notes.iter().filter(|x| x.kind == kind).count();
        let title = notes_title(&f, 120, 40);
        assert!(
            title.contains(&format!("メモ {n}/{total}件・{}のみ", kind.label())),
            "{title}"
        );
        let screen = render(&f.app, 120, 40);
        for other in NoteKind::ALL.iter().filter(|k| **k != kind) {
            assert!(
                !screen.contains(&format!("[{}]", other.label())),
                "{other:?} shown under the {kind:?} filter"
            );
        }
    }
    key(&mut f.app, KeyCode::Char('r'));
    assert!(notes_title(&f, 80, 24).contains(&format!("メモ {total}件")));
    // At 80 columns a filter on still says how to take it off.
    key(&mut f.app, KeyCode::Char('r'));
    let title = notes_title(&f, 80, 24);
    assert!(
        title.contains("依頼事項のみ") && title.contains("Esc 解除"),
        "{title}"
    );
    key(&mut f.app, KeyCode::Char('r'));
    key(&mut f.app, KeyCode::Char('r'));
    key(&mut f.app, KeyCode::Char('r'));
    key(&mut f.app, KeyCode::Char('r'));
    // Esc takes a filter off as well.
    key(&mut f.app, KeyCode::Char('r'));
    key(&mut f.app, KeyCode::Esc);
    assert!(notes_title(&f, 80, 24).contains(&format!("メモ {total}件")));
}

#[test]
fn the_search_narrows_as_japanese_is_typed_and_esc_clears_it() {
    let mut f = sample(1);
    let total = client(&f.app).sessions[0].notes.len();
    key(&mut f.app, KeyCode::Char('/'));
    assert_eq!(pane(&f), Pane::Notes, "the search shows the notes");
    // Hiragana finds the katakana バックアップ, before Enter.
    chars(&mut f.app, "ばっくあっぷ");
    let title = notes_title(&f, 80, 24);
    let found = client(&f.app).sessions[0]
        .notes
        .iter()
        .filter(|n| n.text.contains("バックアップ"))
        .count();
    assert!(found > 0);
    assert!(
        title.contains(&format!("メモ {found}/{total}件・検索「ばっくあっぷ」")),
        "{title}"
    );
    // A second word narrows further; full-width digits count as digits.
    chars(&mut f.app, " ７４点");
    assert!(notes_title(&f, 120, 40).contains(&format!("メモ 1/{total}件")));
    key(&mut f.app, KeyCode::Enter);
    assert!(f.app.message.as_deref().unwrap().contains("1件"));
    assert!(notes_title(&f, 120, 40).contains("検索「ばっくあっぷ ７４点」"));
    // `/` again starts from the search on; Esc in it clears it.
    key(&mut f.app, KeyCode::Char('/'));
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.input.is_none());
    assert!(notes_title(&f, 80, 24).contains(&format!("メモ {total}件")));
    // Nothing matches: the pane says so and nothing is selected.
    key(&mut f.app, KeyCode::Char('/'));
    chars(&mut f.app, "存在しない語");
    key(&mut f.app, KeyCode::Enter);
    assert!(notes_title(&f, 80, 24).contains(&format!("メモ 0/{total}件")));
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(
        client(&f.app).sessions[0].notes.len(),
        total,
        "nothing deleted"
    );
}

#[test]
fn a_long_note_reads_in_full_at_both_sizes() {
    let mut f = blank(1);
    key(&mut f.app, KeyCode::Char(' '));
    let long =
        "取引先から預かった図面データの扱いについて、".repeat(6) + "最後の一文まで読めること";
    note(&mut f, &long, 1);
    focus(&mut f, Pane::Notes);
    let line = notes_title(&f, 80, 24);
    assert!(line.contains("メモ 1件"));
    assert!(
        !render(&f.app, 80, 24).contains("最後の一文"),
        "the list line is cut"
    );
    key(&mut f.app, KeyCode::Char('v'));
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&f.app, w, h);
        assert!(screen.contains("最後の一文まで読めること"), "{screen}");
        assert!(screen.contains("依頼事項"), "the kind is shown");
        // The status line with the running timer stays.
        assert!(
            screen
                .lines()
                .nth(usize::from(h) - 1)
                .unwrap()
                .contains("残り"),
            "{screen}"
        );
        insta::assert_snapshot!(
            format!("note_in_full_{w}x{h}"),
            draw(&f.app, w, h).backend()
        );
    }
    // The timer keys still work under the reader; Esc closes it.
    key(&mut f.app, KeyCode::Char(']'));
    assert!(client(&f.app).sessions[0].agenda[0].ended_at.is_some());
    assert!(render(&f.app, 80, 24).contains("メモ（全文）"));
    key(&mut f.app, KeyCode::Esc);
    assert!(!render(&f.app, 80, 24).contains("メモ（全文）"));
}

#[test]
fn a_notes_time_kind_and_item_are_edited_and_checked() {
    let mut f = blank(1);
    let day = today();
    if let Screen::Client(w) = &mut f.app.screen {
        w.client.sessions[0].date = Some(day);
    }
    key(&mut f.app, KeyCode::Char(' ')); // the first item runs
    note(&mut f, "あとで時刻を直すメモ", 0);
    note(&mut f, "二つ目", 0);
    focus(&mut f, Pane::Notes);
    key(&mut f.app, KeyCode::Up); // the first note
    // The time: a bad one says how to write it and keeps the input.
    key(&mut f.app, KeyCode::Char('t'));
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "25:00");
    key(&mut f.app, KeyCode::Enter);
    assert!(f.app.input.is_some(), "kept to correct");
    let msg = f.app.message.clone().unwrap();
    assert!(msg.contains("13:42") && msg.contains("25:00"), "{msg}");
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "０９：１５"); // full width, as an IME gives it
    key(&mut f.app, KeyCode::Enter);
    assert!(f.app.input.is_none());
    let notes = &on_disk(&f.app).sessions[0].notes;
    let moved = notes
        .iter()
        .find(|n| n.text == "あとで時刻を直すメモ")
        .unwrap();
    assert_eq!(moved.at, at(9, 15), "on the session's date");
    assert_eq!(
        notes[0].text, "あとで時刻を直すメモ",
        "in its place in time"
    );
    // The kind, through the edit input (S-Tab: back from メモ to 課題).
    let sel_text = |f: &Fixture| match &f.app.screen {
        Screen::Client(w) => {
            let i = w.visible_notes()[w.selected(Pane::Notes)];
            w.client.sessions[0].notes[i].text.clone()
        }
        Screen::Picker(_) => unreachable!(),
    };
    assert_eq!(
        sel_text(&f),
        "あとで時刻を直すメモ",
        "the selection follows the note"
    );
    key(&mut f.app, KeyCode::Char('E'));
    key(&mut f.app, KeyCode::BackTab);
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(client(&f.app).sessions[0].notes[0].kind, NoteKind::Issue);
    // The agenda item: each title in turn, then none.
    let titles: Vec<String> = client(&f.app).sessions[0]
        .agenda
        .iter()
        .map(|a| a.title.clone())
        .collect();
    assert_eq!(
        client(&f.app).sessions[0].notes[0].item.as_deref(),
        Some(titles[0].as_str())
    );
    key(&mut f.app, KeyCode::Char('g'));
    assert_eq!(
        client(&f.app).sessions[0].notes[0].item.as_deref(),
        Some(titles[1].as_str())
    );
    assert!(f.app.message.as_deref().unwrap().contains(&titles[1]));
    for _ in 1..titles.len() {
        key(&mut f.app, KeyCode::Char('g'));
    }
    assert_eq!(client(&f.app).sessions[0].notes[0].item, None);
    assert_eq!(on_disk(&f.app).sessions[0].notes[0].item, None, "saved");
}

#[test]
fn a_deleted_note_and_prep_item_come_back_where_they_were() {
    let mut f = sample(1);
    focus(&mut f, Pane::Notes);
    let before = client(&f.app).sessions[0].notes.clone();
    down(&mut f.app, 2);
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(client(&f.app).sessions[0].notes.len(), before.len() - 1);
    let msg = f.app.message.clone().unwrap();
    assert!(msg.contains("u で元に戻す"), "{msg}");
    // Two more, from the prep checklist.
    focus(&mut f, Pane::Prep);
    let prep = client(&f.app).sessions[0].prep.clone();
    for _ in 0..2 {
        key(&mut f.app, KeyCode::Char('d'));
        key(&mut f.app, KeyCode::Char('d'));
    }
    assert_eq!(client(&f.app).sessions[0].prep.len(), prep.len() - 2);
    // Undone last first, from another tab too.
    key(&mut f.app, KeyCode::Char('2'));
    key(&mut f.app, KeyCode::Char('1'));
    focus(&mut f, Pane::Prep);
    key(&mut f.app, KeyCode::Char('u'));
    key(&mut f.app, KeyCode::Char('u'));
    assert_eq!(client(&f.app).sessions[0].prep, prep);
    assert!(f.app.message.as_deref().unwrap().contains("まだ 1件"));
    key(&mut f.app, KeyCode::Char('u'));
    assert_eq!(client(&f.app).sessions[0].notes, before);
    assert_eq!(pane(&f), Pane::Notes, "shown where it came back");
    assert_eq!(on_disk(&f.app).sessions[0].notes, before, "saved");
    key(&mut f.app, KeyCode::Char('u'));
    assert_eq!(f.app.message.as_deref(), Some("元に戻す削除はありません"));
}

#[test]
fn the_prep_checklist_is_added_to_edited_and_read_in_full() {
    let mut f = blank(2);
    focus(&mut f, Pane::Prep);
    let n = client(&f.app).sessions[1].prep.len();
    let long = "社内で使っているクラウドサービスの一覧（契約者、利用部署、保存している情報）を"
        .to_owned()
        + "総務部長が作成して第2回の前日までに送付する";
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, &long);
    key(&mut f.app, KeyCode::Tab); // 企業 → 専門家
    key(&mut f.app, KeyCode::Tab); // and back
    key(&mut f.app, KeyCode::Enter);
    let prep = &on_disk(&f.app).sessions[1].prep;
    assert_eq!(prep.len(), n + 1);
    assert_eq!(prep[n].text, long);
    assert_eq!(prep[n].side, Side::Company);
    // Edited: the text and the side.
    key(&mut f.app, KeyCode::Char('E'));
    key(&mut f.app, KeyCode::End);
    chars(&mut f.app, "（済んだら連絡）");
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Enter);
    let item = &on_disk(&f.app).sessions[1].prep[n];
    assert!(item.text.ends_with("（済んだら連絡）"));
    assert_eq!(item.side, Side::Expert);
    // An empty text is refused with the key that deletes.
    key(&mut f.app, KeyCode::Char('E'));
    for _ in 0..200 {
        key(&mut f.app, KeyCode::Backspace);
    }
    key(&mut f.app, KeyCode::Enter);
    assert!(f.app.message.as_deref().unwrap().contains("削除は d"));
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(client(&f.app).sessions[1].prep[n].side, Side::Expert);
    // Ticked, read in full.
    key(&mut f.app, KeyCode::Char('x'));
    key(&mut f.app, KeyCode::Char('v'));
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&f.app, w, h);
        assert!(screen.contains("（済んだら連絡）"), "{screen}");
        assert!(screen.contains("専門家・済"), "{screen}");
    }
    key(&mut f.app, KeyCode::Esc);
    assert!(on_disk(&f.app).sessions[1].prep[n].done);
}

#[test]
fn requests_carry_into_the_next_checklist_once_with_their_ticks() {
    let mut f = blank(1);
    note(&mut f, "組織図と就業規則を送付", 1);
    note(&mut f, "今日の決定", 2);
    note(&mut f, "ネットワーク構成図（手書き可）", 1);
    let n = client(&f.app).sessions[1].prep.len();
    key(&mut f.app, KeyCode::Char('2'));
    let msg = f.app.message.clone().unwrap();
    assert!(
        msg.contains("第1回の依頼事項 2件を事前準備に入れました"),
        "{msg}"
    );
    let prep = &on_disk(&f.app).sessions[1].prep;
    assert_eq!(prep.len(), n + 2);
    assert_eq!(prep[0].text, "組織図と就業規則を送付", "at the top");
    assert_eq!((prep[0].side, prep[0].from), (Side::Company, Some(1)));
    assert_eq!(prep[1].text, "ネットワーク構成図（手書き可）");
    // Shown with where it came from, in view at 80×24.
    for (w, h) in [(80, 24), (120, 40)] {
        assert!(render(&f.app, w, h).contains("[ ] 企業 前回 組織図と"));
    }
    // Ticked; back and forth, and a reopen, copy nothing again.
    focus(&mut f, Pane::Prep);
    key(&mut f.app, KeyCode::Char('x'));
    key(&mut f.app, KeyCode::Char('1'));
    key(&mut f.app, KeyCode::Char('2'));
    f.app.show_picker(); // closed (the lock let go) and opened again
    f.app.open_client("demo", Some(2)).unwrap();
    let prep = &on_disk(&f.app).sessions[1].prep;
    assert_eq!(prep.len(), n + 2, "not copied twice");
    assert!(prep[0].done, "the tick stays");
    // A later request comes over the next time; a deleted copy does not.
    key(&mut f.app, KeyCode::Char('1'));
    note(&mut f, "見積書の控え", 1);
    key(&mut f.app, KeyCode::Char('2'));
    focus(&mut f, Pane::Prep);
    for _ in 0..n + 3 {
        key(&mut f.app, KeyCode::Up);
    }
    down(&mut f.app, 1);
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('1'));
    key(&mut f.app, KeyCode::Char('2'));
    let prep = on_disk(&f.app).sessions[1].prep.clone();
    let texts: Vec<&str> = prep.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts[..2], ["組織図と就業規則を送付", "見積書の控え"]);
    assert_eq!(prep.len(), n + 2);
}

#[test]
fn the_next_date_fills_the_next_sessions_date_when_empty() {
    let mut f = blank(1);
    focus(&mut f, Pane::Facts);
    down(&mut f.app, 6); // 次回
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "2026-12-09");
    key(&mut f.app, KeyCode::Enter);
    assert!(f.app.message.as_deref().unwrap().contains("第2回の実施日"));
    let day = NaiveDate::from_ymd_opt(2026, 12, 9);
    assert_eq!(on_disk(&f.app).sessions[1].date, day);
    // A date already set stays.
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..12 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2026-12-16");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(on_disk(&f.app).sessions[1].date, day);
}

#[test]
fn the_look_back_shows_the_previous_session_over_the_running_timer() {
    let mut f = sample(3);
    key(&mut f.app, KeyCode::Char(' ')); // session 3 starts
    key(&mut f.app, KeyCode::Char('P'));
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&f.app, w, h);
        assert!(screen.contains("前回の振り返り（第2回）"), "{screen}");
        for part in ["【決定事項】3件", "【依頼事項", "【課題】2件"] {
            assert!(screen.contains(part), "{part} in\n{screen}");
        }
        assert!(screen.contains("[ ] 16:25 生産管理システム"), "{screen}");
        let status = screen.lines().nth(usize::from(h) - 1).unwrap().to_owned();
        assert!(
            status.contains("進行中") && status.contains("残り"),
            "{status}"
        );
        insta::assert_snapshot!(format!("look_back_{w}x{h}"), draw(&f.app, w, h).backend());
    }
    // The clock runs on under it; P again closes it.
    f.app.tick(at(10, 3));
    assert!(render(&f.app, 80, 24).contains("残り 07:00"));
    key(&mut f.app, KeyCode::Char('P'));
    assert!(!render(&f.app, 80, 24).contains("前回の振り返り（第2回）"));
    // Nothing opens under the big-digit view of the shared screen.
    key(&mut f.app, KeyCode::Char('b'));
    key(&mut f.app, KeyCode::Char('P'));
    assert!(matches!(&f.app.screen, Screen::Client(w) if w.reader.is_none()));
    key(&mut f.app, KeyCode::Char('b'));
    assert!(!render(&f.app, 80, 24).contains("前回の振り返り（第2回）"));
    // Session 1 has none.
    key(&mut f.app, KeyCode::Char('1'));
    key(&mut f.app, KeyCode::Char('P'));
    assert_eq!(f.app.message.as_deref(), Some("第1回には前回がありません"));
}

#[test]
fn the_running_items_hint_is_under_the_agenda_at_80x24() {
    let mut f = blank(1);
    let hint = client(&f.app).sessions[0].agenda[1].hint.clone();
    assert!(!hint.is_empty());
    key(&mut f.app, KeyCode::Char(' '));
    key(&mut f.app, KeyCode::Char(']'));
    let screen = render(&f.app, 80, 24);
    let first: String = hint.chars().take(10).collect();
    assert!(screen.contains(&format!("ヒント: {first}")), "{screen}");
    insta::assert_snapshot!("hint_80x24", draw(&f.app, 80, 24).backend());
    // In full with v on the agenda (the running item selected).
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Up);
    }
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Char('v'));
    let screen = render(&f.app, 80, 24);
    let last: String = hint
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(screen.contains(&last), "{screen}");
}

#[test]
fn a_read_only_client_can_search_and_read_but_not_change() {
    let mut f = read_only(3);
    let before = client(&f.app).clone();
    for c in "/バック".chars() {
        key(&mut f.app, KeyCode::Char(c));
    }
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('P'));
    assert!(render(&f.app, 80, 24).contains("前回の振り返り"));
    key(&mut f.app, KeyCode::Esc);
    focus(&mut f, Pane::Prep);
    for c in "adgtu".chars() {
        key(&mut f.app, KeyCode::Char(c));
    }
    assert!(f.app.input.is_none(), "no input opened to add");
    key(&mut f.app, KeyCode::Esc);
    assert!(client(&f.app) == &before, "nothing changed");
}

/// The real binary in a terminal: a request typed in Japanese in session 1,
/// found by a search, carried into session 2's checklist, ticked there, and
/// seen in the look back with the timer running below it.
#[test]
fn pty_a_request_carried_searched_and_looked_back_on() {
    use crate::pty_support::{Env, Screen as Pty, load, new_client};
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path(), "pty");
    let env = Env {
        rows: 24,
        cols: 80,
        ..Env::new(data.path(), config.path())
    };
    let mut s = Pty::start_in(&env, &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    s.send("n");
    s.wait_for("Tab:種類");
    s.send("資産台帳を作成して送付");
    s.send("\t\r"); // 依頼事項, stored
    s.wait_for("依頼事項を記録しました");
    s.send("/");
    s.wait_for("メモを検索");
    s.send("しさん");
    s.wait_for("メモ 0/1件・検索「しさん」");
    for _ in 0.."しさん".chars().count() {
        s.send("\u{7f}");
    }
    s.send("資産\r");
    s.wait_for("メモ 1/1件・検索「資産」");
    s.send("2");
    s.wait_for("第1回の依頼事項 1件を事前準備に入れました");
    s.wait_for("企業 前回 資産台帳");
    s.send("\t\tx"); // notes → facts → the checklist: tick the carried item (at its top)
    s.wait_for("[x] 企業 前回 資産台帳");
    s.send(" "); // session 2 starts
    s.wait_for("残り");
    s.send("P");
    s.wait_for("前回の振り返り（第1回）");
    s.wait_for("[x] ");
    let screen = s.screen();
    assert!(screen.contains("資産台帳を作成して送付"), "{screen}");
    assert!(
        screen.lines().last().unwrap().contains("残り"),
        "the timer stays in view:\n{screen}"
    );
    s.send("\u{1b}");
    s.wait_gone("前回の振り返り（第1回）");
    s.quit();
    let client = load(data.path(), &id);
    let carried: Vec<_> = client.sessions[1]
        .prep
        .iter()
        .filter(|p| p.from == Some(1))
        .collect();
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].text, "資産台帳を作成して送付");
    assert!(carried[0].done, "the tick is saved");
    assert!(client.sessions[0].notes[0].carried);
}

/// Every hint of the built-in agendas is shown whole at 80×24 (selected in
/// the agenda before the session starts), never cut.
#[test]
fn every_built_in_hint_shows_whole_at_80x24() {
    let mut f = blank(1);
    for tab in 1..=4u8 {
        key(&mut f.app, KeyCode::Char(char::from(b'0' + tab)));
        focus(&mut f, Pane::Agenda);
        let agenda = client(&f.app).sessions[usize::from(tab) - 1].agenda.clone();
        for _ in 0..agenda.len() {
            key(&mut f.app, KeyCode::Up);
        }
        for (i, item) in agenda.iter().enumerate() {
            if i > 0 {
                key(&mut f.app, KeyCode::Down);
            }
            if item.hint.is_empty() {
                continue;
            }
            let screen = render(&f.app, 80, 24);
            let start: String = item.hint.chars().take(6).collect();
            // Shown, and not cut (a cut hint ends by naming the key that
            // shows it whole).
            assert!(
                screen.contains(&format!("ヒント: {start}")) && !screen.contains("で全文）"),
                "session {tab}, {}: the hint is cut\n{screen}",
                item.title
            );
        }
    }
}
