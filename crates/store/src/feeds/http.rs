//! HTTP for feeds and article pages: one blocking agent with a connect and
//! whole-call timeout, a redirect limit and conditional requests from the
//! validators of the last response.
//!
//! Compressed bodies (gzip, deflate, brotli) are decoded here rather than by
//! ureq, because the size cap must bound what is decoded: a response of one
//! megabyte can inflate to a gigabyte. The body is streamed through the
//! decoder and the cap, so memory stays near the cap whatever arrives.

use std::io::{BufRead, BufReader, Read};
use std::time::Duration;
use ureq::http::{StatusCode, header};
use ureq::{Agent, ResponseExt};

/// Limits every request obeys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpLimits {
    /// Connect, and the whole request including its body.
    pub timeout: Duration,
    /// The most bytes of body kept, counted after decompression.
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

/// The content codings asked for, each decoded by [`decoded`].
const ACCEPTED_ENCODINGS: &str = "gzip, deflate, br";

/// Why a request brought no body. Each message says what was expected and
/// what came instead; the caller adds the URL.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("expected a document, the server answered HTTP status {0}{reason}", reason = status_reason(*.0))]
    Status(u16),
    #[error("expected a document within {0} redirects, the server kept redirecting")]
    TooManyRedirects(u32),
    #[error("expected an answer within {0} s (--timeout), none came")]
    Timeout(u64),
    #[error("expected at most {limit} bytes (--max-size), the response is larger{decoded}",
        decoded = coding.as_deref().map(|c| format!(" once {c}-decoded")).unwrap_or_default())]
    TooLarge { limit: u64, coding: Option<String> },
    #[error("expected gzip, deflate or brotli, the response is encoded as {0:?}")]
    UnsupportedEncoding(String),
    #[error("expected a {coding} body, it does not decode: {message}")]
    Corrupt { coding: String, message: String },
    #[error("expected an answer, the connection failed: {0}")]
    Transport(String),
}

fn status_reason(code: u16) -> String {
    StatusCode::from_u16(code)
        .ok()
        .and_then(|status| status.canonical_reason())
        .map(|reason| format!(" ({reason})"))
        .unwrap_or_default()
}

/// A response's body and the headers mizan uses.
#[derive(Debug)]
pub struct Download {
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, which may name the charset.
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The address the body came from, after redirects: relative links in
    /// it are relative to this.
    pub url: String,
}

/// What a conditional request got back.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body(Download),
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
        let mut request = self
            .agent
            .get(url)
            .header(header::ACCEPT_ENCODING, ACCEPTED_ENCODINGS);
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, last_modified);
        }
        let response = request.call().map_err(|e| self.classify(e))?;
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
        let coding = header_text(header::CONTENT_ENCODING)
            .map(|coding| coding.trim().to_ascii_lowercase())
            .filter(|coding| !coding.is_empty() && coding != "identity");
        let declared_length = header_text(header::CONTENT_LENGTH)
            .and_then(|length| length.trim().parse::<u64>().ok());
        if coding.is_none() && declared_length.is_some_and(|length| length > self.limits.max_body) {
            return Err(self.too_large(None));
        }
        let url = response.get_uri().to_string();
        let raw = response
            .into_body()
            .into_with_config()
            .limit(self.limits.max_body)
            .reader();
        let bytes = self.read_capped(raw, coding)?;
        Ok(Fetched::Body(Download {
            bytes,
            content_type,
            etag,
            last_modified,
            url,
        }))
    }

    /// The body decoded and read up to the cap: one byte past it means the
    /// response is too large, and nothing more is read.
    fn read_capped(&self, raw: impl Read, coding: Option<String>) -> Result<Vec<u8>, HttpError> {
        let reader = decoded(raw, coding.as_deref())?;
        let mut bytes = Vec::new();
        reader
            .take(self.limits.max_body.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| self.classify_read(error, coding.as_deref()))?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > self.limits.max_body {
            return Err(self.too_large(coding));
        }
        Ok(bytes)
    }

    fn too_large(&self, coding: Option<String>) -> HttpError {
        HttpError::TooLarge {
            limit: self.limits.max_body,
            coding,
        }
    }

    fn classify(&self, error: ureq::Error) -> HttpError {
        match error {
            ureq::Error::StatusCode(code) => HttpError::Status(code),
            ureq::Error::TooManyRedirects => HttpError::TooManyRedirects(self.limits.max_redirects),
            ureq::Error::Timeout(_) => HttpError::Timeout(self.limits.timeout.as_secs()),
            ureq::Error::BodyExceedsLimit(_) => self.too_large(None),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                HttpError::Timeout(self.limits.timeout.as_secs())
            }
            other => HttpError::Transport(other.to_string()),
        }
    }

    /// An error met while reading the body: ureq's own (the raw cap, a
    /// timeout, the connection) or the decoder's.
    fn classify_read(&self, error: std::io::Error, coding: Option<&str>) -> HttpError {
        if error
            .get_ref()
            .is_some_and(|inner| inner.is::<ureq::Error>())
        {
            let inner = error
                .into_inner()
                .and_then(|inner| inner.downcast::<ureq::Error>().ok());
            return match inner {
                Some(ureq_error) => self.classify(*ureq_error),
                None => HttpError::Transport("reading the body".to_string()),
            };
        }
        match (error.kind(), coding) {
            (std::io::ErrorKind::TimedOut, _) => HttpError::Timeout(self.limits.timeout.as_secs()),
            (_, Some(coding)) => HttpError::Corrupt {
                coding: coding.to_string(),
                message: error.to_string(),
            },
            _ => HttpError::Transport(error.to_string()),
        }
    }
}

