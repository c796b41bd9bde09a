#!/usr/bin/env bash
# An import killed in the middle (SIGKILL: no handler, no rollback by the
# program) leaves nothing behind: the all-or-nothing import is one
# transaction, so the database opens, is sound, holds none of the file's
# values and no applied import; the same file then imports whole.
#
#   tests/cli/import_crash.sh BOUSSOLE WORK_DIRECTORY sqlite|postgresql [ROWS]
#
# The kill comes when the database shows the import's write transaction open,
# and still open half a second later: on SQLite, the write lock held (BEGIN IMMEDIATE from
# another connection fails); on PostgreSQL, the import's session holding the
# lock that inserting into data_value_history takes, so values are written.
# If the import finishes before the kill lands, the test fails rather than
# pass without having tested anything: give it more ROWS (60 000 on SQLite,
# 25 000 on PostgreSQL by default, several seconds of work on either).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
boussole=${1:?programme boussole attendu}
work=${2:?dossier de travail attendu}
backend=${3:?sqlite ou postgresql attendu}
rows=${4:-}
# shellcheck source=scripts/temporary-postgres.sh
source "$here/../../scripts/temporary-postgres.sh"

fail() {
  echo "ÉCHEC (arrêt brutal, $backend) : $*" >&2
  for log in "$work"/import-*.txt; do
    [[ -f $log ]] && { echo "--- $(basename "$log") :" >&2; tail -20 "$log" >&2; }
  done
  exit 1
}

cleanup() {
  if [[ -n ${import_pid:-} ]]; then kill -9 "$import_pid" 2>/dev/null || true; fi
  stop_temporary_postgres
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work"
case $backend in
sqlite)
  command -v sqlite3 >/dev/null || fail "« sqlite3 » manque : lancez make setup."
  database=sqlite:$work/boussole.db
  rows=${rows:-60000}
  sql() { sqlite3 "$work/boussole.db" "$1"; }
  writing() { ! sqlite3 -cmd ".timeout 0" "$work/boussole.db" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
  ;;
postgresql)
  start_temporary_postgres fast || fail "le serveur PostgreSQL de test n'a pas démarré"
  postgres_sql postgres "CREATE DATABASE boussole TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
  database=$(postgres_url boussole)
  rows=${rows:-25000}
  sql() { postgres_sql boussole "$1"; }
  writing() {
    [[ $(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
              WHERE c.relname = 'data_value_history' AND l.mode = 'RowExclusiveLock' AND l.granted
                AND l.pid <> pg_backend_pid()") != 0 ]]
  }
  ;;
*) fail "moteur « $backend » inconnu : sqlite ou postgresql" ;;
esac

"$boussole" init --db "$database" >/dev/null
values_before=$(sql "SELECT count(*) FROM data_values")
history_before=$(sql "SELECT count(*) FROM data_value_history")
file=$work/valeurs.csv
bash "$here/../../scripts/generate-values-csv.sh" "$rows" "$file"

# Starts importing the file in the background (output in import-$1.txt) and
# returns once the import is writing, and still writing half a second later.
start_import_and_wait_for_writes() {
  "$boussole" import "$file" --db "$database" >"$work/import-$1.txt" 2>&1 &
  import_pid=$!
  started=$SECONDS
  until writing && sleep 0.5 && writing; do
    kill -0 "$import_pid" 2>/dev/null || return 0
    ((SECONDS - started < 60)) || fail "l'import n'écrit toujours pas après 60 s"
    sleep 0.02
  done
}

# Nothing of the file in the database, which is sound.
expect_nothing_written() {
  [[ $(sql "SELECT count(*) FROM data_values") == "$values_before" ]] || fail "des valeurs de l'import $1 sont restées"
  [[ $(sql "SELECT count(*) FROM data_value_history") == "$history_before" ]] ||
    fail "des versions de l'import $1 sont restées"
  [[ $(sql "SELECT count(*) FROM data_values WHERE origin = 'import'") == 0 ]] || fail "des valeurs importées sont restées"
  [[ $(sql "SELECT count(*) FROM imports WHERE status = 'applied'") == 0 ]] || fail "l'import $1 est enregistré comme appliqué"
}

# The kill, once the import is busy writing in its open transaction.
start_import_and_wait_for_writes tue
kill -9 "$import_pid" 2>/dev/null || true
status=0
wait "$import_pid" || status=$?
import_pid=
[[ $status == 137 ]] ||
  fail "l'import s'est terminé (code $status) avant d'être tué : rien n'a été testé. Relancez avec plus de lignes que $rows."
grep -q "Import n°" "$work/import-tue.txt" && fail "l'import a eu le temps d'écrire son compte rendu avant d'être tué"
echo "Import de $rows lignes tué en pleine écriture, $((SECONDS - started)) s après son lancement."

# What the killed import left.
case $backend in
sqlite)
  integrity=$(sql "PRAGMA integrity_check")
  [[ $integrity == ok ]] || fail "PRAGMA integrity_check : $integrity"
  ;;
postgresql)
  # The server rolls back the transaction of a client that is gone; its
  # backend ends as soon as it notices.
  for _ in $(seq 300); do
    [[ $(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = 'boussole' AND pid <> pg_backend_pid()") == 0 ]] &&
      break
    sleep 0.1
  done
  "$postgres_bin/pg_amcheck" -h "$postgres_directory" -U postgres -d boussole --install-missing --heapallindexed \
    >"$work/amcheck.txt" 2>&1 || fail "pg_amcheck : $(cat "$work/amcheck.txt")"
  ;;
esac
expect_nothing_written tué

if [[ $backend == postgresql ]]; then
  # The server drops the import's connection in the middle: the command says
  # so in French and exits with 2 (database unreachable), nothing written.
  start_import_and_wait_for_writes coupe
  sql "SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
       WHERE c.relname = 'data_value_history' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()" >/dev/null
  status=0
  wait "$import_pid" || status=$?
  import_pid=
  [[ $status == 2 ]] || fail "import à la connexion coupée : code de sortie $status, attendu 2"
  grep -q "a échoué pendant l'import" "$work/import-coupe.txt" || fail "import à la connexion coupée : pas de message"
  cat "$work/import-coupe.txt"
  expect_nothing_written "à la connexion coupée"
fi

# The same file, to the end this time.
"$boussole" import "$file" --db "$database" >"$work/import-complet.txt" 2>&1 || fail "l'import complet a échoué"
grep -q "appliqué (mode tout ou rien)" "$work/import-complet.txt" || fail "l'import complet n'est pas appliqué"
[[ $(sql "SELECT count(*) FROM data_values WHERE origin = 'import'") == "$rows" ]] ||
  fail "l'import complet n'a pas écrit $rows valeurs"
[[ $(sql "SELECT status || ' ' || values_written FROM imports") == "applied $rows" ]] ||
  fail "l'import complet n'est pas enregistré comme appliqué avec $rows valeurs : $(sql "SELECT * FROM imports")"
rm -rf "$work"
echo "import_crash ($backend) : ok"
