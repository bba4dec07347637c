//! Reading answers from a workbook: the filled questionnaire, or the
//! respondent sheets of an exported 自社診断結果 after corrections. Cells are
//! found by their labels (`domain::intake::labels`) and by the question
//! numbers in the No. column, never by fixed places, so either layout — and
//! a rearranged one — reads the same; anything unexpected refuses the whole
//! workbook, naming the sheet and the cell.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use crate::domain::intake::{Intake, answer_choices, clean_text, labels, parse_answer, parse_role};
use crate::domain::model::{DIAGNOSIS_ITEMS, Role};

/// Cells beyond these are not looked at (the forms use a few dozen rows and
/// four or five columns); a sheet with more cells than `MAX_CELLS` is refused.
const MAX_ROW: u32 = 2_000;
const MAX_COL: u32 = 60;
const MAX_CELLS: usize = 100_000;
/// Rows above the table searched for the title, name and role.
const HEAD_ROWS: u32 = 40;

/// One respondent found in a workbook.
#[derive(Debug, Clone)]
pub struct Found {
    pub sheet: String,
    pub intake: Intake,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Other(&'static str),
}

struct Cell {
    value: Value,
    formula: Option<String>,
}

struct Sheet {
    name: String,
    cells: BTreeMap<(u32, u32), Cell>,
    merged: Vec<((u32, u32), (u32, u32))>,
}

/// `C12`.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

impl Sheet {
    fn at(&self, row: u32, col: u32) -> String {
        format!("シート「{}」のセル {}", self.name, a1(row, col))
    }

    fn text(&self, row: u32, col: u32) -> Option<String> {
        match &self.cells.get(&(row, col))?.value {
            Value::Text(t) => Some(clean_text(t)),
            Value::Number(n) => Some(number_text(*n)),
            Value::Other(_) => None,
        }
    }

    fn row_texts(&self, row: u32) -> impl Iterator<Item = (u32, String)> + '_ {
        self.cells
            .range((row, 0)..(row + 1, 0))
            .filter_map(move |((_, c), _)| self.text(row, *c).map(|t| (*c, t)))
    }

    fn merged_at(&self, row: u32, col: u32) -> Option<String> {
        self.merged
            .iter()
            .find(|((r1, c1), (r2, c2))| {
                (r1..=r2).contains(&&row) && (c1..=c2).contains(&&col) && (r1 != r2 || c1 != c2)
            })
            .map(|((r1, c1), (r2, c2))| format!("{}:{}", a1(*r1, *c1), a1(*r2, *c2)))
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn value(d: &DataRef<'_>) -> Option<Value> {
    Some(match d {
        DataRef::Empty => return None,
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_owned()),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Bool(_) => Value::Other("真偽値"),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => Value::Other("日付"),
        DataRef::DurationIso(_) => Value::Other("時間"),
        DataRef::Error(_) => Value::Other("エラー値"),
    })
}

/// What the parts of a workbook may add up to once unpacked (a filled
/// questionnaire unpacks to some 100 KB): more is a decompression bomb.
const MAX_UNPACKED: u128 = 200 * 1024 * 1024;
const MAX_PARTS: usize = 2_000;

fn load(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let damaged = |e: &dyn std::fmt::Display| {
        format!("表計算のファイル（.xlsx）として読めません（壊れているか途中で切れています）: {e}")
    };
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if archive
        .file_names()
        .any(|n| n.is_ok_and(|n| n == "content.xml"))
        && !archive
            .file_names()
            .any(|n| n.is_ok_and(|n| n == "xl/workbook.xml"))
    {
        return Err(
            "OpenDocument 形式（.ods）は読めません。.xlsx（Excel 2007-365）形式で保存し直してください"
                .into(),
        );
    }
    if archive.len() > MAX_PARTS
        || archive
            .decompressed_size()
            .is_some_and(|n| n > MAX_UNPACKED)
    {
        return Err("展開すると大きすぎるファイルです。回答用紙ではありません".into());
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let merged = wb
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| damaged(&e))?
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect();
        let mut cells = BTreeMap::new();
        let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| damaged(&e))?;
        let mut seen = 0usize;
        while let Some(c) = reader.next_cell_with_formula().map_err(|e| damaged(&e))? {
            seen += 1;
            if seen > MAX_CELLS {
                return Err(format!(
                    "シート「{name}」のセルが多すぎます（{MAX_CELLS} 個超）。回答用紙ではありません"
                ));
            }
            let (row, col) = c.pos;
            if row > MAX_ROW || col > MAX_COL {
                continue;
            }
            let formula = c.formula.filter(|f| !f.trim().is_empty());
            let v = value(&c.value);
            if v.is_none() && formula.is_none() {
                continue;
            }
            cells.insert(
                (row, col),
                Cell {
                    value: v.unwrap_or(Value::Text(String::new())),
                    formula,
                },
            );
        }
        sheets.push(Sheet {
            name,
            cells,
            merged,
        });
    }
    Ok(sheets)
}

