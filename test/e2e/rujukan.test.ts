import type { Page } from 'playwright-core';
import { createDocument } from '../support/factories';
import { browserSuite, describeBrowser, openTab } from '../support/browser';
import { edit } from '../support/text';
import type { Clause } from '../../shared/clauses';
import { waitFor } from '../collab/clients';

jest.setTimeout(90_000);

const PLAIN = [
  'NOTA KESEPAKATAN',
  'Pasal 1',
  'Maksud',
  'Maksud kerja sama ini adalah pelayanan publik.',
  'Pasal 2',
  'Ruang Lingkup',
  '(1) Ruang lingkup meliputi pengawasan.',
  '(2) Pengawasan dilakukan bersama.',
  'Pasal 3',
  'Pelaksanaan',
  'Kegiatan sebagaimana dimaksud dalam ',
].join('\n');

/** The labels the editor shows for its references, in order. */
const labels = (page: Page) =>
  page
    .locator('.ProseMirror span.rujukan')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-label')));

async function waitForLabels(page: Page, expected: string[]): Promise<void> {
  await page
    .waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('.ProseMirror span.rujukan')].map((el) =>
            el.getAttribute('data-label'),
          ),
        ) === JSON.stringify(want),
      expected,
      { timeout: 15_000 },
    )
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\nshown: ${JSON.stringify(await labels(page))}`);
    });
}

/**
 * Puts the caret at the end of the Pasal paragraph holding `text`. A click moves only the page's
 * caret, which the editor reads a moment later; a typed and erased character makes it read the
 * caret at once, so a following shortcut acts where the test put it.
 */
async function caretAtEnd(page: Page, text: string): Promise<void> {
  const paragraph = (words: string) =>
    page.locator('.ProseMirror section.clause p', { hasText: words }).first();
  // Right of the last line, so the caret lands at the paragraph's end even when it wraps (End
  // alone goes to the end of the visual line) and never on a reference in the middle.
  const box = (await paragraph(text).boundingBox())!;
  await paragraph(text).click({ position: { x: box.width - 2, y: box.height - 4 } });
  await page.keyboard.press('End');
  await page.keyboard.type('#');
  await paragraph(`${text}#`).waitFor();
  await page.keyboard.press('Backspace');
  await paragraph(`${text}#`).waitFor({ state: 'detached' });
}

