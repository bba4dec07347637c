//! End to end: the real binary in a pseudo-terminal; an action-plan row
//! (様式3) is added by keys — Japanese text, a picker, a deadline — and is
//! found in client.toml while the program still runs and after it quits.

use std::time::{Duration, Instant};

use crate::pty_support::*;

const RIGHT: &str = "\x1b[C";
const DOWN: &str = "\x1b[B";
const CTRL_S: &str = "\x13";

#[test]
fn a_plan_row_added_by_keys_is_in_client_toml() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    new_client(data.path(), config.path(), "plan");
    let file = data.path().join("clients").join("plan").join("client.toml");

    let mut s = Screen::start(
        data.path(),
        config.path(),
        &["open", "plan", "--session", "3"],
    );
    s.wait_for("議事次第");
    // Agenda → notes → facts → preparation → form pane (the plan in session 3).
    s.send("\t\t\t\t\r");
    s.wait_for("まだ行がありません");
    s.send("a"); // a new row; 現状と課題 opens for typing
    s.wait_for("Enter:改行");
    s.send("無線LANのパスワードが初期設定のまま");
    s.send("\r"); // a line break, not the end of the field
    s.send("来客と共用している q");
    s.send(CTRL_S);
    s.send(RIGHT); // 具体的改善対策
    s.send("\r");
    s.send("パスワードを変更し来客用を分離する");
    s.send(CTRL_S);
    s.send(&RIGHT.repeat(2)); // 連携, 緊急度
    s.send("\r"); // the picker
    s.wait_for("（未評価）"); // only in the picker: the row shows "-"
    s.send(&"\x1b[A".repeat(3)); // up to 高
    s.send("\r");
    s.wait_gone("（未評価）");
    s.send(&RIGHT.repeat(4)); // 重要度, 難易度, 実施可否, 実施期限
    s.send("\r");
    s.send("2027/3/31\r");
    // On disk before quitting (every change is saved as it is made).
    let deadline = Instant::now() + DEADLINE;
    let mut text = String::new();
    while Instant::now() < deadline {
        text = std::fs::read_to_string(&file).unwrap();
        if text.contains("deadline = \"2027-03-31\"") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        text.contains("無線LANのパスワードが初期設定のまま\n来客と共用している q\"\"\""),
        "{text}"
    );
    assert!(
        text.contains("パスワードを変更し来客用を分離する"),
        "{text}"
    );
    assert!(text.contains("deadline = \"2027-03-31\""), "{text}");
    // Sorting and filtering by key leave the row alone.
    s.send("s");
    s.send("/");
    s.send(DOWN);
    s.send("\x1b"); // close the editor
    std::thread::sleep(Duration::from_millis(300));
    s.quit();

    let client = load(data.path(), "plan");
    assert_eq!(client.plan.len(), 1);
    let row = &client.plan[0];
    assert_eq!(
        row.current,
        "無線LANのパスワードが初期設定のまま\n来客と共用している q"
    );
    assert_eq!(row.measure, "パスワードを変更し来客用を分離する");
    assert_eq!(
        row.ratings.urgency,
        Some(bansou::domain::model::Level::High)
    );
    assert_eq!(row.deadline, chrono::NaiveDate::from_ymd_opt(2027, 3, 31));
    assert!(
        client.sessions[2].agenda[0].started_at.is_none(),
        "keys typed into fields never reached the timer"
    );
}
