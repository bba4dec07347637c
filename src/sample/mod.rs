//! The built-in sample company (架空の企業) used by `bansou demo`,
//! `bansou new --sample`, tests and screenshots.
//!
//! A fictional precision-parts manufacturer half-way through the programme:
//! sessions 1 and 2 held (with actual agenda times and notes), sessions 3 and 4
//! planned, the hearing sheet answered, three respondents' self-diagnosis with
//! real differences between them, the basic policy enacted but not yet
//! published, all 11 regulations checked and a nine-row action plan.
//!
//! Every date is derived from `today`, so the sample always looks current and
//! is deterministic for a given day. All names, addresses and figures are
//! made up; mail addresses use the reserved `example.jp` domain.

mod forms;

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use forms::*;

use crate::content::Catalog;
use crate::domain::model::*;

/// Name of the sample company.
pub const SAMPLE_NAME: &str = "株式会社さくら精工";

const OWNER: &str = "桜井 恭平";
const MANAGER: &str = "高野 真理子";
const FOREMAN: &str = "村上 隆";
const STAFF: &str = "小川 彩";
const QA: &str = "森田 浩二";

const OWNER_ROLE: &str = "代表取締役社長";
const MANAGER_ROLE: &str = "総務部長（IT管理兼務）";
const FOREMAN_ROLE: &str = "製造課長";
const STAFF_ROLE: &str = "営業課 主任";
const QA_ROLE: &str = "品質保証課長";

/// Fills `client` (fresh from `Catalog::new_client`) with the sample company's data.
/// `today` anchors the dates: session 1 two weeks before, session 2 one week before,
/// session 3 one week after, session 4 three weeks after. Deterministic for a given `today`.
pub fn fill(client: &mut Client, catalog: &Catalog, today: NaiveDate) {
    fill_profile(&mut client.profile);

    let dates = [
        today - TimeDelta::days(14),
        today - TimeDelta::days(7),
        today + TimeDelta::days(7),
        today + TimeDelta::days(21),
    ];
    fill_sessions(&mut client.sessions, dates);
    // Each session's requests are in the next one's checklist (as opening
    // it would put them), ticked where that session was held.
    for i in 1..client.sessions.len() {
        crate::domain::carry::carry_requests(client, i);
        if client.sessions[i].completed_at.is_some() {
            for p in client.sessions[i]
                .prep
                .iter_mut()
                .filter(|p| p.from.is_some())
            {
                p.done = true;
            }
        }
    }

    client.hearing = hearing(catalog);
    client.diagnosis = diagnosis();

    let policy = &mut client.policy;
    policy.enacted_on = Some(dates[1]);
    policy.company = client.profile.name.clone();
    policy.published_url = String::new();
    policy.published_on = None;

    fill_regulations(&mut client.regulations, today);
    client.plan = plan(today);
}

// ---------------------------------------------------------------------------
// Profile

fn fill_profile(p: &mut Profile) {
    p.industry = Some(1);
    p.main_industry = None;
    p.capital_yen = Some(30_000_000);
    p.employees = Some(42);
    p.unincorporated = false;
    p.took_part_last_year = false;
    p.prefecture = "東京都".into();
    p.address = "東京都大田区桜精町2-8-15".into();
    p.website = "https://www.sakura-seiko.example.jp/".into();
    p.representative = format!("{OWNER_ROLE} {OWNER}");
    p.security_action = SecurityActionLevel::OneStar;
    p.has_basic_policy = false;
    p.contacts = vec![
        Contact {
            name: MANAGER.into(),
            role: MANAGER_ROLE.into(),
            email: "takano@sakura-seiko.example.jp".into(),
            phone: "03-0000-1234".into(),
        },
        Contact {
            name: OWNER.into(),
            role: OWNER_ROLE.into(),
            email: "sakurai@sakura-seiko.example.jp".into(),
            phone: "03-0000-1230".into(),
        },
    ];
    p.memo = "架空のサンプル企業。自動車部品・医療機器部品の精密切削加工。医療機器メーカーから\
              来年度の取引先監査に情報セキュリティ項目を加えると通知されたことが参加のきっかけ。\
              日程調整と資料の受け渡しは総務部長の高野さん経由。"
        .into();
}

// ---------------------------------------------------------------------------
// Sessions

fn person(name: &str, role: &str) -> Attendee {
    Attendee {
        name: name.into(),
        role: role.into(),
    }
}

