//! Timekeeping on a session: start/pause, next/previous item, extend/shorten,
//! re-plan onto the fixed end. Actual times are state in the session, not
//! memory, so the timer survives quitting and reopening.

use crate::domain::model::Stamp;
use chrono::Duration;

use super::agenda::{self, FitError, ItemState, MIN_ITEM_MINUTES, current, item_state};
use super::model::Session;
use super::window;

/// Planned start as a date-time. The day is the one the session actually runs
/// (its first recorded start), else its planned date, else today — so a
/// session held on another day than planned is still timed against its plan.
pub fn planned_start(s: &Session, now: Stamp) -> Option<Stamp> {
    // The zone too is the one the session ran in (reopened elsewhere, its
    // plan still reads in the time it was held in).
    let first = s.agenda.iter().find_map(|i| i.started_at);
    let like = first.unwrap_or(now);
    let day = first
        .map(|t| t.date_naive())
        .or(s.date)
        .unwrap_or(now.date_naive());
    s.start.map(|t| super::clock::on(day, t, &like))
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
    Retimed {
        item: usize,
        minutes: u32,
    },
    Replanned(Vec<(usize, u32)>),
    Skipped(usize),
    Unskipped(usize),
    /// The actual start of `item` was set; `first` when it is the session's
    /// start, `prev` the item whose end moved with it.
    Corrected {
        item: usize,
        first: bool,
        prev: Option<usize>,
    },
    Nothing(&'static str),
}

fn resume(s: &mut Session, now: Stamp) {
    if let Some(p) = s.paused_at.take()
        && let Some(i) = current(&s.agenda)
    {
        let secs = (now - p).num_seconds().max(0);
        s.agenda[i].paused_secs = s.agenda[i].paused_secs.saturating_add(secs as u32);
    }
}

/// The item `]` (or `Space`, before anything ran) starts next: the first
/// pending one.
pub fn first_pending(s: &Session) -> Option<usize> {
    s.agenda
        .iter()
        .position(|i| item_state(i) == ItemState::Pending)
}

/// Space: start the first pending item, pause, or resume.
pub fn toggle(s: &mut Session, now: Stamp) -> Outcome {
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
pub fn next(s: &mut Session, now: Stamp) -> Outcome {
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

/// `[`: back to the previous item. The one you leave returns to the queue
/// keeping the minutes it ran (`]` later resumes it from there); the one
/// before it runs again, its clock continuing from its recorded minutes —
/// the time in between stays with the item you left, never moved to an
/// earlier one. With nothing running, the last item done runs again.
pub fn prev(s: &mut Session, now: Stamp) -> Outcome {
    let running = current(&s.agenda);
    let Some(j) = s.agenda[..running.unwrap_or(s.agenda.len())]
        .iter()
        .rposition(|i| item_state(i) == ItemState::Done)
    else {
        return Outcome::Nothing("前の議題はありません");
    };
    resume(s, now);
    if let Some(i) = running {
        let ran = agenda::elapsed(&s.agenda[i], now, None)
            .num_seconds()
            .max(0);
        let left = &mut s.agenda[i];
        left.ran_secs = u32::try_from(ran).unwrap_or(u32::MAX);
        left.started_at = None;
        left.paused_secs = 0;
    }
    let back = &mut s.agenda[j];
    if let Some(end) = back.ended_at.take() {
        let gap = (now - end).num_seconds().max(0);
        back.paused_secs = back
            .paused_secs
            .saturating_add(u32::try_from(gap).unwrap_or(u32::MAX));
    }
    s.completed_at = None;
    Outcome::Reopened(j)
}

/// Pauses the session when its timer runs; true when it did.
pub fn pause(s: &mut Session, now: Stamp) -> bool {
    if s.paused_at.is_none() && current(&s.agenda).is_some() {
        s.paused_at = Some(now);
        return true;
    }
    false
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

/// Why `R` could not land on the fixed end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplanError {
    /// Even with every item that is not fixed at its floor (5 minutes) the
    /// session ends this many minutes after the fixed end.
    Short(u32),
    /// Even at the longest an item may be the session ends this many
    /// minutes before the fixed end.
    Long(u32),
    /// No item left that may change; the session ends `over` minutes after
    /// the fixed end (negative: before it).
    NothingLeft { over: i64 },
}

/// `R`: fits the minutes of the items still to come, fixed ones aside, so
/// that the projected end is exactly the fixed end: squeezed (none under 5
/// minutes) when behind, stretched when ahead. The running item keeps its
/// plan; the fixed end does not move.
pub fn replan(s: &mut Session, now: Stamp) -> Result<Outcome, ReplanError> {
    let start = planned_start(s, now).unwrap_or(now);
    let end = window::fixed_end(s, now).unwrap_or_else(|| agenda::planned_end(start, &s.agenda));
    let running = current(&s.agenda);
    let running_left = running
        .map(|i| agenda::remaining(&s.agenda[i], now, s.paused_at).max(Duration::zero()))
        .unwrap_or_else(Duration::zero);
    // Where the rest starts, as `agenda::projected_end` counts it.
    let last_end = s.agenda.iter().filter_map(|i| i.ended_at).max();
    let from = match (running, last_end) {
        (Some(_), _) => now,
        (None, Some(e)) => e.max(now),
        (None, None) => start.max(now),
    };
    let (fixed, free): (Vec<usize>, Vec<usize>) = (0..s.agenda.len())
        .filter(|i| item_state(&s.agenda[*i]) == ItemState::Pending)
        .partition(|i| s.agenda[*i].fixed);
    let fixed_need = fixed
        .iter()
        .map(|i| agenda::still_to_run(&s.agenda[*i]))
        .fold(Duration::zero(), |a, b| a + b);
    let before_free = from + running_left + fixed_need;
    if free.is_empty() {
        let over = (window::to_minute(before_free) - window::to_minute(end)).num_minutes();
        return if over == 0 {
            Ok(Outcome::Replanned(Vec::new()))
        } else {
            Err(ReplanError::NothingLeft { over })
        };
    }
    // Minutes the free items may take in all (what they ran before counts).
    let ran: i64 = free.iter().map(|i| i64::from(s.agenda[*i].ran_secs)).sum();
    let secs = (end - before_free).num_seconds() + ran;
    // Rounded up: the projected end lands within the fixed end's minute.
    let target = secs.div_euclid(60) + i64::from(secs.rem_euclid(60) != 0);
    let items: Vec<(u32, u32)> = free
        .iter()
        .map(|i| (s.agenda[*i].minutes, agenda::floor_minutes(&s.agenda[*i])))
        .collect();
    let new = agenda::fit(&items, target).map_err(|e| match e {
        FitError::Short(m) => ReplanError::Short(m),
        FitError::Long(m) => ReplanError::Long(m),
    })?;
    let mut changed = Vec::new();
    for (i, m) in free.into_iter().zip(new) {
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
    use chrono::{NaiveDate, NaiveTime};

    use crate::domain::test_clock::{at, session};

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
    fn prev_reopens_the_previous_item_and_leaves_the_minutes_where_they_were() {
        let mut s = session(&[10, 20, 30]);
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 40)); // item 0 took 10, item 1 runs
        assert_eq!(prev(&mut s, at(13, 45)), Outcome::Reopened(0));
        assert_eq!(current(&s.agenda), Some(0));
        // Item 0 continues from its 10 minutes; item 1 keeps its 5.
        let el = |s: &Session, i: usize, now| agenda::elapsed(&s.agenda[i], now, None);
        assert_eq!(el(&s, 0, at(13, 45)), Duration::minutes(10));
        assert_eq!(el(&s, 1, at(13, 45)), Duration::minutes(5));
        assert_eq!(item_state(&s.agenda[1]), ItemState::Pending);
        // Two more minutes on item 0, then ] resumes item 1 from its 5.
        assert_eq!(next(&mut s, at(13, 47)), Outcome::Moved(1));
        assert_eq!(el(&s, 0, at(13, 47)), Duration::minutes(12));
        assert_eq!(el(&s, 1, at(13, 50)), Duration::minutes(8));
        assert_eq!(
            agenda::remaining(&s.agenda[1], at(13, 50), None),
            Duration::minutes(12)
        );
        // Nothing before the first: nothing changes, the running item keeps running.
        let mut s = session(&[10, 20]);
        toggle(&mut s, at(13, 30));
        let before = s.clone();
        assert_eq!(
            prev(&mut s, at(13, 42)),
            Outcome::Nothing("前の議題はありません")
        );
        assert_eq!(s, before);
    }

    #[test]
    fn prev_after_the_end_reopens_the_last_item_without_the_time_since() {
        let mut s = session(&[10]);
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 40));
        assert_eq!(s.completed_at, Some(at(13, 40)));
        assert_eq!(prev(&mut s, at(14, 40)), Outcome::Reopened(0));
        assert_eq!(s.completed_at, None);
        assert_eq!(
            agenda::elapsed(&s.agenda[0], at(14, 41), None),
            Duration::minutes(11)
        );
    }

    #[test]
    fn pause_stops_a_running_timer_only() {
        let mut s = session(&[10]);
        assert!(!pause(&mut s, at(13, 30)));
        toggle(&mut s, at(13, 30));
        assert!(pause(&mut s, at(13, 35)));
        assert!(!pause(&mut s, at(13, 36)));
        assert_eq!(s.paused_at, Some(at(13, 35)));
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

    /// Session 1's agenda, the break and the closing Q&A fixed, its end stored.
    fn session_one() -> Session {
        let mut s = session(&[10, 60, 10, 40, 40, 10, 10]);
        s.agenda[2].fixed = true;
        s.agenda[6].fixed = true;
        window::settle_end(&mut s);
        s
    }

    fn over(s: &Session, now: Stamp) -> i64 {
        window::standing(s, now).unwrap().over
    }

    #[test]
    fn replan_lands_on_the_fixed_end_and_leaves_fixed_items_alone() {
        // 13:30–16:30. The first item overran by 20 minutes.
        let mut s = session_one();
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 50));
        assert_eq!(over(&s, at(13, 50)), 10);
        let out = replan(&mut s, at(13, 50)).unwrap();
        assert!(matches!(out, Outcome::Replanned(ref c) if !c.is_empty()));
        assert_eq!(over(&s, at(13, 50)), 0);
        assert_eq!((s.agenda[2].minutes, s.agenda[6].minutes), (10, 10));
        assert_eq!(s.agenda[1].minutes, 60, "the running item keeps its plan");
        assert!(s.agenda.iter().all(|i| i.minutes >= 5));
        assert_eq!(s.end, NaiveTime::from_hms_opt(16, 30, 0));
        // A second R changes nothing.
        assert_eq!(
            replan(&mut s, at(13, 50)),
            Ok(Outcome::Replanned(Vec::new()))
        );
    }

    #[test]
    fn replan_after_a_late_start_and_an_extension_keeps_the_hard_stop() {
        // The case: 30 minutes late, R, then + and R again.
        let mut s = session_one();
        toggle(&mut s, at(14, 0));
        assert_eq!(over(&s, at(14, 0)), 30);
        replan(&mut s, at(14, 0)).unwrap();
        assert_eq!(over(&s, at(14, 0)), 0);
        assert_eq!(window::fixed_end(&s, at(14, 0)), Some(at(16, 30)));
        adjust(&mut s, None, 5);
        assert_eq!(
            over(&s, at(14, 0)),
            5,
            "+ moves the projection, not the end"
        );
        replan(&mut s, at(14, 0)).unwrap();
        assert_eq!(over(&s, at(14, 0)), 0);
        // Seconds into a minute still land within the end's minute.
        let odd = at(14, 3) + Duration::seconds(37);
        replan(&mut s, odd).unwrap();
        assert_eq!(over(&s, odd), 0);
        assert!(agenda::projected_end(at(13, 30), &s.agenda, odd, None) >= at(16, 30));
    }

    #[test]
    fn replan_stretches_when_ahead() {
        let mut s = session_one();
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 35)); // 5 minutes ahead
        assert_eq!(over(&s, at(13, 35)), -5);
        replan(&mut s, at(13, 35)).unwrap();
        assert_eq!(over(&s, at(13, 35)), 0);
        assert_eq!((s.agenda[2].minutes, s.agenda[6].minutes), (10, 10));
    }

    #[test]
    fn replan_says_how_many_minutes_short_it_is() {
        let mut s = session_one();
        // Two hours late: at 15:30 the window leaves 60 minutes; the running
        // item needs 10, the fixed ones 20, the four others at least 5 each.
        toggle(&mut s, at(15, 30));
        assert!(replan(&mut s.clone(), at(15, 30)).is_ok());
        // At 16:02 (the running item over its plan) 28 are left: 20 fixed,
        // 8 for 20 minutes of floors — 12 minutes short.
        let before = s.clone();
        assert_eq!(replan(&mut s, at(16, 2)), Err(ReplanError::Short(12)));
        assert_eq!(s, before, "a failed R changes nothing");
    }

    #[test]
    fn replan_with_only_fixed_items_left_says_how_far_off() {
        let mut s = session(&[10, 10]);
        s.agenda[1].fixed = true;
        window::settle_end(&mut s);
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 45)); // the fixed Q&A runs, 5 minutes late
        assert_eq!(
            replan(&mut s, at(13, 45)),
            Err(ReplanError::NothingLeft { over: 5 })
        );
        let mut s = session(&[10]);
        window::settle_end(&mut s);
        toggle(&mut s, at(13, 30));
        assert_eq!(
            replan(&mut s, at(13, 30)),
            Ok(Outcome::Replanned(Vec::new()))
        );
    }

    #[test]
    fn replan_counts_an_item_left_with_bracket_and_skips_skipped_ones() {
        let mut s = session_one();
        next(&mut s, at(13, 30));
        next(&mut s, at(13, 40));
        prev(&mut s, at(13, 52)); // item 1 ran 12 minutes, item 0 runs again
        s.agenda[4].skipped = true;
        replan(&mut s, at(14, 0)).unwrap();
        assert_eq!(over(&s, at(14, 0)), 0);
        assert_eq!(s.agenda[4].minutes, 40, "a skipped item is not fitted");
        assert!(s.agenda[1].minutes * 60 >= s.agenda[1].ran_secs);
    }

    #[test]
    fn a_session_held_on_another_day_is_timed_against_that_day() {
        let mut s = session(&[10, 20]);
        let other = NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(13, 35, 0)
            .map(crate::domain::clock::jst)
            .unwrap();
        assert_eq!(planned_start(&s, other), Some(at(13, 30)));
        toggle(&mut s, other);
        assert_eq!(
            planned_start(&s, other).unwrap().date_naive(),
            other.date_naive()
        );
        s.start = None;
        assert_eq!(planned_start(&s, other), None);
    }
}
