//! What `w` (Markdown) and `W` (CSV) write: the screen's content as one
//! table, whole rather than only the rows on screen. The article list and
//! the statement list write their (filtered) rows; a comparison writes each
//! pane's statements, with who said them, their tags and how many outlets
//! carry them; the coverage view writes every count it shows. Text comes as
//! the articles have it (logical order, not shaped), without control
//! characters; a CSV cell that a spreadsheet would run as a formula is
//! written as text.

use super::state::{Screen, State};
use super::words::counted;
use mizan_engine::corpus::coverage::Counts;
use mizan_engine::tagger::Statement;
use mizan_text::sanitize::sanitize;

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Csv,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
        }
    }
}

/// A document to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// What it holds, for the file's name: `articles`, `statements`,
    /// `comparison`, `coverage`.
    pub what: &'static str,
    pub format: ExportFormat,
    /// How much it holds, for the message ("6 statements").
    pub summary: String,
    pub contents: String,
}

/// One table: a title (Markdown only), column names, rows.
struct Table {
    title: String,
    header: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

/// The current screen's content as a document, when it has a table.
pub(super) fn export_screen(state: &State, format: ExportFormat) -> Option<Export> {
    let (what, noun, table) = match state.screen {
        Screen::Articles => ("articles", "article", article_table(state)),
        Screen::Statements => ("statements", "statement", statement_table(state)),
        Screen::Compare => ("comparison", "statement", comparison_table(state)),
        Screen::Coverage => ("coverage", "count", coverage_table(state)),
        Screen::Reader => return None,
    };
    Some(Export {
        what,
        format,
        summary: counted(table.rows.len(), noun),
        contents: match format {
            ExportFormat::Markdown => markdown(&table),
            ExportFormat::Csv => csv(&table),
        },
    })
}

fn article_table(state: &State) -> Table {
    let rows = state
        .article_rows()
        .iter()
        .map(|&index| {
            let article = &state.articles()[index];
            let stance: Vec<String> = state
                .stance_summary(index)
                .into_iter()
                .map(|(relation, party, count)| format!("{relation:?} {party} {count}"))
                .collect();
            vec![
                article.title.clone(),
                outlet(state, index),
                article.meta.date.clone().unwrap_or_default(),
                article.lang.code().to_string(),
                state.statements_of(index).len().to_string(),
                stance.join(", ").to_lowercase(),
                article.meta.url.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Table {
        title: titled("Articles", state),
        header: &[
            "title",
            "outlet",
            "date",
            "lang",
            "statements",
            "stance",
            "url",
        ],
        rows,
    }
}

const STATEMENT_COLUMNS: &[&str] = &[
    "outlet",
    "article",
    "date",
    "speaker",
    "party",
    "blames",
    "supports",
    "outlets",
    "statement",
];

fn statement_table(state: &State) -> Table {
    let rows = state
        .statement_rows()
        .iter()
        .filter_map(|&(article, statement)| statement_row(state, article, statement))
        .collect();
    Table {
        title: titled("Statements", state),
        header: STATEMENT_COLUMNS,
        rows,
    }
}

fn comparison_table(state: &State) -> Table {
    let rows = state
        .compare
        .articles
        .iter()
        .flat_map(|&article| {
            (0..state.statements_of(article).len())
                .filter_map(move |statement| statement_row(state, article, statement))
        })
        .collect();
    let outlets: Vec<String> = state
        .compare
        .articles
        .iter()
        .map(|&a| outlet(state, a))
        .collect();
    Table {
        title: format!("Comparison: {}", outlets.join(" · ")),
        header: STATEMENT_COLUMNS,
        rows,
    }
}

/// A statement as a row of [`STATEMENT_COLUMNS`].
fn statement_row(state: &State, article: usize, statement: usize) -> Option<Vec<String>> {
    let found = state.articles().get(article)?;
    let said: &Statement = state.statements_of(article).get(statement)?;
    let text = |range: mizan_text::TextRange| {
        found
            .source
            .get(range.as_range())
            .unwrap_or_default()
            .to_string()
    };
    let parties = |ids: Vec<&mizan_engine::lexicon::Name>| {
        let ids: Vec<&str> = ids.into_iter().map(|id| &**id).collect();
        ids.join(" ")
    };
    Some(vec![
        outlet(state, article),
        found.title.clone(),
        found.meta.date.clone().unwrap_or_default(),
        said.speaker.map(text).unwrap_or_default(),
        said.speaker_party
            .as_deref()
            .unwrap_or_default()
            .to_string(),
        parties(said.blames().collect()),
        parties(said.supports().collect()),
        state
            .outlets_carrying(article, statement)
            .map_or(String::new(), |n| n.to_string()),
        text(said.range),
    ])
}

fn coverage_table(state: &State) -> Table {
    let coverage = &state.coverage.coverage;
    let mut rows = Vec::new();
    for outlet in &coverage.outlets {
        count_rows(&mut rows, "outlet", &outlet.outlet, &outlet.counts);
    }
    for article in &coverage.articles {
        let title = state
            .articles()
            .get(article.article)
            .map_or("", |a| a.title.as_str());
        let name = format!("{} · {title}", article.outlet);
        count_rows(&mut rows, "article", &name, &article.counts);
    }
    Table {
        title: format!("Coverage: {}", state.coverage.title),
        header: &["scope", "name", "count", "party", "target", "number"],
        rows,
    }
}

/// One row per number of `counts`, as the coverage view shows them.
fn count_rows(rows: &mut Vec<Vec<String>>, scope: &str, name: &str, counts: &Counts) {
    let mut row = |count: &str, party: &str, target: &str, number: usize| {
        rows.push(vec![
            scope.to_string(),
            name.to_string(),
            count.to_string(),
            party.to_string(),
            target.to_string(),
            number.to_string(),
        ]);
    };
    row("statements", "", "", counts.statements);
    row("no party", "", "", counts.unattributed);
    let tallies = [
        ("quoted", &counts.quoted),
        ("blames", &counts.blames),
        ("supports", &counts.supports),
    ];
    for (count, tally) in tallies {
        for (party, &number) in tally {
            row(count, party, "", number);
        }
    }
    for pair in &counts.pairs {
        let relation = format!("{:?}", pair.relation).to_lowercase();
        row(&relation, &pair.speaker, &pair.target, pair.count);
    }
}

/// The outlet an article is listed under (its path when it has none).
fn outlet(state: &State, article: usize) -> String {
    state
        .articles()
        .get(article)
        .map_or_else(String::new, |a| super::coverage::outlet_of(a).to_string())
}

/// `what`, with the filter in force when there is one.
fn titled(what: &str, state: &State) -> String {
    match state.filter().prompt().input() {
        "" => what.to_string(),
        filter => format!("{what} (filter: {filter})"),
    }
}

fn markdown(table: &Table) -> String {
    let cell = |text: &str| {
        sanitize(text)
            .replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace('\n', " ")
    };
    let mut out = format!("# {}\n\n", cell(&table.title));
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(table.header.iter().map(|h| h.to_string()).collect()));
    out.push_str(&line(
        table.header.iter().map(|_| "---".to_string()).collect(),
    ));
    for row in &table.rows {
        out.push_str(&line(row.iter().map(|c| cell(c)).collect()));
    }
    out
}

fn csv(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.header.iter().map(|h| csv_cell(h)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field: quoted, quotes doubled, and a leading `'` when a
/// spreadsheet would read it as a formula (article text is hostile).
fn csv_cell(text: &str) -> String {
    let text = sanitize(text).replace('\n', " ");
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if formula { format!("'{text}") } else { text };
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            title: "Statements (filter: a|b)".into(),
            header: &["speaker", "statement"],
            rows: vec![vec![
                "=HYPERLINK(\"x\")".into(),
                "قال \"خرقت\" |\u{202e} x".into(),
            ]],
        }
    }

    #[test]
    fn csv_quotes_fields_and_disarms_formulas() {
        let written = csv(&table());
        let lines: Vec<&str> = written.split("\r\n").collect();
        assert_eq!(lines[0], "\"speaker\",\"statement\"");
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"x\"\")\",\"قال \"\"خرقت\"\" | x\""
        );
    }

    #[test]
    fn markdown_escapes_the_cell_separator() {
        let written = markdown(&table());
        assert!(written.starts_with("# Statements (filter: a\\|b)\n\n"));
        assert!(written.contains("| speaker | statement |\n| --- | --- |\n"));
        assert!(written.contains("| =HYPERLINK(\"x\") | قال \"خرقت\" \\| x |"));
        assert!(!written.contains('\u{202e}'), "no bidi override");
    }
}
