//! `mizan compare`: the stories among the given articles, who each article
//! and outlet quotes, blames and supports, and the statements several
//! outlets carry. A table for people, JSON (documented in the README)
//! for scripts.

use super::Cli;
use super::stream::{Input, read_all};
use anyhow::Context;
use clap::{Args, ValueEnum};
use mizan::config::Config;
use mizan_engine::corpus::Article;
use mizan_engine::corpus::align::{AlignOptions, AlignedGroup, StatementRef, outlet_of};
use mizan_engine::corpus::comparison::Comparison;
use mizan_engine::corpus::coverage::{ArticleCoverage, Counts, Coverage, PartyPair, coverage};
use mizan_engine::corpus::names::Names;
use mizan_engine::corpus::stories::{
    Analysed, DateEvidence, MemberEvidence, StoryOptions, explain_stories, parties_named,
};
use mizan_engine::lexicon::{Lexicon, Name};
use mizan_engine::tagger::{Relation, Statement};
use mizan_store::stored::AnalysisCache;
use mizan_text::layout::{Direction, LayoutOptions, layout_paragraph};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Articles dated further apart than this are never one story.
    #[arg(long, default_value_t = StoryOptions::default().window_days)]
    pub window_days: u32,
    /// Table width in cells (default: the terminal's, or 120).
    #[arg(long)]
    pub width: Option<usize>,
    /// What PATH holds: article files and directories, or JSON Lines as
    /// `mizan tag --input jsonl` reads them.
    #[arg(long, value_enum, default_value_t = Input::Files)]
    pub input: Input,
    /// Articles or directories (default: the configured sources and the
    /// store of fetched feeds); with `--input jsonl`, JSON Lines files (`-`
    /// or none: standard input).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

/// What the tagger found in one article.
struct Analysis {
    statements: Vec<Statement>,
    parties: Vec<Name>,
}

pub fn run(cli: &Cli, args: &CompareArgs) -> anyhow::Result<ExitCode> {
    let (config, _) = Config::locate(cli.config.as_deref())?;
    let lexicon = super::tag::load_lexicon(cli, None)?;
    let (articles, failed, cache) = match args.input {
        Input::Files => {
            let (articles, failed) = super::load_articles(cli, &args.paths)?;
            (
                articles,
                failed,
                super::tag::analysis_cache(&args.paths, &lexicon),
            )
        }
        Input::Jsonl => {
            let (articles, failed) = read_all(&args.paths, config.limits);
            (articles, failed, None)
        }
    };
    if articles.is_empty() {
        return Err(super::nothing_to_read(&args.paths));
    }
    let analyses = analyse_all(&articles, &lexicon, cache.as_ref());
    let analysed: Vec<Analysed> = articles
        .iter()
        .zip(&analyses)
        .map(|(article, analysis)| Analysed {
            article,
            statements: &analysis.statements,
            parties: &analysis.parties,
        })
        .collect();
    let options = StoryOptions {
        window_days: args.window_days,
        ..StoryOptions::default()
    };
    let names = Names::from_lexicon(&lexicon);
    let comparison = Comparison::build(&analysed, &names, &options, &AlignOptions::default());
    let everything: Vec<usize> = (0..analysed.len()).collect();
    let coverage = coverage(&analysed, &everything);
    let written = match args.format {
        OutputFormat::Json => {
            let evidence = explain_stories(&analysed, &names, &options, &comparison.stories);
            let json = to_json(&comparison, &coverage, &analysed, &evidence, &names);
            write_json(&json)
        }
        OutputFormat::Table => {
            let style = TableStyle {
                width: args.width.unwrap_or_else(terminal_width).max(40),
                layout: config.layout,
                colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write_table(&mut out, &comparison, &coverage, &analysed, &style)
                .and_then(|()| out.flush())
        }
    };
    match written {
        // A reader that stops early (`| head`) is not a failure.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("writing the comparison")?,
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json(comparison: &JsonComparison) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let json = serde_json::to_string_pretty(comparison)?;
    writeln!(out, "{}", super::escape_json_unsafe(&json))?;
    out.flush()
}

/// The analysis step: every article tagged exactly as `mizan tag` tags it,
/// and the parties its text names.
fn analyse_all(
    articles: &[Article],
    lexicon: &Lexicon,
    cache: Option<&AnalysisCache>,
) -> Vec<Analysis> {
    articles
        .par_iter()
        .map(|article| Analysis {
            statements: super::tag::tag_cached(article, lexicon, cache),
            parties: parties_named(article, lexicon),
        })
        .collect()
}

/// The JSON form of a comparison (see the README); `evidence` explains
/// each story's members, stories in order.
fn to_json<'a>(
    comparison: &'a Comparison,
    coverage: &'a Coverage,
    analysed: &'a [Analysed<'a>],
    evidence: &'a [Vec<MemberEvidence>],
    names: &'a Names,
) -> JsonComparison<'a> {
    let path = |index: usize| analysed[index].article.path.as_str();
    let groups: Vec<(usize, AlignedGroup)> = comparison.groups().collect();
    JsonComparison {
        stories: comparison
            .stories
            .iter()
            .zip(evidence)
            .map(|(story, evidence)| JsonStory {
                label: &story.label,
                articles: story.articles.iter().map(|&i| path(i)).collect(),
                members: evidence
                    .iter()
                    .map(|member| json_member(analysed, member))
                    .collect(),
            })
            .collect(),
        articles: coverage
            .articles
            .iter()
            .map(|row| json_article(comparison, analysed, &groups, row))
            .collect(),
        outlets: coverage
            .outlets
            .iter()
            .map(|row| JsonOutlet {
                outlet: &row.outlet,
                articles: row.articles.iter().map(|&i| path(i)).collect(),
                counts: &row.counts,
            })
            .collect(),
        aligned: groups
            .iter()
            .map(|&(story, group)| json_group(analysed, names, story, group))
            .collect(),
    }
}

