import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../support/server';
import {
  castAndDocument,
  clausesOf,
  connectClient,
  paragraphText,
  rawSocket,
  sleep,
  typeInto,
  waitFor,
  type Client,
} from './clients';
import { CloseCode } from '../../server/collab/protocol';
import { writeUpdate } from '../../server/collab/messages';

const LIMITS = {
  maxMessageBytes: 64 * 1024,
  messagesPerSecond: 20,
  messageBurst: 40,
  heartbeatMs: 150,
};

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { collabLimits: LIMITS });
  env = await castAndDocument(server);
}, 120_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => server.stop());

const open = async (documentId: string) => {
  const client = await connectClient(server, documentId, env.cast.drafter.token);
  clients.push(client);
  return client;
};
const socketPath = (id: string) => `/collab/${id}?token=${env.cast.drafter.token}`;
const liveClauses = async (id: string) =>
  (await env.call('GET', `/api/documents/${id}/clauses`, { token: env.cast.drafter.token })).body;

/** A deterministic pseudo-random frame. */
function noise(seed: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  return bytes;
}

/** Proves the server still edits and relays the document, with `client` in it. */
async function stillEditable(id: string, client: Client, word: string) {
  typeInto(client.doc, 0, word);
  const other = await open(id);
  await waitFor(() => clausesOf(other.doc)[0].text.includes(word), `relay of ${word}`);
}

describe('hostile and broken clients', () => {
  it('closes only the connection that sent an undecodable or unknown frame, and the document is intact', async () => {
    const id = await env.newDocument();
    const client = await open(id);
    const before = await liveClauses(id);
    const frames: [string, Uint8Array | string, number[]][] = [
      ['a text frame', 'halo', [CloseCode.unsupportedData]],
      ['an unknown message type', new Uint8Array([7, 1]), [CloseCode.unsupportedData]],
      ['a sync message cut short', new Uint8Array([0]), [CloseCode.invalidPayload]],
      [
        'an update longer than its frame',
        new Uint8Array([0, 2, 50, 1, 2, 3]),
        [CloseCode.invalidPayload],
      ],
      [
        'an update of garbage',
        new Uint8Array([0, 2, 6, 255, 255, 255, 255, 255, 255]),
        [CloseCode.invalidPayload],
      ],
      [
        'an awareness update of garbage',
        new Uint8Array([1, 5, 1, 2, 3, 4, 5]),
        [CloseCode.invalidPayload],
      ],
      [
        'a state vector of garbage',
        new Uint8Array([0, 0, 3, 200, 200, 200]),
        [CloseCode.invalidPayload],
      ],
      ['trailing bytes', new Uint8Array([3, 0]), [CloseCode.invalidPayload]],
      ...[1, 2, 3, 4, 5].map((seed): [string, Uint8Array, number[]] => [
        `noise #${seed}`,
        noise(seed, 300),
        [CloseCode.unsupportedData, CloseCode.invalidPayload],
      ]),
    ];
    for (const [what, frame, codes] of frames) {
      const raw = await rawSocket(server, socketPath(id));
      raw.ws.send(frame);
      const { code } = await raw.closed;
      expect([what, codes.includes(code)]).toEqual([what, true]);
    }
    expect(client.provider.wsconnected).toBe(true);
    expect(await liveClauses(id)).toEqual(before);
    await stillEditable(id, client, ' utuh');
  });

  it('closes an oversized frame with 1009 and applies nothing of it', async () => {
    const id = await env.newDocument();
    const client = await open(id);
    const before = await liveClauses(id);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, await server.ctx.texts.state(id));
    const vector = Y.encodeStateVector(replica);
    paragraphText(replica, 1).insert(0, 'Y'.repeat(LIMITS.maxMessageBytes));
    const raw = await rawSocket(server, socketPath(id));
    raw.ws.send(writeUpdate(Y.encodeStateAsUpdate(replica, vector)));
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig);
    expect(await liveClauses(id)).toEqual(before);
    await stillEditable(id, client, ' masih');
  });

  it('closes a connection that sends faster than its rate limit', async () => {
    const id = await env.newDocument();
    const raw = await rawSocket(server, socketPath(id));
    for (let i = 0; i < LIMITS.messageBurst * 3 && raw.ws.readyState === raw.ws.OPEN; i++)
      raw.ws.send(new Uint8Array([3]));
    expect((await raw.closed).code).toBe(CloseCode.policyViolation);
    // A calm client on the same document is unaffected.
    const calm = await rawSocket(server, socketPath(id));
    for (let i = 0; i < 5; i++) calm.ws.send(new Uint8Array([3]));
    await sleep(300);
    expect(calm.ws.readyState).toBe(calm.ws.OPEN);
    calm.ws.close();
  });

  it('drops a connection that stops answering pings, and keeps one that answers', async () => {
    const id = await env.newDocument();
    const dead = await rawSocket(server, socketPath(id), { autoPong: false });
    const alive = await rawSocket(server, socketPath(id));
    const started = Date.now();
    await dead.closed;
    expect(Date.now() - started).toBeLessThan(LIMITS.heartbeatMs * 6);
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    alive.ws.close();
  });
});

describe('storage outages', () => {
  it('keeps serving from memory while storing fails, and stores everything once it works again', async () => {
    const id = await env.newDocument();
    const a = await open(id);
    const b = await open(id);
    await server.db.query('ALTER TABLE document_updates RENAME TO document_updates_away');
    try {
      typeInto(a.doc, 0, ' selama gangguan');
      await waitFor(
        () => clausesOf(b.doc)[0].text.includes(' selama gangguan'),
        'relay during outage',
      );
      await sleep(600);
    } finally {
      await server.db.query('ALTER TABLE document_updates_away RENAME TO document_updates');
    }
    await waitFor(
      async () => {
        const { rows } = await server.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
          [id],
        );
        return rows[0].n >= ' selama gangguan'.length;
      },
      'stored after the outage',
      5_000,
    );
    a.destroy();
    b.destroy();
    clients.splice(0);
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    const fresh = await open(id);
    expect(clausesOf(fresh.doc)[0].text).toContain(' selama gangguan');
  });
});
