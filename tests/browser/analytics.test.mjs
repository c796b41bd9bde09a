// The dashboards in a browser, on the demo instance: the national dashboard
// and a department's have no axe-core violation, their links are reached
// with the keyboard, every chart has its data table, and a value sent
// through the API is in the national figure on the next page load.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

// The current year: the demo data stop at the previous one, so a value sent
// for it makes the latest national figure of a summed indicator.
const YEAR = String(new Date().getFullYear());
const MEETINGS = 'Réunions du CDCA dans l\'année';

describe('tableaux de bord', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('le tableau de bord national est accessible, au public comme aux personnes connectées', async () => {
    const visitor = await instance.newPage();
    await visitor.goto(instance.url('/'));
    await visitor.locator('#navigation-principale').getByRole('link', { name: 'Tableau de bord' }).click();
    await visitor.waitForURL(/\/tableau-de-bord$/);
    await visitor.getByRole('heading', { level: 1, name: 'Tableau de bord national' }).waitFor();
    await visitor.getByText('Chiffres publics : valeurs validées seulement').waitFor();
    await expectNoAxeViolations(visitor, 'tableau de bord national (public)');
    await visitor.context().close();

    const analyst = await pageAs(instance, ACCOUNTS.nationalAnalyst);
    await analyst.goto(instance.url('/tableau-de-bord'));
    assert.equal(await analyst.getByRole('heading', { level: 2, name: /^Axe \d/ }).count(), 3);
    assert.equal(await analyst.getByRole('heading', { level: 3, name: /^Priorité \d+\./ }).count(), 11);
    // Every small chart has its text alternative and the table of its values.
    const charts = analyst.locator('main svg[role="img"]');
    assert.ok(await charts.count() > 10, 'des courbes d\'évolution');
    assert.match(await charts.first().getAttribute('aria-labelledby'), /\S/);
    assert.ok(await analyst.getByRole('table', { name: /données des courbes d'évolution/ }).count() >= 10);
    await expectNoAxeViolations(analyst, 'tableau de bord national (connecté)');
    await analyst.context().close();
  });

  it('le tableau de bord de la Gironde compare à la région et à la France', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33'));
    await page.getByRole('link', { name: /Tableau de bord des indicateurs/ }).click();
    await page.waitForURL(/\/territoires\/DEP-33\/tableau-de-bord$/);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord — Gironde (33)' }).waitFor();
    const table = page.getByRole('table', { name: /Priorité 2\..*Gironde comparé à Nouvelle-Aquitaine et la France/ });
    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers.slice(0, 4), ['Indicateur', 'Gironde', 'Nouvelle-Aquitaine', 'France']);
    const link = table.getByRole('link').first();
    assert.match(await link.getAttribute('href'), /^\/indicateurs\/[a-z0-9_]+\?territoire=DEP-33$/);
    assert.ok(await page.getByRole('table', { name: /par période \(données de la courbe\)/ }).count() > 10);
    await expectNoAxeViolations(page, 'tableau de bord de la Gironde');
    await page.context().close();
  });

  it('les liens du tableau de bord sont atteints au clavier', async () => {
    const page = await instance.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(instance.url('/territoires/DEP-33/tableau-de-bord'));
    const reached = new Set();
    for (let i = 0; i < 80; ++i) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      if (href) reached.add(href);
      if ([...reached].some((each) => each.startsWith('/indicateurs/'))) break;
    }
    assert.ok(reached.has('/territoires/DEP-33'), 'lien vers la page du territoire');
    assert.ok(reached.has('/tableau-de-bord'), 'lien vers le tableau de bord national');
    const indicator = [...reached].find((each) => each.startsWith('/indicateurs/'));
    assert.ok(indicator, `lien vers une page d'indicateur atteint (liens : ${[...reached].join(', ')})`);
    await page.context().close();
  });

  it('une valeur envoyée par l\'API est dans le chiffre national au chargement suivant', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const sent = await page.request.post(instance.url('/api/v1/data-values'), {
      headers: { 'X-CSRF-Token': csrf },
      data: { values: [{ element: 'cdca_reunions', territory: 'DEP-33', period: YEAR, value: 4321 }] },
    });
    assert.equal(sent.status(), 200, await sent.text());
    await page.goto(instance.url('/tableau-de-bord'));
    const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(MEETINGS) }) }).first();
    const text = await row.innerText();
    assert.match(text, /4\s321/);
    assert.match(text, new RegExp(YEAR));
    assert.match(text, /1\/101 départements/);
    await page.context().close();
  });
});