/// Why one article is in its story.
fn json_member<'a>(analysed: &[Analysed<'a>], member: &'a MemberEvidence) -> JsonMember<'a> {
    let path = |index: usize| analysed[index].article.path.as_str();
    JsonMember {
        article: path(member.article),
        date: member.date.as_ref(),
        cohesion: member.cohesion,
        closest: member.closest.as_ref().map(|closest| JsonClosest {
            article: path(closest.article),
            similarity: closest.similarity,
            needed: closest.needed,
            across_languages: closest.across_languages,
        }),
        shared_terms: &member.shared_terms,
        shared_dates: &member.shared_dates,
        shared_parties: &member.shared_parties,
    }
}

fn json_group<'a>(
    analysed: &[Analysed<'a>],
    names: &'a Names,
    story: usize,
    group: AlignedGroup<'a>,
) -> JsonGroup<'a> {
    JsonGroup {
        story,
        speaker_party: group.speaker_party(analysed).map(Name::as_str),
        speaker: group.speaker(analysed, names).map(Name::as_str),
        outlets: outlets(analysed, &group.articles()),
        statements: group
            .members
            .iter()
            .map(|&member| JsonStatement {
                article: &analysed[member.article].article.path,
                statement: member.statement,
                text: statement_text(analysed, member),
                speaker_party: analysed[member.article].statements[member.statement]
                    .speaker_party
                    .as_deref(),
            })
            .collect(),
    }
}

/// One article's counts, with the statements only its outlet carries and
/// the groups of its story it lacks (`groups` in the order of `aligned`).
fn json_article<'a>(
    comparison: &Comparison,
    analysed: &[Analysed<'a>],
    groups: &[(usize, AlignedGroup)],
    row: &'a ArticleCoverage,
) -> JsonArticle<'a> {
    let article = row.article;
    let story = comparison.story_of[article];
    let alignment = &comparison.alignments[story];
    JsonArticle {
        path: &analysed[article].article.path,
        outlet: &row.outlet,
        date: analysed[article].article.meta.date.as_deref(),
        story,
        counts: &row.counts,
        exclusive: (0..analysed[article].statements.len())
            .filter(|&statement| {
                alignment.carried_by_one_outlet(analysed, StatementRef { article, statement })
            })
            .collect(),
        omits: groups
            .iter()
            .enumerate()
            .filter(|(_, (group_story, group))| {
                *group_story == story && group.members.iter().all(|m| m.article != article)
            })
            .map(|(index, _)| index)
            .collect(),
    }
}

