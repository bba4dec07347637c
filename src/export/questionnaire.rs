//! `自社診断_回答用_<name>.xlsx`: the self-diagnosis questionnaire sent to
//! each respondent before session 1 — the company, the respondent's name and
//! role, short instructions, the 25 questions grouped by part as the catalog
//! has them, and per item an answer pull-down and a comment cell. The sheet
//! is protected without a password; only the cells to fill in are open.
//! The import module reads the filled file back by its labels.

use crate::domain::model::Stamp;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidationErrorStyle, Format, FormatAlign, ProtectionOptions, Worksheet,
};
use unicode_normalization::UnicodeNormalization;

use super::ExportError;
use super::xlsx::{self, Styles};
use crate::content::Catalog;
use crate::domain::intake::{is_invisible, labels};
use crate::domain::model::{Answer, Client, Role};
use crate::store::write_atomic;

pub const TITLE: &str = "情報セキュリティ自社診断　回答用紙";
pub const SHEET: &str = "回答用紙";
/// File name prefix; the respondent's name (or `未記入`) and `.xlsx` follow.
pub const PREFIX: &str = "自社診断_回答用_";
pub const BLANK_NAME: &str = "未記入";

/// Columns: No., question, answer, comment.
const WIDTHS: [f64; 4] = [5.0, 55.0, 17.0, 34.0];
const COL_NO: u16 = 0;
const COL_QUESTION: u16 = 1;
const COL_ANSWER: u16 = 2;
const COL_COMMENT: u16 = 3;
/// Characters of the name kept in a file name (a CJK character is three
/// bytes: 40 of them stay far below every file system's 255-byte limit).
const NAME_CHARS: usize = 40;

const INSTRUCTIONS: [&str; 4] = [
    "1. 各項目の「回答」欄を選び、▼のリストから当てはまるものを一つ選んでください（実施している／一部実施している／実施していない／わからない）。",
    "2. 迷った項目や、一部の人・機器・場所だけ例外がある項目は、「コメント」欄にその理由や例外を書いてください。面談で詳しく伺う手がかりにします。",
    "3. 分からないことは推測で答えず「わからない」を選んでください。ありのままの回答が改善の出発点です。",
    "4. 記入が済んだら上書き保存して、このファイルをそのまま返送してください。行や列の追加・削除、セルの結合はしないでください。",
];

/// Who a questionnaire is for; a blank form has no name and no role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub name: String,
    pub role: Option<Role>,
}

/// The forms for the respondents registered without any answer yet (the
/// ones waiting for their questionnaire); empty when there are none.
pub fn pending_forms(client: &Client) -> Vec<Form> {
    client
        .diagnosis
        .respondents
        .iter()
        .filter(|r| r.unanswered())
        .map(|r| Form {
            name: r.name.trim().to_owned(),
            role: Some(r.role),
        })
        .collect()
}

/// Where the app writes questionnaires when no folder is given:
/// `<data>/clients/<id>/questionnaires/<YYYYMMDD-HHMMSS>/`.
pub fn default_dir(
    store: &crate::store::Store,
    id: &str,
    now: Stamp,
) -> Result<PathBuf, ExportError> {
    Ok(store
        .client_dir(id)
        .map_err(|e| ExportError(e.to_string()))?
        .join("questionnaires")
        .join(now.format("%Y%m%d-%H%M%S").to_string()))
}

/// A part of a file name that is safe on Windows, macOS and Linux whatever
/// `raw` holds: no `/ \ : * ? " < > |`, control or invisible characters,
/// no leading or trailing dots and blanks, not a reserved device name
/// (`CON`, `COM1`, …), at most `NAME_CHARS` characters; `None` when
/// nothing is left.
pub fn safe_file_part(raw: &str) -> Option<String> {
    let kept: String = raw
        .nfc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_invisible(*c) && !r#"/\:*?"<>|"#.contains(*c))
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    let joined = words.join(" ");
    let cut: String = joined.chars().take(NAME_CHARS).collect();
    let trimmed = cut.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        return None;
    }
    let stem = trimmed.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    Some(if reserved {
        format!("_{trimmed}")
    } else {
        trimmed.to_owned()
    })
}

/// File names of the forms, in order: `自社診断_回答用_<name>.xlsx`, unique
/// also on case-insensitive file systems (the role, then a number, is added
/// when two would be equal).
pub fn file_names(forms: &[Form]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for f in forms {
        let base = safe_file_part(&f.name).unwrap_or_else(|| BLANK_NAME.into());
        let mut candidates = vec![base.clone()];
        if let Some(role) = f.role {
            candidates.push(format!("{base}_{}", role.label()));
        }
        let mut name = None;
        for c in candidates {
            if !taken.contains(&c.to_lowercase()) {
                name = Some(c);
                break;
            }
        }
        let name = name.unwrap_or_else(|| {
            (2..)
                .map(|k| format!("{base}_{k}"))
                .find(|c| !taken.contains(&c.to_lowercase()))
                .unwrap_or_default()
        });
        taken.insert(name.to_lowercase());
        out.push(format!("{PREFIX}{name}.xlsx"));
    }
    out
}

