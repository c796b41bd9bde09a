# Shared by the benchmark scripts (sourced): free ports, waiting for a
# server, nginx serving a folder as the static reference, and wrk's rate.
# The caller defines $work (a temporary folder it removes on exit).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for URL [tenths of a second, 100 by default]
wait_for() {
  for _ in $(seq "${2:-100}"); do curl -fso /dev/null "$1" && return 0; sleep 0.1; done
  echo "pas de réponse de $1" >&2
  exit 1
}

# Serves $work/www with nginx on a free port, printed; stopped by stop_nginx.
start_static_nginx() {
  local port
  port=$(free_port)
  mkdir -p "$work/www" "$work/tmp"
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
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
  nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" -g "user $(id -un);"
  echo "$port"
}

stop_nginx() { [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; }

# Requests per second of wrk on URL (its full report goes to standard error).
# THREADS, CONNECTIONS and DURATION override the defaults.
wrk_rate() {
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10s}" --latency "$1" | tee "$work/wrk.txt" >&2
  awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"
}
