#!/usr/bin/env bash
# The docker-compose topology without Docker, on loopback: PostgreSQL, N silos, M API nodes (Orleans:Mode=Client).
#
# usage: scripts/cluster.sh start [--silos N] [--apis M] [--no-build]   (defaults: 2 silos, 2 API nodes)
#        scripts/cluster.sh stop      SIGTERM the API nodes, then the silos (30 s grace each), then stop PostgreSQL
#        scripts/cluster.sh status    what runs, on which ports, and whether each API node is ready
#
# start publishes Silo and Api (unless --no-build), then waits as docker-compose.yml's conditions do: PostgreSQL
# ready → every silo Active in the membership table → every API node's /health/ready 200.
# Ports: silo i listens on 11110+i (gateway 29999+i); API node i on 5000+10(i-1) (gRPC one above).
# State (published binaries, logs, pids, topology, admin key) lives in .cluster/ at the repository root, or in
# $SYNAP_CLUSTER_DIR. SYNAP_ADMIN_KEY (>= 32 chars) is used when set, otherwise one is generated.
# SYNAP_CLUSTER_TIMEOUT bounds the start-up wait (seconds, default 90). OTEL_EXPORTER_OTLP_ENDPOINT,
# OTEL_EXPORTER_OTLP_PROTOCOL and Logging__Console__FormatterName reach every process as they are set here.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${SYNAP_CLUSTER_DIR:-$root/.cluster}
pg=$root/scripts/pg.sh
timeout=${SYNAP_CLUSTER_TIMEOUT:-90}

readonly CLUSTER_ID=synap-local SERVICE_ID=synap MAX_NODES=20
# Orleans' SiloStatus.Active in OrleansMembershipTable.Status.
readonly SILO_ACTIVE=3

