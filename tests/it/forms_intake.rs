//! Issue 13 in the app: the diagnosis editor writes the questionnaires and
//! imports filled files through a path input that completes file names —
//! by keys through the real keymap, drawn into a TestBackend.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::forms_support::*;
use crate::intake_support::{self, fill};
use bansou::app::App;
use bansou::domain::model::{Answer, Role};
use bansou::domain::promote::review;
use crossterm::event::KeyCode;

const BIN: &str = env!("CARGO_BIN_EXE_bansou");

/// Session 1, agenda item 4 (自社診断結果の確認) → its form.
fn open_diagnosis(f: &mut Fixture) {
    down(&mut f.app, 3);
    key(&mut f.app, KeyCode::Enter);
    assert!(editor_open(&f.app), "the agenda link opens the walkthrough");
}

/// 25 answers: 実施している／一部／実施していない／わからない in turn by
/// `spec` (D, P, N, K; "-" leaves the item blank), repeated.
fn answers(spec: &str) -> [&'static str; 25] {
    let s: Vec<char> = spec.chars().collect();
    std::array::from_fn(|i| match s[i % s.len()] {
        'D' => "実施している",
        'P' => "一部実施している",
        'N' => "実施していない",
        'K' => "わからない",
        _ => "",
    })
}

fn expected(spec: &str) -> [Answer; 25] {
    answers(spec).map(|a| {
        if a.is_empty() {
            Answer::Unanswered
        } else {
            bansou::domain::intake::parse_answer(a).unwrap()
        }
    })
}

/// `bansou questionnaire demo --out DIR --respondent …` on the fixture's
/// data (the app has the client open; writing forms only reads it).
fn cli_questionnaires(data: &Path, out: &Path, who: &[&str]) -> Vec<PathBuf> {
    let mut args = vec![
        "questionnaire".to_owned(),
        "demo".into(),
        "--out".into(),
        out.to_str().unwrap().into(),
    ];
    for w in who {
        args.push("--respondent".into());
        args.push((*w).into());
    }
    let run = Command::new(BIN)
        .args(&args)
        .env("BANSOU_DATA_DIR", data)
        .env("BANSOU_CONFIG_DIR", data.join("no-config"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect()
}

/// Fills the questionnaire at `path` in place.
fn fill_file(path: &Path, spec: &str, comments: &[(u8, &str)]) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, fill(&bytes, &answers(spec), comments)).unwrap();
}

fn type_path(app: &mut App, path: &str) {
    chars(app, "I");
    chars(app, path);
}

/// A temporary folder whose path has the same length everywhere
/// (`/tmp/.tmpXXXXXX`), so that snapshots can name it.
fn tmp() -> tempfile::TempDir {
    tempfile::Builder::new().tempdir_in("/tmp").unwrap()
}

/// The screen with the temporary folder named `/tmp/.tmpXXXXXX`.
fn shown(app: &App, w: u16, h: u16, tmp: &Path) -> String {
    let path = tmp.to_str().unwrap();
    assert_eq!(path.len(), "/tmp/.tmpXXXXXX".len(), "{path}");
    render(app, w, h).replace(path, "/tmp/.tmpXXXXXX")
}

fn data_dir(f: &Fixture) -> PathBuf {
    f.app.store.root().to_path_buf()
}

