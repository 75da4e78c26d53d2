# Generated Arabic prose for the start-up scripts (startup.sh,
# store_startup.sh): words from our own small vocabulary, no real news text,
# drawn with a fixed seed so every run makes the same corpus. Call
# init_words() first, then sentence(K) for K words ending in a full stop, or
# narrative(K) for a sentence without reporting verbs or speakers (prose the
# tagger finds no statement in).

function init_words(   r, nr, i) {
    nw = split("قال وزير الخارجية إن القوات الحدودية خرقت الهدنة مرتين خلال ليلة " \
               "واحدة قرب بلدة أكد المتحدث باسم الحكومة أن الوساطة الروسية تدعم " \
               "جهود التهدئة وتدعو الطرفين إلى ضبط النفس المحادثات في العاصمة " \
               "مسؤولية التصعيد الأخير على الحدود الجيش أعلن مقتل جنديين وإصابة " \
               "آخرين قصف مدفعي طائرة مسيرة الأمم المتحدة دعت بلينكن لافروف موسكو " \
               "واشنطن يريفان باكو الاتفاق الممر البحري الأحمر مسقط صنعاء عدن", words, " ")
    seed = 7
    nr = split("قال إن أن أكد أعلن دعت تدعو تدعم المتحدث باسم وزير بلينكن لافروف مسؤولية خرقت", r, " ")
    for (i = 1; i <= nr; i++) reporting[r[i]] = 1
}

# Park-Miller: every product stays exact in awk doubles (a larger multiplier
# loses bits and cycles after some 14,000 words, repeating texts).
function next_word() { seed = (seed * 16807) % 2147483647; return words[1 + int(seed / 65536) % nw] }

function sentence(k,   s, i) { s = next_word(); for (i = 1; i < k; i++) s = s " " next_word(); return s "." }

function narrative(k,   s, i, w) {
    s = ""
    for (i = 0; i < k; i++) {
        do w = next_word(); while (w in reporting)
        s = s (i ? " " : "") w
    }
    return s "."
}
