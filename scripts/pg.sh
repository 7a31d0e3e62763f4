#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and local clusters; never touches the machine's own clusters.
#
# usage: scripts/pg.sh install                 install Debian's PostgreSQL when its binaries are missing
#        scripts/pg.sh start DIR [PORT]        (install,) init (if needed) and start a cluster in DIR on 127.0.0.1:PORT
#                                              (PORT omitted or 0: a free port); prints the app connection string
#        scripts/pg.sh env DIR                 print `export` lines: SYNAP_PG_PORT, SYNAP_PG_CONNECTION (role and
#                                              database `synap`), SYNAP_TEST_POSTGRES (superuser, may CREATE DATABASE)
#        scripts/pg.sh status DIR              exit 0 when the cluster in DIR is running
#        scripts/pg.sh psql DIR [PSQL ARGS]    psql as `synap` over TCP
#        scripts/pg.sh stop DIR                stop it (pg_ctl stop -m fast) and delete DIR
#
# DIR must be absent, empty, or made by this script; the postgres OS user must be able to reach it (a dir
# under /tmp works; mktemp -d is the usual choice). Auth is trust on loopback only: test use, never production.
# Environment: PG_BIN (bin dir to use), PG_MAX_CONNECTIONS (default 300).
set -euo pipefail

readonly MARKER=.synap-pg
readonly APP_ROLE=synap APP_DB=synap SUPERUSER=postgres

die() { printf 'pg.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'pg.sh: %s\n' "$*" >&2; }
usage() { sed -n '4,11s/^# \{0,1\}//p' "$0" >&2; exit 2; }

find_bin() {
  if [[ -n ${PG_BIN:-} ]]; then
    [[ -x $PG_BIN/initdb ]] || die "PG_BIN=$PG_BIN has no initdb"
    printf '%s\n' "$PG_BIN"; return
  fi
  local d best=
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb && -x $d/pg_ctl ]] && best=$d
  done
  # Prefer 15 (what production and docker-compose run); otherwise the newest installed.
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] && best=/usr/lib/postgresql/15/bin
  [[ -n $best ]] || return 1
  printf '%s\n' "$best"
}

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "PostgreSQL is missing and installing it needs root (or sudo): $*"
  fi
}

install_pg() {
  if find_bin >/dev/null; then
    say "PostgreSQL binaries present: $(find_bin)"
  else
    command -v apt-get >/dev/null || die "PostgreSQL binaries not found under /usr/lib/postgresql and apt-get is unavailable"
    say "PostgreSQL binaries not found; installing Debian's postgresql-15 (or postgresql) ..."
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -qq -o Dpkg::Use-Pty=0)
    as_root "${apt[@]}" update >/dev/null || die "apt-get update failed"
    as_root "${apt[@]}" install -y --no-install-recommends postgresql-15 >/dev/null 2>&1 \
      || as_root "${apt[@]}" install -y --no-install-recommends postgresql >/dev/null \
      || die "apt-get install postgresql failed"
    find_bin >/dev/null || die "PostgreSQL installed but no initdb under /usr/lib/postgresql/*/bin"
    say "installed PostgreSQL: $(find_bin)"
  fi
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres || die "cannot create the postgres user"
  fi
}

# initdb and postgres refuse to run as root: as root, run them as the postgres OS user from a dir it can read.
as_owner() {
  if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@")
  else (cd / && "$@")
  fi
}

need_dir() {
  [[ -n ${1:-} ]] || usage
  DIR=$(realpath -m -- "$1")
  [[ $DIR != / ]] || die "refusing to use / as DIR"
  DATA=$DIR/data SOCK=$DIR/sock LOG=$DIR/postgres.log
}