#[test]
fn writing_questionnaires_from_the_app_creates_the_files() {
    let mut f = sample(1);
    open_diagnosis(&mut f);
    key(&mut f.app, KeyCode::Tab); // 回答者
    assert!(
        render(&f.app, 80, 24).contains("w 回答用紙"),
        "the respondents' hints name the key"
    );
    // Every respondent of the sample has answers: one blank form.
    chars(&mut f.app, "w");
    let msg = f.app.message.clone().expect("a message");
    assert!(msg.contains("白紙の回答用紙を 1 件"), "{msg}");
    assert!(msg.contains("自社診断_回答用_未記入.xlsx"), "{msg}");
    assert!(msg.contains("I で取り込みます"), "{msg}");
    let dir = data_dir(&f).join("clients/demo/questionnaires/20261121-100000");
    assert!(dir.join("自社診断_回答用_未記入.xlsx").is_file(), "{msg}");
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("自社診断_回答用_未記入.xlsx")), 0o600);
    // Shown as a popup, at both sizes, and closed by Esc.
    let popup = render(&f.app, 80, 24);
    assert!(popup.contains("お知らせ"), "{popup}");
    assert!(popup.contains("questionnaires/"), "{popup}");
    assert!(render(&f.app, 120, 40).contains("自社診断_回答用_未記入.xlsx"));
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.message.is_none());
    // Again within the same second: a folder of its own, nothing refused.
    chars(&mut f.app, "w");
    let again = data_dir(&f).join("clients/demo/questionnaires/20261121-100000-2");
    assert!(
        again.join("自社診断_回答用_未記入.xlsx").is_file(),
        "{:?}",
        f.app.message
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(editor_open(&f.app), "Esc closed the popup, not the editor");

    // Two respondents registered without answers: one form each, named.
    f.app.now = at(10, 5);
    for name in ["森田 浩二", "山本 さくら"] {
        chars(&mut f.app, "a");
        chars(&mut f.app, name);
        key(&mut f.app, KeyCode::Enter);
        key(&mut f.app, KeyCode::BackTab); // back to 回答者
    }
    chars(&mut f.app, "w");
    let msg = f.app.message.clone().unwrap();
    assert!(msg.contains("回答用紙を 2 件"), "{msg}");
    let dir = data_dir(&f).join("clients/demo/questionnaires/20261121-100500");
    for name in ["森田 浩二", "山本 さくら"] {
        let p = dir.join(format!("自社診断_回答用_{name}.xlsx"));
        let l = intake_support::layout(&std::fs::read(&p).unwrap(), 0);
        assert!(l.name.is_some(), "a name cell");
        assert!(
            l.range
                .used_cells()
                .any(|(_, _, d)| *d == calamine::Data::String(name.into())),
            "{name} in {}",
            p.display()
        );
    }
}

/// Fourteen forms: the popup lists eleven and the count of the rest, and
/// still fits 80x24 down to its last line.
#[test]
fn a_long_list_of_forms_is_cut_short_in_the_popup() {
    let mut f = blank(1);
    open_diagnosis(&mut f);
    for i in 1..=14 {
        chars(&mut f.app, "a");
        chars(&mut f.app, &format!("回答者{i:02}"));
        key(&mut f.app, KeyCode::Enter);
        key(&mut f.app, KeyCode::BackTab);
    }
    chars(&mut f.app, "w");
    let msg = f.app.message.clone().unwrap();
    assert!(msg.contains("回答用紙を 14 件"), "{msg}");
    assert!(
        msg.contains("回答者11.xlsx") && !msg.contains("回答者12.xlsx"),
        "{msg}"
    );
    assert!(msg.contains("ほか 3 件"), "{msg}");
    let dir = data_dir(&f).join("clients/demo/questionnaires/20261121-100000");
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 14);
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("で取り込みます"), "{screen}");
}

#[test]
fn writing_questionnaires_works_on_a_read_only_client_and_import_is_refused() {
    let mut f = read_only(1);
    open_diagnosis(&mut f);
    chars(&mut f.app, "I");
    let screen = render(&f.app, 80, 24);
    assert!(
        f.app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("読み取り専用")),
        "{screen}"
    );
    assert!(!screen.contains("回答ファイルの取り込み"), "{screen}");
    // The refusal stays (until Esc, which would close the editor); the
    // next key still acts.
    chars(&mut f.app, "w");
    let msg = f.app.message.clone().unwrap();
    assert!(msg.contains("書き出しました"), "{msg}");
    assert!(
        data_dir(&f)
            .join("clients/demo/questionnaires/20261121-100000/自社診断_回答用_未記入.xlsx")
            .is_file()
    );
}

