//! One test per rule of the tagger, on sentences written for the purpose.

mod common;

use common::{blames, lexicon, party, statement, supports, tag};
use mizan_engine::tagger::Relation;

#[test]
fn vso_speaker_with_a_nisba_title_and_a_direct_quote() {
    let (a, s) = tag("عنوان\nوقال وزير الخارجية التركي للصحافيين «إن الحل يجب أن يكون سياسيا».");
    let st = statement(&a, &s, "وزير الخارجية التركي");
    assert_eq!(party(st), Some("turkey"));
    assert_eq!(
        st.quote.unwrap().slice(&a.source),
        "إن الحل يجب أن يكون سياسيا"
    );
    assert!(
        st.speaker
            .unwrap()
            .slice(&a.source)
            .starts_with("وزير الخارجية التركي")
    );
}

#[test]
fn svo_speaker_institution_and_indirect_speech() {
    let (a, s) = tag("عنوان\nوزارة الدفاع الأذربيجانية تقول إن الهدوء عاد إلى الحدود.");
    assert_eq!(party(statement(&a, &s, "تقول إن")), Some("azerbaijan"));
}

#[test]
fn continuations_take_the_previous_speaker() {
    let (a, s) = tag(
        "عنوان\nقال الكرملين إن الاتصالات مستمرة.\nوأضاف: \"لن نتخلى عن دورنا في المنطقة\".\nوأوضحت الوزارة أن الوفد سيصل غدا.",
    );
    assert_eq!(party(statement(&a, &s, "لن نتخلى")), Some("russia"));
    assert_eq!(party(statement(&a, &s, "وأوضحت الوزارة")), Some("russia"));
}

#[test]
fn a_masculine_verb_before_a_country_name_has_an_implicit_subject() {
    let (a, s) =
        tag("عنوان\nقال الرئيس الفرنسي إن باريس قلقة، ودعا أرمينيا إلى \"وقف استفزازاتها\".");
    let st = statement(&a, &s, "ودعا أرمينيا");
    assert_eq!(party(st), Some("france"));
    assert_eq!(
        blames(st),
        ["armenia"],
        "the possessor suffix points at the object of دعا"
    );
}

#[test]
fn colon_attribution_in_a_headline() {
    let (a, s) = tag("الكرملين: الوضع على الحدود مقلق\nنص المقال.");
    assert_eq!(
        party(statement(&a, &s, "الوضع على الحدود مقلق")),
        Some("russia")
    );
}

#[test]
fn a_relayed_speaker_is_the_one_after_an() {
    let (a, s) = tag(
        "عنوان\nونقلت وسائل إعلام روسية عن باشينيان قوله إن \"الهجمات انطلاقا من أذربيجان مستمرة\".",
    );
    let st = statement(&a, &s, "عن باشينيان");
    assert_eq!(party(st), Some("armenia"));
    assert_eq!(blames(st), ["azerbaijan"]);
}

#[test]
fn narration_in_the_author_s_voice_is_not_a_statement() {
    let (_, s) = tag("عنوان\nوتدعم تركيا أذربيجان سياسيا وعسكريا.\nوروسيا حليف لأرمينيا منذ عقود.");
    assert!(s.is_empty(), "{s:#?}");
}

#[test]
fn an_apposition_is_not_part_of_what_was_said() {
    let (a, s) =
        tag("عنوان\nمن جهتها، دعت تركيا، حليفة أذربيجان، أرمينيا إلى \"وقف استفزازاتها\".");
    let st = statement(&a, &s, "دعت تركيا");
    assert_eq!(party(st), Some("turkey"));
    assert_eq!(blames(st), ["armenia"]);
    assert!(supports(st).is_empty());
}

