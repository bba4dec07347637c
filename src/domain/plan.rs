//! Priority order of action-plan rows (実施の優先順位).
//!
//! The rule, also shown in the help: rows marked 可 first (then undecided,
//! then 否); then the higher sum of 緊急度 and 重要度; on a tie the higher
//! 緊急度; then the easier 難易度; then the earlier deadline; finally the
//! order the rows were entered in.

use std::cmp::Ordering;

use super::model::{Difficulty, Feasibility, Level, PlanRow};

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
}
