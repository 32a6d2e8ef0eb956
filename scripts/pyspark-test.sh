#!/usr/bin/env bash
# Runs `spamsift batch -` under PySpark local mode (RDD.pipe) over generated pages and checks
# that every id comes back exactly once, in order within each partition.
# Needs python3 and Java 17; installs pyspark into ./.venv (gitignored) on first use.
# Prints `N passed, N failed` last and exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES="${PAGES:-400}"
BIN="${SPAMSIFT_BIN:-target/debug/spamsift}"

if [ -z "${SPAMSIFT_BIN:-}" ]; then
    cargo build --quiet --bin spamsift
fi
if [ ! -x "$BIN" ]; then
    echo "no spamsift binary at $BIN"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! command -v java >/dev/null 2>&1; then
    echo "java not found (PySpark needs Java 17)"
    echo "0 passed, 1 failed"
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python -c "import pyspark" 2>/dev/null; then
    .venv/bin/pip install --quiet pyspark
fi

log="$(mktemp)"
out="$(mktemp)"
trap 'rm -f "$log" "$out"' EXIT
set +e
.venv/bin/python examples/pyspark_pipe.py --bin "$BIN" --generate "$PAGES" --partitions 4 --check >"$out" 2>"$log"
status=$?
set -e
if [ "$status" -ne 0 ]; then
    echo "--- pyspark stderr (last 40 lines) ---"
    tail -n 40 "$log"
    echo "---"
fi
cat "$out"
# A crash before the checks ran still has to end with a tally.
if ! grep -Eq '^[0-9]+ passed, [0-9]+ failed$' "$out"; then
    echo "0 passed, 1 failed"
    exit 1
fi
exit "$status"
