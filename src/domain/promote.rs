//! Turning a self-diagnosis focus item (重点改善領域) into an action-plan row
//! (様式3), and the per-item drill-down records it starts from.

use super::model::{
    Answer, Area, Client, DIAGNOSIS_ITEMS, Diagnosis, ItemReview, PlanRow, Ratings, Respondent,
    Role,
};

/// The drill-down record of item `no`, if it has one.
pub fn review(diagnosis: &Diagnosis, no: u8) -> Option<&ItemReview> {
    diagnosis.items.iter().find(|r| r.no == no)
}

/// The drill-down record of item `no`, created (in item order) when missing.
pub fn review_mut(diagnosis: &mut Diagnosis, no: u8) -> &mut ItemReview {
    let i = match diagnosis.items.iter().position(|r| r.no == no) {
        Some(i) => i,
        None => {
            let at = diagnosis
                .items
                .iter()
                .position(|r| r.no > no)
                .unwrap_or(diagnosis.items.len());
            diagnosis.items.insert(
                at,
                ItemReview {
                    no,
                    ..ItemReview::default()
                },
            );
            at
        }
    };
    &mut diagnosis.items[i]
}

/// Drops drill-down records that hold nothing (no notes, no focus, no ratings),
/// so the file only lists items that were worked on.
pub fn prune(diagnosis: &mut Diagnosis) {
    diagnosis
        .items
        .retain(|r| !r.notes.trim().is_empty() || r.focus || r.ratings != Ratings::default());
}

/// Index of the plan row promoted from item `no`, if there is one.
pub fn promoted(plan: &[PlanRow], no: u8) -> Option<usize> {
    plan.iter().position(|r| r.from_item == Some(no))
}

