import type { Page } from 'playwright-core';
import { browserSuite, describeBrowser, openTab } from '../support/browser';

jest.setTimeout(60_000);

interface Item {
  kind: string;
  documentId: string;
  commentId?: string;
}

describeBrowser('the inbox in the web client', () => {
  const t = browserSuite();

  const inbox = async (token: string) =>
    (await t.call<Item[]>('GET', '/api/inbox', { token })).body;
  const badge = (page: Page, count: number) =>
    page.locator('header.app-header .inbox-count').filter({ hasText: new RegExp(`^${count}$`) });

  it('shows what waits on a reviewer, a mention typed with autocomplete arrives live, and opening it reads it', async () => {
    const id = await t.newDocument('Nota Kotak Masuk');
    await t.cutRevision(id);

    // The document list marks what waits on the reviewer, and the header counts it.
    const reviewer = (await t.signedIn(t.cast.reviewer)).page;
    const row = reviewer.locator(`tr[data-document-id="${id}"]`);
    await row.locator('.waiting-marker', { hasText: 'Menunggu Anda: Paraf diperlukan' }).waitFor();
    const before = (await inbox(t.cast.reviewer.token)).length;
    await badge(reviewer, before).waitFor();

    // Head A mentions the inspectorate, picking it from the autocomplete.
    const head = (await t.signedIn(t.cast.headA, id)).page;
    await reviewer.goto(`${t.server.url}/documents/${id}`);
    await reviewer.locator('.ProseMirror section.clause').first().waitFor();
    await openTab(head, 'Komentar');
    await head.locator('.outline-item').first().click();
    const box = head.locator('form.comment-form textarea[name="body"]');
    await box.click();
    await box.pressSequentially(`Mohon @${t.cast.inspectorate.code.slice(0, 5).toLowerCase()}`);
    await head
      .locator('.mention-list .mention-option.active', { hasText: t.cast.inspectorate.name })
      .waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe(`Mohon @${t.cast.inspectorate.code} `);
    await box.pressSequentially('menelaah Pasal ini.');
    await head.locator('form.comment-form button[type="submit"]').click();

    // The reviewer, watching the document, sees the count go up without reloading.
    await badge(reviewer, before + 1).waitFor({ timeout: 5_000 });
    const mention = (await inbox(t.cast.reviewer.token)).find((i) => i.kind === 'mention')!;
    expect(mention).toMatchObject({ documentId: id });

    // Opening the mention from the inbox goes to its Pasal and takes it out of the inbox.
    await reviewer.locator('.inbox-button').click();
    await reviewer.locator('.inbox-list .inbox-item[data-kind="mention"]').click();
    await reviewer.waitForURL(/\?pasal=/);
    await badge(reviewer, before).waitFor();
    expect((await inbox(t.cast.reviewer.token)).some((i) => i.kind === 'mention')).toBe(false);
  });

  it('saves the e-mail preference from the settings page', async () => {
    const page = (await t.signedIn(t.cast.headB)).page;
    await page.locator('header .settings').click();
    const dialog = page.locator('dialog.settings-dialog');
    await dialog.locator('input[value="daily"]:not([disabled])').waitFor();
    await dialog.locator('button[type="submit"]:not([disabled])').waitFor();
    await dialog.locator('input[value="daily"]').check();
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const settings = await t.call<{ mailMode: string }>('GET', '/api/me/settings', {
      token: t.cast.headB.token,
    });
    expect(settings.body.mailMode).toBe('daily');
  });
});
