//! The glyphs of a PDF with their positions, page by page.
//!
//! Fonts, encodings and ToUnicode maps are decoded by `pdf-extract`'s content-stream
//! interpreter (on top of `lopdf`); this module only records, for every glyph it shows, the
//! text, the position on the page (origin top-left, y downwards, in points), the advance width
//! and the font size. Layout (lines, words, paragraphs, tables) is done from these positions in
//! `pdf_layout`.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use serde::{Deserialize, Serialize};

/// One glyph on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// Left edge of the glyph, in points from the page's left edge.
    pub x: f32,
    /// Baseline, in points from the page's top edge.
    pub y: f32,
    /// Advance width in points.
    pub w: f32,
    /// Font size in points (after the text and graphics transforms).
    pub size: f32,
    pub ch: char,
}

impl Glyph {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
}

/// One page: its size and its glyphs in content-stream order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
}

/// Collects the glyphs of every page, within a budget of glyphs for the whole file.
pub struct Collector {
    pub pages: Vec<Page>,
    origin: (f64, f64),
    height: f64,
    /// Glyphs still allowed in total.
    budget: usize,
    pub over_budget: bool,
}

impl Collector {
    pub fn new(max_glyphs: usize) -> Self {
        Collector {
            pages: Vec::new(),
            origin: (0.0, 0.0),
            height: 0.0,
            budget: max_glyphs,
            over_budget: false,
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.origin = (media_box.llx, media_box.lly);
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Page {
            width: (media_box.urx - media_box.llx) as f32,
            height: self.height as f32,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.budget == 0 {
            self.over_budget = true;
            return Ok(());
        }
        // The size of a glyph box of `font_size` after the transform: the side of the square
        // of the same area, as pdf-extract's own text output computes it.
        let sx = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let sy = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let size = font_size * (sx * sy).sqrt();
        let x = trm.m31 - self.origin.0;
        let y = self.height - (trm.m32 - self.origin.1);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        let advance = width * font_size * sx;
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let mut chars = text.chars().filter(|c| !c.is_control() || *c == '\t');
        let n = text.chars().count().max(1) as f64;
        let mut i = 0.0;
        for ch in chars.by_ref() {
            if self.budget == 0 {
                self.over_budget = true;
                break;
            }
            self.budget -= 1;
            // A ligature or a multi-character mapping shares the glyph's advance.
            page.glyphs.push(Glyph {
                x: (x + advance * i / n) as f32,
                y: y as f32,
                w: (advance / n) as f32,
                size: size as f32,
                ch,
            });
            i += 1.0;
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
