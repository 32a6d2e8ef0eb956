#!/usr/bin/env bash
# Scoring cost per page in instructions (valgrind callgrind), for two binaries side by side.
# Instruction counts do not depend on what else the machine is doing, unlike seconds on a shared
# two-core box. Start-up (model and dictionary load) is measured on one page and subtracted.
#
# Usage: benches/instructions.sh OLD_BIN[:MODEL] NEW_BIN[:MODEL] PAGE_DIR [LIMIT]
#   PAGE_DIR: a directory of pages (e.g. ../shared/bench/dev-raw); LIMIT pages are used (default 300).
#   MODEL: a model file for that binary (default: the one it ships).
set -euo pipefail
old=$1 new=$2 dir=$3 limit=${4:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages" "$work/one"
mapfile -t files < <(find "$dir" -maxdepth 1 -type f \( -name '*.html' -o -name '*.htm' -o -name '*.txt' \) | sort)
files=("${files[@]:0:$limit}")
for f in "${files[@]}"; do ln -s "$(realpath "$f")" "$work/pages/"; done
ln -s "$(realpath "${files[0]}")" "$work/one/"
pages=${#files[@]}
count() {
    local bin=${1%%:*} model=()
    [ "$bin" = "$1" ] || model=(--model "${1#*:}")
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" batch "$2" "${model[@]}" --threads 1 \
        --output "$work/out.jsonl" >/dev/null 2>"$work/vg.log"
    rm -f "$work/out.jsonl"*
    grep -E "Collected" "$work/vg.log" | awk '{print $NF}'
}
for bin in "$old" "$new"; do
    all=$(count "$bin" "$work/pages")
    start=$(count "$bin" "$work/one")
    echo "$bin: $(( (all - start) / (pages - 1) )) instructions per page over $pages pages (start-up $start)"
done
