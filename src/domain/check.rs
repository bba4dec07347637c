//! Consistency checks of a client record beyond what parsing enforces
//! (`bansou check`): numbering, ranges, times in order, references.

use std::collections::HashSet;

use super::diagnosis::PARTS;
use super::model::{Client, DIAGNOSIS_ITEMS, Difficulty, Level, REGULATIONS, Ratings, SESSIONS};
use super::step::{out_of_step, policy_preamble};

/// How serious a problem is: an error stops `export` (unless forced), a
/// warning is printed and the export goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem and where it is (a TOML-like path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// What the checks need from the catalogs.
pub struct Known<'a> {
    pub hearing_points: &'a [String],
    pub industries: u8,
    pub main_industries: &'a [u8],
}

pub fn check(client: &Client, known: &Known<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut bad = |place: String, message: &str| {
        out.push(Problem {
            place,
            message: message.to_owned(),
            severity: Severity::Error,
        })
    };

    if client.profile.name.trim().is_empty() {
        bad("profile.name".into(), "会社名が空です");
    }
    if let Some(n) = client.profile.industry
        && !(1..=known.industries).contains(&n)
    {
        bad("profile.industry".into(), "業種分類は 1〜15 で指定します");
    }
    if let Some(n) = client.profile.main_industry
        && !known.main_industries.contains(&n)
    {
        bad(
            "profile.main_industry".into(),
            "主たる業種は (1)〜(8) のいずれかです",
        );
    }

    for (s, session) in client.sessions.iter().enumerate() {
        let at = format!("sessions[{s}]");
        for (i, item) in session.agenda.iter().enumerate() {
            if item.title.trim().is_empty() {
                bad(format!("{at}.agenda[{i}].title"), "項目名が空です");
            }
            if item.minutes == 0 {
                bad(format!("{at}.agenda[{i}].minutes"), "予定時間が 0 分です");
            }
            match (item.started_at, item.ended_at) {
                (None, Some(_)) => bad(
                    format!("{at}.agenda[{i}].ended_at"),
                    "開始していない項目に終了時刻があります",
                ),
                (Some(a), Some(b)) if b < a => bad(
                    format!("{at}.agenda[{i}].ended_at"),
                    "終了時刻が開始時刻より前です",
                ),
                _ => {}
            }
        }
        let running = session
            .agenda
            .iter()
            .filter(|i| i.started_at.is_some() && i.ended_at.is_none())
            .count();
        if running > 1 {
            bad(format!("{at}.agenda"), "進行中の項目が 2 つ以上あります");
        }
        if session.paused_at.is_some() && running == 0 {
            bad(
                format!("{at}.paused_at"),
                "進行中の項目がないのに一時停止中です",
            );
        }
        for (i, note) in session.notes.iter().enumerate() {
            if note.text.trim().is_empty() {
                bad(format!("{at}.notes[{i}].text"), "メモが空です");
            }
        }
        // A carried request comes from the session just before (1-based:
        // the session's own index).
        for (i, p) in session.prep.iter().enumerate() {
            if p.from.is_some_and(|n| usize::from(n) != s || s == 0) {
                bad(
                    format!("{at}.prep[{i}].from"),
                    "引き継ぎ元は直前の回の番号です",
                );
            }
        }
    }

    let mut seen = HashSet::new();
    for (i, h) in client.hearing.iter().enumerate() {
        if !known.hearing_points.contains(&h.point) {
            bad(
                format!("hearing[{i}].point"),
                "ヒアリングシートにない項目です",
            );
        } else if !seen.insert(&h.point) {
            bad(format!("hearing[{i}].point"), "同じ項目が重複しています");
        }
    }

    let last = PARTS[2].end();
    let mut seen = HashSet::new();
    for (i, r) in client.diagnosis.items.iter().enumerate() {
        if !(1..=*last).contains(&r.no) {
            bad(format!("diagnosis.items[{i}].no"), "設問番号は 1〜25 です");
        } else if !seen.insert(r.no) {
            bad(
                format!("diagnosis.items[{i}].no"),
                "同じ設問が重複しています",
            );
        }
    }
    for (i, r) in client.diagnosis.respondents.iter().enumerate() {
        if r.name.trim().is_empty() {
            bad(
                format!("diagnosis.respondents[{i}].name"),
                "回答者名が空です",
            );
        }
    }
    debug_assert_eq!(usize::from(*last), DIAGNOSIS_ITEMS);

    let mut seen = HashSet::new();
    for (i, r) in client.regulations.iter().enumerate() {
        if !(1..=REGULATIONS as u8).contains(&r.no) {
            bad(format!("regulations[{i}].no"), "規程番号は 1〜11 です");
        } else if !seen.insert(r.no) {
            bad(format!("regulations[{i}].no"), "同じ規程が重複しています");
        }
    }

    for (i, row) in client.plan.iter().enumerate() {
        if row.measure.trim().is_empty() && row.current.trim().is_empty() {
            bad(
                format!("plan[{i}]"),
                "現状と課題・具体的改善対策がどちらも空です",
            );
        }
        if let Some(n) = row.from_item
            && !(1..=*last).contains(&n)
        {
            bad(format!("plan[{i}].from_item"), "設問番号は 1〜25 です");
        }
    }
    for o in out_of_step(client) {
        bad(
            format!("plan[{}].ratings", o.row),
            &format!(
                "自社診断 Q{} の緊急度・重要度・難易度（{}）と計画の行（{}）が食い違っています。どちらかで付け直すと両方がそろいます",
                o.item,
                ratings_text(o.item_ratings),
                ratings_text(o.row_ratings)
            ),
        );
    }
    out.extend(warnings(client));
    out
}

