#!/usr/bin/env bash
# Streaming memory (issue 17): the peak resident memory of
# `mizan tag --input jsonl -` on a stream of real Arabic news articles, and
# on one ten times longer. Streaming means the second peak stays under
# twice the first (the target); it is about the same when the batches are
# what memory holds. The streams are made at run time from ../shared/corpus
# by scripts/real_corpus.py (third-party text never enters the repository).
#
# Usage: scripts/stream_memory.sh [MB]   (default 20: streams of 20 and 200 MB)
# Needs `cargo build --release`, Python 3 and GNU time (/usr/bin/time).
set -euo pipefail

megabytes=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${MIZAN_BIN:-$root/target/release/mizan}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak_kib() {
    /usr/bin/time -f %M -o "$work/peak" \
        env XDG_CONFIG_HOME="$work/config" "$bin" tag --input jsonl - < "$1" > /dev/null
    cat "$work/peak"
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
first=""
for times in 1 10; do
    stream="$work/stream-$times.jsonl"
    python3 "$root/scripts/real_corpus.py" jsonl "$stream" "$((megabytes * times))"
    start=$(date +%s%N)
    kib=$(peak_kib "$stream")
    ms=$((($(date +%s%N) - start) / 1000000))
    first=${first:-$kib}
    echo "${times}x: $(wc -l < "$stream") articles, $(wc -c < "$stream") bytes;" \
        "peak $((kib / 1024)) MiB in $ms ms;" \
        "$(awk -v a="$kib" -v b="$first" 'BEGIN {printf "%.2f", a / b}')x the 1x peak"
    rm -f "$stream"
done
