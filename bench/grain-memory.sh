#!/usr/bin/env bash
# Memory per idle activated instance grain: the bench hosts a silo in-process, creates N instances (default 50 000,
# plus 1000 for warm-up) under 500 clients with real state, restarts the silo on the same storage, and reads its own
# managed heap after a full GC before and after activating every instance by one read; then the idle CPU they cost.
# Loopback only, bounded by N.
#
# usage: bench/grain-memory.sh [--instances N] [--clients C] [--idle-seconds S]              standalone SQLite (WAL)
#        bench/grain-memory.sh --postgres [...]        a throwaway PostgreSQL (scripts/pg.sh), stopped after
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/synap-grain-memory.XXXXXX")
source "$root/bench/postgres-option.sh"
cleanup() {
  stop_postgres_if_started
  rm -rf "$work"
}
trap cleanup EXIT

bin=${SYNAP_BENCH_BIN:-$work/bin}
if [[ ! -f $bin/bench/Synap.Bench.dll ]]; then
  dotnet build "$root/bench/Synap.Bench" -c Release -o "$bin/bench" >"$work/bench-build.log" || { cat "$work/bench-build.log" >&2; exit 1; }
fi
start_postgres_if_asked
export Orleans__AdvertisedIP=127.0.0.1
# Server GC, as the silo and API projects run (Microsoft.NET.Sdk.Web default); the heap figures do not depend on it.
# The silo's log goes to a file: stopping a lone silo with 51 000 active instances logs their last standing
# re-reads failing (no silo left to place a client on), which would bury the figures.
rc=0
DOTNET_gcServer=${DOTNET_gcServer:-1} Logging__Console__LogToStandardErrorThreshold=Trace \
  dotnet "$bin/bench/Synap.Bench.dll" grain-memory --data "$work/data/synap.db" \
  --silo-port 11431 --gateway-port 30431 ${bench_args[@]+"${bench_args[@]}"} 2>"$work/silo.log" || rc=$?
echo "silo log: $(grep -c '^fail' "$work/silo.log" || true) errors, $(grep -c '^warn' "$work/silo.log" || true) warnings (last lines below on failure)"
if ((rc != 0)); then tail -n 40 "$work/silo.log" >&2; fi
exit "$rc"
