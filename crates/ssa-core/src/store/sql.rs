//! Statements written once for both backends: the text with `$n`
//! placeholders and its arguments ([`Sql`]), bound the same way on SQLite
//! and PostgreSQL.

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Database, Encode, FromRow, Type};

/// One value bound to a `$n` placeholder.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Int(i64),
    NullableInt(Option<i64>),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::NullableInt(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_owned()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_owned))
    }
}

/// A statement and its arguments, written once for both backends.
#[derive(Debug, Clone)]
pub(crate) struct Sql {
    pub(super) text: std::borrow::Cow<'static, str>,
    pub(super) args: Vec<Value>,
}

/// Starts a statement: `sql("... WHERE id = $1").arg(id)`. The text is
/// made by the code, never from input: input goes in as arguments.
pub(crate) fn sql(text: impl Into<std::borrow::Cow<'static, str>>) -> Sql {
    Sql {
        text: text.into(),
        args: Vec::new(),
    }
}

impl Sql {
    pub(crate) fn arg(mut self, value: impl Into<Value>) -> Self {
        self.args.push(value.into());
        self
    }

    /// The text for SQLite. SQLite keeps `$N` arguments in a list it
    /// searches by number for every argument it binds, so a statement with
    /// thousands of them (a multi-row INSERT) costs their square; plain `?`
    /// arguments are bound by position. A text whose arguments are `$1`,
    /// `$2`, ... each once and in order is given with `?` instead.
    pub(super) fn sqlite_text(&self) -> std::borrow::Cow<'_, str> {
        let text = self.text.as_ref();
        let bytes = text.as_bytes();
        let mut next = 1usize;
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'$' {
                let digits = bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let number = text[i + 1..i + 1 + digits].parse::<usize>().ok();
                if number != Some(next) {
                    return std::borrow::Cow::Borrowed(text);
                }
                out.push_str(&text[last..i]);
                out.push('?');
                next += 1;
                i += 1 + digits;
                last = i;
            } else {
                i += 1;
            }
        }
        if next == 1 {
            return std::borrow::Cow::Borrowed(text);
        }
        out.push_str(&text[last..]);
        std::borrow::Cow::Owned(out)
    }
}

/// A row type both backends can decode.
pub(crate) trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A query that takes `$n` arguments one by one: `Query` and `QueryAs` both
/// do, with the same `bind`, so [`bind`] is written once for both.
pub(super) trait BindValue<'q, DB: Database>: Sized {
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self;
}

impl<'q, DB: Database> BindValue<'q, DB>
    for sqlx::query::Query<'q, DB, <DB as Database>::Arguments<'q>>
{
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

impl<'q, DB: Database, O> BindValue<'q, DB>
    for sqlx::query::QueryAs<'q, DB, O, <DB as Database>::Arguments<'q>>
{
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

pub(super) fn bind<'q, DB, Q>(mut query: Q, args: &'q [Value]) -> Q
where
    DB: Database,
    Q: BindValue<'q, DB>,
    i64: Encode<'q, DB> + Type<DB>,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    bool: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
{
    for arg in args {
        query = match arg {
            Value::Int(v) => query.bind_value(*v),
            Value::NullableInt(v) => query.bind_value(*v),
            Value::Bool(v) => query.bind_value(*v),
            Value::Text(v) => query.bind_value(v.as_deref()),
        };
    }
    query
}

#[cfg(test)]
mod tests {
    use super::sql;

    #[test]
    fn sqlite_text_is_positional_only_when_arguments_run_in_order_once() {
        assert_eq!(
            sql("INSERT INTO t VALUES ($1, $2), ($3, $4)").sqlite_text(),
            "INSERT INTO t VALUES (?, ?), (?, ?)"
        );
        assert_eq!(
            sql("SELECT a FROM t WHERE a = $1 OR b = $1").sqlite_text(),
            "SELECT a FROM t WHERE a = $1 OR b = $1"
        );
        assert_eq!(
            sql("SELECT a FROM t WHERE a = $2 AND b = $1").sqlite_text(),
            "SELECT a FROM t WHERE a = $2 AND b = $1"
        );
        assert_eq!(sql("SELECT 1").sqlite_text(), "SELECT 1");
        assert_eq!(sql("SELECT $").sqlite_text(), "SELECT $");
    }
}
