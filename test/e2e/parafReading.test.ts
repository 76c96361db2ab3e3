import { browserSuite, describeBrowser, openTab, typeInClauseHeading } from '../support/browser';

jest.setTimeout(90_000);

// Issue 13, item 8: a reviewer initials a frozen revision. When the live text has moved on,
// the paraf tab says so, names what differs, and links to the revision read on its own.
describeBrowser('paraf on what you read', () => {
  const t = browserSuite();

  it('names the Pasal that differ from the revision being initialled and opens that revision read-only', async () => {
    const id = await t.newDocument();
    const cut = await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    expect(cut.status).toBe(201);
    const drafter = (await t.signedIn(t.cast.drafter, id)).page;
    const reviewer = (await t.signedIn(t.cast.reviewer, id)).page;
    await openTab(reviewer, 'Paraf koordinasi');
    const note = reviewer.locator('.live-differs');
    // The live text still equals revision 1: nothing to say.
    await reviewer.locator('.signoff-form').waitFor();
    expect(await note.isHidden()).toBe(true);

    await typeInClauseHeading(drafter, 1, ' yang Diubah');
    await note.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await note.textContent()).toContain('berbeda dari revisi 1');
    expect(await note.textContent()).toContain('Pasal 2');
    expect(await note.textContent()).not.toContain('Pasal 1,');

    await note.locator('a').click();
    await reviewer.waitForURL(`**/documents/${id}/revisions/1`);
    const text = reviewer.locator('.revision-text');
    await text.waitFor();
    expect(await text.textContent()).toContain('Pasal 2');
    expect(await text.textContent()).not.toContain('yang Diubah');
    expect(await reviewer.locator('.revision-read [contenteditable="true"]').count()).toBe(0);
  });
});
