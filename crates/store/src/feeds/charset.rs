//! A feed's bytes as text. Publishers serve every encoding the web knows:
//! UTF-16 with and without a byte order mark, legacy code pages named only
//! in the XML declaration or only in the HTTP `Content-Type`, or named
//! nowhere. The encoding is taken, in this order, from the byte order mark,
//! the byte pattern of UTF-16 without one, the XML declaration, the HTTP
//! charset, valid UTF-8, and last a guess from the bytes (chardetng, the
//! detector Firefox uses), so the XML parser only ever sees UTF-8.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How much of a document is searched for its XML declaration.
const DECLARATION_WINDOW: usize = 256;

/// `bytes` decoded, the byte order mark removed.
pub fn decode_document(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = byte_order_mark(bytes)
        .or_else(|| utf16_pattern(bytes))
        .or_else(|| declared_encoding(bytes).filter(|e| fits_ascii_bytes(e, bytes)))
        .or_else(|| http_charset(content_type).filter(|e| fits_ascii_bytes(e, bytes)))
        .unwrap_or_else(|| undeclared_encoding(bytes));
    encoding.decode_with_bom_removal(bytes).0.into_owned()
}

fn byte_order_mark(bytes: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(bytes).map(|(encoding, _)| encoding)
}

/// UTF-16 without a byte order mark: a document starts with `<`, `{` or
/// white space, so its first two bytes are one zero and one ASCII byte.
fn utf16_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0, second, ..] if *second != 0 && second.is_ascii() => Some(UTF_16BE),
        [first, 0, ..] if *first != 0 && first.is_ascii() => Some(UTF_16LE),
        _ => None,
    }
}

/// A declared encoding is believed only where it can hold the bytes seen:
/// a document read here is ASCII-compatible (UTF-16 was caught before), so
/// a UTF-16 label is a leftover of transcoding, and a UTF-8 label on bytes
/// that are not UTF-8 is wrong.
fn fits_ascii_bytes(encoding: &&'static Encoding, bytes: &[u8]) -> bool {
    if *encoding == UTF_16BE || *encoding == UTF_16LE {
        return false;
    }
    *encoding != UTF_8 || std::str::from_utf8(bytes).is_ok()
}

/// The `encoding` of `<?xml version="1.0" encoding="..."?>`.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let text = String::from_utf8_lossy(window);
    let declaration = text.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let value = attribute_value(declaration, "encoding")?;
    Encoding::for_label(value.as_bytes())
}

/// The value of `name="value"` (or single quotes) in a declaration.
fn attribute_value<'a>(declaration: &'a str, name: &str) -> Option<&'a str> {
    let after_name = &declaration[declaration.find(name)? + name.len()..];
    let after_equals = after_name.trim_start().strip_prefix('=')?.trim_start();
    let quote = after_equals
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let value = &after_equals[1..];
    Some(&value[..value.find(quote)?])
}

/// The `charset` parameter of a `Content-Type` header.
fn http_charset(content_type: Option<&str>) -> Option<&'static Encoding> {
    content_type?
        .split(';')
        .skip(1)
        .filter_map(|parameter| parameter.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .and_then(|(_, value)| Encoding::for_label(value.trim().trim_matches('"').as_bytes()))
}

/// UTF-8 when the bytes are UTF-8, else chardetng's guess.
fn undeclared_encoding(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn utf16be_is_read_with_a_bom_and_from_its_byte_pattern() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><title>قناة</title></channel></rss>";
        let mut with_bom = vec![0xFE, 0xFF];
        with_bom.extend(utf16be(text));
        assert_eq!(decode_document(&with_bom, None), text);
        assert_eq!(decode_document(&utf16be(text), None), text);
    }

    #[test]
    fn the_declaration_wins_over_http_and_http_over_guessing() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("<rss><title>Revolução</title></rss>");
        assert_eq!(
            decode_document(&latin, Some("application/xml; charset=iso-8859-1")),
            "<rss><title>Revolução</title></rss>"
        );
        let declared = [
            b"<?xml version='1.0' encoding='windows-1256'?>".as_slice(),
            &encoding_rs::WINDOWS_1256.encode("<t>قال</t>").0,
        ]
        .concat();
        assert!(
            decode_document(&declared, Some("text/xml; charset=utf-8")).ends_with("<t>قال</t>")
        );
    }

    #[test]
    fn a_false_utf8_or_utf16_label_is_not_believed() {
        let (arabic, _, _) = encoding_rs::WINDOWS_1256.encode(
            "<rss><item><title>قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة</title></item></rss>",
        );
        let text = decode_document(&arabic, Some("application/xml; charset=utf-8"));
        assert!(text.contains("المحادثات"), "{text}");
        let declared = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>";
        assert_eq!(
            decode_document(declared, None),
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>"
        );
    }

    #[test]
    fn http_charset_is_read_among_other_parameters() {
        assert_eq!(
            http_charset(Some("text/xml; q=1; Charset=\"KOI8-R\"")),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(http_charset(Some("text/xml")), None);
    }
}