/// Every respondent in an .xlsx workbook, or why the workbook is refused.
pub fn read(bytes: &[u8]) -> Result<Vec<Found>, String> {
    let sheets = load(bytes)?;
    let mut found = Vec::new();
    for sheet in &sheets {
        if let Some(intake) = read_sheet(sheet)? {
            found.push(Found {
                sheet: sheet.name.clone(),
                intake,
            });
        }
    }
    if found.is_empty() {
        return Err(format!(
            "自社診断の回答用紙でも自社診断結果の回答者シートでもありません（「{}」と「{}」の見出しがある表が見つかりません）",
            labels::NO,
            labels::ANSWER
        ));
    }
    Ok(found)
}

fn is_no_header(t: &str) -> bool {
    matches!(t, "No." | "No" | "NO." | "no." | "No．" | "番号")
}

/// The columns of the table: (header row, No., answer, comment).
fn header(sheet: &Sheet) -> Option<(u32, u32, u32, Option<u32>)> {
    let rows: Vec<u32> = {
        let mut r: Vec<u32> = sheet.cells.keys().map(|(r, _)| *r).collect();
        r.dedup();
        r
    };
    for row in rows {
        let texts: Vec<(u32, String)> = sheet.row_texts(row).collect();
        let no = texts.iter().find(|(_, t)| is_no_header(t)).map(|(c, _)| *c);
        let ans = texts
            .iter()
            .find(|(_, t)| t == labels::ANSWER)
            .map(|(c, _)| *c);
        if let (Some(no), Some(ans)) = (no, ans) {
            let comment = texts
                .iter()
                .find(|(_, t)| t.starts_with(labels::COMMENT))
                .map(|(c, _)| *c);
            return Some((row, no, ans, comment));
        }
    }
    None
}

fn read_sheet(sheet: &Sheet) -> Result<Option<Intake>, String> {
    let Some((head, no_col, ans_col, comment_col)) = header(sheet) else {
        return Ok(None);
    };
    let titled = sheet
        .cells
        .range((head.saturating_sub(HEAD_ROWS), 0)..(head, 0))
        .any(|((r, c), _)| sheet.text(*r, *c).is_some_and(|t| t.contains(labels::MARK)));
    if !titled {
        return Err(format!(
            "シート「{}」: 表の上に「{}」の表題がありません。自社診断の回答用紙ではありません",
            sheet.name,
            labels::MARK
        ));
    }
    let mut intake = Intake {
        with_comments: comment_col.is_some(),
        ..Intake::default()
    };
    let (name, role) = who(sheet, head)?;
    intake.name = name;
    intake.role = role;

    // The item rows: a question number 1–25 in the No. column.
    let mut rows: [Option<u32>; DIAGNOSIS_ITEMS] = [None; DIAGNOSIS_ITEMS];
    let no_cells: Vec<(u32, u32)> = sheet
        .cells
        .keys()
        .filter(|(r, c)| *r > head && *c == no_col)
        .copied()
        .collect();
    for (row, col) in no_cells {
        let cell = &sheet.cells[&(row, col)];
        let n = match &cell.value {
            Value::Number(n) => Some(*n),
            Value::Text(t) => {
                let t = clean_text(t);
                (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
                    .then(|| t.parse::<f64>().unwrap_or(0.0))
            }
            Value::Other(_) => None,
        };
        let Some(n) = n else { continue };
        if n.fract() != 0.0 || !(1.0..=DIAGNOSIS_ITEMS as f64).contains(&n) {
            return Err(format!(
                "{}: {} は設問番号（1〜{DIAGNOSIS_ITEMS}）ではありません",
                sheet.at(row, col),
                number_text(n)
            ));
        }
        let no = n as usize;
        if let Some(first) = rows[no - 1] {
            return Err(format!(
                "シート「{}」: 設問 No.{no} が2回あります（セル {} と {}）",
                sheet.name,
                a1(first, col),
                a1(row, col)
            ));
        }
        rows[no - 1] = Some(row);
    }
    let missing: Vec<String> = (1..=DIAGNOSIS_ITEMS)
        .filter(|no| rows[no - 1].is_none())
        .map(|no| no.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "シート「{}」: 設問 No.{} の行が見つかりません（行が削除されたか、番号が消されています）",
            sheet.name,
            missing.join(", ")
        ));
    }

    for (i, row) in rows.iter().enumerate() {
        let row = row.unwrap_or_default();
        let mut cols = vec![no_col, ans_col];
        cols.extend(comment_col);
        for col in cols {
            if let Some(range) = sheet.merged_at(row, col) {
                return Err(format!(
                    "シート「{}」のセル {range} が結合されています（設問 No.{} の行）。結合を解除してください",
                    sheet.name,
                    i + 1
                ));
            }
        }
        intake.answers[i] = answer(sheet, row, ans_col)?;
        if let Some(col) = comment_col
            && let Some(text) = comment(sheet, row, col)?
        {
            intake.comments.push((i as u8 + 1, text));
        }
    }
    Ok(Some(intake))
}

