//! Writing in the app what the reports need (issue 11 point 4, issue 14
//! point 9): the session's 所感・報告事項 and the final evaluation, the
//! expert's own details saved into config.toml, the export key listing
//! check's warnings and refusing on errors until pressed again, and the
//! policy's company and representative shown from the profile.

use crossterm::event::KeyCode;

use crate::forms_support::{
    Fixture, blank, chars, client, ctrl, draw, editor_open, key, on_disk, read_only, render,
    render_with_cursor, sample,
};

fn message(f: &Fixture) -> String {
    f.app.message.clone().unwrap_or_default()
}

#[test]
fn the_report_text_is_written_from_the_session_screen_and_survives_esc() {
    let mut f = blank(1);
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("報告   未記入（W で書く）"), "{screen}");
    key(&mut f.app, KeyCode::Char('W'));
    assert!(editor_open(&f.app));
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("所感・報告事項（第1回 実施報告）"),
        "{screen}"
    );
    assert!(screen.contains("（未記入）Enter で書きます"), "{screen}");
    key(&mut f.app, KeyCode::Enter);
    // か + combining dakuten: stored NFC as が.
    chars(&mut f.app, "ほぼ予定どおりに進行した。\u{304b}\u{3099}");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "# 見出しではない");
    assert_eq!(
        client(&f.app).sessions[0].report,
        "ほぼ予定どおりに進行した。が\n# 見出しではない"
    );
    // The cursor stands after the text typed, on the second line.
    let (_, cursor) = render_with_cursor(&f.app, 80, 24);
    assert_eq!(cursor, Some((1 + 16, 3)), "after 8 wide characters");
    key(&mut f.app, KeyCode::Esc);
    assert!(
        editor_open(&f.app),
        "Esc leaves the field, the editor stays"
    );
    assert!(message(&f).contains("報告書に載ります"), "{}", message(&f));
    assert_eq!(
        on_disk(&f.app).sessions[0].report,
        "ほぼ予定どおりに進行した。が\n# 見出しではない"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(!editor_open(&f.app));
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("報告   ほぼ予定どおりに進行した"),
        "{screen}"
    );
}

#[test]
fn a_long_report_wraps_and_says_how_much_more_there_is() {
    let mut f = blank(2);
    let long = "朝礼での周知と掲示を組み合わせることで合意した。".repeat(40);
    key(&mut f.app, KeyCode::Char('W'));
    key(&mut f.app, KeyCode::Enter);
    f.app
        .handle_event(&crossterm::event::Event::Paste(long.clone()));
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(client(&f.app).sessions[1].report, long);
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("…あと"), "{screen}");
    for row in screen.lines() {
        assert!(bansou::text::width(row) <= 80, "{row}");
    }
}

#[test]
fn session_four_holds_the_final_evaluation_too() {
    let mut f = sample(4);
    assert!(render(&f.app, 80, 24).contains("最終評"));
    // From the facts pane: Tab to it, down to 報告, Enter.
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Tab);
    for _ in 0..7 {
        key(&mut f.app, KeyCode::Down);
    }
    key(&mut f.app, KeyCode::Enter);
    assert!(editor_open(&f.app), "{}", render(&f.app, 80, 24));
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    chars(
        &mut f.app,
        "四回を通じて基本方針と対策実行計画を策定できた。",
    );
    ctrl(&mut f.app, 's');
    assert_eq!(
        on_disk(&f.app).final_evaluation,
        "四回を通じて基本方針と対策実行計画を策定できた。"
    );
    assert!(client(&f.app).sessions[3].report.is_empty());
    insta::assert_snapshot!("report4_80x24", draw(&f.app, 80, 24).backend());
    insta::assert_snapshot!("report4_120x40", draw(&f.app, 120, 40).backend());
    let wide = render(&f.app, 120, 40);
    assert!(wide.contains("第4回の記録（参考）"), "{wide}");
}

#[test]
fn at_120_columns_the_sessions_notes_stand_beside_the_text() {
    let mut f = sample(1);
    key(&mut f.app, KeyCode::Char('W'));
    let wide = render(&f.app, 120, 40);
    assert!(wide.contains("第1回の記録（参考）"), "{wide}");
    assert!(wide.contains("依頼事項（"), "{wide}");
    assert!(
        !render(&f.app, 80, 24).contains("第1回の記録"),
        "not at 80 columns"
    );
    insta::assert_snapshot!("report1_120x40", draw(&f.app, 120, 40).backend());
}

