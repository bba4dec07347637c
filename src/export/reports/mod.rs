//! Reports to the programme office: `第N回_実施報告` for every session held
//! (a planned one only on request) and `最終報告書` once session 4 is done,
//! each as a [`Doc`] that is written as Markdown and as PDF.

mod final_report;
mod session;

use chrono::{Datelike, NaiveDate, NaiveTime};

pub use final_report::final_report;
pub use session::session_report;

use super::Options;
use super::doc::Doc;
use crate::config::Expert;
use crate::content::Catalog;
use crate::domain::model::{Client, SESSIONS, Session};

/// File stem of the final report.
pub const FINAL_STEM: &str = "最終報告書";
pub const FINAL_FILE: &str = "最終報告書.md";

/// `第N回_実施報告`.
pub fn session_stem(no: usize) -> String {
    format!("第{no}回_実施報告")
}

/// `第N回_実施報告.md`.
pub fn session_file(no: usize) -> String {
    format!("{}.md", session_stem(no))
}

/// Whether a session was held: marked done, or an agenda item was started.
pub fn held(s: &Session) -> bool {
    s.completed_at.is_some() || s.agenda.iter().any(|i| i.started_at.is_some())
}

/// Whether a session gets a report: it was held, or (on request) it has a date.
pub fn has_report(s: &Session, with_planned: bool) -> bool {
    held(s) || (with_planned && s.date.is_some())
}

/// Whether the final report is due: session 4 is done.
pub fn final_due(client: &Client) -> bool {
    client.sessions[SESSIONS - 1].completed_at.is_some()
}

/// Every report due, with its file stem.
pub fn reports(catalog: &Catalog, client: &Client, opts: &Options) -> Vec<(String, Doc)> {
    let mut out: Vec<(String, Doc)> = client
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| has_report(s, opts.with_planned))
        .map(|(i, _)| {
            (
                session_stem(i + 1),
                session_report(catalog, client, i + 1, opts),
            )
        })
        .collect();
    if final_due(client) {
        out.push((FINAL_STEM.into(), final_report(catalog, client, opts)));
    }
    out
}

// ---------------------------------------------------------------------------
// Formatting helpers shared by the reports

const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// `2026年11月10日（火）`.
pub fn date_jp(d: NaiveDate) -> String {
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
    format!("{}（{wd}）", d.format("%Y年%-m月%-d日"))
}

fn date_opt(d: Option<NaiveDate>) -> String {
    d.map(date_jp).unwrap_or_else(|| "未定".into())
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Text on one line: line breaks and runs of spaces folded into one space.
fn inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn signed(min: i64) -> String {
    match min {
        0 => "±0分".into(),
        m if m > 0 => format!("+{m}分"),
        m => format!("−{}分", -m),
    }
}

fn blank_or(s: &str, other: &str) -> String {
    if s.trim().is_empty() {
        other.to_owned()
    } else {
        inline(s)
    }
}

fn attendees(s: &Session) -> String {
    if s.attendees.is_empty() {
        return "未記入".into();
    }
    s.attendees
        .iter()
        .map(|a| {
            if a.role.trim().is_empty() {
                a.name.trim().to_owned()
            } else {
                format!("{}（{}）", a.name.trim(), a.role.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn theme(catalog: &Catalog, no: usize) -> String {
    catalog
        .agenda(no as u8)
        .map(|a| a.theme.clone())
        .unwrap_or_default()
}

/// The expert's details as report fields (担当専門家).
pub fn expert_fields(e: &Expert) -> Vec<(String, String)> {
    let contact: Vec<&str> = [e.email.trim(), e.phone.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    vec![
        ("担当専門家".into(), blank_or(&e.name, "未記入")),
        ("登録番号".into(), blank_or(&e.registration, "未記入")),
        ("所属".into(), blank_or(&e.organization, "未記入")),
        (
            "連絡先".into(),
            if contact.is_empty() {
                "未記入".into()
            } else {
                contact.join("　")
            },
        ),
    ]
}
