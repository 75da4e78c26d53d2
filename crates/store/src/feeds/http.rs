//! HTTP for feeds and article pages: one blocking agent with a connect and
//! whole-call timeout, a redirect limit, gzip, a cap on the body read (the
//! body is streamed through the cap, never buffered whole) and conditional
//! requests from the validators of the last response.

use std::time::Duration;
use ureq::Agent;
use ureq::http::{StatusCode, header};

/// Limits every request obeys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpLimits {
    /// Connect, and the whole request including its body.
    pub timeout: Duration,
    /// The most bytes of body read before giving up.
    pub max_body: u64,
    pub max_redirects: u32,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            timeout: Duration::from_secs(20),
            max_body: 10 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// Why a request brought no body.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("HTTP status {0}")]
    Status(u16),
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("response larger than the {0}-byte limit")]
    TooLarge(u64),
    #[error("{0}")]
    Transport(String),
}

/// What a conditional request got back.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        /// The `Content-Type` header, which may name the charset.
        content_type: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// A configured HTTP client; cheap to clone and share between threads.
#[derive(Clone)]
pub struct Client {
    agent: Agent,
    limits: HttpLimits,
}

impl Client {
    pub fn new(limits: HttpLimits) -> Client {
        let config = Agent::config_builder()
            .timeout_connect(Some(limits.timeout))
            .timeout_global(Some(limits.timeout))
            .max_redirects(limits.max_redirects)
            .http_status_as_error(false)
            .user_agent(concat!("mizan/", env!("CARGO_PKG_VERSION")))
            .build();
        Client {
            agent: config.into(),
            limits,
        }
    }

    /// GETs `url`, sending the validators given so that an unchanged
    /// resource costs no body.
    pub fn get(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, HttpError> {
        let mut request = self.agent.get(url);
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, last_modified);
        }
        let mut response = request.call().map_err(|e| self.classify(e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if status.is_redirection() {
            return Err(HttpError::TooManyRedirects(self.limits.max_redirects));
        }
        if !status.is_success() {
            return Err(HttpError::Status(status.as_u16()));
        }
        let header_text = |name| {
            response
                .headers()
                .get(name)
                .and_then(|value: &ureq::http::HeaderValue| value.to_str().ok())
                .map(str::to_string)
        };
        let etag = header_text(header::ETAG);
        let last_modified = header_text(header::LAST_MODIFIED);
        let content_type = header_text(header::CONTENT_TYPE);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.limits.max_body)
            .read_to_vec()
            .map_err(|e| self.classify(e))?;
        Ok(Fetched::Body {
            bytes,
            content_type,
            etag,
            last_modified,
        })
    }

    fn classify(&self, error: ureq::Error) -> HttpError {
        match error {
            ureq::Error::StatusCode(code) => HttpError::Status(code),
            ureq::Error::TooManyRedirects => HttpError::TooManyRedirects(self.limits.max_redirects),
            ureq::Error::Timeout(_) => HttpError::Timeout(self.limits.timeout.as_secs()),
            ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge(self.limits.max_body),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                HttpError::Timeout(self.limits.timeout.as_secs())
            }
            other => HttpError::Transport(other.to_string()),
        }
    }
}
