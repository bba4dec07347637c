//! End to end: three questionnaires written by `bansou questionnaire` into a
//! folder with a Japanese name, filled by the test, and brought in from the
//! real binary in a pseudo-terminal — the path completed with Tab, imported
//! with Enter, the three on the summary and in client.toml.

use std::path::PathBuf;

use crate::intake_support;
use crate::pty_support::*;

const PEOPLE: [&str; 3] = ["桜井 恭平:経営者", "高野 真理子:管理者", "小川 彩:従業員"];

#[test]
fn three_filled_questionnaires_come_in_from_the_app_with_a_completed_path() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path(), "pty-intake");
    let folder = tempfile::tempdir().unwrap();
    let back = folder.path().join("回答 戻り");
    let mut args = vec!["questionnaire", &id, "--out", back.to_str().unwrap()];
    for p in PEOPLE {
        args.extend(["--respondent", p]);
    }
    let files: Vec<PathBuf> = cli(data.path(), config.path(), &args)
        .lines()
        .map(PathBuf::from)
        .collect();
    assert_eq!(files.len(), 3);
    let all_done = ["実施している"; 25];
    let mut mixed = ["一部実施している"; 25];
    mixed[4] = "わからない";
    let none = ["実施していない"; 25];
    for (f, answers) in files.iter().zip([all_done, mixed, none]) {
        let bytes = std::fs::read(f).unwrap();
        std::fs::write(f, intake_support::fill(&bytes, &answers, &[])).unwrap();
    }

    // The smallest screen bansou supports.
    let env = Env {
        rows: 24,
        cols: 80,
        ..Env::new(data.path(), config.path())
    };
    let mut s = Screen::start_in(&env, &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    s.send("\x1b[B\x1b[B\x1b[B");
    s.send("\r");
    s.wait_for("まだ回答者がいません");
    s.send("I");
    s.wait_for("ファイルまたはフォルダ");
    // The folder's name completed by Tab from its first character.
    s.send(&format!("{}/回", folder.path().display()));
    s.send("\t");
    s.wait_for("戻り/");
    // The terminal's cursor right after the completed folder, in the field
    // (inside two borders: column 2).
    let typed = format!("{}/回答 戻り/", folder.path().display());
    let row = s
        .screen()
        .lines()
        .position(|l| l.contains(&typed))
        .expect("the completed path on screen") as u16;
    let col = 2 + unicode_width::UnicodeWidthStr::width(typed.as_str()) as u16;
    assert_eq!(s.cursor(), (row, col), "{}", s.screen());
    assert!(s.cursor_shown());
    s.send("\r");
    s.wait_for("3 件取り込み");
    s.send("\x1b");
    s.wait_for("集計");
    s.wait_for("100点");
    let client = load(data.path(), &id);
    let totals: Vec<(String, i32)> = client
        .diagnosis
        .respondents
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                bansou::domain::diagnosis::score(&r.answers).total,
            )
        })
        .collect();
    assert_eq!(totals.len(), 3, "{totals:?}");
    assert!(totals.contains(&("桜井 恭平".into(), 100)), "{totals:?}");
    assert!(totals.contains(&("高野 真理子".into(), 47)), "{totals:?}");
    assert!(totals.contains(&("小川 彩".into(), 0)), "{totals:?}");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}
