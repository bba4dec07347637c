//! `項目別の評価とメモ`: every one of the 25 items with how it was answered,
//! its focus flag and ratings, the plan row made from it, and its
//! drill-down notes — whether or not it was marked as a focus item.

use rust_xlsxwriter::Worksheet;

use super::{ITEMS_SHEET, TITLE, part_of, part_title, topic};
use crate::domain::model::{DIAGNOSIS_ITEMS, Difficulty, Level};
use crate::domain::promote::{answers_summary, promoted, review};
use crate::export::ExportError;
use crate::export::plan::sheet_order;
use crate::export::xlsx::{self, Cell, Sheet};

/// No., 区分, 診断項目, 回答の内訳, 重点, 緊急度, 重要度, 難易度, 様式3, 掘り下げメモ.
const WIDTHS: [f64; 10] = [5.0, 12.0, 20.0, 26.0, 6.0, 6.0, 6.0, 6.0, 20.0, 48.0];
pub const HEADER_ROW: u32 = 3;

pub fn sheet(ws: &mut Worksheet, cx: &Sheet) -> Result<(), ExportError> {
    let Sheet {
        st,
        catalog,
        client,
        ..
    } = *cx;
    let w = &WIDTHS;
    let row = cx.head(ws, &format!("{TITLE}　{ITEMS_SHEET}"), w)?;
    debug_assert_eq!(row, HEADER_ROW);
    let head = [
        "No.",
        "区分",
        "診断項目",
        "回答の内訳",
        "重点",
        "緊急度",
        "重要度",
        "難易度",
        "様式3の行（優先順位）",
        "掘り下げメモ（理由・例外）",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.header)?;
    }
    let fit: Vec<(&str, f64)> = head.iter().copied().zip(WIDTHS).collect();
    xlsx::fit_row(ws, HEADER_ROW, &fit)?;
    xlsx::page_setup(ws, true, HEADER_ROW, HEADER_ROW)?;

    let ranks = sheet_order(&client.plan);
    let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("");
    let mut r = HEADER_ROW + 1;
    for no in 1..=DIAGNOSIS_ITEMS as u8 {
        let rev = review(&client.diagnosis, no);
        let answers =
            answers_summary(&client.diagnosis.respondents, no).unwrap_or_else(|| "回答なし".into());
        let ratings = rev.map(|v| v.ratings).unwrap_or_default();
        let plan = promoted(&client.plan, no)
            .map(|i| {
                let rank = ranks
                    .iter()
                    .find(|(k, _)| *k == i)
                    .map(|(_, rank)| *rank)
                    .unwrap_or(0);
                format!("{}位: {}", rank, client.plan[i].measure.trim())
            })
            .unwrap_or_default();
        let no_text = no.to_string();
        let part = part_title(catalog, part_of(no));
        let t = topic(catalog, no);
        let cells = [
            Cell {
                col: 0,
                text: &no_text,
                width: w[0],
                format: &st.number,
            },
            Cell {
                col: 1,
                text: &part,
                width: w[1],
                format: &st.center,
            },
            Cell {
                col: 2,
                text: &t,
                width: w[2],
                format: &st.text,
            },
            Cell {
                col: 3,
                text: &answers,
                width: w[3],
                format: &st.text,
            },
            Cell {
                col: 4,
                text: if rev.is_some_and(|v| v.focus) {
                    "○"
                } else {
                    ""
                },
                width: w[4],
                format: &st.center,
            },
            Cell {
                col: 5,
                text: lv(ratings.urgency),
                width: w[5],
                format: &st.center,
            },
            Cell {
                col: 6,
                text: lv(ratings.importance),
                width: w[6],
                format: &st.center,
            },
            Cell {
                col: 7,
                text: ratings.difficulty.map(Difficulty::label).unwrap_or(""),
                width: w[7],
                format: &st.center,
            },
            Cell {
                col: 8,
                text: &plan,
                width: w[8],
                format: &st.text,
            },
            Cell {
                col: 9,
                text: rev.map(|v| v.notes.trim()).unwrap_or(""),
                width: w[9],
                format: &st.text,
            },
        ];
        r += xlsx::long_row(ws, r, &cells)?;
    }
    Ok(())
}