/// The distinct outlets of `articles`, sorted.
fn outlets<'a>(analysed: &[Analysed<'a>], articles: &[usize]) -> Vec<&'a str> {
    let outlets: BTreeSet<&str> = articles.iter().map(|&i| outlet_of(&analysed[i])).collect();
    outlets.into_iter().collect()
}

/// The words of a statement as the article has them (empty if the tagger
/// produced a range outside the article).
fn statement_text<'a>(analysed: &[Analysed<'a>], member: StatementRef) -> &'a str {
    let analysed = analysed[member.article];
    let range = analysed.statements[member.statement].range;
    analysed.article.source.get(range.as_range()).unwrap_or("")
}

#[derive(Serialize)]
struct JsonComparison<'a> {
    stories: Vec<JsonStory<'a>>,
    articles: Vec<JsonArticle<'a>>,
    outlets: Vec<JsonOutlet<'a>>,
    aligned: Vec<JsonGroup<'a>>,
}

#[derive(Serialize)]
struct JsonStory<'a> {
    label: &'a str,
    articles: Vec<&'a str>,
    members: Vec<JsonMember<'a>>,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    article: &'a str,
    date: Option<&'a DateEvidence>,
    cohesion: Option<f32>,
    closest: Option<JsonClosest<'a>>,
    shared_terms: &'a [String],
    shared_dates: &'a [String],
    shared_parties: &'a [String],
}

#[derive(Serialize)]
struct JsonClosest<'a> {
    article: &'a str,
    similarity: f32,
    needed: f32,
    across_languages: bool,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    path: &'a str,
    outlet: &'a str,
    date: Option<&'a str>,
    story: usize,
    #[serde(flatten)]
    counts: &'a Counts,
    exclusive: Vec<usize>,
    omits: Vec<usize>,
}

#[derive(Serialize)]
struct JsonOutlet<'a> {
    outlet: &'a str,
    articles: Vec<&'a str>,
    #[serde(flatten)]
    counts: &'a Counts,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    story: usize,
    speaker_party: Option<&'a str>,
    speaker: Option<&'a str>,
    outlets: Vec<&'a str>,
    statements: Vec<JsonStatement<'a>>,
}

#[derive(Serialize)]
struct JsonStatement<'a> {
    article: &'a str,
    statement: usize,
    text: &'a str,
    speaker_party: Option<&'a str>,
}

fn terminal_width() -> usize {
    if !std::io::stdout().is_terminal() {
        return 120;
    }
    ratatui::crossterm::terminal::size()
        .map(|(columns, _)| usize::from(columns))
        .unwrap_or(120)
}

struct TableStyle {
    width: usize,
    layout: LayoutOptions,
    colour: bool,
}

