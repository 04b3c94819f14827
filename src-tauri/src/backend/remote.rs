//! The SSA server as the window's backend: one HTTPS request per call, with
//! rustls checking the server's certificate against the system's roots, or
//! against the one CA the configuration names. Plain `http://` is refused
//! unless the server is this computer. A refusal comes back as the core's
//! own `SsaError`, so the window says it in the reader's language exactly
//! as it says the embedded core's; a server that does not answer is
//! `server-unreachable`, one whose certificate is not trusted is
//! `server-untrusted`, and the next action tries again.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use ssa_api::{self as api, paths};
use ssa_core::{
    CancellationForm, CaptchaAudio, CaptchaImage, CaptchaScreen, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, DailyStatement, Export, ExportRequest, Holding, Home, MessageBody,
    MonthlyStatement, MovementPage, MovementsRequest, NextStep, PendingCancellation,
    PendingRegistration, PublicHoliday, RecoveryForm, RegisteredUser, RegistrationForm, Result,
    SeriesRequest, SessionKind, SsaError, Voice,
};
use zeroize::Zeroizing;

/// How long a request may take, connecting included: a statement of a
/// busy SSA is read well within it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The server's session for this window: its bearer token, in memory only
/// (zeroized when dropped, never logged, never sent to the window).
pub struct Token {
    value: Zeroizing<String>,
    pub basic_user_id: String,
    /// The server said the session has ended.
    pub ended: bool,
}

pub struct Remote {
    http: reqwest::Client,
    base: url::Url,
    /// The server's host, as messages name it.
    host: String,
}

/// rustls on the ring provider: the given CA alone, else the platform's
/// own verifier (the system's roots and its revocation checks).
fn tls_config(ca_pem: Option<&[u8]>) -> std::result::Result<rustls::ClientConfig, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let config = match ca_pem {
        Some(pem) => {
            let mut roots = rustls::RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert = cert.map_err(|e| format!("the server CA file: {e}"))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("the server CA file: {e}"))?;
            }
            if roots.is_empty() {
                return Err("the server CA file holds no certificate".into());
            }
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        None => {
            use rustls_platform_verifier::BuilderVerifierExt;
            builder
                .with_platform_verifier()
                .map_err(|e| e.to_string())?
                .with_no_client_auth()
        }
    };
    Ok(config)
}

/// Whether a failed request failed on the server's certificate. The
/// rustls error sits inside I/O errors, whose `source` skips the error they
/// wrap: each is opened with `get_ref`.
fn untrusted(error: &reqwest::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = next {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return matches!(
                tls,
                rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
            );
        }
        next = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    false
}

