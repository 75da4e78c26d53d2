//! Feeds as publishers really serve them, fetched from a server on
//! 127.0.0.1 with `mizan_store::feeds::fetch_all`: UTF-16BE with and without
//! a byte order mark, a charset given only by HTTP, RSS without a version,
//! entries without titles, relative links and `xml:base`, several links per
//! entry, ids that stand in for links, entries that share a link or an id,
//! Dublin Core dates, a document cut off midway, compressed bodies that
//! inflate past the size cap, and a site's address instead of a feed.

mod common;

use common::{Reply, TestServer};
use mizan_store::feeds::{
    FeedError, FeedKind, FeedOutcome, FeedReport, FeedSource, FetchOptions, HttpError, HttpLimits,
    ParseError, fetch_all,
};
use mizan_store::{Store, StoredArticle};
use std::io::Write;
use std::time::Duration;

fn options() -> FetchOptions {
    FetchOptions {
        limits: HttpLimits {
            timeout: Duration::from_secs(10),
            ..HttpLimits::default()
        },
        jobs: 1,
        fetch_pages: false,
    }
}

fn fetch(store: &mut Store, urls: &[String], options: &FetchOptions) -> Vec<FeedReport> {
    let sources: Vec<FeedSource> = urls
        .iter()
        .map(|url| FeedSource {
            url: url.clone(),
            outlet: None,
            lang: None,
        })
        .collect();
    fetch_all(store, &sources, options, |_| {})
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("mizan.db")).unwrap();
    (dir, store)
}

fn stored(report: &FeedReport) -> (usize, usize) {
    match &report.outcome {
        FeedOutcome::Stored(stored) => (stored.added, stored.duplicates),
        other => panic!("{}: expected stored, got {other:?}", report.url),
    }
}

fn failure(report: &FeedReport) -> &FeedError {
    match &report.outcome {
        FeedOutcome::Failed(error) => error,
        other => panic!("{}: expected a failure, got {other:?}", report.url),
    }
}

fn by_title<'a>(articles: &'a [StoredArticle], title: &str) -> &'a StoredArticle {
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    articles
        .iter()
        .find(|article| article.title == title)
        .unwrap_or_else(|| panic!("no article titled {title:?} among {titles:?}"))
}

fn serve_bytes(server: &TestServer, path: &str, body: Vec<u8>, content_type: &'static str) {
    server.route(
        path,
        Reply::Body {
            body,
            content_type,
            etag: None,
        },
    );
}

#[test]
fn utf16be_feeds_with_and_without_a_byte_order_mark_are_stored() {
    let server = TestServer::start();
    for fixture in ["utf16be-bom.xml", "utf16be-declared.xml"] {
        let path = format!("/{fixture}");
        serve_bytes(
            &server,
            &path,
            common::fixture_bytes(fixture),
            "application/rss+xml",
        );
        let (_dir, mut store) = temp_store();
        let reports = fetch(&mut store, &[server.url(&path)], &options());
        assert_eq!(stored(&reports[0]), (2, 0), "{fixture}");
        let articles = store.all_articles().unwrap();
        let canal = by_title(&articles, "استئناف الملاحة في القناة بعد توقف يومين");
        assert_eq!(canal.outlet.as_deref(), Some("وكالة الشمال"), "{fixture}");
        assert_eq!(canal.url.as_deref(), Some(server.url("/ar/canal").as_str()));
        assert_eq!(
            canal.published.as_deref(),
            Some("2026-11-04T05:30:00+00:00")
        );
        assert!(canal.body.contains("استؤنفت"), "{fixture}: {}", canal.body);
        by_title(&articles, "Grain exports rise for a third month");
    }
}

