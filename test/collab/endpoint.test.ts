import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/server';
import { makeUser } from '../support/factories';
import { castAndDocument, rawSocket, RefusedUpgrade, upgradeStatus } from './clients';

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
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