describeBrowser('cross-references in the editor', () => {
  const t = browserSuite();

  it('a reference picked with @ shows its label, relabelled in a second browser when a Pasal is inserted before its target', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Rujukan', text: PLAIN });
    const [drafter, reader] = await Promise.all([
      t.signedIn(t.cast.drafter, id),
      t.signedIn(t.cast.reviewer, id),
    ]);
    const { page } = drafter;

    // The cursor at the end of Pasal 3's sentence, then "@" opens the picker.
    const sentence = page.locator('.ProseMirror section.clause p', {
      hasText: 'Kegiatan sebagaimana dimaksud dalam',
    });
    await sentence.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' @');
    const picker = page.locator('.rujukan-picker');
    await picker.waitFor();
    await picker.locator('input').fill('2 2');
    await picker.locator('li[role=option]', { hasText: 'Pasal 2 ayat (2)' }).waitFor();
    expect(await picker.locator('li[role=option]').count()).toBe(1);
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await waitForLabels(page, ['Pasal 2 ayat (2)']);
    await waitForLabels(reader.page, ['Pasal 2 ayat (2)']);

    // Hovering shows the cited words.
    const title = await page.locator('.ProseMirror span.rujukan').getAttribute('title');
    expect(title).toContain('Pengawasan dilakukan bersama.');

    // Stored as a reference: the API prints the same label, derived on the server.
    await waitFor(async () => {
      const res = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
        token: t.cast.drafter.token,
      });
      return res.body[2]?.text === 'Kegiatan sebagaimana dimaksud dalam Pasal 2 ayat (2)';
    }, 'the reference stored in the live text');

    // A new Pasal after Pasal 1 (Ctrl+Alt+Enter) pushes the target to Pasal 3, for both.
    await caretAtEnd(page, 'pelayanan publik.');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.type('Definisi');
    await waitForLabels(page, ['Pasal 3 ayat (2)']);
    await waitForLabels(reader.page, ['Pasal 3 ayat (2)']);

    // Deleting the cited ayat leaves a red [rujukan terputus] for everyone.
    const ayat = page.locator('.ProseMirror .numbered.ayat', { hasText: 'Pengawasan dilakukan' });
    await ayat.locator('p').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await waitForLabels(reader.page, ['[rujukan terputus]']);
    const broken = reader.page.locator('.ProseMirror span.rujukan.rujukan-terputus');
    expect(await broken.count()).toBe(1);
    expect(drafter.errors).toEqual([]);
    expect(reader.errors).toEqual([]);
  });

  it('pasted text with typed references comes in with real ones; salin rujukan copies a reference to the block at the cursor; a wrong preposition is fixed with a click', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Tempel', text: PLAIN });
    const { page, context, errors } = await t.signedIn(t.cast.drafter, id);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const sentence = page.locator('.ProseMirror section.clause p', {
      hasText: 'Kegiatan sebagaimana dimaksud dalam',
    });
    await caretAtEnd(page, 'sebagaimana dimaksud dalam');
    // A paste of plain text, as from a word processor.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ' Pasal 2 ayat (1) dan Pasal 9');
      document
        .querySelector('.ProseMirror')!
        .dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
    });
    await waitForLabels(page, ['Pasal 2 ayat (1)']);
    await waitFor(async () => {
      const res = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
        token: t.cast.drafter.token,
      });
      return (
        res.body[2]?.text === 'Kegiatan sebagaimana dimaksud dalam Pasal 2 ayat (1) dan Pasal 9'
      );
    }, 'the pasted reference stored, the unknown Pasal 9 left as text');

    // Salin rujukan on Pasal 1, pasted at the end of Pasal 3.
    await caretAtEnd(page, 'pelayanan publik.');
    await page.keyboard.press('Alt+Shift+R');
    await caretAtEnd(page, 'dan Pasal 9');
    await page.keyboard.type(' serta ');
    await page.keyboard.press('Control+V');
    await waitForLabels(page, ['Pasal 2 ayat (1)', 'Pasal 1']);

    // "pada" before a Pasal is marked; one click makes it "dalam" (Lampiran II phrasing).
    await page.keyboard.type(' atau pada ');
    await page.keyboard.press('Control+V');
    await waitForLabels(page, ['Pasal 2 ayat (1)', 'Pasal 1', 'Pasal 1']);
    const hint = page.locator('.ProseMirror .rujukan-preposisi');
    await hint.waitFor();
    expect(await hint.textContent()).toBe('pada');
    expect(await hint.getAttribute('title')).toContain('Gunakan "dalam" sebelum Pasal 1');
    await hint.click();
    await hint.waitFor({ state: 'detached' });
    expect(await sentence.textContent()).toContain('atau dalam ');
    expect(errors).toEqual([]);
  });

  it('the paraf tab and the matrix say a cited Pasal changed, "dirujuk oleh" the Pasal the agency is concerned with', async () => {
    const text = [
      'NOTA KESEPAKATAN',
      ...[1, 2, 3, 4, 5].flatMap((n) => [
        `Pasal ${n}`,
        `Judul ${n}`,
        n === 5 ? 'Pelaksanaan sebagaimana dimaksud dalam Pasal 3 dilaporkan.' : `Isi pasal ${n}.`,
      ]),
    ].join('\n');
    const id = await createDocument(t.call, t.cast, { title: 'Nota Paraf Rujukan', text });
    const clauses = (
      await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: t.cast.drafter.token })
    ).body;
    const inspectorate = t.cast.inspectorate.code;
    await t.call('PUT', `/api/documents/${id}/concerns/${inspectorate}`, {
      token: t.cast.drafter.token,
      body: { clauses: [clauses[4].id] },
    });
    await t.cutRevision(id);
    await t.approveSignoff(id, t.cast.reviewer, 1);
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.typeInParagraph(ydoc, clauses[2].id, 0, 'Diubah: '),
    );
    await t.cutRevision(id);

    const { page } = await t.signedIn(t.cast.reviewer, id);
    await openTab(page, 'Paraf koordinasi');
    const row = page.locator(`tr[data-agency="${inspectorate}"]`);
    await row.locator('.changed-clauses').waitFor();
    expect(await row.locator('.changed-clauses').textContent()).toBe(
      'Berubah: Pasal 3 (dirujuk oleh Pasal 5)',
    );
    const cited = page.locator(
      `.signoff-matrix tr[data-clause-id="${clauses[2].id}"] td[data-agency="${inspectorate}"]`,
    );
    expect(await cited.getAttribute('data-status')).toBe('stale');
    expect(await cited.getAttribute('class')).toContain('via-rujukan');
    expect(await cited.getAttribute('title')).toContain('(dirujuk oleh Pasal 5)');
    const direct = page.locator(
      `.signoff-matrix tr[data-clause-id="${clauses[4].id}"] td[data-agency="${inspectorate}"]`,
    );
    expect(await direct.getAttribute('class')).not.toContain('via-rujukan');
  });
});