die() { printf 'cluster.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'cluster.sh: %s\n' "$*"; }
usage() { sed -n '4,6s/^# \{0,1\}//p' "$0" >&2; exit 2; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_status() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

# The topology of the last start, one node a line: NAME KIND PORT1 PORT2 (silo: silo and gateway port; api: HTTP
# and gRPC port). stop and status read it, so they know what start launched whatever its options were.
topology() { cat "$state/topology" 2>/dev/null || true; }
nodes_of() { topology | awk -v kind="$1" '$2 == kind { print $1 }'; }
ports_of() { topology | awk -v name="$1" '$1 == name { print $3, $4 }'; }

pid_of() { cat "$state/$1.pid" 2>/dev/null || true; }
# Only a live process of ours counts: a pid file may outlive its process, the pid may be reused, and an exited
# child stays a zombie until this shell reaps it.
alive() {
  local pid; pid=$(pid_of "$1")
  [[ -n $pid && -d /proc/$pid ]] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null &&
    grep -qa 'Synap\.\(Silo\|Api\)\.dll' "/proc/$pid/cmdline" 2>/dev/null
}

show_logs() {
  local n
  for n in $(nodes_of silo) $(nodes_of api); do
    [[ -f $state/logs/$n.log ]] || continue
    printf '\n===== %s (last 30 lines of %s)\n' "$n" "$state/logs/$n.log" >&2
    tail -n 30 "$state/logs/$n.log" >&2
  done
}

fail_start() {
  printf 'cluster.sh: error: %s\n' "$*" >&2
  show_logs
  printf '\ncluster.sh: stopping what was started; logs stay in %s/logs\n' "$state" >&2
  cmd_stop >&2 || true
  exit 1
}

admin_key() {
  if [[ -n ${SYNAP_ADMIN_KEY:-} ]]; then
    (( ${#SYNAP_ADMIN_KEY} >= 32 )) || die "SYNAP_ADMIN_KEY must be at least 32 characters"
    printf '%s' "$SYNAP_ADMIN_KEY"
  else
    od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
  fi
}

# launch NAME DLL VAR=VALUE...: a detached process (own session, so closing the terminal or Ctrl-C on this
# script does not reach it) that gets the §13 keys given here on top of this script's environment.
launch() {
  local name=$1 dll=$2; shift 2
  (
    cd "$(dirname "$dll")"
    exec setsid env "$@" dotnet "$dll" </dev/null >"$state/logs/$name.log" 2>&1
  ) &
  local pid=$!
  printf '%s\n' "$pid" >"$state/$name.pid"
  # Until the subshell has exec'd into dotnet, its command line is this script's.
  for _ in $(seq 1 50); do
    grep -qa 'Synap\.\(Silo\|Api\)\.dll' "/proc/$pid/cmdline" 2>/dev/null && return
    sleep 0.1
  done
}

build() {
  say "publishing src/Silo and src/Api (Release) into $state/bin (log: $state/logs/build.log)"
  : >"$state/logs/build.log"
  local p
  for p in Silo Api; do
    dotnet publish "$root/src/$p/$p.csproj" -c Release -o "$state/bin/${p,,}" --nologo >>"$state/logs/build.log" 2>&1 \
      || { tail -n 30 "$state/logs/build.log" >&2; die "dotnet publish src/$p failed (log: $state/logs/build.log)"; }
  done
}

count_arg() {
  [[ ${2:-} =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= MAX_NODES)) || die "$1 needs a number from 1 to $MAX_NODES, got '${2:-}'"
}

write_topology() {
  local silos=$1 apis=$2 i
  {
    for ((i = 1; i <= silos; i++)); do printf 'silo%d silo %d %d\n' "$i" $((11110 + i)) $((29999 + i)); done
    for ((i = 1; i <= apis; i++)); do printf 'api%d api %d %d\n' "$i" $((5000 + 10 * (i - 1))) $((5001 + 10 * (i - 1))); done
  } >"$state/topology"
}

# Silos whose membership row is Active: they joined the cluster and accept grain calls and clients.
active_silos() {
  "$pg" psql "$1" -qtA -c "SELECT count(*) FROM OrleansMembershipTable
    WHERE DeploymentId = '$CLUSTER_ID' AND Status = $SILO_ACTIVE" 2>/dev/null || echo 0
}

cmd_start() {
  local no_build=false silos=2 apis=2
  while (($#)); do
    case $1 in
      --no-build) no_build=true; shift ;;
      --silos) count_arg "$1" "${2:-}"; silos=$2; shift 2 ;;
      --apis) count_arg "$1" "${2:-}"; apis=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ $timeout =~ ^[0-9]+$ ]] || die "SYNAP_CLUSTER_TIMEOUT must be a number of seconds"
  command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"

  local n
  for n in $(started_nodes silo) $(started_nodes api); do
    alive "$n" && die "$n already runs (pid $(pid_of "$n")); see: scripts/cluster.sh status"
  done
  if [[ -f $state/pgdir ]] && "$pg" status "$(cat "$state/pgdir")" 2>/dev/null; then
    die "PostgreSQL of a previous cluster still runs; run: scripts/cluster.sh stop"
  fi

  local key; key=$(admin_key)
  mkdir -p "$state/logs"
  rm -f "$state"/*.pid "$state"/logs/*.log
  write_topology "$silos" "$apis"
  local p busy=()
  for p in $(topology | awk '{ print $3, $4 }'); do if port_busy "$p"; then busy+=("$p"); fi; done
  ((${#busy[@]} == 0)) || die "port(s) ${busy[*]} on 127.0.0.1 already in use (ss -ltnp shows by whom)"

  $no_build || build
  local silo_dll=$state/bin/silo/Synap.Silo.dll api_dll=$state/bin/api/Synap.Api.dll
  [[ -f $silo_dll && -f $api_dll ]] || die "no published binaries in $state/bin; run without --no-build"

  trap 'fail_start "interrupted"' INT TERM
  local started=$SECONDS pgdir connection
  pgdir=$(mktemp -d "${TMPDIR:-/tmp}/synap-cluster-pg.XXXXXX")
  printf '%s\n' "$pgdir" >"$state/pgdir"
  connection=$("$pg" start "$pgdir") || { rm -f "$state/pgdir"; die "PostgreSQL did not start"; }
  (umask 077 && printf '%s\n' "$key" >"$state/admin-key")
  say "PostgreSQL ready after $((SECONDS - started)) s"
  say "telemetry: OTLP export ${OTEL_EXPORTER_OTLP_ENDPOINT:-off} (protocol ${OTEL_EXPORTER_OTLP_PROTOCOL:-default}), console logs ${Logging__Console__FormatterName:-simple}"

  local common=(ConnectionStrings__Synap="$connection" Orleans__ClusterId="$CLUSTER_ID" Orleans__ServiceId="$SERVICE_ID"
                Synap__AdminKey="$key")
  local first second
  for n in $(nodes_of silo); do
    read -r first second <<<"$(ports_of "$n")"
    launch "$n" "$silo_dll" "${common[@]}" OTEL_SERVICE_NAME=synap-silo Orleans__SiloPort="$first" \
      Orleans__GatewayPort="$second" Orleans__AdvertisedIP=127.0.0.1
    say "$n: pid $(pid_of "$n"), silo port $first, gateway port $second"
  done

  local deadline=$((SECONDS + timeout)) active=0
  until ((active == silos)); do
    for n in $(nodes_of silo); do alive "$n" || fail_start "$n exited during start-up"; done
    ((SECONDS < deadline)) || fail_start "$active of $silos silos Active in the membership table after ${timeout} s"
    sleep 0.5
    active=$(active_silos "$pgdir")
  done
  say "silos joined: $active of $silos Active in the membership table after $((SECONDS - started)) s"

  for n in $(nodes_of api); do
    read -r first second <<<"$(ports_of "$n")"
    launch "$n" "$api_dll" "${common[@]}" OTEL_SERVICE_NAME=synap-api Orleans__Mode=Client \
      Urls="http://127.0.0.1:$first" Synap__GrpcUrl="http://127.0.0.1:$second"
    say "$n: pid $(pid_of "$n"), http://127.0.0.1:$first (gRPC http://127.0.0.1:$second)"
  done

  local urls=()
  for n in $(nodes_of api); do
    read -r first second <<<"$(ports_of "$n")"
    until [[ $(http_status "http://127.0.0.1:$first/health/ready") == 200 ]]; do
      for p in $(nodes_of silo) $(nodes_of api); do alive "$p" || fail_start "$p exited during start-up"; done
      ((SECONDS < deadline)) || fail_start "$n (http://127.0.0.1:$first/health/ready) not 200 after ${timeout} s"
      sleep 0.5
    done
    urls+=("http://127.0.0.1:$first")
  done

  trap - INT TERM
  say "cluster ready after $((SECONDS - started)) s: ${urls[*]}"
  say "admin key: $key (also in $state/admin-key)"
  say "PostgreSQL: $connection"
  say "logs: $state/logs/   stop with: scripts/cluster.sh stop"
}

# stop_nodes GRACE NAME...: SIGTERM, wait up to GRACE seconds for a graceful exit, then SIGKILL what is left.
stop_nodes() {
  local grace=$1 n pid left; shift
  for n in "$@"; do
    if alive "$n"; then kill -TERM "$(pid_of "$n")"; say "$n: SIGTERM sent (pid $(pid_of "$n"))"; fi
  done
  local deadline=$((SECONDS + grace))
  while :; do
    left=()
    for n in "$@"; do alive "$n" && left+=("$n"); done
    ((${#left[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      for n in "${left[@]}"; do
        pid=$(pid_of "$n"); say "$n: still running after ${grace} s, sending SIGKILL (pid $pid)"; kill -KILL "$pid" || true
      done
      break
    fi
    sleep 0.2
  done
  for n in "$@"; do rm -f "$state/$n.pid"; done
}

# Every node with a pid file, of one kind: what start launched, even if the topology file was lost.
started_nodes() {
  local f
  for f in "$state/$1"[0-9]*.pid; do [[ -e $f ]] && basename "$f" .pid; done
  return 0
}

cmd_stop() {
  # Clients first, then silos (they deactivate grains and persist state), PostgreSQL last.
  stop_nodes 30 $(started_nodes api)
  stop_nodes 30 $(started_nodes silo)
  if [[ -f $state/pgdir ]]; then
    "$pg" stop "$(cat "$state/pgdir")"
    rm -f "$state/pgdir"
  fi
  rm -f "$state/admin-key"
  say "stopped; logs stay in $state/logs"
}

cmd_status() {
  local n all=0 first second
  [[ -n $(topology) ]] || { printf 'no cluster started from %s\n' "$state"; return 1; }
  for n in $(nodes_of silo); do
    read -r first second <<<"$(ports_of "$n")"
    if alive "$n"; then printf '%-6s running  pid %-7s silo 127.0.0.1:%s  gateway 127.0.0.1:%s\n' \
      "$n" "$(pid_of "$n")" "$first" "$second"
    else printf '%-6s stopped\n' "$n"; all=1; fi
  done
  for n in $(nodes_of api); do
    read -r first second <<<"$(ports_of "$n")"
    if alive "$n"; then printf '%-6s running  pid %-7s http://127.0.0.1:%s  gRPC :%s  /health/ready %s\n' \
      "$n" "$(pid_of "$n")" "$first" "$second" "$(http_status "http://127.0.0.1:$first/health/ready")"
    else printf '%-6s stopped\n' "$n"; all=1; fi
  done
  if [[ -f $state/pgdir ]] && "$pg" status "$(cat "$state/pgdir")" 2>/dev/null; then
    eval "$("$pg" env "$(cat "$state/pgdir")")"
    printf '%-6s running  %s  (%s silos Active in membership)\n' pg "$SYNAP_PG_CONNECTION" \
      "$(active_silos "$(cat "$state/pgdir")")"
  else printf '%-6s stopped\n' pg; all=1; fi
  if [[ -f $state/admin-key ]]; then printf 'admin key in %s\n' "$state/admin-key"; fi
  printf 'logs in %s/logs\n' "$state"
  return "$all"
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
