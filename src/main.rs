//! The `mizan` binary: argument parsing and wiring only; the work is in the
//! library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
