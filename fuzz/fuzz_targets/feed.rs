//! Fuzzes feed parsing (`feeds::parse::parse_feed`): RSS, Atom, RDF, JSON
//! Feed and HTML bytes from the network give a feed or an error, never a
//! panic, in whatever encoding they come. An input whose first byte is
//! below `FRAMINGS` is the rest of the input (as text) framed the way
//! publishers send it: UTF-16BE or UTF-16LE with or without a byte order
//! mark, UTF-8 with one, a legacy encoding named in the XML declaration,
//! only in the HTTP charset, or nowhere; any other input is parsed as it is.
#![no_main]

use encoding_rs::{Encoding, KOI8_R, WINDOWS_1256};
use libfuzzer_sys::fuzz_target;
use mizan_store::feeds::parse::parse_feed;

const FRAMINGS: u8 = 8;
const URL: &str = "http://127.0.0.1:8/news/feed.xml";

fuzz_target!(|data: &[u8]| {
    let (bytes, content_type) = match data.split_first() {
        Some((&framing, rest)) if framing < FRAMINGS => framed(framing, rest),
        _ => (data.to_vec(), None),
    };
    let _ = parse_feed(&bytes, content_type, URL);
});

fn framed(framing: u8, rest: &[u8]) -> (Vec<u8>, Option<&'static str>) {
    let text = String::from_utf8_lossy(rest);
    match framing {
        0 => (with_prefix(&[0xFE, 0xFF], utf16(&text, true)), None),
        1 => (utf16(&text, true), None),
        2 => (with_prefix(&[0xFF, 0xFE], utf16(&text, false)), None),
        3 => (utf16(&text, false), None),
        4 => (with_prefix(&[0xEF, 0xBB, 0xBF], text.as_bytes().to_vec()), None),
        5 => {
            let declared = format!("<?xml version=\"1.0\" encoding=\"windows-1256\"?>{text}");
            (encoded(WINDOWS_1256, &declared), None)
        }
        6 => (
            encoded(WINDOWS_1256, &text),
            Some("application/rss+xml; charset=windows-1256"),
        ),
        _ => (encoded(KOI8_R, &text), Some("text/xml")),
    }
}

/// UTF-16 by hand: encoding_rs, following the web's rules, only decodes it.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

fn with_prefix(prefix: &[u8], body: Vec<u8>) -> Vec<u8> {
    [prefix, &body].concat()
}

fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    encoding.encode(text).0.into_owned()
}
