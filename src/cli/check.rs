//! `mizan check`: validates the configuration and every lexicon layer,
//! printing each problem as `file:line:col` with the offending line and a
//! caret. All problems are collected in one run; errors exit 1, warnings
//! do not. Configuration entries that name a party or an action nothing
//! knows get the nearest known names ("did you mean").

use super::Cli;
use clap::Args;
use mizan::app::Action;
use mizan::config::{Config, ConfigError, key_position};
use mizan::suggest::{did_you_mean, nearest};
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
    let mut named = Named::default();
    let mut settings = match Config::locate(cli.config.as_deref()) {
        Ok((config, path)) => {
            named.colors = config.colors.keys().cloned().collect();
            named.actions = config.keys.keys().cloned().collect();
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
    if let Some(origin) = &settings.origin {
        problems.extend(named.unknown(origin, &lexicon));
    }
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

/// What the configuration names: party ids in `[colors]`, actions in
/// `[keys]`.
#[derive(Default)]
struct Named {
    colors: Vec<String>,
    actions: Vec<String>,
}

impl Named {
    /// The names nothing knows: an unknown party is a warning (its colour
    /// goes unused), an unknown action an error (the reader refuses it).
    fn unknown(&self, origin: &SettingsOrigin, lexicon: &Lexicon) -> Vec<Diagnostic> {
        let parties: Vec<&str> = lexicon.parties().map(|p| p.id.as_str()).collect();
        let actions: Vec<&str> = Action::bindable_with_names()
            .map(|(_, name)| name)
            .collect();
        let colors = self
            .colors
            .iter()
            .filter(|id| !parties.contains(&id.as_str()))
            .map(|id| {
                let near = did_you_mean(&nearest(id, parties.iter().copied()));
                let message = format!("[colors] {id}: no party has this id{near}");
                located(origin, "colors", id, message, Severity::Warning)
            });
        let keys = self
            .actions
            .iter()
            .filter(|name| Action::from_name(name).is_none())
            .map(|name| {
                let near = did_you_mean(&nearest(name, actions.iter().copied()));
                let message = format!("[keys] {name}: no such action{near}");
                located(origin, "keys", name, message, Severity::Error)
            });
        colors.chain(keys).collect()
    }
}

/// A problem with `key` of `[table]`, at its place in the configuration.
fn located(
    origin: &SettingsOrigin,
    table: &str,
    key: &str,
    message: String,
    severity: Severity,
) -> Diagnostic {
    let (line, column) = key_position(&origin.text, table, key).unwrap_or((0, 0));
    let source_line = origin
        .text
        .lines()
        .nth(line.saturating_sub(1))
        .filter(|_| line > 0)
        .unwrap_or_default()
        .to_string();
    Diagnostic {
        path: origin.path.clone(),
        line,
        column,
        message,
        severity,
        source_line,
    }
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
