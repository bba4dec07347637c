//! The self-diagnosis walkthrough: respondents, fast entry, the per-item
//! drill-down, the summary and promotion to the action plan — by keys
//! through the real keymap, drawn into a TestBackend.

use crate::forms_support::*;
use bansou::domain::diagnosis::{GAP_THRESHOLD, dont_know, gaps, score};
use bansou::domain::model::{Answer, Area, Difficulty, Level, Role};
use crossterm::event::KeyCode;

/// Session 1, agenda item 4 (自社診断結果の確認) → its form.
fn open_diagnosis(f: &mut Fixture) {
    down(&mut f.app, 3);
    key(&mut f.app, KeyCode::Enter);
    assert!(editor_open(&f.app), "the agenda link opens the walkthrough");
}

/// Adds a respondent by keys (`a`, name, Enter): entry starts at Q1.
fn add_respondent(f: &mut Fixture, name: &str) {
    chars(&mut f.app, "a");
    chars(&mut f.app, name);
    key(&mut f.app, KeyCode::Enter);
}

/// `z` 実施している, `x` 一部, `c` 実施していない, `v` わからない.
fn answer_keys(spec: &str) -> String {
    spec.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'D' => 'z',
            'P' => 'x',
            'N' => 'c',
            'K' => 'v',
            other => panic!("{other}"),
        })
        .collect()
}

#[test]
fn walkthrough_screens_at_both_sizes() {
    let mut f = sample(1);
    open_diagnosis(&mut f);
    // The sample has answers: the walkthrough opens on the summary.
    insta::assert_snapshot!("summary_80x24", draw(&f.app, 80, 24).backend());
    insta::assert_snapshot!("summary_120x40", draw(&f.app, 120, 40).backend());

    key(&mut f.app, KeyCode::Tab);
    insta::assert_snapshot!("respondents_80x24", draw(&f.app, 80, 24).backend());

    add_respondent(&mut f, "森田 浩二");
    chars(&mut f.app, &answer_keys("DDPNK DD"));
    insta::assert_snapshot!("entry_80x24", draw(&f.app, 80, 24).backend());
    insta::assert_snapshot!("entry_120x40", draw(&f.app, 120, 40).backend());

    // Enter: the per-item view of the same question; back to Q3.
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Left);
    }
    key(&mut f.app, KeyCode::Up);
    key(&mut f.app, KeyCode::Up);
    key(&mut f.app, KeyCode::Up);
    insta::assert_snapshot!("item_80x24", draw(&f.app, 80, 24).backend());
    insta::assert_snapshot!("item_120x40", draw(&f.app, 120, 40).backend());
}

#[test]
fn twenty_five_answers_by_keys_give_the_total_on_screen_and_on_disk() {
    let mut f = blank(1);
    open_diagnosis(&mut f);
    assert!(render(&f.app, 80, 24).contains("まだ回答者がいません"));
    add_respondent(&mut f, "山田 太郎");
    // Three answers, back one, correct it.
    chars(&mut f.app, "zzx");
    key(&mut f.app, KeyCode::Backspace);
    assert!(render(&f.app, 80, 24).contains("Q3 / 25"));
    chars(&mut f.app, "c");
    assert!(render(&f.app, 80, 24).contains("Q4 / 25"));
    // The other 22: Part1 4+4+0+(-1)+4, Part2 52 all done but two, Part3 …
    chars(&mut f.app, &answer_keys("KD DDDDDDDDDDDPN DDDDPPN"));
    let r = client(&f.app).diagnosis.respondents[0].clone();
    assert_eq!(r.name, "山田 太郎");
    assert_eq!(r.role, Role::Owner, "the first respondent is the owner");
    let s = score(&r.answers);
    assert!(s.complete());
    assert_eq!(s.parts, [11, 46, 20]);
    assert_eq!(s.total, 77);
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("全25問に回答しました"), "{screen}");
    assert!(screen.contains("合計 77点"), "{screen}");
    assert!(screen.contains("おおむね対策済み"), "{screen}");
    // Saved as typed.
    assert_eq!(on_disk(&f.app).diagnosis.respondents[0].answers, r.answers);
    // A 26th answer changes nothing.
    chars(&mut f.app, "v");
    assert_eq!(client(&f.app).diagnosis.respondents[0].answers, r.answers);
}

