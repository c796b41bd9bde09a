// The common calendar in the browser, as the Gironde's agent uses it:
// programming an event on the date of the monthly CDAPH, seeing the warning
// and saving anyway with a reason; accepting the demo's mutualisation of the
// two calls for projects on home living and finding the joint event;
// dismissing the regional ARS call's suggestion with a reason; setting the
// mutualisation window as a national administrator; and the new pages under
// axe-core.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

// The second Thursday of March next year: the demo's monthly CDAPH of the
// Gironde meets that day from 14:00 to 17:00, its department in the audience.
function cdaphDay() {
  const year = new Date().getUTCFullYear() + 1;
  const day = new Date(Date.UTC(year, 2, 1));
  const firstThursday = 1 + ((4 - day.getUTCDay() + 7) % 7);
  return `${year}-03-${String(firstThursday + 7).padStart(2, '0')}`;
}

describe('calendrier commun', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('signale le conflit d\'un nouvel événement et l\'enregistre avec un motif', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await page.getByRole('link', { name: 'Programmer un événement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmer un événement' }).waitFor();
    await expectNoAxeViolations(page, 'formulaire d\'événement');

    // Sent empty, the form names what is missing, in French.
    await page.getByRole('button', { name: 'Enregistrer l\'événement' }).click();
    const summary = page.locator('[data-bsl-error-summary]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Titre : obligatoire/);
    await expectNoAxeViolations(page, 'formulaire d\'événement en erreur');

    await page.getByLabel('Titre *').fill('Comité des aidants');
    await page.getByLabel('Type d\'événement *').selectOption('groupe_thematique');
    await page.getByLabel('Organisateur *').selectOption({ label: 'Conseil départemental de la Gironde' });
    await page.getByLabel('Premier jour *').fill(cdaphDay());
    await page.getByLabel('Heure de début').fill('14:30');
    await page.getByLabel('Dernier jour *').fill(cdaphDay());
    await page.getByLabel('Heure de fin').fill('16:00');
    await page.getByRole('button', { name: 'Enregistrer l\'événement' }).click();

    const warnings = page.locator('[data-bsl-warnings]');
    await warnings.waitFor();
    assert.match(await warnings.innerText(), /CDAPH plénière/);
    await expectNoAxeViolations(page, 'avertissements d\'un événement');

    await page.getByLabel(/Motif pour enregistrer/).fill('Seule date possible pour les aidants');
    await Promise.all([
      page.waitForURL(/\/territoires\/DEP-33\/calendrier\?/),
      page.getByRole('button', { name: 'Enregistrer malgré les avertissements' }).click(),
    ]);
    assert.match(await page.locator('main').innerText(), /Comité des aidants/);
  });

  it('accepte une mutualisation et montre l\'événement commun', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await page.getByRole('link', { name: 'Mutualisations possibles' }).click();
    await page.getByRole('heading', { level: 1, name: /Mutualisations/ }).waitFor();
    const suggestion = page.locator('[data-bsl-suggestion]').first();
    assert.match(await suggestion.innerText(), /Deux appels à projets sur « Vie autonome/);
    assert.match(await suggestion.innerText(), /à trois semaines d'écart/);
    await expectNoAxeViolations(page, 'suggestions de mutualisation');

    const before = await page.locator('[data-bsl-suggestion]').count();
    await Promise.all([
      page.waitForURL(/message=mutualisation-acceptee/),
      suggestion.getByRole('button', { name: /Accepter/ }).click(),
    ]);
    const joint = page.locator('[data-bsl-joint-event]').first();
    assert.match(await joint.innerText(), /Commun ARS et département : Appel à projets habitat inclusif/);
    assert.equal(await page.locator('[data-bsl-suggestion]').count(), before - 1);
    assert.match(await page.locator('main').innerText(), /1 mutualisation\(s\) faite\(s\)/);
    await expectNoAxeViolations(page, 'mutualisation acceptée');
  });

  it('écarte une suggestion avec un motif, dont celle entre l\'ARS de la région et le département', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier/mutualisations'));
    const regional = page.locator('[data-bsl-suggestion]', { hasText: 'Appel à projets régional répit des aidants' });
    assert.equal(await regional.count(), 1, 'la suggestion entre l\'appel régional et celui du département');
    const before = await page.locator('[data-bsl-suggestion]').count();
    await regional.getByLabel(/Motif pour écarter/).fill('Calendriers de financement différents');
    await Promise.all([
      page.waitForURL(/message=suggestion-ecartee/),
      regional.getByRole('button', { name: /Écarter/ }).click(),
    ]);
    assert.equal(await page.locator('[data-bsl-suggestion]').count(), before - 1);
    assert.equal(await page.locator('[data-bsl-suggestion]', { hasText: 'répit des aidants' }).count(), 0);
    assert.match(await page.locator('main').innerText(), /Suggestion écartée/);
    // No window form for a department's agent.
    assert.equal(await page.locator('[data-bsl-window-form]').count(), 0);
    await expectNoAxeViolations(page, 'suggestion écartée');
  });

  it('fixe la fenêtre des mutualisations en semaines, en administrateur national', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await page.goto(instance.url('/territoires/DEP-33/calendrier/mutualisations'));
    const form = page.locator('[data-bsl-window-form]');
    await expectNoAxeViolations(page, 'fenêtre des mutualisations');
    await form.getByLabel(/Fenêtre/).fill('60');
    await form.getByLabel('Unité').selectOption('semaines');
    await form.getByRole('button', { name: 'Enregistrer la fenêtre' }).click();
    const summary = page.locator('[data-bsl-error-summary]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Fenêtre : un nombre entier de semaines entre 1 et 52/);
    assert.match(await page.title(), /^Erreur : /);
    await expectNoAxeViolations(page, 'fenêtre en erreur');

    await page.locator('[data-bsl-window-form]').getByLabel(/Fenêtre/).fill('6');
    await Promise.all([
      page.waitForURL(/message=fenetre-mutualisations-enregistree/),
      page.locator('[data-bsl-window-form]').getByRole('button', { name: 'Enregistrer la fenêtre' }).click(),
    ]);
    assert.match(await page.locator('main').innerText(), /à 6 semaines d'écart au plus/);
  });

  it('annule une occurrence de la CDAPH mensuelle depuis la page de l\'événement', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    const listed = await page.request.get(instance.url('/api/v1/calendar/events?territory=DEP-33&kind=cdaph'));
    assert.equal(listed.status(), 200);
    const series = (await listed.json()).items.find((event) => event.rrule && event.territory === 'DEP-33');
    assert.ok(series, 'la CDAPH mensuelle de la démo attendue');
    await page.goto(instance.url(`/territoires/DEP-33/calendrier/evenements/${series.id}/modifier`));
    await page.getByRole('link', { name: /Occurrences de la série/ }).click();
    await page.getByRole('heading', { level: 1, name: /Occurrences/ }).waitFor();
    await expectNoAxeViolations(page, 'occurrences d\'une série');
    const cancelledBefore = await page.locator('[data-bsl-cancelled-occurrence]').count();
    const first = page.locator('[data-bsl-occurrence]').first();
    const when = (await first.locator('span').first().innerText()).trim();
    await Promise.all([
      page.waitForURL(/message=occurrence-annulee/),
      first.getByRole('button', { name: /Annuler cette occurrence/ }).click(),
    ]);
    assert.equal(await page.locator('[data-bsl-cancelled-occurrence]').count(), cancelledBefore + 1);
    const cancelled = await page.locator('[data-bsl-cancelled-occurrence]').allInnerTexts();
    assert.ok(cancelled.some((text) => text.includes(when)), `${when} parmi les occurrences annulées`);
    await expectNoAxeViolations(page, 'occurrence annulée');
    const ics = await page.request.get(instance.url(`/api/v1/calendar/export?territory=DEP-33`));
    assert.match(await ics.text(), /EXDATE;TZID=Europe\/Paris:/);
  });

  it('crée une adresse d\'abonnement, la montre puis la révoque', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await page.getByRole('link', { name: 'S\'abonner dans un agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Abonnements au calendrier commun' }).waitFor();
    assert.equal(await page.locator('#abo-territoire').inputValue(), 'DEP-33');
    await expectNoAxeViolations(page, 'abonnements');

    await page.getByRole('button', { name: 'Créer l\'adresse d\'abonnement' }).click();
    await page.locator('[data-bsl-subscription-created]').waitFor();
    const url = await page.getByLabel('Adresse d\'abonnement').inputValue();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/feeds\/\S+$/);
    await expectNoAxeViolations(page, 'abonnement créé');
    const feed = await page.request.get(url);
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /BEGIN:VCALENDAR/);

    // The events of one's own organisation too.
    await page.locator('label[for="abo-portee-miens"]').click();
    await page.getByRole('button', { name: 'Créer l\'adresse d\'abonnement' }).click();
    await page.locator('[data-bsl-subscription-created]').waitFor();
    assert.match(await page.locator('[data-bsl-subscription-created]').innerText(), /Événements de Conseil départemental de la Gironde/);
    assert.equal(await page.locator('[data-bsl-subscription]').count(), 2);

    await Promise.all([
      page.waitForURL(/message=abonnement-revoque/),
      page.locator('[data-bsl-subscription]').last().getByRole('button', { name: /Révoquer/ }).click(),
    ]);
    assert.equal(await page.locator('[data-bsl-subscription]').count(), 1);
    assert.equal((await page.request.get(url)).status(), 404);
  });

  it('trouve des dates libres pour le département et sa MDPH', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await page.getByRole('link', { name: 'Trouver une date' }).click();
    await page.getByRole('heading', { level: 1, name: /Trouver une date/ }).waitFor();
    await expectNoAxeViolations(page, 'trouver une date');
    await page.locator('label', { hasText: 'Conseil départemental de la Gironde' }).click();
    await page.getByRole('button', { name: 'Chercher les dates libres' }).click();
    await page.getByRole('heading', { level: 2, name: 'Dates libres' }).waitFor();
    assert.ok(await page.locator('[data-bsl-free-date]').count() > 0, 'des créneaux libres attendus');
    await expectNoAxeViolations(page, 'dates libres');
  });
});
