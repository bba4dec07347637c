//! The client profile editor: every field by keys, the industry picked from
//! the table, contacts, and the eligibility verdict shown live.

use crate::forms_support::*;
use bansou::domain::eligibility::{Verdict, verdict};
use bansou::domain::model::SecurityActionLevel;
use crossterm::event::KeyCode;

/// Rows of the sample's profile form, top to bottom.
const NAME: usize = 0;
const INDUSTRY: usize = 2;
const CAPITAL: usize = 3;
const EMPLOYEES: usize = 4;
const UNINCORPORATED: usize = 5;
const TOOK_PART: usize = 6;
const SECURITY_ACTION: usize = 10;

fn open_profile(f: &mut Fixture) {
    key(&mut f.app, KeyCode::Char('0'));
    key(&mut f.app, KeyCode::Enter);
    assert!(
        editor_open(&f.app),
        "Enter on the profile tab opens the editor"
    );
}

/// Moves to row `row` (from the top) and presses Enter.
fn enter_row(f: &mut Fixture, row: usize) {
    for _ in 0..40 {
        key(&mut f.app, KeyCode::Up);
    }
    down(&mut f.app, row);
    key(&mut f.app, KeyCode::Enter);
}

/// Replaces the text of the field just opened.
fn retype(f: &mut Fixture, text: &str) {
    for _ in 0..60 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, text);
    key(&mut f.app, KeyCode::Enter);
}

/// Picks industry category `no` (1–15), or main industry `no` (1–8) when
/// `main`, in the picker just opened: it opens on the current value (the
/// first when none) and Down goes round from the last to the first.
fn pick_in(f: &mut Fixture, main: bool, no: usize) {
    let p = &client(&f.app).profile;
    let (current, n) = if main {
        (p.main_industry, 8)
    } else {
        (p.industry, 15)
    };
    let from = current.map_or(0, |c| usize::from(c) - 1);
    down(&mut f.app, (no - 1 + n - from) % n);
    key(&mut f.app, KeyCode::Enter);
}

fn pick(f: &mut Fixture, no: usize) {
    pick_in(f, false, no)
}

fn verdict_now(f: &Fixture) -> Verdict {
    verdict(&client(&f.app).profile, &f.app.catalog.eligibility)
}

#[test]
fn profile_editor_at_both_sizes() {
    let mut f = sample(1);
    open_profile(&mut f);
    insta::assert_snapshot!("profile_80x24", draw(&f.app, 80, 24).backend());
    insta::assert_snapshot!("profile_120x40", draw(&f.app, 120, 40).backend());
    // The industry picker, previewing the verdict of the highlighted choice.
    enter_row(&mut f, INDUSTRY);
    down(&mut f.app, 3); // (4) 小売業: 5000万円/50人 — 42 people are within
    insta::assert_snapshot!("profile_picker_120x40", draw(&f.app, 120, 40).backend());
}

#[test]
fn real_looking_companies_get_the_right_verdict_live() {
    let mut f = blank(0);
    open_profile(&mut f);
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("判定: 判定不能"), "{screen}");
    assert!(screen.contains("業種分類が未入力"), "{screen}");

    // A retailer: 6000万円 and 51 people exceed both limits.
    enter_row(&mut f, INDUSTRY);
    pick(&mut f, 4);
    enter_row(&mut f, CAPITAL);
    retype(&mut f, "6000万円");
    enter_row(&mut f, EMPLOYEES);
    retype(&mut f, "５１人");
    let p = &client(&f.app).profile;
    assert_eq!(p.industry, Some(4));
    assert_eq!(p.capital_yen, Some(60_000_000));
    assert_eq!(p.employees, Some(51));
    assert!(matches!(verdict_now(&f), Verdict::NotEligible(_)));
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("判定: 対象外"), "{screen}");
    assert!(
        screen.contains("資本金 6000万円 が上限 5000万円 を超過"),
        "{screen}"
    );
    assert!(
        screen.contains("従業員 51人 が上限 50人 を超過"),
        "{screen}"
    );

    // 50 people: within the retail limit, eligible whatever the capital.
    enter_row(&mut f, EMPLOYEES);
    retype(&mut f, "50");
    assert!(matches!(verdict_now(&f), Verdict::Eligible(_)));
    assert!(render(&f.app, 120, 40).contains("判定: 対象"));

    // A software house of 320 people with 3億円: capital at the limit suffices.
    enter_row(&mut f, INDUSTRY);
    pick(&mut f, 6);
    enter_row(&mut f, CAPITAL);
    retype(&mut f, "3億");
    enter_row(&mut f, EMPLOYEES);
    retype(&mut f, "320");
    assert!(matches!(verdict_now(&f), Verdict::Eligible(_)));
    assert!(render(&f.app, 120, 40).contains("資本金 3億円 が上限 3億円 以下"));

    // An NPO (15): needs its main industry, then judged by its employees only.
    enter_row(&mut f, INDUSTRY);
    pick(&mut f, 15);
    assert!(render(&f.app, 120, 40).contains("主たる業種（(1)〜(8)）が未入力"));
    // The main-industry row now follows the industry row; picking (3) サービス業.
    enter_row(&mut f, INDUSTRY + 1);
    pick_in(&mut f, true, 3);
    assert_eq!(client(&f.app).profile.main_industry, Some(3));
    assert!(matches!(verdict_now(&f), Verdict::NotEligible(_)));
    assert!(render(&f.app, 120, 40).contains("従業員 320人 が上限 100人 を超過"));
    // Back to manufacturing: the main industry is cleared with its row.
    enter_row(&mut f, INDUSTRY);
    pick(&mut f, 1);
    assert_eq!(client(&f.app).profile.main_industry, None);

    // The exclusions win over size, and say why.
    enter_row(&mut f, TOOK_PART);
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("判定: 対象外"), "{screen}");
    assert!(
        screen.contains("前年度の指導業務に参加した企業は対象外"),
        "{screen}"
    );
    enter_row(&mut f, TOOK_PART);
    enter_row(&mut f, UNINCORPORATED);
    assert!(render(&f.app, 120, 40).contains("法人格のない任意団体は対象外"));
    enter_row(&mut f, UNINCORPORATED);
    assert!(matches!(verdict_now(&f), Verdict::Eligible(_)));

    // All of it on disk.
    let disk = on_disk(&f.app).profile;
    assert_eq!(disk.industry, Some(1));
    assert_eq!(disk.employees, Some(320));
    assert!(!disk.took_part_last_year && !disk.unincorporated);
}