#[test]
fn three_respondents_show_their_gaps_and_dont_knows_in_the_summary() {
    let mut f = blank(1);
    open_diagnosis(&mut f);
    let owner = "DDDDD DDDDDDDDDDDDD DDDDDDD";
    let manager = "DDPPD DDDDDDDDDDDDD DDDDDDP";
    let staff = "DDNKD DDDDDDDDDDDDK DDDDDDD";
    for (name, spec) in [("社長", owner), ("部長", manager), ("社員", staff)] {
        add_respondent(&mut f, name);
        chars(&mut f.app, &answer_keys(spec));
    }
    let c = client(&f.app);
    let rs = &c.diagnosis.respondents;
    let roles: Vec<Role> = rs.iter().map(|r| r.role).collect();
    assert_eq!(roles, [Role::Owner, Role::Manager, Role::Employee]);
    let totals: Vec<i32> = rs.iter().map(|r| score(&r.answers).total).collect();
    assert_eq!(totals, [100, 94, 86]);
    // Gaps count real answers only: Q4 and Q18 differ only by a わからない,
    // which has its own list.
    let g: Vec<u8> = gaps(rs, GAP_THRESHOLD).iter().map(|g| g.no).collect();
    assert_eq!(g, [3]);
    let dk: Vec<u8> = dont_know(rs).iter().map(|(no, _)| *no).collect();
    assert_eq!(dk, [4, 18]);

    // Summary: Tab from the entry goes to the per-item view, then the summary.
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Tab);
    let screen = render(&f.app, 120, 40);
    for line in [
        "社長",
        "100点",
        "入口の対策は完了",
        "94点",
        "86点",
        "回答が4点以上分かれた設問（1）",
        "「わからない」の設問（要確認）（2）",
        "重点改善領域（0）",
    ] {
        assert!(screen.contains(line), "{line} missing:\n{screen}");
    }
    // Q3: 済半未 — the marks of every respondent on the gap line.
    assert!(screen.contains("済半未"), "{screen}");
    // Enter on the first listed item opens its per-item view.
    key(&mut f.app, KeyCode::Enter);
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("Q3/25"), "{screen}");
    assert!(screen.contains("回答の差 4点"), "{screen}");
}

#[test]
fn focus_items_are_rated_and_promoted_to_plan_rows() {
    let mut f = sample(2);
    // Session 2, item 6: 自社診断項目の掘り下げ.
    down(&mut f.app, 5);
    key(&mut f.app, KeyCode::Enter);
    assert!(editor_open(&f.app));
    let plan_before = client(&f.app).plan.len();
    key(&mut f.app, KeyCode::BackTab); // summary → per item, Q1
    for _ in 0..3 {
        key(&mut f.app, KeyCode::Right);
    }
    assert!(render(&f.app, 80, 24).contains("Q4/25"));
    // p before m: refused.
    chars(&mut f.app, "p");
    assert_eq!(client(&f.app).plan.len(), plan_before);
    // A rating marks the item as a focus item.
    chars(&mut f.app, "u");
    chars(&mut f.app, "ii");
    chars(&mut f.app, "oo");
    let rev = client(&f.app)
        .diagnosis
        .items
        .iter()
        .find(|r| r.no == 4)
        .cloned()
        .unwrap();
    assert!(rev.focus);
    assert_eq!(rev.ratings.urgency, Some(Level::High));
    assert_eq!(rev.ratings.importance, Some(Level::Mid));
    assert_eq!(rev.ratings.difficulty, Some(Difficulty::Mid));
    chars(&mut f.app, "p");
    let c = client(&f.app);
    assert_eq!(c.plan.len(), plan_before + 1);
    let row = c.plan.last().unwrap();
    assert_eq!(row.from_item, Some(4));
    assert_eq!(row.area, Area::Technical);
    assert_eq!(row.ratings, rev.ratings);
    assert!(
        row.current
            .starts_with("自社診断 Q4（重要情報へのアクセス制限）: ")
    );
    assert!(row.current.contains(rev.notes.trim()), "{}", row.current);
    // Promoting it again adds nothing.
    chars(&mut f.app, "p");
    assert_eq!(client(&f.app).plan.len(), plan_before + 1);

    // Q9: notes typed in place (saved as typed), then m and p.
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Right);
    }
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Enter); // a line break in the notes
    chars(&mut f.app, "工場の無線LANは来期更新");
    let notes = |f: &Fixture| {
        on_disk(&f.app)
            .diagnosis
            .items
            .iter()
            .find(|r| r.no == 9)
            .map(|r| r.notes.clone())
            .unwrap_or_default()
    };
    assert!(
        notes(&f).ends_with("\n工場の無線LANは来期更新"),
        "{:?}",
        notes(&f)
    );
    ctrl(&mut f.app, 's');
    chars(&mut f.app, "mp");
    let disk = on_disk(&f.app);
    assert_eq!(disk.plan.len(), plan_before + 2);
    let row = disk.plan.last().unwrap();
    assert_eq!(row.from_item, Some(9));
    assert!(row.current.ends_with("工場の無線LANは来期更新"));
    // Both show as promoted in the summary.
    key(&mut f.app, KeyCode::Tab);
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("重点改善領域（6）"), "{screen}");
    assert_eq!(screen.matches("計画済").count(), 6, "{screen}");
}

