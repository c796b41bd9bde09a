#!/usr/bin/env bash
# Rows per second of `boussole import` on a file of ROWS values as a French
# spreadsheet writes it (scripts/generate-values-csv.sh: BOM, semicolons,
# decimal commas, CRLF), into a fresh SQLite database and a fresh PostgreSQL
# database, side by side with each engine loading the same file raw in the
# same run: sqlite3's .import and psql's \copy (COPY FROM STDIN) into a plain
# table of the file's five columns, as text, without index. Prints the rates
# and the ratios Boussole/reference. Not a test: nothing fails on a timing.
#
#   bench/ingest.sh [path/to/boussole]      (make bench-ingest builds first)
#   ROWS=100000 bench/ingest.sh             (500 000 by default)
#
# Both engines run as they would in production: SQLite in WAL mode with
# synchronous=NORMAL (Boussole's settings, given to sqlite3 too), PostgreSQL
# with its default durability (fsync and synchronous commit on), on a
# throwaway server in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
boussole=${1:-build/src/cli/boussole}
rows=${ROWS:-500000}
# shellcheck source=scripts/temporary-postgres.sh
source scripts/temporary-postgres.sh

command -v sqlite3 >/dev/null || { echo "« sqlite3 » manque : lancez make setup." >&2; exit 1; }
[[ -x $boussole ]] || { echo "« $boussole » introuvable : lancez make build." >&2; exit 1; }

work=$(mktemp -d /tmp/boussole-bench-ingest.XXXXXX)
cleanup() {
  stop_temporary_postgres
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
# Seconds since $1, and rows per second for $2 seconds.
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.3f", end - start }'; }
rate() { awk -v rows="$rows" -v seconds="$1" 'BEGIN { printf "%.0f", rows / seconds }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

file=$work/valeurs.csv
bash scripts/generate-values-csv.sh "$rows" "$file"
mebibytes=$(awk -v bytes="$(wc -c <"$file")" 'BEGIN { printf "%.1f", bytes / 1048576 }')
max_mib=$(awk -v bytes="$(wc -c <"$file")" 'BEGIN { printf "%d", bytes / 1048576 + 2 }')
((max_mib > 50)) || max_mib=50
echo "Fichier : $rows lignes, $mebibytes Mio ($file)" >&2

plain_table="CREATE TABLE valeurs (donnee TEXT, territoire TEXT, periode TEXT, valeur TEXT, commentaire TEXT)"

# Runs boussole import on DATABASE and checks that it wrote every row.
boussole_import() {
  "$boussole" import "$file" --db "$1" --max-size "$max_mib" >"$work/import.txt" 2>&1 ||
    { cat "$work/import.txt" >&2; echo "l'import Boussole a échoué" >&2; exit 1; }
  grep "Lignes lues" "$work/import.txt" >&2
}

# SQLite: Boussole, then sqlite3 .import into a plain table.
echo "== SQLite : boussole import" >&2
"$boussole" init --db "sqlite:$work/boussole.db" >/dev/null
start=$(now)
boussole_import "sqlite:$work/boussole.db"
boussole_sqlite=$(since "$start")
imported=$(sqlite3 "$work/boussole.db" "SELECT count(*) FROM data_values WHERE origin = 'import'")
[[ $imported == "$rows" ]] || { echo "Boussole a écrit $imported valeurs sur $rows" >&2; exit 1; }

echo "== SQLite : sqlite3 .import" >&2
sqlite3 "$work/reference.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; $plain_table" >/dev/null
start=$(now)
sqlite3 "$work/reference.db" "PRAGMA synchronous=NORMAL" ".mode csv" ".separator ;" \
  ".import --skip 1 $file valeurs"
reference_sqlite=$(since "$start")
loaded=$(sqlite3 "$work/reference.db" "SELECT count(*) FROM valeurs")
[[ $loaded == "$rows" ]] || { echo "sqlite3 a chargé $loaded lignes sur $rows" >&2; exit 1; }

# PostgreSQL: the same on one throwaway server.
echo "== PostgreSQL : boussole import" >&2
start_temporary_postgres durable
for database in boussole reference; do
  postgres_sql postgres "CREATE DATABASE $database TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
done
"$boussole" init --db "$(postgres_url boussole)" >/dev/null
start=$(now)
boussole_import "$(postgres_url boussole)"
boussole_postgres=$(since "$start")
imported=$(postgres_sql boussole "SELECT count(*) FROM data_values WHERE origin = 'import'")
[[ $imported == "$rows" ]] || { echo "Boussole a écrit $imported valeurs sur $rows" >&2; exit 1; }

echo "== PostgreSQL : psql \\copy (COPY FROM STDIN)" >&2
postgres_sql reference "$plain_table"
start=$(now)
"$postgres_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$postgres_directory" -U postgres -d reference \
  -c "\\copy valeurs FROM '$file' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'UTF8')"
reference_postgres=$(since "$start")
loaded=$(postgres_sql reference "SELECT count(*) FROM valeurs")
[[ $loaded == "$rows" ]] || { echo "COPY a chargé $loaded lignes sur $rows" >&2; exit 1; }

echo
printf '%-11s %9s %10s   %s\n' Moteur Secondes Lignes/s Chargement
printf '%-11s %9s %10s   %s\n' SQLite "$boussole_sqlite" "$(rate "$boussole_sqlite")" "boussole import"
printf '%-11s %9s %10s   %s\n' SQLite "$reference_sqlite" "$(rate "$reference_sqlite")" "sqlite3 .import (référence)"
printf '%-11s %9s %10s   %s\n' PostgreSQL "$boussole_postgres" "$(rate "$boussole_postgres")" "boussole import"
printf '%-11s %9s %10s   %s\n' PostgreSQL "$reference_postgres" "$(rate "$reference_postgres")" "psql \\copy (référence)"
echo
for engine in SQLite PostgreSQL; do
  if [[ $engine == SQLite ]]; then mine=$boussole_sqlite reference=$reference_sqlite; else
    mine=$boussole_postgres reference=$reference_postgres; fi
  printf 'Rapport Boussole/référence %-10s : %s (la référence va %s fois plus vite)\n' "$engine" \
    "$(ratio "$reference" "$mine")" "$(awk -v a="$mine" -v b="$reference" 'BEGIN { printf "%.0f", a / b }')"
done
echo "($rows lignes, $mebibytes Mio, même machine, même exécution ; boussole import compte aussi le démarrage du" \
  "programme, la lecture du catalogue et les contrôles de chaque ligne)"