#[test]
fn the_shared_screen_opens_no_text_editor() {
    let mut f = sample(1);
    key(&mut f.app, KeyCode::Char('b'));
    for k in ['W', 'U'] {
        key(&mut f.app, KeyCode::Char(k));
        assert!(!editor_open(&f.app), "{k}");
        assert!(
            message(&f).contains("大表示中は開きません"),
            "{}",
            message(&f)
        );
    }
}

#[test]
fn on_the_profile_tab_the_report_key_says_where_to_write() {
    let mut f = sample(0);
    key(&mut f.app, KeyCode::Char('W'));
    assert!(!editor_open(&f.app));
    assert!(
        message(&f).contains("各回の画面で書きます"),
        "{}",
        message(&f)
    );
}

#[test]
fn a_read_only_client_refuses_the_report_text() {
    let mut f = read_only(1);
    let before = client(&f.app).sessions[0].report.clone();
    key(&mut f.app, KeyCode::Char('W'));
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "x");
    assert_eq!(client(&f.app).sessions[0].report, before);
    assert!(message(&f).contains("読み取り専用"), "{}", message(&f));
}

fn config_dir(f: &mut Fixture, text: Option<&str>) -> std::path::PathBuf {
    let dir = f._dir.path().join("config");
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(t) = text {
        std::fs::write(dir.join("config.toml"), t).unwrap();
    }
    f.app.config_dir = Some(dir.clone());
    dir
}

const CONFIG: &str = "# 私の設定\nbell = false  # 鳴らさない\n\n[expert]\nname = \"佐藤 花子\"\nregistration = \"第012345号\"      # 登録番号\n";

#[test]
fn the_expert_details_are_saved_into_config_toml_keeping_the_rest() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = sample(1);
    let dir = config_dir(&mut f, Some(CONFIG));
    key(&mut f.app, KeyCode::Char('U'));
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("佐藤 花子") && screen.contains("第012345号"),
        "{screen}"
    );
    // The temporary folder's name, kept at its width.
    let shown = dir.display().to_string();
    let fixed = format!("{:<w$}", "<config>", w = shown.len());
    insta::assert_snapshot!("expert_80x24", screen.replace(&shown, &fixed));
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "佐藤情報セキュリティ事務所");
    let (_, cursor) = render_with_cursor(&f.app, 80, 24);
    assert_eq!(cursor, Some((1 + 26, 9)), "at the end of the text typed");
    key(&mut f.app, KeyCode::Esc);
    let text = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    assert!(
        text.starts_with("# 私の設定\nbell = false  # 鳴らさない\n"),
        "{text}"
    );
    assert!(
        text.contains("registration = \"第012345号\"      # 登録番号"),
        "{text}"
    );
    assert!(
        text.contains("organization = \"佐藤情報セキュリティ事務所\""),
        "{text}"
    );
    let mode = std::fs::metadata(dir.join("config.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        f.app.settings.expert.organization,
        "佐藤情報セキュリティ事務所"
    );
    assert_eq!(
        f.app.settings.expert.name, "佐藤 花子",
        "read from the file"
    );
    assert!(
        message(&f).contains("所属を保存しました"),
        "{}",
        message(&f)
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(!editor_open(&f.app));
}

#[test]
fn a_field_left_unchanged_does_not_write_config_toml() {
    let mut f = sample(1);
    let dir = config_dir(&mut f, Some(CONFIG));
    key(&mut f.app, KeyCode::Char('U'));
    // Edited by hand while the editor is open.
    let by_hand = CONFIG.replace("佐藤 花子", "佐藤 はなこ");
    std::fs::write(dir.join("config.toml"), &by_hand).unwrap();
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(
        std::fs::read_to_string(dir.join("config.toml")).unwrap(),
        by_hand,
        "opening and leaving a field writes nothing"
    );
    assert!(!message(&f).contains("保存しました"), "{}", message(&f));
}

#[test]
fn a_broken_config_toml_is_named_and_never_overwritten() {
    let mut f = sample(1);
    let broken = "keymap = \"vim\"\n[expert\nname = \"x\"\n";
    let dir = config_dir(&mut f, Some(broken));
    key(&mut f.app, KeyCode::Char('U'));
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("設定ファイルを読めません"), "{screen}");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "佐藤");
    key(&mut f.app, KeyCode::Enter);
    let m = message(&f);
    assert!(
        m.contains("保存できません") && m.contains("config.toml:2:"),
        "{m}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("config.toml")).unwrap(),
        broken
    );
    assert!(
        f.app.settings.expert.name.is_empty(),
        "settings follow only a save"
    );
}

