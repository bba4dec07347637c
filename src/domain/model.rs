//! The client record: everything bansou keeps about one company, as stored in
//! `client.toml`. Plain data with serde derives; the rules live in the sibling
//! modules (`diagnosis`, `eligibility`, `agenda`, `plan`, `readiness`).

use chrono::{NaiveDate, NaiveTime};

/// A moment with the UTC offset it was recorded in (`2026-12-02T13:30:00+09:00`
/// in the file): elapsed times stay right when the file is reopened under
/// another time zone or across a DST change, and the time shown is the
/// wall-clock time where it was recorded.
pub type Stamp = chrono::DateTime<chrono::FixedOffset>;
use serde::{Deserialize, Serialize};

/// Version of the `client.toml` layout this binary writes.
pub const SCHEMA_VERSION: u32 = 4;

/// Number of questions of the self-diagnosis (自社診断).
pub const DIAGNOSIS_ITEMS: usize = 25;

/// Number of related regulations checked in 様式2.
pub const REGULATIONS: usize = 11;

/// Number of guidance sessions (指導回数).
pub const SESSIONS: usize = 4;

/// One guided company (指導先企業) and everything worked on with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub schema_version: u32,
    pub id: String,
    pub created_at: Stamp,
    pub profile: Profile,
    pub sessions: [Session; SESSIONS],
    #[serde(default)]
    pub hearing: Vec<HearingAnswer>,
    #[serde(default)]
    pub diagnosis: Diagnosis,
    #[serde(default)]
    pub policy: BasicPolicy,
    #[serde(default)]
    pub regulations: Vec<RegulationRow>,
    #[serde(default)]
    pub plan: Vec<PlanRow>,
    /// Summary and evaluation of the guidance for the final report
    /// (指導結果のまとめと評価), written after session 4.
    #[serde(default)]
    pub final_evaluation: String,
}

impl Client {
    /// Sessions marked as held (実施済み), 0–4.
    pub fn sessions_done(&self) -> usize {
        self.sessions
            .iter()
            .filter(|s| s.completed_at.is_some())
            .count()
    }
}

/// Company profile (企業情報), including the facts that decide eligibility.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// Industry category number 1–15 of the eligibility table (業種分類 ①–⑮).
    pub industry: Option<u8>,
    /// For categories ⑫–⑮: the main industry 1–8 whose employee limit applies (主たる業種).
    pub main_industry: Option<u8>,
    /// Capital or total investment in yen (資本金の額又は出資の総額).
    pub capital_yen: Option<u64>,
    /// Regular employees (常時使用する従業員の数); officers and owners not counted.
    pub employees: Option<u32>,
    /// A body without legal personality (法人格のない任意団体) is excluded.
    pub unincorporated: bool,
    /// Took part in the programme in the previous year (前年度参加) — excluded.
    pub took_part_last_year: bool,
    pub prefecture: String,
    pub address: String,
    pub website: String,
    /// Title and name of the representative (代表者), e.g. 代表取締役社長 山田太郎.
    pub representative: String,
    pub security_action: SecurityActionLevel,
    /// The company already had a basic policy before the programme (基本方針の有無).
    pub has_basic_policy: bool,
    pub contacts: Vec<Contact>,
    pub memo: String,
}

/// SECURITY ACTION self-declaration level (自己宣言).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecurityActionLevel {
    #[default]
    #[serde(rename = "なし")]
    None,
    #[serde(rename = "一つ星")]
    OneStar,
    #[serde(rename = "二つ星")]
    TwoStars,
}

impl SecurityActionLevel {
    pub const ALL: [Self; 3] = [Self::None, Self::OneStar, Self::TwoStars];
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "なし",
            Self::OneStar => "一つ星",
            Self::TwoStars => "二つ星",
        }
    }
}

/// A contact person at the company (担当者).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

/// How a session is held (実施形態).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    #[serde(rename = "訪問")]
    Visit,
    #[serde(rename = "オンライン")]
    Online,
}

impl Mode {
    pub const ALL: [Self; 2] = [Self::Visit, Self::Online];
    pub fn label(self) -> &'static str {
        match self {
            Self::Visit => "訪問",
            Self::Online => "オンライン",
        }
    }
}

/// One of the four guidance sessions (指導回).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Session {
    pub date: Option<NaiveDate>,
    /// Planned start time (開始予定).
    pub start: Option<NaiveTime>,
    /// Fixed end (終了予定): the client's hard stop. Set when the session is
    /// planned (default: the start plus the agenda's minutes, see
    /// `window::settle_end`); no timer key or agenda edit moves it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveTime>,
    pub mode: Option<Mode>,
    pub place: String,
    pub attendees: Vec<Attendee>,
    /// Preparation checklist (事前準備), copied from content when the client is created.
    pub prep: Vec<PrepItem>,
    pub agenda: Vec<AgendaItem>,
    /// Set while the session timer is paused (一時停止).
    pub paused_at: Option<Stamp>,
    pub notes: Vec<Note>,
    /// The session is over (実施済み).
    pub completed_at: Option<Stamp>,
    /// Free text for the report to the programme office (実施報告の所感).
    pub report: String,
    /// Date agreed for the next session (次回予定).
    pub next_date: Option<NaiveDate>,
}

