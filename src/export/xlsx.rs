//! Shared workbook plumbing: one Japanese font, the cell styles every form
//! uses, the title block, print setup and row heights estimated from the
//! text so that wrapped Japanese is never clipped (viewers do not all refit
//! rows on load, and merged cells are never refitted).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::ExportError;
use crate::content::Catalog;
use crate::domain::model::Client;

/// The font of every cell: the default of Japanese Excel since 2016, present
/// on Windows and macOS; LibreOffice substitutes its CJK font.
pub const FONT: &str = "游ゴシック";
/// Body text size in points.
pub const BODY_PT: f64 = 10.0;
/// Height of one wrapped line of body text, in points (游ゴシック has tall
/// line spacing).
const LINE_PT: f64 = 17.0;
/// Extra room above and below the text of a cell, in points.
const PAD_PT: f64 = 3.0;
/// Column width units taken by one display column of text (a CJK character
/// is two display columns: a 10 pt glyph is 13.3 px, and a width unit of a
/// workbook whose default font is 游ゴシック 11 is 8 px).
const UNITS_PER_CELL: f64 = 0.85;

/// Paper size A4 in the Excel numbering.
const A4: u8 = 9;

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError(format!("xlsx: {e}"))
    }
}

/// The formats of the forms.
pub struct Styles {
    pub title: Format,
    pub meta: Format,
    pub meta_right: Format,
    pub header: Format,
    pub section: Format,
    pub text: Format,
    pub center: Format,
    pub number: Format,
    pub date: Format,
    pub total_label: Format,
    pub total: Format,
    pub heading: Format,
    pub note: Format,
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(128)
        .set_font_size(BODY_PT)
}

fn boxed(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x80_80_80))
}

