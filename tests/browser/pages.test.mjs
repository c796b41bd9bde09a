// The other pages, as their users see them: territories and their population,
// the edition of the national framework, account administration, and API
// tokens from "Mon compte".

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, pageAs, signIn, startInstance } from './harness.mjs';

describe('territoires, cadre national, comptes et jetons', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('liste les 18 régions et 101 départements avec leur population', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/territoires'));
    assert.equal(await page.getByRole('heading', { level: 2 }).count(), 18);
    assert.equal(await page.locator('table tbody tr').count(), 101);
    assert.match(await page.locator('main').innerText(), /68\s042\s591 habitants/);
    await page.getByRole('link', { name: 'Vaucluse' }).click();
    await page.waitForURL(/\/territoires\/DEP-84$/);
    await page.getByRole('heading', { level: 1, name: 'Vaucluse (84)' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Département de la région Provence-Alpes-Côte d'Azur/);
  });

  it('distingue la région 84 du département 84', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/territoires/REG-84'));
    assert.equal(await page.locator('h1').innerText(), 'Auvergne-Rhône-Alpes');
    assert.equal(await page.locator('#departements ~ div table tbody tr').first().locator('td').first().innerText(), '01');
    await page.goto(instance.url('/territoires/DEP-84'));
    assert.equal(await page.locator('h1').innerText(), 'Vaucluse (84)');
  });

  it('montre les acteurs et la population par âge et par sexe d\'un département', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/territoires/DEP-67'));
    const main = page.locator('main');
    // The Collectivité européenne d'Alsace covers both Alsatian departments.
    await main.getByRole('link', { name: 'Collectivité européenne d\'Alsace' }).waitFor();
    const pyramid = page.getByRole('table', { name: /Population du Bas-Rhin par tranche d'âge et par sexe/ });
    assert.equal(await pyramid.locator('thead th').count(), 4);
    assert.equal(await pyramid.locator('tbody tr').count(), 21, '20 tranches et le total');
    assert.equal(await pyramid.locator('tbody th[scope=row]').first().innerText(), '0 à 4 ans');
    const groups = page.getByRole('table', { name: /Grands groupes d'âge du Bas-Rhin/ });
    assert.match(await groups.innerText(), /Moins de 20 ans/);
    assert.match(await groups.innerText(), /75 ans et plus/);
    assert.match(await main.innerText(), /Source : INSEE, estimation de population au 1er janvier 2023/);
  });

  it('répond 404 avec l\'explication du référentiel pour un code inconnu', async () => {
    const page = await instance.newPage();
    for (const [key, expected] of [['DEP-2C', /« 2C » inconnu/], ['DEP-20', /2A \(Corse-du-Sud\) et 2B \(Haute-Corse\)/],
      ['REG-99', /Code région « 99 » inconnu/], ['XYZ', /XYZ/]]) {
      const response = await page.goto(instance.url(`/territoires/${key}`));
      assert.equal(response.status(), 404, key);
      assert.equal(await page.locator('h1').innerText(), 'Ressource introuvable');
      assert.match(await page.locator('main').innerText(), expected);
    }
  });

  it('l\'administrateur national modifie un élément du cadre, avec son historique', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await page.goto(instance.url('/'));
    await page.getByRole('link', { name: 'Modifier la priorité 1', exact: true }).click();
    await page.waitForURL(/\/cadre\/priority\//);
    const title = await page.getByLabel('Intitulé').inputValue();

    // The DSFR draws its own box over the input: people click the label.
    await page.locator('label[for=cadre-a-confirmer]').click();
    assert.equal(await page.getByLabel('Cette rédaction est à confirmer').isChecked(), true);
    await page.getByLabel('Note de confirmation').fill('');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#cadre-note-erreur').waitFor();
    assert.match(await page.locator('#cadre-note-erreur').innerText(), /ce qui reste à confirmer/);

    await page.getByLabel('Note de confirmation').fill('Formulation à valider en collège national.');
    await page.getByLabel('Motif de la modification').fill('Relecture du collège');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.getByText('Nouvelle version enregistrée.').waitFor();
    const history = page.getByRole('table', { name: /Versions de l'élément/ });
    assert.equal(await history.locator('tbody tr').count(), 2);
    assert.match(await history.locator('tbody tr').first().innerText(), /Relecture du collège/);
    assert.match(await history.locator('tbody tr').first().innerText(), /Camille Martin/);
    assert.equal(await page.getByLabel('Intitulé').inputValue(), title);
  });

  it('le cadre est refusé aux autres rôles et demande une connexion aux visiteurs', async () => {
    const visitor = await instance.newPage();
    assert.equal((await visitor.goto(instance.url('/cadre/value/confiance'))).status(), 401);
    await visitor.getByRole('link', { name: 'Se connecter' }).last().waitFor();
    const analyst = await pageAs(instance, ACCOUNTS.nationalAnalyst);
    assert.equal((await analyst.goto(instance.url('/cadre/value/confiance'))).status(), 403);
    assert.match(await analyst.locator('main').innerText(), /Seuls les administrateurs nationaux/);
    assert.equal((await analyst.goto(instance.url('/admin/comptes'))).status(), 403);
    await analyst.goto(instance.url('/'));
    assert.equal(await analyst.getByRole('link', { name: 'Comptes' }).count(), 0);
  });

  it('l\'administrateur crée un compte, puis le désactive et le réactive', async () => {
    const admin = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await admin.goto(instance.url('/'));
    await admin.locator('#navigation-principale').getByRole('link', { name: 'Comptes' }).click();
    await admin.waitForURL(/\/admin\/comptes$/);

    await admin.locator('#nouveau-courriel').fill('agent.landes@exemple.fr');
    await admin.locator('#nouveau-nom').fill('Agent des Landes');
    await admin.locator('#nouveau-organisation').fill('cd-40');
    await admin.locator('#nouveau-role').selectOption('national_admin');
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    await admin.locator('#nouveau-role-erreur').waitFor();
    assert.match(await admin.locator('#nouveau-role-erreur').innerText(), /portée nationale/);
    assert.equal(await admin.locator('#nouveau-courriel').inputValue(), 'agent.landes@exemple.fr');

    await admin.locator('#nouveau-role').selectOption('territorial_editor');
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    await admin.getByRole('heading', { name: 'Compte créé', level: 1 }).waitFor();
    const password = await admin.getByLabel('Mot de passe provisoire').inputValue();
    assert.ok(password.length >= 12);

    const agent = await instance.newPage();
    await signIn(instance, agent, 'agent.landes@exemple.fr', password);
    await agent.goto(instance.url('/acteurs/cd-40'));
    await agent.getByRole('link', { name: 'Modifier la fiche' }).waitFor();

    await admin.goto(instance.url('/admin/comptes?q=landes'));
    await admin.getByRole('button', { name: 'Désactiver le compte de Agent des Landes' }).click();
    await admin.getByText('Compte désactivé.').waitFor();
    assert.equal(new URL(admin.url()).searchParams.get('q'), 'landes', 'le filtre est conservé');
    // The disabled account's session is closed.
    assert.equal((await agent.goto(instance.url('/compte'))).status(), 401);

    await admin.getByRole('button', { name: 'Réactiver le compte de Agent des Landes' }).click();
    await admin.getByText('Compte réactivé.').waitFor();
    const row = admin.locator('tbody tr', { hasText: 'Agent des Landes' });
    assert.match(await row.innerText(), /Actif/i);
  });

  it('un contributeur crée un jeton d\'API, l\'utilise, puis le révoque', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/compte'));
    await page.getByRole('heading', { name: 'Jetons d\'API de votre organisation' }).waitFor();
    assert.match(await page.locator('main').innerText(), /agissent pour Conseil départemental de la Gironde/);
    await page.getByLabel('Nom du jeton').fill('Entrepôt de données 33');
    await page.locator('label[for=jeton-droits-ecriture]').click();
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByRole('heading', { name: 'Jeton d\'API créé' }).waitFor();
    const secret = await page.getByLabel('Jeton secret').inputValue();
    assert.match(secret, /^bsl_/);

    const api = page.context().request;
    const withToken = { headers: { Authorization: `Bearer ${secret}` } };
    assert.equal((await api.get(instance.url('/api/v1/territories/DEP-33'), withToken)).status(), 200);

    await page.getByRole('link', { name: /revenir à mon compte/ }).click();
    const row = page.locator('tbody tr', { hasText: 'Entrepôt de données 33' });
    assert.match(await row.innerText(), /Lecture et écriture/);
    assert.equal(await page.locator('main').getByText(secret).count(), 0, 'le secret n\'est plus affiché');
    await row.getByRole('button', { name: /Révoquer/ }).click();
    await page.getByText('Jeton d\'API révoqué.').waitFor();
    assert.match(await page.locator('tbody tr', { hasText: 'Entrepôt de données 33' }).innerText(), /Révoqué/i);
    assert.equal((await api.get(instance.url('/api/v1/territories/DEP-33'), withToken)).status(), 401);
  });

  it('un lecteur territorial n\'a pas de jetons à gérer', async () => {
    const page = await pageAs(instance, ACCOUNTS.territorialReader);
    await page.goto(instance.url('/compte'));
    assert.equal(await page.getByRole('heading', { name: /Jetons d'API/ }).count(), 0);
    const status = await page.evaluate(async () => {
      const csrf = document.querySelector('input[name=csrf]').value;
      const answer = await fetch('/compte/jetons', { method: 'POST', body: new URLSearchParams({ csrf, name: 'x', permission: 'lecture' }) });
      return answer.status;
    });
    assert.equal(status, 403);
  });
});
