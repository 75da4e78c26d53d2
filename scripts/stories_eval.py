#!/usr/bin/env python3
"""Checks story grouping against pairs known to report the same event or
different events, through `mizan compare --format json`.

    scripts/stories_eval.py real CORPUS_DIR [--mizan BIN] [--verbose]
    scripts/stories_eval.py fixtures [EXPECTED_JSON] [--mizan BIN] [--verbose]
    scripts/stories_eval.py bed [DIRECTORY ...] [--mizan BIN] [--verbose]

`real`: CORPUS_DIR holds `NAME.txt` articles, `SOURCES.tsv` (columns `id`,
`address`, `event_date`) and `stories.json` (`same_event`,
`different_events` and `either` lists of id pairs). The articles are
compared twice, each time from a fresh temporary directory:

  dated    as Markdown with TOML front matter: the first line as `title`,
           the event date as `date`, the address's host as `outlet`;
  undated  as the plain `.txt` files, without any of that.

`fixtures`: EXPECTED_JSON (default tests/fixtures/stories_expected.json)
maps fixture directories (relative to the repository) to the stories
expected of them (lists of file names); every pair inside one expected
story must share a story, every pair across two must not.

`bed`: each DIRECTORY (default: every `tests/stories_bed/*/*`) holds
undated reports named `CONFLICT-CLASH-OUTLET.txt` and `expected.json`
(`{"stories": [[file, ...], ...]}`, a story per clash). Each conflict is
compared alone, then all of the directory's conflicts together (where a
pair of reports of two conflicts counts as a pair to keep apart); the two
kinds of run are totalled separately.

Prints, per run, how many same-event pairs share a story and how many
different-event pairs stay apart, and for the real corpus how many pairs
that no list names (articles on unrelated events) share a story; --verbose
also prints every story of several articles with the evidence that linked
each member. The exit status is 1 when any pair is wrong.
"""

