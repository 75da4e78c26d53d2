//! Content terms for comparing articles and statements: folded, lightly
//! stemmed words without function words, numbers with their digits folded,
//! and calendar dates. Story grouping and statement alignment both read text
//! through this module, so the two always agree on what "the same word" is.
//!
//! Stemming here is deliberately blind (it also clips names): both sides of
//! every comparison go through the same clipping, so `الأرمينية` and
//! `أرمينيا` meet at one stem, which is all similarity needs.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Folds text for matching. This is the one place article text is folded
/// for grouping and alignment.
///
/// PLACEHOLDER until the shared Arabic normaliser lands in
/// `crate::text::normalize`: lower case, harakat and tatweel removed.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_harakah_or_tatweel(c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_harakah_or_tatweel(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}')
}

/// One content term of a text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    /// A stemmed word.
    Word(String),
    /// A number, as its decimal digits without leading zeros.
    Number(String),
}

impl Term {
    /// A stable 64-bit key for the term (FNV-1a), so that term statistics
    /// can be gathered in parallel without a shared dictionary.
    pub fn key(&self) -> u64 {
        let (tag, text) = match self {
            Term::Word(word) => (b'w', word.as_str()),
            Term::Number(digits) => (b'n', digits.as_str()),
        };
        fnv1a(std::iter::once(tag).chain(text.bytes()))
    }
}

impl Term {
    /// How much the term says about which event a text reports: the
    /// vocabulary every conflict report uses (ministry, forces, border,
    /// fire) weighs little, names and numbers weigh fully. Corpus
    /// statistics cannot learn this from the handful of articles one
    /// usually compares.
    pub fn specificity(&self) -> f32 {
        match self {
            Term::Word(stem) if GENERIC_NEWS_STEMS.contains(stem) => GENERIC_WEIGHT,
            _ => 1.0,
        }
    }
}

/// The weight of a generic newswire word relative to a specific one.
const GENERIC_WEIGHT: f32 = 0.25;

/// A key for an extra feature named by the caller (a party id, a date).
pub fn feature_key(kind: &str, value: &str) -> u64 {
    fnv1a(kind.bytes().chain([0]).chain(value.bytes()))
}

fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The content terms of `text`, in order.
pub fn terms(text: &str) -> Vec<Term> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .filter_map(term)
        .collect()
}

fn term(token: &str) -> Option<Term> {
    if token.chars().all(|c| c.is_ascii_digit()) {
        let digits = token.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        return Some(Term::Number(digits.to_string()));
    }
    if STOPWORDS.contains(token) {
        return None;
    }
    let stem = stem(token);
    if stem.chars().count() < 2 || STOPWORDS.contains(stem.as_str()) {
        return None;
    }
    Some(Term::Word(stem))
}

/// Arabic proclitics that carry the article or a preposition, longest
/// first; folded on first use like the text they are matched against.
static ARABIC_PREFIXES: LazyLock<Vec<String>> =
    LazyLock::new(|| folded_list(&["وال", "فال", "بال", "كال", "لل", "ال"]));
/// Arabic suffixes (feminine, plural, nisba, pronouns), longest first.
static ARABIC_SUFFIXES: LazyLock<Vec<String>> =
    LazyLock::new(|| folded_list(&["ية", "يا", "ها", "ات", "ون", "ين", "ان", "ة", "ه", "ي"]));

fn folded_list(affixes: &[&str]) -> Vec<String> {
    affixes.iter().map(|affix| fold(affix)).collect()
}

fn stem(token: &str) -> String {
    if token.chars().any(crate::text::is_arabic) {
        stem_arabic(token)
    } else {
        stem_english(token)
    }
}

fn stem_arabic(token: &str) -> String {
    let mut word = token;
    if let Some(rest) = ARABIC_PREFIXES
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix.as_str()))
        .filter(|rest| rest.chars().count() >= 3)
    {
        word = rest;
    }
    // Two rounds so a nisba on a plural or feminine (اذربيجانيه) reaches the
    // same stem as the country name (اذربيجان).
    for _ in 0..2 {
        let clipped = ARABIC_SUFFIXES
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix.as_str()))
            .filter(|rest| rest.chars().count() >= 3);
        match clipped {
            Some(rest) => word = rest,
            None => break,
        }
    }
    word.to_string()
}

fn stem_english(token: &str) -> String {
    let word = token.strip_suffix("'s").unwrap_or(token);
    if let Some(rest) = word.strip_suffix("ies").filter(|rest| rest.len() >= 3) {
        return format!("{rest}y");
    }
    match word.strip_suffix('s') {
        Some(rest) if rest.len() >= 3 && !rest.ends_with('s') => rest.to_string(),
        _ => word.to_string(),
    }
}

