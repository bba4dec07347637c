//! Eligibility of a company for the programme (中小企業等の定義): by industry
//! category, capital and regular employees, and the exclusions.

use serde::{Deserialize, Serialize};

use super::model::Profile;

/// One industry category (業種分類) of the eligibility table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndustryCategory {
    /// 1–15 (①–⑮).
    pub no: u8,
    pub name: String,
    /// Upper limit of capital in yen, for companies (inclusive).
    #[serde(default)]
    pub capital_limit_yen: Option<u64>,
    /// Upper limit of regular employees (inclusive).
    #[serde(default)]
    pub employee_limit: Option<u32>,
    /// The employee limit is that of the body's main industry (categories ⑫–⑮).
    #[serde(default)]
    pub by_main_industry: bool,
}

/// The eligibility table (seeds 000/001).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityTable {
    pub category: Vec<IndustryCategory>,
}

impl EligibilityTable {
    pub fn get(&self, no: u8) -> Option<&IndustryCategory> {
        self.category.iter().find(|c| c.no == no)
    }

    /// Categories whose limits a body of ⑫–⑮ may borrow (those with capital limits, ①–⑧).
    pub fn main_industries(&self) -> impl Iterator<Item = &IndustryCategory> {
        self.category
            .iter()
            .filter(|c| c.capital_limit_yen.is_some())
    }
}

/// Why a company is or is not eligible, one fact per value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    CapitalWithin { capital: u64, limit: u64 },
    CapitalOver { capital: u64, limit: u64 },
    EmployeesWithin { employees: u32, limit: u32 },
    EmployeesOver { employees: u32, limit: u32 },
    Unincorporated,
    TookPartLastYear,
    MissingIndustry,
    UnknownIndustry(u8),
    MissingMainIndustry,
    MissingCapital,
    MissingEmployees,
}

impl Reason {
    /// The reason as one Japanese sentence fragment.
    pub fn text(&self) -> String {
        match self {
            Self::CapitalWithin { capital, limit } => {
                format!("資本金 {} が上限 {} 以下", yen(*capital), yen(*limit))
            }
            Self::CapitalOver { capital, limit } => {
                format!("資本金 {} が上限 {} を超過", yen(*capital), yen(*limit))
            }
            Self::EmployeesWithin { employees, limit } => {
                format!("従業員 {employees}人 が上限 {limit}人 以下")
            }
            Self::EmployeesOver { employees, limit } => {
                format!("従業員 {employees}人 が上限 {limit}人 を超過")
            }
            Self::Unincorporated => "法人格のない任意団体は対象外".into(),
            Self::TookPartLastYear => "前年度の指導業務に参加した企業は対象外".into(),
            Self::MissingIndustry => "業種分類が未入力".into(),
            Self::UnknownIndustry(n) => format!("業種分類 {n} は表にない"),
            Self::MissingMainIndustry => "主たる業種（(1)〜(8)）が未入力".into(),
            Self::MissingCapital => "資本金が未入力".into(),
            Self::MissingEmployees => "従業員数が未入力".into(),
        }
    }
}

/// Outcome of the eligibility rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Eligible(Vec<Reason>),
    NotEligible(Vec<Reason>),
    /// Facts are missing to decide.
    Undetermined(Vec<Reason>),
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Eligible(_) => "対象",
            Self::NotEligible(_) => "対象外",
            Self::Undetermined(_) => "判定不能",
        }
    }

    pub fn reasons(&self) -> &[Reason] {
        match self {
            Self::Eligible(r) | Self::NotEligible(r) | Self::Undetermined(r) => r,
        }
    }

    /// `対象外: 資本金 … を超過、従業員 … を超過` — the verdict with its reasons on one line.
    pub fn summary(&self) -> String {
        let reasons: Vec<String> = self.reasons().iter().map(Reason::text).collect();
        format!("{}: {}", self.label(), reasons.join("、"))
    }
}

/// Formats yen the way the eligibility table does (億円 / 万円).
pub fn yen(v: u64) -> String {
    if v >= 100_000_000 && v.is_multiple_of(100_000_000) {
        format!("{}億円", v / 100_000_000)
    } else if v >= 10_000 && v.is_multiple_of(10_000) {
        format!("{}万円", v / 10_000)
    } else {
        format!("{v}円")
    }
}

