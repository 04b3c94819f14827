//! Demo mode's data: one SSA basic account with a known initial Basic
//! password, two broadcast messages and this year's and next year's public
//! holidays (`assets/demo.json`), and about three years of statement history
//! ([`super::movements_csv`]) whose last few movements arrive after the
//! first login. Made once per demo database, through the service like any
//! operator's work.

use secrecy::SecretString;

use crate::{Ssa, SsaError};

/// The demo account, shown on the Welcome screen in demo mode: a made-up
/// account with a made-up initial password, shown on purpose.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccount {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub basic_password: String,
    /// A second demo account whose Internet User ID the set-up registered
    /// and whose first login's Basic password change it made: it logs in
    /// at once, with no verification code to read.
    #[serde(default)]
    pub ready: Option<DemoLogin>,
}

/// The ready demo login: a made-up account with made-up passwords, shown
/// on Welcome on purpose, as the first demo account's initial password is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoLogin {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub internet_user_id: String,
    pub internet_password: String,
    /// The Basic password after the set-up's first-login change.
    pub basic_password: String,
}

/// The demo history's last day, kept in the data folder when the demo
/// database is made, so later parts of the same history can follow.
async fn provision_history(ssa: &Ssa, data_dir: &std::path::Path, ssas: &[(&str, &str)]) {
    use super::{stocks_csv, DemoPart};
    let end = crate::clock::hong_kong_date(ssa.now());
    if let Err(e) = std::fs::write(data_dir.join("demo-history.txt"), end.to_string()) {
        tracing::warn!(error = %e, "demo history date not kept");
    }
    if let Err(e) = ssa
        .import_stocks(stocks_csv().as_bytes(), false, &mut |_| {})
        .await
    {
        tracing::warn!(code = e.code(), "demo stocks not made");
        return;
    }
    for (participant_id, ssa_number) in ssas {
        import_part(ssa, participant_id, ssa_number, end, DemoPart::Earlier).await;
    }
}

/// Imports one part of one demo SSA's history ending on `end`; a refusal
/// is logged (the demo goes on without it).
async fn import_part(
    ssa: &Ssa,
    participant_id: &str,
    ssa_number: &str,
    end: chrono::NaiveDate,
    part: super::DemoPart,
) {
    let file = super::movements_csv(participant_id, ssa_number, end, part);
    match ssa
        .import_movements(file.as_bytes(), false, &mut |_| {})
        .await
    {
        Ok(report) if report.problem_count == 0 => {}
        Ok(report) => tracing::warn!(bad = report.problem_count, ?part, "demo movements refused"),
        Err(e) => tracing::warn!(code = e.code(), ?part, "demo movements not imported"),
    }
}

fn history_end(data_dir: &std::path::Path) -> Option<chrono::NaiveDate> {
    let text = std::fs::read_to_string(data_dir.join("demo-history.txt")).ok()?;
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Demo mode: the last few movements of the demo history arrive after the
/// first login, so "new since your last login" has something to say.
/// Importing them again adds nothing.
pub async fn deliver_latest_movements(ssa: &Ssa, data_dir: &std::path::Path, demo: &DemoAccount) {
    use super::DemoPart;
    let Some(end) = history_end(data_dir) else {
        return;
    };
    let ready = demo
        .ready
        .iter()
        .map(|r| (r.participant_id.as_str(), r.ssa_number.as_str()));
    let ssas = std::iter::once((demo.participant_id.as_str(), demo.ssa_number.as_str()));
    for (participant_id, ssa_number) in ssas.chain(ready) {
        import_part(ssa, participant_id, ssa_number, end, DemoPart::Latest).await;
    }
}

/// The ready login's account in `demo.json`: its IDs, its passwords after
/// the set-up, and the initial Basic password the set-up changes.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReadyFile {
    #[serde(flatten)]
    login: DemoLogin,
    initial_basic_password: String,
}

/// The meta key that marks a demo database: set by the demo set-up when
/// it finds the database empty. The ready login, a published login that
/// works at once, is made and offered in no other database.
const DEMO_DATABASE: &str = "demo-database";

