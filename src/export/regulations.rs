//! `様式2_関連規程類の点検結果.xlsx`: the 11 related regulations, their
//! summaries, the outcome of this review (a pull-down of the four official
//! choices) and a comment.

use chrono::NaiveDate;

use super::xlsx::{self, Styles};
use super::{Document, ExportError};
use crate::content::Catalog;
use crate::domain::model::{Client, RegulationStatus};

pub const FILE: &str = "様式2_関連規程類の点検結果.xlsx";
pub const SHEET: &str = "関連規程類の点検結果";
pub const TITLE: &str = "様式2　関連規程類の点検結果";
/// Header row of the table (0-based); regulation rows follow it.
pub const HEADER_ROW: u32 = 3;
/// Column of the status pull-down.
pub const STATUS_COL: u16 = 3;

const WIDTHS: [f64; 5] = [5.0, 22.0, 52.0, 36.0, 40.0];
const HEADERS: [&str; 5] = [
    "No.",
    "関連規程／ガイド類",
    "概要",
    "今回の見直し\n（プルダウンで選択）",
    "コメント",
];

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

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let ws = wb.add_worksheet().set_name(SHEET)?;
    xlsx::columns(ws, &WIDTHS)?;
    let last = (WIDTHS.len() - 1) as u16;
    let mut row = xlsx::title_block(ws, &st, TITLE, &client.profile.name, today, last)?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(row, 36)?;
    xlsx::page_setup(ws, true, HEADER_ROW, HEADER_ROW)?;
    xlsx::one_page(ws);
    row += 1;

    let first = row;
    for reg in &catalog.regulations.regulation {
        let r = client.regulations.iter().find(|r| r.no == reg.no);
        let status = r
            .and_then(|r| r.status)
            .map(RegulationStatus::label)
            .unwrap_or("");
        let comment = r.map(|r| r.comment.trim()).unwrap_or("");
        ws.write_number_with_format(row, 0, reg.no, &st.number)?;
        ws.write_string_with_format(row, 1, &reg.name, &st.text)?;
        ws.write_string_with_format(row, 2, &reg.summary, &st.text)?;
        ws.write_string_with_format(row, STATUS_COL, status, &st.text)?;
        ws.write_string_with_format(row, 4, comment, &st.text)?;
        xlsx::fit_row(
            ws,
            row,
            &[
                (&reg.name, WIDTHS[1]),
                (&reg.summary, WIDTHS[2]),
                (status, WIDTHS[3]),
                (comment, WIDTHS[4]),
            ],
        )?;
        row += 1;
    }
    let labels: Vec<&str> = RegulationStatus::ALL.iter().map(|s| s.label()).collect();
    xlsx::pulldown(
        ws,
        (first, STATUS_COL),
        (row.max(first + 1) - 1, STATUS_COL),
        &labels,
    )?;

    row += 1;
    let note = format!(
        "※「今回の見直し」は次の選択肢から選びます：\n{}",
        labels
            .iter()
            .map(|l| format!("・{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    xlsx::merge(ws, row, 0, row, last, &note, &st.note)?;
    xlsx::fit_row(ws, row, &[(&note, xlsx::span(&WIDTHS, 0, 4))])?;
    xlsx::finish(wb)
}
