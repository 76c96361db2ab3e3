import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Clause } from '../../shared/clauses';
import { redlinedDraft } from '../imports/wordFiles';
import { browserSuite, describeBrowser } from '../support/browser';

jest.setTimeout(120_000);

// A Word draft that still holds tracked changes and comments is not flattened silently: the
// import dialog says how many it holds and asks how to take it (CONTRACT.md, "Word drafts in
// and out"; issue 16). With SCREENSHOTS=1 the dialog is written to docs/screenshots/.
const SHOTS =
  process.env.SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : null;

describeBrowser('importing a .docx that still holds tracked changes', () => {
  const t = browserSuite();

  /** Opens the new-document dialog as the drafter and submits the redlined draft. */
  async function submitRedlined(): Promise<{ page: Page; dialog: Locator }> {
    const { page } = await t.signedIn(t.cast.drafter);
    await page.locator('button', { hasText: 'Dokumen baru' }).click();
    const dialog = page.locator('dialog form.new-document');
    await dialog.locator('input[name="source"][value="docx"]').check();
    await dialog.locator('input[name="file"]').setInputFiles({
      name: 'tanggapan-mitra.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await redlinedDraft(),
    });
    await dialog.locator(`input[name="party"][value="${t.cast.partyA.code}"]`).check();
    await dialog.locator(`input[name="party"][value="${t.cast.partyB.code}"]`).check();
    await dialog.locator('button[type="submit"]').click();
    return { page, dialog };
  }

  const documentIdOf = async (page: Page) => {
    await page.waitForURL((url) => /\/documents\/[^/]+$/.test(url.pathname));
    return new URL(page.url()).pathname.split('/').pop()!;
  };

  it('asks how to take the changes, takes the original text, then lists what was left out', async () => {
    const before = await t.call<unknown[]>('GET', '/api/documents', {
      token: t.cast.drafter.token,
    });
    const { page, dialog } = await submitRedlined();

    const question = dialog.locator('.tracked-changes');
    await question.waitFor();
    expect(await question.locator('.tracked-changes-count').textContent()).toBe(
      'Berkas masih memuat 5 perubahan terlacak dan 1 komentar.',
    );
    expect(await question.locator('button').allTextContents()).toEqual([
      'Batal',
      'Ambil naskah asli saja',
      'Ambil naskah asli (perubahan jadi usulan)',
    ]);
    // Asking stored nothing.
    const during = await t.call<unknown[]>('GET', '/api/documents', {
      token: t.cast.drafter.token,
    });
    expect(during.body.length).toBe(before.body.length);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'import-tracked-changes.png') });

    // Batal leaves the dialog as it was; asking again gives the same question.
    await question.locator('button[data-changes="cancel"]').click();
    await question.waitFor({ state: 'detached' });
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.tracked-changes').waitFor();

    await dialog.locator('.tracked-changes button[data-changes="original"]').click();
    const losses = dialog.locator('.import-losses li');
    await losses.first().waitFor();
    expect(await losses.allTextContents()).toEqual([
      expect.stringMatching(/^5 perubahan terlacak tidak diambil/),
      '1 komentar Word tidak diimpor.',
    ]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'import-losses.png') });

    await dialog.locator('button', { hasText: 'Buka dokumen' }).click();
    const id = await documentIdOf(page);
    await page.locator('.ProseMirror section.clause').first().waitFor();
    const clauses = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(clauses.body[0].text).toContain('berlaku 3 (tiga) tahun');
    expect(clauses.body[0].text).not.toContain('5 (lima)');
  });

  it('files the changes as proposals and the comment as a comment when asked to', async () => {
    const { page, dialog } = await submitRedlined();
    await dialog.locator('.tracked-changes button[data-changes="proposals"]').click();
    const filed = dialog.locator('.import-filed');
    await filed.waitFor();
    expect(await filed.textContent()).toBe(
      'Perubahan terlacak dan komentar berkas menjadi 2 usulan redaksi dan 1 komentar di panel komentar.',
    );
    expect(await dialog.locator('.import-losses').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'import-proposals.png') });
    await dialog.locator('button', { hasText: 'Buka dokumen' }).click();
    const id = await documentIdOf(page);
    const comments = await t.call<{ proposal: unknown }[]>('GET', `/api/documents/${id}/comments`, {
      token: t.cast.drafter.token,
    });
    expect(comments.body.filter((c) => c.proposal !== null)).toHaveLength(2);
    expect(comments.body).toHaveLength(3);
  });
});
