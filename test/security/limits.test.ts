import { KeyedBuckets } from '../../server/http/middleware/rateLimit';
import { JSON_LIMIT } from '../../server/http/app';
import { loadConfig } from '../../server/config';
import { startTestServer, type TestServer } from '../support/server';
import { apiClient, makeUser, type TestUser } from '../support/factories';

let server: TestServer;
let call: ReturnType<typeof apiClient>;
let user: TestUser;

beforeAll(async () => {
  // Three attempts per address, and a refill too slow to matter during the test.
  server = await startTestServer({ LOGIN_RATE_BURST: '3', LOGIN_RATE_PER_MINUTE: '0.01' });
  call = apiClient(server.url);
  user = await makeUser(server.db, 'drafter');
}, 120_000);
afterAll(() => server.stop());

// The server trusts X-Forwarded-For from loopback (a local reverse proxy), so tests pick addresses with it.
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const attempt = (ip: string, email: string, password: string) =>
  call<{ error?: { code: string } }>('POST', '/api/auth/login', {
    body: { email, password },
    headers: from(ip),
  });

describe('the per-address login limit', () => {
  it('answers 429 with Retry-After once one address has spent its attempts, across many emails', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 3; i++) {
      expect((await attempt(ip, `tebakan-${i}@uji.test`, 'salah')).status).toBe(401);
    }
    const refused = await attempt(ip, 'tebakan-lain@uji.test', 'salah');
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('too_many_requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits: the limit comes before the password is checked.
    expect((await attempt(ip, user.email, user.password)).status).toBe(429);
  });

  it('leaves other addresses alone', async () => {
    const ip = '203.0.113.8';
    for (let i = 0; i < 3; i++) await attempt('203.0.113.9', `x-${i}@uji.test`, 'salah');
    expect((await attempt('203.0.113.9', user.email, user.password)).status).toBe(429);
    expect((await attempt(ip, user.email, user.password)).status).toBe(200);
  });

  it('does not count successful logins, so colleagues behind one office address all get in', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 10; i++)
      expect((await attempt(ip, user.email, user.password)).status).toBe(200);
    expect((await attempt(ip, 'salah@uji.test', 'salah')).status).toBe(401);
  });

  it('counts malformed attempts too', async () => {
    const ip = '198.51.100.30';
    for (let i = 0; i < 3; i++) {
      expect(
        (await call('POST', '/api/auth/login', { body: { email: 5 }, headers: from(ip) })).status,
      ).toBe(400);
    }
    expect((await attempt(ip, user.email, user.password)).status).toBe(429);
  });
});

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For from a peer it does not trust, so forged addresses do not dodge the limit', async () => {
    // The test's connections come from loopback, which this server does not trust.
    const direct = await startTestServer({
      LOGIN_RATE_BURST: '3',
      LOGIN_RATE_PER_MINUTE: '0.01',
      TRUST_PROXY: '10.0.0.1',
    });
    try {
      const post = apiClient(direct.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await post('POST', '/api/auth/login', {
          body: { email: `palsu-${i}@uji.test`, password: 'salah' },
          headers: from(`192.0.2.${i + 1}`),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await direct.stop();
    }
  });

  it('refuses a value that is not a list of addresses', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'loopback; rm -rf' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: 'uniquelocal, 10.1.2.3/8' }).trustProxy).toBe(
      'uniquelocal, 10.1.2.3/8',
    );
  });
});

describe('KeyedBuckets', () => {
  it('refills at the configured rate and forgets nothing it should not', () => {
    let now = 0;
    const buckets = new KeyedBuckets({ burst: 2, perMinute: 6 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
    expect(buckets.retryAfterSeconds('a')).toBe(10);
    now += 10_000;
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('a')).toBe(false);
    buckets.refund('a');
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('b')).toBe(true);
  });
});

describe('request size limits', () => {
  it(`answers 413 (too_large) to a JSON body over ${JSON_LIMIT}, signed in or not`, async () => {
    const drafter = await makeUser(server.db, 'drafter');
    const huge = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024 + 10), parties: [] });
    for (const token of [drafter.token, undefined]) {
      const res = await call<{ error: { code: string } }>('POST', '/api/documents', {
        token,
        rawBody: huge,
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('too_large');
    }
    const { rows } = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM documents',
    );
    expect(rows[0].n).toBe(0);
  });

  it('accepts a body just under the limit as far as validation (400, not 413)', async () => {
    const drafter = await makeUser(server.db, 'drafter');
    const res = await call('POST', '/api/documents', {
      token: drafter.token,
      body: { title: 'x'.repeat(1024 * 1024), parties: [] },
    });
    expect(res.status).toBe(400);
  });
});
