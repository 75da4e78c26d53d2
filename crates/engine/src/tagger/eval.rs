//! Scoring the tagger against hand-made gold annotations, with the matching
//! rules of the reference scorer (`stance_eval.py`): a gold statement is
//! matched by the first predicted statement of its article whose text
//! contains the gold key (white space folded); headlines and other `ignore`
//! lines are never scored; optional tags are neither rewarded nor penalised.
//! Matching never crosses articles, so each article is scored on its own
//! and any set of articles (a language, a gold file, all) by adding their
//! counts up: the sum is what the reference scorer gives for the set.
//! Every miss names the predicted statement it concerns, so that `mizan
//! eval` can explain it. `mizan eval` prints this, and the test suite holds
//! the tagger to thresholds with it.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// One gold line.
#[derive(Clone, Debug, Deserialize)]
pub struct Gold {
    pub article: String,
    pub key: String,
    #[serde(default)]
    pub speaker_party: Option<Vec<String>>,
    #[serde(default)]
    pub blames: Vec<String>,
    #[serde(default)]
    pub supports: Vec<String>,
    #[serde(default)]
    pub optional_blames: Vec<String>,
    #[serde(default)]
    pub optional_supports: Vec<String>,
    #[serde(default)]
    pub ignore: bool,
    #[serde(default)]
    pub note: String,
}

/// A predicted statement, reduced to what is scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Predicted {
    /// The article's id: its file name without extension.
    pub article: String,
    pub text: String,
    pub speaker_party: Option<String>,
    pub blames: Vec<String>,
    pub supports: Vec<String>,
}

/// Precision, recall and F1 of one relation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationScore {
    pub gold_pairs: usize,
    pub found: usize,
    pub predicted_correct: usize,
    pub predicted_wrong: usize,
}

impl RelationScore {
    pub fn precision(&self) -> Option<f64> {
        let all = self.predicted_correct + self.predicted_wrong;
        (all > 0).then(|| self.predicted_correct as f64 / all as f64)
    }

    pub fn recall(&self) -> Option<f64> {
        (self.gold_pairs > 0).then(|| self.found as f64 / self.gold_pairs as f64)
    }

    /// 0 when precision or recall is undefined or zero, as the reference does.
    pub fn f1(&self) -> f64 {
        match (self.precision(), self.recall()) {
            (Some(p), Some(r)) if p > 0.0 && r > 0.0 => 2.0 * p * r / (p + r),
            _ => 0.0,
        }
    }
}

/// One thing the tagger got wrong. `statement` is the index, in the
/// predicted statements scored, of the statement concerned: the one that
/// matched the gold line, or that carries the spurious tag.
#[derive(Clone, Debug, PartialEq)]
pub enum Miss {
    NotFound {
        article: String,
        key: String,
    },
    SpeakerParty {
        article: String,
        key: String,
        expected: Vec<String>,
        got: Option<String>,
        statement: usize,
    },
    Missed {
        relation: &'static str,
        article: String,
        party: String,
        key: String,
        statement: Option<usize>,
    },
    Spurious {
        relation: &'static str,
        article: String,
        party: String,
        text: String,
        statement: usize,
    },
}

impl Miss {
    /// The predicted statement the miss concerns, if there is one.
    pub fn statement(&self) -> Option<usize> {
        match self {
            Miss::NotFound { .. } => None,
            Miss::Missed { statement, .. } => *statement,
            Miss::SpeakerParty { statement, .. } | Miss::Spurious { statement, .. } => {
                Some(*statement)
            }
        }
    }

    /// The party a missed or spurious tag is about.
    pub fn party(&self) -> Option<&str> {
        match self {
            Miss::Missed { party, .. } | Miss::Spurious { party, .. } => Some(party),
            Miss::NotFound { .. } | Miss::SpeakerParty { .. } => None,
        }
    }
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Miss::NotFound { article, key } => write!(f, "  not-found         {article} {key}"),
            Miss::SpeakerParty {
                article,
                key,
                expected,
                got,
                ..
            } => write!(
                f,
                "  speaker  {:<8} {article} {:<11} {key} (expected {})",
                "party",
                got.as_deref().unwrap_or("null"),
                expected.join("|")
            ),
            Miss::Missed {
                relation,
                article,
                party,
                key,
                ..
            } => write!(f, "  missed   {relation:<8} {article} {party:<11} {key}"),
            Miss::Spurious {
                relation,
                article,
                party,
                text,
                ..
            } => {
                write!(f, "  spurious {relation:<8} {article} {party:<11} {text}")
            }
        }
    }
}

