#!/usr/bin/env bash
# Benchmarks memories on one node (loopback only, bounded in count): memories ingested per second (POST → completed)
# at each concurrency, and listing latency p50/p99 for an instance with 100 memories vs one with 100 000 (seeded
# straight into the synap_memories table).
#
# usage: bench/memories.sh [--concurrency 16,32] [--memories 2000] [--big 100000]     standalone (SQLite)
#        bench/memories.sh --postgres [...]      the node's silo on a throwaway PostgreSQL (scripts/pg.sh), stopped after
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/synap-memories-bench.XXXXXX")
port=${SYNAP_BENCH_PORT:-5320}
admin_key=bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
args=()
postgres=false
for arg in "$@"; do
  if [[ $arg == --postgres ]]; then postgres=true; else args+=("$arg"); fi
done

api_pid=
cleanup() {
  if [[ -n $api_pid ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  if $postgres; then "$root/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish "$root/src/Api" -c Release -o "$work/api" >"$work/publish.log" || { cat "$work/publish.log" >&2; exit 1; }
dotnet build "$root/bench/Synap.Bench" -c Release -o "$work/bench" >"$work/bench-build.log" || { cat "$work/bench-build.log" >&2; exit 1; }
if $postgres; then
  mkdir -p "$work/pg" && chmod 777 "$work" "$work/pg"
  "$root/scripts/pg.sh" start "$work/pg" >/dev/null
  eval "$("$root/scripts/pg.sh" env "$work/pg")"
  export ConnectionStrings__Synap=$SYNAP_PG_CONNECTION
fi

Synap__AdminKey=$admin_key Synap__DataPath=$work/data/synap.db Orleans__SiloPort=${SYNAP_BENCH_SILO_PORT:-11321} \
  Orleans__GatewayPort=${SYNAP_BENCH_GATEWAY_PORT:-30320} Logging__LogLevel__Default=Warning \
  dotnet "$work/api/Synap.Api.dll" --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api_pid=$!

for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
  sleep 1
done
curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" || { echo "bench: the service did not become ready" >&2; cat "$work/api.log" >&2; exit 1; }

dotnet "$work/bench/Synap.Bench.dll" memories --url "http://127.0.0.1:$port" --admin-key "$admin_key" --data "$work/data/synap.db" ${args[@]+"${args[@]}"}