#[test]
fn an_accusation_blames_the_object_of_the_verb() {
    let (a, s) = tag("عنوان\nاتهم رئيس الوزراء الأرميني نيكول باشينيان أذربيجان بقصف قرى حدودية.");
    let st = statement(&a, &s, "اتهم");
    assert_eq!(party(st), Some("armenia"));
    assert_eq!(blames(st), ["azerbaijan"]);
    let evidence = &st.evidence[0];
    assert_eq!(evidence.relation, Relation::Blames);
    assert_eq!(evidence.cue.slice(&a.source), "اتهم");
    assert_eq!(evidence.target.slice(&a.source), "أذربيجان");
    assert_eq!(evidence.rule, "verb:accuse");
    assert_eq!(evidence.origin.file, "ar/verbs.toml");
    assert!(evidence.origin.line > 0);
}

#[test]
fn an_attack_on_the_speaker_blames_the_agent_never_the_speaker() {
    let (a, s) = tag("عنوان\nوقالت باكو إن مواقعها تعرضت لهجوم من جانب أرمينيا.");
    let st = statement(&a, &s, "وقالت باكو");
    assert_eq!(party(st), Some("azerbaijan"));
    assert_eq!(blames(st), ["armenia"]);
}

#[test]
fn a_nisba_after_a_cue_is_its_target() {
    let (a, s) =
        tag("عنوان\nوقالت وزارة الدفاع الأذربيجانية إن جنودا قتلوا في الاستفزاز الأرميني الأخير.");
    assert_eq!(blames(statement(&a, &s, "الاستفزاز")), ["armenia"]);
}

#[test]
fn an_act_blames_its_subject() {
    let (a, s) = tag("عنوان\nوقالت يريفان إن \"القوات الأذربيجانية فتحت النار على نقاطنا\".");
    assert_eq!(blames(statement(&a, &s, "فتحت النار")), ["azerbaijan"]);
}

#[test]
fn responsibility_on_a_party_blames_it() {
    let (a, s) =
        tag("عنوان\nوأكد البيان الأذربيجاني أن \"المسؤولية تقع بالكامل على القيادة الأرمينية\".");
    assert_eq!(blames(statement(&a, &s, "المسؤولية")), ["armenia"]);
}

#[test]
fn negation_cancels_a_cue() {
    let (a, s) = tag("عنوان\nوقال الكرملين إن القوات الأرمينية لم تنتهك الهدنة.");
    assert!(blames(statement(&a, &s, "لم تنتهك")).is_empty());
}

#[test]
fn a_denial_cancels_blame() {
    let (a, s) = tag("عنوان\nونفت موسكو أن تكون القوات الأذربيجانية قصفت القرى.");
    let st = statement(&a, &s, "ونفت موسكو");
    assert_eq!(party(st), Some("russia"));
    assert!(blames(st).is_empty());
}

#[test]
fn a_negated_role_cue_is_praise() {
    let (a, s) = tag("عنوان\nوقال المتحدث باسم الكرملين \"لا يمكن إغفال دور روسيا في التهدئة\".");
    assert_eq!(supports(statement(&a, &s, "إغفال")), ["russia"]);
}

#[test]
fn two_statements_in_one_sentence() {
    let (a, s) =
        tag("عنوان\nقال الكرملين إن الوضع هادئ، فيما أعلنت باكو أن \"الهجمات الأرمينية مستمرة\".");
    assert_eq!(party(statement(&a, &s, "قال الكرملين")), Some("russia"));
    let second = statement(&a, &s, "أعلنت باكو");
    assert_eq!(party(second), Some("azerbaijan"));
    assert_eq!(blames(second), ["armenia"]);
}

#[test]
fn a_quoted_label_belongs_to_its_sentence() {
    let (a, s) = tag("عنوان\nوانتقد الرئيس الأذربيجاني ما وصفه بـ\"البطء\" في الانسحاب الأرميني.");
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(blames(statement(&a, &s, "البطء")), ["armenia"]);
}

