//! Helpers shared by the integration tests. Here: a tiny HTTP/1.1 server on
//! 127.0.0.1 for the feed tests, with fixed routes, each answering with a
//! body, gzip or another content coding, a status, a redirect, a slow or a
//! huge response. It only ever listens on the loopback address, answers a
//! bounded number of connections, and stops when dropped or at the end of
//! its lifetime, whichever comes first. `binary` runs mizan in a home of its own,
//! `hostile` holds what the hostile-input tests share, `tmux` a terminal to
//! drive the binary in.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod binary;
pub mod hostile;
pub mod tmux;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The bounds of a test's server.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub lifetime: Duration,
    pub max_connections: usize,
}

const TEST_BOUNDS: Bounds = Bounds {
    lifetime: Duration::from_secs(120),
    max_connections: 2_000,
};
const CHUNK: usize = 64 * 1024;

/// How a route answers.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this body; answers 304 to a matching `If-None-Match`.
    Body {
        body: Vec<u8>,
        content_type: &'static str,
        etag: Option<String>,
    },
    /// 200 with the body gzip-compressed, when the client accepts gzip.
    Gzip {
        body: Vec<u8>,
    },
    /// 200 with a body already encoded as `coding` (`gzip`, `deflate`,
    /// `br`), sent with that `Content-Encoding` whatever the client asked.
    Encoded {
        coding: &'static str,
        body: Vec<u8>,
    },
    Status(u16),
    /// 302 to this path.
    Redirect(String),
    /// Waits before sending the body.
    Slow {
        delay: Duration,
        body: Vec<u8>,
    },
    /// Streams this many bytes of XML-looking filler, declared up front.
    Huge {
        bytes: usize,
    },
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct SeenRequest {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl SeenRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

type Routes = Arc<Mutex<HashMap<String, Reply>>>;

pub struct TestServer {
    pub base: String,
    routes: Routes,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start() -> TestServer {
        TestServer::start_bounded(TEST_BOUNDS)
    }

    /// A server with other bounds (benchmarks make many more requests).
    pub fn start_bounded(bounds: Bounds) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let base = format!("http://{}", listener.local_addr().expect("local address"));
        let routes: Routes = Arc::default();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (routes, seen, stop) = (routes.clone(), seen.clone(), stop.clone());
            std::thread::spawn(move || accept_loop(&listener, bounds, &routes, &seen, &stop))
        };
        TestServer {
            base,
            routes,
            seen,
            stop,
            accept: Some(accept),
        }
    }

    /// Serves `reply` at `path`.
    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }

    /// Serves fixture `name` at `path`, with `{{BASE}}` replaced by this
    /// server's address.
    pub fn fixture(&self, path: &str, name: &str, content_type: &'static str) {
        self.route(
            path,
            Reply::Body {
                body: fixture_text(name, &self.base).into_bytes(),
                content_type,
                etag: None,
            },
        );
    }

    /// A server whose home page names two feeds (`site.html`), and the
    /// feeds.
    pub fn site() -> TestServer {
        let server = TestServer::start();
        server.fixture("/", "site.html", "text/html; charset=utf-8");
        server.fixture(
            "/feeds/sahil.xml",
            "rss-unversioned-ar.xml",
            "application/xml",
        );
        server.fixture("/feeds/harbour.xml", "atom-links-en.xml", "application/xml");
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far to `path`.
    pub fn requests_to(&self, path: &str) -> Vec<SeenRequest> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|request| request.path == path)
            .cloned()
            .collect()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// A fixture's bytes as they are (for fixtures in encodings other than
/// UTF-8).
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fixture's text with `{{BASE}}` replaced.
pub fn fixture_text(name: &str, base: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("{{BASE}}", base)
}

fn accept_loop(
    listener: &TcpListener,
    bounds: Bounds,
    routes: &Routes,
    seen: &Arc<Mutex<Vec<SeenRequest>>>,
    stop: &Arc<AtomicBool>,
) {
    let started = Instant::now();
    let connections = AtomicUsize::new(0);
    while !stop.load(Ordering::SeqCst) && started.elapsed() < bounds.lifetime {
        match listener.accept() {
            Ok((stream, _))
                if connections.fetch_add(1, Ordering::SeqCst) < bounds.max_connections =>
            {
                let (routes, seen, stop) = (routes.clone(), seen.clone(), stop.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &routes, &seen, &stop);
                });
            }
            Ok(_) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

fn serve(
    mut stream: TcpStream,
    routes: &Routes,
    seen: &Mutex<Vec<SeenRequest>>,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let request = read_request(&stream)?;
    seen.lock().unwrap().push(request.clone());
    let reply = routes.lock().unwrap().get(&request.path).cloned();
    match reply {
        None => respond(&mut stream, 404, &[], b"not found"),
        Some(Reply::Body {
            body,
            content_type,
            etag,
        }) => {
            if let Some(etag) = etag.as_deref()
                && request.header("if-none-match") == Some(etag)
            {
                return respond(&mut stream, 304, &[("ETag", etag)], b"");
            }
            let mut headers = vec![("Content-Type", content_type)];
            if let Some(etag) = etag.as_deref() {
                headers.push(("ETag", etag));
            }
            respond(&mut stream, 200, &headers, &body)
        }
        Some(Reply::Gzip { body }) => {
            let accepts = request
                .header("accept-encoding")
                .is_some_and(|value| value.contains("gzip"));
            if accepts {
                respond(
                    &mut stream,
                    200,
                    &[
                        ("Content-Encoding", "gzip"),
                        ("Content-Type", "application/xml"),
                    ],
                    &gzip(&body),
                )
            } else {
                respond(&mut stream, 406, &[], b"gzip only")
            }
        }
        Some(Reply::Encoded { coding, body }) => respond(
            &mut stream,
            200,
            &[
                ("Content-Encoding", coding),
                ("Content-Type", "application/xml"),
            ],
            &body,
        ),
        Some(Reply::Status(code)) => respond(&mut stream, code, &[], b"no"),
        Some(Reply::Redirect(to)) => respond(&mut stream, 302, &[("Location", &to)], b""),
        Some(Reply::Slow { delay, body }) => {
            let until = Instant::now() + delay;
            while Instant::now() < until && !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
            respond(
                &mut stream,
                200,
                &[("Content-Type", "application/xml")],
                &body,
            )
        }
        Some(Reply::Huge { bytes }) => stream_huge(&mut stream, bytes, stop),
    }
}

fn read_request(stream: &TcpStream) -> std::io::Result<SeenRequest> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(SeenRequest { path, headers })
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} Test\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()?;
    close_gracefully(stream)
}

/// Closes after the client has seen the whole response: closing a socket
/// with unread input makes the kernel send a reset, which the client may
/// receive before the response it had not finished reading.
fn close_gracefully(stream: &mut TcpStream) -> std::io::Result<()> {
    stream.shutdown(std::net::Shutdown::Write)?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    let mut sink = [0u8; 1024];
    while matches!(stream.read(&mut sink), Ok(read) if read > 0) {}
    Ok(())
}

fn stream_huge(stream: &mut TcpStream, bytes: usize, stop: &AtomicBool) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/xml\r\nContent-Length: {bytes}\r\n\r\n"
    );
    stream.write_all(head.as_bytes())?;
    let chunk = vec![b'x'; CHUNK];
    let mut sent = 0;
    while sent < bytes && !stop.load(Ordering::SeqCst) {
        let size = CHUNK.min(bytes - sent);
        stream.write_all(&chunk[..size])?;
        sent += size;
    }
    Ok(())
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}
