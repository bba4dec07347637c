//! The basic policy, regulation check (様式2) and action plan (様式3)
//! editors and the SECURITY ACTION ★★ readiness panel: snapshots at 80×24
//! and 120×40 of the sample client, and edits made through the real keymap
//! and `App::handle_key`, checked in memory, on screen and on disk.

use bansou::app::{App, Screen};
use bansou::config::Settings;
use bansou::content::Catalog;
use bansou::domain::model::{Area, Difficulty, Feasibility, FormKind, Level, RegulationStatus};
use bansou::domain::plan::priority_order;
use bansou::domain::readiness::readiness;
use bansou::keymap::Keymap;
use bansou::store::Store;
use bansou::widgets::Theme;
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::forms_support::{at, chars, client, ctrl, draw, key, on_disk, render, today};

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

/// The sample client (or, with `sample` false, a new one named
/// 株式会社テスト with a representative in its profile), opened on `session`.
fn opened(session: u8, sample: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let store = Store::new(dir.path());
    let mut client = if sample {
        let mut c = catalog.new_client("demo", bansou::sample::SAMPLE_NAME, at(9, 0));
        bansou::sample::fill(&mut c, &catalog, today());
        c
    } else {
        let mut c = catalog.new_client("demo", "株式会社テスト", at(9, 0));
        c.profile.representative = "代表取締役 山田 太郎".into();
        c
    };
    client.id = "demo".into();
    store.create(&client).unwrap();
    let keymap = Keymap::load("default", None).unwrap();
    let mut app = App::new(catalog, keymap, Settings::default(), store, at(10, 0));
    app.open_client("demo", Some(session)).unwrap();
    Fixture { _dir: dir, app }
}

fn keys(app: &mut App, code: KeyCode, n: usize) {
    for _ in 0..n {
        key(app, code);
    }
}

fn editor(app: &App) -> Option<(FormKind, bool)> {
    match &app.screen {
        Screen::Client(w) => w
            .editor
            .as_ref()
            .and_then(|e| Some((e.form()?, e.typing()))),
        Screen::Picker(_) => None,
    }
}

/// Opens `form` from the form pane of the session shown: Tab to the pane,
/// Enter, then `f` until the wanted editor is up.
fn open_form(app: &mut App, form: FormKind) {
    keys(app, KeyCode::Tab, 4);
    key(app, KeyCode::Enter);
    for _ in 0..3 {
        if editor(app).map(|e| e.0) == Some(form) {
            return;
        }
        key(app, KeyCode::Char('f'));
    }
    assert_eq!(editor(app).map(|e| e.0), Some(form));
}

#[test]
fn editors_and_readiness_at_both_sizes() {
    for (name, session, form) in [
        ("policy", 2, FormKind::Policy),
        ("regulations", 2, FormKind::Regulations),
        ("plan", 3, FormKind::Plan),
    ] {
        let mut f = opened(session, true);
        open_form(&mut f.app, form);
        f.app.message = None;
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&f.app, w, h).backend());
        }
    }
    // The readiness panel alone: a new client lacks everything (long
    // reasons wrap); the sample lacks only the publication.
    for (name, sample) in [("readiness_new", false), ("readiness_sample", true)] {
        let f = opened(1, sample);
        // The panel in half the width of an 80- and a 120-column screen.
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let mut t = Terminal::new(TestBackend::new(w / 2, 7)).unwrap();
            t.draw(|fr| {
                bansou::widgets::draw_readiness(
                    fr,
                    fr.area(),
                    client(&f.app),
                    Theme { color: false },
                );
            })
            .unwrap();
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}

