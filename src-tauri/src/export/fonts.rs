//! The system font a PDF is written in: looked up once, the language's
//! families first, and the characters no font has marked.

use std::sync::Arc;

use crate::i18n::Language;

/// Families with Chinese glyphs, in order of preference per language, then
/// any sans-serif (enough for an English statement of Latin names).
fn font_families(lang: Language) -> Vec<fontdb::Family<'static>> {
    use fontdb::Family::Name;
    let traditional = [
        Name("Noto Sans CJK TC"),
        Name("Noto Sans CJK HK"),
        Name("Noto Sans TC"),
        Name("Microsoft JhengHei"),
        Name("PingFang TC"),
        Name("Heiti TC"),
    ];
    let simplified = [
        Name("Noto Sans CJK SC"),
        Name("Noto Sans SC"),
        Name("Microsoft YaHei"),
        Name("PingFang SC"),
        Name("Heiti SC"),
    ];
    let others = [
        Name("Source Han Sans"),
        Name("WenQuanYi Micro Hei"),
        Name("Droid Sans Fallback"),
        fontdb::Family::SansSerif,
    ];
    let mut families: Vec<fontdb::Family<'static>> = Vec::new();
    if lang == Language::SimplifiedChinese {
        families.extend(simplified);
        families.extend(traditional);
    } else {
        families.extend(traditional);
        families.extend(simplified);
    }
    families.extend(others);
    families
}

/// The system's fonts, looked up once (names and places, not their data).
fn system_fonts() -> &'static fontdb::Database {
    static FONTS: std::sync::OnceLock<fontdb::Database> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    })
}

/// Whether the face has every character of `text` that is drawn.
fn covers(data: &[u8], index: u32, text: &str) -> bool {
    use skrifa::MetadataProvider;
    skrifa::FontRef::from_index(data, index)
        .map(|f| {
            let map = f.charmap();
            // Control characters are marked whatever the font: they do not
            // decide which font is chosen.
            text.chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .all(|c| map.map(c).is_some())
        })
        .unwrap_or(false)
}

/// A system font for `text`: its bytes and face index. The first of the
/// language's families that has every character; else any face that has
/// them all (read where it lies, only the one chosen is copied); else the
/// first of the families there is, and the characters it lacks are drawn as
/// a replacement mark ([`mark_missing`]).
pub(super) fn find_font(lang: Language, text: &str) -> Option<(Arc<Vec<u8>>, u32)> {
    let db = system_fonts();
    let copy = |id| db.with_face_data(id, |data, index| (Arc::new(data.to_vec()), index));
    let preferred: Vec<fontdb::ID> = font_families(lang)
        .into_iter()
        .filter_map(|family| {
            db.query(&fontdb::Query {
                families: &[family],
                ..Default::default()
            })
        })
        .collect();
    let whole = |id: &fontdb::ID| {
        db.with_face_data(*id, |data, index| covers(data, index, text))
            .unwrap_or(false)
    };
    if let Some(id) = preferred.iter().find(|id| whole(id)) {
        return copy(*id);
    }
    if let Some(id) = db.faces().map(|f| f.id).find(whole) {
        return copy(id);
    }
    preferred
        .first()
        .copied()
        .or_else(|| db.faces().next().map(|f| f.id))
        .and_then(copy)
}

/// `text` with every character the font cannot draw (a control character,
/// a private-use one, one no installed font has) replaced by U+FFFD, or by
/// `?` where the font lacks that too: the statement still exports, and the
/// reader sees where something could not be shown.
pub(super) fn mark_missing(font: &skrifa::FontRef<'_>, text: &str) -> String {
    use skrifa::MetadataProvider;
    let map = font.charmap();
    let mark = if map.map('\u{FFFD}').is_some() {
        '\u{FFFD}'
    } else {
        '?'
    };
    text.chars()
        .map(|c| {
            if c == ' ' || (!c.is_control() && map.map(c).is_some()) {
                c
            } else {
                mark
            }
        })
        .collect()
}

/// Text widths in points, for right-aligned figures and cut names.
pub(super) struct Measure<'a> {
    pub(super) font: skrifa::FontRef<'a>,
}

impl Measure<'_> {
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        use skrifa::instance::{LocationRef, Size};
        use skrifa::MetadataProvider;
        let map = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                map.map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// `text` cut (with an ellipsis) to fit `max` points.
    pub(super) fn fit(&self, text: &str, size: f32, max: f32) -> String {
        if self.width(text, size) <= max {
            return text.to_owned();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width(&format!("{out}…"), size) > max {
                out.pop();
                break;
            }
        }
        format!("{out}…")
    }
}
