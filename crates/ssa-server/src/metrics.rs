//! `/metrics` in Prometheus text: requests and their latency by route and
//! status, logins by outcome, codes drawn and refused, the core's refusals
//! by code, the IDs and accounts locked now, and the database pool's use. Counted for the
//! whole process; no value holds anything an investor typed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// Latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Route {
    count: u64,
    sum_seconds: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    /// (route, status) -> latency.
    routes: Mutex<BTreeMap<(String, u16), Route>>,
    logins_ok: AtomicU64,
    logins_refused: AtomicU64,
    codes_drawn: AtomicU64,
    codes_refused: AtomicU64,
    rate_limited: AtomicU64,
    /// The core's refusals by code (`login-failed`, `basic-account-locked`,
    /// `session-ended`, ...): codes only, never their data.
    refusals: Mutex<BTreeMap<&'static str, u64>>,
}

pub fn metrics() -> &'static Metrics {
    static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
    METRICS.get_or_init(Metrics::default)
}

impl Metrics {
    pub fn login(&self, ok: bool) {
        let counter = if ok {
            &self.logins_ok
        } else {
            &self.logins_refused
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn code_drawn(&self) {
        self.codes_drawn.fetch_add(1, Ordering::Relaxed);
    }

    pub fn code_refused(&self) {
        self.codes_refused.fetch_add(1, Ordering::Relaxed);
    }

    pub fn rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    pub fn refused(&self, code: &'static str) {
        let mut refusals = self.refusals.lock().unwrap_or_else(|p| p.into_inner());
        *refusals.entry(code).or_default() += 1;
    }

    fn observe(&self, route: &str, status: u16, seconds: f64) {
        let mut routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        let entry = routes.entry((route.to_owned(), status)).or_default();
        entry.count += 1;
        entry.sum_seconds += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                entry.buckets[i] += 1;
            }
        }
    }

    /// The Prometheus text exposition, with the core's figures of the
    /// moment (locked IDs and accounts, the database pool) when it gave
    /// them.
    pub fn render(&self, now: Option<ssa_core::HealthFigures>) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        if let Some(f) = now {
            let _ = writeln!(
                out,
                "# HELP ssa_locked Internet User IDs and basic accounts locked now.\n\
                 # TYPE ssa_locked gauge\n\
                 ssa_locked{{what=\"internet-user-id\"}} {}\n\
                 ssa_locked{{what=\"basic-account\"}} {}\n\
                 # HELP ssa_db_connections The database pool's connections.\n\
                 # TYPE ssa_db_connections gauge\n\
                 ssa_db_connections{{state=\"busy\"}} {}\n\
                 ssa_db_connections{{state=\"idle\"}} {}",
                f.locked_ids,
                f.locked_accounts,
                f.connections_open.saturating_sub(f.connections_idle),
                f.connections_idle
            );
        }
        {
            let refusals = self.refusals.lock().unwrap_or_else(|p| p.into_inner());
            let _ = writeln!(
                out,
                "# HELP ssa_refusals_total Requests the core refused, by code.\n\
                 # TYPE ssa_refusals_total counter"
            );
            for (code, n) in refusals.iter() {
                let _ = writeln!(out, "ssa_refusals_total{{code=\"{code}\"}} {n}");
            }
        }
        let counter = |out: &mut String, name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        };
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "# HELP ssa_logins_total Logins by outcome.\n# TYPE ssa_logins_total counter\n\
             ssa_logins_total{{outcome=\"ok\"}} {}\nssa_logins_total{{outcome=\"refused\"}} {}",
            load(&self.logins_ok),
            load(&self.logins_refused)
        );
        counter(
            &mut out,
            "ssa_codes_drawn_total",
            "Verification codes drawn.",
            load(&self.codes_drawn),
        );
        counter(
            &mut out,
            "ssa_codes_refused_total",
            "Forms refused for their verification code.",
            load(&self.codes_refused),
        );
        counter(
            &mut out,
            "ssa_rate_limited_total",
            "Requests refused by the per-address rate limit.",
            load(&self.rate_limited),
        );
        let _ = writeln!(
            out,
            "# HELP ssa_request_seconds Requests by route and status.\n# TYPE ssa_request_seconds histogram"
        );
        let routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        for ((route, status), r) in routes.iter() {
            let labels = format!("route=\"{route}\",status=\"{status}\"");
            for (bound, n) in BUCKETS.iter().zip(r.buckets) {
                let _ = writeln!(
                    out,
                    "ssa_request_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "ssa_request_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                 ssa_request_seconds_sum{{{labels}}} {}\nssa_request_seconds_count{{{labels}}} {}",
                r.count, r.sum_seconds, r.count
            );
        }
        out
    }
}

/// The middleware: times each request under its route's pattern (never the
/// path itself, which may hold a message ID or anything a client sends),
/// with a request ID on its tracing span.
pub async fn record(request: Request, next: Next) -> Response {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let span = tracing::info_span!("request", id, route = %route);
    let started = Instant::now();
    let response = tracing::Instrument::instrument(next.run(request), span.clone()).await;
    let status = response.status().as_u16();
    metrics().observe(&route, status, started.elapsed().as_secs_f64());
    span.in_scope(|| tracing::debug!(status, "answered"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_prometheus_exposition() {
        let m = Metrics::default();
        m.login(true);
        m.login(false);
        m.login(false);
        m.observe("/v1/home", 200, 0.003);
        m.refused("basic-account-locked");
        let text = m.render(Some(ssa_core::HealthFigures {
            locked_ids: 3,
            locked_accounts: 1,
            connections_open: 5,
            connections_idle: 2,
        }));
        assert!(text.contains("ssa_refusals_total{code=\"basic-account-locked\"} 1"));
        assert!(text.contains("ssa_locked{what=\"internet-user-id\"} 3"));
        assert!(text.contains("ssa_db_connections{state=\"busy\"} 3"));
        // Every line starts at its first column (strict exposition parsers).
        assert!(text.lines().all(|l| !l.starts_with(' ')), "{text}");
        assert!(
            text.contains("ssa_logins_total{outcome=\"refused\"} 2"),
            "{text}"
        );
        assert!(text.contains(
            "ssa_request_seconds_bucket{route=\"/v1/home\",status=\"200\",le=\"0.002\"} 0"
        ));
        assert!(text.contains(
            "ssa_request_seconds_bucket{route=\"/v1/home\",status=\"200\",le=\"0.005\"} 1"
        ));
        assert!(text.contains("ssa_request_seconds_count{route=\"/v1/home\",status=\"200\"} 1"));
    }
}
