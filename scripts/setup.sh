#!/usr/bin/env bash
# Installs what Boussole needs to build, test and run on Debian 12, and nothing
# already present: the Debian packages (apt-get), then the front-end packages
# (npm ci, from the committed lock file). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev
  libkainjow-mustache-dev libcli11-dev libspdlog-dev libfmt-dev
  libargon2-dev libsodium-dev libtomlplusplus-dev libcsv-dev
  libical-dev python3-icalendar libxlsxwriter-dev python3-openpyxl
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  postgresql nginx-light wrk curl ca-certificates python3
  chromium nodejs npm
)

missing=()
for package in "${packages[@]}"; do
  # nodejs and npm may come from outside Debian: a working command is enough.
  case "$package" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "Installation des paquets Debian manquants : ${missing[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The DSFR's preinstall script refuses to install without the licence
# acceptance file; it is committed at the project root.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "Installation des paquets npm (npm ci)"
  npm ci --no-audit --no-fund
fi
