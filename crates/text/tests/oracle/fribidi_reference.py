#!/usr/bin/env python3
"""mizan's layout reference: libfribidi through ctypes, used by tests/layout_oracle.rs.

Reads JSON on stdin: a list of paragraphs, each {"base": "rtl"|"ltr"|"auto",
"lines": [logical line, ...]}: the lines `bidi = terminal` mode printed for
one paragraph, which were broken at single spaces. For each paragraph it
rebuilds the paragraph (lines joined by one space), lets libfribidi resolve
the embedding levels of the WHOLE paragraph, shape it (mirroring, Arabic
presentation forms and the mandatory lam-alef ligatures, as fribidi_log2vis
does) and reorder every line on its own (UAX #9 L1-L4). Prints JSON: a list,
per paragraph, of the visual lines with fribidi's U+FEFF ligature fillers
removed and no padding.

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
LIGATURE_FILLER = "\ufeff"


def load_fribidi():
    try:
        return ctypes.CDLL("libfribidi.so.0")
    except OSError:
        sys.stderr.write("libfribidi.so.0 not found (apt-get install libfribidi0)\n")
        sys.exit(3)


def visual_lines(fribidi, lines, base):
    paragraph = " ".join(lines)
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
        shown.append("".join(chr(c) for c in text[start:start + len(line)]).replace(LIGATURE_FILLER, ""))
        start += len(line) + 1
    return shown


def main():
    fribidi = load_fribidi()
    paragraphs = json.load(sys.stdin)
    json.dump([visual_lines(fribidi, p["lines"], p["base"]) for p in paragraphs], sys.stdout, ensure_ascii=False)


main()
