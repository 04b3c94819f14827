//! Files the app leaves behind (its logs), and pictures of an X window taken
//! without WebDriver (`xwd`), saved next to the WebDriver screenshots.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::builds::workspace;

/// Where the screenshots go, under the workspace (`scripts/test.sh` points
/// there).
pub const SCREENSHOTS: &str = "test-output/e2e";

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Whether a file under `logs` comes to hold `words`: looks `tries` times,
/// 250 ms apart.
pub async fn log_says(logs: &Path, words: &str, tries: u32) -> bool {
    for _ in 0..tries {
        if files_under(logs)
            .iter()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains(words)))
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    false
}

/// A screenshot of the X window named `name` on this display, by `xwd`
/// (x11-apps), as width, height and RGB pixels; `None` while there is none.
pub fn screenshot_x_window(name: &str) -> Option<(u32, u32, Vec<[u8; 3]>)> {
    let out = Command::new("xwd")
        .args(["-silent", "-name", name])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    parse_xwd(&out.stdout)
}

/// The pixels of an XWD file (the X Window Dump format: a header of 25
/// big-endian 32-bit fields, the window's name, a colour map, then rows).
fn parse_xwd(data: &[u8]) -> Option<(u32, u32, Vec<[u8; 3]>)> {
    let field = |i: usize| -> Option<u32> {
        let b = data.get(i * 4..i * 4 + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let (header, width, height) = (field(0)? as usize, field(4)?, field(5)?);
    let (byte_order, bits_per_pixel, bytes_per_line) = (field(7)?, field(11)?, field(12)? as usize);
    let (red_mask, green_mask, blue_mask) = (field(14)?, field(15)?, field(16)?);
    let colours = field(19)? as usize;
    if bits_per_pixel != 32 || red_mask == 0 || green_mask == 0 || blue_mask == 0 {
        return None;
    }
    let pixels_at = header + colours * 12;
    let channel = |value: u32, mask: u32| ((value & mask) >> mask.trailing_zeros()) as u8;
    let mut rgb = Vec::with_capacity((width * height) as usize);
    for y in 0..height as usize {
        for x in 0..width as usize {
            let at = pixels_at + y * bytes_per_line + x * 4;
            let b = data.get(at..at + 4)?;
            let value = if byte_order == 0 {
                u32::from_le_bytes([b[0], b[1], b[2], b[3]])
            } else {
                u32::from_be_bytes([b[0], b[1], b[2], b[3]])
            };
            rgb.push([
                channel(value, red_mask),
                channel(value, green_mask),
                channel(value, blue_mask),
            ]);
        }
    }
    Some((width, height, rgb))
}

/// The share of pixels that differ from the most common colour.
pub fn share_not_background(pixels: &[[u8; 3]]) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for p in pixels {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    if pixels.is_empty() {
        return 0.0;
    }
    (pixels.len() - most) as f64 / pixels.len() as f64
}

/// Saves RGB `pixels` as `<name>.png` with the screenshots.
pub fn save_rgb_png(name: &str, width: u32, height: u32, pixels: &[[u8; 3]]) {
    let dir = workspace().join(SCREENSHOTS);
    std::fs::create_dir_all(&dir).unwrap();
    let file = std::fs::File::create(dir.join(format!("{name}.png"))).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let flat: Vec<u8> = pixels.iter().flatten().copied().collect();
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&flat)
        .unwrap();
}
