import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createLiveText, type LiveText } from '../../server/collab/liveText';
import { MemoryDocumentStore } from '../../server/text/memoryStore';
import { writeSyncStep1, writeUpdate } from '../../server/collab/messages';
import { DEFAULT_LIMITS, MESSAGE_SYNC, type Limits } from '../../server/collab/protocol';
import { noRelay } from '../../server/collab/relay';
import type { Room, RoomSocket } from '../../server/collab/room';
import { encodeDocument } from '../../server/documents/text';
import { localEventHub } from '../../server/events/hub';
import { createLogger } from '../../server/log';
import { createMetrics } from '../../server/metrics';
import { CloseCode } from '../../shared/closeCodes';
import { clause, doc, title } from '../shared/builders';
import { clausesOf, typeInto, waitFor } from './clients';

// The room registry's whole lifecycle over the in-memory document store, with no database and
// no socket: a client is a Y.Doc speaking the sync protocol straight to its room.

const DOCUMENT = '00000000-0000-4000-8000-000000000001';

/** A client of a room: its own Y.Doc, synced through the frames the room sends it. */
class Client implements RoomSocket {
  readonly doc = new Y.Doc();
  private room: Room | undefined;

  constructor(readonly userId: string) {}

  /** Joins the room and asks for what it holds. */
  join(room: Room): void {
    this.room = room;
    room.join(this, { userId: this.userId, mayEdit: true });
    room.receive(this, writeSyncStep1(this.doc));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.room?.receive(this, writeUpdate(update));
    });
  }

  send(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 1) this.room?.receive(this, encoding.toUint8Array(reply));
  }

  close(): void {
    this.leave();
  }

  /** Leaves the room, as the socket adapter does once the socket has closed. */
  leave(): void {
    this.room?.leave(this);
    this.room = undefined;
  }
}

/** Every live text a test made, closed after it. */
const made: LiveText[] = [];
afterEach(async () => {
  for (const live of made.splice(0)) {
    await live.rooms.closeAll(CloseCode.goingAway, 'test over');
    await live.writer.drain(Date.now() + 1_000);
  }
});

/** The live text of one instance over a fresh memory store holding one two-Pasal document. */
function setup(limits: Partial<Limits> = {}) {
  const store = new MemoryDocumentStore();
  store.create(
    DOCUMENT,
    encodeDocument(
      doc(title('Nota'), clause('p1', 'Tujuan', 'Awal'), clause('p2', 'Ruang', 'Isi')),
    ),
  );
  const warnings: string[] = [];
  const log = createLogger('warn', {
    write: (line: string) => void warnings.push(JSON.parse(line).msg),
  });
  const live: LiveText = createLiveText({
    store,
    events: localEventHub(),
    log,
    metrics: createMetrics(),
    limits: {
      ...DEFAULT_LIMITS,
      flushDelayMs: 20,
      maxRetryDelayMs: 50,
      compactSweepMs: 0,
      ...limits,
    },
    relay: noRelay,
  });
  made.push(live);
  return { store, live, warnings };
}

/** Opens the document and joins a client of each user to it. */
async function open(live: LiveText, ...userIds: string[]): Promise<Client[]> {
  const lease = await live.rooms.acquire(DOCUMENT);
  const clients = userIds.map((userId) => new Client(userId));
  for (const client of clients) client.join(lease.room);
  lease.release();
  return clients;
}