/// When, how and where a session is held, and who attends.
/// The company's people who attend, by their place in this table.
const PEOPLE: [(&str, &str); 5] = [
    (OWNER, OWNER_ROLE),
    (MANAGER, MANAGER_ROLE),
    (FOREMAN, FOREMAN_ROLE),
    (STAFF, STAFF_ROLE),
    (QA, QA_ROLE),
];

/// When, how and where a session is held, and who of `PEOPLE` attends.
fn held(s: &mut Session, date: NaiveDate, mode: Mode, place: &str, who: &[usize]) {
    s.date = Some(date);
    s.mode = Some(mode);
    s.place = place.into();
    s.attendees = who
        .iter()
        .map(|&i| person(PEOPLE[i].0, PEOPLE[i].1))
        .collect();
}

fn fill_sessions(sessions: &mut [Session; SESSIONS], dates: [NaiveDate; SESSIONS]) {
    let office = "本社 2階会議室";

    // Session 1: on site, held two weeks ago.
    let s = &mut sessions[0];
    held(s, dates[0], Mode::Visit, office, &[0, 1, 2, 3]);
    for p in &mut s.prep {
        p.done = true;
    }
    // Hearing overran, the owner's-expectations talk finished early.
    run_agenda(s, dates[0], 60, &[95, 420, -130, 260, -380, 150, -210]);
    add_notes(s, dates[0], SESSION1_NOTES);
    s.report = "ほぼ予定どおりに進行（ヒアリングが延びたが、経営者の期待の確認を短めにまとめ数分の超過で終了）。\
                事業内容とIT環境を把握し、3名の自社診断結果から回答の分かれた5項目と「わからない」の多さを確認した。\
                経営者の期待は取引先監査への備えとSECURITY ACTION二つ星の宣言。\
                次回までにネットワーク構成図・PC一覧・契約書ひな形の提供と、基本方針案の検討を依頼した。"
        .into();
    s.next_date = Some(dates[1]);

    // Session 2: web meeting, held last week.
    let s = &mut sessions[1];
    held(
        s,
        dates[1],
        Mode::Online,
        "Web会議（先方のオンライン会議ツール）",
        &[0, 1, 3],
    );
    for p in &mut s.prep {
        // The optional pre-meeting was not needed.
        p.done = !p.text.contains("必要に応じて");
    }
    // Policy and focus-area discussions ran long: about ten minutes over.
    run_agenda(
        s,
        dates[1],
        30,
        &[180, 300, 420, -60, -240, 360, -300, 120, -180],
    );
    add_notes(s, dates[1], SESSION2_NOTES);
    s.report = "基本方針と重点改善領域の議論が延び、約10分超過して終了。\
                基本方針はテンプレートをもとに自社の言葉で調整し、本日付で制定（ホームページでの公開は未了）。\
                様式2で11規程の整備方針を決め、重点改善領域をパスワード、バックアップ、取引先との秘密保持、\
                事故対応体制の4項目に絞り込んだ。保守業者への見積依頼を次回までの宿題とした。"
        .into();
    s.next_date = Some(dates[2]);

    // Session 3: on site next week; preparation under way.
    let s = &mut sessions[2];
    held(s, dates[2], Mode::Visit, office, &[0, 1, 2, 4]);
    for (i, p) in s.prep.iter_mut().enumerate() {
        p.done = i == 1 || i == 2;
    }
    s.next_date = Some(dates[3]);

    // Session 4: on site in three weeks.
    let s = &mut sessions[3];
    held(s, dates[3], Mode::Visit, office, &[0, 1, 2]);
}

/// The sample company is in Japan: its recorded times carry +09:00, whatever
/// the machine's zone (and the tests stay the same everywhere).
fn jst(date: NaiveDate, t: NaiveTime) -> crate::domain::model::Stamp {
    crate::domain::clock::jst(date.and_time(t))
}

fn default_start() -> NaiveTime {
    NaiveTime::from_hms_opt(13, 30, 0).unwrap_or_default()
}

/// Gives every agenda item actual times, back to back from the planned start
/// plus `delay_secs`; item `i` runs its planned minutes plus
/// `adjust_secs[i % len]` seconds (at least one minute).
fn run_agenda(session: &mut Session, date: NaiveDate, delay_secs: i64, adjust_secs: &[i64]) {
    let start = session.start.unwrap_or_else(default_start);
    let mut t = jst(date, start) + TimeDelta::seconds(delay_secs);
    for (i, item) in session.agenda.iter_mut().enumerate() {
        let planned = i64::from(item.minutes) * 60;
        let adjust = if adjust_secs.is_empty() {
            0
        } else {
            adjust_secs[i % adjust_secs.len()]
        };
        item.started_at = Some(t);
        t += TimeDelta::seconds((planned + adjust).max(60));
        item.ended_at = Some(t);
        item.paused_secs = 0;
    }
    session.paused_at = None;
    session.completed_at = Some(t);
}

