//! `mizan fetch`, `mizan import` and `mizan export` as a user runs them,
//! against a server on 127.0.0.1: the report lines and exit status, a fetch
//! killed with SIGKILL midway, and OPML in and out.

mod common;

use common::binary::mizan_at_home;
use common::tmux::{self, Tmux};
use common::{Reply, TestServer};
use mizan_store::Store;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("mizan.db")
    }

    fn write_feeds(&self, urls: &[String]) {
        let text: String = urls
            .iter()
            .map(|url| format!("[[source]]\nurl = \"{url}\"\n\n"))
            .collect();
        std::fs::write(self.config(), text).unwrap();
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = mizan_at_home(self.dir.path(), &self.config());
        command.args(args);
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// The shell command that opens the reader in this home.
    fn reader_command(&self) -> String {
        format!(
            "env MIZAN_DATA_DIR={} XDG_CONFIG_HOME={} {} --config {}",
            self.dir.path().join("data").display(),
            self.dir.path().join("xdg-config").display(),
            env!("CARGO_BIN_EXE_mizan"),
            self.config().display()
        )
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A home whose configuration has the Arabic RSS fixture as its one feed,
/// fetched with `fetch` (the command line).
fn fetched_arabic_feed(fetch: &[&str]) -> (TestServer, Home) {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let home = Home::new();
    home.write_feeds(&[server.url("/ar.xml")]);
    assert!(home.run(fetch).status.success());
    (server, home)
}

fn article_count(db: &Path) -> usize {
    Store::open(db).unwrap().article_count().unwrap()
}

#[test]
fn a_failing_feed_is_reported_and_the_others_are_stored() {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    server.fixture("/atom.xml", "atom-en.xml", "application/xml");
    server.fixture("/broken.xml", "broken.xml", "application/xml");
    let home = Home::new();
    let missing = server.url("/gone.xml");
    let broken = server.url("/broken.xml");
    home.write_feeds(&[
        server.url("/ar.xml"),
        missing.clone(),
        broken.clone(),
        server.url("/atom.xml"),
    ]);
    let output = home.run(&["fetch"]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!(
            "error: {missing}: expected a document, the server answered HTTP status 404 (Not Found)"
        )),
        "{stderr}"
    );
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(&format!(
            "{}: 3 new, 0 already stored",
            server.url("/ar.xml")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("4 feeds, 5 new articles, 2 failed"),
        "{stdout}"
    );
    let broken_line = stderr
        .lines()
        .find(|line| {
            line.starts_with(&format!(
                "error: {broken}: expected a feed, found XML that is broken before any entry, at line 8"
            ))
        })
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        broken_line.contains("</channel>"),
        "one line per failure: {stderr}"
    );
    assert_eq!(article_count(&home.db()), 5);
}

#[test]
fn a_fetch_killed_midway_keeps_what_it_stored_and_the_next_fetch_adds_no_duplicates() {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    server.fixture("/atom.xml", "atom-en.xml", "application/xml");
    server.fixture("/en.rdf", "rss1-en.rdf", "application/xml");
    let slow_body = common::fixture_text("jsonfeed-ar.json", &server.base).into_bytes();
    server.route(
        "/feed.json",
        Reply::Slow {
            delay: Duration::from_secs(60),
            body: slow_body,
        },
    );
    let home = Home::new();
    let fast = [
        server.url("/ar.xml"),
        server.url("/atom.xml"),
        server.url("/en.rdf"),
    ];
    let mut all = fast.to_vec();
    all.push(server.url("/feed.json"));
    home.write_feeds(&all);

    let mut child = home
        .command(&["fetch", "--timeout", "120", "--no-pages"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines_sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_sender.send(line).is_err() {
                break;
            }
        }
    });
    let mut stored_feeds = 0;
    while stored_feeds < fast.len() {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the fast feeds are reported");
        assert!(line.contains(" new, "), "{line}");
        stored_feeds += 1;
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let store = Store::open(&home.db()).unwrap();
    assert_eq!(
        store.article_count().unwrap(),
        7,
        "3 + 2 + 2 from the fast feeds"
    );
    let integrity: String = rusqlite::Connection::open(home.db())
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    drop(store);

    server.fixture("/feed.json", "jsonfeed-ar.json", "application/feed+json");
    let output = home.run(&["fetch", "--no-pages"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("4 feeds, 2 new articles, 0 failed"),
        "{}",
        text(&output.stdout)
    );
    let again = home.run(&["fetch", "--no-pages"]);
    assert!(
        text(&again.stdout).contains("4 feeds, 0 new articles, 0 failed"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(article_count(&home.db()), 9);
}

#[test]
fn opml_import_adds_sources_once_and_export_lists_them() {
    let home = Home::new();
    std::fs::write(home.config(), "[display]\nbidi = \"off\"\n").unwrap();
    let opml = home.dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
        <outline text="عربي"><outline text="صحيفة الوادي" xmlUrl="http://127.0.0.1:9/ar.xml" language="ar"/></outline>
        <outline text="Northern Dispatch" xmlUrl="http://127.0.0.1:9/atom.xml"/>
        </body></opml>"#,
    )
    .unwrap();
    let opml = opml.to_str().unwrap();
    let first = home.run(&["import", opml]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("2 feeds in"),
        "{}",
        text(&first.stdout)
    );
    let second = home.run(&["import", opml]);
    assert!(
        text(&second.stdout).contains(": 0 added"),
        "{}",
        text(&second.stdout)
    );
    let config = std::fs::read_to_string(home.config()).unwrap();
    assert!(
        config.starts_with("[display]\nbidi = \"off\"\n"),
        "{config}"
    );
    assert_eq!(config.matches("[[source]]").count(), 2, "{config}");

    let export = home.run(&["export", "--opml"]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let exported = mizan_store::feeds::opml::read_opml(&text(&export.stdout)).unwrap();
    assert_eq!(exported.len(), 2);
    assert_eq!(exported[0].url, "http://127.0.0.1:9/ar.xml");
    assert_eq!(exported[0].title.as_deref(), Some("صحيفة الوادي"));
    assert_eq!(exported[0].lang.as_deref(), Some("ar"));
}

#[test]
fn a_config_without_feeds_has_nothing_to_fetch() {
    let home = Home::new();
    std::fs::write(home.config(), "").unwrap();
    let output = home.run(&["fetch"]);
    assert!(output.status.success());
    assert!(
        text(&output.stdout).contains("nothing to fetch"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn render_without_a_path_shows_the_fetched_articles() {
    let (_server, home) = fetched_arabic_feed(&["fetch"]);
    let output = home.run(&["render", "--bidi", "off", "--width", "200"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let first_line = stdout.lines().next().unwrap_or_default();
    assert_eq!(first_line, "وزير الخارجية: المحادثات ستستأنف الأسبوع المقبل");
    assert!(
        stdout.contains("افتتح محافظ المدينة معرض الكتاب"),
        "{stdout}"
    );
}

#[test]
fn a_feed_is_not_fetched_again_within_its_refresh_interval_unless_forced() {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let home = Home::new();
    let config = format!(
        "[[source]]\nurl = \"{}\"\nrefresh = 60\n",
        server.url("/ar.xml")
    );
    std::fs::write(home.config(), config).unwrap();
    assert!(home.run(&["fetch"]).status.success());
    let second = home.run(&["fetch"]);
    assert!(
        text(&second.stdout).contains("within its refresh interval"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(server.requests_to("/ar.xml").len(), 1);
    let forced = home.run(&["fetch", "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_eq!(server.requests_to("/ar.xml").len(), 2);
}

#[test]
fn tagging_the_store_again_is_served_from_the_analysis_cache() {
    let (_server, home) = fetched_arabic_feed(&["fetch", "--no-pages"]);
    let tag = |cached: usize| {
        let output = home.run(&["tag", "--stats"]);
        let stats = format!("tagged 3 articles ({cached} from the analysis cache)");
        let stderr = text(&output.stderr);
        assert!(
            output.status.success() && stderr.contains(&stats),
            "{stderr}"
        );
        output
    };
    let first = tag(0);
    let second = tag(3);
    assert_eq!(text(&second.stdout), text(&first.stdout));
    assert!(!text(&first.stdout).is_empty(), "the feed has statements");
    let compare = home.run(&["compare", "--format", "json"]);
    assert!(compare.status.success(), "{}", text(&compare.stderr));
}

/// Runs tmux on a server of this test's own; `None` when tmux is missing
/// (the test is skipped, loudly, unless `MIZAN_REQUIRE_TMUX=1`).
fn own_tmux(socket: &str) -> Option<impl Fn(&[&str]) -> Output + '_> {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var("MIZAN_REQUIRE_TMUX").as_deref() != Ok("1"),
            "MIZAN_REQUIRE_TMUX=1 but tmux is not installed"
        );
        eprintln!("\n*** SKIPPED: tmux is not installed; the reader's refresh did not run ***\n");
        return None;
    }
    Some(move |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", socket])
            .args(args)
            .output()
            .unwrap()
    })
}

#[test]
fn quitting_the_reader_during_a_refresh_exits_at_once_and_the_store_stays_usable() {
    let socket = format!("mizan-feeds-cli-{}", std::process::id());
    let Some(tmux) = own_tmux(&socket) else {
        return;
    };
    let (server, home) = fetched_arabic_feed(&["fetch", "--no-pages"]);
    let slow = common::fixture_text("atom-en.xml", &server.base).into_bytes();
    server.route(
        "/slow.xml",
        Reply::Slow {
            delay: Duration::from_secs(60),
            body: slow,
        },
    );
    home.write_feeds(&[server.url("/ar.xml"), server.url("/slow.xml")]);
    let reader = home.reader_command();
    tmux(&[
        "new-session",
        "-d",
        "-s",
        "r",
        "-x",
        "100",
        "-y",
        "20",
        &reader,
    ]);
    let screen = || text(&tmux(&["capture-pane", "-p", "-t", "r"]).stdout);
    let wait_for = |what: &str| {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while !screen().contains(what) {
            assert!(
                std::time::Instant::now() < deadline,
                "no {what:?}:\n{}",
                screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("3 articles ·");
    tmux(&["send-keys", "-t", "r", "r"]);
    wait_for("refreshing 1/2 feeds");
    tmux(&["send-keys", "-t", "r", "r"]);
    wait_for("a refresh is already running");
    let quitting = std::time::Instant::now();
    tmux(&["send-keys", "-t", "r", "q"]);
    while tmux(&["has-session", "-t", "r"]).status.success() {
        assert!(quitting.elapsed() < Duration::from_secs(5), "{}", screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux(&["kill-server"]);
    let integrity: String = rusqlite::Connection::open(home.db())
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(article_count(&home.db()), 3);
    assert!(
        home.run(&["fetch", "--no-pages", "--timeout", "1"])
            .status
            .code()
            == Some(1)
    );
}

#[test]
fn every_refused_feed_gets_one_line_saying_what_was_expected_what_came_and_where() {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    server.fixture("/contact", "page-without-feeds.html", "text/html");
    let body = |text: &str, content_type: &'static str| Reply::Body {
        body: text.as_bytes().to_vec(),
        content_type,
        etag: None,
    };
    server.route(
        "/api.json",
        body("{\"status\": \"ok\"}", "application/json"),
    );
    server.route("/empty.xml", body("", "application/xml"));
    server.route(
        "/maintenance",
        body("Back soon.\nWe are updating the site.", "text/plain"),
    );
    server.route(
        "/list.opml",
        body("<opml version=\"2.0\"><body/></opml>", "text/xml"),
    );
    server.fixture("/broken.xml", "broken.xml", "application/xml");
    let zeros = vec![b' '; 4 * 1024 * 1024];
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut bomb, &zeros).unwrap();
    server.route(
        "/bomb.xml",
        Reply::Encoded {
            coding: "gzip",
            body: bomb.finish().unwrap(),
        },
    );
    let expected = [
        (
            "/contact",
            "this is a web page, not a feed, and it names no feed",
        ),
        (
            "/api.json",
            "expected a JSON Feed, found JSON without an \"items\" list",
        ),
        ("/empty.xml", "expected a feed, found an empty document"),
        (
            "/maintenance",
            "expected a feed (RSS, Atom or JSON Feed), found text starting \"Back soon. We are updating the site.\"",
        ),
        (
            "/list.opml",
            "expected a feed (RSS, Atom or JSON Feed), found an XML document whose root is <opml>",
        ),
        (
            "/broken.xml",
            "expected a feed, found XML that is broken before any entry, at line 8, column 13:",
        ),
        (
            "/bomb.xml",
            "expected at most 1048576 bytes (--max-size), the response is larger once gzip-decoded",
        ),
        (
            "/gone.xml",
            "expected a document, the server answered HTTP status 404 (Not Found)",
        ),
    ];
    let home = Home::new();
    let mut urls: Vec<String> = expected.iter().map(|(path, _)| server.url(path)).collect();
    urls.push(server.url("/ar.xml"));
    home.write_feeds(&urls);
    let output = home.run(&["fetch", "--no-pages", "--max-size", "1048576"]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr.lines().count(),
        expected.len(),
        "one line each:\n{stderr}"
    );
    for (path, message) in expected {
        let line = format!("error: {}: {message}", server.url(path));
        assert!(
            stderr.lines().any(|l| l.starts_with(&line)),
            "{line}\nnot in:\n{stderr}"
        );
    }
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("9 feeds, 3 new articles, 8 failed"),
        "{stdout}"
    );
    assert_eq!(article_count(&home.db()), 3);
}

#[test]
fn utf16be_feeds_are_fetched_without_a_panic() {
    let server = TestServer::start();
    for fixture in ["utf16be-bom.xml", "utf16be-declared.xml"] {
        server.route(
            &format!("/{fixture}"),
            Reply::Body {
                body: common::fixture_bytes(fixture),
                content_type: "application/rss+xml",
                etag: None,
            },
        );
    }
    let home = Home::new();
    std::fs::write(home.config(), "").unwrap();
    let output = home.run(&[
        "fetch",
        "--no-pages",
        &server.url("/utf16be-bom.xml"),
        &server.url("/utf16be-declared.xml"),
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        text(&output.stdout).contains("2 feeds, 2 new articles, 0 failed"),
        "the second feed repeats the first: {}",
        text(&output.stdout)
    );
}

#[test]
fn fetch_given_a_site_address_says_which_feeds_it_found_and_fetches_them() {
    let server = TestServer::site();
    let home = Home::new();
    std::fs::write(home.config(), "").unwrap();
    let output = home.run(&["fetch", "--no-pages", &server.url("/")]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let found = format!(
        "{}: a web page, not a feed; it names 2 feeds: {} (RSS, \"صحيفة الساحل\"), {} (Atom, \"Harbour desk\"); fetching them",
        server.url("/"),
        server.url("/feeds/sahil.xml"),
        server.url("/feeds/harbour.xml")
    );
    assert!(
        stdout.lines().any(|line| line == found),
        "{found}\nnot in:\n{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{}: 4 new, 0 already stored",
            server.url("/feeds/sahil.xml")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 feeds, 9 new articles, 0 failed"),
        "{stdout}"
    );
    let again = home.run(&["fetch", "--no-pages", &server.url("/")]);
    assert!(
        text(&again.stdout).contains("3 feeds, 0 new articles, 0 failed"),
        "{}",
        text(&again.stdout)
    );
}

#[test]
fn import_given_a_site_or_a_feed_address_adds_the_feeds_once() {
    let server = TestServer::site();
    let home = Home::new();
    std::fs::write(home.config(), "").unwrap();
    let site_url = server.url("/");
    let first = home.run(&["import", &site_url]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    assert!(
        stdout.starts_with(&format!("{site_url}: a web page naming 2 feeds: ")),
        "{stdout}"
    );
    assert!(stdout.contains("2 feeds in"), "{stdout}");
    let config = std::fs::read_to_string(home.config()).unwrap();
    assert!(
        config.contains(&format!(
            "url = \"{}\"\noutlet = \"صحيفة الساحل\"",
            server.url("/feeds/sahil.xml")
        )),
        "{config}"
    );
    assert!(
        config.contains(&server.url("/feeds/harbour.xml")),
        "{config}"
    );

    let feed = home.run(&["import", &server.url("/feeds/harbour.xml")]);
    assert!(
        text(&feed.stdout).contains(": 0 added"),
        "{}",
        text(&feed.stdout)
    );
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let direct = home.run(&["import", &server.url("/ar.xml")]);
    assert!(
        text(&direct.stdout).contains(&format!("{}: a feed", server.url("/ar.xml"))),
        "{}",
        text(&direct.stdout)
    );
    let config = std::fs::read_to_string(home.config()).unwrap();
    assert_eq!(config.matches("[[source]]").count(), 3, "{config}");
    assert!(
        config.contains("outlet = \"صحيفة الوادي\"\nlang = \"ar\""),
        "{config}"
    );

    server.fixture("/contact", "page-without-feeds.html", "text/html");
    let refused = home.run(&["import", &server.url("/contact")]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("this is a web page, not a feed, and it names no feed"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(home.config()).unwrap(),
        config,
        "a refused import changes nothing"
    );
}

#[test]
fn refreshing_a_utf16be_feed_in_the_reader_keeps_the_reader_and_its_screen() {
    if !tmux::available("refreshing_a_utf16be_feed_in_the_reader_keeps_the_reader_and_its_screen") {
        return;
    }
    let (server, home) = fetched_arabic_feed(&["fetch", "--no-pages"]);
    server.route(
        "/utf16.xml",
        Reply::Body {
            body: common::fixture_bytes("utf16be-declared.xml"),
            content_type: "application/rss+xml",
            etag: None,
        },
    );
    home.write_feeds(&[server.url("/ar.xml"), server.url("/utf16.xml")]);
    let tmux = Tmux::new("feeds-utf16");
    tmux.start(100, 20, &home.reader_command());
    tmux.wait("the stored articles", |screen| {
        screen.contains("3 articles ·")
    });
    tmux.keys(&["r"]);
    tmux.wait("the refresh's outcome", |screen| {
        screen.contains("2 new articles")
    });
    tmux.wait("the new articles", |screen| screen.contains("5 articles ·"));
    assert_eq!(
        tmux.pane_format("#{alternate_on}"),
        "1",
        "the reader's screen is still up"
    );
    tmux.keys(&["q"]);
    tmux.wait_until("the reader to quit", |tmux| !tmux.alive());
}
