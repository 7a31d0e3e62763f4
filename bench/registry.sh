#!/usr/bin/env bash
# Benchmarks client creation through the registry: N sequential creates (default 10 000) as in-process grain
# calls on a silo hosted by the benchmark, against real storage, and prints p50/p90/p99 per block of 1000 creates,
# so a per-create cost that grew with the number of clients would show. Loopback only, bounded by N.
#
# usage: bench/registry.sh [--clients N]                   standalone SQLite (WAL) in a temp dir
#        bench/registry.sh --postgres [--clients N]        a throwaway PostgreSQL (scripts/pg.sh), stopped after
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/synap-registry-bench.XXXXXX")
args=()
postgres=false
for arg in "$@"; do
  if [[ $arg == --postgres ]]; then postgres=true; else args+=("$arg"); fi
done

cleanup() {
  if $postgres; then "$root/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/bench/Synap.Bench" -c Release -o "$work/bench" >"$work/bench-build.log" || { cat "$work/bench-build.log" >&2; exit 1; }
if $postgres; then
  mkdir -p "$work/pg" && chmod 777 "$work" "$work/pg"
  "$root/scripts/pg.sh" start "$work/pg" >/dev/null
  eval "$("$root/scripts/pg.sh" env "$work/pg")"
  export ConnectionStrings__Synap=$SYNAP_PG_CONNECTION
fi
dotnet "$work/bench/Synap.Bench.dll" registry --data "$work/data/synap.db" ${args[@]+"${args[@]}"}
