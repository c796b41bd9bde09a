// The indicator page and the comparison page as people use them on the demo
// instance: the map, the charts and their tables; no axe-core violation,
// signed in or not; a department of the map reached with Tab and followed
// with Enter; the filters form used with the keyboard alone.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

const INDICATOR = '/indicateurs/mdph_delai_traitement';

describe('page d\'un indicateur et comparaison', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('montre la carte des 101 départements, les graphiques et leurs tableaux, sans violation axe', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url(INDICATOR));
    await page.getByRole('heading', { level: 1, name: 'Délai moyen de traitement des demandes MDPH' }).waitFor();
    assert.equal(await page.locator('figure svg [data-code]').count(), 101);
    // The map and the ranking are groups of links; the other charts images.
    assert.equal(await page.locator('figure svg[role="group"]').count(), 2, 'carte et classement');
    // Without a territory, the series is the nation's, which the public sees
    // only once every value in it is validated: none in the demo's recent data.
    assert.equal(await page.locator('figure svg[role="img"]').count(), 2, 'distribution, dispersion');
    const table = page.getByRole('table', { name: /valeur, rang et écart à la valeur nationale des départements/ });
    assert.equal(await table.locator('tbody tr').count(), 101);
    assert.match(await page.locator('main').innerText(), /\d+\/101 départements/);
    assert.match(await page.locator('main').innerText(), /données de démonstration/i);
    await expectNoAxeViolations(page, 'indicateur (anonyme)');

    await page.goto(instance.url(`${INDICATOR}?region=REG-75&territoire=DEP-33&tri=nom`));
    assert.equal(await table.locator('tbody tr').count(), 12);
    assert.match(await page.locator('main').innerText(), /Nouvelle-Aquitaine \(région\)/);
    assert.equal(await page.locator('figure svg[role="img"]').count(), 3, 'évolution, distribution, dispersion');
    await expectNoAxeViolations(page, 'indicateur filtré');

    const analyst = await pageAs(instance, ACCOUNTS.nationalAnalyst);
    await analyst.goto(instance.url(`${INDICATOR}?territoire=DEP-33`));
    assert.match(await analyst.locator('main').innerText(), /inclut des valeurs non validées/i);
    await expectNoAxeViolations(analyst, 'indicateur (connecté)');

    await page.goto(instance.url(`${INDICATOR}?territoire=DEP-2C`));
    assert.match(await page.locator('main').innerText(), /2C/);
    await expectNoAxeViolations(page, 'indicateur, paramètre invalide');
  });

  it('atteint un département de la carte avec Tab et suit son lien avec Entrée', async () => {
    const page = await instance.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(instance.url(INDICATOR));
    let reached = null;
    for (let i = 0; i < 200 && !reached; ++i) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || !element.closest('figure svg') || element.tagName.toLowerCase() !== 'a')
          return null;
        return element.getAttribute('href');
      });
    }
    assert.ok(reached, 'un département de la carte reçoit le focus');
    assert.match(reached, /territoire=DEP-/);
    const department = /territoire=(DEP-[0-9AB]+)/.exec(reached)[1];
    await Promise.all([page.waitForURL((url) => url.search.includes(`territoire=${department}`)),
      page.keyboard.press('Enter')]);
    assert.equal(await page.locator('#indicateur-territoire').inputValue(), department);
    assert.equal(await page.locator('tr.bsl-selected-row').count(), 1);
  });

  it('le formulaire des filtres s\'utilise au clavier', async () => {
    const page = await instance.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(instance.url(INDICATOR));
    await page.locator('#indicateur-periode').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'indicateur-region');
    await page.keyboard.press('ArrowDown');
    const region = await page.locator('#indicateur-region').inputValue();
    assert.match(region, /^REG-/);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'indicateur-territoire');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Afficher');
    await Promise.all([page.waitForURL((url) => url.search.includes(`region=${region}`)),
      page.keyboard.press('Enter')]);
    assert.match(await page.getByRole('table', { name: /valeur, rang et écart/ }).locator('caption').innerText(),
      /de la région/);
  });

  it('compare un département à des départements semblables, sans violation axe', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url(`${INDICATOR}?territoire=DEP-33`));
    await page.getByRole('link', { name: 'Comparer Gironde à des départements semblables' }).click();
    await page.waitForURL(/\/territoires\/DEP-33\/comparaison\?indicateur=mdph_delai_traitement$/);
    await page.getByRole('heading', { level: 1, name: 'Comparer Gironde (33) à des départements semblables' })
      .waitFor();
    const peers = page.getByRole('table', { name: /Départements comparés à Gironde/ });
    assert.equal(await peers.locator('tbody tr').count(), 6);
    assert.match(await page.locator('main').innerText(), /écart-type entre les 101 départements/);
    const table = page.getByRole('table', { name: /Indicateurs de Gironde/ });
    assert.equal(await table.locator('tbody tr').count(), 8, 'le département, 5 semblables, la région, la France');
    assert.equal(await page.locator('#graphiques ~ figure svg').count(), 1, 'un graphique par indicateur');
    await expectNoAxeViolations(page, 'comparaison');

    await page.goto(instance.url('/comparaison?territoire=DEP-33&voisins=region'));
    assert.equal(await peers.locator('tbody tr').count(), 12);
    await expectNoAxeViolations(page, 'comparaison par région, indicateurs par défaut');
  });
});
