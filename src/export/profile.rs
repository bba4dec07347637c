//! The 企業概要 sheet of the hearing workbook: the company profile as
//! entered, with the eligibility verdict (中小企業等の対象判定) and its reasons.

use rust_xlsxwriter::Worksheet;

use super::ExportError;
use super::xlsx::{self, Cell, Sheet};
use crate::content::Catalog;
use crate::domain::eligibility::{verdict, yen};
use crate::domain::model::Client;

pub const SHEET: &str = "企業概要";
pub const TITLE: &str = "企業概要（対象企業の判定を含む）";

const WIDTHS: [f64; 2] = [28.0, 72.0];

fn yes_no(b: bool) -> String {
    if b { "該当する" } else { "該当しない" }.into()
}

/// The profile as label/value lines, in the order of the sheet.
pub fn fields(catalog: &Catalog, client: &Client) -> Vec<(String, String)> {
    let p = &client.profile;
    let cat = |n: Option<u8>| {
        n.map(|n| {
            catalog
                .eligibility
                .get(n)
                .map(|c| format!("{n}. {}", c.name))
                .unwrap_or_else(|| n.to_string())
        })
        .unwrap_or_default()
    };
    let v = verdict(p, &catalog.eligibility);
    let reasons: Vec<String> = v.reasons().iter().map(|r| r.text()).collect();
    let mut out = vec![
        ("企業名".to_owned(), p.name.trim().to_owned()),
        (
            "所在地".into(),
            format!("{} {}", p.prefecture.trim(), p.address.trim())
                .trim()
                .to_owned(),
        ),
        ("Webサイト".into(), p.website.trim().to_owned()),
        ("代表者".into(), p.representative.trim().to_owned()),
        ("業種分類".into(), cat(p.industry)),
        ("主たる業種（⑫〜⑮の場合）".into(), cat(p.main_industry)),
        (
            "資本金の額又は出資の総額".into(),
            p.capital_yen.map(yen).unwrap_or_default(),
        ),
        (
            "常時使用する従業員の数".into(),
            p.employees.map(|n| format!("{n}名")).unwrap_or_default(),
        ),
        ("法人格のない任意団体".into(), yes_no(p.unincorporated)),
        ("前年度の参加".into(), yes_no(p.took_part_last_year)),
        (
            "対象企業の判定".into(),
            format!("{}（{}）", v.label(), reasons.join("、")),
        ),
        (
            "SECURITY ACTION".into(),
            p.security_action.label().to_owned(),
        ),
        (
            "基本方針（指導前）".into(),
            if p.has_basic_policy {
                "あり"
            } else {
                "なし"
            }
            .into(),
        ),
    ];
    for (i, c) in p.contacts.iter().enumerate() {
        let parts: Vec<&str> = [c.name.trim(), c.role.trim(), c.email.trim(), c.phone.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        out.push((format!("担当者{}", i + 1), parts.join("　")));
    }
    out.push(("メモ".into(), p.memo.trim().to_owned()));
    out
}

pub fn sheet(ws: &mut Worksheet, cx: &Sheet) -> Result<(), ExportError> {
    let Sheet {
        st,
        catalog,
        client,
        ..
    } = *cx;
    let mut row = cx.head(ws, TITLE, &WIDTHS)?;
    xlsx::page_setup(ws, false, 0, 0)?;
    for (k, v) in fields(catalog, client) {
        let cells = [
            Cell {
                col: 0,
                text: &k,
                width: WIDTHS[0],
                format: &st.section,
            },
            Cell {
                col: 1,
                text: &v,
                width: WIDTHS[1],
                format: &st.text,
            },
        ];
        row += xlsx::long_row(ws, row, &cells)?;
    }
    Ok(())
}
