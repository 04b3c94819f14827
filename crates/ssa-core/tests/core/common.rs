//! The test bench: a fresh database per test (a temporary SQLite file, or a
//! new PostgreSQL database), an in-memory pepper store and a clock the test
//! sets.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
use ssa_core::{
    CaptchaScreen, LoginSuccess, ManualClock, MemorySecretStore, RegisteredUser, RegistrationForm,
    SessionKind, Ssa, SsaError,
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

    pub fn form(&self, internet_user_id: &str, password: &str) -> RegistrationForm {
        form_for(
            &self.ssa,
            "12345678",
            "C00088",
            "01",
            internet_user_id,
            password,
        )
    }

    /// Submit and confirm with the default account.
    pub async fn register(
        &self,
        internet_user_id: &str,
        password: &str,
    ) -> Result<RegisteredUser, SsaError> {
        let pending = self
            .ssa
            .submit_registration(&self.form(internet_user_id, password))
            .await?;
        self.ssa
            .confirm_registration(&pending, &secret("11112222"))
            .await
    }

    pub async fn login(&self, id: &str, password: &str) -> Result<LoginSuccess, SsaError> {
        self.ssa
            .login(id, &secret(password), SessionKind::Desktop)
            .await
    }
}

/// A message in English only.
pub fn english(subject: &str, body: &str) -> ssa_core::NewMessage {
    ssa_core::NewMessage::new(subject, body, None, None, None, None, None).expect("a message")
}

pub fn form_for(
    ssa: &Ssa,
    basic: &str,
    participant: &str,
    ssa_number: &str,
    internet_user_id: &str,
    password: &str,
) -> RegistrationForm {
    let captcha = ssa.new_captcha(CaptchaScreen::Registration);
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