impl Styles {
    pub fn new() -> Self {
        let header_fill = Color::RGB(0xDD_EB_F7);
        let section_fill = Color::RGB(0xF2_F2_F2);
        Styles {
            title: base()
                .set_font_size(14)
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            meta: base().set_align(FormatAlign::VerticalCenter),
            meta_right: base()
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            header: boxed(base())
                .set_bold()
                .set_background_color(header_fill)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            section: boxed(base())
                .set_bold()
                .set_background_color(section_fill)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            text: boxed(base())
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            center: boxed(base())
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            number: boxed(base())
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            date: boxed(base())
                .set_num_format("yyyy/mm/dd")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            total_label: boxed(base())
                .set_bold()
                .set_background_color(section_fill)
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            total: boxed(base())
                .set_bold()
                .set_background_color(section_fill)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            heading: base()
                .set_font_size(11)
                .set_bold()
                .set_align(FormatAlign::Bottom),
            note: base()
                .set_font_size(9)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

/// A new workbook whose default cell format is 游ゴシック 11 (the metrics
/// of Japanese Excel: 72 px columns, 25 px rows), titled for the document
/// properties.
///
/// The creation date is the export date, so the same export gives the same bytes.
pub fn workbook(title: &str, company: &str, today: NaiveDate) -> Result<Workbook, ExportError> {
    let mut wb = Workbook::new();
    let default = Format::new()
        .set_font_name(FONT)
        .set_font_charset(128)
        .set_font_size(11);
    wb.set_default_format(&default, 25, 72)?;
    let created =
        ExcelDateTime::from_ymd(today.year() as u16, today.month() as u8, today.day() as u8)?;
    let props = DocProperties::new()
        .set_creation_datetime(&created)
        .set_title(title)
        .set_company(company)
        .set_author("bansou");
    wb.set_properties(&props);
    Ok(wb)
}

/// Sets the column widths (in character units).
pub fn columns(ws: &mut Worksheet, widths: &[f64]) -> Result<(), ExportError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// Writes the title block over columns `0..=last`: the form name, then the
/// company on the left and the export date on the right, then a blank
/// spacer row. Returns the first free row.
/// What every sheet of a workbook is written from.
#[derive(Clone, Copy)]
pub struct Sheet<'a> {
    pub st: &'a Styles,
    pub catalog: &'a Catalog,
    pub client: &'a Client,
    pub today: NaiveDate,
}

impl<'a> Sheet<'a> {
    pub fn new(st: &'a Styles, catalog: &'a Catalog, client: &'a Client, today: NaiveDate) -> Self {
        Sheet {
            st,
            catalog,
            client,
            today,
        }
    }

    /// The first sheet `name` of a form's workbook, with its widths and
    /// title block; the first free row and the last column.
    pub fn book<'w>(
        &self,
        wb: &'w mut Workbook,
        name: &str,
        title: &str,
        widths: &[f64],
    ) -> Result<(&'w mut Worksheet, u32, u16), ExportError> {
        let ws = wb.add_worksheet().set_name(name)?;
        let row = self.head(ws, title, widths)?;
        Ok((ws, row, (widths.len() - 1) as u16))
    }

    /// Column widths, then the title block of `form` across them; the first
    /// row free below it.
    pub fn head(&self, ws: &mut Worksheet, form: &str, widths: &[f64]) -> Result<u32, ExportError> {
        columns(ws, widths)?;
        let last = (widths.len() - 1) as u16;
        title_block(
            ws,
            self.st,
            form,
            &self.client.profile.name,
            self.today,
            last,
        )
    }
}

/// The workbook `bytes` as the file `name`.
pub fn document(name: &str, bytes: Result<Vec<u8>, ExportError>) -> Made {
    Ok(super::Document {
        name: name.into(),
        bytes: bytes?,
    })
}

/// A file of the set, or why it could not be made.
pub type Made = Result<super::Document, ExportError>;

pub fn title_block(
    ws: &mut Worksheet,
    st: &Styles,
    form: &str,
    company: &str,
    today: NaiveDate,
    last: u16,
) -> Result<u32, ExportError> {
    merge(ws, 0, 0, 0, last, form, &st.title)?;
    ws.set_row_height(0, 24)?;
    let split = last / 2;
    merge(ws, 1, 0, 1, split, &format!("企業名：{company}"), &st.meta)?;
    merge(
        ws,
        1,
        split + 1,
        1,
        last,
        &format!("作成日：{}", japanese_date(today)),
        &st.meta_right,
    )?;
    ws.set_row_height(1, 18)?;
    ws.set_row_height(2, 8)?;
    Ok(3)
}

/// Print setup shared by the forms: A4, one page wide, the header rows
/// repeated on every page and frozen on screen, page numbers in the footer.
pub fn page_setup(
    ws: &mut Worksheet,
    landscape: bool,
    header_first: u32,
    header_last: u32,
) -> Result<(), ExportError> {
    print_setup(ws, landscape, header_first, header_last)?;
    ws.set_freeze_panes(header_last + 1, 0)?;
    Ok(())
}

/// The print part of `page_setup`, for a sheet whose header is too far down
/// to freeze on screen.
pub fn print_setup(
    ws: &mut Worksheet,
    landscape: bool,
    header_first: u32,
    header_last: u32,
) -> Result<(), ExportError> {
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C&P / &N");
    ws.set_repeat_rows(header_first, header_last)?;
    Ok(())
}

/// Writes `text` into a merged range, or a single cell when the range is one cell.
/// `merge` within one row, columns `c1` to `c2`.
pub fn merge_across(
    ws: &mut Worksheet,
    row: u32,
    c1: u16,
    c2: u16,
    text: &str,
    f: &Format,
) -> Result<(), ExportError> {
    merge(ws, row, c1, row, c2, text, f)
}

pub fn merge(
    ws: &mut Worksheet,
    r1: u32,
    c1: u16,
    r2: u32,
    c2: u16,
    text: &str,
    f: &Format,
) -> Result<(), ExportError> {
    if r1 == r2 && c1 == c2 {
        ws.write_string_with_format(r1, c1, text, f)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, f)?;
    }
    Ok(())
}

/// Writes a date as a real date cell (yyyy/mm/dd), or a blank bordered cell.
pub fn date_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Option<NaiveDate>,
    st: &Styles,
) -> Result<(), ExportError> {
    match d {
        Some(d) => {
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_date_with_format(row, col, &dt, &st.date)?;
        }
        None => {
            ws.write_blank(row, col, &st.date)?;
        }
    }
    Ok(())
}

/// A pull-down (list validation) of `choices` over a block of cells.
pub fn pulldown(
    ws: &mut Worksheet,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    choices: &[&str],
) -> Result<(), ExportError> {
    let v = list_validation(choices, DataValidationErrorStyle::Warning)?;
    ws.add_data_validation(r1, c1, r2, c2, &v)?;
    Ok(())
}

/// A list validation of `choices`; with `Stop` nothing else can be typed.
pub fn list_validation(
    choices: &[&str],
    style: DataValidationErrorStyle,
) -> Result<DataValidation, ExportError> {
    Ok(DataValidation::new()
        .allow_list_strings(choices)?
        .set_error_style(style)
        .set_error_title("選択肢にない値です")?
        .set_error_message(format!("次から選んでください: {}", choices.join(" / ")))?)
}

/// Lines `text` wraps to in a column `width` units wide.
pub fn lines(text: &str, width: f64) -> usize {
    // The lines of the one line breaker, at the cells that fit the column.
    let per_line = ((width - 1.0) / UNITS_PER_CELL).max(2.0);
    crate::text::wrap(text.trim_end(), per_line.floor() as usize)
        .len()
        .max(1)
}

