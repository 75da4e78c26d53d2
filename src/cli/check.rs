//! `mizan check`: validates the configuration and every lexicon layer,
//! printing each problem as `file:line:col` with the offending line and a
//! caret. All problems are collected in one run; errors exit 1, warnings
//! do not.

use super::Cli;
use clap::Args;
use mizan::config::{Config, ConfigError};
use mizan_engine::lexicon::{Diagnostic, Lexicon, SettingsOrigin, Severity};
use mizan_text::sanitize::sanitize_lines;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A lexicon directory layered on top of the configured ones.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut problems = Vec::new();
    let mut settings = match Config::locate(cli.config.as_deref()) {
        Ok((config, path)) => {
            let mut settings = config.lexicons;
            // Inline additions are reported at their place in the file.
            settings.origin = path.and_then(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                Some(SettingsOrigin {
                    path: path.display().to_string(),
                    text,
                })
            });
            settings
        }
        Err(error) => {
            problems.push(config_diagnostic(&error));
            Config::defaults().lexicons
        }
    };
    settings.dirs.extend(args.lexicons.clone());
    let (lexicon, found) = Lexicon::check(&settings);
    problems.extend(found);
    for problem in &problems {
        eprintln!("{}", sanitize_lines(&problem.with_caret()));
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    println!(
        "{} parties, {} people; {errors} error(s), {warnings} warning(s)",
        lexicon.parties().count(),
        lexicon.people().count()
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn config_diagnostic(error: &ConfigError) -> Diagnostic {
    match error {
        ConfigError::Syntax {
            path,
            line,
            column,
            message,
        } => {
            let source_line = std::fs::read_to_string(path)
                .ok()
                .and_then(|text| text.lines().nth(line.saturating_sub(1)).map(str::to_string))
                .unwrap_or_default();
            Diagnostic {
                path: path.clone(),
                line: *line,
                column: *column,
                message: message.clone(),
                severity: Severity::Error,
                source_line,
            }
        }
        other => Diagnostic::file("config", other.to_string()),
    }
}