#[test]
fn questionnaires_from_the_command_line_filled_and_imported_from_the_app() {
    let mut f = blank(1);
    let tmp = tmp();
    let back = tmp.path().join("回答 戻り");
    std::fs::create_dir(&back).unwrap();
    let files = cli_questionnaires(
        &data_dir(&f),
        &back,
        &["桜井 恭平:経営者", "高野 真理子:管理者", "小川 彩:従業員"],
    );
    assert_eq!(files.len(), 3);
    fill_file(&files[0], "DDDDP", &[(3, "全員に設定済み")]);
    fill_file(&files[1], "DPNDD", &[]);
    fill_file(&files[2], "PNKN-", &[(9, "無線LANはよく知らない")]);
    std::fs::write(back.join("メモ.txt"), "not a spreadsheet").unwrap();

    open_diagnosis(&mut f);
    let base = format!("{}/回答", tmp.path().display());
    type_path(&mut f.app, &base);
    key(&mut f.app, KeyCode::Tab); // the one folder: 回答 戻り/
    key(&mut f.app, KeyCode::Tab); // three forms: their common part, listed
    let screen = shown(&f.app, 80, 24, tmp.path());
    assert!(
        screen.contains("/tmp/.tmpXXXXXX/回答 戻り/自社診断_回答用_"),
        "{screen}"
    );
    assert!(screen.contains("候補 3 件"), "{screen}");
    assert!(!screen.contains("メモ.txt"), "{screen}");
    insta::assert_snapshot!("path_input_80x24", screen);
    insta::assert_snapshot!("path_input_120x40", shown(&f.app, 120, 40, tmp.path()));

    // Back to the folder and import all three.
    for _ in 0.."自社診断_回答用_".chars().count() {
        key(&mut f.app, KeyCode::Backspace);
    }
    key(&mut f.app, KeyCode::Enter);
    let c = client(&f.app).clone();
    let rs = &c.diagnosis.respondents;
    assert_eq!(rs.len(), 3, "{rs:?}");
    let who: Vec<(&str, Role)> = rs.iter().map(|r| (r.name.as_str(), r.role)).collect();
    assert!(who.contains(&("桜井 恭平", Role::Owner)));
    assert!(who.contains(&("高野 真理子", Role::Manager)));
    assert!(who.contains(&("小川 彩", Role::Employee)));
    let ogawa = rs.iter().find(|r| r.name == "小川 彩").unwrap();
    assert_eq!(ogawa.answers, expected("PNKN-"));
    let notes = &review(&c.diagnosis, 9).unwrap().notes;
    assert!(
        notes.contains("【小川 彩（従業員）】無線LANはよく知らない"),
        "{notes}"
    );
    assert_eq!(
        on_disk(&f.app).diagnosis.respondents,
        c.diagnosis.respondents,
        "saved at once"
    );
    let screen = shown(&f.app, 80, 24, tmp.path());
    assert!(
        screen.contains("3 件取り込み、0 件は取り込みませんでした"),
        "{screen}"
    );
    // The command line's line: on one line where it fits, else the file
    // above its outcome.
    assert!(
        screen.contains("OK 自社診断_回答用_小川 彩.xlsx:  ")
            && screen.contains("   小川 彩（従業員）: 回答 20/25、わからない 5、コメント 1"),
        "{screen}"
    );
    let wide = shown(&f.app, 120, 40, tmp.path());
    assert!(
        wide.contains(
            "OK 自社診断_回答用_小川 彩.xlsx: 小川 彩（従業員）: 回答 20/25、わからない 5、コメント 1"
        ),
        "{wide}"
    );
    insta::assert_snapshot!("imported_80x24", screen);
    insta::assert_snapshot!("imported_120x40", shown(&f.app, 120, 40, tmp.path()));

    // Esc: the summary shows the three with their totals.
    key(&mut f.app, KeyCode::Esc);
    assert!(editor_open(&f.app));
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("集計（25問・100点満点）"), "{screen}");
    for r in rs {
        let total = bansou::domain::diagnosis::score(&r.answers).total;
        let line = screen
            .lines()
            .find(|l| l.contains(&r.name))
            .unwrap_or_else(|| panic!("{} missing in\n{screen}", r.name));
        assert!(line.contains(&format!("{total}点")), "{line}");
    }
}

