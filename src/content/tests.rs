use crate::domain::model::Stamp;
use std::fs;

use super::*;
use crate::domain::agenda::{planned_end, planned_minutes};
use crate::domain::model::{DIAGNOSIS_ITEMS, REGULATIONS, SESSIONS};

#[test]
fn every_builtin_catalog_loads_and_validates() {
    let c = Catalog::builtin().unwrap();
    assert_eq!(c.agendas.session.len(), SESSIONS);
    assert_eq!(c.checklists.session.len(), SESSIONS);
    assert_eq!(c.hearing.section.len(), 7);
    assert_eq!(c.diagnosis.item.len(), DIAGNOSIS_ITEMS);
    assert_eq!(c.regulations.regulation.len(), REGULATIONS);
    assert_eq!(c.policy.article.len(), 5);
    assert_eq!(c.plan.area.len(), 4);
    assert_eq!(c.eligibility.category.len(), 15);
    // Section 5 of the hearing sheet has the nine IT-environment sub-points.
    assert_eq!(c.hearing.section[4].point.len(), 9);
}

#[test]
fn session_one_is_the_example_schedule_from_half_past_one_to_half_past_four() {
    let c = Catalog::builtin().unwrap();
    let s1 = c.agenda(1).unwrap();
    let minutes: Vec<u32> = s1.item.iter().map(|i| i.minutes).collect();
    assert_eq!(minutes, [10, 60, 10, 40, 40, 10, 10]);
    let client = c.new_client("x", "x", Stamp::default());
    let items = &client.sessions[0].agenda;
    assert_eq!(planned_minutes(items), 180);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_time(s1.start);
    let start = crate::domain::clock::jst(start);
    assert_eq!(
        planned_end(start, items).format("%H:%M").to_string(),
        "16:30"
    );
    assert_eq!(s1.start.format("%H:%M").to_string(), "13:30");
}

#[test]
fn sessions_two_to_four_last_two_to_three_hours() {
    let c = Catalog::builtin().unwrap();
    for no in 2..=4 {
        let total: u32 = c.agenda(no).unwrap().item.iter().map(|i| i.minutes).sum();
        assert!((120..=180).contains(&total), "session {no}: {total} min");
    }
}

#[test]
fn eligibility_table_has_the_official_limits() {
    let c = Catalog::builtin().unwrap();
    let lim = |no: u8| {
        let cat = c.eligibility.get(no).unwrap();
        (
            cat.capital_limit_yen,
            cat.employee_limit,
            cat.by_main_industry,
        )
    };
    assert_eq!(lim(1), (Some(300_000_000), Some(300), false));
    assert_eq!(lim(2), (Some(100_000_000), Some(100), false));
    assert_eq!(lim(3), (Some(50_000_000), Some(100), false));
    assert_eq!(lim(4), (Some(50_000_000), Some(50), false));
    assert_eq!(lim(5), (Some(300_000_000), Some(900), false));
    assert_eq!(lim(7), (Some(50_000_000), Some(200), false));
    assert_eq!(lim(9), (None, Some(300), false));
    assert_eq!(lim(11), (None, Some(100), false));
    assert_eq!(lim(15), (None, None, true));
}

#[test]
fn a_new_client_copies_agendas_checklists_regulations_and_policy() {
    let c = Catalog::builtin().unwrap();
    let client = c.new_client("acme", "株式会社テスト", Stamp::default());
    for (i, s) in client.sessions.iter().enumerate() {
        assert_eq!(s.agenda.len(), c.agendas.session[i].item.len());
        assert_eq!(s.prep.len(), c.checklists.session[i].item.len());
    }
    assert_eq!(client.regulations.len(), 11);
    assert!(client.policy.preamble.contains("株式会社テスト"));
    assert!(!client.policy.preamble.contains("{company}"));
    assert_eq!(client.policy.articles.len(), 5);
}

fn override_with(name: &str, text: &str) -> ContentError {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    Catalog::load(Some(dir.path())).unwrap_err()
}

#[test]
fn an_override_replaces_the_builtin_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = AGENDAS.text.replacen("minutes = 10", "minutes = 15", 1);
    text.push('\n');
    fs::write(dir.path().join("agendas.toml"), &text).unwrap();
    let c = Catalog::load(Some(dir.path())).unwrap();
    assert_eq!(c.agendas.session[0].item[0].minutes, 15);
    // Files not overridden stay built in.
    assert_eq!(c.diagnosis.item.len(), 25);
}

