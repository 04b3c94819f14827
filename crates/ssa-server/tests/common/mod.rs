//! A server on loopback over TLS with a certificate made for the run, a
//! client that trusts only the run's CA, and investors registered in
//! process with the demo history.

#![allow(clippy::unwrap_used, dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
use ssa_core::{CaptchaScreen, ManualClock, MemorySecretStore, RegistrationForm, SessionKind, Ssa};
use ssa_server::Limits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const CODE: &str = "Kx7Pq";

pub use ssa_server::testing::{certificates, Certificates, Instance};

/// The database every instance of a test shares, and the clock they read.
pub struct Deployment {
    pub url: String,
    pub secrets: MemorySecretStore,
    pub clock: Arc<ManualClock>,
    pub certs: Certificates,
    _dir: tempfile::TempDir,
}

impl Deployment {
    /// A new database: on the PostgreSQL server SSA_TEST_POSTGRES_URL
    /// names (a database made for the test, as several instances of a real
    /// deployment share one), else a SQLite file.
    pub async fn new() -> Deployment {
        let dir = tempfile::tempdir().unwrap();
        let url = ssa_server::testing::fresh_database(dir.path()).await;
        let deployment = Deployment {
            url,
            secrets: MemorySecretStore::new(),
            clock: Arc::new(ManualClock::new(
                hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap(),
            )),
            certs: certificates(),
            _dir: dir,
        };
        let ssa = deployment.open().await;
        ssa.import_stocks(ssa_core::demo::stocks_csv().as_bytes(), false, &mut |_| {})
            .await
            .unwrap();
        deployment
    }

    pub async fn open(&self) -> Ssa {
        let ssa = Ssa::open(
            &self.url,
            Arc::new(self.secrets.clone()),
            self.clock.clone(),
        )
        .await
        .unwrap();
        ssa.fix_captcha_answer(Some(CODE.into()));
        ssa
    }

    /// An instance on a free loopback port.
    pub async fn start(&self, limits: Limits) -> Instance {
        Instance::start(Arc::new(self.open().await), &self.certs, limits).await
    }

    /// An investor on SSA `participant`/`ssa_number` with the demo history,
    /// registered as `internet_user_id` (password `abcdefghij123`) and past
    /// the first login's Basic password change.
    pub async fn investor(&self, basic: &str, ssa_number: &str, internet_user_id: &str) {
        self.investor_on("C00088", basic, ssa_number, internet_user_id)
            .await;
    }

    /// The broker opens the basic account `basic` on SSA C00088/`ssa_number`
    /// (initial Basic password 11112222).
    pub async fn provision(&self, basic: &str, ssa_number: &str) {
        self.open()
            .await
            .provision_basic_account(basic, "C00088", ssa_number, &SecretString::from("11112222"))
            .await
            .unwrap();
    }

    /// [`Deployment::investor`] on another participant's SSA.
    pub async fn investor_on(
        &self,
        participant: &str,
        basic: &str,
        ssa_number: &str,
        internet_user_id: &str,
    ) {
        let ssa = self.open().await;
        let secret = |s: &str| SecretString::from(s.to_owned());
        ssa.provision_basic_account(basic, participant, ssa_number, &secret("11112222"))
            .await
            .unwrap();
        let image = ssa.new_captcha(CaptchaScreen::Registration).await.unwrap();
        let form = RegistrationForm {
            basic_user_id: basic.into(),
            participant_id: participant.into(),
            ssa_number: ssa_number.into(),
            internet_user_id: internet_user_id.into(),
            internet_password: secret("abcdefghij123"),
            confirm_internet_password: secret("abcdefghij123"),
            captcha_id: image.id,
            captcha_answer: secret(CODE),
        };
        let pending = ssa.submit_registration(&form).await.unwrap();
        ssa.confirm_registration(&pending, &secret("11112222"))
            .await
            .unwrap();
        let mut login = ssa
            .login(
                internet_user_id,
                &secret("abcdefghij123"),
                SessionKind::Desktop,
            )
            .await
            .unwrap();
        let image = ssa
            .new_captcha(CaptchaScreen::ChangeBasicPassword)
            .await
            .unwrap();
        let form = ssa_core::ChangeBasicPasswordForm {
            current_password: secret("11112222"),
            new_password: secret("22223333"),
            confirm_new_password: secret("22223333"),
            captcha_id: image.id,
            captcha_answer: secret(CODE),
        };
        ssa.change_basic_password(&mut login.session, &form)
            .await
            .unwrap();
        ssa.logout(&mut login.session).await.unwrap();
    }