#[test]
fn the_policy_is_published_and_readiness_turns_complete() {
    let mut f = opened(2, true);
    open_form(&mut f.app, FormKind::Policy);
    assert!(!readiness(client(&f.app)).complete());
    // 前文, 5 × (見出し, 本文), 制定日, 会社名, 代表者, then 公開先URL.
    keys(&mut f.app, KeyCode::Down, 14);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "https://www.sakura-seiko.example.jp/security/");
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    // An empty date opens with today's; a bad one is refused and kept open.
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2026-11-31");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(editor(&f.app), Some((FormKind::Policy, true)));
    assert!(f.app.message.as_deref().unwrap().contains("2026-11-31"));
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "２０２６／１１／２１");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(editor(&f.app), Some((FormKind::Policy, false)));

    let p = &client(&f.app).policy;
    assert_eq!(
        p.published_url,
        "https://www.sakura-seiko.example.jp/security/"
    );
    assert_eq!(p.published_on, Some(today()));
    assert!(readiness(client(&f.app)).complete());
    let screen = render(&f.app, 120, 40);
    assert!(
        screen.contains("SECURITY ACTION 二つ星: 準備完了"),
        "{screen}"
    );
    assert!(screen.contains("公開済 2026-11-21"), "{screen}");
    // Saved at once.
    assert_eq!(on_disk(&f.app).policy, client(&f.app).policy);
    f.app.message = None;
    insta::assert_snapshot!("policy_published_80x24", draw(&f.app, 80, 24).backend());
}

#[test]
fn the_preamble_is_multi_line_and_the_preview_is_the_published_text() {
    let mut f = opened(2, true);
    open_form(&mut f.app, FormKind::Policy);
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(editor(&f.app), Some((FormKind::Policy, true)));
    // Enter breaks the line; q, ] and Space are text while typing.
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "取引先の信頼に応え ]q");
    // Written while typing, before leaving the field.
    assert!(
        on_disk(&f.app)
            .policy
            .preamble
            .ends_with("\n取引先の信頼に応え ]q")
    );
    ctrl(&mut f.app, 's');
    assert_eq!(editor(&f.app), Some((FormKind::Policy, false)));
    assert!(!f.app.quit);
    let c = client(&f.app);
    assert!(c.policy.preamble.ends_with("\n取引先の信頼に応え ]q"));
    // Undo inside the field.
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "X");
    ctrl(&mut f.app, 'z');
    key(&mut f.app, KeyCode::Esc);
    assert!(client(&f.app).policy.preamble.ends_with("]q"));

    // The preview shows the text as the document reads, line by line:
    // no Markdown marks, no `\` at the line breaks.
    let doc = bansou::export::policy::doc(&f.app.catalog, client(&f.app));
    let screen = render(&f.app, 120, 40);
    let plain = bansou::export::doc::plain(&doc);
    for line in plain.iter().take(6).filter(|l| !l.text.is_empty()) {
        let head: String = line.text.chars().take(12).collect();
        assert!(screen.contains(&head), "{head:?} not in\n{screen}");
    }
    assert!(!screen.contains('\\') && !screen.contains("# "), "{screen}");
    assert!(screen.contains("取引先の信頼に応え ]q"), "{screen}");
}

#[test]
fn a_new_policy_starts_from_the_template_and_the_profile() {
    let mut f = opened(2, false);
    open_form(&mut f.app, FormKind::Policy);
    let c = client(&f.app);
    assert_eq!(c.policy.company, "株式会社テスト");
    assert!(c.policy.preamble.starts_with("株式会社テスト"));
    assert_eq!(c.policy.articles.len(), 5);
    assert_eq!(on_disk(&f.app).policy.company, "株式会社テスト");

    // Rewrite article 1's body, then take the template's text back (t twice).
    let template = c.policy.articles[0].body.clone();
    keys(&mut f.app, KeyCode::Down, 2);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..200 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "社長が責任を持つ。");
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(client(&f.app).policy.articles[0].body, "社長が責任を持つ。");
    key(&mut f.app, KeyCode::Char('t'));
    assert_eq!(client(&f.app).policy.articles[0].body, "社長が責任を持つ。");
    key(&mut f.app, KeyCode::Char('t'));
    assert_eq!(client(&f.app).policy.articles[0].body, template);

    // Without an enactment date the policy is not yet written.
    let r = readiness(client(&f.app));
    assert!(r.checks[1].missing.as_deref().unwrap().contains("制定日"));
    keys(&mut f.app, KeyCode::Down, 9);
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(client(&f.app).policy.enacted_on, Some(today()));
    assert!(readiness(client(&f.app)).checks[1].met());
}

