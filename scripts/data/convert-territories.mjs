#!/usr/bin/env node
// Converts the regions and departments of @etalab/decoupage-administratif into
// the committed reference files data/territories/regions.csv and
// data/territories/departements.csv.
//
//   node scripts/data/convert-territories.mjs
//
// Plain Node (18+), no dependency beyond the package itself (installed by
// `npm install` at the root of the repository). Rerunnable: the output depends
// only on the package data and is written byte for byte the same way each time.
//
// Kept: the 18 regions (13 metropolitan, 5 overseas) and their 101 departments
// (01-95 with 2A and 2B instead of 20, 971-974, 976). Left out: the other
// overseas collectivities the package lists as both region and department
// (975, 977, 978, 984, 986-989), which are not in the scope of the branche
// Autonomie reference data.
//
// type_liaison is INSEE's TNCC code, carried by the package as the integer
// `typeLiaison`; the name is stored without its article:
//   0 "de " (Paris -> de Paris)      3 "de la " (Gironde -> de la Gironde)
//   1 "d'"  (Eure-et-Loir)           4 "des " (Landes -> des Landes)
//   2 "du " (Nord -> du Nord)        5 "de l'" (Ain -> de l'Ain)

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@etalab/decoupage-administratif';
const EXPECTED_VERSION = '6.0.0';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const output = join(root, 'data', 'territories');

// The package's own index.js reads its files relative to the current directory,
// so the JSON files are read directly, resolved from the repository root.
const require = createRequire(join(root, 'package.json'));
const packageDir = dirname(require.resolve(`${PACKAGE}/package.json`));
const readJson = (name) => JSON.parse(readFileSync(join(packageDir, name), 'utf8'));

const version = readJson('package.json').version;
if (version !== EXPECTED_VERSION) {
  console.warn(`warning: ${PACKAGE} is ${version}, data/territories/README.md documents ${EXPECTED_VERSION}`);
}

const regions = readJson('data/regions.json');
const departements = readJson('data/departements.json');

const KEPT_ZONES = new Set(['metro', 'drom']);

// INSEE order: by number, with 2A and 2B in the place of 20.
function sortKey(code) {
  if (code === '2A') return 20.1;
  if (code === '2B') return 20.2;
  return Number(code);
}
const byCode = (a, b) => sortKey(a.code) - sortKey(b.code);

function checkLiaison(entry) {
  if (!Number.isInteger(entry.typeLiaison) || entry.typeLiaison < 0 || entry.typeLiaison > 5) {
    throw new Error(`${entry.code} ${entry.nom}: unexpected typeLiaison ${entry.typeLiaison}`);
  }
  return entry.typeLiaison;
}

function csvField(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(file, header, rows) {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  writeFileSync(file, lines.join('\n') + '\n', 'utf8');
}

const keptRegions = regions.filter((r) => KEPT_ZONES.has(r.zone)).sort(byCode);
const regionCodes = new Set(keptRegions.map((r) => r.code));
const keptDepartements = departements
  .filter((d) => KEPT_ZONES.has(d.zone) && regionCodes.has(d.region))
  .sort(byCode);

// Guard rails: the counts and special codes the rest of Boussole relies on.
if (keptRegions.length !== 18) throw new Error(`expected 18 regions, got ${keptRegions.length}`);
if (keptDepartements.length !== 101) throw new Error(`expected 101 departments, got ${keptDepartements.length}`);
const depCodes = new Set(keptDepartements.map((d) => d.code));
for (const code of ['2A', '2B', '971', '972', '973', '974', '976']) {
  if (!depCodes.has(code)) throw new Error(`department ${code} missing`);
}
for (const code of ['20', '975', '977', '978']) {
  if (depCodes.has(code)) throw new Error(`department ${code} should not be kept`);
}

mkdirSync(output, { recursive: true });
writeCsv(
  join(output, 'regions.csv'),
  ['code', 'nom', 'type_liaison'],
  keptRegions.map((r) => [r.code, r.nom, checkLiaison(r)]),
);
writeCsv(
  join(output, 'departements.csv'),
  ['code', 'nom', 'region', 'type_liaison'],
  keptDepartements.map((d) => [d.code, d.nom, d.region, checkLiaison(d)]),
);

console.log(`${PACKAGE} ${version}: ${keptRegions.length} regions, ${keptDepartements.length} departments written to data/territories/`);
