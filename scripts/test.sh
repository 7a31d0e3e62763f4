#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL.
#
# usage: scripts/test.sh [DOTNET TEST ARGS...]      e.g. scripts/test.sh --filter 'FullyQualifiedName~Instances'
#
# Starts PostgreSQL (scripts/pg.sh) on a free loopback port, exports SYNAP_TEST_POSTGRES (a superuser Npgsql
# connection string; fixtures create their own databases with it), runs
# `dotnet test Synap.Orleans.sln -c Release`, always stops PostgreSQL. Run without arguments and once dotnet test
# passed, it then runs the fault test scripts/faults.sh (its own PostgreSQL, silos and API nodes; about 4 minutes,
# docs/operations.md#fault-test); SYNAP_SKIP_FAULTS=1 leaves it out. Exits non-zero when dotnet test or the fault
# test failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg=$root/scripts/pg.sh
started=$SECONDS

pgdir=$(mktemp -d "${TMPDIR:-/tmp}/synap-test-pg.XXXXXX")
out=$(mktemp "${TMPDIR:-/tmp}/synap-test-out.XXXXXX")
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  if [[ -d $pgdir ]]; then
    "$pg" stop "$pgdir" || echo "test.sh: warning: PostgreSQL in $pgdir may still run" >&2
  fi
  rm -f "$out" "$out.faults"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$pg" start "$pgdir" >/dev/null
eval "$("$pg" env "$pgdir")"
export SYNAP_TEST_POSTGRES
echo "test.sh: PostgreSQL for tests on 127.0.0.1:$SYNAP_PG_PORT (SYNAP_TEST_POSTGRES is set)"

run_faults=true
[[ ${SYNAP_SKIP_FAULTS:-} == 1 ]] && run_faults=false
(($# == 0)) || run_faults=false

rc=0
dotnet test "$root/Synap.Orleans.sln" -c Release "$@" 2>&1 | tee "$out" || rc=${PIPESTATUS[0]}

cleanup_pg=$("$pg" stop "$pgdir" 2>&1) || echo "$cleanup_pg" >&2

faults_rc=0
faults_line="faults: not run (SYNAP_SKIP_FAULTS=1, or dotnet test was given arguments)"
if $run_faults && ((rc != 0)); then
  faults_line="faults: not run (dotnet test failed)"
elif $run_faults; then
  faults_started=$SECONDS
  "$root/scripts/faults.sh" 2>&1 | tee "$out.faults" || faults_rc=${PIPESTATUS[0]}
  faults_line=$(grep -E '^faults: (PASS|FAIL)' "$out.faults" | tail -n 1 || true)
  [[ -n $faults_line ]] || faults_line="faults: FAIL - scripts/faults.sh exited with $faults_rc before its summary"
  faults_line="$faults_line [$((SECONDS - faults_started)) s]"
  rm -f "$out.faults"
fi

elapsed=$((SECONDS - started))
printf 'test.sh: wall time %d s (%dm%02ds), dotnet test exit code %d, fault test exit code %d\n' \
  "$elapsed" $((elapsed / 60)) $((elapsed % 60)) "$rc" "$faults_rc"
# One plain closing line summed over every test assembly, from VSTest's per-assembly summaries
# ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...").
sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+),.*/\3 \2 \4/p' "$out" |
  awk '{ p += $1; f += $2; s += $3; n++ }
       END { if (n) printf "tests: %d passed, %d failed, %d skipped\n", p, f, s
             else print "test.sh: dotnet test printed no test summary (build failure or aborted run?)" }'
printf '%s\n' "$faults_line"
((rc != 0)) && exit "$rc"
exit "$faults_rc"
