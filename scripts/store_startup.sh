#!/usr/bin/env bash
# Reader start-up on a large store (issue 6): time from `mizan` (no PATH: the
# configured sources and the store) to the first frame, to the last stored
# article loaded in the background and to the end of tagging, with ARTICLES
# generated articles in the store. The first run tags every article and
# fills the analysis cache; the later runs are served from it. The articles
# are made by scripts/words.awk from our own small vocabulary (no real news
# text), with a fixed seed so every run reads the same store; mizan itself
# creates the store, so the schema is the real one.
#
# Usage: scripts/store_startup.sh [ARTICLES] [RUNS]   (defaults 100000 and 5)
# Needs tmux, sqlite3 and a release build (`cargo build --release`).
set -euo pipefail

articles=${1:-100000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${MIZAN_BIN:-$root/target/release/mizan}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
session=mizan-store-startup-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
export MIZAN_DATA_DIR=$work/data XDG_CONFIG_HOME=$work/config
: > "$work/config.toml"
# With no feeds configured, fetch only creates the store.
"$bin" --config "$work/config.toml" fetch > /dev/null
db=$work/data/mizan.db

# About 1.5 KB per article: a title, then 4 paragraphs of 2 sentences, one
# of them quoted speech; dates spread over a year, 20 outlets.
awk -v n="$articles" -f "$root/scripts/words.awk" -f /dev/stdin <<'AWK' | sqlite3 "$db"
BEGIN {
    init_words()
    print "BEGIN;"
    print "INSERT INTO feeds (url, outlet) VALUES (\x27http://127.0.0.1/feed.xml\x27, NULL);"
    for (a = 0; a < n; a++) {
        body = ""
        for (p = 0; p < 4; p++) {
            body = body sprintf("قال المتحدث: «%s» وأضاف أن %s\n", sentence(9), sentence(6))
        }
        printf "INSERT INTO articles (feed_id, guid, title, title_key, outlet, lang, published, body, fetched, content_hash) VALUES (1, \x27g%d\x27, \x27%s\x27, \x27t%d\x27, \x27Outlet %d\x27, \x27ar\x27, \x272026-%02d-%02dT%02d:%02d:00+00:00\x27, \x27%s\x27, \x272026-11-02T00:00:00+00:00\x27, \x27h%d\x27);\n",
            a, sentence(8), a, a % 20, 1 + a % 12, 1 + a % 28, a % 24, a % 60, body, a
    }
    print "COMMIT;"
}
AWK

# The store is fresh in the page cache and still being written back: let
# that finish so the first run does not time the disk.
sync
stored=$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles')
distinct=$(sqlite3 "$db" 'SELECT COUNT(DISTINCT body) FROM articles')
echo "store: $stored articles ($distinct distinct texts), $(($(stat -c %s "$db") / 1024 / 1024)) MiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# The first frame is the first capture that shows the status bar
# ("N articles · ..."); tmux is polled every few milliseconds, which bounds
# the resolution. Loading is done when the status bar says so.
for run in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    tmux new-session -d -s "$session" -x 160 -y 45 \
        "env MIZAN_DATA_DIR=$MIZAN_DATA_DIR XDG_CONFIG_HOME=$XDG_CONFIG_HOME $bin --config $work/config.toml"
    until tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'articles ·'; do
        sleep 0.002
    done
    first=$(date +%s%N)
    until tmux capture-pane -p -t "$session" | grep -q 'stored articles loaded'; do
        sleep 0.05
    done
    loaded=$(date +%s%N)
    while tmux capture-pane -p -t "$session" | grep -q 'tagging [0-9]'; do sleep 0.2; done
    tagged=$(date +%s%N)
    pid=$(tmux display -p -t "$session" '#{pane_pid}')
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    tmux kill-session -t "$session"
    echo "run $run: first frame $(((first - start) / 1000000)) ms;" \
        "all $stored loaded after $(((loaded - start) / 1000000)) ms," \
        "tagged after $(((tagged - start) / 1000000)) ms; RSS then $((rss / 1024)) MiB"
done
echo "analysis cache: $(sqlite3 "$db" 'SELECT COUNT(*) FROM analysis') rows"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
