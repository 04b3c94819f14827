//! A per-address rate limit on the routes anyone may call without a
//! session (login, codes, registration, Forgot password, cancellation): a
//! token bucket for each client address. The client's address is the
//! connection's peer, or, when the peer is a proxy listed with
//! `--trusted-proxy`, the last address in `X-Forwarded-For` that is not one
//! of those proxies: a header anyone else sends is not believed.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The connection's peer, set by the accept loop on every request.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub IpAddr);

/// The client's address as far as it can be believed (the peer, or what a
/// trusted proxy forwarded), set by [`limit`] for the routes after it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

/// How many unauthenticated requests one address may make.
#[derive(Debug, Clone)]
pub struct RateLimit {
    /// Requests at once before the limit bites.
    pub burst: u32,
    /// Requests a minute after that.
    pub per_minute: u32,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            burst: 30,
            per_minute: 60,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Addresses kept before the full buckets are forgotten.
const MAX_ADDRESSES: usize = 100_000;

#[derive(Clone)]
pub struct Limiter {
    rule: Arc<RateLimit>,
    buckets: Arc<Mutex<HashMap<IpAddr, (f64, Instant)>>>,
}

impl Limiter {
    pub fn new(rule: RateLimit) -> Self {
        Self {
            rule: Arc::new(rule),
            buckets: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The address a request comes from, as far as it can be believed.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.rule.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        forwarded
            .into_iter()
            .rev()
            .find(|a| !self.rule.trusted_proxies.contains(a))
            .unwrap_or(peer)
    }

    /// Takes one request from `client`'s bucket; false when it is empty.
    /// An IPv6 client is counted by its /64 (one subscriber's network).
    pub fn allow(&self, client: IpAddr) -> bool {
        let client = match client.to_canonical() {
            IpAddr::V6(v6) => {
                let mut octets = v6.octets();
                octets[8..].fill(0);
                IpAddr::from(octets)
            }
            v4 => v4,
        };
        let now = Instant::now();
        let burst = f64::from(self.rule.burst.max(1));
        let per_second = f64::from(self.rule.per_minute) / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_ADDRESSES {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The middleware: `429 too-many-requests` when the address's bucket is empty.
pub async fn limit(State(limiter): State<Limiter>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<Peer>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |p| p.0);
    let client = limiter.client(peer, request.headers());
    if !limiter.allow(client) {
        crate::metrics::metrics().rate_limited();
        let body = ssa_api::ApiError {
            code: "too-many-requests".into(),
            args: serde_json::Value::Null,
        };
        return (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    }
    request.extensions_mut().insert(ClientAddr(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        let limiter = Limiter::new(RateLimit {
            trusted_proxies: vec![proxy],
            ..RateLimit::default()
        });
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "1.2.3.4, 203.0.113.9".parse().unwrap());
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(limiter.client(stranger, &headers), stranger);
        // The last address the trusted proxy did not add itself.
        assert_eq!(
            limiter.client(proxy, &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        headers.insert("x-forwarded-for", "203.0.113.9, 10.0.0.5".parse().unwrap());
        assert_eq!(
            limiter.client(proxy, &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        headers.insert("x-forwarded-for", "garbage".parse().unwrap());
        assert_eq!(limiter.client(proxy, &headers), proxy);
    }

    #[test]
    fn a_bucket_allows_its_burst_then_refuses() {
        let limiter = Limiter::new(RateLimit {
            burst: 3,
            per_minute: 1,
            trusted_proxies: Vec::new(),
        });
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!((0..3).all(|_| limiter.allow(a)));
        assert!(!limiter.allow(a));
        assert!(limiter.allow(b), "another address has its own bucket");
        // One /64 is one bucket.
        let v6 = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!((0..3).all(|_| limiter.allow(v6("2001:db8:1:2::1"))));
        assert!(!limiter.allow(v6("2001:db8:1:2:ffff::9")));
        assert!(limiter.allow(v6("2001:db8:1:3::1")));
    }
}
