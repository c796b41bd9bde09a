#!/usr/bin/env bash
# make run: creates the demo database on first use, prints the demo logins and
# serves the application until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
boussole=$1 database=$2 address=$3 port=$4

if [[ $database == sqlite:* ]]; then
  file=${database#sqlite:}
  mkdir -p "$(dirname "$file")"
  if [[ ! -f $file ]]; then
    "$boussole" init --demo --db "$database"
  fi
fi
"$boussole" user list --demo-logins --db "$database"
echo
echo "Boussole : http://localhost:${port}/ (Ctrl-C pour arrêter)"
exec "$boussole" serve --db "$database" --address "$address" --port "$port"