/// Function words and reporting verbs: they say nothing about which event
/// or statement a text is about. Written naturally and folded on first use.
const STOPWORD_SOURCE: &str = "
في من على إلى الى عن أن إن ان مع هذا هذه ذلك تلك التي الذي الذين اللذين كان كانت
يكون قد لقد لم لن لا ما ماذا أو او ثم حتى بعد قبل عند بين كل أي اي هو هي هم هما
نحن أنا منذ خلال حول ضد دون غير إذ إذا اذا كما لكن بل وقد وفي ومن وعلى وإلى وأن
وإن وكان وكانت وقال وقالت قال قالت يقول تقول قالوا وأضاف أضاف وأضافت أضافت
مضيفا وأكد أكد أكدت مؤكدا أعلن أعلنت وأعلن وأعلنت وأوضح أوضح موضحا وأشار أشار
مشيرا ذكر وذكر ذكرت اليوم أمس الآن فيه فيها به بها له لها لهم عليه عليها منه منها
إنه إنها أنه أنها انه انها وهو وهي كذلك أيضا ايضا وفق بحسب حسب نحو عدة إلا الا
the a an of to in on at for by with from and or but is are was were be been has
have had it its this that these those as said says say told also not no he she they
their his her him them we our you i which who whom what when where while after
before about over into than then there here will would could should may might
";

/// Words of any report on conflict and diplomacy, whatever the event.
const GENERIC_NEWS_SOURCE: &str = "
وزارة وزير وزيرة الوزراء رئيس رئاسة الرئيس الحكومة حكومة الدفاع الخارجية الداخلية
المتحدث المتحدثة باسم بيان بيانا تصريح تصريحات مسؤول مسؤولون المسؤولية مصدر مصادر
القوات قوات الجيش جيش جنود جندي جنديا الجنود عسكري عسكرية العسكرية مواقع موقع مواقعنا
الحدود حدود الحدودية حدودي الحدودي إطلاق النار نار هجوم هجمات قصف القصف اشتباك اشتباكات
الاشتباك الاشتباكات قتال القتال حرب الحرب مقتل قتل قتلى قتلوا إصابة أصيب أصيبوا جرحى
الوضع التصعيد تصعيد الطرفين الطرفان الجانب الجانبين الجانبان البلدين البلدان البلد
مفاوضات المفاوضات محادثات المحادثات اتفاق الاتفاق السلام سلام معاهدة وقف دعا دعت
ضبط النفس استفزاز اتهم اتهمت اتهام نفى نفت رد ردت صباح مساء ليل فجر الساعة يوم
الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد عام العام الماضي الحالي أشهر أسابيع
ministry minister president government defence defense foreign spokesman spokeswoman
statement official officials forces army troops soldier soldiers military border fire
attack attacks shelling clash clashes fighting war killed wounded situation escalation
sides side countries talks agreement peace treaty ceasefire called accused denied
monday tuesday wednesday thursday friday saturday sunday year month week
";

static GENERIC_NEWS_STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    GENERIC_NEWS_SOURCE
        .split_whitespace()
        .flat_map(terms)
        .filter_map(|term| match term {
            Term::Word(stem) => Some(stem),
            Term::Number(_) => None,
        })
        .collect()
});

static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    STOPWORD_SOURCE
        .split_whitespace()
        .map(fold)
        .collect::<HashSet<_>>()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        terms(text)
            .into_iter()
            .map(|term| match term {
                Term::Word(word) | Term::Number(word) => word,
            })
            .collect()
    }

    #[test]
    fn country_names_and_their_adjectives_share_a_stem() {
        assert_eq!(words("أرمينيا"), words("الأرمينية"));
        assert_eq!(words("أذربيجان"), words("الأذربيجانية"));
        assert_eq!(words("Armenia's"), words("Armenia"));
    }

    #[test]
    fn function_words_and_reporting_verbs_are_dropped() {
        assert_eq!(words("وقال إن الجيش في الحدود"), ["جيش", "حدود"]);
        assert_eq!(
            words("The army said it was on the border"),
            ["army", "border"]
        );
    }

    #[test]
    fn numbers_lose_leading_zeros_and_harakat_do_not_split_words() {
        assert_eq!(words("049 جنديًا"), words("49 جنديا"));
    }

    #[test]
    fn keys_differ_between_words_and_numbers_with_the_same_text() {
        assert_ne!(
            Term::Word("12".into()).key(),
            Term::Number("12".into()).key()
        );
    }
}
