#!/usr/bin/env node
// Checks the committed INSEE population file against the figures its README
// states, and against the departments of data/territories/departements.csv.
//
//   node scripts/data/check-population.mjs [file.csv]
//
// Plain Node (18+). Exits with status 1 and lists the failures when a check
// does not hold. The file is read as published (its records end with CRLF).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = process.argv[2] ?? join(root, 'data', 'population', 'insee-population-2023-departements-sexe-age.csv');

const EXPECTED_NATION = 68042591;
const EXPECTED_75_AND_OVER = 6849764;
const SEXES = ['ensemble', 'hommes', 'femmes'];
const AGE_GROUPS = [];
for (let min = 0; min < 95; min += 5) AGE_GROUPS.push(`${min} à ${min + 4} ans`);
AGE_GROUPS.push('95 ans et plus');
const GROUPS_75_AND_OVER = ['75 à 79 ans', '80 à 84 ans', '85 à 89 ans', '90 à 94 ans', '95 ans et plus'];

// A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const failures = [];
const fail = (message) => failures.push(message);

const [header, ...records] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
const expectedHeader = ['departement', 'nom', 'sexe', 'tranche_age', 'population'];
if (header.join(',') !== expectedHeader.join(',')) fail(`header is ${header.join(',')}`);

// value[dep][sexe][tranche] = population
const value = new Map();
const names = new Map();
for (const [index, record] of records.entries()) {
  const line = index + 2;
  if (record.length !== 5) { fail(`line ${line}: ${record.length} fields`); continue; }
  const [dep, nom, sexe, tranche, population] = record;
  if (!SEXES.includes(sexe)) fail(`line ${line}: sex ${sexe}`);
  if (tranche !== 'total' && !AGE_GROUPS.includes(tranche)) fail(`line ${line}: age group ${tranche}`);
  if (!/^\d+$/.test(population)) fail(`line ${line}: population ${population}`);
  if (!value.has(dep)) value.set(dep, new Map());
  const bySex = value.get(dep);
  if (!bySex.has(sexe)) bySex.set(sexe, new Map());
  if (bySex.get(sexe).has(tranche)) fail(`line ${line}: duplicate ${dep} ${sexe} ${tranche}`);
  bySex.get(sexe).set(tranche, Number(population));
  names.set(dep, nom);
}

// Same departments as the territory reference data.
const territories = parseCsv(readFileSync(join(root, 'data', 'territories', 'departements.csv'), 'utf8')).slice(1);
const territoryNames = new Map(territories.map(([code, nom]) => [code, nom]));
for (const code of territoryNames.keys()) if (!value.has(code)) fail(`department ${code} missing`);
for (const code of value.keys()) if (!territoryNames.has(code)) fail(`department ${code} not in departements.csv`);
for (const [code, nom] of names) {
  if (territoryNames.has(code) && territoryNames.get(code) !== nom) {
    fail(`department ${code}: name ${nom} here, ${territoryNames.get(code)} in departements.csv`);
  }
}

let nation = 0;
let nation75 = 0;
const get = (dep, sexe, tranche) => value.get(dep)?.get(sexe)?.get(tranche);
for (const dep of value.keys()) {
  for (const tranche of [...AGE_GROUPS, 'total']) {
    const [e, h, f] = SEXES.map((s) => get(dep, s, tranche));
    if ([e, h, f].some((v) => v === undefined)) { fail(`${dep} ${tranche}: missing sex`); continue; }
    if (e !== h + f) fail(`${dep} ${tranche}: ensemble ${e} != hommes ${h} + femmes ${f}`);
  }
  for (const sexe of SEXES) {
    const sum = AGE_GROUPS.reduce((total, tranche) => total + (get(dep, sexe, tranche) ?? NaN), 0);
    if (sum !== get(dep, sexe, 'total')) fail(`${dep} ${sexe}: age groups add up to ${sum}, total is ${get(dep, sexe, 'total')}`);
  }
  nation += get(dep, 'ensemble', 'total') ?? 0;
  nation75 += GROUPS_75_AND_OVER.reduce((total, tranche) => total + (get(dep, 'ensemble', tranche) ?? 0), 0);
}
if (records.length !== 101 * 3 * 21) fail(`${records.length} rows, expected ${101 * 3 * 21}`);
if (nation !== EXPECTED_NATION) fail(`national total ${nation}, expected ${EXPECTED_NATION}`);
if (nation75 !== EXPECTED_75_AND_OVER) fail(`aged 75 and over ${nation75}, expected ${EXPECTED_75_AND_OVER}`);

const fmt = (n) => n.toLocaleString('en-US');
if (failures.length) {
  console.error(`${file}: ${failures.length} check(s) failed`);
  for (const message of failures) console.error(`  - ${message}`);
  process.exit(1);
}
console.log(`${records.length} rows, ${value.size} departments, same codes and names as departements.csv`);
console.log('ensemble = hommes + femmes for every department and age group: ok');
console.log('age groups add up to total for every department and sex: ok');
console.log(`nation ${fmt(nation)}, aged 75 and over ${fmt(nation75)}: ok`);
