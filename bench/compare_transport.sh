#!/usr/bin/env bash
# The cost of TLS and a token on a unary call: `runy status` against one
# runyd over its Unix socket, over TCP with a token, and over TLS with a
# token, side by side; prints the median of N runs each.
# Usage: bench/compare_transport.sh BUILD_DIR [N]
set -euo pipefail
build=${1:?usage: bench/compare_transport.sh BUILD_DIR [N]}
n=${2:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
bash "$root/scripts/gen-certs" --out "$work/c" 127.0.0.1 >/dev/null
port=$((20000 + RANDOM % 20000))
tls_port=$((port + 1))
# Two runyd: a plain-TCP one and a TLS one (TLS covers every TCP listener).
"$build/server/runyd" --socket "$work/s.sock" --state-dir "$work/state" \
  --listen "127.0.0.1:$port" --token-file "$work/c/tokens" \
  --log-level warn 2>/dev/null &
pid=$!
"$build/server/runyd" --socket "$work/t.sock" --state-dir "$work/state2" \
  --listen "127.0.0.1:$tls_port" --token-file "$work/c/tokens" \
  --tls-cert "$work/c/server.pem" --tls-key "$work/c/server.key" \
  --log-level warn 2>/dev/null &
pid="$pid $!"
sleep 1
median() {
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f ms\n", a[int((NR+1)/2)]/1000}'
}
runy=$build/cli/runy
echo "runy status, median of $n:"
echo "  unix socket:  $(median "$runy" --host "unix://$work/s.sock" status)"
echo "  tcp + token:  $(median "$runy" --host "tcp://127.0.0.1:$port" --token-file "$work/c/read.token" status)"
echo "  tls + token:  $(median "$runy" --host "tcp://127.0.0.1:$tls_port" --tls-ca "$work/c/ca.pem" --token-file "$work/c/read.token" status)"
kill $pid