#[test]
fn text_fields_contacts_and_choices_are_edited_by_keys() {
    let mut f = blank(0);
    open_profile(&mut f);
    enter_row(&mut f, NAME);
    retype(&mut f, "株式会社みどり商店");
    assert_eq!(client(&f.app).profile.name, "株式会社みどり商店");

    // An unreadable amount keeps the field open and the old value.
    enter_row(&mut f, CAPITAL);
    chars(&mut f.app, "たくさん");
    key(&mut f.app, KeyCode::Enter);
    assert!(render(&f.app, 80, 24).contains("資本金（読み取れません）"));
    assert_eq!(client(&f.app).profile.capital_yen, None);
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(client(&f.app).profile.capital_yen, None);
    // d clears a value back to 未入力.
    enter_row(&mut f, CAPITAL);
    retype(&mut f, "1000万");
    assert_eq!(client(&f.app).profile.capital_yen, Some(10_000_000));
    chars(&mut f.app, "d");
    assert_eq!(client(&f.app).profile.capital_yen, None);

    // SECURITY ACTION cycles なし → 一つ星 → 二つ星.
    enter_row(&mut f, SECURITY_ACTION);
    assert_eq!(
        client(&f.app).profile.security_action,
        SecurityActionLevel::OneStar
    );
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        client(&f.app).profile.security_action,
        SecurityActionLevel::TwoStars
    );

    // Contacts: a adds one and types its name; the other parts by rows.
    chars(&mut f.app, "a");
    chars(&mut f.app, "緑川 花子");
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "店長");
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "midori@example.jp");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "a");
    chars(&mut f.app, "二人目");
    key(&mut f.app, KeyCode::Enter);
    let contacts = &client(&f.app).profile.contacts;
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0].name, "緑川 花子");
    assert_eq!(contacts[0].role, "店長");
    assert_eq!(contacts[0].email, "midori@example.jp");
    // d d on a contact row removes that contact.
    chars(&mut f.app, "d");
    assert_eq!(client(&f.app).profile.contacts.len(), 2, "asks first");
    chars(&mut f.app, "d");
    assert_eq!(client(&f.app).profile.contacts.len(), 1);

    // The memo takes several lines; Ctrl-S finishes it.
    for _ in 0..40 {
        key(&mut f.app, KeyCode::Down);
    }
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "一行目");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "二行目");
    // Saved as typed, before leaving the field.
    assert_eq!(on_disk(&f.app).profile.memo, "一行目\n二行目");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("一行目 二行目"), "{screen}");
    assert!(editor_open(&f.app));
    key(&mut f.app, KeyCode::Esc);
    assert!(!editor_open(&f.app));
    let disk = on_disk(&f.app).profile;
    assert_eq!(disk.name, "株式会社みどり商店");
    assert_eq!(disk.contacts.len(), 1);
    assert_eq!(disk.security_action, SecurityActionLevel::TwoStars);
}
