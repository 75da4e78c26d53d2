//! The mizan binary run in a home of its own: its store and configuration
//! directory in a temporary directory, no proxy and no input, so no user
//! file or network setting is read.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The mizan binary with configuration `config`, its store and
/// configuration directory in `home`.
pub fn mizan_at_home(home: &Path, config: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mizan"));
    command
        .arg("--config")
        .arg(config)
        .env("MIZAN_DATA_DIR", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .stdin(Stdio::null());
    command
}

/// Runs mizan with `args` in `home`, configured by `home/config.toml`.
pub fn run_at_home(home: &Path, args: &[&str]) -> Output {
    mizan_at_home(home, &home.join("config.toml"))
        .args(args)
        .output()
        .expect("mizan runs")
}