/// Decides whether the company qualifies as 中小企業等, and why.
///
/// Companies of ①–⑧ qualify when capital **or** employees are within the limit
/// (either suffices). ⑨–⑪ are judged by employees only; ⑫–⑮ by employees
/// against the limit of their main industry. A body without legal personality
/// and a participant of the previous year never qualify.
pub fn verdict(profile: &Profile, table: &EligibilityTable) -> Verdict {
    let mut exclusions = Vec::new();
    if profile.unincorporated {
        exclusions.push(Reason::Unincorporated);
    }
    if profile.took_part_last_year {
        exclusions.push(Reason::TookPartLastYear);
    }
    if !exclusions.is_empty() {
        return Verdict::NotEligible(exclusions);
    }
    let Some(no) = profile.industry else {
        return Verdict::Undetermined(vec![Reason::MissingIndustry]);
    };
    let Some(cat) = table.get(no) else {
        return Verdict::Undetermined(vec![Reason::UnknownIndustry(no)]);
    };

    let employee_limit = if cat.by_main_industry {
        let Some(main) = profile.main_industry else {
            return Verdict::Undetermined(vec![Reason::MissingMainIndustry]);
        };
        match table.get(main).filter(|m| m.capital_limit_yen.is_some()) {
            Some(m) => m.employee_limit,
            None => return Verdict::Undetermined(vec![Reason::UnknownIndustry(main)]),
        }
    } else {
        cat.employee_limit
    };
    let capital_limit = cat.capital_limit_yen;

    let capital = capital_limit.map(|limit| match profile.capital_yen {
        Some(c) if c <= limit => Ok(Reason::CapitalWithin { capital: c, limit }),
        Some(c) => Err(Reason::CapitalOver { capital: c, limit }),
        None => Err(Reason::MissingCapital),
    });
    let employees = employee_limit.map(|limit| match profile.employees {
        Some(e) if e <= limit => Ok(Reason::EmployeesWithin {
            employees: e,
            limit,
        }),
        Some(e) => Err(Reason::EmployeesOver {
            employees: e,
            limit,
        }),
        None => Err(Reason::MissingEmployees),
    });

    let tests: Vec<Result<Reason, Reason>> = [capital, employees].into_iter().flatten().collect();
    // Either limit within suffices.
    let within: Vec<Reason> = tests.iter().filter_map(|t| t.clone().ok()).collect();
    if !within.is_empty() {
        return Verdict::Eligible(within);
    }
    let failures: Vec<Reason> = tests.into_iter().filter_map(Result::err).collect();
    let missing: Vec<Reason> = failures
        .iter()
        .filter(|r| matches!(r, Reason::MissingCapital | Reason::MissingEmployees))
        .cloned()
        .collect();
    if !missing.is_empty() {
        // Something exceeded or is unknown, but an unknown fact could still qualify it.
        return Verdict::Undetermined(failures);
    }
    Verdict::NotEligible(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> EligibilityTable {
        let cat = |no, cap: Option<u64>, emp: Option<u32>, by_main| IndustryCategory {
            no,
            name: format!("cat{no}"),
            capital_limit_yen: cap,
            employee_limit: emp,
            by_main_industry: by_main,
        };
        EligibilityTable {
            category: vec![
                cat(1, Some(300_000_000), Some(300), false),
                cat(2, Some(100_000_000), Some(100), false),
                cat(3, Some(50_000_000), Some(100), false),
                cat(4, Some(50_000_000), Some(50), false),
                cat(5, Some(300_000_000), Some(900), false),
                cat(6, Some(300_000_000), Some(300), false),
                cat(7, Some(50_000_000), Some(200), false),
                cat(8, Some(300_000_000), Some(300), false),
                cat(9, None, Some(300), false),
                cat(10, None, Some(300), false),
                cat(11, None, Some(100), false),
                cat(12, None, None, true),
                cat(13, None, None, true),
                cat(14, None, None, true),
                cat(15, None, None, true),
            ],
        }
    }

    fn company(industry: u8, capital: Option<u64>, employees: Option<u32>) -> Profile {
        Profile {
            industry: Some(industry),
            capital_yen: capital,
            employees,
            ..Profile::default()
        }
    }

    #[test]
    fn retail_at_the_employee_limit_is_eligible() {
        let v = verdict(&company(4, Some(60_000_000), Some(50)), &table());
        assert_eq!(
            v,
            Verdict::Eligible(vec![Reason::EmployeesWithin {
                employees: 50,
                limit: 50
            }])
        );
    }

    #[test]
    fn retail_over_both_limits_is_not_eligible_with_both_reasons() {
        let v = verdict(&company(4, Some(60_000_000), Some(51)), &table());
        assert_eq!(
            v,
            Verdict::NotEligible(vec![
                Reason::CapitalOver {
                    capital: 60_000_000,
                    limit: 50_000_000
                },
                Reason::EmployeesOver {
                    employees: 51,
                    limit: 50
                },
            ])
        );
        assert_eq!(
            v.summary(),
            "対象外: 資本金 6000万円 が上限 5000万円 を超過、従業員 51人 が上限 50人 を超過"
        );
    }

    #[test]
    fn capital_at_the_limit_suffices_even_with_many_employees() {
        let v = verdict(&company(4, Some(50_000_000), Some(500)), &table());
        assert_eq!(
            v,
            Verdict::Eligible(vec![Reason::CapitalWithin {
                capital: 50_000_000,
                limit: 50_000_000
            }])
        );
        let v = verdict(&company(4, Some(50_000_001), Some(500)), &table());
        assert!(matches!(v, Verdict::NotEligible(_)));
    }

    #[test]
    fn rubber_products_allow_900_employees() {
        assert!(matches!(
            verdict(&company(5, Some(400_000_000), Some(900)), &table()),
            Verdict::Eligible(_)
        ));
        assert!(matches!(
            verdict(&company(5, Some(400_000_000), Some(901)), &table()),
            Verdict::NotEligible(_)
        ));
    }

    #[test]
    fn medical_and_school_corporations_are_judged_by_employees_only() {
        // Capital is irrelevant for ⑨–⑪, even when huge or missing.
        let v = verdict(&company(9, Some(10_000_000_000), Some(300)), &table());
        assert_eq!(
            v,
            Verdict::Eligible(vec![Reason::EmployeesWithin {
                employees: 300,
                limit: 300
            }])
        );
        let v = verdict(&company(10, None, Some(301)), &table());
        assert_eq!(
            v,
            Verdict::NotEligible(vec![Reason::EmployeesOver {
                employees: 301,
                limit: 300
            }])
        );
        let v = verdict(&company(11, None, Some(101)), &table());
        assert!(matches!(v, Verdict::NotEligible(_)));
    }

    #[test]
    fn associations_use_the_employee_limit_of_their_main_industry() {
        let mut p = company(15, None, Some(51));
        assert_eq!(
            verdict(&p, &table()),
            Verdict::Undetermined(vec![Reason::MissingMainIndustry])
        );
        p.main_industry = Some(4); // retail: 50
        assert_eq!(
            verdict(&p, &table()),
            Verdict::NotEligible(vec![Reason::EmployeesOver {
                employees: 51,
                limit: 50
            }])
        );
        p.main_industry = Some(1); // manufacturing: 300
        assert!(matches!(verdict(&p, &table()), Verdict::Eligible(_)));
        // Capital never rescues a body judged by employees only.
        p.main_industry = Some(4);
        p.capital_yen = Some(1);
        assert!(matches!(verdict(&p, &table()), Verdict::NotEligible(_)));
        // A main industry must be one of ①–⑧.
        p.main_industry = Some(9);
        assert_eq!(
            verdict(&p, &table()),
            Verdict::Undetermined(vec![Reason::UnknownIndustry(9)])
        );
    }

    #[test]
    fn exclusions_win_over_size() {
        let mut p = company(1, Some(1_000_000), Some(5));
        p.took_part_last_year = true;
        assert_eq!(
            verdict(&p, &table()),
            Verdict::NotEligible(vec![Reason::TookPartLastYear])
        );
        p.unincorporated = true;
        assert_eq!(
            verdict(&p, &table()),
            Verdict::NotEligible(vec![Reason::Unincorporated, Reason::TookPartLastYear])
        );
    }

    #[test]
    fn missing_facts_leave_it_undetermined_unless_the_other_limit_suffices() {
        assert_eq!(
            verdict(&Profile::default(), &table()),
            Verdict::Undetermined(vec![Reason::MissingIndustry])
        );
        assert_eq!(
            verdict(&company(99, Some(1), Some(1)), &table()),
            Verdict::Undetermined(vec![Reason::UnknownIndustry(99)])
        );
        // Employees unknown, capital within → eligible already.
        assert!(matches!(
            verdict(&company(2, Some(100_000_000), None), &table()),
            Verdict::Eligible(_)
        ));
        // Capital over, employees unknown → cannot say.
        assert_eq!(
            verdict(&company(2, Some(100_000_001), None), &table()),
            Verdict::Undetermined(vec![
                Reason::CapitalOver {
                    capital: 100_000_001,
                    limit: 100_000_000
                },
                Reason::MissingEmployees,
            ])
        );
    }

    #[test]
    fn yen_is_written_in_oku_and_man() {
        assert_eq!(yen(300_000_000), "3億円");
        assert_eq!(yen(50_000_000), "5000万円");
        assert_eq!(yen(123), "123円");
        assert_eq!(yen(150_000_000), "15000万円");
    }
}
