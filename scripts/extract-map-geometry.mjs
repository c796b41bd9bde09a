#!/usr/bin/env node
// Extracts the outlines of the departments from @gouvfr/dsfr-chart into a JSON
// file that the C++ renderer reads (build/share/data/map/departements.json).
//
//   node scripts/extract-map-geometry.mjs <dossier dsfr-chart> <fichier de sortie>
//
// The package ships its maps only as Vue render code, so the outlines are read
// from the built MapChart.js: every outline is a `w("path", { class: "FR-<code>",
// ..., d: "..." })` call inside the render function of one <svg>. The
// metropolitan map's viewBox is a data property (FranceProps.viewBox); each
// overseas inset has its own constant `{ xmlns, viewBox: "..." }`. The result is
// generated at build time and never committed: the package's code stays in
// node_modules.
//
// Fails (exit code 1, French message) when the package does not hold exactly
// the 101 departments expected, so a new version of the package with another
// structure stops the build instead of drawing a partial map.

import { readFileSync, writeFileSync, mkdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";

const expectedVersion = "2.0.4";

// INSEE codes of the 13 metropolitan regions, keyed by the package's names.
const regionCodes = {
  ARA: "84", BFC: "27", BRE: "53", CVL: "24", "20R": "94", GES: "44", HDF: "32",
  IDF: "11", NOR: "28", NAQ: "75", OCC: "76", PDL: "52", PAC: "93",
};

function fail(message) {
  console.error(`extract-map-geometry : ${message}`);
  process.exit(1);
}

function expectedDepartmentCodes() {
  const codes = [];
  for (let n = 1; n <= 95; n++) {
    if (n === 20) codes.push("2A", "2B");
    else codes.push(String(n).padStart(2, "0"));
  }
  codes.push("971", "972", "973", "974", "976");
  return codes;
}

// The viewBox of the <svg> opened by `rt("svg", <props>` at `start`: either an
// inline object bound to the config (the metropolitan map) or a named constant.
function viewBoxOf(source, svgCall, metropolitanViewBox) {
  const props = svgCall.props;
  if (props.startsWith("{")) {
    const literal = /viewBox:\s*"([^"]+)"/.exec(props);
    if (literal) return literal[1];
    if (/viewBox:\s*n\.config\.viewBox/.test(props)) return metropolitanViewBox;
    return null;
  }
  const constant = new RegExp(`(?<![\\w$])${props.replace(/\$/g, "\\$")}\\s*=\\s*\\{\\s*xmlns:\\s*"[^"]*",\\s*viewBox:\\s*"([^"]+)"`);
  const match = constant.exec(source);
  return match ? match[1] : null;
}

function extract(source) {
  const franceProps = /FranceProps:\s*\{\s*viewBox:\s*"([^"]+)"/.exec(source);
  if (!franceProps) fail("viewBox de la carte métropolitaine (FranceProps.viewBox) introuvable.");
  const metropolitanViewBox = franceProps[1];

  const svgCalls = [];
  const svgPattern = /rt\("svg",\s*(\{[^}]*\}|[A-Za-z_$][\w$]*)/g;
  for (let m; (m = svgPattern.exec(source)); ) svgCalls.push({ index: m.index, props: m[1] });

  const paths = [];
  // The d attribute must belong to the same call: no other w( before it.
  const pathPattern = /w\("path",\s*\{\s*class:\s*"FR-([0-9A-Z]+)",((?:(?!w\()[\s\S])*?)\bd:\s*"([^"]+)"/g;
  for (let m; (m = pathPattern.exec(source)); ) {
    const svg = svgCalls.filter((call) => call.index < m.index).at(-1);
    if (!svg) fail(`contour FR-${m[1]} hors de toute balise <svg>.`);
    const viewBox = viewBoxOf(source, svg, metropolitanViewBox);
    if (!viewBox) fail(`viewBox de la carte contenant FR-${m[1]} introuvable.`);
    paths.push({ code: m[1], d: m[3], viewBox });
  }

  const result = {
    source: `@gouvfr/dsfr-chart ${expectedVersion}`,
    metropole: { viewBox: metropolitanViewBox, departments: {}, regions: {} },
    overseas: {},
  };
  for (const { code, d, viewBox } of paths) {
    if (/^(\d{2}|2A|2B)$/.test(code)) {
      if (viewBox !== metropolitanViewBox) fail(`FR-${code} n'est pas dans la carte métropolitaine.`);
      if (result.metropole.departments[code]) fail(`département ${code} présent deux fois.`);
      result.metropole.departments[code] = d;
    } else if (/^97\d$/.test(code)) {
      if (result.overseas[code]) fail(`département ${code} présent deux fois.`);
      result.overseas[code] = { viewBox, d };
    } else if (regionCodes[code]) {
      result.metropole.regions[regionCodes[code]] = d;
    } else {
      fail(`code FR-${code} inattendu.`);
    }
  }

  const found = [...Object.keys(result.metropole.departments), ...Object.keys(result.overseas)].sort();
  const expected = expectedDepartmentCodes().sort();
  const missing = expected.filter((code) => !found.includes(code));
  const extra = found.filter((code) => !expected.includes(code));
  if (missing.length || extra.length)
    fail(`départements attendus : 101, trouvés : ${found.length}` +
         (missing.length ? ` ; manquants : ${missing.join(", ")}` : "") +
         (extra.length ? ` ; en trop : ${extra.join(", ")}` : "") + ".");
  if (Object.keys(result.metropole.regions).length !== Object.keys(regionCodes).length)
    fail(`régions attendues : 13, trouvées : ${Object.keys(result.metropole.regions).length}.`);

  // Keys in the order of the codes, so the file is stable and readable.
  const sortedDepartments = {};
  for (const code of Object.keys(result.metropole.departments).sort())
    sortedDepartments[code] = result.metropole.departments[code];
  result.metropole.departments = sortedDepartments;
  return result;
}

const [packageDir, outputFile] = process.argv.slice(2);
if (!packageDir || !outputFile)
  fail("usage : node scripts/extract-map-geometry.mjs <dossier @gouvfr/dsfr-chart> <fichier de sortie>");

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
} catch (error) {
  fail(`${join(packageDir, "package.json")} illisible (${error.message}) : lancez « make setup » (npm ci).`);
}
if (manifest.version !== expectedVersion)
  fail(`@gouvfr/dsfr-chart ${manifest.version} trouvé, ${expectedVersion} attendu : ` +
       "vérifiez l'extraction des contours avant de changer de version.");

const mapFile = join(packageDir, "dist", "MapChart", "MapChart.js");
let source;
try {
  source = readFileSync(mapFile, "utf8");
} catch (error) {
  fail(`${mapFile} illisible (${error.message}) : lancez « make setup » (npm ci).`);
}

const geometry = extract(source);
mkdirSync(dirname(outputFile), { recursive: true });
// Written beside, then renamed: a reader never sees half a file.
const temporary = `${outputFile}.tmp`;
writeFileSync(temporary, JSON.stringify(geometry) + "\n");
renameSync(temporary, outputFile);
