// What every browser test file shares: a Boussole server on a fresh demo
// database, headless Chromium, signing in as a demo account, and the axe-core
// check. The server and the database live for one test file; each test opens
// its own browser context (cookies are not shared between tests).
//
// BOUSSOLE_BIN and BOUSSOLE_SHARE_DIR say where the built program and its
// share directory are (CTest sets both). BOUSSOLE_BROWSER_BACKEND=postgresql
// runs the file on a PostgreSQL server of its own instead of a SQLite file.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

import { startPostgres } from './postgres.mjs';

export const DEMO_PASSWORD = 'boussole-demo-2026';

// The demo accounts (src/instance/demo.cpp), by role.
export const ACCOUNTS = {
  nationalAdmin: 'admin.national@demo.boussole.invalid',
  nationalAnalyst: 'analyste.national@demo.boussole.invalid',
  arsEditor: 'ars.nouvelle-aquitaine@demo.boussole.invalid',
  departmentEditor: 'cd.gironde@demo.boussole.invalid',
  territorialReader: 'mdph.gironde@demo.boussole.invalid',
  partner: 'caf.gironde@demo.boussole.invalid',
  lyonEditor: 'metropole.lyon@demo.boussole.invalid',
};

const CHROMIUM = process.env.BOUSSOLE_CHROMIUM || '/usr/bin/chromium';

// Chromium keeps its shared memory in /dev/shm; containers often give it
// 64 MB, which makes tabs crash. Below 512 MB it is told to use /tmp instead.
async function chromiumArguments() {
  const args = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'];
  try {
    const shm = await statfs('/dev/shm');
    if (shm.blocks * shm.bsize < 512 * 1024 * 1024) args.push('--disable-dev-shm-usage');
  } catch {
    args.push('--disable-dev-shm-usage');
  }
  return args;
}

function requiredEnvironment(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`La variable d'environnement ${name} est requise : lancez ces tests avec ctest, ou donnez ` +
      'BOUSSOLE_BIN (le programme boussole) et BOUSSOLE_SHARE_DIR (son répertoire share).');
  }
  return value;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} a échoué (code ${code}) :\n${output}`));
    });
  });
}

// Starts "boussole serve" on a free port (--port 0) and resolves with the
// address it prints once it listens.
function serve(binary, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    // Generous: a debug build loading the demo cube on a machine busy with
    // the other test groups can take a while. Only a hang should fail here.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`boussole serve n'a pas démarré en 90 s :\n${log}`));
    }, 90000);
    const watch = (chunk) => {
      log += chunk;
      const match = /Boussole sert (http:\/\/[^/\s]+)\//.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1], log: () => log });
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`boussole serve s'est arrêté (code ${code}) :\n${log}`));
    });
  });
}

// A fresh demo instance and a browser. Call stop() in an after() hook.
export async function startInstance() {
  const binary = requiredEnvironment('BOUSSOLE_BIN');
  const shareDir = requiredEnvironment('BOUSSOLE_SHARE_DIR');
  const directory = await mkdtemp(path.join(os.tmpdir(), 'boussole-navigateur-'));
  const postgres = process.env.BOUSSOLE_BROWSER_BACKEND === 'postgresql' ? await startPostgres() : null;
  const database = postgres ? postgres.url : `sqlite:${path.join(directory, 'boussole.db')}`;
  await run(binary, ['init', '--demo', '--db', database, '--share-dir', shareDir]);
  const server = await serve(binary, ['serve', '--db', database, '--share-dir', shareDir, '--address', '127.0.0.1',
    '--port', '0', '--threads', '2']);
  server.child.removeAllListeners('exit');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: await chromiumArguments() });

  return {
    baseUrl: server.baseUrl,
    browser,
    serverLog: server.log,
    url: (pathname) => server.baseUrl + pathname,
    async newPage(options = {}) {
      const context = await browser.newContext({ locale: 'fr-FR', ...options });
      const page = await context.newPage();
      return page;
    },
    async stop() {
      await browser.close();
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      await postgres?.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

// Signs in through the login form and waits for the page it leads to.
export async function signIn(instance, page, email, password = DEMO_PASSWORD) {
  await page.goto(instance.url('/connexion'));
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/connexion')),
    page.locator('main').getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

// A page signed in as the account, in a context of its own.
export async function pageAs(instance, email, options = {}) {
  const page = await instance.newPage(options);
  await signIn(instance, page, email);
  return page;
}

// One h1, and no level skipped going down (RGAA 9.1): axe-core leaves both to
// its best-practice rules, which the WCAG tags do not select.
async function expectHeadingOutline(page, label) {
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((headings) =>
    headings.map((heading) => Number(heading.tagName.slice(1))));
  assert.equal(levels.filter((level) => level === 1).length, 1, `${label} : une seule balise h1 attendue`);
  assert.equal(levels[0], 1, `${label} : le premier titre doit être le h1 (titres : ${levels.join(', ')})`);
  levels.forEach((level, index) => {
    if (index > 0)
      assert.ok(level <= levels[index - 1] + 1, `${label} : niveau de titre sauté (titres : ${levels.join(', ')})`);
  });
}

// Runs axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is and
// fails with a readable list of the violations; checks the heading outline too.
export async function expectNoAxeViolations(page, label) {
  await expectHeadingOutline(page, label);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const described = results.violations.map((violation) =>
    `- ${violation.id} (${violation.impact}) : ${violation.help}\n` +
    violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(' ')} — ${node.failureSummary}`).join('\n'));
  assert.equal(results.violations.length, 0,
    `${label} (${page.url()}) : ${results.violations.length} violation(s) axe-core\n${described.join('\n')}`);
}
