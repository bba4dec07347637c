//! PDF rendering of a [`Doc`] with krilla: A4, the Japanese font embedded
//! as a subset (text stays selectable and searchable), lines broken by
//! Japanese rules, tables that continue on the next page with their header
//! repeated, page numbers in the footer.

mod layout;

use chrono::{Datelike, NaiveDate};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::ExportError;
use super::doc::Doc;
use super::font::{FontFile, Fonts};

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;

/// One face ready to measure and draw.
pub struct Face<'a> {
    font: Font,
    font_ref: FontRef<'a>,
    upem: f32,
}

impl<'a> Face<'a> {
    fn new(f: &'a FontFile) -> Result<Self, ExportError> {
        let bad = || ExportError(format!("{}: フォントを読めません", f.path.display()));
        let font_ref = FontRef::from_index(&f.data, f.index).map_err(|_| bad())?;
        let upem = f32::from(
            font_ref
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let font = Font::new(f.data.clone().into(), f.index).ok_or_else(bad)?;
        Ok(Face {
            font,
            font_ref,
            upem,
        })
    }

    fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let cmap = self.font_ref.charmap();
        let metrics = self
            .font_ref
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        text.char_indices()
            .map(|(i, c)| {
                let gid = cmap.map(c).unwrap_or_default();
                let adv = metrics.advance_width(gid).unwrap_or(self.upem) / self.upem;
                KrillaGlyph::new(
                    GlyphId::new(gid.to_u32()),
                    adv,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let cmap = self.font_ref.charmap();
        let metrics = self
            .font_ref
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        text.chars()
            .map(|c| {
                let gid = cmap.map(c).unwrap_or_default();
                metrics.advance_width(gid).unwrap_or(self.upem) / self.upem
            })
            .sum::<f32>()
            * size
    }
}

/// Something drawn on a page (y grows downwards, text at its baseline).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// The faces a layout measures with.
pub struct Faces<'a> {
    pub regular: Face<'a>,
    pub bold: Option<Face<'a>>,
}

impl Faces<'_> {
    pub fn face(&self, bold: bool) -> &Face<'_> {
        match (&self.bold, bold) {
            (Some(b), true) => b,
            _ => &self.regular,
        }
    }
}

/// The document as PDF bytes; `date` is the creation date in the metadata.
pub fn render(doc: &Doc, fonts: &Fonts, date: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let faces = Faces {
        regular: Face::new(&fonts.regular)?,
        bold: fonts.bold.as_ref().map(Face::new).transpose()?,
    };
    let pages = layout::layout(doc, &faces);
    let mut pdf = Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language("ja".into())
            .creator("bansou".into())
            .creation_date(
                DateTime::new(date.year() as u16)
                    .month(date.month() as u8)
                    .day(date.day() as u8),
            ),
    );
    let total = pages.len();
    for (n, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| ExportError("PDF: page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        let footer = format!("{} / {total}", n + 1);
        let fw = faces.regular.width(&footer, 8.0);
        let footer = Op::Text {
            x: (PAGE_W - fw) / 2.0,
            y: PAGE_H - 28.0,
            size: 8.0,
            bold: false,
            text: footer,
        };
        for op in ops.iter().chain(std::iter::once(&footer)) {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    text,
                } => {
                    let face = faces.face(*bold);
                    let glyphs = face.glyphs(text);
                    s.set_fill(Some(Fill {
                        paint: rgb::Color::new(0, 0, 0).into(),
                        opacity: NormalizedF32::ONE,
                        rule: Default::default(),
                    }));
                    s.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        face.font.clone(),
                        text,
                        *size,
                        false,
                    );
                }
                Op::Line { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(0x70, 0x70, 0x70).into(),
                            width: 0.6,
                            ..Stroke::default()
                        }));
                        s.draw_path(&path);
                        s.set_stroke(None);
                    }
                }
                Op::Shade { x, y, w, h } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            s.set_stroke(None);
                            s.set_fill(Some(Fill {
                                paint: rgb::Color::new(0xEC, 0xF1, 0xF7).into(),
                                opacity: NormalizedF32::ONE,
                                rule: Default::default(),
                            }));
                            s.draw_path(&path);
                        }
                    }
                }
            }
        }
        s.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| ExportError(format!("PDF: {e:?}")))
}
