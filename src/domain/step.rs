//! One source of truth for the ratings of a promoted focus item: the item
//! (自社診断の重点改善領域) and the plan row made from it (様式3) carry the same
//! 緊急度・重要度・難易度. A change on either side is copied to the other by
//! the functions here; `check` reports a pair that disagrees (an older file,
//! or a hand edit) so that no export prints two different ratings.

use super::model::{Client, Ratings};
use super::promote::{promoted, review, review_mut};

/// A promoted item whose ratings differ from its plan row's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfStep {
    /// Index of the plan row.
    pub row: usize,
    /// Diagnosis item number 1–25.
    pub item: u8,
    pub item_ratings: Ratings,
    pub row_ratings: Ratings,
}

/// Every plan row linked to a focus item whose ratings differ from the item's.
/// Only the first row linked to an item counts as its row.
pub fn out_of_step(client: &Client) -> Vec<OutOfStep> {
    client
        .plan
        .iter()
        .enumerate()
        .filter_map(|(row, r)| {
            let no = r.from_item?;
            let rev = review(&client.diagnosis, no).filter(|v| v.focus)?;
            (promoted(&client.plan, no) == Some(row) && rev.ratings != r.ratings).then_some(
                OutOfStep {
                    row,
                    item: no,
                    item_ratings: rev.ratings,
                    row_ratings: r.ratings,
                },
            )
        })
        .collect()
}

/// After the ratings of item `no` changed: its plan row, if any, takes them.
pub fn item_ratings_changed(client: &mut Client, no: u8) {
    let Some(ratings) = review(&client.diagnosis, no).map(|r| r.ratings) else {
        return;
    };
    if let Some(i) = promoted(&client.plan, no) {
        client.plan[i].ratings = ratings;
    }
}

/// After the ratings of plan row `row` changed: the focus item it was made
/// from, if any, takes them.
pub fn row_ratings_changed(client: &mut Client, row: usize) {
    let Some(r) = client.plan.get(row) else {
        return;
    };
    let (Some(no), ratings) = (r.from_item, r.ratings) else {
        return;
    };
    if promoted(&client.plan, no) != Some(row) {
        return;
    }
    if review(&client.diagnosis, no).is_some_and(|v| v.focus) {
        review_mut(&mut client.diagnosis, no).ratings = ratings;
    }
}

/// The basic policy's preamble naming the company of the profile: the
/// company the policy was drafted for (`policy.company`) is replaced by the
/// profile's name when the company was renamed since.
pub fn policy_preamble(client: &Client) -> String {
    let p = &client.policy;
    let now = client.profile.name.trim();
    let then = p.company.trim();
    let text = p.preamble.trim().replace("{company}", now);
    if then.is_empty() || then == now || now.is_empty() {
        text
    } else {
        text.replace(then, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Area, Difficulty, Level, PlanRow};
    use crate::domain::promote::plan_row;
    use crate::domain::testing::blank_client;

    fn client() -> Client {
        let mut c = blank_client();
        let r = review_mut(&mut c.diagnosis, 9);
        r.focus = true;
        r.ratings.urgency = Some(Level::High);
        let row = plan_row(9, &c, Area::Technical, "無線LAN");
        c.plan.push(PlanRow::default());
        c.plan.push(row);
        c
    }

    #[test]
    fn a_change_on_either_side_reaches_the_other() {
        let mut c = client();
        assert!(out_of_step(&c).is_empty());
        review_mut(&mut c.diagnosis, 9).ratings.urgency = Some(Level::Low);
        let bad = out_of_step(&c);
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].row, bad[0].item), (1, 9));
        item_ratings_changed(&mut c, 9);
        assert_eq!(c.plan[1].ratings.urgency, Some(Level::Low));
        assert!(out_of_step(&c).is_empty());

        c.plan[1].ratings.difficulty = Some(Difficulty::Hard);
        assert_eq!(out_of_step(&c).len(), 1);
        row_ratings_changed(&mut c, 1);
        assert_eq!(
            review(&c.diagnosis, 9).unwrap().ratings.difficulty,
            Some(Difficulty::Hard)
        );
        assert!(out_of_step(&c).is_empty());
    }

    #[test]
    fn a_renamed_company_is_named_in_the_preamble() {
        let mut c = blank_client();
        c.policy.company = "旧社名株式会社".into();
        c.policy.preamble = "旧社名株式会社（以下「当社」）は…".into();
        c.profile.name = "新社名株式会社".into();
        assert_eq!(policy_preamble(&c), "新社名株式会社（以下「当社」）は…");
        c.policy.preamble = "{company}は".into();
        assert_eq!(policy_preamble(&c), "新社名株式会社は");
        c.policy.company.clear();
        c.policy.preamble = "当社は".into();
        assert_eq!(policy_preamble(&c), "当社は");
    }

    #[test]
    fn rows_of_items_no_longer_in_focus_and_unlinked_rows_are_left_alone() {
        let mut c = client();
        review_mut(&mut c.diagnosis, 9).focus = false;
        review_mut(&mut c.diagnosis, 9).ratings.urgency = Some(Level::Low);
        assert!(out_of_step(&c).is_empty());
        c.plan[1].ratings.urgency = Some(Level::Mid);
        row_ratings_changed(&mut c, 1);
        assert_eq!(
            review(&c.diagnosis, 9).unwrap().ratings.urgency,
            Some(Level::Low)
        );
        row_ratings_changed(&mut c, 0);
        row_ratings_changed(&mut c, 99);
        item_ratings_changed(&mut c, 3);
    }
}
