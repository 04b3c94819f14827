//! What may be reached in clear: this computer only. One rule for every
//! link the app makes: the branch's database (`store/transport.rs`), the SSA
//! server the window talks to (the shell's remote backend) and the server a
//! kiosk policy names (`policy.rs`).

use crate::error::{Result, SsaError};

/// Whether `host` (a name or an address, IPv6 in brackets or not) is this
/// computer: `localhost` or a loopback address. `localhost.example.com` is
/// not.
pub fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// An SSA server's address, refused before anything is sent when it is not
/// a URL, carries a user name or password, is plain `http://` off this
/// computer, or is neither `https` nor `http`. The address as typed is never
/// put in the error: it may hold a password; only its host is.
pub fn server_address(text: &str) -> Result<url::Url> {
    let unreachable = |host: &str| SsaError::ServerUnreachable {
        host: host.to_owned(),
    };
    let url = url::Url::parse(text.trim()).map_err(|_| unreachable("?"))?;
    let host = url.host_str().ok_or_else(|| unreachable("?"))?.to_owned();
    if !url.username().is_empty() || url.password().is_some() {
        return Err(unreachable(&host));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback_host(&host) => Ok(url),
        "http" => Err(SsaError::InsecureServerLink { host }),
        _ => Err(unreachable(&host)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_off_this_computer() {
        assert!(server_address("http://127.0.0.1:8443").is_ok());
        assert!(server_address("http://localhost:8443").is_ok());
        assert!(server_address("http://[::1]:8443").is_ok());
        assert!(server_address("https://ssa.example.com").is_ok());
        assert_eq!(
            server_address("http://ssa.example.com").unwrap_err(),
            SsaError::InsecureServerLink {
                host: "ssa.example.com".into()
            }
        );
        assert_eq!(
            server_address("http://localhost.example.com")
                .unwrap_err()
                .code(),
            "insecure-server-link"
        );
        for bad in [
            "ssa.example.com",
            "ftp://ssa.example.com",
            "https://user:pw@ssa.example.com",
        ] {
            let refused = server_address(bad).unwrap_err();
            assert_eq!(refused.code(), "server-unreachable", "{bad}");
            // What the window shows names no password.
            assert!(!format!("{refused:?}").contains("pw"), "{refused:?}");
        }
    }
}
