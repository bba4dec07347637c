//! `様式3_情報セキュリティ対策実行計画書.xlsx`: one sheet, rows grouped by
//! improvement area (組織的 → 人的 → 技術的 → 物理的) and, within an area,
//! in priority order; pull-downs for every rated column.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::ExportError;
use super::xlsx::{self, Cell, Styles};
use crate::content::Catalog;
use crate::domain::model::{Area, Client, Difficulty, Feasibility, Level, PlanRow};
use crate::domain::plan::priority_order;

pub const FILE: &str = "様式3_情報セキュリティ対策実行計画書.xlsx";
pub const SHEET: &str = "対策実行計画書";
pub const TITLE: &str = "様式3　情報セキュリティ対策実行計画書";
/// The notes on filling in the sheet, above the table (so that no printed
/// page holds only the notes).
pub const NOTES_ROW: u32 = 3;
/// First of the two header rows (0-based).
pub const HEADER_ROW: u32 = 5;
/// First data row.
pub const FIRST_ROW: u32 = HEADER_ROW + 2;
/// Blank rows below the table that still carry the pull-downs, for rows added by hand.
pub const SPARE_ROWS: u32 = 30;

/// Columns of the sheet: the designated sheet's, in its order, then the
/// priority rank (the rows are already in priority order within an area).
pub mod col {
    pub const AREA: u16 = 0;
    pub const CURRENT: u16 = 1;
    pub const MEASURE: u16 = 2;
    pub const LINKED: u16 = 3;
    pub const URGENCY: u16 = 4;
    pub const IMPORTANCE: u16 = 5;
    pub const DIFFICULTY: u16 = 6;
    pub const FEASIBILITY: u16 = 7;
    pub const DEADLINE: u16 = 8;
    pub const CONCERNS: u16 = 9;
    pub const RANK: u16 = 10;
    /// The self-diagnosis item the row was made from.
    pub const SOURCE: u16 = 11;
}

const WIDTHS: [f64; 12] = [
    11.0, 34.0, 34.0, 8.0, 6.0, 6.0, 6.0, 6.0, 11.0, 30.0, 6.0, 12.0,
];

/// Mark of the 経営施策に連携 column.
pub const CHECK: &str = "✔";

pub fn document(catalog: &Catalog, client: &Client, today: NaiveDate) -> xlsx::Made {
    xlsx::document(FILE, workbook(catalog, client, today))
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
        (col::CURRENT, "現状と課題"),
        (col::MEASURE, "具体的改善対策"),
        (col::LINKED, "経営施策\nとの連携\n（✔）"),
        (col::DEADLINE, "実施期限"),
        (col::CONCERNS, "予算、要員等の懸念点"),
        (col::RANK, "（参考）\n優先\n順位"),
        (col::SOURCE, "（参考）\n元の自社診断\n項目"),
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
    ws.set_row_height(r + 1, 52)?;
    Ok(())
}

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let cx = xlsx::Sheet::new(&st, catalog, client, today);
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let (ws, row, last) = cx.book(&mut wb, SHEET, TITLE, &WIDTHS)?;
    debug_assert_eq!(row, NOTES_ROW);
    let notes = format!(
        "【記入にあたって】\n\
         1. 施策は改善分野ごとに行を分けて記入する。\n\
         2. 会社の経営施策（事業の取組み）と結び付いた対策には「経営施策との連携」に ✔ を付ける。\n\
         3. 緊急度・重要度（高／中／低）と難易度（易／中／難）を評価し、実施の優先順位を決める（行は改善分野ごとに優先順位の順）。\n\
         4. 実施可否を判断し、今後半年から1〜2年のうちに実施する対策を選ぶ。\n\
         5. 予算や要員など、実施にあたっての懸念点を書き出しておく。\n\
         優先順位：{}",
        catalog.plan.priority_rule.trim()
    );
    xlsx::merge_across(ws, NOTES_ROW, 0, last, &notes, &st.note)?;
    ws.set_row_height(
        NOTES_ROW,
        xlsx::height(&[(&notes, xlsx::span(&WIDTHS, 0, last as usize))]),
    )?;
    ws.set_row_height(NOTES_ROW + 1, 8)?;
    header(ws, &st, HEADER_ROW)?;
    xlsx::page_setup(ws, true, HEADER_ROW, HEADER_ROW + 1)?;

    let rows = &client.plan;
    let order = sheet_order(rows);
    let mut r = FIRST_ROW;
    for area in Area::ALL {
        let first = r;
        for &(i, rank) in order.iter().filter(|(i, _)| rows[*i].area == area) {
            r += plan_row(ws, &st, catalog, r, &rows[i], rank)?;
        }
        if r == first {
            // The official sheet shows every area; an area without measures keeps an empty line.
            for c in 1..=last {
                ws.write_blank(r, c, &st.text)?;
            }
            ws.set_row_height(r, 24)?;
            r += 1;
        }
        // 改善分野 once per group.
        xlsx::merge(
            ws,
            first,
            col::AREA,
            r - 1,
            col::AREA,
            area.label(),
            &st.center,
        )?;
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

    xlsx::finish(wb)
}

