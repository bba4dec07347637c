//! Planned-versus-actual minutes of a session for its report (予定と実績).
//!
//! Every item's actual minutes are rounded so that they add up to the
//! rounded total, and the wall-clock span of the session is split into the
//! minutes spent on items and the minutes between them or paused, so that
//! every figure a report prints adds up to the others.

use crate::domain::model::Stamp;
use chrono::TimeDelta;

use super::agenda::{ItemState, elapsed, item_state, planned_minutes};
use super::model::{AgendaItem, Session};

/// The minutes a session report prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMinutes {
    /// Actual minutes of each item, `None` for an item not finished.
    pub actual: Vec<Option<i64>>,
    /// Sum of `actual` (finished items).
    pub actual_total: i64,
    /// Planned minutes of every item.
    pub planned_total: i64,
    /// Planned minutes of the finished items only.
    pub planned_done: i64,
    /// First start and last end of the finished items, when any finished.
    pub span: Option<(Stamp, Stamp)>,
    /// Minutes of the span not spent on finished items (pauses, time
    /// between items): `span minutes − actual_total`, never negative.
    pub outside_items: i64,
}

impl SessionMinutes {
    /// Actual minus planned of the finished items.
    pub fn difference(&self) -> i64 {
        self.actual_total - self.planned_done
    }

    /// Minutes from the first start to the last end.
    pub fn span_minutes(&self) -> Option<i64> {
        self.span.map(|_| self.actual_total + self.outside_items)
    }
}

/// Whole minutes of a number of seconds, rounded half away from zero.
pub fn round_minutes(secs: i64) -> i64 {
    (secs + if secs >= 0 { 30 } else { -30 }) / 60
}

/// The minutes of `session` as of `now` (used only for a running item).
///
/// Items are rounded on their running sum (each item gets the rounded sum
/// so far minus the rounded sum before it), so the items always add up to
/// the total; the span is rounded once and the rest of it is
/// `outside_items`.
pub fn session_minutes(session: &Session, now: Stamp) -> SessionMinutes {
    let items = &session.agenda;
    let done = |i: &AgendaItem| item_state(i) == ItemState::Done;
    let mut cum = 0i64;
    let actual: Vec<Option<i64>> = items
        .iter()
        .map(|i| {
            done(i).then(|| {
                let before = round_minutes(cum);
                cum += elapsed(i, now, None).num_seconds().max(0);
                round_minutes(cum) - before
            })
        })
        .collect();
    let actual_total = round_minutes(cum);
    let planned_done = items
        .iter()
        .filter(|i| done(i))
        .map(|i| i64::from(i.minutes))
        .sum();
    let start = items
        .iter()
        .filter(|i| done(i))
        .filter_map(|i| i.started_at)
        .min();
    let end = items
        .iter()
        .filter(|i| done(i))
        .filter_map(|i| i.ended_at)
        .max();
    let span = start.zip(end);
    let outside_items = span
        .map(|(a, b)| {
            let whole = round_minutes((b - a).max(TimeDelta::zero()).num_seconds());
            (whole - actual_total).max(0)
        })
        .unwrap_or(0);
    SessionMinutes {
        actual,
        actual_total,
        planned_total: i64::from(planned_minutes(items)),
        planned_done,
        span,
        outside_items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> Stamp {
        NaiveDate::from_ymd_opt(2026, 11, 10)
            .unwrap()
            .and_hms_opt(h, m, s)
            .map(crate::domain::clock::jst)
            .unwrap()
    }

    fn item(minutes: u32, a: Stamp, b: Option<Stamp>) -> AgendaItem {
        AgendaItem {
            title: "x".into(),
            minutes,
            started_at: Some(a),
            ended_at: b,
            ..AgendaItem::default()
        }
    }

    #[test]
    fn items_add_up_to_the_total_and_the_span() {
        // Seven items of 26 min 30 s each: rounded one by one they would
        // give 7 × 27 = 189 while the session took 185 min 30 s.
        let mut s = Session::default();
        let mut t = at(13, 30, 0);
        for _ in 0..7 {
            let e = t + TimeDelta::seconds(26 * 60 + 30);
            s.agenda.push(item(25, t, Some(e)));
            t = e;
        }
        let m = session_minutes(&s, t);
        let sum: i64 = m.actual.iter().flatten().sum();
        assert_eq!(sum, m.actual_total);
        assert_eq!(m.actual_total, 186);
        assert_eq!(m.span_minutes(), Some(186));
        assert_eq!(m.outside_items, 0);
        assert_eq!(m.planned_total, 175);
        assert_eq!(m.difference(), 11);
    }

    #[test]
    fn gaps_and_pauses_are_the_rest_of_the_span() {
        let mut s = Session::default();
        s.agenda.push(item(10, at(13, 31, 0), Some(at(13, 41, 0))));
        // Five minutes between the items, and a 3-minute pause in the second.
        let mut second = item(60, at(13, 46, 0), Some(at(14, 49, 0)));
        second.paused_secs = 180;
        s.agenda.push(second);
        s.agenda.push(AgendaItem {
            title: "not yet".into(),
            minutes: 40,
            ..AgendaItem::default()
        });
        let m = session_minutes(&s, at(15, 0, 0));
        assert_eq!(m.actual, vec![Some(10), Some(60), None]);
        assert_eq!(m.actual_total, 70);
        assert_eq!(m.planned_done, 70);
        assert_eq!(m.planned_total, 110);
        assert_eq!(m.span, Some((at(13, 31, 0), at(14, 49, 0))));
        assert_eq!(m.span_minutes(), Some(78));
        assert_eq!(m.outside_items, 8);
        assert_eq!(m.difference(), 0);
    }

    #[test]
    fn a_running_item_is_not_counted() {
        let mut s = Session::default();
        s.agenda.push(item(10, at(13, 30, 0), None));
        let m = session_minutes(&s, at(13, 50, 0));
        assert_eq!(m.actual, vec![None]);
        assert_eq!(m.actual_total, 0);
        assert_eq!(m.span, None);
        assert_eq!(m.span_minutes(), None);
    }
}
