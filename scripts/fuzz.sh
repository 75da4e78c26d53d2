#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ one after the other, each for SECONDS
# (default 600), in one process on one core, and prints each target's executions and
# result. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable
# toolchain RUSTC_BOOTSTRAP=1 lets it use the nightly flags it needs.
#
#   scripts/fuzz.sh                 # all targets, 10 minutes each
#   SECONDS_PER_TARGET=60 scripts/fuzz.sh layout tagger
#
# A crash leaves its input in fuzz/artifacts/<target>/; turn it into a
# regression test in tests/hostile_*.rs (a layout crash in
# crates/text/tests/hostile_layout.rs) before fixing it. New inputs the
# fuzzer finds go to fuzz/work/<target>/ (not kept in git); the seeds in
# fuzz/corpus/<target>/ are only read.
set -u
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_TARGET:-600}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(layout tagger config lexicon front_matter feed filter)
fi
logs=fuzz/logs
mkdir -p "$logs"
status=0
for target in "${targets[@]}"; do
    log="$logs/$target.log"
    mkdir -p "fuzz/work/$target"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 \
        -max_len=65536 -timeout=10 -print_final_stats=1 >"$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ $code -eq 0 ]; then
        echo "$target: ${runs:-?} executions in ${seconds}s, no crash"
    else
        echo "$target: FAILED (exit $code) after ${runs:-?} executions; see $log and fuzz/artifacts/$target/"
        status=1
    fi
done
exit $status
