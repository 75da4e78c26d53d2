//! The keys that recognise an article already stored: its canonical URL, its
//! normalised title, and the hash of its content (which also keys the
//! analysis cache).

use mizan_text::normalize::normalize;
use mizan_text::stable_hash;

/// The URL with the parts that do not change the article removed: the
/// fragment, `utm_*` tracking parameters, the case of scheme and host, a
/// default port and a trailing `?`.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let without_fragment = url.split_once('#').map_or(url, |(before, _)| before);
    let (before_query, query) = match without_fragment.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (without_fragment, None),
    };
    let mut canonical = lower_scheme_and_host(before_query);
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|query| query.split('&'))
        .filter(|pair| !pair.is_empty() && !is_tracking_parameter(pair))
        .collect();
    if !kept.is_empty() {
        canonical.push('?');
        canonical.push_str(&kept.join("&"));
    }
    canonical
}

fn is_tracking_parameter(pair: &str) -> bool {
    let name = pair.split_once('=').map_or(pair, |(name, _)| name);
    name.to_ascii_lowercase().starts_with("utm_")
}

fn lower_scheme_and_host(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme = scheme.to_ascii_lowercase();
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, "/"),
    };
    let authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    };
    let authority = default_port
        .and_then(|port| authority.strip_suffix(port))
        .unwrap_or(&authority);
    format!("{scheme}://{authority}{path}")
}

/// The title folded so that spelling variants of one headline compare
/// equal: the matching normalisation of [`mizan_text::normalize`]
/// (diacritics, tatweel, alef/yeh/teh marbuta variants, case, digits), then
/// every run of punctuation or space made one space.
pub fn title_key(title: &str) -> String {
    let folded = normalize(title).text;
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// A stable hash of an article's title and body: the same text always gives
/// the same key, across runs and versions, which the analysis cache relies on.
pub fn content_hash(title: &str, body: &str) -> String {
    stable_hash([title.as_bytes(), body.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_drops_tracking_fragment_and_host_case() {
        assert_eq!(
            canonical_url("HTTPS://News.Example.COM:443/a/b?id=3&utm_source=rss&UTM_medium=x#top"),
            "https://news.example.com/a/b?id=3"
        );
        assert_eq!(canonical_url("http://Example.com"), "http://example.com/");
        assert_eq!(canonical_url("http://e.com/A?utm_x=1"), "http://e.com/A");
    }

    #[test]
    fn title_key_folds_arabic_variants_and_punctuation() {
        assert_eq!(title_key("إطلاقُ  سراحِ الأسرى!"), title_key("اطلاق سراح الاسرى"));
        assert_eq!(
            title_key("Talks  Resume, in Muscat"),
            "talks resume in muscat"
        );
        assert_ne!(title_key("Talks resume"), title_key("Talks stall"));
    }

    #[test]
    fn content_hash_is_stable_and_separates_title_from_body() {
        assert_eq!(content_hash("a", "b"), content_hash("a", "b"));
        assert_ne!(content_hash("ab", ""), content_hash("a", "b"));
        assert_eq!(content_hash("", "").len(), 16);
        // The value stored keys made before `stable_hash` existed.
        assert_eq!(content_hash("a", "b"), "e5d29919042666b2");
    }
}
