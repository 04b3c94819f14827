//! The test bench: a fresh database per test (a temporary SQLite file, or a
//! new PostgreSQL database), an in-memory pepper store and a clock the test
//! sets; and the setups many rules start from (a registered user, a waiting
//! Confirm step, the forms of each screen), written once here.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
use ssa_core::domain::BasicAccountKey;
use ssa_core::store::{BasicAccountRow, InternetUserRow, StoreTable};
use ssa_core::{
    CancellationForm, CaptchaScreen, ChangeBasicPasswordForm, ChangeInternetPasswordForm,
    LoginSuccess, ManualClock, MemorySecretStore, NextStep, PendingRegistration, RecoveryForm,
    RegisteredUser, RegistrationForm, Session, SessionKind, Ssa, SsaError,
};

pub const CODE: &str = "Hk7Rt";

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct Env {
    pub ssa: Ssa,
    pub clock: Arc<ManualClock>,
    pub secrets: MemorySecretStore,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// Thursday 26 November 2026, 10:00 in Hong Kong: outside any maintenance window.
pub fn weekday_morning() -> DateTime<Utc> {
    hong_kong_time(2026, 11, 26, 10, 0, 0).expect("valid time")
}

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s)
}

/// A fresh database URL for the backend, or `None` when PostgreSQL is not
/// configured here.
pub async fn fresh_database(backend: Backend) -> Option<(String, Option<tempfile::TempDir>)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("ssa.db").display());
            Some((url, Some(dir)))
        }
        Backend::Postgres => {
            let admin = std::env::var("SSA_TEST_POSTGRES_URL").ok()?;
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            let name = format!("ssa_test_{:016x}", rand_u64());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            Some((format!("{base}/{name}"), None))
        }
    }
}

pub fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    h.finish()
}

impl Env {
    pub async fn new(backend: Backend) -> Option<Env> {
        let (url, dir) = fresh_database(backend).await?;
        let clock = Arc::new(ManualClock::new(weekday_morning()));
        let secrets = MemorySecretStore::new();
        let ssa = Ssa::open(&url, Arc::new(secrets.clone()), clock.clone())
            .await
            .expect("open the service layer");
        ssa.fix_captcha_answer(Some(CODE.to_owned()));
        Some(Env {
            ssa,
            clock,
            secrets,
            url,
            _dir: dir,
        })
    }

    /// The service layer opened again over the same database and pepper store.
    pub async fn restart(&self) -> Result<Ssa, SsaError> {
        let ssa = Ssa::open(
            &self.url,
            Arc::new(self.secrets.clone()),
            self.clock.clone(),
        )
        .await?;
        ssa.fix_captcha_answer(Some(CODE.to_owned()));
        Ok(ssa)
    }

    pub async fn provision(
        &self,
        basic: &str,
        participant: &str,
        ssa_number: &str,
        password: &str,
    ) {
        self.ssa
            .provision_basic_account(basic, participant, ssa_number, &secret(password))
            .await
            .expect("provision");
    }

    /// The account most tests use: 12345678 / C00088 / 01, initial Basic password 11112222.
    pub async fn provision_default(&self) {
        self.provision("12345678", "C00088", "01", "11112222").await;
    }

    pub async fn form(&self, internet_user_id: &str, password: &str) -> RegistrationForm {
        form_for(
            &self.ssa,
            "12345678",
            "C00088",
            "01",
            internet_user_id,
            password,
        )
        .await
    }

    /// Submit the Registration form for the default account.
    pub async fn submit(
        &self,
        internet_user_id: &str,
        password: &str,
    ) -> Result<PendingRegistration, SsaError> {
        self.ssa
            .submit_registration(&self.form(internet_user_id, password).await)
            .await
    }

    /// The Confirm step, with the Basic password typed there.
    pub async fn confirm(
        &self,
        pending: &PendingRegistration,
        basic_password: &str,
    ) -> Result<RegisteredUser, SsaError> {
        self.ssa
            .confirm_registration(pending, &secret(basic_password))
            .await
    }

    /// The default account provisioned and abcd1234 / abcdefghij123
    /// submitted: its Confirm step waits for the Basic password.
    pub async fn at_confirm(&self) -> PendingRegistration {
        self.provision_default().await;
        self.submit("abcd1234", "abcdefghij123")
            .await
            .expect("submitted")
    }

