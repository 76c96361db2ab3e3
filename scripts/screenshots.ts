// Takes the web client's screenshots for the README against a server with the demo workspace:
// `npx tsx scripts/screenshots.ts` writes docs/screenshots/{list,editor,redline,paraf}.png.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/log';
import { startServer } from '../server/server';
import { createTestDb } from '../test/support/db';
import {
  buildClientOnce,
  hasChromium,
  launchBrowser,
  loginThroughForm,
  openPage,
  openTab,
  openWorkspace,
  CHROMIUM_PATH,
} from '../test/support/browser';

const OUT = path.resolve(__dirname, '../docs/screenshots');

interface Login {
  email: string;
  password: string;
  token?: string;
}

async function main() {
  if (!hasChromium()) throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium`);
  buildClientOnce();
  await mkdir(OUT, { recursive: true });
  const testDb = await createTestDb();
  const logins = new Map<string, Login>();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '1', LOG_LEVEL: 'silent' });
  const server = await startServer(config, {
    db: testDb.db,
    log: createLogger('silent'),
    onSeeded: (list) => list.forEach((l) => logins.set(l.email, l)),
  });
  const browser = await launchBrowser();
  const login = (email: string) => {
    const found = logins.get(email);
    if (!found) throw new Error(`no demo login ${email}`);
    return found;
  };
  const api = apiOf(server.url);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(OUT, `${name}.png`) });

  try {
    const drafter = login('perancang@selaras.test');
    drafter.token = await api.token(drafter);
    const [doc] = await api.call<{ id: string }[]>(drafter, 'GET', '/api/documents');
    await api.call(drafter, 'POST', '/api/documents', {
      title: 'Nota Kesepakatan Pertukaran Data Pengaduan Pelayanan Publik',
      parties: ['ORI-KALBAR', 'PEMPROV-KALBAR'],
      reviewers: ['INSPEKTORAT', 'BIRO-ORG'],
      text: 'NOTA KESEPAKATAN\nTENTANG PERTUKARAN DATA PENGADUAN\n\nPasal 1\nMaksud\nSebagai dasar pertukaran data pengaduan.\n\nPasal 2\nTujuan\nMempercepat tindak lanjut pengaduan.',
    });
    const revision1 = await step('revision 1', () =>
      api.call(drafter, 'POST', `/api/documents/${doc.id}/revisions`, { label: 'Draf awal' }),
    );
    if (revision1) {
      for (const code of ['inspektorat', 'bappeda', 'bkad', 'biro-org']) {
        const reviewer = login(`${code}@selaras.test`);
        reviewer.token = await api.token(reviewer);
        await step(`signoff ${code}`, () =>
          api.call(reviewer, 'POST', `/api/documents/${doc.id}/revisions/1/signoffs`, {
            decision: 'approve',
            note: code === 'bkad' ? 'Tidak ada beban APBD baru.' : undefined,
          }),
        );
      }
    }

    // Two drafters and a reviewer in the same document: cursors labelled with name and agency.
    const rina = await openPage(browser);
    const admin = await openPage(browser);
    const inspector = await openPage(browser);
    await loginThroughForm(rina.page, server.url, drafter);
    await loginThroughForm(admin.page, server.url, login('admin@selaras.test'));
    await loginThroughForm(inspector.page, server.url, login('inspektorat@selaras.test'));
    for (const p of [rina, admin, inspector]) await openWorkspace(p.page, server.url, doc.id);
    await editAsDrafter(rina.page);
    await admin.page.locator('.ProseMirror section.clause .clause-heading').nth(1).click();
    await admin.page.keyboard.press('End');
    const reviewed = inspector.page.locator('.ProseMirror section.clause p').nth(3);
    await reviewed.click();
    await reviewed.selectText();
    await rina.page.locator('.ProseMirror section.clause .clause-heading').first().click();
    await rina.page.waitForTimeout(800);
    await shot(rina.page, 'editor');

    await openTab(rina.page, 'Revisi');
    await rina.page.locator('.revision-form input[name="label"]').fill('Setelah rapat koordinasi');
    await rina.page.locator('.revision-form button').click();
    if (await visible(rina.page, '.revision-list li[data-revision="2"]')) {
      await rina.page.locator('.revision-list li[data-revision="2"] button').click();
      await rina.page.locator('dialog.redline .redline-clause').first().waitFor();
      await shot(rina.page, 'redline');
      await rina.page.locator('dialog.redline button', { hasText: 'Tutup' }).click();
    }

    for (const [code, decision, note] of [
      ['disdikbud', 'approve', ''],
      ['bpsdm', 'changes_requested', 'Mohon Pasal 6 memuat indikator capaian.'],
    ] as const) {
      const reviewer = login(`${code}@selaras.test`);
      reviewer.token = await api.token(reviewer);
      await step(`signoff ${code}`, () =>
        api.call(reviewer, 'POST', `/api/documents/${doc.id}/revisions/2/signoffs`, {
          decision,
          ...(note ? { note } : {}),
        }),
      );
    }
    // BKAD only signs off the financing clause, so edits elsewhere leave its paraf standing.
    const clauses = await api.call<{ id: string; heading: string }[]>(
      drafter,
      'GET',
      `/api/documents/${doc.id}/clauses`,
    );
    const financing = clauses.filter((c) => c.heading === 'Pembiayaan').map((c) => c.id);
    await step('concerns BKAD', () =>
      api.call(drafter, 'PUT', `/api/documents/${doc.id}/concerns/BKAD`, { clauses: financing }),
    );
    const bappeda = await openPage(browser, { height: 1150 });
    await loginThroughForm(bappeda.page, server.url, login('bappeda@selaras.test'));
    await openWorkspace(bappeda.page, server.url, doc.id);
    await openTab(bappeda.page, 'Paraf koordinasi');
    await bappeda.page.locator('.paraf-table tbody tr').first().waitFor();
    await bappeda.page.locator('.signoff-matrix td[data-status="not_concerned"]').first().waitFor();
    await bappeda.page.waitForTimeout(300);
    await shot(bappeda.page, 'paraf');

    const list = await openPage(browser);
    await loginThroughForm(list.page, server.url, login('inspektorat@selaras.test'));
    await list.page.locator('table.documents tbody tr[data-document-id]').first().waitFor();
    await list.page.waitForFunction(
      () => !document.querySelector('td.own-signoff')?.textContent?.includes('…'),
    );
    await shot(list.page, 'list');

    const errors = [rina, admin, inspector, bappeda, list].flatMap((p) => p.errors);
    if (errors.length) throw new Error(`page errors: ${errors.map((e) => e.message).join('; ')}`);
  } finally {
    await browser.close();
    await server.close();
    await testDb.drop();
  }
}

// Typed in the browser, so the text travels through the editor and the socket like a user's.
async function editAsDrafter(page: Page) {
  const heading = page.locator('.ProseMirror section.clause .clause-heading');
  await heading.first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Kerja Sama');
  await page.keyboard.press('ArrowDown'); // the first line of the first paragraph
  await page.keyboard.press('Home');
  await page.keyboard.type('Dalam rangka sinergi, ');
  await heading.nth(3).click(); // Pasal 4 Pertukaran Data dan Informasi
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.type('Informasi Pengaduan');
  await page.locator('.outline-item').nth(4).click(); // Pasal 5 Pembiayaan
  await page.locator('.toolbar button', { hasText: '+ Pasal' }).click();
  await page.keyboard.type('Kerahasiaan Data');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.type('PARA PIHAK wajib menjaga kerahasiaan data dan informasi pelapor.');
  await page.locator('.outline-item').nth(8).click(); // Pasal 9 Keadaan Kahar, after the insert
  await page.keyboard.press('Alt+ArrowDown');
}

async function visible(page: Page, selector: string): Promise<boolean> {
  try {
    await page.locator(selector).waitFor({ timeout: 5000 });
    return true;
  } catch {
    console.warn(`screenshots: ${selector} did not appear; skipping its screenshot`);
    return false;
  }
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    console.warn(`screenshots: ${name} failed: ${(err as Error).message}`);
    return undefined;
  }
}

function apiOf(baseUrl: string) {
  async function call<T = unknown>(
    user: Login,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<T> {
    const res = await fetch(baseUrl + url, {
      method,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json().catch(() => undefined)) as T;
  }
  async function token(user: Login): Promise<string> {
    const res = await fetch(baseUrl + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    return ((await res.json()) as { token: string }).token;
  }
  return { call, token };
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
