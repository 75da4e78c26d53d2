"""The baseline of scripts/tag_speed.sh: CAMeL Tools' normalise + tokenise
over every .txt file below a directory, as a whole process, so its time is
comparable with a whole `mizan tag` run over the same files.

Each line goes through what mizan's own normaliser and tokeniser do before
tagging: Unicode normalisation, harakat removed, alef forms, alef maksura
and ta marbuta folded, then CAMeL's simple word tokeniser. Nothing is
written (that would only slow the baseline down); the token count is
printed so the work cannot be skipped.

Usage: python3 camel_baseline.py DIR
"""

import pathlib
import sys

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)


def normalise(line):
    line = normalize_unicode(line)
    line = dediac_ar(line)
    line = normalize_alef_ar(line)
    line = normalize_alef_maksura_ar(line)
    return normalize_teh_marbuta_ar(line)


def main(directory):
    tokens = 0
    size = 0
    for path in sorted(pathlib.Path(directory).rglob("*.txt")):
        data = path.read_bytes()
        size += len(data)
        for line in data.decode("utf-8").splitlines():
            tokens += len(simple_word_tokenize(normalise(line)))
    print(f"camel: {size} bytes, {tokens} tokens")


if __name__ == "__main__":
    main(sys.argv[1])
