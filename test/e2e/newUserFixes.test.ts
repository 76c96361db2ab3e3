import type { Page } from 'playwright-core';
import { browserSuite, describeBrowser, openTab } from '../support/browser';
import { waitFor } from '../collab/clients';

jest.setTimeout(120_000);

/** Where an element's top edge stands relative to the bottom of the editor's toolbar. */
const belowToolbar = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const toolbar = document.querySelector('.editor-column .toolbar')!.getBoundingClientRect();
    const target = document.querySelector(sel)!.getBoundingClientRect();
    return target.top - toolbar.bottom;
  }, selector);

describeBrowser('fixes found trying Selaras as a new user', () => {
  const t = browserSuite();

  it('answers schema errors in Bahasa Indonesia: a title of spaces needs a title', async () => {
    const res = await t.call<{ error: { details: Record<string, string> } }>(
      'POST',
      '/api/documents',
      {
        token: t.cast.drafter.token,
        body: { title: '   ', parties: [t.cast.partyA.code, t.cast.partyB.code] },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.title).toBe('Judul wajib diisi');
    const types = await t.call<{ error: { details: Record<string, string> } }>(
      'POST',
      '/api/documents',
      { token: t.cast.drafter.token, body: { title: 5, parties: 'x' } },
    );
    expect(types.body.error.details).toEqual({
      title: 'Judul harus berupa teks',
      parties: 'Para pihak harus berupa daftar',
    });

    const { page } = await t.signedIn(t.cast.drafter);
    await page.locator('.list-toolbar button.primary').click();
    await page.locator('dialog input[name="title"]').fill('    ');
    await page.locator('dialog button[type="submit"]').click();
    await page.locator('dialog .form-error', { hasText: 'Judul wajib diisi' }).waitFor();
  });

  it('says a comment is over the limit, limits the box, labels it and wraps long words', async () => {
    const id = await t.newDocument();
    const long = 'x'.repeat(20_001);
    const refused = await t.call<{ error: { details: Record<string, string> } }>(
      'POST',
      `/api/documents/${id}/comments`,
      { token: t.cast.reviewer.token, body: { clauseId: 'pembukaan', body: long } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.body).toBe('Komentar maksimal 20000 karakter');

    const { page } = await t.signedIn(t.cast.reviewer, id);
    const box = page.locator('.comment-form textarea[name="body"]');
    expect(await box.getAttribute('maxlength')).toBe('20000');
    expect(await box.getAttribute('aria-label')).toBe('Isi komentar');
    await page.locator('.outline-item').first().click();
    await box.fill(long);
    expect((await box.inputValue()).length).toBe(20_000);
    await box.dispatchEvent('input');
    await page.locator('.comment-limit', { hasText: 'batas 20.000 karakter' }).waitFor();
    const url = `https://contoh.go.id/${'sangat-panjang-'.repeat(20)}`;
    await box.fill(`Lihat ${url}`);
    await page.locator('.comment-form button[type="submit"]').click();
    const card = page.locator('.comment', { hasText: 'Lihat https://contoh.go.id' });
    await card.waitFor();
    const overflow = await card.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const reply = card.locator('input[name="reply"]');
    expect(await reply.getAttribute('aria-label')).toMatch(/^Balas komentar /);
  });

  it('scrolls a Pasal picked in the outline to just below the toolbar', async () => {
    const id = await t.newDocument();
    const { page } = await t.signedIn(t.cast.drafter, id);
    const items = page.locator('.outline-item');
    const last = (await items.count()) - 1;
    await items.nth(last - 2).click();
    const clauseId = await items.nth(last - 2).getAttribute('data-clause-id');
    const selector = `.ProseMirror section.clause[data-clause-id="${clauseId}"]`;
    await page.waitForFunction(
      (sel) => {
        const toolbar = document.querySelector('.editor-column .toolbar')!.getBoundingClientRect();
        const top = document.querySelector(sel)!.getBoundingClientRect().top;
        return top >= toolbar.bottom && top < toolbar.bottom + 120;
      },
      selector,
      { timeout: 5000 },
    );
    expect(await belowToolbar(page, selector)).toBeGreaterThanOrEqual(0);
  });

  it('adds a Pasal that leaves no empty paragraph, and asks before deleting one', async () => {
    const id = await t.newDocument();
    const { page } = await t.signedIn(t.cast.drafter, id);
    const before = await page.locator('.ProseMirror section.clause').count();
    await page.locator('.ProseMirror section.clause .clause-heading').first().click();
    await page.locator('button[aria-label="Tambah pasal setelah pasal ini"]').click();
    await page.keyboard.type('Kerahasiaan');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Para pihak menjaga kerahasiaan data.');
    const added = page.locator('.ProseMirror section.clause').nth(1);
    await added.locator('p', { hasText: 'kerahasiaan data' }).waitFor();
    expect(await added.locator('p').count()).toBe(1);
    const clauses = async () =>
      (
        await t.call<{ heading: string; text: string }[]>('GET', `/api/documents/${id}/clauses`, {
          token: t.cast.drafter.token,
        })
      ).body;
    await waitFor(async () => {
      const second = (await clauses())[1];
      return (
        second?.heading === 'Kerahasiaan' && second.text === 'Para pihak menjaga kerahasiaan data.'
      );
    }, 'the new Pasal with one paragraph in the API');

    // Cancelling the question keeps the Pasal; accepting it deletes it.
    const remove = page.locator('button[aria-label="Hapus pasal ini"]');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await remove.click();
    expect(asked).toContain('Pasal 2 (Kerahasiaan)');
    expect(await page.locator('.ProseMirror section.clause').count()).toBe(before + 1);
    page.once('dialog', (dialog) => void dialog.accept());
    await remove.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.ProseMirror section.clause').length === n,
      before,
    );
  });

  it('reads an empty revision list as a sentence and names icon-only buttons', async () => {
    const id = await t.newDocument();
    const { page } = await t.signedIn(t.cast.drafter, id);
    await openTab(page, 'Revisi');
    await page.locator('.revision-empty', { hasText: 'Belum ada revisi.' }).waitFor();
    expect(await page.locator('.revision-list').isHidden()).toBe(true);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((b) => !/[\p{L}\p{N}]/u.test(b.textContent ?? ''))
        .filter((b) => !b.getAttribute('aria-label') && !b.getAttribute('title'))
        .map((b) => b.outerHTML),
    );
    expect(unnamed).toEqual([]);
  });
});
