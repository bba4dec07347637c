//! `様式1_ヒアリングシート.xlsx`: the 7 sections with their sub-points, the
//! answers and the points to consider in this guidance.

use chrono::NaiveDate;

use super::ExportError;
use super::xlsx::{self, Cell, Styles};
use crate::content::Catalog;
use crate::domain::model::{Client, HearingAnswer};

pub const FILE: &str = "様式1_ヒアリングシート.xlsx";
pub const SHEET: &str = "ヒアリングシート";
pub const TITLE: &str = "様式1　ヒアリングシート";
/// Header row of the table (0-based).
pub const HEADER_ROW: u32 = 3;

const WIDTHS: [f64; 4] = [6.0, 24.0, 60.0, 42.0];
const HEADERS: [&str; 4] = [
    "No.",
    "ヒアリング項目",
    "ヒアリング結果",
    "今回の指導で考慮すべき点",
];

pub fn document(catalog: &Catalog, client: &Client, today: NaiveDate) -> xlsx::Made {
    xlsx::document(FILE, workbook(catalog, client, today))
}

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let cx = xlsx::Sheet::new(&st, catalog, client, today);
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let (ws, mut row, last) = cx.book(&mut wb, SHEET, TITLE, &WIDTHS)?;
    debug_assert_eq!(row, HEADER_ROW);
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(row, 20)?;
    xlsx::page_setup(ws, true, HEADER_ROW, HEADER_ROW)?;
    row += 1;

    let answer = |id: &str| client.hearing.iter().find(|h| h.point == id);
    for section in &catalog.hearing.section {
        let title = format!("{}　{}", section.no, section.title);
        xlsx::merge_across(ws, row, 0, last, &title, &st.section)?;
        xlsx::fit_row(ws, row, &[(&title, xlsx::span(&WIDTHS, 0, 3))])?;
        row += 1;
        for p in &section.point {
            let a = answer(&p.id);
            row += point_row(ws, &st, row, &p.id, &p.title, a)?;
        }
    }

    // Answers whose sub-point is no longer in the catalog are kept, not dropped.
    let orphans: Vec<&HearingAnswer> = client
        .hearing
        .iter()
        .filter(|h| catalog.hearing_points().all(|(_, p)| p.id != h.point))
        .filter(|h| !h.answer.trim().is_empty() || !h.consider.trim().is_empty())
        .collect();
    if !orphans.is_empty() {
        xlsx::merge_across(ws, row, 0, last, "その他", &st.section)?;
        row += 1;
        for h in orphans {
            row += point_row(ws, &st, row, &h.point, "", Some(h))?;
        }
    }
    let ws = wb.add_worksheet().set_name(super::profile::SHEET)?;
    super::profile::sheet(ws, &cx)?;
    xlsx::finish(wb)
}

/// Writes one sub-point from `row`; a long answer continues on the rows
/// below. Returns the number of rows used.
fn point_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    st: &Styles,
    row: u32,
    id: &str,
    title: &str,
    a: Option<&HearingAnswer>,
) -> Result<u32, ExportError> {
    let ans = a.map(|h| h.answer.trim()).unwrap_or("");
    let con = a.map(|h| h.consider.trim()).unwrap_or("");
    let cells = [
        Cell {
            col: 0,
            text: id,
            width: WIDTHS[0],
            format: &st.center,
        },
        Cell {
            col: 1,
            text: title,
            width: WIDTHS[1],
            format: &st.text,
        },
        Cell {
            col: 2,
            text: ans,
            width: WIDTHS[2],
            format: &st.text,
        },
        Cell {
            col: 3,
            text: con,
            width: WIDTHS[3],
            format: &st.text,
        },
    ];
    let n = xlsx::long_row(ws, row, &cells)?;
    // An unanswered point keeps room to write the answer in by hand.
    if ans.is_empty() && n == 1 {
        let fit = xlsx::height(&[(title, WIDTHS[1]), (con, WIDTHS[3])]);
        ws.set_row_height(row, fit.max(xlsx::lines_height(2)))?;
    }
    Ok(n)
}