/// A note template: agenda item index, minutes into the item, kind, text.
type NoteSpec = (usize, i64, NoteKind, &'static str);

const SESSION1_NOTES: &[NoteSpec] = &[
    (
        0,
        6,
        NoteKind::Note,
        "事業の目的と最終成果物（診断結果・基本方針・実行計画・★★宣言）を説明し了承を得た。預かる情報は本事業以外に使わないことを確認",
    ),
    (
        1,
        12,
        NoteKind::Note,
        "売上の約7割が自動車部品、約2割が医療機器部品。医療機器メーカーの来年度の取引先監査にセキュリティ項目が加わる",
    ),
    (
        1,
        34,
        NoteKind::Issue,
        "生産管理サーバーのバックアップは同じラック内のNASのみ。社外保管なし、復元テストの実績なし",
    ),
    (
        1,
        52,
        NoteKind::Issue,
        "NC加工機の制御用PC2台がサポート終了のOSのまま。機械メーカーがOS更新に対応していない",
    ),
    (
        3,
        14,
        NoteKind::Note,
        "社長74点・総務部長60点・従業員42点。アクセス制限、無線LAN、バックアップ、画面ロック、取引先との秘密保持で回答が大きく分かれた",
    ),
    (
        3,
        31,
        NoteKind::Issue,
        "従業員の回答に「わからない」が6項目。ルールがあっても周知されていないことが主な原因とみられる",
    ),
    (
        4,
        22,
        NoteKind::Decision,
        "今回の指導のゴールを「取引先監査で説明できる状態にする」と「SECURITY ACTION二つ星の宣言」とすることで合意",
    ),
    (
        5,
        3,
        NoteKind::Request,
        "ネットワーク構成図（手書き可）、PC・サーバーの一覧、就業規則、協力工場との取引契約書ひな形を第2回の3日前までに送付",
    ),
    (
        5,
        8,
        NoteKind::Request,
        "基本方針サンプルを参考に、社長と総務部長で自社の基本方針案を考えておく",
    ),
    (
        6,
        4,
        NoteKind::Decision,
        "第2回はWeb会議で実施。出席は社長・総務部長・営業課主任",
    ),
];

const SESSION2_NOTES: &[NoteSpec] = &[
    (
        0,
        5,
        NoteKind::Note,
        "前回の振り返り。医療機器メーカーの取引先監査は来年4月頃の予定と判明",
    ),
    (
        1,
        7,
        NoteKind::Note,
        "構成図とPC一覧を受領（PC38台、サーバー1台、NAS1台）。制御用PCが事務用LANと同じネットワークにつながっている",
    ),
    (
        1,
        16,
        NoteKind::Issue,
        "協力工場8社とは秘密保持の取り決めがなく、図面をメールに添付してそのまま送っている",
    ),
    (
        2,
        24,
        NoteKind::Decision,
        "基本方針はテンプレートをもとに制定し、制定日は本日とする。ホームページへの掲載は制作会社と調整のうえ第4回までに",
    ),
    (
        4,
        20,
        NoteKind::Decision,
        "様式2: 8「システム開発及び保守」は自社開発がないため当面作成不要、11「テレワーク」は既存の在宅勤務規程のままとする",
    ),
    (
        5,
        12,
        NoteKind::Note,
        "バックアップ: 総務部長は実施と認識、従業員は存在を知らない。設計課のCADデータには各自のPCにしかないものがある（例外）",
    ),
    (
        6,
        21,
        NoteKind::Decision,
        "重点改善領域を 3 パスワード、11 バックアップ、22 取引先との秘密保持、24 事故対応の体制 の4項目に決定",
    ),
    (
        7,
        4,
        NoteKind::Request,
        "生産管理システムの保守業者に、個人ID化とバックアップの社外保管の見積を依頼する（第3回まで）",
    ),
    (
        7,
        9,
        NoteKind::Request,
        "基本方針をホームページに掲載する手順と費用を制作会社に確認する",
    ),
    (
        8,
        5,
        NoteKind::Issue,
        "社長が多忙で、対策の推進が総務部長一人に任せきりになる懸念。推進役の補佐を決める必要あり",
    ),
];

/// Adds notes stamped inside the run of the agenda item they refer to.
fn add_notes(session: &mut Session, date: NaiveDate, specs: &[NoteSpec]) {
    let fallback = jst(date, session.start.unwrap_or_else(default_start));
    for &(idx, minutes, kind, text) in specs {
        let item = session.agenda.get(idx).or(session.agenda.last());
        let (at, title) = match item {
            Some(item) => {
                let start = item.started_at.unwrap_or(fallback);
                let end = item.ended_at.unwrap_or(start);
                let at = (start + TimeDelta::seconds(minutes * 60 + 17))
                    .min(end - TimeDelta::seconds(15));
                (at.max(start), Some(item.title.clone()))
            }
            None => (fallback + TimeDelta::minutes(minutes), None),
        };
        session.notes.push(Note {
            at,
            kind,
            text: text.into(),
            item: title,
            carried: false,
        });
    }
}

// ---------------------------------------------------------------------------
// Hearing sheet (様式1)

/// An answer for every hearing point of the catalog this sample knows.
#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::Months;

    use super::*;
    use crate::domain::diagnosis::{GAP_THRESHOLD, gaps, score};
    use crate::domain::eligibility::{Verdict, verdict};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()
    }

    fn sample() -> (Catalog, Client) {
        let catalog = Catalog::builtin().unwrap();
        let now = today()
            .and_hms_opt(9, 0, 0)
            .map(crate::domain::clock::jst)
            .unwrap();
        let mut client = catalog.new_client("demo", SAMPLE_NAME, now);
        fill(&mut client, &catalog, today());
        (catalog, client)
    }

    #[test]
    fn three_complete_respondents_in_different_bands_with_gaps() {
        let (_, c) = sample();
        let rs = &c.diagnosis.respondents;
        assert_eq!(rs.len(), 3);
        let roles: Vec<Role> = rs.iter().map(|r| r.role).collect();
        assert_eq!(roles, [Role::Owner, Role::Manager, Role::Employee]);
        let scores: Vec<_> = rs.iter().map(|r| score(&r.answers)).collect();
        assert!(scores.iter().all(|s| s.complete()), "{scores:?}");
        let totals: Vec<i32> = scores.iter().map(|s| s.total).collect();
        assert_eq!(totals, [74, 60, 42]);
        let bands: HashSet<usize> = scores.iter().map(|s| s.band().index()).collect();
        assert!(bands.len() >= 2, "{totals:?}");
        // Real disagreements (わからない is listed on its own, not as a gap).
        let g = gaps(rs, GAP_THRESHOLD);
        assert!(!g.is_empty(), "{g:?}");
        assert!(rs[2].answers.contains(&Answer::DontKnow));
    }

    #[test]
    fn reviews_and_focus_items_are_consistent_with_the_plan() {
        let (_, c) = sample();
        let items = &c.diagnosis.items;
        assert!((5..=8).contains(&items.len()));
        let focus: Vec<&ItemReview> = items.iter().filter(|i| i.focus).collect();
        assert!((3..=4).contains(&focus.len()));
        for f in &focus {
            let r = f.ratings;
            assert!(r.urgency.is_some() && r.importance.is_some() && r.difficulty.is_some());
            assert!(
                c.plan.iter().any(|p| p.from_item == Some(f.no)),
                "focus {} has no plan row",
                f.no
            );
        }
        for p in &c.plan {
            if let Some(n) = p.from_item {
                assert!(focus.iter().any(|f| f.no == n));
            }
        }
    }

    #[test]
    fn regulations_and_plan_are_filled() {
        let (_, c) = sample();
        assert_eq!(c.regulations.len(), REGULATIONS);
        assert!(
            c.regulations
                .iter()
                .all(|r| r.status.is_some() && !r.comment.is_empty())
        );
        for s in RegulationStatus::ALL {
            assert!(
                c.regulations.iter().any(|r| r.status == Some(s)),
                "{s:?} unused"
            );
        }
        assert!(c.plan.len() >= 8);
        for a in Area::ALL {
            assert!(c.plan.iter().any(|p| p.area == a), "{a:?} missing");
        }
        let limit = today().checked_add_months(Months::new(12)).unwrap();
        for p in &c.plan {
            let d = p.deadline.unwrap();
            assert!(d > today() && d <= limit, "{d}");
            assert!(p.feasibility.is_some() && !p.measure.is_empty() && !p.current.is_empty());
        }
        assert!(
            c.plan
                .iter()
                .any(|p| p.feasibility == Some(Feasibility::NoGo))
        );
        assert!(c.plan.iter().any(|p| p.linked));
    }

    #[test]
    fn held_sessions_have_times_attendees_and_all_kinds_of_notes() {
        let (_, c) = sample();
        for (i, s) in c.sessions.iter().enumerate().take(2) {
            let date = s.date.unwrap();
            assert!(!s.attendees.is_empty());
            assert!(s.completed_at.is_some());
            assert!(s.next_date.is_some());
            assert!(!s.report.is_empty());
            assert!(s.prep.iter().any(|p| p.done));
            assert!(!s.agenda.is_empty());
            let mut prev_end = None;
            for item in &s.agenda {
                let (a, b) = (item.started_at.unwrap(), item.ended_at.unwrap());
                assert!(a <= b, "session {} {}", i + 1, item.title);
                assert_eq!(a.date_naive(), date);
                if let Some(p) = prev_end {
                    assert_eq!(p, a, "items run back to back");
                }
                prev_end = Some(b);
            }
            for k in NoteKind::ALL {
                assert!(
                    s.notes.iter().any(|n| n.kind == k),
                    "session {} lacks {k:?}",
                    i + 1
                );
            }
            assert!((6..=10).contains(&s.notes.len()));
            for n in &s.notes {
                let title = n.item.as_deref().unwrap();
                let item = s.agenda.iter().find(|a| a.title == title).unwrap();
                assert!(
                    item.started_at.unwrap() <= n.at && n.at <= item.ended_at.unwrap(),
                    "{}",
                    n.text
                );
            }
            assert!(s.notes.windows(2).all(|w| w[0].at <= w[1].at));
        }
        let dates: Vec<NaiveDate> = c.sessions.iter().map(|s| s.date.unwrap()).collect();
        assert_eq!(
            dates,
            [-14, -7, 7, 21]
                .map(|d| today() + TimeDelta::days(d))
                .to_vec()
        );
        for s in &c.sessions[2..] {
            assert!(!s.attendees.is_empty() && s.mode.is_some());
            assert!(
                s.agenda
                    .iter()
                    .all(|i| i.started_at.is_none() && i.ended_at.is_none())
            );
            assert!(s.notes.is_empty() && s.completed_at.is_none());
        }
        assert!(c.sessions[2].prep.iter().any(|p| p.done));
        assert!(c.sessions[2].prep.iter().any(|p| !p.done));
    }

    #[test]
    fn hearing_answers_cover_the_catalog() {
        let (catalog, c) = sample();
        let ids: Vec<&str> = catalog
            .hearing_points()
            .map(|(_, p)| p.id.as_str())
            .collect();
        assert!(
            c.hearing.len() * 10 >= ids.len() * 8,
            "{} of {}",
            c.hearing.len(),
            ids.len()
        );
        assert!(
            c.hearing
                .iter()
                .all(|h| ids.contains(&h.point.as_str()) && !h.answer.is_empty())
        );
        assert!(hearing_text("9.9").is_none());
    }

    #[test]
    fn the_sample_passes_the_consistency_check_and_is_eligible() {
        let (catalog, c) = sample();
        assert_eq!(catalog.check(&c), Vec::new());
        let v = verdict(&c.profile, &catalog.eligibility);
        assert!(matches!(v, Verdict::Eligible(_)), "{v:?}");
    }

    #[test]
    fn policy_is_enacted_but_not_published() {
        let (_, c) = sample();
        let p = &c.policy;
        assert_eq!(p.enacted_on, c.sessions[1].date);
        assert_eq!(p.company, SAMPLE_NAME);
        assert!(p.preamble.contains(SAMPLE_NAME));
        assert!(p.published_url.is_empty() && p.published_on.is_none());
        assert!(crate::domain::readiness::policy_gaps(&c).is_empty());
        assert!(!crate::domain::readiness::readiness(&c).complete());
    }

    #[test]
    fn a_given_name_and_id_are_kept_and_filling_is_deterministic() {
        let catalog = Catalog::builtin().unwrap();
        let now = today()
            .and_hms_opt(9, 0, 0)
            .map(crate::domain::clock::jst)
            .unwrap();
        let mut a = catalog.new_client("x1", "有限会社テスト", now);
        fill(&mut a, &catalog, today());
        assert_eq!(a.id, "x1");
        assert_eq!(a.profile.name, "有限会社テスト");
        assert_eq!(a.policy.company, "有限会社テスト");
        let mut b = catalog.new_client("x1", "有限会社テスト", now);
        fill(&mut b, &catalog, today());
        assert_eq!(a, b);
        // Survives a round trip through TOML.
        let text = toml::to_string(&a).unwrap();
        let back: Client = toml::from_str(&text).unwrap();
        assert_eq!(back, a);
    }
}
