//! `mizan eval`'s two outputs. Text: every miss of every article with its
//! explanation, a table of figures per article, a line per language and
//! per gold file, and last the reference scorer's summary line of
//! everything (scripts and the test suite read that line). JSON: the same
//! as one object, figures named as the reference scorer's `--json` names
//! them. Gold files, articles and lexicons are input, so every text line
//! is sanitised and the JSON escapes whatever a terminal could act on.

use super::explain::{KeyPlace, MissView, StatementView};
use super::{Evaluation, Row};
use mizan_engine::tagger::Relation;
use mizan_engine::tagger::eval::{RelationScore, Report};
use mizan_text::Lang;
use mizan_text::sanitize::sanitize;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// How many characters of a statement the text shows.
const SHOWN_CHARS: usize = 240;

pub fn text(out: &mut impl Write, evaluation: &Evaluation) -> io::Result<()> {
    for row in evaluation
        .rows
        .iter()
        .filter(|r| !r.report.misses.is_empty())
    {
        put(
            out,
            &format!("{} ({})", row.article, row_place(evaluation, row)),
        )?;
        for miss in &row.report.misses {
            explained_miss(out, &MissView::new(miss, evaluation))?;
        }
    }
    article_table(out, evaluation)?;
    for (lang, rows) in evaluation.by_language() {
        let label = format!("{} ({})", lang_name(lang), articles(rows.len()));
        put(out, &format!("{label}: {}", summed(&rows).summary()))?;
    }
    if evaluation.golds.len() > 1 {
        for (index, gold) in evaluation.golds.iter().enumerate() {
            let rows = evaluation.of_gold(index);
            let label = format!("{} ({})", gold.path, articles(rows.len()));
            put(out, &format!("{label}: {}", summed(&rows).summary()))?;
        }
    }
    put(out, &evaluation.total().summary())?;
    out.flush()
}

/// Writes `line`, sanitised: nothing from the input reaches the terminal
/// as a control.
fn put(out: &mut impl Write, line: &str) -> io::Result<()> {
    writeln!(out, "{}", sanitize(line))
}

fn row_place(evaluation: &Evaluation, row: &Row) -> String {
    let gold = &evaluation.golds[row.gold].path;
    match row.tagged {
        Some(t) => format!(
            "{}, {}; gold {gold}",
            lang_name(evaluation.lang_of(row)),
            evaluation.tagged[t].article.path
        ),
        None => format!("not among the articles given; gold {gold}"),
    }
}

fn lang_name(lang: Option<Lang>) -> &'static str {
    lang.map_or("unknown language", Lang::code)
}

fn articles(count: usize) -> String {
    match count {
        1 => "1 article".into(),
        _ => format!("{count} articles"),
    }
}

fn summed(rows: &[&Row]) -> Report {
    Report::sum(rows.iter().map(|row| &row.report))
}

/// A miss: the reference scorer's line, then why.
fn explained_miss(out: &mut impl Write, miss: &MissView) -> io::Result<()> {
    put(out, &miss.line)?;
    if let Some(place) = &miss.key_place {
        put(out, &format!("      {}", key_place(place)))?;
    }
    if let Some(statement) = &miss.statement {
        statement_lines(out, statement, miss.party.as_deref())?;
    }
    Ok(())
}

fn key_place(place: &KeyPlace) -> String {
    match place {
        KeyPlace::NoArticle => "no article of that name was given".into(),
        KeyPlace::NotInText => "the key is not in the article as written".into(),
        KeyPlace::Overlapping { statements } if statements.is_empty() => {
            "the tagger found no statement there".into()
        }
        KeyPlace::Overlapping { statements } => {
            let numbers: Vec<String> = statements.iter().map(|s| format!("#{s}")).collect();
            format!(
                "no statement holds the whole key; it overlaps {}",
                numbers.join(", ")
            )
        }
    }
}

/// The statement, its speaker and how it was found, and every tag; the
/// tags about `party` (the one missed or spurious) are starred.
fn statement_lines(
    out: &mut impl Write,
    statement: &StatementView,
    party: Option<&str>,
) -> io::Result<()> {
    put(
        out,
        &format!(
            "      statement #{}: «{}»",
            statement.index,
            shown(&statement.text)
        ),
    )?;
    put(out, &format!("      {}", speaker(statement)))?;
    if statement.tags.is_empty() {
        return put(out, "      no tags");
    }
    for tag in &statement.tags {
        let mark = if party == Some(tag.party.as_str()) {
            '*'
        } else {
            ' '
        };
        let sign = match tag.relation {
            Relation::Blames => '-',
            Relation::Supports => '+',
        };
        let reach = tag
            .reach
            .map(|r| format!(" ({})", serde_name(&r)))
            .unwrap_or_default();
        put(
            out,
            &format!(
                "    {mark} {sign}{} {} «{}» → «{}»{reach} {}",
                tag.party, tag.rule, tag.cue, tag.target, tag.origin
            ),
        )?;
    }
    Ok(())
}

