//! The window's zoom, for people who need it larger (WCAG 1.4.4): Ctrl (Cmd
//! on macOS) with `+`, `-` and `0` step it between 100 % and 200 %, and the
//! level is remembered beside the language. A kiosk stays at 100 %: what
//! one person set there must not outlive their visit.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::Deserialize;

/// The levels, in per cent.
pub const LEVELS: [u16; 6] = [100, 110, 125, 150, 175, 200];

/// A step the keyboard asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ZoomStep {
    In,
    Out,
    Reset,
}

/// The level after `step` from `current` (a level not in [`LEVELS`] counts
/// as the nearest one below it).
pub fn next(current: u16, step: ZoomStep) -> u16 {
    let at = LEVELS.iter().rposition(|&l| l <= current).unwrap_or(0);
    match step {
        ZoomStep::In => LEVELS[(at + 1).min(LEVELS.len() - 1)],
        ZoomStep::Out => LEVELS[at.saturating_sub(1)],
        ZoomStep::Reset => LEVELS[0],
    }
}

/// A remembered level as it may be used: one of [`LEVELS`], else 100 %.
pub fn allowed(level: Option<u16>) -> u16 {
    level.filter(|l| LEVELS.contains(l)).unwrap_or(LEVELS[0])
}

/// The window's zoom now; managed from the window's first moment.
pub struct Zoom {
    level: Mutex<u16>,
    /// Where it is remembered; `None` on a kiosk, which keeps 100 %.
    remember_in: Option<PathBuf>,
}

impl Zoom {
    pub fn new(level: u16, remember_in: Option<PathBuf>) -> Self {
        Self {
            level: Mutex::new(if remember_in.is_some() {
                level
            } else {
                LEVELS[0]
            }),
            remember_in,
        }
    }

    pub fn level(&self) -> u16 {
        *self.level.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes `step` and remembers the new level; a kiosk's stays 100 %.
    pub fn step(&self, step: ZoomStep) -> u16 {
        let Some(dir) = &self.remember_in else {
            return LEVELS[0];
        };
        let mut level = self.level.lock().unwrap_or_else(|p| p.into_inner());
        *level = next(*level, step);
        if let Err(e) = crate::settings::remember_zoom(dir, *level) {
            tracing::warn!(error = %e, "could not remember the zoom");
        }
        *level
    }
}

/// The factor the webview takes for `level`.
pub fn factor(level: u16) -> f64 {
    f64::from(level) / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_from_100_to_200_and_no_further() {
        let mut level = 100;
        let mut seen = vec![level];
        for _ in 0..10 {
            level = next(level, ZoomStep::In);
            seen.push(level);
        }
        assert_eq!(seen[..6], LEVELS);
        assert_eq!(level, 200, "never above 200 %");
        assert_eq!(next(200, ZoomStep::Out), 175);
        assert_eq!(next(100, ZoomStep::Out), 100, "never below 100 %");
        assert_eq!(next(175, ZoomStep::Reset), 100);
        assert_eq!(
            next(130, ZoomStep::In),
            150,
            "an odd level steps from the one below"
        );
    }

    #[test]
    fn a_remembered_level_is_used_only_when_it_is_one_of_the_steps() {
        assert_eq!(allowed(Some(150)), 150);
        assert_eq!(allowed(Some(400)), 100);
        assert_eq!(allowed(Some(10)), 100);
        assert_eq!(allowed(None), 100);
    }

    #[test]
    fn a_kiosk_stays_at_100_and_remembers_nothing() {
        let kiosk = Zoom::new(200, None);
        assert_eq!(kiosk.level(), 100);
        assert_eq!(kiosk.step(ZoomStep::In), 100);
        let dir = tempfile::tempdir().unwrap();
        let desktop = Zoom::new(100, Some(dir.path().to_path_buf()));
        assert_eq!(desktop.step(ZoomStep::In), 110);
        assert_eq!(desktop.step(ZoomStep::In), 125);
        assert_eq!(
            crate::settings::remembered_zoom(dir.path()),
            Some(125),
            "remembered for the next start"
        );
    }
}
