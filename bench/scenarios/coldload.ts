import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { LeveldbPersistence } from 'y-leveldb';
import { openDb } from '../../server/db';
import { appendUpdates, loadStoredDocument } from '../../server/collab/queries';
import { buildDoc } from '../../server/collab/compaction';
import { BenchClient, until } from '../client';
import {
  clockOf,
  paragraphTexts,
  seededRandom,
  type BenchContext,
  type Scenario,
} from '../scenario';
import { median, ms } from '../table';
import { startReference, startSelaras, type Target } from '../targets';

const UPDATES = 20_000;
const DOCUMENTS = 3;

/** The updates a drafter's long session leaves: bursts of typing at random places, one update per character. */
function typeSession(doc: Y.Doc, seed: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (u: Uint8Array) => updates.push(u);
  doc.on('update', collect);
  const random = seededRandom(seed);
  const texts = paragraphTexts(doc);
  while (updates.length < UPDATES) {
    const text = texts[Math.floor(random() * texts.length)];
    let at = Math.floor(random() * (text.length + 1));
    for (let i = 0; i < 40 && updates.length < UPDATES; i++)
      text.insert(at++, random() < 0.15 ? ' ' : 'k');
  }
  doc.off('update', collect);
  return updates;
}

/** A document as stored in the bench: its id and the clock its typist reached. */
interface Prepared {
  id: string;
  clientId: number;
  clock: number;
}

/**
 * Cold load: a document with 20,000 stored updates (one per keystroke) and nothing in memory;
 * the time from opening a socket until the client holds the whole document. Selaras reads
 * PostgreSQL; the reference server reads LevelDB (y-leveldb, its own persistence).
 */
export const coldLoad: Scenario = {
  name: 'cold-load',
  async run(ctx) {
    const ours = await selaras(ctx);
    const theirs = await reference(ctx);
    const scenario = `cold load, document with ${UPDATES.toLocaleString('en')} stored updates`;
    return [
      {
        scenario,
        measure: `first open (median of ${DOCUMENTS})`,
        selaras: ms(median(ours.first)),
        reference: ms(median(theirs.first)),
      },
      {
        scenario,
        measure: 'reopen after it unloaded (compacted)',
        selaras: ms(median(ours.again)),
        reference: ms(median(theirs.again)),
      },
    ];
  },
};

async function selaras(ctx: BenchContext) {
  ctx.progress(`cold load: selaras, storing ${DOCUMENTS} × ${UPDATES} updates`);
  let target = await startSelaras(ctx.storage);
  const ids: string[] = [];
  for (let i = 0; i < DOCUMENTS; i++) ids.push(await target.newDocument());
  await target.stop();
  // The server is stopped, so the embedded engine's directory can be opened here.
  const db = await openDb(ctx.storage);
  const prepared: Prepared[] = [];
  try {
    for (const [i, id] of ids.entries()) {
      const stored = await loadStoredDocument(db, id);
      const doc = buildDoc(stored!.snapshot, []);
      const updates = typeSession(doc, i + 1);
      for (let at = 0; at < updates.length; at += 2_000) {
        await appendUpdates(
          db,
          updates.slice(at, at + 2_000).map((update) => ({ documentId: id, update, userId: null })),
        );
      }
      prepared.push({ id, clientId: doc.clientID, clock: clockOf(doc, doc.clientID) });
      doc.destroy();
    }
  } finally {
    await db.close();
  }
  target = await startSelaras(ctx.storage);
  try {
    return await openEach(target, prepared, ctx);
  } finally {
    await target.stop();
  }
}

async function reference(ctx: BenchContext) {
  ctx.progress(`cold load: reference, storing ${DOCUMENTS} × ${UPDATES} updates`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'selaras-bench-leveldb-'));
  const prepared: Prepared[] = [];
  const store = new LeveldbPersistence(dir);
  for (let i = 0; i < DOCUMENTS; i++) {
    const id = `cold-${i}`;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, ctx.templateState);
    await store.storeUpdate(id, ctx.templateState);
    for (const update of typeSession(doc, i + 1)) await store.storeUpdate(id, update);
    prepared.push({ id, clientId: doc.clientID, clock: clockOf(doc, doc.clientID) });
    doc.destroy();
  }
  await store.destroy();
  const target = await startReference({ persistenceDir: dir });
  try {
    return await openEach(target, prepared, ctx);
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openEach(target: Target, prepared: Prepared[], ctx: BenchContext) {
  ctx.progress(`cold load: ${target.kind}, opening`);
  const first: number[] = [];
  const again: number[] = [];
  for (const doc of prepared) first.push(await openOnce(target, doc));
  // Unloading (and compacting) happens after the last client leaves; give it time.
  await new Promise((r) => setTimeout(r, 3_000));
  for (const doc of prepared) again.push(await openOnce(target, doc));
  return { first, again };
}

async function openOnce(target: Target, prepared: Prepared): Promise<number> {
  const doc = new Y.Doc();
  const started = performance.now();
  const client = await BenchClient.connect(target.socketUrl(prepared.id), { doc });
  // The reference answers before its LevelDB read finishes, then sends the rest as an update:
  // the document counts as loaded when the client holds the typist's last keystroke.
  await until(
    () => clockOf(doc, prepared.clientId) >= prepared.clock,
    'the whole document',
    60_000,
  );
  const elapsed = performance.now() - started;
  await client.close();
  doc.destroy();
  return elapsed;
}
