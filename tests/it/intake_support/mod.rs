//! Helpers for the questionnaire and import tests: a workbook edited at the
//! XML level (as a spreadsheet program would save it, independent of the
//! writer), and the cells of a questionnaire located by their labels.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, Xlsx};

/// The entries of a zip file, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).unwrap();
            (f.name().unwrap().into_owned(), buf)
        })
        .collect()
}

pub fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The workbook with the XML of worksheet `n` (1-based) changed by `f`.
pub fn edit_sheet(bytes: &[u8], n: usize, f: impl FnOnce(String) -> String) -> Vec<u8> {
    let name = format!("xl/worksheets/sheet{n}.xml");
    let mut entries = unzip(bytes);
    let e = entries
        .iter_mut()
        .find(|(k, _)| *k == name)
        .unwrap_or_else(|| panic!("no {name}"));
    e.1 = f(String::from_utf8(e.1.clone()).unwrap()).into_bytes();
    rezip(&entries)
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What to put into a cell.
pub enum Put<'a> {
    Text(&'a str),
    Number(f64),
    /// A formula with its cached text result.
    Formula(&'a str, &'a str),
}

/// Byte range of the `<c r="REF" …>` element in `xml`.
fn cell_span(xml: &str, cell: &str) -> Option<(usize, usize)> {
    let start = xml.find(&format!("<c r=\"{cell}\""))?;
    let open_end = start + xml[start..].find('>')?;
    if xml[..open_end].ends_with('/') {
        return Some((start, open_end + 1));
    }
    let close = open_end + xml[open_end..].find("</c>")? + 4;
    Some((start, close))
}

/// `xml` with cell `cell` holding `put` (its style kept).
pub fn set_cell(xml: &str, cell: &str, put: Put<'_>) -> String {
    let (a, b) = cell_span(xml, cell).unwrap_or_else(|| panic!("no cell {cell}"));
    let old = &xml[a..b];
    let style = old
        .split_once(" s=\"")
        .and_then(|(_, r)| r.split_once('"'))
        .map(|(s, _)| format!(" s=\"{s}\""))
        .unwrap_or_default();
    let new = match put {
        Put::Text(t) => format!(
            "<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{}</t></is></c>",
            esc(t)
        ),
        Put::Number(n) => format!("<c r=\"{cell}\"{style}><v>{n}</v></c>"),
        Put::Formula(f, v) => format!(
            "<c r=\"{cell}\"{style} t=\"str\"><f>{}</f><v>{}</v></c>",
            esc(f),
            esc(v)
        ),
    };
    format!("{}{new}{}", &xml[..a], &xml[b..])
}

/// `xml` without row `row` (1-based) — as if it had been deleted and the
/// rows below not renumbered, which is what a reader sees of a missing item.
pub fn drop_row(xml: &str, row: u32) -> String {
    let start = xml.find(&format!("<row r=\"{row}\"")).expect("row");
    let end = start + xml[start..].find("</row>").expect("row end") + 6;
    format!("{}{}", &xml[..start], &xml[end..])
}

/// `xml` with the range `a:b` merged.
pub fn merge(xml: &str, range: &str) -> String {
    if let Some(i) = xml.find("</mergeCells>") {
        return format!("{}<mergeCell ref=\"{range}\"/>{}", &xml[..i], &xml[i..]);
    }
    let i = xml.find("</sheetData>").expect("sheetData") + "</sheetData>".len();
    format!(
        "{}<mergeCells count=\"1\"><mergeCell ref=\"{range}\"/></mergeCells>{}",
        &xml[..i],
        &xml[i..]
    )
}

pub fn a1(row: u32, col: u32) -> String {
    bansou::import::a1(row, col)
}

/// The cells of a questionnaire (or respondent sheet), located by labels.
#[derive(Debug)]
pub struct Layout {
    pub sheet: String,
    /// Answer and comment cell of item 1–25 (index 0–24).
    pub answer: Vec<String>,
    pub comment: Vec<Option<String>>,
    /// The row (1-based) of each item.
    pub row: Vec<u32>,
    /// The question text of each item.
    pub question: Vec<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub range: calamine::Range<Data>,
}

pub fn text(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

pub fn layout(bytes: &[u8], sheet_index: usize) -> Layout {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.sheet_names()[sheet_index].clone();
    let r = wb.worksheet_range(&sheet).unwrap();
    let (h, w) = (r.end().unwrap().0, r.end().unwrap().1);
    let mut head = None;
    for row in 0..=h {
        let cols: BTreeMap<String, u32> = (0..=w).map(|c| (text(&r, row, c), c)).collect();
        if let (Some(no), Some(ans)) = (cols.get("No."), cols.get("回答")) {
            let comment = cols
                .iter()
                .find(|(t, _)| t.starts_with("コメント"))
                .map(|(_, c)| *c);
            head = Some((row, *no, *ans, comment));
            break;
        }
    }
    let (head, no_col, ans_col, comment_col) = head.expect("a header row");
    let mut found: BTreeMap<u32, u32> = BTreeMap::new();
    for row in head + 1..=h {
        if let Some(Data::Float(n)) = r.get_value((row, no_col)) {
            found.insert(*n as u32, row);
        }
    }
    assert_eq!(found.len(), 25, "25 item rows in {sheet}");
    let rows: Vec<u32> = (1..=25).map(|n| found[&n]).collect();
    let label = |prefix: &str| {
        (0..head).find_map(|row| {
            (0..=w)
                .find(|c| text(&r, row, *c).starts_with(prefix))
                .map(|c| a1(row, c + 2))
        })
    };
    Layout {
        answer: rows.iter().map(|row| a1(*row, ans_col)).collect(),
        comment: rows
            .iter()
            .map(|row| comment_col.map(|c| a1(*row, c)))
            .collect(),
        question: rows.iter().map(|row| text(&r, *row, no_col + 1)).collect(),
        row: rows.iter().map(|row| row + 1).collect(),
        name: label("回答者名"),
        role: label("立場"),
        sheet,
        range: r,
    }
}

/// A questionnaire filled in: `answers[i]` for item i+1 ("" leaves it
/// blank) and the comments given.
pub fn fill(bytes: &[u8], answers: &[&str; 25], comments: &[(u8, &str)]) -> Vec<u8> {
    let l = layout(bytes, 0);
    edit_sheet(bytes, 1, |mut xml| {
        for (i, a) in answers.iter().enumerate() {
            if !a.is_empty() {
                xml = set_cell(&xml, &l.answer[i], Put::Text(a));
            }
        }
        for (no, c) in comments {
            let cell = l.comment[usize::from(*no) - 1]
                .clone()
                .expect("comment column");
            xml = set_cell(&xml, &cell, Put::Text(c));
        }
        xml
    })
}
