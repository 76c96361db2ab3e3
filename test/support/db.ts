import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../../server/db';
import { openPostgres } from '../../server/db/postgres';
import { openEmbedded } from '../../server/db/embedded';
import { TEMPLATE_DUMP } from './paths';

/** A database of its own for one test file, dropped by `drop()`. */
export interface TestDb {
  db: Db;
  /** The connection URL when the engine is PostgreSQL (for spawned servers). */
  url?: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server tests use, or undefined for the embedded engine. */
export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || undefined;

/** Creates a fresh database: a new database on TEST_DATABASE_URL, else an in-memory PGlite. */
export async function createTestDb(): Promise<TestDb> {
  const admin = testDatabaseUrl();
  if (!admin) return embeddedTestDb();
  const name = `selaras_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), { max: 5 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => undefined);
      await withAdminClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function embeddedTestDb(): Promise<TestDb> {
  // globalSetup dumps an initialised cluster once; loading the dump skips initdb's seconds.
  const loadDataDir = existsSync(TEMPLATE_DUMP)
    ? new Blob([await readFile(TEMPLATE_DUMP)])
    : undefined;
  const db = await openEmbedded({ loadDataDir });
  return { db, drop: () => db.close() };
}

async function withAdminClient<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