#[test]
fn english_speakers_before_and_after_the_verb() {
    let (a, s) = tag(
        "Title\nThe Armenian Foreign Ministry said Azerbaijani forces shelled three villages.\n“We will not be provoked,” said Ilham Aliyev.",
    );
    let first = statement(&a, &s, "shelled");
    assert_eq!(party(first), Some("armenia"));
    assert_eq!(blames(first), ["azerbaijan"]);
    assert_eq!(party(statement(&a, &s, "provoked")), Some("azerbaijan"));
}

#[test]
fn english_accusation_and_agent_phrase() {
    let (a, s) = tag(
        "Title\nBaku accused Yerevan of a provocation.\nThe Kremlin said the village was shelled by Azerbaijani forces.",
    );
    assert_eq!(blames(statement(&a, &s, "accused")), ["armenia"]);
    assert_eq!(blames(statement(&a, &s, "was shelled")), ["azerbaijan"]);
}

#[test]
fn statements_are_in_text_order_and_their_text_is_the_source() {
    let text = "عنوان\nقال الكرملين إن الوضع هادئ.\nوقالت باكو إنها هوجمت.\nوأضافت أن قواتها ردت.";
    let (a, s) = tag(text);
    assert_eq!(s.len(), 3);
    assert!(s.windows(2).all(|w| w[0].range.end() <= w[1].range.start()));
    assert_eq!(s[1].range.slice(&a.source), "وقالت باكو إنها هوجمت.");
    assert_eq!(a.tag(lexicon()), s, "deterministic");
}

#[test]
fn harakat_and_hamza_variants_match() {
    let (a, s) = tag("عنوان\nوقالَتْ وزارةُ الدِّفاعِ الأذربيجانيّة إنّ «الهُجومَ الأرمينيَّ» فشل.");
    let st = statement(&a, &s, "وقالَتْ");
    assert_eq!(party(st), Some("azerbaijan"));
    assert_eq!(blames(st), ["armenia"]);
}

#[test]
fn a_masculine_verb_before_a_capital_continues_the_sentence_s_speaker() {
    let (a, s) = tag(
        "عنوان\nندد الاتحاد الأوروبي بالهجوم الروسي على أوكرانيا، ودعا موسكو إلى وقف عدوانها فوراً.",
    );
    let first = statement(&a, &s, "ندد");
    assert_eq!(
        (party(first), blames(first).as_slice()),
        (Some("eu"), &["russia"][..])
    );
    let second = statement(&a, &s, "ودعا موسكو");
    assert_eq!(party(second), Some("eu"));
    assert_eq!(blames(second), ["russia"]);
}

#[test]
fn the_victim_of_a_transitive_act_is_not_blamed() {
    let (a, s) = tag(
        "عنوان\nوقال الجيش الإسرائيلي في بيان إنه قصف أهدافا لحركة حماس في شمال القطاع.\nوأدانت الخارجية المصرية الغارات الإسرائيلية على رفح.",
    );
    let first = statement(&a, &s, "الجيش الإسرائيلي");
    assert_eq!(party(first), Some("israel"));
    assert!(blames(first).is_empty(), "{:?}", blames(first));
    let second = statement(&a, &s, "الغارات");
    assert_eq!(
        (party(second), blames(second).as_slice()),
        (Some("egypt"), &["israel"][..])
    );
}

#[test]
fn holding_responsible_and_praising_a_role() {
    let (a, s) = tag(
        "عنوان\nوحمّلت حركة حماس إسرائيل المسؤولية الكاملة عن حياة الأسرى.\nمن جانبه، رحب الرئيس التركي بالاتفاق، مشيداً بالدور الذي لعبته قطر.",
    );
    assert_eq!(blames(statement(&a, &s, "وحمّلت")), ["israel"]);
    let praise = statement(&a, &s, "رحب");
    assert_eq!(party(praise), Some("turkey"));
    assert_eq!(supports(praise), ["qatar"]);
}