ours() { [[ -f $DIR/$MARKER ]]; }
port_of() { cat "$DIR/port" 2>/dev/null || die "$DIR holds no cluster made by pg.sh (no $DIR/port)"; }
running() { ours && [[ -f $DATA/postmaster.pid ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

app_connection() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' "$1" "$APP_DB" "$APP_ROLE" "$APP_ROLE"; }
admin_connection() { printf 'Host=127.0.0.1;Port=%s;Database=postgres;Username=%s\n' "$1" "$SUPERUSER"; }

free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    port_busy "$p" || { printf '%s\n' "$p"; return; }
  done
  die "no free TCP port found on 127.0.0.1"
}

init_cluster() {
  local port=$1
  # The unix socket path is limited to 107 bytes; the socket is $SOCK/.s.PGSQL.PORT.
  (( ${#SOCK} + 20 < 107 )) || die "DIR path too long for a unix socket dir ($SOCK); use a shorter DIR, e.g. mktemp -d"
  mkdir -p "$DIR" "$SOCK"
  touch "$DIR/$MARKER"
  printf '%s\n' "$port" >"$DIR/port"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres: "$DIR"
    runuser -u postgres -- test -w "$DIR" \
      || die "user postgres cannot write $DIR (a parent dir is not traversable?); use a dir under /tmp"
  fi
  as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1 \
    || { tail -n 20 "$DIR/initdb.log" >&2; die "initdb failed (log: $DIR/initdb.log)"; }
  cat >>"$DATA/postgresql.conf" <<EOF

# pg.sh: throwaway test cluster, loopback only, durability off for speed
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$SOCK'
max_connections = ${PG_MAX_CONNECTIONS:-300}
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  # Trust only on loopback: initdb -A trust also admits ::1, which listen_addresses already excludes.
  cat >"$DATA/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF
}

cmd_start() {
  need_dir "${1:-}"
  local want=${2:-0}
  [[ $want =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$want'"
  find_bin >/dev/null || install_pg
  BIN=$(find_bin)

  if running; then
    [[ $want == 0 || $want == "$(port_of)" ]] || die "$DIR already runs a cluster on port $(port_of), not $want"
    say "already running in $DIR on port $(port_of)"
    app_connection "$(port_of)"; return
  fi
  if [[ -d $DIR ]] && ! ours && [[ -n $(ls -A "$DIR") ]]; then
    die "$DIR is not empty and was not made by pg.sh; refusing to use it"
  fi

  local port tries=1
  [[ $want == 0 ]] && tries=3
  for ((i = 1; i <= tries; i++)); do
    if [[ -f $DATA/PG_VERSION ]]; then
      port=$(port_of)                       # a stopped cluster of ours: start it again on its port
      [[ $want == 0 || $want == "$port" ]] || die "$DIR holds a cluster on port $port, not $want"
    else
      if [[ $want == 0 ]]; then port=$(free_port); else port=$want; fi
      rm -rf "$DATA"                        # leftovers of an initdb that failed half-way
      port_busy "$port" && die "port $port on 127.0.0.1 is already in use"
      init_cluster "$port"
    fi
    if as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 2>&1; then break; fi
    if [[ $i -lt $tries ]] && grep -q 'could not bind\|Address already in use' "$LOG" 2>/dev/null; then
      say "port $port taken meanwhile; retrying on another port"
      rm -rf "$DATA" "$DIR/port"; continue
    fi
    tail -n 20 "$LOG" >&2 || true
    die "PostgreSQL did not start (log: $LOG)"
  done

  local deadline=$((SECONDS + 30))
  until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    ((SECONDS < deadline)) || { tail -n 20 "$LOG" >&2; die "PostgreSQL not ready on 127.0.0.1:$port after 30 s"; }
    sleep 0.2
  done

  # PG15 no longer lets ordinary roles create in `public`: the app role owns its database.
  "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres >/dev/null <<SQL \
    || die "creating role and database '$APP_DB' failed"
SELECT 'CREATE ROLE $APP_ROLE LOGIN CREATEDB PASSWORD ''$APP_ROLE'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') \gexec
SELECT 'CREATE DATABASE $APP_DB OWNER $APP_ROLE'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$APP_DB') \gexec
SQL
  say "running in $DIR on 127.0.0.1:$port (log: $LOG)"
  app_connection "$port"
}

cmd_env() {
  need_dir "${1:-}"
  local port; port=$(port_of)
  printf "export SYNAP_PG_PORT=%s\n" "$port"
  printf "export SYNAP_PG_CONNECTION='%s'\n" "$(app_connection "$port")"
  printf "export SYNAP_TEST_POSTGRES='%s'\n" "$(admin_connection "$port")"
}

cmd_status() {
  need_dir "${1:-}"
  BIN=$(find_bin) || die "PostgreSQL binaries not found"
  if running; then say "running in $DIR on 127.0.0.1:$(port_of)"; else say "not running ($DIR)"; return 1; fi
}

cmd_psql() {
  need_dir "${1:-}"; shift
  BIN=$(find_bin) || die "PostgreSQL binaries not found"
  exec "$BIN/psql" -X -h 127.0.0.1 -p "$(port_of)" -U "$APP_ROLE" -d "$APP_DB" "$@"
}

cmd_stop() {
  need_dir "${1:-}"
  if [[ ! -e $DIR ]]; then say "nothing to stop ($DIR does not exist)"; return; fi
  if ! ours; then
    [[ -z $(ls -A "$DIR") ]] && { rmdir "$DIR"; return; }
    die "$DIR was not made by pg.sh; not touching it"
  fi
  BIN=$(find_bin) || die "PostgreSQL binaries not found; cannot stop the cluster in $DIR"
  if running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -w -t 60 -m fast stop >/dev/null \
      || as_owner "$BIN/pg_ctl" -D "$DATA" -w -t 30 -m immediate stop >/dev/null \
      || die "could not stop PostgreSQL in $DIR (log: $LOG)"
  fi
  rm -rf -- "$DIR"
  say "stopped and removed $DIR"
}

case ${1:-} in
  install) install_pg ;;
  start) shift; cmd_start "$@" ;;
  env) shift; cmd_env "$@" ;;
  status) shift; cmd_status "$@" ;;
  psql) shift; cmd_psql "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
