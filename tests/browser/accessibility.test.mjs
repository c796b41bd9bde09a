// axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violation on any page,
// for a visitor and for each role, including forms shown with their errors and
// the error pages.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

describe('accessibilité (axe-core)', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('pages publiques, visiteur non connecté', async () => {
    const page = await instance.newPage();
    const pages = [
      ['/', 'accueil'],
      ['/territoires', 'liste des territoires'],
      ['/territoires/DEP-33', 'département'],
      ['/territoires/REG-84', 'région'],
      ['/acteurs', 'annuaire'],
      ['/acteurs?q=autonomie&type=mda&territoire=REG-44&tri=type', 'annuaire filtré'],
      ['/acteurs?territoire=REG-75&page=2', 'annuaire, deuxième page'],
      ['/acteurs?q=introuvablezz', 'annuaire sans résultat'],
      ['/acteurs?type=inconnu', 'annuaire, filtre invalide'],
      ['/acteurs/mdph-33', 'fiche d\'acteur à confirmer'],
      ['/acteurs/cea-alsace', 'fiche d\'acteur couvrant deux départements'],
      ['/accessibilite', 'déclaration d\'accessibilité'],
      ['/catalogue', 'catalogue des indicateurs'],
      ['/catalogue/indicateurs/mdph_delai_traitement', 'indicateur publié'],
      ['/catalogue/indicateurs/equite_ecart_type_aah', 'indicateur de dispersion'],
      ['/catalogue/indicateurs/esms_taux_absenteisme', 'indicateur à préciser'],
      ['/catalogue/donnees/mdph_raccordee_dernier_palier', 'donnée collectée'],
      ['/catalogue/donnees/pop_75_plus', 'donnée calculée par Boussole'],
      ['/catalogue/indicateurs/inconnu', 'indicateur inconnu (404)'],
      ['/territoires/DEP-33/calendrier', 'calendrier commun d\'un département'],
      ['/territoires/DEP-971/calendrier?type=cdaph', 'calendrier commun outre-mer filtré'],
      ['/territoires/DEP-2C', 'page 404'],
      ['/compte', 'page 401'],
      ['/connexion', 'connexion'],
    ];
    for (const [pathname, label] of pages) {
      await page.goto(instance.url(pathname));
      await expectNoAxeViolations(page, label);
    }
  });

  it('feuille de route commune et ITA, agent du département', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    const pages = [
      ['/territoires/DEP-33/feuille-de-route', 'feuille de route commune'],
      ['/territoires/DEP-33/feuille-de-route?late=true&sort=progress&order=desc', 'feuille de route filtrée et triée'],
      ['/territoires/DEP-33/feuille-de-route/nouvelle', 'formulaire d\'action'],
      ['/territoires/DEP-33/ita', 'instance territoriale de l\'autonomie'],
      ['/territoires/DEP-68/ita', 'ITA hors du périmètre (403)'],
    ];
    for (const [pathname, label] of pages) {
      await page.goto(instance.url(pathname));
      await expectNoAxeViolations(page, label);
    }
    await page.goto(instance.url('/territoires/DEP-33/feuille-de-route'));
    await page.locator('#table-actions tbody a').first().click();
    await page.waitForURL(/feuille-de-route\/\d+$/);
    await expectNoAxeViolations(page, 'page d\'une action');
  });

  it('connexion avec une erreur', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/connexion'));
    await page.getByLabel('Adresse électronique').fill(ACCOUNTS.departmentEditor);
    await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais mot de passe');
    await page.locator('main').getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Connexion impossible').waitFor();
    await expectNoAxeViolations(page, 'connexion refusée');
  });

  it('contributeur territorial : fiche, formulaire avec erreurs, refus, compte', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await expectNoAxeViolations(page, 'accueil connecté');
    await page.goto(instance.url('/acteurs/mdph-33'));
    await expectNoAxeViolations(page, 'fiche modifiable');
    await page.goto(instance.url('/acteurs/mdph-33/modifier'));
    await expectNoAxeViolations(page, 'formulaire de fiche');
    await page.getByLabel('Adresse électronique de contact').fill('pas-une-adresse');
    await page.getByLabel('Téléphone').fill('05 56 00 00 00');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(page, 'formulaire de fiche avec erreurs');
    await page.goto(instance.url('/acteurs/cd-40/modifier'));
    assert.equal(await page.locator('h1').innerText(), 'Accès refusé');
    await expectNoAxeViolations(page, 'page 403');
    await page.goto(instance.url('/compte'));
    await expectNoAxeViolations(page, 'mon compte avec jetons');
    await page.getByLabel('Nom du jeton').fill('');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(page, 'mon compte, jeton avec erreur');
    await page.getByLabel('Nom du jeton').fill('SI MDPH 33');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByRole('heading', { name: 'Jeton d\'API créé' }).waitFor();
    await expectNoAxeViolations(page, 'jeton créé');
  });

  it('administrateur national : cadre, comptes, compte', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await expectNoAxeViolations(page, 'accueil administrateur');
    await page.goto(instance.url('/cadre/value/efficience'));
    await expectNoAxeViolations(page, 'modification du cadre');
    await page.getByLabel('Intitulé').fill('');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(page, 'modification du cadre avec erreur');
    await page.goto(instance.url('/catalogue/indicateurs/mdph_delai_traitement/modifier'));
    await expectNoAxeViolations(page, 'modification d\'un indicateur');
    await page.getByLabel('Dénominateur').fill('mdph_decision * (30.4');
    for (const box of await page.locator('#indicateur-priorites input[type=checkbox]').all()) {
      if (await box.isChecked()) await page.locator(`label[for="${await box.getAttribute('id')}"]`).click();
    }
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.getByText('Le formulaire contient des erreurs').waitFor();
    await expectNoAxeViolations(page, 'modification d\'un indicateur avec erreurs');
    await page.goto(instance.url('/catalogue/donnees/mdph_decisions/modifier'));
    await expectNoAxeViolations(page, 'modification d\'une donnée');
    await page.getByLabel('Minimum').fill('dix');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(page, 'modification d\'une donnée avec erreur');
    await page.goto(instance.url('/admin/comptes'));
    await expectNoAxeViolations(page, 'comptes');
    await page.goto(instance.url('/admin/comptes?q=gironde&statut=actifs'));
    await expectNoAxeViolations(page, 'comptes filtrés');
    await page.locator('#nouveau-courriel').fill('nouvelle.personne@exemple.fr');
    await page.locator('#nouveau-nom').fill('Nouvelle Personne');
    await page.locator('#nouveau-organisation').fill('cd-99');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(page, 'création de compte avec erreur');
    await page.goto(instance.url('/compte'));
    await expectNoAxeViolations(page, 'compte administrateur');
  });

  it('autres rôles : compte et annuaire', async () => {
    for (const email of [ACCOUNTS.nationalAnalyst, ACCOUNTS.arsEditor, ACCOUNTS.territorialReader, ACCOUNTS.partner]) {
      const page = await pageAs(instance, email);
      await page.goto(instance.url('/compte'));
      await expectNoAxeViolations(page, `mon compte (${email})`);
      await page.goto(instance.url('/acteurs/cd-33'));
      await expectNoAxeViolations(page, `fiche d'acteur (${email})`);
      await page.context().close();
    }
  });

  it('petit écran, menu ouvert', async () => {
    const page = await instance.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(instance.url('/territoires/DEP-33'));
    await expectNoAxeViolations(page, 'département sur téléphone');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('#menu-principal').getByRole('link', { name: 'Territoires' }).waitFor({ state: 'visible' });
    await expectNoAxeViolations(page, 'menu ouvert sur téléphone');
  });

  it('données : saisie, erreurs, historique, complétude, transmission et validation', async () => {
    const anonymous = await instance.newPage();
    await anonymous.goto(instance.url('/donnees/saisie'));
    await expectNoAxeViolations(anonymous, 'saisie sans connexion (401)');
    await anonymous.context().close();

    const editor = await pageAs(instance, ACCOUNTS.departmentEditor);
    await editor.goto(instance.url('/donnees/saisie'));
    await expectNoAxeViolations(editor, 'saisie, choix du département');
    await editor.goto(instance.url('/donnees/saisie?territoire=DEP-40&periode=2015-07-01'));
    await expectNoAxeViolations(editor, 'saisie, choix invalide');
    await editor.goto(instance.url('/donnees/saisie?territoire=DEP-33&periode=2016'));
    await expectNoAxeViolations(editor, 'saisie, formulaire annuel');
    await editor.locator('#saisie-ehpad_places').fill('beaucoup');
    await editor.locator('#saisie-ssiad_spasad_places').fill('-3');
    await editor.getByRole('button', { name: 'Enregistrer les valeurs' }).click();
    await editor.getByText('Le formulaire contient des erreurs').waitFor();
    await expectNoAxeViolations(editor, 'saisie avec erreurs');
    await editor.locator('#saisie-ehpad_places').fill('900');
    await editor.locator('#saisie-ssiad_spasad_places').fill('120');
    await editor.getByRole('button', { name: 'Enregistrer les valeurs' }).click();
    await editor.getByText('Valeurs enregistrées').waitFor();
    await expectNoAxeViolations(editor, 'saisie enregistrée');
    await editor.goto(instance.url('/donnees/historique/ehpad_places/DEP-33/2016'));
    await expectNoAxeViolations(editor, 'historique d\'une valeur');
    await editor.goto(instance.url('/donnees/validation?statut=a-transmettre'));
    await expectNoAxeViolations(editor, 'valeurs à transmettre');
    await editor.locator('tbody tr', { hasText: 'Gironde (33), 2016' }).getByRole('button', { name: /Transmettre/ }).click();
    await editor.getByText('Valeurs transmises').waitFor();
    await expectNoAxeViolations(editor, 'valeurs transmises');
    await editor.goto(instance.url('/donnees/completude?element=ehpad_places&region=REG-75&debut=2014&fin=2017'));
    await expectNoAxeViolations(editor, 'grille de complétude');
    await editor.goto(instance.url('/donnees/completude?element=ehpad_places&debut=2017&fin=2014'));
    await expectNoAxeViolations(editor, 'grille de complétude, plage invalide');
    await editor.context().close();

    const ars = await pageAs(instance, ACCOUNTS.arsEditor);
    await ars.goto(instance.url('/donnees/validation'));
    await expectNoAxeViolations(ars, 'file de validation');
    await ars.goto(instance.url('/donnees/validation?territoire=DEP-33&periode=2016'));
    await expectNoAxeViolations(ars, 'file de validation filtrée');
    await ars.locator('tbody tr', { hasText: 'Gironde (33), 2016' }).getByRole('button', { name: /Valider/ }).click();
    await ars.getByText('Valeurs validées').waitFor();
    await ars.goto(instance.url('/donnees/validation?statut=validees&territoire=DEP-33&periode=2016'));
    await expectNoAxeViolations(ars, 'valeurs validées');
    await ars.locator('tbody tr', { hasText: 'Gironde (33), 2016' }).getByRole('button', { name: /Rouvrir/ }).click();
    await ars.getByText('Motif obligatoire').first().waitFor();
    await expectNoAxeViolations(ars, 'réouverture sans motif');
    await ars.goto(instance.url('/donnees/saisie?territoire=DEP-33&periode=2016'));
    await expectNoAxeViolations(ars, 'saisie avec valeurs validées');
    await ars.context().close();

    const reader = await pageAs(instance, ACCOUNTS.territorialReader);
    await reader.goto(instance.url('/donnees/saisie?territoire=DEP-33&periode=2016'));
    await expectNoAxeViolations(reader, 'saisie en lecture seule');
    await reader.context().close();
  });

  it('données : import de fichiers, erreurs, rapports et annulation', async () => {
    const csv = (name, lines) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') });
    const editor = await pageAs(instance, ACCOUNTS.departmentEditor);
    await editor.goto(instance.url('/donnees/import'));
    await expectNoAxeViolations(editor, 'import de fichiers');
    await editor.getByRole('button', { name: 'Importer le fichier' }).click();
    await editor.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(editor, 'import sans fichier');

    await editor.getByLabel('Fichier CSV à importer').setInputFiles(csv('fautif.csv', [
      'donnee;territoire;periode;valeur', 'ehpad_places;2C;2015;10', 'mdph_decisions;33;2015-13;10',
    ]));
    await editor.getByRole('button', { name: 'Importer le fichier' }).click();
    await editor.getByRole('heading', { name: /Import refusé/ }).waitFor();
    await expectNoAxeViolations(editor, 'rapport d\'un import refusé');

    await editor.goto(instance.url('/donnees/import'));
    // The quarter under way has twenty earlier demonstration values: a value
    // far above them is written and flagged « à vérifier ».
    const [month, year] = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', month: 'numeric', year: 'numeric' })
      .format(new Date()).split('/').map(Number);
    await editor.getByLabel('Fichier CSV à importer').setInputFiles(csv('lignes-valides.csv', [
      'donnee;territoire;periode;valeur', 'ehpad_places;33;2015;900', 'cdca_reunions;33;2015;trois',
      `mdph_decisions;33;${year}-T${Math.floor((month - 1) / 3) + 1};9999999`,
    ]));
    await editor.locator('label[for="import-mode-lignes"]').click();
    await editor.getByRole('button', { name: 'Importer le fichier' }).click();
    await editor.getByRole('heading', { name: /Import appliqué/ }).waitFor();
    assert.equal(await editor.getByText('à vérifier', { exact: true }).count(), 1);
    await expectNoAxeViolations(editor, 'rapport d\'un import appliqué, avec une ligne refusée et une à vérifier');
    await editor.getByRole('button', { name: 'Annuler cet import' }).click();
    await editor.getByText('Le formulaire contient une erreur').waitFor();
    await expectNoAxeViolations(editor, 'annulation sans confirmation');
    await editor.locator('label[for="annulation-confirmation"]').click();
    await editor.getByRole('button', { name: 'Annuler cet import' }).click();
    await editor.getByRole('heading', { name: /Import annulé/ }).waitFor();
    await expectNoAxeViolations(editor, 'import annulé');
    await editor.goto(instance.url('/donnees/import'));
    await expectNoAxeViolations(editor, 'liste des imports');
    await editor.context().close();

    const reader = await pageAs(instance, ACCOUNTS.territorialReader);
    await reader.goto(instance.url('/donnees/import'));
    await expectNoAxeViolations(reader, 'import en lecture seule');
    await reader.context().close();
  });
});
