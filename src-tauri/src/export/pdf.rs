//! The A4 PDF of a sheet, its text selectable and searchable, with only the
//! glyphs it uses of the chosen font.

use ssa_core::Export;

use super::fonts::{find_font, mark_missing, Measure};
use super::sheet::{sheet, Fit};
use crate::i18n::{Language, Localizer};

/// The sheet as an A4 PDF (text drawn as text, the font subsetted).
pub fn pdf_bytes(l: &Localizer, lang: Language, export: &Export) -> Result<Vec<u8>, &'static str> {
    use krilla::geom::Point;
    use krilla::page::PageSettings;
    use krilla::text::{Font, TextDirection};

    let mut sheet = sheet(l, lang, export);
    let mut all_text = sheet.title.clone();
    for (k, v) in &sheet.header {
        all_text.push_str(k);
        all_text.push_str(v);
    }
    for (c, _) in &sheet.columns {
        all_text.push_str(c);
    }
    for (heading, rows) in &sheet.sections {
        all_text.push_str(heading.as_deref().unwrap_or_default());
        for row in rows {
            for cell in row {
                all_text.push_str(cell);
            }
        }
    }
    all_text.push('…');
    let (data, index) = find_font(lang, &all_text).ok_or("no-font")?;
    let measure = Measure {
        font: skrifa::FontRef::from_index(&data, index).map_err(|_| "no-font")?,
    };
    let font = Font::new(data.clone().into(), index).ok_or("no-font")?;
    let drawable = |t: &mut String| *t = mark_missing(&measure.font, t);
    drawable(&mut sheet.title);
    for (k, v) in &mut sheet.header {
        drawable(k);
        drawable(v);
    }
    for (c, _) in &mut sheet.columns {
        drawable(c);
    }
    for (heading, rows) in &mut sheet.sections {
        heading.iter_mut().for_each(drawable);
        rows.iter_mut().flatten().for_each(drawable);
    }

    const W: f32 = 595.28;
    const H: f32 = 841.89;
    const MARGIN: f32 = 48.0;
    const SIZE: f32 = 9.0;
    const LINE: f32 = 14.0;
    let usable = W - 2.0 * MARGIN;
    // Column widths: figures, dates, codes and references as wide as
    // their widest cell (never cut); names and kinds share the rest.
    const PAD: f32 = 10.0;
    let widest = |i: usize| {
        let header = measure.width(&sheet.columns[i].0, SIZE);
        sheet
            .sections
            .iter()
            .flat_map(|(_, rows)| rows.iter().filter_map(|r| r.get(i)))
            .map(|cell| measure.width(cell, SIZE))
            .fold(header, f32::max)
            + PAD
    };
    let fixed: f32 = (0..sheet.columns.len())
        .filter(|&i| !matches!(sheet.columns[i].1, Fit::Share(_)))
        .map(widest)
        .sum();
    let weights: f32 = sheet
        .columns
        .iter()
        .map(|(_, fit)| match fit {
            Fit::Share(w) => *w,
            _ => 0.0,
        })
        .sum();
    let shared = (usable - fixed).max(0.0);
    let widths: Vec<f32> = (0..sheet.columns.len())
        .map(|i| match sheet.columns[i].1 {
            Fit::Share(w) => shared * w / weights.max(f32::EPSILON),
            _ => widest(i),
        })
        .collect();

    let mut document = krilla::Document::new();
    // Lay out every line first, then draw them page by page.
    enum Line {
        Text { x: f32, text: String, size: f32 },
        Row(Vec<String>, bool),
        Gap,
    }
    let mut layout: Vec<Line> = vec![
        Line::Text {
            x: MARGIN,
            text: sheet.title.clone(),
            size: 15.0,
        },
        Line::Gap,
    ];
    for (k, v) in &sheet.header {
        layout.push(Line::Text {
            x: MARGIN,
            text: format!("{k}: {v}"),
            size: 10.0,
        });
    }
    layout.push(Line::Gap);
    for (heading, rows) in &sheet.sections {
        if let Some(heading) = heading {
            layout.push(Line::Text {
                x: MARGIN,
                text: heading.clone(),
                size: 11.0,
            });
        }
        layout.push(Line::Row(
            sheet.columns.iter().map(|(c, _)| c.clone()).collect(),
            true,
        ));
        for row in rows {
            layout.push(Line::Row(row.clone(), false));
        }
        layout.push(Line::Gap);
    }

    let mut pages: Vec<Vec<&Line>> = vec![Vec::new()];
    let mut y = MARGIN;
    for line in &layout {
        let height = match line {
            Line::Text { size, .. } => size + 6.0,
            Line::Row(..) => LINE,
            Line::Gap => 8.0,
        };
        if y + height > H - MARGIN {
            pages.push(Vec::new());
            y = MARGIN;
        }
        y += height;
        if let Some(page) = pages.last_mut() {
            page.push(line);
        }
    }
    for lines_on_page in pages {
        let mut page = document.start_page_with(PageSettings::from_wh(W, H).ok_or("page")?);
        let mut surface = page.surface();
        let mut y = MARGIN;
        for line in lines_on_page {
            match line {
                Line::Text { x, text, size } => {
                    y += size + 6.0;
                    surface.draw_text(
                        Point::from_xy(*x, y - 6.0),
                        font.clone(),
                        *size,
                        &measure.fit(text, *size, usable),
                        false,
                        TextDirection::Auto,
                    );
                }
                Line::Row(cells, _heading) => {
                    y += LINE;
                    let mut x = MARGIN;
                    for ((cell, width), (_, fit)) in cells.iter().zip(&widths).zip(&sheet.columns) {
                        let text = measure.fit(cell, SIZE, width - 6.0);
                        let at = if *fit == Fit::Figure {
                            x + width - 4.0 - measure.width(&text, SIZE)
                        } else {
                            x
                        };
                        if !text.is_empty() {
                            surface.draw_text(
                                Point::from_xy(at, y - 4.0),
                                font.clone(),
                                SIZE,
                                &text,
                                false,
                                TextDirection::Auto,
                            );
                        }
                        x += width;
                    }
                }
                Line::Gap => y += 8.0,
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| "pdf")
}

#[cfg(test)]
mod pdf_tests {
    use super::*;
    use ssa_core::{Holding, MonthlyStatement, StatementHeader, StockNames};

    /// A name with a private-use and a control character still exports:
    /// those two show as a replacement mark, the rest as written.
    #[test]
    fn a_character_no_font_has_exports_as_a_mark() {
        let name = "TENCENT\u{E000}X\u{7}Y";
        let export = Export::Monthly(MonthlyStatement {
            header: StatementHeader {
                participant_id: ssa_core::domain::ParticipantId::parse("C00088").unwrap(),
                ssa_number: ssa_core::domain::SsaNumber::parse("01").unwrap(),
                basic_user_id: ssa_core::domain::BasicUserId::parse("12345678").unwrap(),
            },
            month_end: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            stocks: vec![Holding {
                stock_code: ssa_core::domain::statements::StockCode::parse("00700").unwrap(),
                names: StockNames {
                    en: name.into(),
                    zh_hk: name.into(),
                    zh_cn: name.into(),
                },
                balance: 600,
            }],
        });
        let pdf = pdf_bytes(&Localizer::new(), Language::English, &export).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("TENCENT\u{FFFD}X\u{FFFD}Y") || text.contains("TENCENT?X?Y"),
            "{text}"
        );
    }
}
