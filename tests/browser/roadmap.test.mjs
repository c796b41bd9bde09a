// The common roadmap as the Gironde's department agent uses it: add an
// action through the form (its due date already past), see it « en retard »,
// write a progress note that moves it on, find the export links, all with
// no axe violation; the table's sorting links and the form are reachable
// with the keyboard. Then the ITA, the steering room, records a decision.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

describe('feuille de route commune', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('ajoute une action, la voit en retard, note son avancement', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/feuille-de-route'));
    await page.getByRole('heading', { level: 1, name: /Feuille de route commune — Gironde/ }).waitFor();
    await page.getByRole('link', { name: 'Exporter au format CSV' }).waitFor();
    assert.match(await page.locator('#frise + figure svg title').first().textContent(), /Frise/);
    await page.getByRole('link', { name: 'Exporter au format Excel (.xlsx)' }).waitFor();
    await expectNoAxeViolations(page, 'feuille de route');

    await page.getByRole('link', { name: 'Ajouter une action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter une action' }).waitFor();
    // An empty form is refused with French messages next to the fields.
    await page.getByRole('button', { name: "Enregistrer l'action" }).click();
    await page.getByText('Le formulaire contient des erreurs').waitFor();
    assert.match(await page.locator('main').innerText(), /Intitulé : obligatoire/);
    await expectNoAxeViolations(page, 'formulaire d\'action avec erreurs');

    await page.locator('#action-intitule').fill('Cellule de coordination des sorties d\'hospitalisation');
    await page.locator('#action-priorite').selectOption('P5');
    await page.locator('#action-pilote').selectOption('cd-33');
    await page.locator('#action-statut').selectOption('in_progress');
    await page.locator('#action-debut').fill('2025-01-06');
    await page.locator('#action-echeance').fill('2025-06-30');
    await page.locator('#action-avancement').fill('20');
    await page.locator('#action-budget-prevu').fill('45 000');
    await page.getByRole('button', { name: "Enregistrer l'action" }).click();
    await page.waitForURL(/\/territoires\/DEP-33\/feuille-de-route\/\d+/);
    const main = page.locator('main');
    await page.getByRole('heading', { level: 1, name: /Cellule de coordination/ }).waitFor();
    assert.match(await main.innerText(), /en retard/i);
    assert.match(await main.innerText(), /45\s000\s€/);
    await expectNoAxeViolations(page, 'page d\'une action');

    await page.locator('#note-avancement').fill('60');
    await page.locator('#note-texte').fill('Convention signée avec les trois hôpitaux du territoire.');
    await page.getByRole('button', { name: 'Enregistrer la note' }).click();
    await page.getByText("Note d'avancement enregistrée").waitFor();
    assert.match(await main.innerText(), /avancement 60 % : Convention signée/);
    assert.match(await main.innerText(), /Avancement\s*60 %/);
    assert.match(await main.innerText(), /Note d'avancement/);

    // Late only, sorted by progress: the new action is listed.
    await page.goto(instance.url('/territoires/DEP-33/feuille-de-route?late=true&sort=progress&order=desc'));
    const header = page.locator('th[aria-sort="descending"]');
    assert.match(await header.innerText(), /Avancement/);
    assert.match(await page.locator('#table-actions').innerText(), /Cellule de coordination/);
    await expectNoAxeViolations(page, 'feuille de route filtrée et triée');
  });

  it('se parcourt au clavier : tri des colonnes et formulaire', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/feuille-de-route'));
    const titleSort = page.locator('#table-actions th a', { hasText: 'Intitulé' });
    await titleSort.focus();
    await Promise.all([page.waitForURL(/sort=title/), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('th[aria-sort="ascending"] a').innerText().then((t) => t.startsWith('Intitulé')), true);
    await page.goto(instance.url('/territoires/DEP-33/feuille-de-route/nouvelle'));
    await page.locator('#action-intitule').focus();
    let reached = false;
    for (let i = 0; i < 200 && !reached; ++i) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.includes("Enregistrer l'action"));
    }
    assert.ok(reached, 'le bouton d\'enregistrement est atteint au clavier');
  });

  it('refuse l\'écriture à un lecteur et montre l\'ITA', async () => {
    const reader = await pageAs(instance, ACCOUNTS.territorialReader);
    await reader.goto(instance.url('/territoires/DEP-33/feuille-de-route'));
    assert.equal(await reader.getByRole('link', { name: 'Ajouter une action' }).count(), 0);
    const refused = await reader.goto(instance.url('/territoires/DEP-33/feuille-de-route/nouvelle'));
    assert.equal(refused.status(), 403);

    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/ita'));
    await page.getByRole('heading', { level: 1, name: /Instance territoriale de l'autonomie — Gironde/ }).waitFor();
    const main = page.locator('main');
    assert.match(await main.innerText(), /co-présidence ARS/);
    assert.match(await main.innerText(), /Prochaines réunions/);
    await expectNoAxeViolations(page, 'ITA');
    await page.locator('#decision-texte').fill('Renforcer la cellule de coordination des sorties d\'hospitalisation.');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText("Décision de l'ITA enregistrée").waitFor();
    assert.match(await main.innerText(), /Renforcer la cellule de coordination/);
  });
});
