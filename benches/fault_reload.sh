#!/usr/bin/env bash
# Fault: model reloads (SIGHUP) from a truncated, a corrupt, an incompatible and an empty file
# while Score calls run at a fixed rate; the old model must keep serving and no call may fail.
# Then a good file is restored and reloaded. Reads the bench pages from ../shared.
#
# Usage: benches/fault_reload.sh [RATE] [SECS]    (SKIP_BUILD=1 to reuse target/release)
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/serve_helpers.sh
rate=${1:-100}
secs=${2:-40}
work=$(mktemp -d)
cleanup() { [ -n "${server_pid:-}" ] && kill -TERM "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
build_release
echo "## machine: $(machine)"
cp models/default.ssm "$work/good.ssm"
cp "$work/good.ssm" "$work/model.ssm"
start_server "$work/server.log" --model "$work/model.ssm"

"$loadgen" --addr "$server_addr" --pages "$pages" --warmup-secs 0 rate --rate "$rate" --secs "$secs" >"$work/load.log" &
load=$!
size=$(stat -c %s "$work/good.ssm")
step=$((secs / 6))
bad() { # NAME: write a bad model over the served file, SIGHUP, wait
    sleep "$step"
    cp "$work/$1" "$work/model.ssm.new" && mv "$work/model.ssm.new" "$work/model.ssm"
    kill -HUP "$server_pid"
    echo "t+$((SECONDS - t0)) s: SIGHUP with $1"
}
head -c $((size / 2)) "$work/good.ssm" >"$work/truncated.ssm"
cp "$work/good.ssm" "$work/corrupt.ssm"
printf '\x55' | dd of="$work/corrupt.ssm" bs=1 seek=$((size - 100)) conv=notrunc status=none
cp "$work/good.ssm" "$work/incompatible.ssm"
printf '\x63' | dd of="$work/incompatible.ssm" bs=1 seek=8 conv=notrunc status=none
: >"$work/empty.ssm"
t0=$SECONDS
for name in truncated.ssm corrupt.ssm incompatible.ssm empty.ssm good.ssm; do bad "$name"; done
wait "$load"
grep -E '^(rate|Score):' "$work/load.log"
echo "reloads ok $(metric spamsift_model_reloads_total), rejected $(metric spamsift_model_reload_failures_total)"
grep -o '"message":"model reload rejected[^"]*","error":"[^"]*"' "$work/server.log" | sed 's/^/  log: /' | cut -c1-200