/// Writes one questionnaire per form (one blank form when `forms` is empty)
/// into `out`, created 0700 when missing. Nothing is written when any target
/// file exists already (a filled questionnaire is never overwritten), and a
/// failure takes back the files of this call. Returns the paths written.
pub fn write_questionnaires(
    catalog: &Catalog,
    client: &Client,
    forms: &[Form],
    out: &Path,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, ExportError> {
    let blank = [Form::default()];
    let forms = if forms.is_empty() { &blank[..] } else { forms };
    let names = file_names(forms);
    let err = |p: &Path, e: &dyn std::fmt::Display| ExportError(format!("{}: {e}", p.display()));
    for n in &names {
        let p = out.join(n);
        if p.exists() {
            return Err(ExportError(format!(
                "{} already exists; it was left as it is and nothing was written",
                p.display()
            )));
        }
    }
    let mut docs = Vec::new();
    for f in forms {
        docs.push(workbook(catalog, &client.profile.name, f, today)?);
    }
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(out)
            .map_err(|e| err(out, &e))?;
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, bytes) in names.iter().zip(&docs) {
        if let Err(e) = write_atomic(out, name, bytes, None) {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(ExportError(e.to_string()));
        }
        written.push(out.join(name));
    }
    Ok(written)
}

struct Look {
    st: Styles,
    label: Format,
    input: Format,
    input_center: Format,
}

impl Look {
    fn new() -> Look {
        let st = Styles::new();
        let fill = Color::RGB(0xFF_F8_DC);
        Look {
            label: st.section.clone().set_align(FormatAlign::Right),
            input: st.text.clone().set_background_color(fill).set_unlocked(),
            input_center: st.center.clone().set_background_color(fill).set_unlocked(),
            st,
        }
    }
}

/// The questionnaire for one form, as bytes.
pub fn workbook(
    catalog: &Catalog,
    company: &str,
    form: &Form,
    today: NaiveDate,
) -> Result<Vec<u8>, ExportError> {
    let look = Look::new();
    let mut wb = xlsx::workbook(TITLE, company, today)?;
    let ws = wb.add_worksheet().set_name(SHEET)?;
    sheet(ws, &look, catalog, company, form, today)?;
    xlsx::finish(wb)
}

