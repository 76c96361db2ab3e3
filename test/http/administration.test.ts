import { serverWithCast } from '../support/server';
import { makeAgency, makeUser } from '../support/factories';

const t = serverWithCast();
jest.setTimeout(120_000);

type Err = { error?: { code: string; message: string; details?: Record<string, string> } };

const login = (email: string, password: string) =>
  t.call<{ token: string } & Err>('POST', '/api/auth/login', { body: { email, password } });

describe('administration', () => {
  it('lets an admin rename an agency and mark it a reviewing agency', async () => {
    const agency = await makeAgency(t.server.db);
    const member = await makeUser(t.server.db, 'reviewer', agency.code);
    const meBefore = await t.call<{ agency: { name: string } }>('GET', '/api/me', {
      token: member.token,
    });
    expect(meBefore.body.agency.name).not.toBe('Badan Perencanaan Pembangunan Daerah');
    const res = await t.call('PATCH', `/api/agencies/${agency.code}`, {
      token: t.cast.admin.token,
      body: { name: 'Badan Perencanaan Pembangunan Daerah', kind: 'reviewer' },
    });
    expect(res.status).toBe(200);
    const all = await t.call<{ code: string; name: string; kind: string }[]>(
      'GET',
      '/api/agencies',
      { token: t.cast.reviewer.token },
    );
    expect(all.body.find((a) => a.code === agency.code)).toEqual({
      code: agency.code,
      name: 'Badan Perencanaan Pembangunan Daerah',
      kind: 'reviewer',
    });
    // Its members' sessions carry the new name from their next request on.
    const meAfter = await t.call<{ agency: { name: string } }>('GET', '/api/me', {
      token: member.token,
    });
    expect(meAfter.body.agency.name).toBe('Badan Perencanaan Pembangunan Daerah');
    const missing = await t.call('PATCH', '/api/agencies/TIDAK-ADA', {
      token: t.cast.admin.token,
      body: { name: 'X' },
    });
    expect(missing.status).toBe(404);
  });

  it('changes a user’s name, role and agency, refusing an unknown agency', async () => {
    const user = await makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code);
    // Signed in and active: his session is in the session cache when the admin changes him.
    expect(
      (await t.call<{ role: string }>('GET', '/api/me', { token: user.token })).body.role,
    ).toBe('reviewer');
    const res = await t.call<{ role: string; agency: { code: string; name: string } }>(
      'PATCH',
      `/api/users/${user.id}`,
      { token: t.cast.admin.token, body: { role: 'head', agency: t.cast.partyA.code } },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'head', agency: t.cast.partyA });
    const me = await t.call<{ role: string; agency: { code: string } }>('GET', '/api/me', {
      token: user.token,
    });
    expect(me.body.role).toBe('head');
    expect(me.body.agency.code).toBe(t.cast.partyA.code);
    const bad = await t.call<Err>('PATCH', `/api/users/${user.id}`, {
      token: t.cast.admin.token,
      body: { agency: 'TIDAK-ADA' },
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await t.call('PATCH', '/api/users/bukan-uuid', {
          token: t.cast.admin.token,
          body: { name: 'X' },
        })
      ).status,
    ).toBe(404);
    const self = await t.call<Err>('PATCH', `/api/users/${t.cast.admin.id}`, {
      token: t.cast.admin.token,
      body: { role: 'reviewer' },
    });
    expect(self.status).toBe(409);
  });

  it('resets a password: the old one and every session of the user stop working', async () => {
    const user = await makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code);
    expect((await t.call('GET', '/api/me', { token: user.token })).status).toBe(200);
    const weak = await t.call<Err>('POST', `/api/users/${user.id}/password`, {
      token: t.cast.admin.token,
      body: { password: 'pendek' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.details?.password).toMatch(/minimal 10 karakter/);
    const res = await t.call('POST', `/api/users/${user.id}/password`, {
      token: t.cast.admin.token,
      body: { password: 'sandi-baru-dari-admin' },
    });
    expect(res.status).toBe(204);
    expect((await t.call('GET', '/api/me', { token: user.token })).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'sandi-baru-dari-admin')).status).toBe(200);
  });

  it('lets a user change his own password with the current one; his other sessions end', async () => {
    const user = await makeUser(t.server.db, 'drafter', t.cast.bureau.code);
    const other = await login(user.email, user.password);
    expect((await t.call('GET', '/api/me', { token: other.body.token })).status).toBe(200);
    const wrong = await t.call<Err>('POST', '/api/me/password', {
      token: user.token,
      body: { currentPassword: 'bukan-ini-sandinya', newPassword: 'sandi-pilihan-sendiri' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.message).toBe('Kata sandi salah.');
    const common = await t.call<Err>('POST', '/api/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'password123' },
    });
    expect(common.status).toBe(400);
    expect(common.body.error?.details?.newPassword).toMatch(/terlalu umum/);
    const ok = await t.call('POST', '/api/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'sandi-pilihan-sendiri' },
    });
    expect(ok.status).toBe(204);
    expect((await t.call('GET', '/api/me', { token: user.token })).status).toBe(200);
    expect((await t.call('GET', '/api/me', { token: other.body.token })).status).toBe(401);
    expect((await login(user.email, 'sandi-pilihan-sendiri')).status).toBe(200);
  });
});