#[test]
fn tab_completes_a_unique_prefix_and_puts_the_cursor_after_it() {
    let mut f = blank(1);
    let tmp = tmp();
    for n in [
        "自社診断_回答用_森田 浩二.xlsx",
        "自社診断_回答用_山本 さくら.xlsx",
    ] {
        std::fs::write(tmp.path().join(n), b"x").unwrap();
    }
    open_diagnosis(&mut f);
    let typed = format!("{}/自社診断_回答用_森", tmp.path().display());
    type_path(&mut f.app, &typed);
    key(&mut f.app, KeyCode::Tab);
    let (screen, cursor) = render_with_cursor(&f.app, 120, 40);
    let want = format!("{}/自社診断_回答用_森田 浩二.xlsx", tmp.path().display());
    let row = screen
        .lines()
        .position(|l| l.contains(&want))
        .unwrap_or_else(|| panic!("not completed:\n{screen}"));
    // The real cursor right after the completed name (the field starts at column 2).
    let x = 2 + unicode_width::UnicodeWidthStr::width(want.as_str()) as u16;
    assert_eq!(cursor, Some((x, row as u16)));
    assert!(!screen.contains("候補"), "unique: nothing listed\n{screen}");

    // Nothing matches: said so, the text left as typed.
    for _ in 0.."森田 浩二.xlsx".chars().count() {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "佐");
    key(&mut f.app, KeyCode::Tab);
    let screen = render(&f.app, 120, 40);
    assert!(screen.contains("自社診断_回答用_佐」に当たる"), "{screen}");
}

/// Twelve files on an 80x24 screen: one line each, cut, the count above.
#[test]
fn many_files_fit_one_line_each_on_a_small_screen() {
    let mut f = blank(1);
    let tmp = tmp();
    let who: Vec<String> = (1..=12).map(|i| format!("回答者{i:02}:従業員")).collect();
    let who: Vec<&str> = who.iter().map(String::as_str).collect();
    for file in cli_questionnaires(&data_dir(&f), tmp.path(), &who) {
        fill_file(&file, "DPNK", &[]);
    }
    open_diagnosis(&mut f);
    type_path(&mut f.app, &format!("{}/", tmp.path().display()));
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(client(&f.app).diagnosis.respondents.len(), 12);
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("12 件取り込み、0 件は取り込みませんでした"),
        "{screen}"
    );
    for i in 1..=12 {
        assert!(
            screen.contains(&format!(
                "OK 自社診断_回答用_回答者{i:02}.xlsx: 回答者{i:02}"
            )),
            "{i} missing in\n{screen}"
        );
    }
    assert!(!screen.contains("ほか"), "{screen}");
}

/// A file from a Mac spells だ as た + ゛ (NFD); what is typed is NFC. Tab
/// still completes it, and Enter opens it by its name on disk.
#[test]
fn a_name_spelled_nfd_on_disk_completes_and_imports() {
    use unicode_normalization::UnicodeNormalization;
    let mut f = blank(1);
    let tmp = tmp();
    let files = cli_questionnaires(&data_dir(&f), tmp.path(), &["山田 だいすけ:経営者"]);
    fill_file(&files[0], "DP", &[]);
    let nfd: String = "自社診断_回答用_山田 だいすけ.xlsx".nfd().collect();
    std::fs::rename(&files[0], tmp.path().join(&nfd)).unwrap();
    open_diagnosis(&mut f);
    type_path(
        &mut f.app,
        &format!("{}/自社診断_回答用_山田 だ", tmp.path().display()),
    );
    key(&mut f.app, KeyCode::Tab);
    let screen = render(&f.app, 120, 40);
    assert!(
        screen.contains("山田 だいすけ.xlsx"),
        "completed, shown NFC\n{screen}"
    );
    key(&mut f.app, KeyCode::Enter);
    let rs = &client(&f.app).diagnosis.respondents;
    assert_eq!(rs.len(), 1, "{}", render(&f.app, 120, 40));
    assert_eq!(rs[0].name, "山田 だいすけ");
    assert_eq!(rs[0].answers, expected("DP"));
}