#[test]
fn every_regulation_gets_a_status_and_a_comment_by_keys() {
    let mut f = opened(2, false);
    open_form(&mut f.app, FormKind::Regulations);
    assert!(
        client(&f.app)
            .regulations
            .iter()
            .all(|r| r.status.is_none())
    );
    for i in 0..11 {
        key(&mut f.app, KeyCode::Enter); // the picker
        keys(&mut f.app, KeyCode::Down, i % 4);
        key(&mut f.app, KeyCode::Enter);
        key(&mut f.app, KeyCode::Down);
    }
    let rows = &client(&f.app).regulations;
    assert_eq!(rows.len(), 11);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.status, Some(RegulationStatus::ALL[i % 4]), "row {}", r.no);
    }
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("点検済 11/11"), "{screen}");

    // A two-line comment on row 11, then the status cleared with d.
    key(&mut f.app, KeyCode::Right);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "在宅勤務規程を見直す");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "（2027年3月末まで）");
    ctrl(&mut f.app, 's');
    assert_eq!(
        client(&f.app).regulations[10].comment,
        "在宅勤務規程を見直す\n（2027年3月末まで）"
    );
    key(&mut f.app, KeyCode::Left);
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(client(&f.app).regulations[10].status, None);
    assert_eq!(on_disk(&f.app).regulations, client(&f.app).regulations);
    // Esc closes the picker first, then the editor.
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(editor(&f.app), Some((FormKind::Regulations, false)));
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(editor(&f.app), None);
}

/// One plan row typed in: the picker indices are those of the lists shown.
struct NewRow {
    area: usize,
    current: &'static str,
    measure: &'static str,
    linked: bool,
    urgency: usize,
    importance: usize,
    difficulty: usize,
    go: bool,
    deadline: &'static str,
    concerns: &'static str,
}

/// Picks option `index` of a new row's rating: the picker opens on the
/// current value, the last (未評価/未定), and Down goes round to the first.
fn pick(app: &mut App, index: usize) {
    key(app, KeyCode::Enter);
    key(app, KeyCode::Down); // round to the first
    keys(app, KeyCode::Down, index);
    key(app, KeyCode::Enter);
}

fn add_row(app: &mut App, r: &NewRow) {
    key(app, KeyCode::Char('a')); // opens 現状と課題
    chars(app, r.current);
    ctrl(app, 's');
    key(app, KeyCode::Right);
    key(app, KeyCode::Enter);
    chars(app, r.measure);
    ctrl(app, 's');
    keys(app, KeyCode::Left, 2);
    // The area picker opens on the new row's area (the one in view).
    let area = client(app)
        .plan
        .iter()
        .find(|row| row.current == r.current)
        .map(|row| row.area)
        .unwrap();
    let from = bansou::domain::model::Area::ALL
        .iter()
        .position(|a| *a == area)
        .unwrap();
    key(app, KeyCode::Enter);
    keys(app, KeyCode::Down, (r.area + 4 - from) % 4);
    key(app, KeyCode::Enter);
    keys(app, KeyCode::Right, 3);
    if r.linked {
        key(app, KeyCode::Enter);
    }
    key(app, KeyCode::Right);
    pick(app, r.urgency);
    key(app, KeyCode::Right);
    pick(app, r.importance);
    key(app, KeyCode::Right);
    pick(app, r.difficulty);
    key(app, KeyCode::Right);
    pick(app, if r.go { 0 } else { 1 });
    key(app, KeyCode::Right);
    key(app, KeyCode::Enter);
    chars(app, r.deadline);
    key(app, KeyCode::Enter);
    key(app, KeyCode::Right);
    key(app, KeyCode::Enter);
    chars(app, r.concerns);
    key(app, KeyCode::Esc);
    keys(app, KeyCode::Left, 9);
}

