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

/// One page: its size, its glyphs in content-stream order and its horizontal ruling lines.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub vrules: Vec<VRule>,
}

/// A vertical ruling line, in page coordinates like glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VRule {
    pub x: f32,
    pub y0: f32,
    pub y1: f32,
}

/// A horizontal ruling line (a table border), in page coordinates like glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
}

/// The horizontal and vertical ruling lines drawn by a page's content stream (lines and thin or
/// stroked rectangles), in the coordinates of [`Glyph`]s. Form XObjects are not entered.
pub fn rules(
    ops: &[pdf_extract::content::Operation],
    origin: (f64, f64),
    height: f64,
) -> (Vec<Rule>, Vec<VRule>) {
    use pdf_extract::Object;
    let num = |o: &Object| -> f64 {
        match o {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => *r as f64,
            _ => 0.0,
        }
    };
    type M = [f64; 6];
    let mul = |a: &M, b: &M| -> M {
        [
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ]
    };
    let apply = |m: &M, x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let mut ctm: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack: Vec<M> = Vec::new();
    // Segments of the current path, in page space: (x0, y0, x1, y1), and rectangles.
    let mut segs: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut rects: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut at = (0.0, 0.0);
    let mut out = Vec::new();
    let mut vout: Vec<VRule> = Vec::new();
    let vpush = |y0: f64, y1: f64, x: f64, vout: &mut Vec<VRule>| {
        let (a, b) = if y0 <= y1 { (y0, y1) } else { (y1, y0) };
        if b - a >= 3.0 && vout.len() < 100_000 {
            vout.push(VRule {
                x: (x - origin.0) as f32,
                y0: (height - (b - origin.1)) as f32,
                y1: (height - (a - origin.1)) as f32,
            });
        }
    };
    let push = |x0: f64, x1: f64, y: f64, out: &mut Vec<Rule>| {
        let (a, b) = if x0 <= x1 { (x0, x1) } else { (x1, x0) };
        if b - a >= 3.0 && out.len() < 100_000 {
            out.push(Rule {
                y: (height - (y - origin.1)) as f32,
                x0: (a - origin.0) as f32,
                x1: (b - origin.0) as f32,
            });
        }
    };
    for op in ops {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" if o.len() == 6 => {
                let m: M = [
                    num(&o[0]),
                    num(&o[1]),
                    num(&o[2]),
                    num(&o[3]),
                    num(&o[4]),
                    num(&o[5]),
                ];
                ctm = mul(&m, &ctm);
            }
            "m" if o.len() == 2 => at = apply(&ctm, num(&o[0]), num(&o[1])),
            "l" if o.len() == 2 => {
                let p = apply(&ctm, num(&o[0]), num(&o[1]));
                segs.push((at.0, at.1, p.0, p.1));
                at = p;
            }
            "re" if o.len() == 4 => {
                let (x, y, w, h) = (num(&o[0]), num(&o[1]), num(&o[2]), num(&o[3]));
                let a = apply(&ctm, x, y);
                let b = apply(&ctm, x + w, y + h);
                rects.push((a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)));
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                let stroked = matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                for &(x0, y0, x1, y1) in &segs {
                    if (y1 - y0).abs() < 1.0 {
                        push(x0, x1, (y0 + y1) / 2.0, &mut out);
                    } else if (x1 - x0).abs() < 1.0 {
                        vpush(y0, y1, (x0 + x1) / 2.0, &mut vout);
                    }
                }
                for &(x0, y0, x1, y1) in &rects {
                    if y1 - y0 < 2.5 {
                        push(x0, x1, (y0 + y1) / 2.0, &mut out); // a thin filled bar
                    } else if x1 - x0 < 2.5 {
                        vpush(y0, y1, (x0 + x1) / 2.0, &mut vout);
                    } else if stroked {
                        push(x0, x1, y0, &mut out);
                        push(x0, x1, y1, &mut out);
                        vpush(y0, y1, x0, &mut vout);
                        vpush(y0, y1, x1, &mut vout);
                    }
                }
                segs.clear();
                rects.clear();
            }
            "n" => {
                segs.clear();
                rects.clear();
            }
            _ => {}
        }
    }
    (out, vout)
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
            rules: Vec::new(),
            vrules: Vec::new(),
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
