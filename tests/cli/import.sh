#!/usr/bin/env bash
# boussole import as a person runs it, on files as spreadsheets write them.
# Each case works on its own copy of one freshly initialised SQLite database
# and looks at what the command prints, its exit status, and what the
# database holds afterwards (through sqlite3).
#
#   tests/cli/import.sh BOUSSOLE WORK_DIRECTORY CASE
#
# CASE: setup (creates WORK_DIRECTORY/template.db with boussole init; the
# other cases need it), spreadsheet, same_file_twice, windows_1252, faulty,
# valid_lines.
set -euo pipefail
boussole=${1:?programme boussole attendu}
work=${2:?dossier de travail attendu}
case=${3:?cas attendu}

command -v sqlite3 >/dev/null || { echo "« sqlite3 » manque : lancez make setup." >&2; exit 1; }

fail() {
  echo "ÉCHEC ($case) : $*" >&2
  [[ -f ${output:-} ]] && { echo "--- sortie de boussole import :" >&2; cat "$output" >&2; }
  exit 1
}

# Runs boussole import FILE [options] on the case's database; its output
# (stdout and stderr) goes to $output, its exit status to $status.
import() {
  set +e
  "$boussole" import "$@" --db "sqlite:$database" >"$output" 2>&1
  status=$?
  set -e
}

expect_status() { [[ $status == "$1" ]] || fail "code de sortie $status, attendu $1"; }
expect_output() { grep -qF -- "$1" "$output" || fail "la sortie ne contient pas : $1"; }
# The values and versions imports wrote (boussole init writes the population
# figures of INSEE as values too).
query() {
  sqlite3 "$database" "CREATE TEMP VIEW imported AS SELECT * FROM data_values WHERE origin = 'import';
    CREATE TEMP VIEW imported_history AS SELECT * FROM data_value_history WHERE origin = 'import';
    $1"
}
# Every row of the values tables, counted: the same before and after an
# import means it wrote nothing, whatever the origin.
every_row="SELECT (SELECT count(*) FROM data_values) || ' ' || (SELECT count(*) FROM data_value_history)"
expect_query() {
  local got
  got=$(query "$1")
  [[ $got == "$2" ]] || fail "$1 donne « $(head -c 300 <<<"$got") », attendu « $2 »"
}

if [[ $case == setup ]]; then
  rm -rf "$work"
  mkdir -p "$work"
  "$boussole" init --db "sqlite:$work/template.db" >/dev/null
  exit 0
fi

[[ -f $work/template.db ]] || fail "$work/template.db manque : le test cli_import_setup doit passer d'abord"
rm -rf "${work:?}/$case"
mkdir -p "$work/$case"
database=$work/$case/boussole.db
output=$work/$case/output.txt
cp "$work/template.db" "$database"

# An export of a French spreadsheet: byte-order mark, semicolons, decimal
# comma, CRLF, a quoted comment that holds the separator.
spreadsheet=$work/$case/valeurs.csv
{
  printf '\xef\xbb\xbfdonnee;territoire;periode;valeur;commentaire\r\n'
  printf 'mdph_decisions;33;2025-T3;4512;\r\n'
  printf 'cfppa_montants_engages;2A;2025;1234567,89;"Source : SI ; chiffre provisoire"\r\n'
  printf 'mdph_demandes;971;2025-T1;1 234;\r\n'
  printf 'esms_etp_reels;DEP-69;2024;312,5;\r\n'
} >"$spreadsheet"

# Four faulty lines around a good one; line numbers count the header as 1.
faulty=$work/$case/fautes.csv
{
  printf '\xef\xbb\xbfdonnee;territoire;periode;valeur;commentaire\r\n'
  printf 'mdph_decisions;33;2025-T3;4512;\r\n'
  printf 'mdph_decisions;2C;2025-T3;100;\r\n'
  printf 'mdph_decisions;20;2025-T3;100;\r\n'
  printf 'mdph_demandes;33;2025-13;100;\r\n'
  printf 'mdph_demandes;33;2025-T2;douze;\r\n'
} >"$faulty"

case $case in
spreadsheet)
  import "$spreadsheet"
  expect_status 0
  expect_output "Import n° 1 de « valeurs.csv » : appliqué (mode tout ou rien)."
  expect_output "Format lu : séparateur point-virgule, virgule décimale, UTF-8 avec BOM, fins de ligne Windows (CRLF)."
  expect_output "Lignes lues : 4 ; valeurs écrites : 4 ; inchangées : 0 ; lignes refusées : 0."
  expect_query "SELECT count(*) FROM imported WHERE import_id = 1" 4
  expect_query "SELECT value || '|' || comment FROM imported WHERE element_code = 'cfppa_montants_engages'" \
    "1234567.89|Source : SI ; chiffre provisoire"
  expect_query "SELECT value FROM imported WHERE territory_key = 'DEP-971'" 1234.0
  expect_query "SELECT value FROM imported WHERE territory_key = 'DEP-69' AND period = '2024'" 312.5
  expect_query "SELECT status FROM imports" applied
  ;;
