//! The keys that recognise an article already stored: its canonical URL, its
//! normalised title, and the hash of its content (which also keys the
//! analysis cache).

use unicode_normalization::UnicodeNormalization;

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
/// equal: compatibility-normalised, lower-cased, Arabic diacritics and
/// tatweel removed, alef, yeh and teh marbuta variants unified, and every run
/// of punctuation or space made one space.
///
/// TEMPORARY: this is the store's own small fold until the tagger's
/// `text::normalize::normalize` is on main; then this function calls it.
pub fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    let mut pending_space = false;
    for c in title.nfkc().flat_map(char::to_lowercase) {
        if is_arabic_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(fold_arabic_letter(c));
        } else {
            pending_space = true;
        }
    }
    key
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

fn fold_arabic_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        other => other,
    }
}

/// A stable hash of an article's title and body (FNV-1a, 64 bits, as hex):
/// the same text always gives the same key, across runs and versions, which
/// the analysis cache relies on.
pub fn content_hash(title: &str, body: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let bytes = title.bytes().chain(std::iter::once(0)).chain(body.bytes());
    let hash = bytes.fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    format!("{hash:016x}")
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
    }
}
