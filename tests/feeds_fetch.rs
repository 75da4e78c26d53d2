//! `mizan_store::feeds::fetch_all` against a server on 127.0.0.1: every feed
//! format, the failure modes (broken XML, a 50 MB body, a slow server, 404, a
//! redirect loop), gzip, conditional requests, page extraction and
//! deduplication; and the reader's refresh, which runs the same fetch.

mod common;

use common::{Reply, TestServer};
use mizan::app::{Action, StartOptions, State, update};
use mizan_store::feeds::refresh::refresh;
use mizan_store::feeds::{
    FeedError, FeedOutcome, FeedReport, FeedSource, FetchOptions, HttpError, HttpLimits, fetch_all,
};
use mizan_store::stored::StoredPage;
use mizan_store::{Store, StoredArticle};
use std::time::{Duration, Instant};

fn source(url: String) -> FeedSource {
    FeedSource {
        url,
        outlet: None,
        lang: None,
    }
}

fn options(timeout_secs: u64) -> FetchOptions {
    FetchOptions {
        limits: HttpLimits {
            timeout: Duration::from_secs(timeout_secs),
            ..HttpLimits::default()
        },
        ..FetchOptions::default()
    }
}

fn fetch(store: &mut Store, urls: &[String], options: &FetchOptions) -> Vec<FeedReport> {
    let sources: Vec<FeedSource> = urls.iter().cloned().map(source).collect();
    let mut reports = fetch_all(store, &sources, options, |_| {});
    reports.sort_by(|a, b| a.url.cmp(&b.url));
    reports
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("mizan.db")).unwrap();
    (dir, store)
}

fn added(report: &FeedReport) -> usize {
    match &report.outcome {
        FeedOutcome::Stored(stored) => stored.added,
        other => panic!("{}: expected stored, got {other:?}", report.url),
    }
}

fn by_title<'a>(articles: &'a [StoredArticle], title: &str) -> &'a StoredArticle {
    articles
        .iter()
        .find(|article| article.title == title)
        .unwrap_or_else(|| panic!("no article titled {title:?}"))
}

#[test]
fn arabic_rss2_is_stored_with_paragraphs_outlet_language_and_date() {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/rss+xml");
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/ar.xml")], &options(10));
    assert_eq!(added(&reports[0]), 3);
    let articles = store.all_articles().unwrap();
    let talks = by_title(&articles, "وزير الخارجية: المحادثات ستستأنف الأسبوع المقبل");
    assert_eq!(talks.outlet.as_deref(), Some("صحيفة الوادي"));
    assert_eq!(talks.lang.as_deref(), Some("ar"));
    assert_eq!(talks.guid.as_deref(), Some("wadi-1001"));
    assert_eq!(
        talks.published.as_deref(),
        Some("2026-11-02T08:15:00+00:00")
    );
    let paragraphs: Vec<&str> = talks.body.lines().collect();
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(
        paragraphs[1].contains("\"لن نقبل بأي شروط مسبقة"),
        "{}",
        paragraphs[1]
    );
    assert_eq!(articles[0].title, talks.title, "newest first");
}

#[test]
fn rss1_atom_and_json_feed_all_parse() {
    let server = TestServer::start();
    server.fixture("/en.rdf", "rss1-en.rdf", "application/rdf+xml");
    server.fixture("/atom.xml", "atom-en.xml", "application/atom+xml");
    server.fixture("/feed.json", "jsonfeed-ar.json", "application/feed+json");
    let (_dir, mut store) = temp_store();
    let urls = [
        server.url("/atom.xml"),
        server.url("/en.rdf"),
        server.url("/feed.json"),
    ];
    let reports = fetch(&mut store, &urls, &options(10));
    assert_eq!(reports.iter().map(added).collect::<Vec<_>>(), [2, 2, 2]);
    let articles = store.all_articles().unwrap();
    let geneva = by_title(&articles, "Ceasefire talks resume in Geneva");
    assert_eq!(geneva.outlet.as_deref(), Some("Northern Dispatch"));
    assert_eq!(geneva.lang.as_deref(), Some("en"));
    assert!(geneva.body.contains("good faith"), "{}", geneva.body);
    let strike = by_title(&articles, "Dock workers extend strike for a third day");
    assert!(
        strike.body.contains("refused every offer"),
        "{}",
        strike.body
    );
    let hospital = by_title(&articles, "تدشين مستشفى جديد في الضاحية الشمالية");
    assert_eq!(hospital.lang.as_deref(), Some("ar"));
    assert!(hospital.body.contains("مئتي سرير"));
}

