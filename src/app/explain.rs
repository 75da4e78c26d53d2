//! The explanation panel: which statement it explains (on the reader, or in
//! a comparison without leaving it) and what it says: speaker, party, and
//! every tag with its cue, target, rule and lexicon `file:line`. The text is
//! built here rather than in the widget because the panel is as tall as its
//! text, and the geometry `update` scrolls by must know that height.

use super::state::{Screen, State};
use mizan_engine::lexicon::Origin;
use mizan_engine::tagger::Relation;
use mizan_text::layout::{Direction, LayoutOptions, layout_paragraph};

/// The statement an open explanation is about, and the tag `Tab` picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explained {
    pub article: usize,
    pub statement: usize,
    /// Index into the statement's evidence.
    pub evidence: usize,
}

/// The glyph before a party code in a tag badge.
pub fn relation_glyph(relation: Relation) -> &'static str {
    match relation {
        Relation::Blames => "◀",
        Relation::Supports => "♥",
    }
}

impl State {
    /// The statement whose explanation is open on the current screen.
    pub fn explained(&self) -> Option<Explained> {
        let (explaining, selected, evidence) = match self.screen {
            Screen::Reader => (
                self.reader.explaining,
                self.reader.selected.map(|s| (self.reader.article, s)),
                self.reader.evidence,
            ),
            Screen::Compare => (
                self.compare.explaining,
                self.compare.selected,
                self.compare.evidence,
            ),
            Screen::Articles | Screen::Statements | Screen::Coverage => return None,
        };
        let (article, statement) = selected.filter(|_| explaining)?;
        self.statements_of(article).get(statement)?;
        Some(Explained {
            article,
            statement,
            evidence,
        })
    }

    /// The lexicon entry behind the explained statement's chosen tag.
    pub fn explained_origin(&self) -> Option<Origin> {
        let explained = self.explained()?;
        let statement = self
            .statements_of(explained.article)
            .get(explained.statement)?;
        let evidence = statement.evidence.get(explained.evidence)?;
        Some(evidence.origin.clone())
    }

    /// The explanation of `explained` as paragraphs (each laid out by the
    /// pipeline: speakers, cues and targets are often Arabic).
    pub fn explanation_text(&self, explained: Explained) -> Vec<String> {
        let (Some(article), Some(statement)) = (
            self.articles().get(explained.article),
            self.statements_of(explained.article)
                .get(explained.statement),
        ) else {
            return Vec::new();
        };
        let slice =
            |r: mizan_text::TextRange| article.source.get(r.as_range()).unwrap_or("").to_string();
        let speaker = statement
            .speaker
            .map(slice)
            .unwrap_or_else(|| "(unknown)".into());
        let party = statement
            .speaker_party
            .as_deref()
            .map_or("(none)".to_string(), |p| self.party_name(p));
        let mut text = vec![format!("speaker: {speaker}"), format!("party: {party}")];
        if statement.evidence.is_empty() {
            text.push(
                "no tags: the statement names no party the lexicon blames or supports".into(),
            );
        }
        for (index, evidence) in statement.evidence.iter().enumerate() {
            let chosen = if index == explained.evidence {
                "▶"
            } else {
                " "
            };
            let verb = match evidence.relation {
                Relation::Blames => "blames",
                Relation::Supports => "supports",
            };
            text.push(format!(
                "{chosen}{} {verb} {} · cue «{}» · target «{}» · rule {} · {}:{}",
                relation_glyph(evidence.relation),
                self.party_name(&evidence.party),
                slice(evidence.cue),
                slice(evidence.target),
                evidence.rule,
                evidence.origin.file,
                evidence.origin.line,
            ));
        }
        text
    }

    /// The rows the open explanation wants at `width` cells: its text and
    /// the title line above it.
    pub(super) fn explanation_rows(&self, width: u16) -> Option<u16> {
        let explained = self.explained()?;
        let lines: usize = self
            .explanation_text(explained)
            .iter()
            .map(|text| wrapped_line_count(text, width, &self.layout))
            .sum();
        Some(u16::try_from(lines + 1).unwrap_or(u16::MAX))
    }

    /// A party as the explanation names it: code, English and Arabic names.
    fn party_name(&self, id: &str) -> String {
        let directory = self.directory();
        let short = directory.short(id);
        match directory.party(id) {
            Some(p) if !p.name_ar.is_empty() => format!("{short} {} ({})", p.name_en, p.name_ar),
            Some(p) if !p.name_en.is_empty() => format!("{short} {}", p.name_en),
            _ => format!("{short} {id}"),
        }
    }
}

/// How many screen lines `text` takes at `width`, as the panel lays it out.
fn wrapped_line_count(text: &str, width: u16, layout: &LayoutOptions) -> usize {
    if width == 0 {
        return 0;
    }
    layout_paragraph(text, Some(Direction::Ltr), usize::from(width), layout).len()
}

/// The first statement starting at or below `row` of the laid-out text
/// (else the last one starting above it): the first a pane scrolled to
/// `row` shows. `by_row` is `(first row, statement)` in reading order.
pub(super) fn first_statement_from(by_row: &[(usize, usize)], row: usize) -> Option<usize> {
    let below = by_row.iter().find(|&&(start, _)| start >= row);
    let above = by_row.iter().rev().find(|&&(start, _)| start < row);
    below.or(above).map(|&(_, statement)| statement)
}