#[test]
fn the_expert_details_can_be_edited_on_a_read_only_client_and_reach_the_export() {
    let mut f = read_only(1);
    let dir = config_dir(&mut f, None);
    key(&mut f.app, KeyCode::Char('U'));
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "鈴木 一郎");
    key(&mut f.app, KeyCode::Enter);
    let saved = bansou::config::settings_in(&dir).unwrap();
    assert_eq!(saved.expert.name, "鈴木 一郎");
    key(&mut f.app, KeyCode::Esc);
    // The next export prints the new name.
    key(&mut f.app, KeyCode::Char('e'));
    let m = message(&f);
    assert!(m.starts_with("出力しました: "), "{m}");
    let folder = m
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("出力しました: ");
    let report =
        std::fs::read_to_string(std::path::Path::new(folder).join("第1回_実施報告.md")).unwrap();
    assert!(report.contains("鈴木 一郎"), "{report}");
}

#[test]
fn export_lists_the_warnings_and_refuses_errors_until_pressed_again() {
    let mut f = blank(1);
    let exports = f._dir.path().join("clients/demo/exports");
    // Warnings only (no report text for a session held): exported, listed.
    if let bansou::app::Screen::Client(w) = &mut f.app.screen {
        w.client.sessions[0].completed_at = Some(w.client.created_at);
    }
    key(&mut f.app, KeyCode::Char('e'));
    let m = message(&f);
    assert!(m.starts_with("出力しました: "), "{m}");
    assert!(
        m.contains("  注意 sessions[0].report: 第1回の実施報告の所感が未記入です"),
        "{m}"
    );
    assert!(m.contains("（U で担当専門家の情報を登録できます。"), "{m}");
    assert!(m.contains("件:\n  様式1_ヒアリングシート.xlsx"), "{m}");
    let first: Vec<_> = std::fs::read_dir(&exports).unwrap().collect();
    assert_eq!(first.len(), 1);
    key(&mut f.app, KeyCode::Esc);

    // An error: nothing written, the errors listed, the second press exports.
    if let bansou::app::Screen::Client(w) = &mut f.app.screen {
        w.client.profile.name = " ".into();
    }
    key(&mut f.app, KeyCode::Char('e'));
    let m = message(&f);
    assert!(
        m.starts_with("出力していません: 整合性の誤りが 1 件"),
        "{m}"
    );
    assert!(m.contains("もう一度 e で誤りがあるまま出力します"), "{m}");
    assert!(m.contains("  誤り profile.name: 会社名が空です"), "{m}");
    assert!(m.contains("  注意 sessions[0].report"), "{m}");
    assert_eq!(
        std::fs::read_dir(&exports).unwrap().count(),
        1,
        "nothing written"
    );
    insta::assert_snapshot!("export_refused_80x24", draw(&f.app, 80, 24).backend());
    // Another key takes the question back.
    f.app.now = crate::forms_support::at(10, 1);
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Char('e'));
    assert!(message(&f).starts_with("出力していません"));
    key(&mut f.app, KeyCode::Char('e'));
    let m = message(&f);
    assert!(m.starts_with("誤りがあるまま出力しました: "), "{m}");
    assert!(m.contains("  誤り profile.name"), "{m}");
    assert_eq!(std::fs::read_dir(&exports).unwrap().count(), 2);
}

#[test]
fn the_policy_names_the_profiles_company_read_only() {
    use bansou::domain::model::FormKind;
    let mut f = sample(2);
    crate::forms_support::open_from_pane(
        &mut f.app,
        FormKind::Policy,
        crossterm::event::KeyEvent::new(KeyCode::Tab, crossterm::event::KeyModifiers::NONE),
        KeyCode::Enter,
    );
    let n = client(&f.app).policy.articles.len();
    for _ in 0..(1 + 2 * n + 1) {
        key(&mut f.app, KeyCode::Down);
    }
    let screen = render(&f.app, 120, 40);
    assert!(
        screen.contains("会社名     株式会社さくら精工（企業情報）"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Enter);
    let m = message(&f);
    assert!(m.contains("会社名は企業情報で変更します"), "{m}");
    assert!(
        !render(&f.app, 120, 40).contains("入力中"),
        "no field opened"
    );
    // A rename in the profile reaches the policy's preview at once.
    if let bansou::app::Screen::Client(w) = &mut f.app.screen {
        w.client.profile.name = "株式会社さくら精機".into();
    }
    let screen = render(&f.app, 120, 40);
    assert!(
        screen.contains("株式会社さくら精機（企業情報）"),
        "{screen}"
    );
    assert!(screen.contains("株式会社さくら精機（以下"), "{screen}");
}