#[test]
fn an_undeclared_latin1_feed_is_read_in_the_charset_http_names() {
    let server = TestServer::start();
    let text = "<rss version=\"2.0\"><channel><title>Inovação Diária</title>\
                <item><title>Revolução nas telas: pontos quânticos impressos</title>\
                <guid>inov-1</guid><description>Pesquisadores divulgaram a técnica.</description></item>\
                </channel></rss>";
    let (latin1, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    serve_bytes(
        &server,
        "/latin1.xml",
        latin1.into_owned(),
        "application/xml; charset=iso-8859-1",
    );
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/latin1.xml")], &options());
    assert_eq!(stored(&reports[0]), (1, 0));
    let article = &store.all_articles().unwrap()[0];
    assert_eq!(
        article.title,
        "Revolução nas telas: pontos quânticos impressos"
    );
    assert_eq!(article.outlet.as_deref(), Some("Inovação Diária"));
}

#[test]
fn rss_without_a_version_keeps_untitled_items_dublin_core_dates_and_live_updates() {
    let server = TestServer::start();
    server.fixture("/sahil.xml", "rss-unversioned-ar.xml", "application/xml");
    let (_dir, mut store) = temp_store();
    let urls = [server.url("/sahil.xml")];
    let reports = fetch(&mut store, &urls, &options());
    assert_eq!(stored(&reports[0]), (4, 0));
    let articles = store.all_articles().unwrap();

    let budget = by_title(&articles, "وزير المالية يعرض مشروع الموازنة على البرلمان");
    assert_eq!(
        budget.url.as_deref(),
        Some(server.url("/ar/budget-2027").as_str())
    );
    assert_eq!(
        budget.published.as_deref(),
        Some("2026-11-03T06:30:00+00:00")
    );
    assert_eq!(budget.outlet.as_deref(), Some("صحيفة الساحل"));
    assert_eq!(budget.lang.as_deref(), Some("ar"));

    let untitled = by_title(
        &articles,
        "أعلنت هيئة الطيران المدني استئناف الرحلات إلى المطار الشمالي اعتبارا من صباح…",
    );
    assert_eq!(
        untitled.published.as_deref(),
        Some("2026-11-03T07:00:00+00:00")
    );

    let live: Vec<&StoredArticle> = articles
        .iter()
        .filter(|a| a.title == "تغطية مباشرة: جلسة البرلمان")
        .collect();
    assert_eq!(live.len(), 2, "updates with their own ids are not merged");
    assert!(live.iter().any(|a| a.body.contains("هشام العلي")));
    assert!(
        live.iter()
            .any(|a| a.published.as_deref() == Some("2026-11-03T10:00:00+00:00"))
    );

    let again = fetch(&mut store, &urls, &options());
    assert_eq!(stored(&again[0]), (0, 4), "a re-fetch adds no duplicates");
    assert_eq!(store.article_count().unwrap(), 4);
}

#[test]
fn atom_links_follow_xml_base_prefer_the_web_alternate_and_fall_back_to_a_web_id() {
    let server = TestServer::start();
    server.fixture("/harbour.xml", "atom-links-en.xml", "application/atom+xml");
    let (_dir, mut store) = temp_store();
    let urls = [server.url("/harbour.xml")];
    let reports = fetch(&mut store, &urls, &options());
    assert_eq!(stored(&reports[0]), (5, 0));
    let articles = store.all_articles().unwrap();

    let port = by_title(&articles, "Port reopens after the strike");
    assert_eq!(
        port.url.as_deref(),
        Some(server.url("/harbour/2026/11/port-reopens").as_str()),
        "the HTML alternate, not gemini: nor the replies"
    );
    assert_eq!(port.outlet.as_deref(), Some("Harbour & Hinterland"));
    assert_eq!(port.published.as_deref(), Some("2026-11-04T05:00:00+00:00"));
    assert_eq!(port.body.lines().count(), 2, "{}", port.body);

    let vote = by_title(&articles, "Dock workers vote on the new contract");
    assert_eq!(vote.url.as_deref(), Some(server.url("/desk/vote").as_str()));

    let ferries = by_title(&articles, "Ferry timetable for the winter");
    assert_eq!(
        ferries.url.as_deref(),
        Some(server.url("/harbour/2026/11/ferries").as_str()),
        "an http id stands in for the missing link"
    );

    let notes: Vec<&StoredArticle> = articles
        .iter()
        .filter(|a| a.title == "Harbour notes")
        .collect();
    assert_eq!(notes.len(), 2, "a repeated id does not merge two entries");
    assert!(
        notes.iter().all(|note| note.url.is_none()),
        "a tag: id is no address"
    );

    let again = fetch(&mut store, &urls, &options());
    assert_eq!(stored(&again[0]), (0, 5), "a re-fetch adds no duplicates");
}

#[test]
fn a_feed_cut_off_midway_keeps_its_whole_entries_and_says_where_it_broke() {
    let server = TestServer::start();
    let whole = common::fixture_text("rss2-ar.xml", &server.base);
    let cut_at = whole.find("<item>").unwrap()
        + whole[whole.find("<item>").unwrap()..]
            .find("</item>")
            .unwrap()
        + 200;
    serve_bytes(
        &server,
        "/cut.xml",
        whole.as_bytes()[..cut_at].to_vec(),
        "application/xml",
    );
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/cut.xml")], &options());
    assert_eq!(stored(&reports[0]), (1, 0));
    let problem = reports[0]
        .problem
        .as_deref()
        .expect("the break is reported");
    assert!(problem.starts_with("line "), "{problem}");
}

/// `body` compressed with `coding` (`gzip`, `deflate`, `br`) as hard as
/// each can.
fn compressed(coding: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match coding {
        "gzip" => {
            let mut encoder = flate2::write::GzEncoder::new(&mut out, flate2::Compression::best());
            encoder.write_all(body).unwrap();
            encoder.finish().unwrap();
        }
        "deflate" => {
            let mut encoder =
                flate2::write::ZlibEncoder::new(&mut out, flate2::Compression::best());
            encoder.write_all(body).unwrap();
            encoder.finish().unwrap();
        }
        "br" => {
            let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            encoder.write_all(body).unwrap();
            drop(encoder);
        }
        other => panic!("no encoder for {other}"),
    }
    out
}

const CODINGS: [&str; 3] = ["gzip", "deflate", "br"];

#[test]
fn a_compressed_body_is_capped_by_its_decoded_size_for_every_coding() {
    const DECODED: usize = 8 * 1024 * 1024;
    const LIMIT: u64 = 1024 * 1024;
    let server = TestServer::start();
    let mut urls = Vec::new();
    let filler = b"<item><title>x</title></item>".repeat(DECODED / 29);
    for coding in CODINGS {
        let body = compressed(coding, &filler);
        assert!(
            (body.len() as u64) < LIMIT / 4,
            "{coding}: {} bytes on the wire",
            body.len()
        );
        let path = format!("/bomb-{coding}.xml");
        server.route(&path, Reply::Encoded { coding, body });
        urls.push(server.url(&path));
    }
    let (_dir, mut store) = temp_store();
    let mut small = options();
    small.limits.max_body = LIMIT;
    let reports = fetch(&mut store, &urls, &small);
    for (report, coding) in reports.iter().zip(CODINGS) {
        let error = failure(report);
        assert!(
            matches!(error, FeedError::Http(HttpError::TooLarge { limit: LIMIT, coding: Some(c) }) if c == coding),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "expected at most 1048576 bytes (--max-size), the response is larger once {coding}-decoded"
            )
        );
    }
    assert_eq!(store.article_count().unwrap(), 0);
}

