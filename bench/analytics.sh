#!/usr/bin/env bash
# The live analytics, measured side by side with references in one run:
#   1. computing every indicator for every territory and every month,
#      quarter and year, with equity statistics, on the national-scale
#      dataset (101 departments, 150 elements × 4 disaggregations, 120 months:
#      7.3 million values), against PostgreSQL and SQLite doing the same
#      aggregation in SQL (GROUP BY with the region roll-up) and against a
#      tight loop reading the same values once from memory (the floor);
#   2. the resident memory of that dataset;
#   3. freshness: from POST /api/v1/data-values returning to the value in the
#      national aggregate, on one node (SQLite) and across two nodes sharing
#      PostgreSQL;
#   4. requests per second on the department dashboard JSON endpoint against
#      nginx serving a static file of the same bytes (wrk).
# Prints the ratios. Not a test: nothing fails on a timing.
#
#   bench/analytics.sh [path/to/boussole] [path/to/boussole-bench-analytics]
#   (make bench-analytics builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
boussole=${1:-build/src/cli/boussole}
bench=${2:-build/bench/boussole-bench-analytics}
share=${BOUSSOLE_SHARE_DIR:-$(dirname "$(dirname "$(dirname "$boussole")")")/share}
# shellcheck source=bench/common.sh
source bench/common.sh
# shellcheck source=scripts/temporary-postgres.sh
source scripts/temporary-postgres.sh

for tool in wrk nginx curl sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "« $tool » manque : lancez make setup." >&2; exit 1; }
done
[[ -x $boussole && -x $bench ]] || { echo "programmes introuvables : lancez make bench-analytics." >&2; exit 1; }

work=$(mktemp -d /tmp/boussole-bench-analytics.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_nginx
  wait 2>/dev/null || true
  stop_temporary_postgres
  rm -rf "$work"
}
trap cleanup EXIT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
# The timings below are the engines' own (sqlite3 .timer, psql \timing).
field() { awk -v key="$1" '$1 == key { print $2 }' "$work/compute.txt"; }

echo "== 1. Calcul de tous les indicateurs (cube en mémoire)" >&2
"$bench" compute | tee "$work/compute.txt" >&2
floor_s=$(field plancher_s)
boussole_s=$(field calcul_s)

# The same aggregation in SQL, for each period type: elements summed over
# their disaggregations (a flow needs every sub-period), indicator = Σ
# numerator / Σ denominator of the departments reporting both, per
# department, region and nation, then the spread across departments.
aggregation_sql() {
  local per=$1
  cat <<SQL
WITH el AS (
  SELECT e, d, r, m / $per AS p, SUM(value) AS v FROM v GROUP BY e, d, r, m / $per HAVING COUNT(*) = 4 * $per
), pairs AS (
  SELECT a.e AS i, a.d, a.r, a.p, a.v AS num, b.v AS den
  FROM el a JOIN el b ON b.e = (a.e + 1) % 150 AND b.d = a.d AND b.p = a.p
), agg AS (
  SELECT i, d AS t, p, SUM(num) AS num, SUM(den) AS den FROM pairs GROUP BY i, d, p
  UNION ALL SELECT i, 1000 + r, p, SUM(num), SUM(den) FROM pairs GROUP BY i, r, p
  UNION ALL SELECT i, -1, p, SUM(num), SUM(den) FROM pairs GROUP BY i, p
), ratios AS (
  SELECT i, t, p, CASE WHEN den <> 0 THEN num * 1000.0 / den END AS x FROM agg
), equity AS (
  SELECT i, p, AVG(x) AS mean, AVG(x * x) - AVG(x) * AVG(x) AS variance FROM ratios WHERE t >= 0 AND t < 1000 GROUP BY i, p
)
SELECT (SELECT COUNT(*) FROM ratios) AS figures, (SELECT SUM(variance) FROM equity) AS spread;
SQL
}

"$bench" csv "$work/values.csv"
echo "Jeu de données : $(wc -l <"$work/values.csv") valeurs" >&2

echo "== SQLite" >&2
{
  echo "CREATE TABLE v (e INTEGER, k INTEGER, d INTEGER, r INTEGER, m INTEGER, value REAL);"
  echo ".mode csv"
  echo ".import $work/values.csv v"
} | sqlite3 "$work/reference.db"
sqlite_s=0
for per in 1 3 12; do
  seconds=$({ echo ".timer on"; aggregation_sql "$per"; } | sqlite3 "$work/reference.db" 2>&1 |
    tee -a "$work/sqlite.txt" | awk '/Run Time/ { print $4 }')
  sqlite_s=$(awk -v a="$sqlite_s" -v b="$seconds" 'BEGIN { print a + b }')
