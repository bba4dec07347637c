//! Agenda arithmetic (議事次第の時間計算): planned end, the item running now,
//! time left in it, the projected end at the current pace, and fitting the
//! remaining items' minutes to the time left before the fixed end. A skipped
//! item takes no time in any of these.

use crate::domain::model::Stamp;
use chrono::{Duration, NaiveTime};

use super::model::AgendaItem;

/// Shortest an item may be squeezed to, in minutes.
pub const MIN_ITEM_MINUTES: u32 = 5;

/// Longest an item may be planned for, in minutes (what a client file holds).
pub const MAX_ITEM_MINUTES: u32 = 600;

/// State of one agenda item at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Pending,
    Running,
    Done,
    /// Marked skipped (省略): never held.
    Skipped,
}

pub fn item_state(item: &AgendaItem) -> ItemState {
    match (item.skipped, item.started_at, item.ended_at) {
        (true, _, _) => ItemState::Skipped,
        (_, Some(_), Some(_)) => ItemState::Done,
        (_, Some(_), None) => ItemState::Running,
        _ => ItemState::Pending,
    }
}

/// Minutes an item takes in the plan: its planned minutes, none when skipped.
pub fn plan_minutes(item: &AgendaItem) -> u32 {
    if item.skipped { 0 } else { item.minutes }
}

/// Sum of planned minutes (skipped items take none).
pub fn planned_minutes(items: &[AgendaItem]) -> u32 {
    items
        .iter()
        .fold(0, |sum, i| sum.saturating_add(plan_minutes(i)))
}

/// Planned end: the planned start plus every item's planned minutes.
pub fn planned_end(start: Stamp, items: &[AgendaItem]) -> Stamp {
    start + Duration::minutes(i64::from(planned_minutes(items)))
}

/// Planned start of each item, back to back from `start`.
pub fn planned_starts(start: NaiveTime, items: &[AgendaItem]) -> Vec<NaiveTime> {
    let mut t = start;
    items
        .iter()
        .map(|i| {
            let s = t;
            t += Duration::minutes(i64::from(plan_minutes(i)));
            s
        })
        .collect()
}

/// Index of the item running now, if any (the last started and not ended one).
pub fn current(items: &[AgendaItem]) -> Option<usize> {
    items
        .iter()
        .rposition(|i| item_state(i) == ItemState::Running)
}

/// Time an item has run, excluding pauses, including what it ran before
/// `[` went back past it; `paused_at` is the session's pause start when the
/// timer is paused now.
pub fn elapsed(item: &AgendaItem, now: Stamp, paused_at: Option<Stamp>) -> Duration {
    let before = Duration::seconds(i64::from(item.ran_secs));
    let Some(start) = item.started_at else {
        return before;
    };
    let end = item.ended_at.or(paused_at).unwrap_or(now).max(start);
    before + (end - start) - Duration::seconds(i64::from(item.paused_secs))
}

/// What a pending item still takes at its plan: its minutes less what it ran
/// before it was left with `[`; nothing when skipped.
pub fn still_to_run(item: &AgendaItem) -> Duration {
    let plan = Duration::minutes(i64::from(plan_minutes(item)));
    (plan - Duration::seconds(i64::from(item.ran_secs))).max(Duration::zero())
}

/// Time left in an item; negative once it overruns.
pub fn remaining(item: &AgendaItem, now: Stamp, paused_at: Option<Stamp>) -> Duration {
    Duration::minutes(i64::from(item.minutes)) - elapsed(item, now, paused_at)
}

