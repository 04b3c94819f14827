//! The `/v1` routes: each is one call into the core. A route with a session
//! resumes it from its bearer token, lets the core check and touch it, and
//! keeps what the core did (activity, or its end). A refusal is the core's
//! error code and data, with the HTTP status that fits it.

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use secrecy::SecretString;
use ssa_api as api;
use ssa_api::paths;
use ssa_core::{Session, SessionKind, Ssa, SsaError};

mod account;

pub(crate) type Shared = Arc<Ssa>;

/// A refusal as the client reads it: `{code, args}` and a status.
pub struct Refusal(StatusCode, serde_json::Value);

impl From<SsaError> for Refusal {
    fn from(error: SsaError) -> Self {
        crate::metrics::metrics().refused(error.code());
        if let SsaError::Invalid(fields) = &error {
            if fields
                .iter()
                .any(|f| f.field == ssa_core::domain::Field::Captcha)
            {
                crate::metrics::metrics().code_refused();
            }
        }
        let status = match &error {
            SsaError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            SsaError::LoginFailed | SsaError::SessionEnded => StatusCode::UNAUTHORIZED,
            SsaError::NotAllowed => StatusCode::FORBIDDEN,
            SsaError::Maintenance { .. } => StatusCode::SERVICE_UNAVAILABLE,
            SsaError::Storage { .. } | SsaError::Internal | SsaError::Keyring { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            _ => StatusCode::BAD_REQUEST,
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            // The detail is logged, never sent (it may name a path or a host).
            tracing::error!(error = %error, "request failed");
        }
        Refusal(status, serde_json::to_value(&error).unwrap_or_default())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

/// A body or query that is not what the route takes (bad JSON, bad UTF-8,
/// a missing field): `bad-request`, never the parser's words.
pub(crate) fn bad_request(status: StatusCode) -> Refusal {
    let (status, code) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (status, "too-large"),
        StatusCode::NOT_FOUND => (status, "not-found"),
        _ => (StatusCode::BAD_REQUEST, "bad-request"),
    };
    let body = api::ApiError {
        code: code.into(),
        args: serde_json::Value::Null,
    };
    Refusal(status, serde_json::to_value(body).unwrap_or_default())
}

pub(crate) fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, Refusal> {
    body.map(|Json(t)| t)
        .map_err(|rejection| bad_request(rejection.status()))
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Refusal> {
    q.map(|Query(t)| t).map_err(|r| bad_request(r.status()))
}

/// The bearer token of the request, if it carries one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

/// Runs `call` on the session the request's token names, then keeps what
/// it did to the session.
pub(crate) async fn with_session<T>(
    ssa: &Ssa,
    headers: &HeaderMap,
    call: impl AsyncFnOnce(&Ssa, &mut Session) -> ssa_core::Result<T>,
) -> Result<T, Refusal> {
    let token = bearer(headers).ok_or(SsaError::SessionEnded)?;
    let mut session = ssa.resume_session(token).await?;
    let result = call(ssa, &mut session).await;
    if matches!(result, Err(SsaError::SessionEnded)) {
        // Ended for good (idle, maintenance, a locked or cancelled ID): an
        // unlock later must not bring this token back.
        ssa.end_stored_session(&mut session);
    }
    ssa.keep_session(token, &session).await?;
    Ok(result?)
}

/// The routes; those anyone may call without a session go through
/// `limiter` (a per-address rate limit).
pub fn router(ssa: Shared, limiter: crate::limit::Limiter) -> Router {
    let open = Router::new()
        .route(paths::LOGIN, post(login))
        .route(paths::CAPTCHA, post(account::captcha))
        .route(paths::CAPTCHA_AUDIO, post(account::captcha_audio))
        .route(paths::REGISTRATION, post(account::register))
        .route(
            paths::REGISTRATION_CONFIRM,
            post(account::confirm_registration),
        )
        .route(paths::RECOVERY, post(account::recover))
        .route(paths::UNFINISHED_ABANDON, post(account::abandon))
        .route(paths::NOTICES, get(notices))
        .route(paths::HOLIDAYS, get(holidays))
        .route(paths::CANCELLATION, post(account::cancel))
        .route(
            paths::CANCELLATION_CONFIRM,
            post(account::confirm_cancellation),
        )
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            crate::limit::limit,
        ));
    Router::new()
        .merge(open)
        .route(paths::LOGOUT, post(logout))
        .route(paths::SESSION, get(session))
        .route(paths::HOME, get(home))
        .route(paths::HOLDINGS, get(holdings))
        .route(paths::MOVEMENTS, post(movements))
        .route(paths::STATEMENT_DATES, get(statement_dates))
        .route(paths::DAILY_STATEMENT, get(daily))
        .route(paths::MONTHLY_STATEMENT, get(monthly))
        .route(paths::EXPORT, post(export))
        .route(paths::SERIES, get(series))
        .route(paths::MESSAGE, get(account::message))
        .route(paths::BASIC_PASSWORD, post(account::change_basic_password))
        .route(
            paths::INTERNET_PASSWORD,
            post(account::change_internet_password),
        )
        .route(paths::HEALTH, get(health))
        .route(paths::METRICS, get(metrics))
        .route_layer(axum::middleware::from_fn(crate::metrics::record))
        .fallback(|| async { bad_request(StatusCode::NOT_FOUND) })
        .with_state(ssa)
}

async fn login(
    State(ssa): State<Shared>,
    body: Result<Json<api::LoginRequest>, JsonRejection>,
) -> Result<Json<api::LoginResponse>, Refusal> {
    let request = json_body(body)?;
    let password = SecretString::from(request.password);
    let kind = if request.kiosk {
        SessionKind::Kiosk
    } else {
        SessionKind::Desktop
    };
    let success = ssa.login(&request.internet_user_id, &password, kind).await;
    crate::metrics::metrics().login(success.is_ok());
    let success = success?;
    let token = ssa.store_session(&success.session).await?;
    Ok(Json(api::LoginResponse {
        token: token.as_str().to_owned(),
        next: success.next,
        internet_user_id: success.session.internet_user_id.clone(),
        basic_user_id: success.session.basic_user_id.clone(),
    }))
}

async fn logout(State(ssa): State<Shared>, headers: HeaderMap) -> Result<StatusCode, Refusal> {
    with_session(&ssa, &headers, async |ssa, s| ssa.logout(s).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn session(
    State(ssa): State<Shared>,
    headers: HeaderMap,
) -> Result<Json<api::SessionState>, Refusal> {
    let next = with_session(&ssa, &headers, async |ssa, s| ssa.session_alive(s).await).await?;
    Ok(Json(api::SessionState { next }))
}

async fn home(State(ssa): State<Shared>, headers: HeaderMap) -> Result<Json<api::Home>, Refusal> {
    let home = with_session(&ssa, &headers, async |ssa, s| ssa.home(s).await).await?;
    Ok(Json(home))
}

async fn holdings(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<api::HoldingsRequest>, QueryRejection>,
) -> Result<Json<Vec<api::Holding>>, Refusal> {
    let request = query(q)?;
    let stocks = with_session(&ssa, &headers, async |ssa, s| {
        ssa.holdings_on(s, &request.date, request.with_zero).await
    })
    .await?;
    Ok(Json(stocks))
}

async fn movements(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<api::MovementsRequest>, JsonRejection>,
) -> Result<Json<api::MovementPage>, Refusal> {
    let request = json_body(body)?;
    let page = with_session(&ssa, &headers, async |ssa, s| {
        ssa.movements_enquiry(s, &request).await
    })
    .await?;
    Ok(Json(page))
}

async fn statement_dates(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<api::MonthRequest>, QueryRejection>,
) -> Result<Json<Vec<chrono::NaiveDate>>, Refusal> {
    let request = query(q)?;
    let dates = with_session(&ssa, &headers, async |ssa, s| {
        ssa.statement_dates_in(s, &request.month).await
    })
    .await?;
    Ok(Json(dates))
}

async fn daily(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<api::DateRequest>, QueryRejection>,
) -> Result<Json<api::DailyStatement>, Refusal> {
    let request = query(q)?;
    let statement = with_session(&ssa, &headers, async |ssa, s| {
        ssa.daily_statement_on(s, &request.date).await
    })
    .await?;
    Ok(Json(statement))
}

async fn monthly(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<api::MonthRequest>, QueryRejection>,
) -> Result<Json<api::MonthlyStatement>, Refusal> {
    let request = query(q)?;
    let statement = with_session(&ssa, &headers, async |ssa, s| {
        ssa.monthly_statement_of(s, &request.month).await
    })
    .await?;
    Ok(Json(statement))
}

/// The data of an export; the desktop makes the CSV or PDF of it.
async fn export(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<api::ExportRequest>, JsonRejection>,
) -> Result<Json<api::Export>, Refusal> {
    let request = json_body(body)?;
    let export = with_session(&ssa, &headers, async |ssa, s| {
        ssa.statement_export(s, &request).await
    })
    .await?;
    Ok(Json(export))
}

async fn series(
    State(ssa): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<api::SeriesRequest>, QueryRejection>,
) -> Result<Json<Vec<api::BalancePoint>>, Refusal> {
    let request = query(q)?;
    let points = with_session(&ssa, &headers, async |ssa, s| {
        ssa.balance_series_for(s, &request).await
    })
    .await?;
    Ok(Json(points.into_iter().map(Into::into).collect()))
}

async fn notices(State(ssa): State<Shared>) -> Result<Json<api::Notices>, Refusal> {
    Ok(Json(api::Notices {
        special_windows: ssa.upcoming_maintenance().await?,
        next_holiday: ssa.next_public_holiday().await?,
    }))
}

async fn holidays(
    State(ssa): State<Shared>,
    q: Result<Query<api::MonthRequest>, QueryRejection>,
) -> Result<Json<Vec<api::PublicHoliday>>, Refusal> {
    let request = query(q)?;
    Ok(Json(ssa.holidays_in_month(&request.month).await?))
}

/// The Prometheus text, to the machine itself only (a scraper on loopback,
/// or through the proxy's own port): the world sees `not-found`.
async fn metrics(State(ssa): State<Shared>, request: axum::extract::Request) -> Response {
    // Loopback and not forwarded: a proxy on this host adds the header.
    let local = request
        .extensions()
        .get::<crate::limit::Peer>()
        .is_some_and(|p| p.0.is_loopback())
        && !request.headers().contains_key("x-forwarded-for")
        && !request.headers().contains_key("forwarded");
    if !local {
        return bad_request(StatusCode::NOT_FOUND).into_response();
    }
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        crate::metrics::metrics().render(ssa.health_figures().await.ok()),
    )
        .into_response()
}

async fn health(State(ssa): State<Shared>) -> (StatusCode, Json<api::Health>) {
    let ready = ssa.ready().await;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(api::Health { live: true, ready }))
}
