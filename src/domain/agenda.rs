//! Agenda arithmetic (議事次第の時間計算): planned end, the item running now,
//! time left in it, the projected end at the current pace, and re-planning
//! that squeezes the remaining items to land on the planned end.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::model::AgendaItem;

/// Shortest an item may be squeezed to, in minutes.
pub const MIN_ITEM_MINUTES: u32 = 5;

/// State of one agenda item at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Pending,
    Running,
    Done,
}

pub fn item_state(item: &AgendaItem) -> ItemState {
    match (item.started_at, item.ended_at) {
        (Some(_), Some(_)) => ItemState::Done,
        (Some(_), None) => ItemState::Running,
        _ => ItemState::Pending,
    }
}

/// Sum of planned minutes.
pub fn planned_minutes(items: &[AgendaItem]) -> u32 {
    items.iter().fold(0, |sum, i| sum.saturating_add(i.minutes))
}

/// Planned end: the planned start plus every item's planned minutes.
pub fn planned_end(start: NaiveDateTime, items: &[AgendaItem]) -> NaiveDateTime {
    start + Duration::minutes(i64::from(planned_minutes(items)))
}

/// Planned start of each item, back to back from `start`.
pub fn planned_starts(start: NaiveTime, items: &[AgendaItem]) -> Vec<NaiveTime> {
    let mut t = start;
    items
        .iter()
        .map(|i| {
            let s = t;
            t += Duration::minutes(i64::from(i.minutes));
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

/// Time an item has run, excluding pauses; `paused_at` is the session's
/// pause start when the timer is paused now.
pub fn elapsed(
    item: &AgendaItem,
    now: NaiveDateTime,
    paused_at: Option<NaiveDateTime>,
) -> Duration {
    let Some(start) = item.started_at else {
        return Duration::zero();
    };
    let end = item.ended_at.or(paused_at).unwrap_or(now).max(start);
    end - start - Duration::seconds(i64::from(item.paused_secs))
}

/// Time left in an item; negative once it overruns.
pub fn remaining(
    item: &AgendaItem,
    now: NaiveDateTime,
    paused_at: Option<NaiveDateTime>,
) -> Duration {
    Duration::minutes(i64::from(item.minutes)) - elapsed(item, now, paused_at)
}

/// When the session will end at the current pace: items done take what they
/// took, the running one at least its plan (longer if overrunning), the rest
/// their plan. Before anything started: the later of planned start and now.
pub fn projected_end(
    planned_start: NaiveDateTime,
    items: &[AgendaItem],
    now: NaiveDateTime,
    paused_at: Option<NaiveDateTime>,
) -> NaiveDateTime {
    let anchor = match current(items) {
        Some(i) => {
            let left = remaining(&items[i], now, paused_at).max(Duration::zero());
            return now + left + pending_after(items, i);
        }
        None => items.iter().filter_map(|i| i.ended_at).max(),
    };
    let pending: i64 = items
        .iter()
        .filter(|i| item_state(i) == ItemState::Pending)
        .map(|i| i64::from(i.minutes))
        .sum();
    let from = match anchor {
        // Everything done: the session ended when the last item did.
        Some(last_end) if pending == 0 => last_end,
        Some(last_end) => last_end.max(now),
        None => planned_start.max(now),
    };
    from + Duration::minutes(pending)
}

fn pending_after(items: &[AgendaItem], i: usize) -> Duration {
    Duration::minutes(
        items[i + 1..]
            .iter()
            .filter(|it| item_state(it) == ItemState::Pending)
            .map(|it| i64::from(it.minutes))
            .sum(),
    )
}

/// Why re-planning could not land on the planned end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqueezeError {
    /// Nothing is left to squeeze.
    NothingLeft,
    /// Even at the minimum per item the remaining items need this many minutes.
    CannotFit { available: i64, needed: u32 },
}

/// New planned minutes for `minutes` (the items still to come) so that they
/// fit into `available` minutes, proportionally, none under
/// [`MIN_ITEM_MINUTES`] (items already shorter keep their length). When they
/// fit already, the plan is returned unchanged.
pub fn squeeze(minutes: &[u32], available: i64) -> Result<Vec<u32>, SqueezeError> {
    if minutes.is_empty() {
        return Err(SqueezeError::NothingLeft);
    }
    let total: u32 = minutes.iter().sum();
    if i64::from(total) <= available {
        return Ok(minutes.to_vec());
    }
    let floor = |m: u32| m.min(MIN_ITEM_MINUTES);
    let needed: u32 = minutes.iter().map(|m| floor(*m)).sum();
    if available < i64::from(needed) {
        return Err(SqueezeError::CannotFit { available, needed });
    }
    // Pin items at their floor until the proportional share of the rest is above it.
    let mut pinned = vec![false; minutes.len()];
    loop {
        let free: u32 = (0..minutes.len())
            .filter(|i| !pinned[*i])
            .map(|i| minutes[i])
            .sum();
        let budget = available
            - (0..minutes.len())
                .filter(|i| pinned[*i])
                .map(|i| i64::from(floor(minutes[i])))
                .sum::<i64>();
        let mut changed = false;
        for i in 0..minutes.len() {
            if !pinned[i]
                && (minutes[i] as i64) * budget < i64::from(floor(minutes[i])) * i64::from(free)
            {
                pinned[i] = true;
                changed = true;
            }
        }
        if !changed {
            return Ok(distribute(minutes, &pinned, budget, free, floor));
        }
    }
}

/// Largest-remainder rounding of the proportional shares, so the sum is exact.
fn distribute(
    minutes: &[u32],
    pinned: &[bool],
    budget: i64,
    free: u32,
    floor: impl Fn(u32) -> u32,
) -> Vec<u32> {
    let mut out: Vec<u32> = minutes.iter().map(|m| floor(*m)).collect();
    if free == 0 {
        return out;
    }
    let free = i64::from(free);
    let mut rems = Vec::new();
    let mut used = 0;
    for (i, m) in minutes.iter().enumerate() {
        if pinned[i] {
            continue;
        }
        let exact = i64::from(*m) * budget;
        out[i] = (exact / free) as u32;
        used += i64::from(out[i]);
        rems.push((exact % free, i));
    }
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rems.into_iter().take((budget - used).max(0) as usize) {
        out[i] += 1;
    }
    out
}

/// Minutes the remaining items may take to land on `planned_end` from `now`.
pub fn available_minutes(now: NaiveDateTime, planned_end: NaiveDateTime) -> i64 {
    (planned_end - now).num_minutes()
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn squeeze_lands_exactly_on_the_available_minutes() {
        // 100 planned, 80 available: proportional shares, exact sum.
        let s = squeeze(&[40, 40, 10, 10], 80).unwrap();
        assert_eq!(s.iter().sum::<u32>(), 80);
        assert_eq!(s, vec![32, 32, 8, 8]);
        let s = squeeze(&[40, 40, 10, 10], 37).unwrap();
        assert_eq!(s.iter().sum::<u32>(), 37);
        assert!(s.iter().all(|m| *m >= 5), "{s:?}");
    }

    #[test]
    fn squeeze_never_goes_under_five_minutes() {
        let s = squeeze(&[60, 10, 10], 40).unwrap();
        assert_eq!(s.iter().sum::<u32>(), 40);
        assert_eq!(s, vec![30, 5, 5]);
        // Exactly the minimum.
        assert_eq!(squeeze(&[60, 10, 10], 15).unwrap(), vec![5, 5, 5]);
        assert_eq!(
            squeeze(&[60, 10, 10], 14),
            Err(SqueezeError::CannotFit {
                available: 14,
                needed: 15
            })
        );
        // An item already shorter than the minimum keeps its length.
        assert_eq!(squeeze(&[60, 3], 20).unwrap(), vec![17, 3]);
        assert!(matches!(
            squeeze(&[10], -5),
            Err(SqueezeError::CannotFit { .. })
        ));
    }

    #[test]
    fn squeeze_leaves_a_plan_that_fits_alone() {
        assert_eq!(squeeze(&[10, 10], 30).unwrap(), vec![10, 10]);
        assert_eq!(squeeze(&[], 30), Err(SqueezeError::NothingLeft));
    }

    #[test]
    fn available_minutes_counts_to_the_planned_end() {
        assert_eq!(available_minutes(at(15, 0), at(16, 30)), 90);
        assert_eq!(available_minutes(at(16, 40), at(16, 30)), -10);
    }
}
