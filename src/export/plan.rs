//! `様式3_情報セキュリティ対策実行計画書.xlsx`: one sheet, rows grouped by
//! improvement area (組織的 → 人的 → 技術的 → 物理的) and, within an area,
//! in priority order; pull-downs for every rated column.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::xlsx::{self, Styles};
use super::{Document, ExportError};
use crate::content::Catalog;
use crate::domain::model::{Area, Client, Difficulty, Feasibility, Level, PlanRow};
use crate::domain::plan::priority_order;

pub const FILE: &str = "様式3_情報セキュリティ対策実行計画書.xlsx";
pub const SHEET: &str = "対策実行計画書";
pub const TITLE: &str = "様式3　情報セキュリティ対策実行計画書";
/// First of the two header rows (0-based).
pub const HEADER_ROW: u32 = 3;
/// First data row.
pub const FIRST_ROW: u32 = HEADER_ROW + 2;
/// Blank rows below the table that still carry the pull-downs, for rows added by hand.
pub const SPARE_ROWS: u32 = 30;

/// Columns of the sheet.
pub mod col {
    pub const AREA: u16 = 0;
    pub const RANK: u16 = 1;
    pub const CURRENT: u16 = 2;
    pub const MEASURE: u16 = 3;
    pub const LINKED: u16 = 4;
    pub const URGENCY: u16 = 5;
    pub const IMPORTANCE: u16 = 6;
    pub const DIFFICULTY: u16 = 7;
    pub const FEASIBILITY: u16 = 8;
    pub const DEADLINE: u16 = 9;
    pub const CONCERNS: u16 = 10;
}

const WIDTHS: [f64; 11] = [11.0, 6.0, 34.0, 34.0, 8.0, 6.0, 6.0, 6.0, 6.0, 11.0, 30.0];

/// Mark of the 経営施策に連携 column.
pub const CHECK: &str = "✔";

pub fn document(
    catalog: &Catalog,
    client: &Client,
    today: NaiveDate,
) -> Result<Document, ExportError> {
    Ok(Document {
        name: FILE.into(),
        bytes: workbook(catalog, client, today)?,
    })
}

/// Rows in sheet order: area by area, each in priority order, with their
/// overall priority rank (1 = first).
pub fn sheet_order(rows: &[PlanRow]) -> Vec<(usize, usize)> {
    let order = priority_order(rows);
    let mut out = Vec::with_capacity(rows.len());
    for area in Area::ALL {
        for (rank, &i) in order.iter().enumerate() {
            if rows[i].area == area {
                out.push((i, rank + 1));
            }
        }
    }
    out
}

