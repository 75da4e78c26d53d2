//! JSON Feed 1.0 and 1.1 into items. Read leniently, as the XML formats
//! are: an id may be a number, any `items` list of objects is read, and a
//! `date_published` in RFC 822 (which some generators write) is a date too.

use super::dates::parse_date;
use super::extract::{fragment_paragraphs, plain_paragraphs};
use super::parse::{FeedItem, ParseError, ParsedFeed, distinct_ids, resolve, title_from_text};
use serde_json::{Map, Value};
use url::Url;

/// Parses the JSON Feed in `text`; links resolve against `base`.
pub fn parse_json_feed(text: &str, base: Option<&Url>) -> Result<ParsedFeed, ParseError> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| ParseError::BadJson(error.to_string()))?;
    let feed = value.as_object().ok_or(ParseError::NotJsonFeed)?;
    let entries = feed
        .get("items")
        .and_then(Value::as_array)
        .ok_or(ParseError::NotJsonFeed)?;
    let items = entries
        .iter()
        .filter_map(Value::as_object)
        .map(|entry| item(entry, base))
        .collect();
    Ok(ParsedFeed {
        title: text_field(feed, "title"),
        lang: text_field(feed, "language"),
        items: distinct_ids(items),
        problem: None,
    })
}

fn text_field(object: &Map<String, Value>, name: &str) -> Option<String> {
    let text = match object.get(name)? {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

fn item(entry: &Map<String, Value>, base: Option<&Url>) -> FeedItem {
    let url = text_field(entry, "url")
        .or_else(|| text_field(entry, "external_url"))
        .and_then(|url| resolve(&url, base));
    let content = text_field(entry, "content_html")
        .map(|html| fragment_paragraphs(&html))
        .or_else(|| text_field(entry, "content_text").map(|text| plain_paragraphs(&text)))
        .unwrap_or_default();
    let summary = text_field(entry, "summary")
        .map(|text| plain_paragraphs(&text))
        .unwrap_or_default();
    let title = text_field(entry, "title")
        .map(|title| title.split_whitespace().collect::<Vec<_>>().join(" "))
        .or_else(|| title_from_text(&summary, &content))
        .or_else(|| url.clone())
        .unwrap_or_default();
    let published = ["date_published", "date_modified"]
        .iter()
        .filter_map(|name| text_field(entry, name))
        .find_map(|text| parse_date(&text))
        .map(|date| date.to_rfc3339());
    FeedItem {
        guid: String::new(),
        url,
        title,
        published,
        content,
        summary,
    }
    .identified(text_field(entry, "id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_feed_with_numeric_ids_relative_urls_and_no_titles_reads() {
        let base = Url::parse("https://example.org/feed.json").unwrap();
        let feed = parse_json_feed(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Wadi","language":"ar",
               "items":[{"id":7,"url":"/a/7","content_text":"نص الخبر.\n\nفقرة ثانية.","date_published":"2026-11-02T08:15:00+02:00"},
                        {"id":"8","title":" Eight ","content_html":"<p>x</p>","date_modified":"Mon, 02 Nov 2026 08:15:00 GMT"}]}"#,
            Some(&base),
        )
        .unwrap();
        assert_eq!(feed.title.as_deref(), Some("Wadi"));
        assert_eq!(feed.lang.as_deref(), Some("ar"));
        let first = &feed.items[0];
        assert_eq!(first.guid, "7");
        assert_eq!(first.url.as_deref(), Some("https://example.org/a/7"));
        assert_eq!(first.title, "نص الخبر.");
        assert_eq!(first.content, ["نص الخبر.", "فقرة ثانية."]);
        assert_eq!(
            first.published.as_deref(),
            Some("2026-11-02T06:15:00+00:00")
        );
        assert_eq!(feed.items[1].title, "Eight");
        assert_eq!(
            feed.items[1].published.as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
    }

    #[test]
    fn json_that_is_no_feed_is_named() {
        for text in [r#"{"data":[]}"#, "[1,2]", r#"{"items":3}"#] {
            assert!(matches!(
                parse_json_feed(text, None),
                Err(ParseError::NotJsonFeed)
            ));
        }
        assert!(matches!(
            parse_json_feed("{\"items\": [", None),
            Err(ParseError::BadJson(_))
        ));
    }
}
