//! Priority order of action-plan rows (実施の優先順位).
//!
//! The rule, also shown in the help: rows marked 可 first (then undecided,
//! then 否); then the higher sum of 緊急度 and 重要度; on a tie the higher
//! 緊急度; then the easier 難易度; then the earlier deadline; finally the
//! order the rows were entered in.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::dates::add_months;
use super::model::{Area, Difficulty, Feasibility, Level, PlanRow};

fn level(l: Option<Level>) -> u8 {
    match l {
        Some(Level::High) => 3,
        Some(Level::Mid) => 2,
        Some(Level::Low) => 1,
        None => 0,
    }
}

fn ease(d: Option<Difficulty>) -> u8 {
    match d {
        Some(Difficulty::Easy) => 3,
        Some(Difficulty::Mid) => 2,
        Some(Difficulty::Hard) => 1,
        None => 0,
    }
}

fn feasibility(f: Option<Feasibility>) -> u8 {
    match f {
        Some(Feasibility::Go) => 2,
        None => 1,
        Some(Feasibility::NoGo) => 0,
    }
}

/// Compares two rows by priority: `Less` means `a` comes first.
pub fn compare(a: &PlanRow, b: &PlanRow) -> Ordering {
    let key = |r: &PlanRow| {
        (
            feasibility(r.feasibility),
            level(r.ratings.urgency) + level(r.ratings.importance),
            level(r.ratings.urgency),
            ease(r.ratings.difficulty),
        )
    };
    key(b)
        .cmp(&key(a))
        .then_with(|| match (a.deadline, b.deadline) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
}

/// Indices of `rows` in priority order (stable: equal rows keep their order).
pub fn priority_order(rows: &[PlanRow]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    idx.sort_by(|a, b| compare(&rows[*a], &rows[*b]));
    idx
}

/// Priority rank of every row (1 = first), by row index.
pub fn ranks(rows: &[PlanRow]) -> Vec<usize> {
    let mut rank = vec![0; rows.len()];
    for (r, i) in priority_order(rows).into_iter().enumerate() {
        rank[i] = r + 1;
    }
    rank
}

/// Indices of the rows shown: only `area` when given, in priority order
/// or in the order they were entered.
pub fn visible(rows: &[PlanRow], area: Option<Area>, by_priority: bool) -> Vec<usize> {
    let order = if by_priority {
        priority_order(rows)
    } else {
        (0..rows.len()).collect()
    };
    order
        .into_iter()
        .filter(|&i| area.is_none_or(|a| rows[i].area == a))
        .collect()
}

/// Something to check about a deadline (実施期限); it is still accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineWarning {
    /// Before today.
    Past,
    /// Further away than the plan's horizon (the sheet speaks of half a
    /// year to one or two years).
    BeyondHorizon { months: u32 },
}

impl DeadlineWarning {
    pub fn message(self) -> String {
        match self {
            Self::Past => "期限が過去の日付です".to_owned(),
            Self::BeyondHorizon { months } => format!("期限が{months}か月より先です"),
        }
    }
}

