import type { Page } from 'playwright-core';
import { createDocument } from '../support/factories';
import { browserSuite, describeBrowser, openTab } from '../support/browser';
import type { Clause } from '../../shared/clauses';
import { waitFor } from '../collab/clients';

jest.setTimeout(60_000);

// A Pasal with two ayat, the first holding a list: the structure of UU 12/2011 Lampiran II.
const PLAIN = [
  'NOTA KESEPAKATAN',
  'Pasal 1',
  'Ruang Lingkup',
  '(1) Ruang lingkup Nota Kesepakatan ini meliputi:',
  'a. pertukaran data; dan',
  'b. pelatihan.',
  '(2) Pelaksanaan dilakukan bersama.',
].join('\n');

/** Waits until the editor shows exactly `expected` numbers. */
async function waitForNumbers(page: Page, expected: string[]): Promise<void> {
  await page
    .waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('.ProseMirror .numbered')].map(
            (el) => `${el.classList[1]} ${el.getAttribute('data-number') ?? ''}`,
          ),
        ) === JSON.stringify(want),
      expected,
      { timeout: 5000 },
    )
    .catch(async (err: Error) => {
      const shown = await page
        .locator('.ProseMirror .numbered')
        .evaluateAll((els) =>
          els.map((el) => `${el.classList[1]} ${el.getAttribute('data-number')}`),
        );
      throw new Error(`${err.message}\nshown: ${JSON.stringify(shown)}`);
    });
}

/** Waits until `read` returns `expected` (compared as JSON). */
async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  let last: T | undefined;
  await waitFor(
    async () => {
      last = await read();
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    `${what} (last: ${JSON.stringify(last)})`,
  );
}

/**
 * Puts the cursor at the start or end of the paragraph holding `text`. Home and End move only
 * the page's caret, which the editor reads a moment later; a typed and erased character makes
 * it read the caret at once, so the next key acts where the test put it.
 */
async function caretAt(page: Page, text: string, where: 'Home' | 'End' = 'End'): Promise<void> {
  const paragraph = (words: string) =>
    page.locator('.ProseMirror .numbered p', { hasText: words }).first();
  await paragraph(text).click();
  await page.keyboard.press(where);
  await page.keyboard.type('#');
  const marked = where === 'End' ? `${text}#` : `#${text}`;
  await paragraph(marked).waitFor();
  await page.keyboard.press('Backspace');
  await paragraph(marked).waitFor({ state: 'detached' });
}

/** Puts the cursor at the end of the paragraph holding `text`. */
const clickEndOf = (page: Page, text: string) => caretAt(page, text, 'End');