impl Remote {
    /// A client of the server at `server` (`https://host[:port]`), trusting
    /// `ca_pem` alone when given.
    pub fn new(server: &str, ca_pem: Option<&[u8]>) -> Result<Self> {
        let base = ssa_core::links::server_address(server)?;
        let host = base.host_str().unwrap_or_default().to_owned();
        let tls = tls_config(ca_pem).map_err(|e| {
            tracing::error!(error = %e, "the server's TLS settings");
            SsaError::ServerUntrusted { host: host.clone() }
        })?;
        let mut http = reqwest::Client::builder();
        if base.scheme() == "http" {
            // Plain HTTP goes to this computer only: never through a proxy
            // the environment names, which would see it in clear.
            http = http.no_proxy();
        }
        let http = http
            .tls_backend_preconfigured(tls)
            .https_only(base.scheme() == "https")
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("ssa-desktop/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                tracing::error!(error = %e, "the HTTP client");
                SsaError::Internal
            })?;
        Ok(Self { http, base, host })
    }

    /// One request: `body` as JSON (POST) or `query` (GET); the answer as
    /// `T`, or the server's refusal as the core's error.
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        token: Option<&mut Token>,
        query: Option<&(dyn erased::Query + Sync)>,
        body: Option<&(dyn erased::Body + Sync)>,
    ) -> Result<T> {
        let url = self.base.join(path).map_err(|_| SsaError::Internal)?;
        let mut request = self.http.request(method, url);
        if let Some(token) = &token {
            request = request.bearer_auth(token.value.as_str());
        }
        if let Some(query) = query {
            request = query.add_to(request);
        }
        if let Some(body) = body {
            request = body.add_to(request);
        }
        let response = request.send().await.map_err(|e| self.failed(&e))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| self.failed(&e))?;
        if status.is_success() {
            let bytes: &[u8] = if status == StatusCode::NO_CONTENT || bytes.is_empty() {
                b"null"
            } else {
                &bytes
            };
            return serde_json::from_slice(bytes).map_err(|e| {
                tracing::error!(error = %e, path, "the server's answer did not parse");
                SsaError::Internal
            });
        }
        let error = refusal(status, &bytes);
        if let (Some(token), SsaError::SessionEnded) = (token, &error) {
            token.ended = true;
        }
        Err(error)
    }

    fn failed(&self, error: &reqwest::Error) -> SsaError {
        let host = self.host.clone();
        if untrusted(error) {
            tracing::warn!(%host, "the server's certificate is not trusted");
            SsaError::ServerUntrusted { host }
        } else {
            // The error names the host and the cause, never a header.
            tracing::warn!(%host, error = %error, "the server did not answer");
            SsaError::ServerUnreachable { host }
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        token: &mut Token,
        query: Option<&(dyn erased::Query + Sync)>,
    ) -> Result<T> {
        self.call(Method::GET, path, Some(token), query, None).await
    }

    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&mut Token>,
        body: &(dyn erased::Body + Sync),
    ) -> Result<T> {
        self.call(Method::POST, path, token, None, Some(body)).await
    }

    pub async fn captcha(
        &self,
        screen: CaptchaScreen,
        old_id: Option<&str>,
    ) -> Result<CaptchaImage> {
        let body = api::CaptchaRequest {
            screen,
            old_id: old_id.map(str::to_owned),
        };
        self.post(paths::CAPTCHA, None, &body).await
    }

    pub async fn captcha_audio(
        &self,
        screen: CaptchaScreen,
        id: &str,
        voice: Voice,
    ) -> Result<CaptchaAudio> {
        let body = api::CaptchaAudioRequest {
            screen,
            id: id.to_owned(),
            voice,
        };
        self.post(paths::CAPTCHA_AUDIO, None, &body).await
    }

    pub async fn submit_registration(
        &self,
        form: &RegistrationForm,
    ) -> Result<PendingRegistration> {
        self.post(paths::REGISTRATION, None, form).await
    }

    pub async fn confirm_registration(
        &self,
        pending: &PendingRegistration,
        basic_password: &SecretString,
    ) -> Result<RegisteredUser> {
        let body = api::ConfirmRequest {
            token: pending.token().to_owned(),
            basic_password: Some(basic_password.expose_secret().to_owned()),
        };
        self.post(paths::REGISTRATION_CONFIRM, None, &body).await
    }

    pub async fn abandon(&self, token: &str) {
        let body = api::ConfirmRequest {
            token: token.to_owned(),
            basic_password: None,
        };
        if let Err(e) = self
            .post::<()>(paths::UNFINISHED_ABANDON, None, &body)
            .await
        {
            tracing::warn!(code = e.code(), "an unfinished step was left to expire");
        }
    }

    pub async fn recover(&self, form: &RecoveryForm) -> Result<()> {
        self.post(paths::RECOVERY, None, form).await
    }

    pub async fn check_cancellation(&self, form: &CancellationForm) -> Result<PendingCancellation> {
        self.post(paths::CANCELLATION, None, form).await
    }

    pub async fn confirm_cancellation(&self, pending: &PendingCancellation) -> Result<()> {
        let body = api::ConfirmRequest {
            token: pending.token().to_owned(),
            basic_password: None,
        };
        self.post(paths::CANCELLATION_CONFIRM, None, &body).await
    }

    pub async fn login(
        &self,
        internet_user_id: &str,
        password: &SecretString,
        kind: SessionKind,
    ) -> Result<(Token, NextStep)> {
        let body = api::LoginRequest {
            internet_user_id: internet_user_id.to_owned(),
            password: password.expose_secret().to_owned(),
            kiosk: kind == SessionKind::Kiosk,
        };
        let answer: api::LoginResponse = self.post(paths::LOGIN, None, &body).await?;
        let token = Token {
            value: Zeroizing::new(answer.token),
            basic_user_id: answer.basic_user_id,
            ended: false,
        };
        Ok((token, answer.next))
    }

    pub async fn notices(&self) -> Result<api::Notices> {
        self.call(Method::GET, paths::NOTICES, None, None, None)
            .await
    }

    pub async fn holidays(&self, month: &str) -> Result<Vec<PublicHoliday>> {
        let query = api::MonthRequest {
            month: month.to_owned(),
        };
        self.call(Method::GET, paths::HOLIDAYS, None, Some(&query), None)
            .await
    }

    pub async fn session_alive(&self, token: &mut Token) -> Result<NextStep> {
        let state: api::SessionState = self.get(paths::SESSION, token, None).await?;
        Ok(state.next)
    }

    pub async fn change_basic_password(
        &self,
        token: &mut Token,
        form: &ChangeBasicPasswordForm,
    ) -> Result<NextStep> {
        let state: api::SessionState = self.post(paths::BASIC_PASSWORD, Some(token), form).await?;
        Ok(state.next)
    }

    pub async fn change_internet_password(
        &self,
        token: &mut Token,
        form: &ChangeInternetPasswordForm,
    ) -> Result<NextStep> {
        let state: api::SessionState = self
            .post(paths::INTERNET_PASSWORD, Some(token), form)
            .await?;
        Ok(state.next)
    }

    pub async fn home(&self, token: &mut Token) -> Result<Home> {
        self.get(paths::HOME, token, None).await
    }

    pub async fn open_message(&self, token: &mut Token, id: i64) -> Result<MessageBody> {
        self.get(&paths::message(id), token, None).await
    }

    pub async fn holdings(
        &self,
        token: &mut Token,
        date: &str,
        with_zero: bool,
    ) -> Result<Vec<Holding>> {
        let query = api::HoldingsRequest {
            date: date.to_owned(),
            with_zero,
        };
        self.get(paths::HOLDINGS, token, Some(&query)).await
    }

    pub async fn movements(
        &self,
        token: &mut Token,
        request: &MovementsRequest,
    ) -> Result<MovementPage> {
        self.post(paths::MOVEMENTS, Some(token), request).await
    }

    pub async fn statement_dates(
        &self,
        token: &mut Token,
        month: &str,
    ) -> Result<Vec<chrono::NaiveDate>> {
        let query = api::MonthRequest {
            month: month.to_owned(),
        };
        self.get(paths::STATEMENT_DATES, token, Some(&query)).await
    }

    pub async fn daily_statement(&self, token: &mut Token, date: &str) -> Result<DailyStatement> {
        let query = api::DateRequest {
            date: date.to_owned(),
        };
        self.get(paths::DAILY_STATEMENT, token, Some(&query)).await
    }

    pub async fn monthly_statement(
        &self,
        token: &mut Token,
        month: &str,
    ) -> Result<MonthlyStatement> {
        let query = api::MonthRequest {
            month: month.to_owned(),
        };
        self.get(paths::MONTHLY_STATEMENT, token, Some(&query))
            .await
    }

    pub async fn balance_series(
        &self,
        token: &mut Token,
        request: &SeriesRequest,
    ) -> Result<Vec<(chrono::NaiveDate, i64)>> {
        let points: Vec<api::BalancePoint> = self.get(paths::SERIES, token, Some(request)).await?;
        Ok(points.into_iter().map(|p| (p.date, p.balance)).collect())
    }

    pub async fn export(&self, token: &mut Token, what: &ExportRequest) -> Result<Export> {
        self.post(paths::EXPORT, Some(token), what).await
    }

    pub async fn logout(&self, token: &mut Token) -> Result<()> {
        if token.ended {
            return Ok(());
        }
        let result = self
            .call(Method::POST, paths::LOGOUT, Some(token), None, None)
            .await;
        token.ended = true;
        match result {
            // Ended on the server already: logged out all the same.
            Err(SsaError::SessionEnded) => Ok(()),
            other => other,
        }
    }
}

