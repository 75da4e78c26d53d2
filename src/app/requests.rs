//! What the reader asks the runtime to do outside itself at a key: open an
//! article's URL in the browser, put a statement on the clipboard, write
//! what the screen shows to a file. `update` decides what, and refuses what
//! it must (a `file:` URL, nothing selected to copy); the runtime does it
//! and tells the outcome back as a notice.

use super::export::{Export, ExportFormat, export_screen};
use super::state::{Screen, State};
use mizan_text::sanitize::sanitize;

/// One thing for the runtime to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Open this http(s) URL in the browser.
    OpenUrl(String),
    /// Put this text on the clipboard.
    Copy(String),
    /// Write this document to a new file.
    Export(Export),
}

impl State {
    /// What the runtime is asked to do, oldest first.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }
}

/// Asks for the URL of the article in view to open in the browser.
pub(super) fn open_url(state: &mut State) {
    let Some(article) = super::reading::article_in_view(state) else {
        state.status.message = Some("o opens the URL of an article: select one".into());
        return;
    };
    let url = state.articles()[article].meta.url.clone();
    match url.as_deref().map(browsable) {
        Some(Ok(url)) => state.requests.push(Request::OpenUrl(url.to_string())),
        Some(Err(why)) => state.status.message = Some(why),
        None => state.status.message = Some("this article has no URL".into()),
    }
}

/// `url` when it is one to hand a browser: http or https, no spaces or
/// control characters; else why not.
fn browsable(url: &str) -> Result<&str, String> {
    let url = url.trim();
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") if url.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Err("not opened: the article's URL has spaces or control characters".into())
        }
        Some("http" | "https") => Ok(url),
        Some("file") => Err(format!(
            "not opened: {url} is a file on this machine, not a page"
        )),
        _ => Err(format!(
            "not opened: only http and https URLs open, not {url}"
        )),
    }
}

/// Asks for the statement in view to go on the clipboard: as the article
/// has it (logical order, not shaped), without control characters.
pub(super) fn copy(state: &mut State) {
    let Some((article, statement)) = statement_in_view(state) else {
        state.status.message =
            Some("y copies a statement: select one (n in an article, or S)".into());
        return;
    };
    let text = state
        .statements_of(article)
        .get(statement)
        .and_then(|s| state.articles()[article].source.get(s.range.as_range()))
        .map(|text| sanitize(text).into_owned());
    if let Some(text) = text {
        state.requests.push(Request::Copy(text));
    }
}

/// The statement the current screen has selected, as `(article, statement)`.
fn statement_in_view(state: &State) -> Option<(usize, usize)> {
    match state.screen {
        Screen::Statements => state.selected_statement_row(),
        Screen::Reader => state.reader.selected.map(|s| (state.reader.article, s)),
        Screen::Compare => state.compare.selected,
        Screen::Articles | Screen::Coverage => None,
    }
}

/// Asks for what the screen shows to be written to a file.
pub(super) fn export(state: &mut State, format: ExportFormat) {
    match export_screen(state, format) {
        Some(export) => state.requests.push(Request::Export(export)),
        None => {
            state.status.message = Some(
                "w and W write the article or statement list, a comparison or the coverage".into(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::browsable;

    #[test]
    fn only_web_pages_go_to_the_browser() {
        assert_eq!(
            browsable(" https://a.example/x?y=1 "),
            Ok("https://a.example/x?y=1")
        );
        assert!(browsable("HTTP://a.example/").is_ok());
        let file = browsable("file:///etc/passwd").unwrap_err();
        assert!(file.contains("file on this machine"), "{file}");
        assert!(browsable("javascript:alert(1)").is_err());
        assert!(browsable("https://a.example/\u{1b}[31m").is_err());
        assert!(browsable("https://a.example/ x").is_err());
    }
}