/// `speaker «he» (pronoun → «Gan Yu»), party china`.
fn speaker(statement: &StatementView) -> String {
    let rule = serde_name(&statement.speaker_rule);
    let how = match &statement.antecedent {
        Some(antecedent) => format!("{rule} → «{}»", shown(antecedent)),
        None => rule,
    };
    let who = statement
        .speaker
        .as_ref()
        .map_or("none".to_string(), |s| format!("«{}»", shown(s)));
    let party = statement
        .speaker_party
        .as_ref()
        .map_or("no party".to_string(), |p| format!("party {p}"));
    format!("speaker {who} ({how}), {party}")
}

/// The name serde gives a unit variant (`named_before`).
fn serde_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        _ => String::new(),
    }
}

/// `text` cut to what a line shows.
fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The figures of every article, one line each.
fn article_table(out: &mut impl Write, evaluation: &Evaluation) -> io::Result<()> {
    let several_golds = evaluation.golds.len() > 1;
    let width = evaluation
        .rows
        .iter()
        .map(|row| sanitize(&row.article).chars().count())
        .max()
        .unwrap_or(0)
        .max("article".len());
    let gold_column = if several_golds { "  gold" } else { "" };
    put(
        out,
        &format!(
            "{:<width$}  lang  found        speaker  blame P/R/F1    support P/R/F1{gold_column}",
            "article"
        ),
    )?;
    for row in &evaluation.rows {
        let report = &row.report;
        let found = format!(
            "{}/{} ({})",
            report.statements_found, report.gold_statements, report.predicted_statements
        );
        let gold = if several_golds {
            format!("  {}", evaluation.golds[row.gold].path)
        } else {
            String::new()
        };
        let article = sanitize(&row.article);
        let pad = width.saturating_sub(article.chars().count());
        let line = format!(
            "{article}{:pad$}  {:<4}  {found:<11}  {:<7}  {:<14}  {:<14}{gold}",
            "",
            evaluation.lang_of(row).map_or("?", Lang::code),
            figure(report.speaker_party_accuracy()),
            relation_figures(&report.blames),
            relation_figures(&report.supports),
        );
        put(out, line.trim_end())?;
    }
    Ok(())
}

fn figure(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.2}"))
}

/// `P/R/F1`, as the summary line gives them.
fn relation_figures(score: &RelationScore) -> String {
    format!(
        "{}/{}/{:.2}",
        figure(score.precision()),
        figure(score.recall()),
        score.f1()
    )
}

pub fn json(out: &mut impl Write, evaluation: &Evaluation) -> io::Result<()> {
    let languages: Vec<Value> = evaluation
        .by_language()
        .into_iter()
        .map(|(lang, rows)| group_json(&rows, "lang", json!(lang.map(Lang::code))))
        .collect();
    let golds: Vec<Value> = evaluation
        .golds
        .iter()
        .enumerate()
        .map(|(index, gold)| group_json(&evaluation.of_gold(index), "gold", json!(gold.path)))
        .collect();
    let articles: Vec<Value> = evaluation
        .rows
        .iter()
        .map(|row| article_json(evaluation, row))
        .collect();
    let document = json!({
        "total": figures(&evaluation.total()),
        "languages": languages,
        "gold_files": golds,
        "articles": articles,
    });
    let text = serde_json::to_string_pretty(&document).map_err(io::Error::other)?;
    writeln!(out, "{}", super::super::escape_json_unsafe(&text))?;
    out.flush()
}

/// The figures of a group of articles, named by `key`.
fn group_json(rows: &[&Row], key: &str, name: Value) -> Value {
    let mut object = figures(&summed(rows));
    object.insert(key.into(), name);
    object.insert("articles".into(), json!(rows.len()));
    Value::Object(object)
}

fn article_json(evaluation: &Evaluation, row: &Row) -> Value {
    let mut object = figures(&row.report);
    object.insert("article".into(), json!(row.article));
    let path = row
        .tagged
        .map(|t| evaluation.tagged[t].article.path.clone());
    object.insert("path".into(), json!(path));
    object.insert(
        "lang".into(),
        json!(evaluation.lang_of(row).map(Lang::code)),
    );
    object.insert("gold".into(), json!(evaluation.golds[row.gold].path));
    let misses: Vec<MissView> = row
        .report
        .misses
        .iter()
        .map(|miss| MissView::new(miss, evaluation))
        .collect();
    object.insert("misses".into(), json!(misses));
    Value::Object(object)
}

/// A report's figures under the reference scorer's names.
fn figures(report: &Report) -> Map<String, Value> {
    let relation = |score: &RelationScore| {
        json!({
            "gold_pairs": score.gold_pairs,
            "found": score.found,
            "predicted_correct": score.predicted_correct,
            "predicted_wrong": score.predicted_wrong,
            "precision": score.precision(),
            "recall": score.recall(),
            "f1": score.f1(),
        })
    };
    let mut object = Map::new();
    object.insert("gold_statements".into(), json!(report.gold_statements));
    object.insert("pred_statements".into(), json!(report.predicted_statements));
    object.insert("statements_found".into(), json!(report.statements_found));
    object.insert(
        "speaker_party_acc".into(),
        json!(report.speaker_party_accuracy()),
    );
    object.insert("blames".into(), relation(&report.blames));
    object.insert("supports".into(), relation(&report.supports));
    object
}
