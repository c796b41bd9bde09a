#!/usr/bin/env bash
# Writes an import file of ROWS values as a French spreadsheet exports it:
# UTF-8 with a byte-order mark, semicolons, decimal commas, Windows line
# endings, now and then a quoted comment holding a semicolon. Every line is
# valid for Boussole: collected elements of the catalogue that no other
# element bounds (no not_above rule to respect), the 101 departments, whole
# years ending in 2025, each (element, department) a smooth series within
# the element's bounds. Deterministic: the same ROWS give the same bytes.
#
#   scripts/generate-values-csv.sh ROWS FILE
#
# Year-major (year, department, element, period), so that a smaller ROWS
# keeps the most recent years whole. At most about 890 000 rows: the
# quarterly and yearly elements of the catalogue from 1900 to 2025.
set -euo pipefail
rows=${1:?nombre de lignes attendu}
file=${2:?fichier de sortie attendu}
catalogue=$(cd "$(dirname "$0")/.." && pwd)/data/catalogue/data_elements.csv

command -v sqlite3 >/dev/null || { echo "« sqlite3 » manque : lancez make setup." >&2; exit 1; }
[[ $rows =~ ^[1-9][0-9]*$ ]] || { echo "Nombre de lignes « $rows » invalide : attendu un entier positif." >&2; exit 1; }

# The catalogue read with SQLite's own CSV reader (its descriptions hold
# quoted commas): code, period type, value type, minimum, maximum.
elements=$(sqlite3 -separator ' ' :memory: -cmd ".import --csv $catalogue element" \
  "SELECT code, period_type, value_type, coalesce(nullif(minimum, ''), '0'), coalesce(nullif(maximum, ''), '-')
   FROM element WHERE collected = '1' AND not_above_code = '' AND period_type IN ('quarter', 'year')
   ORDER BY code")
[[ -n $elements ]] || { echo "Aucune donnée collectée dans $catalogue." >&2; exit 1; }

printf '%s\n' "$elements" | LC_ALL=C awk -v rows="$rows" -v last_year=2025 '
  BEGIN { srand(20250101) }
  { code[NR] = $1; quarterly[NR] = ($2 == "quarter"); decimal[NR] = ($3 == "decimal")
    minimum[NR] = $4 + 0; maximum[NR] = $5; count = NR }
  END {
    for (d = 1; d <= 95; ++d) if (d != 20) department[++departments] = sprintf("%02d", d)
    department[++departments] = "2A"; department[++departments] = "2B"
    split("971 972 973 974 976", overseas, " ")
    for (i = 1; i <= 5; ++i) department[++departments] = overseas[i]

    per_year = 0
    for (e = 1; e <= count; ++e) per_year += quarterly[e] ? 4 : 1
    years = int((rows + departments * per_year - 1) / (departments * per_year))
    first_year = last_year - years + 1
    if (first_year < 1900) {
      printf "%d lignes demandent %d années avant %d : le catalogue en permet au plus %d (de 1900 à %d).\n",
        rows, years, last_year, departments * per_year * (last_year - 1899), last_year > "/dev/stderr"
      exit 1
    }
    # Each series has a level of its own, drifts a little each year and
    # wobbles by a few percent from one period to the next.
    for (e = 1; e <= count; ++e)
      for (d = 1; d <= departments; ++d)
        level[e, d] = (maximum[e] == "-") ? 200 + rand() * (decimal[e] ? 2000000 : 20000) : maximum[e]

    printf "\357\273\277donnee;territoire;periode;valeur;commentaire\r\n"
    written = 0
    for (y = first_year; y <= last_year; ++y)
      for (d = 1; d <= departments; ++d)
        for (e = 1; e <= count; ++e)
          for (p = 1; p <= (quarterly[e] ? 4 : 1); ++p) {
            if (written == rows) exit 0
            value = level[e, d] * (1 + 0.01 * (y - last_year)) * (0.95 + 0.1 * rand())
            if (maximum[e] != "-") value = minimum[e] + (maximum[e] - minimum[e]) * rand()
            if (value < minimum[e]) value = minimum[e]
            period = quarterly[e] ? y "-T" p : y
            if (decimal[e]) { text = sprintf("%.2f", value); sub(/\./, ",", text) }
            else text = sprintf("%d", value + 0.5)
            comment = (rand() < 0.02) ? "\"Source : SI départemental ; chiffre provisoire\"" : ""
            printf "%s;%s;%s;%s;%s\r\n", code[e], department[d], period, text, comment
            ++written
          }
  }' >"$file"
