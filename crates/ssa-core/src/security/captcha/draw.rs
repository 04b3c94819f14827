//! Draws a verification code. Measured against the attacker's toolkit
//! (ddddocr's two models and Tesseract 5, each raw and after the usual
//! clean-ups: `scripts/captcha-attack.sh`, figures in `docs/performance.md`)
//! and read by eye (`docs/captcha-sample-sheet.png`), the picture keeps
//! these properties:
//!
//! - decoys: up to two grey outlined characters of the same font on each
//!   side of the code and clear of it, as dark as a threshold keeps and with
//!   strokes as wide as an opening keeps. A person reads the solid coloured
//!   characters between them (the screen says so); a reader that takes
//!   every letter-shaped thing for a character reads more than five;
//! - the code's characters touch, on one baseline at one size (a small
//!   letter is told from its capital by its height), each with a little
//!   rotation and slant of its own; where two overlap, both show;
//! - every ink has one grey (the same luma in different hues): a person tells
//!   neighbours and the curve apart by colour, a reader that turns the
//!   picture grey (ddddocr and Tesseract both do) cannot;
//! - a curve across the text as dark as the glyphs and over a third as wide
//!   as their stems, and a thin light cut through them;
//! - a background that varies, so that no single threshold separates it;
//! - a slow wave over the whole picture, which a person reads through.
//!
//! The glyphs come from DejaVu Sans Bold (subset to the code's alphabet,
//! shipped in `assets/captcha`), outlined with `ttf-parser` and drawn with
//! `tiny-skia`.

use rand::Rng;
use tiny_skia::{
    Color, FillRule, GradientStop, LineCap, LinearGradient, Paint, PathBuilder, Pixmap, Point,
    RadialGradient, Shader, SpreadMode, Stroke, Transform,
};

/// The image's size in pixels; the window shows it 1:1 and at twice the size.
/// Wide enough for a decoy clear of the code on each side.
pub const WIDTH: u32 = 300;
pub const HEIGHT: u32 = 90;

use super::glyphs::font;

fn color(rgb: (u8, u8, u8)) -> Color {
    Color::from_rgba8(rgb.0, rgb.1, rgb.2, 255)
}

/// The inks: different hues of one lightness. A person tells a character
/// from the one beside it and from a curve across it by its colour; a
/// reader that turns the picture grey (as ddddocr and Tesseract do) sees one
/// grey for all of them.
const INKS: &[(f32, f32, f32)] = &[
    (0.15, 0.3, 1.0),  // blue
    (1.0, 0.15, 0.2),  // red
    (0.05, 0.6, 0.2),  // green
    (0.8, 0.15, 0.9),  // purple
    (0.75, 0.4, 0.0),  // brown
    (0.0, 0.55, 0.65), // teal
];
/// The grey (ITU-R 601 luma, as PIL's "L" mode) every ink turns into.
const INK_LUMA: f32 = 70.0;

/// An ink other than `not` (the previous character's), scaled to the
/// common lightness; returns its index too.
fn ink(rng: &mut impl Rng, not: Option<usize>) -> ((u8, u8, u8), usize) {
    let mut i = rng.gen_range(0..INKS.len());
    if Some(i) == not {
        i = (i + 1 + rng.gen_range(0..INKS.len() - 1)) % INKS.len();
    }
    let (r, g, b) = INKS[i];
    let luma = 0.299 * r + 0.587 * g + 0.114 * b;
    let k = (INK_LUMA + rng.gen_range(-3.0..3.0)) / luma;
    let c = |v: f32| (v * k).round().clamp(0.0, 255.0) as u8;
    ((c(r), c(g), c(b)), i)
}

fn paper(rng: &mut impl Rng, lo: u8, hi: u8) -> (u8, u8, u8) {
    (
        rng.gen_range(lo..=hi),
        rng.gen_range(lo..=hi),
        rng.gen_range(lo..=hi),
    )
}

/// Draws `text` and returns the PNG. The same text and random source give
/// the same picture.
pub(super) fn draw(text: &str, rng: &mut impl Rng) -> Vec<u8> {
    draw_pixmap(text, rng)
        .and_then(|p| p.encode_png().ok())
        .unwrap_or_default()
}