#[test]
fn compressed_feeds_within_the_cap_are_read_for_every_coding() {
    let server = TestServer::start();
    let feed = common::fixture_text("atom-en.xml", &server.base).into_bytes();
    let mut urls = Vec::new();
    for coding in CODINGS {
        let body = compressed(coding, &feed);
        let path = format!("/{coding}.xml");
        server.route(&path, Reply::Encoded { coding, body });
        urls.push(server.url(&path));
    }
    for url in urls {
        let (_dir, mut store) = temp_store();
        let reports = fetch(&mut store, &[url], &options());
        assert_eq!(stored(&reports[0]), (2, 0), "{}", reports[0].url);
    }
}

#[test]
fn a_site_address_is_followed_to_the_feeds_its_page_names() {
    let server = TestServer::site();
    let (_dir, mut store) = temp_store();
    let mut seen = Vec::new();
    let sources = [FeedSource {
        url: server.url("/"),
        outlet: None,
        lang: None,
    }];
    let reports = fetch_all(&mut store, &sources, &options(), |report| {
        seen.push(report.url.clone())
    });
    let FeedOutcome::Discovered(links) = &reports[0].outcome else {
        panic!("expected the page's feeds, got {:?}", reports[0].outcome);
    };
    let found: Vec<(&str, FeedKind, Option<&str>)> = links
        .iter()
        .map(|link| (link.url.as_str(), link.kind, link.title.as_deref()))
        .collect();
    let (sahil, harbour) = (
        server.url("/feeds/sahil.xml"),
        server.url("/feeds/harbour.xml"),
    );
    assert_eq!(
        found,
        [
            (sahil.as_str(), FeedKind::Rss, Some("صحيفة الساحل")),
            (harbour.as_str(), FeedKind::Atom, Some("Harbour desk")),
        ]
    );
    assert_eq!(seen, [server.url("/"), sahil.clone(), harbour.clone()]);
    assert_eq!(stored(&reports[1]), (4, 0));
    assert_eq!(stored(&reports[2]), (5, 0));
    assert_eq!(store.feeds().unwrap().len(), 2, "the feeds, not the page");
}

#[test]
fn a_page_naming_no_feed_is_refused_in_those_words() {
    let server = TestServer::start();
    server.fixture("/contact", "page-without-feeds.html", "text/html");
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/contact")], &options());
    let error = failure(&reports[0]);
    assert!(
        matches!(error, FeedError::Parse(ParseError::WebPage(links)) if links.is_empty()),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "this is a web page, not a feed, and it names no feed"
    );
}
