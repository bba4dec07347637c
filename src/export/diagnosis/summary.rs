//! The summary sheet (集計): scores per respondent and per role as formulas
//! over the respondent sheets, the parts as a percentage of their maximum
//! with a chart, the items where real answers differ, the わからない items,
//! the focus items, every answer side by side (formulas) and the band guide.

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartLegendPosition, ChartType, Format, Formula, Worksheet,
};

use super::respondent::{BAND_ROW, FIRST_ITEM_ROW, SUBTOTAL_ROW, TOTAL_ROW, item_col};
use super::{
    SUMMARY_SHEET, TITLE, TOOL, band_label, band_range, numbered_label, part_title, sheet_ref,
    topic,
};
use crate::domain::diagnosis::{GAP_THRESHOLD, dont_know, gaps, part_max, score};
use crate::domain::model::{Answer, DIAGNOSIS_ITEMS, Difficulty, ItemReview, Level, Role};
use crate::export::ExportError;
use crate::export::xlsx::{self, Sheet, Styles};

/// Header row of the score table; one row per respondent follows, then
/// one per role present, then the maximum points.
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

const COL_A: f64 = 5.0;
const COL_B: f64 = 30.0;
const COL_C: f64 = 15.0;
const COL_NARROW: f64 = 10.0;

/// Pixels per category of the chart, and its fixed part.
const CHART_W: u32 = 760;
const CHART_ROW_PX: u32 = 34;
const CHART_BASE_PX: u32 = 110;
/// Pixels of a default row (the workbook's default row height is 25 px).
const ROW_PX: u32 = 25;

fn cell(row: u32, col: u16) -> String {
    row_col_to_cell(row, col)
}

fn percent(st: &Styles) -> Format {
    st.number.clone().set_num_format("0%")
}

fn average(st: &Styles) -> Format {
    st.number.clone().set_num_format("0.0")
}

