//! Scoring of the self-diagnosis (自社診断): points per answer, subtotals per
//! part, the total out of 100, its band, and gaps between respondents.

use std::ops::RangeInclusive;

use super::model::{Answer, DIAGNOSIS_ITEMS, Respondent};

/// The three parts and the item numbers they cover: 基本的対策 1–5,
/// 従業員としての対策 6–18, 組織としての対策 19–25.
pub const PARTS: [RangeInclusive<u8>; 3] = [1..=5, 6..=18, 19..=25];

/// Points that make a difference worth discussing between two respondents.
pub const GAP_THRESHOLD: i32 = 4;

impl Answer {
    /// The four answers in the order of the official sheet.
    pub const CHOICES: [Answer; 4] = [
        Answer::Done,
        Answer::Partly,
        Answer::NotDone,
        Answer::DontKnow,
    ];

    /// Points of an answer; `None` when unanswered.
    pub fn points(self) -> Option<i32> {
        match self {
            Self::Unanswered => None,
            Self::Done => Some(4),
            Self::Partly => Some(2),
            Self::NotDone => Some(0),
            Self::DontKnow => Some(-1),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unanswered => "未回答",
            Self::Done => "実施している",
            Self::Partly => "一部実施している",
            Self::NotDone => "実施していない",
            Self::DontKnow => "わからない",
        }
    }

    /// One double-width mark for dense tables (no East-Asian-ambiguous symbols).
    pub fn mark(self) -> &'static str {
        match self {
            Self::Unanswered => "・",
            Self::Done => "済",
            Self::Partly => "半",
            Self::NotDone => "未",
            Self::DontKnow => "？",
        }
    }
}

/// Score band of a total (評価).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// 100: the entry-level measures are complete.
    Complete,
    /// 70–99: mostly done, some only partly.
    Mostly,
    /// 50–69: clear gaps.
    Gaps,
    /// 49 or less: an incident could happen at any time.
    Danger,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Complete, Band::Mostly, Band::Gaps, Band::Danger];

    /// The band of a total out of 100.
    pub fn of(total: i32) -> Band {
        match total {
            100.. => Band::Complete,
            70..=99 => Band::Mostly,
            50..=69 => Band::Gaps,
            _ => Band::Danger,
        }
    }

    /// Inclusive range of totals; the lowest possible total is −25.
    pub fn range(self) -> (i32, i32) {
        match self {
            Band::Complete => (100, 100),
            Band::Mostly => (70, 99),
            Band::Gaps => (50, 69),
            Band::Danger => (-25, 49),
        }
    }

    pub fn index(self) -> usize {
        Band::ALL.iter().position(|b| *b == self).unwrap_or(0)
    }
}

/// Scores of one respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Subtotal per part (max 20, 52, 28).
    pub parts: [i32; 3],
    pub total: i32,
    pub answered: usize,
}

impl Score {
    pub fn complete(&self) -> bool {
        self.answered == DIAGNOSIS_ITEMS
    }

    pub fn band(&self) -> Band {
        Band::of(self.total)
    }
}

/// Maximum points of each part.
pub fn part_max() -> [i32; 3] {
    PARTS.map(|r| 4 * i32::from(r.end() - r.start() + 1))
}

/// Scores a set of answers; unanswered items count 0 and are not `answered`.
pub fn score(answers: &[Answer; DIAGNOSIS_ITEMS]) -> Score {
    let mut parts = [0; 3];
    let mut answered = 0;
    for (i, a) in answers.iter().enumerate() {
        let no = i as u8 + 1;
        let part = PARTS.iter().position(|r| r.contains(&no)).unwrap_or(0);
        if let Some(p) = a.points() {
            parts[part] += p;
            answered += 1;
        }
    }
    Score {
        parts,
        total: parts.iter().sum(),
        answered,
    }
}

/// An item on which respondents' answers are far apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Question number 1–25.
    pub no: u8,
    pub min: i32,
    pub max: i32,
}

impl Gap {
    pub fn spread(&self) -> i32 {
        self.max - self.min
    }
}

/// Items where the real answers (実施している・一部・していない; not
/// わからない, which has its own list, nor unanswered) differ by
/// `threshold` points or more between respondents.
pub fn gaps(respondents: &[Respondent], threshold: i32) -> Vec<Gap> {
    (0..DIAGNOSIS_ITEMS)
        .filter_map(|i| {
            let pts: Vec<i32> = respondents
                .iter()
                .filter_map(|r| r.answers[i].points())
                .filter(|p| *p >= 0)
                .collect();
            let min = *pts.iter().min()?;
            let max = *pts.iter().max()?;
            (pts.len() >= 2 && max - min >= threshold).then_some(Gap {
                no: i as u8 + 1,
                min,
                max,
            })
        })
        .collect()
}

