"""A benchmark corpus of real Arabic news text, made at run time from the
development corpus in ../shared/corpus, or $MIZAN_SHARED_CORPUS (third-party text: it is read from
there and written to a temporary directory, never into the repository).

The Arabic articles of ../shared/corpus/*.txt and ../shared/corpus/real/*.txt
are repeated until the corpus has the size asked for, so the text is as
dense in statements as the real news it comes from.

Usage:
  python3 real_corpus.py txt DIR MB     # files of ~16 KB (as in issue 17's
                                        # measurement), articles in rotation
  python3 real_corpus.py jsonl FILE MB  # one article per line (id, title,
                                        # text, outlet, date, lang)
"""

import json
import os
import pathlib
import sys

SHARED = pathlib.Path(
    os.environ.get("MIZAN_SHARED_CORPUS")
    or pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
)
FILE_BYTES = 16_000


def is_arabic(text):
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return letters and arabic * 2 > len(letters)


def articles():
    found = []
    for path in sorted(SHARED.glob("*.txt")) + sorted(SHARED.glob("real/*.txt")):
        text = path.read_text(encoding="utf-8")
        if is_arabic(text):
            found.append((path.stem, text))
    if not found:
        sys.exit(f"no Arabic articles in {SHARED}")
    return found


def write_files(directory, target_bytes):
    directory.mkdir(parents=True, exist_ok=True)
    texts = [text.strip() for _, text in articles()]
    written = 0
    index = 0
    number = 0
    while written < target_bytes:
        parts = []
        size = 0
        while size < FILE_BYTES:
            part = texts[index % len(texts)]
            parts.append(part)
            size += len(part.encode("utf-8")) + 2
            index += 1
        data = ("\n\n".join(parts) + "\n").encode("utf-8")
        (directory / f"{number:05d}.txt").write_bytes(data)
        written += len(data)
        number += 1


def record(copy, stem, text):
    title, _, body = text.strip().partition("\n")
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    return {
        "id": f"{stem}-{copy}",
        "title": title.strip(),
        "text": "\n\n".join(paragraphs),
        "outlet": f"outlet-{copy % 7}",
        "date": f"2024-01-{copy % 28 + 1:02d}",
        "lang": "ar",
    }


def write_jsonl(path, target_bytes):
    found = articles()
    written = 0
    copy = 0
    with open(path, "wb") as out:
        while written < target_bytes:
            for stem, text in found:
                line = (json.dumps(record(copy, stem, text), ensure_ascii=False) + "\n").encode("utf-8")
                out.write(line)
                written += len(line)
            copy += 1


def main(kind, target, megabytes):
    target_bytes = int(float(megabytes) * 1_000_000)
    if kind == "txt":
        write_files(pathlib.Path(target), target_bytes)
    elif kind == "jsonl":
        write_jsonl(pathlib.Path(target), target_bytes)
    else:
        sys.exit("KIND is txt or jsonl")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
