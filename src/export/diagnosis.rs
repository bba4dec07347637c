//! `自社診断結果.xlsx`: a summary sheet (scores per respondent with part
//! subtotals, total and band, a chart of the part scores, the items where
//! respondents differ, the わからない items, the focus items and every answer
//! side by side) and one sheet per respondent with the 25 answers.

use chrono::NaiveDate;
use rust_xlsxwriter::{Chart, ChartFont, ChartLegendPosition, ChartType, Worksheet};

use super::xlsx::{self, Styles};
use super::{Document, ExportError};
use crate::content::Catalog;
use crate::domain::diagnosis::{GAP_THRESHOLD, PARTS, dont_know, gaps, part_max, score};
use crate::domain::model::{
    Answer, Client, DIAGNOSIS_ITEMS, Difficulty, ItemReview, Level, Respondent,
};

pub const FILE: &str = "自社診断結果.xlsx";
pub const TITLE: &str = "自社診断結果";
pub const SUMMARY_SHEET: &str = "集計";

/// Rows of the summary's score table: header, then one row per respondent,
/// then the maximum points.
pub const SCORE_HEADER_ROW: u32 = 4;
/// Columns of the score table.
pub mod score_col {
    pub const NO: u16 = 0;
    pub const NAME: u16 = 1;
    /// Part 1; parts 2 and 3 follow.
    pub const PART1: u16 = 2;
    pub const TOTAL: u16 = 5;
    pub const BAND: u16 = 6;
    pub const ANSWERED: u16 = 7;
}

/// Header row of a respondent sheet; item rows follow, then the subtotals.
pub const ITEM_HEADER_ROW: u32 = 3;
pub const FIRST_ITEM_ROW: u32 = ITEM_HEADER_ROW + 1;
/// First of the three part-subtotal rows of a respondent sheet; the total follows them.
pub const SUBTOTAL_ROW: u32 = FIRST_ITEM_ROW + DIAGNOSIS_ITEMS as u32;
pub const TOTAL_ROW: u32 = SUBTOTAL_ROW + 3;
pub const BAND_ROW: u32 = TOTAL_ROW + 1;
/// Columns of a respondent sheet.
pub mod item_col {
    pub const NO: u16 = 0;
    pub const PART: u16 = 1;
    pub const QUESTION: u16 = 2;
    pub const ANSWER: u16 = 3;
    pub const POINTS: u16 = 4;
}

const ITEM_WIDTHS: [f64; 5] = [5.0, 16.0, 58.0, 16.0, 7.0];
const SUMMARY_A: f64 = 5.0;
const SUMMARY_B: f64 = 30.0;
const SUMMARY_C: f64 = 15.0;

/// Chart size in pixels and the rows kept free for it.
const CHART_W: u32 = 760;
const CHART_H: u32 = 300;
const CHART_ROWS: u32 = 13;

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

fn workbook(catalog: &Catalog, client: &Client, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let st = Styles::new();
    let mut wb = xlsx::workbook(TITLE, &client.profile.name, today)?;
    let names = respondent_sheet_names(&client.diagnosis.respondents);
    let summary = wb.add_worksheet().set_name(SUMMARY_SHEET)?;
    summary_sheet(summary, &st, catalog, client, today)?;
    for (r, name) in client.diagnosis.respondents.iter().zip(&names) {
        let ws = wb.add_worksheet().set_name(name)?;
        respondent_sheet(ws, &st, catalog, client, today, r)?;
    }
    xlsx::finish(wb)
}

