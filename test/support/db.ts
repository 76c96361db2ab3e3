import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
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

/**
 * Creates a fresh database: a new database on TEST_DATABASE_URL, else an in-memory PGlite.
 * `sql` (a plain-SQL dump, as `pg_dump --inserts` writes it) is loaded into it first.
 */
export async function createTestDb(options: { sql?: string } = {}): Promise<TestDb> {
  const admin = testDatabaseUrl();
  if (!admin) return embeddedTestDb(options.sql);
  const name = `selaras_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  // A dump is many statements; pg sends a query without parameters as one simple query.
  if (options.sql) await withAdminClient(url.toString(), (c) => c.query(options.sql!));
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

async function embeddedTestDb(sql?: string): Promise<TestDb> {
  // globalSetup dumps an initialised cluster once; loading the dump skips initdb's seconds.
  let loadDataDir = existsSync(TEMPLATE_DUMP)
    ? new Blob([await readFile(TEMPLATE_DUMP)])
    : undefined;
  if (sql) loadDataDir = await withSql(loadDataDir, sql);
  const db = await openEmbedded({ loadDataDir });
  return { db, drop: () => db.close() };
}

// The dump runs on a PGlite of its own (exec takes many statements, and the dump's
// search_path setting must not outlive it); its data directory then opens as the test's.
async function withSql(loadDataDir: Blob | undefined, sql: string): Promise<Blob> {
  const lite = await PGlite.create({ loadDataDir });
  try {
    await lite.exec(sql);
    return await lite.dumpDataDir('none');
  } finally {
    await lite.close();
  }
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