impl TableStyle {
    fn heading(&self, text: &str) -> String {
        if self.colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `text` laid out as one line of exactly `width` cells: shaped and
    /// reordered by the layout pipeline, cut with `…` when too long,
    /// right-aligned when it reads right to left.
    fn cell(&self, text: &str, width: usize) -> String {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lines = layout_paragraph(&flat, None, width, &self.layout);
        let (shown, shown_width, direction) = if lines.len() > 1 {
            let cut = layout_paragraph(&flat, None, width.saturating_sub(1).max(1), &self.layout);
            let first = &cut[0];
            let text = match first.direction {
                Direction::Ltr => format!("{}…", first.text),
                Direction::Rtl => format!("…{}", first.text),
            };
            (text, first.width + 1, first.direction)
        } else {
            let first = &lines[0];
            (first.text.clone(), first.width, first.direction)
        };
        let padding = " ".repeat(width.saturating_sub(shown_width));
        match direction {
            Direction::Ltr => format!("{shown}{padding}"),
            Direction::Rtl => format!("{padding}{shown}"),
        }
    }

    /// An outlet name or file path; a left-to-right name too long for the
    /// cell is cut from the left, so a path keeps its file name.
    fn name_cell(&self, name: &str, width: usize) -> String {
        let shown_width = name.width();
        if shown_width <= width || name.chars().any(mizan_text::is_arabic) {
            return self.cell(name, width);
        }
        let mut kept = 0;
        let tail_start = name
            .char_indices()
            .rev()
            .take_while(|&(_, c)| {
                kept += c.width().unwrap_or(0);
                kept < width
            })
            .last()
            .map_or(name.len(), |(index, _)| index);
        self.cell(&format!("…{}", &name[tail_start..]), width)
    }
}

const OUTLET_COLUMN: usize = 18;
const PATH_COLUMN: usize = 30;
const NUMBER_COLUMN: usize = 6;

fn write_table(
    out: &mut impl Write,
    comparison: &Comparison,
    coverage: &Coverage,
    analysed: &[Analysed],
    style: &TableStyle,
) -> std::io::Result<()> {
    write_stories(out, comparison, analysed, style)?;
    write_counts_header(out, "Coverage by outlet", OUTLET_COLUMN, style)?;
    for row in &coverage.outlets {
        write_counts_row(out, &row.outlet, OUTLET_COLUMN, &row.counts, style)?;
    }
    write_counts_header(out, "Coverage by article", PATH_COLUMN, style)?;
    for row in &coverage.articles {
        let path = &analysed[row.article].article.path;
        write_counts_row(out, path, PATH_COLUMN, &row.counts, style)?;
    }
    write_pairs(out, coverage, style)?;
    write_aligned(out, comparison, analysed, style)
}

fn write_stories(
    out: &mut impl Write,
    comparison: &Comparison,
    analysed: &[Analysed],
    style: &TableStyle,
) -> std::io::Result<()> {
    writeln!(out, "{}", style.heading("Stories"))?;
    for (index, story) in comparison.stories.iter().enumerate() {
        let label_width = style.width.saturating_sub(6);
        writeln!(
            out,
            "{:>3}. {}",
            index + 1,
            style.cell(&story.label, label_width).trim_end()
        )?;
        for &article in &story.articles {
            let analysed = &analysed[article];
            let date = analysed.article.meta.date.as_deref().unwrap_or("-");
            let path_width = style.width.saturating_sub(OUTLET_COLUMN + 18);
            writeln!(
                out,
                "     {} {:<12} {}",
                style.name_cell(outlet_of(analysed), OUTLET_COLUMN),
                date,
                style
                    .name_cell(&analysed.article.path, path_width)
                    .trim_end()
            )?;
        }
    }
    Ok(())
}

/// Widths of the three party columns of a counts table.
fn party_column(name_column: usize, style: &TableStyle) -> usize {
    (style.width.saturating_sub(name_column + NUMBER_COLUMN + 4) / 3).max(10)
}

fn write_counts_header(
    out: &mut impl Write,
    title: &str,
    name_column: usize,
    style: &TableStyle,
) -> std::io::Result<()> {
    let party = party_column(name_column, style);
    writeln!(out, "\n{}", style.heading(title))?;
    writeln!(
        out,
        "{} {:>NUMBER_COLUMN$} {} {} {}",
        style.cell("", name_column),
        "quotes",
        style.cell("quoted (speaker party)", party),
        style.cell("blames", party),
        style.cell("supports", party).trim_end()
    )
}

fn write_counts_row(
    out: &mut impl Write,
    name: &str,
    name_column: usize,
    counts: &Counts,
    style: &TableStyle,
) -> std::io::Result<()> {
    let party = party_column(name_column, style);
    let mut quoted = tally(counts.quoted.iter());
    if counts.unattributed > 0 {
        let unattributed = format!("no party {}", counts.unattributed);
        quoted = if quoted == "-" {
            unattributed
        } else {
            format!("{quoted}, {unattributed}")
        };
    }
    writeln!(
        out,
        "{} {:>NUMBER_COLUMN$} {} {} {}",
        style.name_cell(name, name_column),
        counts.statements,
        style.cell(&quoted, party),
        style.cell(&tally(counts.blames.iter()), party),
        style.cell(&tally(counts.supports.iter()), party).trim_end()
    )
}

/// "armenia 3, azerbaijan 1", or "-" when empty.
fn tally<'a>(entries: impl Iterator<Item = (&'a String, &'a usize)>) -> String {
    let parts: Vec<String> = entries
        .map(|(party, count)| format!("{party} {count}"))
        .collect();
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(", ")
    }
}

