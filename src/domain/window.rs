//! A session's time window (枠): from the planned start to the fixed end
//! (終了予定), the client's hard stop. The fixed end is stored on the
//! session when it is planned and is never moved by the timer or by editing
//! the agenda; the projected end is compared with it.

use crate::domain::model::Stamp;
use chrono::{Duration, NaiveTime, Timelike};

use super::agenda;
use super::model::{Client, Session};
use super::timer::planned_start;

/// The end a plan gives: the planned start plus the agenda's minutes.
pub fn default_end(s: &Session) -> Option<NaiveTime> {
    s.start
        .map(|t| t + Duration::minutes(i64::from(agenda::planned_minutes(&s.agenda))))
}

/// Stores the default end on a session that has a start and no end yet (a
/// new plan, or a file from before the fixed end existed). True when changed.
pub fn settle_end(s: &mut Session) -> bool {
    if s.end.is_some() {
        return false;
    }
    s.end = default_end(s);
    s.end.is_some()
}

/// [`settle_end`] on every session; true when any changed.
pub fn settle_ends(c: &mut Client) -> bool {
    c.sessions
        .iter_mut()
        .fold(false, |changed, s| settle_end(s) | changed)
}

/// The fixed end as a date-time on the day the session runs (the day after
/// when it is earlier than the start); the default end while none is stored.
pub fn fixed_end(s: &Session, now: Stamp) -> Option<Stamp> {
    let start = planned_start(s, now)?;
    let end = s.end.or_else(|| default_end(s))?;
    let day = if end < start.time() {
        start.date_naive().succ_opt()?
    } else {
        start.date_naive()
    };
    Some(super::clock::on(day, end, &start))
}

/// Minutes from the planned start to the fixed end.
pub fn window_minutes(s: &Session) -> Option<i64> {
    let (start, end) = (s.start?, s.end.or_else(|| default_end(s))?);
    let m = (end - start).num_minutes();
    Some(if m < 0 { m + 24 * 60 } else { m })
}

/// `13:30〜16:30（180分）`, or `13:30〜16:30（計画170分／枠180分）` when the
/// plan does not fill the window exactly; `None` without a planned start.
pub fn span_label(s: &Session) -> Option<String> {
    let start = s.start?;
    let end = s.end.or_else(|| default_end(s))?;
    let plan = i64::from(agenda::planned_minutes(&s.agenda));
    let window = window_minutes(s)?;
    let minutes = if plan == window {
        format!("{plan}分")
    } else {
        format!("計画{plan}分／枠{window}分")
    };
    Some(format!(
        "{}〜{}（{minutes}）",
        start.format("%H:%M"),
        end.format("%H:%M")
    ))
}

/// Where the session stands against its fixed end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Projected end at the current pace, to the minute.
    pub projected: Stamp,
    /// The fixed end.
    pub end: Stamp,
    /// Minutes past the fixed end (negative: ahead of it).
    pub over: i64,
}

impl Standing {
    /// `+5分`, `-3分`, or `0分` when the projected end is the fixed end (the issue asked for
    /// `±0分`; `±` is East-Asian-ambiguous and shifts the line in a terminal
    /// that draws those wide, so no sign is shown).
    pub fn offset(&self) -> String {
        match self.over {
            0 => "0分".into(),
            m if m > 0 => format!("+{m}分"),
            m => format!("-{}分", -m),
        }
    }
}

/// The projected end against the fixed end, both to the minute (seconds
/// dropped, so what is shown as HH:MM and the difference always agree).
pub fn standing(s: &Session, now: Stamp) -> Option<Standing> {
    let start = planned_start(s, now)?;
    let end = to_minute(fixed_end(s, now)?);
    // Read in the session's zone, like the fixed end (the app may run in
    // another one than the session was held in).
    let projected = to_minute(
        agenda::projected_end(start, &s.agenda, now, s.paused_at).with_timezone(end.offset()),
    );
    Some(Standing {
        projected,
        end,
        over: (projected - end).num_minutes(),
    })
}

