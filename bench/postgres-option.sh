# Sourced by the bench scripts that take --postgres (registry.sh, grain-memory.sh), after they set $root and $work:
# bench_args holds the other arguments; start_postgres_if_asked starts a throwaway PostgreSQL (scripts/pg.sh) in
# $work/pg and exports ConnectionStrings__Synap; stop_postgres_if_started stops it (call it from the EXIT trap).
bench_args=()
postgres=false
for arg in "$@"; do
  if [[ $arg == --postgres ]]; then postgres=true; else bench_args+=("$arg"); fi
done

start_postgres_if_asked() {
  $postgres || return 0
  mkdir -p "$work/pg" && chmod 777 "$work" "$work/pg"
  "$root/scripts/pg.sh" start "$work/pg" >/dev/null
  eval "$("$root/scripts/pg.sh" env "$work/pg")"
  export ConnectionStrings__Synap=$SYNAP_PG_CONNECTION
}

stop_postgres_if_started() {
  if $postgres; then "$root/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true; fi
}
