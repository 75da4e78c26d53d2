//! Fuzzes feed parsing (`feeds::parse::parse_feed`): RSS, Atom and JSON
//! Feed bytes from the network give a feed or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_store::feeds::parse::parse_feed;

fuzz_target!(|data: &[u8]| {
    let _ = parse_feed(data);
});
