#!/usr/bin/env bash
# Reader start-up (issue 4): time from `mizan DIR` to the first frame, and
# resident memory once tagging and story grouping have finished, over 10,000
# generated Arabic articles. The articles are made by scripts/words.awk from
# our own small vocabulary (no real news text), with a fixed seed so every run
# reads the same corpus.
#
# Usage: scripts/startup.sh [ARTICLES] [RUNS] [KIND]   (defaults 10000, 5, news)
# KIND `news` writes articles as dense in statements as real Arabic news
# (one statement per ~290 bytes, what `mizan tag` finds in the two
# development articles of ../shared/corpus): narrative paragraphs, and
# paragraphs that end in a quote. KIND `quotes` is the worst case: every
# sentence is reported speech (one statement per ~145 bytes).
# Needs tmux and a release build (`cargo build --release`); prints the corpus
# size, each run's time to first frame, and RSS / peak RSS after grouping.
set -euo pipefail

articles=${1:-10000}
runs=${2:-5}
kind=${3:-news}
case $kind in news | quotes) ;; *) echo "KIND is news or quotes" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${MIZAN_BIN:-$root/target/release/mizan}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
session=mizan-startup-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

# About 3.5 KB per article (35 MB for 10,000), as in issue 4's measurement:
# a title line, then 12 paragraphs.
awk -v n="$articles" -v dir="$work/articles" -v kind="$kind" \
    -f "$root/scripts/words.awk" -f /dev/stdin <<'AWK'
BEGIN {
    init_words()
    system("mkdir -p " dir)
    for (a = 0; a < n; a++) {
        file = sprintf("%s/%05d.txt", dir, a)
        printf "%s\n\n", (kind == "news" ? narrative(8) : sentence(8)) > file
        for (p = 0; p < 12; p++) {
            if (kind == "quotes")
                printf "قال المتحدث: «%s» وأضاف أن %s «%s»\n\n", sentence(9), sentence(5), sentence(7) > file
            else if (p % 3 == 0)
                printf "%s %s\n\n", narrative(14), narrative(12) > file
            else
                printf "%s وقال المتحدث: «%s»\n\n", narrative(12), sentence(9) > file
        }
        close(file)
    }
}
AWK

bytes=$(cat "$work"/articles/*.txt | wc -c)
echo "corpus: $articles $kind articles, $bytes bytes ($((bytes / 1024 / 1024)) MiB); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# The first frame is the first capture that shows the status bar
# ("N articles · ..."); tmux is polled every few milliseconds, which bounds
# the resolution.
for run in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    tmux new-session -d -s "$session" -x 160 -y 45 \
        "env MIZAN_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config $bin $work/articles"
    until tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'articles ·'; do
        sleep 0.002
    done
    end=$(date +%s%N)
    pid=$(tmux display -p -t "$session" '#{pane_pid}')
    # Memory once tagging is done (the status bar no longer says "tagging")
    while tmux capture-pane -p -t "$session" | grep -q 'tagging [0-9]'; do sleep 0.2; done
    # ...and once the stories are grouped in the background (the last work of
    # a tagging pass): `t` groups the list only when they are in.
    until tmux capture-pane -p -t "$session" | grep -q 'grouped by story'; do
        tmux send-keys -t "$session" t
        sleep 0.3
    done
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux kill-session -t "$session"
    ratio() { awk -v kib="$1" -v b="$bytes" 'BEGIN {printf "%.1f", kib * 1024 / b}'; }
    echo "run $run: first frame $(((end - start) / 1000000)) ms;" \
        "RSS $((rss / 1024)) MiB ($(ratio "$rss")× corpus)," \
        "peak $((hwm / 1024)) MiB ($(ratio "$hwm")× corpus)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
