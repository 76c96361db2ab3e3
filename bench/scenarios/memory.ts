import * as Y from 'yjs';
import { BenchClient, until } from '../client';
import type { BenchContext, Scenario } from '../scenario';
import { kb, median, type ResultRow } from '../table';
import { rss, startReference, startSelaras, type Target } from '../targets';

const DOCUMENTS = 500;
const CLIENTS_PER_DOCUMENT = 2;
const SETTLE_MS = 3_000;

/**
 * Server memory with many idle open documents: resident memory of the server process with
 * 500 documents × 2 connected clients, minus its memory before they connected.
 */
export const memory: Scenario = {
  name: 'memory',
  async run(ctx) {
    const selaras = await measure(await startSelaras(ctx.storage), ctx);
    const reference = await measure(await startReference(), ctx);
    const rows: ResultRow[] = [
      {
        scenario: `memory, ${DOCUMENTS} documents × ${CLIENTS_PER_DOCUMENT} clients`,
        measure: 'per open document',
        selaras: kb(selaras.perDocument),
        reference: kb(reference.perDocument),
      },
      {
        scenario: `memory, ${DOCUMENTS} documents × ${CLIENTS_PER_DOCUMENT} clients`,
        measure: 'process RSS before → after',
        selaras: `${mb(selaras.before)} → ${mb(selaras.after)}`,
        reference: `${mb(reference.before)} → ${mb(reference.after)}`,
      },
    ];
    return rows;
  },
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function sampleRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 300));
    samples.push(rss(pid));
  }
  return median(samples);
}

async function measure(target: Target, ctx: BenchContext) {
  const clients: BenchClient[] = [];
  try {
    ctx.progress(`memory: ${target.kind}, creating ${DOCUMENTS} documents`);
    const ids: string[] = [];
    for (let i = 0; i < DOCUMENTS; i += 10) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, DOCUMENTS - i) }, () => target.newDocument()),
        )),
      );
    }
    await openAll(target, ctx, ids.splice(0, 1), clients);
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const before = await sampleRss(target.pid);
    ctx.progress(`memory: ${target.kind}, opening ${ids.length} documents`);
    await openAll(target, ctx, ids, clients);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const after = await sampleRss(target.pid);
    return { before, after, perDocument: (after - before) / ids.length };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await target.stop();
  }
}

/** Connects the clients of each document: the first keeps a copy (and seeds the reference server), the second does not. */
async function openAll(target: Target, ctx: BenchContext, ids: string[], clients: BenchClient[]) {
  for (let i = 0; i < ids.length; i += 25) {
    const batch = ids.slice(i, i + 25);
    const opened = await Promise.all(
      batch.map(async (id) => {
        const doc = new Y.Doc();
        if (target.kind === 'reference') Y.applyUpdate(doc, ctx.templateState);
        const first = await BenchClient.connect(target.socketUrl(id), { doc });
        const rest = await Promise.all(
          Array.from({ length: CLIENTS_PER_DOCUMENT - 1 }, () =>
            BenchClient.connect(target.socketUrl(id)),
          ),
        );
        return [first, ...rest];
      }),
    );
    clients.push(...opened.flat());
  }
  // Generous: on a busy shared machine a thousand syncs can take a minute or more.
  await until(() => clients.every((c) => c.synced), 'every client’s sync', 240_000).catch(
    (error: Error) => {
      const failed = clients.filter((c) => c.failed);
      throw new Error(
        `${error.message}: ${clients.filter((c) => c.synced).length} of ${clients.length} synced, ${failed.length} closed (${failed[0]?.closedWith ?? '-'})`,
      );
    },
  );
}
