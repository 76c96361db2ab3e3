import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/server';
import { makeUser } from '../support/factories';
import { hashToken } from '../../server/accounts/tokens';
import { CloseCode } from '../../shared/closeCodes';
import {
  castAndDocument,
  connectClient,
  rawSocket,
  RefusedUpgrade,
  sleep,
  typeInto,
  upgradeStatus,
  waitFor,
} from './clients';

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer({}, { collabLimits: { sessionCheckMs: 100 } });
  env = await castAndDocument(server);
  documentId = await env.newDocument();
}, 120_000);
afterAll(() => server.stop());

describe('the upgrade', () => {
  it('answers 401 without a token or with a bad or revoked one, before any WebSocket exists', async () => {
    expect(await upgradeStatus(server, `/collab/${documentId}`)).toBe(401);
    expect(await upgradeStatus(server, `/collab/${documentId}?token=nonsense`)).toBe(401);
    await env.call('POST', '/api/auth/logout', { token: env.cast.outsider.token });
    expect(
      await upgradeStatus(server, `/collab/${documentId}?token=${env.cast.outsider.token}`),
    ).toBe(401);
    const refused = await rawSocket(server, `/collab/${documentId}`).catch(
      (e: RefusedUpgrade) => e,
    );
    expect(refused).toBeInstanceOf(RefusedUpgrade);
    expect(JSON.parse((refused as RefusedUpgrade).body)).toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });

  it('answers 403 to a user whose agency does not take part', async () => {
    const outsider = await makeUser(server.db, 'drafter');
    expect(await upgradeStatus(server, `/collab/${documentId}?token=${outsider.token}`)).toBe(403);
  });

  it('answers 404 to an unknown or malformed document id and to other paths', async () => {
    const token = env.cast.drafter.token;
    expect(await upgradeStatus(server, `/collab/${randomUUID()}?token=${token}`)).toBe(404);
    expect(await upgradeStatus(server, `/collab/not-a-uuid?token=${token}`)).toBe(404);
    expect(await upgradeStatus(server, `/elsewhere/${documentId}?token=${token}`)).toBe(404);
  });

  it('accepts participants by token and by session cookie, but not a cookie sent from another site', async () => {
    expect(
      await upgradeStatus(server, `/collab/${documentId}?token=${env.cast.reviewer.token}`),
    ).toBe(101);
    expect(await upgradeStatus(server, `/collab/${documentId}?token=${env.cast.admin.token}`)).toBe(
      101,
    );
    const cookie = { cookie: `selaras_session=${env.cast.drafter.token}` };
    expect(await upgradeStatus(server, `/collab/${documentId}`, cookie)).toBe(101);
    const host = new URL(server.url).host;
    expect(
      await upgradeStatus(server, `/collab/${documentId}`, { ...cookie, origin: `http://${host}` }),
    ).toBe(101);
    expect(
      await upgradeStatus(server, `/collab/${documentId}`, {
        ...cookie,
        origin: 'https://evil.example',
      }),
    ).toBe(403);
  });
});

describe('an open socket whose session ends', () => {
  it('is closed with 4401 after sign-out or expiry, and the stock client stops reconnecting', async () => {
    const { drafter, reviewer } = env.cast;
    const signedOut = await makeUser(server.db, 'drafter', drafter.agency.code);
    const expiring = await makeUser(server.db, 'reviewer', reviewer.agency.code);
    const [out, expired, stays] = await Promise.all([
      connectClient(server, documentId, signedOut.token),
      connectClient(server, documentId, expiring.token),
      connectClient(server, documentId, drafter.token),
    ]);
    try {
      const closes = [out, expired].map(
        (c) =>
          new Promise<number>((resolve) =>
            c.provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
          ),
      );
      expect((await env.call('POST', '/api/auth/logout', { token: signedOut.token })).status).toBe(
        204,
      );
      await server.db.query(
        `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
        [hashToken(expiring.token)],
      );
      expect(await Promise.all(closes)).toEqual([CloseCode.sessionEnded, CloseCode.sessionEnded]);
      await sleep(500);
      expect(out.provider.shouldConnect).toBe(false);
      expect(expired.provider.wsconnected).toBe(false);
      // The colleague whose session is still live keeps editing.
      expect(stays.provider.wsconnected).toBe(true);
      typeInto(stays.doc, 0, 'tetap ');
      await waitFor(
        async () => (await server.ctx.texts.read(documentId)).textContent.includes('tetap '),
        'the live session’s edit applied',
      );
    } finally {
      for (const c of [out, expired, stays]) c.destroy();
    }
  });
});
