//! Values no bansou ever writes, refused when a file is read: a hand-edited
//! `client.toml` with a date in the year 262143 or an agenda item of four
//! billion minutes is an error naming the key, not a panic in the timer
//! arithmetic later.
//!
//! The ranges are those of the inputs: dates are typed with a four-digit
//! year, an agenda item is planned for 1–600 minutes (0 is let through: it is
//! a problem `bansou check` reports).

use crate::domain::model::Stamp;
use chrono::{Datelike, NaiveDate};

use crate::domain::model::Client;

pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;
pub const MAX_MINUTES: u32 = 600;

/// The first value out of range: its key and what is wrong.
pub fn check(c: &Client) -> Result<(), (String, String)> {
    let date = |key: String, d: Option<NaiveDate>| match d {
        Some(d) if !YEARS.contains(&d.year()) => Err((
            key,
            format!(
                "year {} is out of range ({}–{})",
                d.year(),
                YEARS.start(),
                YEARS.end()
            ),
        )),
        _ => Ok(()),
    };
    let at = |key: String, t: Option<Stamp>| date(key, t.map(|t| t.date_naive()));
    at("created_at".into(), Some(c.created_at))?;
    for (i, s) in c.sessions.iter().enumerate() {
        let k = |f: &str| format!("sessions[{i}].{f}");
        date(k("date"), s.date)?;
        date(k("next_date"), s.next_date)?;
        at(k("paused_at"), s.paused_at)?;
        at(k("completed_at"), s.completed_at)?;
        for (j, a) in s.agenda.iter().enumerate() {
            let k = |f: &str| format!("sessions[{i}].agenda[{j}].{f}");
            if a.minutes > MAX_MINUTES {
                return Err((
                    k("minutes"),
                    format!("{} minutes is more than {MAX_MINUTES}", a.minutes),
                ));
            }
            at(k("started_at"), a.started_at)?;
            at(k("ended_at"), a.ended_at)?;
        }
        for (j, n) in s.notes.iter().enumerate() {
            at(format!("sessions[{i}].notes[{j}].at"), Some(n.at))?;
        }
    }
    date("policy.enacted_on".into(), c.policy.enacted_on)?;
    date("policy.published_on".into(), c.policy.published_on)?;
    for (i, r) in c.plan.iter().enumerate() {
        date(format!("plan[{i}].deadline"), r.deadline)?;
    }
    Ok(())
}
