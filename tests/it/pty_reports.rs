//! End to end: the real binary at 80×24 — the session's report text and
//! the expert's own details written by keys in Japanese, found in
//! client.toml and config.toml, and in the exported report.

use std::time::Duration;

use crate::pty_support::*;

/// A pause after Esc: a key right behind it would be read as Alt-key.
fn settle() {
    std::thread::sleep(Duration::from_millis(300));
}

#[test]
fn the_report_text_and_the_experts_details_reach_the_files_and_the_report() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "# 自分用\nbell = false\n",
    )
    .unwrap();
    new_client(data.path(), config.path(), "r");
    let env = Env {
        rows: 24,
        cols: 80,
        ..Env::new(data.path(), config.path())
    };
    let mut s = Screen::start_in(&env, &["open", "r", "--session", "1"]);
    s.wait_for("報告   未記入（W で書く）");
    s.send(" "); // the session is held: its report is exported
    s.wait_for("進行中");
    s.send("W");
    s.wait_for("所感・報告事項（第1回 実施報告）");
    s.send("\r");
    s.send("ヒアリングは予定どおり。");
    s.send("\r");
    s.send("次回は基本方針を検討する。");
    s.wait_for("次回は基本方針を検討する。");
    // The cursor after the text typed, on the field's second line.
    assert_eq!(s.cursor(), (3, 1 + 26), "{}", s.screen());
    s.send("\x1b");
    s.wait_for("報告書に載ります");
    settle();
    s.send("\x1b");
    s.wait_gone("所感・報告事項（第1回");
    s.wait_for("報告   ヒアリングは予定どおり。");

    s.send("U");
    s.wait_for("担当専門家（あなた）");
    s.send("\r");
    s.send("佐藤 花子");
    s.send("\r");
    s.wait_for("氏名を保存しました");
    settle();
    s.send("\x1b");
    s.wait_gone("担当専門家（あなた）");
    s.quit();

    let c = load(data.path(), "r");
    assert_eq!(
        c.sessions[0].report,
        "ヒアリングは予定どおり。\n次回は基本方針を検討する。"
    );
    let text = std::fs::read_to_string(config.path().join("config.toml")).unwrap();
    assert!(text.starts_with("# 自分用\nbell = false\n"), "{text}");
    assert!(text.contains("[expert]\nname = \"佐藤 花子\"\n"), "{text}");

    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("x");
    let dir_arg = dir.display().to_string();
    let listed = cli(
        data.path(),
        config.path(),
        &["export", "r", "--out", &dir_arg],
    );
    let report = std::fs::read_to_string(dir.join("第1回_実施報告.md"))
        .unwrap_or_else(|e| panic!("{e}: {listed}"));
    assert!(report.contains("佐藤 花子"), "{report}");
    assert!(
        report.contains("ヒアリングは予定どおり。\\\n次回は基本方針を検討する。"),
        "{report}"
    );
}