fn draw_pixmap(text: &str, rng: &mut impl Rng) -> Option<Pixmap> {
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT)?;
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    background(&mut pixmap, rng);

    let font = font();
    let chars: Vec<char> = text.chars().collect();
    let size: f32 = rng.gen_range(44.0..48.0);
    let stem = size * 0.16;
    // Lay the characters out with their advances squeezed, so that each
    // touches the next; the sizes vary only a little, or a small k would
    // pass for a capital K.
    let squeeze: f32 = rng.gen_range(0.88..0.94);
    let scales: Vec<f32> = chars.iter().map(|_| rng.gen_range(0.98..1.02)).collect();
    let widths: Vec<f32> = chars
        .iter()
        .zip(&scales)
        .map(|(c, s)| {
            font.glyphs
                .get(c)
                .map(|g| g.advance * size / font.units_per_em * s * squeeze)
                .unwrap_or(size * 0.5)
        })
        .collect();
    let total: f32 = widths.iter().sum();
    let mut x = ((w - total) / 2.0 + rng.gen_range(-10.0..10.0)).max(4.0);
    let baseline = h * 0.5 + size * 0.36;
    // From the first character's left to the last one's right.
    let mut span: Option<(f32, f32)> = None;
    let mut previous_ink = None;
    for ((ch, scale), width) in chars.iter().zip(&scales).zip(&widths) {
        let Some(glyph) = font.glyphs.get(ch) else {
            x += width;
            continue;
        };
        let k = size / font.units_per_em * scale;
        let gw = (glyph.x_max - glyph.x_min) * k;
        let gh = glyph.y_max * k;
        let cx = x + width / 2.0;
        // On a common baseline (give or take a little), so that a small
        // letter is told from its capital (k/K, y/Y) by its height.
        let base = baseline + rng.gen_range(-2.0..2.0);
        let angle: f32 = rng.gen_range(-10.0..10.0);
        let shear: f32 = rng.gen_range(-0.12..0.12);
        // Font units (y up) to pixels, then rotated about the middle of the
        // character's foot.
        let t = Transform::from_translate(-(glyph.x_min + glyph.x_max) / 2.0, 0.0)
            .post_scale(k, -k)
            .post_concat(Transform::from_row(1.0, 0.0, shear, 1.0, 0.0, 0.0))
            .post_rotate(angle)
            .post_translate(cx, base);
        let mut paint = Paint {
            anti_alias: true,
            ..Paint::default()
        };
        let (rgb, used) = ink(rng, previous_ink);
        previous_ink = Some(used);
        paint.set_color(color(rgb));
        // Where two characters overlap, both show, darker, in their two
        // colours: a person follows each outline.
        paint.blend_mode = tiny_skia::BlendMode::Multiply;
        pixmap.fill_path(&glyph.path, &paint, FillRule::Winding, t, None);
        let half = gw.max(gh) / 2.0;
        span = Some((span.map_or(cx - half, |s| s.0), cx + half));
        x += width;
    }

    // The decoys keep clear of where the code's ink can reach.
    decoys(&mut pixmap, rng, span.unwrap_or((w / 2.0, w / 2.0)));
    clutter(&mut pixmap, rng, stem);
    cut(&mut pixmap, rng, span.unwrap_or((0.0, w)));
    Some(warp(&pixmap, rng))
}

/// Twenty (or any number of) codes with their answers printed under each,
/// four to a row, at the size the window shows them.
#[cfg(feature = "captcha-lab")]
pub(super) fn sheet(seeds: &[u64]) -> Vec<u8> {
    use rand::SeedableRng;
    const COLS: u32 = 4;
    const GAP: u32 = 16;
    const LABEL: u32 = 34;
    let rows = (seeds.len() as u32).div_ceil(COLS).max(1);
    let Some(mut sheet) = Pixmap::new(
        COLS * (WIDTH + GAP) + GAP,
        rows * (HEIGHT + LABEL + GAP) + GAP,
    ) else {
        return Vec::new();
    };
    sheet.fill(Color::WHITE);
    let font = font();
    for (i, &seed) in seeds.iter().enumerate() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let answer = super::random_code(&mut rng);
        let (col, row) = (i as u32 % COLS, i as u32 / COLS);
        let (x, y) = (
            GAP + col * (WIDTH + GAP),
            GAP + row * (HEIGHT + LABEL + GAP),
        );
        if let Some(code) = draw_pixmap(&answer, &mut rng) {
            sheet.draw_pixmap(
                x as i32,
                y as i32,
                code.as_ref(),
                &tiny_skia::PixmapPaint::default(),
                Transform::identity(),
                None,
            );
        }
        let mut pen = x as f32 + 4.0;
        let k = 20.0 / font.units_per_em;
        let mut paint = Paint {
            anti_alias: true,
            ..Paint::default()
        };
        paint.set_color(Color::BLACK);
        for ch in answer.chars() {
            if let Some(g) = font.glyphs.get(&ch) {
                let t = Transform::from_scale(k, -k)
                    .post_translate(pen, (y + HEIGHT + LABEL - 8) as f32);
                sheet.fill_path(&g.path, &paint, FillRule::Winding, t, None);
                pen += g.advance * k + 6.0;
            }
        }
    }
    sheet.encode_png().unwrap_or_default()
}