fn ratings_text(r: Ratings) -> String {
    let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("未");
    format!(
        "{}/{}/{}",
        lv(r.urgency),
        lv(r.importance),
        r.difficulty.map(Difficulty::label).unwrap_or("未")
    )
}

/// What an export goes on with but a reader would miss.
fn warnings(client: &Client) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut warn = |place: String, message: String| {
        out.push(Problem {
            place,
            message,
            severity: Severity::Warning,
        })
    };
    let p = &client.policy;
    let name = client.profile.name.trim();
    if !name.is_empty() && !p.preamble.trim().is_empty() && !policy_preamble(client).contains(name)
    {
        warn(
            "policy.preamble".into(),
            format!("基本方針の前文に会社名「{name}」がありません"),
        );
    }
    let rep = client.profile.representative.trim();
    if rep.is_empty() {
        warn(
            "profile.representative".into(),
            "代表者が空です。基本方針の署名欄が空になります".into(),
        );
    }
    for (i, s) in client.sessions.iter().enumerate() {
        if s.completed_at.is_some() && s.report.trim().is_empty() {
            warn(
                format!("sessions[{i}].report"),
                format!("第{}回の実施報告の所感が未記入です", i + 1),
            );
        }
    }
    if client.sessions[SESSIONS - 1].completed_at.is_some()
        && client.final_evaluation.trim().is_empty()
    {
        warn(
            "final_evaluation".into(),
            "最終報告書の「指導結果のまとめと評価」が未記入です".into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use crate::domain::testing::blank_client;

    fn known() -> (Vec<String>, Vec<u8>) {
        (vec!["1.1".into(), "1.2".into()], (1..=8).collect())
    }

    fn run(c: &Client) -> Vec<String> {
        let (points, mains) = known();
        check(
            c,
            &Known {
                hearing_points: &points,
                industries: 15,
                main_industries: &mains,
            },
        )
        .into_iter()
        .filter(Problem::is_error)
        .map(|p| p.place)
        .collect()
    }

    #[test]
    fn disagreeing_ratings_are_an_error_and_what_a_reader_would_miss_a_warning() {
        let mut c = blank_client();
        let r = crate::domain::promote::review_mut(&mut c.diagnosis, 9);
        r.focus = true;
        r.ratings.urgency = Some(Level::High);
        c.plan.push(PlanRow {
            measure: "無線LANの暗号化".into(),
            from_item: Some(9),
            ..Default::default()
        });
        c.sessions[0].completed_at = Some(c.created_at);
        c.sessions[3].completed_at = Some(c.created_at);
        c.policy.preamble = "別会社（以下「当社」）は".into();
        let (points, mains) = known();
        let all = check(
            &c,
            &Known {
                hearing_points: &points,
                industries: 15,
                main_industries: &mains,
            },
        );
        let errors: Vec<&str> = all
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.place.as_str())
            .collect();
        assert_eq!(errors, ["plan[0].ratings"]);
        assert!(all[0].message.contains("Q9") && all[0].message.contains("高/未/未"));
        let warnings: Vec<&str> = all
            .iter()
            .filter(|p| !p.is_error())
            .map(|p| p.place.as_str())
            .collect();
        assert_eq!(
            warnings,
            [
                "policy.preamble",
                "profile.representative",
                "sessions[0].report",
                "sessions[3].report",
                "final_evaluation"
            ]
        );
        c.profile.name = " ".into();
        assert!(run(&c).contains(&"profile.name".to_owned()));
    }

    #[test]
    fn a_blank_client_is_consistent() {
        assert!(run(&blank_client()).is_empty());
    }

    #[test]
    fn every_problem_names_its_place() {
        let mut c = blank_client();
        c.profile.industry = Some(16);
        c.profile.main_industry = Some(9);
        let t = c.created_at;
        c.sessions[0].agenda.push(AgendaItem {
            title: "x".into(),
            minutes: 0,
            ..Default::default()
        });
        c.sessions[0].agenda.push(AgendaItem {
            title: "y".into(),
            minutes: 5,
            started_at: Some(t),
            ended_at: Some(t - chrono::Duration::minutes(1)),
            ..Default::default()
        });
        c.sessions[1].paused_at = Some(t);
        c.sessions[1].notes.push(Note {
            at: t,
            kind: NoteKind::Note,
            text: " ".into(),
            item: None,
            carried: false,
        });
        // A carried request from session 1 in session 2 is fine; from
        // session 3 in session 2, or in session 1 at all, is not.
        let carried = |from| PrepItem {
            side: Side::Company,
            text: "組織図".into(),
            done: false,
            from: Some(from),
        };
        c.sessions[1].prep = vec![carried(1), carried(3)];
        c.sessions[0].prep = vec![carried(1)];
        c.hearing.push(HearingAnswer {
            point: "9.9".into(),
            ..Default::default()
        });
        c.hearing.push(HearingAnswer {
            point: "1.1".into(),
            ..Default::default()
        });
        c.hearing.push(HearingAnswer {
            point: "1.1".into(),
            ..Default::default()
        });
        c.diagnosis.items.push(ItemReview {
            no: 26,
            ..Default::default()
        });
        c.diagnosis.respondents.push(Respondent::default());
        c.regulations.push(RegulationRow {
            no: 12,
            ..Default::default()
        });
        c.plan.push(PlanRow {
            from_item: Some(0),
            ..Default::default()
        });
        assert_eq!(
            run(&c),
            [
                "profile.industry",
                "profile.main_industry",
                "sessions[0].agenda[0].minutes",
                "sessions[0].agenda[1].ended_at",
                "sessions[0].prep[0].from",
                "sessions[1].paused_at",
                "sessions[1].notes[0].text",
                "sessions[1].prep[1].from",
                "hearing[0].point",
                "hearing[2].point",
                "diagnosis.items[0].no",
                "diagnosis.respondents[0].name",
                "regulations[0].no",
                "plan[0]",
                "plan[0].from_item",
            ]
        );
    }
}
