//! `mizan tag --format table`: statements as an aligned table for reading in
//! a terminal. Arabic cells go through the same layout pipeline as the
//! reader, so they read right to left; colour only on a terminal and never
//! with `NO_COLOR`.

use mizan_engine::corpus::Article;
use mizan_engine::tagger::Statement;
use mizan_text::layout::{Direction, LaidLine, LayoutOptions, layout_paragraph};
use mizan_text::sanitize::sanitize;
use mizan_text::{Lang, TextRange};
use std::io::{IsTerminal, Write};

const TEXT_WIDTH: usize = 60;
const SPEAKER_WIDTH: usize = 24;
const PARTY_WIDTH: usize = 12;
const TAGS_WIDTH: usize = 22;

pub fn write(
    out: &mut impl Write,
    articles: &[Article],
    tagged: &[Vec<Statement>],
) -> std::io::Result<()> {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let options = LayoutOptions::default();
    for (article, statements) in articles.iter().zip(tagged) {
        writeln!(out, "{}", paint(colour, "1", &sanitize(&article.path)))?;
        let base = match article.lang {
            Lang::Ar => Some(Direction::Rtl),
            Lang::En => Some(Direction::Ltr),
        };
        for (index, s) in statements.iter().enumerate() {
            let cell = |r: Option<TextRange>, width| {
                r.map(|r| layout_paragraph(r.slice(&article.source), base, width, &options))
                    .and_then(|lines| lines.into_iter().next())
                    .map(|l| align(&l, width))
                    .unwrap_or_else(|| pad("-", 1, width))
            };
            let party = sanitize(s.speaker_party.as_deref().unwrap_or("-"));
            let tags = format!(
                "{}{}",
                s.blames()
                    .map(|p| format!("-{} ", sanitize(p)))
                    .collect::<String>(),
                s.supports()
                    .map(|p| format!("+{} ", sanitize(p)))
                    .collect::<String>()
            );
            let tags = if tags.is_empty() {
                "-".to_string()
            } else {
                tags.trim_end().to_string()
            };
            let lines =
                layout_paragraph(s.range.slice(&article.source), base, TEXT_WIDTH, &options);
            for (n, line) in lines.iter().enumerate() {
                if n == 0 {
                    write!(
                        out,
                        "{:>4}  {}  {}  {}  ",
                        index,
                        cell(s.speaker, SPEAKER_WIDTH),
                        paint(
                            colour,
                            "36",
                            &pad(&party, party.chars().count(), PARTY_WIDTH)
                        ),
                        paint(colour, "33", &pad(&tags, tags.chars().count(), TAGS_WIDTH)),
                    )?;
                } else {
                    write!(
                        out,
                        "{:>4}  {}  {}  {}  ",
                        "",
                        pad("", 0, SPEAKER_WIDTH),
                        pad("", 0, PARTY_WIDTH),
                        pad("", 0, TAGS_WIDTH)
                    )?;
                }
                writeln!(out, "{}", align(line, TEXT_WIDTH).trim_end())?;
            }
        }
    }
    Ok(())
}

/// A laid-out line in a cell of `to` cells: right-aligned when it reads
/// right to left.
fn align(line: &LaidLine, to: usize) -> String {
    match line.direction {
        Direction::Rtl => format!("{}{}", " ".repeat(to.saturating_sub(line.width)), line.text),
        Direction::Ltr => pad(&line.text, line.width, to),
    }
}

fn pad(text: &str, width: usize, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width)))
}

fn paint(colour: bool, code: &str, text: &str) -> String {
    if colour {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}