/// A light background that varies: a gradient between two pale colours and
/// a few soft mid-tone clouds.
fn background(pixmap: &mut Pixmap, rng: &mut impl Rng) {
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    let a = paper(rng, 215, 250);
    let b = paper(rng, 185, 235);
    let shader = LinearGradient::new(
        Point::from_xy(0.0, rng.gen_range(0.0..h)),
        Point::from_xy(w, rng.gen_range(0.0..h)),
        vec![
            GradientStop::new(0.0, color(a)),
            GradientStop::new(1.0, color(b)),
        ],
        SpreadMode::Pad,
        Transform::identity(),
    )
    .unwrap_or(Shader::SolidColor(color(a)));
    let paint = Paint {
        shader,
        ..Paint::default()
    };
    if let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, w, h) {
        pixmap.fill_rect(rect, &paint, Transform::identity(), None);
    }
    for _ in 0..rng.gen_range(3..6) {
        let centre = Point::from_xy(rng.gen_range(0.0..w), rng.gen_range(0.0..h));
        let radius = rng.gen_range(18.0..45.0);
        let c = paper(rng, 140, 200);
        let Some(shader) = RadialGradient::new(
            centre,
            centre,
            radius,
            vec![
                GradientStop::new(0.0, Color::from_rgba8(c.0, c.1, c.2, 200)),
                GradientStop::new(1.0, Color::from_rgba8(c.0, c.1, c.2, 0)),
            ],
            SpreadMode::Pad,
            Transform::identity(),
        ) else {
            continue;
        };
        let paint = Paint {
            shader,
            anti_alias: true,
            ..Paint::default()
        };
        if let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, w, h) {
            pixmap.fill_rect(rect, &paint, Transform::identity(), None);
        }
    }
}

/// Outlined grey characters of the same font on each side of the code
/// (`x0` to `x1`), clear of it: a person sees outlines apart from the
/// code's solid colours (the screen says so); a reader that takes every
/// dark-enough letter shape for a character reads more than five. Where a
/// decoy touched the code, people could not tell which one was real.
/// Gives where each decoy went, as its leftmost and rightmost pixel.
fn decoys(pixmap: &mut Pixmap, rng: &mut impl Rng, (x0, x1): (f32, f32)) -> Vec<(f32, f32)> {
    let mut placed = Vec::new();
    let h = HEIGHT as f32;
    let font = font();
    let mut paint = Paint {
        anti_alias: true,
        blend_mode: tiny_skia::BlendMode::Multiply,
        ..Paint::default()
    };
    // Up to two on each side, the nearer first, each wholly inside the
    // picture and a clear gap from the code and from each other.
    for side in [-1.0f32, 1.0] {
        let mut edge = if side < 0.0 {
            x0 - DECOY_GAP
        } else {
            x1 + DECOY_GAP
        };
        for _ in 0..2 {
            let ch = super::CAPTCHA_CHARS[rng.gen_range(0..super::CAPTCHA_CHARS.len())];
            let Some(glyph) = font.glyphs.get(&ch) else {
                continue;
            };
            let size: f32 = rng.gen_range(40.0..50.0);
            let k = size / font.units_per_em;
            let angle: f32 = rng.gen_range(-30.0..30.0);
            let width = rng.gen_range(4.5..5.5);
            // Half the rotated outline's width, its stroke included.
            let (gw, gh) = ((glyph.x_max - glyph.x_min) * k, glyph.y_max * k);
            let (sin, cos) = angle.to_radians().sin_cos();
            let half = (gw * cos.abs() + gh * sin.abs()) / 2.0 + width / 2.0;
            let cx = edge + side * (half + rng.gen_range(0.0..6.0));
            if cx - half < 1.0 || cx + half > WIDTH as f32 - 1.0 {
                break;
            }
            edge = cx + side * (half + DECOY_GAP);
            let cy = rng.gen_range(h * 0.35..h * 0.65);
            let t =
                Transform::from_translate(-(glyph.x_min + glyph.x_max) / 2.0, -glyph.y_max / 2.0)
                    .post_scale(k, -k)
                    .post_rotate(angle)
                    .post_translate(cx, cy);
            let grey = rng.gen_range(90..120);
            paint.set_color(color((grey, grey, grey + 10)));
            let outline = Stroke {
                width: width / k,
                ..Stroke::default()
            };
            pixmap.stroke_path(&glyph.path, &paint, &outline, t, None);
            placed.push((cx - half, cx + half));
        }
    }
    placed
}

/// The clear space between a decoy and the code, in pixels.
const DECOY_GAP: f32 = 5.0;

