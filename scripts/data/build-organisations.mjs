#!/usr/bin/env node
// Builds data/organisations/organisations.csv, the reference organisations of
// the branche Autonomie, from data/territories/regions.csv and
// data/territories/departements.csv plus the special cases written below.
//
//   node scripts/data/build-organisations.mjs
//
// Plain Node (18+), no dependency. Rerunnable: the output depends only on the
// two territory files and on this script.
//
// Columns: slug,type,nom,nom_court,territoires,statut
//   territoires  space-separated territory keys (FR, REG-84, DEP-33)
//   statut       reference   : the organisation exists and its coverage is established
//                a_confirmer : a real kind of body whose name or coverage is to be
//                              confirmed by the national administrators
// See data/organisations/README.md for the special cases.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const territoriesDir = join(root, 'data', 'territories');
const outputDir = join(root, 'data', 'organisations');

const TYPES = [
  'cnsa', 'ars', 'departement', 'mdph', 'mda', 'education_nationale', 'dreets', 'cpam', 'caf', 'carsat',
  'association', 'cdca', 'conference_financeurs',
];
const REFERENCE = 'reference';
const TO_CONFIRM = 'a_confirmer';

// ---------------------------------------------------------------------------
// CSV

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
  const [header, ...records] = rows;
  return records.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i]])));
}

