//! Time rules that do not depend on the machine: a planned wall-clock time
//! as a moment, and a clock that keeps counting real time when the wall
//! clock is stepped (an NTP correction, a hand-set clock).

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone};

use super::model::Stamp;

/// The wall-clock time `t` on `day`, in the UTC offset of `like` (the moment
/// the plan is compared with, so planned and recorded times share a zone).
pub fn on(day: NaiveDate, t: NaiveTime, like: &Stamp) -> Stamp {
    // A fixed offset maps every local time to exactly one moment.
    like.offset()
        .from_local_datetime(&day.and_time(t))
        .single()
        .unwrap_or(*like)
}

/// `now` in the zone the session ran in (its first start's offset), so a
/// session reopened under another time zone records and shows all its
/// times in one zone; `now` as it is before the session started.
pub fn in_zone_of(s: &super::model::Session, now: Stamp) -> Stamp {
    s.agenda
        .iter()
        .find_map(|i| i.started_at)
        .map_or(now, |first| now.with_timezone(first.offset()))
}

/// A wall-clock time in Japan (+09:00, no DST): the sample company's zone,
/// and the tests' (not UTC, so a rule that drops the offset shows).
pub fn jst(t: NaiveDateTime) -> Stamp {
    let tokyo = FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset");
    tokyo
        .from_local_datetime(&t)
        .single()
        .expect("a fixed offset maps every local time once")
}

/// How far the wall clock may drift from the real time that passed in one
/// step before it counts as a step of the clock rather than a slow correction.
pub const STEP_TOLERANCE: TimeDelta = TimeDelta::seconds(2);

/// The app's time after a tick: `prev` advanced by the real time that passed
/// (`real`, from a clock the wall-clock setting does not touch), shown in the
/// offset of `wall` (so a DST change or a new time zone shows at once). When
/// the wall clock moved by about the same (`STEP_TOLERANCE`), the app follows
/// it exactly; otherwise it keeps counting real time, and `stepped` says by
/// how much the wall clock jumped beyond it.
pub fn advance(prev: Stamp, prev_wall: Stamp, wall: Stamp, real: TimeDelta) -> Advance {
    let wall_delta = wall - prev_wall;
    let drift = wall_delta - real;
    if drift.abs() <= STEP_TOLERANCE {
        // In step with the wall clock: follow it (and any earlier step stays
        // where it was, as `prev` already carries it).
        let now = (prev + wall_delta).with_timezone(wall.offset());
        Advance { now, stepped: None }
    } else {
        let now = (prev + real.max(TimeDelta::zero())).with_timezone(wall.offset());
        Advance {
            now,
            stepped: Some(drift),
        }
    }
}

/// The result of [`advance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advance {
    pub now: Stamp,
    /// The wall clock jumped by this much more than the real time.
    pub stepped: Option<TimeDelta>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn t(s: &str) -> Stamp {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_session_s_new_times_are_taken_in_the_zone_it_ran_in() {
        let mut s = crate::domain::model::Session::default();
        let utc = t("2026-12-02T16:00:00+00:00");
        assert_eq!(
            in_zone_of(&s, utc).to_rfc3339(),
            "2026-12-02T16:00:00+00:00"
        );
        s.agenda.push(crate::domain::model::AgendaItem {
            started_at: Some(t("2026-12-03T00:52:00+09:00")),
            ..Default::default()
        });
        let at = in_zone_of(&s, utc);
        assert_eq!(at, utc, "the same moment");
        assert_eq!(at.to_rfc3339(), "2026-12-03T01:00:00+09:00");
    }

    #[test]
    fn a_planned_time_takes_the_offset_of_the_moment_it_is_compared_with() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let at = on(
            day,
            NaiveTime::from_hms_opt(13, 30, 0).unwrap(),
            &t("2026-12-02T10:00:00+09:00"),
        );
        assert_eq!(at, t("2026-12-02T13:30:00+09:00"));
        assert_eq!(at.offset(), &FixedOffset::east_opt(9 * 3600).unwrap());
    }

    /// One tick from `prev` (app and wall clock agreeing there) to the wall
    /// clock reading `wall` after `real_ms` of real time.
    fn tick(prev: &str, wall: &str, real_ms: i64) -> Advance {
        advance(t(prev), t(prev), t(wall), TimeDelta::milliseconds(real_ms))
    }

    #[test]
    fn in_step_the_app_follows_the_wall_clock() {
        let a = tick(
            "2026-12-02T13:00:00+09:00",
            "2026-12-02T13:00:01+09:00",
            1_500,
        );
        assert_eq!(a.now, t("2026-12-02T13:00:01+09:00"));
        assert_eq!(a.stepped, None);
    }

    #[test]
    fn a_step_back_of_the_wall_clock_neither_freezes_nor_rewinds() {
        // The wall clock is set back 50 minutes while one second passes.
        let a = tick(
            "2026-12-02T13:00:00+09:00",
            "2026-12-02T12:10:01+09:00",
            1_000,
        );
        assert_eq!(a.now, t("2026-12-02T13:00:01+09:00"));
        assert_eq!(a.stepped, Some(TimeDelta::minutes(-50)));
        // The next tick, in step again, goes on from the app's time.
        let b = advance(
            a.now,
            t("2026-12-02T12:10:01+09:00"),
            t("2026-12-02T12:10:02+09:00"),
            TimeDelta::seconds(1),
        );
        assert_eq!(b.now, t("2026-12-02T13:00:02+09:00"));
    }

    #[test]
    fn a_step_forward_counts_only_the_real_time() {
        let a = tick(
            "2026-12-02T13:00:00+09:00",
            "2026-12-02T14:00:00+09:00",
            1_000,
        );
        assert_eq!(a.now, t("2026-12-02T13:00:01+09:00"));
        assert!(a.stepped.is_some());
    }

    #[test]
    fn a_change_of_offset_shows_the_same_moment_in_the_new_zone() {
        // DST or a new TZ: the wall clock reads an hour later, the moment is
        // one second later.
        let a = tick(
            "2026-03-29T01:59:59+00:00",
            "2026-03-29T03:00:00+01:00",
            1_000,
        );
        assert_eq!(a.now, t("2026-03-29T02:00:00+00:00"));
        assert_eq!(a.now.to_rfc3339(), "2026-03-29T03:00:00+01:00");
        assert_eq!(a.stepped, None);
    }

    #[test]
    fn a_boundary_drift_is_still_in_step() {
        let within = tick(
            "2026-12-02T13:00:00+09:00",
            "2026-12-02T13:00:03+09:00",
            1_000,
        );
        assert_eq!(within.stepped, None);
        let beyond = tick(
            "2026-12-02T13:00:00+09:00",
            "2026-12-02T13:00:04+09:00",
            1_999,
        );
        assert!(beyond.stepped.is_some());
    }
}
