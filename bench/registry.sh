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
source "$root/bench/postgres-option.sh"
cleanup() {
  stop_postgres_if_started
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/bench/Synap.Bench" -c Release -o "$work/bench" >"$work/bench-build.log" || { cat "$work/bench-build.log" >&2; exit 1; }
start_postgres_if_asked
dotnet "$work/bench/Synap.Bench.dll" registry --data "$work/data/synap.db" ${bench_args[@]+"${bench_args[@]}"}
