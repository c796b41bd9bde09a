// Keyboard use: the skip link comes first and moves the focus to the content,
// the main navigation is reachable and works with the keyboard, and on a phone
// the menu button opens the menu with Enter and Escape closes it. The demo
// banner is on every page of a demo instance.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { startInstance } from './harness.mjs';

describe('clavier et bandeau de démonstration', () => {
  let instance;
  before(async () => { instance = await startInstance(); });
  after(async () => { await instance?.stop(); });

  const focused = (page) => page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element.tagName, id: element.id, text: element.textContent.trim(), href: element.getAttribute('href') };
  });

  it('le lien d\'évitement est le premier arrêt et mène au contenu', async () => {
    const page = await instance.newPage();
    await page.goto(instance.url('/territoires'));
    await page.keyboard.press('Tab');
    const first = await focused(page);
    assert.equal(first.text, 'Contenu');
    assert.equal(first.href, '#contenu');
    assert.ok(await page.getByRole('link', { name: 'Contenu' }).isVisible(), 'lien d\'évitement visible au focus');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'contenu');
    // The next Tab continues from the content, not from the top of the page.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.getElementById('contenu').contains(document.activeElement));
    assert.ok(next, 'le focus suivant est dans le contenu');
  });

  it('les liens du menu principal sont atteints et activés au clavier', async () => {
    const page = await instance.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(instance.url('/'));
    const reached = [];
    for (let i = 0; i < 20 && !reached.includes('/acteurs'); ++i) {
      await page.keyboard.press('Tab');
      const element = await focused(page);
      if (await page.evaluate(() => !!document.activeElement.closest('#navigation-principale')))
        reached.push(element.href);
    }
    assert.deepEqual(reached, ['/', '/territoires', '/acteurs']);
    // Back to "Territoires" and activate it with Enter.
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused(page)).href, '/territoires');
    await Promise.all([page.waitForURL((url) => url.pathname === '/territoires'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: 'Territoires', level: 1 }).waitFor();
    const current = page.locator('#navigation-principale [aria-current="page"]');
    assert.equal(await current.innerText(), 'Territoires');
  });

  it('sur téléphone, Entrée ouvre le menu et Échap le ferme', async () => {
    const page = await instance.newPage({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    await page.goto(instance.url('/'));
    const menuButton = page.locator('#bouton-menu');
    const menu = page.locator('#menu-principal');
    await menuButton.waitFor({ state: 'visible' });
    assert.equal(await page.locator('#navigation-principale').isVisible(), false, 'menu fermé au départ');

    for (let i = 0; i < 15; ++i) {
      await page.keyboard.press('Tab');
      if ((await focused(page)).id === 'bouton-menu')
        break;
    }
    assert.equal((await focused(page)).id, 'bouton-menu', 'le bouton Menu est atteint au clavier');
    await page.keyboard.press('Enter');
    await page.locator('#navigation-principale').getByRole('link', { name: 'Acteurs' }).waitFor({ state: 'visible' });
    // The DSFR turns the menu into a modal dialog and moves the focus into it.
    assert.equal(await menuButton.getAttribute('data-fr-opened'), 'true');
    assert.match(await menu.getAttribute('class'), /fr-modal--opened/);
    assert.equal(await menu.getAttribute('role'), 'dialog');
    assert.ok(await page.evaluate(() => document.getElementById('menu-principal').contains(document.activeElement)),
      'le focus est dans le menu ouvert');

    await page.keyboard.press('Escape');
    await page.locator('#navigation-principale').waitFor({ state: 'hidden' });
    assert.equal(await menuButton.getAttribute('data-fr-opened'), 'false');
    await page.waitForFunction(() => document.activeElement?.id === 'bouton-menu');
  });

  it('le bandeau de démonstration est visible sur chaque page', async () => {
    const page = await instance.newPage();
    for (const pathname of ['/', '/territoires/DEP-33', '/acteurs', '/connexion', '/page-inexistante']) {
      await page.goto(instance.url(pathname));
      const banner = page.getByRole('note').filter({ hasText: 'Instance de démonstration' });
      assert.ok(await banner.isVisible(), `bandeau visible sur ${pathname}`);
      assert.match(await banner.innerText(), /fictifs/);
      assert.match(await banner.innerText(), /réels/);
    }
  });
});
