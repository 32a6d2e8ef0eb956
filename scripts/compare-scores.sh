#!/usr/bin/env bash
# Checks that the current release binary scores a directory of pages byte-for-byte as a saved run did.
#
# Usage: scripts/compare-scores.sh SAVED.jsonl [PAGES_DIR]
#   SAVED.jsonl  output of an earlier `spamsift batch PAGES_DIR --output SAVED.jsonl`
#   PAGES_DIR    defaults to ../shared/bench/dev-raw
# Builds the release binary, scores PAGES_DIR the same way, sorts both files by line (each line
# starts with its id) and compares them. Exits non-zero and prints the first differences if any.
set -euo pipefail
cd "$(dirname "$0")/.."

saved="${1:?usage: scripts/compare-scores.sh SAVED.jsonl [PAGES_DIR]}"
pages="${2:-../shared/bench/dev-raw}"
bin="${CARGO_TARGET_DIR:-target}/release/spamsift"

nice -n 10 cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" batch "$pages" --output "$work/now.jsonl" > /dev/null 2> "$work/batch.log" || { cat "$work/batch.log"; exit 1; }
sort "$saved" > "$work/before.sorted"
sort "$work/now.jsonl" > "$work/now.sorted"

total=$(wc -l < "$work/before.sorted")
same=$(comm -12 "$work/before.sorted" "$work/now.sorted" | wc -l)
echo "identical lines: $same of $total (now: $(wc -l < "$work/now.sorted"))"
if ! cmp -s "$work/before.sorted" "$work/now.sorted"; then
    diff "$work/before.sorted" "$work/now.sorted" | head -n 20
    exit 1
fi
