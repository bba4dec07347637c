//! Word rendering of a [`Doc`] with docx-rs (the basic policy for the
//! company to edit): A4, a Japanese font set for East-Asian text
//! (游明朝, which Word on Windows and macOS has; LibreOffice substitutes its
//! own CJK serif), real paragraphs the company can retype.

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow,
};

use super::ExportError;
use super::doc::{Block, Doc};

/// East-Asian and Latin font of the document.
pub const FONT: &str = "游明朝";

/// Half-points (Word's unit of font size).
const BODY: usize = 21;
const TITLE: usize = 32;
const HEADING: usize = 24;

fn run(text: &str, size: usize, bold: bool) -> Run {
    let mut r = Run::new().size(size);
    if bold {
        r = r.bold();
    }
    // Line breaks inside a paragraph become Word line breaks.
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line.trim_end_matches('\r'));
    }
    r
}

fn para(text: &str, size: usize, bold: bool) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, size, bold))
        .line_spacing(LineSpacing::new().after(120))
}

/// The document as .docx bytes; `date` is its creation date.
pub fn render(doc: &Doc, date: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let fonts = RunFonts::new()
        .east_asia(FONT)
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT);
    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1701)
                .bottom(1418)
                .left(1418)
                .right(1418),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .created_at(&format!("{}T00:00:00Z", date.format("%Y-%m-%d")))
        .updated_at(&format!("{}T00:00:00Z", date.format("%Y-%m-%d")));
    d = d.add_paragraph(
        para(&doc.title, TITLE, true)
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(360)),
    );
    for b in &doc.blocks {
        d = match b {
            Block::Heading(t) => d.add_paragraph(
                para(t, HEADING, true).line_spacing(LineSpacing::new().before(240).after(120)),
            ),
            Block::SubHeading(t) => d.add_paragraph(para(t, BODY, true)),
            Block::Para(t) => d.add_paragraph(para(t.trim(), BODY, false)),
            Block::Fields(f) => f.iter().fold(d, |d, (k, v)| {
                d.add_paragraph(
                    Paragraph::new()
                        .add_run(run(&format!("{k}："), BODY, true))
                        .add_run(run(v, BODY, false)),
                )
            }),
            Block::Bullets(v) => v.iter().fold(d, |d, t| {
                d.add_paragraph(para(&format!("・{t}"), BODY, false))
            }),
            Block::Numbered(v) => v.iter().enumerate().fold(d, |d, (i, t)| {
                d.add_paragraph(para(&format!("{}. {t}", i + 1), BODY, false))
            }),
            Block::Checks(v) => v.iter().fold(d, |d, (done, t)| {
                let mark = if *done { "［済］" } else { "［未］" };
                d.add_paragraph(para(&format!("{mark}{t}"), BODY, false))
            }),
            Block::Table(t) => {
                let row = |cells: &[String], bold: bool| {
                    TableRow::new(
                        cells
                            .iter()
                            .map(|c| TableCell::new().add_paragraph(para(c, 18, bold)))
                            .collect(),
                    )
                };
                let mut rows = vec![row(&t.head, true)];
                rows.extend(t.rows.iter().map(|r| row(r, false)));
                d.add_table(Table::new(rows))
            }
            Block::Signature(lines) => {
                let d = d.add_paragraph(Paragraph::new());
                lines.iter().fold(d, |d, l| {
                    d.add_paragraph(
                        Paragraph::new()
                            .add_run(run(l, BODY, false))
                            .align(AlignmentType::Right),
                    )
                })
            }
        };
    }
    let mut buf = Cursor::new(Vec::new());
    d.pack(&mut buf)
        .map_err(|e| ExportError(format!("docx: {e}")))?;
    Ok(buf.into_inner())
}
