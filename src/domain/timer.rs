//! Timekeeping on a session: start/pause, next/previous item, extend/shorten,
//! re-plan. Actual times are state in the session, not memory, so the timer
//! survives quitting and reopening.

use chrono::NaiveDateTime;

use super::agenda::{self, ItemState, MIN_ITEM_MINUTES, SqueezeError, current, item_state};
use super::model::Session;

/// Planned start as a date-time. The day is the one the session actually runs
/// (its first recorded start), else its planned date, else today — so a
/// session held on another day than planned is still timed against its plan.
pub fn planned_start(s: &Session, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let day = s
        .agenda
        .iter()
        .find_map(|i| i.started_at)
        .map(|t| t.date())
        .or(s.date)
        .unwrap_or(now.date());
    s.start.map(|t| day.and_time(t))
}

/// What a timer operation did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Started(usize),
    Paused,
    Resumed,
    Moved(usize),
    Finished,
    Reopened(usize),
    Retimed { item: usize, minutes: u32 },
    Replanned(Vec<(usize, u32)>),
    Nothing(&'static str),
}

fn resume(s: &mut Session, now: NaiveDateTime) {
    if let Some(p) = s.paused_at.take()
        && let Some(i) = current(&s.agenda)
    {
        let secs = (now - p).num_seconds().max(0);
        s.agenda[i].paused_secs = s.agenda[i].paused_secs.saturating_add(secs as u32);
    }
}

fn first_pending(s: &Session) -> Option<usize> {
    s.agenda
        .iter()
        .position(|i| item_state(i) == ItemState::Pending)
}

/// Space: start the first pending item, pause, or resume.
pub fn toggle(s: &mut Session, now: NaiveDateTime) -> Outcome {
    if s.paused_at.is_some() {
        resume(s, now);
        return Outcome::Resumed;
    }
    if current(&s.agenda).is_some() {
        s.paused_at = Some(now);
        return Outcome::Paused;
    }
    match first_pending(s) {
        Some(i) => {
            s.agenda[i].started_at = Some(now);
            s.completed_at = None;
            Outcome::Started(i)
        }
        None => Outcome::Nothing("すべての議題が終了しています"),
    }
}

/// `]`: end the running item now and start the next pending one; after the
/// last item the session is finished.
pub fn next(s: &mut Session, now: NaiveDateTime) -> Outcome {
    resume(s, now);
    if let Some(i) = current(&s.agenda) {
        s.agenda[i].ended_at = Some(now);
    }
    match first_pending(s) {
        Some(i) => {
            s.agenda[i].started_at = Some(now);
            s.completed_at = None;
            Outcome::Moved(i)
        }
        None if s.agenda.iter().any(|i| i.started_at.is_some()) => {
            if s.completed_at.is_none() {
                s.completed_at = Some(now);
            }
            Outcome::Finished
        }
        None => Outcome::Nothing("議題がありません"),
    }
}

/// `[`: back to the previous item: the running one returns to pending and the
/// one before it runs again (its time continues from its start).
pub fn prev(s: &mut Session, now: NaiveDateTime) -> Outcome {
    resume(s, now);
    let last_done = |s: &Session, before: usize| {
        s.agenda[..before]
            .iter()
            .rposition(|i| item_state(i) == ItemState::Done)
    };
    let reopen = match current(&s.agenda) {
        Some(i) => {
            s.agenda[i].started_at = None;
            s.agenda[i].paused_secs = 0;
            last_done(s, i)
        }
        None => last_done(s, s.agenda.len()),
    };
    match reopen {
        Some(j) => {
            s.agenda[j].ended_at = None;
            s.completed_at = None;
            Outcome::Reopened(j)
        }
        None => Outcome::Nothing("前の議題はありません"),
    }
}

/// `+`/`-`: change the running item (or `fallback` when none runs) by `delta` minutes, not under 5.
pub fn adjust(s: &mut Session, fallback: Option<usize>, delta: i32) -> Outcome {
    let Some(i) = current(&s.agenda)
        .or(fallback)
        .filter(|i| *i < s.agenda.len())
    else {
        return Outcome::Nothing("対象の議題がありません");
    };
    let item = &mut s.agenda[i];
    let floor = item.minutes.min(MIN_ITEM_MINUTES);
    let new = (i64::from(item.minutes) + i64::from(delta)).clamp(i64::from(floor), 600) as u32;
    if new == item.minutes {
        return Outcome::Nothing("これ以上短くできません（最短5分）");
    }
    item.minutes = new;
    Outcome::Retimed {
        item: i,
        minutes: new,
    }
}

