import { browserSuite, describeBrowser, openTab } from '../support/browser';
import { makeUser } from '../support/factories';

jest.setTimeout(120_000);

// Issue 15: the drafter writes the party records in the client and the komparisi follows in
// every open editor; a tiered agency's paraf shows each tier in the paraf tab.
describeBrowser('party records and paraf hierarki', () => {
  const t = browserSuite();

  it('lets the drafter write a party record and shows the new komparisi to a reviewer', async () => {
    const id = await t.newDocument();
    const drafter = (await t.signedIn(t.cast.drafter, id)).page;
    const reviewer = (await t.signedIn(t.cast.reviewer, id)).page;
    await openTab(reviewer, 'Para pihak');
    await reviewer.locator(`form.party-form[data-party="${t.cast.partyB.code}"]`).waitFor();
    await openTab(drafter, 'Para pihak');
    const form = drafter.locator(`form.party-form[data-party="${t.cast.partyB.code}"]`);
    await form.locator('input[name="signatoryName"]').fill('Nama Gubernur Uji');
    await form.locator('input[name="signatoryTitle"]').fill('Gubernur Kalimantan Barat');
    await form.locator('input[name="authority"]').fill('Keputusan Presiden Nomor 1/P Tahun 2025');
    await form.locator('button[type="submit"]').click();
    await drafter
      .locator(`form.party-form[data-party="${t.cast.partyB.code}"][data-written="yes"]`)
      .waitFor({ timeout: 20_000 });
    // The reviewer's editor shows the komparisi written from the record, without reloading.
    await reviewer
      .locator('.ProseMirror', { hasText: 'NAMA GUBERNUR UJI : Gubernur Kalimantan Barat' })
      .waitFor({ timeout: 20_000 });
    // The reviewer's open Para pihak tab shows the saved record too; it reads but cannot change it.
    const theirs = reviewer.locator(
      `form.party-form[data-party="${t.cast.partyB.code}"][data-written="yes"]`,
    );
    await theirs.waitFor({ timeout: 20_000 });
    expect(await theirs.locator('input[name="signatoryName"]').inputValue()).toBe(
      'Nama Gubernur Uji',
    );
    expect(await theirs.locator('input[name="signatoryName"]').isDisabled()).toBe(true);
    expect(await theirs.locator('button[type="submit"]').count()).toBe(0);
  });

  it('shows each tier of a tiered agency in the paraf tab', async () => {
    const code = t.cast.inspectorate.code;
    const staf = await makeUser(t.server.db, 'reviewer', code);
    const kepala = await makeUser(t.server.db, 'reviewer', code);
    const set = await t.call('PUT', `/api/agencies/${code}/tiers`, {
      token: t.cast.admin.token,
      body: {
        tiers: [
          { label: 'Kepala Subbagian', members: [staf.id] },
          { label: 'Inspektur', members: [kepala.id] },
        ],
      },
    });
    expect(set.status).toBe(200);
    const id = await t.newDocument();
    await t.cutRevision(id);
    await t.approveSignoff(id, staf, 1);
    const page = (await t.signedIn(t.cast.drafter, id)).page;
    await openTab(page, 'Paraf koordinasi');
    const row = page.locator(`.paraf-table tr[data-agency="${code}"]`);
    await row.locator('.paraf-tiers').waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-status')).toBe('pending');
    const tiers = row.locator('.paraf-tiers li');
    expect(await tiers.count()).toBe(2);
    expect(await tiers.nth(0).getAttribute('data-status')).toBe('approved');
    expect(await tiers.nth(0).textContent()).toContain(staf.name);
    expect(await tiers.nth(1).getAttribute('data-status')).toBe('pending');
    expect(await tiers.nth(1).textContent()).toContain('Inspektur');
    // The matrix names the tiers under the agency's column: one of two has initialled.
    const progress = page.locator(`th.matrix-agency[data-agency="${code}"] .matrix-tiers`).first();
    await progress.waitFor({ state: 'attached', timeout: 20_000 });
    expect((await progress.textContent())?.trim()).toBe('1/2');
    expect(await progress.getAttribute('title')).toContain('Kepala Subbagian: sudah paraf');
  });
});
