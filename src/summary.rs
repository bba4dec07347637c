//! A plain-text summary of a client, for `bansou open` outside a terminal UI
//! and for quick looks in a shell.

use crate::domain::model::Stamp;
use std::fmt::Write;

use crate::content::Catalog;
use crate::domain::agenda::{self, ItemState, item_state};
use crate::domain::diagnosis::{GAP_THRESHOLD, gaps, score};
use crate::domain::eligibility::verdict;
use crate::domain::model::{Client, Session};
use crate::domain::readiness::readiness;

pub fn summary(client: &Client, catalog: &Catalog, session: Option<u8>, now: Stamp) -> String {
    let mut s = String::new();
    let p = &client.profile;
    let _ = writeln!(s, "{} ({})", p.name, client.id);
    let _ = writeln!(
        s,
        "対象判定: {}",
        verdict(p, &catalog.eligibility).summary()
    );
    let _ = writeln!(s, "SECURITY ACTION: {}", p.security_action.label());
    for (i, sess) in client.sessions.iter().enumerate() {
        let no = i as u8 + 1;
        if session.is_some_and(|n| n != no) {
            continue;
        }
        session_lines(&mut s, no, sess, catalog, now, session.is_some());
    }
    let answered = client
        .hearing
        .iter()
        .filter(|h| !h.answer.trim().is_empty())
        .count();
    let total = catalog.hearing_points().count();
    let _ = writeln!(s, "ヒアリングシート: {answered}/{total} 項目回答");
    for r in &client.diagnosis.respondents {
        let sc = score(&r.answers);
        let band = &catalog.diagnosis.band(sc.band()).label;
        let _ = writeln!(
            s,
            "自社診断 {} ({}): {}点 [{}/{}/{}] {} ({}/25 問)",
            r.name,
            r.role.label(),
            sc.total,
            sc.parts[0],
            sc.parts[1],
            sc.parts[2],
            band,
            sc.answered
        );
    }
    let g = gaps(&client.diagnosis.respondents, GAP_THRESHOLD);
    if !g.is_empty() {
        let nos: Vec<String> = g.iter().map(|g| format!("{}", g.no)).collect();
        let _ = writeln!(
            s,
            "回答者間の差 ({GAP_THRESHOLD}点以上): 設問 {}",
            nos.join(", ")
        );
    }
    let with_status = client
        .regulations
        .iter()
        .filter(|r| r.status.is_some())
        .count();
    let _ = writeln!(
        s,
        "関連規程類の点検: {with_status}/{} 件",
        client.regulations.len()
    );
    let _ = writeln!(s, "対策実行計画: {} 行", client.plan.len());
    let r = readiness(client);
    for c in &r.checks {
        let _ = writeln!(
            s,
            "★★ {}: {}",
            c.label,
            c.missing.as_deref().unwrap_or("済")
        );
    }
    s
}

fn session_lines(
    s: &mut String,
    no: u8,
    sess: &Session,
    catalog: &Catalog,
    now: Stamp,
    detail: bool,
) {
    let date = sess
        .date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "日付未定".into());
    let mode = sess.mode.map(|m| m.label()).unwrap_or("形態未定");
    let state = if sess.completed_at.is_some() {
        "実施済"
    } else {
        "未実施"
    };
    let theme = catalog.agenda(no).map(|a| a.theme.as_str()).unwrap_or("");
    let _ = writeln!(s, "第{no}回 {date} {mode} {state} — {theme}");
    if !detail {
        return;
    }
    let Some(start) = sess.start else { return };
    let starts = agenda::planned_starts(start, &sess.agenda);
    for (item, planned) in sess.agenda.iter().zip(starts) {
        let mark = match item_state(item) {
            ItemState::Done => "済",
            ItemState::Running => "中",
            ItemState::Pending => "・",
            ItemState::Skipped => "省",
        };
        let actual = match (item.started_at, item.ended_at) {
            (Some(a), Some(b)) => format!(" 実績 {}–{}", a.format("%H:%M"), b.format("%H:%M")),
            (Some(a), None) => format!(" 実績 {}–", a.format("%H:%M")),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "  {mark} {} {:>3}分 {}{actual}",
            planned.format("%H:%M"),
            item.minutes,
            item.title
        );
    }
    if let Some(st) = crate::domain::window::standing(sess, now)
        && sess.completed_at.is_none()
    {
        let _ = writeln!(
            s,
            "  終了予定 {} / 見込み {}（{}）",
            st.end.format("%H:%M"),
            st.projected.format("%H:%M"),
            st.offset()
        );
    }
    for n in &sess.notes {
        let _ = writeln!(
            s,
            "  [{}] {} {}",
            n.kind.label(),
            n.at.format("%H:%M"),
            n.text
        );
    }
}
