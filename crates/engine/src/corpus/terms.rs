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
use std::iter::Peekable;
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
    /// A number, as its decimal digits without leading zeros: written in
    /// digits ("49", "136,000"), in words ("seven", "ثلاثة"), or with a
    /// multiplier ("136 ألف", "20 thousand").
    Number(Cow<'a, str>),
}

impl Term<'_> {
    /// A stable 64-bit key for the term (FNV-1a), so that term statistics
    /// can be gathered in parallel without a shared dictionary.
    pub fn key(&self) -> u64 {
        let (tag, text) = match self {
            Term::Word(word) => (b'w', word.as_ref()),
            Term::Number(digits) => (b'n', digits.as_ref()),
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

    /// Whether the term is vocabulary of every conflict report. Years
    /// count as such: reports of every clash in a conflict recall the war
    /// that started it (حرب 2020) and the year of its last treaty.
    pub fn is_generic(&self) -> bool {
        match self {
            Term::Word(stem) => GENERIC_NEWS_STEMS.contains(stem.as_ref()),
            Term::Number(digits) => is_year(digits),
        }
    }
}

/// Whether digits read as a year of modern history.
fn is_year(digits: &str) -> bool {
    digits.len() == 4
        && digits
            .parse::<u32>()
            .is_ok_and(|year| (1900..=2100).contains(&year))
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

/// Words with a value each (a number, a month), looked up folded.
pub type WordTable<V> = HashMap<String, V, BuildHasherDefault<KeyHasher>>;

/// A table of words written naturally, folded for lookup.
pub fn word_table<V: Copy>(entries: &[(&str, V)]) -> WordTable<V> {
    entries
        .iter()
        .map(|&(word, value)| (fold(word), value))
        .collect()
}

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
    let mut tokens = Tokens { rest: folded }.peekable();
    while let Some((word, gap)) = tokens.next() {
        match number(word, gap, &mut tokens) {
            Some(value) => visit(Term::Number(value)),
            None => {
                if let Some(term) = term(word) {
                    visit(term);
                }
            }
        }
    }
}

/// The words of folded text, each with the text between it and the next.
struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let start = self.rest.find(is_word_char)?;
        let rest = &self.rest[start..];
        let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let gap = after.find(is_word_char).unwrap_or(after.len());
        self.rest = &after[gap..];
        Some((word, &after[..gap]))
    }
}

/// The number that `word` starts, taking the tokens that continue it: its
/// thousands after commas (136,000), a multiplier after it (136 ألف، 20
/// thousand); a number word; or a multiplier alone. `gap` is the text after
/// `word`.
fn number<'a>(
    word: &'a str,
    gap: &'a str,
    tokens: &mut Peekable<Tokens<'a>>,
) -> Option<Cow<'a, str>> {
    let value = if is_digits(word) {
        grouped_digits(word, gap, tokens)
    } else {
        let numeral = NUMERALS.get(word)?;
        if numeral.multiplies {
            return Some(Cow::Owned(numeral.value.to_string()));
        }
        Cow::Owned(numeral.value.to_string())
    };
    let multiplier = tokens
        .peek()
        .and_then(|(next, _)| NUMERALS.get(*next))
        .filter(|numeral| numeral.multiplies)
        .map(|numeral| numeral.value);
    match (multiplier, value.parse::<u64>()) {
        (Some(multiplier), Ok(number)) => {
            tokens.next();
            Some(Cow::Owned(number.saturating_mul(multiplier).to_string()))
        }
        _ => Some(value),
    }
}

fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// `digits` and the groups of three after commas that continue them,
/// without leading zeros.
fn grouped_digits<'a>(
    digits: &'a str,
    mut gap: &'a str,
    tokens: &mut Peekable<Tokens<'a>>,
) -> Cow<'a, str> {
    let mut joined: Option<String> = None;
    while gap == "," {
        let Some((group, after)) =
            tokens.next_if(|(group, _)| group.len() == 3 && is_digits(group))
        else {
            break;
        };
        joined
            .get_or_insert_with(|| digits.to_string())
            .push_str(group);
        gap = after;
    }
    match joined {
        Some(joined) => Cow::Owned(without_leading_zeros(&joined).to_string()),
        None => Cow::Borrowed(without_leading_zeros(digits)),
    }
}

