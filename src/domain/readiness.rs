//! SECURITY ACTION ★★ readiness (二つ星宣言の要件): the self-diagnosis done,
//! a basic policy written, and the policy published.

use super::diagnosis::score;
use super::model::Client;

/// One requirement and, when unmet, what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub label: &'static str,
    /// `None` when met; otherwise what is missing, in Japanese.
    pub missing: Option<String>,
}

impl Check {
    pub fn met(&self) -> bool {
        self.missing.is_none()
    }
}

/// The three ★★ requirements in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub checks: [Check; 3],
}

impl Readiness {
    pub fn complete(&self) -> bool {
        self.checks.iter().all(Check::met)
    }
}

/// What the policy still lacks to count as written (the company and the
/// representative come from the profile).
pub fn policy_gaps(client: &Client) -> Vec<String> {
    let p = &client.policy;
    let mut gaps = Vec::new();
    if p.preamble.trim().is_empty() {
        gaps.push("前文".to_owned());
    }
    if p.articles.is_empty() {
        gaps.push("条項".to_owned());
    }
    for (i, a) in p.articles.iter().enumerate() {
        if a.heading.trim().is_empty() || a.body.trim().is_empty() {
            gaps.push(format!("第{}条", i + 1));
        }
    }
    if p.enacted_on.is_none() {
        gaps.push("制定日".to_owned());
    }
    if client.profile.name.trim().is_empty() {
        gaps.push("会社名（企業情報）".to_owned());
    }
    if client.profile.representative.trim().is_empty() {
        gaps.push("代表者（企業情報）".to_owned());
    }
    gaps
}

pub fn readiness(client: &Client) -> Readiness {
    let d = &client.diagnosis;
    let diagnosis = if d.respondents.is_empty() {
        Some("回答者がいません".to_owned())
    } else if d.respondents.iter().any(|r| score(&r.answers).complete()) {
        None
    } else {
        let best = d
            .respondents
            .iter()
            .map(|r| score(&r.answers).answered)
            .max()
            .unwrap_or(0);
        Some(format!(
            "全25問に回答した回答者がいません（最多 {best}/25 問）"
        ))
    };
    let gaps = policy_gaps(client);
    let written = (!gaps.is_empty()).then(|| format!("未記入: {}", gaps.join("、")));
    let published = if client.policy.published_on.is_some() {
        None
    } else if client.policy.published_url.trim().is_empty() {
        Some("公開日と公開先が未記入".to_owned())
    } else {
        Some("公開日が未記入".to_owned())
    };
    Readiness {
        checks: [
            Check {
                label: "自社診断の実施",
                missing: diagnosis,
            },
            Check {
                label: "基本方針の策定",
                missing: written,
            },
            Check {
                label: "基本方針の公開",
                missing: published,
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Answer, BasicPolicy, PolicyArticle, Respondent, Role};
    use crate::domain::testing::blank_client;
    use chrono::NaiveDate;

    fn written_policy() -> BasicPolicy {
        BasicPolicy {
            preamble: "当社は…".into(),
            articles: (1..=5)
                .map(|i| PolicyArticle {
                    heading: format!("条{i}"),
                    body: "本文".into(),
                })
                .collect(),
            enacted_on: NaiveDate::from_ymd_opt(2026, 12, 1),
            company: "株式会社テスト".into(),
            ..BasicPolicy::default()
        }
    }

    #[test]
    fn a_new_client_lacks_everything() {
        let r = readiness(&blank_client());
        assert!(!r.complete());
        assert_eq!(r.checks[0].missing.as_deref(), Some("回答者がいません"));
        assert!(r.checks[1].missing.as_deref().unwrap().contains("前文"));
        assert_eq!(
            r.checks[2].missing.as_deref(),
            Some("公開日と公開先が未記入")
        );
    }

    #[test]
    fn one_complete_respondent_suffices_for_the_diagnosis() {
        let mut c = blank_client();
        let mut partial = Respondent {
            name: "a".into(),
            role: Role::Employee,
            answers: [Answer::Done; 25],
        };
        partial.answers[24] = Answer::Unanswered;
        c.diagnosis.respondents.push(partial);
        let r = readiness(&c);
        assert_eq!(
            r.checks[0].missing.as_deref(),
            Some("全25問に回答した回答者がいません（最多 24/25 問）")
        );
        c.diagnosis.respondents.push(Respondent {
            name: "b".into(),
            role: Role::Owner,
            answers: [Answer::DontKnow; 25],
        });
        assert!(readiness(&c).checks[0].met());
    }

    #[test]
    fn written_and_published_policy_completes_readiness() {
        let mut c = blank_client();
        c.diagnosis.respondents.push(Respondent {
            name: "a".into(),
            role: Role::Owner,
            answers: [Answer::Partly; 25],
        });
        c.policy = written_policy();
        c.profile.name = "株式会社テスト".into();
        assert_eq!(
            readiness(&c).checks[1].missing.as_deref(),
            Some("未記入: 代表者（企業情報）"),
            "the signature comes from the profile"
        );
        c.profile.representative = "代表取締役 山田太郎".into();
        c.policy.articles[2].body = "  ".into();
        assert_eq!(
            readiness(&c).checks[1].missing.as_deref(),
            Some("未記入: 第3条")
        );
        c.policy = written_policy();
        c.policy.published_url = "https://example.jp/security".into();
        assert_eq!(
            readiness(&c).checks[2].missing.as_deref(),
            Some("公開日が未記入")
        );
        c.policy.published_on = NaiveDate::from_ymd_opt(2026, 12, 10);
        let r = readiness(&c);
        assert!(r.complete(), "{r:?}");
    }
}