/// The scores of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub gold_statements: usize,
    pub predicted_statements: usize,
    pub statements_found: usize,
    pub speaker_total: usize,
    pub speaker_correct: usize,
    pub blames: RelationScore,
    pub supports: RelationScore,
    pub misses: Vec<Miss>,
}

impl RelationScore {
    fn add(&mut self, other: &RelationScore) {
        self.gold_pairs += other.gold_pairs;
        self.found += other.found;
        self.predicted_correct += other.predicted_correct;
        self.predicted_wrong += other.predicted_wrong;
    }
}

impl Report {
    /// Adds `other`'s counts and misses: the report of both sets of
    /// articles together.
    pub fn add(&mut self, other: &Report) {
        self.gold_statements += other.gold_statements;
        self.predicted_statements += other.predicted_statements;
        self.statements_found += other.statements_found;
        self.speaker_total += other.speaker_total;
        self.speaker_correct += other.speaker_correct;
        self.blames.add(&other.blames);
        self.supports.add(&other.supports);
        self.misses.extend(other.misses.iter().cloned());
    }

    /// The reports of several sets of articles together.
    pub fn sum<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Report {
        let mut total = Report::default();
        for report in reports {
            total.add(report);
        }
        total
    }

    pub fn speaker_party_accuracy(&self) -> Option<f64> {
        (self.speaker_total > 0).then(|| self.speaker_correct as f64 / self.speaker_total as f64)
    }

    /// The reference scorer's summary line.
    pub fn summary(&self) -> String {
        let f = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.2}"));
        format!(
            "statements found {}/{} (predicted {}); speaker party acc {}; blame P {} R {} F1 {:.2}; support P {} R {} F1 {:.2}",
            self.statements_found,
            self.gold_statements,
            self.predicted_statements,
            f(self.speaker_party_accuracy()),
            f(self.blames.precision()),
            f(self.blames.recall()),
            self.blames.f1(),
            f(self.supports.precision()),
            f(self.supports.recall()),
            self.supports.f1(),
        )
    }
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The report of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleScore {
    pub article: String,
    pub report: Report,
}

/// Scores `predicted` against `gold`. Only the articles named in `gold` count.
pub fn score(gold: &[Gold], predicted: &[Predicted]) -> Report {
    let articles = score_articles(gold, predicted);
    Report::sum(articles.iter().map(|a| &a.report))
}

/// Scores each article named in `gold`, in the order gold first names them.
pub fn score_articles(gold: &[Gold], predicted: &[Predicted]) -> Vec<ArticleScore> {
    let mut articles: Vec<&str> = Vec::new();
    for g in gold {
        if !articles.contains(&g.article.as_str()) {
            articles.push(&g.article);
        }
    }
    articles
        .into_iter()
        .map(|article| {
            let gold: Vec<&Gold> = gold.iter().filter(|g| g.article == article).collect();
            let mine = (0..predicted.len()).filter(|&i| predicted[i].article == article);
            ArticleScore {
                article: article.to_string(),
                report: score_article(&gold, predicted, &mine.collect::<Vec<_>>()),
            }
        })
        .collect()
}