fn header(ws: &mut Worksheet, st: &Styles, r: u32) -> Result<(), ExportError> {
    let tall = [
        (col::AREA, "改善分野"),
        (col::RANK, "優先\n順位"),
        (col::CURRENT, "現状と課題"),
        (col::MEASURE, "具体的改善対策"),
        (col::LINKED, "経営施策\nとの連携\n（✔）"),
        (col::DEADLINE, "実施期限"),
        (col::CONCERNS, "予算、要員等の懸念点"),
    ];
    for (c, h) in tall {
        ws.merge_range(r, c, r + 1, c, h, &st.header)?;
    }
    ws.merge_range(r, col::URGENCY, r, col::FEASIBILITY, "絞り込み", &st.header)?;
    for (c, h) in [
        (col::URGENCY, "緊急度"),
        (col::IMPORTANCE, "重要度"),
        (col::DIFFICULTY, "難易度"),
        (col::FEASIBILITY, "実施\n可否"),
    ] {
        ws.write_string_with_format(r + 1, c, h, &st.header)?;
    }
    ws.set_row_height(r, 20)?;
    ws.set_row_height(r + 1, 36)?;
    Ok(())
}

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let ws = wb.add_worksheet().set_name(SHEET)?;
    xlsx::columns(ws, &WIDTHS)?;
    let last = (WIDTHS.len() - 1) as u16;
    let row = xlsx::title_block(ws, &st, TITLE, &client.profile.name, today, last)?;
    debug_assert_eq!(row, HEADER_ROW);
    header(ws, &st, HEADER_ROW)?;
    xlsx::page_setup(ws, true, HEADER_ROW, HEADER_ROW + 1)?;

    let rows = &client.plan;
    let order = sheet_order(rows);
    let mut r = FIRST_ROW;
    for area in Area::ALL {
        let mut any = false;
        for &(i, rank) in order.iter().filter(|(i, _)| rows[*i].area == area) {
            plan_row(ws, &st, r, &rows[i], rank)?;
            any = true;
            r += 1;
        }
        if !any {
            // The official sheet shows every area; an area without measures keeps an empty line.
            ws.write_string_with_format(r, col::AREA, area.label(), &st.center)?;
            for c in 1..=last {
                ws.write_blank(r, c, &st.text)?;
            }
            ws.set_row_height(r, 24)?;
            r += 1;
        }
    }

    let end = r + SPARE_ROWS;
    let areas: Vec<&str> = Area::ALL.iter().map(|a| a.label()).collect();
    let levels: Vec<&str> = Level::ALL.iter().map(|l| l.label()).collect();
    let diffs: Vec<&str> = Difficulty::ALL.iter().map(|d| d.label()).collect();
    let feas = [Feasibility::Go.label(), Feasibility::NoGo.label()];
    xlsx::pulldown(ws, (FIRST_ROW, col::AREA), (end, col::AREA), &areas)?;
    xlsx::pulldown(ws, (FIRST_ROW, col::LINKED), (end, col::LINKED), &[CHECK])?;
    xlsx::pulldown(
        ws,
        (FIRST_ROW, col::URGENCY),
        (end, col::IMPORTANCE),
        &levels,
    )?;
    xlsx::pulldown(
        ws,
        (FIRST_ROW, col::DIFFICULTY),
        (end, col::DIFFICULTY),
        &diffs,
    )?;
    xlsx::pulldown(
        ws,
        (FIRST_ROW, col::FEASIBILITY),
        (end, col::FEASIBILITY),
        &feas,
    )?;

    let notes = format!(
        "【記入にあたって】\n\
         1. 施策は改善分野ごとに行を分けて記入する。\n\
         2. 会社の経営施策（事業の取組み）と結び付いた対策には「経営施策との連携」に ✔ を付ける。\n\
         3. 緊急度・重要度（高／中／低）と難易度（易／中／難）を評価し、実施の優先順位を決める。\n\
         4. 実施可否を判断し、今後半年から1〜2年のうちに実施する対策を選ぶ。\n\
         5. 予算や要員など、実施にあたっての懸念点を書き出しておく。\n\
         優先順位：{}",
        catalog.plan.priority_rule.trim()
    );
    let nr = r + 1;
    xlsx::merge(ws, nr, 0, nr, last, &notes, &st.note)?;
    ws.set_row_height(
        nr,
        xlsx::height(&[(&notes, xlsx::span(&WIDTHS, 0, last as usize))]) * 0.9,
    )?;
    xlsx::finish(wb)
}

fn plan_row(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    p: &PlanRow,
    rank: usize,
) -> Result<(), ExportError> {
    let opt = |s: Option<&'static str>| s.unwrap_or("");
    ws.write_string_with_format(r, col::AREA, p.area.label(), &st.center)?;
    ws.write_number_with_format(r, col::RANK, rank as f64, &st.number)?;
    ws.write_string_with_format(r, col::CURRENT, p.current.trim(), &st.text)?;
    ws.write_string_with_format(r, col::MEASURE, p.measure.trim(), &st.text)?;
    ws.write_string_with_format(
        r,
        col::LINKED,
        if p.linked { CHECK } else { "" },
        &st.center,
    )?;
    ws.write_string_with_format(
        r,
        col::URGENCY,
        opt(p.ratings.urgency.map(Level::label)),
        &st.center,
    )?;
    ws.write_string_with_format(
        r,
        col::IMPORTANCE,
        opt(p.ratings.importance.map(Level::label)),
        &st.center,
    )?;
    ws.write_string_with_format(
        r,
        col::DIFFICULTY,
        opt(p.ratings.difficulty.map(Difficulty::label)),
        &st.center,
    )?;
    ws.write_string_with_format(
        r,
        col::FEASIBILITY,
        opt(p.feasibility.map(Feasibility::label)),
        &st.center,
    )?;
    xlsx::date_cell(ws, r, col::DEADLINE, p.deadline, st)?;
    ws.write_string_with_format(r, col::CONCERNS, p.concerns.trim(), &st.text)?;
    xlsx::fit_row(
        ws,
        r,
        &[
            (p.current.trim(), WIDTHS[col::CURRENT as usize]),
            (p.measure.trim(), WIDTHS[col::MEASURE as usize]),
            (p.concerns.trim(), WIDTHS[col::CONCERNS as usize]),
        ],
    )
}
