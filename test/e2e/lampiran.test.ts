import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, describeBrowser, openTab } from '../support/browser';
import { waitFor } from '../collab/clients';

jest.setTimeout(90_000);

// Issue 15: the Lampiran's rencana kerja in the editor. The drafter adds a row, types across
// its cells with Tab, and a reviewer sees the row arrive live; the printed naskah has it as a
// row of the penutup.

const ADD_ROW = 'Tambah baris di bawah baris ini (Tab di sel terakhir)';

// With SCREENSHOTS=1 the redline of a changed rencana kerja is written to docs/screenshots/.
const SHOTS =
  process.env.SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : null;

/** Puts the caret at the end of the table cell holding `text`, once the editor has read it. */
async function caretInCell(page: Page, text: string): Promise<void> {
  const cell = (words: string) =>
    page.locator('.ProseMirror table.naskah-table td p', { hasText: words }).first();
  // On the last line of a wrapped cell, so End goes to the end of its words.
  const box = (await cell(text).boundingBox())!;
  await cell(text).click({ position: { x: box.width - 2, y: box.height - 4 } });
  await page.keyboard.press('End');
  // A typed and erased character makes the editor read the caret at once.
  await page.keyboard.type('#');
  await cell(`${text}#`).waitFor();
  await page.keyboard.press('Backspace');
  await cell(`${text}#`).waitFor({ state: 'detached' });
}

/** The words of the cells of the last row of the Lampiran's table, without others' cursors. */
const lastRow = (page: Page) =>
  page
    .locator('.ProseMirror table.naskah-table tr')
    .last()
    .locator('td')
    .evaluateAll((cells) =>
      cells.map((cell) => {
        const copy = cell.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.remote-cursor').forEach((cursor) => cursor.remove());
        return copy.textContent ?? '';
      }),
    );