/// One article's gold lines against its predicted statements (`mine`,
/// indices into `predicted`, in text order).
fn score_article(gold: &[&Gold], predicted: &[Predicted], mine: &[usize]) -> Report {
    let folded: BTreeMap<usize, String> = mine
        .iter()
        .map(|&i| (i, fold(&predicted[i].text)))
        .collect();
    let mut matched: BTreeMap<usize, usize> = BTreeMap::new();
    let mut golds_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (gi, g) in gold.iter().enumerate() {
        let key = fold(&g.key);
        let hit = mine
            .iter()
            .copied()
            .find(|pi| !key.is_empty() && folded[pi].contains(&key));
        if let Some(pi) = hit {
            matched.insert(gi, pi);
            golds_of.entry(pi).or_default().push(gi);
        }
    }
    let mut report = Report {
        predicted_statements: mine.len(),
        ..Report::default()
    };
    for (gi, g) in gold.iter().enumerate().filter(|(_, g)| !g.ignore) {
        report.gold_statements += 1;
        let found = matched.get(&gi).copied();
        if found.is_some() {
            report.statements_found += 1;
        } else {
            report.misses.push(Miss::NotFound {
                article: g.article.clone(),
                key: g.key.clone(),
            });
        }
        if let Some(expected) = g.speaker_party.as_ref().filter(|e| !e.is_empty()) {
            report.speaker_total += 1;
            let Some(pi) = found else {
                continue;
            };
            let got = predicted[pi].speaker_party.clone();
            if got.as_ref().is_some_and(|party| expected.contains(party)) {
                report.speaker_correct += 1;
            } else {
                report.misses.push(Miss::SpeakerParty {
                    article: g.article.clone(),
                    key: g.key.clone(),
                    expected: expected.clone(),
                    got,
                    statement: pi,
                });
            }
        }
    }
    let matching = Matching {
        gold,
        predicted,
        mine,
        folded: &folded,
        matched: &matched,
        golds_of: &golds_of,
    };
    report.blames = matching.relation("blames", &mut report.misses);
    report.supports = matching.relation("supports", &mut report.misses);
    report
}

fn tags<'a>(relation: &str, gold: &'a Gold) -> (&'a [String], &'a [String]) {
    match relation {
        "blames" => (&gold.blames, &gold.optional_blames),
        _ => (&gold.supports, &gold.optional_supports),
    }
}

fn predicted_tags<'a>(relation: &str, p: &'a Predicted) -> &'a [String] {
    match relation {
        "blames" => &p.blames,
        _ => &p.supports,
    }
}

/// How one article's gold lines matched its predicted statements.
struct Matching<'a> {
    gold: &'a [&'a Gold],
    predicted: &'a [Predicted],
    mine: &'a [usize],
    folded: &'a BTreeMap<usize, String>,
    /// Gold line → the predicted statement that matched it.
    matched: &'a BTreeMap<usize, usize>,
    /// Predicted statement → the gold lines it matched.
    golds_of: &'a BTreeMap<usize, Vec<usize>>,
}