/// Writes one plan row from sheet row `r`; long text continues on the rows
/// below. Returns the number of sheet rows used.
fn plan_row(
    ws: &mut Worksheet,
    st: &Styles,
    catalog: &Catalog,
    r: u32,
    p: &PlanRow,
    rank: usize,
) -> Result<u32, ExportError> {
    let opt = |s: Option<&'static str>| s.unwrap_or("");
    let w = |c: u16| WIDTHS[usize::from(c)];
    let cells = [
        Cell {
            col: col::CURRENT,
            text: p.current.trim(),
            width: w(col::CURRENT),
            format: &st.text,
        },
        Cell {
            col: col::MEASURE,
            text: p.measure.trim(),
            width: w(col::MEASURE),
            format: &st.text,
        },
        Cell {
            col: col::LINKED,
            text: if p.linked { CHECK } else { "" },
            width: w(col::LINKED),
            format: &st.center,
        },
        Cell {
            col: col::URGENCY,
            text: opt(p.ratings.urgency.map(Level::label)),
            width: w(col::URGENCY),
            format: &st.center,
        },
        Cell {
            col: col::IMPORTANCE,
            text: opt(p.ratings.importance.map(Level::label)),
            width: w(col::IMPORTANCE),
            format: &st.center,
        },
        Cell {
            col: col::DIFFICULTY,
            text: opt(p.ratings.difficulty.map(Difficulty::label)),
            width: w(col::DIFFICULTY),
            format: &st.center,
        },
        Cell {
            col: col::FEASIBILITY,
            text: opt(p.feasibility.map(Feasibility::label)),
            width: w(col::FEASIBILITY),
            format: &st.center,
        },
        Cell {
            col: col::CONCERNS,
            text: p.concerns.trim(),
            width: w(col::CONCERNS),
            format: &st.text,
        },
    ];
    let source = p
        .from_item
        .map(|no| {
            let topic = catalog
                .diagnosis_item(no)
                .map(|i| i.topic.as_str())
                .unwrap_or("");
            format!("Q{no} {topic}")
        })
        .unwrap_or_default();
    let mut cells = cells.to_vec();
    cells.push(Cell {
        col: col::SOURCE,
        text: &source,
        width: w(col::SOURCE),
        format: &st.text,
    });
    let n = xlsx::long_row(ws, r, &cells)?;
    xlsx::date_cell(ws, r, col::DEADLINE, p.deadline, st)?;
    ws.write_number_with_format(r, col::RANK, rank as f64, &st.number)?;
    for k in 1..n {
        ws.write_blank(r + k, col::DEADLINE, &st.date)?;
        ws.write_blank(r + k, col::RANK, &st.number)?;
    }
    Ok(n)
}
