import net from 'node:net';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { startTestServer, type TestServer } from '../support/server';
import { castAndDocument, connectClient, paragraphText, rawSocket, waitFor } from './clients';
import { writeUpdate } from '../../server/collab/messages';
import { MESSAGE_SYNC, SYNC_UPDATE } from '../../server/collab/protocol';

// The server corks each socket for the rest of a tick and sends what the tick produced in one
// write (connection.ts). A burst of updates that reaches the server in one chunk is relayed
// within one tick: the server must write it to each reader at once, not frame by frame, yet
// every update must arrive as a WebSocket message of its own, whole and in the order applied.

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;

beforeAll(async () => {
  server = await startTestServer();
  env = await castAndDocument(server);
}, 120_000);
afterAll(() => server.stop());

/** The updates among a socket's frames, in the order they arrived. */
function updatesIn(frames: Uint8Array[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    if (decoding.readVarUint(decoder) !== SYNC_UPDATE) continue;
    updates.push(decoding.readVarUint8Array(decoder));
  }
  return updates;
}

test('a burst relayed within one tick arrives at every reader as separate frames, whole and in order', async () => {
  const id = await env.newDocument();
  const token = env.cast.drafter.token;
  // The writer's copy, to make the burst from: 60 keystrokes, one update each.
  const author = await connectClient(server, id, token);
  const updates: Uint8Array[] = [];
  author.doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== author.provider) updates.push(u);
  });
  author.provider.disconnect();
  const text = paragraphText(author.doc, 1);
  for (let i = 0; i < 60; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  expect(updates).toHaveLength(60);

  const readers = await Promise.all(
    [0, 1, 2].map(() => rawSocket(server, `/collab/${id}?token=${token}`)),
  );
  const writer = await rawSocket(server, `/collab/${id}?token=${token}`);
  // Each reader has had its sync step 1 from the server before the burst: nothing held back.
  await waitFor(() => readers.every((r) => r.frames.length > 0), 'the readers’ sync step 1');

  // Counts the server's socket writes (the server runs in this process) while the burst passes.
  const port = Number(new URL(server.url).port);
  const proto = net.Socket.prototype as unknown as {
    _writeGeneric: (this: net.Socket, ...args: unknown[]) => unknown;
  };
  const original = proto._writeGeneric;
  let writes = 0;
  proto._writeGeneric = function (this: net.Socket, ...args: unknown[]) {
    if (this.localPort === port) writes += 1;
    return original.apply(this, args);
  };
  // One write on the writer's socket: the server reads the burst in one chunk, one tick.
  const wsSocket = (writer.ws as unknown as { _socket: import('node:net').Socket })._socket;
  wsSocket.cork();
  for (const update of updates) writer.ws.send(writeUpdate(update));
  wsSocket.uncork();

  try {
    await waitFor(
      () => readers.every((r) => updatesIn(r.frames).length >= updates.length),
      'every update at every reader',
    );
  } finally {
    proto._writeGeneric = original;
  }
  // Coalesced: each reader's 60 frames left in one write (two if the burst was read in two
  // chunks), not one write per frame.
  expect(writes).toBeLessThanOrEqual(2 * readers.length);
  const expected = new Y.Doc();
  Y.applyUpdate(expected, Y.encodeStateAsUpdate(author.doc));
  for (const reader of readers) {
    const got = updatesIn(reader.frames);
    expect(got).toHaveLength(updates.length);
    // Whole and in order: byte for byte the updates the writer sent, one frame each.
    got.forEach((update, i) =>
      expect(Buffer.from(update).equals(Buffer.from(updates[i]))).toBe(true),
    );
  }

  // And the server's copy holds them all: a fresh client sees the typed text.
  const fresh = await connectClient(server, id, token);
  expect(paragraphText(fresh.doc, 1).toString()).toBe(paragraphText(expected, 1).toString());
  fresh.destroy();
  author.destroy();
  expected.destroy();
  for (const socket of [...readers, writer]) socket.ws.close();
});
