import { browserSuite, describeBrowser } from '../support/browser';
import { hasControlChars } from '../../shared/controlChars';

jest.setTimeout(90_000);

// Issue 12: "pasting text that contains a NUL character into the editor makes every later
// revision cut answer 500". The editor cleans what is pasted, so nothing reaches the server to
// repair, and the revision cut works.
describeBrowser('pasting into the editor', () => {
  const t = browserSuite();

  it('strips control characters from pasted text before it reaches the text', async () => {
    const id = await t.newDocument();
    const page = (await t.signedIn(t.cast.drafter, id)).page;
    const heading = page.locator('.ProseMirror section.clause h3').first();
    await heading.click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ' denda\u0000Rp1\u0007juta\tper hari');
      const target = document.querySelector('.ProseMirror')!;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await page.locator('.ProseMirror', { hasText: 'dendaRp1juta per hari' }).waitFor();
    await t.server.collab.flush();

    const clauses = await t.call<{ heading: string }[]>('GET', `/api/documents/${id}/clauses`, {
      token: t.cast.reviewer.token,
    });
    expect(clauses.body[0].heading).toContain('dendaRp1juta per hari');
    expect(hasControlChars(clauses.body[0].heading)).toBe(false);
    const cut = await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    expect(cut.status).toBe(201);
    // Clean at the source: the server found nothing to repair.
    const audit = await t.call<{ kind: string }[]>('GET', `/api/documents/${id}/audit`, {
      token: t.cast.reviewer.token,
    });
    expect(audit.body.filter((e) => e.kind === 'text.repaired')).toEqual([]);
  });
});
