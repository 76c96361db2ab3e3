import { FREE_LOGIN_FAILURES, loginDelayMs } from '../../server/accounts/accounts';
import { startTestServer, type TestServer } from '../support/server';
import { apiClient, makeUser, type ApiClient, type TestUser } from '../support/factories';

let server: TestServer;
let call: ApiClient;
let head: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  call = apiClient(server.url);
  head = await makeUser(server.db, 'head');
}, 120_000);
afterAll(() => server.stop());

// The server trusts X-Forwarded-For from loopback (TRUST_PROXY's default, a local reverse
// proxy), so the test speaks from several addresses through it.
const login = (ip: string, email: string, password: string) =>
  call<{ token?: string; error?: { code: string; message: string } }>('POST', '/api/auth/login', {
    body: { email, password },
    headers: { 'x-forwarded-for': ip },
  });

describe('failed logins', () => {
  it("from a stranger's address never stop the head signing in from another address", async () => {
    const attacker = '203.0.113.66';
    const tries: { status: number; sentAt: number; answeredAt: number }[] = [];
    let waiting: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 25; i++) {
      const sentAt = Date.now();
      const res = await login(attacker, head.email, `tebak-${i}`);
      tries.push({ status: res.status, sentAt, answeredAt: Date.now() });
      if (res.status === 429) waiting = res;
    }
    // The first few are answered.
    const free = tries.slice(0, FREE_LOGIN_FAILURES).map((t) => t.status);
    expect(free).toEqual(Array(FREE_LOGIN_FAILURES).fill(401));
    // After them a try is answered only once the wait its failures earned has passed, measured
    // from the previous answered try (the server recorded that failure after it was sent);
    // any earlier try waits (429). A slow machine may let a wait pass between two tries: that
    // try is answered and the next wait doubles, so timing decides how many, never the rule.
    let failures = FREE_LOGIN_FAILURES;
    let lastFailure = tries[FREE_LOGIN_FAILURES - 1];
    for (const t of tries.slice(FREE_LOGIN_FAILURES)) {
      if (t.status !== 401) {
        expect(t.status).toBe(429);
        continue;
      }
      expect(t.answeredAt - lastFailure.sentAt).toBeGreaterThanOrEqual(loginDelayMs(failures));
      failures += 1;
      lastFailure = t;
    }
    expect(waiting).toBeDefined();
    expect(waiting?.body.error?.code).toBe('too_many_requests');
    expect(waiting?.body.error?.message).toMatch(/Coba lagi dalam \d+ detik/);
    expect(Number(waiting?.headers.get('retry-after'))).toBeGreaterThan(0);
    const fromOffice = await login('198.51.100.10', head.email, head.password);
    expect(fromOffice.status).toBe(200);
    expect(typeof fromOffice.body.token).toBe('string');
    // Typing the password wrong a couple of times at the office is still no lockout either.
    expect((await login('198.51.100.11', head.email, 'salah-ketik')).status).toBe(401);
    expect((await login('198.51.100.11', head.email, head.password)).status).toBe(200);
  });

  it('make the same address wait longer after each further failure, with Retry-After', async () => {
    const user = await makeUser(server.db, 'reviewer');
    const ip = '203.0.113.77';
    for (let i = 0; i < FREE_LOGIN_FAILURES; i++)
      expect((await login(ip, user.email, `salah-${i}`)).status).toBe(401);
    const first = await login(ip, user.email, 'salah-lagi');
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBe(1);
    // Waiting it out gives exactly one more attempt, and the next wait is longer.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await login(ip, user.email, 'salah-lagi')).status).toBe(401);
    const second = await login(ip, user.email, user.password);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(2);
    expect([0, 4, 5, 6, 7, 30].map((n) => loginDelayMs(n + FREE_LOGIN_FAILURES) / 1000)).toEqual([
      1, 16, 32, 64, 128, 900,
    ]);
  });
});
