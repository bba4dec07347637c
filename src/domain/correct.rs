//! Corrections to a session's record made by hand: the actual start of an
//! item ("we started at 13:42"), skipping an item (省略), fixing an item's
//! length against re-planning (固定).

use crate::domain::model::Stamp;
use chrono::{Duration, NaiveTime};

use super::agenda::{ItemState, current, item_state};
use super::model::Session;
use super::timer::Outcome;

/// Marks item `i` skipped, or takes the mark off again. Only an item not
/// started can be skipped; a finished session's items stay as they are.
pub fn skip(s: &mut Session, i: usize) -> Outcome {
    let Some(item) = s.agenda.get(i) else {
        return Outcome::Nothing("対象の議題がありません");
    };
    match item_state(item) {
        ItemState::Pending => {
            s.agenda[i].skipped = true;
            Outcome::Skipped(i)
        }
        ItemState::Skipped if s.completed_at.is_some() => {
            Outcome::Nothing("終了した回の議題は省略を取り消せません")
        }
        ItemState::Skipped => {
            s.agenda[i].skipped = false;
            Outcome::Unskipped(i)
        }
        ItemState::Running => {
            Outcome::Nothing("進行中の議題は省略できません（次へ進むか、前へ戻ってから省略）")
        }
        ItemState::Done => Outcome::Nothing("終わった議題は省略にできません"),
    }
}

/// Toggles item `i`'s fixed mark; its new value, `None` when there is no such item.
pub fn toggle_fixed(s: &mut Session, i: usize) -> Option<bool> {
    let item = s.agenda.get_mut(i)?;
    item.fixed = !item.fixed;
    Some(item.fixed)
}

/// The item whose start a correction sets: `selected` when it has started,
/// else the running one.
pub fn correction_target(s: &Session, selected: usize) -> Option<usize> {
    s.agenda
        .get(selected)
        .filter(|i| i.started_at.is_some() && !i.skipped)
        .map(|_| selected)
        .or_else(|| current(&s.agenda))
}

