# Helpers sourced by the soak and fault benchmarks: start `spamsift serve` on a loopback port,
# read its address and metrics, sample its memory. Loopback only; every run is bounded.

bin=${SPAMSIFT_BIN:-target/release/spamsift}
loadgen=${LOADGEN_BIN:-target/release/examples/loadgen}
pages=${PAGES:-../shared/bench/dev-raw}

# Builds the release binary and the load generator unless SKIP_BUILD=1.
build_release() {
    [ "${SKIP_BUILD:-0}" = 1 ] || nice -n 10 cargo build --release --quiet --bin spamsift --example loadgen
}

# start_server LOG ARGS... : starts the server with a metrics endpoint; sets server_pid,
# server_addr and metrics_addr; waits for SERVING (via the metrics' model gauge).
start_server() {
    local log=$1
    shift
    "$bin" serve --listen 127.0.0.1:0 --metrics-listen 127.0.0.1:0 --log-format json "$@" 2>"$log" >/dev/null &
    server_pid=$!
    server_addr=""
    metrics_addr=""
    for _ in $(seq 1 600); do
        server_addr=$(sed -n 's/.*"message":"gRPC server listening","addr":"\([0-9.:]*\)".*/\1/p' "$log" | head -n 1)
        metrics_addr=$(sed -n 's/.*"message":"metrics endpoint listening on \/metrics","addr":"\([0-9.:]*\)".*/\1/p' "$log" | head -n 1)
        if [ -n "$server_addr" ] && grep -q '"message":"serving"' "$log"; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "the server did not start; log:" >&2
    tail -n 20 "$log" >&2
    return 1
}

# metric NAME : the value of one sample of the server's metrics (exact name with labels).
metric() {
    curl -s "http://$metrics_addr/metrics" | awk -v n="$1" '$1 == n { print $2 }'
}

# rss_kib PID : resident memory in KiB.
rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

# machine : one line describing the machine and its load.
machine() {
    echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