/// The start time to show beside each item: before the session started,
/// the plan (back to back from `planned`); once it runs, an item started
/// shows its actual start and one still to come its projected start at the
/// current pace (after the running item's time left, each pending item in
/// order taking its plan), so the last one ends at the projected end.
/// `now` is read in the session's zone by the caller.
pub fn shown_starts(
    planned: NaiveTime,
    items: &[AgendaItem],
    now: Stamp,
    paused_at: Option<Stamp>,
) -> Vec<NaiveTime> {
    if items.iter().all(|i| i.started_at.is_none()) {
        return planned_starts(planned, items);
    }
    // Where the items still to come start: after the running item's time
    // left, or (none running) after the last end.
    let mut t = match current(items) {
        Some(run) => now + remaining(&items[run], now, paused_at).max(Duration::zero()),
        None => items.iter().filter_map(|i| i.ended_at).max().unwrap_or(now),
    };
    items
        .iter()
        .map(|i| match (item_state(i), i.started_at) {
            (ItemState::Done | ItemState::Running, Some(s)) => s.with_timezone(now.offset()).time(),
            _ => {
                let s = t;
                t += still_to_run(i);
                s.with_timezone(now.offset()).time()
            }
        })
        .collect()
}

/// When the session will end at the current pace: items done take what they
/// took, the running one at least its plan (longer if overrunning), the rest
/// their plan, skipped ones nothing. Before anything started: the later of
/// planned start and now.
pub fn projected_end(
    planned_start: Stamp,
    items: &[AgendaItem],
    now: Stamp,
    paused_at: Option<Stamp>,
) -> Stamp {
    let pending = |from: usize| -> Duration {
        items[from..]
            .iter()
            .filter(|it| item_state(it) == ItemState::Pending)
            .map(still_to_run)
            .fold(Duration::zero(), |a, b| a + b)
    };
    if let Some(i) = current(items) {
        let left = remaining(&items[i], now, paused_at).max(Duration::zero());
        // Items before the running one left pending by `[` still come.
        return now + left + pending(0);
    }
    let anchor = items.iter().filter_map(|i| i.ended_at).max();
    let rest = pending(0);
    let any_pending = items.iter().any(|i| item_state(i) == ItemState::Pending);
    let from = match anchor {
        // Everything done: the session ended when the last item did.
        Some(last_end) if !any_pending => last_end,
        Some(last_end) => last_end.max(now),
        None => planned_start.max(now),
    };
    from + rest
}

/// Why the minutes could not be fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FitError {
    /// Even at every item's floor they need this many minutes more than the target.
    Short(u32),
    /// Even at [`MAX_ITEM_MINUTES`] each they leave this many minutes of the target.
    Long(u32),
}

/// Floor of an item when fitting: [`MIN_ITEM_MINUTES`] (an item already
/// shorter keeps its length), and never under what it has already run (up
/// to [`MAX_ITEM_MINUTES`], the longest a plan holds).
pub fn floor_minutes(item: &AgendaItem) -> u32 {
    let ran = item.ran_secs.div_ceil(60).min(MAX_ITEM_MINUTES);
    item.minutes.min(MIN_ITEM_MINUTES).max(ran)
}

/// New minutes for `items` (minutes, floor) summing to exactly `target`:
/// proportional to their minutes, each at least its floor when shrinking
/// and at most [`MAX_ITEM_MINUTES`] when stretching, remainders to the
/// largest fractions. Unchanged when they sum to the target already.
pub fn fit(items: &[(u32, u32)], target: i64) -> Result<Vec<u32>, FitError> {
    let total: i64 = items.iter().map(|(m, _)| i64::from(*m)).sum();
    if total == target {
        return Ok(items.iter().map(|(m, _)| *m).collect());
    }
    let stretch = target > total;
    // The bound an item is pinned at: its floor, or the longest an item may be.
    let bounds: Vec<(u32, u32)> = items
        .iter()
        .map(|(m, f)| {
            (
                *m,
                if stretch {
                    MAX_ITEM_MINUTES.max(*m)
                } else {
                    *f
                },
            )
        })
        .collect();
    let limit: i64 = bounds.iter().map(|(_, b)| i64::from(*b)).sum();
    let clip = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    if !stretch && target < limit {
        return Err(FitError::Short(clip(limit - target)));
    }
    if stretch && target > limit {
        return Err(FitError::Long(clip(target - limit)));
    }
    // Pin items at their bound until the proportional share of the rest is within it.
    let mut pinned = vec![false; items.len()];
    loop {
        let free: i64 = (0..items.len())
            .filter(|i| !pinned[*i])
            .map(|i| i64::from(items[i].0))
            .sum();
        let budget = target
            - (0..items.len())
                .filter(|i| pinned[*i])
                .map(|i| i64::from(bounds[i].1))
                .sum::<i64>();
        let mut changed = false;
        for (i, (m, b)) in bounds.iter().enumerate() {
            let (share, bound) = (i64::from(*m) * budget, i64::from(*b) * free);
            if !pinned[i]
                && (if stretch {
                    share > bound
                } else {
                    share < bound
                })
            {
                pinned[i] = true;
                changed = true;
            }
        }
        if !changed {
            return Ok(distribute(&bounds, &pinned, budget, free));
        }
    }
}

