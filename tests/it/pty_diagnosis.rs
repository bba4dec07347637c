//! End to end: the self-diagnosis walkthrough in the real binary in a
//! pseudo-terminal — a respondent added and 25 answers entered by keys, the
//! total found on screen and in client.toml.

use std::time::Duration;

use crate::pty_support::*;

#[test]
fn twenty_five_answers_typed_in_a_terminal_give_the_total_on_screen_and_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let id = new_client(data.path(), config.path(), "pty-forms");
    let mut s = Screen::start(data.path(), config.path(), &["open", &id, "--session", "1"]);
    s.wait_for("議事次第");
    // Agenda item 4 (自社診断結果の確認) links the walkthrough.
    s.send("\x1b[B\x1b[B\x1b[B");
    s.send("\r");
    s.wait_for("まだ回答者がいません");
    s.send("a");
    s.wait_for("回答者の名前");
    s.send("山田 太郎");
    s.send("\r");
    s.wait_for("Q1 / 25");
    // Part1 4+4+0-1+4, Part2 11×4+2+0, Part3 4×4+2+2+0: 11 + 46 + 20 = 77.
    s.send("zzcvz");
    s.send("zzzzzzzzzzzxc");
    s.send("zzzzxxc");
    s.wait_for("全25問に回答しました");
    s.wait_for("77点");
    // On disk within a second of the last key, before quitting.
    std::thread::sleep(Duration::from_millis(800));
    let path = data.path().join("clients").join(&id).join("client.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name = \"山田 太郎\""), "{text}");
    assert!(text.contains("role = \"経営者\""), "{text}");
    let client = load(data.path(), &id);
    let r = &client.diagnosis.respondents[0];
    let score = bansou::domain::diagnosis::score(&r.answers);
    assert!(score.complete());
    assert_eq!(score.parts, [11, 46, 20]);
    assert_eq!(score.total, 77);
    s.quit();
}