pub(crate) fn to_minute(t: Stamp) -> Stamp {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::AgendaItem;
    use crate::domain::test_clock::{at, hm, planned as session};
    use crate::domain::timer;

    #[test]
    fn the_fixed_end_defaults_to_the_plan_and_is_stored_once() {
        let mut s = session(&[60, 60, 60]);
        assert_eq!(s.end, Some(hm(16, 30)));
        assert!(!settle_end(&mut s), "a stored end is kept");
        s.end = Some(hm(16, 0));
        assert!(!settle_end(&mut s));
        assert_eq!(s.end, Some(hm(16, 0)));
        // No start: no end to settle.
        let mut blank = Session::default();
        assert!(!settle_end(&mut blank));
        assert_eq!(blank.end, None);
    }

    #[test]
    fn an_old_file_without_an_end_reads_the_plan_as_its_end() {
        let mut s = session(&[60, 60]);
        s.end = None;
        assert_eq!(fixed_end(&s, at(9, 0)), Some(at(15, 30)));
        assert_eq!(span_label(&s).unwrap(), "13:30〜15:30（120分）");
    }

    #[test]
    fn no_timer_key_or_agenda_edit_moves_the_fixed_end() {
        let mut s = session(&[10, 60, 10, 40, 40, 10, 10]);
        let end = fixed_end(&s, at(13, 0)).unwrap();
        assert_eq!(end, at(16, 30));
        let now = at(14, 0);
        timer::toggle(&mut s, at(14, 0)); // 30 minutes late
        timer::adjust(&mut s, None, 5);
        timer::adjust(&mut s, None, -5);
        timer::adjust(&mut s, None, 5);
        assert!(timer::replan(&mut s, now).is_ok());
        timer::next(&mut s, at(14, 20));
        timer::prev(&mut s, at(14, 21));
        s.agenda[3].minutes = 55; // retime
        s.agenda.push(AgendaItem {
            title: "追加".into(),
            minutes: 10,
            ..Default::default()
        });
        s.agenda.remove(4); // delete
        s.agenda.swap(4, 5); // reorder
        s.agenda[5].skipped = true;
        assert_eq!(fixed_end(&s, now), Some(end));
        assert_eq!(s.end, Some(hm(16, 30)));
    }

    #[test]
    fn the_label_shows_plan_against_window_when_they_differ() {
        let mut s = session(&[60, 60, 60]);
        assert_eq!(span_label(&s).unwrap(), "13:30〜16:30（180分）");
        s.agenda[0].minutes = 50;
        assert_eq!(
            span_label(&s).unwrap(),
            "13:30〜16:30（計画170分／枠180分）"
        );
        s.agenda[1].skipped = true;
        assert_eq!(
            span_label(&s).unwrap(),
            "13:30〜16:30（計画110分／枠180分）"
        );
        s.start = None;
        assert_eq!(span_label(&s), None);
    }

    #[test]
    fn a_window_past_midnight_ends_the_next_day() {
        let mut s = session(&[60]);
        s.start = Some(hm(23, 30));
        s.end = Some(hm(0, 30));
        assert_eq!(window_minutes(&s), Some(60));
        let end = fixed_end(&s, at(23, 0)).unwrap();
        assert_eq!(end.date_naive(), at(0, 0).date_naive().succ_opt().unwrap());
    }

    #[test]
    fn standing_compares_with_the_fixed_end_to_the_minute() {
        let mut s = session(&[30, 30]);
        let st = standing(&s, at(13, 0)).unwrap();
        assert_eq!((st.projected, st.end, st.over), (at(14, 30), at(14, 30), 0));
        assert_eq!(st.offset(), "0分");
        // Started 12 minutes late.
        timer::toggle(&mut s, at(13, 42));
        let st = standing(&s, at(13, 42)).unwrap();
        assert_eq!((st.over, st.offset()), (12, "+12分".to_owned()));
        // Half a minute on does not change the minute shown.
        let later = at(13, 42) + Duration::seconds(30);
        assert_eq!(standing(&s, later).unwrap().over, 12);
        s.agenda[1].minutes = 10;
        assert_eq!(standing(&s, at(13, 42)).unwrap().offset(), "-8分");
    }
}