#[test]
fn english_statements_of_another_conflict() {
    let (a, s) = tag(
        "Title\nHamas accused Israel of blocking aid.\n\"We will not accept this aggression,\" Zelensky said, adding that Russian forces had shelled Kharkiv.\nThe EU did not condemn either side, but its spokesman urged calm.",
    );
    assert_eq!(blames(statement(&a, &s, "Hamas accused")), ["israel"]);
    let zelensky = statement(&a, &s, "Zelensky said");
    assert_eq!(
        (party(zelensky), blames(zelensky).as_slice()),
        (Some("ukraine"), &["russia"][..])
    );
    assert_eq!(party(statement(&a, &s, "its spokesman")), Some("eu"));
}

#[test]
fn an_addressee_after_the_verb_is_not_the_speaker() {
    let (a, s) = tag(
        "عنوان\nوقال الكرملين إن الوضع هادئ.\nوقال للصحافيين إن \"الهجمات الأوكرانية مستمرة\".\nوقال لوكالة فرانس برس إن الحل سياسي.",
    );
    let told = statement(&a, &s, "للصحافيين");
    assert_eq!(
        (party(told), blames(told).as_slice()),
        (Some("russia"), &["ukraine"][..])
    );
    assert_eq!(party(statement(&a, &s, "فرانس برس")), Some("russia"));
}

#[test]
fn a_dateline_is_not_the_subject() {
    let (a, s) =
        tag("عنوان\nموسكو (رويترز) - قال وزير الخارجية الأوكراني إن القوات الروسية قصفت المدينة.");
    let st = statement(&a, &s, "قال وزير الخارجية الأوكراني");
    assert_eq!(party(st), Some("ukraine"));
    assert_eq!(blames(st), ["russia"]);
}

#[test]
fn an_anaphor_object_is_the_party_named_before_it() {
    let (a, s) = tag(
        "عنوان\nقال الجيش الإسرائيلي إنه قصف مواقع لحركة حماس في رفح، واتهم الحركة بإطلاق صواريخ.",
    );
    assert_eq!(blames(statement(&a, &s, "واتهم الحركة")), ["hamas"]);
}

#[test]
fn a_pronoun_object_is_the_party_named_before_it() {
    let (a, s) =
        tag("عنوان\nذكرت باكو أن وحدات أرمينية تحركت قرب الحدود، واتهمتها بالتحضير لهجوم.");
    let st = statement(&a, &s, "اتهمتها");
    assert_eq!(party(st), Some("azerbaijan"));
    assert_eq!(blames(st), ["armenia"]);
}

#[test]
fn a_pronoun_object_with_two_candidates_is_left_unresolved() {
    let (a, s) = tag(
        "عنوان\nقالت موسكو إن قوات أوكرانية وبولندية تحركت، وإن وارسو وكييف تنسقان، ثم اتهمتهما بالتصعيد.",
    );
    assert!(blames(statement(&a, &s, "اتهمتهما")).is_empty());
}

#[test]
fn a_cue_in_the_accusative_still_matches() {
    let (a, s) = tag("عنوان\nوقال الجيش السوداني إن ما جرى يشكل خرقا من جانب قوات الدعم السريع.");
    assert_eq!(blames(statement(&a, &s, "خرقا")), ["rsf"]);
}

#[test]
fn a_party_name_in_quotation_marks_is_the_speaker() {
    let (a, s) = tag("عنوان\nوأعلن \"حزب الله\" في بيان أنه رد على الاعتداءات الإسرائيلية.");
    let st = statement(&a, &s, "في بيان");
    assert_eq!(party(st), Some("hezbollah"));
    assert_eq!(blames(st), ["israel"]);
}

#[test]
fn a_conjoined_verb_without_a_new_speaker_continues_the_statement() {
    let (a, s) = tag(
        "عنوان\nوأدانت وزارة الخارجية القطرية القصف الإسرائيلي، وطالبت المجتمع الدولي بالتحرك، مؤكدة دعم الدوحة الكامل للشعب الفلسطيني.",
    );
    assert_eq!(s.len(), 1);
    let st = statement(&a, &s, "وطالبت المجتمع الدولي");
    assert_eq!(party(st), Some("qatar"));
    assert_eq!(blames(st), ["israel"]);
    assert_eq!(
        supports(st),
        ["palestine"],
        "support past the speaker's own name"
    );
}

