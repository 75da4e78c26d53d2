//! The reader's side of "compare coverage": the stories and alignments of
//! the loaded articles (built once tagging is complete, rebuilt after a
//! re-tagging, on a background thread: see [`StoriesRequest`]) and the
//! coverage view's content. The view is a list of lines
//! whose numbers are selectable cells; each cell carries the [`CountFilter`]
//! and the articles behind its number, so the statement list it opens holds
//! exactly the statements counted. Building the lines here, not in the
//! widget, keeps the cursor in `update` and the highlight on screen in step.

use super::action::Action;
use super::directory::Directory;
use super::library::{Tagged, tagged_statements};
use super::words::counted;
use mizan_engine::corpus::Article;
use mizan_engine::corpus::align::{AlignOptions, Alignment};
use mizan_engine::corpus::comparison::Comparison;
use mizan_engine::corpus::coverage::{CountFilter, Counts, Coverage, coverage};
use mizan_engine::corpus::names::Names;
use mizan_engine::corpus::stories::{Analysed, Story, StoryOptions};
use mizan_engine::lexicon::Name;
use mizan_engine::tagger::{Relation, Statement};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The stories of every loaded article and each story's aligned statements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stories {
    pub stories: Vec<Story>,
    /// One per story, in the same order.
    pub alignments: Vec<Alignment>,
    /// One per story, in the same order: what its list header shows.
    pub summaries: Vec<StorySummary>,
    /// For each article, the index of its story.
    pub story_of: Vec<usize>,
    /// For each article and each of its statements, how many outlets of its
    /// story report that statement: counted once here, not per drawn row.
    /// 0 when the story has a single outlet: "no other outlet carries it"
    /// says nothing when no other outlet covered the story.
    pub outlet_counts: OutletCounts,
}

impl Stories {
    /// Groups and aligns the tagged articles with the engine's defaults;
    /// `names` are the lexicon's people and names.
    pub fn build(articles: &[Article], statements: &[Tagged], names: &Names) -> Stories {
        let parties: Vec<Vec<Name>> = statements
            .iter()
            .map(|s| parties_quoted(tagged_statements(s)))
            .collect();
        let analysed = analysed(articles, statements, &parties);
        let comparison = Comparison::build(
            &analysed,
            names,
            &StoryOptions::default(),
            &AlignOptions::default(),
        );
        let summaries: Vec<StorySummary> = comparison
            .stories
            .iter()
            .map(|story| StorySummary::of(articles, &parties, story))
            .collect();
        let outlet_counts = outlet_counts(articles, statements, &comparison.alignments, &summaries);
        Stories {
            stories: comparison.stories,
            alignments: comparison.alignments,
            summaries,
            story_of: comparison.story_of,
            outlet_counts,
        }
    }
}

/// For each article and each of its statements, how many outlets of its
/// story report that statement. Flat, one allocation for every statement
/// of every article rather than one per article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutletCounts {
    /// Where each article's statements start in `counts`, and where the
    /// last one's end.
    starts: Vec<usize>,
    counts: Vec<u16>,
}

impl OutletCounts {
    /// Zero for every statement of articles with `lengths` statements.
    fn zeros(lengths: impl ExactSizeIterator<Item = usize>) -> OutletCounts {
        let mut starts = Vec::with_capacity(lengths.len() + 1);
        starts.push(0);
        for length in lengths {
            let last = starts.last().copied().unwrap_or(0);
            starts.push(last + length);
        }
        let total = starts.last().copied().unwrap_or(0);
        OutletCounts {
            starts,
            counts: vec![0; total],
        }
    }

    /// The count of statement `statement` of `article`.
    pub fn get(&self, article: usize, statement: usize) -> Option<u16> {
        self.index(article, statement)
            .map(|index| self.counts[index])
    }

    fn index(&self, article: usize, statement: usize) -> Option<usize> {
        let start = *self.starts.get(article)?;
        let end = *self.starts.get(article + 1)?;
        let index = start.checked_add(statement)?;
        (index < end).then_some(index)
    }

    fn set(&mut self, article: usize, statement: usize, count: u16) {
        if let Some(index) = self.index(article, statement) {
            self.counts[index] = count;
        }
    }
}