describeBrowser('structure inside a Pasal in the editor', () => {
  const t = browserSuite();

  const clausesOf = async (id: string) =>
    (await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: t.cast.drafter.token }))
      .body;

  it('numbers ayat and items from their position; Enter after (2) starts (3); Tab makes it a. of ayat (2), Shift-Tab brings it back', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Struktur', text: PLAIN });
    const { page } = await t.signedIn(t.cast.drafter, id);
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    // The numbers are decorations: the text holds none of them.
    expect(await page.locator('.ProseMirror').textContent()).not.toContain('(1)');

    await clickEndOf(page, 'Pelaksanaan dilakukan bersama.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Biaya ditanggung masing-masing.');
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)', 'ayat (3)']);
    await eventually(
      async () => (await clausesOf(id))[0].text.split('\n').at(-1),
      '(3) Biaya ditanggung masing-masing.',
      'the API to show ayat (3)',
    );

    // Tab: ayat (3) becomes the first item of ayat (2).
    await page.keyboard.press('Tab');
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)', 'huruf a.']);
    await page.keyboard.type(' Ya.');
    expect(await page.locator('.ProseMirror .ayat').nth(1).locator('.huruf p').textContent()).toBe(
      'Biaya ditanggung masing-masing. Ya.',
    );

    // Shift-Tab: back to ayat (3), same block id.
    const idBefore = await page
      .locator('.ProseMirror .ayat .huruf')
      .last()
      .getAttribute('data-block-id');
    await page.keyboard.press('Shift+Tab');
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)', 'ayat (3)']);
    expect(await page.locator('.ProseMirror .ayat').nth(2).getAttribute('data-block-id')).toBe(
      idBefore,
    );

    // Enter in an item starts the next item; Tab there demotes to `1.`; Enter twice ends the list.
    await clickEndOf(page, 'pertukaran data; dan');
    await page.keyboard.press('Enter');
    await page.keyboard.type('pelatihan teknis');
    await waitForNumbers(page, [
      'ayat (1)',
      'huruf a.',
      'huruf b.',
      'huruf c.',
      'ayat (2)',
      'ayat (3)',
    ]);
    await page.keyboard.press('Tab');
    await waitForNumbers(page, [
      'ayat (1)',
      'huruf a.',
      'angka 1.',
      'huruf b.',
      'ayat (2)',
      'ayat (3)',
    ]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await waitForNumbers(page, [
      'ayat (1)',
      'huruf a.',
      'angka 1.',
      'huruf b.',
      'huruf c.',
      'ayat (2)',
      'ayat (3)',
    ]);
  });

  it('shows the new numbers in a second browser as soon as an ayat is inserted', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Dua', text: PLAIN });
    const [drafter, reviewer] = await Promise.all([
      t.signedIn(t.cast.drafter, id),
      t.signedIn(t.cast.reviewer, id),
    ]);
    await waitForNumbers(reviewer.page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    // Enter at the start of ayat (1)'s words opens an empty ayat before it: all shift by one.
    await waitForNumbers(drafter.page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    await caretAt(drafter.page, 'Ruang lingkup Nota Kesepakatan ini meliputi:', 'Home');
    await drafter.page.keyboard.press('Enter');
    await drafter.page.keyboard.press('ArrowUp');
    await drafter.page.keyboard.type('Para Pihak bekerja sama.');
    await waitForNumbers(reviewer.page, [
      'ayat (1)',
      'ayat (2)',
      'huruf a.',
      'huruf b.',
      'ayat (3)',
    ]);
    expect(
      await reviewer.page.locator('.ProseMirror .ayat[data-number="(1)"] > p').textContent(),
    ).toContain('Para Pihak bekerja sama.'); // followed by the drafter's cursor label
  });

  it('hints at list punctuation quietly and fixes it in one click or with Ctrl+.', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Tanda Baca', text: PLAIN });
    const { page } = await t.signedIn(t.cast.drafter, id);
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    await eventually(() => page.locator('.punct-hint').count(), 0, 'no hints');
    await clickEndOf(page, 'pelatihan.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('pendampingan.');
    // Now `b.` is second-to-last and needs "; dan", `a.` only ";" — nothing is changed by itself.
    await eventually(() => page.locator('.punct-hint').count(), 2, 'two hints');
    expect(await page.locator('.ProseMirror .huruf p').nth(1).textContent()).toBe('pelatihan.');
    const hint = page.locator('.huruf[data-number="b."] .punct-hint');
    expect(await hint.locator('.punct-mark').getAttribute('title')).toContain('; dan');
    await hint.hover();
    await hint.getByRole('button', { name: /Perbaiki/ }).click();
    await eventually(
      () => page.locator('.ProseMirror .huruf p').nth(1).textContent(),
      'pelatihan; dan',
      'the connector fixed',
    );
    // The keyboard way: Ctrl+. fixes the line holding the cursor.
    await caretAt(page, 'pertukaran data; dan');
    await page.keyboard.press('Control+.');
    await eventually(() => page.locator('.punct-hint').count(), 0, 'no hints');
    expect(await page.locator('.ProseMirror .huruf p').first().textContent()).toBe(
      'pertukaran data;',
    );
  });

  it('offers Ayat, Huruf and the level buttons in the toolbar with Indonesian names', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Alat', text: PLAIN });
    const { page } = await t.signedIn(t.cast.drafter, id);
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    await clickEndOf(page, 'Pelaksanaan dilakukan bersama.');
    await page.getByRole('button', { name: 'Turunkan tingkat (Tab)' }).click();
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'huruf c.']);
    await page.getByRole('button', { name: 'Naikkan tingkat (Shift+Tab)' }).click();
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    await page.getByRole('button', { name: 'Naikkan tingkat (Shift+Tab)' }).click();
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.']);
    await page.getByRole('button', { name: 'Jadikan ayat' }).click();
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
  });

  it('shows an inserted ayat in the redline with the numbers of both sides', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Redline', text: PLAIN });
    const { page } = await t.signedIn(t.cast.drafter, id);
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)']);
    await openTab(page, 'Revisi');
    await page.locator('.revision-form button').click();
    await page.locator('.revision-list li[data-revision="1"]').waitFor();

    // A new ayat (2) before the old one, which becomes (3).
    await caretAt(page, 'Pelaksanaan dilakukan bersama.', 'Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('Kerahasiaan data dijaga bersama.');
    await waitForNumbers(page, ['ayat (1)', 'huruf a.', 'huruf b.', 'ayat (2)', 'ayat (3)']);
    await eventually(
      async () => (await clausesOf(id))[0].text.includes('(2) Kerahasiaan'),
      true,
      'the live text to hold the new ayat',
    );
    await page.locator('.revision-form button').click();
    await page.locator('.revision-list li[data-revision="2"]').waitFor();
    await page
      .locator('.revision-list li[data-revision="2"] button', { hasText: 'Bandingkan' })
      .click();

    const inserted = page.locator('dialog.redline .redline-line.line-inserted');
    await inserted.first().waitFor();
    expect(await inserted.count()).toBe(1);
    expect(await inserted.locator('.number-after').textContent()).toBe('(2)');
    expect(await inserted.locator('ins.diff-insert').textContent()).toBe(
      'Kerahasiaan data dijaga bersama.',
    );
    expect(await inserted.locator('.badge').textContent()).toBe('Ayat baru');
    // The old (2) is renumbered, not changed: both numbers shown, its words not marked.
    const renumbered = page.locator('dialog.redline .redline-line', {
      hasText: 'Pelaksanaan dilakukan bersama.',
    });
    expect(await renumbered.getAttribute('class')).toContain('line-same');
    expect(await renumbered.locator('.number-after').textContent()).toBe('(3)');
    expect(await renumbered.locator('.number-before').textContent()).toBe('semula (2)');
    expect(await renumbered.locator('ins, del').count()).toBe(0);
  });
});