/// `raw` wrapped in the decoder its `Content-Encoding` names.
fn decoded<'a>(raw: impl Read + 'a, coding: Option<&str>) -> Result<Box<dyn Read + 'a>, HttpError> {
    let Some(coding) = coding else {
        return Ok(Box::new(raw));
    };
    match coding {
        "gzip" | "x-gzip" => Ok(Box::new(flate2::read::MultiGzDecoder::new(raw))),
        "deflate" => Ok(deflate_decoder(raw)),
        "br" => Ok(Box::new(brotli_decompressor::Decompressor::new(
            raw,
            BROTLI_BUFFER,
        ))),
        other => Err(HttpError::UnsupportedEncoding(other.to_string())),
    }
}

const BROTLI_BUFFER: usize = 64 * 1024;

/// `deflate` is zlib-wrapped by the standard, but some servers send the
/// bare deflate stream: the first two bytes tell them apart (a zlib header
/// names method 8 and is a multiple of 31).
fn deflate_decoder<'a>(raw: impl Read + 'a) -> Box<dyn Read + 'a> {
    let mut buffered = BufReader::new(raw);
    let is_zlib = match buffered.fill_buf() {
        Ok([first, second, ..]) => {
            first & 0x0f == 8 && (u16::from(*first) << 8 | u16::from(*second)) % 31 == 0
        }
        _ => true,
    };
    if is_zlib {
        Box::new(flate2::bufread::ZlibDecoder::new(buffered))
    } else {
        Box::new(flate2::bufread::DeflateDecoder::new(buffered))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(reader: Box<dyn Read + '_>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut reader = reader;
        reader.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn deflate_is_read_with_and_without_its_zlib_wrapper() {
        let text = b"<rss version=\"2.0\"><channel/></rss>";
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(text).unwrap();
        let zlib = zlib.finish().unwrap();
        let mut bare =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        bare.write_all(text).unwrap();
        let bare = bare.finish().unwrap();
        assert_eq!(
            read_all(decoded(zlib.as_slice(), Some("deflate")).unwrap()),
            text
        );
        assert_eq!(
            read_all(decoded(bare.as_slice(), Some("deflate")).unwrap()),
            text
        );
    }

    #[test]
    fn an_unknown_coding_is_refused_by_name() {
        let Err(error) = decoded(&b"x"[..], Some("zstd")) else {
            panic!("zstd accepted");
        };
        assert_eq!(
            error.to_string(),
            "expected gzip, deflate or brotli, the response is encoded as \"zstd\""
        );
    }

    #[test]
    fn status_messages_carry_the_reason() {
        assert_eq!(
            HttpError::Status(404).to_string(),
            "expected a document, the server answered HTTP status 404 (Not Found)"
        );
        assert_eq!(
            HttpError::TooLarge {
                limit: 10,
                coding: Some("gzip".into())
            }
            .to_string(),
            "expected at most 10 bytes (--max-size), the response is larger once gzip-decoded"
        );
    }
}
