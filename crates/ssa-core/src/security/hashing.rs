//! Argon2id with a secret pepper. Parameters are OWASP's minimum (m=19456 KiB,
//! t=2, p=1), set here once. Every hash and verify runs on a blocking thread
//! so the async runtime keeps serving other requests meanwhile.

use std::sync::Arc;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher as _, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordVerifier, Version};
use blake2::{Blake2b512, Digest};
use zeroize::Zeroizing;

use crate::error::{Result, SsaError};

/// Length of a freshly made pepper, in bytes.
pub const PEPPER_LEN: usize = 32;

/// The hashing parameters, in one place.
pub fn params() -> Params {
    // 19456 KiB, 2 passes, 1 lane: OWASP's Argon2id minimum.
    Params::new(19_456, 2, 1, None).unwrap_or_default()
}

/// Hashes and verifies passwords under the pepper.
#[derive(Clone)]
pub struct PasswordHasher {
    pepper: Arc<Zeroizing<Vec<u8>>>,
    /// A hash of a random value, verified against when there is no account,
    /// so "no such ID" costs as long as "wrong password". Made by
    /// [`PasswordHasher::warm_up`] once the app has started (the window
    /// calls it after its first screen, so it does not compete with the
    /// window for the CPU), else on first need.
    decoy: Arc<tokio::sync::OnceCell<Arc<str>>>,
}

impl PasswordHasher {
    /// A hasher under `pepper`; its decoy hash is made by `warm_up`.
    pub fn new(pepper: Zeroizing<Vec<u8>>) -> Self {
        Self {
            pepper: Arc::new(pepper),
            decoy: Arc::new(tokio::sync::OnceCell::new()),
        }
    }

    /// Makes the decoy hash now, if not made yet (once; later calls return
    /// at once).
    pub async fn warm_up(&self) -> Result<()> {
        self.decoy().await.map(|_| ())
    }

    async fn decoy(&self) -> Result<Arc<str>> {
        self.decoy
            .get_or_try_init(|| async {
                let random = Zeroizing::new(hex::encode(PasswordHasher::new_pepper().as_slice()));
                hash_on_worker(Arc::clone(&self.pepper), random)
                    .await
                    .map(Arc::from)
            })
            .await
            .cloned()
    }

    /// A keyed digest of a typed identifier that names no account, for the
    /// audit log: the same typed text gives the same value (so repeated
    /// probes can be seen), but the text itself (which may be a password
    /// typed into the wrong field) cannot be read back without the pepper.
    pub fn typed_id_digest(&self, typed: &str) -> String {
        let mut digest = Blake2b512::new();
        digest.update(b"ssa-desktop typed id v1\0");
        digest.update((self.pepper.len() as u64).to_le_bytes());
        digest.update(self.pepper.as_slice());
        digest.update(typed.as_bytes());
        format!("unknown:{}", hex::encode(&digest.finalize()[..8]))
    }

    /// The stored form of a session token: a digest keyed by the pepper, so
    /// neither a copy of the database nor its administrator can use a
    /// session found in it.
    pub fn session_token_digest(&self, token: &str) -> String {
        self.keyed(b"ssa-desktop session token v1\0", &[token.as_bytes()])
    }

    /// The stored form of a verification code's id, and of a step's token
    /// waiting for its Confirm: keyed digests, as for a session's token.
    pub(crate) fn code_id_digest(&self, id: &str) -> String {
        self.keyed(b"ssa-desktop code id v1\0", &[id.as_bytes()])
    }

    pub(crate) fn draft_token_digest(&self, token: &str) -> String {
        self.keyed(b"ssa-desktop draft token v1\0", &[token.as_bytes()])
    }

    /// The stored form of a code's answer: keyed by the pepper and by the
    /// code's id, so one answer gives a different digest in each code and
    /// none can be tried against the database without the pepper.
    pub(crate) fn code_answer_digest(&self, id: &str, answer: &str) -> String {
        self.keyed(
            b"ssa-desktop code answer v1\0",
            &[id.as_bytes(), b"\0", answer.as_bytes()],
        )
    }

