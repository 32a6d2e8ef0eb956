#!/usr/bin/env bash
# Soak: unary Score calls at a fraction (default 70 %) of the measured capacity for SECS
# (default 600), with the server's RSS sampled every 10 s and every error counted.
# Capacity = single-page ScoreBatch calls, 8 in flight, closed loop, for 20 s, on the same
# server just before the soak. Reads the bench pages from ../shared (not needed for tests).
#
# Usage: benches/soak.sh [SECS] [FRACTION]      (SKIP_BUILD=1 to reuse target/release)
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/serve_helpers.sh
secs=${1:-600}
fraction=${2:-0.7}
work=$(mktemp -d)
cleanup() { [ -n "${server_pid:-}" ] && kill -TERM "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
build_release
echo "## machine: $(machine)"
start_server "$work/server.log"

"$loadgen" --addr "$server_addr" --pages "$pages" batch --batch-size 1 --concurrency 8 --secs 20 >"$work/cap.log"
capacity=$(sed -n 's/.* \([0-9.]*\) pages\/s.*/\1/p' "$work/cap.log")
rate=$(python3 -c "print(round($capacity * $fraction))")
echo "capacity (1-page calls, 8 in flight): $capacity pages/s; soak rate $rate rps ($fraction) for $secs s"

"$loadgen" --addr "$server_addr" --pages "$pages" --warmup-secs 0 rate --rate "$rate" --secs 30 >"$work/warm.log"
rss_start=$(rss_kib "$server_pid")
( while kill -0 "$server_pid" 2>/dev/null; do rss_kib "$server_pid"; sleep 10; done ) >"$work/rss.log" &
sampler=$!
"$loadgen" --addr "$server_addr" --pages "$pages" --warmup-secs 0 rate --rate "$rate" --secs "$secs" >"$work/soak.log"
kill "$sampler" 2>/dev/null || true
rss_end=$(rss_kib "$server_pid")
rss_max=$(sort -n "$work/rss.log" | tail -n 1)
grep -E '^(rate|Score):' "$work/soak.log"
echo "RSS after 30 s warm-up: $((rss_start / 1024)) MiB; at the end: $((rss_end / 1024)) MiB; max sampled: $((rss_max / 1024)) MiB"
python3 -c "print(f'RSS growth over the soak: {($rss_end - $rss_start) * 100 / $rss_start:+.1f} %')"
echo "server counters: shed $(metric 'spamsift_grpc_requests_total{rpc="Score",code="RESOURCE_EXHAUSTED"}' || true), ok $(metric 'spamsift_grpc_requests_total{rpc="Score",code="OK"}')"