pub fn sheet(ws: &mut Worksheet, cx: &Sheet, names: &[String]) -> Result<(), ExportError> {
    let Sheet {
        st,
        catalog,
        client,
        ..
    } = *cx;
    let rs = &client.diagnosis.respondents;
    let n = rs.len();
    let value_cols = 6.max(n + 1);
    // Many respondents: narrower value columns on a landscape page, so the
    // page is not shrunk below a readable size.
    let vw = if n > 5 { COL_NARROW } else { COL_C };
    let mut widths = vec![COL_A, COL_B];
    widths.extend(std::iter::repeat_n(vw, value_cols));
    let last = (widths.len() - 1) as u16;
    let mut row = cx.head(ws, &format!("{TITLE}（{TOOL}）"), &widths)?;
    xlsx::page_setup(ws, n > 3, 0, 2)?;

    // 1. Scores, as formulas over the respondent sheets.
    row = heading(ws, st, row, "1. 回答者別・立場別の得点")?;
    debug_assert_eq!(row, SCORE_HEADER_ROW);
    let mut head: Vec<String> = vec!["No.".into(), "回答者（立場）".into()];
    head.extend((0..3).map(|p| part_title(catalog, p)));
    head.extend(["合計".into(), "評価".into(), "回答数".into()]);
    header_row(ws, st, row, &head, &widths)?;
    row += 1;
    let first_resp = row;
    for (i, r) in rs.iter().enumerate() {
        let sc = score(&r.answers);
        let at = sheet_ref(&names[i]);
        let label = numbered_label(rs, i);
        let (band, _) = band_label(catalog, sc.total);
        ws.write_number_with_format(row, score_col::NO, (i + 1) as f64, &st.number)?;
        ws.write_string_with_format(row, score_col::NAME, &label, &st.text)?;
        for p in 0..3 {
            let f = Formula::new(format!(
                "={at}{}",
                cell(SUBTOTAL_ROW + p as u32, item_col::POINTS)
            ))
            .set_result(sc.parts[p].to_string());
            ws.write_formula_with_format(row, score_col::PART1 + p as u16, f, &st.number)?;
        }
        let f = Formula::new(format!("={at}{}", cell(TOTAL_ROW, item_col::POINTS)))
            .set_result(sc.total.to_string());
        ws.write_formula_with_format(row, score_col::TOTAL, f, &st.total)?;
        let f =
            Formula::new(format!("={at}{}", cell(BAND_ROW, item_col::QUESTION))).set_result(band);
        ws.write_formula_with_format(row, score_col::BAND, f, &st.center)?;
        let range = format!(
            "{at}{}:{}",
            cell(FIRST_ITEM_ROW, item_col::ANSWER),
            cell(SUBTOTAL_ROW - 1, item_col::ANSWER)
        );
        let f = Formula::new(format!("=COUNTIF({range},\"?*\")&\"/{DIAGNOSIS_ITEMS}\""))
            .set_result(format!("{}/{DIAGNOSIS_ITEMS}", sc.answered));
        ws.write_formula_with_format(row, score_col::ANSWERED, f, &st.center)?;
        xlsx::fit_row(ws, row, &[(&label, COL_B), (band, vw)])?;
        row += 1;
    }
    if n == 0 {
        xlsx::merge_across(
            ws,
            row,
            0,
            score_col::ANSWERED,
            "回答者がいません",
            &st.text,
        )?;
        row += 1;
    }
    // Averages by role (経営者・管理者・従業員), for the roles present.
    let avg = average(st);
    let mut role_rows = Vec::new();
    for role in Role::ALL {
        let who: Vec<u32> = (0..n as u32)
            .filter(|i| rs[*i as usize].role == role)
            .map(|i| first_resp + i)
            .collect();
        if who.is_empty() {
            continue;
        }
        let label = format!("{}の平均（{}名）", role.label(), who.len());
        ws.write_blank(row, score_col::NO, &st.text)?;
        ws.write_string_with_format(row, score_col::NAME, &label, &st.text)?;
        let mut means = [0.0; 4];
        for c in score_col::PART1..=score_col::TOTAL {
            let refs: Vec<String> = who.iter().map(|r| cell(*r, c)).collect();
            let values: Vec<f64> = who
                .iter()
                .map(|r| {
                    let sc = score(&rs[(r - first_resp) as usize].answers);
                    f64::from(if c == score_col::TOTAL {
                        sc.total
                    } else {
                        sc.parts[usize::from(c - score_col::PART1)]
                    })
                })
                .collect();
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            means[usize::from(c - score_col::PART1)] = mean;
            let f =
                Formula::new(format!("=AVERAGE({})", refs.join(","))).set_result(format!("{mean}"));
            ws.write_formula_with_format(row, c, f, &avg)?;
        }
        ws.write_blank(row, score_col::BAND, &st.text)?;
        ws.write_blank(row, score_col::ANSWERED, &st.text)?;
        role_rows.push((row, label, means));
        row += 1;
    }
    ws.write_blank(row, score_col::NO, &st.total)?;
    ws.write_string_with_format(row, score_col::NAME, "満点", &st.total_label)?;
    let max_row = row;
    for (p, m) in part_max().iter().enumerate() {
        ws.write_number_with_format(row, score_col::PART1 + p as u16, *m, &st.total)?;
    }
    ws.write_number_with_format(row, score_col::TOTAL, 100, &st.total)?;
    ws.write_blank(row, score_col::BAND, &st.total)?;
    ws.write_blank(row, score_col::ANSWERED, &st.total)?;
    row += 2;

    // Percentages of each part's maximum, and the chart over them.
    if n > 0 {
        row = heading(ws, st, row, "区分別の達成率（満点に対する割合）")?;
        let mut head: Vec<String> = vec!["".into(), "回答者・立場".into()];
        head.extend((0..3).map(|p| part_title(catalog, p)));
        head.push("合計".into());
        header_row(ws, st, row, &head, &widths)?;
        let pct_head = row;
        row += 1;
        let pct = percent(st);
        let first_pct = row;
        let m = part_max();
        let maxima = [f64::from(m[0]), f64::from(m[1]), f64::from(m[2]), 100.0];
        let mut sources: Vec<(u32, String, [f64; 4])> = rs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let sc = score(&r.answers);
                let v = [sc.parts[0], sc.parts[1], sc.parts[2], sc.total].map(f64::from);
                (first_resp + i as u32, numbered_label(rs, i), v)
            })
            .collect();
        sources.extend(role_rows.iter().cloned());
        for (src, label, values) in &sources {
            ws.write_blank(row, 0, &st.text)?;
            ws.write_string_with_format(row, 1, label, &st.text)?;
            for (j, v) in values.iter().enumerate() {
                let c = score_col::PART1 + j as u16;
                let f = Formula::new(format!("={}/{}", cell(*src, c), cell(max_row, c)))
                    .set_result(format!("{}", v / maxima[j]));
                ws.write_formula_with_format(row, c, f, &pct)?;
            }
            xlsx::fit_row(ws, row, &[(label, COL_B)])?;
            row += 1;
        }
        let last_pct = row - 1;
        row += 1;
        let mut chart = Chart::new(ChartType::Bar);
        let font = ChartFont::new().set_name(xlsx::FONT).set_size(9).clone();
        for p in 0..3u16 {
            chart
                .add_series()
                .set_name((SUMMARY_SHEET, pct_head, score_col::PART1 + p))
                .set_categories((SUMMARY_SHEET, first_pct, 1, last_pct, 1))
                .set_values((
                    SUMMARY_SHEET,
                    first_pct,
                    score_col::PART1 + p,
                    last_pct,
                    score_col::PART1 + p,
                ));
        }
        chart
            .title()
            .set_name("区分別の達成率（満点に対する割合）")
            .set_font(&font.clone().set_size(11).set_bold().clone());
        chart
            .x_axis()
            .set_font(&font)
            .set_min(0)
            .set_max(1)
            .set_major_unit(0.25)
            .set_num_format("0%");
        chart.y_axis().set_font(&font).set_reverse();
        chart
            .legend()
            .set_position(ChartLegendPosition::Top)
            .set_font(&font);
        let height = CHART_BASE_PX + CHART_ROW_PX * sources.len() as u32;
        chart.set_width(CHART_W).set_height(height);
        ws.insert_chart_with_offset(row, 0, &chart, 8, 0)?;
        row += height.div_ceil(ROW_PX) + 1;
    }

    // 2. Items where real answers differ (as exported).
    row = heading(
        ws,
        st,
        row,
        &format!(
            "2. 回答者間で差の大きい項目（実回答で{GAP_THRESHOLD}点以上の差。「わからない」は3.に）"
        ),
    )?;
    let mut head: Vec<String> = vec!["No.".into(), "診断項目".into()];
    head.extend((0..n).map(|i| numbered_label(rs, i)));
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
            let mut cells = vec![(t.as_str(), COL_B)];
            for (k, r) in rs.iter().enumerate() {
                let a = r.answers[usize::from(gap.no) - 1];
                ws.write_string_with_format(row, 2 + k as u16, a.label(), &st.center)?;
                cells.push((a.label(), vw));
            }
            ws.write_number_with_format(row, 2 + n as u16, gap.spread(), &st.number)?;
            xlsx::fit_row(ws, row, &cells)?;
            row += 1;
        }
    }
    row += 1;

    // 3. わからない.
    row = heading(
        ws,
        st,
        row,
        "3. 「わからない」と回答された項目（確認が必要）",
    )?;
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
        xlsx::merge_across(ws, row, 2, last, "回答者", &st.header)?;
        row += 1;
        let who_w = xlsx::span(&widths, 2, last as usize);
        for (no, who) in &dk {
            let t = topic(catalog, *no);
            let people: Vec<String> = who.iter().map(|k| numbered_label(rs, *k)).collect();
            let people = people.join("、");
            ws.write_number_with_format(row, 0, *no, &st.number)?;
            ws.write_string_with_format(row, 1, &t, &st.text)?;
            xlsx::merge_across(ws, row, 2, last, &people, &st.text)?;
            xlsx::fit_row(ws, row, &[(&t, COL_B), (&people, who_w)])?;
            row += 1;
        }
    }
    row += 1;

    // 4. Focus items.
    row = heading(
        ws,
        st,
        row,
        "4. 重点改善領域（全25項目の評価とメモは「項目別の評価とメモ」）",
    )?;
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
        xlsx::merge_across(ws, row, 5, last, "掘り下げメモ", &st.header)?;
        row += 1;
        let notes_w = xlsx::span(&widths, 5, last as usize);
        for f in focus {
            let t = topic(catalog, f.no);
            let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("");
            for (k, piece) in xlsx::row_pieces(f.notes.trim(), notes_w).iter().enumerate() {
                if k == 0 {
                    ws.write_number_with_format(row, 0, f.no, &st.number)?;
                    ws.write_string_with_format(row, 1, &t, &st.text)?;
                    ws.write_string_with_format(row, 2, lv(f.ratings.urgency), &st.center)?;
                    ws.write_string_with_format(row, 3, lv(f.ratings.importance), &st.center)?;
                    ws.write_string_with_format(
                        row,
                        4,
                        f.ratings.difficulty.map(Difficulty::label).unwrap_or(""),
                        &st.center,
                    )?;
                } else {
                    for c in 0..5 {
                        ws.write_blank(row, c, &st.text)?;
                    }
                }
                xlsx::merge_across(ws, row, 5, last, piece, &st.text)?;
                xlsx::fit_row(ws, row, &[(&t, COL_B), (piece, notes_w)])?;
                row += 1;
            }
        }
    }
    row += 1;

    // 5. Every answer side by side, on a page of its own, as formulas.
    if n > 0 {
        ws.set_page_breaks(&[row])?;
        let legend: Vec<String> = Answer::CHOICES
            .iter()
            .chain(&[Answer::Unanswered])
            .map(|a| format!("{} {}", a.mark(), a.label()))
            .collect();
        row = heading(
            ws,
            st,
            row,
            &format!("5. 回答一覧（{}）", legend.join("　")),
        )?;
        let mut head: Vec<String> = vec!["No.".into(), "診断項目".into()];
        head.extend((0..n).map(|i| numbered_label(rs, i)));
        head.push("差（実回答）".into());
        header_row(ws, st, row, &head, &widths)?;
        row += 1;
        for i in 0..DIAGNOSIS_ITEMS {
            let no = i as u8 + 1;
            let t = topic(catalog, no);
            ws.write_number_with_format(row, 0, no, &st.number)?;
            ws.write_string_with_format(row, 1, &t, &st.text)?;
            let item_row = FIRST_ITEM_ROW + i as u32;
            let mut pts = Vec::new();
            for (k, r) in rs.iter().enumerate() {
                let at = sheet_ref(&names[k]);
                let f = Formula::new(mark_formula(&format!(
                    "{at}{}",
                    cell(item_row, item_col::ANSWER)
                )))
                .set_result(r.answers[i].mark());
                ws.write_formula_with_format(row, 2 + k as u16, f, &st.center)?;
                pts.push(format!("{at}{}", cell(item_row, item_col::POINTS)));
            }
            let real: Vec<i32> = rs
                .iter()
                .filter_map(|r| r.answers[i].points())
                .filter(|p| *p >= 0)
                .collect();
            let spread = if real.len() >= 2 {
                real.iter().max().unwrap_or(&0) - real.iter().min().unwrap_or(&0)
            } else {
                0
            };
            let f = Formula::new(respondent_spread(&pts)).set_result(spread.to_string());
            ws.write_formula_with_format(row, 2 + n as u16, f, &st.number)?;
            xlsx::fit_row(ws, row, &[(&t, COL_B)])?;
            row += 1;
        }
        row += 1;
    }

    // 6. Bands.
    let no = if n > 0 { 6 } else { 5 };
    row = heading(ws, st, row, &format!("{no}. 評価の目安"))?;
    header_row(
        ws,
        st,
        row,
        &["".into(), "合計点".into(), "評価".into()],
        &widths,
    )?;
    ws.write_blank(row, 0, &st.header)?;
    xlsx::merge_across(ws, row, 3, last, "説明", &st.header)?;
    row += 1;
    let adv_w = xlsx::span(&widths, 3, last as usize);
    for b in &catalog.diagnosis.band {
        let range = band_range(catalog, b.min, b.max);
        ws.write_blank(row, 0, &st.text)?;
        ws.write_string_with_format(row, 1, &range, &st.center)?;
        ws.write_string_with_format(row, 2, &b.label, &st.center)?;
        xlsx::merge_across(ws, row, 3, last, &b.advice, &st.text)?;
        xlsx::fit_row(ws, row, &[(&b.label, vw), (&b.advice, adv_w)])?;
        row += 1;
    }
    Ok(())
}

