//! Fuzzes `Config::parse`: any text gives a configuration or a typed error
//! whose message renders (the binary sanitises it before printing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = Config::parse(text, "config.toml") {
        assert!(!error.to_string().is_empty());
    }
});
