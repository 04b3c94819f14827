//! The code's glyphs: DejaVu Sans Bold, subset to the code's alphabet and
//! shipped in `assets/captcha`, outlined once with `ttf-parser` into
//! `tiny-skia` paths.

use tiny_skia::PathBuilder;

static FONT: &[u8] = include_bytes!("../../../assets/captcha/DejaVuSans-Bold-subset.ttf");

/// The glyph outlines of one character, in font units (y up).
pub(super) struct Glyph {
    pub(super) path: tiny_skia::Path,
    /// Horizontal advance in font units.
    pub(super) advance: f32,
    /// The outline's box in font units.
    pub(super) x_min: f32,
    pub(super) x_max: f32,
    pub(super) y_max: f32,
}

struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

pub(super) struct Font {
    pub(super) units_per_em: f32,
    pub(super) glyphs: std::collections::HashMap<char, Glyph>,
}

pub(super) fn font() -> &'static Font {
    static FONT_CELL: std::sync::OnceLock<Font> = std::sync::OnceLock::new();
    FONT_CELL.get_or_init(|| {
        let mut glyphs = std::collections::HashMap::new();
        let mut units_per_em = 2048.0;
        // The font is ours and fixed: a failure here is caught by the tests,
        // and a character it lacks is simply not drawn.
        if let Ok(face) = ttf_parser::Face::parse(FONT, 0) {
            units_per_em = f32::from(face.units_per_em());
            for &ch in super::CAPTCHA_CHARS {
                let Some(id) = face.glyph_index(ch) else {
                    continue;
                };
                let mut outline = Outline(PathBuilder::new());
                let Some(bbox) = face.outline_glyph(id, &mut outline) else {
                    continue;
                };
                let Some(path) = outline.0.finish() else {
                    continue;
                };
                glyphs.insert(
                    ch,
                    Glyph {
                        path,
                        advance: f32::from(face.glyph_hor_advance(id).unwrap_or(0)),
                        x_min: f32::from(bbox.x_min),
                        x_max: f32::from(bbox.x_max),
                        y_max: f32::from(bbox.y_max),
                    },
                );
            }
        }
        Font {
            units_per_em,
            glyphs,
        }
    })
}

/// Whether the shipped font can draw `ch`.
#[cfg(test)]
pub(super) fn can_draw(ch: char) -> bool {
    font().glyphs.contains_key(&ch)
}