/// How the respondents answered item `no`, grouped by answer in the order of
/// the sheet: `実施している（経営者）、わからない（従業員×2）`. Unanswered
/// respondents are left out; `None` when nobody answered.
pub fn answers_summary(respondents: &[Respondent], no: u8) -> Option<String> {
    let i = usize::from(no)
        .checked_sub(1)
        .filter(|i| *i < DIAGNOSIS_ITEMS)?;
    let groups: Vec<String> = Answer::CHOICES
        .iter()
        .filter_map(|choice| {
            let roles: Vec<Role> = respondents
                .iter()
                .filter(|r| r.answers[i] == *choice)
                .map(|r| r.role)
                .collect();
            if roles.is_empty() {
                return None;
            }
            let who: Vec<String> = Role::ALL
                .iter()
                .filter_map(|role| match roles.iter().filter(|r| *r == role).count() {
                    0 => None,
                    1 => Some(role.label().to_owned()),
                    n => Some(format!("{}{n}名", role.label())),
                })
                .collect();
            Some(format!("{}（{}）", choice.label(), who.join("・")))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join("、"))
}

/// The action-plan row for diagnosis item `no` of `client`: its `area` (from
/// the catalog item), the current state from the answers and the drill-down
/// notes, the three ratings of its focus flag, and the link back to the item.
/// The measure, feasibility, deadline and concerns are left for the plan.
pub fn plan_row(no: u8, client: &Client, area: Area, topic: &str) -> PlanRow {
    let review = review(&client.diagnosis, no);
    let answers =
        answers_summary(&client.diagnosis.respondents, no).unwrap_or_else(|| "回答なし".to_owned());
    let mut current = format!("自社診断 Q{no}（{topic}）: {answers}");
    if let Some(notes) = review.map(|r| r.notes.trim()).filter(|n| !n.is_empty()) {
        current.push('\n');
        current.push_str(notes);
    }
    PlanRow {
        area,
        current,
        ratings: review.map(|r| r.ratings).unwrap_or_default(),
        from_item: Some(no),
        ..PlanRow::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Difficulty, Level};
    use crate::domain::testing::blank_client;

    fn respondent(role: Role, answer_3: Answer) -> Respondent {
        let mut r = Respondent {
            name: format!("{}さん", role.label()),
            role,
            ..Respondent::default()
        };
        r.answers[2] = answer_3;
        r
    }

    fn client() -> Client {
        let mut c = blank_client();
        c.diagnosis.respondents = vec![
            respondent(Role::Owner, Answer::Done),
            respondent(Role::Manager, Answer::Partly),
            respondent(Role::Employee, Answer::DontKnow),
            respondent(Role::Employee, Answer::DontKnow),
            respondent(Role::Employee, Answer::Unanswered),
        ];
        let r = review_mut(&mut c.diagnosis, 3);
        r.focus = true;
        r.notes = "  現場の共用PCでパスワードを共有している。\n".into();
        r.ratings = Ratings {
            urgency: Some(Level::High),
            importance: Some(Level::Mid),
            difficulty: Some(Difficulty::Easy),
        };
        c
    }

    #[test]
    fn a_focus_item_becomes_a_prefilled_linked_row() {
        let c = client();
        let row = plan_row(3, &c, Area::Technical, "パスワードの強化");
        assert_eq!(row.area, Area::Technical);
        assert_eq!(
            row.current,
            "自社診断 Q3（パスワードの強化）: 実施している（経営者）、一部実施している（管理者）、わからない（従業員2名）\n現場の共用PCでパスワードを共有している。"
        );
        assert_eq!(row.ratings.urgency, Some(Level::High));
        assert_eq!(row.ratings.importance, Some(Level::Mid));
        assert_eq!(row.ratings.difficulty, Some(Difficulty::Easy));
        assert_eq!(row.from_item, Some(3));
        assert!(row.measure.is_empty() && row.concerns.is_empty());
        assert_eq!(row.feasibility, None);
        assert_eq!(row.deadline, None);
        assert!(!row.linked);
    }

    #[test]
    fn an_item_without_answers_or_notes_still_says_what_it_is() {
        let c = blank_client();
        let row = plan_row(25, &c, Area::Organizational, "ルールの文書化と周知");
        assert_eq!(
            row.current,
            "自社診断 Q25（ルールの文書化と周知）: 回答なし"
        );
        assert_eq!(row.ratings, Ratings::default());
        assert_eq!(row.from_item, Some(25));
        // Out-of-range numbers have no answers, and never panic.
        assert_eq!(answers_summary(&c.diagnosis.respondents, 0), None);
        assert_eq!(answers_summary(&client().diagnosis.respondents, 26), None);
    }

    #[test]
    fn blank_notes_are_left_out() {
        let mut c = client();
        review_mut(&mut c.diagnosis, 3).notes = " \n ".into();
        let row = plan_row(3, &c, Area::Technical, "パスワードの強化");
        assert!(!row.current.contains('\n'), "{}", row.current);
    }

    #[test]
    fn reviews_are_created_in_item_order_and_pruned_when_empty() {
        let mut c = blank_client();
        review_mut(&mut c.diagnosis, 9).notes = "x".into();
        review_mut(&mut c.diagnosis, 2).focus = true;
        review_mut(&mut c.diagnosis, 24);
        review_mut(&mut c.diagnosis, 9).focus = true;
        let nos: Vec<u8> = c.diagnosis.items.iter().map(|r| r.no).collect();
        assert_eq!(nos, [2, 9, 24]);
        prune(&mut c.diagnosis);
        let nos: Vec<u8> = c.diagnosis.items.iter().map(|r| r.no).collect();
        assert_eq!(nos, [2, 9]);
        review_mut(&mut c.diagnosis, 2).ratings.urgency = Some(Level::Low);
        review_mut(&mut c.diagnosis, 2).focus = false;
        prune(&mut c.diagnosis);
        assert_eq!(c.diagnosis.items.len(), 2, "ratings alone keep a record");
    }

    #[test]
    fn a_promoted_item_is_found_by_its_link() {
        let c = client();
        let mut plan = vec![PlanRow::default()];
        assert_eq!(promoted(&plan, 3), None);
        plan.push(plan_row(3, &c, Area::Technical, "t"));
        assert_eq!(promoted(&plan, 3), Some(1));
        assert_eq!(promoted(&plan, 4), None);
    }
}