#[test]
fn broken_xml_fails_alone_and_the_other_feed_is_stored() {
    let server = TestServer::start();
    server.fixture("/broken.xml", "broken.xml", "application/xml");
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let (_dir, mut store) = temp_store();
    let reports = fetch(
        &mut store,
        &[server.url("/broken.xml"), server.url("/ar.xml")],
        &options(10),
    );
    assert_eq!(added(&reports[0]), 3);
    assert!(
        matches!(reports[1].outcome, FeedOutcome::Failed(FeedError::Parse(_))),
        "{:?}",
        reports[1].outcome
    );
    assert_eq!(store.article_count().unwrap(), 3);
}

#[test]
fn a_50_mb_response_is_cut_at_the_cap_with_a_clear_error() {
    let server = TestServer::start();
    server.route(
        "/huge.xml",
        Reply::Huge {
            bytes: 50 * 1024 * 1024,
        },
    );
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/huge.xml")], &options(30));
    let FeedOutcome::Failed(error) = &reports[0].outcome else {
        panic!("expected a failure, got {:?}", reports[0].outcome);
    };
    assert!(
        matches!(
            error,
            FeedError::Http(HttpError::TooLarge {
                limit: 10_485_760,
                coding: None
            })
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "expected at most 10485760 bytes (--max-size), the response is larger"
    );
}

#[test]
fn a_slow_server_times_out_without_holding_up_the_others() {
    let server = TestServer::start();
    let body = common::fixture_text("atom-en.xml", &server.base).into_bytes();
    server.route(
        "/slow.xml",
        Reply::Slow {
            delay: Duration::from_secs(20),
            body,
        },
    );
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let (_dir, mut store) = temp_store();
    let started = Instant::now();
    let reports = fetch(
        &mut store,
        &[server.url("/ar.xml"), server.url("/slow.xml")],
        &options(1),
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(added(&reports[0]), 3);
    assert!(
        matches!(
            reports[1].outcome,
            FeedOutcome::Failed(FeedError::Http(HttpError::Timeout(1)))
        ),
        "{:?}",
        reports[1].outcome
    );
}

#[test]
fn not_found_and_a_redirect_loop_are_reported() {
    let server = TestServer::start();
    server.route("/loop", Reply::Redirect("/loop".to_string()));
    let (_dir, mut store) = temp_store();
    let reports = fetch(
        &mut store,
        &[server.url("/loop"), server.url("/missing.xml")],
        &options(10),
    );
    assert!(
        matches!(
            reports[0].outcome,
            FeedOutcome::Failed(FeedError::Http(HttpError::TooManyRedirects(5)))
        ),
        "{:?}",
        reports[0].outcome
    );
    assert!(
        matches!(
            reports[1].outcome,
            FeedOutcome::Failed(FeedError::Http(HttpError::Status(404)))
        ),
        "{:?}",
        reports[1].outcome
    );
    assert!(server.requests_to("/loop").len() <= 6);
}

#[test]
fn a_short_redirect_chain_is_followed() {
    let server = TestServer::start();
    server.route("/old", Reply::Redirect("/older".to_string()));
    server.route("/older", Reply::Redirect("/ar.xml".to_string()));
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/old")], &options(10));
    assert_eq!(added(&reports[0]), 3);
}

#[test]
fn a_gzip_response_is_decompressed() {
    let server = TestServer::start();
    let body = common::fixture_text("rss2-ar.xml", &server.base).into_bytes();
    server.route("/gz.xml", Reply::Gzip { body });
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/gz.xml")], &options(10));
    assert_eq!(added(&reports[0]), 3);
}

#[test]
fn an_unchanged_feed_is_not_downloaded_twice() {
    let server = TestServer::start();
    let body = common::fixture_text("atom-en.xml", &server.base).into_bytes();
    server.route(
        "/atom.xml",
        Reply::Body {
            body,
            content_type: "application/atom+xml",
            etag: Some("\"v1\"".to_string()),
        },
    );
    let (_dir, mut store) = temp_store();
    let urls = [server.url("/atom.xml")];
    assert_eq!(added(&fetch(&mut store, &urls, &options(10))[0]), 2);
    let second = fetch(&mut store, &urls, &options(10));
    assert!(
        matches!(second[0].outcome, FeedOutcome::NotModified),
        "{:?}",
        second[0].outcome
    );
    let requests = server.requests_to("/atom.xml");
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(store.article_count().unwrap(), 2);
}

#[test]
fn summary_only_items_get_the_main_text_of_their_page() {
    let server = TestServer::start();
    server.fixture("/summary.xml", "summary-only-ar.xml", "application/xml");
    server.fixture(
        "/pages/budget.html",
        "budget.html",
        "text/html; charset=utf-8",
    );
    server.fixture("/pages/port.html", "port.html", "text/html; charset=utf-8");
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/summary.xml")], &options(10));
    assert_eq!(added(&reports[0]), 3);
    assert_eq!(reports[0].page_failures, 1, "the missing page");
    let articles = store.all_articles().unwrap();

    let budget = by_title(&articles, "رئيس الوزراء يتهم المعارضة بعرقلة الميزانية");
    assert!(
        budget
            .body
            .contains("المعارضة تضع مصالحها الحزبية فوق مصلحة المواطن"),
        "{}",
        budget.body
    );
    assert!(budget.body.contains("نادر سليم"), "{}", budget.body);
    for furniture in ["الأكثر قراءة", "جميع الحقوق محفوظة", "الرئيسية"]
    {
        assert!(
            !budget.body.contains(furniture),
            "{furniture} in {}",
            budget.body
        );
    }
    assert!(budget.body.lines().count() >= 4, "{}", budget.body);

    let port = by_title(&articles, "Port authority blames union for shipping delays");
    assert!(
        port.body.contains("walked away from the table twice"),
        "{}",
        port.body
    );
    assert!(
        !port.body.contains("Subscribe") && !port.body.contains("Terms"),
        "{}",
        port.body
    );

    let missing = by_title(&articles, "خبر بلا صفحة");
    assert_eq!(missing.body, "ملخص خبر صفحته غير موجودة.");
}

#[test]
fn pages_of_stored_items_are_not_fetched_again() {
    let server = TestServer::start();
    server.fixture("/summary.xml", "summary-only-ar.xml", "application/xml");
    server.fixture("/pages/budget.html", "budget.html", "text/html");
    let (_dir, mut store) = temp_store();
    let urls = [server.url("/summary.xml")];
    fetch(&mut store, &urls, &options(10));
    let second = fetch(&mut store, &urls, &options(10));
    assert_eq!(added(&second[0]), 0);
    assert_eq!(server.requests_to("/pages/budget.html").len(), 1);
}

#[test]
fn the_same_article_in_two_feeds_is_stored_once() {
    let server = TestServer::start();
    server.fixture("/a.xml", "rss2-ar.xml", "application/xml");
    let copy = common::fixture_text("rss2-ar.xml", &server.base)
        .replace("wadi-100", "mirror-100")
        .replace("utm_source=rss", "utm_source=mirror");
    server.route(
        "/b.xml",
        Reply::Body {
            body: copy.into_bytes(),
            content_type: "application/xml",
            etag: None,
        },
    );
    let (_dir, mut store) = temp_store();
    let mut options = options(10);
    options.jobs = 1;
    let reports = fetch(
        &mut store,
        &[server.url("/a.xml"), server.url("/b.xml")],
        &options,
    );
    let total: usize = reports.iter().map(added).sum();
    assert_eq!(total, 3);
    assert_eq!(store.article_count().unwrap(), 3);
}

#[test]
fn a_retitled_copy_with_other_diacritics_is_a_duplicate_for_the_same_outlet() {
    let server = TestServer::start();
    let feed = |guid: &str, title: &str| {
        format!(
            r#"<rss version="2.0"><channel><title>صحيفة الوادي</title>
            <item><title>{title}</title><guid>{guid}</guid><description>نص.</description></item>
            </channel></rss>"#
        )
    };
    let body = |text: String| Reply::Body {
        body: text.into_bytes(),
        content_type: "application/xml",
        etag: None,
    };
    server.route("/1.xml", body(feed("g-1", "إطلاقُ سراحِ الأسرى")));
    server.route("/2.xml", body(feed("g-2", "اطلاق سراح الاسرى!")));
    let (_dir, mut store) = temp_store();
    let mut options = options(10);
    options.fetch_pages = false;
    let reports = fetch(
        &mut store,
        &[server.url("/1.xml"), server.url("/2.xml")],
        &options,
    );
    assert_eq!(reports.iter().map(added).sum::<usize>(), 1);
}

#[test]
fn an_arabic_page_in_windows_1256_is_extracted_intact() {
    let server = TestServer::start();
    server.fixture("/summary.xml", "summary-only-ar.xml", "application/xml");
    let page = common::fixture_text("budget.html", &server.base).replace("utf-8", "windows-1256");
    let (encoded, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&page);
    assert!(!unmappable);
    server.route(
        "/pages/budget.html",
        Reply::Body {
            body: encoded.into_owned(),
            content_type: "text/html; charset=windows-1256",
            etag: None,
        },
    );
    let (_dir, mut store) = temp_store();
    fetch(&mut store, &[server.url("/summary.xml")], &options(10));
    let articles = store.all_articles().unwrap();
    let budget = by_title(&articles, "رئيس الوزراء يتهم المعارضة بعرقلة الميزانية");
    assert!(
        budget
            .body
            .contains("ولن نسمح بأن تتحول الميزانية إلى ورقة مساومة"),
        "{}",
        budget.body
    );
}

#[test]
fn article_pages_per_feed_are_capped() {
    let server = TestServer::start();
    let items: String = (0..60)
        .map(|n| {
            format!(
                "<item><title>Item {n}</title><link>{}/p/{n}</link><guid>cap-{n}</guid>\
                 <description>Summary {n}.</description></item>",
                server.base
            )
        })
        .collect();
    server.route(
        "/many.xml",
        Reply::Body {
            body: format!(
                "<rss version=\"2.0\"><channel><title>Many</title>{items}</channel></rss>"
            )
            .into_bytes(),
            content_type: "application/xml",
            etag: None,
        },
    );
    let (_dir, mut store) = temp_store();
    let reports = fetch(&mut store, &[server.url("/many.xml")], &options(10));
    assert_eq!(added(&reports[0]), 60);
    assert_eq!(
        reports[0].page_failures,
        mizan_store::feeds::MAX_PAGES_PER_FEED
    );
    let page_requests = (0..60)
        .filter(|n| !server.requests_to(&format!("/p/{n}")).is_empty())
        .count();
    assert_eq!(page_requests, mizan_store::feeds::MAX_PAGES_PER_FEED);
}

#[test]
fn a_refresh_reads_back_what_it_stored_and_sums_up_in_one_line() {
    let server = TestServer::start();
    server.fixture("/ar.xml", "rss2-ar.xml", "application/xml");
    let (dir, store) = temp_store();
    drop(store);
    let db = dir.path().join("mizan.db");
    let missing = server.url("/gone.xml");
    let sources = [source(server.url("/ar.xml")), source(missing.clone())];
    let mut progress = Vec::new();
    let refreshed = refresh(&db, &sources, &options(10), |done, total| {
        progress.push((done, total))
    })
    .unwrap();
    assert_eq!(progress, [(1, 2), (2, 2)]);
    assert_eq!(refreshed.new.len(), 3);
    assert_eq!(
        refreshed.summary(),
        format!(
            "3 new articles, 1 feed failed: {missing}: expected a document, the server answered HTTP status 404 (Not Found)"
        )
    );

    let mut state = State::new(Vec::new(), StartOptions::default());
    let page = StoredPage::of(&refreshed.new);
    update(&mut state, Action::ReadStatesLoaded(page.read_states));
    update(&mut state, Action::ArticlesLoaded(page.articles));
    assert_eq!(state.article_rows().len(), 3);
    assert!(
        state
            .articles()
            .iter()
            .all(|article| state.reading().state_of(article).is_some_and(|s| !s.read)),
        "fetched articles arrive unread"
    );

    let again = refresh(&db, &sources, &options(10), |_, _| {}).unwrap();
    assert!(again.new.is_empty());
    assert!(
        again
            .summary()
            .starts_with("0 new articles, 1 feed failed: "),
        "{}",
        again.summary()
    );
}

#[test]
fn a_refresh_of_a_site_counts_the_feeds_its_page_names() {
    let server = TestServer::site();
    let (dir, store) = temp_store();
    drop(store);
    let mut progress = Vec::new();
    let mut quick = options(10);
    quick.fetch_pages = false;
    let refreshed = refresh(
        &dir.path().join("mizan.db"),
        &[source(server.url("/"))],
        &quick,
        |done, total| progress.push((done, total)),
    )
    .unwrap();
    assert_eq!(progress, [(1, 3), (2, 3), (3, 3)]);
    assert_eq!(refreshed.summary(), "9 new articles");
}