/// Height in points for a row whose cells hold `cells` (text, width of the
/// column or merged range).
pub fn height(cells: &[(&str, f64)]) -> f64 {
    lines_height(cells.iter().map(|(t, w)| lines(t, *w)).max().unwrap_or(1))
}

/// Height in points of a row of `n` lines of body text.
pub fn lines_height(n: usize) -> f64 {
    n as f64 * LINE_PT + PAD_PT
}

/// Sets the row height to fit `cells`, never below the one-line height nor
/// above what Excel allows (long text goes through [`long_row`]).
pub fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), ExportError> {
    ws.set_row_height(row, height(cells).min(MAX_ROW_PT))?;
    Ok(())
}

/// The tallest row Excel allows, in points.
pub const MAX_ROW_PT: f64 = 409.0;

/// Lines of body text that fit into one row within [`MAX_ROW_PT`].
pub fn max_lines() -> usize {
    ((MAX_ROW_PT - PAD_PT) / LINE_PT).floor() as usize
}

/// `text` cut into pieces that each fit into one row of a column `width`
/// units wide, at line breaks where it can and between characters where a
/// paragraph alone is too long; joined again they give the text back.
pub fn row_pieces(text: &str, width: f64) -> Vec<String> {
    let max = max_lines();
    let text = text.trim_end();
    if lines(text, width) <= max {
        return vec![text.to_owned()];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if lines(&cur, width) > max {
            cur.pop();
            // Prefer to cut after the last line break or 。 of the piece.
            let cut = cur
                .char_indices()
                .rev()
                .filter(|(_, ch)| *ch == '\n' || *ch == '。')
                .map(|(i, ch)| i + ch.len_utf8())
                .find(|i| *i > cur.len() / 2)
                .unwrap_or(cur.len());
            let rest = cur.split_off(cut);
            out.push(std::mem::take(&mut cur));
            cur = rest;
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

/// One cell of a row that may continue on the rows below it.
#[derive(Clone)]
pub struct Cell<'a> {
    pub col: u16,
    pub text: &'a str,
    pub width: f64,
    pub format: &'a Format,
}

/// Writes `cells` from `row` down: long text is split with [`row_pieces`]
/// and continues on the next rows (the other cells stay blank there, with
/// their borders), so no row is taller than Excel allows and nothing is
/// cut. Returns the number of rows used.
pub fn long_row(ws: &mut Worksheet, row: u32, cells: &[Cell<'_>]) -> Result<u32, ExportError> {
    let pieces: Vec<Vec<String>> = cells.iter().map(|c| row_pieces(c.text, c.width)).collect();
    let n = pieces.iter().map(Vec::len).max().unwrap_or(1).max(1);
    for k in 0..n {
        let r = row + k as u32;
        let mut fit = Vec::new();
        for (c, p) in cells.iter().zip(&pieces) {
            match p.get(k) {
                Some(t) if !t.is_empty() => {
                    ws.write_string_with_format(r, c.col, t, c.format)?;
                    fit.push((t.as_str(), c.width));
                }
                _ => {
                    ws.write_blank(r, c.col, c.format)?;
                }
            }
        }
        fit_row(ws, r, &fit)?;
    }
    Ok(n as u32)
}

/// Width of the merged columns `c1..=c2`.
pub fn span(widths: &[f64], c1: usize, c2: usize) -> f64 {
    widths[c1..=c2].iter().sum()
}

/// `2026年11月21日`.
pub fn japanese_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// The workbook as bytes.
pub fn finish(mut wb: Workbook) -> Result<Vec<u8>, ExportError> {
    Ok(wb.save_to_buffer()?)
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters.
pub fn sheet_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect::<String>()
        .trim_matches('\'')
        .to_owned();
    cleaned.chars().take(31).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_grow_with_text_and_breaks() {
        assert_eq!(lines("", 20.0), 1);
        assert_eq!(lines("短い", 20.0), 1);
        let long = "あ".repeat(40);
        assert!(lines(&long, 20.0) >= 4);
        assert_eq!(lines("a\nb\nc", 20.0), 3);
        assert!(height(&[("a\nb", 10.0)]) > height(&[("a", 10.0)]));
    }

    #[test]
    fn long_text_is_cut_into_rows_that_fit_and_give_it_back() {
        let text = "社内の重要情報は担当者が管理している。".repeat(60);
        let pieces = row_pieces(&text, 30.0);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), text.trim_end());
        for p in &pieces {
            assert!(
                height(&[(p, 30.0)]) <= MAX_ROW_PT,
                "{}",
                height(&[(p, 30.0)])
            );
        }
        assert_eq!(row_pieces("短い", 30.0), ["短い"]);
    }

    #[test]
    fn sheet_names_are_cleaned_and_short() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert_eq!(sheet_name(&"長".repeat(40)).chars().count(), 31);
    }
}
