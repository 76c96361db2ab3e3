import { startTestServer, type TestServer } from '../support/server';
import { apiClient, makeAgency, makeUser, type TestUser } from '../support/factories';
import { FREE_LOGIN_FAILURES } from '../../server/accounts/accounts';

let server: TestServer;
let call: ReturnType<typeof apiClient>;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  call = apiClient(server.url);
  admin = await makeUser(server.db, 'admin');
}, 120_000);
afterAll(() => server.stop());

describe('login and sessions', () => {
  it('logs in with the right password, returns a token that works, and sets an HttpOnly cookie', async () => {
    const user = await makeUser(server.db, 'reviewer');
    const res = await call<{ token: string; user: { email: string } }>('POST', '/api/auth/login', {
      body: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(user.email);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/selaras_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await call<{ id: string; role: string; agency: { code: string } }>(
      'GET',
      '/api/me',
      {
        token: res.body.token,
      },
    );
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: user.id,
      role: 'reviewer',
      agency: { code: user.agency.code },
    });
    expect(me.body).not.toHaveProperty('password_hash');
  });

  it('answers 401 to a wrong password and to an unknown email', async () => {
    const user = await makeUser(server.db, 'reviewer');
    expect(
      (await call('POST', '/api/auth/login', { body: { email: user.email, password: 'salah' } }))
        .status,
    ).toBe(401);
    expect(
      (await call('POST', '/api/auth/login', { body: { email: 'tidak@ada.test', password: 'x' } }))
        .status,
    ).toBe(401);
  });

  it('revokes the token on logout', async () => {
    const user = await makeUser(server.db, 'drafter');
    expect((await call('POST', '/api/auth/logout', { token: user.token })).status).toBe(204);
    expect((await call('GET', '/api/me', { token: user.token })).status).toBe(401);
  });

  it('rejects an expired token', async () => {
    const user = await makeUser(server.db, 'drafter');
    await server.db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [user.id],
    );
    expect((await call('GET', '/api/me', { token: user.token })).status).toBe(401);
  });

  it('answers 429 with Retry-After after repeated failures for one email from one address, even with the right password', async () => {
    const user = await makeUser(server.db, 'reviewer');
    for (let i = 0; i < FREE_LOGIN_FAILURES; i++) {
      expect(
        (await call('POST', '/api/auth/login', { body: { email: user.email, password: `x${i}` } }))
          .status,
      ).toBe(401);
    }
    const locked = await call<{ error: { code: string } }>('POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('requires the anti-CSRF header for state changes made with the session cookie', async () => {
    const user = await makeUser(server.db, 'drafter');
    const cookie = { cookie: `selaras_session=${user.token}` };
    expect((await call('GET', '/api/me', { headers: cookie })).status).toBe(200);
    expect((await call('POST', '/api/auth/logout', { headers: cookie })).status).toBe(403);
    expect(
      (await call('POST', '/api/auth/logout', { headers: { ...cookie, 'x-selaras-csrf': '1' } }))
        .status,
    ).toBe(204);
  });
});

describe('agencies and users', () => {
  it('lets an admin create an agency and a user, never returning the password', async () => {
    const code = `AG-${Date.now().toString(36).toUpperCase()}`;
    const agency = await call('POST', '/api/agencies', {
      token: admin.token,
      body: { code, name: 'Bappeda' },
    });
    expect(agency.status).toBe(201);
    expect(agency.body).toEqual({ code, name: 'Bappeda', kind: 'party' });
    const user = await call<Record<string, unknown>>('POST', '/api/users', {
      token: admin.token,
      body: {
        email: `u-${code.toLowerCase()}@uji.test`,
        name: 'Budi',
        password: 'kata-sandi-1',
        role: 'reviewer',
        agency: code,
      },
    });
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({
      name: 'Budi',
      role: 'reviewer',
      agency: { code, name: 'Bappeda' },
    });
    expect(JSON.stringify(user.body)).not.toMatch(/kata-sandi|scrypt/);
    const list = await call<Record<string, unknown>[]>('GET', '/api/users', { token: admin.token });
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/);
  });

  it('forbids non-admins from managing agencies and users (403)', async () => {
    for (const role of ['drafter', 'reviewer', 'head'] as const) {
      const user = await makeUser(server.db, role);
      expect(
        (
          await call('POST', '/api/agencies', {
            token: user.token,
            body: { code: 'XX', name: 'X' },
          })
        ).status,
      ).toBe(403);
      expect((await call('GET', '/api/users', { token: user.token })).status).toBe(403);
      expect((await call('GET', '/api/agencies', { token: user.token })).status).toBe(200);
    }
  });

  it('answers 409 to a duplicate agency code and a duplicate email', async () => {
    const agency = await makeAgency(server.db);
    expect((await call('POST', '/api/agencies', { token: admin.token, body: agency })).status).toBe(
      409,
    );
    const dup = await call('POST', '/api/users', {
      token: admin.token,
      body: {
        email: admin.email,
        name: 'X',
        password: 'kata-sandi-1',
        role: 'drafter',
        agency: agency.code,
      },
    });
    expect(dup.status).toBe(409);
  });

  it('validates every field with a 400 naming it, and writes nothing', async () => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    const res = await call<{ error: { code: string; details: Record<string, string> } }>(
      'POST',
      '/api/users',
      {
        token: admin.token,
        body: { email: 'bukan-email', name: '', password: 'pendek', role: 'raja', agency: 'kecil' },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.details).sort()).toEqual([
      'agency',
      'email',
      'name',
      'password',
      'role',
    ]);
    const unknownAgency = await call('POST', '/api/users', {
      token: admin.token,
      body: {
        email: 'x@uji.test',
        name: 'X',
        password: 'kata-sandi-1',
        role: 'drafter',
        agency: 'TIDAK-ADA',
      },
    });
    expect(unknownAgency.status).toBe(400);
    const after = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers malformed JSON, wrong types and unknown routes with JSON errors, never 500', async () => {
    const cases = [
      await call('POST', '/api/auth/login', { rawBody: '{"email":' }),
      await call('POST', '/api/auth/login', { body: { email: 5, password: [] } }),
      await call('POST', '/api/auth/login', { body: 'just a string' }),
      await call('POST', '/api/agencies', { token: admin.token, body: null }),
      await call('GET', '/api/nothing-here', { token: admin.token }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 404]);
    for (const c of cases) expect(c.body).toHaveProperty('error.code');
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await call('POST', '/api/auth/login', {
      rawBody: JSON.stringify({ email: 'x'.repeat(3_000_000), password: 'y' }),
    });
    expect(res.status).toBe(413);
  });
});
