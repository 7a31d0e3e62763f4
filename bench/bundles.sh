#!/usr/bin/env bash
# Benchmarks bundle publish → delivery across API nodes in cluster mode, on loopback only and bounded in time:
# a throwaway PostgreSQL (scripts/pg.sh), one silo, two API nodes (Orleans:Mode=Client); an SSE listener on node 1,
# publishers posting bundles through node 2 at each concurrency; prints delivery latency p50/p99 (BundleBench).
#
# usage: bench/bundles.sh [--concurrency 16,32] [--seconds S]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/synap-bundles-bench.XXXXXX")
port1=${SYNAP_BENCH_PORT:-5310}
port2=$((port1 + 1))
admin_key=bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$root/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish "$root/src/Api" -c Release -o "$work/api" >"$work/publish-api.log"
dotnet publish "$root/src/Silo" -c Release -o "$work/silo" >"$work/publish-silo.log"
dotnet build "$root/bench/Synap.Bench" -c Release -o "$work/bench" >"$work/bench-build.log"
mkdir -p "$work/pg" && chmod 777 "$work" "$work/pg"
"$root/scripts/pg.sh" start "$work/pg" >/dev/null
eval "$("$root/scripts/pg.sh" env "$work/pg")"
export ConnectionStrings__Synap=$SYNAP_PG_CONNECTION Orleans__AdvertisedIP=127.0.0.1 Logging__LogLevel__Default=Warning

Orleans__SiloPort=${SYNAP_BENCH_SILO_PORT:-11321} Orleans__GatewayPort=${SYNAP_BENCH_GATEWAY_PORT:-30310} \
  dotnet "$work/silo/Synap.Silo.dll" >"$work/silo.log" 2>&1 &
pids+=($!)
for port in "$port1" "$port2"; do
  # Each node also serves gRPC (Synap:GrpcUrl): give it its own port, or the second node fails on the default.
  Orleans__Mode=Client Synap__AdminKey=$admin_key Synap__GrpcUrl="http://127.0.0.1:$((port + 100))" \
    dotnet "$work/api/Synap.Api.dll" --urls "http://127.0.0.1:$port" >"$work/api-$port.log" 2>&1 &
  pids+=($!)
done
for port in "$port1" "$port2"; do
  for _ in $(seq 1 90); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    sleep 1
  done
  curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" || { echo "bench: node $port did not become ready" >&2; cat "$work/api-$port.log" "$work/silo.log" >&2; exit 1; }
done

dotnet "$work/bench/Synap.Bench.dll" bundles --listen-url "http://127.0.0.1:$port1" --publish-url "http://127.0.0.1:$port2" \
  --admin-key "$admin_key" "$@"
