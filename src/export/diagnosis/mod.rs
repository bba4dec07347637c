//! `自社診断結果.xlsx`, a working workbook: one sheet per respondent whose
//! answer cells have the four-answer pull-down and whose points, part
//! subtotals, total and band are formulas; a summary whose scores, role
//! averages, percentages, chart and side-by-side answers are formulas over
//! the respondent sheets (so an answer corrected in Excel recomputes
//! everything), with cached results so every viewer shows numbers at once;
//! and a sheet with the ratings and drill-down notes of all 25 items.

mod items;
mod respondent;
mod summary;

use chrono::NaiveDate;

use super::ExportError;
use super::xlsx::{self, Styles};
use crate::content::Catalog;
use crate::domain::diagnosis::PARTS;
use crate::domain::model::{Client, DIAGNOSIS_ITEMS, Respondent};

pub use respondent::{
    ADVICE_ROW, BAND_ROW, FIRST_ITEM_ROW, ITEM_HEADER_ROW, SUBTOTAL_ROW, TOTAL_ROW, item_col,
};
pub use summary::{SCORE_HEADER_ROW, score_col};

pub const FILE: &str = "自社診断結果.xlsx";
pub const TITLE: &str = "自社診断結果";
/// The IPA tool the answers come from.
pub const TOOL: &str = "「5分でできる！情報セキュリティ自社診断」（IPA）";
pub const SUMMARY_SHEET: &str = "集計";
pub const ITEMS_SHEET: &str = "項目別の評価とメモ";

pub fn document(catalog: &Catalog, client: &Client, today: NaiveDate) -> xlsx::Made {
    xlsx::document(FILE, workbook(catalog, client, today))
}

/// Sheet names of the respondents, in order: `N_name`, cleaned and unique.
pub fn respondent_sheet_names(respondents: &[Respondent]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, r) in respondents.iter().enumerate() {
        let who = if r.name.trim().is_empty() {
            "回答者"
        } else {
            r.name.trim()
        };
        let base = xlsx::sheet_name(&format!("{}_{}", i + 1, who));
        let mut name = base.clone();
        let mut k = 2;
        while names
            .iter()
            .any(|n| n.to_lowercase() == name.to_lowercase())
            || name == SUMMARY_SHEET
            || name == ITEMS_SHEET
        {
            name = xlsx::sheet_name(&format!(
                "{}_{}",
                base.chars().take(27).collect::<String>(),
                k
            ));
            k += 1;
        }
        names.push(name);
    }
    names
}

/// `山田 太郎（経営者）`.
pub fn respondent_label(r: &Respondent) -> String {
    let name = if r.name.trim().is_empty() {
        "（氏名未記入）"
    } else {
        r.name.trim()
    };
    format!("{name}（{}）", r.role.label())
}

/// The label of respondent `i` among `all`: numbered (`2. 鈴木 一郎（従業員）`)
/// so that two respondents of the same name are told apart.
pub fn numbered_label(all: &[Respondent], i: usize) -> String {
    format!("{}. {}", i + 1, respondent_label(&all[i]))
}

/// The catalog's band label of a total.
pub fn band_label(catalog: &Catalog, total: i32) -> (&str, &str) {
    catalog
        .diagnosis
        .band
        .iter()
        .find(|b| (b.min..=b.max).contains(&total))
        .map(|b| (b.label.as_str(), b.advice.as_str()))
        .unwrap_or(("", ""))
}

/// `100点`, `70〜99点`, or `49点以下` for the lowest band.
pub fn band_range(catalog: &Catalog, min: i32, max: i32) -> String {
    let lowest = catalog.diagnosis.band.iter().map(|b| b.min).min() == Some(min);
    if min == max {
        format!("{min}点")
    } else if lowest {
        format!("{max}点以下")
    } else {
        format!("{min}〜{max}点")
    }
}

fn part_title(catalog: &Catalog, part: usize) -> String {
    catalog
        .diagnosis
        .part
        .iter()
        .find(|p| usize::from(p.no) == part + 1)
        .map(|p| p.title.clone())
        .unwrap_or_else(|| format!("パート{}", part + 1))
}

fn part_of(no: u8) -> usize {
    PARTS.iter().position(|r| r.contains(&no)).unwrap_or(0)
}

fn topic(catalog: &Catalog, no: u8) -> String {
    catalog
        .diagnosis_item(no)
        .map(|i| i.topic.clone())
        .unwrap_or_default()
}

/// `'sheet name'!` for a formula.
fn sheet_ref(name: &str) -> String {
    format!("'{}'!", name.replace('\'', "''"))
}

/// A string as a formula literal.
fn literal(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The band formula of a total in `cell`: the label (or the advice) of the
/// catalog's band, bands tried from the highest down.
fn band_formula(catalog: &Catalog, cell: &str, advice: bool) -> String {
    let mut bands: Vec<_> = catalog.diagnosis.band.iter().collect();
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    let mut f = String::from("\"\"");
    for b in bands.iter().rev() {
        let text = if advice { &b.advice } else { &b.label };
        f = format!("IF({cell}>={},{},{f})", b.min, literal(text));
    }
    format!("={f}")
}

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let names = respondent_sheet_names(&client.diagnosis.respondents);
    let cx = xlsx::Sheet::new(&st, catalog, client, today);
    let summary = wb.add_worksheet().set_name(SUMMARY_SHEET)?;
    summary::sheet(summary, &cx, &names)?;
    for (r, name) in client.diagnosis.respondents.iter().zip(&names) {
        let ws = wb.add_worksheet().set_name(name)?;
        // The title names the respondent as the questionnaire did (the
        // importer reads it back); the sheet name `N_name` tells two of the
        // same name apart.
        respondent::sheet(ws, &cx, r, &respondent_label(r))?;
    }
    // Last, so the respondent sheets follow the summary as they always did.
    let items = wb.add_worksheet().set_name(ITEMS_SHEET)?;
    items::sheet(items, &cx)?;
    debug_assert_eq!(FIRST_ITEM_ROW + DIAGNOSIS_ITEMS as u32, SUBTOTAL_ROW);
    xlsx::finish(wb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_band_formula_tries_the_highest_band_first() {
        let catalog = Catalog::builtin().unwrap();
        let f = band_formula(&catalog, "E33", false);
        assert!(
            f.starts_with("=IF(E33>=100,\"入口の対策は完了\",IF(E33>=70,"),
            "{f}"
        );
        assert!(f.ends_with(",\"\"))))"), "{f}");
        assert_eq!(band_range(&catalog, -25, 49), "49点以下");
        assert_eq!(band_range(&catalog, 70, 99), "70〜99点");
        assert_eq!(band_range(&catalog, 100, 100), "100点");
        assert_eq!(sheet_ref("1_O'Neil"), "'1_O''Neil'!");
    }
}
