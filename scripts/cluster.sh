#!/usr/bin/env bash
# The docker-compose topology without Docker, on loopback: PostgreSQL, 2 silos, 2 API nodes (Orleans:Mode=Client).
#
# usage: scripts/cluster.sh start [--no-build]   publish Silo and Api, start everything, wait until both APIs are ready
#        scripts/cluster.sh stop                 SIGTERM the APIs, then the silos, then stop PostgreSQL
#        scripts/cluster.sh status               what runs, on which ports, and whether each API is ready
#
# State (published binaries, logs, pids, admin key) lives in .cluster/ at the repository root, or in
# $SYNAP_CLUSTER_DIR. SYNAP_ADMIN_KEY (>= 32 chars) is used when set, otherwise one is generated.
# SYNAP_CLUSTER_TIMEOUT bounds the start-up wait (seconds, default 90).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${SYNAP_CLUSTER_DIR:-$root/.cluster}
pg=$root/scripts/pg.sh
timeout=${SYNAP_CLUSTER_TIMEOUT:-90}

readonly CLUSTER_ID=synap-local SERVICE_ID=synap
readonly SILOS=(silo1 silo2) APIS=(api1 api2)
# name -> "silo port, gateway port" / "HTTP port, gRPC port"
declare -A SILO_PORTS=([silo1]="11111 30000" [silo2]="11112 30001")
declare -A API_PORTS=([api1]="5000 5001" [api2]="5010 5011")