/// How many outlets report each statement: those of its aligned group.
fn outlet_counts(
    articles: &[Article],
    statements: &[Tagged],
    alignments: &[Alignment],
    summaries: &[StorySummary],
) -> OutletCounts {
    let lengths = statements.iter().map(|s| tagged_statements(s).len());
    let mut counts = OutletCounts::zeros(lengths);
    let covered_by_several = alignments
        .iter()
        .zip(summaries)
        .filter(|(_, summary)| summary.outlets > 1);
    for group in covered_by_several.flat_map(|(a, _)| a.groups()) {
        let outlets: BTreeSet<&str> = group
            .members
            .iter()
            .filter_map(|m| articles.get(m.article).map(outlet_of))
            .collect();
        let count = u16::try_from(outlets.len()).unwrap_or(u16::MAX);
        for member in group.members.iter() {
            counts.set(member.article, member.statement, count);
        }
    }
    counts
}

/// How many parties a story's list header names.
const SUMMARY_PARTIES: usize = 3;

/// A story at a glance, for its header in the grouped article list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StorySummary {
    /// The parties most of its articles quote or tag, most articles first
    /// (at most [`SUMMARY_PARTIES`]).
    pub parties: Vec<Name>,
    /// Its earliest and latest article dates (`YYYY-MM-DD`), when dated.
    pub dates: Option<(String, String)>,
    /// How many outlets report it.
    pub outlets: usize,
}

impl StorySummary {
    fn of(articles: &[Article], parties: &[Vec<Name>], story: &Story) -> StorySummary {
        let mut shared: BTreeMap<&Name, usize> = BTreeMap::new();
        for &article in &story.articles {
            for party in &parties[article] {
                *shared.entry(party).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&Name, usize)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let days: BTreeSet<&str> = story
            .articles
            .iter()
            .filter_map(|&a| articles[a].meta.date.as_deref())
            .map(|date| date.get(..10).unwrap_or(date))
            .collect();
        let outlets: BTreeSet<&str> = story
            .articles
            .iter()
            .map(|&a| outlet_of(&articles[a]))
            .collect();
        StorySummary {
            parties: ranked
                .into_iter()
                .take(SUMMARY_PARTIES)
                .map(|(party, _)| party.clone())
                .collect(),
            dates: days
                .first()
                .zip(days.last())
                .map(|(first, last)| (first.to_string(), last.to_string())),
            outlets: outlets.len(),
        }
    }
}

/// The outlet an article is counted under (its path when the outlet is
/// unknown, as the engine counts it).
pub fn outlet_of(article: &Article) -> &str {
    article.meta.outlet.as_deref().unwrap_or(&article.path)
}

/// What the stories of a completed tagging pass are built from. Building
/// takes most of a second for 10,000 articles, so `update` only records the
/// request; the runtime takes it, builds on a background thread and sends
/// the result back as [`Action::StoriesBuilt`], which is dropped when
/// another tagging pass has started meanwhile.
#[derive(Clone, Debug)]
pub struct StoriesRequest {
    pub generation: u64,
    articles: Arc<Vec<Article>>,
    /// Shared with the reader's state: a request costs a pointer per
    /// article, not a copy of every statement (tens of MiB at 10,000
    /// articles).
    statements: Vec<Tagged>,
    names: Arc<Names>,
}

impl StoriesRequest {
    pub(super) fn new(
        generation: u64,
        articles: Arc<Vec<Article>>,
        statements: Vec<Tagged>,
        names: Arc<Names>,
    ) -> StoriesRequest {
        StoriesRequest {
            generation,
            articles,
            statements,
            names,
        }
    }

