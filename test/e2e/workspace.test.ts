import type { Page } from 'playwright-core';
import { makeUser, type TestUser } from '../support/factories';
import { SESSION_COOKIE } from '../../shared/session';
import { browserSuite, describeBrowser, openTab, typeInClauseHeading } from '../support/browser';

jest.setTimeout(60_000);

describeBrowser('the web client', () => {
  const t = browserSuite();
  let bureauReviewer: TestUser;

  beforeAll(async () => {
    // The bureau participates as the creator's agency, so it signs off too.
    bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
  });

  const signedIn = async (user: TestUser, documentId?: string): Promise<Page> =>
    (await t.signedIn(user, documentId)).page;

  it('logs in through the form and lists the documents with their status and parties', async () => {
    const id = await t.newDocument('Nota Kesepakatan Daftar');
    const page = await signedIn(t.cast.reviewer);
    const row = page.locator(`tr[data-document-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Nota Kesepakatan Daftar');
    expect(await row.textContent()).toContain('Penyusunan');
    expect(await row.textContent()).toContain(t.cast.partyA.name);
    await page.locator('button.logout').click();
    await page.locator('form.login').waitFor();
  });

  it('shows what a drafter types to a reviewer within two seconds, and the reviewer cannot type', async () => {
    const id = await t.newDocument();
    const [drafter, reviewer] = await Promise.all([
      signedIn(t.cast.drafter, id),
      signedIn(t.cast.reviewer, id),
    ]);
    expect(await drafter.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
    expect(await reviewer.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');

    await typeInClauseHeading(drafter, 0, ' Kalimat tambahan dari perancang.');
    await reviewer
      .locator('.ProseMirror', { hasText: 'Kalimat tambahan dari perancang.' })
      .waitFor({ timeout: 2000 });

    const before = await reviewer.locator('.ProseMirror').textContent();
    await reviewer.locator('.ProseMirror section.clause p').first().click();
    await reviewer.keyboard.type('teks penelaah');
    await reviewer.waitForTimeout(300);
    expect(await reviewer.locator('.ProseMirror').textContent()).toBe(before);
    expect(await drafter.locator('.ProseMirror').textContent()).not.toContain('teks penelaah');
  });

  it('shows a reviewer comment live in the drafter workspace', async () => {
    const id = await t.newDocument();
    const [drafter, reviewer] = await Promise.all([
      signedIn(t.cast.drafter, id),
      signedIn(t.cast.reviewer, id),
    ]);
    await reviewer.locator('.outline-item').first().click();
    await reviewer
      .locator('.comment-form textarea[name="body"]')
      .fill('Mohon diperjelas maksudnya.');
    await reviewer.locator('.comment-form button[type="submit"]').click();
    await drafter
      .locator('.comment', { hasText: 'Mohon diperjelas maksudnya.' })
      .waitFor({ timeout: 5000 });
    await drafter.locator('.outline-item .badge-comments').first().waitFor();
  });

  it('cuts revisions and shows the inserted words in the redline', async () => {
    const id = await t.newDocument();
    const drafter = await signedIn(t.cast.drafter, id);
    await openTab(drafter, 'Revisi');
    await drafter.locator('.revision-form button').click();
    await drafter.locator('.revision-list li[data-revision="1"]').waitFor();

    await typeInClauseHeading(drafter, 0, ' secara terpadu dan berkelanjutan');
    await drafter.locator('.revision-form input[name="label"]').fill('Setelah rapat');
    await drafter.locator('.revision-form button').click();
    await drafter.locator('.revision-list li[data-revision="2"]').waitFor();
    await drafter
      .locator('.revision-list li[data-revision="2"] button', { hasText: 'Bandingkan' })
      .click();

    const inserted = drafter.locator('dialog.redline ins.diff-insert');
    await inserted.first().waitFor();
    expect((await inserted.allTextContents()).join('')).toContain('terpadu dan berkelanjutan');
    await expect(drafter.locator('dialog.redline .badge-modified').count()).resolves.toBe(1);

    // The same comparison as Word tracked changes, for a reader who works in Word.
    const tracked = drafter.locator('dialog.redline a', {
      hasText: 'Unduh .docx dengan lacak perubahan',
    });
    const href = (await tracked.getAttribute('href')) ?? '';
    expect(href).toBe(`/api/documents/${id}/export.docx?revision=2&changesSince=1`);
    const size = await drafter.evaluate(async (url) => {
      const res = await fetch(url);
      return res.ok ? (await res.arrayBuffer()).byteLength : -res.status;
    }, href);
    expect(size).toBeGreaterThan(0);
    // None from the empty document: Word tracks changes from an earlier revision only.
    await drafter.locator('dialog.redline select[name="from"]').selectOption('0');
    await tracked.waitFor({ state: 'hidden' });
  });

  it('updates the paraf koordinasi table live when an agency signs off', async () => {
    const id = await t.newDocument();
    await t.cutRevision(id);
    const [drafter, reviewer] = await t.workspacesOnTab(id, 'Paraf koordinasi', [
      t.cast.drafter,
      t.cast.reviewer,
    ]);
    const row = `.paraf-table tr[data-agency="${t.cast.inspectorate.code}"]`;
    await drafter.locator(`${row}[data-status="pending"]`).waitFor();
    expect(await drafter.locator('.signoff-form').isHidden()).toBe(true);

    await reviewer.locator('.signoff-form textarea[name="note"]').fill('Sudah sesuai.');
    await reviewer.locator('.signoff-form button[data-decision="approve"]').click();
    await drafter.locator(`${row}[data-status="approved"]`).waitFor({ timeout: 5000 });
    expect(await drafter.locator(row).textContent()).toContain('Sudah sesuai.');
  });

  it('becomes final and read-only once the heads of both parties approve', async () => {
    const id = await t.newDocument();
    await t.cutRevision(id);
    const [headA, headB, drafter] = await Promise.all([
      signedIn(t.cast.headA, id),
      signedIn(t.cast.headB, id),
      signedIn(t.cast.drafter, id),
    ]);
    await openTab(headA, 'Persetujuan');
    expect(await headA.locator('.approval-panel .reason').textContent()).toMatch(/Menunggu paraf/);

    for (const user of [t.cast.reviewer, bureauReviewer, t.cast.headA, t.cast.headB])
      await t.approveSignoff(id, user, 1);
    await openTab(headB, 'Persetujuan');
    for (const [head, user] of [
      [headA, t.cast.headA],
      [headB, t.cast.headB],
    ] as const) {
      // The paraf arrive over the socket, so the button is enabled once the push lands:
      // wait for that state (isEnabled() would read it once, without waiting).
      const approve = head.locator('.approval-panel button.approve');
      await head.locator('.approval-panel button.approve:enabled').waitFor({ timeout: 20_000 });
      await approve.click();
      // The head confirms with his password (re-authentication).
      await head.locator('.confirm-dialog input[name="password"]').fill(user.password);
      await head.locator('.confirm-dialog button[type="submit"]').click();
      await head.locator('.notice', { hasText: 'Persetujuan Anda tercatat.' }).waitFor();
    }
    for (const page of [headA, headB, drafter]) {
      await page.locator('.final-banner:not([hidden])').waitFor({ timeout: 5000 });
      expect(await page.locator('.final-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
      expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    }
    expect(await drafter.locator('.toolbar-reason').textContent()).toContain('final');
    // No new comments on a final naskah, and the comments tab says why.
    await drafter.locator('.comments-closed:not([hidden])', { hasText: 'sudah final' }).waitFor();
    expect(await drafter.locator('.comment-form').isHidden()).toBe(true);
    await headA.locator('.party-list .approved', { hasText: t.cast.headB.name }).waitFor();
    expect(await headA.locator('.party-list .approved').count()).toBe(2);
  });

  it('returns to the login form when the session is signed out elsewhere', async () => {
    const id = await t.newDocument();
    const { page, context } = await t.signedIn(t.cast.reviewer, id);
    const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(session).toBeDefined();
    // Another tab or device signs this session out; only the open socket is left to notice.
    const out = await t.call('POST', '/api/auth/logout', { token: session!.value });
    expect(out.status).toBe(204);
    await page.locator('form.login').waitFor({ timeout: 15_000 });
  });
});