done
cat "$work/sqlite.txt" >&2

echo "== PostgreSQL" >&2
start_temporary_postgres durable
postgres_sql postgres "CREATE DATABASE reference" >/dev/null
postgres_sql reference "CREATE TABLE v (e integer, k integer, d integer, r integer, m integer, value double precision)" >/dev/null
chmod a+r "$work/values.csv"
chmod a+x "$work"
postgres_sql reference "COPY v FROM '$work/values.csv' WITH (FORMAT csv)" >/dev/null
postgres_sql reference "ANALYZE v" >/dev/null
postgres_s=0
for per in 1 3 12; do
  milliseconds=$({ echo "SET work_mem = '1GB';"; echo '\timing on'; aggregation_sql "$per"; } |
    "$postgres_bin/psql" -X -q -h "$postgres_directory" -U postgres -d reference 2>&1 | tee -a "$work/postgres.txt" |
    awk '/^Time:/ { value = $2 } END { print value }')
  postgres_s=$(awk -v a="$postgres_s" -v b="$milliseconds" 'BEGIN { print a + b / 1000 }')
done
cat "$work/postgres.txt" >&2
rm -f "$work/values.csv" "$work/reference.db"

echo "== 3. Fraîcheur" >&2
"$boussole" init --demo --db "sqlite:$work/node.db" --share-dir "$share" >/dev/null
port=$(free_port)
"$boussole" serve --db "sqlite:$work/node.db" --share-dir "$share" --port "$port" --log-level warn &
pids+=($!)
wait_for "http://127.0.0.1:$port/api/v1/openapi.json" 300
read -r fresh_median fresh_worst < <(python3 bench/freshness.py "$port" "$port" 50)

postgres_sql postgres "CREATE DATABASE nodes" >/dev/null
url=$(postgres_url nodes)
"$boussole" init --demo --db "$url" --share-dir "$share" >/dev/null
port_a=$(free_port)
port_b=$(free_port)
"$boussole" serve --db "$url" --share-dir "$share" --port "$port_a" --log-level warn &
pids+=($!)
"$boussole" serve --db "$url" --share-dir "$share" --port "$port_b" --log-level warn &
pids+=($!)
wait_for "http://127.0.0.1:$port_a/api/v1/openapi.json" 300
wait_for "http://127.0.0.1:$port_b/api/v1/openapi.json" 300
read -r nodes_median nodes_worst < <(python3 bench/freshness.py "$port_a" "$port_b" 50)

echo "== 4. HTTP : tableau de bord départemental (JSON) contre nginx" >&2
dashboard="http://127.0.0.1:$port/api/v1/analytics/dashboard/DEP-33"
mkdir -p "$work/www"
curl -fs "$dashboard" >"$work/www/dashboard.json"
nginx_port=$(start_static_nginx)
wait_for "http://127.0.0.1:$nginx_port/dashboard.json"
boussole_rate=$(wrk_rate "$dashboard")
nginx_rate=$(wrk_rate "http://127.0.0.1:$nginx_port/dashboard.json")

cat <<REPORT

Calcul de tous les indicateurs, tous territoires, mois/trimestres/années, avec équité ($(field valeurs) valeurs) :
  Boussole ${boussole_s} s   PostgreSQL ${postgres_s} s   SQLite ${sqlite_s} s   plancher mémoire ${floor_s} s
  PostgreSQL/Boussole : $(ratio "$postgres_s" "$boussole_s")×   SQLite/Boussole : $(ratio "$sqlite_s" "$boussole_s")×   Boussole/plancher : $(ratio "$boussole_s" "$floor_s")×
Mémoire : cube $(field memoire_cube_mio) Mio, résident $(field memoire_residente_mio) Mio
Fraîcheur (médiane / pire, ms) : un nœud ${fresh_median} / ${fresh_worst}   deux nœuds PostgreSQL ${nodes_median} / ${nodes_worst}
HTTP tableau de bord DEP-33 ($(wc -c <"$work/www/dashboard.json") octets) : Boussole ${boussole_rate} req/s   nginx ${nginx_rate} req/s   rapport $(awk -v a="$boussole_rate" -v b="$nginx_rate" 'BEGIN { printf "%.2f", a / b }')
REPORT
