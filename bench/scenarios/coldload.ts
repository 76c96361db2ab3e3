import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { LeveldbPersistence } from 'y-leveldb';
import { openDb } from '../../server/db';
import { loadStoredDocument } from '../../server/text/queries';
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
/** Typists per document, each its own Yjs client and socket, typing UPDATES / TYPISTS keystrokes. */
const TYPISTS = 20;
/** A socket sends this many at once, then one every PACE_MS: well under the per-connection rate limit (burst 300, 100/s). */
const BURST = 150;
const PACE_MS = 13;

/** The updates a drafter's long session leaves: bursts of typing at random places, one update per character. */
function typeSession(doc: Y.Doc, seed: number, count: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (u: Uint8Array) => updates.push(u);
  doc.on('update', collect);
  const random = seededRandom(seed);
  const texts = paragraphTexts(doc);
  while (updates.length < count) {
    const text = texts[Math.floor(random() * texts.length)];
    let at = Math.floor(random() * (text.length + 1));
    for (let i = 0; i < 40 && updates.length < count; i++)
      text.insert(at++, random() < 0.15 ? ' ' : 'k');
  }
  doc.off('update', collect);
  return updates;
}

/** A document's typed history: each typist's updates in order, and the clock each reached. */
interface Typed {
  sessions: Uint8Array[][];
  clocks: Map<number, number>;
}

/** TYPISTS sessions on copies of `state`, UPDATES keystrokes in all. */
function typeDocument(state: Uint8Array, seed: number): Typed {
  const sessions: Uint8Array[][] = [];
  const clocks = new Map<number, number>();
  for (let t = 0; t < TYPISTS; t++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    sessions.push(typeSession(doc, seed * 1_000 + t, UPDATES / TYPISTS));
    clocks.set(doc.clientID, clockOf(doc, doc.clientID));
    doc.destroy();
  }
  return { sessions, clocks };
}

/** A document as stored in the bench: its id and the clock each typist reached. */
interface Prepared {
  id: string;
  clocks: Map<number, number>;
}

/**
 * Cold load: a document that received 20,000 updates (one per keystroke, from 20 typists) and
 * has nothing in memory; the time from opening a socket until the client holds the whole
 * document. The updates go through each server as they would in use: Selaras stores them in
 * its database and compacts in the background as they accumulate; the reference server stores
 * them in LevelDB through y-leveldb (its own persistence, which trims as they accumulate too).
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
        measure: `first open after a restart (median of ${DOCUMENTS})`,
        selaras: ms(median(ours.first)),
        reference: ms(median(theirs.first)),
      },
      {
        scenario,
        measure: 'reopen after it unloaded',
        selaras: ms(median(ours.again)),
        reference: ms(median(theirs.again)),
      },
    ];
  },
};

/** Sends each typist's updates over a socket of its own, paced under the rate limit. */
async function typeThrough(target: Target, id: string, typed: Typed): Promise<void> {
  const sockets = await Promise.all(
    typed.sessions.map(() => BenchClient.connect(target.socketUrl(id))),
  );
  await until(() => sockets.every((s) => s.synced), 'the typists’ sync', 60_000);
  await Promise.all(
    typed.sessions.map(async (updates, t) => {
      for (const [i, update] of updates.entries()) {
        if (i >= BURST) await new Promise((r) => setTimeout(r, PACE_MS));
        sockets[t].sendUpdate(update);
      }
    }),
  );
  // Everything typed has arrived when a fresh client gets it all.
  const check = new Y.Doc();
  const observer = await BenchClient.connect(target.socketUrl(id), { doc: check });
  await until(
    () => [...typed.clocks].every(([client, clock]) => clockOf(check, client) >= clock),
    'every keystroke at the server',
    120_000,
  ).catch(() => undefined);
  await observer.close();
  check.destroy();
  const failed = sockets.filter((s) => s.failed);
  if (failed.length > 0)
    throw new Error(`bench: ${failed.length} cold-load typists closed: ${failed[0].closedWith}`);
  await Promise.all(sockets.map((s) => s.close()));
}

async function selaras(ctx: BenchContext) {
  ctx.progress(`cold load: selaras, typing ${DOCUMENTS} × ${UPDATES} updates through the server`);
  let target = await startSelaras(ctx.storage);
  const prepared: Prepared[] = [];
  try {
    // The documents are typed at the same time, each by its own typists.
    const ids: string[] = [];
    for (let i = 0; i < DOCUMENTS; i++) ids.push(await target.newDocument());
    const typedAll = await Promise.all(
      ids.map(async (id, i) => {
        const doc = new Y.Doc();
        const client = await BenchClient.connect(target.socketUrl(id), { doc });
        await until(() => client.synced && paragraphTexts(doc).length > 0, 'the document', 60_000);
        await client.close();
        const typed = typeDocument(Y.encodeStateAsUpdate(doc), i + 1);
        doc.destroy();
        await typeThrough(target, id, typed);
        return typed;
      }),
    );
    ids.forEach((id, i) => prepared.push({ id, clocks: typedAll[i].clocks }));
  } finally {
    // A restart: nothing of the documents stays in memory.
    await target.stop();
  }
  ctx.progress(
    'cold load: selaras, stored updates left past the snapshot: ' + (await tails(ctx, prepared)),
  );
  target = await startSelaras(ctx.storage);
  try {
    return await openEach(target, prepared, ctx);
  } finally {
    await target.stop();
  }
}

/** How many updates each document keeps past its snapshot: what a load replays. */
async function tails(ctx: BenchContext, prepared: Prepared[]): Promise<string> {
  const db = await openDb(ctx.storage);
  try {
    const counts: number[] = [];
    for (const p of prepared) counts.push((await loadStoredDocument(db, p.id))!.updates.length);
    return counts.join(', ');
  } finally {
    await db.close();
  }
}

async function reference(ctx: BenchContext) {
  ctx.progress(`cold load: reference, storing ${DOCUMENTS} × ${UPDATES} updates`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'selaras-bench-leveldb-'));
  const prepared: Prepared[] = [];
  const store = new LeveldbPersistence(dir);
  for (let i = 0; i < DOCUMENTS; i++) {
    const id = `cold-${i}`;
    await store.storeUpdate(id, ctx.templateState);
    const typed = typeDocument(ctx.templateState, i + 1);
    for (const session of typed.sessions)
      for (const update of session) await store.storeUpdate(id, update);
    prepared.push({ id, clocks: typed.clocks });
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
  const list = (times: number[]) => times.map((t) => t.toFixed(1)).join(', ');
  ctx.progress(
    `cold load: ${target.kind}, first opens ${list(first)} ms; reopens ${list(again)} ms`,
  );
  return { first, again };
}

async function openOnce(target: Target, prepared: Prepared): Promise<number> {
  const doc = new Y.Doc();
  const started = performance.now();
  const client = await BenchClient.connect(target.socketUrl(prepared.id), { doc });
  // The reference answers before its LevelDB read finishes, then sends the rest as an update:
  // the document counts as loaded when the client holds every typist's last keystroke.
  await until(
    () => [...prepared.clocks].every(([client, clock]) => clockOf(doc, client) >= clock),
    'the whole document',
    60_000,
  );
  const elapsed = performance.now() - started;
  await client.close();
  doc.destroy();
  return elapsed;
}
