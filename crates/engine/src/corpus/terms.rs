//! Content terms for comparing articles and statements: folded, lightly
//! stemmed words without function words, numbers with their digits folded,
//! and calendar dates. Story grouping and statement alignment both read text
//! through this module, so the two always agree on what "the same word" is.
//!
//! Stemming here is deliberately blind (it also clips names): both sides of
//! every comparison go through the same clipping, so `الأرمينية` and
//! `أرمينيا` meet at one stem, which is all similarity needs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Folds text for matching with the project's one normaliser (alef,
/// hamza seats, ya, ta marbuta, harakat, tatweel, digits, case).
pub fn fold(text: &str) -> String {
    mizan_text::normalize::normalize(text).text
}

/// One content term of a text, borrowed from the folded text when
/// stemming only clipped it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Term<'a> {
    /// A stemmed word.
    Word(Cow<'a, str>),
    /// A number, as its decimal digits without leading zeros.
    Number(&'a str),
}

impl Term<'_> {
    /// A stable 64-bit key for the term (FNV-1a), so that term statistics
    /// can be gathered in parallel without a shared dictionary.
    pub fn key(&self) -> u64 {
        let (tag, text) = match self {
            Term::Word(word) => (b'w', word.as_ref()),
            Term::Number(digits) => (b'n', *digits),
        };
        fnv1a(std::iter::once(tag).chain(text.bytes()))
    }
}

impl Term<'_> {
    /// How much the term says about which event a text reports: the
    /// vocabulary every conflict report uses (ministry, forces, border,
    /// fire) weighs little, names and numbers weigh fully. Corpus
    /// statistics cannot learn this from the handful of articles one
    /// usually compares.
    pub fn specificity(&self) -> f32 {
        specificity(self.is_generic())
    }

    /// Whether the term is vocabulary of every conflict report.
    pub fn is_generic(&self) -> bool {
        matches!(self, Term::Word(stem) if GENERIC_NEWS_STEMS.contains(stem.as_ref()))
    }
}

/// The specificity of a term that is generic or not (see
/// [`Term::specificity`]), for callers that keep the flag instead.
pub fn specificity(generic: bool) -> f32 {
    if generic { GENERIC_WEIGHT } else { 1.0 }
}

/// The weight of a generic newswire word relative to a specific one.
const GENERIC_WEIGHT: f32 = 0.25;

/// A key for an extra feature named by the caller (a party id, a date).
pub fn feature_key(kind: &str, value: &str) -> u64 {
    fnv1a(kind.bytes().chain([0]).chain(value.bytes()))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(FNV_OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    })
}

/// A map keyed by term keys. The keys are already well-mixed hashes, and
/// hashing them again cost more than the rest of grouping.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Passes term keys through; hashes anything else with FNV-1a, which is
/// also what the word lists below are looked up with (short keys, no
/// untrusted-collision concern: the lists are ours).
pub struct KeyHasher(u64);

impl Default for KeyHasher {
    fn default() -> Self {
        Self(FNV_OFFSET)
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A set of words looked up on every token.
type WordSet = HashSet<String, BuildHasherDefault<KeyHasher>>;

/// Whether `c` belongs to a word. Arabic letters and digits are answered
/// without the general Unicode tables, which dominate the cost otherwise.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// Calls `visit` with each content term of `text`, in order.
pub fn each_term(text: &str, visit: impl FnMut(Term<'_>)) {
    each_folded_term(&fold(text), visit);
}

/// Like [`each_term`], for text that [`fold`] has already folded.
pub fn each_folded_term(folded: &str, mut visit: impl FnMut(Term<'_>)) {
    for token in folded.split(|c: char| !is_word_char(c)) {
        if let Some(term) = term(token) {
            visit(term);
        }
    }
}

/// The keys of the content terms of folded text, each with its specificity.
pub fn folded_term_keys(folded: &str) -> KeyMap<f32> {
    let mut keys = KeyMap::default();
    each_folded_term(folded, |term| {
        keys.insert(term.key(), term.specificity());
    });
    keys
}

fn term(token: &str) -> Option<Term<'_>> {
    if token.is_empty() {
        return None;
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        let digits = token.trim_start_matches('0');
        return Some(Term::Number(if digits.is_empty() { "0" } else { digits }));
    }
    if STOPWORDS.contains(token) {
        return None;
    }
    let stem = stem(token);
    if stem.chars().nth(1).is_none() || STOPWORDS.contains(stem.as_ref()) {
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

fn stem(token: &str) -> Cow<'_, str> {
    if token.chars().any(mizan_text::is_arabic) {
        stem_arabic(token)
    } else {
        stem_english(token)
    }
}

fn stem_arabic(token: &str) -> Cow<'_, str> {
    let mut word = token;
    if let Some(rest) = ARABIC_PREFIXES
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix.as_str()))
        .filter(|rest| has_at_least_three_chars(rest))
    {
        word = rest;
    }
    // Two rounds so a nisba on a plural or feminine (اذربيجانيه) reaches the
    // same stem as the country name (اذربيجان).
    for _ in 0..2 {
        let clipped = ARABIC_SUFFIXES
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix.as_str()))
            .filter(|rest| has_at_least_three_chars(rest));
        match clipped {
            Some(rest) => word = rest,
            None => break,
        }
    }
    Cow::Borrowed(word)
}

fn has_at_least_three_chars(text: &str) -> bool {
    text.chars().nth(2).is_some()
}

fn stem_english(token: &str) -> Cow<'_, str> {
    if let Some(rest) = token.strip_suffix("ies").filter(|rest| rest.len() >= 3) {
        return Cow::Owned(format!("{rest}y"));
    }
    match token.strip_suffix('s') {
        Some(rest) if rest.len() >= 3 && !rest.ends_with('s') => Cow::Borrowed(rest),
        _ => Cow::Borrowed(token),
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

static GENERIC_NEWS_STEMS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut stems = WordSet::default();
    each_term(GENERIC_NEWS_SOURCE, |term| {
        if let Term::Word(stem) = term {
            stems.insert(stem.into_owned());
        }
    });
    stems
});

static STOPWORDS: LazyLock<WordSet> = LazyLock::new(|| {
    STOPWORD_SOURCE
        .split_whitespace()
        .map(fold)
        .collect::<WordSet>()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut words = Vec::new();
        each_term(text, |term| {
            words.push(match term {
                Term::Word(word) => word.into_owned(),
                Term::Number(digits) => digits.to_string(),
            })
        });
        words
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
        assert_ne!(Term::Word("12".into()).key(), Term::Number("12").key());
    }
}