fn without_leading_zeros(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }
}

/// The keys of the content terms of folded text, each with its specificity.
pub fn folded_term_keys(folded: &str) -> KeyMap<f32> {
    let mut keys = KeyMap::default();
    each_folded_term(folded, |term| {
        keys.insert(term.key(), term.specificity());
    });
    keys
}

/// Whether a folded word is a function word or vocabulary of every
/// conflict report: never a name.
pub fn is_common_word(folded: &str) -> bool {
    match term(folded) {
        Some(Term::Word(stem)) => GENERIC_NEWS_STEMS.contains(stem.as_ref()),
        Some(Term::Number(_)) => false,
        None => true,
    }
}

fn term(token: &str) -> Option<Term<'_>> {
    if token.is_empty() {
        return None;
    }
    if is_digits(token) {
        return Some(Term::Number(Cow::Borrowed(without_leading_zeros(token))));
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
    LazyLock::new(|| folded_list(&["بال", "كال", "لل", "ال"]));
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
    // A conjunction glued to the word (وطاجيكستان، فالقوات), unless what
    // remains is a function word: فتحت is "opened", not "and under".
    if let Some(rest) = ['و', 'ف']
        .into_iter()
        .find_map(|conjunction| word.strip_prefix(conjunction))
        .filter(|rest| can_stand_alone(rest))
    {
        word = rest;
    }
    if let Some(rest) = ARABIC_PREFIXES
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix.as_str()))
        .filter(|rest| has_at_least_three_chars(rest))
    {
        word = rest;
    }
    // A preposition glued to the word (بقصف، لقوات), also after the
    // article was taken off, so that every form of a word clips alike.
    if let Some(rest) = ['ب', 'ل']
        .into_iter()
        .find_map(|preposition| word.strip_prefix(preposition))
        .filter(|rest| can_stand_alone(rest))
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