/// Makes whatever of the ready login is not made yet (all of it on the
/// start that made the demo database; the rest when an earlier start was
/// cut short), and says whether it logs in straight to home, as Welcome
/// will promise: not when it is locked, cancelled, due a password change,
/// or could not be made.
async fn ready_login(
    ssa: &Ssa,
    data_dir: &std::path::Path,
    ready: &ReadyFile,
) -> Option<DemoLogin> {
    match make_ready_login(ssa, data_dir, ready).await {
        Ok(true) => Some(ready.login.clone()),
        Ok(false) => None,
        Err(e) => {
            tracing::warn!(code = e.code(), "demo ready login not made");
            None
        }
    }
}

async fn make_ready_login(
    ssa: &Ssa,
    data_dir: &std::path::Path,
    ready: &ReadyFile,
) -> crate::error::Result<bool> {
    use crate::domain::InternetUserId;
    use crate::NextStep;
    let r = &ready.login;
    let id = InternetUserId::parse(&r.internet_user_id).map_err(|_| SsaError::Internal)?;
    let user = ssa.store.internet_user(&id.key()).await?;
    if let Some(user) = &user {
        if user.cancelled_at.is_some() || user.locked {
            return Ok(false);
        }
        let Some(account) = ssa.store.basic_account_by_id(user.basic_account_id).await? else {
            return Ok(false);
        };
        match ssa.next_step_for(user, &account) {
            NextStep::Home => return Ok(true),
            NextStep::ChangeBasicPassword => {}
            NextStep::ChangeInternetPassword => return Ok(false),
        }
    }
    // Steps are due: the account and its history first, so that none of
    // it is "new" at the visitor's first login (importing again adds
    // nothing), then the registration, then the first login's change.
    let holder = ssa
        .store
        .account_of_ssa(&r.participant_id, &r.ssa_number)
        .await?;
    if holder.is_none() {
        ssa.provision_basic_account(
            &r.basic_user_id,
            &r.participant_id,
            &r.ssa_number,
            &SecretString::from(ready.initial_basic_password.as_str()),
        )
        .await?;
    }
    let end = history_end(data_dir).unwrap_or_else(|| crate::clock::hong_kong_date(ssa.now()));
    import_part(
        ssa,
        &r.participant_id,
        &r.ssa_number,
        end,
        super::DemoPart::Earlier,
    )
    .await;
    if user.is_none() {
        register_ready_login(ssa, ready).await?;
    }
    change_ready_basic_password(ssa, ready).await?;
    Ok(true)
}

/// Registers the ready login's Internet User ID on its provisioned basic
/// account through the service, as an investor at the window would (the
/// core answers its own code).
async fn register_ready_login(ssa: &Ssa, ready: &ReadyFile) -> crate::error::Result<()> {
    use crate::security::captcha::CaptchaScreen;
    use crate::service::RegistrationForm;
    let r = &ready.login;
    let secret = |s: &str| SecretString::from(s);
    let (captcha_id, captcha_answer) = ssa.answered_code(CaptchaScreen::Registration).await?;
    let form = RegistrationForm {
        basic_user_id: r.basic_user_id.clone(),
        participant_id: r.participant_id.clone(),
        ssa_number: r.ssa_number.clone(),
        internet_user_id: r.internet_user_id.clone(),
        internet_password: secret(&r.internet_password),
        confirm_internet_password: secret(&r.internet_password),
        captcha_id,
        captcha_answer,
    };
    let pending = ssa.submit_registration(&form).await?;
    ssa.confirm_registration(&pending, &secret(&ready.initial_basic_password))
        .await?;
    Ok(())
}

