# shellcheck shell=bash
# Sourced by the shell tests and benchmarks that need PostgreSQL: a throwaway
# server in a temporary directory, started as tests/support/postgres_server.cpp
# starts one (initdb, trust authentication, UTF-8 and the C locale; as the
# "postgres" user when run as root, since PostgreSQL refuses to run as root).
# It listens on a Unix socket in its own directory only, so that it never
# competes for a TCP port.
#
#   source scripts/temporary-postgres.sh
#   start_temporary_postgres [fast|durable]
#       fast (the default): fsync, full-page writes and synchronous commit off,
#       as the C++ tests run; durable: the server's defaults.
#       Sets postgres_directory and postgres_bin.
#   postgres_url DATABASE          the URL Boussole and psql take
#   postgres_sql DATABASE SQL      runs SQL as the superuser, prints rows unaligned
#   restart_temporary_postgres     stops the server (fast: sessions cut) and starts it again
#   stop_temporary_postgres        stops the server and removes its directory
#
# The caller stops the server, usually in its EXIT trap.

postgres_directory=
postgres_bin=
postgres_options=

as_postgres_user() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_temporary_postgres() {
  local settings=${1:-fast}
  # Debian keeps initdb off the PATH, in /usr/lib/postgresql/<version>/bin.
  postgres_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [[ ! -x $postgres_bin/initdb ]] && command -v initdb >/dev/null; then
    postgres_bin=$(dirname "$(command -v initdb)")
  fi
  if [[ ! -x $postgres_bin/initdb ]]; then
    echo "PostgreSQL (initdb) introuvable : lancez make setup." >&2
    return 1
  fi
  if [[ $(id -u) == 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "Lancé en root sans utilisateur « postgres » : installez le paquet postgresql (make setup)." >&2
    return 1
  fi
  postgres_directory=$(mktemp -d /tmp/boussole-postgres.XXXXXX)
  chmod 700 "$postgres_directory"
  [[ $(id -u) == 0 ]] && chown postgres: "$postgres_directory"

  local options="-c listen_addresses='' -k $postgres_directory -c max_connections=50"
  [[ $settings == fast ]] && options+=" -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
  postgres_options=$options
  if ! as_postgres_user "$postgres_bin/initdb" -D "$postgres_directory/data" -U postgres -A trust -E UTF8 \
      --locale=C --no-sync >"$postgres_directory/initdb.log" 2>&1; then
    cat "$postgres_directory/initdb.log" >&2
    return 1
  fi
  if ! as_postgres_user "$postgres_bin/pg_ctl" -D "$postgres_directory/data" -l "$postgres_directory/server.log" \
      -w -t 60 -o "$options" start >/dev/null; then
    tail -20 "$postgres_directory/server.log" >&2
    return 1
  fi
}

postgres_url() { echo "postgresql://postgres@/${1:?base attendue}?host=$postgres_directory"; }

postgres_sql() {
  "$postgres_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$postgres_directory" -U postgres -d "${1:?base attendue}" \
    -c "${2:?requête attendue}"
}

restart_temporary_postgres() {
  as_postgres_user "$postgres_bin/pg_ctl" -D "$postgres_directory/data" -l "$postgres_directory/server.log" \
    -m fast -w -t 60 -o "$postgres_options" restart >/dev/null
}

stop_temporary_postgres() {
  [[ -n $postgres_directory && -d $postgres_directory ]] || return 0
  if [[ -f $postgres_directory/data/postmaster.pid ]]; then
    as_postgres_user "$postgres_bin/pg_ctl" -D "$postgres_directory/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_postgres_user "$postgres_bin/pg_ctl" -D "$postgres_directory/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$postgres_directory"
  postgres_directory=
}