fn sheet(
    ws: &mut Worksheet,
    look: &Look,
    catalog: &Catalog,
    company: &str,
    form: &Form,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let st = &look.st;
    let w = &WIDTHS;
    let last = COL_COMMENT;
    xlsx::columns(ws, w)?;
    let mut row = xlsx::title_block(ws, st, TITLE, company, today, last)?;

    // Who answers: filled in when known, otherwise open to type.
    let name_label = format!("{}（氏名）", labels::NAME);
    xlsx::merge_across(ws, row, 0, COL_QUESTION, &name_label, &look.label)?;
    let name = form.name.trim();
    let name_fmt = if name.is_empty() {
        &look.input
    } else {
        &st.text
    };
    xlsx::merge_across(ws, row, COL_ANSWER, last, name, name_fmt)?;
    ws.set_row_height(row, 22)?;
    row += 1;
    let roles = Role::ALL.map(Role::label);
    let role_label = format!("{}（{}）", labels::ROLE, roles.join("・"));
    xlsx::merge_across(ws, row, 0, COL_QUESTION, &role_label, &look.label)?;
    match form.role {
        Some(r) => ws.write_string_with_format(row, COL_ANSWER, r.label(), &st.center)?,
        None => {
            let v = xlsx::list_validation(&roles, DataValidationErrorStyle::Stop)?;
            ws.add_data_validation(row, COL_ANSWER, row, COL_ANSWER, &v)?;
            ws.write_blank(row, COL_ANSWER, &look.input_center)?
        }
    };
    ws.set_row_height(row, 22)?;
    row += 2;

    // Instructions.
    ws.write_string_with_format(row, 0, "記入のしかた", &st.heading)?;
    ws.set_row_height(row, 20)?;
    row += 1;
    let span = xlsx::span(w, 0, usize::from(last));
    for text in INSTRUCTIONS {
        xlsx::merge_across(ws, row, 0, last, text, &st.note)?;
        ws.set_row_height(row, xlsx::height(&[(text, span)]) - 2.0)?;
        row += 1;
    }
    row += 1;

    // The questions.
    let header_row = row;
    let comment_head = format!("{}（なぜそう答えたか・例外があれば）", labels::COMMENT);
    for (c, h) in [
        labels::NO,
        "診断内容",
        labels::ANSWER,
        comment_head.as_str(),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    xlsx::fit_row(ws, row, &[(&comment_head, w[3])])?;
    row += 1;
    let answers = Answer::CHOICES.map(Answer::label);
    let validation = xlsx::list_validation(&answers, DataValidationErrorStyle::Stop)?;
    let mut first_answer = None;
    for part in &catalog.diagnosis.part {
        let title = format!(
            "パート{}　{}（No.{}〜{}）",
            part.no, part.title, part.first, part.last
        );
        xlsx::merge_across(ws, row, 0, last, &title, &st.section)?;
        ws.set_row_height(row, 20)?;
        row += 1;
        let mut items: Vec<_> = catalog
            .diagnosis
            .item
            .iter()
            .filter(|i| i.part == part.no)
            .collect();
        items.sort_by_key(|i| i.no);
        for item in items {
            ws.write_number_with_format(row, COL_NO, item.no, &st.number)?;
            ws.write_string_with_format(row, COL_QUESTION, &item.question, &st.text)?;
            ws.write_blank(row, COL_ANSWER, &look.input_center)?;
            ws.write_blank(row, COL_COMMENT, &look.input)?;
            ws.add_data_validation(row, COL_ANSWER, row, COL_ANSWER, &validation)?;
            let h = xlsx::height(&[(item.question.as_str(), w[1])]).max(xlsx::lines_height(2));
            ws.set_row_height(row, h)?;
            first_answer.get_or_insert(row);
            row += 1;
        }
    }
    row += 1;
    xlsx::merge_across(
        ws,
        row,
        0,
        last,
        "ご協力ありがとうございました。回答は指導の準備にだけ使います。",
        &st.note,
    )?;

    // Print: A4 portrait, one page wide, at most two pages, the header
    // repeated. (Spreadsheet programs ignore manual page breaks when fitting
    // to pages, so none is set.)
    xlsx::print_setup(ws, false, header_row, header_row)?;
    ws.set_print_fit_to_pages(1, 2);
    let (r, c) = if name.is_empty() {
        (3, COL_ANSWER)
    } else {
        (first_answer.unwrap_or(header_row + 2), COL_ANSWER)
    };
    ws.set_selection(r, c, r, c)?;

    // Protected without a password: only the cells to fill in are open;
    // rows and columns may be resized so a long comment can be read.
    let options = ProtectionOptions {
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::new()
    };
    ws.protect_with_options(&options);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_parts_are_safe_everywhere() {
        assert_eq!(safe_file_part("山田 太郎").as_deref(), Some("山田 太郎"));
        assert_eq!(
            safe_file_part(r#"a/b\c:d*e?f"g<h>i|j"#).as_deref(),
            Some("abcdefghij")
        );
        assert_eq!(safe_file_part("  ..名前.. ").as_deref(), Some("名前"));
        assert_eq!(
            safe_file_part("a\u{0}b\nc\u{202E}d").as_deref(),
            Some("ab cd")
        );
        assert_eq!(
            safe_file_part("../../etc/passwd").as_deref(),
            Some("etcpasswd")
        );
        assert_eq!(safe_file_part("CON").as_deref(), Some("_CON"));
        assert_eq!(safe_file_part("com1.txt").as_deref(), Some("_com1.txt"));
        assert_eq!(safe_file_part("COMPANY").as_deref(), Some("COMPANY"));
        assert_eq!(safe_file_part("???"), None);
        assert_eq!(safe_file_part(" . "), None);
        let long = safe_file_part(&"長".repeat(300)).unwrap();
        assert_eq!(long.chars().count(), NAME_CHARS);
        assert!(format!("{PREFIX}{long}.xlsx").len() < 255);
    }

    #[test]
    fn pending_forms_are_the_respondents_without_answers() {
        let catalog = Catalog::builtin().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .map(crate::domain::clock::jst)
            .unwrap();
        let mut c = catalog.new_client("x", "テスト", now);
        assert!(pending_forms(&c).is_empty());
        let mut answered = crate::domain::model::Respondent {
            name: "済".into(),
            ..Default::default()
        };
        answered.answers[0] = Answer::Done;
        c.diagnosis.respondents.push(answered);
        c.diagnosis
            .respondents
            .push(crate::domain::model::Respondent {
                name: " 待ち ".into(),
                role: Role::Manager,
                ..Default::default()
            });
        assert_eq!(
            pending_forms(&c),
            [Form {
                name: "待ち".into(),
                role: Some(Role::Manager)
            }]
        );
        let store = crate::store::Store::new("/data");
        assert_eq!(
            default_dir(&store, "x", now).unwrap(),
            PathBuf::from("/data/clients/x/questionnaires/20261121-090000")
        );
        assert!(default_dir(&store, "../x", now).is_err());
    }

    #[test]
    fn file_names_are_unique_and_blank_forms_say_so() {
        let f = |n: &str, r: Option<Role>| Form {
            name: n.into(),
            role: r,
        };
        let names = file_names(&[
            f("山田", Some(Role::Owner)),
            f("山田", Some(Role::Employee)),
            f("山田", Some(Role::Employee)),
            f("Ann", None),
            f("ANN", None),
            f("", None),
            f("***", None),
        ]);
        assert_eq!(
            names,
            [
                "自社診断_回答用_山田.xlsx",
                "自社診断_回答用_山田_従業員.xlsx",
                "自社診断_回答用_山田_2.xlsx",
                "自社診断_回答用_Ann.xlsx",
                "自社診断_回答用_ANN_2.xlsx",
                "自社診断_回答用_未記入.xlsx",
                "自社診断_回答用_未記入_2.xlsx",
            ]
        );
    }
}
