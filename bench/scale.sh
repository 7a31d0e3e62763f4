#!/usr/bin/env bash
# Scale benchmarks in cluster mode (issue 8), on loopback only, bounded in time and requests: a throwaway PostgreSQL
# (scripts/pg.sh), 2 silos and 2 API nodes (Orleans:Mode=Client) started here and stopped on exit; one part per run.
#
# usage: bench/scale.sh hotpath [--concurrency 16,32] [--seconds 5] [--rounds 3]
#            health vs admin read vs instance-key (rate-limited) read through API node 1, side by side (default mode)
#        bench/scale.sh creates [--concurrency 16,32] [--seconds 20] [--clients 200]
#            instance creates/s through both API nodes, spread over many clients
#        bench/scale.sh silos [--concurrency 32] [--seconds 15]
#            the same load (creates, then instance-key reads) with 2 silos (twice: the first warms up), 1 silo
#            (silo 2 stopped), 2 silos again
#        bench/scale.sh list [--big 10000] [--requests 200]
#            instance list page latency, a client with 10 vs one with 10 000 instances
# SYNAP_BENCH_BIN=DIR reuses DIR/{api,silo,bench} published by an earlier run (kept when set) instead of building.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
part=${1:-}
case $part in hotpath|creates|silos|list) shift ;; *) sed -n '4,14s/^# \{0,1\}//p' "$0" >&2; exit 2 ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/synap-scale-bench.XXXXXX")
bin=${SYNAP_BENCH_BIN:-$work/bin}
base=${SYNAP_BENCH_PORT:-5330}
api_ports=("$base" $((base + 1)))
silo_ports=(11331 11332)
gateway_ports=(30331 30332)
admin_key=bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
declare -A pids=()

cleanup() {
  local name
  for name in "${!pids[@]}"; do kill "${pids[$name]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do wait "${pids[$name]}" 2>/dev/null || true; done
  "$root/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ ! -f $bin/bench/Synap.Bench.dll ]]; then
  for p in Api Silo; do
    dotnet publish "$root/src/$p" -c Release -o "$bin/${p,,}" >"$work/publish-$p.log" || { cat "$work/publish-$p.log" >&2; exit 1; }
  done
  dotnet build "$root/bench/Synap.Bench" -c Release -o "$bin/bench" >"$work/bench-build.log" || { cat "$work/bench-build.log" >&2; exit 1; }
fi
mkdir -p "$work/pg" && chmod 777 "$work" "$work/pg"
"$root/scripts/pg.sh" start "$work/pg" >/dev/null
eval "$("$root/scripts/pg.sh" env "$work/pg")"
export ConnectionStrings__Synap=$SYNAP_PG_CONNECTION Orleans__ClusterId=scale-bench Orleans__AdvertisedIP=127.0.0.1 \
  Logging__LogLevel__Default=Warning

# start_silo N: silo N (0 or 1) on its own ports; waits until its gateway listens.
start_silo() {
  Orleans__SiloPort=${silo_ports[$1]} Orleans__GatewayPort=${gateway_ports[$1]} \
    dotnet "$bin/silo/Synap.Silo.dll" >>"$work/silo-$1.log" 2>&1 &
  pids[silo$1]=$!
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/${gateway_ports[$1]}") 2>/dev/null && return
    sleep 0.5
  done
  echo "bench: silo $1 did not open its gateway" >&2; cat "$work/silo-$1.log" >&2; exit 1
}

# stop_silo N: SIGTERM (graceful: its grains deactivate and the cluster hears it leave), waits for the exit.
stop_silo() {
  kill -TERM "${pids[silo$1]}"
  wait "${pids[silo$1]}" 2>/dev/null || true
  unset "pids[silo$1]"
}

start_silo 0
start_silo 1
for i in 0 1; do
  # Each node also serves gRPC (Synap:GrpcUrl): give it its own port.
  Orleans__Mode=Client Synap__AdminKey=$admin_key Synap__GrpcUrl="http://127.0.0.1:$((api_ports[i] + 100))" \
    dotnet "$bin/api/Synap.Api.dll" --urls "http://127.0.0.1:${api_ports[i]}" >"$work/api-$i.log" 2>&1 &
  pids[api$i]=$!
done
for i in 0 1; do
  for _ in $(seq 1 90); do
    curl -fs -o /dev/null "http://127.0.0.1:${api_ports[i]}/health/ready" && break
    sleep 1
  done
  curl -fs -o /dev/null "http://127.0.0.1:${api_ports[i]}/health/ready" \
    || { echo "bench: API node $i did not become ready" >&2; cat "$work/api-$i.log" "$work"/silo-*.log >&2; exit 1; }
done

bench() { dotnet "$bin/bench/Synap.Bench.dll" "$@"; }
urls=http://127.0.0.1:${api_ports[0]},http://127.0.0.1:${api_ports[1]}
echo "cluster: PostgreSQL, 2 silos, 2 API nodes on loopback; $(nproc) cores; load avg at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo
case $part in
  hotpath) bench --url "http://127.0.0.1:${api_ports[0]}" --admin-key "$admin_key" "$@" ;;
  creates)
    # CPU per create by role: the silos, the API nodes, PostgreSQL (postmaster and backends), the load generator.
    cpu="silos:${pids[silo0]}+${pids[silo1]},api:${pids[api0]}+${pids[api1]},postgres:$(head -n 1 "$work/pg/data/postmaster.pid")"
    bench creates --urls "$urls" --admin-key "$admin_key" --cpu "$cpu" "$@" ;;
  list) bench list --urls "http://127.0.0.1:${api_ports[0]}" --admin-key "$admin_key" "$@" ;;
  silos)
    echo "| silos | creates/s | create p99 ms | instance-key reads/s | read p99 ms | errors | load avg after |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    # The first load on fresh processes also pays for JIT and first activations: shown, not compared.
    bench silo-throughput --urls "$urls" --admin-key "$admin_key" --label "2 (first load, warming up)" "$@"
    bench silo-throughput --urls "$urls" --admin-key "$admin_key" --label "2" "$@"
    stop_silo 1
    sleep 2
    bench silo-throughput --urls "$urls" --admin-key "$admin_key" --label "1 (silo 2 stopped)" "$@"
    start_silo 1
    sleep 5
    bench silo-throughput --urls "$urls" --admin-key "$admin_key" --label "2 (silo 2 restarted)" "$@"
    ;;
esac