#[test]
fn respondents_are_renamed_given_a_role_and_removed() {
    let mut f = sample(1);
    open_diagnosis(&mut f);
    key(&mut f.app, KeyCode::Tab); // respondents
    key(&mut f.app, KeyCode::Down);
    chars(&mut f.app, "E");
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "高野 真理子（総務）");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "r");
    let r = &client(&f.app).diagnosis.respondents[1];
    assert_eq!(r.name, "高野 真理子（総務）");
    assert_eq!(r.role, Role::Employee, "管理者 → 従業員");
    // A blank name keeps the old one.
    chars(&mut f.app, "E");
    for _ in 0..20 {
        key(&mut f.app, KeyCode::Backspace);
    }
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        client(&f.app).diagnosis.respondents[1].name,
        "高野 真理子（総務）"
    );
    // d asks, another key cancels, d d removes.
    chars(&mut f.app, "d");
    key(&mut f.app, KeyCode::Up);
    chars(&mut f.app, "d");
    assert_eq!(client(&f.app).diagnosis.respondents.len(), 3);
    chars(&mut f.app, "d");
    assert_eq!(client(&f.app).diagnosis.respondents.len(), 2);
    assert_eq!(
        on_disk(&f.app).diagnosis.respondents[0].name,
        "高野 真理子（総務）"
    );
}

#[test]
fn timer_notes_help_and_tabs_keep_working_in_the_walkthrough() {
    let mut f = blank(1);
    open_diagnosis(&mut f);
    add_respondent(&mut f, "x");
    chars(&mut f.app, "z");
    // Space starts the session timer, n takes a quick note, ? shows the keys.
    key(&mut f.app, KeyCode::Char(' '));
    assert!(client(&f.app).sessions[0].agenda[0].started_at.is_some());
    chars(&mut f.app, "n");
    chars(&mut f.app, "zxcv は文字");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        client(&f.app).sessions[0].notes.last().unwrap().text,
        "zxcv は文字"
    );
    assert_eq!(
        client(&f.app).diagnosis.respondents[0].answers[1],
        Answer::Unanswered,
        "keys typed into the note are not answers"
    );
    chars(&mut f.app, "?");
    let help = render(&f.app, 120, 40);
    assert!(help.contains("自社診断の回答入力"), "{help}");
    assert!(help.contains("一部実施 2点"), "{help}");
    key(&mut f.app, KeyCode::Esc); // closes the help
    key(&mut f.app, KeyCode::Esc); // closes the walkthrough, back to the agenda
    assert!(!editor_open(&f.app));
    // The agenda's selection is on the running item; the diagnosis item's
    // link reopens the walkthrough.
    down(&mut f.app, 3);
    key(&mut f.app, KeyCode::Enter);
    assert!(editor_open(&f.app));
    chars(&mut f.app, "2");
    assert!(!editor_open(&f.app), "a tab key leaves the form");
}

#[test]
fn the_real_cursor_sits_in_the_name_field() {
    let mut f = blank(1);
    open_diagnosis(&mut f);
    chars(&mut f.app, "a");
    chars(&mut f.app, "山田");
    let (screen, cursor) = render_with_cursor(&f.app, 80, 24);
    let (x, y) = cursor.expect("cursor shown while typing");
    let row: String = screen.lines().nth(usize::from(y)).unwrap().to_owned();
    assert!(row.contains("山田"), "{row}");
    // Two wide characters after the border: column 1 + 4.
    assert_eq!(x, 5, "{screen}");
}

#[test]
fn form_keys_never_take_the_keys_that_must_keep_working() {
    use bansou::keymap::{Context, Key, Keymap};
    for set in ["default", "vim"] {
        let km = Keymap::load(set, None).unwrap();
        for ctx in [Context::Form, Context::Diagnosis] {
            for k in [
                "<Space>", "]", "[", "+", "-", "n", "?", "q", "0", "1", "2", "3", "4",
            ] {
                let key = Key::parse(k).unwrap();
                assert!(
                    km.bindings(ctx).iter().all(|b| b.key != key),
                    "{set}: {k} is bound in [{}]",
                    ctx.name()
                );
            }
        }
        // One key per answer, documented for the help screen.
        for (k, name) in [
            ("z", "answer_done"),
            ("x", "answer_partly"),
            ("c", "answer_not_done"),
            ("v", "answer_dont_know"),
            ("<Backspace>", "prev_question"),
        ] {
            let action = bansou::action::Action::from_name(name).unwrap();
            let b = km
                .bindings(Context::Diagnosis)
                .iter()
                .find(|b| b.key == Key::parse(k).unwrap())
                .unwrap_or_else(|| panic!("{k} unbound"));
            assert_eq!(b.action, action);
            assert!(!b.desc.is_empty());
        }
    }
}
