import fc from 'fast-check';
import * as Y from 'yjs';
import type { Db, Queryable } from '../../server/db';
import { openPostgres } from '../../server/db/postgres';
import { compactOpen, compactStored } from '../../server/text/compaction';
import type { StoredBase } from '../../server/text/store';
import { buildDoc } from '../../server/documents/text';
import { appendUpdates, countUpdates, loadStoredDocument } from '../../server/text/queries';
import { startTestServer, type TestServer } from '../support/server';
import { castAndDocument, paragraphText, waitFor } from './clients';

// Background compaction never loses an update, whatever interleaves with it. Two instances
// (on PostgreSQL two connection pools on one database; on the embedded engine, which is one
// process, two writers on its one connection) each hold the document open, type into their live
// copy and store each batch as the update writer does, while either compacts (an open room
// folding its live state in, as when it passes the threshold; or a sweep merging what is
// stored, as for a closed document) and loads read the stored document, all started in a
// random order and at random moments. Every load must hold every update stored before it
// started, and at the end the stored document must equal the merge of both live copies.

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
let second: Db;
let closeSecond: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  // No sweep of the server's own: the test drives every compaction itself.
  server = await startTestServer({}, { collabLimits: { compactSweepMs: 0 } });
  env = await castAndDocument(server);
  if (server.testDb.url) {
    const pool = openPostgres(server.testDb.url, { max: 3 });
    second = pool;
    closeSecond = () => pool.close();
  } else second = server.db;
}, 120_000);
afterAll(async () => {
  await closeSecond();
  await server.stop();
});

/** One instance holding the document open: its live copy and what it knows is stored. */
class Instance {
  live!: Y.Doc;
  base!: StoredBase;
  private compacting: Promise<void> | undefined;

  constructor(
    readonly db: Db,
    readonly documentId: string,
  ) {}

  async open(): Promise<void> {
    const stored = (await loadStoredDocument(this.db, this.documentId))!;
    this.live = buildDoc(
      stored.snapshot,
      stored.updates.map((u) => u.update),
    );
    this.base = {
      version: stored.version,
      ids: stored.updates.map((u) => u.id),
      contained: true,
    };
  }

  /** Types `count` characters, each its own update, applied live and then stored in one batch. */
  async type(count: number, seed: number): Promise<Uint8Array[]> {
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    this.live.on('update', collect);
    const text = paragraphText(this.live, seed % 3);
    for (let i = 0; i < count; i++) text.insert((seed * 7 + i) % (text.length + 1), 'xyz'[i % 3]);
    this.live.off('update', collect);
    const stored = await appendUpdates(
      this.db,
      updates.map((update) => ({ documentId: this.documentId, update, userId: null })),
    );
    this.base.ids.push(...stored.map((s) => s.id));
    return updates;
  }

  /** The open room's compaction, as rooms.ts runs it. */
  compactOpen(): Promise<void> {
    if (this.compacting) return this.compacting;
    const taken = this.base.ids.length;
    this.compacting = compactOpen(this.db, this.documentId, this.base, () =>
      Y.encodeStateAsUpdate(this.live),
    )
      .then((next) => {
        this.base = { ...next, ids: this.base.ids.slice(taken) };
      })
      .finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /** What another instance applied and relayed here. */
  receive(updates: Uint8Array[]): void {
    for (const u of updates) Y.applyUpdate(this.live, u);
  }
}

type Op =
  | { kind: 'type'; who: 0 | 1; count: number; seed: number; relay: boolean }
  | { kind: 'compactOpen'; who: 0 | 1 }
  | { kind: 'sweep'; who: 0 | 1 }
  | { kind: 'load' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      who: fc.constantFrom(0 as const, 1 as const),
      count: fc.integer({ min: 1, max: 25 }),
      seed: fc.nat(1000),
      relay: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('compactOpen' as const),
      who: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sweep' as const),
      who: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('load' as const) }) },
);

/** Whether `doc` holds every update of `updates`. */
function holdsAll(doc: Y.Doc, updates: Uint8Array[]): boolean {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const u of updates) {
    const needed = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(u));
    for (const [client, clock] of needed) if ((sv.get(client) ?? 0) < clock) return false;
  }
  return true;
}

