import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { createApp } from '../../server/http/app';
import { startTestServer, type TestServer } from '../support/server';
import { makeUser } from '../support/factories';
import { upgradeStatus } from '../collab/clients';
import { makeSecurityCast, type SecurityCast } from './cast';
import { registeredRoutes } from './routes';

let server: TestServer;
let cast: SecurityCast;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  cast = await makeSecurityCast(server);
  documentId = await cast.newDocument();
  await cast.cutRevision(documentId);
}, 60_000);
afterAll(() => server.stop());

const cookieOf = (token: string) => ({ cookie: `selaras_session=${token}` });
const count = async (table: string) =>
  (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

describe('cross-site request forgery', () => {
  it('refuses every state change made with the session cookie but without x-selaras-csrf, changing nothing', async () => {
    const changes = registeredRoutes(createApp(server.ctx)).filter(
      (r) => !r.startsWith('GET ') && r !== 'POST /api/auth/login',
    );
    expect(changes.length).toBeGreaterThan(10);
    const audit = await count('audit_events');
    for (const route of changes) {
      const [method, pattern] = route.split(' ');
      const path = pattern
        .replace(':id', documentId)
        .replace(':n', '1')
        .replace(':commentId', '00000000-0000-4000-8000-000000000000')
        .replace(':agencyCode', cast.agencies.inspectorate.code);
      const res = await cast.call<{ error: { code: string } }>(method, path, {
        headers: cookieOf(cast.tokenOf('admin')!),
        body: {},
      });
      expect({ route, status: res.status, code: res.body.error.code }).toEqual({
        route,
        status: 403,
        code: 'forbidden',
      });
    }
    expect(await count('audit_events')).toBe(audit);
    expect((await cast.call('GET', '/api/me', { token: cast.tokenOf('admin') })).status).toBe(200);
  });

  it('lets the browser client through with the cookie and the header', async () => {
    const res = await cast.call('POST', '/api/documents', {
      headers: { ...cookieOf(cast.tokenOf('drafter')!), 'x-selaras-csrf': '1' },
      body: {
        title: 'Lewat cookie',
        parties: [cast.agencies.partyA.code, cast.agencies.partyB.code],
      },
    });
    expect(res.status).toBe(201);
  });

  it('refuses a cookie-authenticated WebSocket opened from another origin (cross-site WebSocket hijacking)', async () => {
    const path = `/collab/${documentId}`;
    const cookie = cookieOf(cast.tokenOf('drafter')!);
    expect(await upgradeStatus(server, path, { ...cookie, origin: 'https://evil.example' })).toBe(
      403,
    );
    expect(await upgradeStatus(server, path, { ...cookie, origin: 'null' })).toBe(403);
    expect(await upgradeStatus(server, path, { ...cookie, origin: server.url })).toBe(101);
    // A token in the URL is no ambient credential: another page cannot know it.
    const token = cast.tokenOf('drafter');
    expect(
      await upgradeStatus(server, `${path}?token=${token}`, { origin: 'https://evil.example' }),
    ).toBe(101);
  });
});

describe('sessions and secrets at rest', () => {
  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, and Secure in production', async () => {
    const prod = await startTestServer({ NODE_ENV: 'production' });
    try {
      const local = await makeUser(prod.db, 'reviewer');
      const res = await fetch(`${prod.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: local.email, password: local.password }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).toMatch(/;\s*Secure/i);
    } finally {
      await prod.stop();
    }
  });

  it('stores only the SHA-256 of session tokens and only scrypt hashes of passwords', async () => {
    const user = cast.users.headParty!;
    const { rows } = await server.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM sessions WHERE user_id = $1',
      [user.id],
    );
    const expected = createHash('sha256').update(user.token).digest('hex');
    expect(rows.map((r) => r.token_hash)).toContain(expected);
    const dump = JSON.stringify(
      (await server.db.query('SELECT s.*, u.* FROM sessions s JOIN users u ON u.id = s.user_id'))
        .rows,
    );
    expect(dump).not.toContain(user.token);
    expect(dump).not.toContain(user.password);
    const { rows: users } = await server.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(users[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('security headers', () => {
  it.each(['/api/me', '/api/nowhere', '/healthz', '/'])(
    'sends CSP, nosniff and no-framing on %s',
    async (path) => {
      const res = await fetch(server.url + path, {
        headers: { authorization: `Bearer ${cast.tokenOf('drafter')}` },
      });
      await res.arrayBuffer();
      expect(res.headers.get('content-security-policy')).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
      expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    },
  );
});

describe('the .docx import', () => {
  it('never stores an unstorable upload file name as the title (NUL, control characters)', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [{ children: ['Pasal 1', 'Ruang Lingkup', 'Isi.'].map((t) => new Paragraph(t)) }],
      }),
    );
    for (const name of ['a\u0000b.docx', 'x\u0007\u001b[31m.docx', '<script>.docx']) {
      const form = new FormData();
      form.append('parties', `${cast.agencies.partyA.code},${cast.agencies.partyB.code}`);
      form.append('file', new Blob([new Uint8Array(docx)]), name);
      const res = await fetch(`${server.url}/api/documents/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cast.tokenOf('drafter')}` },
        body: form,
      });
      const body = (await res.json()) as { title?: string };
      expect({ name, status: res.status < 500 }).toEqual({ name, status: true });
      if (res.status === 201) expect([...(body.title ?? '')].some((c) => c < ' ')).toBe(false);
    }
  });
});