same_file_twice)
  import "$spreadsheet"
  expect_status 0
  expect_output "valeurs écrites : 4 ; inchangées : 0"
  import "$spreadsheet"
  expect_status 0
  expect_output "Import n° 2 de « valeurs.csv » : appliqué"
  expect_output "Lignes lues : 4 ; valeurs écrites : 0 ; inchangées : 4 ; lignes refusées : 0."
  # No new version of any cell: the history still holds the four creations.
  expect_query "SELECT count(*) || ' ' || max(version) FROM imported" "4 1"
  expect_query "SELECT count(*) FROM imported_history" 4
  ;;
windows_1252)
  # A file saved by Excel as « CSV (séparateur : point-virgule) »: Windows-1252,
  # where é is E9, à E0, ’ 92 and € 80 (the last two are not Latin-1).
  file=$work/$case/saisie-1252.csv
  {
    printf 'donn\xe9e;territoire;p\xe9riode;valeur;commentaire\r\n'
    printf 'mdph_decisions;13;2025-T1;2 048;Donn\xe9e provisoire, \xe0 v\xe9rifier\r\n'
    printf 'cfppa_montants_engages;974;2025;98765,4;Montant d\x92engagement en \x80\r\n'
  } >"$file"
  import "$file"
  expect_status 0
  expect_output "Format lu : séparateur point-virgule, virgule décimale, Windows-1252 converti en UTF-8, fins de ligne Windows (CRLF)."
  expect_output "Lignes lues : 2 ; valeurs écrites : 2 ; inchangées : 0 ; lignes refusées : 0."
  expect_query "SELECT comment FROM imported WHERE territory_key = 'DEP-13'" "Donnée provisoire, à vérifier"
  expect_query "SELECT value || '|' || comment FROM imported WHERE territory_key = 'DEP-974'" \
    "98765.4|Montant d’engagement en €"
  ;;
faulty)
  import "$faulty"
  expect_status 1
  expect_output "Import n° 1 de « fautes.csv » : refusé, rien n'a été écrit (mode tout ou rien)."
  expect_output "Lignes lues : 5 ; valeurs écrites : 0 ; inchangées : 0 ; lignes refusées : 4."
  expect_output "ligne 3, territoire « 2C » : Code département « 2C » inconnu. Codes attendus : 01 à 95, 2A, 2B, 971 à 976."
  expect_output "ligne 4, territoire « 20 » : Code département « 20 » inconnu. Le code 20 n'est plus utilisé"
  expect_output "ligne 5, periode « 2025-13 » : Mois « 2025-13 » invalide"
  expect_output "Attendu : un trimestre, par exemple 2025-T3 ou 2025-Q3"
  expect_output "ligne 6, valeur « douze » : « douze » n'est pas un nombre"
  expect_output "Attendu : un nombre entier positif ou nul"
  expect_output "ajoutez --mode valid_lines"
  grep -q "ligne 2," "$output" && fail "la ligne 2, valide, est signalée comme fautive"
  # Nothing written, not even the good line 2; the refusal is recorded.
  expect_query "SELECT count(*) FROM imported" 0
  expect_query "SELECT count(*) FROM imported_history" 0
  expect_query "$every_row" "$(sqlite3 "$work/template.db" "$every_row")"
  expect_query "SELECT status || ' ' || values_written || ' ' || lines_rejected FROM imports" "refused 0 4"
  # The good file imports afterwards as if nothing had happened.
  import "$spreadsheet"
  expect_status 0
  expect_output "valeurs écrites : 4 ; inchangées : 0"
  ;;
valid_lines)
  import "$faulty" --mode valid_lines
  expect_status 0
  expect_output "appliqué (mode lignes valides seulement)."
  expect_output "Lignes lues : 5 ; valeurs écrites : 1 ; inchangées : 0 ; lignes refusées : 4."
  for line in 3 4 5 6; do expect_output "  - ligne $line, "; done
  expect_query "SELECT element_code || ' ' || territory_key || ' ' || period || ' ' || value FROM imported" \
    "mdph_decisions DEP-33 2025-T3 4512.0"
  expect_query "SELECT status || ' ' || values_written || ' ' || lines_rejected FROM imports" "applied 1 4"
  ;;
*)
  fail "cas inconnu"
  ;;
esac
echo "$case : ok"