/// Someone taking part in a session (出席者).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Attendee {
    pub name: String,
    pub role: String,
}

/// Whose task a preparation item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    #[serde(rename = "企業")]
    Company,
    #[serde(rename = "専門家")]
    Expert,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Self::Company => "企業",
            Self::Expert => "専門家",
        }
    }
}

/// One line of a session's preparation checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepItem {
    pub side: Side,
    pub text: String,
    #[serde(default)]
    pub done: bool,
    /// The session (1–4) whose request to the company (依頼事項) this item
    /// was carried over from (see `domain::carry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u8>,
}

/// A form an agenda item works on; following the link opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    Profile,
    Hearing,
    Diagnosis,
    Policy,
    Regulations,
    Plan,
    Notes,
}

impl FormKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Profile => "企業情報",
            Self::Hearing => "ヒアリングシート",
            Self::Diagnosis => "自社診断",
            Self::Policy => "基本方針",
            Self::Regulations => "関連規程類の点検",
            Self::Plan => "対策実行計画",
            Self::Notes => "メモ",
        }
    }
}

/// One timed item of a session's agenda (議事次第).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgendaItem {
    pub title: String,
    /// Planned duration in minutes.
    pub minutes: u32,
    pub form: Option<FormKind>,
    /// What to keep in mind during the item (考慮点).
    pub hint: String,
    pub started_at: Option<Stamp>,
    pub ended_at: Option<Stamp>,
    /// Seconds the timer was paused while this item ran.
    pub paused_secs: u32,
    /// Fixed length (固定): re-planning never squeezes or stretches it (the
    /// break, the closing Q&A).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fixed: bool,
    /// Skipped (省略): not held; takes no time in the plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
    /// Seconds the item had already run when `[` went back to an earlier
    /// one; its clock resumes from there when it runs again.
    #[serde(skip_serializing_if = "is_zero")]
    pub ran_secs: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Kind of a quick note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    #[default]
    #[serde(rename = "メモ")]
    Note,
    #[serde(rename = "依頼事項")]
    Request,
    #[serde(rename = "決定事項")]
    Decision,
    #[serde(rename = "課題")]
    Issue,
}

impl NoteKind {
    pub const ALL: [Self; 4] = [Self::Note, Self::Request, Self::Decision, Self::Issue];
    pub fn label(self) -> &'static str {
        match self {
            Self::Note => "メモ",
            Self::Request => "依頼事項",
            Self::Decision => "決定事項",
            Self::Issue => "課題",
        }
    }
}

/// A quick note taken during a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub at: Stamp,
    #[serde(default)]
    pub kind: NoteKind,
    pub text: String,
    /// Title of the agenda item running when the note was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// A request (依頼事項) already copied into the next session's
    /// preparation checklist: it is never copied twice.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
}

/// Answer to one sub-point of the hearing sheet (様式1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HearingAnswer {
    /// Sub-point id from the hearing catalog, e.g. `5.3`.
    pub point: String,
    pub answer: String,
    /// Points to consider in this guidance (今回の指導で考慮すべき点).
    pub consider: String,
}

/// Answer to one self-diagnosis question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    #[default]
    #[serde(rename = "")]
    Unanswered,
    /// 実施している — 4 points.
    #[serde(rename = "実施している")]
    Done,
    /// 一部実施している — 2 points.
    #[serde(rename = "一部実施している")]
    Partly,
    /// 実施していない — 0 points.
    #[serde(rename = "実施していない")]
    NotDone,
    /// わからない — −1 point.
    #[serde(rename = "わからない")]
    DontKnow,
}

/// Role of a respondent (回答者の立場).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[serde(rename = "経営者")]
    Owner,
    #[serde(rename = "管理者")]
    Manager,
    #[default]
    #[serde(rename = "従業員")]
    Employee,
}

impl Role {
    pub const ALL: [Self; 3] = [Self::Owner, Self::Manager, Self::Employee];
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "経営者",
            Self::Manager => "管理者",
            Self::Employee => "従業員",
        }
    }
}

/// Self-diagnosis (自社診断) with several respondents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Diagnosis {
    pub respondents: Vec<Respondent>,
    /// Per-item drill-down notes and focus flags; only items that have any.
    pub items: Vec<ItemReview>,
}

/// One person's answers (回答者).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Respondent {
    pub name: String,
    pub role: Role,
    pub answers: [Answer; DIAGNOSIS_ITEMS],
}