function csvField(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const readTable = (name) => parseCsv(readFileSync(join(territoriesDir, name), 'utf8').replace(/^\uFEFF/, ''));

// ---------------------------------------------------------------------------
// Territories

const regions = readTable('regions.csv');
const departements = readTable('departements.csv');
const regionByCode = new Map(regions.map((r) => [r.code, r]));
const depByCode = new Map(departements.map((d) => [d.code, d]));

const OVERSEAS_REGIONS = new Set(['01', '02', '03', '04', '06']);
const ILE_DE_FRANCE = '11';

const regKey = (code) => `REG-${code}`;
const depKey = (code) => `DEP-${code}`;

// INSEE TNCC (type_liaison) -> the words that link "de" to the name.
const LINKS = ['de ', "d'", 'du ', 'de la ', 'des ', "de l'"];
function withArticle(territory) {
  const tncc = Number(territory.type_liaison);
  if (!Number.isInteger(tncc) || tncc < 0 || tncc >= LINKS.length) {
    throw new Error(`${territory.code} ${territory.nom}: type_liaison ${territory.type_liaison}`);
  }
  return LINKS[tncc] + territory.nom;
}

const slugCode = (code) => code.toLowerCase();

// ---------------------------------------------------------------------------
// Special cases

// Official names of the ARS where they are not "ARS <région>".
const ARS_NAMES = {
  '01': 'ARS de Guadeloupe, Saint-Martin et Saint-Barthélemy',
  '02': 'ARS de Martinique',
  '03': 'ARS de la Guyane',
  '06': 'ARS de Mayotte',
  '94': 'ARS de Corse',
};

// Departmental collectivities that are not "Conseil départemental <de> <nom>".
// Keyed by the first department they cover; `covers` lists every department.
const SPECIAL_COLLECTIVITIES = [
  { slug: 'cea-alsace', nom: "Collectivité européenne d'Alsace", nom_court: 'CeA', covers: ['67', '68'] },
  { slug: 'collectivite-corse', nom: 'Collectivité de Corse', nom_court: 'CdC', covers: ['2A', '2B'] },
  { slug: 'ville-de-paris', nom: 'Ville de Paris', nom_court: 'Paris', covers: ['75'] },
  { slug: 'departement-rhone', nom: 'Département du Rhône', nom_court: 'Rhône', covers: ['69'] },
  { slug: 'metropole-lyon', nom: 'Métropole de Lyon', nom_court: 'Métropole de Lyon', covers: ['69'] },
  { slug: 'ctm-martinique', nom: 'Collectivité territoriale de Martinique', nom_court: 'CTM', covers: ['972'] },
  { slug: 'ctg-guyane', nom: 'Collectivité territoriale de Guyane', nom_court: 'CTG', covers: ['973'] },
  { slug: 'departement-mayotte', nom: 'Département de Mayotte', nom_court: 'Mayotte', covers: ['976'] },
];

// Departments whose MDPH is part of a maison départementale de l'autonomie
// labelled by the CNSA (label granted to the Mayenne in May 2019, the first one).
// Other departments that run an MDA without the label stay "MDPH …",
// a_confirmer, until the national administrators confirm them.
const MDA_DEPARTMENTS = new Set(['53']);

// The Rhône and the Métropole de Lyon share one MDPH.
const MDMPH_69 = {
  slug: 'mdph-69',
  nom: 'Maison départementale et métropolitaine des personnes handicapées (MDMPH) du Rhône et de la Métropole de Lyon',
  nom_court: 'MDMPH 69',
};

// Single-department académies: the rectorat itself acts as the departmental
// services of the Éducation nationale (no separate DSDEN).
const RECTORAT_DEPARTMENTS = new Set(['75', '971', '972', '973', '974', '976']);

// State services for the economy, employment, labour and solidarity.
function dreetsFor(region) {
  if (region.code === ILE_DE_FRANCE) {
    return { nom: `DRIEETS ${region.nom}`, nom_court: `DRIEETS ${region.nom}`, statut: REFERENCE };
  }
  if (region.code === '94') return { nom: 'DREETS de Corse', nom_court: 'DREETS Corse', statut: REFERENCE };
  if (region.code === '03') {
    // Since 2020 the State's services in Guyane are grouped in directions
    // générales; the DEETS missions belong to the one for cohesion and populations.
    return {
      nom: 'Direction générale de la cohésion et des populations (DGCOPOP) de Guyane',
      nom_court: 'DGCOPOP Guyane',
      statut: TO_CONFIRM,
    };
  }
  if (OVERSEAS_REGIONS.has(region.code)) {
    return { nom: `DEETS ${withArticle(region)}`, nom_court: `DEETS ${region.nom}`, statut: REFERENCE };
  }
  return { nom: `DREETS ${region.nom}`, nom_court: `DREETS ${region.nom}`, statut: REFERENCE };
}

// The 15 CARSAT and the departments each covers. Île-de-France (CNAV and
// Cramif) and the overseas departments (CGSS, CSS de Mayotte) have none.
const CARSAT = [
  ['Alsace-Moselle', '57 67 68'],
  ['Aquitaine', '24 33 40 47 64'],
  ['Auvergne', '03 15 43 63'],
  ['Bourgogne-Franche-Comté', '21 25 39 58 70 71 89 90'],
  ['Bretagne', '22 29 35 56'],
  ['Centre-Val de Loire', '18 28 36 37 41 45'],
  ['Centre-Ouest', '16 17 19 23 79 86 87'],
  ['Hauts-de-France', '02 59 60 62 80'],
  ['Languedoc-Roussillon', '11 30 34 48 66'],
  ['Midi-Pyrénées', '09 12 31 32 46 65 81 82'],
  ['Nord-Est', '08 10 51 52 54 55 88'],
  ['Normandie', '14 27 50 61 76'],
  ['Pays de la Loire', '44 49 53 72 85'],
  ['Rhône-Alpes', '01 07 26 38 42 69 73 74'],
  ['Sud-Est', '04 05 06 13 2A 2B 83 84'],
];

// CDCA and conférence des financeurs are set up by the departmental
// collectivity. Where one collectivity covers two departments, or two share one
// department, whether there is one body or two is to be confirmed.
const SHARED_COLLECTIVITY_DEPARTMENTS = new Set(['67', '68', '2A', '2B', '69']);

function slugify(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------
// Rows

const rows = [];
const add = (slug, type, nom, nom_court, territoires, statut) =>
  rows.push({ slug, type, nom, nom_court, territoires: territoires.join(' '), statut });

add('cnsa', 'cnsa', "Caisse nationale de solidarité pour l'autonomie", 'CNSA', ['FR'], REFERENCE);

for (const region of regions) {
  add(`ars-${region.code}`, 'ars', ARS_NAMES[region.code] ?? `ARS ${region.nom}`, `ARS ${region.nom}`,
    [regKey(region.code)], REFERENCE);
}

const specialByFirstDep = new Map();
const specialDeps = new Set();
for (const special of SPECIAL_COLLECTIVITIES) {
  const first = special.covers[0];
  if (!specialByFirstDep.has(first)) specialByFirstDep.set(first, []);
  specialByFirstDep.get(first).push(special);
  special.covers.forEach((code) => specialDeps.add(code));
}
for (const dep of departements) {
  for (const special of specialByFirstDep.get(dep.code) ?? []) {
    add(special.slug, 'departement', special.nom, special.nom_court, special.covers.map(depKey), REFERENCE);
  }
  if (!specialDeps.has(dep.code)) {
    add(`cd-${slugCode(dep.code)}`, 'departement', `Conseil départemental ${withArticle(dep)}`, `CD ${dep.code}`,
      [depKey(dep.code)], REFERENCE);
  }
}

for (const dep of departements) {
  if (dep.code === '69') {
    add(MDMPH_69.slug, 'mdph', MDMPH_69.nom, MDMPH_69.nom_court, [depKey('69')], REFERENCE);
  } else if (MDA_DEPARTMENTS.has(dep.code)) {
    add(`mda-${slugCode(dep.code)}`, 'mda', `MDA ${withArticle(dep)}`, `MDA ${dep.code}`, [depKey(dep.code)],
      REFERENCE);
  } else {
    add(`mdph-${slugCode(dep.code)}`, 'mdph', `MDPH ${withArticle(dep)}`, `MDPH ${dep.code}`, [depKey(dep.code)],
      TO_CONFIRM);
  }
}

for (const dep of departements) {
  if (RECTORAT_DEPARTMENTS.has(dep.code)) {
    add(`rectorat-${slugCode(dep.code)}`, 'education_nationale', `Rectorat de l'académie ${withArticle(dep)}`,
      `Rectorat ${dep.nom}`, [depKey(dep.code)], TO_CONFIRM);
  } else {
    add(`dsden-${slugCode(dep.code)}`, 'education_nationale', `DSDEN ${withArticle(dep)}`, `DSDEN ${dep.code}`,
      [depKey(dep.code)], REFERENCE);
  }
}

for (const region of regions) {
  const dreets = dreetsFor(region);
  add(`dreets-${region.code}`, 'dreets', dreets.nom, dreets.nom_court, [regKey(region.code)], dreets.statut);
}

for (const dep of departements) {
  if (dep.code === '976') {
    add('caf-976', 'caf', 'Caisse de sécurité sociale de Mayotte', 'CSSM', [depKey('976')], REFERENCE);
  } else {
    add(`caf-${slugCode(dep.code)}`, 'caf', `CAF ${withArticle(dep)}`, `CAF ${dep.code}`, [depKey(dep.code)],
      REFERENCE);
  }
}

for (const [name, codes] of CARSAT) {
  add(`carsat-${slugify(name)}`, 'carsat', `Carsat ${name}`, `Carsat ${name}`, codes.split(' ').map(depKey),
    REFERENCE);
}

for (const dep of departements) {
  const statut = SHARED_COLLECTIVITY_DEPARTMENTS.has(dep.code) ? TO_CONFIRM : REFERENCE;
  add(`cdca-${slugCode(dep.code)}`, 'cdca', `CDCA ${withArticle(dep)}`, `CDCA ${dep.code}`, [depKey(dep.code)],
    statut);
}

for (const dep of departements) {
  const statut = SHARED_COLLECTIVITY_DEPARTMENTS.has(dep.code) ? TO_CONFIRM : REFERENCE;
  add(`cfppa-${slugCode(dep.code)}`, 'conference_financeurs', `Conférence des financeurs ${withArticle(dep)}`,
    `CFPPA ${dep.code}`, [depKey(dep.code)], statut);
}

// ---------------------------------------------------------------------------
// Checks

const validKeys = new Set(['FR', ...regions.map((r) => regKey(r.code)), ...departements.map((d) => depKey(d.code))]);
const slugs = new Set();
for (const row of rows) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(row.slug)) throw new Error(`bad slug ${row.slug}`);
  if (slugs.has(row.slug)) throw new Error(`duplicate slug ${row.slug}`);
  slugs.add(row.slug);
  if (!TYPES.includes(row.type)) throw new Error(`${row.slug}: unknown type ${row.type}`);
  if (![REFERENCE, TO_CONFIRM].includes(row.statut)) throw new Error(`${row.slug}: statut ${row.statut}`);
  const keys = row.territoires.split(' ');
  if (!keys.length || keys.some((key) => !validKeys.has(key))) throw new Error(`${row.slug}: territoires ${row.territoires}`);
}

