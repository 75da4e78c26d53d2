//! Problems found in lexicon and configuration files, each with the place it
//! was found, so `mizan check` can point at the exact character.

use mizan_text::sanitize::sanitize;
use std::fmt;
use unicode_width::UnicodeWidthStr;

/// How bad a problem is: errors stop the lexicon from loading, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based; 0 when the problem has no line (a missing file).
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    pub severity: Severity,
    /// The offending line as written, empty when there is none.
    pub source_line: String,
}

impl Diagnostic {
    /// A problem at byte `offset` of `text` (the file `path`).
    pub fn at(
        path: &str,
        text: &str,
        offset: usize,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let (line, column) = mizan_text::line_column(text, offset);
        let source_line = text.lines().nth(line - 1).unwrap_or("").to_string();
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            message,
            severity,
            source_line,
        }
    }

    /// A problem with a whole file (unreadable, missing).
    pub fn file(path: &str, message: String) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            line: 0,
            column: 0,
            message,
            severity: Severity::Error,
            source_line: String::new(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic, then the offending line with a caret under the column.
    ///
    /// ```
    /// use mizan_engine::lexicon::{Diagnostic, Severity};
    /// let d = Diagnostic::at("ar/cues.toml", "a = 1\nstance = \"x\"\n", 15, Severity::Error, "bad".into());
    /// assert_eq!(d.with_caret(), "ar/cues.toml:2:10: error: bad\n  stance = \"x\"\n           ^");
    /// ```
    pub fn with_caret(&self) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{}:{}:{}: {label}: {}",
            self.path, self.line, self.column, self.message
        );
        if !self.source_line.is_empty() {
            // The line is shown sanitised (it may carry escapes or tabs), so
            // the caret goes under the width of what is shown before the
            // column, not under the column's count of written characters.
            let before: String = self
                .source_line
                .chars()
                .take(self.column.saturating_sub(1))
                .collect();
            let pad = " ".repeat(sanitize(&before).width());
            out.push_str(&format!("\n  {}\n  {pad}^", sanitize(&self.source_line)));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}