    /// The demo's movements for one SSA, up to the clock's day.
    pub async fn history(&self, ssa_number: &str) {
        self.history_on("C00088", ssa_number).await;
    }

    /// [`Deployment::history`] on another participant's SSA.
    pub async fn history_on(&self, participant: &str, ssa_number: &str) {
        let ssa = self.open().await;
        let csv = ssa_core::demo::movements_csv(
            participant,
            ssa_number,
            self.today(),
            ssa_core::demo::DemoPart::All,
        );
        let report = ssa
            .import_movements(csv.as_bytes(), false, &mut |_| {})
            .await
            .unwrap();
        assert!(report.added > 0, "{report:?}");
    }

    pub fn today(&self) -> NaiveDate {
        use ssa_core::Clock;
        ssa_core::clock::hong_kong_date(self.clock.now())
    }
}

/// An HTTP answer: its status and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// The header lines, names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

/// A TLS client that trusts only `ca_pem`.
pub fn connector(ca_pem: &str) -> tokio_rustls::TlsConnector {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// Sends raw bytes over TLS to `addr` and reads the answer to its end.
pub async fn exchange(
    connector: &tokio_rustls::TlsConnector,
    addr: SocketAddr,
    request: &[u8],
) -> std::io::Result<Answer> {
    let tcp = TcpStream::connect(addr).await?;
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = connector.connect(name, tcp).await?;
    tls.write_all(request).await?;
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), tls.read_to_end(&mut raw)).await;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text.as_str(), ""));
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Ok(Answer {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// A client of one instance, holding a token once logged in.
pub struct Client {
    pub addr: SocketAddr,
    pub token: Option<String>,
    /// Sent as X-Forwarded-For, as a proxy in front would.
    pub forwarded_for: Option<String>,
    connector: tokio_rustls::TlsConnector,
}

impl Client {
    pub fn new(deployment: &Deployment, instance: &Instance) -> Client {
        Client {
            addr: instance.addr,
            token: None,
            forwarded_for: None,
            connector: connector(&deployment.certs.ca_pem),
        }
    }

    pub fn on(&self, instance: &Instance) -> Client {
        Client {
            addr: instance.addr,
            token: self.token.clone(),
            forwarded_for: self.forwarded_for.clone(),
            connector: self.connector.clone(),
        }
    }

    pub async fn send(&self, method: &str, path: &str, body: Option<&[u8]>) -> Answer {
        let mut request =
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if let Some(token) = &self.token {
            request.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(address) = &self.forwarded_for {
            request.push_str(&format!("X-Forwarded-For: {address}\r\n"));
        }
        let mut bytes = match body {
            Some(body) => {
                request.push_str(&format!(
                    "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                ));
                let mut bytes = request.into_bytes();
                bytes.extend_from_slice(body);
                bytes
            }
            None => {
                request.push_str("\r\n");
                request.into_bytes()
            }
        };
        bytes.shrink_to_fit();
        exchange(&self.connector, self.addr, &bytes).await.unwrap()
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> Answer {
        self.send("POST", path, Some(body.to_string().as_bytes()))
            .await
    }

    /// Logs in as `id`; keeps the token.
    pub async fn login(&mut self, id: &str) -> serde_json::Value {
        let answer = self
            .post(
                ssa_api::paths::LOGIN,
                serde_json::json!({ "internetUserId": id, "password": "abcdefghij123" }),
            )
            .await;
        assert_eq!(answer.status, 200, "{answer:?}");
        let json = answer.json();
        self.token = Some(json["token"].as_str().unwrap().to_owned());
        json
    }
}
