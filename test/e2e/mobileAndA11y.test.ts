import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeUser } from '../support/factories';
import {
  browserSuite,
  describeBrowser,
  loginThroughForm,
  openTab,
  openWorkspace,
} from '../support/browser';

jest.setTimeout(180_000);

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** With SCREENSHOTS=1 the phone screenshots are written to docs/screenshots/. */
const SHOTS =
  process.env.SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical WCAG 2 A/AA violations axe-core finds on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/** How far the page is wider than the screen (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('#app > main');
    return Math.max(
      document.documentElement.scrollWidth - window.innerWidth,
      main ? main.scrollWidth - main.clientWidth : 0,
    );
  });

describeBrowser('phones and accessibility', () => {
  const t = browserSuite();

  it('has no serious accessibility violations on the login, list, workspace and admin pages', async () => {
    const id = await t.newDocument('Nota Kesepakatan Aksesibel');
    await t.cutRevision(id);
    const { page } = await t.openPage();
    await page.goto(t.server.url + '/');
    await page.locator('form.login').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await loginThroughForm(page, t.server.url, t.cast.headA);
    await page.locator(`tr[data-document-id="${id}"]`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await openWorkspace(page, t.server.url, id);
    for (const tab of ['Komentar', 'Revisi', 'Paraf koordinasi', 'Persetujuan']) {
      await openTab(page, tab);
      expect({ tab, violations: await seriousViolations(page) }).toEqual({ tab, violations: [] });
    }

    const admin = (await t.signedIn(t.cast.admin)).page;
    await admin.goto(t.server.url + '/admin');
    await admin.locator('.user-admin form').first().waitFor();
    expect(await seriousViolations(admin)).toEqual([]);

    // The check itself works: a button without a name is reported.
    await admin.evaluate(() => document.body.append(document.createElement('button')));
    expect((await seriousViolations(admin)).join('\n')).toMatch(/^button-name \(critical\)/m);
  });

  it('lets a reviewer on a 390 px phone read the list, the naskah and the comments, and give paraf', async () => {
    const id = await t.newDocument('Nota Kesepakatan Pelayanan Publik Terpadu');
    await t.cutRevision(id);
    const reviewer = await makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code);
    const { context } = await t.openPage();
    await context.close();
    const userPage = await t.openPage();
    const { page } = userPage;
    await page.setViewportSize({ width: 390, height: 844 });
    await loginThroughForm(page, t.server.url, reviewer);
    await page.locator(`tr[data-document-id="${id}"]`).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'mobile-list.png') });

    await openWorkspace(page, t.server.url, id);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // The naskah is wide enough to read: the editor spans most of the screen.
    const editorWidth = await page.locator('.ProseMirror').evaluate((el) => el.clientWidth);
    expect(editorWidth).toBeGreaterThan(300);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'mobile-naskah.png') });

    await page.locator('.outline-item').first().click();
    await openTab(page, 'Komentar');
    await page.locator('.comment-form textarea[name="body"]').fill('Mohon dicek dari ponsel.');
    await page.locator('.comment-form button[type="submit"]').click();
    await page.locator('.comment', { hasText: 'Mohon dicek dari ponsel.' }).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await openTab(page, 'Paraf koordinasi');
    const give = page.locator('.signoff-form button[data-decision="approve"]');
    await give.scrollIntoViewIfNeeded();
    const box = await give.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.locator('.tabs').scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'mobile-paraf.png') });
    await give.click();
    await page
      .locator(`.paraf-table tr[data-agency="${t.cast.inspectorate.code}"][data-status="approved"]`)
      .waitFor({ timeout: 10_000 });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});
