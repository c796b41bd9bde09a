// The views and planning pages of the common calendar in the browser, as
// the Gironde's agent uses them: the month grid and the week under
// axe-core, moving from month to month with the keyboard, the filters kept
// from view to view with their empty state, importing an .ics file and
// keeping the department's declared constraints.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

function monthParameter(date) {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('vues du calendrier commun', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('montre le mois en grille et passe d\'un mois à l\'autre au clavier', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await Promise.all([
      page.waitForURL(/vue=mois/),
      page.getByRole('link', { name: 'Mois', exact: true }).click(),
    ]);
    const grid = page.locator('table.bsl-cal-grid');
    await grid.waitFor();
    assert.equal(await grid.locator('thead th[scope="col"]').count(), 7);
    assert.equal(await grid.locator('thead th').first().innerText(), 'Lundi');
    assert.equal(await page.locator('td[aria-current="date"]').count(), 1);
    assert.ok(await grid.locator('.bsl-cal-events a').count() > 0, 'des événements dans la grille');
    await expectNoAxeViolations(page, 'grille du mois');

    const now = new Date();
    const current = monthParameter(now);
    const next = monthParameter(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
    assert.equal(await grid.getAttribute('data-bsl-month'), current);
    // Keyboard only: to the next month's link, Enter, then back.
    await page.locator('[data-bsl-next]').focus();
    await Promise.all([page.waitForURL(new RegExp(`mois=${next}`)), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('table.bsl-cal-grid').getAttribute('data-bsl-month'), next);
    assert.equal(await page.locator('td[aria-current="date"]').count(), 0);
    await page.locator('[data-bsl-previous]').focus();
    await Promise.all([page.waitForURL(new RegExp(`mois=${current}`)), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('table.bsl-cal-grid').getAttribute('data-bsl-month'), current);

    // Printed, the navigation and the filters are left out.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('[data-bsl-next]').isVisible(), false);
    assert.equal(await page.locator('#calendar-kind').isVisible(), false);
    assert.equal(await grid.isVisible(), true);
  });

  it('montre la semaine aux heures locales et garde les filtres d\'une vue à l\'autre', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier?vue=semaine'));
    const week = page.locator('table[data-bsl-week]');
    await week.waitFor();
    assert.equal(await week.locator('tbody tr').count(), 7);
    await expectNoAxeViolations(page, 'semaine');

    await page.locator('#calendar-organisation').selectOption({ label: 'Conseil départemental de la Gironde' });
    await page.getByLabel('Priorité').selectOption('P1');
    await Promise.all([page.waitForURL(/priorite=P1/), page.getByRole('button', { name: 'Filtrer' }).click()]);
    assert.match(page.url(), /vue=semaine/);
    const exportHref = await page.getByRole('link', { name: /Exporter au format iCalendar/ }).getAttribute('href');
    assert.match(exportHref, /priority=P1/);
    assert.match(exportHref, /organisation_id=\d+/);
    await Promise.all([page.waitForURL(/vue=mois.*priorite=P1/), page.getByRole('link', { name: 'Mois', exact: true }).click()]);
    assert.equal(await page.getByLabel('Priorité').inputValue(), 'P1');

    // A filter that matches nothing says so, and resets.
    await page.getByLabel('Type d\'événement').selectOption('formation');
    await page.getByLabel('Priorité').selectOption('P11');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const empty = page.locator('[data-bsl-empty]');
    await empty.waitFor();
    assert.match(await empty.innerText(), /Aucun événement ne correspond à ces filtres/);
    await expectNoAxeViolations(page, 'filtres sans résultat');
    await Promise.all([
      page.waitForURL((url) => !url.search.includes('priorite')),
      page.getByRole('link', { name: 'Réinitialiser les filtres' }).click(),
    ]);
    assert.match(page.url(), /vue=mois/);
  });

  it('importe un fichier .ics et montre le rapport', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await page.getByRole('link', { name: 'Importer un fichier .ics' }).click();
    await page.getByRole('heading', { level: 1, name: /Importer un calendrier/ }).waitFor();
    await expectNoAxeViolations(page, 'import .ics');

    await page.getByRole('button', { name: 'Importer le calendrier' }).click();
    await page.locator('[data-bsl-error-summary]').waitFor();
    assert.match(await page.locator('[data-bsl-error-summary]').innerText(), /Organisation : choisissez/);
    await expectNoAxeViolations(page, 'import .ics en erreur');

    const year = new Date().getUTCFullYear() + 1;
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Agenda//FR',
      'BEGIN:VEVENT', 'UID:aidants-1@agenda.example', 'DTSTAMP:20260101T000000Z', 'SUMMARY:Café des aidants',
      `DTSTART:${year}0413T100000`, `DTEND:${year}0413T120000`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    await page.getByLabel('Organisation dont c\'est le calendrier *').selectOption({ label: 'Conseil départemental de la Gironde' });
    await page.getByLabel(/Fichier iCalendar/).setInputFiles({ name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
    await page.getByRole('button', { name: 'Importer le calendrier' }).click();
    const report = page.locator('[data-bsl-import-report]');
    await report.waitFor();
    assert.match(await report.innerText(), /1 événement\(s\) créé\(s\)/);
    assert.match(await report.innerText(), /Café des aidants/);
    await expectNoAxeViolations(page, 'rapport d\'import .ics');
  });

  it('déclare, modifie et supprime une contrainte du département', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/territoires/DEP-33/calendrier'));
    await page.getByRole('link', { name: 'Contraintes déclarées' }).click();
    await page.getByRole('heading', { level: 1, name: /Contraintes de calendrier/ }).waitFor();
    await expectNoAxeViolations(page, 'contraintes');
    const before = await page.locator('[data-bsl-constraint]').count();

    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel('Premier jour *').fill(`${year}-07-10`);
    await page.getByLabel('Dernier jour (inclus) *').fill(`${year}-07-01`);
    await page.getByRole('button', { name: 'Déclarer la contrainte' }).click();
    const summary = page.locator('[data-bsl-error-summary]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Dernier jour : il ne peut pas précéder le premier jour/);
    assert.match(await summary.innerText(), /Motif : obligatoire/);
    await expectNoAxeViolations(page, 'contrainte en erreur');

    await page.getByLabel('Dernier jour (inclus) *').fill(`${year}-07-20`);
    await page.locator('label[for="contrainte-type-cdca"]').click();
    await page.getByLabel(/Motif/).fill('Session budgétaire');
    await Promise.all([
      page.waitForURL(/message=contrainte-declaree/),
      page.getByRole('button', { name: 'Déclarer la contrainte' }).click(),
    ]);
    assert.equal(await page.locator('[data-bsl-constraint]').count(), before + 1);
    const row = page.locator('[data-bsl-constraint]', { hasText: 'Session budgétaire' });
    assert.match(await row.innerText(), /CDCA/);

    await row.getByRole('link', { name: /Modifier/ }).click();
    await page.getByRole('heading', { level: 1, name: /Modifier une contrainte/ }).waitFor();
    await expectNoAxeViolations(page, 'modifier une contrainte');
    await page.getByLabel(/Motif/).fill('Session budgétaire rectificative');
    await Promise.all([
      page.waitForURL(/message=contrainte-modifiee/),
      page.getByRole('button', { name: 'Enregistrer la contrainte' }).click(),
    ]);
    const changed = page.locator('[data-bsl-constraint]', { hasText: 'Session budgétaire rectificative' });
    await Promise.all([
      page.waitForURL(/message=contrainte-supprimee/),
      changed.getByRole('button', { name: /Supprimer/ }).click(),
    ]);
    assert.equal(await page.locator('[data-bsl-constraint]').count(), before);
  });
});