import argparse
import glob
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_compare(mizan, directory):
    """The JSON comparison of every article below `directory`."""
    paths = sorted(os.path.join(directory, n) for n in os.listdir(directory))
    output = subprocess.run(
        [mizan, "compare", "--format", "json", *paths],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def story_of_each(comparison):
    """File name without extension -> index of its story."""
    story_of = {}
    for index, story in enumerate(comparison["stories"]):
        for path in story["articles"]:
            story_of[stem(path)] = index
    return story_of


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def score(comparison, together, apart, either=()):
    """(together kept, apart kept, wrong pairs) for the expected pairs."""
    story_of = story_of_each(comparison)
    wrong = []
    joined = sum(1 for a, b in together if story_of[a] == story_of[b] or wrong.append(("apart", a, b)))
    separate = sum(1 for a, b in apart if story_of[a] != story_of[b] or wrong.append(("together", a, b)))
    merged_either = [(a, b) for a, b in either if story_of[a] == story_of[b]]
    return joined, separate, wrong, merged_either


def describe(comparison):
    """Every story of several articles, each member with what linked it."""
    lines = []
    for index, story in enumerate(comparison["stories"]):
        if len(story["articles"]) < 2:
            continue
        lines.append(f"  story {index}: {story['label'][:70]}")
        for member in story["members"]:
            closest = member["closest"] or {}
            date = member["date"] or {}
            lines.append(
                f"    {stem(member['article'])}: date {date.get('date')} ({date.get('source')}), "
                f"cohesion {member['cohesion']:.2f}, closest {stem(closest.get('article', ''))} "
                f"{closest.get('similarity', 0):.2f}/{closest.get('needed', 0):.2f}; "
                f"shares {' '.join(member['shared_terms'][:6])} | "
                f"{' '.join(member['shared_dates'])} | {' '.join(member['shared_parties'])}")
    return lines


def unlisted_together(comparison, listed):
    """Pairs sharing a story that no list names: in a corpus where only the
    listed pairs report one event, every such pair is a wrong merge."""
    known = {frozenset(pair) for pair in listed}
    pairs = []
    for story in comparison["stories"]:
        names = sorted(stem(path) for path in story["articles"])
        pairs += [(a, b) for a, b in itertools.combinations(names, 2) if frozenset((a, b)) not in known]
    return pairs


def report(title, comparison, together, apart, either, verbose, strict=False):
    joined, separate, wrong, merged_either = score(comparison, together, apart, either)
    print(f"{title}: same event together {joined}/{len(together)}, "
          f"different events apart {separate}/{len(apart)}, "
          f"stories {len(comparison['stories'])}")
    for kind, a, b in wrong:
        print(f"  wrongly {kind}: {a} {b}")
    if strict:
        others = unlisted_together(comparison, [*together, *apart, *either])
        print(f"  pairs of unrelated events together: {len(others)}")
        for a, b in others:
            print(f"    {a} {b}")
        wrong = wrong + others
    if either:
        print(f"  either-way pairs together: {len(merged_either)}/{len(either)}")
    if verbose:
        print("\n".join(describe(comparison)))
    return not wrong


def read_sources(corpus):
    sources = {}
    with open(os.path.join(corpus, "SOURCES.tsv"), encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            sources[row["id"]] = row
    return sources


def outlet(address):
    host = urllib.parse.urlparse(address).hostname or ""
    return host.removeprefix("www.")


def toml_string(text):
    return json.dumps(text, ensure_ascii=False)


def as_markdown(text, source):
    """The article as Markdown with its event date and outlet."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, body = lines[0], lines[1:]
    front = [
        "+++",
        f"title = {toml_string(title)}",
        f"outlet = {toml_string(outlet(source['address']))}",
        f"date = {toml_string(source['event_date'])}",
        "+++",
        "",
    ]
    return "\n".join(front) + "\n\n".join(body) + "\n"


def real(args):
    corpus = args.corpus
    with open(os.path.join(corpus, "stories.json"), encoding="utf-8") as handle:
        pairs = json.load(handle)
    sources = read_sources(corpus)
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    ok = True
    with tempfile.TemporaryDirectory() as dated, tempfile.TemporaryDirectory() as undated:
        for name in names:
            with open(os.path.join(corpus, name), encoding="utf-8") as handle:
                text = handle.read()
            with open(os.path.join(dated, stem(name) + ".md"), "w", encoding="utf-8") as out:
                out.write(as_markdown(text, sources[stem(name)]))
            shutil.copy(os.path.join(corpus, name), os.path.join(undated, name))
        for title, directory in (("dated (Markdown, event date, outlet)", dated),
                                 ("undated (plain .txt)", undated)):
            comparison = run_compare(args.mizan, directory)
            ok &= report(title, comparison, pairs["same_event"], pairs["different_events"],
                         pairs.get("either", []), args.verbose, strict=True)
    return ok


def fixtures(args):
    with open(args.expected, encoding="utf-8") as handle:
        expected = json.load(handle)
    ok = True
    for directory, stories in expected.items():
        if directory.startswith("_"):
            continue
        together = [pair for story in stories for pair in itertools.combinations(story, 2)]
        apart = [(a, b) for s, t in itertools.combinations(stories, 2) for a in s for b in t]
        strip = lambda pairs: [(stem(a), stem(b)) for a, b in pairs]
        comparison = run_compare(args.mizan, os.path.join(REPOSITORY, directory))
        ok &= report(directory, comparison, strip(together), strip(apart), [], args.verbose)
    return ok


def conflict(name):
    """The conflict of a bed report, from its name: `CONFLICT-CLASH-OUTLET.txt`."""
    return name.split("-")[0]


def bed(args):
    directories = args.directories or sorted(
        os.path.dirname(path)
        for path in glob.glob(os.path.join(REPOSITORY, "tests", "stories_bed", "*", "*", "expected.json")))
    ok = True
    totals = {"alone": [0, 0, 0, 0], "together": [0, 0, 0, 0]}
    for directory in directories:
        with open(os.path.join(directory, "expected.json"), encoding="utf-8") as handle:
            stories = json.load(handle)["stories"]
        story_of = {name: index for index, story in enumerate(stories) for name in story}
        for subset in sorted({conflict(name) for name in story_of}) + [None]:
            names = sorted(n for n in story_of if subset is None or conflict(n) == subset)
            pairs = list(itertools.combinations(names, 2))
            together = [(stem(a), stem(b)) for a, b in pairs if story_of[a] == story_of[b]]
            apart = [(stem(a), stem(b)) for a, b in pairs if story_of[a] != story_of[b]]
            with tempfile.TemporaryDirectory() as chosen:
                for name in names:
                    shutil.copy(os.path.join(directory, name), chosen)
                comparison = run_compare(args.mizan, chosen)
            title = f"{os.path.relpath(directory, REPOSITORY)} {subset or 'all conflicts'}"
            joined, separate, _, _ = score(comparison, together, apart)
            run = "alone" if subset else "together"
            counts = (joined, len(together), separate, len(apart))
            totals[run] = [t + n for t, n in zip(totals[run], counts)]
            ok &= report(title, comparison, together, apart, [], args.verbose)
    for run, (joined, together, separate, apart) in totals.items():
        print(f"conflicts compared {run}: same event together {joined}/{together}, "
              f"different events apart {separate}/{apart}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mizan", default=os.path.join(REPOSITORY, "target", "release", "mizan"),
                        help="the mizan binary (default: target/release/mizan)")
    parser.add_argument("--verbose", action="store_true",
                        help="print every story of several articles with its evidence")
    modes = parser.add_subparsers(dest="mode", required=True)
    real_mode = modes.add_parser("real", help="the real corpus, dated and undated")
    real_mode.add_argument("corpus")
    fixture_mode = modes.add_parser("fixtures", help="our own fixtures")
    fixture_mode.add_argument("expected", nargs="?",
                              default=os.path.join(REPOSITORY, "tests", "fixtures", "stories_expected.json"))
    bed_mode = modes.add_parser("bed", help="undated reports of clashes of one conflict")
    bed_mode.add_argument("directories", nargs="*")
    args = parser.parse_args()
    ok = {"real": real, "fixtures": fixtures, "bed": bed}[args.mode](args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