/// Squeeze the items still to come so the session lands on its planned end.
/// The running item keeps its plan; only pending items are squeezed.
pub fn replan(s: &mut Session, now: NaiveDateTime) -> Result<Outcome, SqueezeError> {
    let start = planned_start(s, now).unwrap_or(now);
    let end = agenda::planned_end(start, &s.agenda);
    let running_left = current(&s.agenda)
        .map(|i| {
            agenda::remaining(&s.agenda[i], now, s.paused_at)
                .num_minutes()
                .max(0)
        })
        .unwrap_or(0);
    // Before the first item starts, the session starts at the later of now and the plan.
    let from = if s.agenda.iter().all(|i| i.started_at.is_none()) {
        now.max(start)
    } else {
        now
    };
    let available = agenda::available_minutes(from, end) - running_left;
    let pending: Vec<usize> = (0..s.agenda.len())
        .filter(|i| item_state(&s.agenda[*i]) == ItemState::Pending)
        .collect();
    let minutes: Vec<u32> = pending.iter().map(|i| s.agenda[*i].minutes).collect();
    let new = agenda::squeeze(&minutes, available)?;
    let mut changed = Vec::new();
    for (i, m) in pending.into_iter().zip(new) {
        if s.agenda[i].minutes != m {
            s.agenda[i].minutes = m;
            changed.push((i, m));
        }
    }
    Ok(Outcome::Replanned(changed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::AgendaItem;
    use chrono::{NaiveDate, NaiveTime};

    use crate::domain::test_clock::at;

    fn session(mins: &[u32]) -> Session {
        Session {
            date: NaiveDate::from_ymd_opt(2026, 11, 24),
            start: NaiveTime::from_hms_opt(13, 30, 0),
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

    #[test]
    fn start_pause_resume_accounts_for_the_pause() {
        let mut s = session(&[10, 20]);
        assert_eq!(toggle(&mut s, at(13, 30)), Outcome::Started(0));
        assert_eq!(toggle(&mut s, at(13, 35)), Outcome::Paused);
        assert_eq!(s.paused_at, Some(at(13, 35)));
        assert_eq!(toggle(&mut s, at(13, 45)), Outcome::Resumed);
        assert_eq!(s.agenda[0].paused_secs, 600);
        assert_eq!(
            agenda::remaining(&s.agenda[0], at(13, 45), None).num_minutes(),
            5
        );
    }

    #[test]
    fn next_records_actual_times_and_finishes_after_the_last() {
        let mut s = session(&[10, 20]);
        assert_eq!(next(&mut s, at(13, 31)), Outcome::Moved(0));
        assert_eq!(next(&mut s, at(13, 44)), Outcome::Moved(1));
        assert_eq!(s.agenda[0].ended_at, Some(at(13, 44)));
        assert_eq!(s.agenda[1].started_at, Some(at(13, 44)));
        assert_eq!(next(&mut s, at(14, 10)), Outcome::Finished);
        assert_eq!(s.completed_at, Some(at(14, 10)));
        assert_eq!(
            toggle(&mut s, at(14, 11)),
            Outcome::Nothing("すべての議題が終了しています")
        );
    }

    #[test]
    fn next_while_paused_counts_the_pause() {
        let mut s = session(&[10, 20]);
        toggle(&mut s, at(13, 30));
        toggle(&mut s, at(13, 32));
        next(&mut s, at(13, 40));
        assert_eq!(s.agenda[0].paused_secs, 480);
        assert_eq!(s.paused_at, None);
    }

    #[test]
    fn prev_reopens_the_previous_item() {
        let mut s = session(&[10, 20, 30]);
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 40));
        assert_eq!(prev(&mut s, at(13, 41)), Outcome::Reopened(0));
        assert_eq!(s.agenda[1].started_at, None);
        assert_eq!(s.agenda[0].ended_at, None);
        assert_eq!(current(&s.agenda), Some(0));
        assert_eq!(
            prev(&mut s, at(13, 42)),
            Outcome::Nothing("前の議題はありません")
        );
        // After finishing, [ reopens the last item.
        let mut s = session(&[10]);
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 40));
        assert_eq!(prev(&mut s, at(13, 41)), Outcome::Reopened(0));
        assert_eq!(s.completed_at, None);
    }

    #[test]
    fn adjust_changes_the_running_item_and_stops_at_five() {
        let mut s = session(&[10, 20]);
        assert_eq!(
            adjust(&mut s, Some(1), 5),
            Outcome::Retimed {
                item: 1,
                minutes: 25
            }
        );
        next(&mut s, at(13, 30));
        assert_eq!(
            adjust(&mut s, Some(1), -5),
            Outcome::Retimed {
                item: 0,
                minutes: 5
            }
        );
        assert!(matches!(adjust(&mut s, None, -5), Outcome::Nothing(_)));
        assert_eq!(s.agenda[0].minutes, 5);
    }

    #[test]
    fn replan_squeezes_pending_items_onto_the_planned_end() {
        // 13:30 + 180 = 16:30. The first item overran by 20 minutes.
        let mut s = session(&[10, 60, 10, 40, 40, 10, 10]);
        next(&mut s, at(13, 30));
        next(&mut s, at(14, 0)); // 20 min late
        // 60-min item running since 14:00; at 14:00 it has 60 left → pending must fit 16:30-15:00 = 90.
        let out = replan(&mut s, at(14, 0)).unwrap();
        assert!(matches!(out, Outcome::Replanned(ref c) if !c.is_empty()));
        let pending: u32 = s.agenda[2..].iter().map(|i| i.minutes).sum();
        assert_eq!(pending, 90);
        assert!(s.agenda[2..].iter().all(|i| i.minutes >= 5));
        let end = agenda::projected_end(at(13, 30), &s.agenda, at(14, 0), None);
        assert_eq!(end, at(16, 30));
    }

    #[test]
    fn a_session_held_on_another_day_is_timed_against_that_day() {
        let mut s = session(&[10, 20]);
        let other = NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(13, 35, 0)
            .unwrap();
        assert_eq!(planned_start(&s, other), Some(at(13, 30)));
        toggle(&mut s, other);
        assert_eq!(planned_start(&s, other).unwrap().date(), other.date());
        s.start = None;
        assert_eq!(planned_start(&s, other), None);
    }

    #[test]
    fn replan_says_when_it_cannot_fit() {
        let mut s = session(&[10, 10, 10]);
        next(&mut s, at(13, 30));
        // Planned end 14:00; at 13:52 the running item is over its plan and
        // two items of at least 5 minutes cannot fit into 8.
        let err = replan(&mut s, at(13, 52)).unwrap_err();
        assert_eq!(
            err,
            SqueezeError::CannotFit {
                available: 8,
                needed: 10
            }
        );
    }
}
