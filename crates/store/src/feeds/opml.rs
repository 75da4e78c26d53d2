//! OPML subscription lists: reading the feeds out of one (nested outlines
//! flattened) and writing the configured feeds as one.

use opml::{OPML, Outline};

/// A feed named in an OPML file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpmlFeed {
    pub url: String,
    pub title: Option<String>,
    pub lang: Option<String>,
}

/// A file that is not OPML.
#[derive(Debug, thiserror::Error)]
#[error("not an OPML file: {0}")]
pub struct OpmlError(String);

/// The feeds of an OPML document, in document order.
pub fn read_opml(text: &str) -> Result<Vec<OpmlFeed>, OpmlError> {
    let document = OPML::from_str(text).map_err(|e| OpmlError(e.to_string()))?;
    let mut feeds = Vec::new();
    collect(&document.body.outlines, &mut feeds);
    Ok(feeds)
}

fn collect(outlines: &[Outline], feeds: &mut Vec<OpmlFeed>) {
    for outline in outlines {
        if let Some(url) = outline
            .xml_url
            .as_deref()
            .filter(|url| !url.trim().is_empty())
        {
            feeds.push(OpmlFeed {
                url: url.trim().to_string(),
                title: outline
                    .title
                    .clone()
                    .or_else(|| Some(outline.text.clone()).filter(|t| !t.is_empty())),
                lang: outline.language.clone(),
            });
        }
        collect(&outline.outlines, feeds);
    }
}

/// An OPML 2.0 document listing `feeds`.
pub fn write_opml(feeds: &[OpmlFeed]) -> Result<String, OpmlError> {
    let mut document = OPML {
        head: Some(opml::Head {
            title: Some("mizan subscriptions".to_string()),
            ..opml::Head::default()
        }),
        ..OPML::default()
    };
    for feed in feeds {
        let name = feed.title.clone().unwrap_or_else(|| feed.url.clone());
        document.body.outlines.push(Outline {
            text: name.clone(),
            title: Some(name),
            r#type: Some("rss".to_string()),
            xml_url: Some(feed.url.clone()),
            language: feed.lang.clone(),
            ..Outline::default()
        });
    }
    document.to_string().map_err(|e| OpmlError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_url_title_and_language() {
        let feeds = vec![
            OpmlFeed {
                url: "http://127.0.0.1:1/ar.xml".to_string(),
                title: Some("الصحيفة".to_string()),
                lang: Some("ar".to_string()),
            },
            OpmlFeed {
                url: "http://127.0.0.1:1/en.xml".to_string(),
                title: Some("The Daily".to_string()),
                lang: None,
            },
        ];
        let text = write_opml(&feeds).unwrap();
        assert_eq!(read_opml(&text).unwrap(), feeds);
    }

    #[test]
    fn nested_outlines_are_flattened_and_folders_skipped() {
        let text = r#"<opml version="2.0"><head/><body>
            <outline text="News"><outline text="A" xmlUrl="http://127.0.0.1:1/a"/></outline>
            <outline text="B" xmlUrl="http://127.0.0.1:1/b"/></body></opml>"#;
        let urls: Vec<String> = read_opml(text)
            .unwrap()
            .into_iter()
            .map(|f| f.url)
            .collect();
        assert_eq!(urls, ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"]);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(read_opml("<html>").is_err());
    }
}