/** The clause texts of what the store holds for the document. */
async function storedTexts(store: MemoryDocumentStore): Promise<string[]> {
  const stored = (await store.load(DOCUMENT))!;
  const ydoc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(ydoc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(ydoc, update);
  const texts = clausesOf(ydoc).map((c) => c.text);
  ydoc.destroy();
  return texts;
}

describe('room registry over the in-memory document store', () => {
  it('shares a room between two clients, unloads it once the last leaves and its updates are stored, and reloads the same text', async () => {
    const { store, live } = setup();
    const [ani, budi] = await open(live, 'ani', 'budi');
    typeInto(ani.doc, 0, ' satu');
    typeInto(budi.doc, 1, 'dua');
    // Each sees the other's typing through the room.
    expect(clausesOf(budi.doc)[0].text).toBe('Awal satu');
    expect(clausesOf(ani.doc)[1].text).toBe('Isidua');

    ani.leave();
    expect(live.rooms.size).toBe(1);
    budi.leave();
    // The last one left: the room stays until its updates are stored, then goes.
    expect(live.rooms.peek(DOCUMENT)).toBeDefined();
    await waitFor(() => live.rooms.size === 0, 'the room to unload');
    expect(store.count(DOCUMENT)).toBe(' satu'.length + 'dua'.length);
    expect(await storedTexts(store)).toEqual(['Awal satu', 'Isidua']);

    // Both editing sessions ended with the room, each audited once its updates were stored.
    await live.audited();
    const edits = store.events.filter((e) => e.kind === 'edit');
    expect(edits.map((e) => e.actorId).sort()).toEqual(['ani', 'budi']);
    expect(store.journal.size).toBe(0);

    const [carla] = await open(live, 'carla');
    expect(clausesOf(carla.doc).map((c) => c.text)).toEqual(['Awal satu', 'Isidua']);
    carla.leave();
    await waitFor(() => live.rooms.size === 0, 'the room to unload again');
  });

  it('revives a room a client rejoins while it unloads, instead of loading it again', async () => {
    const { live } = setup({ flushDelayMs: 200 });
    const [ani] = await open(live, 'ani');
    const room = live.rooms.peek(DOCUMENT);
    typeInto(ani.doc, 0, 'x');
    ani.leave();
    const [again] = await open(live, 'ani');
    expect(live.rooms.peek(DOCUMENT)).toBe(room);
    await live.writer.whenStored(DOCUMENT);
    expect(live.rooms.size).toBe(1);
    again.leave();
    await waitFor(() => live.rooms.size === 0, 'the room to unload');
  });

  it('compacts an open room through the store once its stored updates pass the threshold', async () => {
    const { store, live } = setup({ compactThreshold: 10, compactOnUnload: 1_000 });
    const [ani] = await open(live, 'ani');
    typeInto(ani.doc, 0, ' dan seterusnya');
    // Created with snapshot version 1; the compaction writes version 2.
    await waitFor(
      async () => (await store.load(DOCUMENT))!.version > 1,
      'the open room to compact',
    );
    expect(store.count(DOCUMENT)).toBeLessThan(10);
    // The live state replaced the snapshot: what a load reads is what the room holds.
    expect(await storedTexts(store)).toEqual(clausesOf(ani.doc).map((c) => c.text));
    ani.leave();
    await waitFor(() => live.rooms.size === 0, 'the room to unload');
    expect(await storedTexts(store)).toEqual(['Awal dan seterusnya', 'Isi']);
  });

  it('compacts as the room unloads, and sweeps what a closed document left past its snapshot', async () => {
    const { store, live } = setup({
      compactThreshold: 1_000,
      compactOnUnload: 3,
      compactSweepMs: 0,
    });
    const [ani] = await open(live, 'ani');
    typeInto(ani.doc, 1, 'abcd');
    ani.leave();
    await waitFor(() => live.rooms.size === 0, 'the room to unload');
    expect(store.count(DOCUMENT)).toBe(0);
    expect(await storedTexts(store)).toEqual(['Awal', 'Isiabcd']);

    // Updates stored while no room held the document (another instance, a crash) are swept.
    const other = new Y.Doc();
    Y.applyUpdate(other, (await store.load(DOCUMENT))!.snapshot!);
    const tail: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => tail.push(u));
    typeInto(other, 0, '!!!');
    await store.append(tail.map((update) => ({ documentId: DOCUMENT, update, userId: null })));
    expect(store.count(DOCUMENT)).toBe(3);
    await live.rooms.sweep();
    expect(store.count(DOCUMENT)).toBe(0);
    expect(await storedTexts(store)).toEqual(['Awal!!!', 'Isiabcd']);
  });

  it('keeps serving and keeps the updates when storing fails, and stores them once the store is back', async () => {
    const { store, live, warnings } = setup();
    const [ani, budi] = await open(live, 'ani', 'budi');
    store.failing = new Error('storage unreachable');
    typeInto(ani.doc, 0, ' tetap');
    await waitFor(() => warnings.includes('storing updates failed; retrying'), 'a failed write');
    // The room still serves: the other client has the text, and so does a newcomer.
    expect(clausesOf(budi.doc)[0].text).toBe('Awal tetap');
    const [carla] = await open(live, 'carla');
    expect(clausesOf(carla.doc)[0].text).toBe('Awal tetap');
    expect(store.count(DOCUMENT)).toBe(0);

    // Everyone leaves: the room cannot unload while its updates are unstored.
    const failed = () => warnings.filter((w) => w === 'storing updates failed; retrying').length;
    const before = failed();
    for (const client of [ani, budi, carla]) client.leave();
    await waitFor(() => failed() >= before + 2, 'two more failed retries');
    expect(live.rooms.size).toBe(1);
    expect(live.writer.backlog).toBe(' tetap'.length);

    store.failing = undefined;
    await waitFor(() => live.rooms.size === 0, 'the room to unload after the retry');
    expect(await storedTexts(store)).toEqual(['Awal tetap', 'Isi']);
  });

  it('answers 404 for a document the store does not hold', async () => {
    const { live } = setup();
    await expect(live.rooms.acquire('00000000-0000-4000-8000-00000000dead')).rejects.toMatchObject({
      status: 404,
    });
    expect(live.rooms.size).toBe(0);
  });
});
