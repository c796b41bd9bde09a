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
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "« $tool » manque : lancez make setup." >&2; exit 1; }
done

work=$(mktemp -d /tmp/boussole-bench.XXXXXX)
cleanup() {
  [[ -n ${boussole_pid:-} ]] && kill "$boussole_pid" 2>/dev/null || true
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 100); do curl -fso /dev/null "$1" && return 0; sleep 0.1; done; echo "pas de réponse de $1" >&2; exit 1; }

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
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" -g "user $(id -un);"
nginx_url="http://127.0.0.1:$nginx_port/DEP-33.json"
wait_for "$nginx_url"

rate() { wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1" | tee "$work/wrk.txt" >&2; awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"; }

bytes=$(wc -c <"$work/www/DEP-33.json")
echo "== Boussole  GET /api/v1/territories/DEP-33 ($bytes octets)" >&2
boussole_rate=$(rate "$url")
echo "== nginx     fichier statique de $bytes octets" >&2
nginx_rate=$(rate "$nginx_url")

printf '\nBoussole : %s req/s   nginx : %s req/s   rapport Boussole/nginx : %s\n' \
  "$boussole_rate" "$nginx_rate" "$(awk -v a="$boussole_rate" -v b="$nginx_rate" 'BEGIN { printf "%.2f", a / b }')"
echo "(wrk -t$threads -c$connections -d$duration, même machine, même exécution)"
