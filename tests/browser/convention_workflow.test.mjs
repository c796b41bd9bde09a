// A convention taken from the socle commun to signature and amendment in the
// browser, by the agents of the Dordogne: the national administrator opens
// accounts for the departmental council and the MDPH; the council creates
// the convention (a second one for the Gironde is refused), adds a local
// commitment, runs a consultation where the MDPH contributes and gets its
// answer; every party signs (the CNSA, the ARS, the council, the MDPH); the
// council puts it in force, opens an amendment, meets a stale save with both
// versions side by side, and reads the diff. Every new page passes axe.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, signIn, startInstance } from './harness.mjs';

const CD = 'cd.dordogne@demo.boussole.invalid';
const MDPH = 'mdph.dordogne@demo.boussole.invalid';

function dayFromToday(days) {
  const day = new Date(Date.now() + days * 86400000);
  return day.toISOString().slice(0, 10);
}

async function createAccount(admin, instance, email, name, organisation) {
  await admin.goto(instance.url('/admin/comptes'));
  await admin.locator('#nouveau-courriel').fill(email);
  await admin.locator('#nouveau-nom').fill(name);
  await admin.locator('#nouveau-organisation').fill(organisation);
  await admin.locator('#nouveau-role').selectOption('territorial_editor');
  await admin.getByRole('button', { name: 'Créer le compte' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Compte créé' }).waitFor();
  return admin.locator('#mot-de-passe-provisoire').inputValue();
}

async function signAs(instance, email, password) {
  const page = await instance.newPage();
  await signIn(instance, page, email, password);
  return page;
}

// Takes a step with the keyboard only: focus on the button, then Enter.
async function takeStep(page, label, message) {
  const button = page.getByRole('button', { name: label });
  await button.focus();
  await Promise.all([page.waitForURL(new RegExp(`message=${message}`)), page.keyboard.press('Enter')]);
}

describe('une convention de la Dordogne, du socle commun à l\'avenant', () => {
  let instance;
  let admin;
  let cd;
  let mdph;
  let conventionPath;
  before(async () => {
    instance = await startInstance();
    admin = await pageAs(instance, ACCOUNTS.nationalAdmin);
    const cdPassword = await createAccount(admin, instance, CD, 'Lou Martin', 'cd-24');
    const mdphPassword = await createAccount(admin, instance, MDPH, 'Noa Bernard', 'mdph-24');
    cd = await signAs(instance, CD, cdPassword);
    mdph = await signAs(instance, MDPH, mdphPassword);
  });
  after(async () => { await instance?.stop(); });

  it('crée la convention depuis le socle commun et y ajoute un engagement local', async () => {
    await cd.goto(instance.url('/conventions'));
    await cd.getByRole('link', { name: 'Créer une convention' }).click();
    await cd.getByRole('heading', { level: 1, name: 'Créer une convention territoriale' }).waitFor();
    await expectNoAxeViolations(cd, 'création d\'une convention');

    await cd.getByLabel(/Département\(s\)/).fill('33');
    await cd.getByRole('button', { name: 'Créer la convention' }).click();
    await cd.locator('[data-bsl-error-summary]').waitFor();
    assert.match(await cd.locator('main').innerText(), /pas dans le périmètre de votre organisation/);
    await expectNoAxeViolations(cd, 'création refusée');

    await cd.getByLabel(/Département\(s\)/).fill('24');
    await cd.getByRole('button', { name: 'Créer la convention' }).click();
    await cd.waitForURL(/\/conventions\/\d+\?message=convention-creee/);
    conventionPath = new URL(cd.url()).pathname;
    await cd.getByRole('heading', { level: 2, name: 'Socle commun' }).waitFor();
    assert.match(await cd.locator('main').innerText(), /Réduire le délai de traitement des demandes MDPH/);

    await cd.locator('#section-local').locator('..').getByRole('link', { name: 'Ajouter un engagement' }).click();
    await cd.getByRole('heading', { level: 1, name: 'Ajouter un engagement local' }).waitFor();
    await cd.getByRole('button', { name: 'Enregistrer l\'engagement' }).click();
    await cd.locator('[data-bsl-error-summary]').waitFor();
    await expectNoAxeViolations(cd, 'engagement avec erreurs');

    await cd.getByLabel(/^Priorité/).fill('P4');
    await cd.getByLabel(/^Titre/).fill('Ouvrir un habitat inclusif par bassin de vie');
    await cd.getByLabel('Texte de l\'engagement').fill('Avec les bailleurs sociaux du Périgord.');
    await cd.getByLabel('Organisation pilote').selectOption('cd-24');
    await cd.getByRole('button', { name: 'Enregistrer l\'engagement' }).click();
    await cd.waitForURL(/message=engagement-ajoute/);
    assert.match(await cd.locator('main').innerText(), /Ouvrir un habitat inclusif par bassin de vie/);
    await expectNoAxeViolations(cd, 'convention en brouillon');
  });

  it('mène une consultation : la MDPH contribue, le département répond', async () => {
    await cd.goto(instance.url(`${conventionPath}/consultations`));
    await cd.getByRole('heading', { level: 1, name: 'Consultations sur la convention' }).waitFor();
    await expectNoAxeViolations(cd, 'consultations');
    await cd.getByLabel(/^Intitulé/).fill('Consultation des partenaires de la Dordogne');
    await cd.getByLabel(/^Date de clôture/).fill(dayFromToday(15));
    await cd.getByLabel(/^MDPH de la Dordogne/).check({ force: true });
    await cd.getByLabel(/^CDCA de la Dordogne/).check({ force: true });
    await cd.getByRole('button', { name: 'Ouvrir la consultation' }).click();
    await cd.waitForURL(/\/consultations\/\d+\?message=consultation-ouverte/);
    const synthesis = new URL(cd.url()).pathname;

    await mdph.goto(instance.url(synthesis));
    await mdph.getByLabel('Sur', { exact: true }).selectOption({ label: 'P4 — Ouvrir un habitat inclusif par bassin de vie' });
    await mdph.getByLabel('Votre contribution').fill('Prévoir des places pour les jeunes adultes en situation de handicap.');
    await mdph.getByRole('button', { name: 'Envoyer la contribution' }).click();
    await mdph.waitForURL(/message=contribution-enregistree/);
    await expectNoAxeViolations(mdph, 'synthèse côté organisation invitée');

    await cd.goto(instance.url(synthesis));
    await cd.getByLabel('non retenu', { exact: true }).check({ force: true });
    await cd.getByRole('button', { name: /Enregistrer la réponse/ }).click();
    await cd.getByText(/Motif : obligatoire/).first().waitFor();
    await expectNoAxeViolations(cd, 'réponse sans motif');
    await cd.getByLabel('partiellement pris en compte', { exact: true }).check({ force: true });
    await cd.getByLabel(/^Motif/).fill('Une partie des places sera réservée ; le reste relève du schéma départemental.');
    await cd.getByRole('button', { name: /Enregistrer la réponse/ }).click();
    await cd.waitForURL(/message=reponse-enregistree/);
    const text = await cd.locator('main').innerText();
    assert.match(text, /1 contribution\(s\), 1 avec une réponse/);
    assert.match(text, /partiellement pris en compte/);
    await expectNoAxeViolations(cd, 'synthèse de la consultation');
  });

  it('fait signer chaque partie, met en vigueur, ouvre un avenant et montre les différences', async () => {
    await cd.goto(instance.url(conventionPath));
    await takeStep(cd, 'Mettre en consultation', 'convention-en-consultation');
    await takeStep(cd, 'Déclarer prête à signer', 'convention-prete');
    const ars = await pageAs(instance, ACCOUNTS.arsEditor);
    for (const page of [cd, mdph, ars, admin]) {
      await page.goto(instance.url(conventionPath));
      await page.getByRole('button', { name: 'Signer au nom de mon organisation' }).click();
      await page.waitForURL(/message=convention-signee/);
    }
    await cd.goto(instance.url(conventionPath));
    assert.match(await cd.locator('main').innerText(), /signée/);
    await takeStep(cd, 'Mettre en vigueur', 'convention-en-vigueur');
    await cd.goto(instance.url(`${conventionPath}/impression`));
    assert.match(await cd.locator('main').innerText(), /Pour Conseil départemental de la Dordogne/);
    await expectNoAxeViolations(cd, 'version imprimable');

    await cd.goto(instance.url(conventionPath));
    await takeStep(cd, 'Ouvrir un avenant', 'convention-avenant');
    const edit = cd.getByRole('link', { name: /Modifier l'engagement « Ouvrir un habitat inclusif/ });
    const editPath = await edit.getAttribute('href');
    const other = await signAs(instance, ACCOUNTS.arsEditor);
    await other.goto(instance.url(editPath));
    await edit.click();
    await cd.getByLabel('Texte de l\'engagement').fill('Avec trois bailleurs sociaux du Périgord.');
    await cd.getByRole('button', { name: 'Enregistrer l\'engagement' }).click();
    await cd.waitForURL(/message=engagement-enregistre/);

    await other.getByLabel('Texte de l\'engagement').fill('Avec deux bailleurs sociaux et la MSA.');
    await other.getByRole('button', { name: 'Enregistrer l\'engagement' }).click();
    await other.getByRole('table', { name: /Votre saisie et la version enregistrée/ }).waitFor();
    const conflict = await other.locator('main').innerText();
    assert.match(conflict, /Avec deux bailleurs sociaux et la MSA/);
    assert.match(conflict, /Avec trois bailleurs sociaux du Périgord/);
    await expectNoAxeViolations(other, 'conflit de version');

    await cd.goto(instance.url(`${conventionPath}/differences?de=0`));
    await cd.getByRole('heading', { level: 1, name: 'Différences entre deux versions' }).waitFor();
    const diff = await cd.locator('main').innerText();
    assert.match(diff, /Ouvrir un habitat inclusif par bassin de vie/);
    assert.match(diff, /modifié/);
    await expectNoAxeViolations(cd, 'différences entre versions');

    await admin.goto(instance.url('/conventions/bilan-national'));
    await admin.getByRole('heading', { level: 1, name: 'Décompte national des conventions' }).waitFor();
    await expectNoAxeViolations(admin, 'décompte national');
  });
});
