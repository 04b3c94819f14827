//! What the shell's commands call: the service layer in this process (the
//! demo, one computer, a branch's kiosks over its database), or an SSA
//! server over HTTPS (an investor at home). Both answer the core's own
//! types and refusals, so the shell's views, words and exports are one
//! code path; each method here is one call into the core or one request.
//!
//! A logged-in investor is a [`Visit`]: the core's `Session` in process, or
//! the server's bearer token, held in memory only.

use secrecy::SecretString;
use ssa_core::{
    CancellationForm, CaptchaAudio, CaptchaImage, CaptchaScreen, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, DailyStatement, Export, ExportRequest, Holding, Home, MessageBody,
    MonthlyStatement, MovementPage, MovementsRequest, NextStep, PendingCancellation,
    PendingRegistration, PublicHoliday, RecoveryForm, RegisteredUser, RegistrationForm, Result,
    SeriesRequest, Session, SessionKind, SpecialWindow, Ssa, SsaError, Voice,
};

mod remote;

pub use remote::Remote;

pub enum Backend {
    Embedded(Ssa),
    Remote(Remote),
}

/// A logged-in investor, as the backend knows it.
pub enum Visit {
    Embedded(Session),
    Remote(remote::Token),
}

impl Visit {
    pub fn basic_user_id(&self) -> &str {
        match self {
            Visit::Embedded(s) => &s.basic_user_id,
            Visit::Remote(t) => &t.basic_user_id,
        }
    }

    /// Ended for good (logout, the idle limit, maintenance, a locked ID):
    /// the shell forgets it.
    pub fn is_ended(&self) -> bool {
        match self {
            Visit::Embedded(s) => s.is_ended(),
            Visit::Remote(t) => t.ended,
        }
    }
}

/// A visit of the other backend: cannot happen, as one state holds one
/// backend; refused rather than trusted.
fn mismatch<T>() -> Result<T> {
    Err(SsaError::Internal)
}

impl Backend {
    /// The service layer in process, when this is one.
    pub fn embedded(&self) -> Option<&Ssa> {
        match self {
            Backend::Embedded(ssa) => Some(ssa),
            Backend::Remote(_) => None,
        }
    }

    pub async fn warm_up(&self) -> Result<()> {
        match self {
            Backend::Embedded(ssa) => ssa.warm_up().await,
            Backend::Remote(_) => Ok(()),
        }
    }

    pub async fn new_captcha(&self, screen: CaptchaScreen) -> Result<CaptchaImage> {
        match self {
            Backend::Embedded(ssa) => ssa.new_captcha(screen).await,
            Backend::Remote(r) => r.captcha(screen, None).await,
        }
    }

    pub async fn refresh_captcha(
        &self,
        screen: CaptchaScreen,
        old_id: &str,
    ) -> Result<CaptchaImage> {
        match self {
            Backend::Embedded(ssa) => ssa.refresh_captcha(screen, old_id).await,
            Backend::Remote(r) => r.captcha(screen, Some(old_id)).await,
        }
    }

    pub async fn captcha_audio(
        &self,
        screen: CaptchaScreen,
        id: &str,
        voice: Voice,
    ) -> Result<CaptchaAudio> {
        match self {
            Backend::Embedded(ssa) => ssa.captcha_audio(screen, id, voice).await,
            Backend::Remote(r) => r.captcha_audio(screen, id, voice).await,
        }
    }

    pub async fn submit_registration(
        &self,
        form: &RegistrationForm,
    ) -> Result<PendingRegistration> {
        match self {
            Backend::Embedded(ssa) => ssa.submit_registration(form).await,
            Backend::Remote(r) => r.submit_registration(form).await,
        }
    }

    /// Confirm, and whether the step may still be confirmed (a wrong Basic
    /// password may be typed again within the step's 5 minutes). In
    /// process the core says; a server's step ends with success or its
    /// expiry, and a step the server ended meanwhile answers
    /// `pending-expired` to the next try.
    pub async fn confirm_registration(
        &self,
        pending: &PendingRegistration,
        basic_password: &SecretString,
    ) -> (Result<RegisteredUser>, bool) {
        match self {
            Backend::Embedded(ssa) => {
                let result = ssa.confirm_registration(pending, basic_password).await;
                (result, ssa.is_unfinished(pending.token()).await)
            }
            Backend::Remote(r) => {
                let result = r.confirm_registration(pending, basic_password).await;
                let open = matches!(&result, Err(e) if *e != SsaError::PendingExpired);
                (result, open)
            }
        }
    }

