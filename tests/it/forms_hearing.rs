//! The hearing sheet (様式1) editor: opened from its session-1 agenda item,
//! the 7 sections and their sub-points, multi-line Japanese answers and
//! points to consider, the progress count.

use crate::forms_support::*;
use crossterm::event::KeyCode;

/// Session 1, agenda item 2 (事業内容と情報システム環境のヒアリング) → its form.
fn open_hearing(f: &mut Fixture) {
    down(&mut f.app, 1);
    key(&mut f.app, KeyCode::Enter);
    assert!(
        editor_open(&f.app),
        "the agenda link opens the hearing sheet"
    );
}

fn answer(f: &Fixture, point: &str) -> Option<(String, String)> {
    client(&f.app)
        .hearing
        .iter()
        .find(|h| h.point == point)
        .map(|h| (h.answer.clone(), h.consider.clone()))
}

#[test]
fn hearing_sheet_at_both_sizes() {
    let mut f = sample(1);
    open_hearing(&mut f);
    insta::assert_snapshot!("hearing_80x24", draw(&f.app, 80, 24).backend());
    insta::assert_snapshot!("hearing_120x40", draw(&f.app, 120, 40).backend());
    // Section 5, third sub-point, its answer open for typing.
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Tab);
    }
    down(&mut f.app, 2);
    key(&mut f.app, KeyCode::Enter);
    insta::assert_snapshot!("hearing_typing_80x24", draw(&f.app, 80, 24).backend());
}

#[test]
fn a_new_client_answers_in_japanese_and_the_count_follows() {
    let mut f = blank(1);
    open_hearing(&mut f);
    let total = f.app.catalog.hearing_points().count();
    assert!(render(&f.app, 120, 40).contains(&format!("回答 0/{total}")));
    // 1.1: two lines of answer, Tab to the points to consider, Ctrl-S.
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "金属部品の受託加工（BtoB）");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "従業員12名、q と ] も文字");
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "図面の管理が要");
    // On disk as typed, before the field is left.
    let disk = on_disk(&f.app);
    let h = disk.hearing.iter().find(|h| h.point == "1.1").unwrap();
    assert_eq!(
        h.answer,
        "金属部品の受託加工（BtoB）\n従業員12名、q と ] も文字"
    );
    assert_eq!(h.consider, "図面の管理が要");
    ctrl(&mut f.app, 's');
    assert!(
        editor_open(&f.app),
        "Ctrl-S leaves the field, not the sheet"
    );
    assert!(render(&f.app, 120, 40).contains(&format!("回答 1/{total}")));
    assert!(
        client(&f.app).sessions[0].agenda[0].started_at.is_none(),
        "] typed into the answer did not move the agenda"
    );

    // Tab jumps to the next section; Down to its next sub-point; Right
    // selects the points-to-consider field.
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "受注はFAX");
    key(&mut f.app, KeyCode::Esc); // Esc keeps what was typed
    assert_eq!(answer(&f, "2.2").unwrap().0, "受注はFAX");
    key(&mut f.app, KeyCode::Right);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "FAX誤送信");
    ctrl(&mut f.app, 's');
    assert_eq!(
        answer(&f, "2.2").unwrap(),
        ("受注はFAX".into(), "FAX誤送信".into())
    );
    // Shift-Tab goes back a section.
    key(&mut f.app, KeyCode::BackTab);
    key(&mut f.app, KeyCode::Left);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "1.1 を開いた");
    ctrl(&mut f.app, 's');
    assert!(answer(&f, "1.1").unwrap().0.ends_with("1.1 を開いた"));

    // Emptying both fields removes the sub-point from the file.
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    ctrl(&mut f.app, 's');
    key(&mut f.app, KeyCode::Right);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    ctrl(&mut f.app, 's');
    assert_eq!(answer(&f, "2.2"), None);
    assert!(render(&f.app, 120, 40).contains(&format!("回答 1/{total}")));

    // Pasted text keeps its lines.
    key(&mut f.app, KeyCode::Enter);
    f.app
        .handle_event(&crossterm::event::Event::Paste("一\r\n二".into()));
    ctrl(&mut f.app, 's');
    assert_eq!(answer(&f, "2.2").unwrap().1, "一\n二");
    // Undo with Ctrl-Z.
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "x");
    ctrl(&mut f.app, 'z');
    ctrl(&mut f.app, 's');
    assert_eq!(answer(&f, "2.2").unwrap().1, "一\n二");
    let on = on_disk(&f.app);
    assert_eq!(
        on.hearing.iter().map(|h| &h.point).collect::<Vec<_>>(),
        ["1.1", "2.2"]
    );
}

#[test]
fn the_cursor_is_placed_where_the_next_character_goes() {
    let mut f = blank(1);
    open_hearing(&mut f);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "あいう");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "え");
    let (screen, cursor) = render_with_cursor(&f.app, 120, 40);
    let (x, y) = cursor.expect("cursor shown while typing");
    let row = screen.lines().nth(usize::from(y)).unwrap();
    assert!(row.contains("│え"), "{row}");
    let line: Vec<char> = row.chars().collect();
    // Width up to the cursor: everything before "え" plus its two cells.
    let before: String = line[..line.iter().position(|c| *c == 'え').unwrap()]
        .iter()
        .collect();
    let col = unicode_width::UnicodeWidthStr::width(before.as_str()) + 2;
    assert_eq!(usize::from(x), col, "{screen}");
}

#[test]
fn a_read_only_client_refuses_typing_and_says_so() {
    let mut f = read_only(1);
    let before = client(&f.app).clone();
    open_hearing(&mut f);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "消える");
    assert_eq!(*client(&f.app), before, "nothing changed");
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("読み取り専用"), "{screen}");
    // The field closed: the keys after the first were not typed into it.
    let (_, cursor) = render_with_cursor(&f.app, 120, 40);
    assert_eq!(cursor, None, "no text cursor once typing stopped");
}
