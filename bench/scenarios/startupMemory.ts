import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Scenario } from '../scenario';
import { median, type ResultRow } from '../table';
import { rss, startReference, startSelaras, treeRss, type Target } from '../targets';

const IDLE_MS = 5_000;

/**
 * Memory of the embedded default as a newcomer starts it: the whole `npm start` process tree
 * (npm, its shell and the server) on a fresh data directory, idle after the demo was seeded;
 * then a second start on the same directory. Runs on the embedded engine only.
 */
export const startupMemory: Scenario = {
  name: 'startup-memory',
  async run(ctx) {
    if (ctx.storage.databaseUrl) return [];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-bench-start-'));
    try {
      ctx.progress('startup memory: npm start on a fresh directory, demo seeded');
      const first = await idle(
        await startSelaras({ dataDir }, { npm: true, seedDemo: true, bare: true }),
      );
      ctx.progress('startup memory: npm start again on the same directory');
      const second = await idle(await startSelaras({ dataDir }, { npm: true, bare: true }));
      const reference = await idle(await startReference());
      const scenario = 'embedded memory, `npm start` process tree idle';
      const row = (measure: string, ours: Idle): ResultRow => ({
        scenario,
        measure,
        selaras: `${mb(ours.tree)} (server ${mb(ours.server)})`,
        reference: `${mb(reference.server)} (node only, nothing stored)`,
      });
      return [
        row('first start, after the demo was seeded', first),
        row('second start on the same data', second),
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

interface Idle {
  tree: number;
  server: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The tree's and the server's resident memory after IDLE_MS idle (median of three samples); stops the target. */
async function idle(target: Target): Promise<Idle> {
  try {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const trees: number[] = [];
    const servers: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 300));
      trees.push(treeRss(target.tree()));
      servers.push(rss(target.pid));
    }
    return { tree: median(trees), server: median(servers) };
  } finally {
    await target.stop();
  }
}
