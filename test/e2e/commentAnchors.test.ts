import { browserSuite, describeBrowser } from '../support/browser';
import { connectClient, paragraphText, waitFor } from '../collab/clients';

jest.setTimeout(120_000);

describeBrowser('comments on words in the browser', () => {
  const t = browserSuite();

  it('anchors a comment to the selected words, highlights them through an edit, and counts threads', async () => {
    const id = await t.newDocument();
    const { page } = await t.signedIn(t.cast.reviewer, id);
    // Select two words of the first paragraph of Pasal 1 with the keyboard.
    const paragraph = page.locator('.ProseMirror section.clause').first().locator('p').first();
    const words = await paragraph.evaluate((p) => {
      const text = p.textContent ?? '';
      const match = /\S+ \S+/.exec(text.slice(text.indexOf(' ') + 1))!;
      const start = text.indexOf(match[0]);
      const node = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode()!;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + match[0].length);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return match[0];
    });
    await page.locator('.comment-form textarea[name="body"]').focus();
    await page.locator('.comment-target', { hasText: `pada kata “${words}”` }).waitFor();
    await page.locator('.comment-form textarea[name="body"]').fill('Mohon diganti.');
    await page.locator('.comment-form button[type="submit"]').click();
    const card = page.locator('.comment', { hasText: 'Mohon diganti.' });
    await card.locator('.comment-quote', { hasText: words }).waitFor();
    const highlight = page.locator('.ProseMirror .comment-anchor');
    await highlight.first().waitFor();
    expect(await highlight.allTextContents()).toEqual([words]);

    // A drafter types at the start of the paragraph: the highlight stays on the same words.
    const drafter = await connectClient(t.server, id, t.cast.drafter.token);
    const text = paragraphText(drafter.doc, 0);
    drafter.doc.transact(() => text.insert(0, 'Dengan ini, '));
    await paragraph.locator('text=Dengan ini,').waitFor();
    await waitFor(async () => (await highlight.allTextContents()).join('') === words, 'highlight');
    drafter.destroy();

    // A reply does not add to the outline's badge; resolving the thread removes it.
    await card.locator('input[name="reply"]').fill('Setuju.');
    await card.locator('input[name="reply"]').press('Enter');
    await card.locator('.reply', { hasText: 'Setuju.' }).waitFor();
    const badge = page.locator('.outline-item').first().locator('.badge-comments');
    expect(await badge.textContent()).toContain('1');
    await card.locator('button', { hasText: 'Selesaikan' }).click();
    await badge.waitFor({ state: 'detached' });
    await highlight.first().waitFor({ state: 'detached' });
  });
});
