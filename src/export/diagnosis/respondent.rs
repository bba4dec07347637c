//! One respondent's sheet: the 25 answers with the four-answer pull-down,
//! and points, part subtotals, total, band and advice as formulas (cached).

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{Formula, Worksheet};

use super::{TITLE, TOOL, band_formula, band_label, literal, part_of, part_title};
use crate::domain::diagnosis::{PARTS, part_max, score};
use crate::domain::model::{Answer, DIAGNOSIS_ITEMS, Respondent};
use crate::export::ExportError;
use crate::export::xlsx::{self, Sheet};

/// Header row of a respondent sheet; item rows follow, then the subtotals.
pub const ITEM_HEADER_ROW: u32 = 3;
pub const FIRST_ITEM_ROW: u32 = ITEM_HEADER_ROW + 1;
/// First of the three part-subtotal rows; the total follows them.
pub const SUBTOTAL_ROW: u32 = FIRST_ITEM_ROW + DIAGNOSIS_ITEMS as u32;
pub const TOTAL_ROW: u32 = SUBTOTAL_ROW + 3;
/// The band label (in column C), then its advice.
pub const BAND_ROW: u32 = TOTAL_ROW + 1;
pub const ADVICE_ROW: u32 = BAND_ROW + 1;
const NOTE_ROW: u32 = ADVICE_ROW + 1;

/// Columns of a respondent sheet.
pub mod item_col {
    pub const NO: u16 = 0;
    pub const PART: u16 = 1;
    pub const QUESTION: u16 = 2;
    pub const ANSWER: u16 = 3;
    pub const POINTS: u16 = 4;
}

const WIDTHS: [f64; 5] = [5.0, 16.0, 58.0, 18.0, 7.0];

/// `E5` of a 0-based row and column.
fn cell(row: u32, col: u16) -> String {
    row_col_to_cell(row, col)
}

/// The points formula of the answer in `answer`.
pub fn points_formula(answer: &str) -> String {
    let mut f = String::from("\"\"");
    for a in Answer::CHOICES.iter().rev() {
        let p = a.points().unwrap_or(0);
        f = format!("IF({answer}={},{p},{f})", literal(a.label()));
    }
    format!("={f}")
}

fn answers_range() -> String {
    format!(
        "{}:{}",
        cell(FIRST_ITEM_ROW, item_col::ANSWER),
        cell(SUBTOTAL_ROW - 1, item_col::ANSWER)
    )
}