/// A refusal read back: the core's error, or the server's own (`too-many-
/// requests`; `bad-request` and the rest mean a client and server that
/// do not match, an internal error to the reader).
fn refusal(status: StatusCode, body: &[u8]) -> SsaError {
    if let Ok(error) = serde_json::from_slice::<SsaError>(body) {
        return error;
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        return SsaError::ServerBusy;
    }
    let code = serde_json::from_slice::<api::ApiError>(body)
        .map(|e| e.code)
        .unwrap_or_default();
    tracing::error!(
        status = status.as_u16(),
        code,
        "the server refused a request"
    );
    SsaError::Internal
}

/// Query and body types behind one reference, so `call` is not generic
/// over them.
mod erased {
    pub trait Query {
        fn add_to(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder;
    }
    pub trait Body {
        fn add_to(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder;
    }
    impl<T: serde::Serialize> Query for T {
        fn add_to(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
            request.query(self)
        }
    }
    impl<T: serde::Serialize> Body for T {
        fn add_to(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
            request.json(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_back_as_the_cores_error() {
        let body =
            serde_json::to_vec(&SsaError::CurrentBasicPasswordWrong { attempts_left: 2 }).unwrap();
        assert_eq!(
            refusal(StatusCode::UNPROCESSABLE_ENTITY, &body),
            SsaError::CurrentBasicPasswordWrong { attempts_left: 2 }
        );
        assert_eq!(
            refusal(
                StatusCode::TOO_MANY_REQUESTS,
                br#"{"code":"too-many-requests"}"#
            ),
            SsaError::ServerBusy
        );
        assert_eq!(
            refusal(StatusCode::BAD_REQUEST, br#"{"code":"bad-request"}"#),
            SsaError::Internal
        );
        assert_eq!(
            refusal(StatusCode::BAD_GATEWAY, b"<html>"),
            SsaError::Internal
        );
    }
}