    /// Forgets a step waiting for its Confirm. A store or server that
    /// cannot be reached forgets it in 5 minutes by itself.
    pub async fn abandon_unfinished(&self, token: &str) {
        match self {
            Backend::Embedded(ssa) => {
                if let Err(e) = ssa.abandon_unfinished(token).await {
                    tracing::warn!(code = e.code(), "an unfinished step was left to expire");
                }
            }
            Backend::Remote(r) => r.abandon(token).await,
        }
    }

    pub async fn recover_internet_password(&self, form: &RecoveryForm) -> Result<()> {
        match self {
            Backend::Embedded(ssa) => ssa.recover_internet_password(form).await,
            Backend::Remote(r) => r.recover(form).await,
        }
    }

    pub async fn check_cancellation(&self, form: &CancellationForm) -> Result<PendingCancellation> {
        match self {
            Backend::Embedded(ssa) => ssa.check_cancellation(form).await,
            Backend::Remote(r) => r.check_cancellation(form).await,
        }
    }

    pub async fn confirm_cancellation(&self, pending: &PendingCancellation) -> Result<()> {
        match self {
            Backend::Embedded(ssa) => ssa.confirm_cancellation(pending).await,
            Backend::Remote(r) => r.confirm_cancellation(pending).await,
        }
    }

    pub async fn login(
        &self,
        internet_user_id: &str,
        password: &SecretString,
        kind: SessionKind,
    ) -> Result<(Visit, NextStep)> {
        match self {
            Backend::Embedded(ssa) => {
                let success = ssa.login(internet_user_id, password, kind).await?;
                Ok((Visit::Embedded(success.session), success.next))
            }
            Backend::Remote(r) => {
                let (token, next) = r.login(internet_user_id, password, kind).await?;
                Ok((Visit::Remote(token), next))
            }
        }
    }

    pub async fn upcoming_maintenance(&self) -> Result<Vec<SpecialWindow>> {
        match self {
            Backend::Embedded(ssa) => ssa.upcoming_maintenance().await,
            Backend::Remote(r) => Ok(r.notices().await?.special_windows),
        }
    }

    pub async fn next_public_holiday(&self) -> Result<Option<PublicHoliday>> {
        match self {
            Backend::Embedded(ssa) => ssa.next_public_holiday().await,
            Backend::Remote(r) => Ok(r.notices().await?.next_holiday),
        }
    }

    pub async fn holidays_in_month(&self, month: &str) -> Result<Vec<PublicHoliday>> {
        match self {
            Backend::Embedded(ssa) => ssa.holidays_in_month(month).await,
            Backend::Remote(r) => r.holidays(month).await,
        }
    }
}

/// The calls that need a logged-in investor: each is the core's method of
/// the same name, or the route that calls it.
macro_rules! with_visit {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty => $remote:ident;
    )*) => {
        impl Backend {
            $(
                $(#[$doc])*
                pub async fn $name(&self, visit: &mut Visit, $($arg: $ty),*) -> Result<$out> {
                    match (self, visit) {
                        (Backend::Embedded(ssa), Visit::Embedded(s)) => ssa.$name(s, $($arg),*).await,
                        (Backend::Remote(r), Visit::Remote(t)) => r.$remote(t, $($arg),*).await,
                        _ => mismatch(),
                    }
                }
            )*
        }
    };
}

with_visit! {
    /// Whether the session lives and what is due, without counting as activity.
    fn session_alive() -> NextStep => session_alive;
    fn change_basic_password(form: &ChangeBasicPasswordForm) -> NextStep => change_basic_password;
    fn change_internet_password(form: &ChangeInternetPasswordForm) -> NextStep => change_internet_password;
    fn home() -> Home => home;
    fn open_message(id: i64) -> MessageBody => open_message;
    fn holdings_on(date: &str, with_zero: bool) -> Vec<Holding> => holdings;
    fn movements_enquiry(request: &MovementsRequest) -> MovementPage => movements;
    fn statement_dates_in(month: &str) -> Vec<chrono::NaiveDate> => statement_dates;
    fn daily_statement_on(date: &str) -> DailyStatement => daily_statement;
    fn monthly_statement_of(month: &str) -> MonthlyStatement => monthly_statement;
    fn balance_series_for(request: &SeriesRequest) -> Vec<(chrono::NaiveDate, i64)> => balance_series;
    fn statement_export(what: &ExportRequest) -> Export => export;
    fn logout() -> () => logout;
}

impl Backend {
    /// Ends the visit with the reason the audit log keeps (the idle limit,
    /// a new login): a server's session ends as a logout.
    pub async fn end_session(&self, visit: &mut Visit, outcome: &'static str) -> Result<()> {
        match (self, visit) {
            (Backend::Embedded(ssa), Visit::Embedded(s)) => ssa.end_session(s, outcome).await,
            (Backend::Remote(r), Visit::Remote(t)) => r.logout(t).await,
            _ => mismatch(),
        }
    }
}