    /// BLAKE2b-512 over a label, the pepper and the parts; 32 bytes in hex.
    fn keyed(&self, label: &[u8], parts: &[&[u8]]) -> String {
        hex::encode(self.keyed_bytes(label, parts))
    }

    fn keyed_bytes(&self, label: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
        let mut digest = Blake2b512::new();
        digest.update(label);
        digest.update((self.pepper.len() as u64).to_le_bytes());
        digest.update(self.pepper.as_slice());
        for part in parts {
            digest.update(part);
        }
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&digest.finalize()[..32]);
        out
    }

    /// Seals `secret` (a code's answer and its voice seed) under a key
    /// derived from the pepper, for the code's id: Listen opens it again on
    /// any instance, while the database holds only the answer's digest.
    /// ChaCha20-Poly1305 with a random nonce; hex.
    pub(crate) fn seal(&self, secret: &[u8]) -> Result<String> {
        use rand::RngCore;
        use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
        let key = self.keyed_bytes(b"ssa-desktop code seal v1\0", &[]);
        let key = UnboundKey::new(&CHACHA20_POLY1305, key.as_slice())
            .map(LessSafeKey::new)
            .map_err(|_| SsaError::Internal)?;
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let mut sealed = Zeroizing::new(secret.to_vec());
        key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::empty(),
            &mut *sealed,
        )
        .map_err(|_| SsaError::Internal)?;
        Ok(format!(
            "{}{}",
            hex::encode(nonce),
            hex::encode(sealed.as_slice())
        ))
    }

    /// What [`PasswordHasher::seal`] sealed; `None` for anything else (a
    /// forged or changed id, or one sealed under another pepper).
    pub(crate) fn open(&self, sealed: &str) -> Option<Zeroizing<Vec<u8>>> {
        use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
        let bytes = hex::decode(sealed).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let key = self.keyed_bytes(b"ssa-desktop code seal v1\0", &[]);
        let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, key.as_slice()).ok()?);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut body = Zeroizing::new(body.to_vec());
        let opened = key.open_in_place(nonce, Aad::empty(), &mut body).ok()?;
        Some(Zeroizing::new(opened.to_vec()))
    }

    /// A new random pepper.
    pub fn new_pepper() -> Zeroizing<Vec<u8>> {
        use rand::RngCore;
        let mut pepper = Zeroizing::new(vec![0u8; PEPPER_LEN]);
        OsRng.fill_bytes(&mut pepper);
        pepper
    }

    /// A value derived from the pepper that is stored in the database, so a
    /// start with the wrong pepper is caught before any hash is trusted. It is
    /// a one-way digest: it does not reveal the pepper.
    pub fn pepper_check(pepper: &[u8]) -> String {
        let mut digest = Blake2b512::new();
        digest.update(b"ssa-desktop pepper check v1\0");
        digest.update(pepper);
        hex::encode(&digest.finalize()[..32])
    }

    /// The PHC string of `secret`.
    pub async fn hash(&self, secret: &str) -> Result<String> {
        hash_on_worker(Arc::clone(&self.pepper), Zeroizing::new(secret.to_owned())).await
    }

    /// The PHC strings of many secrets, in order, hashed on every core (one
    /// thread a core, each with its own Argon2 memory). `progress` is told
    /// the number done so far after each hash.
    pub async fn hash_many(
        &self,
        secrets: Vec<Zeroizing<String>>,
        progress: std::sync::Arc<dyn Fn(usize) + Send + Sync>,
    ) -> Result<Vec<String>> {
        let pepper = Arc::clone(&self.pepper);
        tokio::task::spawn_blocking(move || {
            use std::sync::atomic::{AtomicUsize, Ordering};
            let threads = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(secrets.len().max(1));
            let next = AtomicUsize::new(0);
            let done = AtomicUsize::new(0);
            let mut hashes: Vec<Option<String>> = vec![None; secrets.len()];
            let finished = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..threads)
                    .map(|_| {
                        scope.spawn(|| -> Result<Vec<(usize, String)>> {
                            let argon = argon2(&pepper)?;
                            let mut mine = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(secret) = secrets.get(i) else {
                                    return Ok(mine);
                                };
                                let salt = SaltString::generate(&mut OsRng);
                                let hash = argon
                                    .hash_password(secret.as_bytes(), &salt)
                                    .map_err(|_| SsaError::Internal)?;
                                mine.push((i, hash.to_string()));
                                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                            }
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().map_err(|_| SsaError::Internal)?)
                    .collect::<Result<Vec<_>>>()
            })?;
            for (i, hash) in finished.into_iter().flatten() {
                hashes[i] = Some(hash);
            }
            hashes
                .into_iter()
                .map(|h| h.ok_or(SsaError::Internal))
                .collect()
        })
        .await
        .map_err(|_| SsaError::Internal)?
    }

    /// Whether `secret` matches any of `hashes` (a wrong password is an
    /// answer, not an error). Checks all of them, so the time taken does not
    /// say which one matched.
    pub async fn matches_any(&self, secret: &str, hashes: Vec<String>) -> Result<bool> {
        let secret = Zeroizing::new(secret.to_owned());
        let pepper = Arc::clone(&self.pepper);
        let slot = argon_slot().await?;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let argon = argon2(&pepper)?;
            let mut found = false;
            for phc in &hashes {
                found |= verify_with(&argon, &secret, phc);
            }
            Ok(found)
        })
        .await
        .map_err(|_| SsaError::Internal)?
    }

    pub async fn verify(&self, secret: &str, phc: &str) -> Result<bool> {
        self.matches_any(secret, vec![phc.to_owned()]).await
    }

    /// Spends the time of one verify without an account to verify against.
    pub async fn verify_decoy(&self, secret: &str) -> Result<()> {
        let decoy = self.decoy().await?;
        self.verify(secret, &decoy).await.map(|_| ())
    }
}