describeBrowser('the Lampiran in the editor', () => {
  const t = browserSuite();

  it('the drafter adds a row to the rencana kerja and fills it with Tab; a reviewer sees it live', async () => {
    const id = await t.newDocument('Nota Lampiran');
    const drafter = (await t.signedIn(t.cast.drafter, id)).page;
    const reviewer = (await t.signedIn(t.cast.reviewer, id)).page;
    await reviewer.locator('.ProseMirror table.naskah-table').waitFor();
    expect(await reviewer.locator('.ProseMirror .lampiran-heading').first().textContent()).toBe(
      'LAMPIRAN',
    );
    const rowsBefore = await reviewer.locator('.ProseMirror table.naskah-table tr').count();
    expect(await reviewer.locator('.ProseMirror table.naskah-table th').allTextContents()).toEqual([
      'No.',
      'Kegiatan',
      'Penanggung Jawab',
      'Waktu Pelaksanaan',
    ]);

    // The table tools show only inside the Lampiran.
    const addRow = drafter.getByRole('button', { name: ADD_ROW });
    await drafter.locator('.ProseMirror section.clause p').first().click();
    await addRow.waitFor({ state: 'hidden' });
    await caretInCell(drafter, 'Triwulan III setiap tahun');
    await addRow.waitFor({ state: 'visible' });
    await addRow.click();
    await drafter.keyboard.type(`${rowsBefore}.`);
    for (const words of [
      'Evaluasi bersama pelaksanaan rencana kerja',
      'PARA PIHAK',
      'Triwulan IV setiap tahun',
    ]) {
      await drafter.keyboard.press('Tab');
      await drafter.keyboard.type(words);
    }
    const expected = [
      `${rowsBefore}.`,
      'Evaluasi bersama pelaksanaan rencana kerja',
      'PARA PIHAK',
      'Triwulan IV setiap tahun',
    ];
    await waitFor(
      async () => JSON.stringify(await lastRow(reviewer)) === JSON.stringify(expected),
      'the reviewer to see the new row',
    );
    expect(await reviewer.locator('.ProseMirror table.naskah-table tr').count()).toBe(
      rowsBefore + 1,
    );

    // Tab in the last cell adds a row; Shift-Tab goes back without adding one.
    await drafter.keyboard.press('Tab');
    await drafter.keyboard.press('Shift+Tab');
    await drafter.keyboard.type(' (Desember)');
    await waitFor(
      async () => (await lastRow(reviewer)).join('|') === '|||',
      'the row Tab added, seen by the reviewer',
    );

    let printed = '';
    await waitFor(async () => {
      const res = await t.call<string>('GET', `/api/documents/${id}/text`, {
        token: t.cast.reviewer.token,
      });
      printed = res.body;
      return printed.includes('Triwulan IV setiap tahun (Desember) |');
    }, 'the printed naskah to hold the row');
    expect(printed).toContain(
      `| ${rowsBefore}. | Evaluasi bersama pelaksanaan rencana kerja | PARA PIHAK | Triwulan IV setiap tahun (Desember) |\n|  |  |  |  |\n`,
    );
  });

  it('the outline lists the Lampiran after the last Pasal; picking it shows it below the toolbar and targets the penutup', async () => {
    const id = await t.newDocument('Nota Lampiran Daftar');
    const { page } = await t.signedIn(t.cast.reviewer, id);
    const entry = page.locator('.outline-item.outline-lampiran');
    await entry.waitFor();
    const parts = [entry.locator('.outline-number'), entry.locator('.outline-heading')];
    expect(await Promise.all(parts.map((part) => part.textContent()))).toEqual([
      'Lampiran',
      '— RENCANA KERJA',
    ]);
    // After the last Pasal: the entry before it is a Pasal.
    const numbers = await page.locator('.outline-item .outline-number').allTextContents();
    expect(numbers.at(-1)).toBe('Lampiran');
    expect(numbers.at(-2)).toMatch(/^Pasal \d+$/);

    await entry.click();
    await page.waitForFunction(
      () => {
        const toolbar = document.querySelector('.editor-column .toolbar')!.getBoundingClientRect();
        const top = document
          .querySelector('.ProseMirror section.lampiran')!
          .getBoundingClientRect().top;
        return top >= toolbar.bottom && top < toolbar.bottom + 120;
      },
      undefined,
      { timeout: 10_000 },
    );
    await page.locator('.outline-list li.current .outline-lampiran').waitFor();
    await openTab(page, 'Komentar');
    await page.locator('.comment-form textarea[name="body"]').focus();
    expect(await page.locator('.comment-target').textContent()).toBe(
      'Komentar untuk Penutup dan Lampiran',
    );
    await page
      .locator('.comment-form textarea[name="body"]')
      .fill('Waktu pelaksanaan perlu rinci.');
    await page.locator('.comment-form button[type="submit"]').click();
    let saved: { clauseId: string }[] = [];
    await waitFor(async () => {
      saved = (
        await t.call<{ clauseId: string }[]>('GET', `/api/documents/${id}/comments`, {
          token: t.cast.reviewer.token,
        })
      ).body;
      return saved.length === 1;
    }, 'the comment on the penutup to be saved');
    expect(saved[0].clauseId).toBe('penutup');
    await entry.locator('.badge-comments').waitFor();
  });

  it('the redline and the revision text show the rencana kerja as a table, a changed row marked by row', async () => {
    const id = await t.newDocument('Nota Lampiran Redline');
    await t.cutRevision(id);
    const drafter = (await t.signedIn(t.cast.drafter, id)).page;
    await drafter.locator('.ProseMirror table.naskah-table').waitFor();
    const number = `${await drafter.locator('.ProseMirror table.naskah-table tr').count()}.`;
    const newRow = [number, 'Pelaporan hasil kerja sama', 'PARA PIHAK', 'Desember'];
    await caretInCell(drafter, 'Triwulan III setiap tahun');
    await drafter.keyboard.type(' dan Triwulan IV');
    await drafter.getByRole('button', { name: ADD_ROW }).click();
    for (const [i, words] of newRow.entries()) {
      if (i > 0) await drafter.keyboard.press('Tab');
      await drafter.keyboard.type(words);
    }
    await waitFor(async () => {
      const res = await t.call<string>('GET', `/api/documents/${id}/text`, {
        token: t.cast.drafter.token,
      });
      return res.body.includes('| Desember |') && res.body.includes('dan Triwulan IV |');
    }, 'the server to hold the edited table');
    await t.cutRevision(id);

    await openTab(drafter, 'Revisi');
    await drafter
      .locator('.revision-list li[data-revision="2"] button', { hasText: 'Bandingkan' })
      .click();
    const table = drafter.locator('dialog.redline table.redline-table');
    await table.waitFor();
    // No row is left as `| a | b |` text.
    expect(
      await drafter.locator('dialog.redline .line-words').allTextContents(),
    ).not.toContainEqual(expect.stringMatching(/^\| .* \|$/));
    const modified = table.locator('tr.line-modified');
    expect(await modified.count()).toBe(1);
    expect(await modified.locator('ins.diff-insert').allTextContents()).toEqual([
      expect.stringContaining('Triwulan IV'),
    ]);
    const inserted = table.locator('tr.line-inserted');
    expect(await inserted.count()).toBe(1);
    expect(await inserted.locator('td:not(.row-badge)').allTextContents()).toEqual(newRow);
    expect(await inserted.locator('.badge').textContent()).toBe('Baris baru');
    expect(
      await drafter
        .locator('dialog.redline .redline-clause[data-clause-id="penutup"] h3')
        .textContent(),
    ).toContain('Penutup dan Lampiran');
    if (SHOTS) {
      await modified.scrollIntoViewIfNeeded();
      await drafter
        .locator('dialog.redline')
        .screenshot({ path: path.join(SHOTS, 'redline-lampiran.png') });
    }
    await drafter.locator('dialog.redline button', { hasText: 'Tutup' }).click();

    // The revision read on its own: the same rows as a table, the new row in it.
    await drafter.goto(`${t.server.url}/documents/${id}/revisions/2`);
    const rows = drafter.locator('.revision-text table.revision-table tr');
    await rows.last().waitFor();
    expect(await rows.last().locator('td').allTextContents()).toEqual(newRow);
    expect(await drafter.locator('.revision-text p', { hasText: /^\| / }).count()).toBe(0);
  });
});