const coveredBy = (type) => {
  const count = new Map();
  for (const row of rows.filter((r) => r.type === type)) {
    for (const key of row.territoires.split(' ')) count.set(key, (count.get(key) ?? 0) + 1);
  }
  return count;
};

// Every department has a departmental collectivity, an MDPH or MDA, Éducation
// nationale, a CAF, a CDCA and a conférence des financeurs; 69 has two collectivities.
for (const dep of departements) {
  const key = depKey(dep.code);
  const collectivities = coveredBy('departement').get(key) ?? 0;
  if (collectivities !== (dep.code === '69' ? 2 : 1)) throw new Error(`${key}: ${collectivities} collectivities`);
  const houses = (coveredBy('mdph').get(key) ?? 0) + (coveredBy('mda').get(key) ?? 0);
  if (houses !== 1) throw new Error(`${key}: ${houses} MDPH/MDA`);
  for (const type of ['education_nationale', 'caf', 'cdca', 'conference_financeurs']) {
    if (coveredBy(type).get(key) !== 1) throw new Error(`${key}: ${type} covered ${coveredBy(type).get(key) ?? 0} times`);
  }
}
for (const region of regions) {
  for (const type of ['ars', 'dreets']) {
    if (coveredBy(type).get(regKey(region.code)) !== 1) throw new Error(`${regKey(region.code)}: ${type}`);
  }
}

