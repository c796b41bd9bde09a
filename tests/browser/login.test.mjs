// Signing in and out through the pages: a wrong password is refused with a
// message, the right one opens a session, signing out closes it, and a page
// that needs a session leads to the login form and back.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, DEMO_PASSWORD, startInstance } from './harness.mjs';

describe('connexion et déconnexion', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  async function submitLogin(page, email, password) {
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.locator('main').getByRole('button', { name: 'Se connecter' }).click();
  }

  it('refuse un mauvais mot de passe, accepte le bon, puis déconnecte', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/'));
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion/);

    await submitLogin(page, ACCOUNTS.departmentEditor, 'pas le bon mot de passe');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Connexion impossible/);
    assert.match(await alert.innerText(), /incorrect/);
    // The address typed is kept; the password is not.
    assert.equal(await page.getByLabel('Adresse électronique').inputValue(), ACCOUNTS.departmentEditor);
    assert.equal(await page.getByLabel('Mot de passe', { exact: true }).inputValue(), '');
    assert.equal((await page.context().cookies()).some((cookie) => cookie.name === 'boussole_session'), false);

    await submitLogin(page, ACCOUNTS.departmentEditor, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Vous êtes connecté.').waitFor();
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'boussole_session');
    assert.ok(session, 'cookie de session posé');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    await page.getByRole('link', { name: 'Alex Durand (démo)' }).waitFor();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté.').waitFor();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    const response = await page.goto(instance.url('/compte'));
    assert.equal(response.status(), 401);
  });

  it('une page réservée mène à la connexion puis y revient', async () => {
    const page = await instance.newPage();
    const response = await page.goto(instance.url('/compte'));
    assert.equal(response.status(), 401);
    await page.getByRole('link', { name: 'Se connecter' }).last().click();
    await page.waitForURL(/\/connexion\?suite=/);
    await submitLogin(page, ACCOUNTS.territorialReader, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/compte');
    await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    assert.match(await page.locator('main').innerText(), /Lecteur territorial/);
    assert.match(await page.locator('main').innerText(), /Gironde \(33\)/);
  });

  it('change son mot de passe, avec une confirmation différente d\'abord', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/connexion'));
    await submitLogin(page, ACCOUNTS.partner, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(instance.url('/compte'));
    await page.getByLabel('Mot de passe actuel').fill(DEMO_PASSWORD);
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('une nouvelle phrase de passe');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('une autre phrase de passe');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Le formulaire contient une erreur').waitFor();
    assert.match(await page.locator('#mot-de-passe-confirmation-erreur').innerText(), /ne correspond pas/);
    assert.match(await page.title(), /^Erreur : /);

    await page.getByLabel('Mot de passe actuel').fill(DEMO_PASSWORD);
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('une nouvelle phrase de passe');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('une nouvelle phrase de passe');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Mot de passe modifié').waitFor();

    const other = await instance.newPage();
    await other.goto(instance.url('/connexion'));
    await submitLogin(other, ACCOUNTS.partner, 'une nouvelle phrase de passe');
    await other.getByText('Vous êtes connecté.').waitFor();
  });
});