#[test]
fn a_refused_file_shows_the_refusal_line_and_changes_nothing() {
    let mut f = sample(1);
    let tmp = tmp();
    let files = cli_questionnaires(&data_dir(&f), tmp.path(), &["森田 浩二:従業員"]);
    let bytes = std::fs::read(&files[0]).unwrap();
    let mut spec = answers("DDDDD");
    spec[6] = "たぶんやっている";
    std::fs::write(&files[0], fill(&bytes, &spec, &[])).unwrap();
    let before = client(&f.app).clone();

    open_diagnosis(&mut f);
    type_path(&mut f.app, files[0].to_str().unwrap());
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(client(&f.app), &before, "nothing of the file came in");
    assert_eq!(on_disk(&f.app), before, "nothing saved");
    let screen = shown(&f.app, 80, 24, tmp.path());
    assert!(
        screen.contains("0 件取り込み、1 件は取り込みませんでした"),
        "{screen}"
    );
    assert!(
        screen.contains("NG 自社診断_回答用_森田 浩二.xlsx:  ")
            && screen.contains("   取り込みませんでした。シート「回答用紙」のセル C22"),
        "{screen}"
    );
    assert!(
        screen.contains("たぶんやっている"),
        "names the answer\n{screen}"
    );
    insta::assert_snapshot!("refused_80x24", screen);

    // Esc: the walkthrough, the client as it was.
    key(&mut f.app, KeyCode::Esc);
    assert!(editor_open(&f.app));
    assert_eq!(client(&f.app), &before);
}

#[test]
fn a_respondent_already_present_is_replaced_only_on_a_second_submit() {
    let mut f = sample(1);
    let tmp = tmp();
    let files = cli_questionnaires(&data_dir(&f), tmp.path(), &["小川 彩:従業員"]);
    fill_file(&files[0], "DDDDD", &[]);
    let path = files[0].to_str().unwrap().to_owned();
    open_diagnosis(&mut f);
    let old = client(&f.app).diagnosis.respondents[2].clone();
    assert_eq!(old.name, "小川 彩");

    type_path(&mut f.app, &path);
    key(&mut f.app, KeyCode::Enter);
    let screen = shown(&f.app, 80, 24, tmp.path());
    let wide = shown(&f.app, 120, 40, tmp.path());
    assert!(
        wide.contains("小川 彩（従業員） はもう登録されています"),
        "{wide}"
    );
    assert!(screen.contains("Enter 置き換えて取り込む"), "{screen}");
    assert!(
        !screen.contains("--replace"),
        "no command-line wording\n{screen}"
    );
    assert_eq!(client(&f.app).diagnosis.respondents[2], old, "not yet");
    insta::assert_snapshot!("replace_offer_80x24", screen);
    insta::assert_snapshot!("replace_offer_120x40", shown(&f.app, 120, 40, tmp.path()));

    // Changing the text withdraws the offer: Enter imports as new, refused again.
    key(&mut f.app, KeyCode::Backspace);
    chars(&mut f.app, "x");
    assert!(!render(&f.app, 80, 24).contains("置き換えて取り込む"));
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(client(&f.app).diagnosis.respondents[2], old);
    assert!(render(&f.app, 80, 24).contains("置き換えて取り込む"));

    // The second Enter replaces, in place.
    key(&mut f.app, KeyCode::Enter);
    let rs = &client(&f.app).diagnosis.respondents;
    assert_eq!(rs.len(), 3);
    assert_eq!(rs[2].name, "小川 彩");
    assert_eq!(rs[2].answers, expected("D"));
    assert_eq!(
        on_disk(&f.app).diagnosis.respondents[2].answers,
        expected("D")
    );
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("（置き換え）"), "{screen}");
    assert!(screen.contains("Enter 取り込む"), "offer gone\n{screen}");
}
