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
      ['/territoires/DEP-2C', 'page 404'],
      ['/compte', 'page 401'],
      ['/connexion', 'connexion'],
    ];
    for (const [pathname, label] of pages) {
      await page.goto(instance.url(pathname));
      await expectNoAxeViolations(page, label);
    }
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
});