/// Whether what remains of a word after a clitic is taken off can be a
/// word of its own: three letters or more, and no function word.
fn can_stand_alone(rest: &str) -> bool {
    has_at_least_three_chars(rest) && !STOPWORDS.contains(rest)
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

/// Function words, reporting verbs and the commonest adverbs, quantities
/// and words of time: they say nothing about which event or statement a
/// text is about. Written naturally and folded on first use.
const STOPWORD_SOURCE: &str = "
في من على إلى الى عن أن إن ان مع هذا هذه ذلك تلك التي الذي الذين اللذين اللتين اللواتي
كان كانت كانوا يكون تكون قد لقد لم لن لا ما ماذا أو او أم ثم حتى بعد قبل عند عندما
بين كل أي اي هو هي هم هما هن نحن أنا أنت منذ خلال حول ضد دون غير إذ إذا اذا كما لكن
بل وقد وفي ومن وعلى وإلى وأن وإن وكان وكانت وقال وقالت قال قالت يقول تقول قالوا وأضاف
أضاف وأضافت أضافت مضيفا مضيفة وأكد أكد أكدت مؤكدا أعلن أعلنت وأعلن وأعلنت وأوضح أوضح
موضحا وأشار أشار مشيرا ذكر وذكر ذكرت اليوم أمس الآن فيه فيها به بها له لها لهم عليه
عليها عليهم منه منها منهم إليه إليها عنه عنها إنه إنها أنه أنها انه انها وهو وهي كذلك
أيضا ايضا وفق بحسب حسب نحو عدة إلا الا فيما بينما حيث أما وأما مقابل المقابل بالمقابل
أكثر أقل بعض جميع عدد كثير قليل أخرى آخر آخرون آخرين الأخرى الآخر الآخرين
حوالي قرابة زهاء جدا فقط لاحقا سابقا حاليا فورا مجددا مرة مرات تم يتم جرى
يجري أصبح أصبحت بات باتت ظل ظلت يزال تزال يمكن يجب ينبغي إنما وإنما سوى مثل
هناك هنا حين حينما بينهم بينها عبر إثر اثر جراء بسبب لأن كي لكي وذلك وهذا وهذه
ضمن لدى تجاه أمام خلف فوق تحت داخل خارج قرب أثناء طوال وسط إزاء بشأن حيال بخصوص
يوم أيام سنة سنوات عاما أعوام شهر أشهر ساعة ساعات دقيقة أسبوع
the a an of to in on at for by with from and or but is are was were be been being
has have had do does did it its this that these those as said says say told also
not no nor he she they their his her him them we our you your i me my which who
whom whose what when where while after before about over into than then there
here will would could should may might must can shall up down out off again
further once more most other others some such only own same so too very just
both each few all any because until against between through during above below
under since per via amid among whether if though although however yet
still even ever around near later earlier now today
";

/// Words of any report on conflict and diplomacy, whatever the event:
/// institutions and their people, arms and fighting, casualties and
/// their counting, calls and accusations, places in general, times of day
/// and the calendar.
const GENERIC_NEWS_SOURCE: &str = "
وزارة وزير وزيرة الوزراء رئيس رئاسة الرئيس الحكومة حكومة الدفاع الخارجية الداخلية
المتحدث المتحدثة الناطق الناطقة باسم بيان بيانا تصريح تصريحات مسؤول مسؤولون المسؤولية
مصدر مصادر سلطات السلطات مكتب مجلس برلمان البرلمان نائب سفير السفير سفارة وكالة صحيفة
القوات قوات الجيش جيش جنود جندي جنديا الجنود عسكري عسكرية العسكرية عسكريين مواقع موقع
مواقعنا الحدود حدود الحدودية حدودي الحدودي حرس إطلاق النار نار نيران هجوم هجمات قصف
القصف اشتباك اشتباكات الاشتباك الاشتباكات مواجهة مواجهات المواجهات قتال القتال معارك حرب
الحرب مقتل قتل قتلى قتيل قتيلا قتلوا إصابة إصابات أصيب أصيبوا جرحى جريح مصابين مدنيين
مدنيون مدني سكان السكان أشخاص شخص شخصا شخصين ضحايا حصيلة الحصيلة ارتفاع ارتفعت
الوضع التصعيد تصعيد توتر توترات التوتر الطرفين الطرفان الجانب الجانبين الجانبان البلدين
البلدان البلد دولة الدولة دول مفاوضات المفاوضات محادثات المحادثات حوار الحوار اتفاق
الاتفاق اتفاقية السلام سلام معاهدة وقف هدنة الهدنة دعا دعت يدعو تدعو دعوة ضبط النفس
استفزاز اتهم اتهمت يتهم تتهم اتهام اتهامات نفى نفت نفي رد ردت الرد رفض رفضت أدان أدانت
إدانة طالب طالبت مطالبا حذر حذرت تحذير مسؤولية صباح مساء ليل ليلة فجر
الساعة الاثنين الثلاثاء الثلثاء الأربعاء الخميس الجمعة السبت الأحد عام العام الماضي
الحالي المقبل أسابيع منطقة المنطقة مناطق قرية قرى القرية مدينة المدينة بلدة إقليم
الإقليم العاصمة دولي الدولي الدولية دولية المجتمع الأمم المتحدة الأمن وسائل إعلام
الإعلام أنباء الأنباء وكالات تقارير تقرير الوزارة أعنف دامية دامي دموية إجلاء نازحين
نزوح انسحاب سحب ترسيم
يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر
نوفمبر ديسمبر كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول
ministry minister president government defence defense foreign spokesman spokeswoman
spokesperson statement official officials authorities authority office council parliament
ambassador embassy agency forces army troops soldier soldiers military border borders
guard guards fire attack attacks shelling shelled clash clashes clashed fighting fought
war killed killing dead died death deaths wounded injured injuries casualties civilians
civilian people person residents toll situation escalation tension tensions sides side
country countries nation state states talks negotiations dialogue agreement deal peace
treaty ceasefire truce called calls urged accused accusing accusation denied denial
rejected condemned condemnation warned warning blamed responsibility responsible
monday tuesday wednesday thursday friday saturday sunday year years month months week
weeks day days morning evening night hour hours region regional area village villages
town city capital international national united nations security media news report
reports reported local worst neighbour neighbours neighbor neighbors deadly bloody
evacuated evacuation displaced withdraw withdrawal demarcation
january february march april may june july august september october november december
";
/// A number written as a word.
#[derive(Clone, Copy, Debug)]
struct Numeral {
    value: u64,
    /// It multiplies the number before it (ألف، thousand).
    multiplies: bool,
}

/// Numbers written as words, as casualty counts often are ("seven
/// soldiers", "ثلاثة جنود"), which must meet the same number in digits;
/// and the multipliers. Arabic words also with the conjunction and the
/// article glued on (وثلاثة، الثلاثة), so that one lookup finds each.
static NUMERALS: LazyLock<WordTable<Numeral>> = LazyLock::new(|| {
    const WORDS: &[(&str, u64)] = &[
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتان", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("أربع", 4),
        ("أربعة", 4),
        ("خمس", 5),
        ("خمسة", 5),
        ("ستة", 6),
        ("سبع", 7),
        ("سبعة", 7),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("تسع", 9),
        ("تسعة", 9),
        ("عشر", 10),
        ("عشرة", 10),
        ("عشرون", 20),
        ("عشرين", 20),
        ("ثلاثون", 30),
        ("ثلاثين", 30),
        ("أربعون", 40),
        ("أربعين", 40),
        ("خمسون", 50),
        ("خمسين", 50),
        ("ستون", 60),
        ("ستين", 60),
        ("سبعون", 70),
        ("سبعين", 70),
        ("ثمانون", 80),
        ("ثمانين", 80),
        ("تسعون", 90),
        ("تسعين", 90),
        ("مئة", 100),
        ("مائة", 100),
    ];
    const MULTIPLIERS: &[(&str, u64)] = &[
        ("thousand", 1_000),
        ("million", 1_000_000),
        ("ألف", 1_000),
        ("آلاف", 1_000),
        ("مليون", 1_000_000),
        ("ملايين", 1_000_000),
    ];
    let numerals = |entries: &'static [(&str, u64)], multiplies| {
        entries.iter().flat_map(move |&(word, value)| {
            let forms = if word.chars().any(mizan_text::is_arabic) {
                vec![
                    word.to_string(),
                    format!("و{word}"),
                    format!("ال{word}"),
                    format!("وال{word}"),
                ]
            } else {
                vec![word.to_string()]
            };
            forms
                .into_iter()
                .map(move |form| (fold(&form), Numeral { value, multiplies }))
        })
    };
    numerals(WORDS, false)
        .chain(numerals(MULTIPLIERS, true))
        .collect()
});

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
    fn numbers_in_words_and_with_multipliers_meet_their_digits() {
        assert_eq!(words("الثلاثة"), words("3"));
        assert_eq!(words("three"), words("3"));
        assert_eq!(words("وسبعة"), words("7"));
        assert_eq!(words("136 ألف"), words("136,000"));
        assert_eq!(words("20 thousand"), words("20000"));
        assert_eq!(words("1,000 km"), words("1000 km"));
        assert_ne!(
            words("12,34"),
            words("1234"),
            "a comma between groups of three only"
        );
    }

    #[test]
    fn keys_differ_between_words_and_numbers_with_the_same_text() {
        assert_ne!(
            Term::Word("12".into()).key(),
            Term::Number("12".into()).key()
        );
    }
}
