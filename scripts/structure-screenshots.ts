// Takes the README's screenshots of the structure inside a Pasal (issue 13) against a test
// server: `TEST_DATABASE_URL=... npx tsx scripts/structure-screenshots.ts` writes
// docs/screenshots/structure-editor.png (nested ayat and lists, numbers derived, a punctuation
// hint) and docs/screenshots/structure-redline.png (the redline of an inserted ayat).
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  buildClientOnce,
  launchBrowser,
  loginThroughForm,
  openPage,
  openTab,
  openWorkspace,
} from '../test/support/browser';
import { apiClient, createDocument, makeCast } from '../test/support/factories';
import { startTestServer } from '../test/support/server';

const OUT = path.resolve(__dirname, '../docs/screenshots');

const PLAIN = [
  'NOTA KESEPAKATAN',
  'TENTANG PERTUKARAN DATA PENGADUAN PELAYANAN PUBLIK',
  'Pasal 1',
  'Ruang Lingkup',
  '(1) Ruang lingkup Nota Kesepakatan ini meliputi:',
  'a. pertukaran data pengaduan, yang terdiri atas:',
  '1. data pengaduan yang masuk;',
  '2. data statistik pengaduan; dan',
  '3. data tindak lanjut pengaduan, berupa:',
  'a) rekomendasi;',
  'b) laporan akhir hasil pemeriksaan; dan',
  'c) data penyelesaian;',
  'b. peningkatan kapasitas sumber daya manusia;',
  'c. pemantauan dan evaluasi bersama.',
  '(2) Pelaksanaan ruang lingkup dituangkan dalam perjanjian kerja sama.',
  'Pasal 2',
  'Jangka Waktu',
  '(1) Nota Kesepakatan ini berlaku selama 5 (lima) tahun.',
  '(2) Nota Kesepakatan ini dapat diperpanjang atas kesepakatan Para Pihak.',
].join('\n');

async function main() {
  buildClientOnce();
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    const call = apiClient(server.url);
    const cast = await makeCast(server.db);
    const id = await createDocument(call, cast, {
      title: 'Nota Kesepakatan Pertukaran Data Pengaduan',
      text: PLAIN,
    });
    const { page } = await openPage(browser, { width: 1280, height: 860 });
    await loginThroughForm(page, server.url, cast.drafter);
    await openWorkspace(page, server.url, id);
    await page.locator('.ProseMirror .numbered[data-number="(2)"]').first().waitFor();

    // The missing "dan" after `b.` shows as a quiet hint; hover it so its fix shows too.
    await page.locator('.huruf[data-number="b."] .punct-hint').first().hover();
    await shotOfEditor(page, 'structure-editor');

    // Revision 1, then a new ayat (1) in Pasal 2 and revision 2: the redline of the insertion.
    await openTab(page, 'Revisi');
    await page.locator('.revision-form button').click();
    await page.locator('.revision-list li[data-revision="1"]').waitFor();
    const target = page.locator('.ProseMirror .numbered p', {
      hasText: 'Nota Kesepakatan ini dapat diperpanjang',
    });
    await target.click();
    await page.keyboard.press('Home');
    await page.keyboard.type('#');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('Jangka waktu dihitung sejak tanggal penandatanganan.');
    await waitForLive(call, cast.drafter.token, id, 'Jangka waktu dihitung');
    await page.locator('.revision-form input[name="label"]').fill('Setelah rapat penyelarasan');
    await page.locator('.revision-form button').click();
    await page.locator('.revision-list li[data-revision="2"]').waitFor();
    await page
      .locator('.revision-list li[data-revision="2"] button', { hasText: 'Bandingkan' })
      .click();
    await page.locator('dialog.redline .redline-line.line-inserted').waitFor();
    await page.screenshot({ path: path.join(OUT, 'structure-redline.png') });
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** A screenshot of the page with the editor's first Pasal in view. */
async function shotOfEditor(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

/** Waits until the live text holds `words` (the revision is cut from it). */
async function waitForLive(
  call: ReturnType<typeof apiClient>,
  token: string,
  id: string,
  words: string,
) {
  for (let i = 0; i < 100; i++) {
    const res = await call<{ text: string }[]>('GET', `/api/documents/${id}/clauses`, { token });
    if (res.body.some((c) => c.text.includes(words))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the live text never showed the new ayat');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
