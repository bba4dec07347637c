//! Page layout of a [`Doc`]: blocks flow down A4 pages; a table row that
//! does not fit goes to the next page with the header repeated, and a row
//! taller than a page continues line by line on the next.

use super::{Faces, Op, PAGE_H, PAGE_W};
use crate::export::doc::{Block, Doc, Table};
use crate::text::wrap_with;

const LEFT: f32 = 56.0;
const RIGHT: f32 = PAGE_W - 56.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = PAGE_H - 56.0;
const WIDTH: f32 = RIGHT - LEFT;

const TITLE_PT: f32 = 16.0;
const HEADING_PT: f32 = 12.0;
const SUB_PT: f32 = 11.0;
const BODY_PT: f32 = 10.5;
const TABLE_PT: f32 = 9.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.6;
const TABLE_LEADING: f32 = 1.45;
const CELL_PAD: f32 = 3.5;

struct Cursor<'f> {
    faces: &'f Faces<'f>,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'f> Cursor<'f> {
    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Makes room for `h` points, starting a new page when they do not fit
    /// (unless the page is still empty).
    fn room(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn lines(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let face = self.faces.face(bold);
        wrap_with(text, max, |s| face.width(s, size))
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.faces.face(bold).width(text, size)
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            text: text.to_owned(),
        });
    }

    /// Writes wrapped text at `x` within `max`, line by line, breaking pages.
    fn flow(&mut self, x: f32, max: f32, size: f32, bold: bool, text: &str) {
        let lh = size * LEADING;
        for line in self.lines(text, size, bold, max) {
            self.room(lh);
            self.text(x, self.y + size, size, bold, &line);
            self.y += lh;
        }
    }
}

/// Lays out `doc` into pages of drawing operations.
pub fn layout(doc: &Doc, faces: &Faces<'_>) -> Vec<Vec<Op>> {
    let mut c = Cursor {
        faces,
        pages: vec![Vec::new()],
        y: TOP,
    };
    for line in c.lines(&doc.title, TITLE_PT, true, WIDTH) {
        let w = c.width(&line, TITLE_PT, true);
        c.text(
            LEFT + (WIDTH - w) / 2.0,
            c.y + TITLE_PT,
            TITLE_PT,
            true,
            &line,
        );
        c.y += TITLE_PT * LEADING;
    }
    c.y += 10.0;
    for b in &doc.blocks {
        block(&mut c, b);
    }
    c.pages
}

fn block(c: &mut Cursor<'_>, b: &Block) {
    match b {
        Block::Heading(t) => {
            c.y += 8.0;
            // Keep a heading with at least two lines after it.
            c.room(HEADING_PT * LEADING + BODY_PT * LEADING * 2.0);
            c.flow(LEFT, WIDTH, HEADING_PT, true, t);
            let y = c.y - 3.0;
            c.ops().push(Op::Line {
                x1: LEFT,
                y1: y,
                x2: RIGHT,
                y2: y,
            });
            c.y += 3.0;
        }
        Block::SubHeading(t) => {
            c.y += 4.0;
            c.room(SUB_PT * LEADING + BODY_PT * LEADING * 2.0);
            c.flow(LEFT, WIDTH, SUB_PT, true, t);
        }
        Block::Para(t) => {
            c.flow(LEFT, WIDTH, BODY_PT, false, t);
            c.y += 4.0;
        }
        Block::Fields(fields) => {
            let label_w = fields
                .iter()
                .map(|(k, _)| c.width(k, BODY_PT, true))
                .fold(0.0, f32::max)
                .min(WIDTH * 0.35)
                + 12.0;
            for (k, v) in fields {
                let lh = BODY_PT * LEADING;
                let klines = c.lines(k, BODY_PT, true, label_w - 12.0);
                let vlines = c.lines(v, BODY_PT, false, WIDTH - label_w);
                let n = klines.len().max(vlines.len());
                for i in 0..n {
                    c.room(lh);
                    let base = c.y + BODY_PT;
                    if let Some(l) = klines.get(i) {
                        c.text(LEFT, base, BODY_PT, true, l);
                    }
                    if let Some(l) = vlines.get(i) {
                        c.text(LEFT + label_w, base, BODY_PT, false, l);
                    }
                    c.y += lh;
                }
            }
            c.y += 4.0;
        }
        Block::Bullets(items) => {
            for t in items {
                marked(c, "・", t);
            }
            c.y += 4.0;
        }
        Block::Numbered(items) => {
            for (i, t) in items.iter().enumerate() {
                marked(c, &format!("{}.", i + 1), t);
            }
            c.y += 4.0;
        }
        Block::Checks(items) => {
            for (done, t) in items {
                marked(c, if *done { "［済］" } else { "［未］" }, t);
            }
            c.y += 4.0;
        }
        Block::Table(t) => table(c, t),
        Block::Signature(lines) => {
            c.y += BODY_PT * LEADING;
            c.room(BODY_PT * LEADING * lines.len() as f32);
            for l in lines {
                for line in c.lines(l, BODY_PT, false, WIDTH) {
                    c.room(BODY_PT * LEADING);
                    let w = c.width(&line, BODY_PT, false);
                    c.text(RIGHT - w, c.y + BODY_PT, BODY_PT, false, &line);
                    c.y += BODY_PT * LEADING;
                }
            }
        }
    }
}