const ROWS: [NewRow; 10] = [
    NewRow {
        area: 0,
        current: "事故時の連絡先が決まっていない",
        measure: "R01 緊急連絡網を作る",
        linked: false,
        urgency: 0,
        importance: 0,
        difficulty: 0,
        go: true,
        deadline: "2027-01-31",
        concerns: "なし",
    },
    NewRow {
        area: 1,
        current: "教育をしていない",
        measure: "R02 年2回の全社研修",
        linked: false,
        urgency: 1,
        importance: 0,
        difficulty: 0,
        go: true,
        deadline: "2027/2",
        concerns: "全員を集めにくい",
    },
    NewRow {
        area: 2,
        current: "バックアップが社内だけ",
        measure: "R03 社外保管を追加",
        linked: true,
        urgency: 0,
        importance: 0,
        difficulty: 1,
        go: true,
        deadline: "2027年3月末",
        concerns: "年10万円",
    },
    NewRow {
        area: 3,
        current: "来訪者が自由に出入りできる",
        measure: "R04 受付簿と入館証",
        linked: true,
        urgency: 1,
        importance: 1,
        difficulty: 0,
        go: true,
        deadline: "2027-01-31",
        concerns: "",
    },
    NewRow {
        area: 2,
        current: "サポート切れのOSがある",
        measure: "R05 OSを更新",
        linked: false,
        urgency: 0,
        importance: 1,
        difficulty: 2,
        go: false,
        deadline: "2027-10-31",
        concerns: "数千万円規模",
    },
    NewRow {
        area: 0,
        current: "委託先と秘密保持契約がない",
        measure: "R06 契約に秘密保持条項",
        linked: true,
        urgency: 1,
        importance: 0,
        difficulty: 1,
        go: true,
        deadline: "2027-05-31",
        concerns: "弁護士費用",
    },
    NewRow {
        area: 2,
        current: "パスワードを付箋で共有",
        measure: "R07 個人IDとパスワード規則",
        linked: true,
        urgency: 0,
        importance: 0,
        difficulty: 1,
        go: true,
        deadline: "2027-03-31",
        concerns: "",
    },
    NewRow {
        area: 3,
        current: "図面が机に置きっぱなし",
        measure: "R08 施錠キャビネット",
        linked: false,
        urgency: 2,
        importance: 1,
        difficulty: 0,
        go: true,
        deadline: "2027-07-31",
        concerns: "約30万円",
    },
    NewRow {
        area: 1,
        current: "私物スマホで業務連絡",
        measure: "R09 私物端末の利用ルール",
        linked: true,
        urgency: 1,
        importance: 1,
        difficulty: 1,
        go: true,
        deadline: "2027-04-30",
        concerns: "定着に時間",
    },
    NewRow {
        area: 0,
        current: "規程が古い",
        measure: "R10 規程を見直す",
        linked: false,
        urgency: 2,
        importance: 2,
        difficulty: 0,
        go: true,
        deadline: "2028-12-31",
        concerns: "",
    },
];

/// Measures in the order they appear on the screen.
fn measures_on_screen(screen: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = (1..=10)
        .map(|i| format!("R{i:02}"))
        .filter_map(|m| screen.find(&m).map(|p| (p, m)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, m)| m).collect()
}

