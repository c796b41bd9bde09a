// Data entry, history, submission and validation as people do them, without
// JavaScript: the Gironde's departmental council enters a value, sees it with
// its history, submits it; the ARS Nouvelle-Aquitaine validates it; the value
// then shows « validée » and is no longer offered for editing. And a value
// written through the API is on the pages as soon as the call returns.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, pageAs, startInstance } from './harness.mjs';

// A year before the demonstration data, so that the cells start empty.
const YEAR = '2018';

describe('saisie, historique, transmission et validation des valeurs', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('le département saisit et transmet, l\'ARS valide', async () => {
    const editor = await pageAs(instance, ACCOUNTS.departmentEditor, { javaScriptEnabled: false });
    await editor.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Données' }).click();
    await editor.waitForURL(/\/donnees\/saisie$/);
    await editor.getByRole('combobox', { name: /^Département/ }).selectOption('DEP-33');
    await editor.getByRole('textbox', { name: /^Période/ }).fill(YEAR);
    await editor.getByRole('button', { name: 'Afficher les valeurs' }).click();
    await editor.getByRole('heading', { level: 2, name: `Gironde (33), ${YEAR}` }).waitFor();

    // A typing slip is refused next to its field, and nothing is written.
    await editor.locator('#saisie-ehpad_places').fill('12 places');
    await editor.getByRole('button', { name: 'Enregistrer les valeurs' }).click();
    await editor.getByText('Le formulaire contient une erreur').waitFor();
    assert.match(await editor.locator('#saisie-ehpad_places-erreur').innerText(), /n'est pas un nombre/);
    assert.match(await editor.title(), /^Erreur : /);

    await editor.locator('#saisie-ehpad_places').fill('1 234');
    await editor.locator('#saisie-ehpad_places-commentaire').fill('Relevé du 31 décembre');
    await editor.getByRole('button', { name: 'Enregistrer les valeurs' }).click();
    await editor.getByText('Valeurs enregistrées').waitFor();
    assert.equal(await editor.locator('#saisie-ehpad_places').inputValue(), '1234');
    const row = editor.locator('tr', { has: editor.locator('#saisie-ehpad_places') });
    assert.match(await row.innerText(), /brouillon/i);

    await row.getByRole('link', { name: /Historique/ }).click();
    await editor.waitForURL(new RegExp(`/donnees/historique/ehpad_places/DEP-33/${YEAR}$`));
    const versions = editor.getByRole('table', { name: /Versions de « Places installées en EHPAD »/ });
    assert.equal(await versions.locator('tbody tr').count(), 1);
    assert.match(await versions.locator('tbody tr').first().innerText(), /création/);
    assert.match(await versions.locator('tbody tr').first().innerText(), /1\s234/);
    assert.match(await versions.locator('tbody tr').first().innerText(), /Relevé du 31 décembre/);

    await editor.getByRole('link', { name: /Revenir à la saisie/ }).click();
    await editor.getByRole('button', { name: 'Transmettre les valeurs pour validation' }).click();
    await editor.getByText('Valeurs transmises').waitFor();
    assert.match(await editor.locator('tr', { has: editor.locator('#saisie-ehpad_places') }).innerText(), /transmise/i);

    const ars = await pageAs(instance, ACCOUNTS.arsEditor, { javaScriptEnabled: false });
    await ars.goto(instance.url('/donnees/validation'));
    await ars.getByRole('combobox', { name: 'Département' }).selectOption('DEP-33');
    await ars.getByRole('textbox', { name: /^Période/ }).fill(YEAR);
    await ars.getByRole('button', { name: 'Filtrer' }).click();
    const waiting = ars.locator('tbody tr', { hasText: `Gironde (33), ${YEAR}` });
    await waiting.getByRole('button', { name: /Valider/ }).click();
    await ars.getByText('Valeurs validées').waitFor();
    assert.equal(await ars.locator('tbody tr', { hasText: `Gironde (33), ${YEAR}` }).count(), 0);

    await editor.goto(instance.url(`/donnees/saisie?territoire=DEP-33&periode=${YEAR}`));
    const locked = editor.locator('tbody tr', { hasText: 'Places installées en EHPAD' });
    assert.match(await locked.innerText(), /validée/i);
    assert.match(await locked.innerText(), /verrouillée/);
    assert.equal(await editor.locator('#saisie-ehpad_places').count(), 0, 'une valeur validée n\'est plus modifiable');
    await editor.context().close();

    // The ARS reopens with a reason; without one, the field says so.
    await ars.goto(instance.url(`/donnees/validation?statut=validees&territoire=DEP-33&periode=${YEAR}`));
    const validated = ars.locator('tbody tr', { hasText: `Gironde (33), ${YEAR}` });
    await validated.getByRole('button', { name: /Rouvrir/ }).click();
    await ars.getByText('Motif obligatoire').first().waitFor();
    await ars.locator('tbody tr', { hasText: `Gironde (33), ${YEAR}` }).getByLabel(/Motif de la réouverture/)
      .fill('Nombre de places à vérifier');
    await ars.locator('tbody tr', { hasText: `Gironde (33), ${YEAR}` }).getByRole('button', { name: /Rouvrir/ }).click();
    await ars.getByText('Valeurs rouvertes').waitFor();
    await ars.context().close();
  });

  it('une valeur écrite par l\'API est aussitôt visible, avec son historique et son statut', async () => {
    const editor = await pageAs(instance, ACCOUNTS.departmentEditor);
    const session = await editor.request.get(instance.url('/api/v1/session'));
    const csrf = (await session.json()).csrf_token;
    const response = await editor.request.post(instance.url('/api/v1/data-values'), {
      headers: { 'X-CSRF-Token': csrf },
      data: { values: [{ element: 'mdph_decisions', territory: '33', period: '2017-T2', value: 4321, comment: 'SI MDPH' }] },
    });
    assert.equal(response.status(), 200, await response.text());
    await editor.goto(instance.url('/donnees/saisie?territoire=DEP-33&periode=2017-T2'));
    assert.equal(await editor.locator('#saisie-mdph_decisions').inputValue(), '4321');
    assert.match(await editor.locator('tbody tr', { has: editor.locator('#saisie-mdph_decisions') }).innerText(),
      /brouillon/i);
    await editor.goto(instance.url('/donnees/historique/mdph_decisions/DEP-33/2017-T2'));
    assert.match(await editor.locator('main').innerText(), /4\s321/);
    assert.match(await editor.locator('main').innerText(), /création/);
    await editor.context().close();
  });

  it('montre la grille de complétude avec ses totaux', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAnalyst, { javaScriptEnabled: false });
    await page.goto(instance.url('/donnees/completude'));
    await page.getByLabel('Élément de donnée').selectOption('mdph_decisions');
    await page.getByLabel('Région', { exact: true }).selectOption('REG-75');
    await page.getByLabel('Première période').fill('2017-T1');
    await page.getByLabel('Dernière période').fill('2017-T4');
    await page.getByRole('button', { name: 'Afficher la grille' }).click();
    const grid = page.getByRole('table', { name: /Complétude de « Décisions rendues par la MDPH »/ });
    assert.equal(await grid.locator('tbody tr').count(), 12);
    assert.equal(await grid.locator('thead th').count(), 5);
    assert.match(await grid.locator('tfoot').innerText(), /1\/12 départements/);
    assert.match(await grid.locator('tbody tr', { hasText: 'Gironde (33)' }).innerText(), /Reçue en retard/i);
    assert.match(await grid.locator('tbody tr', { hasText: 'Landes (40)' }).innerText(), /Manquante/i);
    await page.context().close();
  });
});
