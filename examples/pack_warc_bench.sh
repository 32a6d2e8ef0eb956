#!/usr/bin/env bash
# Batch benchmark (not a test): threads scaling, WARC.gz vs directory, flat memory on a big stream.
# Reads ../shared/bench/dev-raw at run time only. Results go to BENCHMARKS.md by hand.
#   bash examples/pack_warc_bench.sh            # REPEAT=200 for the memory run
set -euo pipefail
cd "$(dirname "$0")/.."
RAW="${RAW:-../shared/bench/dev-raw}"
REPEAT="${REPEAT:-200}"
WORK="${WORK:-/tmp/spamsift-bench}"
mkdir -p "$WORK/pages"
cargo build --release --bin spamsift --example pack_warc
BIN=target/release/spamsift
# MODEL=path/to/model.ssm scores with that model instead of the shipped one.
MODEL_ARGS=()
if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi

# The same pages twice: a directory (symlinks to the *.html only) and a per-record .warc.gz.
find "$WORK/pages" -mindepth 1 -delete
for f in "$RAW"/*.html; do ln -s "$(realpath "$f")" "$WORK/pages/"; done
target/release/examples/pack_warc "$RAW" "$WORK/dev.warc.gz"
ls -l "$WORK/dev.warc.gz"

run() { # name, args...
    local name="$1"; shift
    /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB maxrss" -o "$WORK/$name.time" \
        "$BIN" batch "$@" "${MODEL_ARGS[@]}" --output - --summary "$WORK/$name.json" >"$WORK/$name.jsonl" 2>/dev/null
    printf '%-22s %s | %s docs/s\n' "$name" "$(cat "$WORK/$name.time")" \
        "$(python3 -c "import json;print(round(json.load(open('$WORK/$name.json'))['docs_per_sec'],1))")"
}

for rep in 1 2 3; do
    run "dir-t1-$rep" "$WORK/pages" --threads 1
    run "dir-t2-$rep" "$WORK/pages" --threads 2
    run "warc-t1-$rep" "$WORK/dev.warc.gz" --threads 1
    run "warc-t2-$rep" "$WORK/dev.warc.gz" --threads 2
done

# Memory: the .warc.gz concatenated REPEAT times through a pipe; RSS sampled every 5 s.
rm -f "$WORK/big.rss"
echo "memory run: $REPEAT x $(stat -c %s "$WORK/dev.warc.gz") bytes compressed"
( for _ in $(seq "$REPEAT"); do cat "$WORK/dev.warc.gz"; done ) |
    /usr/bin/time -v "$BIN" batch - --threads 2 "${MODEL_ARGS[@]}" --output - --summary "$WORK/big.json" \
        2>"$WORK/big.time" | wc -l >"$WORK/big.lines" &
sleep 2
pid="$(pgrep -n -f "$BIN batch - --threads 2" || true)"
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
    grep VmRSS "/proc/$pid/status" 2>/dev/null | awk -v t="$(date +%s)" '{print t, $2, "KB"}' >>"$WORK/big.rss"
    sleep 5
done
wait
echo "lines: $(cat "$WORK/big.lines")"
grep -E "Maximum resident|Elapsed|User time|System time" "$WORK/big.time"
echo "RSS samples (first/middle/last):"
sed -n '1p;$p' "$WORK/big.rss"; sed -n "$(( $(wc -l <"$WORK/big.rss") / 2 + 1 ))p" "$WORK/big.rss"