#[test]
fn a_plan_of_ten_rows_is_entered_sorted_and_filtered() {
    let mut f = opened(3, false);
    open_form(&mut f.app, FormKind::Plan);
    assert!(render(&f.app, 80, 24).contains("まだ行がありません"));
    for r in &ROWS {
        add_row(&mut f.app, r);
        assert_eq!(editor(&f.app), Some((FormKind::Plan, false)));
    }
    let plan = &client(&f.app).plan;
    assert_eq!(plan.len(), 10);
    for (row, want) in plan.iter().zip(&ROWS) {
        assert_eq!(row.area, Area::ALL[want.area], "{}", want.measure);
        assert_eq!(row.current, want.current);
        assert_eq!(row.measure, want.measure);
        assert_eq!(row.linked, want.linked);
        assert_eq!(row.ratings.urgency, Some(Level::ALL[want.urgency]));
        assert_eq!(row.ratings.importance, Some(Level::ALL[want.importance]));
        assert_eq!(
            row.ratings.difficulty,
            Some(Difficulty::ALL[want.difficulty])
        );
        let go = if want.go {
            Feasibility::Go
        } else {
            Feasibility::NoGo
        };
        assert_eq!(row.feasibility, Some(go));
        assert_eq!(row.concerns, want.concerns);
    }
    assert_eq!(plan[1].deadline, NaiveDate::from_ymd_opt(2027, 2, 28));
    assert_eq!(plan[2].deadline, NaiveDate::from_ymd_opt(2027, 3, 31));
    assert_eq!(on_disk(&f.app).plan, *plan);

    // Entry order on screen, then priority order, then one area.
    let screen = render(&f.app, 120, 40);
    assert!(
        screen.contains("10行  表示: 入力順  分野: 全分野"),
        "{screen}"
    );
    assert!(
        screen.contains("2028-12-31!"),
        "far deadline flagged: {screen}"
    );
    let entry: Vec<String> = (1..=10).map(|i| format!("R{i:02}")).collect();
    key(&mut f.app, KeyCode::Char('s'));
    let screen = render(&f.app, 200, 60);
    let expected: Vec<String> = priority_order(&client(&f.app).plan)
        .into_iter()
        .map(|i| client(&f.app).plan[i].measure[..3].to_owned())
        .collect();
    assert_eq!(measures_on_screen(&screen), expected);
    assert_ne!(expected, entry);
    assert_eq!(
        &expected[..4],
        ["R01", "R03", "R07", "R02"],
        "可 first, then 緊急度+重要度, 緊急度, ease, deadline, entry order"
    );
    assert_eq!(expected[9], "R05", "否 last");
    key(&mut f.app, KeyCode::Char('/')); // 組織的対策
    let screen = render(&f.app, 200, 60);
    assert!(screen.contains("3/10行"), "{screen}");
    assert_eq!(measures_on_screen(&screen), ["R01", "R06", "R10"]);
    // Reordering is refused while sorted by priority.
    key(&mut f.app, KeyCode::Char('J'));
    assert!(
        f.app
            .message
            .as_deref()
            .unwrap()
            .contains("並べ替えできません")
    );
    key(&mut f.app, KeyCode::Char('s'));
    // In entry order within the area: R01 moves below R06.
    keys(&mut f.app, KeyCode::Up, 3);
    key(&mut f.app, KeyCode::Char('J'));
    let order: Vec<&str> = client(&f.app)
        .plan
        .iter()
        .map(|r| &r.measure[..3])
        .collect();
    assert_eq!(
        order,
        [
            "R06", "R02", "R03", "R04", "R05", "R01", "R07", "R08", "R09", "R10"
        ]
    );
    key(&mut f.app, KeyCode::Char('K'));
    assert_eq!(&client(&f.app).plan[0].measure[..3], "R01");
    keys(&mut f.app, KeyCode::Char('/'), 4); // back to all areas
    keys(&mut f.app, KeyCode::Up, 10);

    // Delete asks twice.
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(client(&f.app).plan.len(), 10);
    key(&mut f.app, KeyCode::Char('d'));
    assert_eq!(client(&f.app).plan.len(), 9);
    assert_eq!(&client(&f.app).plan[0].measure[..3], "R02");
    assert_eq!(on_disk(&f.app).plan.len(), 9);
}

