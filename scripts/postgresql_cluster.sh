#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, listening only on a Unix socket in
# that folder (no TCP port at all), started and stopped by the calling user (or, when that is root, by the
# unprivileged "postgres" user Debian's package creates, since PostgreSQL refuses to run as root).
#
#   eval "$(scripts/postgresql_cluster.sh start)"   start one; exports TILLITSLEDER_TEST_POSTGRESQL (an admin URL)
#                                                   and TILLITSLEDER_TEST_POSTGRESQL_DIR
#   scripts/postgresql_cluster.sh stop [DIR]        stop it and delete its folder (DIR defaults to the exported one)
#
# The admin role "tillitsleder_admin" connects without a password over the socket (trust, socket only); every other
# role must give its password (scram-sha-256), so logins made by `tillitsleder server add-user` are tested for real.
# Needs Debian's postgresql package (apt install postgresql); bootstrap.sh installs it.
set -euo pipefail
action=${1:-}

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  echo "PostgreSQL's initdb was not found: apt install postgresql" >&2
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
  bin=$(find_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/tillitsleder-pg.XXXXXX")
  chmod 0755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U tillitsleder_admin -A scram-sha-256 --auth-local=trust \
    -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >"$dir/data/pg_hba.conf" <<'EOF'
local all tillitsleder_admin trust
local all all scram-sha-256
EOF
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "export TILLITSLEDER_TEST_POSTGRESQL='postgresql://tillitsleder_admin@/postgres?host=$dir'"
  echo "export TILLITSLEDER_TEST_POSTGRESQL_DIR='$dir'"
  ;;
stop)
  dir=${2:-${TILLITSLEDER_TEST_POSTGRESQL_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
  bin=$(find_bin)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start | stop [DIR]" >&2
  exit 2
  ;;
esac
