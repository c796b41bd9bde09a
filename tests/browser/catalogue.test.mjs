// The indicator catalogue as its readers and the national administrators use
// it: from the menu to an indicator, its formula in words and its data; an
// indicator edited through its form, refused then saved, with its history.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, pageAs, startInstance } from './harness.mjs';

describe('catalogue des indicateurs', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('mène du menu à un indicateur, à sa formule en mots et à ses données', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/'));
    await page.locator('#navigation-principale').getByRole('link', { name: 'Catalogue' }).click();
    await page.waitForURL(/\/catalogue$/);
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Axe / }).count(), 3);
    assert.equal(await page.getByRole('heading', { level: 3 }).count(), 11);
    const p2 = page.locator('section[aria-labelledby="priorite-P2"]');
    assert.equal(await p2.getByRole('heading', { level: 4 }).count(), 6);

    await p2.getByRole('link', { name: 'Délai moyen de traitement des demandes MDPH', exact: true }).click();
    await page.waitForURL(/\/catalogue\/indicateurs\/mdph_delai_traitement$/);
    await page.getByRole('heading', { level: 1, name: 'Délai moyen de traitement des demandes MDPH' }).waitFor();
    const main = page.locator('main');
    assert.match(await main.innerText(), /Définition publiée/i);
    assert.match(await main.innerText(),
      /« Jours de traitement cumulés des décisions » ÷ \(« Décisions rendues par la MDPH » × 30,4\)/);
    assert.match(await main.innerText(), /4,5 mois/);
    const data = page.getByRole('table', { name: /Données citées par les formules/ });
    assert.equal(await data.locator('tbody tr').count(), 2);

    await data.getByRole('link', { name: 'Décisions rendues par la MDPH' }).click();
    await page.waitForURL(/\/catalogue\/donnees\/mdph_decisions$/);
    assert.match(await main.innerText(), /Somme des départements/);
    assert.match(await main.innerText(), /Somme des périodes \(un flux\)/);
    assert.match(await main.innerText(), /Attendue 45 jours après la fin de la période/);
    await main.getByRole('link', { name: 'Délai moyen de traitement des demandes MDPH des adultes' }).waitFor();
    assert.equal(await main.getByRole('link', { name: 'Modifier la donnée' }).count(), 0);

    await page.goto(instance.url('/catalogue/indicateurs/mdph_part_demandes_en_ligne'));
    assert.match(await main.innerText(), /Définition à préciser/i);
  });

  it('l\'administrateur national modifie un indicateur, avec son historique', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await page.goto(instance.url('/catalogue/indicateurs/cdca_nombre_reunions'));
    await page.getByRole('link', { name: 'Modifier l\'indicateur' }).click();
    await page.waitForURL(/\/catalogue\/indicateurs\/cdca_nombre_reunions\/modifier$/);

    await page.getByLabel('Numérateur').fill('cdca_reunion * (2');
    await page.getByLabel('Facteur').fill('un');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#indicateur-facteur-erreur').waitFor();
    assert.match(await page.title(), /^Erreur : /);
    assert.equal(await page.getByLabel('Facteur').inputValue(), 'un', 'ce qui a été saisi est conservé');

    await page.getByLabel('Facteur').fill('1');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#indicateur-numerateur-erreur').waitFor();
    assert.match(await page.locator('#indicateur-numerateur-erreur').innerText(), /position 16/);

    await page.getByLabel('Numérateur').fill('cdca_reunions');
    await page.getByLabel('Décimales affichées').fill('1');
    await page.getByLabel('Motif de la modification').fill('Moyenne sur plusieurs années');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.waitForURL(/\/catalogue\/indicateurs\/cdca_nombre_reunions\?message=/);
    await page.getByText('Nouvelle version enregistrée.').waitFor();
    assert.match(await page.locator('main').innerText(), /1 décimale/);

    await page.goto(instance.url('/catalogue/indicateurs/cdca_nombre_reunions/modifier'));
    const history = page.getByRole('table', { name: /Versions de l'entrée/ });
    assert.equal(await history.locator('tbody tr').count(), 2);
    assert.match(await history.locator('tbody tr').first().innerText(), /Moyenne sur plusieurs années/);
    assert.match(await history.locator('tbody tr').last().innerText(), /Fichiers de référence/);
  });

  it('refuse les formulaires aux autres rôles', async () => {
    const visitor = await instance.newPage();
    assert.equal((await visitor.goto(instance.url('/catalogue/donnees/mdph_decisions/modifier'))).status(), 401);
    const analyst = await pageAs(instance, ACCOUNTS.nationalAnalyst);
    assert.equal((await analyst.goto(instance.url('/catalogue/indicateurs/mdph_delai_traitement/modifier'))).status(),
      403);
    assert.equal((await analyst.goto(instance.url('/catalogue/indicateurs/inconnu'))).status(), 404);
  });
});