/// A list item: the mark, then the text indented after it.
fn marked(c: &mut Cursor<'_>, mark: &str, text: &str) {
    let indent = c.width(mark, BODY_PT, false).max(BODY_PT) + 4.0;
    let lh = BODY_PT * LEADING;
    let lines = c.lines(text, BODY_PT, false, WIDTH - indent);
    for (i, l) in lines.iter().enumerate() {
        c.room(lh);
        if i == 0 {
            c.text(LEFT, c.y + BODY_PT, BODY_PT, false, mark);
        }
        c.text(LEFT + indent, c.y + BODY_PT, BODY_PT, false, l);
        c.y += lh;
    }
}

/// Column widths in points from the relative widths of `t`.
fn column_widths(t: &Table) -> Vec<f32> {
    let n = t.head.len().max(1);
    let rel: Vec<f32> = (0..n)
        .map(|i| t.widths.get(i).copied().unwrap_or(1.0).max(0.1))
        .collect();
    let sum: f32 = rel.iter().sum();
    rel.iter().map(|r| r / sum * WIDTH).collect()
}

struct Row {
    cells: Vec<Vec<String>>,
    bold: bool,
    shaded: bool,
}

impl Row {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }
}

fn table(c: &mut Cursor<'_>, t: &Table) {
    let widths = column_widths(t);
    let lh = TABLE_PT * TABLE_LEADING;
    let wrap = |c: &Cursor<'_>, cells: &[String], bold: bool| -> Vec<Vec<String>> {
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                c.lines(text, TABLE_PT, bold, w - 2.0 * CELL_PAD)
            })
            .collect()
    };
    let head = Row {
        cells: wrap(c, &t.head, true),
        bold: true,
        shaded: true,
    };
    let last = t.rows.len().saturating_sub(1);
    let rows: Vec<Row> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let total = t.total && i == last;
            Row {
                cells: wrap(c, r, total),
                bold: total,
                shaded: total,
            }
        })
        .collect();
    let height = |n: usize| n as f32 * lh + 2.0 * CELL_PAD;
    c.y += 2.0;
    // The header and at least the first line of the first row together.
    let first = rows.first().map_or(0, |_| 1);
    c.room(height(head.lines()) + height(first));
    draw_row(c, &head, 0, head.lines(), &widths, &t.right);
    for row in &rows {
        let n = row.lines();
        let mut from = 0;
        while from < n {
            let fit = ((BOTTOM - c.y - 2.0 * CELL_PAD) / lh).floor().max(0.0) as usize;
            if fit == 0
                || (fit < n - from && from == 0 && height(n) <= BOTTOM - TOP - height(head.lines()))
            {
                // Start the row on a new page when it fits on one.
                c.new_page();
                draw_row(c, &head, 0, head.lines(), &widths, &t.right);
                continue;
            }
            let to = (from + fit).min(n);
            draw_row(c, row, from, to, &widths, &t.right);
            from = to;
            if from < n {
                c.new_page();
                draw_row(c, &head, 0, head.lines(), &widths, &t.right);
            }
        }
    }
    c.y += 6.0;
}

/// Draws lines `from..to` of `row` at the cursor, with its grid.
fn draw_row(c: &mut Cursor<'_>, row: &Row, from: usize, to: usize, widths: &[f32], right: &[bool]) {
    let lh = TABLE_PT * TABLE_LEADING;
    let h = (to - from) as f32 * lh + 2.0 * CELL_PAD;
    let top = c.y;
    if row.shaded {
        c.ops().push(Op::Shade {
            x: LEFT,
            y: top,
            w: WIDTH,
            h,
        });
    }
    let mut x = LEFT;
    for (i, w) in widths.iter().enumerate() {
        let lines = row.cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
        for (k, l) in lines.iter().enumerate().take(to).skip(from) {
            let y = top + CELL_PAD + (k - from) as f32 * lh + TABLE_PT * 1.1;
            let lx = if right.get(i).copied().unwrap_or(false) {
                x + w - CELL_PAD - c.width(l, TABLE_PT, row.bold)
            } else {
                x + CELL_PAD
            };
            c.text(lx, y, TABLE_PT, row.bold, l);
        }
        c.ops().push(Op::Line {
            x1: x,
            y1: top,
            x2: x,
            y2: top + h,
        });
        x += w;
    }
    c.ops().push(Op::Line {
        x1: RIGHT,
        y1: top,
        x2: RIGHT,
        y2: top + h,
    });
    c.ops().push(Op::Line {
        x1: LEFT,
        y1: top,
        x2: RIGHT,
        y2: top,
    });
    c.ops().push(Op::Line {
        x1: LEFT,
        y1: top + h,
        x2: RIGHT,
        y2: top + h,
    });
    c.y = top + h;
}
