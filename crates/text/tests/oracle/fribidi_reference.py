#!/usr/bin/env python3
"""mizan's layout reference: libfribidi through ctypes, used by tests/layout_oracle.rs.

Reads JSON on stdin: a list of paragraphs, each {"base": "rtl"|"ltr"|"auto",
"lines": [logical line, ...], "separators": [...]}: the logical text of the
lines mizan broke one sanitised paragraph into (implicit bidi marks and tabs
included), and between each two lines what the break consumed: " " or "\t",
or "" where a word longer than a line was cut. For each paragraph it rebuilds
the paragraph, a cut becoming a ZWNJ (which leaves the levels alone, rule X9,
and makes the letters on either side shape as a word's end and start), lets
libfribidi resolve the embedding levels of the WHOLE paragraph, shape it
(mirroring, Arabic presentation forms and the mandatory lam-alef ligatures,
as fribidi_log2vis does) and reorder every line on its own (UAX #9 L1-L4).
Prints JSON: a list, per paragraph, of the visual lines as mizan draws them:
fribidi's U+FEFF ligature fillers and the implicit marks (LRM, RLM, ALM)
removed, tabs as spaces, no padding.

Exit status 3 when libfribidi cannot be loaded, so callers can tell a
missing library from a failure.
"""
import ctypes
import json
import sys

MIRRORING, REORDER_NSM = 0x00000001, 0x00000002
ARAB_PRES, ARAB_LIGA = 0x00000100, 0x00000200
SHAPING_FLAGS = MIRRORING | REORDER_NSM | ARAB_PRES | ARAB_LIGA
PAR_TYPES = {"ltr": 0x00000110, "rtl": 0x00000111, "auto": 0x00000040}
CUT = "\u200c"
# How mizan draws what fribidi leaves: no ligature fillers, no marks, tabs
# as spaces.
DRAWN = {0xFEFF: None, 0x200E: None, 0x200F: None, 0x061C: None, ord("\t"): " "}


def load_fribidi():
    try:
        return ctypes.CDLL("libfribidi.so.0")
    except OSError:
        sys.stderr.write("libfribidi.so.0 not found (apt-get install libfribidi0)\n")
        sys.exit(3)


def visual_lines(fribidi, lines, separators, base):
    paragraph = lines[0] + "".join(
        (separator or CUT) + line for separator, line in zip(separators, lines[1:])
    )
    size = len(paragraph)
    if size == 0:
        return ["" for _ in lines]
    Chars = ctypes.c_uint32 * size
    text = Chars(*map(ord, paragraph))
    types, brackets = Chars(), Chars()
    levels = (ctypes.c_int8 * size)()
    joining = (ctypes.c_uint8 * size)()
    par_type = ctypes.c_uint32(PAR_TYPES[base])
    fribidi.fribidi_get_bidi_types(text, size, types)
    fribidi.fribidi_get_bracket_types(text, size, types, brackets)
    fribidi.fribidi_get_par_embedding_levels_ex(types, brackets, size, ctypes.byref(par_type), levels)
    fribidi.fribidi_get_joining_types(text, size, joining)
    fribidi.fribidi_join_arabic(types, size, levels, joining)
    fribidi.fribidi_shape(SHAPING_FLAGS, levels, size, joining, text)
    shown, start = [], 0
    for line in lines:
        fribidi.fribidi_reorder_line(SHAPING_FLAGS, types, len(line), start, par_type, levels, text, None)
        visual = "".join(chr(c) for c in text[start:start + len(line)])
        shown.append(visual.translate(DRAWN))
        start += len(line) + 1
    return shown


def main():
    fribidi = load_fribidi()
    paragraphs = json.load(sys.stdin)
    shown = [visual_lines(fribidi, p["lines"], p["separators"], p["base"]) for p in paragraphs]
    json.dump(shown, sys.stdout, ensure_ascii=False)


main()