/// Largest-remainder rounding of the proportional shares, so the sum is
/// exact; `items` are (minutes, bound), pinned ones get their bound.
fn distribute(items: &[(u32, u32)], pinned: &[bool], budget: i64, free: i64) -> Vec<u32> {
    let mut out: Vec<i64> = items.iter().map(|(_, f)| i64::from(*f)).collect();
    let mut rems = Vec::new();
    let mut used = 0;
    for (i, (m, _)) in items.iter().enumerate() {
        if pinned[i] || free == 0 {
            continue;
        }
        let exact = i64::from(*m) * budget;
        out[i] = exact / free;
        used += out[i];
        rems.push((exact % free, i));
    }
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut extra = if free == 0 { budget } else { budget - used };
    for (_, i) in rems {
        if extra <= 0 {
            break;
        }
        out[i] += 1;
        extra -= 1;
    }
    // Only when every item sat at its bound: the rest goes to the last one.
    if extra > 0
        && let Some(last) = out.last_mut()
    {
        *last += extra;
    }
    out.into_iter()
        .map(|m| u32::try_from(m).unwrap_or(u32::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shown_starts_follow_the_plan_then_the_actual_and_projected_times() {
        use crate::domain::test_clock::{at, hm, session};
        let mut s = session(&[10, 60, 10, 40]);
        assert_eq!(
            shown_starts(hm(13, 30), &s.agenda, at(13, 0), None),
            [hm(13, 30), hm(13, 40), hm(14, 40), hm(14, 50)]
        );
        // Started 12 minutes late, now 13:50 (8 minutes into the first).
        s.agenda[0].started_at = Some(at(13, 42));
        let shown = shown_starts(hm(13, 30), &s.agenda, at(13, 50), None);
        assert_eq!(shown, [hm(13, 42), hm(13, 52), hm(14, 52), hm(15, 2)]);
        // The last one ends at the projected end.
        let end = projected_end(at(13, 30), &s.agenda, at(13, 50), None);
        assert_eq!(shown[3] + Duration::minutes(40), end.time());
        // A skipped item takes no time.
        s.agenda[2].skipped = true;
        let shown = shown_starts(hm(13, 30), &s.agenda, at(13, 50), None);
        assert_eq!(shown[2..], [hm(14, 52), hm(14, 52)]);
        // Overrunning: the next items move on with the clock.
        let shown = shown_starts(hm(13, 30), &s.agenda, at(13, 58), None);
        assert_eq!(shown[1], hm(13, 58));
    }

    use super::*;

    use crate::domain::test_clock::at;

    fn items(mins: &[u32]) -> Vec<AgendaItem> {
        mins.iter()
            .map(|m| AgendaItem {
                title: format!("{m}"),
                minutes: *m,
                ..Default::default()
            })
            .collect()
    }

    fn session1() -> Vec<AgendaItem> {
        items(&[10, 60, 10, 40, 40, 10, 10])
    }

    #[test]
    fn session_one_ends_at_half_past_four() {
        let a = session1();
        assert_eq!(planned_minutes(&a), 180);
        assert_eq!(planned_end(at(13, 30), &a), at(16, 30));
        let starts = planned_starts(NaiveTime::from_hms_opt(13, 30, 0).unwrap(), &a);
        assert_eq!(starts[1], NaiveTime::from_hms_opt(13, 40, 0).unwrap());
        assert_eq!(starts[6], NaiveTime::from_hms_opt(16, 20, 0).unwrap());
    }

    #[test]
    fn projected_end_before_start_is_the_planned_end_or_later() {
        let a = session1();
        assert_eq!(projected_end(at(13, 30), &a, at(13, 0), None), at(16, 30));
        // Starting late pushes everything.
        assert_eq!(projected_end(at(13, 30), &a, at(13, 45), None), at(16, 45));
    }

    #[test]
    fn running_item_within_plan_keeps_the_plan_and_overrun_pushes_it() {
        let mut a = session1();
        a[0].started_at = Some(at(13, 30));
        a[0].ended_at = Some(at(13, 45)); // 5 min over
        a[1].started_at = Some(at(13, 45));
        // 20 min into a 60 min item: 40 left, then 110 planned.
        assert_eq!(projected_end(at(13, 30), &a, at(14, 5), None), at(16, 35));
        let cur = current(&a).unwrap();
        assert_eq!(cur, 1);
        assert_eq!(remaining(&a[cur], at(14, 5), None), Duration::minutes(40));
        // 70 min in: overrun by 10, projected end moves with the clock.
        assert_eq!(remaining(&a[cur], at(14, 55), None), Duration::minutes(-10));
        assert_eq!(projected_end(at(13, 30), &a, at(14, 55), None), at(16, 45));
    }

    #[test]
    fn pauses_stop_the_item_clock_and_push_the_end() {
        let mut a = items(&[30, 30]);
        a[0].started_at = Some(at(10, 0));
        // Paused at 10:10 and still paused at 10:20.
        let paused = Some(at(10, 10));
        assert_eq!(elapsed(&a[0], at(10, 20), paused), Duration::minutes(10));
        assert_eq!(remaining(&a[0], at(10, 20), paused), Duration::minutes(20));
        assert_eq!(projected_end(at(10, 0), &a, at(10, 20), paused), at(11, 10));
        // Resumed: 10 paused minutes recorded on the item.
        a[0].paused_secs = 600;
        assert_eq!(elapsed(&a[0], at(10, 30), None), Duration::minutes(20));
        assert_eq!(projected_end(at(10, 0), &a, at(10, 30), None), at(11, 10));
    }

    #[test]
    fn a_finished_session_ends_when_its_last_item_did() {
        let mut a = items(&[30]);
        a[0].started_at = Some(at(10, 0));
        a[0].ended_at = Some(at(10, 40));
        assert_eq!(projected_end(at(10, 0), &a, at(18, 0), None), at(10, 40));
    }

    #[test]
    fn between_items_the_end_runs_from_the_last_end() {
        let mut a = items(&[30, 30]);
        a[0].started_at = Some(at(10, 0));
        a[0].ended_at = Some(at(10, 25));
        assert_eq!(projected_end(at(10, 0), &a, at(10, 26), None), at(10, 56));
        assert_eq!(item_state(&a[0]), ItemState::Done);
        assert_eq!(item_state(&a[1]), ItemState::Pending);
        assert_eq!(current(&a), None);
    }

    fn pairs(mins: &[u32]) -> Vec<(u32, u32)> {
        mins.iter()
            .map(|m| (*m, (*m).min(MIN_ITEM_MINUTES)))
            .collect()
    }

    #[test]
    fn fit_lands_exactly_on_the_target() {
        // 100 planned, 80 available: proportional shares, exact sum.
        let s = fit(&pairs(&[40, 40, 10, 10]), 80).unwrap();
        assert_eq!(s, vec![32, 32, 8, 8]);
        let s = fit(&pairs(&[40, 40, 10, 10]), 37).unwrap();
        assert_eq!(s.iter().sum::<u32>(), 37);
        assert!(s.iter().all(|m| *m >= 5), "{s:?}");
        // Every target from the floor up to twice the plan is hit exactly.
        for target in 20..=200 {
            let s = fit(&pairs(&[40, 30, 17, 13]), target).unwrap();
            assert_eq!(i64::from(s.iter().sum::<u32>()), target, "{s:?}");
            assert!(s.iter().all(|m| *m >= 5), "{target}: {s:?}");
        }
    }

    #[test]
    fn fit_stretches_when_there_is_time_to_spare() {
        assert_eq!(fit(&pairs(&[10, 10]), 30).unwrap(), vec![15, 15]);
        assert_eq!(fit(&pairs(&[20, 10]), 40).unwrap(), vec![27, 13]);
        assert_eq!(fit(&pairs(&[10, 10]), 20).unwrap(), vec![10, 10]);
        assert_eq!(fit(&[], 0).unwrap(), Vec::<u32>::new());
        // Never over the longest an item may be.
        assert_eq!(fit(&pairs(&[300, 10]), 700).unwrap(), vec![600, 100]);
        assert_eq!(fit(&pairs(&[300, 10]), 1201), Err(FitError::Long(1)));
        assert_eq!(fit(&[], 3), Err(FitError::Long(3)));
    }

    #[test]
    fn fit_never_goes_under_five_minutes_and_says_how_short() {
        assert_eq!(fit(&pairs(&[60, 10, 10]), 40).unwrap(), vec![30, 5, 5]);
        // Exactly the minimum.
        assert_eq!(fit(&pairs(&[60, 10, 10]), 15).unwrap(), vec![5, 5, 5]);
        assert_eq!(fit(&pairs(&[60, 10, 10]), 14), Err(FitError::Short(1)));
        assert_eq!(fit(&pairs(&[10]), -5), Err(FitError::Short(10)));
        assert_eq!(fit(&[], -3), Err(FitError::Short(3)));
        // An item already shorter than the minimum keeps its length.
        assert_eq!(fit(&pairs(&[60, 3]), 20).unwrap(), vec![17, 3]);
    }

    #[test]
    fn an_item_is_never_fitted_under_what_it_already_ran() {
        let mut it = items(&[30])[0].clone();
        it.ran_secs = 12 * 60 + 1;
        assert_eq!(floor_minutes(&it), 13);
        it.ran_secs = u32::MAX;
        assert_eq!(
            floor_minutes(&it),
            MAX_ITEM_MINUTES,
            "never past what a file holds"
        );
        assert_eq!(fit(&[(30, 13), (30, 5)], 20).unwrap(), vec![13, 7]);
    }

    #[test]
    fn skipped_items_take_no_time() {
        let mut a = session1();
        a[2].skipped = true;
        assert_eq!(item_state(&a[2]), ItemState::Skipped);
        assert_eq!(planned_minutes(&a), 170);
        let starts = planned_starts(NaiveTime::from_hms_opt(13, 30, 0).unwrap(), &a);
        assert_eq!(starts[3], NaiveTime::from_hms_opt(14, 40, 0).unwrap());
        assert_eq!(projected_end(at(13, 30), &a, at(13, 0), None), at(16, 20));
        a[0].started_at = Some(at(13, 30));
        assert_eq!(projected_end(at(13, 30), &a, at(13, 35), None), at(16, 20));
    }

    #[test]
    fn an_item_left_with_bracket_keeps_its_minutes_for_later() {
        let mut a = items(&[10, 20]);
        a[0].started_at = Some(at(13, 30));
        a[1].ran_secs = 5 * 60;
        // 13:35: item 0 has 5 left, then item 1 has 15 of its 20 to go.
        assert_eq!(projected_end(at(13, 30), &a, at(13, 35), None), at(13, 55));
        assert_eq!(elapsed(&a[1], at(13, 35), None), Duration::minutes(5));
        a[1].started_at = Some(at(13, 40));
        assert_eq!(elapsed(&a[1], at(13, 50), None), Duration::minutes(15));
    }
}