    /// Submit and confirm with the default account.
    pub async fn register(
        &self,
        internet_user_id: &str,
        password: &str,
    ) -> Result<RegisteredUser, SsaError> {
        let pending = self.submit(internet_user_id, password).await?;
        self.confirm(&pending, "11112222").await
    }

    pub async fn login(&self, id: &str, password: &str) -> Result<LoginSuccess, SsaError> {
        self.ssa
            .login(id, &secret(password), SessionKind::Desktop)
            .await
    }

    /// abcd1234 logged in with abcdefghij123 (after `ready_user`): its session.
    pub async fn session(&self) -> Session {
        self.login("abcd1234", "abcdefghij123")
            .await
            .expect("login")
            .session
    }

    /// Changes the Basic password in `session`, with a right code.
    pub async fn change_basic(
        &self,
        session: &mut Session,
        current: &str,
        new: &str,
    ) -> Result<NextStep, SsaError> {
        let form = change_basic_form(&self.ssa, current, new).await;
        self.ssa.change_basic_password(session, &form).await
    }

    /// Changes the Internet password in `session`.
    pub async fn change_internet(
        &self,
        session: &mut Session,
        current: &str,
        new: &str,
    ) -> Result<NextStep, SsaError> {
        let form = internet_form(current, new);
        self.ssa.change_internet_password(session, &form).await
    }

    /// The stored row of an Internet User ID, found in any case.
    pub async fn internet_user(&self, id: &str) -> InternetUserRow {
        self.ssa
            .store()
            .internet_user(id)
            .await
            .unwrap()
            .expect("stored")
    }

    /// The stored row of the default account (12345678 / C00088 / 01).
    pub async fn basic_account(&self) -> BasicAccountRow {
        self.ssa
            .store()
            .basic_account(&default_key())
            .await
            .unwrap()
            .expect("stored")
    }

    /// One number the database answers `sql` with.
    pub async fn scalar(&self, sql: &str) -> i64 {
        self.ssa.store().scalar_for_tests(sql).await.unwrap()
    }

    /// Runs `sql` as someone with the database could; the rows it touched.
    pub async fn execute(&self, sql: &str) -> u64 {
        self.ssa.store().execute_raw(sql).await.unwrap()
    }

    /// How many rows `table` holds.
    pub async fn rows(&self, table: StoreTable) -> i64 {
        self.ssa.store().count_rows(table).await.unwrap()
    }

    /// How many of the last `last` audit entries are of `kind`.
    pub async fn audited(&self, kind: &str, last: u32) -> usize {
        self.ssa
            .store()
            .audit_entries(last)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.kind == kind)
            .count()
    }
}

/// The account most tests use, as a key.
pub fn default_key() -> BasicAccountKey {
    BasicAccountKey::parse("12345678", "C00088", "01").unwrap()
}

/// Registers abcd1234 and completes the first-login Basic password change:
/// Internet password abcdefghij123, Basic password now 22223333.
pub async fn ready_user(env: &Env) {
    env.provision_default().await;
    env.register("abcd1234", "abcdefghij123")
        .await
        .expect("registered");
    let mut login = env.login("abcd1234", "abcdefghij123").await.expect("login");
    let form = change_basic_form(&env.ssa, "11112222", "22223333").await;
    env.ssa
        .change_basic_password(&mut login.session, &form)
        .await
        .expect("first change");
}

/// Submits the Registration form for `internet_user_id` on the account
/// `[basic, participant, ssa_number]`, as typed.
pub async fn submit_on(
    ssa: &Ssa,
    [basic, participant, ssa_number]: [&str; 3],
    internet_user_id: &str,
    password: &str,
) -> Result<PendingRegistration, SsaError> {
    let form = form_for(
        ssa,
        basic,
        participant,
        ssa_number,
        internet_user_id,
        password,
    )
    .await;
    ssa.submit_registration(&form).await
}

/// Submits and confirms `internet_user_id` on the account `[basic,
/// participant, ssa_number]`, proven with `basic_password`.
pub async fn register_on(
    ssa: &Ssa,
    account: [&str; 3],
    basic_password: &str,
    internet_user_id: &str,
    password: &str,
) -> Result<RegisteredUser, SsaError> {
    let pending = submit_on(ssa, account, internet_user_id, password).await?;
    ssa.confirm_registration(&pending, &secret(basic_password))
        .await
}