/// One Argon2id computation at a time a core: each takes 19 MiB, so a
/// burst of logins (a server's hundred at once) queues here instead of
/// holding a hundred times that memory, and takes no longer in all.
async fn argon_slot() -> Result<tokio::sync::SemaphorePermit<'static>> {
    // A 'static semaphore: its permit lives as long as the blocking hash
    // that holds it, even when the request that asked is cancelled.
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            tokio::sync::Semaphore::new(cores)
        })
        .acquire()
        .await
        .map_err(|_| SsaError::Internal)
}

async fn hash_on_worker(
    pepper: Arc<Zeroizing<Vec<u8>>>,
    secret: Zeroizing<String>,
) -> Result<String> {
    let slot = argon_slot().await?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let argon = argon2(&pepper)?;
        let salt = SaltString::generate(&mut OsRng);
        argon
            .hash_password(secret.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| SsaError::Internal)
    })
    .await
    .map_err(|_| SsaError::Internal)?
}

fn argon2(pepper: &[u8]) -> Result<Argon2<'_>> {
    Argon2::new_with_secret(pepper, Algorithm::Argon2id, Version::V0x13, params())
        .map_err(|_| SsaError::Internal)
}

fn verify_with(argon: &Argon2<'_>, secret: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => argon.verify_password(secret.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A bare Argon2id verify at the service's parameters, for the benchmark that
/// compares the whole login path against it.
pub fn bare_verify(pepper: &[u8], secret: &str, phc: &str) -> bool {
    argon2(pepper)
        .map(|argon| verify_with(&argon, secret, phc))
        .unwrap_or(false)
}

/// A bare Argon2id hash at the service's parameters (benchmark set-up).
pub fn bare_hash(pepper: &[u8], secret: &str) -> Option<String> {
    let argon = argon2(pepper).ok()?;
    let salt = SaltString::generate(&mut OsRng);
    argon
        .hash_password(secret.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}