/// The ready login's first login: logs in, makes the forced Basic password
/// change (the core answers its own code) and logs out.
async fn change_ready_basic_password(ssa: &Ssa, ready: &ReadyFile) -> crate::error::Result<()> {
    use crate::security::captcha::CaptchaScreen;
    use crate::service::{ChangeBasicPasswordForm, SessionKind};
    let r = &ready.login;
    let secret = |s: &str| SecretString::from(s);
    let mut visit = ssa
        .login(
            &r.internet_user_id,
            &secret(&r.internet_password),
            SessionKind::Desktop,
        )
        .await?
        .session;
    let (captcha_id, captcha_answer) = ssa
        .answered_code(CaptchaScreen::ChangeBasicPassword)
        .await?;
    let form = ChangeBasicPasswordForm {
        current_password: secret(&ready.initial_basic_password),
        new_password: secret(&r.basic_password),
        confirm_new_password: secret(&r.basic_password),
        captcha_id,
        captcha_answer,
    };
    let changed = ssa.change_basic_password(&mut visit, &form).await;
    ssa.logout(&mut visit).await?;
    changed.map(|_| ())
}

/// Demo mode: one SSA basic account with a known initial Basic password, two
/// broadcast messages (from `demo.json`) and about three years of statement
/// history but its last few movements, made once per demo database.
pub async fn provision(ssa: &Ssa, data_dir: &std::path::Path) -> Option<DemoAccount> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DemoFile {
        #[serde(flatten)]
        account: DemoAccount,
        ready: ReadyFile,
        messages: Vec<DemoMessage>,
        holidays: Vec<DemoHoliday>,
    }
    /// A holiday on a fixed day of the year (`MM-DD`): the demo keeps this
    /// year's and next year's, so Welcome always has a next one to show.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DemoHoliday {
        month_day: String,
        name_en: String,
        name_zh_hk: String,
        name_zh_cn: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DemoMessage {
        subject_en: String,
        body_en: String,
        subject_zh_hk: Option<String>,
        body_zh_hk: Option<String>,
        subject_zh_cn: Option<String>,
        body_zh_cn: Option<String>,
    }
    let mut demo: DemoFile = serde_json::from_str(include_str!("../../assets/demo.json")).ok()?;
    match ssa.store.holds_records().await {
        Ok(false) => {
            if let Err(e) = ssa.store.meta_insert_if_absent(DEMO_DATABASE, "1").await {
                tracing::warn!(code = e.code(), "demo database not marked");
            }
        }
        Ok(true) => {}
        Err(e) => tracing::warn!(code = e.code(), "demo database not read"),
    }
    let a = &demo.account;
    let provisioned = ssa
        .provision_basic_account(
            &a.basic_user_id,
            &a.participant_id,
            &a.ssa_number,
            &SecretString::from(a.basic_password.as_str()),
        )
        .await;
    match provisioned {
        Ok(_) => {
            for m in &demo.messages {
                let message = crate::NewMessage::new(
                    &m.subject_en,
                    &m.body_en,
                    m.subject_zh_hk.as_deref(),
                    m.body_zh_hk.as_deref(),
                    m.subject_zh_cn.as_deref(),
                    m.body_zh_cn.as_deref(),
                    None,
                );
                let posted = match message {
                    Ok(message) => ssa.post_message(&message).await.map(|_| ()),
                    Err(e) => Err(e),
                };
                if let Err(e) = posted {
                    tracing::warn!(code = e.code(), "demo message not posted");
                }
            }
            provision_history(ssa, data_dir, &[(&a.participant_id, &a.ssa_number)]).await;
            let year = chrono::Datelike::year(&crate::clock::hong_kong_date(ssa.now()));
            for y in [year, year + 1] {
                for h in &demo.holidays {
                    let day = format!("{y:04}-{}", h.month_day);
                    if let Err(e) = ssa
                        .add_holiday(&day, &h.name_en, Some(&h.name_zh_hk), Some(&h.name_zh_cn))
                        .await
                    {
                        tracing::warn!(code = e.code(), "demo holiday not added");
                    }
                }
            }
        }
        Err(SsaError::OperatorRefused { .. }) => {} // made on an earlier start
        Err(e) => {
            tracing::warn!(code = e.code(), "demo account not provisioned");
            return None;
        }
    }
    let demo_database = matches!(ssa.store.meta(DEMO_DATABASE).await, Ok(Some(_)));
    demo.account.ready = if demo_database {
        ready_login(ssa, data_dir, &demo.ready).await
    } else {
        None
    };
    Some(demo.account)
}
