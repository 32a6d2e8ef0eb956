#!/usr/bin/env bash
# Side-by-side measurement of the core against the char_lr baseline, in one run on one machine:
# accuracy of the shipped model and of a model trained on the bench, scoring throughput with 1 and
# 2 threads, training time, and peak memory. Reads ../shared at run time (not needed for tests).
#
# Usage: benches/core_vs_baseline.sh            (writes its report to stdout)
# Needs: a Python venv with the baseline's packages; created at $VENV (default /tmp/spamsift-bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/bench
venv=${VENV:-/tmp/spamsift-bench-venv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q scikit-learn jieba lxml pyahocorasick numpy
fi
cargo build --release --quiet
bin=target/release/spamsift

echo "## machine"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "## char_lr baseline (train on bench train.jsonl, score dev-raw from raw bytes, 1 thread)"
(cd "$shared/baselines" && "$venv/bin/python" baselines.py --only char_lr --out "$work/bl" --preds "$work/bl-preds") \
    > "$work/bl.log" 2>&1
grep -E "throughput|overall" "$work/bl.log" | head -3
python3 -c "import json;r=json.load(open('$work/bl/results.json'));b=r['baselines']['char_lr'];print('char_lr train_s', b['train_s'], '+ html_to_text_s', r['train']['html_to_text_s'])"

timed() { /usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" "$@"; }

echo "## spamsift batch, shipped model, dev-raw from file bytes (4000 pages)"
for t in 1 2; do
    rm -f "$work/dev-$t.jsonl"*
    echo -n "threads $t: "
    timed "$bin" batch "$shared/dev-raw" --threads "$t" --output "$work/dev-$t.jsonl" 2>&1 >/dev/null | tail -1
done
python3 "$shared/baselines/score_cmd.py" "$work/dev-1.jsonl" "$shared/dev-raw/labels.jsonl" > "$work/score.txt"
head -4 "$work/score.txt"

echo "## start-up alone (load model + dictionary, score one page)"
echo -n "start-up: "
timed "$bin" batch "$shared/dev-raw/dev-00001.html" --threads 1 --output /dev/null 2>&1 >/dev/null | tail -1

echo "## spamsift batch over dev-raw five times (20000 pages), to amortise start-up"
mkdir -p "$work/dev5"
for i in 1 2 3 4 5; do
    mkdir -p "$work/dev5/$i"
    ln -s "$(cd "$shared/dev-raw" && pwd)"/*.html "$work/dev5/$i/"
done
for t in 1 2; do
    echo -n "threads $t: "
    timed "$bin" batch "$work/dev5" --threads "$t" --output /dev/null 2>&1 >/dev/null | tail -1
done

echo "## spamsift train on bench train.jsonl (2 threads), then score dev-raw"
echo -n "train: "
timed "$bin" train --data "$shared/train.jsonl" --output "$work/bench.ssm" 2>&1 | tail -1
"$bin" batch "$shared/dev-raw" --model "$work/bench.ssm" --output "$work/dev-bench.jsonl" 2>/dev/null
python3 "$shared/baselines/score_cmd.py" "$work/dev-bench.jsonl" "$shared/dev-raw/labels.jsonl" > "$work/score-bench.txt"
head -4 "$work/score-bench.txt"

echo "## spamsift train on bench train.jsonl, 1 thread (same as the baseline)"
echo -n "train: "
timed "$bin" train --threads 1 --data "$shared/train.jsonl" --output "$work/bench1.ssm" 2>&1 | tail -1
