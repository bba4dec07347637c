//! Checks a catalog must pass beyond its shape: counts, numbering, ranges.

use std::collections::HashSet;

use crate::domain::diagnosis::{Band, PARTS};
use crate::domain::eligibility::EligibilityTable;
use crate::domain::model::{Answer, Area, DIAGNOSIS_ITEMS, REGULATIONS, SESSIONS};
use crate::textpos::line_of_array_table;

use super::catalog::*;

/// What is wrong, and where: the `index`-th `[[table]]` and the key in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub table: Option<(String, usize)>,
    pub key: String,
    pub message: String,
}

impl Violation {
    fn at(table: &str, index: usize, key: &str, message: impl Into<String>) -> Self {
        Self {
            table: Some((table.to_owned(), index)),
            key: format!("{table}[{index}].{key}"),
            message: message.into(),
        }
    }

    fn whole(key: &str, message: impl Into<String>) -> Self {
        Self {
            table: None,
            key: key.to_owned(),
            message: message.into(),
        }
    }

    /// Line of the table the violation is in.
    pub fn locate(&self, text: &str) -> Option<usize> {
        let (name, index) = self.table.as_ref()?;
        line_of_array_table(text, name, *index)
    }
}

pub trait Validate {
    fn validate(&self) -> Result<(), Violation>;
}

fn non_empty(table: &str, i: usize, key: &str, v: &str) -> Result<(), Violation> {
    if v.trim().is_empty() {
        return Err(Violation::at(table, i, key, "must not be empty"));
    }
    Ok(())
}

