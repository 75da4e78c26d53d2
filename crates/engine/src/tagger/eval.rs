//! Scoring the tagger against hand-made gold annotations, with the matching
//! rules of the reference scorer (`stance_eval.py`): a gold statement is
//! matched by the first predicted statement of its article whose text
//! contains the gold key (white space folded); headlines and other `ignore`
//! lines are never scored; optional tags are neither rewarded nor penalised.
//! `mizan eval` prints this, and the test suite holds the tagger to
//! thresholds with it.

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

/// One thing the tagger got wrong.
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
    },
    Missed {
        relation: &'static str,
        article: String,
        party: String,
        key: String,
    },
    Spurious {
        relation: &'static str,
        article: String,
        party: String,
        text: String,
    },
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
            } => write!(f, "  missed   {relation:<8} {article} {party:<11} {key}"),
            Miss::Spurious {
                relation,
                article,
                party,
                text,
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

impl Report {
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

/// Scores `predicted` against `gold`. Only the articles named in `gold` count.
pub fn score(gold: &[Gold], predicted: &[Predicted]) -> Report {
    let articles: BTreeSet<&str> = gold.iter().map(|g| g.article.as_str()).collect();
    let predicted: Vec<&Predicted> = predicted
        .iter()
        .filter(|p| articles.contains(p.article.as_str()))
        .collect();
    let folded: Vec<String> = predicted.iter().map(|p| fold(&p.text)).collect();
    let mut matched: BTreeMap<usize, usize> = BTreeMap::new();
    let mut golds_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (gi, g) in gold.iter().enumerate() {
        let key = fold(&g.key);
        let hit = (0..predicted.len()).find(|&pi| {
            predicted[pi].article == g.article && !key.is_empty() && folded[pi].contains(&key)
        });
        if let Some(pi) = hit {
            matched.insert(gi, pi);
            golds_of.entry(pi).or_default().push(gi);
        }
    }
    let mut report = Report {
        predicted_statements: predicted.len(),
        ..Report::default()
    };
    for (gi, g) in gold.iter().enumerate().filter(|(_, g)| !g.ignore) {
        report.gold_statements += 1;
        let found = matched.get(&gi).map(|&pi| predicted[pi]);
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
            let got = found.and_then(|p| p.speaker_party.clone());
            if got.as_ref().is_some_and(|party| expected.contains(party)) {
                report.speaker_correct += 1;
            } else if found.is_some() {
                report.misses.push(Miss::SpeakerParty {
                    article: g.article.clone(),
                    key: g.key.clone(),
                    expected: expected.clone(),
                    got,
                });
            }
        }
    }
    report.blames = relation(
        gold,
        &predicted,
        &folded,
        &matched,
        &golds_of,
        "blames",
        &mut report.misses,
    );
    report.supports = relation(
        gold,
        &predicted,
        &folded,
        &matched,
        &golds_of,
        "supports",
        &mut report.misses,
    );
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

fn relation(
    gold: &[Gold],
    predicted: &[&Predicted],
    folded: &[String],
    matched: &BTreeMap<usize, usize>,
    golds_of: &BTreeMap<usize, Vec<usize>>,
    name: &'static str,
    misses: &mut Vec<Miss>,
) -> RelationScore {
    let mut score = RelationScore::default();
    for (gi, g) in gold.iter().enumerate().filter(|(_, g)| !g.ignore) {
        let got: BTreeSet<&String> = matched
            .get(&gi)
            .map(|&pi| predicted_tags(name, predicted[pi]).iter().collect())
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
                });
            }
        }
    }
    for (pi, p) in predicted.iter().enumerate() {
        let gs = golds_of.get(&pi).map(Vec::as_slice).unwrap_or(&[]);
        let mut ok = BTreeSet::new();
        let mut optional = BTreeSet::new();
        for g in gs.iter().map(|&gi| &gold[gi]).filter(|g| !g.ignore) {
            let (required, maybe) = tags(name, g);
            ok.extend(required.iter());
            optional.extend(maybe.iter());
        }
        let ignored = !gs.is_empty() && gs.iter().all(|&gi| gold[gi].ignore);
        let parties: BTreeSet<&String> = predicted_tags(name, p).iter().collect();
        for party in parties {
            if ignored || (optional.contains(party) && !ok.contains(party)) {
                continue;
            }
            if ok.contains(party) {
                score.predicted_correct += 1;
            } else {
                score.predicted_wrong += 1;
                let text: String = folded[pi].chars().take(90).collect();
                misses.push(Miss::Spurious {
                    relation: name,
                    article: p.article.clone(),
                    party: party.clone(),
                    text,
                });
            }
        }
    }
    score
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
}