fn answer(sheet: &Sheet, row: u32, col: u32) -> Result<crate::domain::model::Answer, String> {
    let Some(cell) = sheet.cells.get(&(row, col)) else {
        return Ok(crate::domain::model::Answer::Unanswered);
    };
    let choices = answer_choices();
    if let Some(f) = &cell.formula {
        return Err(format!(
            "{}: 回答に数式（={f}）が入っています。{choices} から選んでください",
            sheet.at(row, col)
        ));
    }
    match &cell.value {
        Value::Text(t) => parse_answer(t).ok_or_else(|| {
            format!(
                "{}: 「{}」は回答の選択肢（{choices}）にありません",
                sheet.at(row, col),
                clean_text(t)
            )
        }),
        Value::Number(n) => Err(format!(
            "{}: 回答に数値 {} が入っています。{choices} から選んでください",
            sheet.at(row, col),
            number_text(*n)
        )),
        Value::Other(kind) => Err(format!(
            "{}: 回答に{kind}が入っています。{choices} から選んでください",
            sheet.at(row, col)
        )),
    }
}

fn comment(sheet: &Sheet, row: u32, col: u32) -> Result<Option<String>, String> {
    let Some(cell) = sheet.cells.get(&(row, col)) else {
        return Ok(None);
    };
    if let Some(f) = &cell.formula {
        return Err(format!(
            "{}: コメントに数式（={f}）が入っています。文字で書いてください",
            sheet.at(row, col)
        ));
    }
    match &cell.value {
        Value::Other(kind) => Err(format!(
            "{}: コメントに{kind}が入っています。文字で書いてください",
            sheet.at(row, col)
        )),
        _ => Ok(sheet.text(row, col).filter(|t| !t.is_empty())),
    }
}

/// The respondent's name and role above the table: label cells (回答者名,
/// 立場) with the value to their right, or a title `…回答者：NAME（ROLE）`.
fn who(sheet: &Sheet, head: u32) -> Result<(String, Option<Role>), String> {
    let above: Vec<(u32, u32, String)> = sheet
        .cells
        .range((head.saturating_sub(HEAD_ROWS), 0)..(head, 0))
        .filter_map(|((r, c), _)| sheet.text(*r, *c).map(|t| (*r, *c, t)))
        .collect();
    let is_label = |t: &str| t.starts_with(labels::NAME) || t.starts_with(labels::ROLE);
    let value_right = |row: u32, col: u32| -> Option<(u32, String)> {
        above
            .iter()
            .filter(|(r, c, _)| *r == row && *c > col)
            .take_while(|(_, _, t)| !is_label(t))
            .find(|(_, _, t)| !t.is_empty())
            .map(|(_, c, t)| (*c, t.clone()))
    };
    let name_label = above.iter().find(|(_, _, t)| t.starts_with(labels::NAME));
    let role_label = above.iter().find(|(_, _, t)| t.starts_with(labels::ROLE));
    if name_label.is_some() || role_label.is_some() {
        let name = name_label
            .and_then(|(r, c, _)| value_right(*r, *c))
            .map(|(_, t)| t)
            .unwrap_or_default();
        let role = match role_label.and_then(|(r, c, _)| value_right(*r, *c).map(|v| (*r, v))) {
            Some((r, (c, text))) => Some(parse_role(&text).ok_or_else(|| {
                format!(
                    "{}: 立場「{text}」は {} のどれでもありません",
                    sheet.at(r, c),
                    Role::ALL.map(Role::label).join("・")
                )
            })?),
            None => None,
        };
        return Ok((name, role));
    }
    for (r, c, t) in &above {
        let Some(rest) = t.split_once(labels::WHO).map(|(_, rest)| rest.trim()) else {
            continue;
        };
        let Some((name, role)) = rest.strip_suffix('）').and_then(|s| s.rsplit_once('（')) else {
            return Err(format!(
                "{}: 「{t}」から回答者の氏名（立場）が読めません",
                sheet.at(*r, *c)
            ));
        };
        let role = parse_role(role).ok_or_else(|| {
            format!(
                "{}: 立場「{role}」は {} のどれでもありません",
                sheet.at(*r, *c),
                Role::ALL.map(Role::label).join("・")
            )
        })?;
        let name = clean_text(name);
        let name = if name.starts_with('（') {
            String::new()
        } else {
            name
        };
        return Ok((name, Some(role)));
    }
    Ok((String::new(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_are_a1() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 2), "C12");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn numbers_print_without_a_needless_fraction() {
        assert_eq!(number_text(4.0), "4");
        assert_eq!(number_text(2.5), "2.5");
    }
}
