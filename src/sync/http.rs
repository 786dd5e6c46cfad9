//! The HTTP side of `sync`: SPARQL 1.1 Protocol requests (URL-encoded POST),
//! authentication, and retries with exponential backoff and jitter.

use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use base64::Engine;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

/// How `sync` proves who it is to the store.
#[derive(Clone, Default)]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// HTTP Basic.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
}

// Credentials are never printed, not even in debug output.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::Basic { .. } => "Auth::Basic(..)",
            Auth::Bearer(_) => "Auth::Bearer(..)",
        })
    }
}

/// A request that failed for good (after its retries).
#[derive(Clone, Debug)]
pub struct Failure {
    /// What happened, for the user: the status and the start of the
    /// server's answer, or the transport error.
    pub message: String,
}

/// One attempt's failure: worth another try or not, and how long the
/// server asked us to wait.
struct Attempt {
    message: String,
    retry: bool,
    retry_after: Option<Duration>,
}

/// The longest wait between two attempts, whatever the server asks.
const MAX_WAIT: Duration = Duration::from_secs(60);
/// The first backoff; it doubles with each attempt.
const FIRST_WAIT: Duration = Duration::from_millis(200);
/// The most bytes of an answer read (digest pages are far smaller).
const MAX_ANSWER: u64 = 512 << 20;

/// A SPARQL endpoint client, shared by the sending threads.
pub struct Client {
    agent: ureq::Agent,
    authorization: Option<String>,
    retries: u32,
    jitter: RandomState,
    /// Requests sent (attempts included).
    pub requests: AtomicU64,
    /// Attempts that were retried.
    pub retried: AtomicU64,
}

impl Client {
    /// A client with a per-request `timeout`, up to `retries` retries, and
    /// `ca_pem` (PEM certificates) as the only trusted roots when given.
    pub fn new(
        timeout: Duration,
        retries: u32,
        auth: &Auth,
        ca_pem: Option<&[u8]>,
        connections: usize,
    ) -> Result<Client, String> {
        let mut tls = TlsConfig::builder();
        if let Some(pem) = ca_pem {
            let mut certs: Vec<Certificate<'static>> = Vec::new();
            for item in ureq::tls::parse_pem(pem) {
                match item.map_err(|e| format!("not a PEM certificate file: {e}"))? {
                    PemItem::Certificate(c) => certs.push(c),
                    _ => continue,
                }
            }
            if certs.is_empty() {
                return Err("no certificate in it".into());
            }
            tls = tls.root_certs(RootCerts::Specific(Arc::new(certs)));
        }
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_idle_connections_per_host(connections.max(1))
            .max_idle_connections(connections.max(1) * 2)
            .tls_config(tls.build())
            .user_agent(concat!("pfocr2rdf/", env!("CARGO_PKG_VERSION")))
            .build();
        let authorization = match auth {
            Auth::None => None,
            Auth::Basic { user, password } => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            )),
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
        };
        Ok(Client {
            agent: config.into(),
            authorization,
            retries,
            jitter: RandomState::new(),
            requests: AtomicU64::new(0),
            retried: AtomicU64::new(0),
        })
    }

    /// A SPARQL query; the answer as SPARQL JSON results text.
    pub fn query(&self, url: &str, query: &str) -> Result<String, Failure> {
        self.post(url, "query", query, "application/sparql-results+json")
    }

    /// A SPARQL update.
    pub fn update(&self, url: &str, update: &str) -> Result<(), Failure> {
        self.post(url, "update", update, "*/*").map(drop)
    }

    fn post(&self, url: &str, key: &str, body: &str, accept: &str) -> Result<String, Failure> {
        let mut attempt = 0;
        loop {
            match self.once(url, key, body, accept) {
                Ok(answer) => return Ok(answer),
                Err(a) if a.retry && attempt < self.retries => {
                    self.retried.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(self.wait(attempt, a.retry_after));
                    attempt += 1;
                }
                Err(a) => {
                    let tries = attempt + 1;
                    let s = if tries == 1 { "" } else { "s" };
                    return Err(Failure {
                        message: format!("{} ({tries} attempt{s})", a.message),
                    });
                }
            }
        }
    }

    /// Exponential backoff with jitter (a random wait in the upper half of
    /// the step), or the server's `Retry-After`, never over [`MAX_WAIT`].
    fn wait(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(d) = retry_after {
            return d.min(MAX_WAIT);
        }
        let step = FIRST_WAIT
            .saturating_mul(1 << attempt.min(16))
            .min(MAX_WAIT);
        let r = self.jitter.hash_one((attempt, std::time::Instant::now())) % 1000;
        step / 2 + step / 2 * r as u32 / 1000
    }

    fn once(&self, url: &str, key: &str, body: &str, accept: &str) -> Result<String, Attempt> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut request = self.agent.post(url).header("Accept", accept);
        if let Some(a) = &self.authorization {
            request = request.header("Authorization", a);
        }
        let mut response = request
            .send_form([(key, body)])
            .map_err(|e| transport(url, e))?;
        let status = response.status().as_u16();
        let answer = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string();
        if (200..300).contains(&status) {
            return answer.map_err(|e| transport(url, e));
        }
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = answer.unwrap_or_default();
        let mut start: String = text.trim().chars().take(300).collect();
        if start.len() < text.trim().len() {
            start.push('…');
        }
        Err(Attempt {
            message: format!("HTTP {status} from {url}: {start}"),
            retry: status == 429 || status >= 500,
            retry_after,
        })
    }
}

/// A transport error: retried unless it is one no retry can fix.
fn transport(url: &str, e: ureq::Error) -> Attempt {
    let retry = !matches!(
        e,
        ureq::Error::BadUri(_)
            | ureq::Error::Tls(_)
            | ureq::Error::Rustls(_)
            | ureq::Error::InvalidProxyUrl
            | ureq::Error::BodyExceedsLimit(_)
            | ureq::Error::HostNotFound
    );
    Attempt {
        message: format!("{url}: {e}"),
        retry,
        retry_after: None,
    }
}
