import { randomBytes } from 'node:crypto';
import { makeUser } from '../support/factories';
import { browserSuite, describeBrowser, loginThroughForm } from '../support/browser';

jest.setTimeout(120_000);

describeBrowser('administration in the browser', () => {
  const t = browserSuite();

  it('lets an admin add an agency, change a user’s role and agency, and reset a password', async () => {
    const user = await makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code);
    const { page } = await t.signedIn(t.cast.admin);
    await page.locator('header a.admin-link').click();
    await page.locator('main.admin-page h1', { hasText: 'Administrasi' }).waitFor();

    const code = `BARU-${randomBytes(3).toString('hex').toUpperCase()}`;
    const add = page.locator('.agency-admin + .admin-new form');
    await add.locator('input[name="code"]').fill(code);
    await add.locator('input[name="name"]').fill('Badan Riset Daerah');
    await add.locator('select[name="kind"]').selectOption('reviewer');
    await add.locator('button[type="submit"]').click();
    await page.locator(`form[data-agency="${code}"]`).waitFor();
    const agencies = await t.call<{ code: string; name: string; kind: string }[]>(
      'GET',
      '/api/agencies',
      { token: t.cast.admin.token },
    );
    expect(agencies.body.find((a) => a.code === code)).toEqual({
      code,
      name: 'Badan Riset Daerah',
      kind: 'reviewer',
    });

    const row = page.locator(`form[data-user="${user.email}"]`);
    // Agencies are offered by their full names.
    expect(await row.locator('select[name="agency"] option:checked').textContent()).toBe(
      t.cast.inspectorate.name,
    );
    await row.locator('select[name="role"]').selectOption('head');
    await row.locator('select[name="agency"]').selectOption(t.cast.partyA.code);
    await row.locator('button[type="submit"]').click();
    await page.locator('.notice', { hasText: `Pengguna ${user.name} disimpan.` }).waitFor();
    const me = await t.call<{ role: string; agency: { code: string } }>('GET', '/api/me', {
      token: user.token,
    });
    expect(me.body).toMatchObject({ role: 'head', agency: { code: t.cast.partyA.code } });

    await row.locator('button', { hasText: 'Atur ulang kata sandi' }).click();
    const dialog = page.locator('.confirm-dialog');
    await dialog.locator('input[name="newPassword"]').fill('pendek');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.form-error', { hasText: 'minimal 10 karakter' }).waitFor();
    await dialog.locator('input[name="newPassword"]').fill('sandi-baru-dari-admin');
    await dialog.locator('button[type="submit"]').click();
    await page.locator('.notice', { hasText: 'telah diatur ulang' }).waitFor();
    expect((await t.call('GET', '/api/me', { token: user.token })).status).toBe(401);
  });

  it('sets an agency’s paraf hierarki and shows each user’s tier', async () => {
    const [kasubbag, kabag] = await Promise.all([
      makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code),
      makeUser(t.server.db, 'head', t.cast.inspectorate.code),
    ]);
    const { page } = await t.signedIn(t.cast.admin);
    await page.goto(`${t.server.url}/admin`);
    await page.locator(`form[data-agency="${t.cast.inspectorate.code}"] .edit-tiers`).click();
    const dialog = page.locator('.confirm-dialog');
    for (const [label, user] of [
      ['Kepala Subbagian', kasubbag],
      ['Kepala Bagian', kabag],
    ] as const) {
      await dialog.locator('button', { hasText: '+ Tambah jenjang' }).click();
      const row = dialog.locator('.tier-row').last();
      await row.locator('input[name="label"]').fill(label);
      await row.locator('label', { hasText: user.name }).locator('input').check();
    }
    await dialog.locator('button[type="submit"]').click();
    await page.locator('.notice', { hasText: 'Paraf hierarki' }).waitFor();
    const tiers = await t.call<{ tiers: { label: string; members: { id: string }[] }[] }>(
      'GET',
      `/api/agencies/${t.cast.inspectorate.code}/tiers`,
      { token: t.cast.admin.token },
    );
    expect(tiers.body.tiers.map((tier) => [tier.label, tier.members.map((m) => m.id)])).toEqual([
      ['Kepala Subbagian', [kasubbag.id]],
      ['Kepala Bagian', [kabag.id]],
    ]);
    await page.reload();
    await page
      .locator(`form[data-user="${kabag.email}"] .admin-tier`, { hasText: 'Kepala Bagian' })
      .waitFor();
    // Leave the inspectorate without tiers for the other tests of this file.
    await t.call('PUT', `/api/agencies/${t.cast.inspectorate.code}/tiers`, {
      token: t.cast.admin.token,
      body: { tiers: [] },
    });
  });

  it('shows other users no administration, and a page for unknown addresses', async () => {
    const { page } = await t.signedIn(t.cast.reviewer);
    expect(await page.locator('header a.admin-link').count()).toBe(0);
    await page.goto(`${t.server.url}/admin`);
    await page.locator('main.not-found-page h1', { hasText: 'Halaman tidak ditemukan' }).waitFor();
    const res = await page.goto(`${t.server.url}/tidak/ada`);
    expect(res?.status()).toBe(404);
    await page.locator('main.not-found-page h1', { hasText: 'Halaman tidak ditemukan' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('"error"');
  });

  it('lets a user change his own password with the current one', async () => {
    const user = await makeUser(t.server.db, 'drafter', t.cast.bureau.code);
    const { page } = await t.signedIn(user);
    await page.locator('header button.change-password').click();
    const dialog = page.locator('.confirm-dialog');
    await dialog.locator('input[name="password"]').fill(user.password);
    await dialog.locator('input[name="newPassword"]').fill('sandi-pilihan-saya');
    await dialog.locator('button[type="submit"]').click();
    await page.locator('.notice', { hasText: 'Kata sandi Anda telah diganti.' }).waitFor();
    const fresh = await t.openPage();
    await loginThroughForm(fresh.page, t.server.url, {
      email: user.email,
      password: 'sandi-pilihan-saya',
    });
  });
});