#[test]
fn deadlines_are_validated_and_far_ones_warned() {
    let mut f = opened(3, true);
    open_form(&mut f.app, FormKind::Plan);
    keys(&mut f.app, KeyCode::Right, 6); // 実施期限
    key(&mut f.app, KeyCode::Enter);
    let before = client(&f.app).plan[0].deadline;
    for _ in 0..12 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2027-02-30");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(editor(&f.app), Some((FormKind::Plan, true)), "kept open");
    assert!(f.app.message.as_deref().unwrap().contains("2027-02-30"));
    // Esc leaves the field (the one-line message goes away with it).
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(editor(&f.app), Some((FormKind::Plan, false)));
    assert!(f.app.message.is_none());
    assert_eq!(client(&f.app).plan[0].deadline, before, "unchanged");

    key(&mut f.app, KeyCode::Enter);
    for _ in 0..12 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2029-01-31");
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        client(&f.app).plan[0].deadline,
        NaiveDate::from_ymd_opt(2029, 1, 31)
    );
    assert!(f.app.message.as_deref().unwrap().contains("24か月"));
    f.app.message = None;
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("2029-01-31!"), "{screen}");
    assert!(screen.contains("期限が24か月より先です"), "{screen}");
}

#[test]
fn session_keys_keep_working_while_a_form_is_open() {
    let mut f = opened(3, true);
    open_form(&mut f.app, FormKind::Plan);
    key(&mut f.app, KeyCode::Char(' '));
    assert!(client(&f.app).sessions[2].agenda[0].started_at.is_some());
    key(&mut f.app, KeyCode::Char(']'));
    assert!(client(&f.app).sessions[2].agenda[0].ended_at.is_some());
    key(&mut f.app, KeyCode::Char('n'));
    assert!(f.app.input.is_some(), "quick note opens over the form");
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(editor(&f.app), Some((FormKind::Plan, false)));
    // While typing they are text.
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "q n ] 1");
    key(&mut f.app, KeyCode::Esc);
    assert!(!f.app.quit);
    assert!(f.app.input.is_none());
    assert_eq!(client(&f.app).plan.last().unwrap().current, "q n ] 1");
    assert!(client(&f.app).sessions[2].agenda[1].ended_at.is_none());
    // The help names the plan keys and the priority rule.
    key(&mut f.app, KeyCode::Char('?'));
    // The help scrolls: read it to the end.
    let mut screen = String::new();
    for _ in 0..80 {
        screen.push_str(&render(&f.app, 120, 40));
        key(&mut f.app, KeyCode::Down);
    }
    assert!(screen.contains("優先順位の規則"), "{screen}");
    assert!(screen.contains("実施「可」の行を先に並べ"), "{screen}");
    assert!(screen.contains("改善分野で絞り込む"), "{screen}");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('4'));
    assert_eq!(editor(&f.app), None, "a session key leaves the form");
}

#[test]
fn odd_sizes_never_panic_in_any_state() {
    let sizes = [
        (80, 24),
        (81, 25),
        (99, 30),
        (100, 30),
        (150, 50),
        (200, 60),
        (300, 100),
    ];
    for form in [FormKind::Policy, FormKind::Regulations, FormKind::Plan] {
        let mut f = opened(3, true);
        open_form(&mut f.app, form);
        for (w, h) in sizes {
            render(&f.app, w, h);
        }
        // A picker or a text field open, then an empty plan.
        key(&mut f.app, KeyCode::Enter);
        for (w, h) in sizes {
            render(&f.app, w, h);
        }
        key(&mut f.app, KeyCode::Esc);
        if form == FormKind::Plan {
            let n = client(&f.app).plan.len();
            for _ in 0..n {
                key(&mut f.app, KeyCode::Char('d'));
                key(&mut f.app, KeyCode::Char('d'));
            }
            assert!(client(&f.app).plan.is_empty());
            for (w, h) in sizes {
                render(&f.app, w, h);
            }
        }
    }
}