/// Sessions must be numbered 1..=4, each once, in order.
fn numbered<T>(
    table: &str,
    items: &[T],
    no: impl Fn(&T) -> u8,
    count: usize,
) -> Result<(), Violation> {
    if items.len() != count {
        return Err(Violation::whole(
            table,
            format!("expected {count} entries, found {}", items.len()),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        let want = i + 1;
        if usize::from(no(item)) != want {
            return Err(Violation::at(
                table,
                i,
                "no",
                format!(
                    "expected {want} (entries are numbered 1–{count} in order), found {}",
                    no(item)
                ),
            ));
        }
    }
    Ok(())
}

impl Validate for Agendas {
    fn validate(&self) -> Result<(), Violation> {
        numbered("session", &self.session, |s| s.no, SESSIONS)?;
        let mut k = 0;
        for (i, s) in self.session.iter().enumerate() {
            non_empty("session", i, "theme", &s.theme)?;
            if s.item.is_empty() {
                return Err(Violation::at(
                    "session",
                    i,
                    "item",
                    "a session needs at least one agenda item",
                ));
            }
            for it in &s.item {
                non_empty("session.item", k, "title", &it.title)?;
                if it.minutes == 0 || it.minutes > 600 {
                    return Err(Violation::at("session.item", k, "minutes", "must be 1–600"));
                }
                k += 1;
            }
            if s.item.iter().all(|it| it.fixed) {
                return Err(Violation::at(
                    "session",
                    i,
                    "item",
                    "every item is fixed: re-planning needs at least one that is not",
                ));
            }
        }
        Ok(())
    }
}

impl Validate for Checklists {
    fn validate(&self) -> Result<(), Violation> {
        numbered("session", &self.session, |s| s.no, SESSIONS)?;
        let mut k = 0;
        for s in &self.session {
            for it in &s.item {
                non_empty("session.item", k, "text", &it.text)?;
                k += 1;
            }
        }
        Ok(())
    }
}

impl Validate for HearingCatalog {
    fn validate(&self) -> Result<(), Violation> {
        numbered("section", &self.section, |s| s.no, 7)?;
        let mut seen = HashSet::new();
        let mut k = 0;
        for (i, s) in self.section.iter().enumerate() {
            non_empty("section", i, "title", &s.title)?;
            if s.point.is_empty() {
                return Err(Violation::at(
                    "section",
                    i,
                    "point",
                    "a section needs at least one sub-point",
                ));
            }
            for (j, p) in s.point.iter().enumerate() {
                let want = format!("{}.{}", s.no, j + 1);
                if p.id != want {
                    return Err(Violation::at(
                        "section.point",
                        k,
                        "id",
                        format!("expected \"{want}\", found \"{}\"", p.id),
                    ));
                }
                if !seen.insert(p.id.clone()) {
                    return Err(Violation::at("section.point", k, "id", "duplicate id"));
                }
                non_empty("section.point", k, "title", &p.title)?;
                k += 1;
            }
        }
        Ok(())
    }
}

impl Validate for DiagnosisCatalog {
    fn validate(&self) -> Result<(), Violation> {
        let official = [
            Answer::Done,
            Answer::Partly,
            Answer::NotDone,
            Answer::DontKnow,
        ];
        if self.answer.len() != official.len() {
            return Err(Violation::whole(
                "answer",
                "expected the 4 official answers",
            ));
        }
        for (i, (c, a)) in self.answer.iter().zip(official).enumerate() {
            if c.label != a.label() || Some(c.points) != a.points() {
                return Err(Violation::at(
                    "answer",
                    i,
                    "label",
                    format!(
                        "expected {} = {} points",
                        a.label(),
                        a.points().unwrap_or_default()
                    ),
                ));
            }
        }
        if self.band.len() != Band::ALL.len() {
            return Err(Violation::whole("band", "expected 4 bands"));
        }
        for (i, (b, want)) in self.band.iter().zip(Band::ALL).enumerate() {
            let (min, max) = want.range();
            if (b.min, b.max) != (min, max) {
                return Err(Violation::at(
                    "band",
                    i,
                    "min",
                    format!("expected {min}–{max}"),
                ));
            }
            non_empty("band", i, "label", &b.label)?;
        }
        numbered("part", &self.part, |p| p.no, PARTS.len())?;
        for (i, (p, want)) in self.part.iter().zip(PARTS).enumerate() {
            if (p.first, p.last) != (*want.start(), *want.end()) {
                return Err(Violation::at(
                    "part",
                    i,
                    "first",
                    format!("part {} covers items {}–{}", p.no, want.start(), want.end()),
                ));
            }
        }
        numbered("item", &self.item, |it| it.no, DIAGNOSIS_ITEMS)?;
        for (i, it) in self.item.iter().enumerate() {
            let part = PARTS
                .iter()
                .position(|r| r.contains(&it.no))
                .map(|p| p as u8 + 1);
            if Some(it.part) != part {
                return Err(Violation::at(
                    "item",
                    i,
                    "part",
                    format!("item {} belongs to part {}", it.no, part.unwrap_or(0)),
                ));
            }
            non_empty("item", i, "topic", &it.topic)?;
            non_empty("item", i, "question", &it.question)?;
            if !(2..=4).contains(&it.checkpoints.len()) {
                return Err(Violation::at(
                    "item",
                    i,
                    "checkpoints",
                    "2–4 checkpoints required",
                ));
            }
            if it.checkpoints.iter().any(|c| c.trim().is_empty()) {
                return Err(Violation::at(
                    "item",
                    i,
                    "checkpoints",
                    "a checkpoint is empty",
                ));
            }
        }
        Ok(())
    }
}

impl Validate for RegulationCatalog {
    fn validate(&self) -> Result<(), Violation> {
        numbered("regulation", &self.regulation, |r| r.no, REGULATIONS)?;
        for (i, r) in self.regulation.iter().enumerate() {
            non_empty("regulation", i, "name", &r.name)?;
            non_empty("regulation", i, "summary", &r.summary)?;
        }
        Ok(())
    }
}

impl Validate for PolicyTemplate {
    fn validate(&self) -> Result<(), Violation> {
        if self.title.trim().is_empty() {
            return Err(Violation::whole("title", "must not be empty"));
        }
        if !self.preamble.contains("{company}") {
            return Err(Violation::whole(
                "preamble",
                "must contain {company} where the company name goes",
            ));
        }
        if self.article.len() != 5 {
            return Err(Violation::whole(
                "article",
                format!("expected 5 articles, found {}", self.article.len()),
            ));
        }
        for (i, a) in self.article.iter().enumerate() {
            non_empty("article", i, "heading", &a.heading)?;
            non_empty("article", i, "body", &a.body)?;
        }
        Ok(())
    }
}

impl Validate for PlanCatalog {
    fn validate(&self) -> Result<(), Violation> {
        if self.area.len() != Area::ALL.len() {
            return Err(Violation::whole("area", "expected the 4 areas"));
        }
        for (i, (a, want)) in self.area.iter().zip(Area::ALL).enumerate() {
            if a.area != want {
                return Err(Violation::at(
                    "area",
                    i,
                    "area",
                    format!("expected {}", want.label()),
                ));
            }
        }
        let scales = [
            ("緊急度", ["高", "中", "低"]),
            ("重要度", ["高", "中", "低"]),
            ("難易度", ["易", "中", "難"]),
        ];
        if self.scale.len() != scales.len() {
            return Err(Violation::whole(
                "scale",
                "expected 緊急度, 重要度 and 難易度",
            ));
        }
        for (i, (s, (name, levels))) in self.scale.iter().zip(scales).enumerate() {
            if s.name != name || s.levels != levels {
                return Err(Violation::at(
                    "scale",
                    i,
                    "name",
                    format!("expected {name} with levels {}", levels.join("/")),
                ));
            }
        }
        if !(6..=60).contains(&self.horizon_months) {
            return Err(Violation::whole("horizon_months", "must be 6–60"));
        }
        Ok(())
    }
}

impl Validate for EligibilityTable {
    fn validate(&self) -> Result<(), Violation> {
        numbered("category", &self.category, |c| c.no, 15)?;
        for (i, c) in self.category.iter().enumerate() {
            non_empty("category", i, "name", &c.name)?;
            let has_limit = c.capital_limit_yen.is_some() || c.employee_limit.is_some();
            if c.by_main_industry == has_limit {
                return Err(Violation::at(
                    "category",
                    i,
                    "by_main_industry",
                    "a category has its own limits or borrows its main industry's, not both",
                ));
            }
        }
        Ok(())
    }
}