die() { printf 'cluster.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'cluster.sh: %s\n' "$*"; }
usage() { sed -n '4,6s/^# \{0,1\}//p' "$0" >&2; exit 2; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_status() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

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
  for n in "${SILOS[@]}" "${APIS[@]}"; do
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
# script does not reach it) that gets only the §13 keys given here on top of the environment.
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

cmd_start() {
  local no_build=false
  case ${1:-} in --no-build) no_build=true ;; "") ;; *) usage ;; esac
  [[ $timeout =~ ^[0-9]+$ ]] || die "SYNAP_CLUSTER_TIMEOUT must be a number of seconds"
  command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"

  local n
  for n in "${SILOS[@]}" "${APIS[@]}"; do
    alive "$n" && die "$n already runs (pid $(pid_of "$n")); see: scripts/cluster.sh status"
  done
  if [[ -f $state/pgdir ]] && "$pg" status "$(cat "$state/pgdir")" 2>/dev/null; then
    die "PostgreSQL of a previous cluster still runs; run: scripts/cluster.sh stop"
  fi
  local p ports busy=()
  read -ra ports <<<"${SILO_PORTS[*]} ${API_PORTS[*]}"
  for p in "${ports[@]}"; do if port_busy "$p"; then busy+=("$p"); fi; done
  ((${#busy[@]} == 0)) || die "port(s) ${busy[*]} on 127.0.0.1 already in use (ss -ltnp shows by whom)"

  local key; key=$(admin_key)
  mkdir -p "$state/logs"
  rm -f "$state"/*.pid "$state"/logs/*.log
  $no_build || build
  local silo_dll=$state/bin/silo/Synap.Silo.dll api_dll=$state/bin/api/Synap.Api.dll
  [[ -f $silo_dll && -f $api_dll ]] || die "no published binaries in $state/bin; run without --no-build"

  trap 'fail_start "interrupted"' INT TERM
  local pgdir connection
  pgdir=$(mktemp -d "${TMPDIR:-/tmp}/synap-cluster-pg.XXXXXX")
  printf '%s\n' "$pgdir" >"$state/pgdir"
  connection=$("$pg" start "$pgdir") || { rm -f "$state/pgdir"; die "PostgreSQL did not start"; }
  (umask 077 && printf '%s\n' "$key" >"$state/admin-key")

  local common=(ConnectionStrings__Synap="$connection" Orleans__ClusterId="$CLUSTER_ID" Orleans__ServiceId="$SERVICE_ID"
                Synap__AdminKey="$key")
  local silo_port gateway_port
  for n in "${SILOS[@]}"; do
    read -r silo_port gateway_port <<<"${SILO_PORTS[$n]}"
    launch "$n" "$silo_dll" "${common[@]}" Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" \
      Orleans__AdvertisedIP=127.0.0.1
    say "$n: pid $(pid_of "$n"), silo port $silo_port, gateway port $gateway_port"
  done

  local deadline=$((SECONDS + timeout))
  for n in "${SILOS[@]}"; do
    read -r silo_port gateway_port <<<"${SILO_PORTS[$n]}"
    until port_busy "$gateway_port"; do
      alive "$n" || fail_start "$n exited during start-up"
      ((SECONDS < deadline)) || fail_start "$n's gateway (127.0.0.1:$gateway_port) not listening after ${timeout} s"
      sleep 0.5
    done
  done

  local http_port grpc_port
  for n in "${APIS[@]}"; do
    read -r http_port grpc_port <<<"${API_PORTS[$n]}"
    launch "$n" "$api_dll" "${common[@]}" Orleans__Mode=Client \
      Urls="http://127.0.0.1:$http_port" Synap__GrpcUrl="http://127.0.0.1:$grpc_port"
    say "$n: pid $(pid_of "$n"), http://127.0.0.1:$http_port (gRPC http://127.0.0.1:$grpc_port)"
  done

  for n in "${APIS[@]}"; do
    read -r http_port grpc_port <<<"${API_PORTS[$n]}"
    until [[ $(http_status "http://127.0.0.1:$http_port/health/ready") == 200 ]]; do
      for p in "${SILOS[@]}" "${APIS[@]}"; do alive "$p" || fail_start "$p exited during start-up"; done
      ((SECONDS < deadline)) || fail_start "$n (http://127.0.0.1:$http_port/health/ready) not 200 after ${timeout} s"
      sleep 0.5
    done
  done

  trap - INT TERM
  say "cluster ready: http://127.0.0.1:5000 and http://127.0.0.1:5010"
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

cmd_stop() {
  # Clients first, then silos (they deactivate grains and persist state), PostgreSQL last.
  stop_nodes 30 "${APIS[@]}"
  stop_nodes 30 "${SILOS[@]}"
  if [[ -f $state/pgdir ]]; then
    "$pg" stop "$(cat "$state/pgdir")"
    rm -f "$state/pgdir"
  fi
  rm -f "$state/admin-key"
  say "stopped; logs stay in $state/logs"
}

cmd_status() {
  local n all=0 silo_port gateway_port http_port grpc_port
  for n in "${SILOS[@]}"; do
    read -r silo_port gateway_port <<<"${SILO_PORTS[$n]}"
    if alive "$n"; then printf '%-6s running  pid %-7s silo 127.0.0.1:%s  gateway 127.0.0.1:%s\n' \
      "$n" "$(pid_of "$n")" "$silo_port" "$gateway_port"
    else printf '%-6s stopped\n' "$n"; all=1; fi
  done
  for n in "${APIS[@]}"; do
    read -r http_port grpc_port <<<"${API_PORTS[$n]}"
    if alive "$n"; then printf '%-6s running  pid %-7s http://127.0.0.1:%s  gRPC :%s  /health/ready %s\n' \
      "$n" "$(pid_of "$n")" "$http_port" "$grpc_port" "$(http_status "http://127.0.0.1:$http_port/health/ready")"
    else printf '%-6s stopped\n' "$n"; all=1; fi
  done
  if [[ -f $state/pgdir ]] && "$pg" status "$(cat "$state/pgdir")" 2>/dev/null; then
    eval "$("$pg" env "$(cat "$state/pgdir")")"
    printf '%-6s running  %s\n' pg "$SYNAP_PG_CONNECTION"
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
