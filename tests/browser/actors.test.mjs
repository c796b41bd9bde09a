// The directory of actors and their pages: search and filters, pagination,
// the CSV export, and editing an actor's contact details within one's own
// territory only, with errors, conflicts and refusals as a person sees them.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { ACCOUNTS, pageAs, startInstance } from './harness.mjs';

describe('annuaire et fiches des acteurs', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('recherche par mots, type et territoire, sans JavaScript', async () => {
    const page = await instance.newPage({ javaScriptEnabled: false });
    await page.goto(instance.url('/acteurs'));
    await page.getByLabel('Mots-clés').fill('gironde');
    await page.getByLabel('Type d\'acteur').selectOption('mdph');
    await page.getByLabel('Territoire').selectOption('DEP-33');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=gironde/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('type'), 'mdph');
    assert.equal(url.searchParams.get('territoire'), 'DEP-33');
    assert.equal(await page.getByRole('heading', { level: 2, name: /acteur/ }).first().innerText(), '1 acteur trouvé');
    const rows = page.locator('table tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /MDPH de la Gironde/);
    assert.match(await rows.first().innerText(), /À confirmer/i);
    // The form shows the filter in use.
    assert.equal(await page.getByLabel('Mots-clés').inputValue(), 'gironde');
    assert.equal(await page.getByLabel('Territoire').inputValue(), 'DEP-33');
  });

  it('affiche un état vide et une erreur de filtre compréhensibles', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/acteurs?q=zzzintrouvable'));
    await page.getByRole('heading', { name: 'Aucun acteur trouvé' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Vérifiez l'orthographe/);
    assert.equal(await page.locator('table').count(), 0);

    const response = await page.goto(instance.url('/acteurs?territoire=DEP-2C'));
    assert.equal(response.status(), 422);
    assert.match(await page.locator('#recherche-territoire-erreur').innerText(), /2C/);
    assert.match(await page.title(), /^Erreur : /);
  });

  it('pagine la liste avec le composant de pagination', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/acteurs?tri=type'));
    const heading = await page.getByRole('heading', { level: 2 }).first().innerText();
    const total = Number(heading.replace(/\D/g, ''));
    assert.ok(total > 600, `plus de 600 acteurs (${heading})`);
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    assert.equal(await pagination.locator('[aria-current="page"]').innerText(), '1');
    await pagination.getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(/page=2/);
    assert.equal(await pagination.locator('[aria-current="page"]').innerText(), '2');
    assert.match(await page.locator('caption').innerText(), /page 2 sur 33/);
    assert.equal(new URL(page.url()).searchParams.get('tri'), 'type');
    await pagination.getByRole('link', { name: 'Dernière page' }).click();
    await page.waitForURL(/page=33/);
    assert.ok(await page.locator('table tbody tr').count() > 0);
  });

  it('exporte la recherche en CSV pour un tableur', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/acteurs?territoire=REG-94'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger cette liste/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'acteurs-boussole.csv');
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'marque d\'ordre des octets UTF-8');
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines.at(-1), '', 'chaque ligne finit par CRLF');
    assert.equal(lines[0].split(';')[0], '"Identifiant"');
    assert.match(lines[0], /^"Identifiant";"Type";"Nom";"Nom court";"Territoires couverts"/);
    assert.ok(lines.some((line) => line.startsWith('"collectivite-corse";')),
      'la Collectivité de Corse est dans l\'export de la région Corse');
    const heading = await page.getByRole('heading', { level: 2 }).first().innerText();
    assert.equal(lines.length - 2, Number(heading.replace(/\D/g, '')), 'autant de lignes que de résultats');
  });

  it('un contributeur modifie une fiche de son département, avec les erreurs signalées', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/acteurs/mdph-33'));
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.waitForURL(/\/acteurs\/mdph-33\/modifier$/);

    await page.getByLabel('Adresse électronique de contact').fill('contact-at-mdph33');
    await page.getByLabel('Téléphone').fill('05 56 99 99 99');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' });
    await summary.waitFor();
    assert.match(await page.locator('#fiche-courriel-erreur').innerText(), /contact-at-mdph33/);
    assert.ok(await page.locator('#fiche-courriel').evaluate((input) => input.classList.contains('fr-input--error')));
    assert.equal(await page.getByLabel('Téléphone').inputValue(), '05 56 99 99 99', 'les saisies sont conservées');
    // The summary links to the faulty field.
    await summary.getByRole('link').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fiche-courriel');

    await page.getByLabel('Adresse électronique de contact').fill('contact@mdph33.example.fr');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.waitForURL(/\/acteurs\/mdph-33\?message=fiche-enregistree/);
    await page.getByText('Fiche enregistrée.').waitFor();
    assert.match(await page.locator('main').innerText(), /contact@mdph33\.example\.fr/);
    assert.match(await page.locator('main').innerText(), /05 56 99 99 99/);
  });

  it('un contributeur ne peut pas modifier la fiche d\'un autre département', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/acteurs/cd-40'));
    assert.equal(await page.getByRole('link', { name: 'Modifier la fiche' }).count(), 0);
    const response = await page.goto(instance.url('/acteurs/cd-40/modifier'));
    assert.equal(response.status(), 403);
    assert.match(await page.locator('main').innerText(), /DEP-40 n'est pas dans le périmètre de votre organisation/);

    // A form forged to post anyway is refused by the domain's own check.
    const status = await page.evaluate(async () => {
      const csrf = document.querySelector('form[action="/deconnexion"] input[name=csrf]').value;
      const body = new URLSearchParams({ csrf, version: '1', phone: '01 02 03 04 05' });
      const answer = await fetch('/acteurs/cd-40/modifier', { method: 'POST', body });
      return answer.status;
    });
    assert.equal(status, 403);
    // Nor may a reader of the same department edit.
    const reader = await pageAs(instance, ACCOUNTS.territorialReader);
    assert.equal((await reader.goto(instance.url('/acteurs/mdph-33/modifier'))).status(), 403);
  });

  it('une modification concurrente est signalée, sans rien écraser', async () => {
    const first = await pageAs(instance, ACCOUNTS.departmentEditor);
    const second = await pageAs(instance, ACCOUNTS.arsEditor);
    await first.goto(instance.url('/acteurs/cd-33/modifier'));
    await second.goto(instance.url('/acteurs/cd-33/modifier'));

    await first.getByLabel('Téléphone').fill('05 56 00 00 01');
    await first.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await first.getByText('Fiche enregistrée.').waitFor();

    await second.getByLabel('Téléphone').fill('05 56 00 00 02');
    const [response] = await Promise.all([
      second.waitForResponse((answer) => answer.request().method() === 'POST'),
      second.getByRole('button', { name: 'Enregistrer la fiche' }).click(),
    ]);
    assert.equal(response.status(), 409);
    await second.getByText('Cette fiche a été modifiée entre-temps').waitFor();
    assert.match(await second.locator('main').innerText(), /Valeur enregistrée entre-temps : 05 56 00 00 01/);
    assert.equal(await second.getByLabel('Téléphone').inputValue(), '05 56 00 00 02');

    await first.goto(instance.url('/acteurs/cd-33'));
    assert.match(await first.locator('main').innerText(), /05 56 00 00 01/);
    // Saving again, knowingly, goes through.
    await second.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await second.getByText('Fiche enregistrée.').waitFor();
    assert.match(await second.locator('main').innerText(), /05 56 00 00 02/);
  });
});
