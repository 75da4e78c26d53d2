#!/usr/bin/env bash
# Whole-process tagging speed (issue 17): `mizan tag --format jsonl DIR > out`
# against CAMeL Tools' normalise + tokenise (scripts/camel_baseline.py) on
# the same real Arabic news text, in the same run, interleaved, so that a
# busy machine slows both alike. The corpus is made at run time from
# ../shared/corpus by scripts/real_corpus.py (third-party text never enters
# the repository).
#
# Usage: scripts/tag_speed.sh [MB] [RUNS]   (defaults 20, 5)
# Needs `cargo build --release` and Python 3. CAMeL Tools is installed from
# PyPI into a virtual environment ($MIZAN_CAMEL_VENV, default
# target/camel-venv) on the first run: `camel-tools` without its
# dependencies (torch and transformers serve its neural models, not the
# normaliser and tokeniser), plus the three those import, `emoji`, `regex` and `six`.
# Prints every run (wall seconds, MB/s, CPU seconds, the ratio of wall
# times, the load average) and the median ratio. Needs GNU time.
set -euo pipefail

megabytes=${1:-20}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${MIZAN_BIN:-$root/target/release/mizan}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
venv=${MIZAN_CAMEL_VENV:-$root/target/camel-venv}

if ! "$venv/bin/python" -c "import camel_tools.tokenizers.word, camel_tools.utils.normalize" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --no-deps camel-tools==1.6.0
    "$venv/bin/pip" install --quiet --no-deps emoji regex six
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/real_corpus.py" txt "$work/corpus" "$megabytes"
bytes=$(cat "$work"/corpus/*.txt | wc -c)
files=$(ls "$work/corpus" | wc -l)
echo "corpus: $files files, $bytes bytes of real Arabic news text; $(nproc) cores"

# Wall seconds and CPU seconds (user + system) of a command whose
# standard output goes to the file OUT.
timed() {
    local out=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > "$out"
    awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time"
}
rate() { awk -v s="$1" -v b="$bytes" 'BEGIN {printf "%.1f", b / s / 1e6}'; }

ratios=()
for run in $(seq 1 "$runs"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r mizan_s mizan_cpu < <(timed "$work/out.jsonl" \
        env XDG_CONFIG_HOME="$work/config" "$bin" tag --format jsonl "$work/corpus")
    read -r camel_s camel_cpu < <(timed /dev/null \
        "$venv/bin/python" "$root/scripts/camel_baseline.py" "$work/corpus")
    ratio=$(awk -v m="$mizan_s" -v c="$camel_s" 'BEGIN {printf "%.1f", c / m}')
    ratios+=("$ratio")
    echo "run $run (load $load): mizan $mizan_s s, $(rate "$mizan_s") MB/s ($mizan_cpu s CPU);" \
        "CAMeL $camel_s s, $(rate "$camel_s") MB/s ($camel_cpu s CPU); ratio ${ratio}x"
done
statements=$(wc -l < "$work/out.jsonl")
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
echo "statements: $statements ($(wc -c < "$work/out.jsonl") bytes of JSON); median ratio ${median}x; load now $(cut -d' ' -f1-3 /proc/loadavg)"