/// Three-step rating used for urgency and importance (高/中/低).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    #[serde(rename = "高")]
    High,
    #[serde(rename = "中")]
    Mid,
    #[serde(rename = "低")]
    Low,
}

impl Level {
    pub const ALL: [Self; 3] = [Self::High, Self::Mid, Self::Low];
    pub fn label(self) -> &'static str {
        match self {
            Self::High => "高",
            Self::Mid => "中",
            Self::Low => "低",
        }
    }
}

/// Difficulty rating (難易度: 易/中/難).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difficulty {
    #[serde(rename = "易")]
    Easy,
    #[serde(rename = "中")]
    Mid,
    #[serde(rename = "難")]
    Hard,
}

impl Difficulty {
    pub const ALL: [Self; 3] = [Self::Easy, Self::Mid, Self::Hard];
    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "易",
            Self::Mid => "中",
            Self::Hard => "難",
        }
    }
}

/// Urgency, importance and difficulty of a focus item or plan row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ratings {
    /// 緊急度
    pub urgency: Option<Level>,
    /// 重要度
    pub importance: Option<Level>,
    /// 難易度
    pub difficulty: Option<Difficulty>,
}

/// Drill-down of one diagnosis item: why answered so, exceptions, focus flag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemReview {
    /// Question number 1–25.
    pub no: u8,
    pub notes: String,
    /// Marked as a focus area (重点改善領域).
    pub focus: bool,
    pub ratings: Ratings,
}

/// One article of the basic policy (基本方針の条項).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyArticle {
    pub heading: String,
    pub body: String,
}

/// The basic policy (情報セキュリティ基本方針).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BasicPolicy {
    pub preamble: String,
    pub articles: Vec<PolicyArticle>,
    /// Date of enactment (制定日).
    pub enacted_on: Option<NaiveDate>,
    /// The company name the preamble was drafted with, set once from the
    /// profile. Not edited: the exports name the profile's company and
    /// representative; this only lets a renamed company's old name in the
    /// preamble be replaced (`step::policy_preamble`).
    pub company: String,
    /// Where it is published (公開先 URL); may be empty when posted elsewhere.
    pub published_url: String,
    /// Date it was published (公開日).
    pub published_on: Option<NaiveDate>,
}

/// Review outcome of one related regulation (様式2 の今回の見直し).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegulationStatus {
    #[serde(rename = "新規に作成した（作成予定）")]
    Created,
    #[serde(rename = "既存のものを見直し改定した（改定予定）")]
    Revised,
    #[serde(rename = "特に対応無しと判断した（既存のまま）")]
    Unchanged,
    #[serde(rename = "当面は作成の必要なしと判断した")]
    NotNeeded,
}

impl RegulationStatus {
    pub const ALL: [Self; 4] = [
        Self::Created,
        Self::Revised,
        Self::Unchanged,
        Self::NotNeeded,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Created => "新規に作成した（作成予定）",
            Self::Revised => "既存のものを見直し改定した（改定予定）",
            Self::Unchanged => "特に対応無しと判断した（既存のまま）",
            Self::NotNeeded => "当面は作成の必要なしと判断した",
        }
    }
}

/// One row of the regulation check (様式2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegulationRow {
    /// Regulation number 1–11.
    pub no: u8,
    pub status: Option<RegulationStatus>,
    pub comment: String,
}

/// Improvement area of a plan row (改善分野).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    #[default]
    #[serde(rename = "組織的対策")]
    Organizational,
    #[serde(rename = "人的対策")]
    Human,
    #[serde(rename = "技術的対策")]
    Technical,
    #[serde(rename = "物理的対策")]
    Physical,
}

impl Area {
    pub const ALL: [Self; 4] = [
        Self::Organizational,
        Self::Human,
        Self::Technical,
        Self::Physical,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Organizational => "組織的対策",
            Self::Human => "人的対策",
            Self::Technical => "技術的対策",
            Self::Physical => "物理的対策",
        }
    }
}

/// Whether a measure will be done (実施可否).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feasibility {
    #[serde(rename = "可")]
    Go,
    #[serde(rename = "否")]
    NoGo,
}

impl Feasibility {
    pub fn label(self) -> &'static str {
        match self {
            Self::Go => "可",
            Self::NoGo => "否",
        }
    }
}

/// One row of the action plan (様式3 情報セキュリティ対策実行計画書).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanRow {
    pub area: Area,
    /// Current state and issue (現状と課題).
    pub current: String,
    /// Concrete measure (具体的改善対策).
    pub measure: String,
    /// Linked to a business initiative (経営施策に連携 ✔).
    pub linked: bool,
    pub ratings: Ratings,
    pub feasibility: Option<Feasibility>,
    /// Deadline (実施期限).
    pub deadline: Option<NaiveDate>,
    /// Concerns about budget and people (予算、要員等の懸念点).
    pub concerns: String,
    /// Diagnosis item this row was promoted from.
    pub from_item: Option<u8>,
}