    /// Builds the stories: the slow part, for a background thread.
    pub fn build(self) -> Action {
        Action::StoriesBuilt {
            generation: self.generation,
            stories: Box::new(Stories::build(
                &self.articles,
                &self.statements,
                &self.names,
            )),
        }
    }
}

/// The parties an article's statements name (speakers, blamed, supported),
/// each once, sorted. The reader holds no lexicon, only its directory, so
/// the tags stand in for the parties the text names: they are what the
/// tagger recognised. Shared with the statements, not copied.
fn parties_quoted(statements: &[Statement]) -> Vec<Name> {
    let parties: BTreeSet<&Name> = statements
        .iter()
        .flat_map(|s| s.speaker_party.iter().chain(s.blames()).chain(s.supports()))
        .collect();
    parties.into_iter().cloned().collect()
}

fn analysed<'a>(
    articles: &'a [Article],
    statements: &'a [Tagged],
    parties: &'a [Vec<Name>],
) -> Vec<Analysed<'a>> {
    articles
        .iter()
        .zip(statements)
        .zip(parties)
        .map(|((article, statements), parties)| Analysed {
            article,
            statements: tagged_statements(statements),
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
        statements: &[Tagged],
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
            .flat_map(|&a| tagged_statements(&statements[a]));
        let all_outlets = match coverage.outlets.len() {
            1 => "the 1 outlet".to_string(),
            n => format!("all {n} outlets"),
        };
        view.add_counts(all_outlets, selection, &Counts::of(everything), directory);
        for outlet in &coverage.outlets {
            let articles = counted(outlet.articles.len(), "article");
            let heading = format!("{} ({articles})", outlet.outlet);
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

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_engine::corpus::Meta;
    use mizan_text::Lang;

    fn article(path: &str, outlet: Option<&str>, date: Option<&str>) -> Article {
        Article {
            path: path.into(),
            source: String::new(),
            title: String::new(),
            title_range: None,
            meta: Meta {
                outlet: outlet.map(Into::into),
                date: date.map(Into::into),
                url: None,
            },
            lang: Lang::En,
            paragraphs: Vec::new(),
        }
    }

    fn untagged() -> Statement {
        Statement {
            range: mizan_text::TextRange::new(0, 0),
            quote: None,
            speaker: None,
            speaker_party: None,
            evidence: Box::new([]),
        }
    }

    fn blaming(party: &Name) -> mizan_engine::tagger::Evidence {
        let nowhere = mizan_text::TextRange::new(0, 0);
        mizan_engine::tagger::Evidence {
            relation: Relation::Blames,
            party: party.clone(),
            cue: nowhere,
            target: nowhere,
            rule: Name::from("rule"),
            origin: mizan_engine::lexicon::Origin {
                file: Name::from("lexicon.toml"),
                line: 1,
            },
        }
    }

    #[test]
    fn outlet_counts_are_kept_per_article_and_out_of_range_is_none() {
        let mut counts = OutletCounts::zeros([2, 0, 1].into_iter());
        counts.set(0, 1, 3);
        counts.set(2, 0, 2);
        counts.set(1, 0, 9);
        counts.set(0, 2, 9);
        assert_eq!(counts.get(0, 0), Some(0));
        assert_eq!(counts.get(0, 1), Some(3));
        assert_eq!(counts.get(2, 0), Some(2));
        assert_eq!(counts.get(1, 0), None, "an article without statements");
        assert_eq!(counts.get(0, 2), None, "past an article's last statement");
        assert_eq!(counts.get(3, 0), None);
        assert_eq!(counts.get(0, usize::MAX), None);
    }

    #[test]
    fn the_parties_quoted_share_the_statements_names() {
        let armenia = Name::from("armenia");
        let statement = Statement {
            speaker_party: Some(armenia.clone()),
            evidence: Box::new([blaming(&Name::from("azerbaijan")), blaming(&armenia)]),
            ..untagged()
        };
        let parties = parties_quoted(&[statement.clone(), statement]);
        assert_eq!(parties, ["armenia", "azerbaijan"]);
        assert!(parties[0].shares_text_with(&armenia));
    }

    #[test]
    fn a_summary_ranks_parties_by_articles_and_spans_the_dates() {
        let articles = vec![
            article("a", Some("Wire"), Some("2026-03-06T08:00:00Z")),
            article("b", Some("Wire"), Some("2026-03-04")),
            article("c", None, None),
            article("d", None, None),
        ];
        let names = |ids: &[&str]| ids.iter().map(|&id| Name::from(id)).collect::<Vec<_>>();
        let parties = vec![
            names(&["russia", "armenia"]),
            names(&["armenia"]),
            names(&["armenia", "usa"]),
            names(&["iran"]),
        ];
        let story = Story {
            label: String::new(),
            articles: vec![0, 1, 2],
        };
        let summary = StorySummary::of(&articles, &parties, &story);
        assert_eq!(summary.parties, ["armenia", "russia", "usa"]);
        assert_eq!(
            summary.dates,
            Some(("2026-03-04".to_string(), "2026-03-06".to_string()))
        );
        assert_eq!(summary.outlets, 2, "an unknown outlet counts by its path");
    }
}
