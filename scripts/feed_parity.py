#!/usr/bin/env python3
"""Compares what `mizan fetch` stores with what feedparser reads, feed file
by feed file.

Every file of DIR is served from 127.0.0.1 (a server inside this script,
stopped when it ends), fetched by mizan into a store of its own (so that
duplicates across files do not skew the counts) and parsed by feedparser
from the same URL, so both see the same bytes and headers. A file whose name
holds `http_charset_LABEL` is served with `charset=LABEL` in its
Content-Type (`latin1` is served as `iso-8859-1`), the only place its
charset is given.

For each entry feedparser keeps, the script finds mizan's article for it
(same id, else same link, else same title, else the next one in feed order)
and compares the title (feedparser's with tags stripped and entities
decoded, whitespace collapsed on both sides), the date (published, else
updated, in UTC, to the second) and the link. It prints one line per file
(feedparser's entries, how many of them mizan kept, agreeing titles of
those feedparser titles, dates, links, and all that mizan stored) and the
totals, and exits non-zero when mizan panicked on any file.

    pip install feedparser
    cargo build --release
    scripts/feed_parity.py /path/to/feeds            # every file
    scripts/feed_parity.py -v DIR                    # and every disagreement
    MIZAN=target/debug/mizan scripts/feed_parity.py DIR
"""

import argparse
import calendar
import datetime
import html
import http.server
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

CONTENT_TYPES = {
    ".json": "application/json",
    ".atom": "application/atom+xml",
}
DEFAULT_CONTENT_TYPE = "application/xml"
CHARSET_ALIASES = {"latin1": "iso-8859-1"}
HTTP_CHARSET = re.compile(r"http_charset_([a-z0-9-]+?)(?:\.|_|$)", re.IGNORECASE)
FETCH_TIMEOUT_SECONDS = 60


def content_type(name):
    mime = CONTENT_TYPES.get(Path(name).suffix.lower(), DEFAULT_CONTENT_TYPE)
    charset = HTTP_CHARSET.search(name)
    if charset:
        label = charset.group(1).lower()
        return f"{mime}; charset={CHARSET_ALIASES.get(label, label)}"
    return mime


