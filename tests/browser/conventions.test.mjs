// The convention pages as a department's agent sees them: the list of the
// conventions of the demonstration, and the Gironde's convention with its
// parties and signatures, its three sections and its two versions (the
// initial text and the amendment).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ACCOUNTS, expectNoAxeViolations, pageAs, startInstance } from './harness.mjs';

describe('conventions territoriales', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  it('liste les conventions du périmètre et montre celle de la Gironde', async () => {
    const page = await pageAs(instance, ACCOUNTS.departmentEditor);
    await page.goto(instance.url('/conventions'));
    await page.getByRole('heading', { level: 1, name: 'Conventions territoriales' }).waitFor();
    assert.equal(await page.locator('table tbody tr').count(), 1, 'la Gironde ne voit que sa convention');
    await expectNoAxeViolations(page, 'liste des conventions');

    await page.getByRole('link', { name: /Gironde/ }).click();
    await page.waitForURL(/\/conventions\/\d+$/);
    const main = page.locator('main');
    await page.getByRole('heading', { level: 2, name: 'Socle commun' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Briques locales' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Volets partenaires' }).waitFor();
    assert.match(await main.innerText(), /Avenant n° 1/);
    assert.match(await main.innerText(), /Conseil départemental de la Gironde \(collectivité départementale\) : signée par/);
    assert.match(await main.innerText(), /Prévenir la perte d'autonomie à domicile/);
    assert.match(await main.innerText(), /Version 1 enregistrée/);
    await expectNoAxeViolations(page, 'convention de la Gironde');
  });

  it('montre toutes les conventions de démonstration à l\'équipe nationale', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await page.goto(instance.url('/conventions'));
    // Every department but the Dordogne: Alsace and Corse share one each.
    assert.equal(await page.locator('table tbody tr').count(), 98);
    const text = await page.locator('main').innerText();
    assert.match(text, /en consultation/);
    assert.match(text, /prête à signer/);
    assert.doesNotMatch(text, /Dordogne/);

    await page.goto(instance.url('/conventions/bilan-national'));
    const national = await page.locator('main').innerText();
    assert.match(national, /^98 convention\(s\)/m);
    assert.match(national, /en vigueur : \d{2}/);
    assert.match(national, /en consultation : \d/);
    await expectNoAxeViolations(page, 'décompte national');
  });

  it('choisit les contributeurs et les partenaires dans l\'annuaire du territoire', async () => {
    const page = await pageAs(instance, ACCOUNTS.nationalAdmin);
    await page.goto(instance.url('/conventions'));
    await page.getByRole('link', { name: /Corse/ }).first().click();
    await page.waitForURL(/\/conventions\/\d+$/);
    const partner = page.getByLabel(/^Ajouter un partenaire/);
    assert.ok((await partner.locator('option').count()) > 1, 'des partenaires de Corse sont proposés');
    assert.match(await partner.innerText(), /DSDEN de la Corse-du-Sud/);
    await page.locator('#section-local').locator('..').getByRole('link', { name: 'Ajouter un engagement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter un engagement local' }).waitFor();
    const contributors = page.getByRole('group', { name: /Organisations contributrices/ });
    await contributors.getByLabel(/^CDCA de la Haute-Corse/).check({ force: true });
    assert.equal(await contributors.getByLabel(/DSDEN de la Gironde/).count(), 0);
    await expectNoAxeViolations(page, 'formulaire d\'engagement avec ses contributeurs');
  });
});
