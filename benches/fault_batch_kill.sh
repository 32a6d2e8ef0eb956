#!/usr/bin/env bash
# Fault: `spamsift batch` killed with SIGKILL at KILLS random points, each time resumed with
# --resume; at the end every input id must appear in the output exactly once.
# Input: ../shared/bench/dev.jsonl repeated COPIES times with ids made unique (dev-00001.r2).
#
# Usage: benches/fault_batch_kill.sh [KILLS] [COPIES]   (SKIP_BUILD=1 to reuse target/release)
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/serve_helpers.sh
kills=${1:-20}
copies=${2:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build_release
echo "## machine: $(machine)"
python3 - ../shared/bench/dev.jsonl "$copies" >"$work/in.jsonl" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for copy in range(int(sys.argv[2])):
    for line in lines:
        doc = json.loads(line)
        doc["id"] = f"{doc['id']}.r{copy}"
        print(json.dumps(doc, ensure_ascii=False))
PY
done_kills=0
runs=0
resume=""
while [ "$done_kills" -lt "$kills" ]; do
    "$bin" batch "$work/in.jsonl" -o "$work/out.jsonl" --threads 2 $resume 2>>"$work/batch.log" &
    pid=$!
    runs=$((runs + 1))
    resume="--resume"
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.2, 2.0), 2))')"
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
        wait "$pid" 2>/dev/null || true
        done_kills=$((done_kills + 1))
        lines=$(wc -l <"$work/out.jsonl" 2>/dev/null || echo 0)
        echo "kill $done_kills: output has $lines lines"
    else
        wait "$pid" || { echo "batch failed"; tail -n 5 "$work/batch.log"; exit 1; }
        echo "the run finished before kill $((done_kills + 1)); stopping early"
        break
    fi
done
"$bin" batch "$work/in.jsonl" -o "$work/out.jsonl" --threads 2 --resume 2>>"$work/batch.log"
runs=$((runs + 1))
python3 - "$work/in.jsonl" "$work/out.jsonl" "$done_kills" "$runs" <<'PY'
import collections, json, sys
want = [str(json.loads(l)["id"]) for l in open(sys.argv[1]) if l.strip()]
got = collections.Counter(str(json.loads(l)["id"]) for l in open(sys.argv[2]) if l.strip())
missing = [i for i in want if got[i] == 0]
dup = [i for i, n in got.items() if n > 1]
extra = [i for i in got if i not in set(want)]
print(f"{sys.argv[3]} kills, {sys.argv[4]} runs: {len(want)} ids in, {sum(got.values())} lines out, "
      f"{len(missing)} missing, {len(dup)} duplicated, {len(extra)} unknown")
sys.exit(1 if missing or dup or extra else 0)
PY