pub fn sheet(
    ws: &mut Worksheet,
    cx: &Sheet,
    r: &Respondent,
    label: &str,
) -> Result<(), ExportError> {
    let Sheet { st, catalog, .. } = *cx;
    let w = &WIDTHS;
    let last = (w.len() - 1) as u16;
    let row = cx.head(ws, &format!("{TITLE}　回答者：{label}"), w)?;
    debug_assert_eq!(row, ITEM_HEADER_ROW);
    for (c, h) in [
        "No.",
        "区分",
        &format!("診断内容（{TOOL}）"),
        "回答",
        "点数",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(row, 20)?;
    xlsx::page_setup(ws, false, ITEM_HEADER_ROW, ITEM_HEADER_ROW)?;

    for (i, a) in r.answers.iter().enumerate() {
        let no = i as u8 + 1;
        let row = FIRST_ITEM_ROW + i as u32;
        let question = catalog
            .diagnosis_item(no)
            .map(|it| it.question.as_str())
            .unwrap_or("");
        let part = part_title(catalog, part_of(no));
        ws.write_number_with_format(row, item_col::NO, no, &st.number)?;
        ws.write_string_with_format(row, item_col::PART, &part, &st.center)?;
        ws.write_string_with_format(row, item_col::QUESTION, question, &st.text)?;
        match a {
            Answer::Unanswered => ws.write_blank(row, item_col::ANSWER, &st.center)?,
            _ => ws.write_string_with_format(row, item_col::ANSWER, a.label(), &st.center)?,
        };
        let f = Formula::new(points_formula(&cell(row, item_col::ANSWER)))
            .set_result(a.points().map(|p| p.to_string()).unwrap_or_default());
        ws.write_formula_with_format(row, item_col::POINTS, f, &st.number)?;
        xlsx::fit_row(
            ws,
            row,
            &[(&part, w[1]), (question, w[2]), (a.label(), w[3])],
        )?;
    }
    let labels: Vec<&str> = Answer::CHOICES.iter().map(|a| a.label()).collect();
    xlsx::pulldown(
        ws,
        (FIRST_ITEM_ROW, item_col::ANSWER),
        (SUBTOTAL_ROW - 1, item_col::ANSWER),
        &labels,
    )?;

    let sc = score(&r.answers);
    for (p, max) in part_max().iter().enumerate() {
        let row = SUBTOTAL_ROW + p as u32;
        let label = format!("{} 小計（{max}点満点）", part_title(catalog, p));
        xlsx::merge_across(ws, row, 0, item_col::ANSWER, &label, &st.total_label)?;
        let first = FIRST_ITEM_ROW + u32::from(*PARTS[p].start()) - 1;
        let end = FIRST_ITEM_ROW + u32::from(*PARTS[p].end()) - 1;
        let f = Formula::new(format!(
            "=SUM({}:{})",
            cell(first, item_col::POINTS),
            cell(end, item_col::POINTS)
        ))
        .set_result(sc.parts[p].to_string());
        ws.write_formula_with_format(row, item_col::POINTS, f, &st.total)?;
        ws.set_row_height(row, 20)?;
    }
    xlsx::merge_across(
        ws,
        TOTAL_ROW,
        0,
        item_col::ANSWER,
        "合計（100点満点）",
        &st.total_label,
    )?;
    let total = Formula::new(format!(
        "=SUM({}:{})",
        cell(SUBTOTAL_ROW, item_col::POINTS),
        cell(SUBTOTAL_ROW + 2, item_col::POINTS)
    ))
    .set_result(sc.total.to_string());
    ws.write_formula_with_format(TOTAL_ROW, item_col::POINTS, total, &st.total)?;
    ws.set_row_height(TOTAL_ROW, 20)?;

    let (band, advice) = band_label(catalog, sc.total);
    let total_cell = cell(TOTAL_ROW, item_col::POINTS);
    xlsx::merge_across(ws, BAND_ROW, 0, item_col::PART, "評価", &st.total)?;
    ws.merge_range(BAND_ROW, item_col::QUESTION, BAND_ROW, last, "", &st.text)?;
    let f = Formula::new(band_formula(catalog, &total_cell, false)).set_result(band);
    ws.write_formula_with_format(BAND_ROW, item_col::QUESTION, f, &st.text)?;
    ws.set_row_height(BAND_ROW, 20)?;
    xlsx::merge_across(ws, ADVICE_ROW, 0, item_col::PART, "説明", &st.total)?;
    ws.merge_range(
        ADVICE_ROW,
        item_col::QUESTION,
        ADVICE_ROW,
        last,
        "",
        &st.text,
    )?;
    let f = Formula::new(band_formula(catalog, &total_cell, true)).set_result(advice);
    ws.write_formula_with_format(ADVICE_ROW, item_col::QUESTION, f, &st.text)?;
    let longest = catalog
        .diagnosis
        .band
        .iter()
        .map(|b| b.advice.as_str())
        .max_by_key(|a| a.chars().count())
        .unwrap_or("");
    xlsx::fit_row(ws, ADVICE_ROW, &[(longest, xlsx::span(w, 2, 4))])?;

    let blanks = format!("COUNTBLANK({})", answers_range());
    let unanswered = DIAGNOSIS_ITEMS - sc.answered;
    let note = if unanswered > 0 {
        format!("※ 未回答が {unanswered} 問あります（0点として集計）。")
    } else {
        String::new()
    };
    // Not in column A: an empty cached result there would read as a number
    // in the No. column.
    ws.merge_range(NOTE_ROW, item_col::QUESTION, NOTE_ROW, last, "", &st.note)?;
    let f = Formula::new(format!(
        "=IF({blanks}>0,\"※ 未回答が \"&{blanks}&\" 問あります（0点として集計）。\",\"\")"
    ))
    .set_result(note);
    ws.write_formula_with_format(NOTE_ROW, item_col::QUESTION, f, &st.note)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_points_formula_maps_each_answer() {
        assert_eq!(
            points_formula("D5"),
            "=IF(D5=\"実施している\",4,IF(D5=\"一部実施している\",2,IF(D5=\"実施していない\",0,IF(D5=\"わからない\",-1,\"\"))))"
        );
    }
}
