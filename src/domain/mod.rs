//! Pure domain: the client record and the rules on it. No I/O here.

pub mod agenda;
pub mod board;
pub mod carry;
pub mod check;
pub mod clean;
pub mod clock;
pub mod correct;
pub mod dates;
pub mod diagnosis;
pub mod eligibility;
pub mod id;
pub mod intake;
pub mod live;
pub mod minutes;
pub mod model;
pub mod notes;
pub mod parse;
pub mod plan;
pub mod promote;
pub mod readiness;
pub mod step;
pub mod timer;
pub mod window;

#[cfg(test)]
pub(crate) mod testing {
    use super::model::*;
    use chrono::NaiveDate;

    /// A client with nothing filled in, for tests.
    pub fn blank_client() -> Client {
        Client {
            schema_version: SCHEMA_VERSION,
            id: "test".into(),
            created_at: NaiveDate::from_ymd_opt(2026, 11, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .map(crate::domain::clock::jst)
                .unwrap(),
            profile: Profile {
                name: "テスト株式会社".into(),
                ..Profile::default()
            },
            sessions: Default::default(),
            hearing: Vec::new(),
            diagnosis: Diagnosis::default(),
            policy: BasicPolicy::default(),
            regulations: Vec::new(),
            plan: Vec::new(),
            final_evaluation: String::new(),
        }
    }

    /// Notes of the given kinds and texts, taken at 13:00 on 2026-12-02 in
    /// Tokyo during 自社診断の結果.
    pub fn notes(specs: &[(NoteKind, &str)]) -> Vec<Note> {
        specs
            .iter()
            .map(|(kind, text)| Note {
                at: crate::domain::clock::jst(
                    NaiveDate::from_ymd_opt(2026, 12, 2)
                        .unwrap()
                        .and_hms_opt(13, 0, 0)
                        .unwrap(),
                ),
                kind: *kind,
                text: (*text).into(),
                item: Some("自社診断の結果".into()),
                carried: false,
            })
            .collect()
    }
}

/// A fixed day for the tests of the time rules.
#[cfg(test)]
pub(crate) mod test_clock {
    use super::model::{AgendaItem, Session, Stamp};
    use chrono::{NaiveDate, NaiveTime};

    /// `h:m` on 2026-11-24 in Tokyo (+09:00, not UTC, so a rule that drops
    /// the offset shows).
    pub fn at(h: u32, m: u32) -> Stamp {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .map(super::clock::jst)
            .unwrap()
    }

    /// `h:m` as a time of day.
    pub fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// A session on that day from 13:30, one item of each of `mins`
    /// minutes (titled by its minutes), no fixed end stored.
    pub fn session(mins: &[u32]) -> Session {
        Session {
            date: Some(at(0, 0).date_naive()),
            start: Some(hm(13, 30)),
            agenda: mins
                .iter()
                .map(|m| AgendaItem {
                    title: format!("{m}"),
                    minutes: *m,
                    ..Default::default()
                })
                .collect(),
            ..Session::default()
        }
    }

    /// [`session`] planned: its fixed end stored from the plan.
    pub fn planned(mins: &[u32]) -> Session {
        let mut s = session(mins);
        assert!(super::window::settle_end(&mut s));
        s
    }
}