async function storedDoc(db: Db, documentId: string): Promise<Y.Doc> {
  const stored = (await loadStoredDocument(db, documentId))!;
  return buildDoc(
    stored.snapshot,
    stored.updates.map((u) => u.update),
  );
}

const content = (doc: Y.Doc) => doc.getXmlFragment('prosemirror').toString();

test('no interleaving of typing, open-room compaction, sweeps and loads on two instances loses an update', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(op, fc.nat(6)), { minLength: 4, maxLength: 24 }),
      async (script) => {
        const documentId = await env.newDocument();
        const instances = [
          new Instance(server.db, documentId),
          new Instance(second, documentId),
        ] as const;
        await Promise.all(instances.map((i) => i.open()));
        const written: Uint8Array[] = [];
        const failures: string[] = [];
        // Every op starts after a random number of macrotasks, so they overlap at random.
        await Promise.all(
          script.map(async ([step, delay]) => {
            for (let i = 0; i < delay; i++) await new Promise((r) => setImmediate(r));
            const instance = step.kind === 'load' ? undefined : instances[step.who];
            switch (step.kind) {
              case 'type': {
                const updates = await instance!.type(step.count, step.seed);
                written.push(...updates);
                if (step.relay) instances[1 - step.who].receive(updates);
                break;
              }
              case 'compactOpen':
                await instance!.compactOpen();
                break;
              case 'sweep':
                await compactStored(instance!.db, documentId);
                break;
              case 'load': {
                const before = [...written];
                const doc = await storedDoc(server.db, documentId);
                if (!holdsAll(doc, before)) failures.push('a load missed a stored update');
                doc.destroy();
                break;
              }
            }
          }),
        );
        // The instances exchange what they did not relay (as a sync does), then the last word:
        // the stored document equals the merge of the live copies and holds every update.
        instances[0].receive([Y.encodeStateAsUpdate(instances[1].live)]);
        instances[1].receive([Y.encodeStateAsUpdate(instances[0].live)]);
        const stored = await storedDoc(server.db, documentId);
        expect(failures).toEqual([]);
        expect(holdsAll(stored, written)).toBe(true);
        expect(content(stored)).toBe(content(instances[0].live));
        expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(instances[0].live));
        stored.destroy();
        for (const i of instances) i.live.destroy();
      },
    ),
    { numRuns: 30 },
  );
}, 240_000);

test('a load that a compaction commits in the middle of still holds every stored update', async () => {
  const documentId = await env.newDocument();
  const typist = new Instance(server.db, documentId);
  await typist.open();
  const updates = await typist.type(30, 5);
  // A reader whose first statement is followed at once by a compaction on another instance.
  let compacted = false;
  const reader: Queryable = {
    async query(text, params) {
      const result = await server.db.query(text, params);
      if (!compacted) {
        compacted = true;
        await compactStored(second, documentId);
      }
      return result as never;
    },
  };
  const stored = (await loadStoredDocument(reader, documentId))!;
  expect(compacted).toBe(true);
  const doc = buildDoc(
    stored.snapshot,
    stored.updates.map((u) => u.update),
  );
  expect(holdsAll(doc, updates)).toBe(true);
  doc.destroy();
  typist.live.destroy();
});

test('the sweep compacts a closed document whose updates were left past its snapshot', async () => {
  const sweeping = await startTestServer(
    {},
    { collabLimits: { compactSweepMs: 50, compactOnUnload: 10 } },
  );
  try {
    const cast = await castAndDocument(sweeping);
    const documentId = await cast.newDocument();
    const typist = new Instance(sweeping.db, documentId);
    await typist.open();
    // Stored as by an instance that stopped before compacting; no room holds the document here.
    const updates = await typist.type(120, 3);
    await waitFor(
      async () => (await countUpdates(sweeping.db, documentId)) === 0,
      'the sweep to fold the stored updates into the snapshot',
      30_000,
    );
    const stored = await storedDoc(sweeping.db, documentId);
    expect(holdsAll(stored, updates)).toBe(true);
    expect(content(stored)).toBe(content(typist.live));
    stored.destroy();
  } finally {
    await sweeping.stop();
  }
}, 120_000);
