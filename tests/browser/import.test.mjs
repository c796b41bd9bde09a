// Importing a CSV file from the « Données » pages as a departmental council
// does it, without JavaScript: a file saved by a spreadsheet (UTF-8 with BOM,
// semicolons, decimal comma, CRLF, quoted fields) is applied and its values
// show in the data entry page; a faulty file is refused as a whole, with
// every faulty line, its column and what is expected; undoing an import puts
// the values back, and says which ones it kept because they changed since.
// The form works with the keyboard alone too.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ACCOUNTS, pageAs, startInstance } from './harness.mjs';

// Years before the demonstration data, so that the cells start empty.
const YEAR = '2018';
const OTHER_YEAR = '2017';

// The quarter under way in Paris, as the server counts it: "2026-T4".
function currentQuarter() {
  const [month, year] = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', month: 'numeric', year: 'numeric' })
    .format(new Date()).split('/').map(Number);
  return `${year}-T${Math.floor((month - 1) / 3) + 1}`;
}

// A file as a spreadsheet saves it: byte-order mark, CRLF line ends.
function spreadsheet(lines) {
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

describe('import de fichiers CSV', () => {
  let instance;
  let directory;
  before(async () => {
    instance = await startInstance();
    directory = await mkdtemp(path.join(os.tmpdir(), 'boussole-import-'));
  });
  after(async () => {
    await instance?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  async function fileWith(name, lines) {
    const file = path.join(directory, name);
    await writeFile(file, spreadsheet(lines), 'utf8');
    return file;
  }

  // Chooses the file and sends the form; resolves once the report is shown.
  async function upload(page, file) {
    await page.goto(instance.url('/donnees/import'));
    await page.getByLabel('Fichier CSV à importer').setInputFiles(file);
    await Promise.all([
      page.waitForURL(/\/donnees\/import\/\d+$/),
      page.getByRole('button', { name: 'Importer le fichier' }).click(),
    ]);
  }

  // The DSFR draws the box over the input: people click the label.
  async function confirmUndo(page) {
    await page.locator('label[for="annulation-confirmation"]').click();
    assert.ok(await page.locator('#annulation-confirmation').isChecked());
  }

  async function entryValues(page, year) {
    await page.goto(instance.url(`/donnees/saisie?territoire=DEP-33&periode=${year}`));
    return {
      places: await page.locator('#saisie-ehpad_places').inputValue(),
      placesComment: await page.locator('#saisie-ehpad_places-commentaire').inputValue(),
      amount: await page.locator('#saisie-cfppa_montants_engages').inputValue(),
    };
  }

  it('applique un fichier de tableur, refuse un fichier fautif en entier, puis annule', async () => {
    const editor = await pageAs(instance, ACCOUNTS.departmentEditor, { javaScriptEnabled: false });
    await editor.goto(instance.url('/donnees/saisie'));
    await editor.getByRole('navigation', { name: 'Rubriques des données' })
      .getByRole('link', { name: 'Import de fichiers' }).click();
    await editor.waitForURL(/\/donnees\/import$/);
    const template = editor.getByRole('link', { name: /Télécharger le modèle de fichier/ });
    assert.equal(await template.getAttribute('href'), '/api/v1/imports/template.csv');
    const templateFile = await editor.request.get(instance.url('/api/v1/imports/template.csv'));
    assert.equal(templateFile.status(), 200);
    assert.match(await templateFile.text(), /donnee;territoire;periode;valeur;commentaire/);
    assert.ok(await editor.getByLabel('Tout ou rien (recommandé)').isChecked(), 'tout ou rien par défaut');

    // Nothing chosen: the error is next to the field, the title says it.
    await editor.getByRole('button', { name: 'Importer le fichier' }).click();
    await editor.getByText('Le formulaire contient une erreur').waitFor();
    assert.match(await editor.title(), /^Erreur : /);
    assert.match(await editor.locator('#import-fichier-messages').innerText(), /Aucun fichier reçu/);
    assert.equal(await editor.getByLabel('Fichier CSV à importer').getAttribute('aria-describedby'),
      'import-fichier-messages');

    const good = await fileWith('valeurs-gironde.csv', [
      'Donnée;Territoire;Période;Valeur;Commentaire',
      `ehpad_places;33;${YEAR};1 500;"Relevé du 31/12; source FINESS"`,
      `cfppa_montants_engages;DEP-33;${YEAR};"1 234 567,89";Chiffre provisoire`,
    ]);
    await upload(editor, good);
    const firstReport = editor.url();
    await editor.getByRole('heading', { level: 2, name: /^Import appliqué : 2 valeurs écrites/ }).waitFor();
    assert.match(await editor.locator('main').innerText(), /2 lignes lues/);
    assert.match(await editor.locator('main dl').innerText(), /UTF-8/);
    assert.deepEqual(await entryValues(editor, YEAR),
      { places: '1500', placesComment: 'Relevé du 31/12; source FINESS', amount: '1234567,89' });

    // A faulty line refuses the whole file, the good line included.
    const faulty = await fileWith('valeurs-fautives.csv', [
      'donnee;territoire;periode;valeur;commentaire',
      `ehpad_places;2C;${YEAR};1500;`,
      'mdph_decisions;33;2025-13;10;',
      `cfppa_montants_engages;33;${YEAR};douze;`,
      `ehpad_places;33;${YEAR};999;"valeur correcte, non écrite"`,
    ]);
    await upload(editor, faulty);
    await editor.getByRole('heading', { level: 2, name: 'Import refusé : rien n\'a été écrit' }).waitFor();
    assert.match(await editor.locator('#resultat').innerText(), /3 lignes fautives sur 4 lignes lues/);
    const report = editor.getByRole('table', { name: /Rapport de l'import/ });
    assert.equal(await report.locator('tbody tr').count(), 3);
    const expectations = [
      { line: '2', column: 'territoire', value: '2C', reason: /« 2C » inconnu/, expected: /01 à 95, 2A, 2B, 971 à 976/ },
      { line: '3', column: 'période', value: '2025-13', reason: /attendu de 01 à 12/,
        expected: /un trimestre, par exemple 2025-T3/ },
      { line: '4', column: 'valeur', value: 'douze', reason: /« douze » n'est pas un nombre/,
        expected: /un nombre positif ou nul \(euros\)/ },
    ];
    for (const { line, column, value, reason, expected } of expectations) {
      const row = report.locator('tbody tr', { has: editor.locator(`th:text-is("${line}")`) });
      assert.equal(await row.count(), 1, `ligne ${line} listée`);
      const cells = await row.locator('th, td').allInnerTexts();
      assert.equal(cells[1], column, `colonne de la ligne ${line}`);
      assert.equal(cells[2], value, `valeur lue de la ligne ${line}`);
      assert.match(cells[3], /^erreur/i, `gravité de la ligne ${line}`);
      assert.match(cells[3], reason, `raison de la ligne ${line}`);
      assert.match(cells[4], expected, `attendu de la ligne ${line}`);
    }
    assert.equal(await editor.getByRole('button', { name: 'Annuler cet import' }).count(), 0,
      'un import refusé ne s\'annule pas');
    assert.deepEqual(await entryValues(editor, YEAR),
      { places: '1500', placesComment: 'Relevé du 31/12; source FINESS', amount: '1234567,89' });

    // Both imports are listed, each with its status in words.
    await editor.goto(instance.url('/donnees/import'));
    const imports = editor.getByRole('table', { name: /Imports que vous pouvez consulter/ });
    assert.equal(await imports.locator('tbody tr').count(), 2);
    assert.match(await imports.locator('tbody tr', { hasText: 'valeurs-fautives.csv' }).innerText(), /refusé/i);
    assert.match(await imports.locator('tbody tr', { hasText: 'valeurs-gironde.csv' }).innerText(), /appliqué/i);

    // Undoing asks for a confirmation first.
    await editor.goto(firstReport);
    await editor.getByRole('button', { name: 'Annuler cet import' }).click();
    await editor.getByText('Le formulaire contient une erreur').waitFor();
    assert.match(await editor.title(), /^Erreur : /);
    assert.match(await editor.locator('#annulation-confirmation-messages').innerText(), /Cochez la case/);
    await confirmUndo(editor);
    await editor.getByRole('button', { name: 'Annuler cet import' }).click();
    await editor.getByRole('heading', { level: 2, name: 'Import annulé : 2 valeurs rétablies' }).waitFor();
    assert.match(editor.url(), /\/donnees\/import\/\d+\?annulation=ok/);
    assert.equal(await editor.getByRole('button', { name: 'Annuler cet import' }).count(), 0);
    assert.deepEqual(await entryValues(editor, YEAR), { places: '', placesComment: '', amount: '' });
    await editor.context().close();
  });

  it('l\'annulation garde une valeur modifiée depuis l\'import et le dit', async () => {
    const editor = await pageAs(instance, ACCOUNTS.departmentEditor, { javaScriptEnabled: false });
    await upload(editor, await fileWith('deux-valeurs.csv', [
      'donnee;territoire;periode;valeur',
      `ehpad_places;33;${OTHER_YEAR};1200`,
      `cfppa_montants_engages;33;${OTHER_YEAR};5000,5`,
    ]));
    const report = editor.url();
    await editor.getByRole('heading', { level: 2, name: /^Import appliqué : 2 valeurs écrites/ }).waitFor();

    await editor.goto(instance.url(`/donnees/saisie?territoire=DEP-33&periode=${OTHER_YEAR}`));
    await editor.locator('#saisie-ehpad_places').fill('1250');
    await editor.getByRole('button', { name: 'Enregistrer les valeurs' }).click();
    await editor.getByText('Valeurs enregistrées').waitFor();

    await editor.goto(report);
    await confirmUndo(editor);
    await editor.getByRole('button', { name: 'Annuler cet import' }).click();
    const outcome = editor.locator('#resultat');
    await outcome.getByRole('heading', { name: 'Import annulé : 1 valeur rétablie' }).waitFor();
    assert.match(await outcome.innerText(), /Elle a retrouvé son état d'avant l'import/);
    assert.match(await outcome.innerText(), /1 valeur conservée telle quelle :/);
    assert.equal(await outcome.locator('li').count(), 1, 'la seule valeur conservée est listée');
    assert.match(await outcome.innerText(), /Places installées en EHPAD.*Gironde \(33\), 2017 : modifiée depuis l'import/);
    await outcome.getByRole('link', { name: /Historique/ }).click();
    await editor.waitForURL(new RegExp(`/donnees/historique/ehpad_places/DEP-33/${OTHER_YEAR}$`));

    const values = await entryValues(editor, OTHER_YEAR);
    assert.equal(values.places, '1250', 'la valeur modifiée depuis l\'import est gardée');
    assert.equal(values.amount, '', 'la valeur de l\'import est retirée');
    await editor.context().close();
  });

  it('le formulaire se remplit et s\'envoie au clavier, en n\'écrivant que les lignes valides', async () => {
    const editor = await pageAs(instance, ACCOUNTS.departmentEditor);
    // The quarter under way has no demonstration value, and twenty earlier
    // ones: a value far above them is written, and flagged to be checked.
    const quarter = currentQuarter();
    const file = await fileWith('clavier.csv', [
      'donnee;territoire;periode;valeur',
      'cdca_reunions;33;2016;4',
      'cdca_reunions;40;2016;3',
      `mdph_decisions;33;${quarter};9999999`,
    ]);
    await editor.goto(instance.url('/donnees/import'));
    const focusedId = () => editor.evaluate(() => document.activeElement?.id);
    for (let i = 0; i < 60 && (await focusedId()) !== 'import-fichier'; ++i)
      await editor.keyboard.press('Tab');
    assert.equal(await focusedId(), 'import-fichier', 'le champ fichier est atteint au clavier');
    // The system's file dialog is outside the page: the file is given to the
    // focused field directly, as the dialog would.
    await editor.locator('#import-fichier').setInputFiles(file);
    assert.equal(await focusedId(), 'import-fichier');
    await editor.keyboard.press('Tab');
    assert.equal(await focusedId(), 'import-mode-tout');
    await editor.keyboard.press('ArrowDown');
    assert.equal(await focusedId(), 'import-mode-lignes');
    assert.ok(await editor.locator('#import-mode-lignes').isChecked(), 'les flèches changent de mode');
    await editor.keyboard.press('Tab');
    assert.equal(await editor.evaluate(() => document.activeElement?.textContent.trim()), 'Importer le fichier');
    await Promise.all([editor.waitForURL(/\/donnees\/import\/\d+$/), editor.keyboard.press('Enter')]);

    await editor.getByRole('heading', { level: 2, name: /^Import appliqué : 2 valeurs écrites/ }).waitFor();
    const summary = await editor.locator('#resultat').innerText();
    assert.match(summary, /1 ligne fautive n'a pas été écrite/);
    assert.match(summary, /1 valeur est à vérifier/);
    assert.match(await editor.locator('main dl').innerText(), /lignes valides seulement/);
    const rows = editor.getByRole('table', { name: /Rapport de l'import/ }).locator('tbody tr');
    assert.equal(await rows.count(), 2);
    const refused = await rows.nth(0).locator('th, td').allInnerTexts();
    assert.deepEqual(refused.slice(0, 3), ['3', 'territoire', '40']);
    assert.match(refused[3], /^erreur/i);
    assert.match(refused[3], /périmètre/);
    const flagged = await rows.nth(1).locator('th, td').allInnerTexts();
    assert.deepEqual(flagged.slice(0, 2), ['4', 'valeur']);
    assert.match(flagged[2], /^9\s999\s999$/);
    assert.match(flagged[3], /^à vérifier/i, 'un avertissement se distingue d\'une erreur');
    await editor.goto(instance.url(`/donnees/saisie?territoire=DEP-33&periode=${quarter}`));
    assert.equal(await editor.locator('#saisie-mdph_decisions').inputValue(), '9999999');
    assert.match(await editor.locator('tbody tr', { has: editor.locator('#saisie-mdph_decisions') }).innerText(),
      /Valeur inhabituelle/);
    await editor.context().close();
  });
});