/// One long curve across the text, as dark as the glyphs and nearly half
/// as wide as their stems: an opening or a median filter that removes it
/// takes the glyphs' thinner parts with it.
fn clutter(pixmap: &mut Pixmap, rng: &mut impl Rng, stem: f32) {
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    let width = stem * rng.gen_range(0.35..0.42);
    // Across the text, from high to low or low to high, so that it crosses
    // the strokes rather than running along one.
    let (mut y0, mut y1) = (
        rng.gen_range(h * 0.12..h * 0.35),
        rng.gen_range(h * 0.65..h * 0.88),
    );
    if rng.gen_bool(0.5) {
        std::mem::swap(&mut y0, &mut y1);
    }
    let mut pb = PathBuilder::new();
    pb.move_to(rng.gen_range(0.0..20.0), y0);
    pb.cubic_to(
        rng.gen_range(w * 0.2..w * 0.4),
        y0 + (y1 - y0) * 0.33 + rng.gen_range(-h * 0.3..h * 0.3),
        rng.gen_range(w * 0.6..w * 0.8),
        y0 + (y1 - y0) * 0.66 + rng.gen_range(-h * 0.3..h * 0.3),
        rng.gen_range(w - 20.0..w),
        y1,
    );
    let Some(path) = pb.finish() else {
        return;
    };
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    paint.set_color(color(ink(rng, None).0));
    let stroke = Stroke {
        width,
        line_cap: LineCap::Round,
        ..Stroke::default()
    };
    pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
}

/// A thin light line across the text, from `x0` to `x1`: a stroke is cut in
/// pieces that a segmenter cannot join, while a person's eye closes the gap.
fn cut(pixmap: &mut Pixmap, rng: &mut impl Rng, (x0, x1): (f32, f32)) {
    let h = HEIGHT as f32;
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    paint.set_color(color(paper(rng, 215, 250)));
    let mut pb = PathBuilder::new();
    pb.move_to(x0, rng.gen_range(h * 0.25..h * 0.75));
    pb.quad_to(
        (x0 + x1) / 2.0,
        rng.gen_range(0.0..h),
        x1,
        rng.gen_range(h * 0.25..h * 0.75),
    );
    if let Some(path) = pb.finish() {
        let stroke = Stroke {
            width: rng.gen_range(1.2..1.6),
            ..Stroke::default()
        };
        pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
    }
}

/// Moves every pixel along two slow waves (bilinear resampling).
fn warp(src: &Pixmap, rng: &mut impl Rng) -> Pixmap {
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let Some(mut out) = Pixmap::new(WIDTH, HEIGHT) else {
        return src.clone();
    };
    let ax: f32 = rng.gen_range(2.0..4.0);
    let ay: f32 = rng.gen_range(4.0..7.0);
    let px: f32 = rng.gen_range(45.0..75.0);
    let py: f32 = rng.gen_range(70.0..130.0);
    let (phx, phy): (f32, f32) = (rng.gen_range(0.0..6.3), rng.gen_range(0.0..6.3));
    let data = src.data();
    let at = |x: usize, y: usize, c: usize| f32::from(data[(y * w + x) * 4 + c]);
    let dst = out.data_mut();
    for y in 0..h {
        for x in 0..w {
            let sx = (x as f32 + ax * (y as f32 / py * std::f32::consts::TAU + phx).sin())
                .clamp(0.0, (w - 1) as f32);
            let sy = (y as f32 + ay * (x as f32 / px * std::f32::consts::TAU + phy).sin())
                .clamp(0.0, (h - 1) as f32);
            let (x0, y0) = (sx.floor() as usize, sy.floor() as usize);
            let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
            let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
            for c in 0..4 {
                let top = at(x0, y0, c) * (1.0 - fx) + at(x1, y0, c) * fx;
                let bottom = at(x0, y1, c) * (1.0 - fx) + at(x1, y1, c) * fx;
                dst[(y * w + x) * 4 + c] = (top * (1.0 - fy) + bottom * fy).round() as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// People could not tell a decoy touching the code's first or last
    /// character from the character: a decoy keeps a clear gap from where
    /// the code's ink can reach, and stays whole inside the picture.
    #[test]
    fn decoys_keep_clear_of_the_code() {
        let mut drawn = 0;
        for seed in 0..300u64 {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let Some(mut pixmap) = Pixmap::new(WIDTH, HEIGHT) else {
                panic!("no pixmap");
            };
            let x0 = rng.gen_range(30.0..90.0);
            let span = (x0, x0 + rng.gen_range(120.0..150.0));
            for (left, right) in decoys(&mut pixmap, &mut rng, span) {
                drawn += 1;
                assert!(left >= 0.0 && right <= WIDTH as f32, "{left}..{right}");
                assert!(
                    right <= span.0 - DECOY_GAP || left >= span.1 + DECOY_GAP,
                    "decoy {left}..{right} touches the code {span:?}"
                );
            }
        }
        // Decoys are still drawn: on most pictures at least one.
        assert!(drawn > 300, "{drawn} decoys on 300 pictures");
    }
}