/// Whether `deadline` deserves a warning, seen from `today`.
pub fn deadline_warning(
    deadline: NaiveDate,
    today: NaiveDate,
    horizon_months: u32,
) -> Option<DeadlineWarning> {
    if deadline < today {
        Some(DeadlineWarning::Past)
    } else if deadline > add_months(today, horizon_months) {
        Some(DeadlineWarning::BeyondHorizon {
            months: horizon_months,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Ratings;
    use chrono::NaiveDate;

    fn row(
        name: &str,
        f: Option<Feasibility>,
        u: Option<Level>,
        i: Option<Level>,
        d: Option<Difficulty>,
    ) -> PlanRow {
        PlanRow {
            measure: name.into(),
            feasibility: f,
            ratings: Ratings {
                urgency: u,
                importance: i,
                difficulty: d,
            },
            ..PlanRow::default()
        }
    }

    fn names(rows: &[PlanRow]) -> Vec<&str> {
        priority_order(rows)
            .into_iter()
            .map(|i| rows[i].measure.as_str())
            .collect()
    }

    use Difficulty::{Easy, Hard};
    use Feasibility::*;
    use Level::*;

    #[test]
    fn go_rows_come_before_undecided_and_no_go() {
        let rows = vec![
            row("nogo", Some(NoGo), Some(High), Some(High), Some(Easy)),
            row("undecided", None, Some(High), Some(High), Some(Easy)),
            row("go", Some(Go), Some(Low), Some(Low), Some(Hard)),
        ];
        assert_eq!(names(&rows), ["go", "undecided", "nogo"]);
    }

    #[test]
    fn urgency_plus_importance_then_urgency_then_ease() {
        let rows = vec![
            row("mid-mid", Some(Go), Some(Mid), Some(Mid), Some(Easy)),
            row("low-high", Some(Go), Some(Low), Some(High), Some(Easy)),
            row("high-low", Some(Go), Some(High), Some(Low), Some(Easy)),
            row(
                "high-high-hard",
                Some(Go),
                Some(High),
                Some(High),
                Some(Hard),
            ),
            row(
                "high-high-easy",
                Some(Go),
                Some(High),
                Some(High),
                Some(Easy),
            ),
            row("unrated", Some(Go), None, None, None),
        ];
        assert_eq!(
            names(&rows),
            [
                "high-high-easy",
                "high-high-hard",
                "high-low",
                "mid-mid",
                "low-high",
                "unrated"
            ]
        );
    }

    #[test]
    fn earlier_deadline_then_entry_order_break_ties() {
        let mut a = row("late", Some(Go), Some(High), Some(High), Some(Easy));
        a.deadline = NaiveDate::from_ymd_opt(2027, 6, 30);
        let mut b = row("early", Some(Go), Some(High), Some(High), Some(Easy));
        b.deadline = NaiveDate::from_ymd_opt(2027, 3, 31);
        let c = row("none-1", Some(Go), Some(High), Some(High), Some(Easy));
        let d = row("none-2", Some(Go), Some(High), Some(High), Some(Easy));
        assert_eq!(
            names(&[c.clone(), a, d.clone(), b]),
            ["early", "late", "none-1", "none-2"]
        );
        assert_eq!(names(&[d, c]), ["none-2", "none-1"]);
        assert!(priority_order(&[]).is_empty());
    }

    #[test]
    fn no_go_rows_sink_below_unrated_go_and_undecided_rows() {
        let rows = vec![
            row("nogo-best", Some(NoGo), Some(High), Some(High), Some(Easy)),
            row("undecided-unrated", None, None, None, None),
            row("go-unrated", Some(Go), None, None, None),
        ];
        assert_eq!(
            names(&rows),
            ["go-unrated", "undecided-unrated", "nogo-best"]
        );
    }

    #[test]
    fn a_missing_rating_counts_below_the_lowest_one() {
        let rows = vec![
            row("no-urgency", Some(Go), None, Some(High), Some(Easy)),
            row("low-urgency", Some(Go), Some(Low), Some(High), Some(Easy)),
            row("no-difficulty", Some(Go), Some(High), Some(High), None),
            row("hard", Some(Go), Some(High), Some(High), Some(Hard)),
        ];
        assert_eq!(
            names(&rows),
            ["hard", "no-difficulty", "low-urgency", "no-urgency"]
        );
    }

    #[test]
    fn equal_rows_keep_their_entry_order_and_ranks_follow_the_order() {
        let rows: Vec<PlanRow> = (0..5)
            .map(|i| row(&format!("r{i}"), Some(Go), Some(Mid), Some(Mid), Some(Easy)))
            .collect();
        assert_eq!(names(&rows), ["r0", "r1", "r2", "r3", "r4"]);
        let rows = vec![
            row("third", None, Some(High), Some(High), Some(Easy)),
            row("first", Some(Go), Some(High), Some(High), Some(Easy)),
            row("second", Some(Go), Some(Low), Some(Low), Some(Easy)),
        ];
        assert_eq!(ranks(&rows), [3, 1, 2]);
        assert!(ranks(&[]).is_empty());
    }

    #[test]
    fn visible_rows_filter_by_area_in_either_order() {
        let mut rows = vec![
            row("org-low", Some(Go), Some(Low), Some(Low), Some(Easy)),
            row("tech", Some(Go), Some(High), Some(High), Some(Easy)),
            row("org-high", Some(Go), Some(High), Some(Mid), Some(Easy)),
        ];
        rows[1].area = Area::Technical;
        assert_eq!(visible(&rows, None, false), [0, 1, 2]);
        assert_eq!(visible(&rows, None, true), [1, 2, 0]);
        assert_eq!(visible(&rows, Some(Area::Organizational), false), [0, 2]);
        assert_eq!(visible(&rows, Some(Area::Organizational), true), [2, 0]);
        assert!(visible(&rows, Some(Area::Physical), true).is_empty());
    }

    #[test]
    fn deadlines_past_today_or_beyond_the_horizon_are_flagged() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(deadline_warning(today, today, 24), None);
        assert_eq!(
            deadline_warning(day(2026, 11, 20), today, 24),
            Some(DeadlineWarning::Past)
        );
        assert_eq!(deadline_warning(day(2028, 11, 21), today, 24), None);
        let far = deadline_warning(day(2028, 11, 22), today, 24);
        assert_eq!(far, Some(DeadlineWarning::BeyondHorizon { months: 24 }));
        assert!(far.unwrap().message().contains("24か月"));
        assert_eq!(
            deadline_warning(day(2027, 6, 1), today, 6),
            Some(DeadlineWarning::BeyondHorizon { months: 6 })
        );
    }
}
