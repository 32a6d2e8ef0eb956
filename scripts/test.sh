#!/usr/bin/env bash
# Runs every check of the project: fetches and generates the shipped model's training inputs
# (training-data/build.sh), then the Rust unit and integration tests (including the in-process
# gRPC tests), then `cargo fmt --check`, clippy and rustdoc with warnings denied (after the tests,
# to reuse their build), then the external-client checks (Python grpcio + grpcurl against
# `spamsift serve`, plaintext and TLS + token), the PySpark pipe-mode check and the supply-chain
# policy (cargo deny with deny.toml). The external checks install their own tools into .venv.
# Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# The shipped model's inputs (registry data and generated pages, hash-checked), so that the
# reproducibility test can check the model's training fingerprint against them.
training-data/build.sh

cargo test --all-targets
cargo fmt --check
cargo clippy --all-targets -- -D warnings
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps

status=0
for script in scripts/grpc-clients-test.sh scripts/pyspark-test.sh scripts/deny-check.sh; do
    if [ -f "$script" ]; then
        echo "== $script"
        SPAMSIFT_BIN="${CARGO_TARGET_DIR:-target}/debug/spamsift" bash "$script" || status=1
    fi
done
exit "$status"
