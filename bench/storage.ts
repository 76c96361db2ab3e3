import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres } from '../server/db/postgres';
import type { SelarasStorage } from './targets';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where Selaras stores its data during the bench, and how to clean up after. */
export interface BenchStorage {
  storage: SelarasStorage;
  /** A line for the results: which engine and where. */
  description: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh database for one bench run: with `embedded`, the embedded engine in a temporary
 * directory; else on BENCH_DATABASE_URL, DATABASE_URL or a PostgreSQL
 * answering at the local default address when there is one, else the embedded engine in a
 * temporary directory.
 */
export async function benchStorage(options: { embedded?: boolean } = {}): Promise<BenchStorage> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (options.embedded) return embedded(dataDir, removeDir);
  const candidates = [
    process.env.BENCH_DATABASE_URL,
    process.env.DATABASE_URL,
    LOCAL_POSTGRES,
  ].filter((u): u is string => !!u);
  for (const url of candidates) {
    const admin = openPostgres(url, { max: 1 });
    try {
      const name = `selaras_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return {
        storage: { databaseUrl: target.toString(), dataDir },
        description: `PostgreSQL (${(await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v}) at ${target.host}, fresh database`,
        async cleanup() {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
          await admin.close();
          removeDir();
        },
      };
    } catch {
      await admin.close().catch(() => undefined);
    }
  }
  return embedded(dataDir, removeDir);
}

function embedded(dataDir: string, removeDir: () => void): BenchStorage {
  return {
    storage: { dataDir },
    description: 'embedded PostgreSQL (PGlite, the default) in a temporary directory',
    cleanup: async () => removeDir(),
  };
}
