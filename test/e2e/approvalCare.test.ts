import { createHash } from 'node:crypto';
import { makeUser, type TestUser } from '../support/factories';
import { browserSuite, describeBrowser, openTab } from '../support/browser';

jest.setTimeout(120_000);

describeBrowser('approving with care in the browser', () => {
  const t = browserSuite();
  let bureauReviewer: TestUser;

  beforeAll(async () => {
    bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
  });

  it('shows the revision and its hash, offers the head his agency’s paraf, asks his password, and lets him withdraw', async () => {
    const id = await t.newDocument('Nota Kesepakatan Hati-hati');
    await t.cutRevision(id);
    for (const user of [t.cast.reviewer, bureauReviewer, t.cast.headB])
      await t.approveSignoff(id, user, 1);
    const printed = await fetch(`${t.server.url}/api/documents/${id}/revisions/1/text`, {
      headers: { authorization: `Bearer ${t.cast.reviewer.token}` },
    });
    const hash = createHash('sha256')
      .update(Buffer.from(await printed.arrayBuffer()))
      .digest('hex');

    const { page } = await t.signedIn(t.cast.headA, id);
    await openTab(page, 'Persetujuan');
    const panel = page.locator('.approval-panel');
    await panel.locator('.approval-subject', { hasText: 'Yang disetujui: revisi 1' }).waitFor();
    await panel.locator('.text-hash', { hasText: hash }).waitFor();
    // His own agency has not given its paraf: the tab says so and offers the button.
    const give = panel.locator('button.give-paraf');
    await give.waitFor();
    expect(await give.textContent()).toContain(t.cast.partyA.name);
    expect(await panel.locator('.reason').textContent()).toContain(t.cast.partyA.name);
    await give.click();
    await panel.locator('.own-paraf .approved').waitFor();

    const approve = panel.locator('button.approve');
    await page.waitForFunction(
      () => !document.querySelector<HTMLButtonElement>('.approval-panel button.approve')?.disabled,
    );
    await approve.click();
    const dialog = page.locator('.confirm-dialog');
    expect(await dialog.textContent()).toContain(hash);
    await dialog.locator('input[name="password"]').fill('bukan-kata-sandinya');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.form-error', { hasText: 'Kata sandi salah.' }).waitFor();
    await dialog.locator('input[name="password"]').fill(t.cast.headA.password);
    await dialog.locator('button[type="submit"]').click();
    await page.locator('.notice', { hasText: 'Persetujuan Anda tercatat.' }).waitFor();
    await panel.locator('.party-list .approved', { hasText: t.cast.headA.name }).waitFor();

    await panel.locator('button.withdraw-approval:not([hidden])').click();
    await page.locator('.confirm-dialog button[type="submit"]').click();
    await page.locator('.notice', { hasText: 'Persetujuan instansi Anda ditarik.' }).waitFor();
    await page.waitForFunction(
      () => !document.querySelector('.approval-panel .party-list .approved'),
    );
    const audit = await t.call<{ kind: string }[]>('GET', `/api/documents/${id}/audit`, {
      token: t.cast.drafter.token,
    });
    expect(audit.body.map((e) => e.kind)).toContain('document.approval_withdrawn');
  });
});
