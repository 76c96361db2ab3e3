import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { MAX_SOCKETS_PER_USER } from '../../server/accounts/connectionCap';
import { startTestServer, type TestServer } from '../support/server';
import { makeUser } from '../support/factories';
import {
  castAndDocument,
  connectClient,
  rawSocket,
  RefusedUpgrade,
  sleep,
  upgradeStatus,
  waitFor,
  type Client,
  type RawSocket,
} from '../collab/clients';

jest.setTimeout(120_000);

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  env = await castAndDocument(server);
  documentId = await env.newDocument();
}, 120_000);
afterAll(() => server.stop());

const reviewer = () => makeUser(server.db, 'reviewer', env.cast.inspectorate.code);

describe('collaboration sockets per user', () => {
  it(`refuses the socket past ${MAX_SOCKETS_PER_USER} of one user at the upgrade with 429, and takes it once one closes`, async () => {
    const user = await reviewer();
    const clients: Client[] = [];
    let extra: WebsocketProvider | undefined;
    // The provider's awareness keeps a timer until its Y.Doc is destroyed.
    const doc = new Y.Doc();
    try {
      for (let i = 0; i < MAX_SOCKETS_PER_USER; i++)
        clients.push(await connectClient(server, documentId, user.token));
      const refused = await rawSocket(server, `/collab/${documentId}?token=${user.token}`).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(RefusedUpgrade);
      expect((refused as RefusedUpgrade).status).toBe(429);
      expect(JSON.parse((refused as RefusedUpgrade).body)).toMatchObject({
        error: { code: 'too_many_requests' },
      });
      // Another user of the same agency still gets in.
      const colleague = await reviewer();
      expect(await upgradeStatus(server, `/collab/${documentId}?token=${colleague.token}`)).toBe(
        101,
      );

      // The stock client one over the cap does not get in, and keeps retrying ...
      extra = new WebsocketProvider(
        server.url.replace(/^http/, 'ws') + '/collab',
        documentId,
        doc,
        {
          params: { token: user.token },
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        },
      );
      await sleep(1_000);
      expect(extra.synced).toBe(false);
      // ... until one of the user's sockets closes and frees a place.
      clients.pop()!.destroy();
      const provider = extra;
      await waitFor(() => provider.synced, 'the waiting client taken in', 10_000);
    } finally {
      extra?.destroy();
      doc.destroy();
      for (const c of clients) c.destroy();
    }
  });

  it('holds under parallel upgrades: exactly the cap is accepted', async () => {
    const user = await reviewer();
    const attempts = await Promise.all(
      Array.from({ length: MAX_SOCKETS_PER_USER + 10 }, () =>
        rawSocket(server, `/collab/${documentId}?token=${user.token}`).catch((e: unknown) => e),
      ),
    );
    const open = attempts.filter((a): a is RawSocket => !(a instanceof Error));
    try {
      const statuses = attempts
        .filter((a): a is RefusedUpgrade => a instanceof RefusedUpgrade)
        .map((a) => a.status);
      expect(open).toHaveLength(MAX_SOCKETS_PER_USER);
      expect(statuses).toEqual(Array(10).fill(429));
    } finally {
      for (const s of open) s.ws.close();
    }
  });
});