#[test]
fn a_syntax_error_names_file_line_and_key() {
    let e = override_with(
        "plan.toml",
        "priority_rule = \"x\"\nhorizon_months = \"two years\"\n",
    );
    assert!(e.file.ends_with("plan.toml"), "{e}");
    assert_eq!(e.line, Some(2), "{e}");
    assert_eq!(e.key.as_deref(), Some("horizon_months"), "{e}");
    let shown = e.to_string();
    assert!(shown.contains("plan.toml:2:"), "{shown}");
}

#[test]
fn a_wrong_type_deep_in_a_table_names_its_line() {
    let text = DIAGNOSIS.text.replacen("part = 1", "part = \"one\"", 1);
    let line = text
        .lines()
        .position(|l| l.contains("part = \"one\""))
        .unwrap()
        + 1;
    let e = override_with("diagnosis.toml", &text);
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.key.as_deref(), Some("part"), "{e}");
}

#[test]
fn an_unknown_key_is_refused() {
    let text = format!(
        "{}\n[[category]]\nno = 16\nname = \"x\"\nemployee_limt = 5\n",
        ELIGIBILITY.text
    );
    let e = override_with("eligibility.toml", &text);
    assert!(e.message.contains("employee_limt"), "{e}");
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn a_catalog_missing_an_item_is_refused_with_its_place() {
    // Drop the last diagnosis item: 24 items.
    let cut = DIAGNOSIS.text.rfind("[[item]]").unwrap();
    let e = override_with("diagnosis.toml", &DIAGNOSIS.text[..cut]);
    assert_eq!(e.key.as_deref(), Some("item"), "{e}");
    assert!(e.message.contains("expected 25"), "{e}");
}

#[test]
fn a_misnumbered_entry_names_the_table_it_is_in() {
    let text = super::REGULATIONS.text.replacen("no = 3", "no = 30", 1);
    let e = override_with("regulations.toml", &text);
    let line = text.lines().position(|l| l.trim() == "no = 30").unwrap(); // header is the line before
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.key.as_deref(), Some("regulation[2].no"), "{e}");
}

#[test]
fn official_answer_points_cannot_be_changed() {
    let text = DIAGNOSIS.text.replacen("points = -1", "points = 0", 1);
    let e = override_with("diagnosis.toml", &text);
    assert_eq!(e.key.as_deref(), Some("answer[3].label"), "{e}");
}

#[test]
fn bytes_that_are_not_utf8_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("policy.toml"), b"title = \"\xff\"\n").unwrap();
    let e = Catalog::load(Some(dir.path())).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("UTF-8"));
}

#[test]
fn the_break_and_the_closing_q_and_a_are_fixed_and_copied_with_the_end() {
    let c = Catalog::builtin().unwrap();
    let client = c.new_client("x", "x", Stamp::default());
    for (i, s) in client.sessions.iter().enumerate() {
        let fixed: Vec<&str> = s
            .agenda
            .iter()
            .filter(|it| it.fixed)
            .map(|it| it.title.as_str())
            .collect();
        assert_eq!(fixed.len(), 2, "session {}: {fixed:?}", i + 1);
        assert_eq!(fixed[0], "休憩");
        assert!(fixed[1].starts_with("質疑応答"), "{fixed:?}");
        assert!(s.agenda.last().unwrap().fixed, "the closing Q&A is last");
        // The fixed end: the start plus the agenda's minutes.
        let end =
            s.start.unwrap() + chrono::Duration::minutes(i64::from(planned_minutes(&s.agenda)));
        assert_eq!(s.end, Some(end), "session {}", i + 1);
    }
    assert_eq!(
        client.sessions[0].end.unwrap().format("%H:%M").to_string(),
        "16:30"
    );
}

#[test]
fn a_session_with_every_item_fixed_is_refused() {
    // Session 1 of a one-item-per-session override, its only item fixed.
    let mut text = String::new();
    for no in 1..=4 {
        let fixed = if no == 2 { "fixed = true\n" } else { "" };
        text.push_str(&format!(
            "[[session]]\nno = {no}\ntheme = \"t\"\nstart = \"13:30\"\n[[session.item]]\ntitle = \"a\"\nminutes = 10\n{fixed}"
        ));
    }
    let e = override_with("agendas.toml", &text);
    assert!(e.message.contains("every item is fixed"), "{e}");
    assert!(
        e.key.as_deref().is_some_and(|k| k.contains("session[1]")),
        "{e}"
    );
}
