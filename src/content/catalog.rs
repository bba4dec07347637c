//! Shapes of the catalog files. Field names are the TOML keys.

use crate::domain::model::Stamp;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::domain::eligibility::EligibilityTable;
use crate::domain::model::{
    AgendaItem, Area, BasicPolicy, Client, Diagnosis, FormKind, PolicyArticle, PrepItem, Profile,
    RegulationRow, SCHEMA_VERSION, Session, Side,
};

/// All catalogs, loaded and validated together.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub agendas: Agendas,
    pub checklists: Checklists,
    pub hearing: HearingCatalog,
    pub diagnosis: DiagnosisCatalog,
    pub regulations: RegulationCatalog,
    pub policy: PolicyTemplate,
    pub plan: PlanCatalog,
    pub eligibility: EligibilityTable,
}

/// `agendas.toml`: the default agenda of each session.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agendas {
    pub session: Vec<SessionAgenda>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionAgenda {
    /// Session number 1–4.
    pub no: u8,
    /// Theme of the session (テーマ).
    pub theme: String,
    /// Default planned start, "HH:MM".
    pub start: NaiveTime,
    pub item: Vec<AgendaTemplate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaTemplate {
    pub title: String,
    pub minutes: u32,
    #[serde(default)]
    pub form: Option<FormKind>,
    /// What to keep in mind (考慮点).
    #[serde(default)]
    pub hint: String,
    /// Fixed length: re-planning leaves it alone (the break, the closing Q&A).
    #[serde(default)]
    pub fixed: bool,
}

/// `checklists.toml`: preparation before each session (事前準備).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklists {
    pub session: Vec<SessionChecklist>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionChecklist {
    pub no: u8,
    pub item: Vec<ChecklistTemplate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistTemplate {
    pub side: Side,
    pub text: String,
}

/// `hearing.toml`: the hearing sheet (様式1), 7 sections.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingCatalog {
    pub section: Vec<HearingSection>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingSection {
    /// 1–7, as on the official sheet.
    pub no: u8,
    pub title: String,
    pub point: Vec<HearingPoint>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingPoint {
    /// `<section>.<n>`, e.g. `5.3`; the key answers are stored under.
    pub id: String,
    pub title: String,
    /// What to ask or listen for.
    #[serde(default)]
    pub hint: String,
}

/// `diagnosis.toml`: the 25 self-diagnosis items, answer scale and score bands.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisCatalog {
    pub answer: Vec<AnswerChoice>,
    pub band: Vec<BandText>,
    pub part: Vec<DiagnosisPart>,
    pub item: Vec<DiagnosisItem>,
}

impl DiagnosisCatalog {
    /// The text of a score's band (the catalog has one per `Band`, in order).
    pub fn band(&self, band: crate::domain::diagnosis::Band) -> &BandText {
        &self.band[band.index()]
    }
}

/// One choice of the answer scale; labels and points must match the official sheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerChoice {
    pub label: String,
    pub points: i32,
}

/// Text shown for a score band.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandText {
    pub min: i32,
    pub max: i32,
    pub label: String,
    pub advice: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisPart {
    /// 1–3.
    pub no: u8,
    pub title: String,
    pub first: u8,
    pub last: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisItem {
    /// 1–25, as on the official sheet.
    pub no: u8,
    pub part: u8,
    pub topic: String,
    pub question: String,
    /// Drill-down checkpoints (掘り下げるチェックポイント), 2–4.
    pub checkpoints: Vec<String>,
    /// Area a plan row promoted from this item starts in.
    pub area: Area,
}

/// `regulations.toml`: the 11 related regulations of 様式2.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationCatalog {
    pub regulation: Vec<RegulationEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationEntry {
    pub no: u8,
    pub name: String,
    pub summary: String,
}

/// `policy.toml`: the basic-policy template. `{company}` is replaced by the company name.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyTemplate {
    pub title: String,
    pub preamble: String,
    pub article: Vec<PolicyArticleTemplate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyArticleTemplate {
    pub heading: String,
    pub body: String,
}

/// `plan.toml`: the improvement areas and what the ratings mean.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanCatalog {
    pub area: Vec<AreaEntry>,
    pub scale: Vec<ScaleEntry>,
    /// The priority rule, in words, for the help screen.
    pub priority_rule: String,
    /// Longest sensible horizon of a deadline, in months.
    pub horizon_months: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaEntry {
    pub area: Area,
    pub description: String,
}

/// Meaning of one rating scale: 緊急度, 重要度 or 難易度.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleEntry {
    pub name: String,
    pub levels: Vec<String>,
    pub description: String,
}

impl Catalog {
    pub fn agenda(&self, session: u8) -> Option<&SessionAgenda> {
        self.agendas.session.iter().find(|s| s.no == session)
    }

    pub fn checklist(&self, session: u8) -> Option<&SessionChecklist> {
        self.checklists.session.iter().find(|s| s.no == session)
    }

    pub fn diagnosis_item(&self, no: u8) -> Option<&DiagnosisItem> {
        self.diagnosis.item.iter().find(|i| i.no == no)
    }

    pub fn regulation(&self, no: u8) -> Option<&RegulationEntry> {
        self.regulations.regulation.iter().find(|r| r.no == no)
    }

    pub fn hearing_points(&self) -> impl Iterator<Item = (&HearingSection, &HearingPoint)> {
        self.hearing
            .section
            .iter()
            .flat_map(|s| s.point.iter().map(move |p| (s, p)))
    }
}

impl Catalog {
    /// A new client with the sessions' agendas and checklists, the 11
    /// regulation rows and the policy template copied in.
    pub fn new_client(&self, id: &str, name: &str, now: Stamp) -> Client {
        let sessions = std::array::from_fn(|i| {
            let no = i as u8 + 1;
            let agenda = self.agenda(no);
            Session {
                start: agenda.map(|a| a.start),
                agenda: agenda
                    .map(|a| {
                        a.item
                            .iter()
                            .map(|t| AgendaItem {
                                title: t.title.clone(),
                                minutes: t.minutes,
                                form: t.form,
                                hint: t.hint.clone(),
                                fixed: t.fixed,
                                ..AgendaItem::default()
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                prep: self
                    .checklist(no)
                    .map(|c| {
                        c.item
                            .iter()
                            .map(|t| PrepItem {
                                side: t.side,
                                text: t.text.clone(),
                                done: false,
                                from: None,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                ..Session::default()
            }
        });
        let mut client = Client {
            schema_version: SCHEMA_VERSION,
            id: id.to_owned(),
            created_at: now,
            profile: Profile {
                name: name.to_owned(),
                ..Profile::default()
            },
            sessions,
            hearing: Vec::new(),
            diagnosis: Diagnosis::default(),
            policy: self.policy_for(name),
            regulations: self
                .regulations
                .regulation
                .iter()
                .map(|r| RegulationRow {
                    no: r.no,
                    status: None,
                    comment: String::new(),
                })
                .collect(),
            plan: Vec::new(),
            final_evaluation: String::new(),
        };
        // Each session's fixed end: its start plus its agenda's minutes.
        crate::domain::window::settle_ends(&mut client);
        client
    }

    /// The policy template with the company name put in.
    pub fn policy_for(&self, company: &str) -> BasicPolicy {
        BasicPolicy {
            preamble: self.policy.preamble.replace("{company}", company),
            articles: self
                .policy
                .article
                .iter()
                .map(|a| PolicyArticle {
                    heading: a.heading.clone(),
                    body: a.body.clone(),
                })
                .collect(),
            company: company.to_owned(),
            ..BasicPolicy::default()
        }
    }
}

impl Catalog {
    /// Consistency problems of a client against these catalogs (`bansou check`).
    pub fn check(&self, client: &Client) -> Vec<crate::domain::check::Problem> {
        let points: Vec<String> = self.hearing_points().map(|(_, p)| p.id.clone()).collect();
        let mains: Vec<u8> = self.eligibility.main_industries().map(|c| c.no).collect();
        let known = crate::domain::check::Known {
            hearing_points: &points,
            industries: self.eligibility.category.len() as u8,
            main_industries: &mains,
        };
        crate::domain::check::check(client, &known)
    }
}