fn write_pairs(
    out: &mut impl Write,
    coverage: &Coverage,
    style: &TableStyle,
) -> std::io::Result<()> {
    writeln!(
        out,
        "\n{}",
        style.heading("Who blames or supports whom, by outlet")
    )?;
    for row in coverage
        .outlets
        .iter()
        .filter(|row| !row.counts.pairs.is_empty())
    {
        for pair in &row.counts.pairs {
            writeln!(
                out,
                "{} {}",
                style.name_cell(&row.outlet, OUTLET_COLUMN),
                describe_pair(pair)
            )?;
        }
    }
    Ok(())
}

fn describe_pair(pair: &PartyPair) -> String {
    let verb = match pair.relation {
        Relation::Blames => "blames",
        Relation::Supports => "supports",
    };
    format!("{} {verb} {} ×{}", pair.speaker, pair.target, pair.count)
}

fn write_aligned(
    out: &mut impl Write,
    comparison: &Comparison,
    analysed: &[Analysed],
    style: &TableStyle,
) -> std::io::Result<()> {
    writeln!(
        out,
        "\n{}",
        style.heading("Statements carried by several outlets")
    )?;
    let text_width = style.width.saturating_sub(OUTLET_COLUMN + 5);
    for (story, group) in comparison.groups() {
        let outlets = outlets(analysed, &group.articles());
        if outlets.len() < 2 {
            continue;
        }
        writeln!(
            out,
            "  story {} · {} · {} outlets",
            story + 1,
            group
                .speaker_party(analysed)
                .map_or("no party", Name::as_str),
            outlets.len()
        )?;
        for &member in group.members.iter() {
            writeln!(
                out,
                "    {} {}",
                style.name_cell(outlet_of(&analysed[member.article]), OUTLET_COLUMN),
                style
                    .cell(statement_text(analysed, member), text_width)
                    .trim_end()
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> TableStyle {
        TableStyle {
            width: 80,
            layout: LayoutOptions::default(),
            colour: false,
        }
    }

    #[test]
    fn cells_are_exactly_as_wide_as_asked_and_cut_with_an_ellipsis() {
        let style = style();
        let long_arabic =
            "وقالت وزارة الدفاع الأرمينية إن القوات الأذربيجانية فتحت النار على مواقعنا";
        for (text, width) in [
            (long_arabic, 20),
            ("short", 12),
            ("a longer English sentence than fits", 10),
        ] {
            let cell = style.cell(text, width);
            assert_eq!(cell.width(), width, "{cell:?}");
        }
        assert!(style.cell(long_arabic, 20).contains('…'));
        assert!(!style.cell("short", 12).contains('…'));
    }

    #[test]
    fn right_to_left_cells_are_right_aligned() {
        let cell = style().cell("نعم", 10);
        assert!(cell.starts_with(' ') && !cell.ends_with(' '), "{cell:?}");
        let cell = style().cell("yes", 10);
        assert!(cell.ends_with(' ') && !cell.starts_with(' '), "{cell:?}");
    }

    #[test]
    fn long_paths_keep_their_file_name() {
        let cell = style().name_cell("some/long/directory/name/article-one.md", 20);
        assert!(
            cell.ends_with("article-one.md") && cell.starts_with('…'),
            "{cell:?}"
        );
        assert_eq!(cell.width(), 20);
    }
}
