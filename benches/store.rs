//! Store and fetch speed against the targets: with 100,000 stored
//! articles, opening the store and reading the first page of the article
//! list (title, outlet, date, lang), and everything the reader reads from
//! the store before its first frame, in at most 200 ms; a fetch of 100 feeds
//! served on 127.0.0.1 in at most 5 s.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{Bounds, Reply, TestServer};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mizan::config::Config;
use mizan::sources::load_configured_paged;
use mizan_store::feeds::{FeedSource, FetchOptions, fetch_all};
use mizan_store::{FeedRecord, NewArticle, Store};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const STORED_ARTICLES: usize = 100_000;
const ARTICLES_PER_FEED: usize = 1_000;
const PAGE: usize = 60;
/// As `READ_BEFORE_FIRST_FRAME` in `src/cli/tui.rs`.
const READER_FIRST_PAGE: usize = 200;
const LOCAL_FEEDS: usize = 100;
const ITEMS_PER_LOCAL_FEED: usize = 20;

const PARAGRAPH: &str = "قال المتحدث باسم الوزارة إن الحكومة ستواصل المحادثات مع جميع الأطراف، \
مؤكدا أن \"الحل السياسي هو الطريق الوحيد\" لإنهاء الأزمة المستمرة منذ أشهر.";

fn fill(path: &Path) {
    let mut store = Store::open(path).expect("open the bench store");
    let body = [PARAGRAPH; 4].join("\n");
    for feed in 0..STORED_ARTICLES / ARTICLES_PER_FEED {
        let record = FeedRecord {
            url: format!("http://127.0.0.1/feed-{feed}.xml"),
            outlet: Some(format!("Outlet {}", feed % 20)),
            ..FeedRecord::default()
        };
        let articles: Vec<NewArticle> = (0..ARTICLES_PER_FEED)
            .map(|item| {
                let n = feed * ARTICLES_PER_FEED + item;
                NewArticle {
                    guid: Some(format!("guid-{n}")),
                    url: Some(format!("http://127.0.0.1/{feed}/{item}")),
                    title: format!("خبر رقم {n} عن المحادثات"),
                    outlet: record.outlet.clone(),
                    lang: Some("ar".to_string()),
                    published: Some(format!(
                        "2026-{:02}-{:02}T{:02}:{:02}:00+00:00",
                        1 + n % 12,
                        1 + n % 28,
                        n % 24,
                        n % 60
                    )),
                    body: body.clone(),
                }
            })
            .collect();
        store
            .store_feed(&record, &articles, "2026-11-02T00:00:00+00:00")
            .expect("fill the bench store");
    }
}

fn open_and_first_page(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mizan.db");
    fill(&path);
    c.bench_function("store: open 100k + first page", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            black_box(store.article_page(0, PAGE).expect("page"))
        })
    });
    // What `mizan` with no PATH reads before its first frame: the first 200
    // whole articles (the reader's first page) and the count.
    let config = Config::parse("", "config.toml").expect("empty configuration");
    c.bench_function("store: reader's first page of 100k", |b| {
        b.iter(|| black_box(load_configured_paged(&config, &path, READER_FIRST_PAGE)))
    });
}

fn feed_xml(feed: usize, base: &str) -> Vec<u8> {
    let items: String = (0..ITEMS_PER_LOCAL_FEED)
        .map(|item| {
            format!(
                "<item><title>خبر {feed}-{item}</title><link>{base}/a/{feed}/{item}</link>\
                 <guid>g-{feed}-{item}</guid><pubDate>Mon, 02 Nov 2026 08:15:00 GMT</pubDate>\
                 <description><![CDATA[<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>]]></description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>{items}</channel></rss>"
    )
    .into_bytes()
}

fn fetch_local_feeds(c: &mut Criterion) {
    let server = TestServer::start_bounded(Bounds {
        lifetime: Duration::from_secs(900),
        max_connections: 1_000_000,
    });
    let sources: Vec<FeedSource> = (0..LOCAL_FEEDS)
        .map(|feed| {
            let path = format!("/feed-{feed}.xml");
            server.route(
                &path,
                Reply::Body {
                    body: feed_xml(feed, &server.base),
                    content_type: "application/rss+xml",
                    etag: None,
                },
            );
            FeedSource {
                url: server.url(&path),
                outlet: None,
                lang: None,
            }
        })
        .collect();
    let options = FetchOptions {
        fetch_pages: false,
        ..FetchOptions::default()
    };
    let mut group = c.benchmark_group("fetch");
    group.sample_size(10);
    group.bench_function("100 local feeds into a new store", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                let mut store = Store::open(&dir.path().join("mizan.db")).expect("open");
                let reports = fetch_all(&mut store, &sources, &options, |_| {});
                assert_eq!(
                    store.article_count().expect("count"),
                    LOCAL_FEEDS * ITEMS_PER_LOCAL_FEED,
                    "{:?}",
                    reports.first()
                );
                black_box(reports)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5));
    targets = open_and_first_page, fetch_local_feeds
}
criterion_main!(benches);