/// The default account provisioned on `ssa` (12345678 / C00088 / 01,
/// 11112222) and abcd1234 / abcdefghij123 registered on it.
pub async fn register_default_on(ssa: &Ssa) {
    ssa.provision_basic_account("12345678", "C00088", "01", &secret("11112222"))
        .await
        .unwrap();
    let account = ["12345678", "C00088", "01"];
    register_on(ssa, account, "11112222", "abcd1234", "abcdefghij123")
        .await
        .unwrap();
}

/// The Change Basic Password form, with a right verification code.
pub async fn change_basic_form(ssa: &Ssa, current: &str, new: &str) -> ChangeBasicPasswordForm {
    ChangeBasicPasswordForm {
        current_password: secret(current),
        new_password: secret(new),
        confirm_new_password: secret(new),
        captcha_id: ssa
            .new_captcha(CaptchaScreen::ChangeBasicPassword)
            .await
            .unwrap()
            .id,
        captcha_answer: secret(CODE),
    }
}

/// The Change Internet Password form.
pub fn internet_form(current: &str, new: &str) -> ChangeInternetPasswordForm {
    ChangeInternetPasswordForm {
        current_password: secret(current),
        new_password: secret(new),
        confirm_new_password: secret(new),
    }
}

/// The Forgot Password form for SSA C00088 / 01, with a right code.
pub async fn recovery(
    ssa: &Ssa,
    id: &str,
    basic: &str,
    basic_password: &str,
    new: &str,
) -> RecoveryForm {
    RecoveryForm {
        internet_user_id: id.into(),
        basic_user_id: basic.into(),
        participant_id: "C00088".into(),
        ssa_number: "01".into(),
        basic_password: secret(basic_password),
        new_password: secret(new),
        confirm_new_password: secret(new),
        captcha_id: ssa.new_captcha(CaptchaScreen::Recovery).await.unwrap().id,
        captcha_answer: secret(CODE),
    }
}

/// The Cancel Internet User ID form, with a right code.
pub async fn cancellation(env: &Env, id: &str, password: &str) -> CancellationForm {
    CancellationForm {
        internet_user_id: id.into(),
        password: secret(password),
        captcha_id: env
            .ssa
            .new_captcha(CaptchaScreen::Cancellation)
            .await
            .unwrap()
            .id,
        captcha_answer: secret(CODE),
    }
}

/// The reason of an operator's refusal; any other answer fails the test.
pub fn refused_reason(e: SsaError) -> String {
    match e {
        SsaError::OperatorRefused { reason } => reason,
        other => panic!("expected an operator refusal, got {other:?}"),
    }
}

/// A message in English only.
pub fn english(subject: &str, body: &str) -> ssa_core::NewMessage {
    ssa_core::NewMessage::new(subject, body, None, None, None, None, None).expect("a message")
}

pub async fn form_for(
    ssa: &Ssa,
    basic: &str,
    participant: &str,
    ssa_number: &str,
    internet_user_id: &str,
    password: &str,
) -> RegistrationForm {
    let captcha = ssa.new_captcha(CaptchaScreen::Registration).await.unwrap();
    RegistrationForm {
        basic_user_id: basic.into(),
        participant_id: participant.into(),
        ssa_number: ssa_number.into(),
        internet_user_id: internet_user_id.into(),
        internet_password: secret(password),
        confirm_internet_password: secret(password),
        captcha_id: captcha.id,
        captcha_answer: secret(CODE),
    }
}

/// Declares each named `async fn(Env)` as a test on SQLite and on PostgreSQL.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let env = crate::common::Env::new(crate::common::Backend::Sqlite).await.expect("sqlite");
                    super::$name(env).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    match crate::common::Env::new(crate::common::Backend::Postgres).await {
                        Some(env) => super::$name(env).await,
                        None => crate::common::postgres_absent(),
                    }
                }
            )*
        }
    };
}

/// Without a configured server the PostgreSQL half is skipped locally; CI
/// sets `SSA_REQUIRE_POSTGRES` so a missing server fails instead.
pub fn postgres_absent() {
    assert!(
        std::env::var_os("SSA_REQUIRE_POSTGRES").is_none(),
        "SSA_REQUIRE_POSTGRES is set but SSA_TEST_POSTGRES_URL is not"
    );
    eprintln!("PostgreSQL not configured (SSA_TEST_POSTGRES_URL): skipped");
}

/// The field errors of an `Invalid` answer, as (field, rule).
pub fn field_rules(err: &SsaError) -> Vec<(ssa_core::domain::Field, ssa_core::domain::Rule)> {
    err.field_errors()
        .iter()
        .map(|e| (e.field, e.rule.clone()))
        .collect()
}
