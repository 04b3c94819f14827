//! The investor's account steps: registration and its Confirm step, login,
//! the two password changes, Forgot password, cancellation and logout.

use secrecy::SecretString;
use ssa_core::{
    CancellationForm, ChangeBasicPasswordForm, ChangeInternetPasswordForm, RecoveryForm,
    RegisteredUser, RegistrationForm,
};

use super::*;

impl AppState {
    pub async fn submit_registration(
        &self,
        form: RegistrationForm,
    ) -> Result<RegisteredUser, UiError> {
        let backend = self.backend()?;
        let pending = backend
            .submit_registration(&form)
            .await
            .map_err(|e| self.error(&e))?;
        let summary = pending.summary();
        let earlier = self.pending.lock().await.replace(pending);
        if let Some(earlier) = earlier {
            backend.abandon_unfinished(earlier.token()).await;
        }
        Ok(summary)
    }

    pub async fn confirm_registration(
        &self,
        basic_password: SecretString,
    ) -> Result<RegisteredUser, UiError> {
        let mut pending = self.pending.lock().await;
        let registration = pending
            .as_ref()
            .ok_or_else(|| self.error(&SsaError::NotAllowed))?;
        let (result, still_open) = self
            .backend()?
            .confirm_registration(registration, &basic_password)
            .await;
        // The core decides whether the step goes on; the shell holds the token.
        if !still_open {
            *pending = None;
        }
        result.map_err(|e| self.error(&e))
    }

    pub async fn login(
        &self,
        internet_user_id: &str,
        password: SecretString,
    ) -> Result<SignedIn, UiError> {
        let backend = self.backend()?;
        let (visit, next) = backend
            .login(internet_user_id, &password, self.session_kind())
            .await
            .map_err(|e| self.error(&e))?;
        self.forget_last_error();
        let signed_in = SignedIn {
            next,
            basic_user_id: visit.basic_user_id().to_owned(),
        };
        if let (Some(demo), Some(ssa)) = (&self.demo, backend.embedded()) {
            ssa_core::demo::deliver_latest_movements(ssa, &self.data_dir, demo).await;
        }
        let earlier = self.session.lock().await.replace(visit);
        if let Some(mut earlier) = earlier {
            // One session per window: the one it replaces is logged out.
            if let Err(e) = backend
                .end_session(&mut earlier, "replaced-by-new-login")
                .await
            {
                tracing::warn!(
                    code = e.code(),
                    "the replaced session's logout was not audited"
                );
            }
        }
        Ok(signed_in)
    }

    /// Runs a core call that needs the session; ends the session when the
    /// core says it has ended.
    pub(crate) async fn with_session<T>(
        &self,
        call: impl AsyncFnOnce(&Backend, &mut Visit) -> Result<T, SsaError>,
    ) -> Result<T, UiError> {
        let backend = self.backend()?;
        let mut guard = self.session.lock().await;
        let session = guard
            .as_mut()
            .ok_or_else(|| self.error(&SsaError::SessionEnded))?;
        let result = call(backend, session).await;
        if session.is_ended() {
            *guard = None;
        }
        result.map_err(|e| self.error(&e))
    }

    pub async fn change_basic_password(
        &self,
        form: ChangeBasicPasswordForm,
    ) -> Result<NextStep, UiError> {
        self.with_session(async |b, s| b.change_basic_password(s, &form).await)
            .await
    }

    pub async fn change_internet_password(
        &self,
        form: ChangeInternetPasswordForm,
    ) -> Result<NextStep, UiError> {
        self.with_session(async |b, s| b.change_internet_password(s, &form).await)
            .await
    }

    pub async fn recover_internet_password(&self, form: RecoveryForm) -> Result<(), UiError> {
        self.backend()?
            .recover_internet_password(&form)
            .await
            .map_err(|e| self.error(&e))
    }

    /// Cancel, first step: returns the ID the Confirm page names.
    pub async fn check_cancellation(&self, form: CancellationForm) -> Result<String, UiError> {
        let backend = self.backend()?;
        let pending = backend
            .check_cancellation(&form)
            .await
            .map_err(|e| self.error(&e))?;
        let id = pending.internet_user_id.clone();
        let earlier = self.pending_cancellation.lock().await.replace(pending);
        if let Some(earlier) = earlier {
            backend.abandon_unfinished(earlier.token()).await;
        }
        Ok(id)
    }

    pub async fn confirm_cancellation(&self) -> Result<(), UiError> {
        let mut pending = self.pending_cancellation.lock().await;
        let cancellation = pending
            .take()
            .ok_or_else(|| self.error(&SsaError::NotAllowed))?;
        self.backend()?
            .confirm_cancellation(&cancellation)
            .await
            .map_err(|e| self.error(&e))
    }

    pub async fn logout(&self) -> Result<(), UiError> {
        self.forget_last_error();
        let backend = self.backend()?;
        let mut guard = self.session.lock().await;
        if let Some(mut session) = guard.take() {
            backend
                .logout(&mut session)
                .await
                .map_err(|e| self.error(&e))?;
        }
        Ok(())
    }
}
