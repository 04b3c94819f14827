//! Rows as the store reads them. Times are UTC milliseconds.

/// No `Debug`: the row holds a password hash, which is never to be logged.
#[derive(Clone, sqlx::FromRow)]
pub struct BasicAccountRow {
    pub id: i64,
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub password_hash: String,
    pub password_is_initial: bool,
    pub failed_attempts: i64,
    pub locked: bool,
}

/// No `Debug`: the row holds a password hash, which is never to be logged.
#[derive(Clone, sqlx::FromRow)]
pub struct InternetUserRow {
    pub id: i64,
    pub internet_user_id: String,
    pub basic_account_id: i64,
    pub password_hash: String,
    pub password_changed_at: i64,
    pub failed_attempts: i64,
    pub locked: bool,
    pub cancelled_at: Option<i64>,
    pub last_login_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub reference: String,
    pub posted_at: i64,
    pub subject: String,
    pub body: String,
    pub subject_zh_hk: Option<String>,
    pub body_zh_hk: Option<String>,
    pub subject_zh_cn: Option<String>,
    pub body_zh_cn: Option<String>,
    pub ends_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub read: bool,
}