#[test]
fn a_denial_does_not_cancel_what_is_said_after_it() {
    let (a, s) = tag(
        "عنوان\nلكن الجيش الباكستاني نفى ذلك، وقال إن الجيش الهندي بادر بإطلاق النار على قرى حدودية.",
    );
    let st = statement(&a, &s, "نفى ذلك");
    assert_eq!(party(st), Some("pakistan"));
    assert_eq!(blames(st), ["india"]);
}

#[test]
fn coordinated_parties_share_a_tag() {
    let (a, s) = tag("عنوان\nوأضافت زاخاروفا أن واشنطن ولندن تتحملان المسؤولية عن سقوط الضحايا.");
    assert_eq!(blames(statement(&a, &s, "واشنطن")), ["usa", "uk"]);
}

#[test]
fn fire_by_an_army_blames_the_army_s_party() {
    let (a, s) = tag("عنوان\nوقالت لجان محلية إن خمسة مدنيين قتلوا بنيران القوات الباكستانية.");
    assert_eq!(blames(statement(&a, &s, "بنيران")), ["pakistan"]);
    let (a, s) = tag("عنوان\nوقال مصدر إن قتيلين سقطا بغارة إسرائيلية على الناقورة.");
    assert_eq!(blames(statement(&a, &s, "بغارة")), ["israel"]);
}

#[test]
fn transliterated_names_match_in_their_common_spellings() {
    for city in ["بيشكيك", "بشكيك"] {
        let text = format!("عنوان\nوقالت {city} إن الهدوء عاد إلى الحدود.");
        let (a, s) = tag(&text);
        assert_eq!(
            party(statement(&a, &s, "الهدوء")),
            Some("kyrgyzstan"),
            "{city}"
        );
    }
    let (a, s) = tag("عنوان\nوقال ڤلاديمير پوتين إن الحل سياسي.");
    assert_eq!(party(statement(&a, &s, "الحل سياسي")), Some("russia"));
}

#[test]
fn a_headline_naming_two_sides_before_a_colon_is_a_topic() {
    let (_, s) = tag("الهند وباكستان: تبادل لإطلاق النار على الحدود\nنص.");
    assert!(s.is_empty(), "{s:#?}");
    let (a, s) = tag("باكو: وحدات أرمينية أطلقت النار\nنص.");
    assert_eq!(party(statement(&a, &s, "باكو")), Some("azerbaijan"));
}

#[test]
fn a_headline_addressing_another_party_keeps_its_speaker() {
    let (a, s) = tag("موسكو لواشنطن: لن نقبل بأي تهديد\nنص.");
    assert_eq!(party(statement(&a, &s, "لن نقبل")), Some("russia"));
}

#[test]
fn a_denied_support_is_no_support_and_a_government_is_a_title() {
    let (a, s) = tag("عنوان\nونفت طهران تقديم دعم عسكري للحوثيين.");
    assert!(supports(statement(&a, &s, "طهران")).is_empty());
    let (a, s) = tag("عنوان\nاتهمت حكومة الكونغو الديمقراطية رواندا بدعم المتمردين.");
    let st = statement(&a, &s, "اتهمت");
    assert_eq!(party(st), Some("drc"));
    assert_eq!(blames(st), ["rwanda"]);
}

#[test]
fn the_occupation_is_israel_unless_a_nisba_says_whose() {
    let (a, s) = tag("عنوان\nوقال المتحدث إن الاحتلال يستهدف المدنيين في خان يونس.");
    assert_eq!(blames(statement(&a, &s, "يستهدف")), ["israel"]);
    let (a, s) = tag("عنوان\nوقال المسؤول الأوكراني إن قوات الاحتلال الروسية قصفت خيرسون.");
    assert_eq!(blames(statement(&a, &s, "قصفت")), ["russia"]);
}
