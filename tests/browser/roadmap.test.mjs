// The common roadmap as the Gironde's department agent uses it: add an
// action through the form (its due date already past), see it « en retard »,
// write a progress note that moves it on, find the export links, all with
// no axe violation; the table's sorting links and the form are reachable
// with the keyboard. Then the ITA, the steering room, records a decision;
// a member is changed (a wrong period refused) and another removed after a
// confirmation; a decision is changed, then deleted, and its history shows
// both. Last, a consultation is opened on the roadmap, the CAF invited
// contributes on one action and the department answers.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

function dayFromToday(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

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

  it('modifie et retire un membre de l\'ITA', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/ita'));
    const members = page.locator('table', { has: page.locator('caption', { hasText: "Membres de l'ITA" }) });
    await members.getByRole('link', { name: /^Modifier/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Modifier le membre/ }).waitFor();
    await expectNoAxeViolations(page, 'modification d\'un membre');
    await page.locator('#membre-personne').fill('Camille Durand, vice-présidente');
    await page.locator('#membre-debut').fill('2026-01-01');
    await page.locator('#membre-fin').fill('2025-06-30');
    await page.getByRole('button', { name: 'Enregistrer le membre' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    assert.match(await page.locator('main').innerText(), /la fin suit le début/);
    await expectNoAxeViolations(page, 'membre avec erreur');
    await page.locator('#membre-fin').fill('2029-12-31');
    await page.getByRole('button', { name: 'Enregistrer le membre' }).click();
    await page.getByText("Membre de l'ITA modifié").waitFor();
    const table = await members.innerText();
    assert.match(table, /Camille Durand, vice-présidente/);
    assert.match(table, /du 01\/01\/2026 au 31\/12\/2029/);

    const before = await members.locator('tbody tr').count();
    await members.getByRole('link', { name: /^Retirer/ }).last().click();
    await page.getByRole('heading', { level: 1, name: /Retirer le membre/ }).waitFor();
    await expectNoAxeViolations(page, 'confirmation du retrait');
    await page.getByRole('button', { name: 'Retirer le membre' }).click();
    await page.getByText("Membre retiré de l'ITA").waitFor();
    assert.equal(await members.locator('tbody tr').count(), before - 1);
    await expectNoAxeViolations(page, 'ITA après le retrait');
  });

  it('modifie puis supprime une décision, visible dans son historique', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/ita'));
    await page.getByRole('link', { name: /^Modifier la décision du/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Modifier la décision du/ }).waitFor();
    await expectNoAxeViolations(page, 'modification d\'une décision');
    await page.locator('#decision-texte').fill('');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    assert.match(await page.locator('main').innerText(), /Décision : obligatoire/);
    await page.locator('#decision-texte').fill('Étendre le guichet unique aux aidants, à titre expérimental.');
    await page.locator('#decision-actions input[type=checkbox]').first().check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('Décision modifiée').waitFor();
    const main = page.locator('main');
    assert.match(await main.innerText(), /Étendre le guichet unique aux aidants/);

    await page.getByRole('link', { name: /^Historique de la décision du/ }).first().click();
    const history = page.locator('#historique + div table');
    await history.waitFor();
    assert.match(await history.innerText(), /modification/);
    assert.match(await history.innerText(), /Étendre le guichet unique aux aidants/);
    await page.getByRole('link', { name: 'Supprimer la décision' }).click();
    await page.getByRole('heading', { level: 1, name: /Supprimer la décision du/ }).waitFor();
    await expectNoAxeViolations(page, 'confirmation de la suppression');
    await page.getByRole('button', { name: 'Supprimer la décision' }).click();
    await page.getByText('Décision supprimée. La suppression').waitFor();
    assert.match(await main.innerText(), /Décisions supprimées/);
    await page.getByRole('link', { name: /^Historique de la décision supprimée/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Décision supprimée du/ }).waitFor();
    assert.match(await page.locator('#historique + div table').innerText(), /suppression/);
    await expectNoAxeViolations(page, 'historique d\'une décision supprimée');
  });

  it('ouvre une consultation sur la feuille de route : la CAF contribue sur une action, le département répond', async () => {
    const cd = await pageAs(instance, ACCOUNTS.departmentEditor);
    await cd.goto(instance.url('/territoires/DEP-33/feuille-de-route'));
    await cd.getByRole('heading', { level: 2, name: 'Consultations' }).waitFor();
    await cd.getByRole('link', { name: /Ouvrir une consultation/ }).click();
    await cd.getByRole('heading', { level: 1, name: 'Consultations sur la feuille de route commune' }).waitFor();
    await expectNoAxeViolations(cd, 'consultations de la feuille de route');
    await cd.getByRole('button', { name: 'Ouvrir la consultation' }).click();
    await cd.getByText('Le formulaire contient').waitFor();
    assert.match(await cd.locator('main').innerText(), /invitez au moins une organisation/);
    await expectNoAxeViolations(cd, 'ouverture refusée');
    await cd.getByLabel(/^Intitulé/).fill('Consultation des partenaires sur la feuille de route 2027');
    await cd.getByLabel(/^Date de clôture/).fill(dayFromToday(20));
    await cd.getByLabel(/^CAF de la Gironde/).check({ force: true });
    await cd.getByRole('button', { name: 'Ouvrir la consultation' }).click();
    await cd.waitForURL(/\/consultations\/\d+\?message=consultation-ouverte/);
    const synthesis = new URL(cd.url()).pathname;
    assert.match(await cd.locator('main').innerText(), /feuille de route commune — Gironde/);
    await expectNoAxeViolations(cd, 'synthèse d\'une consultation de feuille de route');

    const caf = await pageAs(instance, ACCOUNTS.partner);
    await caf.goto(instance.url(synthesis));
    const on = caf.getByLabel('Sur', { exact: true });
    assert.match(await on.locator('option').first().innerText(), /L'ensemble de la feuille de route/);
    const action = await on.locator('option').nth(1).innerText();
    await on.selectOption({ index: 1 });
    await caf.getByLabel('Votre contribution').fill('Prévoir un relais dans chaque territoire de proximité.');
    await caf.getByRole('button', { name: 'Envoyer la contribution' }).click();
    await caf.waitForURL(/message=contribution-enregistree/);
    assert.ok((await caf.locator('main').innerText()).includes(`l'action « ${action} »`));
    await expectNoAxeViolations(caf, 'synthèse côté CAF');

    await cd.goto(instance.url(synthesis));
    await cd.getByLabel('non retenu', { exact: true }).check({ force: true });
    await cd.getByLabel(/^Motif/).fill('Les relais de proximité relèvent du schéma départemental.');
    await cd.getByRole('button', { name: /Enregistrer la réponse/ }).click();
    await cd.waitForURL(/message=reponse-enregistree/);
    const text = await cd.locator('main').innerText();
    assert.match(text, /1 contribution\(s\), 1 avec une réponse/);
    assert.match(text, /non retenu/);
    await expectNoAxeViolations(cd, 'synthèse avec la réponse');
    await cd.goto(instance.url('/territoires/DEP-33/feuille-de-route'));
    assert.match(await cd.locator('main').innerText(), /Consultation des partenaires sur la feuille de route 2027/);
  });
});