impl Matching<'_> {
    fn relation(&self, name: &'static str, misses: &mut Vec<Miss>) -> RelationScore {
        let mut score = RelationScore::default();
        self.gold_pairs(name, &mut score, misses);
        self.predicted_pairs(name, &mut score, misses);
        score
    }

    /// Recall: each gold tag, found or missed.
    fn gold_pairs(&self, name: &'static str, score: &mut RelationScore, misses: &mut Vec<Miss>) {
        for (gi, g) in self.gold.iter().enumerate().filter(|(_, g)| !g.ignore) {
            let statement = self.matched.get(&gi).copied();
            let got: BTreeSet<&String> = statement
                .map(|pi| predicted_tags(name, &self.predicted[pi]).iter().collect())
                .unwrap_or_default();
            for party in tags(name, g).0 {
                score.gold_pairs += 1;
                if got.contains(party) {
                    score.found += 1;
                } else {
                    misses.push(Miss::Missed {
                        relation: name,
                        article: g.article.clone(),
                        party: party.clone(),
                        key: g.key.clone(),
                        statement,
                    });
                }
            }
        }
    }

    /// Precision: each predicted tag, right, wrong, or not scored.
    fn predicted_pairs(
        &self,
        name: &'static str,
        score: &mut RelationScore,
        misses: &mut Vec<Miss>,
    ) {
        for &pi in self.mine {
            let p = &self.predicted[pi];
            let gs = self.golds_of.get(&pi).map(Vec::as_slice).unwrap_or(&[]);
            let mut ok = BTreeSet::new();
            let mut optional = BTreeSet::new();
            for g in gs.iter().map(|&gi| self.gold[gi]).filter(|g| !g.ignore) {
                let (required, maybe) = tags(name, g);
                ok.extend(required.iter());
                optional.extend(maybe.iter());
            }
            let ignored = !gs.is_empty() && gs.iter().all(|&gi| self.gold[gi].ignore);
            let parties: BTreeSet<&String> = predicted_tags(name, p).iter().collect();
            for party in parties {
                if ignored || (optional.contains(party) && !ok.contains(party)) {
                    continue;
                }
                if ok.contains(party) {
                    score.predicted_correct += 1;
                } else {
                    score.predicted_wrong += 1;
                    misses.push(Miss::Spurious {
                        relation: name,
                        article: p.article.clone(),
                        party: party.clone(),
                        text: self.folded[&pi].chars().take(90).collect(),
                        statement: pi,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(key: &str, party: &str, blames: &[&str]) -> Gold {
        Gold {
            article: "a".into(),
            key: key.into(),
            speaker_party: Some(vec![party.into()]),
            blames: blames.iter().map(|s| s.to_string()).collect(),
            supports: vec![],
            optional_blames: vec![],
            optional_supports: vec!["x".into()],
            ignore: false,
            note: String::new(),
        }
    }

    fn predicted(text: &str, party: &str, blames: &[&str], supports: &[&str]) -> Predicted {
        Predicted {
            article: "a".into(),
            text: text.into(),
            speaker_party: Some(party.into()),
            blames: blames.iter().map(|s| s.to_string()).collect(),
            supports: supports.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn matches_keys_with_folded_white_space_and_scores_like_the_reference() {
        let gold = [
            gold("said  that", "p", &["q"]),
            gold("never said", "p", &[]),
        ];
        let predicted = [predicted("he said\nthat", "p", &["q", "r"], &["x"])];
        let report = score(&gold, &predicted);
        assert_eq!(report.statements_found, 1);
        assert_eq!(report.speaker_party_accuracy(), Some(0.5));
        assert_eq!(
            (
                report.blames.predicted_correct,
                report.blames.predicted_wrong
            ),
            (1, 1)
        );
        assert_eq!(report.blames.recall(), Some(1.0));
        assert!((report.blames.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            report.supports.predicted_wrong, 0,
            "optional tags are not penalised"
        );
        assert!(report.misses.contains(&Miss::NotFound {
            article: "a".into(),
            key: "never said".into()
        }));
    }

    fn in_article(article: &str, mut gold: Gold) -> Gold {
        gold.article = article.into();
        gold
    }

    #[test]
    fn articles_are_scored_apart_misses_name_their_statement_and_the_sum_is_the_whole() {
        let gold = [
            in_article("b", gold("y said", "p", &["r"])),
            gold("x said", "p", &["q"]),
            in_article("b", gold("x said", "p", &[])),
        ];
        let mut other = predicted("y said it; x said", "s", &["r", "t"], &[]);
        other.article = "b".into();
        let predicted = [predicted("x said it", "p", &["q"], &[]), other];
        let articles = score_articles(&gold, &predicted);
        let names: Vec<&str> = articles.iter().map(|a| a.article.as_str()).collect();
        assert_eq!(names, ["b", "a"], "in the order gold names them");
        let (b, a) = (&articles[0].report, &articles[1].report);
        assert_eq!(
            (
                a.statements_found,
                a.gold_statements,
                a.predicted_statements
            ),
            (1, 1, 1)
        );
        assert_eq!((a.speaker_correct, a.blames.predicted_correct), (1, 1));
        assert!(a.misses.is_empty(), "{:?}", a.misses);
        assert_eq!(
            (b.statements_found, b.speaker_correct, b.speaker_total),
            (2, 0, 2)
        );
        assert_eq!((b.blames.found, b.blames.predicted_wrong), (1, 1));
        let spurious = b
            .misses
            .iter()
            .find(|m| matches!(m, Miss::Spurious { .. }))
            .unwrap();
        assert_eq!(
            (spurious.statement(), spurious.party()),
            (Some(1), Some("t"))
        );
        assert!(
            b.misses
                .iter()
                .any(|m| matches!(m, Miss::SpeakerParty { statement: 1, .. }))
        );
        let whole = score(&gold, &predicted);
        assert_eq!(whole, Report::sum([b, a]));
        assert_eq!(whole.statements_found, 3);
        assert_eq!(whole.summary(), Report::sum([b, a]).summary());
    }
}
