#!/usr/bin/env bash
# Requests per second of GET /api/v1/territories/DEP-33 served by Boussole,
# side by side with nginx serving a static file of the same bytes, measured
# by wrk in the same run on the same machine. Prints both and their ratio.
# Not a test: nothing fails on a timing.
#
#   bench/http.sh [path/to/boussole]   (make bench builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
boussole=${1:-build/src/cli/boussole}
share=${BOUSSOLE_SHARE_DIR:-$(dirname "$(dirname "$(dirname "$boussole")")")/share}
# shellcheck source=bench/common.sh
source bench/common.sh

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "« $tool » manque : lancez make setup." >&2; exit 1; }
done

work=$(mktemp -d /tmp/boussole-bench.XXXXXX)
cleanup() {
  [[ -n ${boussole_pid:-} ]] && kill "$boussole_pid" 2>/dev/null || true
  stop_nginx
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Boussole on a fresh SQLite database with the reference data.
port=$(free_port)
"$boussole" init --db "sqlite:$work/bench.db" --share-dir "$share" >/dev/null
"$boussole" serve --db "sqlite:$work/bench.db" --share-dir "$share" --port "$port" --log-level warn &
boussole_pid=$!
url="http://127.0.0.1:$port/api/v1/territories/DEP-33"
wait_for "$url"

# nginx serving the very bytes Boussole answers.
mkdir -p "$work/www"
curl -fs "$url" >"$work/www/DEP-33.json"
nginx_port=$(start_static_nginx)
nginx_url="http://127.0.0.1:$nginx_port/DEP-33.json"
wait_for "$nginx_url"

bytes=$(wc -c <"$work/www/DEP-33.json")
echo "== Boussole  GET /api/v1/territories/DEP-33 ($bytes octets)" >&2
boussole_rate=$(wrk_rate "$url")
echo "== nginx     fichier statique de $bytes octets" >&2
nginx_rate=$(wrk_rate "$nginx_url")

printf '\nBoussole : %s req/s   nginx : %s req/s   rapport Boussole/nginx : %s\n' \
  "$boussole_rate" "$nginx_rate" "$(awk -v a="$boussole_rate" -v b="$nginx_rate" 'BEGIN { printf "%.2f", a / b }')"
echo "(wrk -t${THREADS:-2} -c${CONNECTIONS:-32} -d${DURATION:-10s}, même machine, même exécution)"
