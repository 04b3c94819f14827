//! Signed updates (issue 20). The window asks once per start whether the
//! update feed offers a newer version; the investor installs it with one
//! click, and the app restarts into it. Three checks stand between the feed
//! and the machine: the package's minisign signature against the public key
//! built into the app (`tauri.conf.json`, `plugins.updater.pubkey`; the
//! private key never enters the repository), the version the signature
//! binds (`requireSignedVersion`: a feed cannot relabel an old package as
//! new), and the core's rule that only a newer version is installed
//! (`ssa_core::updates::may_install`). A kiosk never offers or installs
//! one: the branch deploys its updates (its policy).
//!
//! The feed is `--update-feed`, `SSA_UPDATE_FEED` or `config.json`'s
//! `updateFeed`: `https://…`, or plain HTTP on this machine only (the same
//! rule as the SSA server's address). Without one, nothing is checked.

use serde::Serialize;
use ssa_core::SsaError;
use tauri_plugin_updater::UpdaterExt;

/// What the window shows when a newer version is offered.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    pub current: String,
}

/// The feed and the update found on it, for the install that follows.
pub struct Updates {
    feed: Option<url::Url>,
    found: tokio::sync::Mutex<Option<tauri_plugin_updater::Update>>,
}

impl Updates {
    /// `feed` when one is set and updates may come here (never on a kiosk);
    /// a feed that is not `https://` off this machine is refused (logged).
    pub fn new(feed: Option<&str>, kiosk: bool) -> Self {
        let feed = feed
            .filter(|_| ssa_core::updates::may_offer(kiosk, None))
            .and_then(|f| {
                ssa_core::links::server_address(f)
                    .inspect_err(|e| tracing::warn!(error = %e, "the update feed is refused"))
                    .ok()
            });
        Self {
            feed,
            found: tokio::sync::Mutex::new(None),
        }
    }

    /// Asks the feed whether it offers a newer version. `None` when there
    /// is no feed or nothing newer; an older version offered is refused.
    pub async fn check<R: tauri::Runtime>(
        &self,
        app: &tauri::AppHandle<R>,
    ) -> Result<Option<UpdateOffer>, SsaError> {
        let Some(feed) = &self.feed else {
            return Ok(None);
        };
        let updater = app
            .updater_builder()
            .endpoints(vec![feed.clone()])
            .map_err(failed)?
            // Every other version comes back, so that an older one offered
            // is refused in words rather than passed over in silence.
            .version_comparator(|current, release| release.version != current)
            // A redirect may not lead off TLS either (nor off this machine
            // in clear): the package would cross a network readable.
            .configure_client(|client| {
                client.redirect(reqwest::redirect::Policy::custom(|attempt| {
                    if attempt.previous().len() >= 5 {
                        attempt.stop()
                    } else if ssa_core::links::server_address(attempt.url().as_str()).is_ok() {
                        attempt.follow()
                    } else {
                        attempt.error("a redirect to an address in clear")
                    }
                }))
            })
            .build()
            .map_err(failed)?;
        let Some(update) = updater.check().await.map_err(failed)? else {
            return Ok(None);
        };
        ssa_core::updates::may_install(&update.current_version, &update.version)?;
        // The package, too, comes over TLS (or from this machine): its
        // signature would catch a change, but nothing crosses a network in
        // clear.
        if let Err(e) = ssa_core::links::server_address(update.download_url.as_str()) {
            return Err(SsaError::UpdateFailed {
                detail: format!("the package's address is refused: {e}"),
            });
        }
        let offer = UpdateOffer {
            version: update.version.clone(),
            current: update.current_version.clone(),
        };
        *self.found.lock().await = Some(update);
        Ok(Some(offer))
    }

    /// Downloads the update found by [`Updates::check`], checks its
    /// signature and installs it (the system asks for an administrator's
    /// password to install a package); then the app restarts into it. On
    /// any refusal nothing is installed and this version goes on.
    pub async fn install<R: tauri::Runtime>(
        &self,
        app: &tauri::AppHandle<R>,
    ) -> Result<(), SsaError> {
        let update = self.found.lock().await.take().ok_or(SsaError::NotAllowed)?;
        tracing::info!(version = %update.version, "installing an update");
        update
            .download_and_install(|_, _| {}, || {})
            .await
            .map_err(|e| {
                use tauri_plugin_updater::Error as E;
                tracing::warn!(error = %e, "the update was not installed");
                match e {
                    E::Minisign(_)
                    | E::Base64(_)
                    | E::SignatureUtf8(_)
                    | E::SignedVersionMismatch { .. }
                    | E::MissingSignedVersion => SsaError::UpdateUntrusted,
                    other => failed(other),
                }
            })?;
        tracing::info!(version = %update.version, "update installed; restarting");
        app.restart()
    }
}

fn failed(e: tauri_plugin_updater::Error) -> SsaError {
    tracing::warn!(error = %e, "update check failed");
    SsaError::UpdateFailed {
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_is_https_or_this_machine_and_never_on_a_kiosk() {
        let feed = |f: &str, kiosk| Updates::new(Some(f), kiosk).feed.map(|u| u.to_string());
        assert_eq!(
            feed("https://updates.example/latest.json", false).as_deref(),
            Some("https://updates.example/latest.json")
        );
        assert!(feed("http://127.0.0.1:8080/latest.json", false).is_some());
        assert_eq!(feed("http://updates.example/latest.json", false), None);
        assert_eq!(feed("https://updates.example/latest.json", true), None);
        assert!(Updates::new(None, false).feed.is_none());
    }
}