fn respondent_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    catalog: &Catalog,
    client: &Client,
    today: NaiveDate,
    r: &Respondent,
) -> Result<(), ExportError> {
    let w = &ITEM_WIDTHS;
    xlsx::columns(ws, w)?;
    let last = (w.len() - 1) as u16;
    let title = format!("{TITLE}　回答者：{}", respondent_label(r));
    let row = xlsx::title_block(ws, st, &title, &client.profile.name, today, last)?;
    debug_assert_eq!(row, ITEM_HEADER_ROW);
    for (c, h) in ["No.", "区分", "診断内容", "回答", "点数"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(row, 20)?;
    xlsx::page_setup(ws, false, ITEM_HEADER_ROW, ITEM_HEADER_ROW)?;
    xlsx::one_page(ws);

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
        ws.write_string_with_format(row, item_col::ANSWER, a.label(), &st.center)?;
        match a.points() {
            Some(p) => ws.write_number_with_format(row, item_col::POINTS, p, &st.number)?,
            None => ws.write_blank(row, item_col::POINTS, &st.number)?,
        };
        xlsx::fit_row(
            ws,
            row,
            &[(&part, w[1]), (question, w[2]), (a.label(), w[3])],
        )?;
    }

    let sc = score(&r.answers);
    for (p, max) in part_max().iter().enumerate() {
        let row = SUBTOTAL_ROW + p as u32;
        let label = format!("{} 小計（{max}点満点）", part_title(catalog, p));
        xlsx::merge(ws, row, 0, row, item_col::ANSWER, &label, &st.total_label)?;
        ws.write_number_with_format(row, item_col::POINTS, sc.parts[p], &st.total)?;
        ws.set_row_height(row, 20)?;
    }
    xlsx::merge(
        ws,
        TOTAL_ROW,
        0,
        TOTAL_ROW,
        item_col::ANSWER,
        "合計（100点満点）",
        &st.total_label,
    )?;
    ws.write_number_with_format(TOTAL_ROW, item_col::POINTS, sc.total, &st.total)?;
    ws.set_row_height(TOTAL_ROW, 20)?;

    let (band, advice) = band_label(catalog, sc.total);
    xlsx::merge(ws, BAND_ROW, 0, BAND_ROW, item_col::PART, "評価", &st.total)?;
    let text = format!("{band}\n{advice}");
    xlsx::merge(
        ws,
        BAND_ROW,
        item_col::QUESTION,
        BAND_ROW,
        last,
        &text,
        &st.text,
    )?;
    xlsx::fit_row(ws, BAND_ROW, &[(&text, xlsx::span(w, 2, 4))])?;
    if !sc.complete() {
        let n = DIAGNOSIS_ITEMS - sc.answered;
        let note = format!("※ 未回答が {n} 問あります（0点として集計）。");
        xlsx::merge(ws, BAND_ROW + 1, 0, BAND_ROW + 1, last, &note, &st.note)?;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    catalog: &Catalog,
    client: &Client,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let rs = &client.diagnosis.respondents;
    let n = rs.len();
    // Columns: No., item or respondent, then at least six value columns
    // (three parts, total, band, answered) or one per respondent plus the spread.
    let value_cols = 6.max(n + 1);
    let mut widths = vec![SUMMARY_A, SUMMARY_B];
    widths.extend(std::iter::repeat_n(SUMMARY_C, value_cols));
    xlsx::columns(ws, &widths)?;
    let last = (widths.len() - 1) as u16;
    let mut row = xlsx::title_block(ws, st, TITLE, &client.profile.name, today, last)?;
    xlsx::page_setup(ws, false, 0, 2)?;

    // 1. Scores.
    heading(ws, st, row, "1. 回答者別の得点")?;
    row += 1;
    debug_assert_eq!(row, SCORE_HEADER_ROW);
    let mut head: Vec<String> = vec!["No.".into(), "回答者（立場）".into()];
    head.extend((0..3).map(|p| part_title(catalog, p)));
    head.extend(["合計".into(), "評価".into(), "回答数".into()]);
    header_row(ws, st, row, &head, &widths)?;
    row += 1;
    let first_resp = row;
    for (i, r) in rs.iter().enumerate() {
        let sc = score(&r.answers);
        let label = respondent_label(r);
        let (band, _) = band_label(catalog, sc.total);
        ws.write_number_with_format(row, score_col::NO, (i + 1) as f64, &st.number)?;
        ws.write_string_with_format(row, score_col::NAME, &label, &st.text)?;
        for p in 0..3 {
            ws.write_number_with_format(row, score_col::PART1 + p as u16, sc.parts[p], &st.number)?;
        }
        ws.write_number_with_format(row, score_col::TOTAL, sc.total, &st.total)?;
        ws.write_string_with_format(row, score_col::BAND, band, &st.center)?;
        ws.write_string_with_format(
            row,
            score_col::ANSWERED,
            format!("{}/{DIAGNOSIS_ITEMS}", sc.answered),
            &st.center,
        )?;
        xlsx::fit_row(ws, row, &[(&label, SUMMARY_B), (band, SUMMARY_C)])?;
        row += 1;
    }
    if n == 0 {
        xlsx::merge(
            ws,
            row,
            0,
            row,
            score_col::ANSWERED,
            "回答者がいません",
            &st.text,
        )?;
        row += 1;
    }
    ws.write_blank(row, score_col::NO, &st.total)?;
    ws.write_string_with_format(row, score_col::NAME, "満点", &st.total_label)?;
    for (p, m) in part_max().iter().enumerate() {
        ws.write_number_with_format(row, score_col::PART1 + p as u16, *m, &st.total)?;
    }
    ws.write_number_with_format(row, score_col::TOTAL, 100, &st.total)?;
    ws.write_blank(row, score_col::BAND, &st.total)?;
    ws.write_blank(row, score_col::ANSWERED, &st.total)?;
    row += 2;

    if n > 0 {
        let mut chart = Chart::new(ChartType::Column);
        let font = ChartFont::new().set_name(xlsx::FONT).set_size(9).clone();
        for i in 0..n as u32 {
            let r = first_resp + i;
            chart
                .add_series()
                .set_name((SUMMARY_SHEET, r, score_col::NAME))
                .set_categories((
                    SUMMARY_SHEET,
                    SCORE_HEADER_ROW,
                    score_col::PART1,
                    SCORE_HEADER_ROW,
                    score_col::PART1 + 2,
                ))
                .set_values((SUMMARY_SHEET, r, score_col::PART1, r, score_col::PART1 + 2));
        }
        chart
            .title()
            .set_name("区分別の得点（回答者別）")
            .set_font(&font.clone().set_size(11).set_bold().clone());
        chart.x_axis().set_font(&font);
        chart
            .y_axis()
            .set_font(&font)
            .set_name("点")
            .set_name_font(&font);
        chart
            .legend()
            .set_position(ChartLegendPosition::Bottom)
            .set_font(&font);
        chart.set_width(CHART_W).set_height(CHART_H);
        ws.insert_chart_with_offset(row, 0, &chart, 8, 0)?;
        row += CHART_ROWS + 1;
    }

    // 2. Items where respondents differ.
    heading(
        ws,
        st,
        row,
        &format!("2. 回答者間で差の大きい項目（{GAP_THRESHOLD}点以上の差）"),
    )?;
    row += 1;
    let mut head: Vec<String> = vec!["No.".into(), "診断項目".into()];
    head.extend(rs.iter().map(respondent_label));
    head.push("点差".into());
    let g = gaps(rs, GAP_THRESHOLD);
    if g.is_empty() {
        row = none_row(ws, st, row, last)?;
    } else {
        header_row(ws, st, row, &head, &widths)?;
        row += 1;
        for gap in &g {
            let t = topic(catalog, gap.no);
            ws.write_number_with_format(row, 0, gap.no, &st.number)?;
            ws.write_string_with_format(row, 1, &t, &st.text)?;
            let mut cells = vec![(t.as_str(), SUMMARY_B)];
            for (k, r) in rs.iter().enumerate() {
                let a = r.answers[usize::from(gap.no) - 1];
                ws.write_string_with_format(row, 2 + k as u16, a.label(), &st.center)?;
                cells.push((a.label(), SUMMARY_C));
            }
            ws.write_number_with_format(row, 2 + n as u16, gap.spread(), &st.number)?;
            xlsx::fit_row(ws, row, &cells)?;
            row += 1;
        }
    }
    row += 1;

    // 3. わからない.
    heading(
        ws,
        st,
        row,
        "3. 「わからない」と回答された項目（確認が必要）",
    )?;
    row += 1;
    let dk = dont_know(rs);
    if dk.is_empty() {
        row = none_row(ws, st, row, last)?;
    } else {
        header_row(
            ws,
            st,
            row,
            &["No.".into(), "診断項目".into(), "回答者".into()],
            &widths,
        )?;
        xlsx::merge(ws, row, 2, row, last, "回答者", &st.header)?;
        row += 1;
        let who_w = xlsx::span(&widths, 2, last as usize);
        for (no, who) in &dk {
            let t = topic(catalog, *no);
            let people: Vec<String> = who.iter().map(|k| respondent_label(&rs[*k])).collect();
            let people = people.join("、");
            ws.write_number_with_format(row, 0, *no, &st.number)?;
            ws.write_string_with_format(row, 1, &t, &st.text)?;
            xlsx::merge(ws, row, 2, row, last, &people, &st.text)?;
            xlsx::fit_row(ws, row, &[(&t, SUMMARY_B), (&people, who_w)])?;
            row += 1;
        }
    }
    row += 1;

    // 4. Focus items.
    heading(ws, st, row, "4. 重点改善領域")?;
    row += 1;
    let mut focus: Vec<&ItemReview> = client.diagnosis.items.iter().filter(|i| i.focus).collect();
    focus.sort_by_key(|i| i.no);
    if focus.is_empty() {
        row = none_row(ws, st, row, last)?;
    } else {
        let head: Vec<String> = [
            "No.",
            "診断項目",
            "緊急度",
            "重要度",
            "難易度",
            "掘り下げメモ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        header_row(ws, st, row, &head, &widths)?;
        xlsx::merge(ws, row, 5, row, last, "掘り下げメモ", &st.header)?;
        row += 1;
        let notes_w = xlsx::span(&widths, 5, last as usize);
        for f in focus {
            let t = topic(catalog, f.no);
            let notes = f.notes.trim();
            ws.write_number_with_format(row, 0, f.no, &st.number)?;
            ws.write_string_with_format(row, 1, &t, &st.text)?;
            let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("");
            ws.write_string_with_format(row, 2, lv(f.ratings.urgency), &st.center)?;
            ws.write_string_with_format(row, 3, lv(f.ratings.importance), &st.center)?;
            ws.write_string_with_format(
                row,
                4,
                f.ratings.difficulty.map(Difficulty::label).unwrap_or(""),
                &st.center,
            )?;
            xlsx::merge(ws, row, 5, row, last, notes, &st.text)?;
            xlsx::fit_row(ws, row, &[(&t, SUMMARY_B), (notes, notes_w)])?;
            row += 1;
        }
    }
    row += 1;

    // 5. Every answer side by side, on a page of its own.
    if n > 0 {
        ws.set_page_breaks(&[row])?;
        let legend: Vec<String> = Answer::CHOICES
            .iter()
            .chain(&[Answer::Unanswered])
            .map(|a| format!("{} {}", a.mark(), a.label()))
            .collect();
        heading(
            ws,
            st,
            row,
            &format!("5. 回答一覧（{}）", legend.join("　")),
        )?;
        row += 1;
        let mut head: Vec<String> = vec!["No.".into(), "診断項目".into()];
        head.extend(rs.iter().map(respondent_label));
        header_row(ws, st, row, &head, &widths)?;
        row += 1;
        for i in 0..DIAGNOSIS_ITEMS {
            let no = i as u8 + 1;
            let t = topic(catalog, no);
            ws.write_number_with_format(row, 0, no, &st.number)?;
            ws.write_string_with_format(row, 1, &t, &st.text)?;
            for (k, r) in rs.iter().enumerate() {
                ws.write_string_with_format(row, 2 + k as u16, r.answers[i].mark(), &st.center)?;
            }
            xlsx::fit_row(ws, row, &[(&t, SUMMARY_B)])?;
            row += 1;
        }
        row += 1;
    }

    // 6. Bands.
    let no = if n > 0 { 6 } else { 5 };
    heading(ws, st, row, &format!("{no}. 評価の目安"))?;
    row += 1;
    header_row(
        ws,
        st,
        row,
        &["".into(), "合計点".into(), "評価".into()],
        &widths,
    )?;
    ws.write_blank(row, 0, &st.header)?;
    xlsx::merge(ws, row, 3, row, last, "説明", &st.header)?;
    row += 1;
    let adv_w = xlsx::span(&widths, 3, last as usize);
    for b in &catalog.diagnosis.band {
        let range = if b.min == b.max {
            format!("{}点", b.min)
        } else {
            format!("{}〜{}点", b.min, b.max)
        };
        ws.write_blank(row, 0, &st.text)?;
        ws.write_string_with_format(row, 1, &range, &st.center)?;
        ws.write_string_with_format(row, 2, &b.label, &st.center)?;
        xlsx::merge(ws, row, 3, row, last, &b.advice, &st.text)?;
        xlsx::fit_row(ws, row, &[(&b.label, SUMMARY_C), (&b.advice, adv_w)])?;
        row += 1;
    }
    Ok(())
}

fn heading(ws: &mut Worksheet, st: &Styles, row: u32, text: &str) -> Result<(), ExportError> {
    ws.write_string_with_format(row, 0, text, &st.heading)?;
    ws.set_row_height(row, 22)?;
    Ok(())
}

fn header_row(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    head: &[String],
    widths: &[f64],
) -> Result<(), ExportError> {
    let mut cells = Vec::new();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &st.header)?;
        cells.push((h.as_str(), widths.get(c).copied().unwrap_or(SUMMARY_C)));
    }
    xlsx::fit_row(ws, row, &cells)?;
    Ok(())
}

fn none_row(ws: &mut Worksheet, st: &Styles, row: u32, last: u16) -> Result<u32, ExportError> {
    xlsx::merge(ws, row, 0, row, last, "該当なし", &st.text)?;
    ws.set_row_height(row, 20)?;
    Ok(row + 1)
}
