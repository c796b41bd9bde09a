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
    assert.equal(await page.locator('table tbody tr').count(), 5);
    assert.match(await page.locator('main').innerText(), /en consultation/);
  });
});
