import path from 'node:path';
import { browserSuite, describeBrowser, openTab } from '../support/browser';
import {
  addWordComment,
  bodyOf,
  partsOf,
  setBody,
  trackReplace,
  zipParts,
} from '../responses/wordEdits';
import type { Clause } from '../../shared/clauses';

jest.setTimeout(180_000);

// A party's copy edited in Word comes back through "Unggah tanggapan (.docx)": a preview of the
// proposals (with what they change), the comments and what could not be placed, then "Kirim
// usulan"; the proposal then shows in the comment panel as a diff and reads "Diterima" once a
// drafter accepts it (CONTRACT.md, "Word drafts in and out"; issue 16). The preview is always
// written to .scratch/ for a look, and with SCREENSHOTS=1 to docs/screenshots/.
const SHOTS =
  process.env.SCREENSHOTS === '1'
    ? path.resolve(__dirname, '../../docs/screenshots')
    : path.resolve(__dirname, '../../.scratch');

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Nota ini dimaksudkan sebagai pedoman kerja sama pertukaran data antara Para Pihak.',
  'Pasal 2',
  'Jangka Waktu',
  '(1) Nota Kesepakatan ini berlaku untuk jangka waktu 3 (tiga) tahun sejak tanggal ditandatangani.',
  '(2) Nota Kesepakatan ini dapat diperpanjang atas kesepakatan Para Pihak secara tertulis.',
  'Pasal 3',
  'Penutup',
  'Nota Kesepakatan ini dibuat dalam rangkap dua bermeterai cukup.',
].join('\n');

describeBrowser('uploading a response edited in Word', () => {
  const t = browserSuite();

  it('previews the proposals, comments and unmatched parts, sends them, and the panel shows the diff and "Diterima"', async () => {
    const created = await t.call<{ id: string }>('POST', '/api/documents', {
      token: t.cast.drafter.token,
      body: {
        title: 'Nota Kesepakatan Pertukaran Data',
        parties: [t.cast.partyA.code, t.cast.partyB.code],
        reviewers: [t.cast.inspectorate.code],
        text: PLAIN,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const { clauses } = await t.cutRevision(id);
    const exported = await fetch(`${t.server.url}/api/documents/${id}/export.docx`, {
      headers: { authorization: `Bearer ${t.cast.headB.token}` },
    });
    const file = partsOf(Buffer.from(await exported.arrayBuffer()));
    setBody(file, trackReplace(bodyOf(file), '3 (tiga)', '5 (lima)', 'Biro Hukum Pihak B'));
    addWordComment(file, 'rangkap dua', 'Ahmad Fauzi', 'Mohon dibuat rangkap tiga.');
    addWordComment(file, 'PIHAK KEDUA,', 'Sekretariat', 'Nama penandatangan menyusul.');

    const { page } = await t.signedIn(t.cast.headB, id);
    await page.locator('button.response-upload').click();
    const dialog = page.locator('dialog.response-dialog');
    await dialog.locator('input[name="file"]').setInputFiles({
      name: 'tanggapan-pihak-b.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: zipParts(file),
    });
    const proposals = dialog.locator('.response-proposals li');
    await proposals.first().waitFor();
    expect(await proposals.count()).toBe(1);
    expect(await proposals.locator('.response-where').textContent()).toBe('Pasal 2 — Jangka Waktu');
    expect(await proposals.locator('ins.diff-insert').allTextContents()).toEqual(['5', 'lima']);
    expect(await proposals.locator('del.diff-delete').allTextContents()).toEqual(['3', 'tiga']);
    // What it changes, not the whole Pasal again.
    expect(await proposals.locator('.proposal-diff').textContent()).not.toContain('diperpanjang');
    expect(await dialog.locator('.response-comments li').allTextContents()).toEqual([
      expect.stringContaining(
        'Pasal 3 — PenutupKomentar Word dari Ahmad Fauzi: Mohon dibuat rangkap tiga.',
      ),
    ]);
    expect(await dialog.locator('.response-unmatched li').allTextContents()).toEqual([
      expect.stringContaining('Sekretariat: Nama penandatangan menyusul.'),
    ]);
    const before = await t.call<unknown[]>('GET', `/api/documents/${id}/comments`, {
      token: t.cast.drafter.token,
    });
    expect(before.body).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'response-preview.png') });

    await dialog.locator('button', { hasText: 'Kirim usulan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('.notice', { hasText: 'Tanggapan terkirim: 1 usulan redaksi, 1 komentar.' })
      .waitFor();
    await openTab(page, 'Komentar');
    const proposal = page.locator('.comment', { has: page.locator('.proposal') });
    await proposal.waitFor();
    expect(await proposal.locator('.proposal-diff ins').allTextContents()).toEqual(['5', 'lima']);
    await page.screenshot({ path: path.join(SHOTS, 'response-proposal.png') });

    // A drafter accepts it: the proposal now reads "Diterima"; the comment resolved reads "Selesai".
    const drafter = await t.signedIn(t.cast.drafter, id);
    await openTab(drafter.page, 'Komentar');
    const toAccept = drafter.page.locator('.comment', { has: drafter.page.locator('.proposal') });
    await toAccept.locator('button', { hasText: 'Terima usulan' }).click();
    await toAccept.locator('.badge', { hasText: 'Diterima' }).waitFor();
    const wordComment = drafter.page.locator('.comment', {
      hasText: 'Komentar Word dari Ahmad Fauzi',
    });
    await wordComment.locator('button', { hasText: 'Selesaikan' }).click();
    await wordComment.locator('.badge', { hasText: 'Selesai' }).waitFor();
    await drafter.page.screenshot({ path: path.join(SHOTS, 'response-accepted.png') });
    const live = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(live.body[1]).toMatchObject({
      id: clauses[1].id,
      text: PLAIN.split('\n').slice(5, 7).join('\n').replace('3 (tiga)', '5 (lima)'),
    });
  });

  it('shows the server’s refusal of a bad file in Bahasa Indonesia and stores nothing', async () => {
    const id = await t.newDocument('Nota berkas rusak');
    const { page } = await t.signedIn(t.cast.reviewer, id);
    await page.locator('button.response-upload').click();
    const dialog = page.locator('dialog.response-dialog');
    await dialog.locator('input[name="file"]').setInputFiles({
      name: 'bukan-word.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('%PDF-1.7\n%%EOF\n'),
    });
    await dialog.locator('.form-error', { hasText: 'Tanggapan tidak dapat dibaca' }).waitFor();
    expect(await dialog.locator('.form-error').textContent()).toMatch(/bukan dokumen Word/);
    expect(await dialog.locator('button', { hasText: 'Kirim usulan' }).isDisabled()).toBe(true);
    await dialog.locator('button', { hasText: 'Batal' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
