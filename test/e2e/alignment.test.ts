import type { Locator, Page } from 'playwright-core';
import {
  browserSuite,
  describeBrowser,
  loginThroughForm,
  openTab,
  openWorkspace,
  typeInClauseHeading,
} from '../support/browser';

jest.setTimeout(90_000);

describeBrowser('sign-off matrix, concerns, .docx round trip and offline edits', () => {
  const t = browserSuite();

  const cell = (agency: string, clauseId: string, status?: string) =>
    `.signoff-matrix tr[data-clause-id="${clauseId}"] td[data-agency="${agency}"]` +
    (status ? `[data-status="${status}"]` : '');

  /** Submits the new-document dialog importing `file` for parties A and B; returns the dialog. */
  async function importDocx(
    page: Page,
    file: { name: string; mimeType: string; buffer: Buffer },
  ): Promise<Locator> {
    await page.locator('button', { hasText: 'Dokumen baru' }).click();
    const dialog = page.locator('dialog form.new-document');
    await dialog.locator('input[name="source"][value="docx"]').check();
    await dialog.locator('input[name="file"]').setInputFiles(file);
    await dialog.locator(`input[name="party"][value="${t.cast.partyA.code}"]`).check();
    await dialog.locator(`input[name="party"][value="${t.cast.partyB.code}"]`).check();
    await dialog.locator('button[type="submit"]').click();
    return dialog;
  }

  it('marks the changed clause stale in the matrix after a drafter edit and a new revision', async () => {
    const id = await t.newDocument();
    const first = await t.cutRevision(id);
    await t.approveSignoff(id, t.cast.reviewer, 1);
    const inspectorate = t.cast.inspectorate.code;
    const [drafter, reviewer] = await t.workspacesOnTab(id, 'Paraf koordinasi', [
      t.cast.drafter,
      t.cast.reviewer,
    ]);
    const [changed, untouched] = first.clauses;
    await reviewer.locator(cell(inspectorate, changed.id, 'approved')).waitFor();
    // A row per Pasal, between the pembukaan (first) and the penutup (last).
    expect(
      await reviewer.locator(`.signoff-matrix td[data-agency="${inspectorate}"]`).count(),
    ).toBe(first.clauses.length + 2);
    expect(await reviewer.locator('.matrix-legend').textContent()).toContain('Berubah sejak paraf');
    const rowHeads = reviewer.locator('.signoff-matrix th.matrix-clause');
    expect(await rowHeads.first().textContent()).toBe('Pembukaan');
    expect(await rowHeads.nth(1).textContent()).toBe(`Pasal 1 ${changed.heading}`);
    // The template ends with a Lampiran (its rencana kerja), part of the penutup.
    expect(await rowHeads.last().textContent()).toBe('Penutup dan Lampiran');

    await typeInClauseHeading(drafter, 0, ' dan Sasaran');
    await openTab(drafter, 'Revisi');
    await drafter.locator('.revision-form button').click();
    await drafter.locator('.revision-list li[data-revision="2"]').waitFor();

    // The reviewer's matrix follows the new revision live (revision.created).
    await reviewer.locator(cell(inspectorate, changed.id, 'stale')).waitFor({ timeout: 5000 });
    expect(
      await reviewer.locator(cell(inspectorate, untouched.id)).getAttribute('data-status'),
    ).toBe('approved');
    expect(await reviewer.locator('.matrix-head h3').first().textContent()).toContain('revisi 2');
    await openTab(drafter, 'Paraf koordinasi');
    await drafter.locator(cell(inspectorate, changed.id, 'stale')).waitFor();
    await drafter.locator('.matrix-expand').click();
    const wide = drafter.locator('dialog.matrix-dialog');
    await wide.locator(cell(inspectorate, changed.id, 'stale')).waitFor();
    await wide.locator('button', { hasText: 'Tutup' }).click();
    await wide.waitFor({ state: 'detached' });
    expect(
      await drafter.locator(cell(t.cast.partyA.code, changed.id)).getAttribute('data-status'),
    ).toBe('pending');
  });

  it('lets a drafter limit an agency to chosen clauses, shown as not_concerned cells everywhere', async () => {
    const id = await t.newDocument();
    const { clauses } = await t.cutRevision(id);
    const inspectorate = t.cast.inspectorate.code;
    const [drafter, reviewer] = await t.workspacesOnTab(id, 'Paraf koordinasi', [
      t.cast.drafter,
      t.cast.reviewer,
    ]);
    const row = `.concern-list li[data-agency="${inspectorate}"]`;
    await reviewer.locator(`${row}[data-concern="all"]`).waitFor();
    expect(await reviewer.locator(`${row} .concern-edit`).count()).toBe(0);

    await drafter.locator(`${row} .concern-edit`).click();
    const dialog = drafter.locator('dialog.concern-dialog');
    await dialog.locator('input[name="scope"][value="some"]').check();
    await dialog.locator(`input[name="clause"][value="${clauses[1].id}"]`).check();
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });

    for (const page of [drafter, reviewer]) {
      await page.locator(`${row}[data-concern="some"]`).waitFor({ timeout: 5000 });
      expect(await page.locator(`${row} .concern-summary`).textContent()).toBe(
        `Pasal 2 (1 dari ${clauses.length})`,
      );
      await page.locator(cell(inspectorate, clauses[0].id, 'not_concerned')).waitFor();
      expect(
        await page.locator(cell(inspectorate, clauses[1].id)).getAttribute('data-status'),
      ).toBe('pending');
      const column = page.locator(`.signoff-matrix td[data-agency="${inspectorate}"]`);
      const statuses = await column.evaluateAll((cells) =>
        cells.map((c) => (c as HTMLElement).dataset.status),
      );
      expect(statuses.filter((s) => s === 'not_concerned')).toHaveLength(clauses.length - 1);
    }
    const concerns = await t.call<Record<string, unknown>>('GET', `/api/documents/${id}/concerns`, {
      token: t.cast.reviewer.token,
    });
    expect(concerns.body[inspectorate]).toEqual([clauses[1].id]);
  });

  it('imports a .docx exported by Selaras through the dialog into the same Pasal headings', async () => {
    const id = await t.newDocument('Nota Kesepakatan Ekspor');
    const { clauses } = await t.cutRevision(id);
    const exported = await fetch(`${t.server.url}/api/documents/${id}/export.docx`, {
      headers: { authorization: `Bearer ${t.cast.drafter.token}` },
    });
    expect(exported.status).toBe(200);
    const buffer = Buffer.from(await exported.arrayBuffer());

    const { page } = await t.signedIn(t.cast.drafter);
    await importDocx(page, {
      name: 'nota-ekspor.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer,
    });

    await page.waitForURL(
      (url) => /\/documents\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(id),
    );
    await page.locator('.outline-item').first().waitFor({ timeout: 10_000 });
    const outline = await page
      .locator('.outline-item')
      .evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('.outline-number')?.textContent,
          item.querySelector('.outline-heading')?.textContent,
        ]),
      );
    // The exported Lampiran comes back with the import, listed after the last Pasal.
    expect(outline).toEqual([
      ...clauses.map((c) => [`Pasal ${c.number}`, c.heading]),
      ['Lampiran', '— RENCANA KERJA'],
    ]);
  });

  it('rejects a file that is not a Word draft with an Indonesian message and creates nothing', async () => {
    const { page } = await t.signedIn(t.cast.drafter);
    const before = await t.call<unknown[]>('GET', '/api/documents', {
      token: t.cast.drafter.token,
    });
    const dialog = await importDocx(page, {
      name: 'rusak.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('bukan berkas word'),
    });
    const error = dialog.locator('.form-error');
    await error.filter({ hasText: 'Impor .docx gagal' }).waitFor();
    expect(await dialog.locator('button[type="submit"]').isEnabled()).toBe(true);
    const after = await t.call<unknown[]>('GET', '/api/documents', { token: t.cast.drafter.token });
    expect(after.body).toHaveLength(before.body.length);
  });

  it('keeps edits typed offline and merges them with the other side once back online', async () => {
    const id = await t.newDocument();
    const [offline, { page: colleague }, { page: reviewer }] = await Promise.all([
      t.signedIn(t.cast.drafter, id),
      t.signedIn(t.cast.admin, id),
      t.signedIn(t.cast.reviewer, id),
    ]);
    const drafter = offline.page;
    await drafter.locator('.connection[data-state="connected"]').waitFor();

    await offline.context.setOffline(true);
    await drafter.locator('.connection[data-state="offline"]').waitFor();
    await typeInClauseHeading(drafter, 0, ' Luring');
    await typeInClauseHeading(colleague, 1, ' Daring');
    await drafter.locator('.unsynced:not([hidden])').waitFor();
    await reviewer.locator('.ProseMirror', { hasText: 'Daring' }).waitFor();
    await reviewer.waitForTimeout(500);
    expect(await reviewer.locator('.ProseMirror').textContent()).not.toContain('Luring');

    await offline.context.setOffline(false);
    // Back online, the client reconnects with backoff; on a busy machine that takes seconds.
    for (const page of [drafter, colleague, reviewer]) {
      const text = page.locator('.ProseMirror');
      await text.filter({ hasText: 'Luring' }).waitFor({ timeout: 30_000 });
      await text.filter({ hasText: 'Daring' }).waitFor({ timeout: 30_000 });
    }
    await drafter.locator('.unsynced[hidden]').waitFor({ state: 'attached' });
  });

  it('restores unsynced text from IndexedDB after a reload, before the socket syncs', async () => {
    const id = await t.newDocument();
    // The drafter's page reaches the collaboration socket only while allowed, so the reload
    // below must show the text from IndexedDB alone. Playwright patches WebSocket in the page
    // at load, so the route goes in before the first page load.
    const offline = await t.openPage();
    let socketAllowed = true;
    await offline.context.routeWebSocket(/\/collab\//, (ws) => {
      if (socketAllowed) ws.connectToServer();
      else ws.close();
    });
    const drafter = offline.page;
    await loginThroughForm(drafter, t.server.url, t.cast.drafter);
    await openWorkspace(drafter, t.server.url, id);
    const { page: reviewer } = await t.signedIn(t.cast.reviewer, id);
    await drafter.locator('.connection[data-state="connected"]').waitFor();

    socketAllowed = false;
    await offline.context.setOffline(true);
    await drafter.locator('.connection[data-state="offline"]').waitFor();
    await typeInClauseHeading(drafter, 0, ' Tersimpan Luring');
    await drafter.waitForTimeout(500); // y-indexeddb writes each update in its own transaction
    await offline.context.setOffline(false);
    await drafter.reload();
    await drafter
      .locator('.ProseMirror', { hasText: 'Tersimpan Luring' })
      .waitFor({ timeout: 10_000 });
    expect(await drafter.locator('.connection').getAttribute('data-state')).not.toBe('connected');
    await drafter.locator('.unsynced:not([hidden])').waitFor();
    await reviewer.waitForTimeout(500);
    expect(await reviewer.locator('.ProseMirror').textContent()).not.toContain('Tersimpan Luring');

    socketAllowed = true;
    await drafter.locator('.connection[data-state="connected"]').waitFor({ timeout: 15_000 });
    await reviewer
      .locator('.ProseMirror', { hasText: 'Tersimpan Luring' })
      .waitFor({ timeout: 5000 });
    await drafter.locator('.unsynced[hidden]').waitFor({ state: 'attached' });
  });
});
