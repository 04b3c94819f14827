//! The routes of a person's own account: codes, registration and its
//! Confirm, the two password changes, Forgot password, cancellation and its
//! Confirm, and opening a message. The forms are the core's own types.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use secrecy::SecretString;
use ssa_api as api;
use ssa_core::domain::Lang;
use ssa_core::{
    CancellationForm, CaptchaAudio, CaptchaImage, CaptchaScreen, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, RecoveryForm, RegisteredUser, RegistrationForm, SsaError, Voice,
};

use super::{json_body, with_session, Refusal, Shared};
use crate::wire;

/// A screen or a voice named as the window names them (kebab-case).
fn named<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, Refusal> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|_| super::bad_request(StatusCode::BAD_REQUEST))
}

/// A code drawn for the client's address: its wrong answers pause that
/// address only, not every investor.
pub(super) async fn captcha(
    State(ssa): State<Shared>,
    client: Option<axum::Extension<crate::limit::ClientAddr>>,
    body: Result<Json<api::CaptchaRequest>, JsonRejection>,
) -> Result<Json<CaptchaImage>, Refusal> {
    let request = json_body(body)?;
    let screen: CaptchaScreen = named(&request.screen)?;
    crate::metrics::metrics().code_drawn();
    let station = client.map_or_else(
        || "server".to_owned(),
        |axum::Extension(c)| format!("client {}", c.0),
    );
    // Refresh too draws for the client's address (an old code that expired
    // names no station any more).
    Ok(Json(ssa.new_captcha_at(
        screen,
        &station,
        request.old_id.as_deref(),
    )))
}

pub(super) async fn captcha_audio(
    State(ssa): State<Shared>,
    body: Result<Json<api::CaptchaAudioRequest>, JsonRejection>,
) -> Result<Json<CaptchaAudio>, Refusal> {
    let request = json_body(body)?;
    let screen: CaptchaScreen = named(&request.screen)?;
    let voice: Voice = named(&request.voice)?;
    Ok(Json(ssa.captcha_audio(screen, &request.id, voice)?))
}

pub(super) async fn register(
    State(ssa): State<Shared>,
    body: Result<Json<RegistrationForm>, JsonRejection>,
) -> Result<Json<api::Unfinished>, Refusal> {
    let form = json_body(body)?;
    let pending = ssa.submit_registration(&form).await?;
    let summary = pending.summary();
    Ok(Json(api::Unfinished {
        token: pending.token().to_owned(),
        internet_user_id: summary.internet_user_id,
        basic_user_id: summary.basic_user_id,
        participant_id: summary.participant_id,
        ssa_number: summary.ssa_number,
    }))
}

pub(super) async fn confirm_registration(
    State(ssa): State<Shared>,
    body: Result<Json<api::ConfirmRequest>, JsonRejection>,
) -> Result<Json<RegisteredUser>, Refusal> {
    let request = json_body(body)?;
    let pending = ssa.unfinished_registration(&request.token)?;
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
    Ok(Json(api::SessionState {
        next: wire::step(next),
    }))
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
    Ok(Json(api::SessionState {
        next: wire::step(next),
    }))
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
) -> Result<Json<api::Unfinished>, Refusal> {
    let form = json_body(body)?;
    let pending = ssa.check_cancellation(&form).await?;
    Ok(Json(api::Unfinished {
        token: pending.token().to_owned(),
        internet_user_id: pending.internet_user_id.clone(),
        basic_user_id: String::new(),
        participant_id: String::new(),
        ssa_number: String::new(),
    }))
}

pub(super) async fn confirm_cancellation(
    State(ssa): State<Shared>,
    body: Result<Json<api::ConfirmRequest>, JsonRejection>,
) -> Result<StatusCode, Refusal> {
    let request = json_body(body)?;
    let pending = ssa.unfinished_cancellation(&request.token)?;
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
    let three = |l: &ssa_core::domain::Localized| api::InThreeLanguages {
        en: l.get(Lang::En).to_owned(),
        zh_hk: l.get(Lang::ZhHk).to_owned(),
        zh_cn: l.get(Lang::ZhCn).to_owned(),
    };
    Ok(Json(api::MessageBody {
        reference: body.reference.clone(),
        posted_at_ms: body.posted_at.timestamp_millis(),
        subject: three(&body.subject),
        body: three(&body.body),
    }))
}
