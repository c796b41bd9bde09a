#!/usr/bin/env bash
# Two `boussole serve` nodes sharing one PostgreSQL database: a value written
# through one is in the national aggregate of the other within a second
# (LISTEN/NOTIFY), and after the database restarts in the middle (every
# session cut, the listeners' included) a value written then still reaches
# the other node: it catches up from the change sequence, nothing is missed.
#
#   tests/cli/two_nodes.sh BOUSSOLE SHARE_DIR WORK_DIRECTORY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
boussole=${1:?programme boussole attendu}
share=${2:?dossier share attendu}
work=${3:?dossier de travail attendu}
# shellcheck source=scripts/temporary-postgres.sh
source "$here/../../scripts/temporary-postgres.sh"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_temporary_postgres
}
trap cleanup EXIT
fail() {
  echo "ÉCHEC (deux nœuds) : $*" >&2
  for log in "$work"/node-*.log; do [[ -f $log ]] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
  exit 1
}

rm -rf "$work"
mkdir -p "$work"
start_temporary_postgres fast || fail "le serveur PostgreSQL de test n'a pas démarré"
postgres_sql postgres "CREATE DATABASE nodes" >/dev/null
url=$(postgres_url nodes)
"$boussole" init --demo --db "$url" --share-dir "$share" >"$work/init.log" 2>&1 || fail "init : $(tail -5 "$work/init.log")"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
start_node() {
  local port=$1
  "$boussole" serve --db "$url" --share-dir "$share" --port "$port" --log-level warn >"$work/node-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    curl -fso /dev/null "http://127.0.0.1:$port/api/v1/openapi.json" && return 0
    sleep 0.1
  done
  fail "le nœud $port ne répond pas"
}
client() { node "$here/analytics_client.mjs" "$@"; }

port_a=$(free_port)
start_node "$port_a"
port_b=$(free_port)
start_node "$port_b"

# Written through A, read on A at once and on B within a second.
client "$port_a" write 41 || fail "écriture sur A"
client "$port_a" wait 41 0 || fail "A ne voit pas sa propre écriture dès le retour de la requête"
client "$port_b" wait 41 1 || fail "B ne voit pas l'écriture de A en moins d'une seconde"

# The database restarts: every connection is cut, B's listener with them.
restart_temporary_postgres || fail "le redémarrage de PostgreSQL a échoué"
client "$port_a" write 42 || fail "écriture sur A après le redémarrage"
client "$port_b" wait 42 10 || fail "B n'a pas rattrapé l'écriture faite après le redémarrage"
# And the other way round, once both have reconnected.
client "$port_b" write 43 || fail "écriture sur B"
client "$port_a" wait 43 1 || fail "A ne voit pas l'écriture de B en moins d'une seconde"
echo "deux nœuds : écritures vues de l'autre nœud, y compris après un redémarrage de PostgreSQL"
