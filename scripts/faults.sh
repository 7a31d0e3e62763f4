#!/usr/bin/env bash
# The fault test (issue 8): PostgreSQL + 2 silos + 2 API nodes as real processes on 127.0.0.1 under a steady mixed
# load (creates with Idempotency-Key, PATCHes, key checks) through both API nodes; then, one after another: kill -9
# a silo, kill -9 an API node, restart PostgreSQL, SIGTERM a silo, SIGTERM an API node (each restarted); then a
# full stop and start, reading back every acknowledged write. Prints a table per fault and one summary line.
#
# usage: scripts/faults.sh [--no-build] [DRIVER ARGS...]   defaults: --steady-seconds 3 --workers-per-node 4 --ops-per-worker 12
#
# Exit code 0 only when every fault met its goals (0 acknowledged writes lost, >= 99.9 % success with retries,
# full service < 5 s after the fault ended, no 500, every 503 with Retry-After); 1 when a goal was missed; 2 when
# the run could not be carried out. Bounded: SYNAP_FAULTS_TIMEOUT (seconds, default 600) stops the driver.
# Ports are free ones picked at start and the state dir is its own (SYNAP_FAULTS_DIR, default a new /tmp dir), so
# a running scripts/cluster.sh or test suite is never touched. Every process and the PostgreSQL it started are
# stopped on exit, whatever happens; logs are kept (and their tails printed) when the run fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg=$root/scripts/pg.sh
timeout=${SYNAP_FAULTS_TIMEOUT:-600}
state=${SYNAP_FAULTS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/synap-faults.XXXXXX")}
build=true
if [[ ${1:-} == --no-build ]]; then build=false; shift; fi

say() { printf 'faults.sh: %s\n' "$*"; }
die() { printf 'faults.sh: error: %s\n' "$*" >&2; exit 2; }

[[ $timeout =~ ^[0-9]+$ ]] || die "SYNAP_FAULTS_TIMEOUT must be a number of seconds"
mkdir -p "$state/logs"
rm -f "$state"/logs/*.log
pgdir=
rc=2

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  local f pid
  # Whatever the driver left running (it kills its nodes itself unless it was killed): only our Synap processes.
  for f in "$state"/*.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    if [[ -d /proc/$pid ]] && grep -qa 'Synap\.\(Silo\|Api\)\.dll' "/proc/$pid/cmdline" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      say "killed leftover $(basename "$f" .pid) (pid $pid)"
    fi
    rm -f "$f"
  done
  if [[ -n $pgdir ]]; then "$pg" stop "$pgdir" >/dev/null 2>&1 || say "warning: PostgreSQL in $pgdir may still run"; fi
  if ((rc == 0)) && [[ -z ${SYNAP_FAULTS_DIR:-} ]]; then
    rm -rf "$state"
  else
    for f in "$state"/logs/*.log; do
      [[ -s $f ]] || continue
      printf '\n===== %s (last 15 lines)\n' "$f"
      tail -n 15 "$f"
    done
    say "logs kept in $state/logs"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if $build; then
  say "publishing src/Silo, src/Api and building bench/Synap.Faults (Release) into $state/bin"
  for p in Silo Api; do
    dotnet publish "$root/src/$p/$p.csproj" -c Release -o "$state/bin/${p,,}" --nologo >>"$state/logs/build.log" 2>&1 \
      || { tail -n 30 "$state/logs/build.log" >&2; die "dotnet publish src/$p failed"; }
  done
  dotnet build "$root/bench/Synap.Faults/Synap.Faults.csproj" -c Release -o "$state/bin/faults" --nologo >>"$state/logs/build.log" 2>&1 \
    || { tail -n 30 "$state/logs/build.log" >&2; die "dotnet build bench/Synap.Faults failed"; }
fi
for dll in silo/Synap.Silo.dll api/Synap.Api.dll faults/Synap.Faults.dll; do
  [[ -f $state/bin/$dll ]] || die "no $state/bin/$dll; run without --no-build"
done

pgdir=$(mktemp -d "${TMPDIR:-/tmp}/synap-faults-pg.XXXXXX")
connection=$("$pg" start "$pgdir" 2>>"$state/logs/pg.log") || die "PostgreSQL did not start (log: $state/logs/pg.log)"

set +e
timeout -k 10 "$timeout" dotnet "$state/bin/faults/Synap.Faults.dll" \
  --silo-dll "$state/bin/silo/Synap.Silo.dll" --api-dll "$state/bin/api/Synap.Api.dll" \
  --pg-script "$pg" --pg-dir "$pgdir" --connection "$connection" --state-dir "$state" "$@" 2>&1 | tee "$state/driver.out"
rc=${PIPESTATUS[0]}
set -e
if ((rc == 124 || rc == 137)); then say "the driver did not finish within ${timeout} s (SYNAP_FAULTS_TIMEOUT)"; rc=2; fi
exit "$rc"