/// Items anyone answered わからない, with who did (indices into `respondents`).
pub fn dont_know(respondents: &[Respondent]) -> Vec<(u8, Vec<usize>)> {
    (0..DIAGNOSIS_ITEMS)
        .filter_map(|i| {
            let who: Vec<usize> = respondents
                .iter()
                .enumerate()
                .filter(|(_, r)| r.answers[i] == Answer::DontKnow)
                .map(|(k, _)| k)
                .collect();
            (!who.is_empty()).then_some((i as u8 + 1, who))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Role;

    fn all(a: Answer) -> [Answer; DIAGNOSIS_ITEMS] {
        [a; DIAGNOSIS_ITEMS]
    }

    fn resp(answers: [Answer; DIAGNOSIS_ITEMS]) -> Respondent {
        Respondent {
            name: "x".into(),
            role: Role::Employee,
            answers,
        }
    }

    #[test]
    fn all_done_is_100_and_complete() {
        let s = score(&all(Answer::Done));
        assert_eq!(s.parts, [20, 52, 28]);
        assert_eq!(s.total, 100);
        assert!(s.complete());
        assert_eq!(s.band(), Band::Complete);
        assert_eq!(part_max(), [20, 52, 28]);
    }

    #[test]
    fn dont_know_costs_a_point_everywhere() {
        let s = score(&all(Answer::DontKnow));
        assert_eq!(s.parts, [-5, -13, -7]);
        assert_eq!(s.total, -25);
        assert_eq!(s.band(), Band::Danger);
        assert_eq!(Band::Danger.range().0, -25);
    }

    #[test]
    fn unanswered_items_count_nothing_and_leave_it_incomplete() {
        let mut a = all(Answer::Done);
        a[24] = Answer::Unanswered;
        let s = score(&a);
        assert_eq!(s.total, 96);
        assert_eq!(s.answered, 24);
        assert!(!s.complete());
    }

    #[test]
    fn bands_switch_exactly_at_their_limits() {
        assert_eq!(Band::of(100), Band::Complete);
        assert_eq!(Band::of(99), Band::Mostly);
        assert_eq!(Band::of(70), Band::Mostly);
        assert_eq!(Band::of(69), Band::Gaps);
        assert_eq!(Band::of(50), Band::Gaps);
        assert_eq!(Band::of(49), Band::Danger);
        assert_eq!(Band::of(-25), Band::Danger);
        for b in Band::ALL {
            let (lo, hi) = b.range();
            assert_eq!(Band::of(lo), b);
            assert_eq!(Band::of(hi), b);
        }
    }

    #[test]
    fn parts_are_scored_separately() {
        let mut a = all(Answer::NotDone);
        a[0] = Answer::Done; // part 1
        a[5] = Answer::Partly; // part 2 starts at Q6
        a[17] = Answer::Done; // Q18 still part 2
        a[18] = Answer::DontKnow; // Q19 part 3
        let s = score(&a);
        assert_eq!(s.parts, [4, 6, -1]);
        assert_eq!(s.total, 9);
    }

    #[test]
    fn gaps_need_two_answers_and_the_threshold() {
        let mut owner = all(Answer::Done);
        let mut staff = all(Answer::Done);
        owner[2] = Answer::Done;
        staff[2] = Answer::NotDone; // 4 apart: a gap
        owner[3] = Answer::Done;
        staff[3] = Answer::Partly; // 2 apart: none
        owner[4] = Answer::Partly;
        staff[4] = Answer::DontKnow; // わからない is not a real answer: none
        staff[5] = Answer::DontKnow;
        owner[6] = Answer::Unanswered; // only one answer: none
        staff[6] = Answer::NotDone;
        let rs = [resp(owner), resp(staff)];
        let g = gaps(&rs, GAP_THRESHOLD);
        assert_eq!(
            g,
            vec![Gap {
                no: 3,
                min: 0,
                max: 4
            }]
        );
        assert_eq!(g[0].spread(), 4);
        assert_eq!(gaps(&rs, 2).len(), 2, "Q3 and Q4");
        assert!(gaps(&rs[..1], 1).is_empty());
    }

    #[test]
    fn dont_know_items_list_who_answered_so() {
        let mut a = all(Answer::Done);
        a[10] = Answer::DontKnow;
        let mut b = all(Answer::Done);
        b[10] = Answer::DontKnow;
        b[20] = Answer::DontKnow;
        let rs = [resp(a), resp(b)];
        assert_eq!(dont_know(&rs), vec![(11, vec![0, 1]), (21, vec![1])]);
    }

    #[test]
    fn gap_edge_cases() {
        // Nobody, or one person, never disagrees.
        assert!(gaps(&[], GAP_THRESHOLD).is_empty());
        let mut lone = all(Answer::Done);
        lone[0] = Answer::DontKnow;
        assert!(gaps(&[resp(lone)], 0).is_empty());

        let mut owner = all(Answer::Done);
        let mut manager = all(Answer::Done);
        let mut staff = all(Answer::Done);
        // Q1: only two of three answered, 4 apart: a gap; the blank is ignored.
        manager[0] = Answer::Unanswered;
        staff[0] = Answer::NotDone;
        // Q2: わからない against 一部 is 3 apart: no gap.
        owner[1] = Answer::Partly;
        manager[1] = Answer::Partly;
        staff[1] = Answer::DontKnow;
        // Q3: 実施している and 一部 are 2 apart; the わからない does not count.
        manager[2] = Answer::Partly;
        staff[2] = Answer::DontKnow;
        // Q4: nobody answered.
        owner[3] = Answer::Unanswered;
        manager[3] = Answer::Unanswered;
        staff[3] = Answer::Unanswered;
        // Q25, the last item: found too.
        staff[24] = Answer::NotDone;
        let rs = [resp(owner), resp(manager), resp(staff)];
        let g = gaps(&rs, GAP_THRESHOLD);
        assert_eq!(
            g,
            vec![
                Gap {
                    no: 1,
                    min: 0,
                    max: 4
                },
                Gap {
                    no: 25,
                    min: 0,
                    max: 4
                },
            ]
        );
        assert_eq!(g[1].spread(), 4);
        // Exactly at the threshold counts; one more does not.
        assert_eq!(
            gaps(&rs, 4).iter().map(|g| g.no).collect::<Vec<_>>(),
            [1, 25]
        );
        assert!(gaps(&rs, 5).is_empty());
        // A threshold of 0 lists every item answered by two or more.
        assert_eq!(gaps(&rs, 0).len(), 24);
        // Everyone agreeing, even on わからない, is no gap.
        let dk = [resp(all(Answer::DontKnow)), resp(all(Answer::DontKnow))];
        assert!(gaps(&dk, 1).is_empty());
    }
}
