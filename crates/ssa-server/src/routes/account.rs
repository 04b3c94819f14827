//! The routes of a person's own account: codes, registration and its
//! Confirm, the two password changes, Forgot password, cancellation and its
//! Confirm, and opening a message. The forms are the core's own types.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use secrecy::SecretString;
use ssa_api as api;
use ssa_core::{
    CancellationForm, CaptchaAudio, CaptchaImage, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, RecoveryForm, RegisteredUser, RegistrationForm, SsaError,
};

use super::{json_body, with_session, Refusal, Shared};

/// A code drawn for the client's address: its wrong answers pause that
/// address only, not every investor.
pub(super) async fn captcha(
    State(ssa): State<Shared>,
    client: Option<axum::Extension<crate::limit::ClientAddr>>,
    body: Result<Json<api::CaptchaRequest>, JsonRejection>,
) -> Result<Json<CaptchaImage>, Refusal> {
    let request = json_body(body)?;
    crate::metrics::metrics().code_drawn();
    let station = client.map_or_else(
        || "server".to_owned(),
        |axum::Extension(c)| format!("client {}", c.0),
    );
    // Refresh too draws for the client's address (an old code that expired
    // names no station any more).
    Ok(Json(
        ssa.new_captcha_at(request.screen, &station, request.old_id.as_deref())
            .await?,
    ))
}

pub(super) async fn captcha_audio(
    State(ssa): State<Shared>,
    body: Result<Json<api::CaptchaAudioRequest>, JsonRejection>,
) -> Result<Json<CaptchaAudio>, Refusal> {
    let request = json_body(body)?;
    Ok(Json(
        ssa.captcha_audio(request.screen, &request.id, request.voice)
            .await?,
    ))
}

pub(super) async fn register(
    State(ssa): State<Shared>,
    body: Result<Json<RegistrationForm>, JsonRejection>,
) -> Result<Json<api::PendingRegistration>, Refusal> {
    let form = json_body(body)?;
    Ok(Json(ssa.submit_registration(&form).await?))
}

pub(super) async fn confirm_registration(
    State(ssa): State<Shared>,
    body: Result<Json<api::ConfirmRequest>, JsonRejection>,
) -> Result<Json<RegisteredUser>, Refusal> {
    let request = json_body(body)?;
    let pending = ssa.unfinished_registration(&request.token).await?;
    let password = SecretString::from(request.basic_password.unwrap_or_default());
    Ok(Json(ssa.confirm_registration(&pending, &password).await?))
}

pub(super) async fn change_basic_password(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<ChangeBasicPasswordForm>, JsonRejection>,
) -> Result<Json<api::SessionState>, Refusal> {
    let form = json_body(body)?;
    let next = with_session(&ssa, &headers, async |ssa, s| {
        ssa.change_basic_password(s, &form).await
    })
    .await?;
    Ok(Json(api::SessionState { next }))
}

pub(super) async fn change_internet_password(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<ChangeInternetPasswordForm>, JsonRejection>,
) -> Result<Json<api::SessionState>, Refusal> {
    let form = json_body(body)?;
    let next = with_session(&ssa, &headers, async |ssa, s| {
        ssa.change_internet_password(s, &form).await
    })
    .await?;
    Ok(Json(api::SessionState { next }))
}

pub(super) async fn recover(
    State(ssa): State<Shared>,
    body: Result<Json<RecoveryForm>, JsonRejection>,
) -> Result<StatusCode, Refusal> {
    let form = json_body(body)?;
    ssa.recover_internet_password(&form).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn cancel(
    State(ssa): State<Shared>,
    body: Result<Json<CancellationForm>, JsonRejection>,
) -> Result<Json<api::PendingCancellation>, Refusal> {
    let form = json_body(body)?;
    Ok(Json(ssa.check_cancellation(&form).await?))
}

/// Back, Clear or another screen: the step waiting for its Confirm is
/// dropped, so nothing is left to confirm.
pub(super) async fn abandon(
    State(ssa): State<Shared>,
    body: Result<Json<api::ConfirmRequest>, JsonRejection>,
) -> Result<StatusCode, Refusal> {
    let request = json_body(body)?;
    ssa.abandon_unfinished(&request.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn confirm_cancellation(
    State(ssa): State<Shared>,
    body: Result<Json<api::ConfirmRequest>, JsonRejection>,
) -> Result<StatusCode, Refusal> {
    let request = json_body(body)?;
    let pending = ssa.unfinished_cancellation(&request.token).await?;
    ssa.confirm_cancellation(&pending).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn message(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<api::MessageBody>, Refusal> {
    let id: i64 = id.parse().map_err(|_| SsaError::NotAllowed)?;
    let body = with_session(&ssa, &headers, async |ssa, s| ssa.open_message(s, id).await).await?;
    Ok(Json(body))
}