/// Sets the actual start of item `i` to `t` on the day it started. When it
/// is the first item started that is the session's actual start; the item
/// done just before it (ending when it started) ends at `t` instead. Refused
/// when `t` is after now (or after the item's end or pause), or not after
/// the previous item's start.
pub fn correct_start(
    s: &mut Session,
    i: usize,
    t: NaiveTime,
    now: Stamp,
) -> Result<Outcome, String> {
    let Some(old) = s.agenda.get(i).and_then(|it| it.started_at) else {
        return Err("まだ始まっていない議題です".into());
    };
    let at = super::clock::on(old.date_naive(), t, &old);
    let item = &s.agenda[i];
    let until = item.ended_at.or(s.paused_at).unwrap_or(now);
    if at + Duration::seconds(i64::from(item.paused_secs)) > until {
        return Err(format!(
            "{} より前の時刻にします（{}）",
            until.format("%H:%M"),
            if item.ended_at.is_some() {
                "この議題の終了"
            } else {
                "現在"
            }
        ));
    }
    let prev = s.agenda[..i]
        .iter()
        .rposition(|x| item_state(x) == ItemState::Done);
    let mut moved = None;
    if let Some(j) = prev {
        let p = &s.agenda[j];
        let (p_start, p_end) = (p.started_at.unwrap_or(old), p.ended_at.unwrap_or(old));
        if p_end == old {
            if at <= p_start + Duration::seconds(i64::from(p.paused_secs)) {
                return Err(format!(
                    "前の議題の開始 {} より後の時刻にします",
                    p_start.format("%H:%M")
                ));
            }
            moved = Some(j);
        } else if p_end > at {
            return Err(format!(
                "前の議題の終了 {} より後の時刻にします",
                p_end.format("%H:%M")
            ));
        }
    }
    if let Some(j) = moved {
        s.agenda[j].ended_at = Some(at);
    }
    s.agenda[i].started_at = Some(at);
    let first = s
        .agenda
        .iter()
        .filter_map(|x| x.started_at)
        .min()
        .is_some_and(|m| m == at);
    Ok(Outcome::Corrected {
        item: i,
        first,
        prev: moved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::{self, elapsed};
    use crate::domain::test_clock::{at, hm, planned as session};
    use crate::domain::{timer, window};

    #[test]
    fn a_late_press_is_corrected_to_when_the_meeting_started() {
        // The expert pressed Space at 13:50; the meeting began at 13:42.
        let mut s = session(&[10, 60]);
        timer::toggle(&mut s, at(13, 50));
        assert_eq!(window::standing(&s, at(13, 50)).unwrap().over, 20);
        let out = correct_start(&mut s, 0, hm(13, 42), at(13, 50)).unwrap();
        assert_eq!(
            out,
            Outcome::Corrected {
                item: 0,
                first: true,
                prev: None
            }
        );
        assert_eq!(s.agenda[0].started_at, Some(at(13, 42)));
        assert_eq!(
            elapsed(&s.agenda[0], at(13, 50), None),
            Duration::minutes(8)
        );
        assert_eq!(window::standing(&s, at(13, 50)).unwrap().over, 12);
        assert_eq!(s.end, Some(hm(14, 40)), "the fixed end stays");
    }

    #[test]
    fn correcting_the_running_item_moves_the_previous_end_with_it() {
        let mut s = session(&[10, 60]);
        timer::next(&mut s, at(13, 30));
        timer::next(&mut s, at(13, 45)); // pressed ] late: moved on at 13:38
        let out = correct_start(&mut s, 1, hm(13, 38), at(13, 50)).unwrap();
        assert_eq!(
            out,
            Outcome::Corrected {
                item: 1,
                first: false,
                prev: Some(0)
            }
        );
        assert_eq!(s.agenda[0].ended_at, Some(at(13, 38)));
        assert_eq!(s.agenda[1].started_at, Some(at(13, 38)));
        // Not at or before the previous item's start.
        assert!(correct_start(&mut s, 1, hm(13, 30), at(13, 50)).is_err());
        // Not in the future.
        let before = s.clone();
        let err = correct_start(&mut s, 1, hm(13, 51), at(13, 50)).unwrap_err();
        assert!(err.contains("13:50"), "{err}");
        assert_eq!(s, before);
    }

    #[test]
    fn a_correction_needs_a_started_item_and_respects_a_gap_before_it() {
        let mut s = session(&[10, 20]);
        assert!(correct_start(&mut s, 0, hm(13, 30), at(13, 40)).is_err());
        assert_eq!(correction_target(&s, 0), None);
        timer::next(&mut s, at(13, 30));
        assert_eq!(
            correction_target(&s, 1),
            Some(0),
            "falls back to the running item"
        );
        timer::next(&mut s, at(13, 40));
        assert_eq!(
            correction_target(&s, 0),
            Some(0),
            "a done item, when selected"
        );
        // A gap between item 0's end and item 1's start: item 1 may not start before 13:40.
        s.agenda[1].started_at = Some(at(13, 45));
        assert!(correct_start(&mut s, 1, hm(13, 39), at(13, 50)).is_err());
        assert!(correct_start(&mut s, 1, hm(13, 41), at(13, 50)).is_ok());
        assert_eq!(s.agenda[0].ended_at, Some(at(13, 40)));
    }

    #[test]
    fn only_an_item_not_started_is_skipped_and_it_can_come_back() {
        let mut s = session(&[10, 10, 10]);
        timer::toggle(&mut s, at(13, 30));
        assert!(matches!(skip(&mut s, 0), Outcome::Nothing(_)));
        assert_eq!(skip(&mut s, 1), Outcome::Skipped(1));
        assert_eq!(window::standing(&s, at(13, 30)).unwrap().over, -10);
        // ] goes past the skipped item.
        assert_eq!(timer::next(&mut s, at(13, 40)), Outcome::Moved(2));
        assert!(matches!(skip(&mut s, 0), Outcome::Nothing(_)), "done");
        assert_eq!(skip(&mut s, 1), Outcome::Unskipped(1));
        assert_eq!(skip(&mut s, 1), Outcome::Skipped(1));
        assert_eq!(timer::next(&mut s, at(13, 50)), Outcome::Finished);
        // A finished session keeps its skipped items skipped.
        assert!(matches!(skip(&mut s, 1), Outcome::Nothing(_)));
        assert!(s.agenda[1].skipped);
        assert!(matches!(skip(&mut s, 9), Outcome::Nothing(_)));
        // `[` goes back past a skipped item to the last one done.
        assert_eq!(timer::prev(&mut s, at(13, 51)), Outcome::Reopened(2));
        assert_eq!(agenda::current(&s.agenda), Some(2));
    }

    #[test]
    fn fixed_toggles() {
        let mut s = session(&[10]);
        assert_eq!(toggle_fixed(&mut s, 0), Some(true));
        assert_eq!(toggle_fixed(&mut s, 0), Some(false));
        assert_eq!(toggle_fixed(&mut s, 1), None);
    }
}
