#!/usr/bin/env bash
# Benchmarks the standalone service on this machine (loopback only, bounded in time and count):
# requests/s of bare health, admin-key instance reads and instance-key (rate-limited) instance reads,
# measured side by side in one run at each concurrency, with ratios and p50/p99;
# or (--mode guess) what random well-formed keys cost the server: statuses, rate vs health, RSS before/after.
#
# usage: bench/run.sh [--concurrency 16,32] [--seconds S] [--rounds R]
#        bench/run.sh --mode guess [--guesses 200000] [--concurrency 32] [--seconds S] [--rounds R]
# The server inherits the environment, so limits can be raised for a run, e.g.
#        Synap__AbuseLimits__FailedAuthenticationsPerWindow=1000000000 bench/run.sh --mode guess
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/synap-bench.XXXXXX")
port=${SYNAP_BENCH_PORT:-5300}
admin_key=bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')

dotnet publish "$root/src/Api" -c Release -o "$work/api" >"$work/publish.log"
dotnet build "$root/bench/Synap.Bench" -c Release -o "$work/bench" >"$work/bench-build.log"

Synap__AdminKey=$admin_key Synap__DataPath=$work/data/synap.db Orleans__SiloPort=${SYNAP_BENCH_SILO_PORT:-11311} \
  Orleans__GatewayPort=${SYNAP_BENCH_GATEWAY_PORT:-30300} Logging__LogLevel__Default=Warning \
  dotnet "$work/api/Synap.Api.dll" --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api_pid=$!
trap 'kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
  sleep 1
done
curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" || { echo "bench: the service did not become ready" >&2; cat "$work/api.log" >&2; exit 1; }

dotnet "$work/bench/Synap.Bench.dll" --url "http://127.0.0.1:$port" --admin-key "$admin_key" --server-pid "$api_pid" "$@"
