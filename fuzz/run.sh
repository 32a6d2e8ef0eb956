#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) one after the other for SECS seconds each, on the
# stable toolchain (`--sanitizer none`: no ASan on stable; Rust's own checks, debug assertions
# and overflow checks are on in cargo-fuzz builds). New inputs go to fuzz/corpus/TARGET
# (gitignored); the seeds we wrote are in fuzz/seeds/TARGET. One line per target with
# libFuzzer's own figures goes to fuzz/results.txt.
#
# Usage: fuzz/run.sh SECS [TARGET...]      (needs `cargo install cargo-fuzz`; SKIP_BUILD=1 to reuse;
#        MAX_RUNS=N also stops a target after N executions, whichever comes first)
# One target by hand: cargo fuzz run --sanitizer none decode fuzz/corpus/decode fuzz/seeds/decode
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: fuzz/run.sh SECS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode extract_html normalize score model_file batch_jsonl batch_warc)
mkdir -p fuzz/logs
# Build once, then run the binaries, so that editing the sources mid-campaign changes nothing.
[ "${SKIP_BUILD:-0}" = 1 ] || nice -n 10 cargo fuzz build --sanitizer none || exit 1
bins=fuzz/target/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    extra=()
    [ "$target" = score ] && extra=(tests/fixtures)
    [ -n "${MAX_RUNS:-}" ] && extra+=(-runs="$MAX_RUNS")
    start=$(date -u +%H:%M:%S)
    mkdir -p "fuzz/artifacts/$target"
    nice -n 19 "$bins/$target" "fuzz/corpus/$target" "fuzz/seeds/$target" "${extra[@]}" \
        -artifact_prefix="fuzz/artifacts/$target/" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        >"fuzz/logs/$target.log" 2>&1
    status=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "fuzz/logs/$target.log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "fuzz/logs/$target.log" | tail -n 1)
    crashes=$(ls "fuzz/artifacts/$target" 2>/dev/null | wc -l)
    echo "$target: start $start UTC, exit $status, ${runs:-no final stats}, $cov, artifacts $crashes" | tee -a fuzz/results.txt
done