def serve(directory):
    """A server on 127.0.0.1 answering GET with the files of `directory`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = directory / self.path.lstrip("/").split("?")[0]
            if not path.is_file() or path.parent != directory:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", content_type(path.name))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def collapse(text):
    return " ".join((text or "").split())


def reference_title(entry):
    if "title" not in entry:
        return None
    return collapse(html.unescape(re.sub(r"<[^>]*>", " ", entry.title)))


def reference_date(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return calendar.timegm(parsed) if parsed else None


def stored_date(text):
    if not text:
        return None
    return int(datetime.datetime.fromisoformat(text).timestamp())


@dataclass
class Stored:
    guid: str
    link: str
    title: str
    date: int


@dataclass
class Result:
    name: str
    reference: int = 0
    stored: int = 0
    kept: int = 0
    titles: int = 0
    dates: int = 0
    links: int = 0
    untitled: int = 0
    titled_reference: int = 0
    panicked: bool = False
    error: str = ""
    differences: list = field(default_factory=list)


def fetch_with_mizan(mizan, url, work):
    db = work / "mizan.db"
    environment = dict(os.environ, XDG_CONFIG_HOME=str(work), MIZAN_DATA_DIR=str(work))
    run = subprocess.run(
        [mizan, "fetch", "--no-pages", "--jobs", "1", "--db", str(db), url],
        capture_output=True,
        text=True,
        env=environment,
        timeout=FETCH_TIMEOUT_SECONDS,
        check=False,
    )
    stored = []
    if db.exists():
        with sqlite3.connect(db) as connection:
            rows = connection.execute(
                "SELECT guid, url, title, published FROM articles ORDER BY id"
            )
            stored = [Stored(g or "", u or "", collapse(t), stored_date(p)) for g, u, t, p in rows]
    panicked = run.returncode == 101 or "panicked" in run.stderr
    return stored, panicked, run.stderr.strip()


def pair(entries, stored):
    """Each reference entry with the stored article that stands for it."""
    left = list(stored)
    pairs = [None] * len(entries)
    keys = [
        (lambda e: e.get("id"), lambda s: s.guid),
        (lambda e: e.get("link"), lambda s: s.link),
        (reference_title, lambda s: s.title),
    ]
    for entry_key, stored_key in keys:
        for index, entry in enumerate(entries):
            key = entry_key(entry)
            if pairs[index] is not None or not key:
                continue
            match = next((s for s in left if stored_key(s) == key), None)
            if match is not None:
                pairs[index] = match
                left.remove(match)
    for index in range(len(entries)):
        if pairs[index] is None and left:
            pairs[index] = left.pop(0)
    return pairs


def compare(name, url, mizan, work):
    reference = feedparser.parse(url)
    stored, panicked, stderr = fetch_with_mizan(mizan, url, work)
    result = Result(
        name, reference=len(reference.entries), stored=len(stored), panicked=panicked
    )
    if not stored and stderr:
        result.error = stderr.splitlines()[-1]
    result.titled_reference = sum(reference_title(e) is not None for e in reference.entries)
    for entry, article in zip(reference.entries, pair(reference.entries, stored)):
        if article is None:
            result.differences.append(f"missing: {reference_title(entry)!r}")
            continue
        result.kept += 1
        title = reference_title(entry)
        if title is None:
            result.untitled += 1
        elif title == article.title:
            result.titles += 1
        else:
            result.differences.append(f"title: {title!r} vs {article.title!r}")
        if reference_date(entry) == article.date:
            result.dates += 1
        else:
            result.differences.append(f"date: {reference_date(entry)} vs {article.date}")
        if (entry.get("link") or "") == article.link:
            result.links += 1
        else:
            result.differences.append(f"link: {entry.get('link')!r} vs {article.link!r}")
    return result


def percent(part, whole):
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(results, verbose):
    print(f"{'file':44} {'fp':>3} {'kept':>4} {'title':>5} {'date':>4} {'link':>4} {'mizan':>5}")
    for result in results:
        flags = " PANIC" if result.panicked else ""
        titled = result.kept - result.untitled
        print(
            f"{result.name:44} {result.reference:3} {result.kept:4} "
            f"{result.titles:2}/{titled:<2} {result.dates:4} {result.links:4} {result.stored:5}{flags}"
            + (f"  ({result.error})" if result.error and verbose else "")
        )
        if verbose:
            for difference in result.differences:
                print(f"    {difference}")
    reference = sum(r.reference for r in results)
    kept = sum(r.kept for r in results)
    titled = sum(r.kept - r.untitled for r in results)
    titled_reference = sum(r.titled_reference for r in results)
    titles = sum(r.titles for r in results)
    dates = sum(r.dates for r in results)
    links = sum(r.links for r in results)
    panics = sum(r.panicked for r in results)
    print()
    print(f"files: {len(results)}, panics: {panics}")
    print(f"entries kept: {kept}/{reference} {percent(kept, reference)}")
    print("agreement     of the entries kept       of all feedparser's entries")
    print(f"titles:       {titles:3}/{titled:<3} {percent(titles, titled)}"
          f"           {titles:3}/{titled_reference:<3} {percent(titles, titled_reference)}"
          f"  (entries feedparser titles)")
    print(f"dates:        {dates:3}/{kept:<3} {percent(dates, kept)}"
          f"           {dates:3}/{reference:<3} {percent(dates, reference)}")
    print(f"links:        {links:3}/{kept:<3} {percent(links, kept)}"
          f"           {links:3}/{reference:<3} {percent(links, reference)}")
    unread = [r for r in results if r.reference == 0 and r.stored]
    if unread:
        print(
            f"files feedparser reads no entry from: {len(unread)}, "
            f"where mizan stored {sum(r.stored for r in unread)} entries"
        )
    return panics


def default_mizan():
    root = Path(__file__).resolve().parent.parent
    for build in ("release", "debug"):
        candidate = root / "target" / build / "mizan"
        if candidate.exists():
            return str(candidate)
    return "mizan"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--mizan", default=os.environ.get("MIZAN") or default_mizan())
    arguments = parser.parse_args()
    directory = arguments.directory.resolve()
    names = sorted(
        p.name for p in directory.iterdir() if p.is_file() and p.suffix.lower() != ".md"
    )
    server = serve(directory)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = []
    try:
        for name in names:
            with tempfile.TemporaryDirectory() as work:
                results.append(compare(name, f"{base}/{name}", arguments.mizan, Path(work)))
    finally:
        server.shutdown()
    panics = report(results, arguments.verbose)
    return 1 if panics else 0


if __name__ == "__main__":
    sys.exit(main())