// CARSAT: every metropolitan department outside Île-de-France exactly once,
// nothing in Île-de-France or overseas.
const carsat = coveredBy('carsat');
for (const dep of departements) {
  const metropolitan = !OVERSEAS_REGIONS.has(dep.region);
  const expected = metropolitan && dep.region !== ILE_DE_FRANCE ? 1 : 0;
  const actual = carsat.get(depKey(dep.code)) ?? 0;
  if (actual !== expected) throw new Error(`CARSAT: ${depKey(dep.code)} covered ${actual} times, expected ${expected}`);
}
if (rows.filter((r) => r.type === 'carsat').length !== 15) throw new Error('expected 15 CARSAT');

// ---------------------------------------------------------------------------
// Output

mkdirSync(outputDir, { recursive: true });
const columns = ['slug', 'type', 'nom', 'nom_court', 'territoires', 'statut'];
const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(','))];
writeFileSync(join(outputDir, 'organisations.csv'), lines.join('\n') + '\n', 'utf8');

const counts = TYPES.map((type) => {
  const ofType = rows.filter((r) => r.type === type);
  const toConfirm = ofType.filter((r) => r.statut === TO_CONFIRM).length;
  return `  ${type.padEnd(22)} ${String(ofType.length).padStart(4)}${toConfirm ? ` (${toConfirm} a_confirmer)` : ''}`;
});
console.log(`${rows.length} organisations written to data/organisations/organisations.csv`);
console.log(counts.join('\n'));
