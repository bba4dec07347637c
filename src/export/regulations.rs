//! `様式2_関連規程類の点検結果.xlsx`: the 11 related regulations, their
//! summaries, the outcome of this review (a pull-down of the four official
//! choices) and a comment.

use chrono::NaiveDate;

use super::ExportError;
use super::xlsx::{self, Cell, Styles};
use crate::content::Catalog;
use crate::domain::model::{Client, RegulationStatus};

pub const FILE: &str = "様式2_関連規程類の点検結果.xlsx";
pub const SHEET: &str = "関連規程類の点検結果";
pub const TITLE: &str = "様式2　関連規程類の点検結果";
/// The note on the four choices, above the table (so that no printed page
/// holds only the note).
pub const NOTE_ROW: u32 = 3;
/// Header row of the table (0-based); regulation rows follow it.
pub const HEADER_ROW: u32 = 5;
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

pub fn document(catalog: &Catalog, client: &Client, today: NaiveDate) -> xlsx::Made {
    xlsx::document(FILE, workbook(catalog, client, today))
}

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let cx = xlsx::Sheet::new(&st, catalog, client, today);
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let (ws, row, last) = cx.book(&mut wb, SHEET, TITLE, &WIDTHS)?;
    debug_assert_eq!(row, NOTE_ROW);
    let labels: Vec<&str> = RegulationStatus::ALL.iter().map(|s| s.label()).collect();
    let note = format!(
        "※「今回の見直し」は次の選択肢から選びます：{}",
        labels.join("／")
    );
    xlsx::merge_across(ws, NOTE_ROW, 0, last, &note, &st.note)?;
    xlsx::fit_row(ws, NOTE_ROW, &[(&note, xlsx::span(&WIDTHS, 0, 4))])?;
    ws.set_row_height(NOTE_ROW + 1, 8)?;
    let mut row = HEADER_ROW;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    let head: Vec<(&str, f64)> = HEADERS.iter().copied().zip(WIDTHS).collect();
    ws.set_row_height(row, xlsx::height(&head).max(36.0))?;
    // Fit to the page width only: rows grow with their text and pages
    // break between rows, the header repeated on each.
    xlsx::page_setup(ws, true, HEADER_ROW, HEADER_ROW)?;
    row += 1;

    let first = row;
    for reg in &catalog.regulations.regulation {
        let r = client.regulations.iter().find(|r| r.no == reg.no);
        let status = r
            .and_then(|r| r.status)
            .map(RegulationStatus::label)
            .unwrap_or("");
        let comment = r.map(|r| r.comment.trim()).unwrap_or("");
        let no = reg.no.to_string();
        let cells = [
            Cell {
                col: 0,
                text: &no,
                width: WIDTHS[0],
                format: &st.number,
            },
            Cell {
                col: 1,
                text: &reg.name,
                width: WIDTHS[1],
                format: &st.text,
            },
            Cell {
                col: 2,
                text: &reg.summary,
                width: WIDTHS[2],
                format: &st.text,
            },
            Cell {
                col: STATUS_COL,
                text: status,
                width: WIDTHS[3],
                format: &st.text,
            },
            Cell {
                col: 4,
                text: comment,
                width: WIDTHS[4],
                format: &st.text,
            },
        ];
        let start = row;
        row += xlsx::long_row(ws, row, &cells)?;
        // The number as a number, for sorting and lookups.
        ws.write_number_with_format(start, 0, reg.no, &st.number)?;
    }
    xlsx::pulldown(
        ws,
        (first, STATUS_COL),
        (row.max(first + 1) - 1, STATUS_COL),
        &labels,
    )?;
    xlsx::finish(wb)
}
