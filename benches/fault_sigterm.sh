#!/usr/bin/env bash
# Fault: SIGTERM in the middle of a load run, twice: unary Score calls at a fixed rate, then
# long ScoreBatch calls (so that calls are in flight when the signal arrives). The server
# stops accepting, drains the calls it accepted and exits 0; the load generator reports every
# call's outcome by status code. A call made after the listener closed fails UNAVAILABLE
# before it was accepted; a reset of an accepted call would show as CANCELLED, UNKNOWN or
# INTERNAL, or as a batch with per-item errors. Reads the bench pages from ../shared.
#
# Usage: benches/fault_sigterm.sh [RATE] [SECS]   (SKIP_BUILD=1 to reuse target/release)
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/serve_helpers.sh
rate=${1:-150}
secs=${2:-12}
work=$(mktemp -d)
cleanup() { [ -n "${server_pid:-}" ] && kill -TERM "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
build_release
echo "## machine: $(machine)"

# phase NAME LOADGEN-MODE-ARGS... : load, SIGTERM half-way, report.
phase() {
    local name=$1
    shift
    start_server "$work/server-$name.log"
    "$loadgen" --addr "$server_addr" --pages "$pages" --warmup-secs 0 "$@" >"$work/load-$name.log" 2>&1 &
    local load=$!
    sleep $((secs / 2))
    local rpc=Score
    [ "$1" = batch ] && rpc=ScoreBatch
    local ok_before in_flight
    ok_before=$(metric "spamsift_grpc_requests_total{rpc=\"$rpc\",code=\"OK\"}")
    in_flight=$(metric spamsift_scoring_in_flight)
    kill -TERM "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    server_pid=""
    wait "$load" || true
    echo "### $name: SIGTERM after $((secs / 2)) s with ${ok_before:-0} $rpc calls answered and $in_flight in flight; server exit status $status"
    grep -E '^(rate|batch|Score|ScoreBatch):' "$work/load-$name.log"
    grep -o '"message":"\(shutting down[^"]*\|drain timeout[^"]*\|server stopped\)"' "$work/server-$name.log" | sed 's/^/  log: /'
}
phase unary rate --rate "$rate" --secs "$secs"
phase batch batch --batch-size 256 --concurrency 2 --secs "$secs"