/// The mark of the answer in `answer` (済/一部/未/？ or ・ when blank).
fn mark_formula(answer: &str) -> String {
    let mut f = format!("\"{}\"", Answer::Unanswered.mark());
    for a in Answer::CHOICES.iter().rev() {
        f = format!("IF({answer}=\"{}\",\"{}\",{f})", a.label(), a.mark());
    }
    format!("={f}")
}

/// The spread of the real answers (points 0–4; わからない and blanks left
/// out) among the point cells `pts`, 0 when fewer than two answered.
fn respondent_spread(pts: &[String]) -> String {
    let real = |p: &String| format!("AND(ISNUMBER({p}),{p}>=0)");
    let count: Vec<String> = pts.iter().map(|p| format!("IF({},1,0)", real(p))).collect();
    let hi: Vec<String> = pts
        .iter()
        .map(|p| format!("IF({},{p},-99)", real(p)))
        .collect();
    let lo: Vec<String> = pts
        .iter()
        .map(|p| format!("IF({},{p},99)", real(p)))
        .collect();
    format!(
        "=IF(({})>=2,MAX({})-MIN({}),0)",
        count.join("+"),
        hi.join(","),
        lo.join(",")
    )
}

/// A section heading at `row`; the row below it.
fn heading(ws: &mut Worksheet, st: &Styles, row: u32, text: &str) -> Result<u32, ExportError> {
    ws.write_string_with_format(row, 0, text, &st.heading)?;
    ws.set_row_height(row, 22)?;
    Ok(row + 1)
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
        cells.push((h.as_str(), widths.get(c).copied().unwrap_or(COL_NARROW)));
    }
    xlsx::fit_row(ws, row, &cells)?;
    Ok(())
}

fn none_row(ws: &mut Worksheet, st: &Styles, row: u32, last: u16) -> Result<u32, ExportError> {
    xlsx::merge_across(ws, row, 0, last, "該当なし", &st.text)?;
    ws.set_row_height(row, 20)?;
    Ok(row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_formula_leaves_out_dont_know_and_blanks() {
        let f = respondent_spread(&["A1".into(), "B1".into()]);
        assert_eq!(
            f,
            "=IF((IF(AND(ISNUMBER(A1),A1>=0),1,0)+IF(AND(ISNUMBER(B1),B1>=0),1,0))>=2,MAX(IF(AND(ISNUMBER(A1),A1>=0),A1,-99),IF(AND(ISNUMBER(B1),B1>=0),B1,-99))-MIN(IF(AND(ISNUMBER(A1),A1>=0),A1,99),IF(AND(ISNUMBER(B1),B1>=0),B1,99)),0)"
        );
        assert!(mark_formula("X").starts_with("=IF(X=\"実施している\",\"済\""));
    }
}
