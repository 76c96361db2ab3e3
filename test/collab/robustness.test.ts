import { randomBytes } from 'node:crypto';
import net from 'node:net';
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
import { CloseCode } from '../../shared/closeCodes';
import { writeUpdate } from '../../server/collab/messages';
import { loadStoredYDoc } from '../../server/documents/access';
import type { Clause } from '../../shared/clauses';

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

/** A client frame: FIN, `opcode`, masked (with a zero key, which leaves the payload as it is). */
function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, 0x80 | payload.length])
      : Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, Buffer.alloc(4), payload]);
}

/**
 * A WebSocket client written by hand that answers pings but ignores the server's close and
 * goes on sending, as a hostile flooder would (the `ws` client answers a close at once, so
 * the server would never see what comes after it).
 */
async function stubbornSocket(path: string) {
  const { port } = new URL(server.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.on('error', () => undefined);
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let onUpgrade: (status: string) => void = () => undefined;
  let onClose: (code: number) => void = () => undefined;
  const opened = new Promise<string>((resolve) => (onUpgrade = resolve));
  const closed = new Promise<{ code: number; at: number }>(
    (resolve) => (onClose = (code) => resolve({ code, at: Date.now() })),
  );
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      onUpgrade(buffer.subarray(0, end).toString().split('\r\n')[0]);
      buffer = buffer.subarray(end + 4);
    }
    // Server frames are not masked.
    while (buffer.length >= 2) {
      let length = buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) [length, offset] = [buffer.length >= 4 ? buffer.readUInt16BE(2) : 0, 4];
      else if (length === 127)
        [length, offset] = [buffer.length >= 10 ? Number(buffer.readBigUInt64BE(2)) : 0, 10];
      if (buffer.length < offset + length) return;
      const opcode = buffer[0] & 0x0f;
      const payload = buffer.subarray(offset, offset + length);
      if (opcode === 0x8) onClose(payload.readUInt16BE(0));
      if (opcode === 0x9) socket.write(clientFrame(0xa, payload));
      buffer = buffer.subarray(offset + length);
    }
  });
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  );
  expect(await opened).toBe('HTTP/1.1 101 Switching Protocols');
  return {
    /** Sends a binary frame, whatever the server said. */
    send: (payload: Uint8Array) => socket.write(clientFrame(0x2, payload)),
    /** The server's close frame: its code and when it arrived. */
    closed,
    destroy: () => socket.destroy(),
  };
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

  it('closes a flooding connection with 1008, applies nothing it sent past its limit, and calm editors keep editing', async () => {
    const id = await env.newDocument();
    const calm = [await open(id), await open(id)];
    const breaks = [0, 0];
    calm.forEach((c, i) => c.provider.on('connection-close', () => breaks[i]++));

    // Every flood frame is an update of its own (its own Yjs client, made on the current state),
    // so a frame applied past the limit would show up on its own, not wait for a missing one.
    const base = await server.ctx.texts.state(id);
    const flood = Array.from({ length: LIMITS.messageBurst * 4 }, (_, i) => {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, base);
      const vector = Y.encodeStateVector(replica);
      paragraphText(replica, 1).insert(0, `f${i}x `);
      const frame = writeUpdate(Y.encodeStateAsUpdate(replica, vector));
      replica.destroy();
      return frame;
    });
    const words: string[][] = [[], []];
    const flooder = await stubbornSocket(socketPath(id));
    let closedAt = 0;
    let duringFlood: number[] = [];
    void flooder.closed.then(({ at }) => {
      closedAt = at;
      duringFlood = words.map((w) => w.length);
    });

    // The calm editors type a word every 50 ms (their limit is 20/s) in their own clauses.
    const type = (editor: number) => {
      const word = `calm${editor}w${words[editor].length} `;
      const text = paragraphText(calm[editor].doc, editor === 0 ? 0 : 2);
      text.insert(text.length, word);
      words[editor].push(word);
    };
    const typing = setInterval(() => [0, 1].forEach(type), 50);
    // The flood: 200 frames a second, ten times the rate, every frame sent even after the
    // server's close, so frames past the limit keep arriving while the bucket refills.
    const floodStart = Date.now();
    let lastSentAt: number;
    try {
      for (let sent = 0; sent < flood.length;) {
        flooder.send(flood[sent++]);
        if (sent % 2 === 0) await sleep(10);
      }
      lastSentAt = Date.now();
      await waitFor(() => closedAt > 0, 'the flooder to be closed', 2_000);
    } finally {
      clearInterval(typing);
      flooder.destroy();
    }
    const { code } = await flooder.closed;
    const elapsed = closedAt - floodStart;
    expect(code).toBe(CloseCode.policyViolation);
    // Both calm editors typed while the flood ran, and frames kept coming well after the close.
    expect(duringFlood.every((n) => n >= 2)).toBe(true);
    expect(lastSentAt - closedAt).toBeGreaterThan(200);

    // After the flood: a few more words each, then both see everything the other typed.
    for (let i = 0; i < 3; i++) [0, 1].forEach(type);
    const textOf = (c: Client) => clausesOf(c.doc).map((clause) => clause.text);
    await waitFor(
      () =>
        words.every((own) =>
          own.every((w) => calm.every((c) => textOf(c).some((t) => t.includes(w)))),
        ),
      'the calm editors’ words at each other',
      // The server is still working through the flood's frames; on a busy machine that takes seconds.
      20_000,
    );
    expect(breaks).toEqual([0, 0]);
    expect(calm.every((c) => c.provider.wsconnected)).toBe(true);

    // What was applied of the flood: the first `applied` frames, in order, none past them —
    // at least the burst, at most the burst plus the refill during the flood.
    const floodTags = (texts: string[]) =>
      texts
        .flatMap((t) => [...t.matchAll(/f(\d+)x /g)].map((m) => Number(m[1])))
        .sort((a, b) => a - b);
    const applied = floodTags(textOf(calm[0]));
    expect(applied).toEqual(applied.map((_, i) => i));
    expect(applied.length).toBeGreaterThanOrEqual(LIMITS.messageBurst);
    expect(applied.length).toBeLessThanOrEqual(
      LIMITS.messageBurst + Math.floor((LIMITS.messagesPerSecond * elapsed) / 1000),
    );
    // The same in the other editor, in the server's live text and in what it stored.
    expect(floodTags(textOf(calm[1]))).toEqual(applied);
    const live = (await liveClauses(id)) as Clause[];
    expect(live.map((c) => c.text)).toEqual(textOf(calm[0]));
    await server.collab.flush();
    const stored = await loadStoredYDoc(server.db, id);
    expect(floodTags(clausesOf(stored).map((c) => c.text))).toEqual(applied);
    stored.destroy();
  }, 60_000);

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
