//! The reader's side of "compare coverage": the stories and alignments of
//! the loaded articles (built once tagging is complete, rebuilt after a
//! re-tagging) and the coverage view's content. The view is a list of lines
//! whose numbers are selectable cells; each cell carries the [`CountFilter`]
//! and the articles behind its number, so the statement list it opens holds
//! exactly the statements counted. Building the lines here, not in the
//! widget, keeps the cursor in `update` and the highlight on screen in step.

use super::directory::Directory;
use crate::corpus::Article;
use crate::corpus::align::{AlignOptions, Alignment};
use crate::corpus::comparison::Comparison;
use crate::corpus::coverage::{CountFilter, Counts, Coverage, coverage};
use crate::corpus::stories::{Analysed, Story, StoryOptions};
use crate::tagger::{Relation, Statement};
use std::collections::BTreeSet;

/// The stories of every loaded article and each story's aligned statements.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stories {
    pub stories: Vec<Story>,
    /// One per story, in the same order.
    pub alignments: Vec<Alignment>,
    /// For each article, the index of its story.
    pub story_of: Vec<usize>,
}

impl Stories {
    /// Groups and aligns the tagged articles with the engine's defaults.
    pub fn build(articles: &[Article], statements: &[Option<Vec<Statement>>]) -> Stories {
        let parties: Vec<Vec<String>> = statements
            .iter()
            .map(|s| parties_quoted(s.as_deref().unwrap_or(&[])))
            .collect();
        let analysed = analysed(articles, statements, &parties);
        let comparison = Comparison::build(
            &analysed,
            &StoryOptions::default(),
            &AlignOptions::default(),
        );
        Stories {
            stories: comparison.stories,
            alignments: comparison.alignments,
            story_of: comparison.story_of,
        }
    }
}

/// The parties an article's statements name (speakers, blamed, supported).
/// The reader holds no lexicon, only its directory, so the tags stand in
/// for the parties the text names: they are what the tagger recognised.
fn parties_quoted(statements: &[Statement]) -> Vec<String> {
    let parties: BTreeSet<&str> = statements
        .iter()
        .flat_map(|s| {
            s.speaker_party
                .iter()
                .chain(s.blames.iter())
                .chain(s.supports.iter())
        })
        .map(|party| &**party)
        .collect();
    parties.into_iter().map(String::from).collect()
}

fn analysed<'a>(
    articles: &'a [Article],
    statements: &'a [Option<Vec<Statement>>],
    parties: &'a [Vec<String>],
) -> Vec<Analysed<'a>> {
    articles
        .iter()
        .zip(statements)
        .zip(parties)
        .map(|((article, statements), parties)| Analysed {
            article,
            statements: statements.as_deref().unwrap_or(&[]),
            parties,
        })
        .collect()
}

/// A number the cursor can select: the statements of `articles` that
/// `filter` keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountTarget {
    pub articles: Vec<usize>,
    pub filter: CountFilter,
    pub count: usize,
}

/// A piece of a coverage line: plain text, or a selectable number (an index
/// into [`CoverageView::targets`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(usize),
}

/// One line of the coverage view. `heading` lines name an outlet or article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageLine {
    pub heading: bool,
    pub cells: Vec<Cell>,
}

/// The coverage of a story or of the marked articles: the totals, then
/// each outlet, then each article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageView {
    pub title: String,
    pub coverage: Coverage,
    pub lines: Vec<CoverageLine>,
    pub targets: Vec<CountTarget>,
    /// Index into `targets`.
    pub cursor: usize,
}

impl CoverageView {
    /// Counts `selection` (article indices) and lays out its lines.
    pub fn new(
        title: String,
        articles: &[Article],
        statements: &[Option<Vec<Statement>>],
        selection: &[usize],
        directory: &Directory,
    ) -> CoverageView {
        let no_parties = vec![Vec::new(); articles.len()];
        let coverage = coverage(&analysed(articles, statements, &no_parties), selection);
        let mut view = CoverageView {
            title,
            ..CoverageView::default()
        };
        let everything = selection
            .iter()
            .flat_map(|&a| statements[a].as_deref().unwrap_or(&[]));
        let all_outlets = format!("all {} outlets", coverage.outlets.len());
        view.add_counts(all_outlets, selection, &Counts::of(everything), directory);
        for outlet in &coverage.outlets {
            let noun = if outlet.articles.len() == 1 {
                "article"
            } else {
                "articles"
            };
            let heading = format!("{} ({} {noun})", outlet.outlet, outlet.articles.len());
            view.add_counts(heading, &outlet.articles, &outlet.counts, directory);
        }
        for row in &coverage.articles {
            let heading = format!("{} · {}", row.outlet, articles[row.article].title);
            view.add_counts(heading, &[row.article], &row.counts, directory);
        }
        view.coverage = coverage;
        view
    }

    /// The line holding the cursor's number.
    pub fn cursor_line(&self) -> usize {
        self.lines
            .iter()
            .position(|line| line.cells.contains(&Cell::Number(self.cursor)))
            .unwrap_or(0)
    }

    fn number(&mut self, articles: &[usize], filter: CountFilter, count: usize) -> Cell {
        self.targets.push(CountTarget {
            articles: articles.to_vec(),
            filter,
            count,
        });
        Cell::Number(self.targets.len() - 1)
    }

    /// A heading with the statement totals, then one line each for quoted,
    /// blamed, supported and the directed pairs (lines without numbers are
    /// left out).
    fn add_counts(
        &mut self,
        heading: String,
        articles: &[usize],
        counts: &Counts,
        directory: &Directory,
    ) {
        let short = |id: &str| {
            directory
                .party(id)
                .map_or(id, |p| p.short.as_str())
                .to_string()
        };
        let mut first = vec![
            Cell::Text(format!("{heading}  statements ")),
            self.number(articles, CountFilter::All, counts.statements),
        ];
        if counts.unattributed > 0 {
            first.push(Cell::Text("  no party ".into()));
            first.push(self.number(articles, CountFilter::Unattributed, counts.unattributed));
        }
        self.lines.push(CoverageLine {
            heading: true,
            cells: first,
        });
        let tallies = [
            ("quoted  ", &counts.quoted, None),
            ("blames  ", &counts.blames, Some(Relation::Blames)),
            ("supports", &counts.supports, Some(Relation::Supports)),
        ];
        for (label, tally, relation) in tallies {
            if tally.is_empty() {
                continue;
            }
            let mut cells = vec![Cell::Text(format!("  {label}"))];
            for (party, &count) in tally {
                let filter = match relation {
                    None => CountFilter::Quoted(party.clone()),
                    Some(relation) => CountFilter::Tagged(relation, party.clone()),
                };
                cells.push(Cell::Text(format!("  {} ", short(party))));
                cells.push(self.number(articles, filter, count));
            }
            self.lines.push(CoverageLine {
                heading: false,
                cells,
            });
        }
        if !counts.pairs.is_empty() {
            let mut cells = vec![Cell::Text("  pairs   ".into())];
            for pair in &counts.pairs {
                let arrow = match pair.relation {
                    Relation::Blames => "→",
                    Relation::Supports => "♥",
                };
                cells.push(Cell::Text(format!(
                    "  {} {arrow} {} ×",
                    short(&pair.speaker),
                    short(&pair.target)
                )));
                let filter = CountFilter::Pair {
                    speaker: pair.speaker.clone(),
                    relation: pair.relation,
                    target: pair.target.clone(),
                };
                cells.push(self.number(articles, filter, pair.count));
            }
            self.lines.push(CoverageLine {
                heading: false,
                cells,
            });
        }
    }
}
