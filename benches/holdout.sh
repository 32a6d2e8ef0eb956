#!/usr/bin/env bash
# Leave-one-source-out validation: a stand-in for the sealed set of real pages, which has other
# layouts and vocabulary than anything we train on. For each page source (a generator's pages),
# train on every other source plus the real-language background, then score the held-out one.
# Also scores real pages shipped by registry packages (training-data/.cache/realpages, all clean)
# and bench dev-raw with each model, when they are present.
#
# Usage: [BIN=path] [WORK=dir] benches/holdout.sh [SOURCE...]   (default: every source)
# Needs: python3 training-data/fetch.py (all data, validation pages included) and
# training-data/build.sh run first.
set -euo pipefail
cd "$(dirname "$0")/.."
# BIN: the binary to train and score with (default: a fresh release build).
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=target/release/spamsift
fi
bin=$BIN
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cache=training-data/.cache
declare -A src=(
    [generate]=training-data/pages/train.jsonl.gz
    [generate2]=training-data/pages/train2.jsonl.gz
    [generate3]=training-data/pages/train3.jsonl.gz
    [generate4]=$cache/pages/train4.jsonl
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(generate generate2 generate3 generate4)
# The shipped model's background and options, from TRAIN_ARGS (everything but its --data).
mapfile -t background < <(tr ' ' '\n' < training-data/TRAIN_ARGS | grep -v '^$' | awk '/^--/{keep=($0!="--data")} keep')
for held in "${names[@]}"; do
    train=()
    for s in "${!src[@]}"; do
        [ "$s" = "$held" ] || [ ! -f "${src[$s]}" ] || train+=("${src[$s]}")
    done
    model="$work/without-$held.ssm"
    "$bin" train --data "${train[@]}" "${background[@]}" --output "$model" 2> "$work/train-$held.log"
    echo "## trained without $held, scored on $held"
    "$bin" eval --model "$model" --data "${src[$held]}" | grep -E "^(F1|precision|FPR|  )" | head -30 || true
    if [ -f "$cache/realpages/index.jsonl" ]; then
        echo "### real registry pages (all clean)"
        "$bin" eval --model "$model" --data "$cache/realpages/labels.jsonl" | sed -n 2p
    fi
done
